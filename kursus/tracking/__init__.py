"""One learner's progress: storage, store, records, events. Knows nothing of Textual.

The names below are imported on first use (PEP 562), so a command that needs one
module (the trainer's report reads `record` and `storage`) does not pay for the store,
its lock and TinyDB at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "AnswerGiven": "kursus.tracking.events",
    "LearnerEvent": "kursus.tracking.events",
    "LessonFinished": "kursus.tracking.events",
    "LessonOpened": "kursus.tracking.events",
    "PageViewed": "kursus.tracking.events",
    "ReflectionSaved": "kursus.tracking.events",
    "ReflectionShared": "kursus.tracking.events",
    "ProgressRecord": "kursus.tracking.record",
    "Reflection": "kursus.tracking.record",
    "ScenarioResult": "kursus.tracking.record",
    "read_record": "kursus.tracking.record",
    "SCHEMA_VERSION": "kursus.tracking.schema",
    "UnreadableProgressFile": "kursus.tracking.storage",
    "OpenReport": "kursus.tracking.store",
    "ProgressLocked": "kursus.tracking.store",
    "ProgressStore": "kursus.tracking.store",
    "SavedReflection": "kursus.tracking.store",
    "LessonStatus": "kursus.vocabulary",
}

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'kursus.tracking' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # once: later look-ups are plain module attributes
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
