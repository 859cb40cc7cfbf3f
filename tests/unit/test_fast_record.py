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


# --- issue 12: orjson reading and the review count --------------------------------------


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "type": st.sampled_from(["review_answered", "answer", "lesson_opened", None, 3]),
                "lesson_id": lesson_ids,
                "time": times,
            }
        ),
        max_size=25,
    )
)
def test_fast_and_plain_review_counts_agree(events: list) -> None:
    plain = ProgressRecord(None, {}, {}, events, [])
    fast = FastRecord(None, {}, {}, events, [])
    assert fast.reviews_answered == plain.reviews_answered
    assert fast.touched_lessons == plain.touched_lessons and fast.finished_lessons == plain.finished_lessons


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=2**62, max_value=2**70),  # beyond 64 bits orjson would give a float
        st.integers(max_value=-(2**62), min_value=-(2**70)),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=8),
        st.just("\ud800"),  # a lone surrogate: json takes it, orjson does not
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=4), children, max_size=4)
    ),
    max_leaves=12,
)


def outcome(read, path):
    """What a reader gives: the data, or the reason it refuses (compared as JSON text,
    so NaN equals NaN and 1 is not True)."""
    import json

    from kursus.tracking.storage import UnreadableProgressFile

    try:
        return ("data", json.dumps(read(path), sort_keys=True))
    except UnreadableProgressFile as exc:
        return ("refused", exc.reason)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    value=st.one_of(json_values, st.dictionaries(st.text(max_size=4), json_values, max_size=5)),
    prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"  \n", b"\xff"]),
    suffix=st.sampled_from([b"", b"\n", b" x", b"\x00"]),
    escaped=st.booleans(),
)
def test_orjson_and_json_read_every_file_alike(
    tmp_path_factory, value, prefix: bytes, suffix: bytes, escaped: bool
) -> None:
    """read_fast_json (orjson) gives what storage.read_json_file (json) gives, for any
    bytes: big integers, NaN, lone surrogates, a BOM, bad UTF-8, trailing rubbish."""
    import json

    from kursus.tracking.storage import read_json_file
    from kursus.trainer.fast_record import read_fast_json

    path = tmp_path_factory.mktemp("f") / "x.json"
    text = json.dumps(value, ensure_ascii=escaped)  # escaped: "\\ud800" as JSON writes it, else raw
    path.write_bytes(prefix + text.encode("utf-8", "surrogatepass") + suffix)
    assert outcome(read_fast_json, path) == outcome(read_json_file, path)


def test_fast_and_plain_records_agree_on_real_files(tmp_path) -> None:
    """Every file of the known cohort and of a messy folder: the same record either way."""
    from kursus.tracking.record import read_record
    from kursus.trainer.fast_record import read_fast_record
    from tests.unit.test_trainer_support import add_messy_files, build_cohort

    cohort = build_cohort(tmp_path / "mappe")
    add_messy_files(cohort.folder)
    compared = 0
    for path in sorted(cohort.folder.rglob("*.json")):
        try:
            plain = read_record(path)
        except Exception as exc:  # noqa: BLE001 - the fast reader must refuse it the same way
            try:
                read_fast_record(path)
            except Exception as fast_exc:  # noqa: BLE001
                assert type(fast_exc) is type(exc) and str(fast_exc) == str(exc)
            else:
                raise AssertionError(f"{path.name}: the fast reader took a file the plain one refused")
            continue
        fast = read_fast_record(path)
        assert (fast.meta, fast.profile, fast.events, fast.reflection_docs) == (
            plain.meta,
            plain.profile,
            plain.events,
            plain.reflection_docs,
        )
        assert fast.first_answers == plain.first_answers and fast.last_activity == plain.last_activity
        assert fast.reviews_answered == plain.reviews_answered and fast.migrated_from == plain.migrated_from
        compared += 1
    assert compared >= 7
