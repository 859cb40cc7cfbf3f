"""The phase finder's rules: where a network most likely is in the Network Model.

In two lines: each phase P gets a misfit, how badly the known answers fit "the network
is in P" (earlier phases done, later ones not begun, P itself half-way, counted at half
weight); the best fit wins (ties: the earlier phase), and a neighbouring phase with known
answers whose misfit is within `neighbour_margin` of the best is named with it. Earlier
phases whose known answers average below `unfinished_below` look unfinished (going back
is part of the model). "Ved ikke" (the unknown option) is left out of every sum, so it is
never read as "nej"; it lowers the confidence instead.

All numbers are percent of one answer (`Option.done` is 0..100); the thresholds live in
phase-finder.yaml (`rules`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kursus.assessment.models import Option, Phase, PhaseFinder, Question
from kursus.vocabulary import Confidence

HALF_WAY = 50  # what a phase the network is in "should" look like: half done
_LOWER = {Confidence.HIGH: Confidence.MEDIUM, Confidence.MEDIUM: Confidence.LOW}


@dataclass(frozen=True)
class Reason:
    """One answer that decided the result (shown as the question and the answer given)."""

    question: Question
    option: Option

    @property
    def phase(self) -> int:
        return self.question.phase


@dataclass(frozen=True)
class PhaseResult:
    """What `locate` found. `phases`: one phase, or two neighbouring ones; empty when no
    answer was known (every answer "ved ikke" or none given)."""

    phases: tuple[Phase, ...]
    confidence: Confidence
    reasons: tuple[Reason, ...]  # the known answers in and around the phases found
    unfinished: tuple[Phase, ...]  # earlier phases that look unfinished, in order
    unfinished_reasons: tuple[Reason, ...]  # the answers that say so
    answered: int  # questions answered with a known option
    unknown: int  # questions answered "ved ikke" or not answered
    misfits: Mapping[int, float]  # phase number -> misfit (for explanations and tests)

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(p.number for p in self.phases)

    @property
    def unfinished_numbers(self) -> tuple[int, ...]:
        return tuple(p.number for p in self.unfinished)

    @property
    def next_steps(self) -> tuple[str, ...]:
        """What the leader typically does next, for each phase found (in phase order)."""
        return tuple(step for phase in self.phases for step in phase.next_steps)

    @property
    def tools(self) -> tuple[str, ...]:
        return tuple(tool for phase in self.phases for tool in phase.tools)

    @property
    def lesson_ids(self) -> tuple[str, ...]:
        return tuple(phase.lesson for phase in self.phases)


def known_answers(finder: PhaseFinder, answers: Mapping[str, str]) -> list[tuple[Question, Option]]:
    """The answers that say something: a question of the finder, an option of that
    question, not the unknown option. Stale or foreign ids are ignored, never an error."""
    found = []
    for question in finder.questions:
        option = question.option(answers.get(question.id, "")) if isinstance(answers.get(question.id), str) else None
        if option is not None and option.done is not None:
            found.append((question, option))
    return found


def misfit(number: int, known: list[tuple[Question, Option]]) -> float:
    """How badly the answers fit "the network is in phase `number`"."""
    total = 0.0
    for question, option in known:
        done = option.done or 0
        if question.phase < number:
            total += 100 - done
        elif question.phase > number:
            total += done
        else:
            total += abs(done - HALF_WAY) / 2
    return total


def locate(finder: PhaseFinder, answers: Mapping[str, str]) -> PhaseResult:
    """The phase (or two neighbouring phases) the network most likely is in, from
    `answers` (question id -> option id; missing = not answered)."""
    known = known_answers(finder, answers)
    total = len(finder.questions)
    if not known:
        return PhaseResult((), Confidence.NONE, (), (), (), 0, total, {})
    numbers = [phase.number for phase in finder.phases]
    misfits = {number: misfit(number, known) for number in numbers}
    best = min(numbers, key=lambda n: (misfits[n], n))
    margin = finder.rules.neighbour_margin
    with_evidence = {question.phase for question, _ in known}
    neighbours = [
        n for n in (best - 1, best + 1) if n in misfits and n in with_evidence and misfits[n] <= misfits[best] + margin
    ]
    chosen = sorted({best, *sorted(neighbours, key=lambda n: (misfits[n], n))[:1]})
    phases = tuple(finder.phase(n) for n in chosen)

    confidence = _confidence(finder, len(known), total)
    close_elsewhere = any(
        misfits[n] <= misfits[best] + margin for n in numbers if n not in chosen and abs(n - best) > 1
    )
    if not with_evidence.intersection(chosen) or close_elsewhere:
        confidence = _LOWER.get(confidence, confidence)

    around = set(range(chosen[0] - 1, chosen[-1] + 2))
    reasons = tuple(Reason(q, o) for q, o in known if q.phase in around)
    unfinished: list[Phase] = []
    unfinished_reasons: list[Reason] = []
    for phase in finder.phases:
        if phase.number >= chosen[0]:
            break
        mine = [(q, o) for q, o in known if q.phase == phase.number]
        if mine and sum(o.done or 0 for _, o in mine) / len(mine) < finder.rules.unfinished_below:
            unfinished.append(phase)
            unfinished_reasons.extend(Reason(q, o) for q, o in mine if (o.done or 0) < 100)
    return PhaseResult(
        phases=phases,
        confidence=confidence,
        reasons=reasons,
        unfinished=tuple(unfinished),
        unfinished_reasons=tuple(unfinished_reasons),
        answered=len(known),
        unknown=total - len(known),
        misfits=misfits,
    )


def _confidence(finder: PhaseFinder, answered: int, total: int) -> Confidence:
    share = 100 * answered / total if total else 0
    if share >= finder.rules.confidence_high:
        return Confidence.HIGH
    if share >= finder.rules.confidence_medium:
        return Confidence.MEDIUM
    return Confidence.LOW
