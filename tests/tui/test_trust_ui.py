"""Trust and newcomer defects, driven as a learner: feedback in view, names that only
look alike, a file that cannot be read, control characters, headings, the palette."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kursus.tracking import ProgressStore
from kursus.ui.learner.app import make_app
from kursus.ui.learner.home import HomeScreen
from kursus.ui.learner.scenario import ScenarioScreen
from kursus.ui.learner.welcome import WelcomeScreen
from tests.conftest import REPO_ROOT, only_progress_file, screen_text, until

SHIPPED = REPO_ROOT / "kursus" / "lessons"
RATING_WORDS = ("Bedste svar", "Delvist rigtigt", "Ikke det bedste svar")


@pytest.mark.parametrize("keys", [("down", "enter"), ("down", "down", "enter"), ("enter",)])
async def test_arrows_and_enter_bring_the_feedback_into_view_at_80x24(make_session, keys: tuple[str, ...]) -> None:
    app = make_app(make_session(lessons=SHIPPED))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson("intro")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        await pilot.press("1", "n")  # on to scenario 2, as the newcomer did
        await pilot.pause()
        await pilot.press(*keys)

        def feedback_in_view() -> bool:
            answer = app.screen.answer
            if answer is None:
                return False
            text = " ".join(screen_text(app).split())
            return any(word in text for word in RATING_WORDS) and " ".join(answer.feedback.split()[:4]) in text

        await until(pilot, feedback_in_view)  # the rating and the feedback itself, not just its border


def make_learner(folder: Path, name: str, cohort: str = "") -> Path:
    store, _ = ProgressStore.open_for(folder, name, cohort=cohort, course_id="testkursus", content_version=1)
    return store.path


async def test_a_typed_name_matching_only_after_folding_asks_first(make_session, progress_dir: Path) -> None:
    strasse = make_learner(progress_dir, "Strasse")
    make_learner(progress_dir, "Ada")
    app = make_app(make_session(name=None, cohort=None))
    async with app.run_test(size=(80, 30)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        app.screen.query_one("#name").value = "Straße"
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert "Er det dig?" in screen_text(app) and "Strasse" in screen_text(app)
        assert app.session.store is None  # nothing opened yet
        await pilot.press("tab", "enter")  # "No, start Straße as a new learner"
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.store is not None and app.session.store.path != strasse
        assert json.loads(app.session.store.path.read_text())["profile"]["1"]["name"] == "Straße"


async def test_the_name_option_matching_only_after_folding_asks_and_yes_opens_the_other(
    make_session, progress_dir: Path
) -> None:
    fiona = make_learner(progress_dir, "fiona")
    app = make_app(make_session(name="ﬁona", cohort=None))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert "Er det dig?" in screen_text(app)
        await pilot.press("enter")  # "Yes, that is me"
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.store is not None and app.session.store.path == fiona
    assert sorted(p.name for p in progress_dir.glob("*.json")) == [fiona.name]


async def test_nfc_and_nfd_names_open_one_learner_without_asking(make_session, progress_dir: Path) -> None:
    first = make_learner(progress_dir, "\u00c5se Berg")
    app = make_app(make_session(name="A\u030ase Berg", cohort=None))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.store is not None and app.session.store.path == first


async def test_an_unreadable_own_file_never_continues_as_the_only_other_learner(
    make_session, progress_dir: Path
) -> None:
    make_learner(progress_dir, "Ada Andersen")
    (progress_dir / "mette-hansen-f3997d.json").write_text("{ødelagt", encoding="utf-8")
    app = make_app(make_session(name=None, cohort=None))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)  # not Ada's course map
        assert app.session.store is None
        text = screen_text(app)
        assert "mette-hansen-f3997d.json" in text and "Ada Andersen" in text


CONTROL = "\x1b]0;OVERTAGET\x07\x1b[2J\x9b31m\u202eevil"


async def test_control_characters_in_names_are_shown_not_obeyed_in_the_picker(make_session, progress_dir: Path) -> None:
    make_learner(progress_dir, f"Ada{CONTROL}", cohort=f"hold{CONTROL}")
    make_learner(progress_dir, "Bo")
    app = make_app(make_session(name=None, cohort=None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text and "\x07" not in text
    assert "Ada" in text  # the name itself is there, its escape codes visible as signs


async def test_practice_heading_says_its_title_once(make_session) -> None:
    app = make_app(make_session(lessons=SHIPPED))
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_lesson("intro")
        await pilot.pause()
        from kursus.ui.learner.reflection import ReflectionScreen

        app.push_screen(ReflectionScreen("intro"))
        await pilot.pause()
        app.screen.query_one("#reflection-scroll").scroll_end(animate=False)
        await pilot.pause()
        text = screen_text(app)
    assert "Prøv det i dit netværk" in text
    assert "Prøv det i dit netværk: Prøv det i dit netværk" not in text


async def test_the_palette_speaks_danish_and_keeps_help_on_one_line(make_session) -> None:
    app = make_app(make_session(lessons=SHIPPED))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await until(pilot, lambda: "Journal" in screen_text(app))
        opened = screen_text(app)
        for english in ("Keys", "Maximize", "Quit the application", "Screenshot", "Theme"):
            assert english not in opened, english
        assert "Journal" in opened and "Hjælp" in opened
        await pilot.press(*"ordliste")
        await until(pilot, lambda: "Ordliste" in screen_text(app))
        from kursus.ui.learner.commands import CourseCommands, palette_help

        helps = [palette_help(help_text) for _, _, help_text in CourseCommands(app.screen)._commands()]
    assert len(helps) > 20 and all("\n" not in help_text for help_text in helps)


async def test_text_typed_past_the_maximum_wait_is_saved_at_once(make_session, progress_dir: Path, monkeypatch) -> None:
    """Once the maximum wait has passed, the next key saves at once. (A zero-delay timer
    in Textual never fires: steady typing past the maximum wait was never saved.)"""
    from kursus.ui.learner import reflection
    from kursus.ui.learner.reflection import ReflectionScreen

    monkeypatch.setattr(reflection, "SAVE_MAX_WAIT_SECONDS", 0.0)
    monkeypatch.setattr(reflection, "SAVE_DELAY_SECONDS", 3600.0)  # only the maximum wait can save
    app = make_app(make_session())
    async with app.run_test() as pilot:
        app.push_screen(ReflectionScreen("alpha"))
        await pilot.pause()
        await pilot.press("enter", *"abc")

        def on_disk() -> list[str]:
            data = json.loads(only_progress_file(progress_dir).read_text())
            return [r["text"] for r in data.get("reflections", {}).values()]

        await until(pilot, lambda: on_disk() == ["abc"], timeout=5.0)
