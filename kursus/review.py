"""Spaced review: scenarios missed at the first try come back on a schedule.

The schedule is the Free Spaced Repetition Scheduler (the `fsrs` package), not a
hand-made one. Its state for each scenario (an fsrs Card, as a dict) is kept in the
learner's progress file (the `reviews` table), so it survives a restart.

- A first try that is not the best answer puts the scenario into review (the scheduler
  rates it "Again": it is due within the day). `attach(store)` listens for that on the
  store's event seam, so no screen has to remember to do it.
- A review answer is rated for fsrs by how good the choice was (best: Good, partial:
  Hard, wrong: Again) and written with the new state in one write. It is its own event
  kind (`review_answered`): the first-try score a trainer sees never changes.

No Textual here; `now` is always a parameter, so tests inject the clock.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from kursus.tracking.events import AnswerGiven, LearnerEvent, ReviewAnswered
from kursus.vocabulary import Rating

if TYPE_CHECKING:
    from collections.abc import Callable

    from kursus.content.models import Choice, Course, Scenario
    from kursus.tracking.record import ProgressRecord
    from kursus.tracking.store import ProgressStore


def _scheduler() -> Any:
    from fsrs import Scheduler

    # No fuzzing: the same answers on the same days give the same schedule (testable,
    # and two windows on one learner agree).
    return Scheduler(enable_fuzzing=False)


def _fsrs_rating(rating: Rating) -> Any:
    from fsrs import Rating as FsrsRating

    return {Rating.BEST: FsrsRating.Good, Rating.PARTIAL: FsrsRating.Hard, Rating.WRONG: FsrsRating.Again}[rating]


def first_card(now: datetime) -> dict[str, Any]:
    """The scheduler state of a scenario just missed at the first try."""
    from fsrs import Card

    card, _ = _scheduler().review_card(Card(), _fsrs_rating(Rating.WRONG), now)
    return dict(card.to_dict())


def next_card(card: dict[str, Any], rating: Rating, now: datetime) -> dict[str, Any]:
    """The state after a review answer rated `rating` at `now`."""
    from fsrs import Card

    updated, _ = _scheduler().review_card(Card.from_dict(card), _fsrs_rating(rating), now)  # type: ignore[arg-type]  # a CardDict as Card.to_dict wrote it
    return dict(updated.to_dict())


def due_at(card: object) -> datetime | None:
    """When a stored card is due; None for a damaged one (a hand-edited file)."""
    value = card.get("due") if isinstance(card, dict) else None
    try:
        due = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if due is not None and due.tzinfo is None:
        due = due.replace(tzinfo=UTC)
    return due


@dataclass(frozen=True)
class DueScenario:
    lesson_id: str
    scenario_id: str
    due: datetime
    card: dict[str, Any]


def due_scenarios(record: ProgressRecord, course: Course, now: datetime) -> list[DueScenario]:
    """The scenarios due for review at `now`, longest overdue first; scenarios the course
    no longer has, or damaged states, are left out."""
    due: list[DueScenario] = []
    for doc in record.review_docs:
        lesson_id, scenario_id, card = doc.get("lesson_id"), doc.get("scenario_id"), doc.get("card")
        lesson = course.lessons.get(lesson_id) if isinstance(lesson_id, str) else None
        if lesson is None or not isinstance(scenario_id, str) or lesson.scenario(scenario_id) is None:
            continue
        when = due_at(card)
        if when is not None and when <= now:
            due.append(DueScenario(lesson_id, scenario_id, when, card))  # type: ignore[arg-type]
    return sorted(due, key=lambda item: (item.due, item.lesson_id, item.scenario_id))


def next_due(record: ProgressRecord, now: datetime) -> datetime | None:
    """When the next review comes due after `now` (for "next review: tomorrow")."""
    later = [when for doc in record.review_docs if (when := due_at(doc.get("card"))) is not None and when > now]
    return min(later, default=None)


def shuffled(scenario: Scenario, round_number: int) -> list[Choice]:
    """The choices in a new order for each review round (never the order first met when
    another exists), the same order for the same round (a redrawn screen keeps it)."""
    choices = list(scenario.choices)
    rng = random.Random(f"{scenario.id}/{round_number}")
    for _ in range(10):
        order = choices[:]
        rng.shuffle(order)
        if order != choices:
            return order
    return choices[::-1]


def answer_review(
    store: ProgressStore, due: DueScenario, choice: Choice, now: datetime | None = None
) -> ReviewAnswered:
    """Record a review answer and reschedule the scenario, in one write."""
    now = now or datetime.now(UTC)
    event = ReviewAnswered(due.lesson_id, due.scenario_id, choice.id, choice.rating)
    return store.record_review(event, next_card(due.card, choice.rating, now), at=now)


def attach(store: ProgressStore, clock: Callable[[], datetime] | None = None) -> Callable[[], None]:
    """Put every scenario missed at the first try into review, from now on. Returns the
    function that detaches it."""

    def on_event(event: LearnerEvent) -> None:
        if isinstance(event, AnswerGiven) and event.first_try and event.rating is not Rating.BEST:
            now = clock() if clock else _time_of(event)
            store.add_review_card(event.lesson_id, event.scenario_id, first_card(now))

    return store.subscribe(on_event)


def _time_of(event: AnswerGiven) -> datetime:
    try:
        return datetime.fromisoformat(event.time)
    except ValueError:
        return datetime.now(UTC)
