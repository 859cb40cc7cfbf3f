"""One learner's progress file: open, append, save, all under a lock.

Every change is a read-modify-write of the whole (small) file under a cross-process file
lock, written atomically, with TinyDB opened per operation and its query cache off.
Two copies of the app on the same learner therefore never lose each other's answers:
answers are appended events, and each append re-reads the file first.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kursus import __version__
from kursus.tracking.events import (
    AnswerGiven,
    LearnerEvent,
    PhaseChecked,
    PhaseCheckShared,
    ReflectionSaved,
    ReflectionShared,
    ReviewAnswered,
    SelfAssessmentSaved,
    SelfAssessmentShared,
    StoredEvent,
    stamped,
    to_doc,
)
from kursus.tracking.names import clean_name, progress_file_name
from kursus.tracking.record import (
    SCALE_POINTS,
    PhaseCheck,
    ProgressRecord,
    SelfAssessmentRound,
    record_check,
    record_from_data,
    record_round,
    revision_of,
)
from kursus.tracking.schema import SCHEMA_VERSION, migrate
from kursus.tracking.storage import (
    Unreadable,
    UnreadableProgressFile,
    leftover_temp_files,
    read_json_file,
    write_json_atomically,
)
from kursus.vocabulary import Occasion

if TYPE_CHECKING:
    from filelock import BaseFileLock
    from tinydb import TinyDB

LOCK_TIMEOUT_SECONDS = 10
FOLDER_MODE = 0o700
# Between two versions of one reflection kept after two windows changed it at once.
MERGE_SEPARATOR = "\n\n――――――――\n\n"


MAX_NETWORK_NAME_LENGTH = 80  # a network's name as the learner typed it, cleaned like a learner's name


class ProgressLocked(Exception):
    """Another program held the learner's file for too long."""


class UnknownEntry(LookupError):
    """No self-assessment round or phase check with that id in the learner's file."""


def clean_network_name(raw: str) -> str:
    """A network's name as kept: cleaned like a learner's name (no control or direction
    characters, NFC, spacing folded) and at most MAX_NETWORK_NAME_LENGTH characters."""
    return clean_name(raw)[:MAX_NETWORK_NAME_LENGTH].rstrip()


@dataclass(frozen=True)
class OpenReport:
    """What happened when the file was opened, for the learner to be told."""

    path: Path
    created: bool = False
    backup: Path | None = None  # an unreadable file that was moved aside
    backup_reason: str = ""
    migrated_from: int | None = None
    migration_backup: Path | None = None


@dataclass(frozen=True)
class SavedReflection:
    """A reflection as it is on disk after a save, for the screen to show.

    `merged`: another window had changed the text since this one read it, and both
    versions are kept (the other first, then this one, after MERGE_SEPARATOR).
    `kept_other`: this window's text was empty while another window's was not; the other
    text is kept. Either way the screen should show `text` and tell the learner.
    """

    text: str
    shared: bool
    revision: int
    merged: bool = False
    kept_other: bool = False


def now_iso(at: datetime | None = None) -> str:
    """UTC time as ISO 8601; `at` lets tools (demo cohort, benchmarks) write past times."""
    return (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def _new_id() -> str:
    return uuid.uuid4().hex[:16]


def _checked_levels(levels: dict[str, int]) -> dict[str, int]:
    """Levels as stored: whole numbers 1..SCALE_POINTS, or ValueError (a screen's bug)."""
    for competence_id, level in levels.items():
        if type(level) is not int or not 1 <= level <= SCALE_POINTS:
            raise ValueError(f"level {level!r} for '{competence_id}' is not 1-{SCALE_POINTS}")
    return {str(k): v for k, v in levels.items()}


def _kept_texts(texts: dict[str, str] | None) -> dict[str, str]:
    return {str(k): v for k, v in (texts or {}).items() if isinstance(v, str) and v.strip()}


Listener = Callable[[LearnerEvent], None]
log = logging.getLogger(__name__)


class ProgressStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock: BaseFileLock | None = None  # created on the first write: filelock and TinyDB load lazily
        self._listeners: list[Listener] = []

    # --- subscribers ----------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with every event this store writes, once it is safely on disk
        (after the atomic replace and the lock). Returns a function that unsubscribes.
        A listener that raises is logged and skipped: the learner's save stands."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _publish(self, event: LearnerEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("listener %r failed on %s", listener, event.kind)

    # --- opening -----------------------------------------------------------------

    @classmethod
    def open_for(
        cls,
        folder: Path,
        name: str,
        *,
        cohort: str | None = None,
        lang: str = "da",
        course_id: str = "",
        content_version: int = 0,
    ) -> tuple[ProgressStore, OpenReport]:
        """The learner's store, created or brought up to date. Never overwrites a bad file."""
        folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        name = clean_name(name)
        cohort = clean_name(cohort) if cohort is not None else None
        store = cls(folder / progress_file_name(name))
        # A plain restart changes nothing and needs no lock (reads are atomic); anything
        # that writes is decided again under the lock.
        report = store._prepare(name, cohort, lang, course_id, content_version, locked=False)
        if report is None:
            with store._locked():
                report = store._prepare(name, cohort, lang, course_id, content_version, locked=True)
            assert report is not None  # only an unlocked _prepare returns None
        return store, report

    def _prepare(
        self, name: str, cohort: str | None, lang: str, course_id: str, content_version: int, locked: bool
    ) -> OpenReport | None:
        """Bring the file up to date. Without the lock, returns None if it would write."""
        backup, reason, migrated_from, migration_backup = None, "", None, None
        leftovers = leftover_temp_files(self.path)
        if leftovers:  # a writer was killed between writing and renaming its temp file
            if not locked:
                return None
            for leftover in leftovers:  # under the lock no writer of ours is half-way
                with suppress(OSError):
                    leftover.unlink()
        try:
            data = read_json_file(self.path)
            if data is not None:
                data, found = migrate(data, self.path)
                if found != SCHEMA_VERSION:
                    if not locked:
                        return None
                    migrated_from = found
                    migration_backup = self.path.with_name(f"{self.path.name}.v{found}-{_stamp()}.bak")
                    shutil.copy2(self.path, migration_backup)
        except UnreadableProgressFile as exc:
            if not locked:
                return None
            backup = self.path.with_name(f"{self.path.name}.damaged-{_stamp()}")
            os.replace(self.path, backup)
            data, reason = None, exc.reason
        created = data is None
        if data is None:
            data = {
                "meta": {
                    "1": {
                        "schema_version": SCHEMA_VERSION,
                        "course_id": course_id,
                        "content_version": content_version,
                        "created": now_iso(),
                        "app_version": __version__,
                    }
                },
                "profile": {"1": {"name": name, "cohort": cohort or "", "lang": lang, "created": now_iso()}},
                "events": {},
                "reflections": {},
                "reviews": {},
                "self_assessments": {},
                "phase_checks": {},
            }
            changed = True
        else:
            before = json.dumps(data, sort_keys=True)
            meta = next(iter(data["meta"].values()))
            meta.update(
                course_id=course_id or meta.get("course_id", ""),
                content_version=content_version or meta.get("content_version", 0),
                app_version=__version__,
            )
            profile = next(iter(data["profile"].values()), None) or {"name": name, "created": now_iso()}
            profile["lang"] = lang
            if cohort is not None:
                profile["cohort"] = cohort
            data["profile"] = {"1": profile}
            changed = migrated_from is not None or json.dumps(data, sort_keys=True) != before
        if changed:  # a plain restart writes nothing
            if not locked:
                return None
            write_json_atomically(self.path, data)
        return OpenReport(self.path, created, backup, reason, migrated_from, migration_backup)

    # --- reading -------------------------------------------------------------------

    def record(self) -> ProgressRecord:
        """The current state. Atomic replaces mean no lock is needed to read."""
        data = read_json_file(self.path)
        if data is None:
            raise UnreadableProgressFile(self.path, Unreadable.DISAPPEARED)
        return record_from_data(data, self.path)

    # --- writing -------------------------------------------------------------------

    def record_event(self, event: StoredEvent, *, at: datetime | None = None) -> StoredEvent:
        """Write one event and publish it; returns it as written (time set, and for an
        answer the attempt number, counted under the lock so two windows agree)."""
        with self._publishing() as out, self._db() as db:
            table = db.table("events", cache_size=0)
            if isinstance(event, AnswerGiven):
                from tinydb import Query

                entry = Query()
                earlier = table.count(
                    (entry.type == event.kind.value)
                    & (entry.lesson_id == event.lesson_id)
                    & (entry.scenario_id == event.scenario_id)
                )
                event = replace(event, attempt=earlier + 1)
            event = stamped(event, now_iso(at))
            table.insert(to_doc(event))
            out.append(event)
        return event

    def save_reflection(
        self,
        lesson_id: str,
        prompt_id: str,
        text: str,
        shared: bool | None = None,
        *,
        base_revision: int | None = None,
        seen_shared: bool | None = None,
        at: datetime | None = None,
    ) -> SavedReflection:
        """Create or update one reflection's text; never overwrites newer text.

        `base_revision` is the revision the caller last read (0: it saw none). If the text
        on disk changed since then, nothing is discarded: an empty text here keeps the
        other; otherwise both are kept (`merged`). None means "write as given" (tools).

        The share flag: `shared` sets it (tools; a new reflection is private unless it is
        exactly True; None keeps the flag on disk). `seen_shared` is for screens: the flag
        the learner sees where they typed. The reflection stays shared only if it is
        shared on disk AND the learner sees it shared, so text is never shared by a window
        that showed it as private, and a share switched off elsewhere stays off.
        """
        if shared is None and seen_shared is not None:
            shared = seen_shared
            seen_only = True
        else:
            seen_only = False
        with self._publishing() as out, self._db() as db:
            table = db.table("reflections", cache_size=0)
            current = self._find_reflection(table, lesson_id, prompt_id)
            if current is None:
                return self._insert_reflection(table, lesson_id, prompt_id, text, shared is True, at, out)
            on_disk = str(current.get("text", ""))
            revision = revision_of(current)
            merged = kept_other = False
            if base_revision is not None and base_revision != revision and on_disk != text:
                if not text.strip():
                    text, kept_other = on_disk, True
                elif on_disk.strip():
                    text, merged = on_disk + MERGE_SEPARATOR + text, True
            was_shared = current.get("shared") is True
            if shared is None:
                now_shared = was_shared
            elif seen_only:
                now_shared = was_shared and shared is True
            else:
                now_shared = shared is True
            if text == on_disk and now_shared == was_shared:
                return SavedReflection(on_disk, now_shared, revision, merged, kept_other)
            when = now_iso(at)
            if now_shared != was_shared:
                out.append(ReflectionShared(lesson_id, prompt_id, now_shared, when))
            if text == on_disk:  # only the flag changes
                table.update({"shared": now_shared, "updated": when}, doc_ids=[current.doc_id])
                return SavedReflection(text, now_shared, revision, merged, kept_other)
            doc = {"text": text, "shared": now_shared, "updated": when, "rev": revision + 1}
            table.update(doc, doc_ids=[current.doc_id])
            out.insert(0, ReflectionSaved(lesson_id, prompt_id, revision + 1, now_shared, merged, when))
            return SavedReflection(text, now_shared, revision + 1, merged, kept_other)

    # --- spaced review -----------------------------------------------------------------

    def add_review_card(self, lesson_id: str, scenario_id: str, card: dict[str, Any]) -> bool:
        """Start spaced review of a scenario with this scheduler state (kursus.review).
        A scenario already in review keeps its own; returns whether a card was added."""
        from tinydb import Query

        with self._db() as db:
            table = db.table("reviews", cache_size=0)
            entry = Query()
            if table.contains((entry.lesson_id == lesson_id) & (entry.scenario_id == scenario_id)):
                return False
            table.insert({"lesson_id": lesson_id, "scenario_id": scenario_id, "card": card})
            return True

    def record_review(
        self, event: ReviewAnswered, card: dict[str, Any], *, at: datetime | None = None
    ) -> ReviewAnswered:
        """Write a review answer and the scenario's new scheduler state in one write, then
        publish the event."""
        from tinydb import Query

        with self._publishing() as out, self._db() as db:
            written = stamped(event, now_iso(at))
            db.table("events", cache_size=0).insert(to_doc(written))
            table = db.table("reviews", cache_size=0)
            entry = Query()
            key = (entry.lesson_id == event.lesson_id) & (entry.scenario_id == event.scenario_id)
            if table.contains(key):
                table.update({"card": card}, key)
            else:
                table.insert({"lesson_id": event.lesson_id, "scenario_id": event.scenario_id, "card": card})
            out.append(written)
        return written

    def set_shared(
        self, lesson_id: str, prompt_id: str, shared: bool, *, at: datetime | None = None
    ) -> SavedReflection:
        """Switch sharing on or off for one reflection; the text on disk is not touched."""
        with self._publishing() as out, self._db() as db:
            table = db.table("reflections", cache_size=0)
            current = self._find_reflection(table, lesson_id, prompt_id)
            if current is None:
                return self._insert_reflection(table, lesson_id, prompt_id, "", shared is True, at, out)
            revision = revision_of(current)
            text = str(current.get("text", ""))
            if (current.get("shared") is True) == (shared is True):
                return SavedReflection(text, shared is True, revision)
            # The revision counts changes of the text only: a share switched elsewhere is
            # no reason to treat this window's next text save as a conflict.
            when = now_iso(at)
            table.update({"shared": shared is True, "updated": when}, doc_ids=[current.doc_id])
            out.append(ReflectionShared(lesson_id, prompt_id, shared is True, when))
            return SavedReflection(text, shared is True, revision)

    # --- competence self-assessment ----------------------------------------------------

    def save_self_assessment(
        self,
        occasion: Occasion,
        levels: dict[str, int],
        *,
        notes: dict[str, str] | None = None,
        next_steps: dict[str, str] | None = None,
        shared: bool | None = None,
        round_id: str | None = None,
        at: datetime | None = None,
    ) -> SelfAssessmentRound:
        """Start a new round (round_id None) or change one; returns it as on disk.

        `levels` (competence id -> 1..5) may be incomplete. `notes`/`next_steps` map a
        competence id to the learner's text; empty texts are dropped; None keeps what a
        changed round has. A new round is private unless `shared` is exactly True; for a
        changed round None keeps the flag. Atomic and locked; SelfAssessmentSaved (and
        SelfAssessmentShared when the flag moved) are published after the write.
        """
        clean_levels = _checked_levels(levels)
        with self._publishing() as out, self._db() as db:
            table = db.table("self_assessments", cache_size=0)
            when = now_iso(at)
            if round_id is None:
                doc: dict[str, Any] = {
                    "id": _new_id(),
                    "taken_at": when,
                    "occasion": Occasion(occasion).value,
                    "levels": clean_levels,
                    "notes": _kept_texts(notes),
                    "next_steps": _kept_texts(next_steps),
                    "shared": shared is True,
                    "updated": when,
                }
                table.insert(doc)
                was_shared = False
            else:
                current = self._find_by_id(table, round_id)
                was_shared = current.get("shared") is True
                doc = {
                    **current,
                    "occasion": Occasion(occasion).value,
                    "levels": clean_levels,
                    "shared": was_shared if shared is None else shared is True,
                    "updated": when,
                }
                if notes is not None:
                    doc["notes"] = _kept_texts(notes)
                if next_steps is not None:
                    doc["next_steps"] = _kept_texts(next_steps)
                table.update(doc, doc_ids=[current.doc_id])
            saved = record_round(doc)
            out.append(SelfAssessmentSaved(saved.id, saved.occasion, saved.shared, when))
            if saved.shared != was_shared:
                out.append(SelfAssessmentShared(saved.id, saved.shared, when))
            return saved

    def set_self_assessment_shared(
        self, round_id: str, shared: bool, *, at: datetime | None = None
    ) -> SelfAssessmentRound:
        """Share a round with the trainer, or stop sharing it. Raises UnknownEntry."""
        with self._publishing() as out, self._db() as db:
            table = db.table("self_assessments", cache_size=0)
            current = self._find_by_id(table, round_id)
            if (current.get("shared") is True) == (shared is True):
                return record_round(dict(current))
            when = now_iso(at)
            table.update({"shared": shared is True, "updated": when}, doc_ids=[current.doc_id])
            out.append(SelfAssessmentShared(round_id, shared is True, when))
            return record_round({**current, "shared": shared is True, "updated": when})

    # --- phase checks ----------------------------------------------------------------

    def save_phase_check(
        self,
        network: str,
        answers: dict[str, str],
        phases: tuple[int, ...],
        *,
        unfinished: tuple[int, ...] = (),
        confidence: str = "",
        shared: bool = False,
        at: datetime | None = None,
    ) -> PhaseCheck:
        """Keep one check of a network (every check is kept: the network's history).

        `network` is cleaned (clean_network_name); an empty name raises ValueError.
        `answers` maps question id -> option id; `phases`, `unfinished` and `confidence`
        are the finder's result (kursus.assessment.locate). Private unless `shared` is
        exactly True. PhaseChecked is published after the write."""
        name = clean_network_name(network)
        if not name:
            raise ValueError("a phase check needs the network's name")
        with self._publishing() as out, self._db() as db:
            when = now_iso(at)
            doc = {
                "id": _new_id(),
                "network": name,
                "checked_at": when,
                "answers": {str(q): str(o) for q, o in answers.items()},
                "phases": [int(p) for p in phases],
                "unfinished": [int(p) for p in unfinished],
                "confidence": str(confidence),
                "shared": shared is True,
            }
            db.table("phase_checks", cache_size=0).insert(doc)
            check = record_check(doc)
            out.append(PhaseChecked(check.id, check.phases, check.shared, when))
            return check

    def set_phase_check_shared(self, check_id: str, shared: bool, *, at: datetime | None = None) -> PhaseCheck:
        """Share a check with the trainer, or stop sharing it. Raises UnknownEntry."""
        with self._publishing() as out, self._db() as db:
            table = db.table("phase_checks", cache_size=0)
            current = self._find_by_id(table, check_id)
            if (current.get("shared") is True) != (shared is True):
                table.update({"shared": shared is True}, doc_ids=[current.doc_id])
                out.append(PhaseCheckShared(check_id, shared is True, now_iso(at)))
            return record_check({**current, "shared": shared is True})

    @staticmethod
    def _find_by_id(table: Any, entry_id: str) -> Any:
        from tinydb import Query

        found = table.get(Query().id == entry_id) if entry_id else None
        if found is None:
            raise UnknownEntry(entry_id)
        return found

    @staticmethod
    def _insert_reflection(
        table: Any,
        lesson_id: str,
        prompt_id: str,
        text: str,
        shared: bool,
        at: datetime | None,
        out: list[LearnerEvent],
    ) -> SavedReflection:
        when = now_iso(at)
        table.insert(
            {"lesson_id": lesson_id, "prompt_id": prompt_id, "text": text, "shared": shared, "updated": when, "rev": 1}
        )
        out.append(ReflectionSaved(lesson_id, prompt_id, 1, shared, False, when))
        if shared:
            out.append(ReflectionShared(lesson_id, prompt_id, True, when))
        return SavedReflection(text, shared, 1)

    @staticmethod
    def _find_reflection(table: Any, lesson_id: str, prompt_id: str) -> Any:
        from tinydb import Query

        entry = Query()
        return table.get((entry.lesson_id == lesson_id) & (entry.prompt_id == prompt_id))

    def append_history(self, events: list[dict[str, Any]], reflections: list[dict[str, Any]]) -> None:
        """Append many events and new reflections in one locked, atomic write.

        For generated histories (the demo cohort, benchmarks): the items are stored as
        given, so they must have the fields `record_event` and `save_reflection` write
        (`events.to_doc`). Nothing is published: these are not a learner's actions now.
        """
        with self._db() as db:
            if events:
                db.table("events", cache_size=0).insert_multiple(events)
            if reflections:
                db.table("reflections", cache_size=0).insert_multiple(reflections)

    def update_profile(self, **fields: Any) -> None:
        with self._db() as db:
            table = db.table("profile", cache_size=0)
            table.update(fields, doc_ids=[1]) if table.contains(doc_id=1) else table.insert(fields)

    # --- plumbing ------------------------------------------------------------------

    @contextmanager
    def _publishing(self) -> Iterator[list[LearnerEvent]]:
        """Collect the events of one write; publish them once the write is done (entered
        before `_db`, so it leaves after the file is replaced and the lock released).
        Nothing is published if the write failed."""
        events: list[LearnerEvent] = []
        yield events
        for event in events:
            self._publish(event)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(f"{self.path}.lock", timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
        try:
            with self._lock:
                yield
        except Timeout:
            raise ProgressLocked(f"{self.path} is locked by another program") from None

    @contextmanager
    def _db(self) -> Iterator[TinyDB]:
        from tinydb import TinyDB

        from kursus.tracking.tinydb_storage import AtomicJSONStorage

        with self._locked():
            if read_json_file(self.path) is None:
                # Never silently start over: a vanished file is an error the UI reports.
                raise UnreadableProgressFile(self.path, Unreadable.DISAPPEARED)
            yield TinyDB(self.path, storage=AtomicJSONStorage)
