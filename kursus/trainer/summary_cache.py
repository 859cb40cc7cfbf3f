"""The report's memory of learner files it has already summed up.

A trainer runs the report, the dashboard and their exports over the same folder again
and again, and between two runs most learners' files have not changed. The summary of
an unchanged file is taken from here instead of reading and parsing the file again
(bench/report.py: "again" rows). Nothing else is kept: a summary holds only what the
report shows (the text of *shared* reflections, never a private one: kursus.summary).

When an entry is used. Each entry carries the file's identity and change stamps at the
time it was read: device, inode, size, modification time and status-change time (the
last cannot be set back by a program, so a file edited and then given its old
modification time is read again). A file changed less than `SETTLE_SECONDS` before the
report started is read but not remembered: two writes within one tick of the file
system's clock could otherwise leave the same stamps. The whole cache is dropped when
the course (lessons, scenarios, choices, version), the kursus version, Python's version
or this reading code changes.

Where it lives. In the trainer's own cache folder (platformdirs, as the parsed-course
cache), one file per progress folder, readable by its owner only; never in the progress
folder, which learners may write to. A cache file that is not the trainer's own, is
writable by others, or cannot be read is ignored and written again. `--no-cache` on
`kursus report` and `kursus trainer` neither reads nor writes it.

The file is written with `marshal` (plain tuples, lists, dicts, text and numbers: the
fastest reader Python has), so a summary is packed into plain values here and unpacked
again; `tests/unit/test_summary_cache.py` checks that every field survives.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import time
from array import array
from contextlib import suppress
from dataclasses import fields
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

from kursus import __version__
from kursus.summary import (
    CourseIndex,
    LearnerSummary,
    Note,
    SharedCheck,
    SharedReflection,
    SharedRound,
    learner_status,
)
from kursus.vocabulary import LearnerStatus, LessonStatus

CACHE_FORMAT = 1  # raise when the packed layout below changes
SETTLE_SECONDS = 10.0  # two writes in one clock tick; and some skew of a network drive's clock
KEEP_FOLDERS = 16  # cache files for this many progress folders; the least recently used go
KEEP_DAYS = 30  # and none older than this (a renamed or deleted folder's summaries go too)
# The reading rules a summary depends on (a developer's checkout: an edit drops the cache)
_CODE = ("summary.py", "safefile.py", "vocabulary.py", "trainer/fast_record.py", "trainer/summary_cache.py")
_CODE_FOLDERS = ("tracking",)

# The fields packed, in order: every field of LearnerSummary but the two that depend on
# where the folder was given (path, relative) and the one that depends on the day (status
# is worked out again; the packed value says only whether the learner had started).
_PACKED = tuple(f.name for f in fields(LearnerSummary))[2:]
if tuple(f.name for f in fields(LearnerSummary))[:2] != ("path", "relative"):  # pragma: no cover
    raise ImportError("LearnerSummary must begin with path and relative (_Codec.unpack)")
_LESSON_STATUS = {member.value: member for member in LessonStatus}

Stamp = tuple[int, int, int, int, int]


def stamp_of(info: os.stat_result) -> Stamp | None:
    """The identity and change stamps of a regular file; None for anything else."""
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def default_root() -> Path:
    from kursus.content.cache import cache_dir

    return cache_dir() / "reports"


class SummaryCache:
    """The summaries remembered for one progress folder, and the ones to remember next."""

    def __init__(self, file: Path, index: CourseIndex, fingerprint: str, entries: dict[str, tuple[Any, ...]]) -> None:
        self.file = file
        self.codec = _Codec(index)
        self.fingerprint = fingerprint
        self._old = entries
        self._new: dict[str, tuple[Any, ...]] = {}
        self._changed = False
        self._settled_before = int((time.time() - SETTLE_SECONDS) * 1e9)

    @classmethod
    def open(cls, folder: Path, index: CourseIndex, root: Path | None = None) -> SummaryCache:
        """The cache for `folder` (empty when there is none, or it does not fit)."""
        file = (root or default_root()) / _file_name(folder)
        fingerprint = _fingerprint(index)  # the folder is in the file's name
        return cls(file, index, fingerprint, _load(file, fingerprint))

    def lookup(
        self, relative: str, stamp: Stamp, path: Path, now: datetime, stalled_days: int
    ) -> LearnerSummary | None:
        """The remembered summary of an unchanged file, for today; None if there is none."""
        entry = self._old.get(relative)
        if not (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp):
            return None
        try:
            summary = self.codec.unpack(entry[1], path, relative, now, stalled_days)
        except Exception:  # noqa: BLE001 - an entry that does not unpack is read from the file
            return None
        self._new[relative] = entry
        return summary

    def remember(self, relative: str, stamp: Stamp, summary: LearnerSummary) -> None:
        """Keep the summary of a file just read, unless the file changed too recently."""
        if max(stamp[3], stamp[4]) >= self._settled_before:
            return
        try:
            packed = self.codec.pack(summary)
        except Exception:  # noqa: BLE001 - never expected; the cache must not fail a report
            return
        self._new[relative] = (stamp, packed)
        self._changed = True

    def save(self) -> None:
        """Write what this run used or read, if it differs from what was there (files
        gone from the folder are forgotten). A cache that cannot be written is no error."""
        if not self._changed and self._new.keys() == self._old.keys():
            return
        import tempfile

        folder = self.file.parent
        try:
            data = marshal.dumps((CACHE_FORMAT, self.fingerprint, self._new))
        except ValueError:  # a value marshal does not know (not from a JSON file): no cache
            return
        tmp = None
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")  # mode 0600
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self.file)
            tmp = None
            _prune(folder, self.file)
        except OSError:
            pass  # no cache is only slower
        finally:
            if tmp is not None:  # it holds shared texts: never left behind
                with suppress(OSError):
                    os.unlink(tmp)


def _fingerprint(index: CourseIndex) -> str:
    """What every entry depends on besides its own file."""
    course = index.course
    digest = hashlib.sha256(
        repr(
            (
                CACHE_FORMAT,
                __version__,
                sys.version,
                sys.byteorder,
                course.id,
                course.version,
                index.lesson_ids,
                [(module_id, sorted(ids), count) for module_id, ids, count in index.modules],
                sorted(index.keys),
                sorted(map(repr, index.choices)),
            )
        ).encode("utf-8", "surrogatepass")
    )
    package = Path(__file__).resolve().parent.parent
    names = list(_CODE)
    for folder_name in _CODE_FOLDERS:
        with suppress(OSError):
            names += sorted(f"{folder_name}/{entry.name}" for entry in os.scandir(package / folder_name))
    for name in names:
        if not name.endswith(".py"):
            continue
        try:
            info = os.stat(package / name)
            digest.update(f"\0{name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"\0{name}\0missing".encode())
    try:
        import orjson

        digest.update(f"\0orjson {orjson.__version__}".encode())
    except ImportError:  # pragma: no cover - a dependency
        pass
    return digest.hexdigest()


def _load(file: Path, fingerprint: str) -> dict[str, tuple[Any, ...]]:
    """The entries of a cache file that is the trainer's own and fits; else none."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return {}
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return {}
        # POSIX: the trainer's own file, writable by nobody else (Windows has no such bits:
        # there the cache lives in the user's own profile folder)
        if os.name == "posix" and (info.st_mode & 0o022 or info.st_uid != os.getuid()):
            return {}
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = marshal.loads(handle.read())
    except Exception:  # noqa: BLE001 - a damaged or foreign cache is simply written again
        return {}
    finally:
        os.close(fd)
    if not (isinstance(data, tuple) and len(data) == 3 and data[0] == CACHE_FORMAT and data[1] == fingerprint):
        return {}
    entries = data[2]
    return entries if isinstance(entries, dict) else {}


def forget(folder: Path, root: Path | None = None) -> None:
    """Delete the cache kept for `folder` (`--no-cache`), if there is one."""
    with suppress(OSError, RuntimeError):
        (root or default_root()).joinpath(_file_name(folder)).unlink(missing_ok=True)


def _file_name(folder: Path) -> str:
    resolved = str(folder.resolve())
    return hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:24] + ".cache"


def _prune(folder: Path, keep: Path) -> None:
    """Forget caches not written for KEEP_DAYS, and the least recently written beyond
    KEEP_FOLDERS (so a renamed or deleted progress folder's summaries do not stay)."""
    caches = []
    oldest = time.time() - KEEP_DAYS * 86400
    for entry in os.scandir(folder):
        if entry.path == str(keep) or not entry.name.endswith((".cache", ".tmp")):
            continue
        written = entry.stat().st_mtime
        if written < oldest or (entry.name.endswith(".tmp") and written < time.time() - 3600):
            Path(entry.path).unlink(missing_ok=True)  # a left-over temporary file too
        elif entry.name.endswith(".cache"):
            caches.append((written, entry.path))
    caches.sort(reverse=True)
    for _, path in caches[KEEP_FOLDERS - 1 :]:
        Path(path).unlink(missing_ok=True)


_GET = attrgetter(*_PACKED)
_AT = {name: number for number, name in enumerate(_PACKED)}
_STATUS, _LESSONS, _LAST, _TRIES, _NOTES = (
    _AT[name] for name in ("status", "lesson_status", "last_activity", "first_tries", "notes")
)
_RECORDS = {_AT["shared"]: SharedReflection, _AT["shared_rounds"]: SharedRound, _AT["shared_checks"]: SharedCheck}
_CODES = {LessonStatus.NOT_STARTED: "n", LessonStatus.IN_PROGRESS: "i", LessonStatus.DONE: "d"}
_FROM_CODE = {code: status for status, code in _CODES.items()}


class _Codec:
    """A summary as plain values (in `_PACKED` order) and back, for one course. The bulk
    of a summary is packed tight, because every value is one object to write and read:
    a lesson's status is one letter, and the first tries are three columns (the
    scenarios as numbers in the course's order, the choices, the scores as doubles)."""

    def __init__(self, index: CourseIndex) -> None:
        self.index = index
        self.lesson_ids = list(index.lesson_ids)
        self.keys = sorted(index.keys.values())  # the course's own key objects
        self.key_number = {key: number for number, key in enumerate(self.keys)}

    def pack(self, summary: LearnerSummary) -> tuple[Any, ...]:
        values = list(_GET(summary))
        values[_STATUS] = values[_STATUS] is not LearnerStatus.NOT_STARTED  # started: all that lasts
        statuses = values[_LESSONS]
        if list(statuses) == self.lesson_ids:  # always, as summarise makes them
            values[_LESSONS] = "".join(map(_CODES.__getitem__, statuses.values()))
        else:  # pragma: no cover - kept exactly, should another rule ever make them
            values[_LESSONS] = dict(zip(statuses, map(str, statuses.values())))
        last = values[_LAST]
        values[_LAST] = last.isoformat() if last is not None else None
        tries = values[_TRIES]
        keys, choices, scores = zip(*tries) if tries else ((), (), ())
        numbers = array("I", map(self.key_number.__getitem__, keys)).tobytes()
        exact = _FLOATS.issuperset(map(type, scores))  # an int or odd value stays as it is
        values[_TRIES] = (numbers, choices, array("d", scores).tobytes() if exact else scores)
        for number in _RECORDS:
            values[number] = list(map(tuple, values[number]))
        values[_NOTES] = [(note.key, note.fields) for note in values[_NOTES]]
        return tuple(values)

    def unpack(
        self, packed: tuple[Any, ...], path: Path, relative: str, now: datetime, stalled_days: int
    ) -> LearnerSummary:
        """The summary `pack` packed, with the status worked out for `now`."""
        if len(packed) != len(_PACKED):
            raise ValueError("not a packed summary")
        values = list(packed)
        last = values[_LAST]
        values[_LAST] = last_activity = datetime.fromisoformat(last) if last is not None else None
        statuses = values[_LESSONS]
        if isinstance(statuses, str):
            if len(statuses) != len(self.lesson_ids):
                raise ValueError("lessons differ")
            values[_LESSONS] = dict(zip(self.lesson_ids, map(_FROM_CODE.__getitem__, statuses)))
        else:  # pragma: no cover - see pack
            values[_LESSONS] = dict(zip(statuses, map(LessonStatus, statuses.values())))
        numbers, choices, scores = values[_TRIES]
        keys = map(self.keys.__getitem__, array("I", numbers).tolist())
        if isinstance(scores, bytes):
            scores = array("d", scores).tolist()
        values[_TRIES] = list(zip(keys, choices, scores, strict=True))
        for number, kind in _RECORDS.items():
            values[number] = [kind(*item) for item in values[number]]
        values[_NOTES] = [Note(key, fields_) for key, fields_ in values[_NOTES]]
        summary = LearnerSummary(path, relative, *values)  # path and relative come first (_PACKED)
        summary.status = learner_status(
            summary.lessons_done, summary.lessons_total, packed[_STATUS], last_activity, now, stalled_days
        )
        return summary


_FLOATS = frozenset({float})
