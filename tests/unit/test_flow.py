"""What "continue" opens, how branching proceeds, how lessons are scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from kursus.content import load_course
from kursus.flow import (
    course_progress,
    first_open_scenario,
    format_points,
    lesson_score,
    next_lesson,
    resume_in_scenarios,
    scenario_after,
)
from kursus.tracking import ProgressStore
from kursus.tracking.events import AnswerGiven, LessonFinished, LessonOpened, PageViewed
from kursus.vocabulary import Rating
from tests.conftest import FIXTURE_LESSONS


@pytest.fixture
def course():
    return load_course(FIXTURE_LESSONS, "da")


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    return ProgressStore.open_for(tmp_path, "Test", course_id="testkursus", content_version=3)[0]


def test_continue_prefers_lesson_in_progress_then_first_not_started(course, store) -> None:
    assert next_lesson(course, store.record()) == "alpha"
    store.record_event(LessonOpened("gamma", "da"))
    assert next_lesson(course, store.record()) == "gamma"
    store.record_event(LessonFinished("gamma"))
    assert next_lesson(course, store.record()) == "alpha"
    for lesson_id in ("alpha", "beta"):
        store.record_event(LessonFinished(lesson_id))
    assert next_lesson(course, store.record()) is None
    assert course_progress(course, store.record()).percent == 100


def test_branching_goes_to_follow_up_then_back_to_the_main_path(course) -> None:
    lesson = course.lessons["alpha"]
    s1, follow, s2 = lesson.scenario("s1"), lesson.scenario("s1-opfoelgning"), lesson.scenario("s2")
    assert lesson.main_scenarios == (s1, s2)
    following, origin = scenario_after(lesson, s1, "s1-opfoelgning")
    assert (following, origin) == (follow, s1)
    following, origin = scenario_after(lesson, follow, None, origin)
    assert (following, origin) == (s2, None)
    assert scenario_after(lesson, s2, None) == (None, None)


def test_score_counts_first_tries_and_resume_finds_first_open(course, store) -> None:
    lesson = course.lessons["alpha"]
    assert first_open_scenario(lesson, store.record()).id == "s1"
    store.record_event(AnswerGiven("alpha", "s1", "c", Rating("partial")))
    store.record_event(AnswerGiven("alpha", "s1", "b", Rating("best")))
    assert first_open_scenario(lesson, store.record()).id == "s2"
    score = lesson_score(lesson, store.record())
    assert (score.points, score.answered, score.total) == (0.5, 1, 2)


@pytest.mark.parametrize(("points", "text"), [(0, "0"), (0.5, "½"), (1, "1"), (2.5, "2½"), (3.0, "3")])
def test_points_are_shown_in_halves(points: float, text: str) -> None:
    assert format_points(points) == text


def test_a_follow_up_reached_is_a_step_of_its_own_in_the_score(course, store) -> None:
    """Points are never more than they are out of: a follow-up the learner reached is
    one more decision point (before, 2 of 2 main scenarios could give "3 af 2")."""
    lesson = course.lessons["alpha"]
    store.record_event(AnswerGiven("alpha", "s1", "a", Rating("wrong")))  # leads to the follow-up
    store.record_event(AnswerGiven("alpha", "s1-opfoelgning", "a", Rating("best")))
    # the screen's "(n answered)" counts steps as out_of does: 2 answered of 3, s2 still open
    assert lesson_score(lesson, store.record()).steps_answered == 2
    store.record_event(AnswerGiven("alpha", "s2", "a", Rating("best")))
    store.record_event(AnswerGiven("alpha", "unknown-scenario", "a", Rating("best")))  # gone from the course
    score = lesson_score(lesson, store.record())
    assert (score.points, score.out_of, score.answered, score.total) == (2.0, 3, 2, 2)
    assert score.steps_answered == 3


def test_a_lesson_resumes_in_its_scenarios_once_every_page_was_read_and_answering_began(course, store) -> None:
    lesson = course.lessons["alpha"]  # four pages: overview (0), two body pages, key points (3)
    pages = len(lesson.body) + 2
    assert resume_in_scenarios(lesson, store.record(), pages) is None  # new: the reading
    store.record_event(LessonOpened("alpha", "da"))
    for page in (1, 2, 3):
        store.record_event(PageViewed("alpha", page))
    assert resume_in_scenarios(lesson, store.record(), pages) is None  # read, nothing answered yet
    store.record_event(AnswerGiven("alpha", "s1", "b", Rating.BEST))
    resumed = resume_in_scenarios(lesson, store.record(), pages)
    assert resumed is not None and resumed.id == "s2"  # the first open scenario
    assert resume_in_scenarios(course.lessons["beta"], store.record(), pages) is None  # only alpha's record counts
    store.record_event(AnswerGiven("alpha", "s2", "a", Rating.BEST))
    assert resume_in_scenarios(lesson, store.record(), pages) is None  # all answered: the reading again


def test_a_skipped_page_keeps_the_lesson_at_its_reading(course, store) -> None:
    lesson = course.lessons["alpha"]
    store.record_event(PageViewed("alpha", 1))
    store.record_event(PageViewed("alpha", 3))  # page 2 never shown (a search hit opened page 3)
    store.record_event(AnswerGiven("alpha", "s1", "b", Rating.BEST))
    assert resume_in_scenarios(lesson, store.record(), len(lesson.body) + 2) is None
