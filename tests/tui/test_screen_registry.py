"""Screens are registered once (kursus.ui.learner.screens); help and palette read it."""

from __future__ import annotations

import pytest
from textual.screen import Screen

from kursus.i18n import Catalogue
from kursus.ui.learner import screens
from kursus.ui.learner.app import make_app
from tests.conftest import screen_text, until


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_registered_screen_exists_with_its_texts(lang: str) -> None:
    t = Catalogue(lang)
    for entry in screens.REGISTRY:
        assert issubclass(entry.screen_class(), Screen), entry.name
        for key in filter(None, (entry.help_key, entry.command_key)):
            assert key in t, key
        if entry.command_key:
            assert f"{entry.command_key}_help" in t


async def test_help_has_a_section_for_every_registered_screen_with_help(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test(size=(100, 90)) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: "Overalt" in screen_text(app))
        text = screen_text(app)
        sections = [key for key, _ in screens.help_sections()]
        assert len(sections) == len(set(sections)) >= 7  # once each; new screens add sections
        for key in sections:
            assert app.t(key) in text, key


async def test_the_palette_offers_every_registered_screen_and_opens_it(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await until(pilot, lambda: app.t("command.journal") in screen_text(app))
        for entry in screens.palette_entries():
            assert app.t(entry.command_key) in screen_text(app)
        await pilot.press(*"ordliste", "enter")
        await until(pilot, lambda: isinstance(app.screen, screens.entry("glossary").screen_class()))


async def test_a_lesson_summary_with_markup_shows_literally_in_the_palette(make_session) -> None:
    """The fixture's beta summary holds `[/]` and `[@click=app.quit]`: shown as typed,
    no crash, nothing run."""
    app = make_app(make_session())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"beta")
        await until(pilot, lambda: "[@click=app.quit]klik[/]" in screen_text(app))
        assert app.is_running
