"""Synthetic learners with believable histories, for the demo cohort and the benchmark.

A `Plan` says how far a made-up learner got and how they worked; `history()` turns it
into the events and reflections the learner app would have written (same event types
and fields as the screens write), laid out in time so the last thing happens at
`plan.last_active`. `write_learner()` writes them with the app's own ProgressStore.

Reflection texts come from `plan.written` (hand-written answers to given prompts: the
demo cohort) or, without it, from `reflection_text()`, which assembles filler from
fragments; that is good enough for timing a thousand learners (the benchmark) but
reads as machine-made, so the demo does not use it.

Used by scripts/make_demo_cohort.py and bench/report.py. Not used by the app itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from kursus.content.models import Course, Lesson, Scenario
from kursus.tracking.events import AnswerGiven, LessonFinished, LessonOpened, PageViewed, StoredEvent, stamped, to_doc
from kursus.tracking.store import ProgressStore, now_iso
from kursus.vocabulary import Rating


@dataclass
class Plan:
    name: str
    cohort: str
    last_active: datetime  # when the learner last did anything (UTC)
    lessons: int  # how many lessons, in course order, the learner has worked on
    finish_last: bool = True  # False: the last of those lessons is still in progress
    lang: str = "da"
    gap_days: float = 2.0  # typical days between two lessons
    skill: float = 0.6  # chance of the best choice at the first try
    retry: float = 0.5  # chance of trying again after a choice that was not best
    reflect: float = 0.5  # chance of writing a reflection for a prompt
    share: float = 0.15  # chance of sharing a reflection that was written
    texts: list[tuple[str, bool]] = field(default_factory=list)  # fixed (text, shared) reflections first
    # Hand-written reflections, (lesson id, prompt id) -> (text, shared). When set, the
    # learner writes exactly these (in the lessons they reach the reflections of) and no
    # generated text: `reflect` and `share` are not used. The demo cohort sets it.
    written: dict[tuple[str, str], tuple[str, bool]] | None = None


@dataclass(frozen=True)
class Written:
    """A reflection the made-up learner writes (text and share flag)."""

    lesson_id: str
    prompt_id: str
    text: str
    shared: bool


@dataclass(frozen=True)
class Step:
    at: datetime
    event: StoredEvent | Written


_OPENINGS = [
    "I mit netværk",
    "På sidste møde",
    "Hos os i forvaltningen",
    "Når jeg tænker på vores tema",
    "Det slog mig",
    "Jeg har lagt mærke til",
    "Efter lektionen",
]
_MIDDLES = [
    "talte vi mest om løsninger, før vi havde forstået problemet",
    "var det de samme tre, der tog ordet hver gang",
    "kunne jeg mærke, at referencelederen ventede på et hurtigt resultat",
    "blev borgerperspektivet først nævnt til sidst",
    "prøvede vi et lille eksperiment med en ny mødeform",
    "var der uenighed om, hvad netværket egentlig skulle",
    "fik vi inddraget en medarbejder fra et helt andet fagområde",
]
_ENDINGS = [
    "Næste gang vil jeg stille et åbent spørgsmål først.",
    "Jeg vil tale med min referenceleder om rammerne.",
    "Det vil jeg afprøve i næste fase.",
    "Jeg er stadig usikker på, hvordan jeg griber det an.",
    "Det gav mig lyst til at undersøge det nærmere.",
]


def reflection_text(rng: random.Random) -> str:
    sentences = rng.randint(1, 3)
    parts = [f"{rng.choice(_OPENINGS)} {rng.choice(_MIDDLES)}." for _ in range(sentences)]
    return " ".join([*parts, rng.choice(_ENDINGS)])


def _choose(scenario: Scenario, rng: random.Random, skill: float, avoid: set[str]) -> Any:
    best = [c for c in scenario.choices if c.rating is Rating.BEST and c.id not in avoid]
    others = [c for c in scenario.choices if c.rating is not Rating.BEST and c.id not in avoid]
    if best and (not others or rng.random() < skill):
        return rng.choice(best)
    return rng.choice(others or best or list(scenario.choices))


def _lesson_steps(
    lesson: Lesson, plan: Plan, rng: random.Random, t: datetime, finish: bool, texts: list[tuple[str, bool]]
) -> tuple[list[Step], datetime]:
    steps = [Step(t, LessonOpened(lesson.id, plan.lang))]
    pages = len(lesson.body) if finish else rng.randint(1, max(1, len(lesson.body)))
    for page in range(1, pages):
        t += timedelta(minutes=rng.uniform(1.5, 5))
        steps.append(Step(t, PageViewed(lesson.id, page)))
    if not finish and rng.random() < 0.5:
        return steps, t  # stopped while reading
    by_id = {s.id: s for s in lesson.scenarios}
    queue = list(lesson.main_scenarios)
    answered = 0
    while queue:
        scenario = queue.pop(0)
        if not finish and answered and rng.random() < 0.4:
            return steps, t  # stopped halfway through the scenarios
        tried: set[str] = set()
        attempt = 0
        while True:
            attempt += 1
            t += timedelta(minutes=rng.uniform(0.5, 3))
            choice = _choose(scenario, rng, plan.skill if attempt == 1 else 0.9, tried)
            tried.add(choice.id)
            steps.append(Step(t, AnswerGiven(lesson.id, scenario.id, choice.id, choice.rating, attempt)))
            if choice.next and choice.next in by_id:
                queue.insert(0, by_id[choice.next])
            if choice.rating is Rating.BEST or rng.random() > plan.retry or len(tried) >= len(scenario.choices):
                break
        answered += 1
    for prompt in lesson.reflections:
        if texts:
            text, shared = texts.pop(0)
        elif plan.written is not None:
            if (lesson.id, prompt.id) not in plan.written:
                continue
            text, shared = plan.written[(lesson.id, prompt.id)]
        elif rng.random() < plan.reflect:
            text, shared = reflection_text(rng), rng.random() < plan.share
        else:
            continue
        t += timedelta(minutes=rng.uniform(2, 8))
        steps.append(Step(t, Written(lesson.id, prompt.id, text, shared)))
    if finish:
        t += timedelta(minutes=rng.uniform(0.2, 1))
        steps.append(Step(t, LessonFinished(lesson.id)))
    return steps, t


def history(course: Course, plan: Plan, rng: random.Random) -> list[Step]:
    """The learner's steps in time order, ending at `plan.last_active` (empty if not started)."""
    order = [course.lessons[lid] for lid in course.lesson_order if lid in course.lessons]
    count = min(plan.lessons, len(order))
    texts = list(plan.texts)
    steps: list[Step] = []
    t = datetime(2000, 1, 1, 9, 0, tzinfo=plan.last_active.tzinfo)  # shifted below
    for number, lesson in enumerate(order[:count], start=1):
        finish = plan.finish_last or number < count
        lesson_steps, t = _lesson_steps(lesson, plan, rng, t, finish, texts)
        steps.extend(lesson_steps)
        t += timedelta(days=plan.gap_days * rng.uniform(0.3, 1.7), hours=rng.uniform(-3, 3))
    if not steps:
        return []
    shift = plan.last_active - steps[-1].at
    return [Step(s.at + shift, s.event) for s in steps]


def write_learner(folder: Path, course: Course, plan: Plan, rng: random.Random, *, bulk: bool = False) -> Path:
    """Create the learner's file with ProgressStore and play their history into it.

    bulk=False goes through the public API one step at a time, exactly as the app
    does (the demo cohort). bulk=True appends all events in one locked write through
    the store's own TinyDB plumbing: a thousand learners with full histories would
    otherwise take minutes of fsyncs (the benchmark).
    """
    store, _ = ProgressStore.open_for(
        folder, plan.name, cohort=plan.cohort, lang=plan.lang, course_id=course.id, content_version=course.version
    )
    steps = history(course, plan, rng)
    # When they signed up: just before their first step (or at last_active if none).
    store.update_profile(created=now_iso(steps[0].at - timedelta(minutes=5) if steps else plan.last_active))
    if bulk:
        _write_bulk(store, steps)
        return store.path
    for step in steps:
        if isinstance(step.event, Written):
            written = step.event
            store.save_reflection(written.lesson_id, written.prompt_id, written.text, shared=written.shared, at=step.at)
        else:
            store.record_event(step.event, at=step.at)
    return store.path


def _write_bulk(store: ProgressStore, steps: list[Step]) -> None:
    events = [to_doc(stamped(s.event, now_iso(s.at))) for s in steps if not isinstance(s.event, Written)]
    reflections = [
        {
            "lesson_id": s.event.lesson_id,
            "prompt_id": s.event.prompt_id,
            "text": s.event.text,
            "updated": now_iso(s.at),
            "shared": s.event.shared,
            "rev": 1,
        }
        for s in steps
        if isinstance(s.event, Written)
    ]
    store.append_history(events, reflections)
