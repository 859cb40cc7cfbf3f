"""Reading a file that came from outside: a regular file only, and only up to a limit.

A FIFO named like a lesson or progress file would block a reader forever, and a link to
`/dev/zero` would be read until memory ran out. Used by the content and tracking readers.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


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
