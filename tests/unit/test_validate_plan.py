"""`kursus validate --plan` (issue 12): a cohort plan checked on its own, before a
report: `path:line: message` per problem and exit 2, or an OK line and exit 0. A
progress folder stands for every plan.yaml in it, as the report finds them."""

from __future__ import annotations

from pathlib import Path

from kursus.cli import main
from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_trainer_plan import DUE, PACE, write


def validate(*args: str) -> int:
    return main(["validate", str(FIXTURE_LESSONS), *args])


def test_a_good_plan_is_one_ok_line_and_exit_0(tmp_path: Path, capsys) -> None:
    plan = write(tmp_path / "forår.yaml", DUE)
    assert validate("--plan", str(plan)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"OK: plan 'Hold A' ({plan}): start 2026-06-01, 2 due dates"]


def test_a_broken_plan_is_path_line_message_and_exit_2(tmp_path: Path, capsys) -> None:
    plan = write(tmp_path / "plan.yaml", "start: 2026-06-01\ndue:\n  - by: 2026-07-01\n    lessons: [alfa]\ntempo: 2\n")
    assert validate("--plan", str(plan)) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{plan}:5: unknown key 'tempo' (a plan has name, cohort, start, pace, due)",
        f"{plan}:4: unknown lesson 'alfa' (did you mean 'alpha'?)",
    ]
    assert "2 problems in the cohort plan" in captured.err and "OK" not in captured.out


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path, capsys) -> None:
    plan = write(tmp_path / "plan.yaml", "start: 2026-06-01\npace: [\n")
    assert validate("--plan", str(plan)) == 2
    assert capsys.readouterr().out.startswith(f"{plan}:")


def test_a_progress_folder_checks_every_plan_the_report_would_use(cohort, capsys) -> None:
    good = write(cohort.folder / "plan.yaml", PACE)
    sub = cohort.folder / "hold-b"
    sub.mkdir(exist_ok=True)
    bad = write(sub / "plan.yaml", "start: 2026-06-01\npace: 0\n")
    assert validate("--plan", str(cohort.folder)) == 2
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{bad}:2: pace: must be a number of lessons per week above 0 (got 0)"]

    write(bad, PACE)
    assert validate("--plan", str(cohort.folder)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"OK: plan 'Forår' ({good}): start 2026-06-01, 1 lesson a week",
        f"OK: plan 'Forår' ({bad}): start 2026-06-01, 1 lesson a week",
    ]


def test_no_plan_to_check_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    assert validate("--plan", str(tmp_path / "nope.yaml")) == 2
    assert "no such plan file or progress folder" in capsys.readouterr().err
    assert validate("--plan", str(tmp_path)) == 2
    assert "no plan.yaml or plan.yml" in capsys.readouterr().err


def test_hostile_text_in_a_plan_stays_on_one_line(tmp_path: Path, capsys) -> None:
    plan = write(tmp_path / "plan.yaml", 'start: 2026-06-01\npace: 1\n"\\e]0;x\\a\\nny linje": 1\n')
    assert validate("--plan", str(plan)) == 2
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert len(out.strip().splitlines()) == 1 and out.startswith(f"{plan}:3: unknown key")


def test_a_bad_date_does_not_hide_the_plans_other_problems(tmp_path: Path, capsys) -> None:
    plan = write(
        tmp_path / "plan.yaml",
        "name: Forår\n"
        "start: 2026-13-01\n"
        "tempo: 2\n"
        "due:\n"
        "  - by: notadate\n"
        "    lessons: [alpha, btea]\n"
        "  - by: 2026-02-30\n"
        "    module: vidre\n",
    )
    assert validate("--plan", str(plan)) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{plan}:3: unknown key 'tempo' (a plan has name, cohort, start, pace, due)",
        f"{plan}:2: start: 2026-13-01 is not a date (month must be in 1..12; a date like 2027-02-01)",
        f"{plan}:5: by: must be a date like 2027-02-01 (got 'notadate')",
        f"{plan}:6: unknown lesson 'btea' (did you mean 'beta'?)",
        f"{plan}:7: by: 2026-02-30 is not a date (day is out of range for month; a date like 2027-02-01)",
        f"{plan}:8: unknown module 'vidre' (did you mean 'videre'?)",
    ]
    assert captured.err.splitlines() == ["6 problems in the cohort plan"]


def test_a_bad_date_in_the_reports_plan_is_listed_with_the_rest(cohort, tmp_path: Path, capsys) -> None:
    plan = write(tmp_path / "plan.yaml", "start: 2026-13-01\npace: 1\nfart: 2\n")
    code = main(["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--plan", str(plan)])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert [line.split(": ", 1)[0] for line in captured.err.splitlines()[:2]] == [f"{plan}:3", f"{plan}:1"]
