"""What a learner does, as typed values: the domain's events.

The screens make these (`LessonOpened(...)`, `flow.answer(...)`) and hand them to the
store; the store works out what only the file knows (an answer's attempt number, the
time), writes them, and then publishes the completed event to its subscribers. A later
xAPI sender, a review scheduler or a test listens there, never in a screen.

The lesson, answer and review kinds are kept as event documents in the progress file (`to_doc`,
`from_doc`). The reflection kinds are published when a reflection changes; they carry
no text, so a listener can never leak a private reflection by accident (one that is
allowed to send shared text reads it from the store, where `shared` is checked). The
self-assessment and phase-check kinds follow the same rule: they are published when a
round or check is saved or (un)shared, carry ids and flags only, and the rounds and
checks themselves are kept in their own tables.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar, TypeVar

from kursus.vocabulary import EventKind, Occasion, Rating, rating_of


@dataclass(frozen=True, slots=True)
class LessonOpened:
    kind: ClassVar[EventKind] = EventKind.LESSON_OPENED
    lesson_id: str
    lang: str
    time: str = ""  # ISO 8601 UTC, set by the store when written


@dataclass(frozen=True, slots=True)
class PageViewed:
    kind: ClassVar[EventKind] = EventKind.PAGE_VIEWED
    lesson_id: str
    page: int  # 0-based
    time: str = ""


@dataclass(frozen=True, slots=True)
class AnswerGiven:
    kind: ClassVar[EventKind] = EventKind.ANSWER
    lesson_id: str
    scenario_id: str
    choice_id: str
    rating: Rating
    attempt: int = 0  # 1 = the first try; 0 until the store has counted the earlier ones
    time: str = ""

    @property
    def score(self) -> float:
        return self.rating.score

    @property
    def first_try(self) -> bool:
        return self.attempt == 1


@dataclass(frozen=True, slots=True)
class LessonFinished:
    kind: ClassVar[EventKind] = EventKind.LESSON_FINISHED
    lesson_id: str
    time: str = ""


@dataclass(frozen=True, slots=True)
class ReviewAnswered:
    """A scenario answered again in spaced review. Its own kind: it never changes the
    first-try score a trainer sees."""

    kind: ClassVar[EventKind] = EventKind.REVIEW_ANSWERED
    lesson_id: str
    scenario_id: str
    choice_id: str
    rating: Rating
    time: str = ""

    @property
    def score(self) -> float:
        return self.rating.score


@dataclass(frozen=True, slots=True)
class ReflectionSaved:
    """A reflection's text changed on disk (the text itself stays in the store)."""

    kind: ClassVar[EventKind] = EventKind.REFLECTION_SAVED
    lesson_id: str
    prompt_id: str
    revision: int
    shared: bool
    merged: bool = False  # two windows changed it; both versions were kept
    time: str = ""


@dataclass(frozen=True, slots=True)
class ReflectionShared:
    """A reflection was shared with the trainer, or shared no more (shared=False)."""

    kind: ClassVar[EventKind] = EventKind.REFLECTION_SHARED
    lesson_id: str
    prompt_id: str
    shared: bool
    time: str = ""


@dataclass(frozen=True, slots=True)
class SelfAssessmentSaved:
    """A round of the competence self-assessment was created or changed on disk.

    Like the reflection kinds it carries no levels, notes or next steps: a listener that
    may send a SHARED round reads it from the store. `shared` says whether it may leave."""

    kind: ClassVar[EventKind] = EventKind.SELF_ASSESSMENT_SAVED
    round_id: str
    occasion: Occasion
    shared: bool
    time: str = ""


@dataclass(frozen=True, slots=True)
class SelfAssessmentShared:
    """A self-assessment round was shared with the trainer, or shared no more."""

    kind: ClassVar[EventKind] = EventKind.SELF_ASSESSMENT_SHARED
    round_id: str
    shared: bool
    time: str = ""


@dataclass(frozen=True, slots=True)
class PhaseChecked:
    """A phase-finder check of one of the learner's networks was saved (no network name,
    no answers: only the phases it found)."""

    kind: ClassVar[EventKind] = EventKind.PHASE_CHECKED
    check_id: str
    phases: tuple[int, ...]
    shared: bool
    time: str = ""


@dataclass(frozen=True, slots=True)
class PhaseCheckShared:
    """A phase check was shared with the trainer, or shared no more."""

    kind: ClassVar[EventKind] = EventKind.PHASE_CHECK_SHARED
    check_id: str
    shared: bool
    time: str = ""


EventT = TypeVar("EventT", bound="LearnerEvent")
StoredEvent = LessonOpened | PageViewed | AnswerGiven | LessonFinished | ReviewAnswered
AssessmentEvent = SelfAssessmentSaved | SelfAssessmentShared | PhaseChecked | PhaseCheckShared
LearnerEvent = StoredEvent | ReflectionSaved | ReflectionShared | AssessmentEvent


def to_doc(event: StoredEvent) -> dict[str, Any]:
    """The event as the progress file keeps it (the layout every reader knows)."""
    doc: dict[str, Any] = {"type": event.kind.value, "lesson_id": event.lesson_id}
    if isinstance(event, LessonOpened):
        doc["lang"] = event.lang
    elif isinstance(event, PageViewed):
        doc["page"] = event.page
    elif isinstance(event, ReviewAnswered):
        doc.update(
            scenario_id=event.scenario_id, choice_id=event.choice_id, rating=event.rating.value, score=event.score
        )
    elif isinstance(event, AnswerGiven):
        doc.update(
            scenario_id=event.scenario_id,
            choice_id=event.choice_id,
            rating=event.rating.value,
            score=event.score,
            attempt=event.attempt,
        )
    doc["time"] = event.time
    return doc


def from_doc(doc: dict[str, Any]) -> StoredEvent | None:
    """The typed event a stored document holds, or None if it is not one we know (a
    hand-edited or damaged document is skipped, never a crash)."""
    kind, lesson_id, time = doc.get("type"), doc.get("lesson_id"), doc.get("time")
    if not isinstance(lesson_id, str):
        return None
    time = time if isinstance(time, str) else ""
    if kind == EventKind.LESSON_OPENED:
        return LessonOpened(lesson_id, str(doc.get("lang", "")), time)
    if kind == EventKind.PAGE_VIEWED:
        page = doc.get("page")
        return PageViewed(lesson_id, page, time) if type(page) is int else None
    if kind == EventKind.ANSWER:
        rating, attempt = rating_of(doc.get("rating")), doc.get("attempt")
        if rating is None:
            return None
        return AnswerGiven(
            lesson_id,
            str(doc.get("scenario_id", "")),
            str(doc.get("choice_id", "")),
            rating,
            attempt if type(attempt) is int else 0,
            time,
        )
    if kind == EventKind.LESSON_FINISHED:
        return LessonFinished(lesson_id, time)
    if kind == EventKind.REVIEW_ANSWERED:
        rating = rating_of(doc.get("rating"))
        if rating is None:
            return None
        return ReviewAnswered(lesson_id, str(doc.get("scenario_id", "")), str(doc.get("choice_id", "")), rating, time)
    return None


def stamped(event: EventT, time: str) -> EventT:
    """The same event with its time set (the store stamps what it writes)."""
    return replace(event, time=time)
