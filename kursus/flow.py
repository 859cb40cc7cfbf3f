"""The learner's way through the course, derived from the course and the record.

No Textual: the screens ask these functions what comes next, so the rules (what
"continue" opens, which scenario follows, how a lesson is scored) are tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from kursus.content.models import Choice, Course, Lesson, Scenario
from kursus.tracking.events import AnswerGiven
from kursus.tracking.record import ProgressRecord
from kursus.vocabulary import EventKind, LessonStatus


@dataclass(frozen=True)
class CourseProgress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def course_progress(course: Course, record: ProgressRecord) -> CourseProgress:
    order = course.lesson_order
    return CourseProgress(sum(1 for lid in order if record.lesson_status(lid) is LessonStatus.DONE), len(order))


def next_lesson(course: Course, record: ProgressRecord) -> str | None:
    """What "continue" opens: the first lesson in progress, else the first not started.

    "Continue" means the next unfinished lesson, not the last one visited, so a learner who
    peeked ahead is still brought back to what they have not finished.
    """
    order = course.lesson_order
    for wanted in (LessonStatus.IN_PROGRESS, LessonStatus.NOT_STARTED):
        for lesson_id in order:
            if record.lesson_status(lesson_id) is wanted:
                return lesson_id
    return None


def first_open_scenario(lesson: Lesson, record: ProgressRecord) -> Scenario | None:
    """The first main scenario not yet answered (where a returning learner resumes)."""
    answered = {sid for (_, sid) in record.scenario_results(lesson.id)}
    return next((s for s in lesson.main_scenarios if s.id not in answered), None)


def resume_in_scenarios(lesson: Lesson, record: ProgressRecord, page_count: int) -> Scenario | None:
    """Where opening `lesson` resumes when the learner left off in its scenarios: the first
    open scenario, if every page after the overview was read (page 0 is the one a lesson
    opens on) and at least one scenario was answered. None: open the reading as usual.

    `page_count` is the number of pages the lesson screen shows (overview, body, key points).
    """
    if not record.scenario_results(lesson.id):
        return None
    viewed = {
        event.get("page")
        for event in record.events
        if event.get("type") == EventKind.PAGE_VIEWED and event.get("lesson_id") == lesson.id
    }
    if not all(page in viewed for page in range(1, page_count)):
        return None
    return first_open_scenario(lesson, record)


def scenario_after(
    lesson: Lesson, current: Scenario, chosen_next: str | None, origin: Scenario | None = None
) -> tuple[Scenario | None, Scenario | None]:
    """The scenario that follows `current`, and the main scenario the path started from.

    A choice with `next` leads to its follow-up; after a follow-up the learner goes on
    from the main scenario that led there.
    """
    if chosen_next and lesson.scenario(chosen_next) is not None:
        return lesson.scenario(chosen_next), origin or current
    anchor = origin or current
    mains = lesson.main_scenarios
    if anchor in mains:
        index = mains.index(anchor)
        return (mains[index + 1] if index + 1 < len(mains) else None), None
    return None, None


def answer(lesson_id: str, scenario: Scenario, choice: Choice) -> AnswerGiven:
    """The event for choosing `choice`: its rating (and so its score) comes from the
    course; the store numbers the attempt when it writes it."""
    return AnswerGiven(lesson_id, scenario.id, choice.id, choice.rating)


@dataclass(frozen=True)
class LessonScore:
    """First-try points of one lesson. Every decision point counts once: each main
    scenario, and each follow-up the learner's choices led to (a step of a multi-step
    scenario), so a learner who took a longer path is scored out of more steps and the
    points can never exceed what they are out of."""

    points: float  # first-try points over the decision points answered
    out_of: int  # every main scenario, plus the follow-ups reached
    answered: int  # main scenarios answered
    total: int  # main scenarios

    @property
    def steps_answered(self) -> int:
        """Decision points answered, counted as `out_of` counts them (the rest of `out_of`
        is main scenarios not yet answered)."""
        return self.out_of - (self.total - self.answered)


def lesson_score(lesson: Lesson, record: ProgressRecord) -> LessonScore:
    results = record.scenario_results(lesson.id)
    follow_ups = {s.id for s in lesson.scenarios if s.follow_up}
    mains = {s.id for s in lesson.main_scenarios}
    first_tries = [r.first_score for (_, sid), r in results.items() if sid in mains or sid in follow_ups]
    reached = sum(1 for (_, sid) in results if sid in follow_ups)
    main_answered = sum(1 for sid in mains if (lesson.id, sid) in results)
    return LessonScore(sum(first_tries), len(mains) + reached, main_answered, len(mains))


def format_points(points: float) -> str:
    """1.5 -> "1½", 2.0 -> "2" (halves are the only fractions scores make)."""
    whole = int(points)
    if points - whole < 0.5:
        return str(whole)
    return f"{whole}½" if whole else "½"
