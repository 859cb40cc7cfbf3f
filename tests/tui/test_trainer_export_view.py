"""`e` in the dashboard: the table as shown (cohort, name search, order) written to a
file the trainer names, in any report format; read back here (openpyxl for xlsx).
Never overwritten without a second enter; hostile names are written as text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import load_workbook
from textual.widgets import Input

from kursus.ui.trainer.cohort import CohortScreen
from kursus.ui.trainer.export import ExportScreen
from tests.conftest import screen_text, until
from tests.tui.test_trainer_dashboard import app_for
from tests.unit.test_trainer_support import HOSTILE_COHORT, HOSTILE_NAME


async def type_path(pilot, app, path: Path) -> None:
    field = app.screen.query_one("#export-path", Input)
    field.value = ""
    await pilot.press(*str(path))


async def test_export_the_sorted_view_to_xlsx_with_the_default_name(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("3", "3")  # lessons done, descending
        order = [learner.name for learner in app.screen.rows]
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        text = screen_text(app)
        assert "Eksportér visningen" in text and "5 deltagere" in text and "faldende" in text
        default = cohort.folder.parent / "mappe-visning-2026-06-15.xlsx"
        assert app.screen.query_one("#export-path", Input).value == str(default)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CohortScreen))
        assert default.is_file()
        await until(pilot, lambda: "Visningen (5 deltagere)" in screen_text(app))

    sheet = load_workbook(default)["Deltagere"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[0] for row in rows[1:]] == order  # the view's order, not the report's
    hostile = next(cell for row in sheet.iter_rows() for cell in row if cell.value == HOSTILE_NAME)
    assert hostile.data_type == "s"  # text, never a formula


async def test_export_never_overwrites_without_a_second_enter(cohort) -> None:
    target = cohort.folder.parent / "min-visning.json"
    target.write_text("keep me", encoding="utf-8")
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        await type_path(pilot, app, target)
        await pilot.press("enter")
        await until(pilot, lambda: "findes allerede" in screen_text(app))
        assert isinstance(app.screen, ExportScreen)
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")  # the second enter says: overwrite
        await until(pilot, lambda: isinstance(app.screen, CohortScreen))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "kursus-report" and len(data["learners"]) == 5


async def test_export_of_a_name_search_to_csv_and_a_bad_suffix(cohort) -> None:
    app = app_for(cohort.folder)
    target = cohort.folder.parent / "søgning.csv"
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"x", "enter")  # the hostile learner's name holds an x
        await until(pilot, lambda: len(app.screen.rows) == 1)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert "1 deltager" in screen_text(app) and "søgning" in screen_text(app)
        await type_path(pilot, app, cohort.folder.parent / "visning.exe")
        await pilot.press("enter")
        await until(pilot, lambda: "skal ende på" in screen_text(app))
        assert not (cohort.folder.parent / "visning.exe").exists()
        await type_path(pilot, app, target)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CohortScreen))
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    learners = rows[1 : rows.index([])]  # the learners' section: only the one found
    assert [row[:2] for row in learners] == [[HOSTILE_NAME, "'" + HOSTILE_COHORT]]  # a formula made text


async def test_export_refuses_a_progress_file_and_escape_cancels(cohort) -> None:
    app = app_for(cohort.folder)
    victim = sorted(cohort.folder.rglob("*.json"))[0]
    before = victim.read_bytes()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        await type_path(pilot, app, victim)
        await pilot.press("enter")
        await until(pilot, lambda: "progress file" in screen_text(app) or "refusing" in screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert victim.read_bytes() == before
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CohortScreen))
    assert victim.read_bytes() == before
