"""Files in and out, safely.

Reading a file that came from outside: a regular file only, and only up to a limit. A
FIFO named like a lesson or progress file would block a reader forever, and a link to
`/dev/zero` would be read until memory ran out. Used by the content and tracking readers.

Writing: to a temporary file beside the target, fsynced, then renamed over it, so the
target is always the old or the new file (progress files and report/export outputs).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

TMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    """Temporary files of `path` are `.NAME.<random>.tmp` beside it."""
    return f".{path.name}."


def write_bytes_atomically(path: Path, payload: bytes, mode: int) -> None:
    """Write `payload` so that `path` is always either the old or the new file. A link at
    `path` is replaced by the new file, never written through."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as tmp:
            os.fchmod(tmp.fileno(), mode)
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def readable_mode() -> int:
    """0644 less the user's umask: for outputs meant to be read by others (reports, PDFs,
    the trainer's copy), unlike progress files (0600)."""
    current = os.umask(0)
    os.umask(current)
    return 0o644 & ~current


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; directories cannot be opened on Windows.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class NotARegularFile(OSError):
    """A FIFO, device, socket or folder where a file was expected (never opened for reading)."""


def read_regular_file(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of `path`, which must be a regular file (links to one are fine) of at
    most `limit` bytes. A FIFO, a device (`/dev/zero`) or a folder is refused without
    blocking: the file is opened non-blocking and checked with fstat before any read.

    Raises FileNotFoundError, NotARegularFile, or UnreadableFile for a file over the limit.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"{path}: not a regular file")
        if info.st_size > limit:
            raise FileTooLarge(path, limit, what)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # grew while we read
                raise FileTooLarge(path, limit, what)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


class FileTooLarge(ValueError):
    def __init__(self, path: Path, limit: int, what: str = "file") -> None:
        super().__init__(f"{path}: {what} is larger than {describe_size(limit)}")
        self.path = path
        self.limit = limit
        self.reason = f"{what} is larger than {describe_size(limit)}"


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size // (1024 * 1024)} MiB"
    if size >= 1024:
        return f"{size // 1024} KiB"
    return f"{size} bytes"
