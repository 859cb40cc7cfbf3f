"""The trainer's fast reading of a progress file gives exactly what the plain record
gives, on random event histories (including damaged ones a hand edit can leave)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kursus.tracking.record import ProgressRecord, docs_in_order
from kursus.trainer.fast_record import FastRecord, fast_docs_in_order, fast_latest_time

START = datetime(2026, 1, 1, tzinfo=UTC)
LESSONS = ["alpha", "beta", "gamma"]

canonical_times = st.integers(0, 400 * 24 * 3600).map(
    lambda s: (START + timedelta(seconds=s)).isoformat(timespec="seconds")
)
odd_times = st.one_of(
    st.none(),
    st.just(""),
    st.just("not a time"),
    st.integers(),
    st.just("2026-13-01T00:00:00+00:00"),
    st.just("2026-05-01T12:00:00"),
    st.just("2026-05-01"),
    st.just("2026-05-01T12:00:00.5+02:00"),
)
times = st.one_of(canonical_times, canonical_times, canonical_times, odd_times)
lesson_ids = st.one_of(st.sampled_from(LESSONS), st.sampled_from(LESSONS), st.none(), st.integers(0, 3))


@st.composite
def event(draw) -> dict:
    kind = draw(st.sampled_from(["lesson_opened", "page_viewed", "answer", "lesson_finished", "other", None]))
    doc = {"type": kind, "lesson_id": draw(lesson_ids), "time": draw(times)}
    if kind == "answer":
        doc.update(
            scenario_id=draw(st.sampled_from(["s1", "s2", "s3"])),
            choice_id=draw(st.sampled_from("abc")),
            score=draw(st.sampled_from([0.0, 0.5, 1.0, True, None, "1"])),
        )
    if kind == "page_viewed":
        doc["page"] = draw(st.integers(0, 4))
    return doc


reflection = st.fixed_dictionaries(
    {
        "lesson_id": st.sampled_from(LESSONS),
        "prompt_id": st.sampled_from(["r1", "r2"]),
        "text": st.text(max_size=5),
        "shared": st.sampled_from([True, False, "true", None]),
        "updated": times,
    }
)


def table(items: list) -> dict:
    return {str(number): item for number, item in enumerate(items, start=1)}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(event(), max_size=30), st.lists(reflection, max_size=4))
def test_fast_and_plain_records_agree(events: list, reflections: list) -> None:
    plain = ProgressRecord(None, {}, {}, events, reflections)
    fast = FastRecord(None, {}, {}, events, reflections)
    assert fast.touched_lessons == plain.touched_lessons
    assert fast.finished_lessons == plain.finished_lessons
    assert fast.first_answers == plain.first_answers
    assert fast.last_activity == plain.last_activity
    assert fast.lesson_statuses([*LESSONS, "delta"]) == plain.lesson_statuses([*LESSONS, "delta"])
    assert fast.shared_reflections == plain.shared_reflections


@given(
    st.lists(
        st.one_of(st.dictionaries(st.text(max_size=2), st.integers(), max_size=2), st.integers(), st.none()),
        max_size=12,
    ),
    st.booleans(),
)
def test_fast_and_plain_document_order_agree(items: list, shuffled: bool) -> None:
    docs = table(items)
    if shuffled:
        docs = dict(reversed(list(docs.items())))
    assert fast_docs_in_order(docs) == docs_in_order(docs)


@given(st.lists(times, max_size=20))
def test_fast_and_plain_latest_time_agree(values: list) -> None:
    from kursus.tracking.record import latest_time

    assert fast_latest_time(values) == latest_time(values)
