"""The box of options in a scenario: every option on screen at 80x24, whatever the
scenario before it, and on a low window the scenario scrolls to the highlighted option."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from kursus.ui.learner.app import make_app
from kursus.ui.learner.scenario import ScenarioScreen
from tests.conftest import SHIPPED_LESSONS, screen_text, until


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_every_option_of_every_intro_scenario_is_in_the_box_at_80x24(make_session, lang: str) -> None:
    # Found by trying the course in tmux: after a scenario with shorter options the box
    # kept that height, and the fourth option of the next one hid below a scrollbar.
    session = make_session(lang=lang, lessons=SHIPPED_LESSONS)
    app = make_app(session)
    scenarios = session.course.lessons["intro"].main_scenarios
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ScenarioScreen))
        for number, scenario in enumerate(scenarios, start=1):
            await until(pilot, lambda scenario=scenario: app.screen.scenario is scenario)
            await pilot.pause()
            box = app.screen.query_one("#choices", OptionList)
            assert box.virtual_size.height == box.size.height, f"{scenario.id}: the box hides options"
            text = screen_text(app)
            for index in range(1, len(scenario.choices) + 1):
                assert f"{index}. " in text, f"{scenario.id}: option {index} is not on screen"
            if number < len(scenarios):
                await pilot.press("2")
                await pilot.pause()
                await pilot.press("n")


async def test_on_a_low_window_the_scenario_scrolls_to_the_highlighted_option(make_session) -> None:
    app = make_app(make_session(lessons=SHIPPED_LESSONS))
    async with app.run_test(size=(80, 9)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ScenarioScreen))
        last = len(app.screen.scenario.choices)
        await pilot.press(*["down"] * (last - 1))
        await until(pilot, lambda: app.screen.query_one("#choices", OptionList).highlighted == last - 1)
        await pilot.pause()
        assert f"{last}. " in screen_text(app)  # the option the cursor is on can be read


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_every_level_of_every_competence_is_in_the_self_assessment_box(make_session, lang: str) -> None:
    # The same kind of box (options that wrap, height from its content) on the
    # self-assessment pages: it is measured again on every page.
    app = make_app(make_session(lang=lang, lessons=SHIPPED_LESSONS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("k")  # no round yet: straight into the self-assessment
        await until(pilot, lambda: bool(app.screen.query("#sa-levels")))
        seen: set[str] = set()
        for _ in range(12):  # the 10 competences, and a little more to be sure of the end
            box = app.screen.query("#sa-levels")
            if not box:
                break
            await pilot.pause()
            levels = box.first(OptionList)
            seen.add(str(app.screen.query_one("#sa-position").render()))
            assert levels.virtual_size.height == levels.size.height, f"page {len(seen)}: the box hides levels"
            await pilot.press("n")
            await pilot.pause()
        assert len(seen) >= 10
