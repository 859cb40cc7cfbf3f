"""`kursus validate` for the self-assessment and the phase finder: every problem, with
file and line, beside the lessons' own (kursus.content.validate calls this)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kursus.assessment.loader import PHASE_FINDER_FILE, SELF_ASSESSMENT_FILE, build_phase_finder, build_self_assessment
from kursus.content.problems import Problem
from kursus.vocabulary import LANGUAGES


def assessment_problems(lessons_dir: Path, lesson_ids: Sequence[str]) -> list[Problem]:
    """The problems of both files (each is optional: a course without one has no such
    feature). One build checks every language's block, so one pass is enough."""
    problems: list[Problem] = []
    if (lessons_dir / SELF_ASSESSMENT_FILE).exists():
        build_self_assessment(lessons_dir / SELF_ASSESSMENT_FILE, LANGUAGES[0], problems, lesson_ids)
    if (lessons_dir / PHASE_FINDER_FILE).exists():
        build_phase_finder(lessons_dir / PHASE_FINDER_FILE, LANGUAGES[0], problems, lesson_ids)
    return problems
