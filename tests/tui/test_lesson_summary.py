"""Finishing a lesson shows how it went, then goes on; the course map shows each
lesson's score and minutes and the time left; the last lesson leads to the course's
overview. At 80x24, in Danish and English, by keyboard and by mouse."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from kursus.tracking.events import AnswerGiven, LessonFinished, LessonOpened
from kursus.ui.learner.app import make_app
from kursus.ui.learner.course_done import CourseDoneScreen
from kursus.ui.learner.home import HomeScreen
from kursus.ui.learner.lesson import LessonScreen
from kursus.ui.learner.lesson_summary import LessonSummaryScreen
from kursus.ui.learner.reflection import ReflectionScreen
from kursus.vocabulary import Rating
from tests.conftest import footer_text, only_progress_file, screen_text, until

SIZE = (80, 24)
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)  # in the past: a finish recorded now comes after

# The test course's words in each language (tests/fixtures/lessons).
WORDS = {
    "da": {
        "points": "Point ved første forsøg: 1 af 3",
        "first": "✗ Første scenarie: du valgte Svar A · bedst: Svar B",
        "follow": "✗ Opfølgning (opfølgning): du valgte Opfølgning B · bedst: Opfølgning A",
        "follow_feedback": ("Dit første valg: Opfølgning B", "Opfølgning feedback B.", "Bedste svar: Opfølgning A"),
        "first_feedback": ("Dit første valg: Svar A", "Feedback A (alpha).", "Feedback B, godt valg (alpha)."),
        "reflections": "Refleksioner: 1 af 2 skrevet, 1 delt med underviser",
        "next": "Næste: lektion 2, Beta-lektionen",
        "page_one": "Side 1 af 4: Overblik",
        "time_left": "Tid tilbage: cirka 20 min (2 lektioner)",
        "columns": "Point ved første forsøg · minutter brugt eller anslået",
        "start": "Tryk c for at starte med: Alfa-lektionen",
        "continue": "Tryk c for at fortsætte med: Alfa-lektionen",
        "done_title": "Kurset er gennemført",
        "done_intro": "Du har gennemført alle 3 lektioner. Tid brugt i alt: cirka 55 min.",
        "module_start": "Start: 1 af 1 lektion · 1 af 3 point",
        "module_onwards": "Videre: 2 af 2 lektioner · 4 af 4 point",
        "private": "private",
    },
    "en": {
        "points": "First-try points: 1 of 3",
        "first": "✗ First scenario: you chose Answer A · best: Answer B",
        "follow": "✗ Follow-up (follow-up): you chose Follow-up B · best: Follow-up A",
        "follow_feedback": ("Your first choice: Follow-up B", "Follow-up feedback B.", "The best answer: Follow-up A"),
        "first_feedback": ("Your first choice: Answer A", "Feedback A (alpha).", "Feedback B, good choice (alpha)."),
        "reflections": "Reflections: 1 of 2 written, 1 shared with your trainer",
        "next": "Next: lesson 2, The beta lesson",
        "page_one": "Page 1 of 4: Overview",
        "time_left": "Time left: about 20 min (2 lessons)",
        "columns": "First-try points · minutes spent or estimated",
        "start": "Press c to start with: The alpha lesson",
        "continue": "Press c to continue with: The alpha lesson",
        "done_title": "Course completed",
        "done_intro": "You have finished all 3 lessons. Time spent in all: about 55 min.",
        "module_start": "Start: 1 of 1 lesson · 1 of 3 points",
        "module_onwards": "Onwards: 2 of 2 lessons · 4 of 4 points",
        "private": "private",
    },
}


def answered_alpha(session) -> None:
    """Alpha answered as in the walk: s1 wrong (to the follow-up), the follow-up wrong,
    s2 best; one reflection written and shared."""
    store = session.store
    store.record_event(LessonOpened("alpha", session.lang), at=T0)
    for minute, (scenario_id, choice_id, rating) in enumerate(
        [("s1", "a", "wrong"), ("s1-opfoelgning", "b", "wrong"), ("s2", "a", "best")], start=1
    ):
        store.record_event(
            AnswerGiven("alpha", scenario_id, choice_id, Rating(rating)), at=T0 + timedelta(minutes=minute)
        )
    store.save_reflection("alpha", "r1", "Jeg tager rollerne med", shared=True)


def finished_all_but_gamma(session) -> None:
    """Alpha finished in 12 minutes (1 of 3 points), beta in 8 (all best); gamma answered
    (all best), so finishing it now adds a pause counted at most GAP_CAP: 5 + 30 minutes."""
    store = session.store
    answered_alpha(session)
    store.record_event(LessonFinished("alpha"), at=T0 + timedelta(minutes=12))
    for lesson_id, start in (("beta", T0 + timedelta(days=1)), ("gamma", T0 + timedelta(days=2))):
        store.record_event(LessonOpened(lesson_id, session.lang), at=start)
        store.record_event(AnswerGiven(lesson_id, "s1", "b", Rating.BEST), at=start + timedelta(minutes=3))
        store.record_event(AnswerGiven(lesson_id, "s2", "a", Rating.BEST), at=start + timedelta(minutes=5))
        if lesson_id == "beta":
            store.record_event(LessonFinished("beta"), at=start + timedelta(minutes=8))


def summary_shown(app) -> bool:
    """The summary is up and drawn (down to its time line)."""
    return isinstance(app.screen, LessonSummaryScreen) and app.t("lesson_summary.time", time="") in screen_text(app)


def events_of(progress_dir: Path) -> list[dict]:
    return list(json.loads(only_progress_file(progress_dir).read_text())["events"].values())


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_finishing_a_lesson_shows_the_summary_then_the_next_lesson(make_session, progress_dir, lang) -> None:
    words = WORDS[lang]
    session = make_session(lang=lang)
    answered_alpha(session)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ReflectionScreen("alpha"))
        await pilot.pause()
        await pilot.press("ctrl+f")
        await until(pilot, lambda: summary_shown(app))
        text = screen_text(app)
        for expected in (words["points"], words["first"], words["follow"], words["reflections"], words["next"]):
            assert expected in text, expected
        assert app.t("lesson_summary.time", time="") in text  # the time line (its value: the unit tests)
        assert "Andet scenarie" not in text and "Second scenario" not in text  # best at the first try
        assert app.t("key.open_feedback") in text  # the footer says what enter does
        await pilot.press("down", "enter")  # the follow-up's feedback, in place
        await until(pilot, lambda: words["follow_feedback"][1] in screen_text(app))
        for expected in words["follow_feedback"]:
            assert expected in screen_text(app), expected
        await pilot.press("c")  # on to the next lesson
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert app.screen.lesson_id == "beta"
        assert words["page_one"] in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))  # the summary is not left behind
    assert [e["type"] for e in events_of(progress_dir)].count("lesson_finished") == 1


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_a_click_opens_a_missed_point_and_a_button_goes_to_the_map(make_session, lang) -> None:
    words = WORDS[lang]
    session = make_session(lang=lang)
    answered_alpha(session)
    session.store.record_event(LessonFinished("alpha"))
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_screen("lesson_summary", "alpha")
        await until(pilot, lambda: summary_shown(app))
        await pilot.click("#missed", offset=(6, 1))  # the first missed point's line
        await until(pilot, lambda: words["first_feedback"][1] in screen_text(app))
        for expected in words["first_feedback"]:
            assert expected in screen_text(app), expected
        app.screen.query_one("#summary-home").scroll_visible(animate=False)  # below the feedback: scrolled to
        await pilot.pause()
        await pilot.click("#summary-home")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert "1/3" in screen_text(app)  # alpha's first-try score on the map
        app.open_screen("lesson_summary", "alpha")
        await until(pilot, lambda: summary_shown(app))
        await pilot.click("#summary-continue")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert app.screen.lesson_id == "beta"


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_all_best_says_so_and_escape_goes_to_the_map(make_session, lang) -> None:
    session = make_session(lang=lang)
    store = session.store
    store.record_event(AnswerGiven("alpha", "s1", "b", Rating.BEST))
    store.record_event(AnswerGiven("alpha", "s2", "a", Rating.BEST))
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ReflectionScreen("alpha"))
        await pilot.pause()
        await pilot.press("ctrl+f")
        await until(pilot, lambda: summary_shown(app))
        assert app.t("lesson_summary.all_best") in screen_text(app)
        assert not app.screen.query("#missed")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert "✓" in screen_text(app) and "2/2" in screen_text(app)


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_map_shows_score_minutes_and_time_left_in_80_columns(make_session, lessons_copy, lang) -> None:
    words = WORDS[lang]
    title_file = lessons_copy / lang / "gamma.yaml"  # a very long title, with markup: cut, never parsed
    long_title = "[b]Lang[/b] " + "meget " * 60
    source = title_file.read_text(encoding="utf-8")
    title_file.write_text(source.replace(source.splitlines()[1], f'title: "{long_title}"'), encoding="utf-8")
    session = make_session(lang=lang, lessons=lessons_copy)
    answered_alpha(session)
    session.store.record_event(LessonFinished("alpha"), at=T0 + timedelta(minutes=12))
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert len(lines) == 24 and all(len(line) <= 80 for line in lines)
        assert words["time_left"] in screen_text(app)
        assert words["columns"] in screen_text(app)
        alpha = next(line for line in lines if " 1. " in line)
        beta = next(line for line in lines if " 2. " in line)
        gamma = next(line for line in lines if " 3. " in line)
        assert "✓" in alpha and app.t("status.done") in alpha
        assert alpha.rstrip(" │").endswith("1/3 12 min")  # first-try points, minutes spent
        assert beta.rstrip(" │").endswith("10 min") and "/" not in beta  # not begun: the estimate
        assert "[b]Lang[/b] meget" in gamma and "…" in gamma and gamma.rstrip(" │").endswith("10 min")


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_continue_says_start_until_a_lesson_is_begun(make_session, lang) -> None:
    words = WORDS[lang]
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = footer_text(app)
        assert f"c {app.t('key.start')} " in footer and app.t("key.continue") not in footer
        assert words["start"] in screen_text(app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await until(pilot, lambda: f"c {app.t('key.continue')} " in footer_text(app))
        assert words["continue"] in screen_text(app)


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_last_lesson_leads_to_the_course_overview(make_session, progress_dir, lang) -> None:
    words = WORDS[lang]
    session = make_session(lang=lang)
    finished_all_but_gamma(session)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ReflectionScreen("gamma"))
        await pilot.pause()
        await pilot.press("ctrl+f")
        await until(pilot, lambda: summary_shown(app))
        assert app.t("lesson_summary.course_done").split(".")[0] in screen_text(app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CourseDoneScreen))
        text = screen_text(app)
        for expected in (words["done_title"], words["done_intro"], words["module_start"], words["module_onwards"]):
            assert expected in text, expected
        whole = "\n".join(str(static.render()) for static in app.screen.query(Static))
        for expected in (
            "kursus export",
            "kursus certificate",
            "kursus hand-in",
            words["private"],
        ):
            assert expected in whole, expected
        await pilot.press("end")  # the rest: commands, handing in, and a button back
        await until(pilot, lambda: "kursus certificate" in screen_text(app))
        await pilot.click("#course-done-home")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.t("home.all_done").split(".")[0] in screen_text(app)
        await pilot.press("c")  # every lesson done: `c` on the map opens the overview again
        await until(pilot, lambda: isinstance(app.screen, CourseDoneScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert [e["type"] for e in events_of(progress_dir)].count("lesson_finished") == 3


async def test_markup_in_a_missed_choice_is_shown_literally(make_session) -> None:
    """Beta's first choice holds `[b]`, `[/]` and `[@click=app.quit]`: cut to one line and
    shown as typed in the list, whole in the feedback; nothing is run."""
    session = make_session()
    session.store.record_event(AnswerGiven("beta", "s1", "a", Rating.WRONG))
    session.store.record_event(LessonFinished("beta"))
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_screen("lesson_summary", "beta")
        await until(pilot, lambda: summary_shown(app))
        assert "✗ Første scenarie: du valgte Svar A [b]fed?[/b] [/] [@cl… · bedst: Svar B" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: "[@click=app.quit]klik[/] 🎉" in screen_text(app))
        assert app.is_running and isinstance(app.screen, LessonSummaryScreen)
