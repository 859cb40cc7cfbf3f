"""The text table cuts long names and cohorts with an ellipsis (words kept whole where the
column has room) instead of wrapping them over hundreds of lines or breaking them
mid-word; csv, md, json and xlsx keep the full text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kursus.i18n import Catalogue
from kursus.tracking import ProgressStore
from kursus.tracking.events import LessonOpened
from kursus.trainer.aggregate import build_report
from kursus.trainer.formats import COHORT_WIDTH, NAME_WIDTH, render
from kursus.trainer.plan import plans_for
from tests.unit.test_trainer_support import NOW, build_cohort, course

LONG_NAME = "Kristensen " * 1000  # 11,000 characters, with spaces
ONE_WORD = "x" * 10_000
LONG_COHORT = "2027-forår-med-et-meget-langt-holdnavn"


def add(folder: Path, name: str, cohort: str) -> None:
    """A learner whose file (edited by hand, or by another program) holds this name and
    cohort: the course itself keeps names to 200 characters."""
    store, _ = ProgressStore.open_for(folder, name[:50], cohort=cohort[:50], course_id="testkursus", content_version=3)
    store.record_event(LessonOpened("alpha", "da"), at=NOW)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    profile = next(iter(data["profile"].values()))
    profile["name"], profile["cohort"] = name, cohort
    store.path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def long_folder(tmp_path: Path) -> Path:
    cohort = build_cohort(tmp_path / "mappe")
    add(cohort.folder, LONG_NAME, LONG_COHORT)
    add(cohort.folder, ONE_WORD, "hold-a")
    add(cohort.folder, "Anna Kristensen", "2027-forår")
    return cohort.folder


def table(folder: Path, width: int, plan: Path | None = None) -> list[str]:
    report = build_report(folder, course(), stalled_days=14, now=NOW)
    if plan is not None:
        report.plans = plans_for(report, plan)
    return render(report, "table", Catalogue("da"), width=width).splitlines()


def learner_rows(lines: list[str]) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Navn")) + 2
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return lines[start:end]


@pytest.mark.parametrize("width", [80, 120, 200])
@pytest.mark.parametrize("with_plan", [False, True])
def test_every_learner_is_one_line_and_the_table_fits(
    long_folder: Path, tmp_path: Path, width: int, with_plan: bool
) -> None:
    plan = None
    if with_plan:
        plan = tmp_path / "plan.yaml"
        plan.write_text("name: Forår\nstart: 2026-05-01\npace: 1\n", encoding="utf-8")
    lines = table(long_folder, width, plan)
    rows = learner_rows(lines)
    starts = [row for row in rows if row[1:2] != " "]
    assert len(starts) == 8  # one line per learner's name: nothing wrapped, nothing folded
    assert all(row[1:20].strip() == "" for row in rows if row not in starts)  # (a wide table's modules may wrap)
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    assert len(lines) < 80  # not the ~830 lines a 10,000-character name wrapped into
    long_row = next(row for row in rows if row.lstrip().startswith("Kristensen"))
    name = long_row.strip().split("  ")[0]
    assert name.endswith("…") and len(name) <= NAME_WIDTH
    if width >= 120:  # a column with room: cut between words, never inside one
        assert set(name.removesuffix("…").split(" ")) == {"Kristensen"}
    one_word = next(row for row in rows if row.lstrip().startswith("xxx"))
    assert one_word.strip().split("  ")[0].endswith("…")


def test_names_and_cohorts_with_room_are_shown_whole(long_folder: Path) -> None:
    rows = learner_rows(table(long_folder, 120))
    anna = next(row for row in rows if "Anna" in row)
    assert "Anna Kristensen" in anna and "2027-forår" in anna
    long_row = next(row for row in rows if row.lstrip().startswith("Kristensen"))
    cohort = next(cell for cell in long_row.strip().split("  ") if cell.startswith("2027"))
    assert cohort.endswith("…") and len(cohort) <= COHORT_WIDTH and LONG_COHORT.startswith(cohort[:-1])


def test_the_plan_column_no_longer_breaks_names_mid_word(long_folder: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("name: Forår\nstart: 2026-05-01\npace: 1\n", encoding="utf-8")
    lines = table(long_folder, 80, plan)
    assert not any(line.strip() in {"n", "en", "ensen"} for line in lines)  # no "Kristense" / "n"


def test_other_formats_keep_the_whole_name(long_folder: Path) -> None:
    report = build_report(long_folder, course(), stalled_days=14, now=NOW)
    data = json.loads(render(report, "json", Catalogue("da")))
    assert {learner["name"] for learner in data["learners"]} >= {LONG_NAME, ONE_WORD}
    assert ONE_WORD in render(report, "csv", Catalogue("da"))
    assert ONE_WORD in render(report, "md", Catalogue("da"))
