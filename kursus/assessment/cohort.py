"""The cohort view of SHARED self-assessment rounds: the mean level per competence,
before and after, shown only when at least MIN_LEARNERS learners shared (no small-group
exposure). Built from LearnerSummary, which holds shared rounds only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kursus.summary import LearnerSummary

MIN_LEARNERS = 3


@dataclass(frozen=True)
class CohortRow:
    competence_id: str
    before_mean: float | None  # None when fewer than MIN_LEARNERS learners are behind it
    before_n: int
    after_mean: float | None
    after_n: int


@dataclass(frozen=True)
class CohortView:
    sharing: int  # learners with at least one shared round
    min_learners: int
    rows: tuple[CohortRow, ...]  # empty unless `enough`

    @property
    def enough(self) -> bool:
        return self.sharing >= self.min_learners


def competence_ids_of(learners: Iterable[LearnerSummary]) -> list[str]:
    """Every competence any shared round assessed, in first-seen order."""
    seen: dict[str, None] = {}
    for learner in learners:
        for one in learner.shared_rounds:
            seen.update(dict.fromkeys(one.levels))
    return list(seen)


def cohort_view(
    learners: Sequence[LearnerSummary],
    competence_ids: Sequence[str] | None = None,
    *,
    min_learners: int = MIN_LEARNERS,
) -> CohortView:
    sharing = [learner for learner in learners if learner.shared_rounds]
    if len(sharing) < min_learners:
        return CohortView(len(sharing), min_learners, ())
    ids = list(competence_ids) if competence_ids is not None else competence_ids_of(sharing)
    rows = []
    for cid in ids:
        before = _levels(sharing, cid, "before")
        after = _levels(sharing, cid, "after")
        rows.append(
            CohortRow(
                cid,
                sum(before) / len(before) if len(before) >= min_learners else None,
                len(before),
                sum(after) / len(after) if len(after) >= min_learners else None,
                len(after),
            )
        )
    return CohortView(len(sharing), min_learners, tuple(rows))


def _levels(learners: Iterable[LearnerSummary], competence_id: str, which: str) -> list[int]:
    levels = []
    for learner in learners:
        one = learner.shared_round(learner.round_before_id if which == "before" else learner.round_after_id)
        level = one.levels.get(competence_id) if one else None
        if level is not None:
            levels.append(level)
    return levels
