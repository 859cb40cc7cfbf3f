"""Saving a phase check: run the rules, keep answers and result in the learner's file."""

from __future__ import annotations

from collections.abc import Mapping

from kursus.assessment.models import PhaseFinder
from kursus.assessment.rules import PhaseResult, locate
from kursus.tracking.record import PhaseCheck
from kursus.tracking.store import ProgressStore


def check_network(
    store: ProgressStore,
    finder: PhaseFinder,
    network: str,
    answers: Mapping[str, str],
    *,
    shared: bool = False,
) -> tuple[PhaseCheck, PhaseResult]:
    """Locate the network from `answers` and keep the check (private unless `shared`).
    Raises ValueError for an empty network name (after cleaning)."""
    result = locate(finder, answers)
    check = store.save_phase_check(
        network,
        dict(answers),
        result.numbers,
        unfinished=result.unfinished_numbers,
        confidence=result.confidence.value,
        shared=shared,
    )
    return check, result
