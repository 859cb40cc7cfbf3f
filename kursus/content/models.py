"""The course as plain data: what the loader builds and every other part reads.

Ids (lesson, scenario, choice, reflection prompt) are the same in every language, so
progress recorded in one language applies in the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kursus.vocabulary import Rating

__all__ = [
    "Choice",
    "Course",
    "GlossaryTerm",
    "Lesson",
    "Module",
    "Page",
    "Practice",
    "Rating",
    "Reflection",
    "Scenario",
]


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    rating: Rating
    feedback: str
    next: str | None = None  # a follow-up scenario id (branching)


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    situation: str
    question: str
    choices: tuple[Choice, ...]
    follow_up: bool = False  # only reached through a choice's `next`
    knowledge_check: bool = False  # hinges on a fact of the model the lessons teach, not on judgement

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True)
class Page:
    title: str
    text: str  # Markdown


@dataclass(frozen=True)
class Reflection:
    id: str
    prompt: str


@dataclass(frozen=True)
class Practice:
    title: str
    task: str


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    summary: str
    minutes: int
    objectives: tuple[str, ...]
    body: tuple[Page, ...]
    key_points: tuple[str, ...]
    scenarios: tuple[Scenario, ...]
    reflections: tuple[Reflection, ...]
    practice: Practice
    links: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def prompt(self, prompt_id: str) -> Reflection | None:
        """The reflection prompt with this id, or None."""
        return next((r for r in self.reflections if r.id == prompt_id), None)

    @property
    def main_scenarios(self) -> tuple[Scenario, ...]:
        """The scenarios a learner meets in order (follow-ups come through branching)."""
        return tuple(s for s in self.scenarios if not s.follow_up)

    @property
    def word_count(self) -> int:
        return sum(len(page.text.split()) for page in self.body)


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    lesson_ids: tuple[str, ...]


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: str
    definition: str


@dataclass(frozen=True)
class Course:
    """One language's view of the course."""

    id: str
    version: int
    title: str
    lang: str
    modules: tuple[Module, ...]
    lessons: dict[str, Lesson] = field(default_factory=dict)
    glossary: tuple[GlossaryTerm, ...] = ()

    @property
    def lesson_order(self) -> tuple[str, ...]:
        return tuple(lid for module in self.modules for lid in module.lesson_ids)
