"""Shared fixtures: an isolated progress folder, the small test course, app sessions.

Nothing here touches the developer's own progress folder or settings: every test gets a
fresh temporary folder, and the KURSUS_* variables are cleared.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

FIXTURE_LESSONS = Path(__file__).parent / "fixtures" / "lessons"
REPO_ROOT = Path(__file__).parent.parent
SHIPPED_LESSONS = REPO_ROOT / "kursus" / "lessons"
"""The course as shipped (the folder authors edit)."""

HOSTILE_STRINGS = [
    "[/]",
    "[b]x[/b]",
    "[@click=app.quit]x[/]",
    "Bob [/ x",
    "$x ${y} {z}",
    "../../etc/passwd",
    "🎉 emoji ✓ ✗ 👩‍👩‍👧",
    "!!python/object:os.system",
    "x" * 10_000,
]


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("KURSUS_PROGRESS_DIR", "KURSUS_LANG", "KURSUS_LESSONS_DIR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # the course and report caches
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def lessons_copy(tmp_path: Path) -> Path:
    """A private copy of the test course, for tests that break it on purpose."""
    target = tmp_path / "lessons"
    shutil.copytree(FIXTURE_LESSONS, target)
    return target


@pytest.fixture
def progress_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "progress"
    return folder


@pytest.fixture
def make_session(progress_dir: Path):
    """Prepare a learner session on the test course (as the CLI would)."""
    from kursus.session import prepare_session

    def make(
        name: str | None = "Mette Hansen",
        lang: str | None = None,
        cohort: str | None = "2027-forår",
        lessons: Path = FIXTURE_LESSONS,
    ):
        return prepare_session(
            lang=lang,
            progress_option=str(progress_dir),
            lessons_option=str(lessons),
            name=name,
            cohort=cohort,
        )

    return make


@pytest.fixture
def cohort(tmp_path: Path):
    """The known trainer cohort, built fresh with the app's own store."""
    from tests.unit.test_trainer_support import build_cohort

    return build_cohort(tmp_path / "mappe")


def screen_text(app) -> str:
    """What a person would read on the terminal right now (plain text, no styles)."""
    from kursus.ui.textual_private import rendered_lines

    return "\n".join(rendered_lines(app.screen))


def footer_text(app) -> str:
    """The key hints at the bottom, as a person reads them (one line, or two when the
    screen's keys do not fit on one)."""
    from kursus.ui.widgets.key_hints import KeyHints

    rows = app.screen.query_one(KeyHints).region.height or 1
    return "\n".join(screen_text(app).splitlines()[-rows:])


async def until(pilot, wanted, timeout: float = 15.0) -> None:
    """Let the app run until wanted() is true; fail after timeout seconds (slow CI machines
    get time, fast ones do not wait). Never a timing assertion: only a deadline."""
    deadline = time.monotonic() + timeout
    while not wanted():
        assert time.monotonic() < deadline, f"not reached within {timeout} s"
        await pilot.pause(0.05)


def only_progress_file(folder: Path) -> Path:
    files = sorted(folder.glob("*.json"))
    assert len(files) == 1, files
    return files[0]


os.environ.setdefault("KURSUS_STRICT_I18N", "1")  # a missing catalogue key fails the test (kursus.i18n)
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")  # read at Textual import: set before it
