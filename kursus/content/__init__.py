"""Lesson model, YAML loading and validation. Knows nothing of Textual."""

from kursus.content.loader import LANGUAGES, load_course
from kursus.content.models import Choice, Course, Lesson, Module, Rating, Reflection, Scenario
from kursus.content.problems import ContentError, Problem

__all__ = [
    "LANGUAGES", "Choice", "ContentError", "Course", "Lesson", "Module", "Problem",
    "Rating", "Reflection", "Scenario", "load_course",
]
