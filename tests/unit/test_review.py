"""Spaced review (kursus.review): what enters review, when it is due, what a review
answer changes (the schedule) and what it never changes (the first-try score)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kursus.content import load_course
from kursus.flow import answer, lesson_score
from kursus.review import answer_review, attach, due_at, due_scenarios, next_due, shuffled
from kursus.tracking import SCHEMA_VERSION, ProgressStore
from kursus.tracking.events import AnswerGiven
from kursus.vocabulary import Rating
from tests.conftest import FIXTURE_LESSONS

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def course():
    return load_course(FIXTURE_LESSONS, "da")


def open_store(folder: Path) -> ProgressStore:
    store, _ = ProgressStore.open_for(folder, "Rie Repetition", course_id="testkursus", content_version=1)
    attach(store, clock=lambda: T0)
    return store


def choose(course, store: ProgressStore, lesson_id: str, scenario_id: str, rating: Rating) -> None:
    scenario = course.lessons[lesson_id].scenario(scenario_id)
    choice = next(c for c in scenario.choices if c.rating is rating)
    store.record_event(answer(lesson_id, scenario, choice), at=T0)


def test_only_a_first_try_that_is_not_best_enters_review(course, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    choose(course, store, "alpha", "s2", Rating.BEST)  # right at once: nothing to review
    choose(course, store, "alpha", "s1", Rating.PARTIAL)  # missed: into review
    choose(course, store, "alpha", "s1", Rating.WRONG)  # a retry adds no second card
    choose(course, store, "beta", "s1", Rating.WRONG)
    docs = store.record().review_docs
    assert sorted((d["lesson_id"], d["scenario_id"]) for d in docs) == [("alpha", "s1"), ("beta", "s1")]
    assert all(T0 < due_at(d["card"]) <= T0 + timedelta(days=1) for d in docs)  # comes back within the day


def test_due_depends_on_the_clock_and_leaves_out_what_the_course_lost(course, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    choose(course, store, "alpha", "s1", Rating.WRONG)
    store.add_review_card("alpha", "no-such-scenario", {"due": T0.isoformat()})
    store.add_review_card("beta", "s1", {"due": "not a time"})
    record = store.record()
    assert due_scenarios(record, course, T0) == []
    later = T0 + timedelta(days=1)
    assert [(d.lesson_id, d.scenario_id) for d in due_scenarios(record, course, later)] == [("alpha", "s1")]
    assert next_due(record, T0) == due_at(record.review_docs[0]["card"])


def test_a_review_answer_reschedules_and_never_changes_the_first_try_score(course, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    choose(course, store, "alpha", "s1", Rating.WRONG)
    lesson = course.lessons["alpha"]
    before = lesson_score(lesson, store.record())
    when = T0 + timedelta(days=1)
    dues = []
    for day in range(3):  # answered best three times: each interval longer than the last
        now = when + timedelta(days=30 * day)
        (due,) = due_scenarios(store.record(), course, now)
        best = next(c for c in lesson.scenario("s1").choices if c.rating is Rating.BEST)
        event = answer_review(store, due, best, now)
        assert (event.rating, event.score, event.time) == (Rating.BEST, 1.0, now.isoformat())
        dues.append(due_at(store.record().review_docs[0]["card"]) - now)
    assert dues[0] < dues[1] < dues[2]
    record = store.record()
    assert record.reviews_answered == 3
    assert lesson_score(lesson, record) == before  # the first try stands
    assert [e["type"] for e in record.events].count("review_answered") == 3
    assert record.first_answers[("alpha", "s1")]["choice_id"] != best.id  # still the first, wrong, answer


def test_a_wrong_review_answer_brings_it_back_soon(course, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    choose(course, store, "alpha", "s1", Rating.WRONG)
    now = T0 + timedelta(days=1)
    (due,) = due_scenarios(store.record(), course, now)
    wrong = next(c for c in course.lessons["alpha"].scenario("s1").choices if c.rating is Rating.WRONG)
    answer_review(store, due, wrong, now)
    assert due_at(store.record().review_docs[0]["card"]) <= now + timedelta(days=1)


def test_review_state_survives_a_restart(course, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    choose(course, store, "alpha", "s1", Rating.WRONG)
    card = store.record().review_docs[0]["card"]
    again, report = ProgressStore.open_for(tmp_path, "Rie Repetition", course_id="testkursus", content_version=1)
    assert not report.created and again.record().review_docs[0]["card"] == card


def test_a_version_2_file_is_migrated_forward_with_a_backup(course, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.record_event(AnswerGiven("alpha", "s1", "a", Rating.WRONG), at=T0)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema_version"] = 2
    del data["reviews"]
    store.path.write_text(json.dumps(data), encoding="utf-8")
    saved = tmp_path / "v2.json.saved"
    shutil.copy(store.path, saved)
    reopened, report = ProgressStore.open_for(tmp_path, "Rie Repetition", course_id="testkursus", content_version=1)
    assert report.migrated_from == 2 and report.migration_backup is not None
    assert report.migration_backup.read_bytes() == saved.read_bytes()
    migrated = json.loads(reopened.path.read_text(encoding="utf-8"))
    assert migrated["meta"]["1"]["schema_version"] == SCHEMA_VERSION and migrated["reviews"] == {}
    assert migrated["events"] == data["events"]  # nothing else changes
    assert reopened.record().review_docs == []


def test_choices_come_in_a_new_order_each_round_and_the_same_order_within_one(course) -> None:
    scenario = course.lessons["alpha"].scenario("s1")
    first, again = shuffled(scenario, 1), shuffled(scenario, 1)
    assert first == again and first != list(scenario.choices)
    assert sorted(c.id for c in first) == sorted(c.id for c in scenario.choices)
    assert any(shuffled(scenario, n) != first for n in range(2, 6))


def test_the_trainer_sees_how_much_was_reviewed_and_the_same_first_try(course, tmp_path: Path) -> None:
    from kursus.i18n import Catalogue
    from kursus.trainer.aggregate import build_report
    from kursus.trainer.formats import render

    store = open_store(tmp_path)
    choose(course, store, "alpha", "s1", Rating.WRONG)
    choose(course, store, "alpha", "s2", Rating.BEST)
    before = build_report(tmp_path, course, now=T0 + timedelta(days=1)).learners[0]
    now = T0 + timedelta(days=1)
    (due,) = due_scenarios(store.record(), course, now)
    best = next(c for c in course.lessons["alpha"].scenario("s1").choices if c.rating is Rating.BEST)
    answer_review(store, due, best, now)
    report = build_report(tmp_path, course, now=now)
    (learner,) = report.learners
    assert (learner.reviews, before.reviews) == (1, 0)
    assert learner.first_try_score == before.first_try_score == 0.5
    data = json.loads(render(report, "json", Catalogue("da")))
    assert data["learners"][0]["reviews_answered"] == 1
    header, row = render(report, "csv", Catalogue("da")).splitlines()[:2]
    columns = header.split(",")
    assert row.split(",")[columns.index("Repetitioner")] == "1"
