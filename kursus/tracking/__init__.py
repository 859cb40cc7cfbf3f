"""One learner's progress: storage, store, records, events. Knows nothing of Textual."""

from kursus.tracking.events import (
    AnswerGiven,
    LearnerEvent,
    LessonFinished,
    LessonOpened,
    PageViewed,
    ReflectionSaved,
    ReflectionShared,
)
from kursus.tracking.record import ProgressRecord, Reflection, ScenarioResult, read_record
from kursus.tracking.schema import SCHEMA_VERSION
from kursus.tracking.storage import UnreadableProgressFile
from kursus.tracking.store import OpenReport, ProgressLocked, ProgressStore, SavedReflection
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
    "ProgressLocked",
    "ProgressRecord",
    "ProgressStore",
    "Reflection",
    "ReflectionSaved",
    "ReflectionShared",
    "SavedReflection",
    "ScenarioResult",
    "UnreadableProgressFile",
    "read_record",
]
