"""The learner's progress store as the screens use it: a file problem is a message to
the learner, never a crash, and never an overwrite of a file that does not parse.

The store itself refuses to write over a damaged file and gives up on a lock held too
long; here those refusals (and disk errors) become a notice, and the screen is told the
save did not happen so it can say "not saved" and keep the text.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from kursus.tracking import ProgressLocked, ProgressRecord, ProgressStore, SavedReflection, UnreadableProgressFile
from kursus.tracking.events import StoredEvent
from kursus.tracking.store import UnknownEntry

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from kursus.assessment import PhaseFinder, PhaseResult
    from kursus.content.models import Choice
    from kursus.review import DueScenario
    from kursus.tracking.record import PhaseCheck, SelfAssessmentRound
    from kursus.vocabulary import Occasion

STORE_ERRORS = (UnreadableProgressFile, ProgressLocked, OSError)
_T = TypeVar("_T")


class GuardedStore:
    def __init__(self, store: ProgressStore, on_error: Callable[[Exception], None]) -> None:
        self._store = store
        self._on_error = on_error
        self._last: ProgressRecord | None = None

    @property
    def path(self) -> Path:
        return self._store.path

    def record(self) -> ProgressRecord:
        """The file's current state; after a read error, the last state read."""
        try:
            self._last = self._store.record()
        except STORE_ERRORS as exc:
            self._on_error(exc)
            if self._last is None:
                self._last = ProgressRecord(self._store.path, {}, {}, [], [])
        return self._last

    def _write(self, method: Callable[..., object], *args: Any, **kwargs: Any) -> bool:
        try:
            method(*args, **kwargs)
        except STORE_ERRORS as exc:
            self._on_error(exc)
            return False
        return True

    def _save(self, method: Callable[..., SavedReflection], *args: Any, **kwargs: Any) -> SavedReflection | None:
        try:
            return method(*args, **kwargs)
        except STORE_ERRORS as exc:
            self._on_error(exc)
            return None

    def file_stamp(self) -> tuple[int, int] | None:
        """(mtime, size) of the file, to notice cheaply that another window wrote it."""
        try:
            info = os.stat(self._store.path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def record_event(self, event: StoredEvent) -> bool:
        """Write one event (the store publishes it); False if it could not be written."""
        return self._write(self._store.record_event, event)

    def record_review(self, due: DueScenario, choice: Choice, now: datetime) -> bool:
        """Record a review answer and reschedule (kursus.review); False if not written."""
        from kursus.review import answer_review

        return self._write(answer_review, self._store, due, choice, now)

    def save_reflection(
        self, lesson_id: str, prompt_id: str, text: str, *, seen_shared: bool, base_revision: int
    ) -> SavedReflection | None:
        """The reflection as saved, or None (the learner has been told why)."""
        return self._save(
            self._store.save_reflection,
            lesson_id,
            prompt_id,
            text,
            seen_shared=seen_shared,
            base_revision=base_revision,
        )

    def set_shared(self, lesson_id: str, prompt_id: str, shared: bool) -> SavedReflection | None:
        return self._save(self._store.set_shared, lesson_id, prompt_id, shared)

    def update_profile(self, **fields: Any) -> bool:
        return self._write(self._store.update_profile, **fields)

    # --- self-assessment and phase finder (kursus.assessment); None: not saved, told why

    def save_self_assessment(
        self, occasion: Occasion, levels: dict[str, int], **kwargs: Any
    ) -> SelfAssessmentRound | None:
        return self._call(self._store.save_self_assessment, occasion, levels, **kwargs)

    def set_self_assessment_shared(self, round_id: str, shared: bool) -> SelfAssessmentRound | None:
        return self._call(self._store.set_self_assessment_shared, round_id, shared)

    def check_network(
        self, finder: PhaseFinder, network: str, answers: dict[str, str]
    ) -> tuple[PhaseCheck, PhaseResult] | None:
        from kursus.assessment import check_network

        return self._call(check_network, self._store, finder, network, answers)

    def set_phase_check_shared(self, check_id: str, shared: bool) -> PhaseCheck | None:
        return self._call(self._store.set_phase_check_shared, check_id, shared)

    def _call(self, method: Callable[..., _T], *args: Any, **kwargs: Any) -> _T | None:
        try:
            return method(*args, **kwargs)
        except (*STORE_ERRORS, UnknownEntry) as exc:
            self._on_error(exc)
            return None
