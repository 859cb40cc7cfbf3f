"""The course's words, each defined once: languages, statuses, ratings, event kinds.

Every other module imports these rather than spelling the values out. They are
`StrEnum`s, so a member is equal to (and formats as) the text stored in progress files
and catalogue keys: `LessonStatus.DONE == "done"`.
"""

from __future__ import annotations

from enum import StrEnum

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"

DEFAULT_STALLED_DAYS = 14
"""No activity for this many days and a learner who has not finished is "stalled"."""


class LessonStatus(StrEnum):
    """Where one learner stands in one lesson."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class LearnerStatus(StrEnum):
    """Where a learner stands in the whole course, as a trainer reads it (in this order)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    STALLED = "stalled"
    DONE = "done"


class Rating(StrEnum):
    """How good a scenario choice is. The score is what a first-try answer earns."""

    BEST = "best"
    PARTIAL = "partial"
    WRONG = "wrong"

    @property
    def score(self) -> float:
        return _SCORES[self]


_SCORES = {Rating.BEST: 1.0, Rating.PARTIAL: 0.5, Rating.WRONG: 0.0}


class EventKind(StrEnum):
    """What a learner does. The first five are kept as events in the progress file; the
    reflection kinds are published when a reflection changes (its text is kept apart)."""

    LESSON_OPENED = "lesson_opened"
    PAGE_VIEWED = "page_viewed"
    ANSWER = "answer"
    LESSON_FINISHED = "lesson_finished"
    REVIEW_ANSWERED = "review_answered"  # a scenario asked again in spaced review (never a first try)
    REFLECTION_SAVED = "reflection_saved"
    REFLECTION_SHARED = "reflection_shared"
    SELF_ASSESSMENT_SAVED = "self_assessment_saved"  # a round of the competence self-assessment
    SELF_ASSESSMENT_SHARED = "self_assessment_shared"
    PHASE_CHECKED = "phase_checked"  # a phase-finder check of one of the learner's networks
    PHASE_CHECK_SHARED = "phase_check_shared"


class Occasion(StrEnum):
    """When a self-assessment round was taken: at the course's start, at its end, or any time."""

    START = "start"
    END = "end"
    ANYTIME = "anytime"


class Confidence(StrEnum):
    """How sure the phase finder is (answered "ved ikke" lowers it; NONE: nothing known)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NONE = "none"


# A glyph beside every status and rating word, so nothing relies on colour alone.
GLYPHS: dict[str, str] = {
    LearnerStatus.NOT_STARTED: "○",
    LearnerStatus.IN_PROGRESS: "◐",
    LearnerStatus.DONE: "✓",
    LearnerStatus.STALLED: "⏸",
    Rating.BEST: "✓",
    Rating.PARTIAL: "◐",
    Rating.WRONG: "✗",
}


def rating_of(value: object) -> Rating | None:
    """The rating a stored value names, or None (a hand-edited file may hold anything)."""
    try:
        return Rating(value) if isinstance(value, str) else None
    except ValueError:
        return None


# The optional files beside the lessons (kursus.assessment reads them). Here, so that the
# course map can ask whether a course has them without importing kursus.assessment.
SELF_ASSESSMENT_FILE = "self-assessment.yaml"
PHASE_FINDER_FILE = "phase-finder.yaml"
