"""Resume, settings that stick, long pages and the mouse (issue 15, items 6-8), at 80x24
in Danish and English, by keys and by click; each checked on the screen and on disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from kursus.tracking.events import AnswerGiven, LessonOpened, PageViewed
from kursus.ui.learner.app import make_app
from kursus.ui.learner.home import HomeScreen
from kursus.ui.learner.lesson import LessonScreen
from kursus.ui.learner.notice import NoticeScreen
from kursus.ui.learner.reflection import ReflectionScreen
from kursus.ui.learner.same_learner import SameLearnerScreen
from kursus.ui.learner.scenario import ScenarioScreen
from kursus.ui.learner.welcome import WelcomeScreen
from kursus.vocabulary import Rating
from tests.conftest import footer_text, only_progress_file, screen_text, until

SIZE = (80, 24)
LANGS = ["da", "en"]

# Words on screen, per language (the test course's Danish and English texts).
TEXT: dict[str, dict[str, str]] = {
    "da": {
        "map": "lektioner færdige",
        "not_started": "○ Ikke startet",
        "switch_to_other": "s English",
        "lesson": " 1. Alfa-lektionen",  # as the map's list shows it
        "page_2": "Side 2 af 4",
        "page_3": "Side 3 af 4",
        "page_4": "Side 4 af 4",
        "scenario_1": "Scenarie 1 af 2",
        "scenario_2": "Scenarie 2 af 2",
        "choose_3": "1 Vælg svar 1-3",
        "choose_4": "1 Vælg svar 1-4",
        "answer_first_3": "Vælg et svar først (1-3).",
        "answer_a": "Svar A",
        "answer_b": "Svar B",
        "answer_c": "Svar C",
        "tried": "prøvet",
        "to_scenarios": "t Til scenarier",
        "to_text": "l Lektionen",
        "more": "▼ Mere nedenfor",
        "next_page": "n Næste side",
        "best": "✓ Bedste svar",
    },
    "en": {
        "map": "lessons done",
        "not_started": "○ Not started",
        "switch_to_other": "s Dansk",
        "lesson": " 1. The alpha lesson",
        "page_2": "Page 2 of 4",
        "page_3": "Page 3 of 4",
        "page_4": "Page 4 of 4",
        "scenario_1": "Scenario 1 of 2",
        "scenario_2": "Scenario 2 of 2",
        "choose_3": "1 Choose answer 1-3",
        "choose_4": "1 Choose answer 1-4",
        "answer_first_3": "Choose an answer first (1-3).",
        "answer_a": "Answer A",
        "answer_b": "Answer B",
        "answer_c": "Answer C",
        "tried": "tried",
        "to_scenarios": "t To scenarios",
        "to_text": "l Lesson",
        "more": "▼ More below",
        "next_page": "n Next page",
        "best": "✓ Best answer",
    },
}


def stored(progress_dir: Path) -> dict[str, Any]:
    return json.loads(only_progress_file(progress_dir).read_text())


def events_of(progress_dir: Path, kind: str) -> list[dict[str, Any]]:
    return [e for e in stored(progress_dir)["events"].values() if e["type"] == kind]


def answers(progress_dir: Path) -> list[tuple[str, str]]:
    return [(e["scenario_id"], e["choice_id"]) for e in events_of(progress_dir, "answer")]


def place_of(app, text: str) -> tuple[int, int]:
    """The screen cell where `text` first appears (column, row)."""
    for row, line in enumerate(screen_text(app).splitlines()):
        column = line.find(text)
        if column >= 0:
            return column, row
    raise AssertionError(f"{text!r} is not on the screen:\n{screen_text(app)}")


async def click_text(pilot, app, text: str) -> None:
    """A mouse click on the words `text` where the learner sees them."""
    column, row = place_of(app, text)
    assert await pilot.click(offset=(column + 1, row))
    await pilot.pause()


def read_all_pages(session) -> None:
    """The learner read every page of the alpha lesson (overview, two pages, key points)."""
    session.store.record_event(LessonOpened("alpha", session.lang))
    for page in (1, 2, 3):
        session.store.record_event(PageViewed("alpha", page))


# --- item 6: the language chosen in the app is remembered ---------------------------------


async def test_language_chosen_in_the_app_sticks_after_a_restart(make_session, progress_dir: Path, monkeypatch) -> None:
    app = make_app(make_session())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert TEXT["da"]["map"] in screen_text(app)
        await pilot.press("s")  # the course map's language key
        await until(pilot, lambda: TEXT["en"]["map"] in screen_text(app))
    assert stored(progress_dir)["profile"]["1"]["lang"] == "en"

    again = make_app(make_session())  # no --lang, no KURSUS_LANG: the stored choice, not Danish
    assert again.session.lang == "en"
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert TEXT["en"]["map"] in screen_text(again) and TEXT["en"]["not_started"] in screen_text(again)
        assert TEXT["en"]["switch_to_other"] in footer_text(again)
    assert stored(progress_dir)["profile"]["1"]["lang"] == "en"  # a plain restart keeps it

    monkeypatch.setenv("KURSUS_LANG", "da")  # an explicit choice beats the stored one
    assert make_session().lang == "da"
    monkeypatch.delenv("KURSUS_LANG")
    explicit = make_app(make_session(lang="da"))
    async with explicit.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert TEXT["da"]["map"] in screen_text(explicit)


async def test_language_switched_by_a_click_sticks_and_is_used_when_picked_from_the_list(
    make_session, progress_dir: Path
) -> None:
    app = make_app(make_session())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await click_text(pilot, app, TEXT["da"]["switch_to_other"])  # the footer's hint, clicked
        await until(pilot, lambda: TEXT["en"]["map"] in screen_text(app))
    assert stored(progress_dir)["profile"]["1"]["lang"] == "en"
    make_session(name="Other Learner", cohort=None)  # two learners: the list is shown
    app = make_app(make_session(name=None, cohort=None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.session.lang == "da"
        await click_text(pilot, app, "Mette Hansen")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert TEXT["en"]["map"] in screen_text(app) and app.session.lang == "en"


# --- item 6: a learner who quit in the scenarios resumes in the scenarios -----------------


@pytest.mark.parametrize("lang", LANGS)
async def test_quitting_in_the_scenarios_resumes_in_the_scenarios(make_session, progress_dir: Path, lang: str) -> None:
    words = TEXT[lang]
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "n", "n", "n")  # every page read
        await pilot.pause()
        assert words["page_4"] in screen_text(app)
        await pilot.press("n", "2")  # the scenarios: the first one answered, then quit
        await pilot.pause()
        assert words["best"] in screen_text(app)
    assert [e["page"] for e in events_of(progress_dir, "page_viewed")] == [0, 1, 2, 3]
    assert answers(progress_dir) == [("s1", "b")]

    again = make_app(make_session(lang=lang))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # continue: straight back to the first open scenario
        await pilot.pause()
        assert isinstance(again.screen, ScenarioScreen)
        assert words["scenario_2"] in screen_text(again)
        await pilot.press("l")  # the reading is still there: the page last read
        await pilot.pause()
        assert isinstance(again.screen, LessonScreen) and words["page_4"] in screen_text(again)
        await pilot.press("escape")
        await pilot.pause()
        await click_text(pilot, again, words["lesson"])  # a click on the map's lesson resumes the same way
        await until(pilot, lambda: isinstance(again.screen, ScenarioScreen))
        assert words["scenario_2"] in screen_text(again)


async def test_a_lesson_with_unread_pages_still_opens_at_the_reading(make_session) -> None:
    session = make_session()
    session.store.record_event(LessonOpened("alpha", "da"))
    session.store.record_event(PageViewed("alpha", 1))
    session.store.record_event(AnswerGiven("alpha", "s1", "b", Rating.BEST))  # reached by `t`, pages skipped
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and "Side 2 af 4" in screen_text(app)


# --- item 6: a 3-option scenario says 1-3; `s` means one thing ---------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_a_three_option_scenario_shows_and_takes_1_to_3(make_session, progress_dir: Path, lang: str) -> None:
    words = TEXT[lang]
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.open_lesson("alpha")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        footer = footer_text(app)
        assert words["choose_3"] in footer and "1-4" not in footer
        await pilot.press("n")  # nothing chosen yet: the message names 1-3 as well
        await until(pilot, lambda: words["answer_first_3"] in screen_text(app))
        await pilot.press("4")  # there is no fourth option: nothing happens
        await pilot.pause()
        assert words["best"] not in screen_text(app)
        assert answers(progress_dir) == []
        await pilot.press("2", "n")
        await pilot.pause()
        assert words["scenario_2"] in screen_text(app)  # four options here
        assert words["choose_4"] in footer_text(app)
        await pilot.press("4")
        await pilot.pause()
    assert answers(progress_dir) == [("s1", "b"), ("s2", "d")]


@pytest.mark.parametrize("lang", LANGS)
async def test_help_and_footer_name_the_keys_that_changed(make_session, lang: str) -> None:
    words = TEXT[lang]
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = app.screen.help_text().splitlines()
        assert any(line.split() == ["t", *words["to_scenarios"].split()[1:]] for line in lines)
        assert any(line.split() == ["l", *words["to_text"].split()[1:]] for line in lines)
        assert sum(1 for line in lines if line.split()[:1] == ["s"]) == 1  # one meaning: the language
        await pilot.press("escape")
        await pilot.pause()
        app.open_lesson("alpha")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert words["to_text"] in footer_text(app)  # the way back, in the footer


@pytest.mark.parametrize("lang", LANGS)
async def test_options_tried_before_are_marked_after_try_again(make_session, progress_dir: Path, lang: str) -> None:
    words = TEXT[lang]
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        app.open_lesson("alpha")
        await pilot.pause()
        await pilot.press("t", "3")  # partly right
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(app)
        assert f"{words['answer_c']}  (◐ {words['tried']})" in text  # glyph and word, not colour
        assert f"{words['answer_a']}  (" not in text and f"{words['answer_b']}  (" not in text
        await click_text(pilot, app, words["answer_a"])  # by mouse this time: wrong
        await pilot.press("r")
        await pilot.pause()
        text = screen_text(app)
        assert f"{words['answer_a']}  (✗ {words['tried']})" in text
        assert f"{words['answer_c']}  (◐ {words['tried']})" in text
        assert f"{words['answer_b']}  (" not in text
    assert answers(progress_dir) == [("s1", "c"), ("s1", "a")]


@pytest.mark.parametrize("lang", LANGS)
async def test_s_switches_language_on_the_map_only_and_t_opens_the_scenarios(make_session, lang: str) -> None:
    words = TEXT[lang]
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        app.open_lesson("alpha")
        await pilot.pause()
        assert words["to_scenarios"] in footer_text(app)
        await pilot.press("s")  # not "to the scenarios" here any more: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen) and app.session.lang == lang
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen) and words["scenario_1"] in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.session.lang != lang


# --- item 7: a long page says there is more, and `n` scrolls first -----------------------


@pytest.fixture
def long_page_lessons(lessons_copy: Path) -> Path:
    """The test course with the alpha lesson's first page three screens long."""
    for lang, word in (("da", "Linje"), ("en", "Line")):
        path = lessons_copy / lang / "alpha.yaml"
        lines = "\n".join(f"      {word} {n}.\n" for n in range(1, 41))
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("    text: |\n", "    text: |\n" + lines, 1), encoding="utf-8")
    return lessons_copy


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("by_click", [False, True], ids=["keys", "click"])
async def test_a_long_page_says_more_below_and_n_scrolls_before_going_on(
    make_session, long_page_lessons: Path, progress_dir: Path, lang: str, by_click: bool
) -> None:
    words = TEXT[lang]
    first_line, last_line = ("Linje 1.", "Linje 40.") if lang == "da" else ("Line 1.", "Line 40.")
    app = make_app(make_session(lang=lang, lessons=long_page_lessons))

    async def next_key() -> None:
        if by_click:
            await click_text(pilot, app, words["next_page"])
        else:
            await pilot.press("n")
            await pilot.pause()

    async with app.run_test(size=SIZE) as pilot:
        app.open_lesson("alpha")
        await pilot.pause()
        assert words["more"] not in screen_text(app)  # the overview fits
        await next_key()
        await until(pilot, lambda: words["more"] in screen_text(app))
        assert words["page_2"] in screen_text(app) and last_line not in screen_text(app)
        scrolls = 0
        while words["more"] in screen_text(app):
            await next_key()  # one screen down, still the same page
            scrolls += 1
            assert words["page_2"] in screen_text(app)
            assert scrolls < 10
        assert scrolls >= 2 and last_line in screen_text(app)  # the bottom: the hint is gone
        assert [e["page"] for e in events_of(progress_dir, "page_viewed")] == [0, 1]
        await next_key()  # at the bottom, `n` goes on
        await pilot.pause()
        assert words["page_3"] in screen_text(app)
        assert [e["page"] for e in events_of(progress_dir, "page_viewed")] == [0, 1, 2]
        await pilot.press("left")  # back to the long page: at its top, with the hint
        await until(pilot, lambda: words["more"] in screen_text(app))
        assert first_line in screen_text(app)
        await pilot.press("right")  # the arrow scrolls like `n`
        await pilot.pause()
        assert words["page_2"] in screen_text(app) and first_line not in screen_text(app)


# --- item 8: the mouse --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_lessons_choices_and_key_hints_work_with_a_click(make_session, progress_dir: Path, lang: str) -> None:
    words = TEXT[lang]
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await click_text(pilot, app, words["lesson"])  # the map's list
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await click_text(pilot, app, words["next_page"])  # a key hint is a button
        assert words["page_2"] in screen_text(app)
        await click_text(pilot, app, words["to_scenarios"])
        assert isinstance(app.screen, ScenarioScreen)
        await click_text(pilot, app, words["answer_b"])  # a choice
        assert words["best"] in screen_text(app)
        assert answers(progress_dir) == [("s1", "b")]
        await click_text(pilot, app, words["answer_a"])  # answered: the other options are shut
        assert answers(progress_dir) == [("s1", "b")]
    assert [e["page"] for e in events_of(progress_dir, "page_viewed")] == [0, 1]


async def test_buttons_work_with_a_click(make_session, progress_dir: Path) -> None:
    app = make_app(make_session(name=None, cohort=None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Mette Hansen"
        await pilot.click("#start")  # the welcome screen's button
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert stored(progress_dir)["profile"]["1"]["name"] == "Mette Hansen"

        app.push_screen(NoticeScreen("Besked"))
        await pilot.pause()
        await pilot.click("#notice-ok")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))

        chosen: list[str | None] = []
        app.push_screen(SameLearnerScreen("Strasse", ["Straße"]), chosen.append)
        await pilot.pause()
        await pilot.click("#same-new")
        await until(pilot, lambda: chosen == ["Strasse"])

        app.store.record_event(AnswerGiven("alpha", "s1", "b", Rating.BEST))
        app.store.record_event(AnswerGiven("alpha", "s2", "a", Rating.BEST))
        app.push_screen(ReflectionScreen("alpha"))
        await pilot.pause()
        app.screen.query_one("#finish").scroll_visible(animate=False)  # as the mouse wheel would
        await pilot.pause()
        await pilot.click("#finish")  # the reflection's finish button
        await until(pilot, lambda: bool(events_of(progress_dir, "lesson_finished")))
    assert [e["lesson_id"] for e in events_of(progress_dir, "lesson_finished")] == ["alpha"]


# --- found by an exploratory tester (stop 19) ----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_try_again_is_shown_only_after_an_answer_and_answer_first_is_said_once(make_session, lang: str) -> None:
    app = make_app(make_session(lang=lang))
    retry = app.t("key.retry")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "t")
        await until(pilot, lambda: isinstance(app.screen, ScenarioScreen))
        await pilot.pause()
        assert retry not in footer_text(app)  # nothing to try again yet
        said: list[str] = []
        notify = app.notify
        app.notify = lambda message, **options: said.append(message) or notify(message, **options)  # type: ignore[method-assign]
        await pilot.press("n", "n", "n")
        await pilot.pause()
        assert said == [app.t("ux.scenario.answer_first", count=3)]  # once, not stacked three times
        await pilot.press("1")
        await pilot.pause()
        assert retry in footer_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert retry not in footer_text(app)


@pytest.mark.parametrize("lang", LANGS)
async def test_the_score_line_counts_answered_steps_as_it_counts_the_total(
    make_session, lang: str, progress_dir: Path
) -> None:
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "t", "1")  # s1: a wrong answer that leads to a follow-up step
        await pilot.pause()
        await pilot.press("n", "1")  # the follow-up, answered
        await pilot.pause()
        expected = {"da": "af 3 (2 besvaret)", "en": "of 3 (2 answered)"}[lang]
        assert expected in screen_text(app)  # 2 of 3 steps answered; s2 is the one still open


@pytest.mark.parametrize("lang", LANGS)
async def test_escape_says_back_when_a_reflection_was_opened_from_the_journal(make_session, lang: str) -> None:
    session = make_session(lang=lang)
    session.store.save_reflection("alpha", "r1", "Min tekst", shared=False)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReflectionScreen))
        await pilot.pause()
        assert f"esc {app.t('key.back')}" in footer_text(app)
        assert f"esc {app.t('key.home')}" not in footer_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "JournalScreen"  # where escape went
        app.open_screen("reflection", "alpha")  # over the map: escape goes to the map, and says so
        await until(pilot, lambda: isinstance(app.screen, ReflectionScreen))
        await pilot.pause()
        assert f"esc {app.t('key.home')}" in footer_text(app)


async def test_help_shows_one_line_per_key_and_the_phase_finder_answer_keys(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.help_text()
    assert "c                  Fortsæt / Start" in text
    assert "Svar 1-4" not in text and "1-5                Vælg svar" in text


async def test_a_title_too_long_for_the_top_line_ends_in_an_ellipsis(make_session) -> None:
    from tests.conftest import SHIPPED_LESSONS

    app = make_app(make_session(lessons=SHIPPED_LESSONS))
    async with app.run_test(size=SIZE) as pilot:
        app.open_lesson("intro")
        await pilot.pause()
        await pilot.press("n", "n", "n")  # "Side 3 af 7: Tre antagelser og et netværks start"
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
    assert "Side 3 af 7" in top and top.rstrip().endswith("…")
