"""A folder of progress files, read into one cohort report. Read-only, no Textual.

Every file is read with `read_fast_record()` (the learner app's rules, read faster): bytes in, no
lock, no write, migrations in memory only. A file that cannot be read is listed with
its reason and the rest of the cohort is still reported.

Each learner is summed up by `kursus.summary.summarise()`, which keeps the text of
*shared* reflections only (privacy by construction).
"""

from __future__ import annotations

import gc
import math
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any

from kursus.content.models import Course
from kursus.summary import CourseIndex, LearnerSummary, summarise
from kursus.tracking.names import cohort_key
from kursus.tracking.storage import UnreadableProgressFile
from kursus.trainer.fast_record import read_fast_record
from kursus.trainer.plan import PlanPosition, Plans
from kursus.vocabulary import DEFAULT_STALLED_DAYS, LearnerStatus

MIN_ANSWERS = 3
"""A scenario is ranked among the hardest only when at least this many learners answered it."""

WILSON_Z = 1.96  # 95 % confidence


@dataclass(frozen=True)
class SkippedFile:
    """A file in the folder that is not reported, and why (a catalogue key or a text)."""

    path: Path
    relative: str
    reason: str
    reason_key: str = ""  # catalogue key when the reason is ours; "" = `reason` as given
    reason_fields: tuple[tuple[str, str], ...] = ()

    @classmethod
    def damaged(cls, path: Path, relative: str, exc: Exception) -> SkippedFile:
        """A record that looked like ours but could not be read or summarised."""
        reason = f"{type(exc).__name__}: {exc}"[:120]
        return cls(path, relative, reason, "trainer.skip.damaged", (("error", reason),))


def report_time(now: datetime | None) -> datetime:
    """The moment a report is made for: `now` (naive means UTC), else the present."""
    now = now or datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


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
    rank: int | None = None  # 1 = hardest; None: fewer answers than the report's minimum
    knowledge_check: bool = False  # the lesson marks it: the answer is a fact the lesson teaches

    @property
    def share_right(self) -> float | None:
        """Share of the learners who answered that chose a best option at the first try."""
        return self.right_first / self.answered if self.answered else None

    @property
    def hardness(self) -> float | None:
        """How hard the scenario is, honestly: the Wilson lower bound (95 %) of the share
        that did *not* choose a best option at the first try. One wrong answer out of one
        is 21 %, four out of six 30 %, twenty out of thirty 49 %: few answers say little."""
        return wilson_lower_bound(self.answered - self.right_first, self.answered)

    @property
    def mean_first_score(self) -> float | None:
        return self.score_sum / self.answered if self.answered else None


@dataclass(frozen=True)
class FirstTrySplit:
    """First tries on the knowledge checks apart from those on the other scenarios.

    A knowledge check hinges on a fact the lesson teaches; a learner who skipped the
    lesson rarely gets it right, whereas the other scenarios also reward good sense. A
    low share on the knowledge checks beside a high one on the rest says: the lessons
    were not read (or not remembered)."""

    knowledge_answered: int = 0
    knowledge_right: int = 0
    other_answered: int = 0
    other_right: int = 0

    @property
    def knowledge_share(self) -> float | None:
        return self.knowledge_right / self.knowledge_answered if self.knowledge_answered else None

    @property
    def other_share(self) -> float | None:
        return self.other_right / self.other_answered if self.other_answered else None


def first_try_split(stats: list[ScenarioStat]) -> FirstTrySplit:
    """The first tries of `stats`, knowledge checks apart from the rest."""
    knowledge = [stat for stat in stats if stat.knowledge_check]
    other = [stat for stat in stats if not stat.knowledge_check]
    return FirstTrySplit(
        knowledge_answered=sum(stat.answered for stat in knowledge),
        knowledge_right=sum(stat.right_first for stat in knowledge),
        other_answered=sum(stat.answered for stat in other),
        other_right=sum(stat.right_first for stat in other),
    )


def knowledge_keys(course: Course) -> frozenset[tuple[str, str]]:
    """(lesson id, scenario id) of every knowledge check in the course."""
    return frozenset(
        (lesson.id, scenario.id)
        for lesson in course.lessons.values()
        for scenario in lesson.scenarios
        if scenario.knowledge_check
    )


def learner_split(learner: LearnerSummary, marked: frozenset[tuple[str, str]]) -> FirstTrySplit:
    """One learner's first tries, the knowledge checks (`marked`: `knowledge_keys`, made
    once for all learners) apart from the rest."""
    counts = Counter((key in marked, score >= 1.0) for key, _, score in learner.first_tries)
    return FirstTrySplit(
        knowledge_answered=counts[(True, True)] + counts[(True, False)],
        knowledge_right=counts[(True, True)],
        other_answered=counts[(False, True)] + counts[(False, False)],
        other_right=counts[(False, True)],
    )


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
    min_answers: int = MIN_ANSWERS  # scenarios with fewer answers are listed, not ranked
    plans: Plans = field(default_factory=Plans)  # the cohort plans (kursus.trainer.plan), if any
    source: str = ""
    """Where the learners were read from when not a folder: the LRS's endpoint (never with
    credentials; kursus.xapi.lrs_source). Then `folder` names no real folder and nothing
    holds self-assessments or phase checks (they are not sent as statements)."""

    @property
    def where(self) -> str:
        """The folder, or the LRS, as the report names it."""
        return self.source or str(self.folder)

    def count(self, status: LearnerStatus) -> int:
        return sum(1 for learner in self.learners if learner.status == status)

    def position(self, learner: LearnerSummary) -> PlanPosition | None:
        """The learner against the cohort plan that covers them; None without one."""
        return self.plans.position(learner.relative, learner.cohort, learner.lesson_status)

    def shares_assessments(self) -> bool:
        """Whether any learner shown shared a self-assessment round or a phase check
        (without one, the report has no such sections and kursus.assessment is not loaded)."""
        return any(learner.shared_rounds or learner.shared_checks for learner in self.learners)

    def rank_scenarios(self, min_answers: int) -> None:
        """Rank the scenarios again with another minimum number of answers."""
        self.min_answers = min_answers
        self.scenarios = rank_scenarios(self.scenarios, min_answers)


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
    min_answers: int = MIN_ANSWERS,
    cache: bool | Path = False,
) -> CohortReport:
    """Read every progress file under `folder`. Never writes, locks or renames a progress file.

    `cache`: True to take the summaries of files unchanged since the last report from
    the trainer's summary cache, and keep the new ones there (kursus.trainer.summary_cache;
    a Path: that cache folder instead of the user's own). Off by default (tests, the LRS
    source's temporary folders); the commands turn it on."""
    now = report_time(now)
    index = CourseIndex(course)
    learners: list[LearnerSummary] = []
    skipped: list[SkippedFile] = []
    files = progress_files(folder)
    with gc_paused():
        if not cache:
            for path in files:
                _read_one(path, folder, index, now, stalled_days, learners, skipped)
        else:
            _read_cached(
                files, folder, index, now, stalled_days, learners, skipped, cache if isinstance(cache, Path) else None
            )
    return report_of(folder, course, learners, skipped, len(files), cohort, stalled_days, now, min_answers)


def report_of(
    folder: Path,
    course: Course,
    learners: list[LearnerSummary],
    skipped: list[SkippedFile],
    files_seen: int,
    cohort: str | None,
    stalled_days: int,
    now: datetime,
    min_answers: int = MIN_ANSWERS,
    source: str = "",
) -> CohortReport:
    """The report of learners already summarised (build_report, or an LRS's statements)."""
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
        scenarios=scenario_stats(learners, course, min_answers),
        skipped=skipped,
        cohorts=cohorts,
        filtered_out=before - len(learners),
        files_seen=files_seen,
        min_answers=min_answers,
        source=source,
    )


def _read_cached(
    files: list[Path],
    folder: Path,
    index: CourseIndex,
    now: datetime,
    stalled_days: int,
    learners: list[LearnerSummary],
    skipped: list[SkippedFile],
    root: Path | None,
) -> None:
    """As `_read_one` for each file, with the summaries of unchanged files from the cache.
    The cache can only make a report faster: whatever goes wrong with it, the files are
    read as without it."""
    from kursus.trainer.summary_cache import SummaryCache, stamp_of

    try:
        cache = SummaryCache.open(folder, index, root)
    except Exception:  # noqa: BLE001 - e.g. a folder that is a link loop: read without
        cache = None
    for path in files:
        if cache is None:
            _read_one(path, folder, index, now, stalled_days, learners, skipped)
            continue
        relative = _relative(path, folder)
        try:
            stamp = stamp_of(os.stat(path))
        except OSError:
            stamp = None
        if stamp is not None:
            summary = cache.lookup(relative, stamp, path, now, stalled_days)
            if summary is not None:
                learners.append(summary)
                continue
        before = len(learners)
        _read_one(path, folder, index, now, stalled_days, learners, skipped)
        if stamp is not None and len(learners) > before:
            cache.remember(relative, stamp, learners[-1])
    if cache is not None:
        cache.save()


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
            skipped.append(SkippedFile(path, relative, exc.reason, exc.key, tuple(exc.fields.items())))
        return
    except PermissionError:
        skipped.append(SkippedFile(path, relative, "permission denied", "trainer.skip.permission"))
        return
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        skipped.append(SkippedFile(path, relative, reason, "trainer.skip.os", (("error", reason),)))
        return
    except Exception as exc:  # noqa: BLE001 - any other damage inside a file that looks like ours
        skipped.append(SkippedFile.damaged(path, relative, exc))
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
        skipped.append(SkippedFile.damaged(path, relative, exc))


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


def scenario_stats(
    learners: list[LearnerSummary], course: Course, min_answers: int = MIN_ANSWERS
) -> list[ScenarioStat]:
    """Every scenario of the course, hardest first (see `rank_scenarios`)."""
    stats: dict[tuple[str, str], ScenarioStat] = {}
    position = 0
    for lesson_id in course.lesson_order:
        lesson = course.lessons.get(lesson_id)
        if lesson is None:
            continue
        for scenario in lesson.scenarios:
            stats[(lesson_id, scenario.id)] = ScenarioStat(
                lesson_id, scenario.id, lesson.title, scenario.title, position, knowledge_check=scenario.knowledge_check
            )
            position += 1
    # Counted with Counter.update over each learner's (scenario, choice, score) tuples,
    # which runs in C; the few distinct tuples are then added up per scenario.
    tries: Counter = Counter()
    try:
        tries.update(chain.from_iterable(learner.first_tries for learner in learners))
    except TypeError:  # a hand-edited file with a list or object as choice id: count again, each as text
        tries.clear()
        for learner in learners:
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
    return rank_scenarios(list(stats.values()), min_answers)


def rank_scenarios(stats: list[ScenarioStat], min_answers: int = MIN_ANSWERS) -> list[ScenarioStat]:
    """Hardest first by `ScenarioStat.hardness`, which weighs how many answered. Only
    scenarios with at least `min_answers` answers are ranked (1, 2, ...); those with
    fewer follow, unranked, in the same order; scenarios nobody answered come last, in
    course order."""

    def order(stat: ScenarioStat) -> tuple:
        if not stat.answered:
            return (2, 0.0, 0.0, 0.0, 0, stat.position)
        group = 0 if stat.answered >= min_answers else 1
        return (
            group,
            -(stat.hardness or 0.0),
            stat.share_right or 0.0,
            stat.mean_first_score or 0.0,
            -stat.answered,
            stat.position,
        )

    ordered = sorted(stats, key=order)
    rank = 0
    for stat in ordered:
        if stat.answered and stat.answered >= min_answers:
            rank += 1
            stat.rank = rank
        else:
            stat.rank = None
    return ordered


def wilson_lower_bound(hits: int, total: int, z: float = WILSON_Z) -> float | None:
    """The lower end of the Wilson score interval for hits/total; None for no total."""
    if total <= 0:
        return None
    share = hits / total
    z2 = z * z
    centre = share + z2 / (2 * total)
    spread = z * math.sqrt(share * (1 - share) / total + z2 / (4 * total * total))
    return max(0.0, (centre - spread) / (1 + z2 / total))


def _choice_text(choice: Any) -> str:
    return "" if choice is None else str(choice)


def _relative(path: Path, folder: Path) -> str:
    # Plain text work: pathlib's relative_to is slow enough to show up over 1,000 files.
    text, prefix = path.as_posix(), folder.as_posix().rstrip("/") + "/"
    return text[len(prefix) :] if text.startswith(prefix) else text
