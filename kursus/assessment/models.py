"""The self-assessment and the phase finder as plain data (one language's view).

Built by kursus.assessment.loader from `lessons/self-assessment.yaml` and
`lessons/phase-finder.yaml`; ids (competence, phase number, question, option) are the
same in every language, so what a learner saved in one language reads in the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from kursus.tracking.record import SCALE_POINTS

PHASE_COUNT = 8
"""The Network Model's phases, numbered 1..8."""
COMPETENCE_COUNT = 10
"""The seed page's ten competences."""
NEXT_STEP_COUNT = 3
"""Suggested next steps per competence."""
MAX_COMPETENCE_NAME = 32
"""A competence's short name fits a chart's label column at 80x24."""

__all__ = [
    "COMPETENCE_COUNT",
    "MAX_COMPETENCE_NAME",
    "NEXT_STEP_COUNT",
    "PHASE_COUNT",
    "SCALE_POINTS",
    "Competence",
    "FinderRules",
    "Option",
    "Phase",
    "PhaseFinder",
    "Question",
    "SelfAssessment",
]


@dataclass(frozen=True)
class Competence:
    id: str
    lesson: str  # the competence's lesson id in the course
    name: str  # short, at most MAX_COMPETENCE_NAME characters
    statement: str  # the seed page's sentence
    levels: tuple[str, ...]  # SCALE_POINTS observable behaviours, level 1 first
    next_steps: tuple[str, ...]  # NEXT_STEP_COUNT concrete suggestions

    def level_text(self, level: int) -> str:
        return self.levels[level - 1] if 1 <= level <= len(self.levels) else ""


@dataclass(frozen=True)
class SelfAssessment:
    lang: str
    scale: tuple[str, ...]  # SCALE_POINTS short names, level 1 first
    competences: tuple[Competence, ...]  # the seed's order

    def competence(self, competence_id: str) -> Competence | None:
        return next((c for c in self.competences if c.id == competence_id), None)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.competences)

    def scale_name(self, level: int) -> str:
        return self.scale[level - 1] if 1 <= level <= len(self.scale) else ""


@dataclass(frozen=True)
class Option:
    """An answer option. `done`: how much of the question's phase the answer says is
    done, 0..100; None for the "don't know" option (it lowers confidence, it is not "no")."""

    id: str
    label: str
    done: int | None

    @property
    def known(self) -> bool:
        return self.done is not None


@dataclass(frozen=True)
class Question:
    id: str
    phase: int  # the phase whose work the question asks about
    text: str
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Phase:
    number: int  # 1..PHASE_COUNT
    lesson: str  # the phase's lesson id
    name: str
    next_steps: tuple[str, ...]  # what the leader typically does next in this phase
    tools: tuple[str, ...]  # the model's tools of this phase (as the fact sheet names them)


@dataclass(frozen=True)
class FinderRules:
    """The thresholds of kursus.assessment.rules.locate, from the YAML (all in percent).

    neighbour_margin: a neighbouring phase is named too when its misfit is within this
      share of one answer of the best phase's.
    unfinished_below: an earlier phase whose known answers average below this looks unfinished.
    confidence_high / confidence_medium: the share of questions answered (not "don't
      know") needed for a high / medium confidence; below that it is low.
    unknown: the id of the "don't know" option.
    """

    neighbour_margin: int
    unfinished_below: int
    confidence_high: int
    confidence_medium: int
    unknown: str


@dataclass(frozen=True)
class PhaseFinder:
    lang: str
    phases: tuple[Phase, ...]  # 1..PHASE_COUNT in order
    questions: tuple[Question, ...]
    rules: FinderRules

    def phase(self, number: int) -> Phase:
        return self.phases[number - 1]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def questions_of(self, number: int) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.phase == number)
