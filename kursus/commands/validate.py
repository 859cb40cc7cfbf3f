"""`kursus validate`: check the lesson files; one line per problem, exit 2 on any."""

from __future__ import annotations

import sys

from kursus.commands.options import ValidateOptions
from kursus.errors import CliError
from kursus.textsafe import one_line


def validate_command(options: ValidateOptions) -> int:
    from kursus.content.validate import validate_dir
    from kursus.locations import lessons_dir

    folder = lessons_dir(options.lessons_dir)
    if not folder.is_dir():
        raise CliError(f"{folder}: no such lessons folder")
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
