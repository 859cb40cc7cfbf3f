"""Command-line options turned into checked values, shared by every command.

A bad value raises CliError with one line naming the option or file (exit 2).
"""

from __future__ import annotations

from pathlib import Path

from kursus.content import ContentError, Course
from kursus.content.cache import load_course_cached
from kursus.errors import CliError
from kursus.i18n import UnknownLanguage, resolve_language
from kursus.locations import lessons_dir


def language(option: str | None) -> str:
    """--lang, then KURSUS_LANG, then Danish."""
    try:
        return resolve_language(option)
    except UnknownLanguage as exc:
        raise CliError(f"unknown language '{exc}' (use da or en)") from None


def lessons_folder(option: str | None) -> Path:
    """--lessons, then KURSUS_LESSONS_DIR, then the shipped course; it must exist."""
    folder = lessons_dir(option)
    if not folder.is_dir():
        raise CliError(f"{folder}: no such lessons folder")
    return folder


def course_in(folder: Path, lang: str) -> Course:
    """The course, from the parsed-course cache when its files are unchanged; a broken
    course is its first problem and a pointer to `kursus validate`."""
    try:
        return load_course_cached(folder, lang)
    except ContentError as exc:
        first = exc.problems[0]
        more = f" (and {len(exc.problems) - 1} more; run `kursus validate {folder}`)" if len(exc.problems) > 1 else ""
        raise CliError(f"{first}{more}") from None
