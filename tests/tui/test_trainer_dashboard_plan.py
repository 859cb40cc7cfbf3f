"""The dashboard a trainer needs (issue 12): find a learner by name as you type (`/`), the
cohort plan's column and line, names cut with an ellipsis, the honest hardest list.
Driven by keys at 80x24, as in test_trainer_dashboard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from kursus.tracking.store import ProgressStore
from kursus.ui.trainer.app import make_trainer_app
from kursus.ui.trainer.cohort import CohortScreen
from kursus.ui.trainer.hardest import HardestScreen
from kursus.ui.trainer.learner import LearnerScreen
from tests.conftest import screen_text, until
from tests.tui.test_trainer_dashboard import app_for, names, table_rows
from tests.unit.test_trainer_support import HOSTILE_NAME, NOW, course, snapshot

PLAN = """\
name: Hold A
cohort: hold-a
start: 2026-06-01
due:
  - by: 2026-06-08
    lessons: [alpha]
  - by: 2026-06-20
    module: videre
"""


async def test_find_a_learner_by_name_as_you_type(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Søg navn" in screen_text(app)  # the key is in the hints
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#name-filter", Input)
        await pilot.press("b")
        await until(pilot, lambda: len(names(app)) < 5)
        assert names(app) == [HOSTILE_NAME, "Bo Berg"]  # any case, anywhere in the name (the markup too)
        await pilot.press("e")
        await until(pilot, lambda: names(app) == ["Bo Berg"])
        text = screen_text(app)
        assert "Navn: »be« (1 af 5)" in text and "Ryd søgning" in text
        await pilot.press("enter")  # to the table, the search stays
        await pilot.pause()
        assert isinstance(app.focused, DataTable) and names(app) == ["Bo Berg"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen) and app.screen.learner.name == "Bo Berg"
        await pilot.press("escape", "escape")  # back, then clear the search
        await until(pilot, lambda: len(names(app)) == 5)
        assert not app.screen.query_one("#name-filter", Input).display
        assert "Ryd søgning" not in screen_text(app)


async def test_a_search_with_no_match_says_so(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "z", "q")  # typed into the field: q does not quit
        await until(pilot, lambda: not names(app))
        assert app.is_running
        assert "Ingen deltager på holdet har »zq« i navnet." in screen_text(app)


async def test_find_a_danish_name_spelled_without_danish_letters_and_back(cohort) -> None:
    """æ, ø and å are found as ae, oe and aa and the other way round, any case
    (tracking.names.search_key)."""
    for name in ("Søren Østergaard", "Soeren Aagaard", "Åse Mæhle"):
        ProgressStore.open_for(cohort.folder, name, cohort="hold-a", course_id="testkursus", content_version=3)
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: len(names(app)) == 8)
        await pilot.press("slash", *"soeren")
        await until(pilot, lambda: names(app) == ["Soeren Aagaard", "Søren Østergaard"])
        await until(pilot, lambda: "Søren Østerga…" in screen_text(app))  # cut at 80 columns
        assert "Navn: »soeren« (2 af 8)" in screen_text(app)
        await pilot.press(*" Ø")  # the name's ø for the typed oe: only one of them has it
        await until(pilot, lambda: names(app) == ["Søren Østergaard"])
        await pilot.press("escape", "slash", *"AAGÅRD")
        await until(pilot, lambda: names(app) == ["Soeren Aagaard"])
        await pilot.press("escape", "slash", *"maehle", "enter")
        await until(pilot, lambda: names(app) == ["Åse Mæhle"])
        assert isinstance(app.focused, DataTable)


async def test_search_follows_the_cohort_filter_and_markup_is_text(cohort) -> None:
    app = app_for(cohort.folder, cohort_filter="hold-b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "d")
        await until(pilot, lambda: names(app) == ["Di Dam"])
        await pilot.press("escape")
        await pilot.pause()
        app.set_cohort(None)
        await pilot.press("slash", *"[/b]")
        await until(pilot, lambda: len(names(app)) == 1)
        assert names(app)[0].startswith("[b]x[/b]")


async def test_plan_column_and_the_learners_plan_line(cohort) -> None:
    (cohort.folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    before = snapshot(cohort.folder)
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Plan" in text
        rows = {row[0]: row for row in table_rows(app)}
        assert rows["Bo Berg"][-1] == "følger" and rows["Di Dam"][-1] == "–"
        ada = next(row for name, row in rows.items() if name.startswith("Ada"))
        assert ada[-1] == "2 foran"
        table = app.screen.query_one("#learners", DataTable)
        assert table.virtual_size.width <= table.size.width  # still no sideways scrolling at 80 columns
        await pilot.press("s", "s", "s", "s", "s", "s", "s")  # the plan column sorts too
        await pilot.pause()
        assert app.screen.columns[app.screen.sort_column].key == "plan"
        assert names(app)[:2] == ["Bo Berg", "Ada Andersen"]  # on track (0), ahead (+2), then no plan
        await pilot.press(*["up"] * 5, "enter")  # the first row: Bo Berg
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen) and app.screen.learner.name == "Bo Berg"
        plan_line = str(app.screen.query_one("#learner-plan", Static).content)
        assert plan_line == "Plan Hold A: følger planen (1 af 3 lektioner skulle være færdige nu)"
    assert snapshot(cohort.folder) == before  # the plan is read, never written


async def test_reload_with_a_broken_plan_keeps_the_view_and_says_why(cohort) -> None:
    plan = cohort.folder / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    app = app_for(cohort.folder)
    said: list[str] = []
    app.notify = lambda message, **options: said.append(str(message))  # what the toast would say
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plan.write_text("start: 2026-06-01\n", encoding="utf-8")
        await pilot.press("r")
        await until(pilot, lambda: bool(said))
        assert isinstance(app.screen, CohortScreen) and len(names(app)) == 5
        assert said[0].startswith("Planen kan ikke læses") and "plan.yaml:1: missing pace:" in said[0]
        assert app.report.plans and "2 foran" in screen_text(app)  # what it showed stays


async def test_long_names_are_cut_with_an_ellipsis_and_the_table_grows(tmp_path: Path) -> None:
    from kursus.tracking import ProgressStore

    long_name = "Maja Kristine Østergaard-Frederiksen Hansen"
    ProgressStore.open_for(tmp_path, long_name, cohort="forår", course_id="testkursus", content_version=3)
    for lock in tmp_path.glob("*.lock"):
        lock.unlink()
    app = make_trainer_app(tmp_path, course(), now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cell = table_rows(app)[0][0]
        assert cell.endswith("…") and long_name.startswith(cell[:-1].rstrip())
        await pilot.resize_terminal(140, 30)
        await until(pilot, lambda: table_rows(app)[0][0] == long_name)


async def test_hardest_list_states_its_rule_and_shows_unranked(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HardestScreen)
        assert "Nr. = rangeret efter sværhed; – = færre end 3 svar." in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        detail = str(app.screen.query_one("#scenario-choices", Static).content)
        assert "1 har svaret" in detail and "Færre end 3 svar: ikke rangeret." in detail


async def test_in_a_big_cohort_the_search_waits_for_a_pause(cohort, monkeypatch) -> None:
    from kursus.ui.trainer import cohort as cohort_screen

    monkeypatch.setattr(cohort_screen, "BIG_COHORT", 3)  # the known cohort of five counts as big
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "b", "e", "r")
        await until(pilot, lambda: names(app) == ["Bo Berg"])
        await pilot.press("escape")
        await until(pilot, lambda: len(names(app)) == 5)
