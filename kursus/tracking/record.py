"""One learner's progress as plain data, and what follows from it.

Shared by the learner app (through ProgressStore) and the trainer tools (read-only), so
"done", "score" and "last activity" mean the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any, Iterable

from kursus.tracking.schema import SCHEMA_VERSION, migrate
from kursus.tracking.storage import UnreadableProgressFile, read_json_file


class LessonStatus(str, Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class Reflection:
    lesson_id: str
    prompt_id: str
    text: str
    shared: bool
    updated: str


@dataclass(frozen=True)
class ScenarioResult:
    lesson_id: str
    scenario_id: str
    first_choice: str
    first_score: float
    attempts: int
    last_choice: str
    last_score: float


@dataclass
class ProgressRecord:
    path: Path | None
    meta: dict[str, Any]
    profile: dict[str, Any]
    events: list[dict[str, Any]]
    reflections: list[Reflection]
    migrated_from: int | None = None
    _lessons: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return str(self.profile.get("name", ""))

    @property
    def cohort(self) -> str:
        return str(self.profile.get("cohort", "") or "")

    @property
    def lang(self) -> str:
        return str(self.profile.get("lang", "da"))

    @property
    def last_activity(self) -> datetime | None:
        times = [_parse_time(e.get("time")) for e in self.events]
        times += [_parse_time(r.updated) for r in self.reflections]
        known = [t for t in times if t is not None]
        return max(known) if known else None

    def lesson_status(self, lesson_id: str) -> LessonStatus:
        seen = self._lesson_events().get(lesson_id)
        if not seen:
            return LessonStatus.NOT_STARTED
        return LessonStatus.DONE if seen.get("finished") else LessonStatus.IN_PROGRESS

    def last_page(self, lesson_id: str) -> int:
        return int(self._lesson_events().get(lesson_id, {}).get("page", 0))

    def scenario_results(self, lesson_id: str | None = None) -> dict[tuple[str, str], ScenarioResult]:
        results: dict[tuple[str, str], ScenarioResult] = {}
        for event in self.events:
            if event.get("type") != "answer":
                continue
            if lesson_id is not None and event.get("lesson_id") != lesson_id:
                continue
            key = (str(event.get("lesson_id", "")), str(event.get("scenario_id", "")))
            choice, score = str(event.get("choice_id", "")), _score(event.get("score"))
            before = results.get(key)
            if before is None:
                results[key] = ScenarioResult(key[0], key[1], choice, score, 1, choice, score)
            else:
                results[key] = ScenarioResult(key[0], key[1], before.first_choice, before.first_score, before.attempts + 1, choice, score)
        return results

    def reflection(self, lesson_id: str, prompt_id: str) -> Reflection | None:
        return next((r for r in self.reflections if r.lesson_id == lesson_id and r.prompt_id == prompt_id), None)

    def _lesson_events(self) -> dict[str, dict[str, Any]]:
        if not self._lessons:
            for event in self.events:
                lesson_id = event.get("lesson_id")
                if not isinstance(lesson_id, str):
                    continue
                state = self._lessons.setdefault(lesson_id, {})
                kind = event.get("type")
                if kind == "lesson_finished":
                    state["finished"] = True
                elif kind == "page_viewed" and isinstance(event.get("page"), int):
                    state["page"] = event["page"]
                state.setdefault("opened", True)
        return self._lessons


def record_from_data(data: dict[str, Any], path: Path | None) -> ProgressRecord:
    """A record from a file's parsed JSON (migrated in memory; nothing is written)."""
    data, found = migrate(data, path)
    meta = next(iter(data["meta"].values()), {})
    profile = next(iter(data["profile"].values()), {}) if data["profile"] else {}
    if not isinstance(profile, dict):
        raise UnreadableProgressFile(path, "the profile is damaged")  # type: ignore[arg-type]
    events = [doc for _, doc in sorted(data["events"].items(), key=_doc_order) if isinstance(doc, dict)]
    reflections = [
        Reflection(
            lesson_id=str(doc.get("lesson_id", "")),
            prompt_id=str(doc.get("prompt_id", "")),
            text=str(doc.get("text", "")),
            shared=doc.get("shared") is True,
            updated=str(doc.get("updated", "")),
        )
        for _, doc in sorted(data["reflections"].items(), key=_doc_order)
        if isinstance(doc, dict)
    ]
    return ProgressRecord(path, meta, profile, events, reflections, migrated_from=found if found != SCHEMA_VERSION else None)


def read_record(path: Path) -> ProgressRecord:
    """Read a progress file without locking or writing it (the trainer's way in)."""
    data = read_json_file(path)
    if data is None:
        raise UnreadableProgressFile(path, "empty file")
    return record_from_data(data, path)


def overall_done(record: ProgressRecord, lesson_ids: Iterable[str]) -> int:
    return sum(1 for lid in lesson_ids if record.lesson_status(lid) is LessonStatus.DONE)


def _doc_order(item: tuple[str, Any]) -> int:
    try:
        return int(item[0])
    except ValueError:
        return 0


def _score(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed
