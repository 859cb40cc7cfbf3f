"""`kursus report`: every column and status on a known cohort, in every format."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from kursus.cli import main
from kursus.commands.options import ReportOptions
from kursus.commands.report import report_command
from kursus.i18n import Catalogue
from kursus.trainer.aggregate import build_report
from kursus.trainer.formats import md_escape, neutralise, render
from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_trainer_support import (
    ADA_SHARED,
    HOSTILE_COHORT,
    HOSTILE_NAME,
    HOSTILE_SHARED,
    NOW,
    PRIVATE_TEXTS,
    course,
)

FORMATS = ("table", "csv", "md", "json")


@pytest.fixture
def report(cohort):
    return build_report(cohort.folder, course(), stalled_days=14, now=NOW)


def by_name(report, name: str):
    return next(learner for learner in report.learners if learner.name == name)


def args(folder: Path, **extra) -> ReportOptions:
    values = dict(
        progress_dir=str(folder),
        cohort=None,
        format="json",
        output=None,
        stalled_days=14,
        lessons=str(FIXTURE_LESSONS),
        lang=None,
    )
    values.update(extra)
    return ReportOptions(**values)


# --- every column -------------------------------------------------------------------------


def test_every_column_for_every_learner(report) -> None:
    ada, bo, cy, di = (by_name(report, n) for n in ("Ada Andersen", "Bo Berg", "Cy Carlsen", "Di Dam"))
    hostile = by_name(report, HOSTILE_NAME)

    assert [ada.cohort, bo.cohort, cy.cohort, di.cohort, hostile.cohort] == [
        "hold-a",
        "hold-a",
        "hold-b",
        "hold-b",
        HOSTILE_COHORT,
    ]
    assert [(x.lessons_done, x.lessons_total) for x in (ada, bo, cy, di, hostile)] == [
        (3, 3),
        (1, 3),
        (0, 3),
        (0, 3),
        (0, 3),
    ]
    assert ada.modules == {"start": (1, 1), "videre": (2, 2)}
    assert bo.modules == {"start": (1, 1), "videre": (0, 2)}
    assert cy.modules == {"start": (0, 1), "videre": (0, 2)}
    assert ada.first_try_score == pytest.approx(5.5 / 7)
    assert bo.first_try_score == pytest.approx(0.75)
    assert cy.first_try_score == 0.0
    assert di.first_try_score is None and hostile.first_try_score is None
    assert [x.scenarios_answered for x in (ada, bo, cy, di, hostile)] == [7, 2, 1, 0, 0]
    assert ada.last_activity == NOW - timedelta(days=1)
    assert bo.last_activity == NOW - timedelta(days=3)
    assert cy.last_activity == NOW - timedelta(days=20)
    assert di.last_activity is None
    assert [x.status for x in (ada, bo, cy, di, hostile)] == [
        "done",
        "in_progress",
        "stalled",
        "not_started",
        "in_progress",
    ]
    assert [x.shared_count for x in (ada, bo, cy, di, hostile)] == [1, 0, 0, 0, 1]
    assert ada.lesson_status == {"alpha": "done", "beta": "done", "gamma": "done"}
    assert bo.lesson_status == {"alpha": "done", "beta": "in_progress", "gamma": "not_started"}


def test_learners_are_sorted_by_name_and_counted(report) -> None:
    assert [x.name for x in report.learners] == sorted((x.name for x in report.learners), key=str.casefold)
    assert (
        report.count("done"),
        report.count("in_progress"),
        report.count("stalled"),
        report.count("not_started"),
    ) == (1, 2, 1, 1)
    assert report.skipped == []
    assert report.cohorts == sorted([HOSTILE_COHORT, "hold-a", "hold-b"], key=str.casefold)


@pytest.mark.parametrize(
    ("days", "expected"), [(14, "stalled"), (20, "stalled"), (21, "in_progress"), (60, "in_progress")]
)
def test_stalled_is_measured_in_days_from_now(cohort, days: int, expected: str) -> None:
    report = build_report(cohort.folder, course(), stalled_days=days, now=NOW)
    assert by_name(report, "Cy Carlsen").status == expected
    assert by_name(report, "Di Dam").status == "not_started"  # never stalled: never started
    assert by_name(report, "Ada Andersen").status == "done"  # done stays done however long ago


def test_only_shared_reflections_are_kept_at_all(report) -> None:
    kept = [r.text for learner in report.learners for r in learner.shared]
    assert sorted(kept) == sorted([ADA_SHARED, HOSTILE_SHARED])


# --- hardest scenarios --------------------------------------------------------------------


def test_scenarios_hardest_first_with_answered_and_share_right(report) -> None:
    # Issue 12 changed the ranking: a scenario is ranked only from 3 answers (by the
    # Wilson lower bound of the share not right at the first try), so "0 of 1 right"
    # no longer ranks above "1 of 3". Those with fewer answers follow, unranked.
    order = [(s.lesson_id, s.scenario_id) for s in report.scenarios]
    assert order == [
        ("alpha", "s1"),  # 1 of 3: the only scenario with 3 answers, ranked 1
        ("gamma", "s1"),  # 0 of 1 right: hardest of the unranked
        ("alpha", "s2"),  # 1 of 2
        ("beta", "s1"),
        ("beta", "s2"),
        ("gamma", "s1-opfoelgning"),
        ("gamma", "s2"),  # all right, course order
        ("alpha", "s1-opfoelgning"),
        ("beta", "s1-opfoelgning"),  # nobody answered: last
    ]
    assert [s.rank for s in report.scenarios] == [1] + [None] * 8
    stats = {(s.lesson_id, s.scenario_id): s for s in report.scenarios}
    assert (stats["alpha", "s1"].answered, stats["alpha", "s1"].right_first) == (3, 1)
    assert stats["alpha", "s1"].share_right == pytest.approx(1 / 3)
    assert stats["alpha", "s1"].mean_first_score == pytest.approx(0.5)
    assert dict(stats["alpha", "s1"].first_choices) == {"a": 1, "b": 1, "c": 1}
    assert stats["alpha", "s1-opfoelgning"].share_right is None
    assert stats["gamma", "s1"].lesson_title == "Gamma-lektionen"


def test_cohort_filter_applies_to_rows_and_scenarios(cohort) -> None:
    report = build_report(cohort.folder, course(), cohort="HOLD-B ", now=NOW)
    assert [x.name for x in report.learners] == ["Cy Carlsen", "Di Dam"]
    assert report.filtered_out == 3
    first = report.scenarios[0]
    assert (first.lesson_id, first.scenario_id, first.answered) == ("alpha", "s1", 1)


# --- formats ------------------------------------------------------------------------------


def rendered(report, fmt: str, lang: str = "da") -> str:
    return render(report, fmt, Catalogue(lang), width=200)


def test_json_has_every_column_with_stable_keys(report) -> None:
    data = json.loads(rendered(report, "json"))
    assert data["format"] == "kursus-report" and data["course"]["lessons_total"] == 3
    ada = next(x for x in data["learners"] if x["name"] == "Ada Andersen")
    assert ada == {
        "name": "Ada Andersen",
        "cohort": "hold-a",
        "file": ada["file"],
        "lang": "da",
        "status": "done",
        "status_label": "færdig",
        "lessons_done": 3,
        "lessons_total": 3,
        "modules": {"start": {"done": 1, "total": 1}, "videre": {"done": 2, "total": 2}},
        "first_try_score": round(5.5 / 7, 4),
        "scenarios_answered": 7,
        "last_activity": (NOW - timedelta(days=1)).isoformat(),
        "reviews_answered": 0,
        "shared_reflections": 1,
        "reflections": [
            {"lesson_id": "alpha", "prompt_id": "r1", "text": ADA_SHARED, "updated": ada["reflections"][0]["updated"]}
        ],
        "notes": [],
        "knowledge_checks": {"answered": 0, "right": 0},  # the test course marks none
    }
    assert data["counts"] == {"not_started": 1, "in_progress": 2, "stalled": 1, "done": 1}
    # issue 12: hardest is ranked from 3 answers (alpha/s1, 1 of 3 right); gamma/s1 (0 of 1) is not ranked
    assert data["scenarios"][0]["lesson_id"] == "alpha" and data["scenarios"][0]["share_right_first_try"] == 0.3333
    assert data["scenarios"][0]["rank"] == 1 and data["scenarios"][1]["rank"] is None
    assert data["skipped"] == []


def test_csv_has_a_row_per_learner_and_a_scenario_section(report) -> None:
    text = rendered(report, "csv")
    learners_part, scenarios_part, shared_part = text.split("\r\n\r\n")[:3]
    rows = list(csv.reader(io.StringIO(learners_part)))
    heading, body = rows[0], rows[1:]
    assert heading[:4] == ["Navn", "Hold", "Lektioner færdige", "Lektioner i alt"]
    assert "Modul: Start" in heading and "Modul: Videre" in heading
    ada = dict(zip(heading, next(r for r in body if r[0] == "Ada Andersen")))
    # issue 12: one word for the first-try score ("Point ved første forsøg", was "1. forsøg")
    assert ada["Point ved første forsøg (%)"] == "79" and ada["Status"] == "færdig" and ada["Delte refl."] == "1"
    assert ada["Modul: Videre"] == "2" and ada["Besvaret"] == "7"
    di = dict(zip(heading, next(r for r in body if r[0] == "Di Dam")))
    assert di["Point ved første forsøg (%)"] == "" and di["Sidst aktiv"] == "" and di["Status"] == "ikke startet"
    scenario_rows = list(csv.reader(io.StringIO(scenarios_part)))
    assert scenario_rows[1][:5] == ["1", "Alfa-lektionen", "Første scenarie", "3", "33"]  # issue 12: ranked from 3
    assert scenario_rows[2][:5] == ["", "Gamma-lektionen", "Første scenarie", "1", "0"]  # too few answers: no rank
    assert ADA_SHARED in shared_part


@pytest.mark.parametrize("lang", ["da", "en"])
def test_table_and_markdown_show_status_as_glyph_and_word(report, lang: str) -> None:
    words = {
        "da": ("✓ færdig", "◐ i gang", "⏸ gået i stå", "○ ikke startet"),
        "en": ("✓ done", "◐ in progress", "⏸ stalled", "○ not started"),
    }[lang]
    for fmt in ("table", "md"):
        text = rendered(report, fmt, lang)
        for word in words:
            assert word in text, (fmt, word)
        assert "79 %" in text or "79%" in text
        assert "Gamma-lektionen" in text


def test_markdown_table_rows_keep_their_columns(report) -> None:
    text = rendered(report, "md")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    width = table[0].count(" | ")
    learner_rows = table[: 1 + len(report.learners)]  # heading + one row each (the |---| line starts with |-)
    assert len(learner_rows) == 6
    for line in learner_rows:
        unescaped = line.replace("\\|", "")
        assert unescaped.count(" | ") == width, line
    assert md_escape(HOSTILE_NAME, cell=True) in text
    assert "\\[b\\]x\\[/b\\] \\| =HYPERLINK" in text


def test_md_escape_neutralises_markdown() -> None:
    assert md_escape("a|b") == "a\\|b"
    assert md_escape("[link](javascript:x)") == "\\[link\\](javascript:x)"
    assert md_escape("<script>") == "\\<script\\>"
    assert md_escape("*fed* _x_ `kode`") == "\\*fed\\* \\_x\\_ \\`kode\\`"
    assert md_escape("# ikke en overskrift") == "\\# ikke en overskrift"
    assert md_escape("- ikke en liste\n1. heller ikke") == "\\- ikke en liste\n1\\. heller ikke"
    assert md_escape("to\nlinjer", cell=True) == "to linjer"


def test_table_fits_an_80_column_terminal(report) -> None:
    text = render(report, "table", Catalogue("da"), width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "Ada Andersen" in text and "⏸ gået i stå" in text and "○ ikke startet" in text
    assert "Moduler: i et bredere vindue" in text  # the modules column is left out, and it says so


def test_table_prints_learner_text_literally(report) -> None:
    text = rendered(report, "table")
    assert "[b]x[/b] | =HYPERLINK" in text  # Rich did not eat the tags
    assert "[@click=app.quit]x[/]" in text
    assert "🎉" in text


# --- formula neutralising ---------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_neutralise_prefixes_formula_starts(start: str) -> None:
    assert neutralise(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


def test_neutralise_shows_a_carriage_return_rather_than_keeping_it() -> None:
    assert neutralise("\rSUM(A1)") == "'\u240dSUM(A1)"


@pytest.mark.parametrize(
    "lead", [" ", "  ", "\n", "\r\n", '"', "'", "\u00a0", "\u200b", "\u2060", "\ufeff", " \u200b\u00a0"]
)
@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"])
def test_neutralise_sees_the_first_visible_character(lead: str, trigger: str) -> None:
    cell = neutralise(f'{lead}{trigger}HYPERLINK("x")')
    assert cell.startswith("'"), repr(cell)


@pytest.mark.parametrize("value", ["Ada", "2027-forår", "", "a=b", "100", " x=y", "«=»"])
def test_neutralise_leaves_other_text_alone(value: str) -> None:
    assert neutralise(value) == value


def test_no_csv_cell_can_start_a_formula(report) -> None:
    text = rendered(report, "csv")
    cells = [c for section in text.split("\r\n\r\n") for row in csv.reader(io.StringIO(section)) for c in row]
    assert cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert HOSTILE_NAME in cells  # starts with "[": nothing to neutralise, kept as typed
    assert "'" + HOSTILE_COHORT in cells and HOSTILE_COHORT not in cells


# --- privacy in every format, through the command -------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_unshared_reflections_never_appear_in_any_format(cohort, fmt: str, capsys, tmp_path: Path) -> None:
    assert report_command(args(cohort.folder, format=fmt), now=NOW) == 0
    printed = capsys.readouterr().out
    out_file = tmp_path / f"rapport.{fmt}"
    assert report_command(args(cohort.folder, format=fmt, output=str(out_file)), now=NOW) == 0
    for text in (printed, out_file.read_text(encoding="utf-8")):
        assert "Ada Andersen" in text
        assert ADA_SHARED in text  # shared: the trainer may read it
        for private in PRIVATE_TEXTS:
            assert private not in text, (fmt, private)


# --- the command line ---------------------------------------------------------------------------


def test_output_format_follows_the_file_suffix(cohort, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert report_command(args(cohort.folder, format=None, output=str(target)), now=NOW) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "kursus-report"
    target = tmp_path / "out.md"
    assert report_command(args(cohort.folder, format=None, output=str(target)), now=NOW) == 0
    assert target.read_text(encoding="utf-8").startswith("# Holdrapport")


def test_without_a_terminal_the_default_format_is_csv(cohort, capsys) -> None:
    assert report_command(args(cohort.folder, format=None), now=NOW) == 0
    assert capsys.readouterr().out.startswith("Navn,Hold,")


def test_english_report(cohort, capsys) -> None:
    assert report_command(args(cohort.folder, format="md", lang="en"), now=NOW) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Cohort report: Test course")
    assert "✓ done" in text and "The gamma lesson" in text and "Learners" in text


def test_cohort_option_through_main(cohort, capsys) -> None:
    code = main(
        ["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--format", "json", "--cohort", "hold-a"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(x["name"] for x in data["learners"]) == ["Ada Andersen", "Bo Berg"]
    assert data["filter"]["cohort"] == "hold-a"


def test_unknown_cohort_is_exit_2_naming_the_cohorts(cohort, capsys) -> None:
    code = main(["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--cohort", "hold-z"])
    err = capsys.readouterr().err
    assert code == 2 and "hold-z" in err and "hold-a" in err and len(err.strip().splitlines()) == 1


def test_output_refuses_to_overwrite_a_progress_file(cohort, capsys) -> None:
    target = cohort.files["ada"]
    before = target.read_bytes()
    code = main(
        ["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--format", "csv", "--output", str(target)]
    )
    assert code == 2 and "refusing" in capsys.readouterr().err
    assert target.read_bytes() == before


@pytest.mark.parametrize("days", ["0", "-3"])
def test_bad_stalled_days_is_exit_2(cohort, days: str, capsys) -> None:
    code = main(["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--stalled-days", days])
    assert code == 2 and "--stalled-days" in capsys.readouterr().err


def test_missing_output_folder_is_exit_2(cohort, tmp_path: Path, capsys) -> None:
    code = main(
        ["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--output", str(tmp_path / "nej" / "x.csv")]
    )
    assert code == 2 and "nej" in capsys.readouterr().err
