"""One learner's progress: storage, store, records. Knows nothing of Textual."""

from kursus.tracking.record import LessonStatus, ProgressRecord, Reflection, ScenarioResult, read_record
from kursus.tracking.schema import SCHEMA_VERSION
from kursus.tracking.storage import UnreadableProgressFile
from kursus.tracking.store import OpenReport, ProgressLocked, ProgressStore, SavedReflection

__all__ = [
    "SCHEMA_VERSION", "LessonStatus", "OpenReport", "ProgressLocked", "ProgressRecord",
    "ProgressStore", "Reflection", "SavedReflection", "ScenarioResult", "UnreadableProgressFile", "read_record",
]
