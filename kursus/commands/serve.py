"""`kursus serve`: the course in a browser, for the person who started it.

Options are checked here, before anything listens, so a bad --lang or lessons folder is
one line in the terminal (exit 2) rather than a broken tab. Neither this module nor the
server imports Textual: each tab's app runs in its own process (kursus.web).
"""

from __future__ import annotations

from kursus import inputs
from kursus.commands.options import LearnOptions, ServeOptions
from kursus.errors import CliError
from kursus.locations import progress_dir


def serve_command(options: ServeOptions) -> int:
    lang = inputs.language(options.lang)
    course = inputs.course_in(inputs.lessons_folder(options.lessons), lang)
    folder = progress_dir(options.progress_dir)
    if folder.exists() and not folder.is_dir():
        raise CliError(f"{folder}: the progress folder is a file, not a folder")
    if not 0 <= options.port <= 65535:
        raise CliError(f"--port {options.port}: use a port from 1 to 65535 (0: any free port)")
    from kursus.web.server import ServeConfig, serve  # aiohttp and textual-serve, only for this command

    learn = LearnOptions(
        lang=options.lang,
        progress_dir=options.progress_dir,
        lessons=options.lessons,
        name=options.name,
        cohort=options.cohort,
    )
    return serve(ServeConfig(host=options.host, port=options.port, learn=learn, lang=lang, title=course.title))
