"""Before, after and latest per competence: the rows of the learner's chart, the
export, the PDF course record and the trainer's views (with `shared_only`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kursus.tracking.record import ProgressRecord, SelfAssessmentRound


@dataclass(frozen=True)
class CompetenceRow:
    competence_id: str
    before: int | None  # the level in the "before" round (None: not assessed there)
    after: int | None  # the level in the "after" round (None: no after round, or skipped)
    latest: int | None  # the level in the latest round

    @property
    def change(self) -> int | None:
        """after - before, when both are known."""
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class BeforeAfter:
    before: SelfAssessmentRound | None
    after: SelfAssessmentRound | None
    latest: SelfAssessmentRound | None
    rows: tuple[CompetenceRow, ...]

    @property
    def empty(self) -> bool:
        return self.latest is None


def before_after(
    record: ProgressRecord, competence_ids: Iterable[str] | None = None, *, shared_only: bool = False
) -> BeforeAfter:
    """The before/after/latest levels of every competence (the content's order; without
    content, every competence any round assessed, in first-seen order). With
    `shared_only`, only rounds the learner shared count (what a trainer may see)."""
    before = record.round_before(shared_only=shared_only)
    after = record.round_after(shared_only=shared_only)
    latest = record.latest_round(shared_only=shared_only)
    if competence_ids is None:
        seen: dict[str, None] = {}
        for one in record.shared_self_assessments if shared_only else record.self_assessments:
            seen.update(dict.fromkeys(one.levels))
        competence_ids = seen
    rows = tuple(
        CompetenceRow(
            cid,
            before.level(cid) if before else None,
            after.level(cid) if after else None,
            latest.level(cid) if latest else None,
        )
        for cid in competence_ids
    )
    return BeforeAfter(before, after, latest, rows)
