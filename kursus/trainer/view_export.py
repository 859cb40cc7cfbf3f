"""The dashboard's current view (cohort filter, name search, sort order) written to a
file in any format `kursus report` writes. No Textual: the dashboard's export dialog
(kursus.ui.trainer.export) calls this.

The view is a CohortReport of its own: the learners shown, in the order shown, and the
hardest scenarios counted over them. Every output goes through the same renderers as
the report (formula-safe CSV, text cells in xlsx, escaped Markdown and JSON), through
the same output checks (never onto a learner's progress file, never into a FIFO) and
is written atomically. An existing file is only replaced when the caller says so.
"""

from __future__ import annotations

import dataclasses
import os
import re
from datetime import date
from pathlib import Path

from kursus.errors import CliError
from kursus.i18n import Catalogue
from kursus.summary import LearnerSummary
from kursus.trainer.aggregate import CohortReport, scenario_stats
from kursus.trainer.formats import SUFFIX_FORMATS

__all__ = ["SUFFIX_FORMATS", "ExportProblem", "FileExists", "default_path", "export_view", "view_report"]

DEFAULT_SUFFIX = ".xlsx"


class ExportProblem(Exception):
    """The view cannot be written to that path (the message says why, in the UI's language)."""


class FileExists(ExportProblem):
    """The file is there already: write again with overwrite=True to replace it."""


def view_report(report: CohortReport, learners: list[LearnerSummary], cohort: str | None) -> CohortReport:
    """`report` narrowed to `learners` (in this order), its scenarios counted over them."""
    return dataclasses.replace(
        report,
        cohort=cohort,
        learners=list(learners),
        scenarios=scenario_stats(learners, report.course, report.min_answers),
        filtered_out=len(report.learners) - len(learners),
    )


def default_path(folder: Path, today: date, *, cwd: Path | None = None) -> Path:
    """`<folder>-visning-<date>.xlsx` beside the progress folder, or in the current
    folder when its parent cannot be written to."""
    folder = folder.resolve()
    stem = re.sub(r"[^\w.-]+", "-", folder.name, flags=re.UNICODE).strip("-.") or "hold"
    name = f"{stem[:60]}-visning-{today.isoformat()}{DEFAULT_SUFFIX}"
    parent = folder.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        parent = cwd or Path.cwd()
    return parent / name


def export_view(view: CohortReport, value: str, t: Catalogue, *, overwrite: bool = False) -> Path:
    """Write `view` to the file `value` (format from its suffix). Raises FileExists when
    the file is there and `overwrite` is False, ExportProblem for anything else."""
    from kursus.commands.output import output_format, output_path, write_output_bytes
    from kursus.trainer.formats import render_bytes

    text = value.strip()
    if not text:
        raise ExportProblem(t("trainer.view_export.no_name"))
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    try:
        fmt = output_format(str(path), SUFFIX_FORMATS)  # the rule `kursus report --output` follows
    except CliError:
        raise ExportProblem(t("trainer.view_export.bad_suffix", suffixes=", ".join(SUFFIX_FORMATS))) from None
    protected = [learner.path for learner in view.learners] + [skipped.path for skipped in view.skipped]
    try:
        path = output_path(str(path), [view.folder] if view.folder.is_dir() else [], protected)
    except CliError as exc:
        raise ExportProblem(str(exc).replace(" for --output", "").replace(" as --output", "")) from None
    if (path.exists() or path.is_symlink()) and not overwrite:
        raise FileExists(t("trainer.view_export.exists", path=str(path)))
    payload = render_bytes(view, fmt, t, width=120)
    try:
        write_output_bytes(path, payload)
    except CliError as exc:
        raise ExportProblem(str(exc)) from None
    return path
