"""One learner's progress as plain data, and what follows from it.

Shared by the learner app (through ProgressStore) and the trainer tools (read-only), so
"done", "score" and "last activity" mean the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from kursus.tracking.names import name_key
from kursus.tracking.schema import SCHEMA_VERSION, migrate
from kursus.tracking.storage import Unreadable, UnreadableProgressFile, read_json_file
from kursus.vocabulary import EventKind, LessonStatus, Occasion

SCALE_POINTS = 5
"""A competence is self-assessed on 1..SCALE_POINTS (the content's five level texts)."""


class Reflection(NamedTuple):
    lesson_id: str
    prompt_id: str
    text: str
    shared: bool
    updated: str
    revision: int = 0  # counts changes of the text; a screen saves against the revision it read


@dataclass(frozen=True)
class ScenarioResult:
    lesson_id: str
    scenario_id: str
    first_choice: str
    first_score: float
    attempts: int
    last_choice: str
    last_score: float


@dataclass(frozen=True, eq=False)
class SelfAssessmentRound:
    """One round of the competence self-assessment, as kept in the progress file.

    `levels` maps competence id -> 1..SCALE_POINTS and may be incomplete (a learner can
    skip a competence); `notes` and `next_steps` map competence id -> the learner's text
    (only non-empty texts are kept). Private unless `shared` (exactly true on disk)."""

    id: str
    taken_at: str  # ISO 8601 UTC, when the round was begun
    occasion: Occasion
    levels: Mapping[str, int]
    notes: Mapping[str, str]
    next_steps: Mapping[str, str]
    shared: bool
    updated: str = ""

    def level(self, competence_id: str) -> int | None:
        return self.levels.get(competence_id)


@dataclass(frozen=True, eq=False)
class PhaseCheck:
    """One phase-finder check of a network the learner leads, as kept in the file.

    `answers` maps question id -> option id as given; `phases` is the result saved with
    it (one phase, or two neighbouring ones; empty when nothing was known), `unfinished`
    the earlier phases that looked unfinished, `confidence` a kursus.vocabulary.Confidence
    value. The result is kept as it was found, so the history does not change when the
    finder's rules are revised later."""

    id: str
    network: str
    checked_at: str
    answers: Mapping[str, str]
    phases: tuple[int, ...]
    unfinished: tuple[int, ...]
    confidence: str
    shared: bool


@dataclass
class ProgressRecord:
    """What one progress file says, and the rules every view shares: which lessons are
    done, a scenario's first try, the last activity. Written to be read; the trainer's
    report has a faster reading of the same rules (kursus.trainer.fast_record), and a
    property test holds the two to the same numbers."""

    path: Path | None
    meta: dict[str, Any]
    profile: dict[str, Any]
    events: list[dict[str, Any]]
    reflection_docs: list[dict[str, Any]]  # as stored; `reflections` gives them typed
    migrated_from: int | None = None
    review_docs: list[dict[str, Any]] = field(default_factory=list)  # spaced review (kursus.review)
    self_assessment_docs: list[dict[str, Any]] = field(default_factory=list)  # `self_assessments`
    phase_check_docs: list[dict[str, Any]] = field(default_factory=list)  # `phase_checks`

    @cached_property
    def reflections(self) -> list[Reflection]:
        return [_reflection(doc) for doc in self.reflection_docs]

    @property
    def shared_reflections(self) -> list[Reflection]:
        """Only those the learner chose to share (the flag must be exactly true)."""
        return [_reflection(doc) for doc in self.reflection_docs if doc.get("shared") is True]

    @property
    def name(self) -> str:
        return str(self.profile.get("name", ""))

    @property
    def cohort(self) -> str:
        return str(self.profile.get("cohort", "") or "")

    @property
    def lang(self) -> str:
        return str(self.profile.get("lang", "da"))

    def _of_kind(self, kind: EventKind) -> list[dict[str, Any]]:
        return [event for event in self.events if event.get("type") == kind]

    @cached_property
    def touched_lessons(self) -> frozenset[str]:
        """Lessons with any event: opened, read, answered or finished."""
        return frozenset(event["lesson_id"] for event in self.events if isinstance(event.get("lesson_id"), str))

    @cached_property
    def finished_lessons(self) -> frozenset[str]:
        finished = self._of_kind(EventKind.LESSON_FINISHED)
        return frozenset(event["lesson_id"] for event in finished if isinstance(event.get("lesson_id"), str))

    @cached_property
    def first_answers(self) -> dict[tuple[Any, Any], dict[str, Any]]:
        """The first answer event for each (lesson id, scenario id), in answer order."""
        first: dict[tuple[Any, Any], dict[str, Any]] = {}
        for event in self._of_kind(EventKind.ANSWER):
            first.setdefault((event.get("lesson_id"), event.get("scenario_id")), event)
        return first

    @cached_property
    def last_activity(self) -> datetime | None:
        """The latest time of any event or reflection change."""
        times = [event.get("time") for event in self.events] + [doc.get("updated") for doc in self.reflection_docs]
        return latest_time(times)

    def lesson_status(self, lesson_id: str) -> LessonStatus:
        if lesson_id in self.finished_lessons:
            return LessonStatus.DONE
        return LessonStatus.IN_PROGRESS if lesson_id in self.touched_lessons else LessonStatus.NOT_STARTED

    def lesson_statuses(self, lesson_ids: Iterable[str]) -> dict[str, str]:
        """lesson id -> status for many lessons at once."""
        return {lesson_id: self.lesson_status(lesson_id) for lesson_id in lesson_ids}

    def last_page(self, lesson_id: str) -> int:
        values = [e.get("page") for e in self._of_kind(EventKind.PAGE_VIEWED) if e.get("lesson_id") == lesson_id]
        pages = [page for page in values if isinstance(page, int) and not isinstance(page, bool)]
        return pages[-1] if pages else 0

    @cached_property
    def answers_by_scenario(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """Every answer event per (lesson id, scenario id), each list in the order given."""
        grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for event in self._of_kind(EventKind.ANSWER):
            key = (str(event.get("lesson_id", "")), str(event.get("scenario_id", "")))
            grouped.setdefault(key, []).append(event)
        return grouped

    def scenario_results(self, lesson_id: str | None = None) -> dict[tuple[str, str], ScenarioResult]:
        results: dict[tuple[str, str], ScenarioResult] = {}
        for key, events in self.answers_by_scenario.items():
            if lesson_id is not None and key[0] != lesson_id:
                continue
            first, last = events[0], events[-1]
            results[key] = ScenarioResult(
                key[0],
                key[1],
                str(first.get("choice_id", "")),
                score_of(first.get("score")),
                len(events),
                str(last.get("choice_id", "")),
                score_of(last.get("score")),
            )
        return results

    @property
    def reviews_answered(self) -> int:
        """How many review answers the learner gave (spaced review; never a first try)."""
        return len(self._of_kind(EventKind.REVIEW_ANSWERED))

    def reflection(self, lesson_id: str, prompt_id: str) -> Reflection | None:
        return next((r for r in self.reflections if r.lesson_id == lesson_id and r.prompt_id == prompt_id), None)

    # --- competence self-assessment ----------------------------------------------------
    # Private unless shared. Nothing here feeds `last_activity`: a trainer must not learn
    # even that a private round exists.

    @cached_property
    def self_assessments(self) -> list[SelfAssessmentRound]:
        """Every round, oldest first (by taken_at; file order breaks ties)."""
        rounds = [record_round(doc) for doc in self.self_assessment_docs]
        return sorted(rounds, key=lambda r: _time_key(r.taken_at))

    @property
    def shared_self_assessments(self) -> list[SelfAssessmentRound]:
        """Only the rounds the learner chose to share, oldest first."""
        return [r for r in self.self_assessments if r.shared]

    def self_assessment(self, round_id: str) -> SelfAssessmentRound | None:
        return next((r for r in self.self_assessments if r.id == round_id), None)

    def _rounds(self, shared_only: bool) -> list[SelfAssessmentRound]:
        return self.shared_self_assessments if shared_only else self.self_assessments

    def round_before(self, *, shared_only: bool = False) -> SelfAssessmentRound | None:
        """The "before" round: the earliest taken at the start, else the earliest of all."""
        rounds = self._rounds(shared_only)
        return next((r for r in rounds if r.occasion is Occasion.START), rounds[0] if rounds else None)

    def round_after(self, *, shared_only: bool = False) -> SelfAssessmentRound | None:
        """The "after" round: the latest taken at the end, later than the before round
        (None until there is one)."""
        before = self.round_before(shared_only=shared_only)
        ends = [r for r in self._rounds(shared_only) if r.occasion is Occasion.END and r is not before]
        return ends[-1] if ends else None

    def latest_round(self, *, shared_only: bool = False) -> SelfAssessmentRound | None:
        rounds = self._rounds(shared_only)
        return rounds[-1] if rounds else None

    # --- phase checks --------------------------------------------------------------------

    @cached_property
    def phase_checks(self) -> list[PhaseCheck]:
        """Every check of every network, oldest first."""
        checks = [record_check(doc) for doc in self.phase_check_docs]
        return sorted(checks, key=lambda c: _time_key(c.checked_at))

    @property
    def shared_phase_checks(self) -> list[PhaseCheck]:
        return [c for c in self.phase_checks if c.shared]

    def phase_check(self, check_id: str) -> PhaseCheck | None:
        return next((c for c in self.phase_checks if c.id == check_id), None)

    def networks(self, *, shared_only: bool = False) -> list[str]:
        """The networks checked, each once (as first named; letter case and spacing do not
        make another network), in the order they were first checked."""
        names: dict[str, str] = {}
        for check in self.shared_phase_checks if shared_only else self.phase_checks:
            names.setdefault(name_key(check.network), check.network)
        return list(names.values())

    def checks_for(self, network: str, *, shared_only: bool = False) -> list[PhaseCheck]:
        """One network's checks, oldest first: how it moved through the phases."""
        key = name_key(network)
        checks = self.shared_phase_checks if shared_only else self.phase_checks
        return [c for c in checks if name_key(c.network) == key]


def record_from_data(data: dict[str, Any], path: Path) -> ProgressRecord:
    """A record from a file's parsed JSON (migrated in memory; nothing is written)."""
    data, found = migrate(data, path)
    meta: dict[str, Any] = next(iter(data["meta"].values()), {})
    profile: object = next(iter(data["profile"].values()), {}) if data["profile"] else {}
    if not isinstance(profile, dict):
        raise UnreadableProgressFile(path, Unreadable.PROFILE_DAMAGED)
    events = docs_in_order(data["events"])
    reflection_docs = docs_in_order(data["reflections"])
    return ProgressRecord(
        path,
        meta,
        profile,
        events,
        reflection_docs,
        migrated_from=found if found != SCHEMA_VERSION else None,
        review_docs=docs_in_order(data["reviews"]),
        self_assessment_docs=docs_in_order(data["self_assessments"]),
        phase_check_docs=docs_in_order(data["phase_checks"]),
    )


def _reflection(doc: dict[str, Any]) -> Reflection:
    """Every field as text, whatever a hand-edited file holds; shared only if exactly true."""
    return Reflection(
        str(doc.get("lesson_id", "")),
        str(doc.get("prompt_id", "")),
        str(doc.get("text", "")),
        doc.get("shared") is True,
        str(doc.get("updated", "")),
        revision_of(doc),
    )


def record_round(doc: dict[str, Any]) -> SelfAssessmentRound:
    """A stored round, whatever a hand-edited file holds: levels outside 1..SCALE_POINTS,
    texts that are not text and unknown occasions are dropped or read as `anytime`."""
    levels = {
        str(key): value
        for key, value in _mapping(doc.get("levels")).items()
        if type(value) is int and 1 <= value <= SCALE_POINTS
    }
    return SelfAssessmentRound(
        id=str(doc.get("id", "")),
        taken_at=str(doc.get("taken_at", "")),
        occasion=occasion_of(doc.get("occasion")),
        levels=levels,
        notes=_texts(doc.get("notes")),
        next_steps=_texts(doc.get("next_steps")),
        shared=doc.get("shared") is True,
        updated=str(doc.get("updated", "")),
    )


def occasion_of(value: object) -> Occasion:
    """The occasion a stored value names; anything else is `anytime`."""
    try:
        return Occasion(value) if isinstance(value, str) else Occasion.ANYTIME
    except ValueError:
        return Occasion.ANYTIME


def record_check(doc: dict[str, Any]) -> PhaseCheck:
    return PhaseCheck(
        id=str(doc.get("id", "")),
        network=str(doc.get("network", "")),
        checked_at=str(doc.get("checked_at", "")),
        answers=_texts(doc.get("answers")),
        phases=_phase_numbers(doc.get("phases")),
        unfinished=_phase_numbers(doc.get("unfinished")),
        confidence=str(doc.get("confidence", "")),
        shared=doc.get("shared") is True,
    )


def _mapping(value: Any) -> dict[str, Any]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def _texts(value: Any) -> dict[str, str]:
    return {key: text for key, text in _mapping(value).items() if isinstance(text, str) and text.strip()}


def _phase_numbers(value: Any) -> tuple[int, ...]:
    return tuple(n for n in value if type(n) is int and n >= 1) if isinstance(value, list) else ()


def _time_key(value: str) -> datetime:
    """A stored time for sorting; a missing or odd one sorts first."""
    return latest_time([value]) or datetime.min.replace(tzinfo=UTC)


def revision_of(doc: dict[str, Any]) -> int:
    value = doc.get("rev", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def read_record(path: Path) -> ProgressRecord:
    """Read a progress file without locking or writing it (the trainer's way in)."""
    data = read_json_file(path)
    if data is None:
        raise UnreadableProgressFile(path, Unreadable.EMPTY)
    return record_from_data(data, path)


def docs_in_order(table: dict[str, Any]) -> list[dict[str, Any]]:
    """A table's documents in doc-id order, dicts only (anything else is damage)."""
    return [doc for _, doc in sorted(table.items(), key=_doc_order) if isinstance(doc, dict)]


def read_records_in(folder: Path) -> list[ProgressRecord]:
    """Every readable progress file directly in `folder`, by file name, read-only.

    For lists a person picks from (who is learning here, whose record to export): a file
    that is not a readable progress record is simply not offered.
    """
    records = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            records.append(read_record(path))
        except Exception:  # noqa: BLE001 - damaged or foreign files are not learners
            continue
    return records


def _doc_order(item: tuple[str, Any]) -> int:
    try:
        return int(item[0])
    except ValueError:
        return 0


def score_of(value: Any) -> float:
    """A stored score as a number; a missing or odd one (a hand-edited file, `true`) is 0."""
    return float(value) if type(value) in (int, float) else 0.0


def latest_time(values: list[Any]) -> datetime | None:
    """The latest of ISO 8601 times; missing or odd values are ignored, and a time
    without a zone is taken as UTC."""
    best: datetime | None = None
    for value in values:
        if not isinstance(value, str) or not value:
            continue
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        if best is None or parsed > best:
            best = parsed
    return best
