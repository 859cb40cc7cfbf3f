"""The domain-event seam: the store writes typed events and publishes each one to its
subscribers once it is on disk; reflection events never carry text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kursus.content import load_course
from kursus.flow import answer
from kursus.tracking import ProgressStore
from kursus.tracking.events import (
    AnswerGiven,
    LearnerEvent,
    LessonFinished,
    LessonOpened,
    PageViewed,
    ReflectionSaved,
    ReflectionShared,
    from_doc,
    to_doc,
)
from kursus.vocabulary import EventKind, Rating
from tests.conftest import FIXTURE_LESSONS


def open_store(folder: Path) -> ProgressStore:
    store, _ = ProgressStore.open_for(folder, "Eva Event", course_id="testkursus", content_version=1)
    return store


def on_disk(store: ProgressStore) -> dict:
    return json.loads(store.path.read_text(encoding="utf-8"))


def test_a_listener_hears_each_event_after_it_is_on_disk(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    heard: list[tuple[LearnerEvent, int]] = []
    store.subscribe(lambda event: heard.append((event, len(on_disk(store)["events"]))))
    store.record_event(LessonOpened("alpha", "da"))
    store.record_event(PageViewed("alpha", 2))
    store.record_event(LessonFinished("alpha"))
    assert [type(event) for event, _ in heard] == [LessonOpened, PageViewed, LessonFinished]
    assert [count for _, count in heard] == [1, 2, 3]  # already written when the listener ran
    assert all(event.time.endswith("+00:00") for event, _ in heard)
    assert [doc["type"] for doc in on_disk(store)["events"].values()] == [
        "lesson_opened",
        "page_viewed",
        "lesson_finished",
    ]


def test_the_store_numbers_attempts_and_the_course_gives_the_rating(tmp_path: Path) -> None:
    course = load_course(FIXTURE_LESSONS, "da")
    scenario = course.lessons["alpha"].scenarios[0]
    wrong = next(c for c in scenario.choices if c.rating is Rating.WRONG)
    best = next(c for c in scenario.choices if c.rating is Rating.BEST)
    store, other_window = open_store(tmp_path), open_store(tmp_path)
    first = store.record_event(answer("alpha", scenario, wrong))
    second = other_window.record_event(answer("alpha", scenario, best))  # another window, same file
    assert isinstance(first, AnswerGiven) and isinstance(second, AnswerGiven)
    assert (first.attempt, first.score, first.first_try) == (1, 0.0, True)
    assert (second.attempt, second.score, second.first_try) == (2, 1.0, False)
    docs = list(on_disk(store)["events"].values())
    assert [(d["choice_id"], d["rating"], d["score"], d["attempt"]) for d in docs] == [
        (wrong.id, "wrong", 0.0, 1),
        (best.id, "best", 1.0, 2),
    ]
    assert store.record().scenario_results("alpha")[("alpha", scenario.id)].attempts == 2


def test_reflection_events_say_what_changed_and_never_carry_text(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    heard: list[LearnerEvent] = []
    store.subscribe(heard.append)
    store.save_reflection("alpha", "r1", "hemmelig tanke", seen_shared=False, base_revision=0)
    store.set_shared("alpha", "r1", True)
    store.set_shared("alpha", "r1", True)  # no change: nothing to tell
    store.save_reflection("alpha", "r1", "hemmelig tanke, mere", seen_shared=True, base_revision=1)
    store.set_shared("alpha", "r1", False)
    assert heard == [
        ReflectionSaved("alpha", "r1", 1, False, False, heard[0].time),
        ReflectionShared("alpha", "r1", True, heard[1].time),
        ReflectionSaved("alpha", "r1", 2, True, False, heard[2].time),
        ReflectionShared("alpha", "r1", False, heard[3].time),
    ]
    assert all("hemmelig" not in repr(event) for event in heard)
    assert {event.kind for event in heard} == {EventKind.REFLECTION_SAVED, EventKind.REFLECTION_SHARED}


def test_a_failing_listener_does_not_undo_the_save_or_silence_the_others(tmp_path: Path, caplog) -> None:
    store = open_store(tmp_path)
    heard: list[LearnerEvent] = []

    def broken(event: LearnerEvent) -> None:
        raise RuntimeError("listener bug")

    store.subscribe(broken)
    unsubscribe = store.subscribe(heard.append)
    store.record_event(LessonOpened("alpha", "da"))
    assert len(heard) == 1 and len(on_disk(store)["events"]) == 1
    assert "listener bug" in caplog.text
    unsubscribe()
    store.record_event(LessonFinished("alpha"))
    assert len(heard) == 1  # unsubscribed


def test_nothing_is_published_when_the_write_fails(tmp_path: Path) -> None:
    from kursus.tracking import UnreadableProgressFile

    store = open_store(tmp_path)
    heard: list[LearnerEvent] = []
    store.subscribe(heard.append)
    store.path.unlink()  # the file has gone: the store refuses to start over
    with pytest.raises(UnreadableProgressFile):
        store.record_event(LessonOpened("alpha", "da"))
    with pytest.raises(UnreadableProgressFile):
        store.save_reflection("alpha", "r1", "tekst")
    assert heard == []


events = st.one_of(
    st.builds(LessonOpened, st.text(max_size=8), st.sampled_from(["da", "en"])),
    st.builds(PageViewed, st.text(max_size=8), st.integers(0, 50)),
    st.builds(
        AnswerGiven,
        st.text(max_size=8),
        st.text(max_size=8),
        st.sampled_from("abcd"),
        st.sampled_from(list(Rating)),
        st.integers(1, 9),
    ),
    st.builds(LessonFinished, st.text(max_size=8)),
)


@given(events, st.sampled_from(["2026-12-02T10:00:00+00:00", ""]))
def test_a_stored_event_reads_back_as_itself(event, time: str) -> None:
    from dataclasses import replace

    event = replace(event, time=time)
    assert from_doc(json.loads(json.dumps(to_doc(event)))) == event


@pytest.mark.parametrize(
    "doc",
    [
        {},
        {"type": "answer", "lesson_id": "a", "rating": "brilliant"},
        {"type": "page_viewed", "lesson_id": "a", "page": True},
        {"type": "lesson_opened", "lesson_id": 5},
        {"type": "something_else", "lesson_id": "a"},
    ],
)
def test_a_document_we_do_not_know_is_skipped_not_a_crash(doc: dict) -> None:
    assert from_doc(doc) is None
