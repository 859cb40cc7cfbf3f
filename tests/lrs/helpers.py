"""Shared by the xAPI tests: a learner history on the test course, sending a learner's
file to an LRS the way `kursus sync` does, and validation with Ralph's own xAPI models."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kursus.cli import main
from kursus.content import load_course
from kursus.tracking import ProgressStore
from kursus.tracking.events import AnswerGiven, LessonFinished, LessonOpened, PageViewed, ReviewAnswered
from kursus.tracking.record import read_record
from kursus.vocabulary import Rating
from kursus.xapi.config import LrsConfig, normalise_mbox
from kursus.xapi.sender import LearnerSync, SyncResult, learner_actor
from kursus.xapi.statements import actor_key
from tests.conftest import FIXTURE_LESSONS

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
PRIVATE_TEXT = "PRIVATE-REFLECTION-ZQX: min leder forstår det ikke"
SHARED_TEXT = "SHARED-REFLECTION-KVW: jeg vil spørge mere åbent"


def courses() -> dict[str, Any]:
    return {lang: load_course(FIXTURE_LESSONS, lang) for lang in ("da", "en")}


def open_store(folder: Path, name: str = "Mette Hansen", cohort: str = "2027-forår") -> ProgressStore:
    store, _ = ProgressStore.open_for(folder, name, cohort=cohort, course_id="testkursus", content_version=3)
    return store


def minute(n: int) -> datetime:
    return T0 + timedelta(minutes=n)


def learn(store: ProgressStore, *, finish_all: bool = False) -> None:
    """A history with every kind of event: pages, a wrong first try and a retry, a
    follow-up, a review answer, a finished lesson, a private and a shared reflection."""
    store.record_event(LessonOpened("alpha", "da"), at=minute(0))
    store.record_event(PageViewed("alpha", 0), at=minute(1))
    store.record_event(PageViewed("alpha", 1), at=minute(2))
    store.record_event(AnswerGiven("alpha", "s1", "a", Rating.WRONG), at=minute(3))
    store.record_event(AnswerGiven("alpha", "s1-opfoelgning", "c", Rating.PARTIAL), at=minute(4))
    store.record_event(AnswerGiven("alpha", "s1", "b", Rating.BEST), at=minute(5))
    store.record_event(AnswerGiven("alpha", "s2", "a", Rating.BEST), at=minute(6))
    store.save_reflection("alpha", "r1", SHARED_TEXT, shared=True, at=minute(7))
    store.save_reflection("alpha", "r2", PRIVATE_TEXT, shared=False, at=minute(8))
    store.record_event(LessonFinished("alpha"), at=minute(9))
    store.record_review(ReviewAnswered("alpha", "s1", "b", Rating.BEST), {"due": minute(60).isoformat()}, at=minute(10))
    if finish_all:
        for number, lesson in enumerate(("beta", "gamma")):
            store.record_event(LessonOpened(lesson, "en"), at=minute(20 + number))
            store.record_event(AnswerGiven(lesson, "s1", "c", Rating.PARTIAL), at=minute(22 + number))
            store.record_event(LessonFinished(lesson), at=minute(30 + number))


def sync_of(path: Path, config: LrsConfig, email: str = "", **kwargs: Any) -> LearnerSync:
    """A LearnerSync for the file whose learner has given `email` and seen the notice."""
    sync = LearnerSync(path, config, courses=courses(), **kwargs)
    with sync.outbox.change() as state:
        if email:
            state.email = normalise_mbox(email)
    actor = learner_actor(config, read_record(path).name, email or sync.outbox.read().email)
    assert actor is not None
    sync.acknowledge_notice(actor_key(actor))
    return sync


def send(path: Path, config: LrsConfig, email: str = "", attempts: int = 1) -> SyncResult:
    return sync_of(path, config, email).send(attempts=attempts)


def validate(statement: dict[str, Any]) -> None:
    """Valid by Ralph's own xAPI models: the base statement model (strict: no empty
    values, IRIs, language tags, UUIDs, score ranges), and the concept models Ralph has
    for our verbs and activity types. Raises pydantic's ValidationError."""
    from ralph.models.xapi.base.statements import BaseXapiStatement
    from ralph.models.xapi.concepts.activity_types.activity_streams_vocabulary import PageActivity
    from ralph.models.xapi.concepts.activity_types.scorm_profile import CourseActivity
    from ralph.models.xapi.concepts.verbs.adl_vocabulary import AnsweredVerb

    BaseXapiStatement.model_validate(statement)
    if statement["verb"]["id"].endswith("/answered"):
        AnsweredVerb.model_validate(statement["verb"])
    kind = statement["object"].get("definition", {}).get("type")
    if kind == "http://activitystrea.ms/schema/1.0/page":
        PageActivity.model_validate(statement["object"])
    if kind == "http://adlnet.gov/expapi/activities/course":
        CourseActivity.model_validate(statement["object"])


def text_of(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def run_cli(*args: str) -> tuple[int, str, str]:
    """`kursus ARGS` in this process: exit code, standard output, standard error."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()
