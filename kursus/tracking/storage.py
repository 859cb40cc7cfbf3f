"""Reading and writing a progress file so that it is never half-written.

Every read opens, parses and closes; every write goes to a temporary file in the same
folder, is fsynced, and replaces the old file with `os.replace`, so a reader (or a
crash) only ever sees the complete old file or the complete new one. The TinyDB storage
built on these lives in `tinydb_storage` (imported only when a write needs it).
"""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Any

from kursus.safefile import (
    TMP_SUFFIX,
    FileTooLarge,
    NotARegularFile,
    describe_size,
    read_regular_file,
    temp_prefix,
    write_bytes_atomically,
)

FILE_MODE = 0o600
# A progress file far past any real course history (a full course is well under 1 MiB);
# the limit keeps a runaway or hostile file from taking all memory.
MAX_PROGRESS_BYTES = 256 * 1024 * 1024


class Unreadable(StrEnum):
    """Why a file is not a progress file we can read: each reason once. Its text, in
    Danish and English, is the catalogue's `unreadable.<value>` (kursus/i18n/progress_file.py),
    with the fields named in the comment."""

    NOT_REGULAR = "not_regular"
    TOO_LARGE = "too_large"  # size
    EMPTY = "empty"
    NOT_UTF8 = "not_utf8"
    NOT_JSON = "not_json"  # line, error (the JSON parser's own words)
    TOO_DEEP = "too_deep"
    BAD_VALUE = "bad_value"  # error
    NOT_OBJECT = "not_object"
    NO_META = "no_meta"
    NO_SCHEMA = "no_schema"
    NEWER = "newer"  # version, supported
    TABLE_DAMAGED = "table_damaged"  # table
    PROFILE_DAMAGED = "profile_damaged"
    DISAPPEARED = "disappeared"


class UnreadableProgressFile(Exception):
    """The file exists but is not a progress file we can read: `kind` says why, with
    `fields` for its text; `reason` is that text in English (for log lines and the
    command line's errors). `reason_text(t)` says it in the reader's language."""

    def __init__(self, path: Path, kind: Unreadable, **fields: object) -> None:
        self.path = path
        self.kind = kind
        self.fields = {name: str(value) for name, value in fields.items()}
        self.reason = _english(self.key).format(**self.fields)
        super().__init__(f"{path}: {self.reason}")

    @property
    def key(self) -> str:
        """The catalogue key of the reason."""
        return f"unreadable.{self.kind.value}"

    def reason_text(self, t: Any) -> str:
        """The reason in the reader's language (`t`: a kursus.i18n.Catalogue)."""
        return str(t(self.key, **self.fields))


def _english(key: str) -> str:
    from kursus.i18n.progress_file import EN  # the plain dict: no whole catalogue for an error

    return EN[key]


def read_json_file(path: Path, limit: int = MAX_PROGRESS_BYTES) -> dict[str, Any] | None:
    """The parsed file, None if it does not exist or is empty.

    Only a regular file of at most `limit` bytes is read (see read_regular_file).
    """
    try:
        raw = read_regular_file(path, limit, "progress file")
    except FileNotFoundError:
        return None
    except NotARegularFile:
        raise UnreadableProgressFile(path, Unreadable.NOT_REGULAR) from None
    except FileTooLarge as exc:
        raise UnreadableProgressFile(path, Unreadable.TOO_LARGE, size=describe_size(exc.limit)) from None
    if not raw.strip():
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UnreadableProgressFile(path, Unreadable.NOT_UTF8) from None
    except json.JSONDecodeError as exc:
        raise UnreadableProgressFile(path, Unreadable.NOT_JSON, line=exc.lineno, error=exc.msg) from None
    except RecursionError:
        raise UnreadableProgressFile(path, Unreadable.TOO_DEEP) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise UnreadableProgressFile(path, Unreadable.BAD_VALUE, error=exc) from None
    if not isinstance(data, dict):
        raise UnreadableProgressFile(path, Unreadable.NOT_OBJECT)
    return data


def leftover_temp_files(path: Path) -> list[Path]:
    """Temporary files a killed writer left beside `path` (regular files only)."""
    prefix = temp_prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    found = []
    for name in names:
        if name.startswith(prefix) and name.endswith(TMP_SUFFIX):
            candidate = path.parent / name
            if candidate.is_file() and not candidate.is_symlink():
                found.append(candidate)
    return found


def write_json_atomically(path: Path, data: dict[str, Any]) -> None:
    """Write `data` as JSON so that `path` is always either the old or the new file."""
    write_bytes_atomically(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), FILE_MODE)
