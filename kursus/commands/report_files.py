"""What `kursus report` and `kursus trainer` add to a report read from any source: the
cohort plan (`--plan FILE` or plan.yaml beside the progress files), the minimum number
of answers for the hardest ranking, and where `report` writes: a file in any format,
or a folder with one CSV file per section.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kursus.commands.options import CohortOptions
from kursus.commands.output import output_path, write_output_bytes
from kursus.errors import CliError
from kursus.i18n import Catalogue
from kursus.trainer.aggregate import CohortReport
from kursus.trainer.plan import Plans


def finish_report(report: CohortReport, options: CohortOptions) -> None:
    """Rank the scenarios with --min-answers and attach the cohort plans (exit 2 and
    `path:line: message` lines on stderr for a broken plan)."""
    if options.min_answers is not None:
        if options.min_answers < 1:
            raise CliError(f"--min-answers must be 1 or more (got {options.min_answers})")
        if options.min_answers != report.min_answers:
            report.rank_scenarios(options.min_answers)
    report.plans = load_plans(report, options.plan)


def load_plans(report: CohortReport, plan: str | None) -> Plans:
    from kursus.textsafe import one_line
    from kursus.trainer.plan import PlanError, plans_for

    plan_file = None
    if plan:
        plan_file = Path(plan).expanduser()
        if not plan_file.is_file():
            raise CliError(f"{plan_file}: no such plan file (--plan)")
    try:
        return plans_for(report, plan_file)
    except PlanError as exc:
        for problem in exc.problems:
            print(one_line(problem), file=sys.stderr)
        count = len(exc.problems)
        problems = f"{count} problem{'s' if count != 1 else ''}"
        raise CliError(f"{problems} in the cohort plan; nothing was made") from None


def is_folder_output(value: str) -> bool:
    """--output names a folder: an existing one, or a path that ends with a slash."""
    return Path(value).expanduser().is_dir() or value.endswith(("/", "\\"))


def write_folder(report: CohortReport, t: Catalogue, value: str, fmt: str | None, dialect: str) -> str:
    """One CSV file per section (learners, scenarios, shared reflections, skipped files)
    in the folder `value` (made if its parent exists). Each file is checked and written
    as a single --output would be: never onto a progress file, always atomically.
    Returns the line that says what was written."""
    from kursus.trainer.formats import section_csv, sections

    if fmt not in (None, "csv"):
        raise CliError(f"--output {value}: a folder gets one CSV file per section; use --format csv or a file name")
    folder = Path(value).expanduser()
    if not folder.exists():
        if not folder.parent.is_dir():
            raise CliError(f"{folder.parent}: no such folder for --output")
        try:
            folder.mkdir()
        except OSError as exc:
            raise CliError(f"{folder}: cannot make this folder ({exc.strerror or exc})") from None
    elif not folder.is_dir():
        raise CliError(f"{folder}: not a folder")
    protected = [learner.path for learner in report.learners] + [s.path for s in report.skipped]
    written = []
    encoding = "utf-8-sig" if dialect == "excel-da" else "utf-8"
    for section in sections(report, t):
        path = output_path(str(folder / f"{section.file_stem}.csv"), [report.folder], protected)
        write_output_bytes(path, section_csv(section, dialect).encode(encoding))
        written.append(path.name)
    return t("trainer.report.written_folder", path=str(folder), learners=len(report.learners), files=", ".join(written))
