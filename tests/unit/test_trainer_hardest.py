"""Honest "hardest": scenarios ranked by a measure that weighs how many answered (the
Wilson lower bound of the share not right at the first try), ranked only from a
minimum number of answers (default 3), with the number of answers always shown."""

from __future__ import annotations

import json

import pytest

from kursus.cli import main
from kursus.i18n import Catalogue
from kursus.trainer.aggregate import MIN_ANSWERS, ScenarioStat, build_report, rank_scenarios, wilson_lower_bound
from kursus.trainer.formats import render
from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_trainer_support import NOW, course


def stat(position: int, answered: int, right: int) -> ScenarioStat:
    return ScenarioStat(
        "l",
        f"s{position}",
        "Lektion",
        f"Scenarie {position}",
        position,
        answered=answered,
        right_first=right,
        score_sum=float(right),
    )


def test_wilson_lower_bound_weighs_the_number_of_answers() -> None:
    assert wilson_lower_bound(0, 0) is None
    assert wilson_lower_bound(0, 5) == 0.0
    assert wilson_lower_bound(1, 1) == pytest.approx(0.2065, abs=1e-4)
    assert wilson_lower_bound(20, 30) == pytest.approx(0.4878, abs=1e-4)
    assert wilson_lower_bound(1, 1) < wilson_lower_bound(4, 6) < wilson_lower_bound(20, 30)
    assert wilson_lower_bound(30, 30) < 1.0


def test_a_few_unlucky_answers_do_not_outrank_many() -> None:
    one_wrong = stat(0, answered=1, right=0)  # 0 % right, but only one answer
    three_wrong = stat(1, answered=3, right=0)
    many = stat(2, answered=30, right=10)  # 33 % right over thirty answers
    easy = stat(3, answered=30, right=27)
    nobody = stat(4, answered=0, right=0)
    ordered = rank_scenarios([nobody, easy, one_wrong, many, three_wrong])
    assert [s.scenario_id for s in ordered] == ["s2", "s1", "s3", "s0", "s4"]
    assert [s.rank for s in ordered] == [1, 2, 3, None, None]  # fewer than 3 answers: not ranked
    assert MIN_ANSWERS == 3


def test_min_answers_is_an_option(cohort) -> None:
    report = build_report(cohort.folder, course(), now=NOW, min_answers=1)
    assert [(s.scenario_id, s.rank) for s in report.scenarios[:3]] == [("s1", 1), ("s1", 2), ("s2", 3)]
    assert report.scenarios[0].lesson_id == "alpha"  # 2 of 3 wrong weighs more than 1 of 1
    report.rank_scenarios(4)
    assert all(s.rank is None for s in report.scenarios) and report.min_answers == 4


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_the_number_of_answers_is_always_shown(cohort, fmt: str) -> None:
    report = build_report(cohort.folder, course(), now=NOW)
    text = render(report, fmt, Catalogue("da"), width=200)
    section = text.split("Scenarier, sværeste først")[-1] if fmt != "csv" else text.split("\r\n\r\n")[1]
    for word in ("Besvaret",):
        assert word in section
    if fmt != "csv":
        assert "færre end 3 svar" in text  # the rule is stated where the ranking is


def test_json_says_which_are_ranked(cohort, capsys) -> None:
    code = main(
        ["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--format", "json", "--min-answers", "2"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format_version"] == 2 and data["filter"]["min_answers"] == 2
    ranked = [(s["lesson_id"], s["scenario_id"], s["answered"]) for s in data["scenarios"] if s["ranked"]]
    assert ranked == [("alpha", "s1", 3), ("alpha", "s2", 2)]
    assert all(s["rank"] is None and s["answered"] < 2 for s in data["scenarios"] if not s["ranked"])
    assert data["scenarios"][0]["hardness"] == pytest.approx(0.2077, abs=1e-4)


def test_min_answers_below_one_is_exit_2(cohort, capsys) -> None:
    code = main(["report", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--min-answers", "0"])
    assert code == 2 and "--min-answers" in capsys.readouterr().err


def test_summaries_point_at_the_course_ids(cohort) -> None:
    """10,000 learners keep their first tries: equal ids are the course's own objects
    (memory), and the counts are the same as without that."""
    report = build_report(cohort.folder, course(), now=NOW)
    ada = next(learner for learner in report.learners if learner.name == "Ada Andersen")
    assert len(ada.first_tries) == 7
    for (lesson_id, scenario_id), choice, _ in ada.first_tries:
        lesson = report.course.lessons[lesson_id]
        scenario = lesson.scenario(scenario_id)
        assert lesson_id is lesson.id and scenario is not None and scenario_id is scenario.id
        assert any(choice is c.id for s in lesson.scenarios for c in s.choices)
    stats = {(s.lesson_id, s.scenario_id): s for s in report.scenarios}
    assert dict(stats["alpha", "s1"].first_choices) == {"a": 1, "b": 1, "c": 1}
