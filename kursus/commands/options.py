"""The options of each subcommand, as typed values (built by `kursus.cli`, or by tests
and benchmarks directly)."""

from __future__ import annotations

from dataclasses import dataclass

from kursus.vocabulary import DEFAULT_STALLED_DAYS


@dataclass(frozen=True)
class LearnOptions:
    lang: str | None = None
    progress_dir: str | None = None
    lessons: str | None = None
    name: str | None = None
    cohort: str | None = None


@dataclass(frozen=True)
class ValidateOptions:
    lessons_dir: str | None = None


@dataclass(frozen=True)
class CohortOptions:
    """What `report` and `trainer` share: which folder, which cohort, which course."""

    progress_dir: str
    cohort: str | None = None
    stalled_days: int = DEFAULT_STALLED_DAYS
    lessons: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class ReportOptions(CohortOptions):
    format: str | None = None  # None: from the output's suffix, else table on a terminal, else csv
    output: str | None = None


@dataclass(frozen=True)
class TrainerOptions(CohortOptions):
    pass


@dataclass(frozen=True)
class ExportOptions:
    name: str | None = None
    format: str = "md"
    output: str | None = None
    progress_dir: str | None = None
    lessons: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class CertificateOptions:
    name: str | None = None
    progress_dir: str | None = None
    lessons: str | None = None
    lang: str | None = None
    output: str | None = None  # None: a file named after the learner in the current folder
