"""What one learner's file adds up to: the numbers the trainer's report, the dashboard
and the learner's own export all show, worked out in one place.

Privacy by construction: a summary keeps the text of *shared* reflections only.
Unshared text never leaves `summarise()`, so no output format and no screen built on a
summary can show it by mistake.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard

from kursus.content.models import Course
from kursus.tracking.record import ProgressRecord, read_record, score_of
from kursus.vocabulary import DEFAULT_STALLED_DAYS, LearnerStatus, rating_of


class Attempt(NamedTuple):
    """One answer to a scenario, in the order given."""

    choice_id: str
    rating: str  # best / partial / wrong, or "" when the file does not say
    score: float
    time: str


def _attempt(event: dict[str, Any]) -> Attempt:
    rating = rating_of(event.get("rating"))
    when = event.get("time")
    return Attempt(
        str(event.get("choice_id", "")),
        rating.value if rating is not None else "",
        score_of(event.get("score")),
        when if isinstance(when, str) else "",
    )


class ScenarioAnswers:
    """A learner's answers to one scenario, in the order given."""

    __slots__ = ("_events", "lesson_id", "scenario_id")

    def __init__(self, lesson_id: str, scenario_id: str, events: list[dict[str, Any]]) -> None:
        self.lesson_id = lesson_id
        self.scenario_id = scenario_id
        self._events = events

    @property
    def attempts(self) -> list[Attempt]:
        return [_attempt(event) for event in self._events]

    @property
    def first(self) -> Attempt:
        return _attempt(self._events[0])

    @property
    def latest(self) -> Attempt:
        return _attempt(self._events[-1])

    @property
    def count(self) -> int:
        return len(self._events)

    def __repr__(self) -> str:
        return f"ScenarioAnswers({self.lesson_id!r}, {self.scenario_id!r}, {len(self._events)} attempts)"


class SharedReflection(NamedTuple):
    """A reflection its learner chose to share (the only kind the trainer side keeps)."""

    lesson_id: str
    prompt_id: str
    text: str
    updated: str


class SharedRound(NamedTuple):
    """A self-assessment round its learner shared (the only kind the trainer side keeps)."""

    id: str
    taken_at: str
    occasion: str  # kursus.vocabulary.Occasion value
    levels: dict[str, int]  # competence id -> 1..5 (may be incomplete)
    notes: dict[str, str]
    next_steps: dict[str, str]


class SharedCheck(NamedTuple):
    """A phase check its learner shared."""

    id: str
    network: str
    checked_at: str
    phases: tuple[int, ...]
    unfinished: tuple[int, ...]
    confidence: str


@dataclass(frozen=True)
class Note:
    """Something a trainer should know about a learner's file (a catalogue key + fields)."""

    key: str
    fields: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, str]:
        return dict(self.fields)


@dataclass(slots=True)
class LearnerSummary:
    path: Path
    relative: str  # path inside the scanned folder, with / separators
    name: str
    cohort: str
    lang: str
    status: LearnerStatus
    lessons_done: int
    lessons_total: int
    modules: dict[str, tuple[int, int]]  # module id -> (done, total), course order
    lesson_status: dict[str, str]  # course lesson id -> not_started / in_progress / done
    first_try_score: float | None  # mean first-attempt score, None if nothing answered
    scenarios_answered: int
    last_activity: datetime | None
    shared: list[SharedReflection]
    first_tries: list[
        tuple[tuple[str, str], Any, float]
    ]  # (scenario key, first choice id, its score), course scenarios
    notes: list[Note] = field(default_factory=list)
    reviews: int = 0  # review answers given in spaced review (kursus.review); never first tries
    # Shared only (privacy by construction, as `shared`): a private round or check never
    # reaches a summary, so no report, dashboard or cohort view can show it or count it.
    shared_rounds: list[SharedRound] = field(default_factory=list)  # oldest first
    shared_checks: list[SharedCheck] = field(default_factory=list)  # oldest first
    round_before_id: str = ""  # of the shared rounds: the "before" and "after" (record.round_before)
    round_after_id: str = ""

    def shared_round(self, round_id: str) -> SharedRound | None:
        return next((r for r in self.shared_rounds if r.id == round_id and round_id), None)

    @property
    def shared_count(self) -> int:
        return len(self.shared)

    def progress_fields(self) -> dict[str, Any]:
        """The progress numbers as JSON values (the report's and the export's JSON share them)."""
        return {
            "lessons_done": self.lessons_done,
            "lessons_total": self.lessons_total,
            "modules": {module_id: {"done": done, "total": total} for module_id, (done, total) in self.modules.items()},
            "first_try_score": None if self.first_try_score is None else round(self.first_try_score, 4),
            "scenarios_answered": self.scenarios_answered,
            "last_activity": self.last_activity.isoformat() if self.last_activity else None,
            "reviews_answered": self.reviews,
        }

    def answers(self) -> dict[tuple[str, str], ScenarioAnswers]:
        """Every attempt at each course scenario the learner answered, read again from
        the file (read-only) when a screen asks: the report itself keeps only the first
        tries, so a thousand learners stay small. Raises UnreadableProgressFile or
        OSError if the file can no longer be read."""
        known = {key for key, _, _ in self.first_tries}
        answers = self.record().answers_by_scenario
        return {key: ScenarioAnswers(key[0], key[1], events) for key, events in answers.items() if key in known}

    def record(self) -> ProgressRecord:
        """The learner's whole record, read again from the file (read-only). A report
        built in memory (an LRS's, kursus.xapi.lrs_source) holds it instead."""
        return read_record(self.path)

    def minutes_spent(self, lesson_ids: Iterable[str]) -> int:
        """Time spent in the course's lessons, in whole minutes, by the learner app's own
        rule (kursus.lesson_summary: each lesson from its first event to its last, a pause
        counting at most half an hour), read again from the file (read-only) when a
        screen asks. Raises UnreadableProgressFile or OSError if the file is gone."""
        from kursus.lesson_summary import lesson_event_times, time_spent, whole_minutes

        wanted = list(lesson_ids)
        times = lesson_event_times(self.record(), wanted)
        return whole_minutes(sum((time_spent(times.get(lesson_id, [])) for lesson_id in wanted), timedelta()))


class CourseIndex:
    """What a summary needs from the course, worked out once per report.

    `keys` and `choices` map the course's scenario keys and choice ids to themselves:
    a summary keeps its first tries with the course's own objects instead of the
    strings each file's parse made (over 10,000 learners, millions of small strings
    saying the same few hundred ids; bench/report.py: peak memory).
    """

    def __init__(self, course: Course) -> None:
        self.course = course
        self.lesson_ids = course.lesson_order
        self.lesson_set = frozenset(self.lesson_ids)
        self.modules = [(m.id, frozenset(m.lesson_ids), len(m.lesson_ids)) for m in course.modules]
        self.keys: dict[tuple[str, str], tuple[str, str]] = {}
        self.choices: dict[Any, Any] = {}
        for lesson in course.lessons.values():
            for scenario in lesson.scenarios:
                key = (lesson.id, scenario.id)
                self.keys[key] = key
                for choice in scenario.choices:
                    self.choices.setdefault(choice.id, choice.id)
        self.scenarios = frozenset(self.keys)


def learner_status(
    lessons_done: int,
    lessons_total: int,
    started: bool,
    last_activity: datetime | None,
    now: datetime,
    stalled_days: int,
) -> LearnerStatus:
    """Where a learner stands in the whole course on the day `now` (the one rule)."""
    if lessons_total and lessons_done == lessons_total:
        return LearnerStatus.DONE
    if not started:
        return LearnerStatus.NOT_STARTED
    if last_activity is not None and now - last_activity >= timedelta(days=stalled_days):
        return LearnerStatus.STALLED
    return LearnerStatus.IN_PROGRESS


def summarise(
    record: ProgressRecord,
    path: Path,
    relative: str,
    index: CourseIndex,
    now: datetime,
    stalled_days: int = DEFAULT_STALLED_DAYS,
) -> LearnerSummary:
    touched, finished = record.touched_lessons, record.finished_lessons
    first_answers = record.first_answers
    last_activity = record.last_activity
    shared = [SharedReflection(r.lesson_id, r.prompt_id, r.text, r.updated) for r in record.shared_reflections]

    lesson_status = record.lesson_statuses(index.lesson_ids)
    modules = {module_id: (len(finished.intersection(ids)), count) for module_id, ids, count in index.modules}
    lessons_done = len(finished.intersection(index.lesson_set))
    lessons_total = len(index.lesson_ids)

    known = index.keys
    if not known.keys() >= first_answers.keys():  # answers to scenarios the course no longer has
        first_answers = {key: event for key, event in first_answers.items() if key in known}
    firsts = list(first_answers.values())
    raw_scores = list(map(dict.get, firsts, repeat("score")))
    # a missing or odd score counts as 0; exact numbers (the usual case) are kept as they are
    scores = raw_scores if _all_numbers(raw_scores) else list(map(score_of, raw_scores))
    # Only these small tuples outlive the file's parsed data (see LearnerSummary.answers),
    # and they point at the course's own ids (CourseIndex).
    choices = list(map(dict.get, firsts, repeat("choice_id")))
    # TypeError: a list or an object as choice id (a hand-edited file): kept as read
    with suppress(TypeError):
        choices = list(map(index.choices.get, choices, choices))
    first_tries = list(zip(map(known.__getitem__, first_answers), choices, scores))
    first_try = sum(scores) / len(scores) if scores else None

    started = bool(touched) or bool(record.reflection_docs)
    status = learner_status(lessons_done, lessons_total, started, last_activity, now, stalled_days)

    notes: list[Note] = []
    if not record.name:
        notes.append(Note("trainer.note.no_name"))
    if not index.lesson_set.issuperset(touched):
        unknown = sorted(map(str, touched - index.lesson_set))
        notes.append(Note("trainer.note.unknown_lessons", (("ids", ", ".join(unknown)),)))
    version = record.meta.get("content_version")
    if isinstance(version, int) and not isinstance(version, bool) and version and version != index.course.version:
        notes.append(
            Note("trainer.note.content_version", (("found", str(version)), ("current", str(index.course.version))))
        )
    if record.migrated_from is not None:
        notes.append(Note("trainer.note.migrated", (("version", str(record.migrated_from)),)))

    return LearnerSummary(
        path=path,
        relative=relative,
        name=record.name,
        cohort=record.cohort,
        lang=record.lang,
        status=status,
        lessons_done=lessons_done,
        lessons_total=lessons_total,
        modules=modules,
        lesson_status=lesson_status,
        first_try_score=first_try,
        scenarios_answered=len(first_tries),
        last_activity=last_activity,
        shared=shared,
        first_tries=first_tries,
        notes=notes,
        reviews=record.reviews_answered,
        **_shared_assessment(record),
    )


def _shared_assessment(record: ProgressRecord) -> dict[str, Any]:
    """The learner's SHARED self-assessment rounds and phase checks (nothing private)."""
    if not record.self_assessment_docs and not record.phase_check_docs:
        return {}  # the usual case in a big report: nothing to read
    before = record.round_before(shared_only=True)
    after = record.round_after(shared_only=True)
    return {
        "shared_rounds": [
            SharedRound(r.id, r.taken_at, r.occasion.value, dict(r.levels), dict(r.notes), dict(r.next_steps))
            for r in record.shared_self_assessments
        ],
        "shared_checks": [
            SharedCheck(c.id, c.network, c.checked_at, c.phases, c.unfinished, c.confidence)
            for c in record.shared_phase_checks
        ],
        "round_before_id": before.id if before else "",
        "round_after_id": after.id if after else "",
    }


_NUMBERS = frozenset({int, float})  # exact types: True is not a score


def _all_numbers(values: list[Any]) -> TypeGuard[list[float]]:
    return _NUMBERS.issuperset(map(type, values))
