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

_WHERE = {
    "AnswerGiven": "kursus.tracking.events",
    "LearnerEvent": "kursus.tracking.events",
    "LessonFinished": "kursus.tracking.events",
    "LessonOpened": "kursus.tracking.events",
    "PageViewed": "kursus.tracking.events",
    "ReflectionSaved": "kursus.tracking.events",
    "ReflectionShared": "kursus.tracking.events",
    "PhaseChecked": "kursus.tracking.events",
    "PhaseCheckShared": "kursus.tracking.events",
    "SelfAssessmentSaved": "kursus.tracking.events",
    "SelfAssessmentShared": "kursus.tracking.events",
    "PhaseCheck": "kursus.tracking.record",
    "SelfAssessmentRound": "kursus.tracking.record",
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
    "UnknownEntry": "kursus.tracking.store",
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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'kursus.tracking' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # once: later look-ups are plain module attributes
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
