"""The CSV a Danish Excel opens by double-click (`--csv-dialect excel-da`: semicolon,
decimal comma, UTF-8 with a BOM), and one CSV file per section when --output is a folder."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kursus.cli import main
from kursus.commands.report import report_command
from kursus.i18n import Catalogue
from kursus.trainer.aggregate import build_report
from kursus.trainer.formats import render, render_bytes, section_csv, sections
from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_trainer_report import args
from tests.unit.test_trainer_support import ADA_SHARED, HOSTILE_COHORT, NOW, PRIVATE_TEXTS, course


@pytest.fixture
def report(cohort):
    return build_report(cohort.folder, course(), stalled_days=14, now=NOW)


def danish_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_excel_da_is_semicolons_decimal_commas_and_a_bom(report) -> None:
    payload = render_bytes(report, "csv", Catalogue("da"), csv_dialect="excel-da")
    assert payload.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads æøå right
    text = payload.decode("utf-8-sig")
    learners, scenarios = text.split("\r\n\r\n")[:2]
    rows = danish_rows(learners)
    assert rows[0][:4] == ["Navn", "Hold", "Lektioner færdige", "Lektioner i alt"]
    ada = dict(zip(rows[0], next(r for r in rows if r[0] == "Ada Andersen")))
    assert ada["Point ved første forsøg (%)"] == "79"
    assert ada["Sidst aktiv"] == (NOW.replace(day=14)).astimezone().strftime("%Y-%m-%d %H:%M")  # local time
    scenario_rows = danish_rows(scenarios)
    hardness = dict(zip(scenario_rows[0], scenario_rows[1]))["Sværhed (%)"]
    assert "," in hardness and "." not in hardness  # decimal comma
    assert float(hardness.replace(",", ".")) == pytest.approx(20.8, abs=0.05)


def test_rfc4180_keeps_commas_decimal_points_and_no_bom(report) -> None:
    payload = render_bytes(report, "csv", Catalogue("da"))
    assert not payload.startswith(b"\xef\xbb\xbf")
    scenarios = payload.decode("utf-8").split("\r\n\r\n")[1]
    rows = list(csv.reader(io.StringIO(scenarios)))
    assert dict(zip(rows[0], rows[1]))["Sværhed (%)"] == "20.8"


def test_excel_da_neutralises_formulas_and_quotes_semicolons(report) -> None:
    text = render(report, "csv", Catalogue("da"), csv_dialect="excel-da")
    cells = [c for part in text.split("\r\n\r\n") for row in danish_rows(part) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [c for c in cells if c[:1] == "-" and not c[1:].replace(",", "").isdigit()]  # only numbers
    assert "'" + HOSTILE_COHORT in cells
    assert ADA_SHARED in cells
    for private in PRIVATE_TEXTS:
        assert private not in text


def test_each_section_on_its_own_has_one_heading_row(report) -> None:
    parts = {section.key: section for section in sections(report, Catalogue("da"))}
    assert list(parts) == ["learners", "scenarios", "shared", "skipped"]
    rows = list(csv.reader(io.StringIO(section_csv(parts["learners"]))))
    assert len(rows) == 1 + len(report.learners) and all(len(row) == len(rows[0]) for row in rows)


def test_output_folder_gets_one_file_per_section(cohort, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "hold-csv"
    options = args(cohort.folder, format=None, output=f"{folder}/", csv_dialect="excel-da")
    assert report_command(options, now=NOW) == 0
    files = sorted(path.name for path in folder.iterdir())
    assert files == sorted(["deltagere.csv", "scenarier.csv", "delte-refleksioner.csv", "sprunget-over.csv"])
    learners = (folder / "deltagere.csv").read_bytes()
    assert learners.startswith(b"\xef\xbb\xbf")
    rows = danish_rows(learners.decode("utf-8-sig"))
    assert rows[0][0] == "Navn" and len(rows) == 6
    assert danish_rows((folder / "sprunget-over.csv").read_text(encoding="utf-8-sig")) == [
        ["Fil sprunget over", "Årsag"]
    ]
    err = capsys.readouterr().err
    assert "deltagere.csv" in err and str(folder) in err


def test_output_folder_that_exists_and_english_names(cohort, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert report_command(args(cohort.folder, format="csv", output=str(folder), lang="en"), now=NOW) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "learners.csv",
        "scenarios.csv",
        "shared-reflections.csv",
        "skipped.csv",
    ]
    assert (folder / "learners.csv").read_text(encoding="utf-8").startswith("Name,Cohort,")


def test_output_folder_is_for_csv_only(cohort, tmp_path: Path, capsys) -> None:
    code = main(
        ["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--format", "md", "--output", f"{tmp_path}/"]
    )
    assert code == 2 and "one CSV file per section" in capsys.readouterr().err


def test_output_folder_needs_an_existing_parent(cohort, tmp_path: Path, capsys) -> None:
    code = main(["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--output", f"{tmp_path}/a/b/"])
    assert code == 2 and "no such folder" in capsys.readouterr().err
    assert not (tmp_path / "a").exists()


def test_csv_dialect_through_the_command_line_to_stdout(cohort, capsys) -> None:
    code = main(
        [
            "report",
            str(cohort.folder),
            "--lessons",
            str(FIXTURE_LESSONS),
            "--format",
            "csv",
            "--csv-dialect",
            "excel-da",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("\ufeffNavn;Hold;")
