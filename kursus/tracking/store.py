"""One learner's progress file: open, append, save, all under a lock.

Every change is a read-modify-write of the whole (small) file under a cross-process file
lock, written atomically, with TinyDB opened per operation and its query cache off.
Two copies of the app on the same learner therefore never lose each other's answers:
answers are appended events, and each append re-reads the file first.
"""

from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from kursus import __version__
from kursus.tracking.names import clean_name, progress_file_name
from kursus.tracking.record import ProgressRecord, record_from_data
from kursus.tracking.schema import SCHEMA_VERSION, migrate
from kursus.tracking.storage import UnreadableProgressFile, read_json_file, write_json_atomically

if TYPE_CHECKING:
    from tinydb import TinyDB

LOCK_TIMEOUT_SECONDS = 10
FOLDER_MODE = 0o700


class ProgressLocked(Exception):
    """Another program held the learner's file for too long."""


@dataclass(frozen=True)
class OpenReport:
    """What happened when the file was opened, for the learner to be told."""

    path: Path
    created: bool = False
    backup: Path | None = None  # an unreadable file that was moved aside
    backup_reason: str = ""
    migrated_from: int | None = None
    migration_backup: Path | None = None


def now_iso(at: datetime | None = None) -> str:
    """UTC time as ISO 8601; `at` lets tools (demo cohort, benchmarks) write past times."""
    return (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


class ProgressStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = None  # created on the first write: filelock and TinyDB load lazily

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
    ) -> tuple["ProgressStore", OpenReport]:
        """The learner's store, created or brought up to date. Never overwrites a bad file."""
        folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        name = clean_name(name)
        store = cls(folder / progress_file_name(name))
        # A plain restart changes nothing and needs no lock (reads are atomic); anything
        # that writes is decided again under the lock.
        report = store._prepare(name, cohort, lang, course_id, content_version, locked=False)
        if report is None:
            with store._locked():
                report = store._prepare(name, cohort, lang, course_id, content_version, locked=True)
        return store, report

    def _prepare(
        self, name: str, cohort: str | None, lang: str, course_id: str, content_version: int, locked: bool
    ) -> OpenReport | None:
        """Bring the file up to date. Without the lock, returns None if it would write."""
        backup, reason, migrated_from, migration_backup = None, "", None, None
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
                "meta": {"1": {"schema_version": SCHEMA_VERSION, "course_id": course_id, "content_version": content_version, "created": now_iso(), "app_version": __version__}},
                "profile": {"1": {"name": name, "cohort": cohort or "", "lang": lang, "created": now_iso()}},
                "events": {},
                "reflections": {},
            }
            changed = True
        else:
            before = json.dumps(data, sort_keys=True)
            meta = next(iter(data["meta"].values()))
            meta.update(course_id=course_id or meta.get("course_id", ""), content_version=content_version or meta.get("content_version", 0), app_version=__version__)
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
            raise UnreadableProgressFile(self.path, "the file has disappeared")
        return record_from_data(data, self.path)

    # --- writing -------------------------------------------------------------------

    def add_event(self, kind: str, lesson_id: str, *, at: datetime | None = None, **fields: Any) -> None:
        event = {"type": kind, "lesson_id": lesson_id, **fields, "time": now_iso(at)}
        with self._db() as db:
            db.table("events", cache_size=0).insert(event)

    def save_reflection(
        self, lesson_id: str, prompt_id: str, text: str, shared: bool | None = None, *, at: datetime | None = None
    ) -> None:
        """Create or update one reflection. `shared=None` keeps the current flag."""
        from tinydb import Query

        entry = Query()
        match = (entry.lesson_id == lesson_id) & (entry.prompt_id == prompt_id)
        with self._db() as db:
            table = db.table("reflections", cache_size=0)
            current = table.get(match)
            doc = {"lesson_id": lesson_id, "prompt_id": prompt_id, "text": text, "updated": now_iso(at)}
            if current is None:
                doc["shared"] = bool(shared)
                table.insert(doc)
            else:
                doc["shared"] = bool(current.get("shared", False)) if shared is None else shared
                table.update(doc, doc_ids=[current.doc_id])

    def append_history(self, events: list[dict[str, Any]], reflections: list[dict[str, Any]]) -> None:
        """Append many events and new reflections in one locked, atomic write.

        For generated histories (the demo cohort, benchmarks): the items are stored as
        given, so they must have the fields `add_event` and `save_reflection` write.
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
    def _db(self) -> Iterator["TinyDB"]:
        from tinydb import TinyDB

        from kursus.tracking.tinydb_storage import AtomicJSONStorage

        with self._locked():
            if read_json_file(self.path) is None:
                # Never silently start over: a vanished file is an error the UI reports.
                raise UnreadableProgressFile(self.path, "the file has disappeared")
            yield TinyDB(self.path, storage=AtomicJSONStorage)
