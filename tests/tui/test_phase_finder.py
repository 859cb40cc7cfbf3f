"""The phase finder, driven as a learner at 80x24 in Danish and English, by keyboard and
by mouse: the result on the screen (phase, reasons, lesson, unfinished phases, history)
and the check in the progress file (private unless shared). The course as shipped."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kursus.assessment import locate
from kursus.assessment.loader import load_phase_finder
from kursus.ui.learner.app import make_app
from kursus.ui.learner.lesson import LessonScreen
from kursus.ui.learner.phase_finder import PhaseFinderScreen, phases_text
from tests.conftest import HOSTILE_STRINGS, SHIPPED_LESSONS, only_progress_file, screen_text
from tests.tui.test_self_assessment import click_on_text, on_screen, until

SIZE = (80, 24)
EARLIER = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
# Keys 1-4 are ja, delvist, nej, ved ikke. Sixteen answers, two per phase.
AT_PHASE_4 = "1111112222333344"  # 1-3 done, 4-5 begun, 6-7 not, 8 unknown
AT_PHASE_2 = "2222333333333333"  # only the start begun
WORDS = {
    "da": {"question1": "Spørgsmål 1 af 16", "back": "↓ tilbage", "first": "første tjek", "private": "privat"},
    "en": {"question1": "Question 1 of 16", "back": "↓ back", "first": "first check", "private": "private"},
}


def checks_on_disk(folder: Path) -> list[dict]:
    return list(json.loads(only_progress_file(folder).read_text(encoding="utf-8"))["phase_checks"].values())


def expected(lang: str, keys: str) -> tuple[str, tuple[int, ...]]:
    """What the domain's rules say for these key presses (the screen only shows it)."""
    from kursus.i18n import Catalogue

    finder = load_phase_finder(SHIPPED_LESSONS, lang)
    assert finder is not None
    answers = {q.id: q.options[int(key) - 1].id for q, key in zip(finder.questions, keys, strict=True)}
    result = locate(finder, answers)
    return phases_text(result.numbers, finder, Catalogue(lang)), result.numbers


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_keyboard_names_a_network_answers_and_sees_the_phase(make_session, progress_dir, lang) -> None:
    words = WORDS[lang]
    phases, numbers = expected(lang, AT_PHASE_4)
    app = make_app(make_session(lang=lang, lessons=SHIPPED_LESSONS))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, PhaseFinderScreen))
        await pilot.press(*"Sundhed", "enter")
        await until(pilot, lambda: on_screen(app, words["question1"], "Sundhed"))
        await pilot.press("2", "p")  # answered, then back to change it
        await until(pilot, lambda: on_screen(app, words["question1"], "● 2"))
        await pilot.press(*AT_PHASE_4)
        await until(pilot, lambda: on_screen(app, phases))
        app.screen.query_one("#pf-scroll").scroll_end(animate=False)
        await until(pilot, lambda: on_screen(app, "✗ 20", words["first"]))  # in the history, private
        await pilot.press("l")  # the phase's lesson
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
    (check,) = checks_on_disk(progress_dir)
    assert check["network"] == "Sundhed" and tuple(check["phases"]) == numbers
    assert check["shared"] is False and len(check["answers"]) == 16


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_mouse_picks_a_known_network_and_sees_it_went_back(make_session, progress_dir, lang) -> None:
    words = WORDS[lang]
    session = make_session(lang=lang, lessons=SHIPPED_LESSONS)
    session.store.save_phase_check("Ældreområdet", {}, (5,), confidence="high", at=EARLIER)
    phases, numbers = expected(lang, AT_PHASE_2)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        app.open_screen("phase_finder")
        await until(pilot, lambda: on_screen(app, "Ældreområdet"))
        await click_on_text(pilot, app, "Ældreområdet —")
        await until(pilot, lambda: on_screen(app, words["question1"]))
        finder = app.screen.finder
        for key in AT_PHASE_2:
            label = finder.questions[0].options[int(key) - 1].label
            await click_on_text(pilot, app, f"○ {key}  {label}")
            await pilot.pause()
        await until(pilot, lambda: on_screen(app, phases))
        screen = app.screen
        screen.query_one("#pf-scroll").scroll_end(animate=False)
        await until(pilot, lambda: on_screen(app, words["back"], "2026-09-01"))
        screen.query_one("#pf-share-button").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#pf-share-button")  # the new check, highlighted
        await until(pilot, lambda: on_screen(app, "✓ 20", "✗ 2026-09-01"))
    checks = checks_on_disk(progress_dir)
    assert [tuple(c["phases"]) for c in checks] == [(5,), numbers]
    assert [c["shared"] for c in checks] == [False, True]


async def test_an_earlier_unfinished_phase_is_named(make_session) -> None:
    app = make_app(make_session(lessons=SHIPPED_LESSONS))
    async with app.run_test(size=SIZE) as pilot:
        app.open_screen("phase_finder")
        await until(pilot, lambda: isinstance(app.screen, PhaseFinderScreen))
        await pilot.press(*"Unge", "enter")
        await until(pilot, lambda: on_screen(app, "Spørgsmål 1 af 16"))
        await pilot.press(*"3311112222333344")  # phase 1 never done, the rest as at phase 4
        await until(pilot, lambda: on_screen(app, "↩ fase 1"))


async def test_sharing_a_check_and_stopping_again(make_session, progress_dir) -> None:
    app = make_app(make_session(lessons=SHIPPED_LESSONS))
    async with app.run_test(size=SIZE) as pilot:
        app.open_screen("phase_finder")
        await until(pilot, lambda: isinstance(app.screen, PhaseFinderScreen))
        await pilot.press(*"Kultur", "enter", *AT_PHASE_4)
        await until(pilot, lambda: app.screen.step == "result")
        await pilot.press("d")
        await until(pilot, lambda: checks_on_disk(progress_dir)[0]["shared"] is True)
        await pilot.press("d")
        await until(pilot, lambda: checks_on_disk(progress_dir)[0]["shared"] is False)


@pytest.mark.parametrize("name", HOSTILE_STRINGS)
async def test_hostile_network_names_show_literally(make_session, progress_dir, name: str) -> None:
    from kursus.tracking.store import clean_network_name

    session = make_session(lessons=SHIPPED_LESSONS)
    session.store.save_phase_check(name, {}, (3,), confidence="low", at=EARLIER)
    kept = clean_network_name(name)
    app = make_app(session)
    async with app.run_test(size=(200, 40)) as pilot:
        app.open_screen("phase_finder")
        await until(pilot, lambda: isinstance(app.screen, PhaseFinderScreen))
        await until(pilot, lambda: kept[:60] in screen_text(app))
        app.screen.query_one("#pf-known").focus()
        await pilot.press("enter")  # check it again
        await until(pilot, lambda: app.screen.step == "questions" and kept[:40] in screen_text(app))
        await pilot.press(*AT_PHASE_4)
        await until(pilot, lambda: app.screen.step == "result" and kept[:40] in screen_text(app))
        assert app.is_running  # [@click=app.quit] did nothing
    assert [check["network"] for check in checks_on_disk(progress_dir)] == [kept, kept]
