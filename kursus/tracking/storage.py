"""Reading and writing a progress file so that it is never half-written.

Every read opens, parses and closes; every write goes to a temporary file in the same
folder, is fsynced, and replaces the old file with `os.replace`, so a reader (or a
crash) only ever sees the complete old file or the complete new one. The TinyDB storage
built on these lives in `tinydb_storage` (imported only when a write needs it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kursus.safefile import (
    TMP_SUFFIX,
    FileTooLarge,
    NotARegularFile,
    read_regular_file,
    temp_prefix,
    write_bytes_atomically,
)

FILE_MODE = 0o600
# A progress file far past any real course history (a full course is well under 1 MiB);
# the limit keeps a runaway or hostile file from taking all memory.
MAX_PROGRESS_BYTES = 256 * 1024 * 1024


class UnreadableProgressFile(Exception):
    """The file exists but is not a progress file we can read."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_json_file(path: Path, limit: int = MAX_PROGRESS_BYTES) -> dict[str, Any] | None:
    """The parsed file, None if it does not exist or is empty.

    Only a regular file of at most `limit` bytes is read (see read_regular_file).
    """
    try:
        raw = read_regular_file(path, limit, "progress file")
    except FileNotFoundError:
        return None
    except NotARegularFile:
        raise UnreadableProgressFile(path, "not a regular file") from None
    except FileTooLarge as exc:
        raise UnreadableProgressFile(path, exc.reason) from None
    if not raw.strip():
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UnreadableProgressFile(path, "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise UnreadableProgressFile(path, f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise UnreadableProgressFile(path, "JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise UnreadableProgressFile(path, f"not a valid progress file ({exc})") from None
    if not isinstance(data, dict):
        raise UnreadableProgressFile(path, "not a progress file (the top level is not an object)")
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
