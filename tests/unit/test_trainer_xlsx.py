"""`kursus report --output hold.xlsx`: a workbook a trainer opens in Excel or LibreOffice,
read back here with openpyxl (sheets, typed cells, frozen heading, filters, widths, and
no text that could run as a formula)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kursus.cli import main
from kursus.commands.report import report_command
from kursus.i18n import Catalogue
from kursus.trainer.aggregate import build_report
from kursus.trainer.formats import render_bytes
from kursus.trainer.xlsx import MAX_WIDTH, local_time
from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_trainer_report import args
from tests.unit.test_trainer_support import (
    ADA_SHARED,
    HOSTILE_COHORT,
    HOSTILE_NAME,
    HOSTILE_SHARED,
    NOW,
    PRIVATE_TEXTS,
    add_messy_files,
    build_cohort,
    course,
)


def workbook(path: Path):
    return load_workbook(path)  # the whole workbook: cell types, styles, widths


def rows_of(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def by_heading(sheet, name: str) -> dict[str, object]:
    rows = rows_of(sheet)
    heading = rows[0]
    row = next(r for r in rows[1:] if r[0] == name)
    return dict(zip(heading, row))


@pytest.fixture
def xlsx(cohort, tmp_path: Path) -> Path:
    target = tmp_path / "hold.xlsx"
    assert report_command(args(cohort.folder, format=None, output=str(target)), now=NOW) == 0  # from the suffix
    return target


def test_one_sheet_per_section_with_a_frozen_bold_heading_and_filters(xlsx: Path) -> None:
    book = workbook(xlsx)
    assert book.sheetnames == ["Deltagere", "Scenarier, sværeste først", "Delte refleksioner", "Sprunget over"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        last = sheet.cell(row=1, column=sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
        assert all(cell.font.bold for cell in sheet[1])
    learners = book["Deltagere"]
    assert [c.value for c in learners[1]][:4] == ["Navn", "Hold", "Lektioner færdige", "Lektioner i alt"]
    assert learners.max_row == 1 + 5  # a row per learner
    assert book["Sprunget over"].max_row == 1  # nothing skipped: the heading alone


def test_cells_are_typed_numbers_percentages_and_local_times(xlsx: Path) -> None:
    learners = workbook(xlsx)["Deltagere"]
    heading = [c.value for c in learners[1]]
    ada_row = next(row for row in learners.iter_rows(min_row=2) if row[0].value == "Ada Andersen")
    ada = dict(zip(heading, ada_row))
    assert ada["Lektioner færdige"].value == 3 and ada["Lektioner færdige"].data_type == "n"
    score = ada["Point ved første forsøg (%)"]
    assert score.value == pytest.approx(5.5 / 7) and score.number_format == "0%"
    last = ada["Sidst aktiv"]
    assert last.is_date and last.value == local_time(NOW - timedelta(days=1))
    assert last.value.tzinfo is None  # Excel keeps no time zone: local time
    di = by_heading(learners, "Di Dam")
    assert di["Point ved første forsøg (%)"] is None and di["Sidst aktiv"] is None  # empty, not "–" or 0

    scenarios = workbook(xlsx)["Scenarier, sværeste først"]
    heading = [c.value for c in scenarios[1]]
    first, second = (dict(zip(heading, row)) for row in list(scenarios.iter_rows(min_row=2))[:2])
    assert first["Nr."].value == 1 and first["Besvaret"].value == 3
    assert first["Rigtigt 1. gang (%)"].value == pytest.approx(1 / 3)
    assert first["Sværhed (%)"].number_format == "0.0%" and 0 < first["Sværhed (%)"].value < 1
    assert second["Nr."].value is None and second["Besvaret"].value == 1  # too few answers: no rank, count shown


def test_text_is_never_a_formula(xlsx: Path) -> None:
    book = workbook(xlsx)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    learners = book["Deltagere"]
    hostile = next(row for row in learners.iter_rows(min_row=2) if row[0].value == HOSTILE_NAME)
    assert hostile[0].data_type == "s" and hostile[1].value == HOSTILE_COHORT and hostile[1].data_type == "s"
    shared = rows_of(book["Delte refleksioner"])
    texts = [row[4] for row in shared[1:]]
    assert HOSTILE_SHARED in texts and ADA_SHARED in texts  # as typed: no leading ' needed in a typed cell
    everything = "\n".join(str(cell.value) for cell in cells)
    for private in PRIVATE_TEXTS:
        assert private not in everything


def test_widths_fit_the_text_within_bounds(xlsx: Path) -> None:
    learners = workbook(xlsx)["Deltagere"]
    widths = {letter: dimension.width for letter, dimension in learners.column_dimensions.items()}
    assert widths["A"] >= len(HOSTILE_NAME)  # the longest name fits
    assert all(6 <= width <= MAX_WIDTH for width in widths.values())
    shared = workbook(xlsx)["Delte refleksioner"]
    assert shared.column_dimensions["E"].width == MAX_WIDTH or shared.column_dimensions["E"].width >= len(ADA_SHARED)


def test_control_characters_and_very_long_text_are_safe(cohort, tmp_path: Path) -> None:
    """A hand-edited file: a name with escape codes, a shared reflection of 40,000 characters."""
    data = json.loads(cohort.files["ada"].read_text(encoding="utf-8"))
    data["profile"]["1"]["name"] = "Esc \x1b[31mRød\x07"
    reflection = next(doc for doc in data["reflections"].values() if doc["shared"])
    reflection["text"] = "Å" * 40_000
    (cohort.folder / "haandrettet.json").write_text(json.dumps(data), encoding="utf-8")
    report = build_report(cohort.folder, course(), now=NOW)
    target = tmp_path / "ud.xlsx"
    target.write_bytes(render_bytes(report, "xlsx", Catalogue("da")))
    book = workbook(target)
    names = [row[0] for row in rows_of(book["Deltagere"])[1:]]
    assert "Esc ␛[31mRød␇" in names  # shown, not obeyed (and openpyxl accepts it)
    texts = [row[4] for row in rows_of(book["Delte refleksioner"])[1:]]
    longest = max(texts, key=len)
    assert len(longest) == 32_767 and longest.endswith("…")  # Excel's limit for a cell


def test_skipped_files_get_their_sheet(tmp_path: Path) -> None:
    cohort = build_cohort(tmp_path / "mappe")
    add_messy_files(cohort.folder)
    target = tmp_path / "hold.xlsx"
    assert report_command(args(cohort.folder, format="xlsx", output=str(target)), now=NOW) == 0
    skipped = rows_of(workbook(target)["Sprunget over"])
    assert skipped[0] == ["Fil sprunget over", "Årsag"]
    assert ["empty.json", "tom fil"] in skipped


def test_english_sheet_names_and_headings(cohort, tmp_path: Path) -> None:
    target = tmp_path / "cohort.xlsx"
    assert report_command(args(cohort.folder, format="xlsx", output=str(target), lang="en"), now=NOW) == 0
    book = workbook(target)
    assert book.sheetnames == ["Learners", "Scenarios, hardest first", "Shared reflections", "Skipped"]
    assert "First-try points (%)" in [c.value for c in book["Learners"][1]]


def test_xlsx_through_the_command_line(cohort, tmp_path: Path, capsys) -> None:
    target = tmp_path / "hold.xlsx"
    code = main(["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--output", str(target)])
    assert code == 0 and "hold.xlsx" in capsys.readouterr().err
    assert workbook(target).sheetnames[0] == "Deltagere"


def test_xlsx_refuses_to_overwrite_a_progress_file(cohort, capsys) -> None:
    target = cohort.files["ada"]
    before = target.read_bytes()
    code = main(
        ["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--format", "xlsx", "--output", str(target)]
    )
    assert code == 2 and "refusing" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_the_command_line_offers_every_format_and_dialect() -> None:
    from kursus import cli
    from kursus.trainer import formats

    assert cli.FORMATS_REPORT == formats.FORMATS
    assert cli.CSV_DIALECTS == formats.CSV_DIALECTS
