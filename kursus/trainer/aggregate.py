"""A folder of progress files, read into one cohort report. Read-only, no Textual.

Every file is read with `read_record()`, as the learner app reads it: bytes in, no
lock, no write, migrations in memory only. A file that cannot be read is listed with
its reason and the rest of the cohort is still reported.

Privacy by construction: a learner's summary keeps the text of *shared* reflections
only. Unshared text never leaves `_summarise()`, so no output format and no screen can
show it by mistake.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import repeat
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from kursus.content.models import Course
from kursus.tracking.record import ProgressRecord, read_record
from kursus.tracking.storage import UnreadableProgressFile

STATUSES = ("not_started", "in_progress", "stalled", "done")
"""Every status a learner can have, in the order a trainer reads them."""


@dataclass(frozen=True)
class SkippedFile:
    """A file in the folder that is not reported, and why (a catalogue key or a text)."""

    path: Path
    relative: str
    reason: str
    reason_key: str = ""  # catalogue key when the reason is ours; "" = `reason` as given
    reason_fields: tuple[tuple[str, str], ...] = ()


class Attempt(NamedTuple):
    """One answer to a scenario, in the order given."""

    choice_id: str
    rating: str  # best / partial / wrong, or "" when the file does not say
    score: float
    time: str


def _attempt(event: dict[str, Any]) -> Attempt:
    rating = event.get("rating")
    when = event.get("time")
    return Attempt(
        str(event.get("choice_id", "")),
        rating if rating in ("best", "partial", "wrong") else "",
        _score(event.get("score")),
        when if isinstance(when, str) else "",
    )


class ScenarioAnswers:
    """A learner's answers to one scenario, in the order given."""

    __slots__ = ("lesson_id", "scenario_id", "_events")

    def __init__(self, lesson_id: str, scenario_id: str, events: list[dict[str, Any]]) -> None:
        self.lesson_id = lesson_id
        self.scenario_id = scenario_id
        self._events = events

    @property
    def attempts(self) -> list[Attempt]:
        return [_attempt(event) for event in self._events]

    @property
    def first(self) -> Attempt:
        return _attempt(self._events[0])

    @property
    def latest(self) -> Attempt:
        return _attempt(self._events[-1])

    @property
    def count(self) -> int:
        return len(self._events)

    def __repr__(self) -> str:
        return f"ScenarioAnswers({self.lesson_id!r}, {self.scenario_id!r}, {len(self._events)} attempts)"


class SharedReflection(NamedTuple):
    """A reflection its learner chose to share (the only kind the trainer side keeps)."""

    lesson_id: str
    prompt_id: str
    text: str
    updated: str


@dataclass(frozen=True)
class Note:
    """Something a trainer should know about a learner's file (a catalogue key + fields)."""

    key: str
    fields: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, str]:
        return dict(self.fields)


@dataclass(slots=True)
class LearnerSummary:
    path: Path
    relative: str  # path inside the scanned folder, with / separators
    name: str
    cohort: str
    lang: str
    status: str  # one of STATUSES
    lessons_done: int
    lessons_total: int
    modules: dict[str, tuple[int, int]]  # module id -> (done, total), course order
    lesson_status: dict[str, str]  # course lesson id -> not_started / in_progress / done
    first_try_score: float | None  # mean first-attempt score, None if nothing answered
    scenarios_answered: int
    last_activity: datetime | None
    shared: list[SharedReflection]
    first_tries: list[tuple[tuple[str, str], Any, float]]  # (scenario key, first choice id, its score), course scenarios
    notes: list[Note] = field(default_factory=list)

    @property
    def shared_count(self) -> int:
        return len(self.shared)

    def progress_fields(self) -> dict[str, Any]:
        """The progress numbers as JSON values (the report's and the export's JSON share them)."""
        return {
            "lessons_done": self.lessons_done,
            "lessons_total": self.lessons_total,
            "modules": {module_id: {"done": done, "total": total} for module_id, (done, total) in self.modules.items()},
            "first_try_score": None if self.first_try_score is None else round(self.first_try_score, 4),
            "scenarios_answered": self.scenarios_answered,
            "last_activity": self.last_activity.isoformat() if self.last_activity else None,
        }

    def answers(self) -> dict[tuple[str, str], ScenarioAnswers]:
        """Every attempt at each course scenario the learner answered, read again from
        the file (read-only) when a screen asks: the report itself keeps only the first
        tries, so a thousand learners stay small. Raises UnreadableProgressFile or
        OSError if the file can no longer be read."""
        known = {key for key, _, _ in self.first_tries}
        answers = read_record(self.path).answers_by_scenario
        return {key: ScenarioAnswers(key[0], key[1], events) for key, events in answers.items() if key in known}


@dataclass
class ScenarioStat:
    lesson_id: str
    scenario_id: str
    lesson_title: str
    scenario_title: str
    position: int  # course order, for stable sorting
    answered: int = 0
    right_first: int = 0
    score_sum: float = 0.0
    first_choices: dict[str, int] = field(default_factory=dict)

    @property
    def share_right(self) -> float | None:
        """Share of the learners who answered that chose a best option at the first try."""
        return self.right_first / self.answered if self.answered else None

    @property
    def mean_first_score(self) -> float | None:
        return self.score_sum / self.answered if self.answered else None


@dataclass
class CohortReport:
    folder: Path
    course: Course
    now: datetime
    stalled_days: int
    cohort: str | None
    learners: list[LearnerSummary]
    scenarios: list[ScenarioStat]
    skipped: list[SkippedFile]
    cohorts: list[str]  # every cohort in the folder, before filtering
    filtered_out: int = 0  # readable learners left out by --cohort
    files_seen: int = 0

    def count(self, status: str) -> int:
        return sum(1 for learner in self.learners if learner.status == status)


# --- reading -------------------------------------------------------------------------


def progress_files(folder: Path) -> list[Path]:
    """Every `*.json` file under `folder` (sub-folders too, not followed through links),
    in a stable order. os.walk knows files from folders without a stat per file."""
    found = [
        os.path.join(top, name)
        for top, _, names in os.walk(folder, onerror=None, followlinks=False)
        for name in names
        if name.endswith(".json")
    ]
    return [Path(name) for name in sorted(found, key=lambda name: Path(name).as_posix() if os.sep != "/" else name)]


def build_report(
    folder: Path,
    course: Course,
    *,
    cohort: str | None = None,
    stalled_days: int = 14,
    now: datetime | None = None,
) -> CohortReport:
    """Read every progress file under `folder`. Never writes, locks or renames a file."""
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    index = _CourseIndex(course)
    learners: list[LearnerSummary] = []
    skipped: list[SkippedFile] = []
    files = progress_files(folder)
    with gc_paused():
        for path in files:
            _read_one(path, folder, index, now, stalled_days, learners, skipped)
    cohorts = sorted({learner.cohort for learner in learners if learner.cohort}, key=str.casefold)
    before = len(learners)
    if cohort is not None:
        from kursus.tracking.names import cohort_key

        wanted = cohort_key(cohort)
        learners = [learner for learner in learners if cohort_key(learner.cohort) == wanted]
    learners.sort(key=lambda learner: (learner.name.casefold(), learner.relative))
    return CohortReport(
        folder=folder,
        course=course,
        now=now,
        stalled_days=stalled_days,
        cohort=cohort,
        learners=learners,
        scenarios=scenario_stats(learners, course),
        skipped=skipped,
        cohorts=cohorts,
        filtered_out=before - len(learners),
        files_seen=len(files),
    )


def _read_one(
    path: Path, folder: Path, index: "_CourseIndex", now: datetime, stalled_days: int,
    learners: list[LearnerSummary], skipped: list[SkippedFile],
) -> None:
    """Summarise one file into `learners`, or say in `skipped` why not."""
    relative = _relative(path, folder)
    try:
        record = read_record(path)
    except UnreadableProgressFile as exc:
        if not path.exists():  # a link to nowhere, which reads as "empty"
            skipped.append(SkippedFile(path, relative, "broken link", "trainer.skip.broken_link"))
        else:
            skipped.append(SkippedFile(path, relative, exc.reason))
        return
    except PermissionError:
        skipped.append(SkippedFile(path, relative, "permission denied", "trainer.skip.permission"))
        return
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        skipped.append(SkippedFile(path, relative, reason, "trainer.skip.os", (("error", reason),)))
        return
    except Exception as exc:  # noqa: BLE001 - any other damage inside a file that looks like ours
        reason = f"{type(exc).__name__}: {exc}"[:120]
        skipped.append(SkippedFile(path, relative, reason, "trainer.skip.damaged", (("error", reason),)))
        return
    other = str(record.meta.get("course_id") or "")
    if other and other != index.course.id:
        skipped.append(SkippedFile(path, relative, f"course '{other}'", "trainer.skip.other_course", (("course", other),)))
        return
    try:
        learners.append(_summarise(record, path, relative, index, now, stalled_days))
    except Exception as exc:  # noqa: BLE001 - a hand-edited file: skip it, report the rest
        reason = f"{type(exc).__name__}: {exc}"[:120]
        skipped.append(SkippedFile(path, relative, reason, "trainer.skip.damaged", (("error", reason),)))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a report is read.

    Reading keeps thousands of small dicts alive, and each of them counts towards the
    collector's thresholds: full collections then walk the growing heap again and
    again (bench/report.py: about 2.9x json.load with the collector, 1.8x without).
    Nothing here creates reference cycles, so nothing is lost by waiting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def scenario_stats(learners: list[LearnerSummary], course: Course) -> list[ScenarioStat]:
    """Every scenario of the course, hardest first; scenarios nobody answered come last."""
    stats: dict[tuple[str, str], ScenarioStat] = {}
    position = 0
    for lesson_id in course.lesson_order:
        lesson = course.lessons.get(lesson_id)
        if lesson is None:
            continue
        for scenario in lesson.scenarios:
            stats[(lesson_id, scenario.id)] = ScenarioStat(lesson_id, scenario.id, lesson.title, scenario.title, position)
            position += 1
    # Counted with Counter.update over each learner's (scenario, choice, score) tuples,
    # which runs in C; the few distinct tuples are then added up per scenario.
    tries: Counter = Counter()
    for learner in learners:
        try:
            tries.update(learner.first_tries)
        except TypeError:  # a hand-edited file with a list or object as choice id
            tries.update((key, _choice_text(choice), score) for key, choice, score in learner.first_tries)
    for (key, choice, score), count in tries.items():
        stat = stats.get(key)
        if stat is None:
            continue
        stat.answered += count
        stat.score_sum += score * count
        if score >= 1.0:
            stat.right_first += count
        choice = _choice_text(choice)
        stat.first_choices[choice] = stat.first_choices.get(choice, 0) + count
    return sorted(stats.values(), key=_hardness)


def _hardness(stat: ScenarioStat) -> tuple:
    share = stat.share_right
    if share is None:
        return (1, 0.0, 0.0, 0, stat.position)
    return (0, share, stat.mean_first_score or 0.0, -stat.answered, stat.position)


class _CourseIndex:
    """What a summary needs from the course, worked out once per report."""

    def __init__(self, course: Course) -> None:
        self.course = course
        self.lesson_ids = course.lesson_order
        self.lesson_set = frozenset(self.lesson_ids)
        self.modules = [(m.id, frozenset(m.lesson_ids), len(m.lesson_ids)) for m in course.modules]
        self.scenarios = frozenset(
            (lesson.id, scenario.id) for lesson in course.lessons.values() for scenario in lesson.scenarios
        )


def _summarise(
    record: ProgressRecord, path: Path, relative: str, index: _CourseIndex, now: datetime, stalled_days: int
) -> LearnerSummary:
    touched, finished = record.touched_lessons, record.finished_lessons
    first_answers = record.first_answers
    last_activity = record.last_activity
    shared = [SharedReflection(r.lesson_id, r.prompt_id, r.text, r.updated) for r in record.shared_reflections]

    lesson_status = record.lesson_statuses(index.lesson_ids)
    modules = {module_id: (len(finished.intersection(ids)), count) for module_id, ids, count in index.modules}
    lessons_done = len(finished.intersection(index.lesson_set))
    lessons_total = len(index.lesson_ids)

    if not index.scenarios.issuperset(first_answers):  # answers to scenarios the course no longer has
        first_answers = {key: event for key, event in first_answers.items() if key in index.scenarios}
    firsts = list(first_answers.values())
    scores = list(map(dict.get, firsts, repeat("score")))
    if not _NUMBERS.issuperset(map(type, scores)):  # a missing or odd score counts as 0
        scores = list(map(_score, scores))
    # Only these small tuples outlive the file's parsed data (see LearnerSummary.answers).
    first_tries = list(zip(first_answers, map(dict.get, firsts, repeat("choice_id")), scores))
    first_try = sum(scores) / len(scores) if scores else None

    started = bool(touched) or bool(record.reflection_docs)
    if lessons_total and lessons_done == lessons_total:
        status = "done"
    elif not started:
        status = "not_started"
    elif last_activity is not None and now - last_activity >= timedelta(days=stalled_days):
        status = "stalled"
    else:
        status = "in_progress"

    notes: list[Note] = []
    if not record.name:
        notes.append(Note("trainer.note.no_name"))
    unknown = sorted(map(str, touched - index.lesson_set))
    if unknown:
        notes.append(Note("trainer.note.unknown_lessons", (("ids", ", ".join(unknown)),)))
    version = record.meta.get("content_version")
    if isinstance(version, int) and not isinstance(version, bool) and version and version != index.course.version:
        notes.append(Note("trainer.note.content_version", (("found", str(version)), ("current", str(index.course.version)))))
    if record.migrated_from is not None:
        notes.append(Note("trainer.note.migrated", (("version", str(record.migrated_from)),)))

    return LearnerSummary(
        path=path,
        relative=relative,
        name=record.name,
        cohort=record.cohort,
        lang=record.lang,
        status=status,
        lessons_done=lessons_done,
        lessons_total=lessons_total,
        modules=modules,
        lesson_status=lesson_status,
        first_try_score=first_try,
        scenarios_answered=len(first_tries),
        last_activity=last_activity,
        shared=shared,
        first_tries=first_tries,
        notes=notes,
    )


def _choice_text(choice: Any) -> str:
    return "" if choice is None else str(choice)


_NUMBERS = frozenset({int, float})  # exact types: True is not a score


def _score(value: Any) -> float:
    return float(value) if type(value) in _NUMBERS else 0.0


def _relative(path: Path, folder: Path) -> str:
    # Plain text work: pathlib's relative_to is slow enough to show up over 1,000 files.
    text, prefix = path.as_posix(), folder.as_posix().rstrip("/") + "/"
    return text[len(prefix):] if text.startswith(prefix) else text
