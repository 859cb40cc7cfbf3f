"""Knowledge checks apart: the scenarios a lesson marks `knowledge_check: true` hinge on a
fact the lesson teaches, so the trainer sees their first-try share beside the rest's
(a learner who skipped the lessons scores low on them and not on the others)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from kursus.i18n import Catalogue
from kursus.trainer.aggregate import (
    FirstTrySplit,
    ScenarioStat,
    build_report,
    first_try_split,
    knowledge_keys,
    learner_split,
)
from kursus.trainer.formats import render
from kursus.trainer.labels import learner_knowledge_line
from tests.unit.test_trainer_support import NOW, course


def course_with_knowledge_check(lang: str = "da", lesson_id: str = "alpha", scenario_id: str = "s1"):
    """The test course with one scenario marked as a knowledge check."""
    base = course(lang)
    lesson = base.lessons[lesson_id]
    scenarios = tuple(
        dataclasses.replace(s, knowledge_check=True) if s.id == scenario_id else s for s in lesson.scenarios
    )
    lessons = {**base.lessons, lesson_id: dataclasses.replace(lesson, scenarios=scenarios)}
    return dataclasses.replace(base, lessons=lessons)


def stat(answered: int, right: int, knowledge: bool) -> ScenarioStat:
    return ScenarioStat("l", "s", "L", "S", 0, answered=answered, right_first=right, knowledge_check=knowledge)


def test_the_split_counts_knowledge_checks_apart() -> None:
    split = first_try_split([stat(4, 1, True), stat(6, 2, True), stat(10, 9, False), stat(0, 0, False)])
    assert split == FirstTrySplit(knowledge_answered=10, knowledge_right=3, other_answered=10, other_right=9)
    assert split.knowledge_share == 0.3 and split.other_share == 0.9
    assert FirstTrySplit().knowledge_share is None and FirstTrySplit().other_share is None


def test_the_report_marks_the_knowledge_checks_and_states_both_shares(cohort) -> None:
    report = build_report(cohort.folder, course_with_knowledge_check(), now=NOW, min_answers=1)
    marked = [s for s in report.scenarios if s.knowledge_check]
    assert [(s.lesson_id, s.scenario_id, s.answered, s.right_first) for s in marked] == [("alpha", "s1", 3, 1)]
    others = [s for s in report.scenarios if not s.knowledge_check]
    other_share = round(100 * sum(s.right_first for s in others) / sum(s.answered for s in others))
    text = render(report, "md", Catalogue("da"), width=200)
    assert "Første scenarie (videnstjek)" in text
    assert text.count("(videnstjek)") == 1
    assert (
        f"Videnstjek (svaret står i lektionen): 33 % rigtigt ved første forsøg (3 svar); de øvrige scenarier: {other_share} %"
        in text
    )
    table = render(report, "table", Catalogue("en"), width=200)
    assert "Knowledge checks (the answer is in the lesson): 33% right at the first try (3 answers)" in table


def test_json_and_csv_carry_the_flag(cohort) -> None:
    report = build_report(cohort.folder, course_with_knowledge_check(), now=NOW)
    data = json.loads(render(report, "json", Catalogue("da")))
    flags = {(s["lesson_id"], s["scenario_id"]): s["knowledge_check"] for s in data["scenarios"]}
    assert flags[("alpha", "s1")] is True and sum(flags.values()) == 1
    assert data["first_try"]["knowledge_checks"] == {"answered": 3, "right": 1, "share_right": 0.3333}
    assert data["first_try"]["other_scenarios"]["answered"] > 0
    section = render(report, "csv", Catalogue("da")).split("\r\n\r\n")[1]
    rows = list(csv.reader(io.StringIO(section), delimiter=","))
    header = next(row for row in rows if "Videnstjek" in row)
    column = header.index("Videnstjek")
    marked = [row[header.index("scenario_id")] for row in rows[rows.index(header) + 1 :] if row[column] == "ja"]
    assert marked == ["s1"]


def test_no_line_when_no_knowledge_check_was_answered(cohort) -> None:
    report = build_report(cohort.folder, course(), now=NOW)
    text = render(report, "md", Catalogue("da"), width=200)
    assert "Videnstjek (svaret" not in text and "(videnstjek)" not in text
    data = json.loads(render(report, "json", Catalogue("da")))
    assert data["first_try"]["knowledge_checks"] == {"answered": 0, "right": 0, "share_right": None}


def test_each_learner_has_their_own_knowledge_figure(cohort) -> None:
    report = build_report(cohort.folder, course_with_knowledge_check(), now=NOW)
    data = json.loads(render(report, "json", Catalogue("da")))
    figures = {learner["name"]: learner["knowledge_checks"] for learner in data["learners"]}
    assert figures["Ada Andersen"] == {"answered": 1, "right": 1}  # alpha/s1: b, best
    assert figures["Bo Berg"] == {"answered": 1, "right": 0}  # alpha/s1: c, partial
    ada = next(learner for learner in report.learners if learner.name == "Ada Andersen")
    split = learner_split(ada, knowledge_keys(report.course))
    assert (split.other_answered, split.other_right) == (6, 4)  # alpha s2 partial and gamma s1 wrong at the first try
    assert learner_knowledge_line(split, Catalogue("da")).startswith("Videnstjek: 1 af 1 rigtigt ved første forsøg")
    assert learner_knowledge_line(FirstTrySplit(other_answered=3), Catalogue("da")) == ""
