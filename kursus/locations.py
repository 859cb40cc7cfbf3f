"""Where things live: the lessons, the progress folder. No Textual here."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "kursus"


def default_progress_dir() -> Path:
    from platformdirs import user_data_dir  # imported here: only needed when no override

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "progress"


def progress_dir(option: str | None = None) -> Path:
    """--progress-dir, then KURSUS_PROGRESS_DIR, then the user data folder."""
    chosen = option or os.environ.get("KURSUS_PROGRESS_DIR")
    return Path(chosen).expanduser() if chosen else default_progress_dir()


def lessons_dir(option: str | None = None) -> Path:
    """--lessons, then KURSUS_LESSONS_DIR, then the lessons shipped with the package."""
    chosen = option or os.environ.get("KURSUS_LESSONS_DIR")
    if chosen:
        return Path(chosen).expanduser()
    return shipped_lessons_dir()


def shipped_lessons_dir() -> Path:
    """The course shipped in the package (kursus/lessons), as a folder on disk."""
    # The package is installed as files (not zipped), so the folder beside this module is
    # the one importlib.resources would give, without importing it (start-up time).
    return Path(__file__).parent / "lessons"
