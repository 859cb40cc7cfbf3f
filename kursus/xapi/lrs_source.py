"""The trainer's report from an LRS: its statements, turned back into progress files,
through the same report pipeline as a folder of files (kursus.trainer.aggregate).

Every statement the LRS lets the trainer read is fetched (the LRS is never asked to
filter: some, like Ralph's file backend, never match a verb or activity filter), and the
ones about this course are recognised by the course activity they carry (so the base
IRI the learners used is read back, whatever it is). Each learner (one xAPI identity)
becomes one progress record, in memory, with the events in the order of the learner's own
log (the `sequence` extension) and the reflections the learner shares now (the latest of
shared/unshared wins), in course order. The report is then built from those records by
the same rules as a cohort's folder (summarise, report_of): the same numbers. Nothing is
written to disk: no copy of a learner's record (or a shared reflection) is left behind,
however the program ends.

What cannot be the same: a private reflection is never sent, so a learner whose last
action was writing a private reflection has an earlier "last activity" here; a learner
who never did anything has sent nothing and is not in the LRS; shared reflections are
listed in course order, not in the order they were first written.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from kursus.content.models import Course
from kursus.summary import CourseIndex, LearnerSummary, summarise
from kursus.tracking.record import ProgressRecord
from kursus.tracking.schema import SCHEMA_VERSION
from kursus.trainer.aggregate import CohortReport, SkippedFile, report_of, report_time
from kursus.trainer.fast_record import fast_record_from_data
from kursus.vocabulary import DEFAULT_STALLED_DAYS, EventKind, Rating, rating_of
from kursus.xapi.client import LrsClient
from kursus.xapi.config import LrsConfig
from kursus.xapi.statements import (
    EXT_ATTEMPT,
    EXT_COHORT,
    EXT_CONTENT_VERSION,
    EXT_RATING,
    EXT_REVISION,
    EXT_SEQUENCE,
    LANG_OF_TAG,
    VERB_ANSWERED,
    VERB_ATTEMPTED,
    VERB_COMPLETED,
    VERB_EXPERIENCED,
    VERB_SHARED,
    VERB_VOIDED,
    Vocabulary,
    actor_key,
    segment,
)

_SAFE = re.compile(r"[^A-Za-z0-9@._+-]+")


class NoStatements(Exception):
    """The LRS holds no statement about this course (the message says what was read)."""


@dataclass
class _Learner:
    key: str
    label: str
    name: str = ""
    cohort: str = ""
    lang: str = ""
    content_version: int = 0
    latest: tuple[str, int] = ("", -1)  # (time, sequence) of the statement the profile came from
    # (sequence, time, order, doc, statement id)
    events: list[tuple[int, str, int, dict[str, Any], str]] = field(default_factory=list)
    # (lesson, prompt) -> every share and unshare of it: (time, order, shared state or None, statement id)
    reflections: dict[tuple[str, str], list[tuple[str, int, dict[str, Any] | None, str]]] = field(default_factory=dict)
    first_time: str = ""


NO_FOLDER = Path(os.devnull) / "kursus-lrs"
"""The `folder` of a report from an LRS: a path that can never be a folder, so nothing
looks for progress files or a cohort plan there, and nothing is written there. The
learners' records are held in memory; a learner's `path` (under it) only names them."""


@dataclass
class Snapshot:
    """The LRS's learners as progress data, one per xAPI identity."""

    learners: dict[Path, tuple[str, dict[str, Any]]]  # name -> (who it is in the LRS, progress data)
    statements: int  # read from the LRS
    used: int  # about this course


@dataclass(slots=True)
class HeldSummary(LearnerSummary):
    """A learner's summary that holds the learner's whole record (there is no file to
    read it from again): the learner view's answers and time spent read it."""

    held: ProgressRecord | None = None

    def record(self) -> ProgressRecord:
        if self.held is None:  # pragma: no cover - always set by lrs_report
            return LearnerSummary.record(self)
        return self.held


def statements_to_records(statements: Any, course: Course) -> Snapshot:
    """One learner's progress data per xAPI identity found in `statements`."""
    learners: dict[str, _Learner] = {}
    read = used = 0
    seen_ids: set[str] = set()
    voided: set[str] = set()
    for order, statement in enumerate(statements):
        read += 1
        sid = statement.get("id")
        if isinstance(sid, str):
            if sid in seen_ids:
                continue
            seen_ids.add(sid)
        target = _voided_id(statement)
        if target:
            voided.add(target)
        elif _take(statement, course, learners, order, sid if isinstance(sid, str) else ""):
            used += 1
    for learner in learners.values():
        _drop_voided(learner, voided)
    found = {
        NO_FOLDER / _file_name(learner): (learner.label, _progress_data(learner, course))
        for learner in learners.values()
    }
    return Snapshot(found, read, used)


def _course_iri(statement: dict[str, Any], suffix: str) -> str | None:
    """The course activity's id (…/courses/<id>) from `grouping`, or the object itself."""
    context = _dict(statement.get("context"))
    activities = _dict(context.get("contextActivities"))
    grouping = activities.get("grouping", [])
    candidates = grouping if isinstance(grouping, list) else [grouping]
    obj = statement.get("object")
    candidates = [*candidates, obj]
    for activity in candidates:
        iri = activity.get("id") if isinstance(activity, dict) else None
        if isinstance(iri, str) and iri.endswith(suffix):
            return iri
    return None


def _voided_id(statement: dict[str, Any]) -> str:
    """The id a voiding statement voids ("" for any other statement). The LRS should no
    longer give out a voided statement (xAPI 1.0.3, 2.2.2); some do (Ralph 5.1.0), so
    voided ones are left out here as well."""
    verb, obj = _dict(statement.get("verb")), _dict(statement.get("object"))
    if verb.get("id") != VERB_VOIDED or obj.get("objectType") != "StatementRef":
        return ""
    target = obj.get("id")
    return target if isinstance(target, str) else ""


def _drop_voided(learner: _Learner, voided: set[str]) -> None:
    if not voided:
        return
    learner.events = [event for event in learner.events if event[4] not in voided]
    for key, changes in learner.reflections.items():
        learner.reflections[key] = [change for change in changes if change[3] not in voided]


def _take(statement: dict[str, Any], course: Course, learners: dict[str, _Learner], order: int, sid: str) -> bool:
    actor = statement.get("actor")
    if not isinstance(actor, dict):
        return False
    key = actor_key(actor)
    suffix = f"/courses/{segment(course.id)}"
    course_iri = _course_iri(statement, suffix)
    obj = statement.get("object")
    verb = statement.get("verb")
    if not key or course_iri is None or not isinstance(obj, dict) or not isinstance(verb, dict):
        return False
    v = Vocabulary(course_iri[: -len(suffix)], course.id)
    object_id = obj.get("id")
    if not isinstance(object_id, str) or not (object_id == course_iri or object_id.startswith(course_iri + "/")):
        return False
    parts = [unquote(part) for part in object_id[len(course_iri) :].strip("/").split("/") if part]
    context = _dict(statement.get("context"))
    extensions = _dict(context.get("extensions"))
    result = _dict(statement.get("result"))
    result_ext = _dict(result.get("extensions"))
    time = _time(statement.get("timestamp"))
    sequence = _int(extensions.get(v.extension(EXT_SEQUENCE)), -1)

    what = _meaning(verb.get("id"), parts, v, context, result, result_ext)
    if what is None:
        return False  # not a statement kursus makes (or one it cannot read): left out
    learner = learners.get(key)
    if learner is None:
        learner = learners[key] = _Learner(key, _label(actor))
    if (time, sequence) >= learner.latest:
        learner.latest = (time, sequence)
        name = actor.get("name")
        learner.name = name if isinstance(name, str) else learner.name
        cohort = extensions.get(v.extension(EXT_COHORT))
        learner.cohort = cohort if isinstance(cohort, str) else learner.cohort
        version = extensions.get(v.extension(EXT_CONTENT_VERSION))
        learner.content_version = _int(version, learner.content_version)
        language = context.get("language")
        learner.lang = LANG_OF_TAG.get(language.lower(), learner.lang) if isinstance(language, str) else learner.lang
    if time and (not learner.first_time or time < learner.first_time):
        learner.first_time = time
    kind, doc = what
    if kind == "event":
        doc["time"] = time
        learner.events.append((sequence, time, order, doc, sid))
    elif kind == "reflection":
        state = {**doc, "updated": time} if doc["shared"] else None
        learner.reflections.setdefault((doc["lesson_id"], doc["prompt_id"]), []).append((time, order, state, sid))
    return True


def _meaning(
    verb_id: Any,
    parts: list[str],
    v: Vocabulary,
    context: dict[str, Any],
    result: dict[str, Any],
    result_ext: dict[str, Any],
) -> tuple[str, dict[str, Any]] | None:
    """("event", a progress-file event), ("reflection", its shared state), ("course", {})
    for the course completed (the report works that out from the lessons), or None."""
    if len(parts) < 2 or parts[0] != "lessons":
        return ("course", {}) if not parts and verb_id == VERB_COMPLETED else None
    lesson_id = parts[1]
    if len(parts) == 2 and verb_id == VERB_ATTEMPTED:
        language = context.get("language")
        lang = LANG_OF_TAG.get(language.lower(), "") if isinstance(language, str) else ""
        return "event", {"type": EventKind.LESSON_OPENED.value, "lesson_id": lesson_id, "lang": lang}
    if len(parts) == 2 and verb_id == VERB_COMPLETED:
        return "event", {"type": EventKind.LESSON_FINISHED.value, "lesson_id": lesson_id}
    if len(parts) == 4 and parts[2] == "pages" and verb_id == VERB_EXPERIENCED:
        page = _int(parts[3], 0)  # counted from 1 in the IRI
        if page < 1:
            return None
        return "event", {"type": EventKind.PAGE_VIEWED.value, "lesson_id": lesson_id, "page": page - 1}
    if len(parts) == 4 and parts[2] == "scenarios" and verb_id == VERB_ANSWERED:
        rating = _rating(result, result_ext.get(v.extension(EXT_RATING)))
        if rating is None:
            return None
        response = result.get("response")
        doc = {
            "type": EventKind.REVIEW_ANSWERED.value if _is_review(context, v) else EventKind.ANSWER.value,
            "lesson_id": lesson_id,
            "scenario_id": parts[3],
            "choice_id": response if isinstance(response, str) else "",
            "rating": rating.value,
            "score": rating.score,
        }
        if doc["type"] == EventKind.ANSWER.value:
            doc["attempt"] = _int(result_ext.get(v.extension(EXT_ATTEMPT)), 0)
        return "event", doc
    if len(parts) == 4 and parts[2] == "reflections" and verb_id in (VERB_SHARED, v.verb_unshared):
        text = result.get("response") if verb_id == VERB_SHARED else None
        return "reflection", {
            "lesson_id": lesson_id,
            "prompt_id": parts[3],
            "text": text if isinstance(text, str) else "",
            "shared": verb_id == VERB_SHARED,
            "rev": _int(result_ext.get(v.extension(EXT_REVISION)), 1),
        }
    return None


def _is_review(context: dict[str, Any], v: Vocabulary) -> bool:
    activities = _dict(context.get("contextActivities"))
    category = activities.get("category", [])
    items = category if isinstance(category, list) else [category]
    return any(isinstance(item, dict) and item.get("id") == v.review_category for item in items)


def _rating(result: dict[str, Any], named: Any) -> Rating | None:
    rating = rating_of(named)
    if rating is not None:
        return rating
    score = _dict(result.get("score"))
    try:
        scaled = float(score["scaled"])
    except (KeyError, TypeError, ValueError):
        return None
    return next((r for r in Rating if r.score == scaled), None)


def _progress_data(learner: _Learner, course: Course) -> dict[str, Any]:
    events = [item[3] for item in sorted(learner.events, key=lambda item: (item[0] < 0, item[0], item[1], item[2]))]
    latest = [max(changes, key=_when) for changes in learner.reflections.values() if changes]  # the latest wins
    reflections = sorted((state for _, _, state, _ in latest if state is not None), key=_course_position(course))
    return {
        "meta": {
            "1": {
                "schema_version": SCHEMA_VERSION,
                "course_id": course.id,
                "content_version": learner.content_version,
                "created": learner.first_time,
                "app_version": "lrs",
            }
        },
        "profile": {"1": {"name": learner.name, "cohort": learner.cohort, "lang": learner.lang or course.lang}},
        "events": {str(number): doc for number, doc in enumerate(events, 1)},
        "reflections": {str(number): doc for number, doc in enumerate(reflections, 1)},
        "reviews": {},
    }


def _when(change: tuple[str, int, Any, str]) -> tuple[str, int]:
    return change[0], change[1]  # (time, order in the LRS's answer)


def _course_position(course: Course) -> Any:
    """Shared reflections in course order (lesson, then prompt). The learner's file keeps
    them in the order they were first written; that order is not sent, as it would tell
    how many private reflections came between."""
    lessons = {lesson_id: number for number, lesson_id in enumerate(course.lesson_order)}

    def key(doc: dict[str, Any]) -> tuple[int, int, str, str]:
        lesson = course.lessons.get(doc["lesson_id"])
        prompts = [r.id for r in lesson.reflections] if lesson else []
        prompt = prompts.index(doc["prompt_id"]) if doc["prompt_id"] in prompts else len(prompts)
        return (lessons.get(doc["lesson_id"], len(lessons)), prompt, doc["lesson_id"], doc["prompt_id"])

    return key


def _label(actor: dict[str, Any]) -> str:
    account = actor.get("account")
    if isinstance(account, dict) and account.get("name"):
        host = urlsplit(str(account.get("homePage", ""))).hostname or str(account.get("homePage", ""))
        return f"{account['name']}@{host}"
    mbox = actor.get("mbox")
    if isinstance(mbox, str) and mbox:
        return mbox.removeprefix("mailto:")
    return actor_key(actor)


def _file_name(learner: _Learner) -> str:
    digest = hashlib.sha256(learner.key.encode("utf-8")).hexdigest()[:8]
    slug = _SAFE.sub("-", learner.label).strip("-.")[:60] or "learner"
    return f"{slug}-{digest}.json"


def _time(value: Any) -> str:
    """A statement's timestamp in the shape the store writes (UTC, whole seconds)."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="seconds")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: Any, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return default


# --- the report -------------------------------------------------------------------------


def lrs_report(
    config: LrsConfig,
    course: Course,
    *,
    cohort: str | None = None,
    stalled_days: int = DEFAULT_STALLED_DAYS,
    now: datetime | None = None,
    client: LrsClient | None = None,
) -> CohortReport:
    """The cohort report from the LRS's statements. Raises LrsError when the LRS cannot
    be read, NoStatements when it holds nothing about this course."""
    snapshot = statements_to_records((client or LrsClient(config)).statements(), course)
    if not snapshot.learners:
        raise NoStatements(
            f"{config.endpoint}: no statements about course '{course.id}' ({snapshot.statements} statements read)"
        )
    now = report_time(now)
    index = CourseIndex(course)
    learners: list[LearnerSummary] = []
    skipped: list[SkippedFile] = []
    for path, (label, data) in snapshot.learners.items():
        try:
            record = fast_record_from_data(data, path)
            summary = summarise(record, path, label, index, now, stalled_days)
        except Exception as exc:  # noqa: BLE001 - as a damaged file in a folder: skipped, the rest reported
            skipped.append(SkippedFile.damaged(path, label, exc))
            continue
        values = {name.name: getattr(summary, name.name) for name in fields(LearnerSummary)}
        learners.append(HeldSummary(**values, held=record))
    return report_of(
        NO_FOLDER,
        course,
        learners,
        skipped,
        len(snapshot.learners),
        cohort,
        stalled_days,
        now,
        source=config.endpoint,
    )


def report_for_cli(
    url: str, course: Course, cohort: str | None, stalled_days: int, now: datetime | None
) -> tuple[CohortReport, str]:
    """`report --lrs URL` / `trainer --lrs URL`: the report and the LRS as it may be
    shown (never with credentials). Problems become one-line CliErrors."""
    from kursus.errors import CliError
    from kursus.xapi.client import LrsError
    from kursus.xapi.config import ConfigError, load_config

    try:
        config = load_config(url)
    except ConfigError as exc:
        raise CliError(str(exc)) from None
    if config is None:  # load_config refuses a blank --lrs; this is only a second guard
        raise CliError("the LRS URL is empty (give the xAPI endpoint, e.g. http://127.0.0.1:8100/xAPI/)")
    try:
        return lrs_report(config, course, cohort=cohort, stalled_days=stalled_days, now=now), config.endpoint
    except LrsError as exc:
        raise CliError(f"{config.endpoint}: {exc.reason}") from None
    except NoStatements as exc:
        raise CliError(str(exc)) from None
