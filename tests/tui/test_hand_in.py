"""Handing in from the app (`a` on the course map and on the course overview): the
learner sees what the trainer will see before anything is written, chooses a folder, and
gets the trainer's copy (nothing private) and the PDF there, by keyboard and by mouse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kursus.ui.learner.app import make_app
from kursus.ui.learner.course_done import CourseDoneScreen
from kursus.ui.learner.hand_in import HandInScreen
from kursus.ui.learner.home import HomeScreen
from kursus.ui.widgets.key_hints import KeyHints
from tests.conftest import screen_text, until
from tests.tui.test_lesson_summary import finished_all_but_gamma

SIZE = (80, 24)
SECRET = "HEMMELIG-91c privat"

WORDS = {
    "da": {
        "hint": "a Aflevér",
        "sees": "✓ Underviseren ser: navn, hold, lektioner, point ved første forsøg, tid og 1",
        "private": "✗ Bliver hos dig: 1 privat refleksion",
        "written": "Kopi til underviseren:",
        "pdf": "Forløbsoversigt som PDF:",
        "refused": "Intet blev afleveret:",
        "pdf_name": "forloebsoversigt-mette-hansen",
    },
    "en": {
        "hint": "a Hand in",
        "sees": "✓ Your trainer sees: name, cohort, lessons, first-try points, time",
        "private": "✗ Stays with you: 1 private reflection",
        "written": "Copy for your trainer:",
        "pdf": "Course record as PDF:",
        "refused": "Nothing was handed in:",
        "pdf_name": "course-record-mette-hansen",
    },
}


def prepared(make_session, lang: str):
    session = make_session(lang=lang)
    finished_all_but_gamma(session)  # one shared reflection
    session.store.save_reflection("alpha", "r2", SECRET, shared=False)
    return session


def hand_in_shown(app) -> bool:
    return isinstance(app.screen, HandInScreen) and "✓" in screen_text(app)


async def type_folder(pilot, folder: Path) -> None:
    await pilot.click("#hand-in-folder")
    await pilot.press("ctrl+u", "end", "ctrl+u")  # empty the field, as a person would
    await pilot.press(*str(folder))


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_a_hands_in_to_the_default_folder_by_keyboard(make_session, tmp_path, lang) -> None:
    words = WORDS[lang]
    session = prepared(make_session, lang)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert words["hint"] in screen_text(app)  # all hints visible at 80 columns (two lines)
        await pilot.press("a")
        await until(pilot, lambda: hand_in_shown(app))
        text = screen_text(app)
        assert words["sees"] in text and words["private"] in text
        await pilot.press("enter")
        target = tmp_path / "home" / "Documents" / "kursus"  # HOME is isolated by conftest
        await until(pilot, lambda: words["pdf"] in screen_text(app))
        assert words["written"] in screen_text(app)
        copy = target / session.store.path.name
        data = json.loads(copy.read_text())
        assert [r["text"] for r in data["reflections"].values()] == ["Jeg tager rollerne med"]
        assert SECRET not in copy.read_text()
        assert len(list(target.glob(f"{words['pdf_name']}*.pdf"))) == 1
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_pdf_only_by_mouse_into_a_typed_folder(make_session, tmp_path, lang) -> None:
    words = WORDS[lang]
    session = prepared(make_session, lang)
    app = make_app(session)
    folder = tmp_path / "til mappe"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hints = app.screen.query_one(KeyHints)
        line, start = next((line, start) for line, start, _, key, _ in hints._spans if key == "a")
        await pilot.click(KeyHints, offset=(start + 1, line))  # the "a" hint itself
        await until(pilot, lambda: hand_in_shown(app))
        await type_folder(pilot, folder)
        await pilot.click("#hand-in-pdf")
        await until(pilot, lambda: folder.is_dir() and any(folder.glob("*.pdf")))
        await until(pilot, lambda: words["pdf"] in screen_text(app))
        assert words["written"] not in screen_text(app)
        assert [p.name.startswith(words["pdf_name"]) for p in folder.iterdir()] == [True]  # no copy of the file
        await pilot.click("#hand-in-back")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_the_own_progress_folder_is_refused_on_the_screen(make_session, progress_dir) -> None:
    session = prepared(make_session, "da")
    before = sorted(p.name for p in progress_dir.iterdir())
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await until(pilot, lambda: hand_in_shown(app))
        await type_folder(pilot, progress_dir)
        await pilot.press("enter")
        await until(pilot, lambda: WORDS["da"]["refused"] in screen_text(app))
        flat = " ".join(screen_text(app).split())  # the long path wraps the line
        assert "er din egen" in flat and "vælg en anden mappe" in flat  # in the learner's language
    assert sorted(p.name for p in progress_dir.iterdir()) == before


async def test_an_empty_folder_name_says_so_and_writes_nothing(make_session, tmp_path) -> None:
    session = prepared(make_session, "da")
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await until(pilot, lambda: hand_in_shown(app))
        await pilot.press("ctrl+u", "end", "ctrl+u", "enter")
        await until(pilot, lambda: "Skriv navnet på en mappe." in screen_text(app))
    assert not (tmp_path / "home" / "Documents").exists()


async def test_the_course_overview_hands_in_and_comes_back(make_session) -> None:
    session = prepared(make_session, "en")
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_screen("course_done")
        await until(pilot, lambda: isinstance(app.screen, CourseDoneScreen) and "a Hand in" in screen_text(app))
        await pilot.press("a")
        await until(pilot, lambda: hand_in_shown(app))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CourseDoneScreen))
