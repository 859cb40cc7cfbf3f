"""Hostile text is shown literally everywhere; the app works without colour and at 80x24."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kursus.tracking.events import LessonFinished, LessonOpened
from kursus.ui.learner.app import make_app
from kursus.ui.learner.glossary import GlossaryScreen
from kursus.ui.learner.home import HomeScreen
from kursus.ui.learner.journal import JournalScreen
from kursus.ui.learner.reflection import ReflectionScreen
from kursus.ui.learner.scenario import ScenarioScreen
from tests.conftest import HOSTILE_STRINGS, footer_text, only_progress_file, screen_text

SHORT_HOSTILE = [s for s in HOSTILE_STRINGS if len(s) < 100]


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS)
async def test_hostile_name_cohort_and_reflection_render_literally(make_session, hostile: str) -> None:
    session = make_session(name=f"Navn {hostile}", cohort=f"Hold {hostile}")
    session.store.save_reflection("beta", "r1", f"Tekst {hostile}", shared=True)
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        top = screen_text(app).splitlines()[0]
        assert "Navn " in top  # the top bar shows the learner, cut to fit
        if len(hostile) < 40:
            assert f"Navn {hostile}"[:60] in top
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        journal = screen_text(app)
        if len(hostile) > 1000:  # shortened in the list, wrapped at word breaks
            assert "Tekst" in journal and "x" * 70 in journal and "x…" in journal
        else:
            assert f"Tekst {hostile}"[:30] in journal
        await pilot.press("enter")  # open the reflection in its lesson
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.query_one("#text-r1").text == f"Tekst {hostile}"
        assert app.is_running  # [@click=app.quit] did not quit


async def test_hostile_lesson_text_is_literal_in_lesson_and_scenario(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#course-map").highlighted = app.screen.query_one("#course-map").get_option_index("beta")
        await pilot.press("enter")
        await pilot.pause()
        assert "[b]fed?[/b] [/] [@click=app.quit]klik[/] 🎉" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "[@click=app.quit]klik[/]" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        text = screen_text(app)
        assert (
            "(beta).[@click=app.quit]klik[/] 🎉" in text.replace(" [b]", "[b]").replace("\n", "")
            or "[@click=app.quit]klik[/]" in text
        )
        await pilot.press("1")
        await pilot.pause()
        assert "[b]fed?[/b] [/]" in screen_text(app)
        assert app.is_running


async def test_glossary_text_is_literal(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test() as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        assert "Sparringspartner [b]og[/] andenpilot." in screen_text(app)


async def test_no_color_keeps_every_state_readable(make_session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    session = make_session()
    session.store.record_event(LessonOpened("alpha", "da"))
    session.store.record_event(LessonFinished("alpha"))
    session.store.record_event(LessonOpened("beta", "da"))
    app = make_app(session)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.no_color
        text = screen_text(app)
        for word in ("✓ Færdig", "◐ I gang", "○ Ikke startet", "[██████████░░░░░░░░░░░░░░░░░░░░]"):
            assert word in text, word
        await pilot.press("c", "t", "2")
        await pilot.pause()
        assert "✓ Bedste svar" in screen_text(app) and "» 2." in screen_text(app)


async def test_everything_fits_in_80x24(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = footer_text(app)
        for hint in ("c Start", "j Journal", "? Hjælp"):  # a new learner's `c` says "Start"
            assert hint in footer, footer
        await pilot.press("c", "t", "1")
        await pilot.pause()
        # the feedback is scrolled into view even with a long situation and four choices
        assert "Ikke det bedste svar" in screen_text(app)
        footer = footer_text(app)
        assert "r Prøv igen" in footer and "n Næste" in footer


async def test_switching_language_keeps_progress(make_session, progress_dir: Path) -> None:
    app = make_app(make_session())
    async with app.run_test() as pilot:
        await pilot.press("c", "t", "2", "n", "1")
        await pilot.pause()
        assert "Scenarie 2 af 2" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "◐ I gang" in screen_text(app)
        await pilot.press("s")  # switch to English
        await pilot.pause()
        text = screen_text(app)
        assert "◐ In progress" in text and "The alpha lesson" in text
        assert "s Dansk" in footer_text(app)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        assert "Scenario 1 of 2" in text and "Points: 2 of 2" in text
        assert "✓ Best answer" in text  # answered in Danish; the English feedback shows
        assert "This is what you answered last time" in text
    data = json.loads(only_progress_file(progress_dir).read_text())
    assert data["profile"]["1"]["lang"] == "en"


async def test_english_from_the_start(make_session) -> None:
    app = make_app(make_session(lang="en"))
    async with app.run_test() as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "0 of 3 lessons done" in text and "○ Not started" in text and "c Start" in text


async def test_damaged_progress_file_is_reported_to_the_learner(make_session, progress_dir: Path) -> None:
    make_session()  # creates the file
    path = only_progress_file(progress_dir)
    path.write_text("{ not json", encoding="utf-8")
    app = make_app(make_session())
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app).replace("\n", " ")
        assert "kunne ikke læses" in text and ".damaged-" in text.replace(" ", "")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    backups = list(progress_dir.glob("*.damaged-*"))
    assert len(backups) == 1 and backups[0].read_text() == "{ not json"


async def test_file_damaged_while_the_course_is_open_is_reported_not_overwritten(
    make_session, progress_dir: Path
) -> None:
    from kursus.ui.learner.notice import NoticeScreen

    app = make_app(make_session())
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("c", "t")
        await pilot.pause()
        path = only_progress_file(progress_dir)
        path.write_text("{ beskadiget", encoding="utf-8")  # another program breaks the file
        await pilot.press("2")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, NoticeScreen)
        assert "kunne ikke gemmes" in screen_text(app).replace("\n", " ")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", "1", "n")  # more answers: the same problem is not shown again
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("enter", "h", "e", "j", "ctrl+s")
        await pilot.pause()
        assert "IKKE GEMT" in screen_text(app)
        assert app.screen.query_one("#text-r1").text == "hej"
    assert path.read_text(encoding="utf-8") == "{ beskadiget"
