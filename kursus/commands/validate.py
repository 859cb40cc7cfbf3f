"""`kursus validate`: check the lesson files, or a cohort plan (`--plan`); one
`path:line: message` line per problem, exit 2 on any."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kursus.commands.options import ValidateOptions
from kursus.errors import CliError
from kursus.textsafe import one_line


def validate_command(options: ValidateOptions) -> int:
    from kursus.locations import lessons_dir

    folder = lessons_dir(options.lessons_dir)
    if not folder.is_dir():
        raise CliError(f"{folder}: no such lessons folder")
    if options.plan is not None:
        return _validate_plans(options.plan, folder)
    from kursus.content.validate import validate_dir

    result = validate_dir(folder)
    for problem in result.problems:
        print(one_line(problem))
    if not result.ok:
        sys.stdout.flush()
        print(f"{len(result.problems)} problem(s) in {folder}", file=sys.stderr)
        return 2
    print(
        f"OK: {result.lessons} lessons, {result.scenarios} scenarios, "
        f"languages {', '.join(result.languages)} ({folder})"
    )
    return 0


def plan_files(value: str) -> list[Path]:
    """--plan FILE, or a progress folder: every plan.yaml in it and its sub-folders (the
    report uses the nearest one above each progress file)."""
    from kursus.trainer.plan import PLAN_FILE_NAMES

    path = Path(value).expanduser()
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise CliError(f"{path}: no such plan file or progress folder (--plan)")
    found = []
    for top, folders, names in os.walk(path, followlinks=False):
        folders.sort()
        name = next((name for name in PLAN_FILE_NAMES if name in names), None)
        if name is not None:
            found.append(Path(top) / name)
    if not found:
        raise CliError(f"{path}: no {' or '.join(PLAN_FILE_NAMES)} in this folder or below (--plan)")
    return found


def _validate_plans(value: str, lessons: Path) -> int:
    """Each plan checked against the course, as `report` and `trainer` would read it."""
    from kursus.inputs import course_in
    from kursus.trainer.plan import PlanError, load_plan

    course = course_in(lessons, "da")  # lesson and module ids are the same in every language
    problems: list[str] = []
    summaries: list[str] = []
    for path in plan_files(value):
        try:
            plan = load_plan(path, course)
        except PlanError as exc:
            problems += exc.problems
            continue
        if plan.pace is not None:
            shape = f"{plan.pace:g} lesson{'' if plan.pace == 1 else 's'} a week"
        else:
            shape = f"{len(plan.milestones)} due date{'s' if len(plan.milestones) != 1 else ''}"
        summaries.append(f"OK: plan '{plan.name}' ({path}): start {plan.start.isoformat()}, {shape}")
    for problem in problems:
        print(one_line(problem))
    if problems:
        sys.stdout.flush()
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} in the cohort plan", file=sys.stderr)
        return 2
    for summary in summaries:
        print(one_line(summary))
    return 0
