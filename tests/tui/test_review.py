"""Repetition in the app: a missed scenario comes back on a later day, asked again in a
new order; the answer is written as a review, the first-try score stays."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kursus.ui.learner.app import make_app
from kursus.ui.learner.home import HomeScreen
from kursus.ui.learner.review import ReviewScreen
from tests.conftest import footer_text, only_progress_file, screen_text, until

TEXTS = {
    "da": (
        "Repetition: 1 scenarie klar",
        "Repetition 1 af 1",
        "Færdig for nu: 1 scenarie gentaget",
        "Næste repetition:",
    ),
    "en": ("Review: 1 scenario ready", "Review 1 of 1", "Done for now: 1 scenario reviewed", "Next review:"),
}


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_a_missed_scenario_comes_back_the_next_day(make_session, progress_dir: Path, lang: str) -> None:
    ready, heading, finished, next_on = TEXTS[lang]
    today = datetime.now(UTC)
    app = make_app(make_session(lang=lang))
    app.clock = lambda: today  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson("alpha")
        await pilot.pause()
        await pilot.press("t", "3")  # "Svar C": partly right, so missed at the first try
        await pilot.pause()
        app.show_home()
        await pilot.pause()
        assert ready not in screen_text(app)  # not due yet today
        app.clock = lambda: today + timedelta(days=2)  # type: ignore[method-assign]
        app.show_home(rebuild=True)
        await until(pilot, lambda: ready in screen_text(app))
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and heading in screen_text(app))
        review = app.screen
        assert app.t("ux.key.choose_upto", count=3) in footer_text(app)  # three options: 1-3, not 1-4
        await pilot.press("4")  # no fourth option: nothing happens
        await pilot.pause()
        assert review.answer is None
        order = [choice.id for choice in review.order]
        assert order != ["a", "b", "c"] and sorted(order) == ["a", "b", "c"]  # a new order
        await pilot.press(str(order.index("b") + 1))  # the best answer, wherever it is now
        await until(pilot, lambda: "Feedback B" in " ".join(screen_text(app).split()))
        await pilot.press("n")
        await until(pilot, lambda: finished in screen_text(app) and next_on in screen_text(app))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert ready not in screen_text(app)
    events = json.loads(only_progress_file(progress_dir).read_text(encoding="utf-8"))["events"].values()
    answers = [(e["type"], e["choice_id"], e.get("attempt")) for e in events if "choice_id" in e]
    assert answers == [("answer", "c", 1), ("review_answered", "b", None)]


async def test_review_from_the_palette_with_nothing_due_says_so(make_session) -> None:
    app = make_app(make_session())
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_screen("review")
        await until(pilot, lambda: "Intet at gentage lige nu." in screen_text(app))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
