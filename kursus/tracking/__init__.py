"""One learner's progress: storage, store, records, events. Knows nothing of Textual."""

from kursus.tracking.events import (
    AnswerGiven,
    LearnerEvent,
    LessonFinished,
    LessonOpened,
    PageViewed,
    PhaseChecked,
    PhaseCheckShared,
    ReflectionSaved,
    ReflectionShared,
    SelfAssessmentSaved,
    SelfAssessmentShared,
)
from kursus.tracking.record import (
    PhaseCheck,
    ProgressRecord,
    Reflection,
    ScenarioResult,
    SelfAssessmentRound,
    read_record,
)
from kursus.tracking.schema import SCHEMA_VERSION
from kursus.tracking.storage import UnreadableProgressFile
from kursus.tracking.store import OpenReport, ProgressLocked, ProgressStore, SavedReflection, UnknownEntry
from kursus.vocabulary import LessonStatus

__all__ = [
    "SCHEMA_VERSION",
    "AnswerGiven",
    "LearnerEvent",
    "LessonFinished",
    "LessonOpened",
    "LessonStatus",
    "OpenReport",
    "PageViewed",
    "PhaseCheck",
    "PhaseCheckShared",
    "PhaseChecked",
    "ProgressLocked",
    "ProgressRecord",
    "ProgressStore",
    "Reflection",
    "ReflectionSaved",
    "ReflectionShared",
    "SavedReflection",
    "ScenarioResult",
    "SelfAssessmentRound",
    "SelfAssessmentSaved",
    "SelfAssessmentShared",
    "UnknownEntry",
    "UnreadableProgressFile",
    "read_record",
]
