"""`kursus export`: a learner's own record (progress, answers, every reflection) as
Markdown or JSON. The file is only read."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from kursus.commands.options import ExportOptions
from kursus.commands.output import output_format, output_path, write_output
from kursus.commands.report import course_for
from kursus.errors import CliError
from kursus.i18n import Catalogue
from kursus.inputs import language
from kursus.locations import progress_dir
from kursus.tracking.record import ProgressRecord

EXPORT_SUFFIXES = {".md": "md", ".markdown": "md", ".json": "json"}


def own_language(option: str | None, record: ProgressRecord) -> str:
    """--lang, then KURSUS_LANG, then the language the learner chose in the course."""
    from kursus.vocabulary import LANGUAGES

    chosen = option or os.environ.get("KURSUS_LANG")
    return language(chosen) if chosen else (record.lang if record.lang in LANGUAGES else language(None))


def find_own_record(folder: Path, name: str | None) -> ProgressRecord:
    """The learner's record: by name, or the only learner in the folder."""
    from kursus.tracking.names import clean_name, progress_file_name
    from kursus.tracking.record import read_record, read_records_in
    from kursus.tracking.storage import UnreadableProgressFile

    if not folder.is_dir():
        raise CliError(f"{folder}: no progress folder (nothing to export)")

    def read(path: Path) -> ProgressRecord:
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
        labels = []
        for r in records:
            assert r.path is not None  # read_records_in reads every record from a file
            labels.append(r.name or r.path.name)
        names = ", ".join(sorted(labels, key=str.casefold))
        raise CliError(f"{folder} holds several learners ({names}); choose one with --name")
    return records[0]


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def export_command(options: ExportOptions, *, now: datetime | None = None) -> int:
    from kursus.export import render_export_json, render_export_md

    folder = progress_dir(options.progress_dir)
    record = find_own_record(folder, options.name)
    path = None
    if options.output:  # first the learner's own file (refused by any name), then the suffix
        path = output_path(options.output, [folder], [record.path] if record.path else [])
        if _same_folder(path.parent, folder):  # it may be a shared drive; the export holds private text
            raise CliError(f"{path}: not in the progress folder (the export holds your private reflections)")
        fmt = output_format(options.output, EXPORT_SUFFIXES, options.format)
    else:
        fmt = options.format or "md"
    if fmt not in ("md", "json"):
        raise CliError(f"unknown format '{fmt}' (use md or json)")
    lang = own_language(options.lang, record)
    course = course_for(options.lessons, lang)
    t = Catalogue(lang)
    now = now or datetime.now(UTC)
    text = render_export_json(record, course, t, now) if fmt == "json" else render_export_md(record, course, t, now)
    if path is not None:
        write_output(path, text, private=True)  # only you can read it, like your progress file
        print(t("trainer.export.written", path=str(path)), file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0
