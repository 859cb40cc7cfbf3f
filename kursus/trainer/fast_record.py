"""The trainer report's fast reading of progress files: the same rules as
`ProgressRecord`, in passes that run in C (map, compress, one text check).

A report reads a thousand files (bench/report.py: the target is at most 2x a plain
`json.load` of them), and per-event Python loops in the plain record would dominate.
Everything here must give exactly what the plain record gives; the property test
tests/unit/test_fast_record.py checks that on random event histories.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from itertools import compress, repeat
from operator import eq
from pathlib import Path
from typing import Any

from kursus.tracking.record import ProgressRecord, latest_time
from kursus.tracking.schema import SCHEMA_VERSION, migrate
from kursus.tracking.storage import UnreadableProgressFile, read_json_file
from kursus.vocabulary import EventKind, LessonStatus


class FastRecord(ProgressRecord):
    """A ProgressRecord whose derived views are computed the fast way."""

    @cached_property
    def _kinds(self) -> list[Any]:
        return list(map(dict.get, self.events, repeat("type")))

    def _of_kind(self, kind: EventKind) -> list[dict[str, Any]]:
        # operator.eq, not str.__eq__: that returns NotImplemented (truthy) for a type
        # that is not text, and a damaged event `"type": null` would count as every kind.
        return list(compress(self.events, map(eq, repeat(kind.value), self._kinds)))

    @cached_property
    def touched_lessons(self) -> frozenset[str]:
        lessons = set(map(dict.get, self.events, repeat("lesson_id")))
        return frozenset(lesson for lesson in lessons if isinstance(lesson, str))

    @cached_property
    def finished_lessons(self) -> frozenset[str]:
        finished = set(map(dict.get, self._of_kind(EventKind.LESSON_FINISHED), repeat("lesson_id")))
        return frozenset(lesson for lesson in finished if isinstance(lesson, str))

    @cached_property
    def first_answers(self) -> dict[tuple[Any, Any], dict[str, Any]]:
        answers = self._of_kind(EventKind.ANSWER)
        keys = zip(map(dict.get, answers, repeat("lesson_id")), map(dict.get, answers, repeat("scenario_id")))
        first: dict[tuple[Any, Any], dict[str, Any]] = {}
        list(map(first.setdefault, keys, answers))  # setdefault keeps the earliest
        return first

    @cached_property
    def last_activity(self) -> datetime | None:
        times = list(map(dict.get, self.events, repeat("time")))
        times += map(dict.get, self.reflection_docs, repeat("updated"))
        return fast_latest_time(times)

    def lesson_statuses(self, lesson_ids: Any) -> dict[str, str]:
        finished, touched = self.finished_lessons, self.touched_lessons
        done, going, fresh = LessonStatus.DONE, LessonStatus.IN_PROGRESS, LessonStatus.NOT_STARTED
        return {lid: done if lid in finished else going if lid in touched else fresh for lid in lesson_ids}


def read_fast_record(path: Path) -> FastRecord:
    """Read a progress file without locking or writing it (migrations in memory only)."""
    data = read_json_file(path)
    if data is None:
        raise UnreadableProgressFile(path, "empty file")
    data, found = migrate(data, path)
    meta: dict[str, Any] = next(iter(data["meta"].values()), {})
    profile: object = next(iter(data["profile"].values()), {}) if data["profile"] else {}
    if not isinstance(profile, dict):
        raise UnreadableProgressFile(path, "the profile is damaged")
    return FastRecord(
        path,
        meta,
        profile,
        fast_docs_in_order(data["events"]),
        fast_docs_in_order(data["reflections"]),
        migrated_from=found if found != SCHEMA_VERSION else None,
    )


_ID_TEXTS: list[str] = []  # "1", "2", ...: the doc ids TinyDB writes, in order


def fast_docs_in_order(table: dict[str, Any]) -> list[dict[str, Any]]:
    """As `docs_in_order`. TinyDB writes ids "1", "2", ... in order, so the usual case is
    one list comparison and no sort."""
    count = len(table)
    if len(_ID_TEXTS) < count:
        _ID_TEXTS.extend(map(str, range(len(_ID_TEXTS) + 1, count + 1)))
    if list(table) == _ID_TEXTS[:count]:
        docs = list(table.values())
        if set(map(type, docs)) <= {dict}:  # nothing to drop, no per-item check
            return docs
    from kursus.tracking.record import docs_in_order

    return docs_in_order(table)


_CANONICAL = "2026-01-01T00:00:00+00:00"  # the shape the store writes: UTC, whole seconds
_SEPARATORS = tuple((i, _CANONICAL[i]) for i in (4, 7, 10, 13, 16, 19, 20, 21, 22, 23, 24))


def fast_latest_time(values: list[Any]) -> datetime | None:
    """As `latest_time`. Times in the store's own shape sort as text in time order, so
    when every value has that shape only the latest is parsed."""
    if _all_canonical(values):
        try:
            return datetime.fromisoformat(max(values))
        except ValueError:
            pass  # a non-digit where a digit belongs: parse one by one
    return latest_time(values)


def _all_canonical(values: list[Any]) -> bool:
    """Every value is text shaped like `_CANONICAL` (separators checked, digits not)."""
    try:
        joined = "".join(values)
    except TypeError:  # a missing or non-text time somewhere
        return False
    count, width = len(values), len(_CANONICAL)
    if not count or len(joined) != count * width:
        return False
    return all(joined[index::width] == char * count for index, char in _SEPARATORS)
