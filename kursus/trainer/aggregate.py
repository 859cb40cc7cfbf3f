"""A folder of progress files, read into one cohort report. Read-only, no Textual.

Every file is read with `read_fast_record()` (the learner app's rules, read faster): bytes in, no
lock, no write, migrations in memory only. A file that cannot be read is listed with
its reason and the rest of the cohort is still reported.

Each learner is summed up by `kursus.summary.summarise()`, which keeps the text of
*shared* reflections only (privacy by construction).
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kursus.content.models import Course
from kursus.summary import CourseIndex, LearnerSummary, summarise
from kursus.tracking.names import cohort_key
from kursus.tracking.storage import UnreadableProgressFile
from kursus.trainer.fast_record import read_fast_record
from kursus.vocabulary import DEFAULT_STALLED_DAYS, LearnerStatus


@dataclass(frozen=True)
class SkippedFile:
    """A file in the folder that is not reported, and why (a catalogue key or a text)."""

    path: Path
    relative: str
    reason: str
    reason_key: str = ""  # catalogue key when the reason is ours; "" = `reason` as given
    reason_fields: tuple[tuple[str, str], ...] = ()


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

    def count(self, status: LearnerStatus) -> int:
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
    stalled_days: int = DEFAULT_STALLED_DAYS,
    now: datetime | None = None,
) -> CohortReport:
    """Read every progress file under `folder`. Never writes, locks or renames a file."""
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    index = CourseIndex(course)
    learners: list[LearnerSummary] = []
    skipped: list[SkippedFile] = []
    files = progress_files(folder)
    with gc_paused():
        for path in files:
            _read_one(path, folder, index, now, stalled_days, learners, skipped)
    cohorts = cohort_names(learners)
    before = len(learners)
    if cohort is not None:
        learners = in_cohort(learners, cohort)
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
    path: Path,
    folder: Path,
    index: CourseIndex,
    now: datetime,
    stalled_days: int,
    learners: list[LearnerSummary],
    skipped: list[SkippedFile],
) -> None:
    """Summarise one file into `learners`, or say in `skipped` why not."""
    relative = _relative(path, folder)
    try:
        record = read_fast_record(path)
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
        skipped.append(
            SkippedFile(path, relative, f"course '{other}'", "trainer.skip.other_course", (("course", other),))
        )
        return
    try:
        learners.append(summarise(record, path, relative, index, now, stalled_days))
    except Exception as exc:  # noqa: BLE001 - a hand-edited file: skip it, report the rest
        reason = f"{type(exc).__name__}: {exc}"[:120]
        skipped.append(SkippedFile(path, relative, reason, "trainer.skip.damaged", (("error", reason),)))


def cohort_names(learners: list[LearnerSummary]) -> list[str]:
    """Each cohort once (spellings that `cohort_key` matches count as one: the first
    seen, in name order), sorted for a picker."""
    names: dict[str, str] = {}
    for learner in sorted(learners, key=lambda learner: (learner.cohort.casefold(), learner.cohort)):
        if learner.cohort:
            names.setdefault(cohort_key(learner.cohort), learner.cohort)
    return sorted(names.values(), key=str.casefold)


def in_cohort(learners: list[LearnerSummary], cohort: str) -> list[LearnerSummary]:
    """The learners of `cohort`, matched the one way cohorts are matched (`cohort_key`)."""
    wanted = cohort_key(cohort)
    return [learner for learner in learners if cohort_key(learner.cohort) == wanted]


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
            stats[(lesson_id, scenario.id)] = ScenarioStat(
                lesson_id, scenario.id, lesson.title, scenario.title, position
            )
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


def _choice_text(choice: Any) -> str:
    return "" if choice is None else str(choice)


def _relative(path: Path, folder: Path) -> str:
    # Plain text work: pathlib's relative_to is slow enough to show up over 1,000 files.
    text, prefix = path.as_posix(), folder.as_posix().rstrip("/") + "/"
    return text[len(prefix) :] if text.startswith(prefix) else text
