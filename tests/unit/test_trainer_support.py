"""A known cohort on the test course, built with the app's own store (shared by the trainer tests).

No tests here; the trainer test modules import `build_cohort`, `NOW` and the marker texts.
Every number the tests assert is worked out by hand in the comments below.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kursus.content import load_course
from kursus.tracking import ProgressStore
from kursus.tracking.events import AnswerGiven, LessonFinished, LessonOpened, PageViewed
from kursus.vocabulary import Rating
from tests.conftest import FIXTURE_LESSONS

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)

# Reflection texts: the SHARED one must show up for the trainer, the PRIVATE ones never.
ADA_SHARED = "ADA-SHARED-REFLECTION: jeg vil spørge mere åbent"
ADA_PRIVATE = "ADA-PRIVATE-SECRET: min chef er svær"
BO_PRIVATE = "BO-PRIVATE-NOTE"
HOSTILE_SHARED = 'HOSTILE-SHARED [@click=app.quit]x[/] [b]fed[/b] =HYPERLINK("x") @SUM(A1) +1 -1 | ../../etc 🎉'
HOSTILE_PRIVATE = "HOSTILE-PRIVATE-TEXT"
HOSTILE_NAME = '[b]x[/b] | =HYPERLINK("x") [/]'
HOSTILE_COHORT = "=cmd|' /C calc'!A0"
PRIVATE_TEXTS = (ADA_PRIVATE, BO_PRIVATE, HOSTILE_PRIVATE)


@dataclass
class Cohort:
    folder: Path
    files: dict[str, Path]  # short name -> file


def course(lang: str = "da"):
    return load_course(FIXTURE_LESSONS, lang)


def _store(folder: Path, name: str, cohort: str) -> ProgressStore:
    store, _ = ProgressStore.open_for(folder, name, cohort=cohort, course_id="testkursus", content_version=3)
    return store


def _answer(
    store: ProgressStore, lesson: str, scenario: str, choice: str, rating: str, attempt: int, at: datetime
) -> None:
    written = store.record_event(AnswerGiven(lesson, scenario, choice, Rating(rating)), at=at)
    assert isinstance(written, AnswerGiven) and written.attempt == attempt  # the store numbers attempts


def build_cohort(folder: Path) -> Cohort:
    """Five learners on the test course (alpha | beta, gamma), relative to NOW.

    ada    hold-a  done (3/3), first tries 1, .5, 1, 1, 0, 1, 1 -> 5.5/7 = 79 %, 1 shared
    bo     hold-a  in progress (1/3), first tries .5, 1 -> 75 %, 3 days ago, 0 shared
    cy     hold-b  stalled: 20 days ago, first try 0 -> 0 %
    di     hold-b  not started
    hostile  (hostile cohort)  in progress 2 days ago, 1 shared (hostile text)
    """
    files = {}
    day = timedelta(days=1)

    ada = _store(folder, "Ada Andersen", "hold-a")
    t = NOW - 10 * day
    for lesson in ("alpha", "beta", "gamma"):
        ada.record_event(LessonOpened(lesson, "da"), at=t)
        ada.record_event(PageViewed(lesson, 1), at=t)
    _answer(ada, "alpha", "s1", "b", "best", 1, t)
    _answer(ada, "alpha", "s2", "c", "partial", 1, t)
    _answer(ada, "alpha", "s2", "a", "best", 2, t)
    _answer(ada, "beta", "s1", "b", "best", 1, t)
    _answer(ada, "beta", "s2", "a", "best", 1, t)
    _answer(ada, "gamma", "s1", "a", "wrong", 1, t)  # leads to the follow-up
    _answer(ada, "gamma", "s1-opfoelgning", "a", "best", 1, t)
    _answer(ada, "gamma", "s1", "b", "best", 2, t)
    _answer(ada, "gamma", "s2", "a", "best", 1, t)
    ada.save_reflection("alpha", "r1", ADA_SHARED, shared=True, at=t)
    ada.save_reflection("alpha", "r2", ADA_PRIVATE, shared=False, at=t)
    for lesson in ("alpha", "beta", "gamma"):
        ada.record_event(LessonFinished(lesson), at=NOW - day)
    files["ada"] = ada.path

    bo = _store(folder, "Bo Berg", "hold-a")
    bo.record_event(LessonOpened("alpha", "da"), at=NOW - 5 * day)
    _answer(bo, "alpha", "s1", "c", "partial", 1, NOW - 5 * day)
    _answer(bo, "alpha", "s2", "a", "best", 1, NOW - 5 * day)
    bo.record_event(LessonFinished("alpha"), at=NOW - 5 * day)
    bo.record_event(LessonOpened("beta", "da"), at=NOW - 3 * day)
    bo.save_reflection("alpha", "r1", BO_PRIVATE, at=NOW - 5 * day)
    files["bo"] = bo.path

    cy = _store(folder, "Cy Carlsen", "hold-b")
    cy.record_event(LessonOpened("alpha", "da"), at=NOW - 21 * day)
    _answer(cy, "alpha", "s1", "a", "wrong", 1, NOW - 20 * day)
    files["cy"] = cy.path

    di = _store(folder, "Di Dam", "hold-b")
    files["di"] = di.path

    hostile = _store(folder, HOSTILE_NAME, HOSTILE_COHORT)
    hostile.record_event(LessonOpened("alpha", "da"), at=NOW - 2 * day)
    hostile.save_reflection("alpha", "r1", HOSTILE_SHARED, shared=True, at=NOW - 2 * day)
    hostile.save_reflection("alpha", "r2", HOSTILE_PRIVATE, at=NOW - 2 * day)
    files["hostile"] = hostile.path

    for lock in folder.glob("*.lock"):  # the learner app's locks; a trainer's folder holds only copies
        lock.unlink()
    return Cohort(folder, files)


def v1_file(path: Path) -> None:
    """A schema-1 progress file (answers in their own table, no share flag)."""
    data = {
        "meta": {"1": {"schema_version": 1, "course_id": "testkursus", "content_version": 2}},
        "profile": {"1": {"name": "Vera Version", "cohort": "hold-a", "lang": "da"}},
        "events": {"1": {"type": "lesson_opened", "lesson_id": "alpha", "time": "2026-06-10T09:00:00+00:00"}},
        "answers": {
            "1": {
                "lesson_id": "alpha",
                "scenario_id": "s1",
                "choice_id": "b",
                "score": 1.0,
                "time": "2026-06-10T09:05:00+00:00",
            },
            "2": {
                "lesson_id": "alpha",
                "scenario_id": "s2",
                "choice_id": "b",
                "score": 0.0,
                "time": "2026-06-10T09:06:00+00:00",
            },
        },
        "reflections": {
            "1": {
                "lesson_id": "alpha",
                "prompt_id": "r1",
                "text": "V1-OLD-PRIVATE",
                "updated": "2026-06-10T09:07:00+00:00",
            }
        },
    }
    path.write_text(json.dumps(data), encoding="utf-8")


def gone_lessons_file(folder: Path) -> Path:
    """A learner whose file mentions a lesson the course no longer has."""
    store = _store(folder, "Gustav Gammel", "hold-a")
    store.record_event(LessonOpened("omega-udgaaet", "da"), at=NOW - 2 * timedelta(days=1))
    _answer(store, "omega-udgaaet", "s1", "a", "best", 1, NOW - 2 * timedelta(days=1))
    store.record_event(LessonFinished("omega-udgaaet"), at=NOW - 2 * timedelta(days=1))
    _answer(store, "alpha", "s1", "b", "best", 1, NOW - 2 * timedelta(days=1))
    Path(f"{store.path}.lock").unlink(missing_ok=True)
    return store.path


def add_messy_files(folder: Path) -> dict[str, Path]:
    """Every kind of file a trainer's folder might hold besides good progress files."""
    sub = folder / "mail" / "indbakke"
    sub.mkdir(parents=True)
    files = {
        "not_json": folder / "notes.json",
        "empty": folder / "empty.json",
        "other_program": sub / "settings.json",
        "other_tinydb": folder / "other-db.json",
        "list": folder / "list.json",
        "newer": folder / "newer.json",
        "other_course": folder / "other-course.json",
        "bad_utf8": folder / "latin1.json",
        "v1": sub / "vera-version.json",
    }
    files["not_json"].write_text("{ this is not json", encoding="utf-8")
    files["empty"].write_bytes(b"")
    files["other_program"].write_text(json.dumps({"theme": "dark", "recent": ["a", "b"]}), encoding="utf-8")
    files["other_tinydb"].write_text(json.dumps({"_default": {"1": {"todo": "buy milk"}}}), encoding="utf-8")
    files["list"].write_text("[1, 2, 3]", encoding="utf-8")
    newer = {"meta": {"1": {"schema_version": 99}}, "profile": {}, "events": {}, "reflections": {}}
    files["newer"].write_text(json.dumps(newer), encoding="utf-8")
    other = {
        "meta": {"1": {"schema_version": 2, "course_id": "another-course"}},
        "profile": {"1": {"name": "Otto"}},
        "events": {},
        "reflections": {},
    }
    files["other_course"].write_text(json.dumps(other), encoding="utf-8")
    files["bad_utf8"].write_bytes('{"meta": "Søren"}'.encode("latin-1"))
    v1_file(files["v1"])
    files["gone"] = gone_lessons_file(folder)
    (folder / "README.txt").write_text("not a json file, never read", encoding="utf-8")
    return files


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under `folder` with its bytes, mtime (ns) and mode."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            info = os.stat(path)
            result[path.relative_to(folder).as_posix()] = (path.read_bytes(), info.st_mtime_ns, info.st_mode)
    return result
