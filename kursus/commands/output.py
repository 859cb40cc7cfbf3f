"""Where a command may write its output, and writing it safely.

Never onto a learner's progress file (by any name: hard link, symlink), never into a
FIFO or device, always atomically (a link at the path is replaced, not written through).
"""

from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path

from kursus.errors import CliError
from kursus.trainer.aggregate import progress_files


def output_format(
    value: str, suffixes: Mapping[str, str], chosen: str | None = None, *, can_choose: bool = True
) -> str:
    """The format an --output file is written in: `chosen` (an explicit --format) when
    given, else the one its suffix names in `suffixes`. Any other suffix, or none, is
    refused: `--output x.pdf` must not quietly get CSV, nor `--output /etc/passwd` a
    report. `can_choose`: the command has a --format that would let the user insist.
    (An explicit format still goes through output_path: never a FIFO, device or folder.)
    """
    if chosen:
        return chosen
    path = Path(value).expanduser()
    fmt = suffixes.get(path.suffix.lower())
    if fmt is None:
        accepted = ", ".join(suffixes)
        insist = ", or give --format" if can_choose else ""
        raise CliError(f"{path}: --output must end in {accepted} (the suffix picks the format){insist}")
    return fmt


def output_path(value: str, folders: list[Path], protected: list[Path]) -> Path:
    """Where --output may write: never onto a learner's progress file, by any name.

    Refused: any path that is (after following links) the same file as a progress file
    in the scanned folder or among the learners read, whether by its own name, a hard
    link, or a symlink; and anything that is not a regular file (a FIFO would hang).
    """
    path = Path(value).expanduser()
    if path.is_dir():
        raise CliError(f"{path}: is a folder; give a file name for --output")
    if not path.parent.is_dir():
        raise CliError(f"{path.parent}: no such folder for --output")
    if path.exists() or path.is_symlink():
        try:
            info = path.stat()
        except OSError as exc:
            raise CliError(f"{path}: cannot use as --output ({exc.strerror or exc})") from None
        if not stat.S_ISREG(info.st_mode):
            raise CliError(f"{path}: not a regular file; refusing to write to it")
        if (info.st_dev, info.st_ino) in _progress_identities(folders, protected):
            raise CliError(f"{path}: is a learner's progress file (or a link to one); refusing to overwrite it")
    return path


def _progress_identities(folders: list[Path], extra: list[Path]) -> set[tuple[int, int]]:
    """(device, inode) of every *.json under the folders, and of the given files."""
    identities = set()
    candidates = list(extra)
    for folder in folders:
        candidates += progress_files(folder)
    for candidate in candidates:
        try:
            info = candidate.stat()
        except OSError:
            continue
        identities.add((info.st_dev, info.st_ino))
    return identities


def write_output(path: Path, text: str, *, private: bool = False) -> None:
    """Write the output atomically (a link at `path` is replaced, never written through).
    `private`: only the owner may read it (a learner's export holds private reflections)."""
    write_output_bytes(path, text.encode("utf-8"), private=private)


def write_output_bytes(path: Path, payload: bytes, *, private: bool = False) -> None:
    """write_output for a binary file (the PDF course record)."""
    from kursus.safefile import readable_mode, write_bytes_atomically

    try:
        write_bytes_atomically(path, payload, 0o600 if private else readable_mode())
    except OSError as exc:
        raise CliError(f"{path}: cannot write ({exc.strerror or exc})") from None
