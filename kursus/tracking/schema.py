"""The progress file's schema version and the migrations that bring old files forward.

Version history:
  1  first draft format: answers in their own `answers` table; reflections had no
     share flag (they were never shown to trainers).
  2  answers are events in the append-only `events` log; reflections carry `shared`.
  3  a `reviews` table: the spaced-review state (an fsrs card) of each scenario missed
     at the first try; review answers are `review_answered` events.
  4  `self_assessments` (rounds of the competence self-assessment) and `phase_checks`
     (phase-finder checks of the learner's networks), both private unless `shared`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kursus.tracking.storage import Unreadable, UnreadableProgressFile

SCHEMA_VERSION = 4
TABLES = ("meta", "profile", "events", "reflections", "reviews", "self_assessments", "phase_checks")


def schema_version_of(data: dict[str, Any], path: Path) -> int:  # path: for messages
    meta_table = data.get("meta")
    if not isinstance(meta_table, dict) or not meta_table:
        raise UnreadableProgressFile(path, Unreadable.NO_META)
    meta = next(iter(meta_table.values()))
    version = meta.get("schema_version") if isinstance(meta, dict) else None
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UnreadableProgressFile(path, Unreadable.NO_SCHEMA)
    if version > SCHEMA_VERSION:
        raise UnreadableProgressFile(path, Unreadable.NEWER, version=version, supported=SCHEMA_VERSION)
    for table in TABLES:
        if not isinstance(data.get(table, {}), dict):
            raise UnreadableProgressFile(path, Unreadable.TABLE_DAMAGED, table=table)
    if not all(isinstance(doc, dict) for doc in data.get("profile", {}).values()):
        raise UnreadableProgressFile(path, Unreadable.PROFILE_DAMAGED)  # moved aside by the store
    return version


def migrate(data: dict[str, Any], path: Path) -> tuple[dict[str, Any], int]:
    """Bring `data` to SCHEMA_VERSION. Returns the migrated data and the version it had."""
    found = schema_version_of(data, path)
    version = found
    while version < SCHEMA_VERSION:
        data = _MIGRATIONS[version](data)
        version += 1
    for table in TABLES:
        data.setdefault(table, {})
    return data, found


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    events = dict(data.get("events", {}))
    next_id = max((int(k) for k in events), default=0) + 1
    attempts: dict[tuple[str, str], int] = {}
    answers = data.pop("answers", {})
    for _, answer in sorted(answers.items(), key=lambda item: int(item[0])):
        key = (answer.get("lesson_id", ""), answer.get("scenario_id", ""))
        attempts[key] = attempts.get(key, 0) + 1
        events[str(next_id)] = {
            "type": "answer",
            "lesson_id": key[0],
            "scenario_id": key[1],
            "choice_id": answer.get("choice_id", ""),
            "score": answer.get("score", 0.0),
            "attempt": attempts[key],
            "time": answer.get("time", ""),
        }
        next_id += 1
    data["events"] = events
    data["reflections"] = {
        # Only a JSON true shares: "false", "no", 1 or a missing flag stay private.
        doc_id: {**doc, "shared": doc.get("shared") is True}
        for doc_id, doc in data.get("reflections", {}).items()
    }
    meta = dict(next(iter(data["meta"].values())))
    meta["schema_version"] = 2
    data["meta"] = {"1": meta}
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data["reviews"] = {}  # nothing missed before is scheduled: the loop starts with the next miss
    meta = dict(next(iter(data["meta"].values())))
    meta["schema_version"] = 3
    data["meta"] = {"1": meta}
    return data


def _v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data["self_assessments"] = {}  # nothing was assessed or checked before: both start empty
    data["phase_checks"] = {}
    meta = dict(next(iter(data["meta"].values())))
    meta["schema_version"] = 4
    data["meta"] = {"1": meta}
    return data


_MIGRATIONS = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}
