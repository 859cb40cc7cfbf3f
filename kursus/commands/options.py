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
    plan: str | None = None  # a cohort plan file, or a progress folder with plan.yaml files


@dataclass(frozen=True)
class CohortOptions:
    """What `report` and `trainer` share: which folder, which cohort, which course."""

    progress_dir: str
    cohort: str | None = None
    stalled_days: int = DEFAULT_STALLED_DAYS
    lessons: str | None = None
    lang: str | None = None
    lrs: str | None = None  # read the learners from this LRS instead of a folder (kursus.xapi.lrs_source)
    plan: str | None = None  # a cohort plan file; None: plan.yaml beside the progress files, if any
    min_answers: int | None = None  # rank a scenario as hard from this many answers; None: the default (3)
    cache: bool = True  # summaries of unchanged files from the trainer's cache (kursus.trainer.summary_cache)


@dataclass(frozen=True)
class ReportOptions(CohortOptions):
    format: str | None = None  # None: from the output's suffix, else table on a terminal, else csv
    output: str | None = None  # a file, or a folder (one CSV file per section)
    csv_dialect: str = "rfc4180"  # or "excel-da": semicolon, decimal comma, UTF-8 with BOM


@dataclass(frozen=True)
class TrainerOptions(CohortOptions):
    pass


@dataclass(frozen=True)
class ExportOptions:
    name: str | None = None
    format: str | None = None  # None: from the --output file's suffix, else md
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


@dataclass(frozen=True)
class HandInOptions:
    folder: str  # where the trainer's copy and the PDF are written (created if missing)
    name: str | None = None
    progress_dir: str | None = None
    lessons: str | None = None
    lang: str | None = None
    pdf: bool = True  # False: only the trainer's copy


@dataclass(frozen=True)
class ServeOptions(LearnOptions):
    """`kursus serve`: the learner options each browser tab gets, and where to listen."""

    host: str = "127.0.0.1"  # loopback: this computer only, unless --host says otherwise
    port: int = 8000  # 0: any free port (the printed address has it)


@dataclass(frozen=True)
class SyncOptions:
    """`kursus sync`: send a learner's statements to the configured LRS now."""

    name: str | None = None
    progress_dir: str | None = None
    lessons: str | None = None
    lang: str | None = None
    lrs: str | None = None  # instead of KURSUS_LRS_URL / the config file
    email: str | None = None  # the learner's own address as their identity in the LRS
    yes: bool = False  # the learner has read what is sent (needed when not at a terminal)
