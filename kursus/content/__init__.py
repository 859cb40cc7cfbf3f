"""Lesson model, YAML loading and validation. Knows nothing of Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kursus.content.models import Choice, Course, Lesson, Module, Rating, Reflection, Scenario
from kursus.content.problems import ContentError, Problem
from kursus.vocabulary import LANGUAGES

if TYPE_CHECKING:
    from pathlib import Path


def load_course(lessons_dir: Path, lang: str) -> Course:
    """The whole course in one language (see kursus.content.loader.load_course)."""
    from kursus.content.loader import load_course as load  # imports YAML only when called

    return load(lessons_dir, lang)


__all__ = [
    "LANGUAGES",
    "Choice",
    "ContentError",
    "Course",
    "Lesson",
    "Module",
    "Problem",
    "Rating",
    "Reflection",
    "Scenario",
    "load_course",
]
