"""`/` searches the course and opens a hit where it is; the glossary filters as you type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea

from kursus.ui.learner.app import make_app
from kursus.ui.learner.glossary import GlossaryScreen
from kursus.ui.learner.home import HomeScreen
from kursus.ui.learner.lesson import LessonScreen
from kursus.ui.learner.reflection import ReflectionScreen
from kursus.ui.learner.search import SearchScreen
from tests.conftest import footer_text, only_progress_file, screen_text, until

SIZE = (80, 24)

# (language, query, the heading the lesson shows, what the glossary count says)
LANGS = {
    "da": ("anden side gamma", "Side 3 af 4: Anden side", "1 af 2 begreber", "2 af 2 begreber", "0 af 2 begreber"),
    "en": ("second page gamma", "Page 3 of 4: Second page", "1 of 2 terms", "2 of 2 terms", "0 of 2 terms"),
}


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


async def open_search(app, pilot) -> SearchScreen:
    await until(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press("slash")
    await until(pilot, lambda: isinstance(app.screen, SearchScreen))
    assert isinstance(app.screen, SearchScreen)
    return app.screen


def results(app) -> list[str]:
    options = app.screen.query_one("#search-results", OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_slash_type_and_enter_opens_the_lesson_at_the_page(make_session, progress_dir: Path, lang: str) -> None:
    query, heading, *_ = LANGS[lang]
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        search = await open_search(app, pilot)
        assert app.t("search.hint") in screen_text(app)
        assert search.query_one("#search-input", Input).has_focus
        await type_text(pilot, query)
        lesson_title = app.session.course.lessons["gamma"].title
        await until(pilot, lambda: lesson_title in screen_text(app))
        assert results(app)[0].startswith(lesson_title)  # the page whose title holds the words
        assert app.t("search.count", n=len(search.hits)) in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await until(pilot, lambda: heading in screen_text(app))
        assert app.screen.lesson_id == "gamma" and app.screen.page == 2
        await pilot.press("escape")  # the lesson was opened over the course map
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
    events = json.loads(only_progress_file(progress_dir).read_text())["events"].values()
    assert [(e["lesson_id"], e["page"]) for e in events if e["type"] == "page_viewed"] == [("gamma", 2)]


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_a_click_opens_a_hit_and_arrows_reach_the_key_points(make_session, lang: str) -> None:
    app = make_app(make_session(lang=lang))
    key_points = app.t("lesson.key_points")
    async with app.run_test(size=SIZE) as pilot:
        search = await open_search(app, pilot)
        await type_text(pilot, "tredje" if lang == "da" else "third")  # only in the key points
        await until(pilot, lambda: len(search.hits) == 3)
        assert all(key_points in line for line in results(app))
        await pilot.press("down", "down", "enter")  # to the list, to the second hit: beta
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        await until(pilot, lambda: app.t("lesson.page_of", page=4, total=4, heading=key_points) in screen_text(app))
        assert app.screen.lesson_id == "beta"

        await pilot.press("escape")
        search = await open_search(app, pilot)
        await type_text(pilot, "tredje" if lang == "da" else "third")
        await until(pilot, lambda: len(search.hits) == 3)
        await pilot.click("#search-results", offset=(4, 1))  # the first hit's line
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert app.screen.lesson_id == "alpha" and app.screen.page == 3


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_a_glossary_hit_opens_the_glossary_filtered_to_it(make_session, lang: str) -> None:
    _, _, one, _, _ = LANGS[lang]
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        search = await open_search(app, pilot)
        await type_text(pilot, "co-driver")
        await until(pilot, lambda: len(search.hits) == 1)
        assert app.t("search.glossary_hit", term="Co-driver") in screen_text(app)
        assert "[b]" in screen_text(app)  # the definition's `[b]og[/]` as text
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, GlossaryScreen))
        await until(pilot, lambda: one in screen_text(app))
        assert app.screen.query_one("#glossary-filter", Input).value == "Co-driver"
        network_leader = next(t.term for t in app.session.course.glossary if t.id == "netvaerksleder")
        assert network_leader not in screen_text(app)


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_glossary_filters_as_you_type(make_session, lang: str) -> None:
    _, _, one, both, none = LANGS[lang]
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, GlossaryScreen))
        await until(pilot, lambda: both in screen_text(app))
        assert "Co-driver" in screen_text(app)
        await type_text(pilot, "sparring")  # its `g` is typed, not "back"
        await until(pilot, lambda: one in screen_text(app))
        assert isinstance(app.screen, GlossaryScreen)
        assert "Co-driver" in screen_text(app)
        leader = next(t.term for t in app.session.course.glossary if t.id == "netvaerksleder")
        assert leader not in screen_text(app)
        await type_text(pilot, "x")
        await until(pilot, lambda: none in screen_text(app))
        assert app.t("glossary.no_match") in screen_text(app) and "Co-driver" not in screen_text(app)
        await pilot.press(*["backspace"] * len("sparringx"))
        await until(pilot, lambda: both in screen_text(app))
        assert leader in screen_text(app) and "Co-driver" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_hostile_query_text_is_shown_literally(make_session, lang: str) -> None:
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        search = await open_search(app, pilot)
        await type_text(pilot, "[/]")  # its `/` is typed: no second search opens
        await until(pilot, lambda: len(search.hits) == 3)  # beta's summary and first page, the co-driver term
        assert app.screen is search
        text = screen_text(app)
        assert "[/]" in text and "[@click=app.quit]klik[/]" in text
        field = search.query_one("#search-input", Input)
        field.value = "\x1b[2J\x1b]0;owned\x07[b]x[/b]\nny linje"  # pasted escape codes and a line break
        await until(pilot, lambda: "␛[2J" in screen_text(app))
        assert field.value == "␛[2J␛]0;owned␇[b]x[/b] ny linje"
        assert app.t("search.nothing") in screen_text(app)
        field.value = "[@click=app.quit]x" + "ø" * 10_000
        await until(pilot, lambda: app.t("search.nothing") in screen_text(app) and "[@click" in screen_text(app))
        await pilot.press("enter")  # nothing to open: nothing happens
        await pilot.pause()
        assert app.is_running and app.screen is search
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_slash_typed_in_the_reflection_box_stays_text(make_session, lang: str) -> None:
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.open_screen("reflection", "alpha")
        await until(pilot, lambda: isinstance(app.screen, ReflectionScreen) and bool(app.screen.query("#text-r1")))
        box = app.screen.query_one("#text-r1", TextArea)
        await pilot.press("enter")  # into the box
        await until(pilot, lambda: box.has_focus)
        await type_text(pilot, "ja/nej")
        await until(pilot, lambda: box.text == "ja/nej")
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("escape")  # out of the box's screen: now `/` searches
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_search_is_in_the_help_and_the_palette_and_its_keys_in_the_footer(make_session, lang: str) -> None:
    app = make_app(make_session(lang=lang))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("question_mark")
        await until(pilot, lambda: app.t("help.title") in screen_text(app))
        help_text = str(app.screen.query_one("#help-text").render())
        assert f"/{' ' * 18}{app.t('key.search')}" in help_text  # under "everywhere"
        assert app.t("help.search") in help_text and app.t("key.search_results") in help_text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await type_text(pilot, app.t("command.search")[:6])
        await until(pilot, lambda: app.t("command.search") in screen_text(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        footer = lambda: footer_text(app)  # noqa: E731
        assert app.t("key.search_results") not in footer()  # nothing to go to yet
        await type_text(pilot, "pointe" if lang == "da" else "point")
        await until(pilot, lambda: app.t("key.search_results") in footer())
        await pilot.press("down")
        await until(pilot, lambda: app.screen.query_one("#search-results", OptionList).has_focus)
        assert app.t("key.search_field") in footer()
        await pilot.press("slash")
        await until(pilot, lambda: app.screen.query_one("#search-input", Input).has_focus)
        assert app.screen.query_one("#search-input", Input).value == ("pointe" if lang == "da" else "point")
