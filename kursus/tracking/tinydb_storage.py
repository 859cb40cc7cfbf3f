"""A TinyDB storage that never leaves a half-written file and holds no open handle.

TinyDB's own JSONStorage rewrites the file in place and keeps it open; this one goes
through `read_json_file` / `write_json_atomically`. Use it under the store's lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from kursus.tracking.storage import read_json_file, write_json_atomically


class AtomicJSONStorage(Storage):
    """TinyDB storage over `read_json_file` / `write_json_atomically`. Use under a lock."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return read_json_file(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_json_atomically(self.path, data)

    def close(self) -> None:  # nothing is held open
        pass
