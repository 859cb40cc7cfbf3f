"""How a lesson went (points, missed decision points, reflections, time), the course
map's columns, and the whole course's record (kursus.lesson_summary)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kursus.content import load_course
from kursus.i18n import Catalogue
from kursus.lesson_summary import (
    GAP_CAP,
    course_map_rows,
    course_record,
    duration_text,
    lesson_event_times,
    minutes_left,
    summarise_lesson,
    time_spent,
)
from kursus.tracking import ProgressStore
from kursus.tracking.events import AnswerGiven, LessonFinished, LessonOpened, PageViewed
from kursus.tracking.record import ProgressRecord
from kursus.vocabulary import LessonStatus, Rating
from tests.conftest import FIXTURE_LESSONS

T0 = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def course():
    return load_course(FIXTURE_LESSONS, "da")


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore.open_for(tmp_path, "Test", course_id="testkursus", content_version=3)[0]


def answer(store: ProgressStore, scenario_id: str, choice_id: str, rating: str, minute: int = 0) -> None:
    store.record_event(AnswerGiven("alpha", scenario_id, choice_id, Rating(rating)), at=T0 + timedelta(minutes=minute))


def record_of(*events: dict) -> ProgressRecord:
    return ProgressRecord(None, {}, {}, list(events), [])


# --- time spent ----------------------------------------------------------------------


def test_time_spent_caps_each_gap_so_a_night_away_is_not_counted(store: ProgressStore) -> None:
    assert timedelta(minutes=30) == GAP_CAP  # the documented cap
    store.record_event(LessonOpened("alpha", "da"), at=T0)
    store.record_event(PageViewed("alpha", 1), at=T0 + timedelta(minutes=5))
    # left open overnight: 14 hours later the learner goes on
    store.record_event(PageViewed("alpha", 2), at=T0 + timedelta(hours=14))
    store.record_event(LessonFinished("alpha"), at=T0 + timedelta(hours=14, minutes=10))
    times = lesson_event_times(store.record())["alpha"]
    assert time_spent(times) == timedelta(minutes=5 + 30 + 10)
    assert time_spent(times, cap=timedelta(hours=24)) == timedelta(hours=14, minutes=10)


def test_time_counts_only_the_lessons_own_events_and_skips_odd_times() -> None:
    record = record_of(
        {"type": "lesson_opened", "lesson_id": "alpha", "time": "2027-03-01T09:00:00+00:00"},
        {"type": "lesson_opened", "lesson_id": "beta", "time": "2027-03-01T09:05:00+00:00"},  # another lesson
        {"type": "page_viewed", "lesson_id": "alpha", "page": 1, "time": "not a time"},
        {"type": "page_viewed", "lesson_id": "alpha", "page": 2},  # no time at all
        {
            "type": "review_answered",
            "lesson_id": "alpha",
            "time": "2027-03-09T09:00:00+00:00",
        },  # review: not lesson time
        {"type": "answer", "lesson_id": "alpha", "time": "2027-03-01T09:12:00"},  # no zone: UTC
    )
    assert time_spent(lesson_event_times(record)["alpha"]) == timedelta(minutes=12)
    assert time_spent([]) == timedelta() and time_spent([T0]) == timedelta()


@pytest.mark.parametrize(
    ("minutes", "da", "en"),
    [(0, "<1 min", "<1 min"), (45, "45 min", "45 min"), (60, "1 t", "1 h"), (535, "8 t 55 min", "8 h 55 min")],
)
def test_durations_read_as_hours_and_minutes(minutes: int, da: str, en: str) -> None:
    assert duration_text(minutes, Catalogue("da")) == da
    assert duration_text(minutes, Catalogue("en")) == en


# --- one lesson ----------------------------------------------------------------------


def test_missed_points_name_the_first_choice_and_the_best_one(course, store: ProgressStore) -> None:
    answer(store, "s1", "a", "wrong", 1)  # wrong, and it leads to the follow-up
    answer(store, "s1", "b", "best", 2)  # a retry does not change the first try
    answer(store, "s1-opfoelgning", "c", "partial", 3)
    answer(store, "s2", "a", "best", 4)
    summary = summarise_lesson(course, "alpha", store.record())
    assert [(p.scenario_id, p.first.id, p.best.id) for p in summary.missed] == [
        ("s1", "a", "b"),
        ("s1-opfoelgning", "c", "a"),
    ]
    assert [p.first_rating for p in summary.missed] == [Rating.WRONG, Rating.PARTIAL]
    assert [p.follow_up for p in summary.missed] == [False, True]
    assert summary.missed[0].title == "Første scenarie"
    assert (summary.score.points, summary.score.out_of) == (1.5, 3) and summary.points_text == "1½/3"


def test_a_follow_up_counts_as_a_decision_point_of_its_own(course, store: ProgressStore) -> None:
    answer(store, "s1", "a", "wrong")
    answer(store, "s1-opfoelgning", "a", "best")  # the follow-up right at once: not missed
    answer(store, "s2", "a", "best")
    summary = summarise_lesson(course, "alpha", store.record())
    assert [p.scenario_id for p in summary.missed] == ["s1"]
    assert (summary.score.points, summary.score.out_of) == (2, 3)  # three decision points, not two


def test_all_best_at_the_first_try_misses_nothing(course, store: ProgressStore) -> None:
    answer(store, "s1", "b", "best")
    answer(store, "s2", "a", "best")
    summary = summarise_lesson(course, "alpha", store.record())
    assert summary.missed == () and summary.points_text == "2/2"


def test_a_choice_the_course_no_longer_has_is_still_listed(course, store: ProgressStore) -> None:
    answer(store, "s2", "gone", "partial")
    (point,) = summarise_lesson(course, "alpha", store.record()).missed
    assert point.first is None and point.first_rating is Rating.PARTIAL and point.best.id == "a"


def test_reflections_written_and_shared_are_counted(course, store: ProgressStore) -> None:
    store.save_reflection("alpha", "r1", "Jeg tager rollerne med", shared=True)
    store.save_reflection("alpha", "r2", "   ", shared=True)  # blank: neither written nor shared
    store.save_reflection("beta", "r1", "En anden lektion", shared=True)
    summary = summarise_lesson(course, "alpha", store.record())
    assert (summary.reflections_written, summary.reflections_shared, summary.reflection_prompts) == (1, 1, 2)
    store.save_reflection("alpha", "r2", "Og noget privat", shared=False)
    summary = summarise_lesson(course, "alpha", store.record())
    assert (summary.reflections_written, summary.reflections_shared) == (2, 1)


def test_the_summary_says_what_comes_next(course, store: ProgressStore) -> None:
    store.record_event(LessonOpened("alpha", "da"), at=T0)
    store.record_event(LessonFinished("alpha"), at=T0 + timedelta(minutes=12))
    summary = summarise_lesson(course, "alpha", store.record())
    assert summary.next_lesson == "beta" and summary.minutes_spent == 12
    for lesson_id in ("beta", "gamma"):
        store.record_event(LessonFinished(lesson_id))
    assert summarise_lesson(course, "gamma", store.record()).next_lesson is None


# --- the course map and the whole course ---------------------------------------------


def test_map_rows_show_score_and_minutes_spent_or_estimated(course, store: ProgressStore) -> None:
    store.record_event(LessonOpened("alpha", "da"), at=T0)
    answer(store, "s1", "c", "partial", 3)
    answer(store, "s2", "a", "best", 7)
    store.record_event(LessonFinished("alpha"), at=T0 + timedelta(minutes=18))
    store.record_event(LessonOpened("beta", "da"), at=T0 + timedelta(days=1))
    rows = course_map_rows(course, store.record())
    assert list(rows) == ["alpha", "beta", "gamma"]
    alpha, beta, gamma = rows.values()
    assert (alpha.status, alpha.score_text, alpha.minutes, alpha.spent) == (LessonStatus.DONE, "1½/2", 18, True)
    assert (beta.status, beta.score_text, beta.minutes, beta.spent) == (LessonStatus.IN_PROGRESS, "", 10, False)
    assert (gamma.status, gamma.score, gamma.minutes) == (LessonStatus.NOT_STARTED, None, 10)
    assert minutes_left(course, store.record()) == 20  # beta (in progress, counted whole) and gamma


def test_the_course_record_adds_up_per_module(course, store: ProgressStore) -> None:
    store.record_event(LessonOpened("alpha", "da"), at=T0)
    answer(store, "s1", "b", "best", 1)
    answer(store, "s2", "c", "partial", 2)
    store.record_event(LessonFinished("alpha"), at=T0 + timedelta(minutes=10))
    store.record_event(AnswerGiven("beta", "s1", "a", Rating.WRONG), at=T0 + timedelta(minutes=20))
    store.record_event(AnswerGiven("beta", "s1-opfoelgning", "a", Rating.BEST), at=T0 + timedelta(minutes=22))
    for lesson_id in ("beta", "gamma"):
        store.record_event(LessonFinished(lesson_id), at=T0 + timedelta(minutes=25))
    store.save_reflection("gamma", "r1", "Delt", shared=True)
    store.save_reflection("gamma", "r2", "Privat", shared=False)
    result = course_record(course, store.record())
    assert result.complete and (result.lessons_done, result.lessons) == (3, 3)
    start, onwards = result.modules
    assert (start.title, start.lessons_done, start.points_text, start.out_of) == ("Start", 1, "1½", 2)
    assert (onwards.lessons_done, onwards.lessons, onwards.points, onwards.out_of) == (
        2,
        2,
        1,
        5,
    )  # a follow-up reached counts
    assert (result.points_text, result.out_of) == ("2½", 7)
    assert (result.reflections_written, result.reflections_shared) == (2, 1)
    assert result.minutes_spent == 10 + 5  # alpha 10 min; beta 20 to 25; gamma one event
