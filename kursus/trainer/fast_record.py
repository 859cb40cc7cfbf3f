"""The trainer report's fast reading of progress files: the same rules as
`ProgressRecord`, in passes that run in C (map, compress, one text check), from JSON
parsed by orjson.

A report reads thousands of files (bench/report.py: the target is at most the time of a
plain `json.load` of them, in process), and per-event Python loops in the plain record
would dominate. Everything here must give exactly what the plain record gives; the
property tests in tests/unit/test_fast_record.py check that on random event histories
and on the bytes of files (orjson against json, damaged files included).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cached_property
from itertools import compress, repeat
from operator import eq
from pathlib import Path
from typing import Any

from kursus.safefile import FileTooLarge, NotARegularFile, read_regular_file
from kursus.tracking.record import ProgressRecord, latest_time
from kursus.tracking.schema import SCHEMA_VERSION, migrate
from kursus.tracking.storage import MAX_PROGRESS_BYTES, Unreadable, UnreadableProgressFile, read_json_file
from kursus.vocabulary import EventKind, LessonStatus

try:  # a well-kept C parser, three times json's speed; without it, json (the same result)
    import orjson
except ImportError:  # pragma: no cover - a dependency, but the report works without it
    orjson = None  # type: ignore[assignment]

# orjson reads integers beyond 64 bits as floats (json keeps them exact), so a file with
# 19 digits in a row anywhere is read by json: rare, and then exactly as before. Found by
# turning every digit into "0" and everything else into a space (bytes.translate and a
# substring search run in C; a regex would try each digit as a start).
_DIGITS_ONLY = bytes(ord("0") if chr(byte).isdigit() and byte < 128 else ord(" ") for byte in range(256))
_LONG_NUMBER = b"0" * 19


_ANSWER = EventKind.ANSWER.value
_FINISHED = EventKind.LESSON_FINISHED.value
_REVIEW = EventKind.REVIEW_ANSWERED.value
_DONE, _GOING, _FRESH = LessonStatus.DONE, LessonStatus.IN_PROGRESS, LessonStatus.NOT_STARTED


class FastRecord(ProgressRecord):
    """A ProgressRecord whose derived views are computed the fast way: all of them at
    once (`derive`, which `read_fast_record` calls), in a few passes over the events
    that run in C, and kept as plain attributes."""

    def derive(self) -> FastRecord:
        """Work out every derived view now; later reads are plain attribute look-ups."""
        events = self.events
        get = dict.get
        # One pass per field (None for a missing one): on this scale three C-level map
        # passes beat a single pass that builds a tuple per event.
        kinds, lesson_ids, times = (list(map(get, events, repeat(key))) for key in ("type", "lesson_id", "time"))
        # operator.eq, not str.__eq__: that returns NotImplemented (truthy) for a type
        # that is not text, and a damaged event `"type": null` would count as every kind.
        answered = list(map(eq, repeat(_ANSWER), kinds))
        answers = list(compress(events, answered))
        first: dict[tuple[Any, Any], dict[str, Any]] = {}
        if answers:
            keys = zip(compress(lesson_ids, answered), map(get, answers, repeat("scenario_id")))
            list(map(first.setdefault, keys, answers))  # setdefault keeps the earliest
        times += map(get, self.reflection_docs, repeat("updated"))
        self.__dict__.update(
            _event_kinds=kinds,
            touched_lessons=_texts(set(lesson_ids)),
            finished_lessons=_texts(set(compress(lesson_ids, map(eq, repeat(_FINISHED), kinds)))),
            first_answers=first,
            # count compares with ==, as the plain record's `event.get("type") == kind`
            reviews_answered=kinds.count(_REVIEW),
            last_activity=fast_latest_time(times),
        )
        return self

    def _derived(self, name: str) -> Any:
        if name not in self.__dict__:
            self.derive()
        return self.__dict__[name]

    @property
    def _kinds(self) -> Sequence[Any]:
        return self._derived("_event_kinds")

    def _of_kind(self, kind: EventKind) -> list[dict[str, Any]]:
        return list(compress(self.events, map(eq, repeat(kind.value), self._kinds)))

    # Non-data descriptors: once `derive` has run, the instance's own values are read.
    @cached_property
    def touched_lessons(self) -> frozenset[str]:
        return self._derived("touched_lessons")

    @cached_property
    def finished_lessons(self) -> frozenset[str]:
        return self._derived("finished_lessons")

    @cached_property
    def first_answers(self) -> dict[tuple[Any, Any], dict[str, Any]]:
        return self._derived("first_answers")

    @cached_property
    def reviews_answered(self) -> int:
        return self._derived("reviews_answered")

    @cached_property
    def last_activity(self) -> datetime | None:
        return self._derived("last_activity")

    def lesson_statuses(self, lesson_ids: Any) -> dict[str, str]:
        finished, touched = self.finished_lessons, self.touched_lessons
        return {lid: _DONE if lid in finished else _GOING if lid in touched else _FRESH for lid in lesson_ids}


def _texts(values: set[Any]) -> frozenset[str]:
    """The text values (usually all of them: one type check for the set, no loop)."""
    kinds = set(map(type, values))
    if kinds == {str} or not kinds:
        return frozenset(values)
    return frozenset(value for value in values if isinstance(value, str))


def read_fast_record(path: Path) -> FastRecord:
    """Read a progress file without locking or writing it (migrations in memory only)."""
    data = read_fast_json(path)
    if data is None:
        raise UnreadableProgressFile(path, Unreadable.EMPTY)
    return fast_record_from_data(data, path)


def fast_record_from_data(data: dict[str, Any], path: Path) -> FastRecord:
    """As `read_fast_record`, from a progress file's parsed JSON (a report built in
    memory, kursus.xapi.lrs_source); `path` only names it."""
    data, found = migrate(data, path)
    meta: dict[str, Any] = next(iter(data["meta"].values()), {})
    profile: object = next(iter(data["profile"].values()), {}) if data["profile"] else {}
    if not isinstance(profile, dict):
        raise UnreadableProgressFile(path, Unreadable.PROFILE_DAMAGED)
    return FastRecord(
        path,
        meta,
        profile,
        fast_docs_in_order(data["events"]),
        fast_docs_in_order(data["reflections"]),
        migrated_from=found if found != SCHEMA_VERSION else None,
        self_assessment_docs=fast_docs_in_order(data["self_assessments"]),
        phase_check_docs=fast_docs_in_order(data["phase_checks"]),
    ).derive()


def read_fast_json(path: Path) -> dict[str, Any] | None:
    """As `storage.read_json_file`, parsed by orjson. Whatever orjson refuses or might
    read differently (not JSON, not UTF-8, NaN, lone surrogates, 19-digit numbers) is
    read again by `read_json_file`, so every result and every reason is the plain one."""
    if orjson is None:  # pragma: no cover
        return read_json_file(path)
    try:
        raw = read_regular_file(path, MAX_PROGRESS_BYTES, "progress file")
    except FileNotFoundError:
        return None
    except (NotARegularFile, FileTooLarge):
        return read_json_file(path)  # the same checks, with the plain reasons
    if not raw.strip():
        return None
    if _LONG_NUMBER in raw.translate(_DIGITS_ONLY):
        return read_json_file(path)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return read_json_file(path)
    if not isinstance(data, dict):
        raise UnreadableProgressFile(path, Unreadable.NOT_OBJECT)
    return data


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
