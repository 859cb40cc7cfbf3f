"""The learner's walk, by keyboard: first run, lesson, scenarios, reflection, resume."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Checkbox, Input, OptionList, TextArea

from kursus.session import prepare_session
from kursus.tracking.events import LessonOpened, PageViewed
from kursus.ui.learner.app import make_app
from kursus.ui.learner.home import HomeScreen
from kursus.ui.learner.lesson import LessonScreen
from kursus.ui.learner.reflection import ReflectionScreen
from kursus.ui.learner.scenario import ScenarioScreen
from kursus.ui.learner.welcome import WelcomeScreen
from tests.conftest import FIXTURE_LESSONS, only_progress_file, screen_text, until


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


async def test_first_run_asks_name_and_cohort_then_shows_home(make_session, progress_dir: Path) -> None:
    app = make_app(make_session(name=None, cohort=None))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Dit navn" in screen_text(app)
        await pilot.press("enter")  # empty name: refused with a message
        await pilot.pause()
        assert "Skriv dit navn" in screen_text(app)
        app.screen.query_one("#name", Input).value = "Mette Hansen"
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#cohort", Input).value = "2027-forår"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "Mette Hansen · 2027-forår" in text
        assert "0 af 3 lektioner færdige" in text
        assert "○ Ikke startet" in text
    data = json.loads(only_progress_file(progress_dir).read_text())
    assert data["profile"]["1"]["name"] == "Mette Hansen"
    assert data["profile"]["1"]["cohort"] == "2027-forår"


async def test_whole_lesson_by_keyboard_then_resume(make_session, progress_dir: Path) -> None:
    app = make_app(make_session())
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("c")  # continue: the first unfinished lesson
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert "Side 1 af 4: Overblik" in screen_text(app)
        assert "Du kan det første" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert "Side 2 af 4: Første side" in screen_text(app)
        assert "Brødtekst på første side" in screen_text(app)
        await pilot.press("p", "n", "n", "n")
        await pilot.pause()
        assert "Det vigtigste" in screen_text(app) and "Prøv en ting i dit netværk" in screen_text(app)
        assert "Se også" in screen_text(app) and "Lektion 2: Beta-lektionen" in screen_text(app)  # `links`
        await pilot.press("n")  # past the last page: the scenarios
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        assert "Scenarie 1 af 2" in screen_text(app)

        await pilot.press("1")  # wrong, and it branches to a follow-up
        await pilot.pause()
        text = screen_text(app)
        assert "✗ Ikke det bedste svar" in text and "Feedback A (alpha)." in text
        assert "» 1. Svar A" in text
        await pilot.press("r")  # retry, then the best answer with arrows + enter
        await pilot.pause()
        assert "Feedback A" not in screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "✓ Bedste svar" in screen_text(app)
        assert "Point: 0 af 2" in screen_text(app)  # the first try counts
        await pilot.press("n")
        await pilot.pause()
        assert "Scenarie 2 af 2" in screen_text(app)
        await pilot.press("3")
        await pilot.pause()
        assert "◐ Delvist rigtigt" in screen_text(app)
        assert "Point: ½ af 2" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert "⏎ Skriv" in screen_text(app)
        await pilot.press("n", "1")  # pressed once too often: not the learner's text
        await pilot.pause()
        assert "Tryk Enter (eller klik i feltet) for at skrive." in screen_text(app)
        assert app.screen.query_one("#text-r1", TextArea).text == ""
        await pilot.press("enter")
        await pilot.pause()
        assert "⏎ Skriv" not in screen_text(app)  # in the box, Enter starts a new line

        await type_text(pilot, "Jeg tager rollerne med")
        await until(pilot, lambda: "Gemt kl." in screen_text(app))  # saved as you type, after a short pause
        saved = json.loads(only_progress_file(progress_dir).read_text())
        assert [r["text"] for r in saved["reflections"].values()] == ["Jeg tager rollerne med"]
        assert [r["shared"] for r in saved["reflections"].values()] == [False]
        await pilot.press("tab", "space")  # the share toggle
        await pilot.pause()
        assert app.screen.query_one("#share-r1", Checkbox).value is True
        assert "ja, delt" in screen_text(app)
        saved = json.loads(only_progress_file(progress_dir).read_text())
        assert [r["shared"] for r in saved["reflections"].values()] == [True]
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("escape")  # from the lesson summary (tests/tui/test_lesson_summary.py) to the map
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "✓ Færdig" in text and "1 af 3 lektioner færdige (33 %)" in text

    events = json.loads(only_progress_file(progress_dir).read_text())["events"].values()
    answers = [(e["scenario_id"], e["choice_id"], e["attempt"]) for e in events if e["type"] == "answer"]
    assert answers == [("s1", "a", 1), ("s1", "b", 2), ("s2", "c", 1)]
    assert [e["type"] for e in events].count("lesson_finished") == 1
    # every page read is recorded, page 1 of the fresh lesson too (an xAPI `experienced` each)
    pages = [e["page"] for e in events if e["type"] == "page_viewed"]
    assert pages == [0, 1, 0, 1, 2, 3]

    # Come back: the same learner is found without asking, and continues with lesson two.
    again = make_app(prepare_session(progress_option=str(progress_dir), lessons_option=str(FIXTURE_LESSONS)))
    async with again.run_test() as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
        assert "Tryk c for at fortsætte med: Beta-lektionen" in screen_text(again)
        await pilot.press("j")
        await pilot.pause()
        assert "Jeg tager rollerne med" in screen_text(again)
        assert "[delt med underviser]" in screen_text(again)


async def test_resume_mid_lesson_returns_to_page_and_first_open_scenario(make_session) -> None:
    session = make_session()
    session.store.record_event(LessonOpened("alpha", "da"))
    session.store.record_event(PageViewed("alpha", 2))
    app = make_app(session)
    async with app.run_test() as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert "Side 3 af 4" in screen_text(app)
        events = session.store.record().events  # resumed: the page shown is not recorded twice
        assert [e["page"] for e in events if e["type"] == "page_viewed"] == [2]
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("2")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "◐ I gang" in screen_text(app)
        await pilot.press("c", "t")
        await pilot.pause()
        assert "Scenarie 2 af 2" in screen_text(app)  # s1 is answered


async def test_unsaved_reflection_is_saved_on_quit(make_session, progress_dir: Path) -> None:
    app = make_app(make_session())
    async with app.run_test() as pilot:
        await pilot.press("c", "t", "2", "n", "1", "n")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        app.screen.query_one("#text-r2", TextArea).focus()
        await pilot.pause()
        await type_text(pilot, "hurtigt")
        await pilot.press("ctrl+q")  # before the save timer fires
    saved = json.loads(only_progress_file(progress_dir).read_text())["reflections"].values()
    assert [(r["prompt_id"], r["text"]) for r in saved] == [("r2", "hurtigt")]


async def test_keys_typed_in_one_burst_before_quitting_are_saved(make_session, progress_dir: Path) -> None:
    """ctrl+q is handled as soon as the app reads it; keys sent just before it (a fast
    typist, a laggy link) still wait in the text box's queue and must be saved too."""
    from textual import events

    app = make_app(make_session())
    async with app.run_test() as pilot:
        await pilot.press("c", "t", "2", "n", "1", "n")
        await pilot.pause()
        app.screen.query_one("#text-r2", TextArea).focus()
        await pilot.pause()
        driver = app._driver
        assert driver is not None
        for key in [*"burst æø", "ctrl+q"]:  # sent as one burst, as a terminal does
            name = "space" if key == " " else key
            driver.send_message(events.Key(name, None if key == "ctrl+q" else key))
        await until(pilot, lambda: app.return_code is not None)
    saved = json.loads(only_progress_file(progress_dir).read_text())["reflections"].values()
    assert [(r["prompt_id"], r["text"]) for r in saved] == [("r2", "burst æø")]


async def test_finish_needs_every_scenario_answered(make_session, progress_dir: Path) -> None:
    app = make_app(make_session())
    async with app.run_test() as pilot:  # toasts off: the status line must say it on its own
        await pilot.press("c", "t", "2", "escape")
        await pilot.pause()
        app.push_screen(ReflectionScreen("alpha"))
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert "Svar på alle scenarier først (1 mangler)" in screen_text(app)
    events = json.loads(only_progress_file(progress_dir).read_text())["events"].values()
    assert "lesson_finished" not in [e["type"] for e in events]


async def test_help_lists_every_key_of_every_screen(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.query_one("#help-text").render()
        help_text = str(text)
        for expected in (
            "Fortsæt",
            "Journal",
            "Ordliste",
            "Næste side",
            "Forrige side",
            "Vælg svar",
            "Aflevér",
            "Prøv igen",
            "Gem nu",
            "Afslut lektion",
            "Næste felt",
            "Hjælp",
        ):
            assert expected in help_text, expected
        assert "Focus Next" not in help_text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_known_learners_can_be_picked(progress_dir: Path) -> None:
    for name in ("Anna", "Bo [b]B[/b]"):
        prepare_session(progress_option=str(progress_dir), lessons_option=str(FIXTURE_LESSONS), name=name)
    app = make_app(prepare_session(progress_option=str(progress_dir), lessons_option=str(FIXTURE_LESSONS)))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Bo [b]B[/b]" in screen_text(app)
        app.screen.query_one("#known", OptionList).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Bo [b]B[/b]" in screen_text(app)


async def test_command_palette_opens_a_lesson_by_name(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Gamma")
        await until(pilot, lambda: "Lektion 3: Gamma-lektionen" in screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson_id == "gamma"


async def test_command_palette_switches_language(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Sprog")
        await until(pilot, lambda: "skift til engelsk" in screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.lang == "en"
        assert "0 of 3 lessons done" in screen_text(app)


async def test_a_multi_step_scenario_shows_the_path_taken(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test() as pilot:
        app.open_lesson("alpha")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("1")  # "Svar A" leads to the follow-up
        await pilot.pause()
        assert "trin" not in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert "Scenarie 1 af 2 · trin 2 · Opfølgning" in text
        assert "Trin 1, dit valg: Svar A" in text
        await pilot.press("1")
        await pilot.pause()
        assert "Point: 1 af 3" in screen_text(app)  # the follow-up is a step of its own
        await pilot.press("n")  # back on the main path: no path shown
        await pilot.pause()
        text = screen_text(app)
        assert "Scenarie 2 af 2" in text and "Trin 1" not in text and "trin 2" not in text
