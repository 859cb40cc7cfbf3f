"""The competence self-assessment and its chart, driven as a learner at 80x24 in Danish
and English, by keyboard and by mouse: what is on the screen and what is in the progress
file (levels, notes, next step, occasion, private unless shared). The course as shipped
(the test course has no self-assessment.yaml, so it offers none)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kursus.tracking import ProgressStore
from kursus.ui.learner.app import make_app
from kursus.ui.learner.assessment_chart import AssessmentChartScreen
from kursus.ui.learner.course_done import CourseDoneScreen
from kursus.ui.learner.home import HomeScreen
from kursus.ui.learner.self_assessment import SelfAssessmentScreen, StartOfferScreen
from kursus.vocabulary import Occasion
from tests.conftest import SHIPPED_LESSONS, footer_text, only_progress_file, screen_text
from tests.conftest import until as _until

SIZE = (80, 24)
FIRST, SECOND, THIRD = "taenk-andre-ind", "engager-aktoerer", "trygt-rum"
START_AT = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
END_AT = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)

WORDS = {
    "da": {
        "map_keys": ("k Kompetencer", "f Fasefinder"),
        "page1": "Kompetence 1 af 10  ·  Tænker andre ind",
        "page2": "Kompetence 2 af 10  ·  Engagerer aktørerne",
        "page3": "Kompetence 3 af 10  ·  Skaber et trygt rum",
        "statement": "Netværkslederen kan tænke andre ind i opgaveløsningen",
        "chosen3": "● 3 På vej:",
        "chosen4": "● 4 Sikker:",
        "not_chosen3": "○ 3 På vej:",
        "count2": "Vurderet: 2 af 10  ✓✓········",
        "row1": "Tænker andre ind            før ███░░ 3",
        "row2": "Engagerer aktørerne         før ████░ 4",
        "row3": "Skaber et trygt rum         før ····· –",
        "rows_before_after": (
            "Tænker andre ind før ██░░░ 2 efter ████░ 4 +2",
            "Engagerer aktørerne før ███░░ 3 efter ███░░ 3 ±0",
            "Skaber et trygt rum før ████░ 4 efter ····· –",
        ),
        "legend": ("før: 2026-09-01, ved kursets start", "efter: 2026-11-20, ved kursets afslutning"),
        "private": "✗ ",
        "private_word": "privat (kun dig)",
        "shared_word": "delt med underviseren",
        "offer": "Vil du vurdere dig selv, før du begynder?",
        "suggestion": "Kontakt en borger, en forening eller en virksomhed",
        "assess_end": "k Vurdér igen",
    },
    "en": {
        "map_keys": ("k Competences", "f Phase finder"),
        "page1": "Competence 1 of 10  ·  Brings others in",
        "page2": "Competence 2 of 10  ·  Engages the actors",
        "page3": "Competence 3 of 10  ·  Creates a safe space",
        "statement": "The network leader can bring others' perspectives into",
        "chosen3": "● 3 On the way:",
        "chosen4": "● 4 Confident:",
        "not_chosen3": "○ 3 On the way:",
        "count2": "Rated: 2 of 10  ✓✓········",
        "row1": "Brings others in           before ███░░ 3",
        "row2": "Engages the actors         before ████░ 4",
        "row3": "Creates a safe space       before ····· –",
        "rows_before_after": (
            "Brings others in before ██░░░ 2 after ████░ 4 +2",
            "Engages the actors before ███░░ 3 after ███░░ 3 ±0",
            "Creates a safe space before ████░ 4 after ····· –",
        ),
        "legend": ("before: 2026-09-01, at the start of the course", "after: 2026-11-20, at the end of the course"),
        "private": "✗ ",
        "private_word": "private (only you)",
        "shared_word": "shared with the trainer",
        "offer": "Would you like to rate yourself before you begin?",
        "suggestion": "Contact a citizen, an association or a company",
        "assess_end": "k Rate again",
    },
}


def shipped(make_session, lang: str = "da", **kwargs):
    return make_session(lang=lang, lessons=SHIPPED_LESSONS, **kwargs)


def rounds_on_disk(folder: Path) -> list[dict]:
    data = json.loads(only_progress_file(folder).read_text(encoding="utf-8"))
    return list(data["self_assessments"].values())


async def click_on_text(pilot, app, text: str) -> None:
    """Click where `text` is on the screen, as a person would."""
    for y, line in enumerate(screen_text(app).splitlines()):
        x = line.find(text)
        if x >= 0:
            await pilot.click(offset=(x + 1, y))
            return
    raise AssertionError(f"{text!r} is not on the screen")


async def until(pilot, wanted) -> None:
    """conftest.until, saying what was on the screen when it was not reached."""
    try:
        await _until(pilot, wanted)
    except AssertionError as exc:
        raise AssertionError(screen_text(pilot.app)) from exc


def flat(text: str) -> str:
    """Runs of spaces and line breaks as one space (the chart's columns line up, long
    lines wrap; the tests read the words)."""
    return re.sub(r"\s+", " ", text)


def on_screen(app, *texts: str) -> bool:
    shown = flat(screen_text(app))
    return all(flat(text) in shown for text in texts)


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_keyboard_rates_pages_skips_one_and_ends_on_the_chart(make_session, progress_dir, lang) -> None:
    words = WORDS[lang]
    app = make_app(shipped(make_session, lang))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert all(key in footer_text(app) for key in words["map_keys"])  # offered on the map
        await pilot.press("k")  # no round yet: straight into the self-assessment
        await until(pilot, lambda: on_screen(app, words["page1"], words["statement"]))
        await pilot.press("3")
        await until(pilot, lambda: on_screen(app, words["chosen3"]))
        await pilot.press("n")
        await until(pilot, lambda: on_screen(app, words["page2"]))
        await pilot.press("down", "down", "down", "enter")  # arrows and enter: level 4
        await until(pilot, lambda: on_screen(app, words["chosen4"], words["count2"]))
        await pilot.press("right")
        await until(pilot, lambda: on_screen(app, words["page3"]))
        await pilot.press("2", "x")  # chosen, then skipped after all: no level for it
        await until(pilot, lambda: "4 " in screen_text(app) and words["page3"] not in screen_text(app))
        await pilot.press("p", "p")
        await until(pilot, lambda: on_screen(app, words["page2"], words["chosen4"]))
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, AssessmentChartScreen))
        await until(pilot, lambda: on_screen(app, words["row1"], words["row2"], words["row3"]))
        assert words["private"] + "2026" in screen_text(app) or words["private_word"] in screen_text(app)
    (one,) = rounds_on_disk(progress_dir)
    assert one["levels"] == {FIRST: 3, SECOND: 4}  # the skipped competence has no level
    assert one["occasion"] == Occasion.ANYTIME.value
    assert one["shared"] is False  # private unless shared


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_mouse_picks_a_level_a_suggested_step_and_writes_a_note(make_session, progress_dir, lang) -> None:
    words = WORDS[lang]
    app = make_app(shipped(make_session, lang))
    async with app.run_test(size=SIZE) as pilot:
        app.open_screen("assessment")
        await until(pilot, lambda: on_screen(app, words["page1"]))
        await click_on_text(pilot, app, words["not_chosen3"])
        await until(pilot, lambda: on_screen(app, words["chosen3"]))
        screen = app.screen
        assert isinstance(screen, SelfAssessmentScreen)
        screen.query_one("#sa-note").scroll_visible(animate=False)  # as the mouse wheel would
        await pilot.pause()
        await pilot.click("#sa-note")
        await pilot.press(*"Jeg [b]spørger[/] bredere")
        screen.query_one("#sa-scroll").scroll_end(animate=False)
        await pilot.pause()
        await click_on_text(pilot, app, words["suggestion"])
        await until(pilot, lambda: words["suggestion"] in screen.query_one("#sa-step").value)
        await until(pilot, lambda: bool(rounds_on_disk(progress_dir)) and rounds_on_disk(progress_dir)[0]["next_steps"])
        await pilot.click("#sa-next-button")
        await until(pilot, lambda: on_screen(app, words["page2"]))
    (one,) = rounds_on_disk(progress_dir)
    assert one["levels"] == {FIRST: 3}
    assert one["notes"] == {FIRST: "Jeg [b]spørger[/] bredere"}  # as typed, markup and all
    assert one["next_steps"][FIRST].startswith(words["suggestion"])
    assert one["shared"] is False


async def test_a_closed_app_keeps_what_was_chosen_and_typed(make_session, progress_dir) -> None:
    app = make_app(shipped(make_session))
    async with app.run_test(size=SIZE) as pilot:
        app.open_screen("assessment")
        await until(pilot, lambda: on_screen(app, WORDS["da"]["page1"]))
        await pilot.press("2", "n", "5")
        await until(pilot, lambda: "● 5" in screen_text(app))
        app.screen.query_one("#sa-step").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#sa-step")
        await pilot.press(*"Ring til Bo")  # typed, then the window closes before the save delay
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)
    (one,) = rounds_on_disk(progress_dir)
    assert one["levels"] == {FIRST: 2, SECOND: 5}
    assert one["next_steps"] == {SECOND: "Ring til Bo"}


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_chart_shows_before_and_after_and_shares_a_round(make_session, progress_dir, lang) -> None:
    words = WORDS[lang]
    session = shipped(make_session, lang)
    start = session.store.save_self_assessment(Occasion.START, {FIRST: 2, SECOND: 3, THIRD: 4}, at=START_AT)
    session.store.save_self_assessment(Occasion.END, {FIRST: 4, SECOND: 3}, at=END_AT)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")  # rounds exist: the chart
        await until(pilot, lambda: isinstance(app.screen, AssessmentChartScreen))
        await until(pilot, lambda: on_screen(app, *words["rows_before_after"][:2]))
        assert on_screen(app, words["rows_before_after"][2])  # not rated after: dots and a dash
        app.screen.query_one("#chart-scroll").scroll_end(animate=False)
        await pilot.pause()
        await until(pilot, lambda: on_screen(app, "✗ 2026-11-20", "✗ 2026-09-01", words["private_word"][:7]))
        await pilot.press("down", "d")  # the older round (the list is newest first)
        await until(pilot, lambda: on_screen(app, "✓ 2026-09-01", "✗ 2026-11-20"))
    shared = {one["id"]: one["shared"] for one in rounds_on_disk(progress_dir)}
    assert shared[start.id] is True and list(shared.values()).count(True) == 1


async def test_the_chart_reads_without_colour(make_session, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    session = shipped(make_session)
    session.store.save_self_assessment(Occasion.START, {FIRST: 2, SECOND: 3, THIRD: 4}, at=START_AT)
    session.store.save_self_assessment(Occasion.END, {FIRST: 4, SECOND: 3}, at=END_AT)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        app.open_screen("chart")
        await until(pilot, lambda: on_screen(app, *WORDS["da"]["rows_before_after"][:2]))
        assert all(line in screen_text(app) for line in WORDS["da"]["legend"])


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_a_new_learner_is_offered_the_before_round_after_the_welcome(make_session, progress_dir, lang) -> None:
    words = WORDS[lang]
    app = make_app(make_session(name=None, cohort=None, lang=lang, lessons=SHIPPED_LESSONS))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#name").value = "Ny Leder"
        await pilot.press("enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, StartOfferScreen) and on_screen(app, words["offer"]))
        await pilot.press("escape")  # skippable
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert rounds_on_disk(progress_dir) == []  # skipped: no round

    ProgressStore.open_for(progress_dir, "Ida Holm", course_id="netvaerksleder", content_version=1)
    app = make_app(make_session(name=None, cohort=None, lang=lang, lessons=SHIPPED_LESSONS))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#name").value = "Bo Berg"  # a second learner on this machine
        await pilot.press("enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, StartOfferScreen))
        await pilot.click("#sa-offer-yes")
        await until(pilot, lambda: on_screen(app, words["page1"]))
        await pilot.press("1", "f")
        await until(pilot, lambda: isinstance(app.screen, AssessmentChartScreen))
    (bo,) = [path for path in progress_dir.glob("*.json") if "bo" in path.name]
    (one,) = json.loads(bo.read_text(encoding="utf-8"))["self_assessments"].values()
    assert one["occasion"] == Occasion.START.value and one["levels"] == {FIRST: 1}


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_course_overview_offers_the_after_round(make_session, progress_dir, lang) -> None:
    words = WORDS[lang]
    session = shipped(make_session, lang)
    session.store.save_self_assessment(Occasion.START, {FIRST: 2}, at=START_AT)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CourseDoneScreen())
        await until(pilot, lambda: isinstance(app.screen, CourseDoneScreen) and words["assess_end"] in screen_text(app))
        await pilot.press("k")
        await until(pilot, lambda: on_screen(app, words["page1"]))
        await pilot.press("4", "f")
        await until(pilot, lambda: isinstance(app.screen, AssessmentChartScreen))
        await until(pilot, lambda: "+2" in screen_text(app))
        await pilot.press("escape")  # back to the overview it came from
        await until(pilot, lambda: isinstance(app.screen, CourseDoneScreen))
    occasions = [one["occasion"] for one in rounds_on_disk(progress_dir)]
    assert occasions == [Occasion.START.value, Occasion.END.value]


async def test_a_course_without_a_self_assessment_offers_none(make_session) -> None:
    app = make_app(make_session())  # the test course
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Kompetencer" not in footer_text(app) and "Fasefinder" not in footer_text(app)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.open_screen("assessment")  # from the palette: says so, no crash
        await until(pilot, lambda: "Dette kursus har ingen selvvurdering." in screen_text(app))


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_a_round_left_early_is_continued_not_started_again(make_session, progress_dir, lang) -> None:
    """Found by a tester: a round left after two competences could never be finished, and
    a new round beside it showed two half rounds of one day as before and after."""
    words = WORDS[lang]
    session = shipped(make_session, lang)
    saved = session.store.save_self_assessment(Occasion.START, {FIRST: 2, SECOND: 3}, notes={SECOND: "Bo"})
    app = make_app(session)
    continue_key = "c " + app.t("chart.key.continue")
    async with app.run_test(size=SIZE) as pilot:
        app.open_screen("chart")
        await until(pilot, lambda: on_screen(app, words["private"]))
        assert continue_key in footer_text(app)  # the round under the cursor has competences left
        await pilot.press("c")
        await until(pilot, lambda: on_screen(app, words["page3"]))  # the first one without a level
        assert words["count2"] in screen_text(app)
        await pilot.press("4", "p")  # a level for the third; back to the second: its level and note kept
        await until(pilot, lambda: on_screen(app, words["page2"]))
        assert "● 3" in screen_text(app) and app.screen.query_one("#sa-note").value == "Bo"
        await pilot.press("escape")
        await pilot.pause()
    (one,) = rounds_on_disk(progress_dir)  # the same round, not a second one
    assert one["id"] == saved.id and one["occasion"] == "start"
    assert one["levels"] == {FIRST: 2, SECOND: 3, THIRD: 4}
    assert one["notes"] == {SECOND: "Bo"}


async def test_continue_is_offered_only_for_an_unfinished_round(make_session) -> None:
    session = shipped(make_session)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        from kursus.ui.learner.assessment_content import self_assessment_of

        assessment = self_assessment_of(session)
        assert assessment is not None
        session.store.save_self_assessment(Occasion.START, {c.id: 3 for c in assessment.competences})
        app.open_screen("chart")
        await until(pilot, lambda: isinstance(app.screen, AssessmentChartScreen))
        await pilot.pause()
        assert app.t("chart.key.continue") not in footer_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentChartScreen)  # c does nothing for a full round
