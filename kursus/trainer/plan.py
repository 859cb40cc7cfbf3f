"""A cohort plan: which lessons a cohort should have finished by when, and where each
learner stands against it ("1 lektion bagud", "følger planen", "foran").

A plan is a small YAML file a trainer writes, passed with `--plan FILE` or found beside
the progress files as `plan.yaml` (a plan in a sub-folder covers the files under it; the
nearest one wins). Read with the lessons' safe YAML reader (no tags, no aliases, bounded
size), so every problem is reported as `path:line: message`:

    name: Forår 2027            # shown in the report (default: the cohort or the file name)
    cohort: 2027-forår          # optional: only learners of this cohort
    start: 2027-02-01
    pace: 2                     # lessons per week, in course order ...
    due:                        # ... or lessons due by a date (cumulative)
      - by: 2027-02-15
        lessons: [lesson-id, other-lesson-id]
      - by: 2027-03-01
        module: module-id       # every lesson of a module (`modules:` for several)

Nothing here reads progress files or knows Textual; the report asks `position()`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kursus.content.models import Course
from kursus.tracking.names import cohort_key
from kursus.vocabulary import LessonStatus

if TYPE_CHECKING:
    from kursus.trainer.aggregate import CohortReport

PLAN_FILE_NAMES = ("plan.yaml", "plan.yml")
"""The names a plan beside the progress files may have."""

KNOWN_KEYS = ("name", "cohort", "start", "pace", "due")
DUE_KEYS = ("by", "lessons", "lesson", "modules", "module")
MAX_PACE = 100.0  # lessons per week; more is a typing error, not a plan


class PlanStatus(StrEnum):
    BEHIND = "behind"
    ON_TRACK = "on_track"
    AHEAD = "ahead"


class PlanPosition(NamedTuple):
    """A learner against a plan: how many lessons behind or ahead (0 on track)."""

    status: PlanStatus
    lessons: int
    expected: int  # lessons due by today

    @property
    def signed(self) -> int:
        """Ahead as a positive number, behind as a negative one (for sorting)."""
        return -self.lessons if self.status == PlanStatus.BEHIND else self.lessons


@dataclass(frozen=True)
class Milestone:
    by: date
    lessons: frozenset[str]


@dataclass(frozen=True)
class CohortPlan:
    path: Path
    name: str
    start: date
    cohort: str | None = None  # None: every learner the plan covers
    pace: float | None = None  # lessons per week (course order), or
    milestones: tuple[Milestone, ...] = ()  # lessons due by a date
    lesson_order: tuple[str, ...] = ()
    scope: str = ""  # the folder (relative, / separators) whose files it covers; "" = all

    def covers(self, relative: str, cohort: str) -> bool:
        if self.scope and not relative.startswith(self.scope + "/"):
            return False
        return self.cohort is None or cohort_key(cohort) == cohort_key(self.cohort)

    def expected(self, today: date) -> frozenset[str]:
        """The lessons that should be done by the end of yesterday (a lesson due today is
        not late yet)."""
        if self.pace is not None:
            days = (today - self.start).days
            count = max(0, min(len(self.lesson_order), math.floor(self.pace * days / 7 + 1e-9)))
            return frozenset(self.lesson_order[:count])
        due: set[str] = set()
        for milestone in self.milestones:
            if milestone.by < today:
                due |= milestone.lessons
        return frozenset(due)

    def next_due(self, today: date) -> tuple[date, int] | None:
        """The next date something falls due, and how many lessons are due by then."""
        if self.pace is not None:
            if self.pace <= 0:
                return None
            due_now = len(self.expected(today))
            if due_now >= len(self.lesson_order):
                return None
            # the first day the next lesson counts as due, less one: the last day to do it
            days = max(0, math.ceil((due_now + 1) * 7 / self.pace - 1e-9) - 1)
            return (date.fromordinal(self.start.toordinal() + days), due_now + 1)
        upcoming = sorted(m.by for m in self.milestones if m.by >= today)
        if not upcoming:
            return None
        return (upcoming[0], len(self.expected(date.fromordinal(upcoming[0].toordinal() + 1))))


def position(plan: CohortPlan, lesson_status: dict[str, str], today: date) -> PlanPosition:
    """Behind by the due lessons not done; else ahead by the done lessons not yet due."""
    expected = plan.expected(today)
    done = {lesson for lesson, status in lesson_status.items() if status == LessonStatus.DONE}
    missing = len(expected - done)
    if missing:
        return PlanPosition(PlanStatus.BEHIND, missing, len(expected))
    extra = len(done.intersection(plan.lesson_order) - expected)
    if extra:
        return PlanPosition(PlanStatus.AHEAD, extra, len(expected))
    return PlanPosition(PlanStatus.ON_TRACK, 0, len(expected))


@dataclass
class Plans:
    """The plans of one report, and each learner's position (worked out once)."""

    plans: list[CohortPlan] = field(default_factory=list)
    today: date | None = None
    _cache: dict[str, PlanPosition | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.plans)

    def plan_for(self, relative: str, cohort: str) -> CohortPlan | None:
        """The covering plan with the deepest scope (the nearest plan.yaml)."""
        best: CohortPlan | None = None
        for plan in self.plans:
            if plan.covers(relative, cohort) and (best is None or len(plan.scope) > len(best.scope)):
                best = plan
        return best

    def position(self, relative: str, cohort: str, lesson_status: dict[str, str]) -> PlanPosition | None:
        if not self.plans or self.today is None:
            return None
        if relative not in self._cache:
            plan = self.plan_for(relative, cohort)
            self._cache[relative] = position(plan, lesson_status, self.today) if plan else None
        return self._cache[relative]


# --- reading a plan ---------------------------------------------------------------------


class PlanError(Exception):
    """A plan file that cannot be used; `problems` are `path:line: message` lines."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else str(path))
        self.path = path
        self.problems = problems


def find_plan_files(folder: Path, relatives: Iterable[str]) -> list[tuple[str, Path]]:
    """`plan.yaml` in `folder` and in every folder between it and a progress file, as
    (scope, path): only the folders that hold progress files are looked at."""
    scopes = {""}
    for relative in relatives:
        parts = relative.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            scopes.add("/".join(parts[:depth]))
    found = []
    for scope in sorted(scopes):
        base = folder / scope if scope else folder
        for name in PLAN_FILE_NAMES:
            candidate = base / name
            if os.path.isfile(candidate):
                found.append((scope, candidate))
                break
    return found


def load_plan(path: Path, course: Course, *, scope: str = "") -> CohortPlan:
    """Read and check a plan against the course. Raises PlanError with every problem."""
    from kursus.content.yaml_source import LocatedDict, LocatedList, YamlError, load_located

    problems: list[str] = []

    def problem(line: int, message: str) -> None:
        problems.append(f"{path}:{line}: {message}" if line else f"{path}: {message}")

    try:
        data = load_located(path, lenient_dates=True)  # a bad date is one problem among the others (_date)
    except YamlError as exc:
        raise PlanError(path, [f"{path}:{exc.line}: {exc.message}" if exc.line else f"{path}: {exc.message}"]) from None
    if not isinstance(data, LocatedDict):
        line = getattr(data, "line", 1) or 1
        raise PlanError(path, [f"{path}:{line}: a plan is a mapping (name:, start:, pace: or due:)"])

    for key in data:
        if key not in KNOWN_KEYS:
            problem(data.line_of(key), f"unknown key '{key}' (a plan has {', '.join(KNOWN_KEYS)})")

    name = _text(data, "name", problem)
    cohort = _text(data, "cohort", problem)
    start = _date(data, "start", problem, required=True)

    pace: float | None = None
    milestones: list[Milestone] = []
    has_pace, has_due = "pace" in data, "due" in data
    if has_pace and has_due:
        problem(data.line_of("due"), "give either pace: (lessons per week) or due: (lessons by a date), not both")
    elif not has_pace and not has_due:
        problem(data.line, "missing pace: (lessons per week) or due: (lessons by a date)")
    if has_pace:
        value = data["pace"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= MAX_PACE:
            problem(data.line_of("pace"), f"pace: must be a number of lessons per week above 0 (got {value!r})")
        else:
            pace = float(value)
    if has_due and not has_pace:
        items = data["due"]
        if not isinstance(items, LocatedList) or not items:
            problem(data.line_of("due"), "due: must be a list of `- by: DATE` with lessons: or module:")
        else:
            for index, item in enumerate(items):
                milestone = _milestone(item, items.line_of(index), course, start, problem)
                if milestone is not None:
                    milestones.append(milestone)
            dates = [m.by for m in milestones]
            if len(set(dates)) != len(dates):
                problem(data.line_of("due"), "two due: items have the same date")

    if problems:
        raise PlanError(path, problems)
    assert start is not None  # a missing start is a problem above
    return CohortPlan(
        path=path,
        name=name or cohort or (path.parent.name if path.stem.casefold() == "plan" else path.stem) or path.stem,
        start=start,
        cohort=cohort or None,
        pace=pace,
        milestones=tuple(sorted(milestones, key=lambda m: m.by)),
        lesson_order=course.lesson_order,
        scope=scope,
    )


def _text(data: Any, key: str, problem: Any) -> str:
    if key not in data or data[key] is None:
        return ""
    value = data[key]
    if not isinstance(value, str | int) or isinstance(value, bool):
        problem(data.line_of(key), f"{key}: must be text")
        return ""
    return " ".join(str(value).split())


def _date(data: Any, key: str, problem: Any, *, required: bool = False) -> date | None:
    if key not in data:
        if required:
            problem(data.line, f"missing {key}: (a date like 2027-02-01)")
        return None
    from kursus.content.yaml_source import BadDate

    value = data[key]
    if isinstance(value, BadDate):  # looks like a date but is none, such as 2027-13-01
        problem(data.line_of(key), f"{key}: {value} is not a date ({value.reason}; a date like 2027-02-01)")
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problem(data.line_of(key), f"{key}: must be a date like 2027-02-01 (got {value!r})")
    return None


def _ids(value: Any) -> list[Any] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value:
        return list(value)
    return None


def _milestone(item: Any, line: int, course: Course, start: date | None, problem: Any) -> Milestone | None:
    from kursus.content.yaml_source import LocatedDict

    if not isinstance(item, LocatedDict):
        problem(line, "each due: item is a mapping: `- by: DATE` and lessons: or module:")
        return None
    for key in item:
        if key not in DUE_KEYS:
            problem(item.line_of(key), f"unknown key '{key}' in a due: item (use by:, lessons: or module:)")
    by = _date(item, "by", problem, required=True)
    if by is not None and start is not None and by < start:
        problem(item.line_of("by"), f"by: {by.isoformat()} is before the start {start.isoformat()}")
    lessons: set[str] = set()
    modules = {module.id: module for module in course.modules}
    given = False
    for key in ("lessons", "lesson"):
        if key in item:
            given = True
            ids = _ids(item[key])
            if ids is None:
                problem(item.line_of(key), f"{key}: must be a lesson id or a list of lesson ids")
                continue
            for lesson_id in ids:
                if not isinstance(lesson_id, str) or lesson_id not in course.lessons:
                    hint = _suggest(lesson_id, course.lesson_order)
                    problem(item.line_of(key), f"unknown lesson '{lesson_id}'{hint}")
                else:
                    lessons.add(lesson_id)
    for key in ("modules", "module"):
        if key in item:
            given = True
            ids = _ids(item[key])
            if ids is None:
                problem(item.line_of(key), f"{key}: must be a module id or a list of module ids")
                continue
            for module_id in ids:
                module = modules.get(module_id) if isinstance(module_id, str) else None
                if module is None:
                    problem(item.line_of(key), f"unknown module '{module_id}'{_suggest(module_id, list(modules))}")
                else:
                    lessons.update(module.lesson_ids)
    if not given:
        problem(item.line, "a due: item needs lessons: or module:")
    if by is None or not lessons:
        return None
    return Milestone(by, frozenset(lessons))


def _suggest(value: Any, known: Iterable[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(str(value), list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def plans_for(report: CohortReport, plan_file: Path | None = None) -> Plans:
    """The plans of a report: `plan_file` for every learner, else each `plan.yaml` found
    beside the progress files. Raises PlanError with every problem of every file."""
    if plan_file is not None:
        found = [("", plan_file)]
    elif report.folder.is_dir():
        relatives = [learner.relative for learner in report.learners] + [s.relative for s in report.skipped]
        found = find_plan_files(report.folder, relatives)
    else:
        found = []
    plans, problems = [], []
    for scope, path in found:
        try:
            plans.append(load_plan(path, report.course, scope=scope))
        except PlanError as exc:
            problems += exc.problems
    if problems:
        raise PlanError(found[0][1], problems)
    return Plans(plans, today=report.now.astimezone().date())
