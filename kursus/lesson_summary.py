"""How a lesson went, and what the course map and the course's end show about it.

No Textual: the summary screen, the course map and the course-done overview ask these
functions, so the rules (what counts as missed, how time is measured, what is left) are
tested on their own.

Time spent in a lesson is measured from the lesson's own events (opened, page viewed,
answered, finished): the time from its first event to its last, where each gap between
two events counts at most GAP_CAP. A lesson left open overnight, or opened again a week
later, so adds at most GAP_CAP for that pause, not the whole night. Review answers
(spaced review) are not lesson time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from kursus.content.models import Choice, Course, Lesson
from kursus.flow import LessonScore, format_points, lesson_score, next_lesson
from kursus.tracking.record import ProgressRecord
from kursus.vocabulary import EventKind, LessonStatus, Rating

if TYPE_CHECKING:
    from kursus.i18n import Catalogue

GAP_CAP = timedelta(minutes=30)
"""The most one pause between two events of a lesson adds to its time spent."""

LESSON_EVENT_KINDS = frozenset(
    {EventKind.LESSON_OPENED, EventKind.PAGE_VIEWED, EventKind.ANSWER, EventKind.LESSON_FINISHED}
)
"""The events that measure time in a lesson (review answers do not)."""


# --- time --------------------------------------------------------------------------


def _parsed(value: object) -> datetime | None:
    """An ISO 8601 time, or None for a missing or odd value; no zone means UTC."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def lesson_event_times(record: ProgressRecord, lesson_ids: Iterable[str] | None = None) -> dict[str, list[datetime]]:
    """lesson id -> the times of its lesson events, sorted; one pass over the events.
    With `lesson_ids`, only those lessons' times are parsed."""
    wanted = set(lesson_ids) if lesson_ids is not None else None
    raw: dict[str, list[object]] = {}
    for event in record.events:
        lesson_id = event.get("lesson_id")
        if not isinstance(lesson_id, str) or event.get("type") not in LESSON_EVENT_KINDS:
            continue
        if wanted is None or lesson_id in wanted:
            raw.setdefault(lesson_id, []).append(event.get("time"))
    times: dict[str, list[datetime]] = {}
    for lesson_id, values in raw.items():
        times[lesson_id] = sorted(t for t in map(_parsed, values) if t is not None)
    return times


def time_spent(times: list[datetime], cap: timedelta = GAP_CAP) -> timedelta:
    """First event to last, each gap between two events counted at most `cap`."""
    ordered = sorted(times)
    return sum((min(later - earlier, cap) for earlier, later in pairwise(ordered)), timedelta())


def whole_minutes(spent: timedelta) -> int:
    """Rounded to the nearest minute (a lesson of 20 seconds is 0 minutes)."""
    return round(spent.total_seconds() / 60)


def duration_text(minutes: int, t: Catalogue) -> str:
    """45 -> "45 min"; 125 -> "2 t 5 min" / "2 h 5 min"; 0 -> "<1 min"."""
    if minutes <= 0:
        return t("lesson_summary.under_a_minute")
    hours, rest = divmod(minutes, 60)
    if not hours:
        return t("lesson_summary.minutes", minutes=rest)
    if not rest:
        return t("lesson_summary.hours", hours=hours)
    return t("lesson_summary.hours_minutes", hours=hours, minutes=rest)


# --- one lesson --------------------------------------------------------------------


@dataclass(frozen=True)
class MissedPoint:
    """A decision point (a main scenario or a follow-up) whose first try was not the
    best answer."""

    scenario_id: str
    title: str
    follow_up: bool
    first: Choice | None  # None if the course no longer has the chosen option
    first_score: float
    best: Choice | None  # the first option rated best (None only in a broken course)

    @property
    def first_rating(self) -> Rating:
        if self.first is not None:
            return self.first.rating
        return Rating.PARTIAL if self.first_score > 0 else Rating.WRONG


@dataclass(frozen=True)
class LessonSummary:
    lesson_id: str
    score: LessonScore
    missed: tuple[MissedPoint, ...]
    reflections_written: int  # prompts of the lesson with text
    reflections_shared: int  # of those, shared with the trainer
    reflection_prompts: int
    spent: timedelta
    next_lesson: str | None  # what "continue" opens next; None when the course is done

    @property
    def minutes_spent(self) -> int:
        return whole_minutes(self.spent)

    @property
    def points_text(self) -> str:
        return f"{format_points(self.score.points)}/{self.score.out_of}"


def best_choice(choices: Iterable[Choice]) -> Choice | None:
    return next((c for c in choices if c.rating is Rating.BEST), None)


def missed_points(lesson: Lesson, record: ProgressRecord) -> tuple[MissedPoint, ...]:
    """Each decision point whose first try was not best, in the order first answered.
    Follow-ups count like main scenarios (as in flow.lesson_score)."""
    missed = []
    for (_, scenario_id), result in record.scenario_results(lesson.id).items():
        scenario = lesson.scenario(scenario_id)
        if scenario is None or result.first_score >= Rating.BEST.score:
            continue
        missed.append(
            MissedPoint(
                scenario.id,
                scenario.title,
                scenario.follow_up,
                scenario.choice(result.first_choice),
                result.first_score,
                best_choice(scenario.choices),
            )
        )
    return tuple(missed)


def _reflection_counts(lesson: Lesson, record: ProgressRecord) -> tuple[int, int]:
    prompts = {prompt.id for prompt in lesson.reflections}
    written = [r for r in record.reflections if r.lesson_id == lesson.id and r.prompt_id in prompts and r.text.strip()]
    return len(written), sum(1 for r in written if r.shared)


def summarise_lesson(course: Course, lesson_id: str, record: ProgressRecord) -> LessonSummary:
    lesson = course.lessons[lesson_id]
    written, shared = _reflection_counts(lesson, record)
    times = lesson_event_times(record, [lesson_id]).get(lesson_id, [])
    return LessonSummary(
        lesson_id,
        lesson_score(lesson, record),
        missed_points(lesson, record),
        written,
        shared,
        len(lesson.reflections),
        time_spent(times),
        next_lesson(course, record),
    )


# --- the course map ----------------------------------------------------------------


@dataclass(frozen=True)
class MapRow:
    """One lesson's line on the course map."""

    lesson_id: str
    status: LessonStatus
    score: LessonScore | None  # None until a scenario is answered
    minutes: int  # time spent for a finished lesson, else the lesson's estimate
    spent: bool  # True: `minutes` is time spent

    @property
    def score_text(self) -> str:
        return f"{format_points(self.score.points)}/{self.score.out_of}" if self.score else ""


def course_map_rows(course: Course, record: ProgressRecord) -> dict[str, MapRow]:
    """lesson id -> its map row, in course order."""
    statuses = {lesson_id: record.lesson_status(lesson_id) for lesson_id in course.lesson_order}
    done = [lesson_id for lesson_id, status in statuses.items() if status is LessonStatus.DONE]
    times = lesson_event_times(record, done) if done else {}
    answered = {lesson_id for (lesson_id, _) in record.answers_by_scenario}
    rows = {}
    for lesson_id, status in statuses.items():
        lesson = course.lessons[lesson_id]
        score = lesson_score(lesson, record) if lesson_id in answered else None
        if status is LessonStatus.DONE:
            minutes, spent = whole_minutes(time_spent(times.get(lesson_id, []))), True
        else:
            minutes, spent = lesson.minutes, False
        rows[lesson_id] = MapRow(lesson_id, status, score, minutes, spent)
    return rows


def minutes_left(course: Course, record: ProgressRecord) -> int:
    """The estimates of every lesson not finished (a lesson in progress counts whole)."""
    return sum(
        course.lessons[lesson_id].minutes
        for lesson_id in course.lesson_order
        if record.lesson_status(lesson_id) is not LessonStatus.DONE
    )


# --- the whole course --------------------------------------------------------------


@dataclass(frozen=True)
class ModuleRecord:
    title: str
    lessons_done: int
    lessons: int
    points: float
    out_of: int

    @property
    def points_text(self) -> str:
        return format_points(self.points)


@dataclass(frozen=True)
class CourseRecord:
    modules: tuple[ModuleRecord, ...]
    lessons_done: int
    lessons: int
    points: float
    out_of: int
    spent: timedelta
    reflections_written: int
    reflections_shared: int

    @property
    def complete(self) -> bool:
        return self.lessons_done == self.lessons

    @property
    def minutes_spent(self) -> int:
        return whole_minutes(self.spent)

    @property
    def points_text(self) -> str:
        return format_points(self.points)


def course_record(course: Course, record: ProgressRecord) -> CourseRecord:
    """Lessons done and first-try points per module and in total, time spent in every
    lesson, reflections written and shared."""
    times = lesson_event_times(record, course.lesson_order)
    modules = []
    spent = timedelta()
    written = shared = 0
    for module in course.modules:
        done = out_of = 0
        points = 0.0
        for lesson_id in module.lesson_ids:
            lesson = course.lessons[lesson_id]
            score = lesson_score(lesson, record)
            points += score.points
            out_of += score.out_of
            done += record.lesson_status(lesson_id) is LessonStatus.DONE
            spent += time_spent(times.get(lesson_id, []))
            lesson_written, lesson_shared = _reflection_counts(lesson, record)
            written += lesson_written
            shared += lesson_shared
        modules.append(ModuleRecord(module.title, done, len(module.lesson_ids), points, out_of))
    return CourseRecord(
        tuple(modules),
        sum(m.lessons_done for m in modules),
        sum(m.lessons for m in modules),
        sum(m.points for m in modules),
        sum(m.out_of for m in modules),
        spent,
        written,
        shared,
    )
