"""A cohort plan (plan.yaml or --plan): where each learner stands against it, in every
format, and `path:line: message` with exit 2 for a plan that cannot be used.

The known cohort (test_trainer_support) on 2026-06-15: Ada has done alpha, beta and
gamma; Bo alpha; Cy, Di and the hostile learner nothing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kursus.cli import main
from kursus.commands.report import report_command
from kursus.i18n import Catalogue
from kursus.trainer.aggregate import build_report
from kursus.trainer.formats import render
from kursus.trainer.labels import plan_text
from kursus.trainer.plan import PlanError, PlanStatus, load_plan, plans_for
from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_trainer_report import args
from tests.unit.test_trainer_support import HOSTILE_NAME, NOW, course

PACE = "name: Forår\nstart: 2026-06-01\npace: 1\n"  # 14 days later: alpha and beta are due
DUE = """\
name: Hold A
cohort: HOLD-A
start: 2026-06-01
due:
  - by: 2026-06-08
    lessons: [alpha]
  - by: 2026-06-15
    module: videre
"""  # on 2026-06-15 only alpha is due: what is due today is not late yet


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def positions(report) -> dict[str, tuple[str, int] | None]:
    found = {}
    for learner in report.learners:
        position = report.position(learner)
        found[learner.name] = None if position is None else (position.status.value, position.lessons)
    return found


def planned(folder: Path, plan_file: Path | None = None):
    report = build_report(folder, course(), now=NOW)
    report.plans = plans_for(report, plan_file)
    return report


# --- positions ------------------------------------------------------------------------------


def test_pace_per_week_in_course_order(cohort, tmp_path: Path) -> None:
    report = planned(cohort.folder, write(tmp_path / "forår.yaml", PACE))
    assert positions(report) == {
        HOSTILE_NAME: ("behind", 2),
        "Ada Andersen": ("ahead", 1),
        "Bo Berg": ("behind", 1),
        "Cy Carlsen": ("behind", 2),
        "Di Dam": ("behind", 2),
    }
    plan = report.plans.plans[0]
    assert plan.name == "Forår" and plan.expected(date(2026, 6, 15)) == {"alpha", "beta"}
    assert plan.next_due(date(2026, 6, 15)) == (date(2026, 6, 21), 3)  # the third lesson: by the end of week 3


def test_due_dates_for_one_cohort(cohort) -> None:
    write(cohort.folder / "plan.yaml", DUE)  # found beside the progress files
    report = planned(cohort.folder)
    assert positions(report) == {
        HOSTILE_NAME: None,  # not in hold-a: no plan, no position
        "Ada Andersen": ("ahead", 2),
        "Bo Berg": ("on_track", 0),
        "Cy Carlsen": None,
        "Di Dam": None,
    }
    assert report.plans.plans[0].cohort == "HOLD-A"  # matched as cohorts are (case and spacing)


def test_the_nearest_plan_beside_the_files_wins(cohort) -> None:
    write(cohort.folder / "plan.yaml", PACE)
    sub = cohort.folder / "hold-b"
    sub.mkdir()
    cohort.files["cy"].rename(sub / cohort.files["cy"].name)
    write(sub / "plan.yml", "start: 2026-06-01\npace: 3\n")  # all three due by now
    report = planned(cohort.folder)
    found = positions(report)
    assert found["Cy Carlsen"] == ("behind", 3) and found["Bo Berg"] == ("behind", 1)
    names = sorted(plan.name for plan in report.plans.plans)
    assert names == ["Forår", "hold-b"]  # a plan.yaml without a name is named after its folder


def test_plan_option_is_used_instead_of_the_file_beside(cohort, tmp_path: Path) -> None:
    write(cohort.folder / "plan.yaml", DUE)
    report = planned(cohort.folder, write(tmp_path / "other.yaml", PACE))
    assert positions(report)["Di Dam"] == ("behind", 2)


def test_no_plan_no_positions(cohort) -> None:
    report = planned(cohort.folder)
    assert not report.plans and set(positions(report).values()) == {None}


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("da", ("1 lektion bagud", "følger planen", "2 lektioner foran")),
        ("en", ("1 lesson behind", "on track", "2 lessons ahead")),
    ],
)
def test_words_for_a_position(cohort, lang: str, words: tuple[str, str, str]) -> None:
    write(cohort.folder / "plan.yaml", DUE.replace("  - by: 2026-06-15\n    module: videre\n", ""))
    report = planned(cohort.folder)
    t = Catalogue(lang)
    by_name = {learner.name: report.position(learner) for learner in report.learners}
    bo = by_name["Bo Berg"]
    assert bo is not None and bo.status == PlanStatus.ON_TRACK
    assert plan_text(bo, t) == words[1]
    ada = by_name["Ada Andersen"]
    assert plan_text(ada, t) == words[2]
    write(cohort.folder / "plan.yaml", PACE)
    behind = planned(cohort.folder)
    bo_behind = next(behind.position(x) for x in behind.learners if x.name == "Bo Berg")
    assert plan_text(bo_behind, t) == words[0]


# --- in every format ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_every_format_shows_the_position_besides_the_stalled_warning(cohort, fmt: str) -> None:
    write(cohort.folder / "plan.yaml", PACE)
    text = render(planned(cohort.folder), fmt, Catalogue("da"), width=200)
    if fmt == "table":  # a terminal's table has the short words (the column is narrow)
        assert "1 bagud" in text and "1 foran" in text
    else:
        assert "1 lektion bagud" in text and "1 lektion foran" in text
    assert "gået i stå" in text  # the stalled warning stays
    if fmt != "csv":
        assert "Plan: Forår (start 2026-06-01, 1 lektion om ugen): 2 af 3 lektioner skulle være færdige nu." in text
        assert "Efter planen: 4 bagud, 0 følger planen, 1 foran, 0 uden plan" in text


def test_json_has_the_plan_and_each_position(cohort, capsys) -> None:
    write(cohort.folder / "plan.yaml", DUE)
    assert report_command(args(cohort.folder), now=NOW) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plans"][0] | {"file": ""} == {
        "name": "Hold A",
        "file": "",
        "cohort": "HOLD-A",
        "start": "2026-06-01",
        "pace": None,
        "due": [
            {"by": "2026-06-08", "lessons": ["alpha"]},
            {"by": "2026-06-15", "lessons": ["beta", "gamma"]},
        ],
        "expected_now": 1,
    }
    learners = {x["name"]: x for x in data["learners"]}
    assert learners["Ada Andersen"]["plan"] == {
        "status": "ahead",
        "lessons": 2,
        "expected": 1,
        "label": "2 lektioner foran",
    }
    assert learners["Di Dam"]["plan"] is None


def test_csv_has_a_signed_number_to_sort_by(cohort) -> None:
    write(cohort.folder / "plan.yaml", PACE)
    text = render(planned(cohort.folder), "csv", Catalogue("da"))
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text.split("\r\n\r\n")[0])))
    heading = rows[0]
    values = {row[0]: dict(zip(heading, row)) for row in rows[1:]}
    assert values["Ada Andersen"]["Plan (± lektioner)"] == "1" and values["Bo Berg"]["Plan (± lektioner)"] == "-1"


# --- a plan that cannot be used: path:line: message ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("start: 2026-06-01\npace: 2\ntempo: 3\n", 3, "unknown key 'tempo'"),
        ("name: x\npace: 2\n", 1, "missing start:"),
        ("start: 1. juni\npace: 2\n", 1, "start: must be a date like 2027-02-01"),
        ("start: 2026-13-01\npace: 2\n", 1, "month must be in 1..12"),
        ("start: 2026-06-01\n", 1, "missing pace: (lessons per week) or due:"),
        ("start: 2026-06-01\npace: 0\n", 2, "pace: must be a number of lessons per week above 0"),
        ("start: 2026-06-01\npace: hurtigt\n", 2, "pace: must be a number"),
        ("start: 2026-06-01\npace: 1\ndue:\n  - by: 2026-07-01\n    lessons: [alpha]\n", 3, "either pace:"),
        ("start: 2026-06-01\ndue: alpha\n", 2, "due: must be a list"),
        ("start: 2026-06-01\ndue:\n  - by: 2026-07-01\n", 3, "needs lessons: or module:"),
        (
            "start: 2026-06-01\ndue:\n  - by: 2026-07-01\n    lessons: [alfa]\n",
            4,
            "unknown lesson 'alfa' (did you mean 'alpha'?)",
        ),
        (
            "start: 2026-06-01\ndue:\n  - by: 2026-07-01\n    module: vidre\n",
            4,
            "unknown module 'vidre' (did you mean 'videre'?)",
        ),
        ("start: 2026-06-01\ndue:\n  - by: 2026-05-01\n    lessons: alpha\n", 3, "is before the start 2026-06-01"),
        ("start: 2026-06-01\ndue:\n  - by: 2026-07-01\n    lessons: [alpha]\n    when: x\n", 5, "unknown key 'when'"),
        ("start: 2026-06-01\npace: [\n", 3, ""),
        ("- start: 2026-06-01\n", 1, "a plan is a mapping"),
        ("start: &d 2026-06-01\npace: 1\nname: *d\n", 1, "aliases"),
        ("start: !!python/object:os.system x\npace: 1\n", 1, "tags are not allowed"),
        ("# nothing\n", 1, "no content"),
    ],
)
def test_a_broken_plan_says_where(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path / "plan.yaml", text)
    with pytest.raises(PlanError) as caught:
        load_plan(path, course())
    assert any(problem.startswith(f"{path}:{line}: ") and message in problem for problem in caught.value.problems), (
        caught.value.problems
    )


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.yaml", "tempo: 1\nstart: nu\ndue:\n  - by: 2026-07-01\n    lessons: [x, y]\n")
    with pytest.raises(PlanError) as caught:
        load_plan(path, course())
    assert [problem.split(": ", 1)[0] for problem in caught.value.problems] == [
        f"{path}:1",
        f"{path}:2",
        f"{path}:5",
        f"{path}:5",
    ]


def test_report_with_a_broken_plan_is_exit_2_with_path_line_message(cohort, capsys) -> None:
    plan = write(cohort.folder / "plan.yaml", "start: 2026-06-01\npace: 1\nnavn: Hold\n")
    code = main(["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    lines = captured.err.strip().splitlines()
    assert lines[0] == f"{plan}:3: unknown key 'navn' (a plan has name, cohort, start, pace, due)"
    assert lines[-1] == "kursus: 1 problem in the cohort plan; nothing was made"


def test_plan_option_through_main(cohort, tmp_path: Path, capsys) -> None:
    plan = write(tmp_path / "forår.yaml", PACE)
    code = main(
        ["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--format", "md", "--plan", str(plan)]
    )
    assert code == 0 and "lektioner bagud" in capsys.readouterr().out  # today: every lesson is due
    code = main(["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--plan", str(tmp_path / "nej.yaml")])
    assert code == 2 and "no such plan file" in capsys.readouterr().err


def test_trainer_with_a_broken_plan_stops_before_the_dashboard(cohort, capsys) -> None:
    write(cohort.folder / "plan.yaml", "start: 2026-06-01\n")
    code = main(["trainer", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS)])
    assert code == 2 and "plan.yaml:1: missing pace:" in capsys.readouterr().err
