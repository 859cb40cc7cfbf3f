"""`kursus report`: a cohort report over a folder of progress files. Files are only read."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

from kursus.commands.options import CohortOptions, ReportOptions
from kursus.commands.output import output_format, output_path, write_output_bytes
from kursus.commands.report_files import finish_report, is_folder_output, write_folder
from kursus.content import Course
from kursus.errors import CliError
from kursus.i18n import Catalogue
from kursus.inputs import course_in, language, lessons_folder
from kursus.trainer.aggregate import CohortReport, build_report, gc_paused, in_cohort
from kursus.trainer.formats import BINARY_FORMATS, FORMATS, SUFFIX_FORMATS, render, render_bytes


def course_for(lessons_option: str | None, lang: str) -> Course:
    return course_in(lessons_folder(lessons_option), lang)


def progress_folder(value: str) -> Path:
    folder = Path(value).expanduser()
    if not folder.exists():
        raise CliError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise CliError(f"{folder}: not a folder")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise CliError(f"{folder}: no permission to read this folder")
    return folder


def stalled_days(days: int) -> int:
    if days < 1:
        raise CliError(f"--stalled-days must be 1 or more (got {days})")
    return days


def load_report(
    options: CohortOptions, *, now: datetime | None = None, apply_cohort: bool = True
) -> tuple[CohortReport, Catalogue]:
    """Everything `report` and `trainer` share: checks, course, folder, report.

    Raises CliError when the folder is missing or holds no readable progress file, or
    when --cohort names a cohort nobody in the folder belongs to. With
    apply_cohort=False the report keeps every learner (the dashboard filters in view).
    """
    lang = language(options.lang)
    days = stalled_days(options.stalled_days)
    if bool(options.progress_dir) == bool(options.lrs):
        raise CliError("give a progress folder (PROGRESS_DIR) or --lrs URL" + (", not both" if options.lrs else ""))
    folder = progress_folder(options.progress_dir) if options.progress_dir else None
    course = course_for(options.lessons, lang)
    cohort = options.cohort
    if cohort is not None:
        from kursus.tracking.names import clean_name

        cohort = clean_name(cohort)  # as the learner's own cohort was cleaned when typed
    if folder is None:  # the same report from an LRS's statements (kursus.xapi.lrs_source)
        from kursus.xapi.lrs_source import report_for_cli

        report, where = report_for_cli(options.lrs or "", course, cohort if apply_cohort else None, days, now)
    else:
        if not options.cache:  # --no-cache: and forget what was kept for this folder
            from kursus.trainer.summary_cache import forget

            forget(folder)
        report = build_report(
            folder, course, cohort=cohort if apply_cohort else None, stalled_days=days, now=now, cache=options.cache
        )
        where = str(folder)
    readable = len(report.learners) + report.filtered_out
    if readable == 0:
        if not report.files_seen:
            raise CliError(f"{where}: no progress files (*.json) in this folder")
        first = report.skipped[0]
        raise CliError(
            f"{where}: no readable progress file "
            f"({len(report.skipped)} skipped; first: {first.relative}: {first.reason})"
        )
    if cohort is not None and not in_cohort(report.learners, cohort):
        known = ", ".join(report.cohorts) or "none"
        raise CliError(f"no learner in cohort '{cohort}' in {where} (cohorts: {known})")
    finish_report(report, options)  # --min-answers, and the cohort plan (--plan or plan.yaml)
    return report, Catalogue(lang)


def choose_format(option: str | None, output: str | None) -> str:
    """--format, else from the output file's suffix (one the report writes, or exit 2),
    else csv for a folder of CSV files, else table on a terminal, else csv."""
    if option:
        if option not in FORMATS:
            raise CliError(f"unknown format '{option}' (use {', '.join(FORMATS)})")
        return option
    if output and not is_folder_output(output):
        return output_format(output, SUFFIX_FORMATS)
    if output:
        return "csv"
    return "table" if sys.stdout.isatty() else "csv"


def report_command(options: ReportOptions, *, now: datetime | None = None) -> int:
    # The collector stays paused until the report is written and freed: it holds many
    # small objects, and a collection in the middle would walk all of them (gc_paused).
    with gc_paused():
        return _report(options, now)


def _report(options: ReportOptions, now: datetime | None) -> int:
    fmt = choose_format(options.format, options.output)
    report, t = load_report(options, now=now)
    output = options.output
    dialect = options.csv_dialect
    if output and is_folder_output(output):  # one CSV file per section
        print(write_folder(report, t, output, options.format, dialect), file=sys.stderr)
    elif output:
        path = output_path(
            output, [report.folder], [learner.path for learner in report.learners] + [s.path for s in report.skipped]
        )
        write_output_bytes(path, render_bytes(report, fmt, t, csv_dialect=dialect))
        print(t("trainer.report.written", path=str(path), learners=len(report.learners)), file=sys.stderr)
    elif fmt in BINARY_FORMATS:
        if sys.stdout.isatty():
            raise CliError(f"{fmt} is not for a terminal: give --output FILE.{fmt} (or redirect to a file)")
        sys.stdout.flush()
        sys.stdout.buffer.write(render_bytes(report, fmt, t))
        sys.stdout.buffer.flush()
    elif fmt == "table" and sys.stdout.isatty():
        from kursus.trainer.formats import plain_console, print_table

        width = shutil.get_terminal_size((100, 24)).columns
        colour = "NO_COLOR" not in os.environ
        print_table(report, t, plain_console(sys.stdout, width=width, color=colour))
    else:
        text = render(report, fmt, t, width=shutil.get_terminal_size((120, 24)).columns, csv_dialect=dialect)
        sys.stdout.write("\ufeff" + text if fmt == "csv" and dialect == "excel-da" else text)
        sys.stdout.flush()
    if report.skipped and (output or fmt != "table"):
        print(t("trainer.report.skipped_note", count=len(report.skipped)), file=sys.stderr)
    return 0
