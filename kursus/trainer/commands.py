"""`kursus report` and `kursus export`: argparse Namespace in, exit code out.

Bad input raises CliError (one line, exit 2). Learners' files are only ever read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import sys
from datetime import datetime, timezone
from pathlib import Path

from kursus.content import Course
from kursus.errors import CliError
from kursus.i18n import Catalogue
from kursus.inputs import course_in, language, lessons_folder
from kursus.locations import progress_dir
from kursus.trainer.aggregate import CohortReport, build_report, gc_paused, progress_files
from kursus.trainer.formats import FORMATS, render

_SUFFIX_FORMATS = {".csv": "csv", ".md": "md", ".markdown": "md", ".json": "json", ".txt": "table"}


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


def stalled_days(value: int | None) -> int:
    days = 14 if value is None else value
    if days < 1:
        raise CliError(f"--stalled-days must be 1 or more (got {days})")
    return days


def load_report(
    args: argparse.Namespace, *, now: datetime | None = None, apply_cohort: bool = True
) -> tuple[CohortReport, Catalogue]:
    """Everything `report` and `trainer` share: checks, course, folder, report.

    Raises CliError when the folder is missing or holds no readable progress file, or
    when --cohort names a cohort nobody in the folder belongs to. With
    apply_cohort=False the report keeps every learner (the dashboard filters in view).
    """
    lang = language(getattr(args, "lang", None))
    days = stalled_days(getattr(args, "stalled_days", 14))
    folder = progress_folder(args.progress_dir)
    course = course_for(getattr(args, "lessons", None), lang)
    cohort = getattr(args, "cohort", None)
    if cohort is not None:
        from kursus.tracking.names import clean_name

        cohort = clean_name(cohort)  # as the learner's own cohort was cleaned when typed
    report = build_report(folder, course, cohort=cohort if apply_cohort else None, stalled_days=days, now=now)
    readable = len(report.learners) + report.filtered_out
    if readable == 0:
        if not report.files_seen:
            raise CliError(f"{folder}: no progress files (*.json) in this folder")
        first = report.skipped[0]
        raise CliError(
            f"{folder}: no readable progress file ({len(report.skipped)} skipped; first: {first.relative}: {first.reason})"
        )
    if cohort is not None and not _has_cohort(report, cohort):
        known = ", ".join(report.cohorts) or "none"
        raise CliError(f"no learner in cohort '{cohort}' in {folder} (cohorts: {known})")
    return report, Catalogue(lang)


def _has_cohort(report: CohortReport, cohort: str) -> bool:
    from kursus.tracking.names import cohort_key

    wanted = cohort_key(cohort)
    return any(cohort_key(learner.cohort) == wanted for learner in report.learners)


def choose_format(option: str | None, output: str | None) -> str:
    """--format, else from the output file's suffix, else table on a terminal, else csv."""
    if option:
        if option not in FORMATS:
            raise CliError(f"unknown format '{option}' (use {', '.join(FORMATS)})")
        return option
    if output:
        return _SUFFIX_FORMATS.get(Path(output).suffix.lower(), "csv")
    return "table" if sys.stdout.isatty() else "csv"


def _output_path(value: str, folders: list[Path], protected: list[Path]) -> Path:
    """Where --output may write: never onto a learner's progress file, by any name.

    Refused: any path that is (after following links) the same file as a progress file
    in the scanned folder or among the learners read, whether by its own name, a hard
    link, or a symlink; and anything that is not a regular file (a FIFO would hang).
    """
    path = Path(value).expanduser()
    if path.is_dir():
        raise CliError(f"{path}: is a folder; give a file name for --output")
    if not path.parent.is_dir():
        raise CliError(f"{path.parent}: no such folder for --output")
    if path.exists() or path.is_symlink():
        try:
            info = path.stat()
        except OSError as exc:
            raise CliError(f"{path}: cannot use as --output ({exc.strerror or exc})") from None
        if not stat.S_ISREG(info.st_mode):
            raise CliError(f"{path}: not a regular file; refusing to write to it")
        if (info.st_dev, info.st_ino) in _progress_identities(folders, protected):
            raise CliError(f"{path}: is a learner's progress file (or a link to one); refusing to overwrite it")
    return path


def _progress_identities(folders: list[Path], extra: list[Path]) -> set[tuple[int, int]]:
    """(device, inode) of every *.json under the folders, and of the given files."""
    identities = set()
    candidates = list(extra)
    for folder in folders:
        candidates += progress_files(folder)
    for candidate in candidates:
        try:
            info = candidate.stat()
        except OSError:
            continue
        identities.add((info.st_dev, info.st_ino))
    return identities


def _write(path: Path, text: str) -> None:
    """Write the output atomically (a link at `path` is replaced, never written through)."""
    from kursus.safefile import write_bytes_atomically

    try:
        write_bytes_atomically(path, text.encode("utf-8"), 0o644 & ~_umask())
    except OSError as exc:
        raise CliError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def report_command(args: argparse.Namespace, *, now: datetime | None = None) -> int:
    # The collector stays paused until the report is written and freed: it holds many
    # small objects, and a collection in the middle would walk all of them (gc_paused).
    with gc_paused():
        return _report(args, now)


def _report(args: argparse.Namespace, now: datetime | None) -> int:
    fmt = choose_format(getattr(args, "format", None), getattr(args, "output", None))
    report, t = load_report(args, now=now)
    output = getattr(args, "output", None)
    if output:
        path = _output_path(output, [report.folder], [learner.path for learner in report.learners] + [s.path for s in report.skipped])
        _write(path, render(report, fmt, t))
        print(t("trainer.report.written", path=str(path), learners=len(report.learners)), file=sys.stderr)
    elif fmt == "table" and sys.stdout.isatty():
        from kursus.trainer.formats import plain_console, print_table

        width = shutil.get_terminal_size((100, 24)).columns
        colour = "NO_COLOR" not in os.environ
        print_table(report, t, plain_console(sys.stdout, width=width, color=colour))
    else:
        sys.stdout.write(render(report, fmt, t, width=shutil.get_terminal_size((120, 24)).columns))
        sys.stdout.flush()
    if report.skipped and (output or fmt != "table"):
        print(t("trainer.report.skipped_note", count=len(report.skipped)), file=sys.stderr)
    return 0


# --- export --------------------------------------------------------------------------


def find_own_record(folder: Path, name: str | None):  # noqa: ANN201 - ProgressRecord
    """The learner's record: by name, or the only learner in the folder."""
    from kursus.tracking.names import clean_name, progress_file_name
    from kursus.tracking.record import read_record, read_records_in
    from kursus.tracking.storage import UnreadableProgressFile

    if not folder.is_dir():
        raise CliError(f"{folder}: no progress folder (nothing to export)")

    def read(path: Path):  # noqa: ANN202
        try:
            return read_record(path)
        except UnreadableProgressFile as exc:
            raise CliError(f"{path}: {exc.reason}") from None
        except OSError as exc:
            raise CliError(f"{path}: cannot be read ({exc.strerror or exc})") from None

    if name is not None:
        wanted = clean_name(name)
        if not wanted:
            raise CliError("--name is empty")
        path = folder / progress_file_name(wanted)
        if path.is_file():
            return read(path)
        for record in read_records_in(folder):
            if record.name.casefold() == wanted.casefold():
                return record
        raise CliError(f"no progress for '{wanted}' in {folder}")
    records = read_records_in(folder)
    if not records:
        raise CliError(f"{folder}: no progress file to export")
    if len(records) > 1:
        names = ", ".join(sorted((r.name or r.path.name for r in records), key=str.casefold))
        raise CliError(f"{folder} holds several learners ({names}); choose one with --name")
    return records[0]


def export_command(args: argparse.Namespace, *, now: datetime | None = None) -> int:
    from kursus.trainer.export import render_export_json, render_export_md

    fmt = getattr(args, "format", None) or "md"
    if fmt not in ("md", "json"):
        raise CliError(f"unknown format '{fmt}' (use md or json)")
    folder = progress_dir(getattr(args, "progress_dir", None))
    record = find_own_record(folder, getattr(args, "name", None))
    from kursus.i18n import LANGUAGES

    chosen = getattr(args, "lang", None) or os.environ.get("KURSUS_LANG")
    lang = language(chosen) if chosen else (record.lang if record.lang in LANGUAGES else language(None))
    course = course_for(getattr(args, "lessons", None), lang)
    t = Catalogue(lang)
    now = now or datetime.now(timezone.utc)
    text = render_export_json(record, course, t, now) if fmt == "json" else render_export_md(record, course, t, now)
    output = getattr(args, "output", None)
    if output:
        path = _output_path(output, [folder], [record.path] if record.path else [])
        _write(path, text)
        print(t("trainer.export.written", path=str(path)), file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0


__all__ = ["export_command", "load_report", "progress_files", "report_command"]
