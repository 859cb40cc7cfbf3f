"""The self-assessment and the phase finder of the course the learner has open.

Both files are optional for a course (the test course has neither): `offers_*` say
whether the map, the course overview and the welcome offer them, without loading the
YAML; `self_assessment_of` / `phase_finder_of` load them once per language.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from kursus.textsafe import visible

if TYPE_CHECKING:
    from kursus.assessment import PhaseFinder, SelfAssessment
    from kursus.session import Session


def offers_self_assessment(session: Session) -> bool:
    from kursus.vocabulary import SELF_ASSESSMENT_FILE

    return _is_file(session.lessons_dir / SELF_ASSESSMENT_FILE)


def offers_phase_finder(session: Session) -> bool:
    from kursus.vocabulary import PHASE_FINDER_FILE

    return _is_file(session.lessons_dir / PHASE_FINDER_FILE)


@cache
def _is_file(path: Path) -> bool:
    """Asked for every key check of the map: the file system once per path and run."""
    return path.is_file()


def self_assessment_of(session: Session) -> SelfAssessment | None:
    """The course's self-assessment in the learner's language (None: the course has none).
    Raises ContentError when the file has problems (`kursus validate` lists them)."""
    return _self_assessment(session.lessons_dir, session.lang, tuple(session.course.lesson_order))


def phase_finder_of(session: Session) -> PhaseFinder | None:
    return _phase_finder(session.lessons_dir, session.lang, tuple(session.course.lesson_order))


@cache
def _self_assessment(folder: Path, lang: str, lesson_ids: tuple[str, ...]) -> SelfAssessment | None:
    from kursus.assessment.loader import load_self_assessment

    return load_self_assessment(folder, lang, lesson_ids)


@cache
def _phase_finder(folder: Path, lang: str, lesson_ids: tuple[str, ...]) -> PhaseFinder | None:
    from kursus.assessment.loader import load_phase_finder

    return load_phase_finder(folder, lang, lesson_ids)


def hanging(label: str, text: str | Text) -> Table:
    """`label` with `text` beside it, wrapped lines indented under the text (Rich Text:
    never parsed as markup; a plain str is made visible first)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(label), text if isinstance(text, Text) else Text(visible(text)))
    return grid


def day_of(stamp: str) -> str:
    """`2026-12-02` from a stored ISO time (as the export writes dates)."""
    return stamp[:10]
