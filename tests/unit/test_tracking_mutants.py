"""kursus/tracking: the cases a mutation run of the package showed untested.

Each test pins what a learner, a trainer or a listener can observe: the file name and
the bytes on disk, what a record says, what a subscriber hears, what is raised and why.
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import kursus
from kursus.tracking import (
    SCHEMA_VERSION,
    AnswerGiven,
    LessonFinished,
    LessonOpened,
    PageViewed,
    ProgressLocked,
    ProgressStore,
    Reflection,
    ReflectionSaved,
    ReflectionShared,
    SavedReflection,
    UnreadableProgressFile,
    read_record,
)
from kursus.tracking.events import from_doc, stamped, to_doc
from kursus.tracking.names import clean_name, cohort_key, fold_key, name_key, progress_file_name
from kursus.tracking.record import ScenarioResult, latest_time, read_records_in, record_from_data, score_of
from kursus.tracking.schema import TABLES, migrate, schema_version_of
from kursus.tracking.storage import leftover_temp_files, read_json_file, write_json_atomically
from kursus.tracking.tinydb_storage import AtomicJSONStorage
from kursus.vocabulary import LessonStatus, Rating
from tests.unit.test_store import open_store

AT = datetime(2026, 3, 1, 12, 30, 45, 987654, tzinfo=timezone(timedelta(hours=2)))
AT_ISO = "2026-03-01T10:30:45+00:00"  # AT in UTC, whole seconds


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def listen(store: ProgressStore) -> list:
    heard: list = []
    store.subscribe(heard.append)
    return heard


def current_file(**tables: dict) -> dict:
    """A progress file of the current schema with the given tables."""
    data: dict = {"meta": {"1": {"schema_version": SCHEMA_VERSION}}}
    data.update(tables)
    return data


def reason_of(data: object, tmp_path: Path) -> str:
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UnreadableProgressFile) as caught:
        read_record(path)
    assert caught.value.path == path
    assert str(caught.value) == f"{path}: {caught.value.reason}"
    return caught.value.reason


# --- names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "file_name"),
    [
        ("Mette Hansen", "mette-hansen-f3997d.json"),
        ("  mette   HANSEN ", "mette-hansen-f3997d.json"),
        ("Søren Østergaard Åberg", "soeren-oestergaard-aaberg-f901f8.json"),
        ("Straße", "strasse-787f47.json"),
        ("???", "deltager-a03b22.json"),
        ("--x--", "x-cf0e7d.json"),
        ("a" * 60, "a" * 40 + "-11ee39.json"),
        ("a" * 39 + " bcd", "a" * 39 + "-87f835.json"),
        ("Łukasz Ñoño", "ukasz-nono-832065.json"),  # what has no ASCII form is left out
        ("李 Wei", "wei-82c0d0.json"),
        ("!" + "b" * 45, "b" * 40 + "-29a8d2.json"),  # the leading dash goes before the cut
    ],
)
def test_a_learners_file_name_is_the_same_in_every_version(name: str, file_name: str) -> None:
    """A changed file name would leave every learner's history behind in an old file."""
    assert progress_file_name(name) == file_name


def test_a_name_loses_controls_private_use_unassigned_surrogates_and_direction_marks() -> None:
    raw = "\x00Me\x1btte \u202eHan\ue000sen\u0378\ud800\u2066"
    assert clean_name(raw) == "Mette Hansen"
    assert clean_name("👩\u200d👩\u200d👧 Berg") == "👩\u200d👩\u200d👧 Berg"  # joiners stay
    assert clean_name("x" * 300) == "x" * 200
    assert clean_name("  a \u00a0  b  ") == "a b"


def test_name_fold_and_cohort_keys() -> None:
    assert name_key("  ÅSE   Berg ") == "åse berg"
    assert fold_key("  ÅSE   ﬁona Straße ") == "ase fiona strasse"
    assert cohort_key("  Hold   STRASSE\u202e ") == "hold strasse"
    assert cohort_key("Straße") == "strasse"


# --- events --------------------------------------------------------------------------


def test_each_stored_event_has_its_file_layout() -> None:
    assert to_doc(LessonOpened("alpha", "en", "T")) == {
        "type": "lesson_opened",
        "lesson_id": "alpha",
        "lang": "en",
        "time": "T",
    }
    assert to_doc(PageViewed("alpha", 3, "T")) == {"type": "page_viewed", "lesson_id": "alpha", "page": 3, "time": "T"}
    assert to_doc(AnswerGiven("alpha", "s1", "b", Rating.PARTIAL, 2, "T")) == {
        "type": "answer",
        "lesson_id": "alpha",
        "scenario_id": "s1",
        "choice_id": "b",
        "rating": "partial",
        "score": 0.5,
        "attempt": 2,
        "time": "T",
    }
    assert to_doc(LessonFinished("alpha", "T")) == {"type": "lesson_finished", "lesson_id": "alpha", "time": "T"}


def test_stored_documents_read_back_as_typed_events() -> None:
    assert from_doc({"type": "lesson_opened", "lesson_id": "a", "lang": "en", "time": "T"}) == LessonOpened(
        "a", "en", "T"
    )
    assert from_doc({"type": "lesson_opened", "lesson_id": "a"}) == LessonOpened("a", "", "")
    assert from_doc({"type": "page_viewed", "lesson_id": "a", "page": 2, "time": "T"}) == PageViewed("a", 2, "T")
    assert from_doc({"type": "lesson_finished", "lesson_id": "a", "time": 7}) == LessonFinished("a", "")
    assert from_doc({"type": "lesson_finished", "lesson_id": "a", "time": "T"}) == LessonFinished("a", "T")
    answer = {
        "type": "answer",
        "lesson_id": "a",
        "scenario_id": "s",
        "choice_id": "c",
        "rating": "best",
        "attempt": 3,
        "time": "T",
    }
    assert from_doc(answer) == AnswerGiven("a", "s", "c", Rating.BEST, 3, "T")
    assert from_doc({"type": "answer", "lesson_id": "a", "rating": "wrong", "attempt": "3"}) == AnswerGiven(
        "a", "", "", Rating.WRONG, 0, ""
    )
    assert from_doc({**answer, "attempt": True}).attempt == 0


@pytest.mark.parametrize(
    "doc",
    [
        {"type": "lesson_opened", "lesson_id": 5},
        {"type": "lesson_finished"},
        {"type": "page_viewed", "lesson_id": "a", "page": True},
        {"type": "page_viewed", "lesson_id": "a", "page": "2"},
        {"type": "page_viewed", "lesson_id": "a"},
        {"type": "answer", "lesson_id": "a", "rating": "excellent"},
        {"type": "answer", "lesson_id": "a", "rating": None},
        {"type": "answer", "lesson_id": "a"},
        {"type": "reflection_saved", "lesson_id": "a"},
        {"type": "something new", "lesson_id": "a"},
    ],
)
def test_a_document_that_is_no_known_event_reads_as_none(doc: dict) -> None:
    assert from_doc(doc) is None


def test_an_answers_score_and_first_try_come_from_its_rating_and_attempt() -> None:
    assert AnswerGiven("a", "s", "c", Rating.PARTIAL).score == 0.5
    assert [AnswerGiven("a", "s", "c", Rating.BEST, n).first_try for n in (0, 1, 2)] == [False, True, False]
    assert stamped(LessonFinished("a"), "T") == LessonFinished("a", "T")
    assert ReflectionSaved("a", "r", 1, False) == ReflectionSaved("a", "r", 1, False, False, "")


# --- storage ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b'{\n"meta": }', "not valid JSON (line 2: Expecting value)"),
        (b"[" * 100_000, "JSON nested too deeply"),
        (b"[1, 2]", "not a progress file (the top level is not an object)"),
        (b'"meta"', "not a progress file (the top level is not an object)"),
    ],
)
def test_an_unreadable_file_says_why(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(raw)
    with pytest.raises(UnreadableProgressFile) as caught:
        read_json_file(path)
    assert (caught.value.path, caught.value.reason) == (path, reason)
    assert str(caught.value) == f"{path}: {reason}"


def test_a_folder_is_not_a_progress_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableProgressFile) as caught:
        read_json_file(tmp_path)
    assert (caught.value.path, caught.value.reason) == (tmp_path, "not a regular file")


def test_a_huge_number_is_an_invalid_progress_file(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"meta": ' + "9" * 5000 + "}")
    with pytest.raises(UnreadableProgressFile) as caught:
        read_json_file(path)
    assert caught.value.path == path
    assert caught.value.reason.startswith("not a valid progress file (") and caught.value.reason.endswith(")")


@pytest.mark.parametrize("raw", [None, b"", b" \n\t "])
def test_a_missing_or_empty_file_reads_as_nothing(tmp_path: Path, raw: bytes | None) -> None:
    path = tmp_path / "x.json"
    if raw is not None:
        path.write_bytes(raw)
    assert read_json_file(path) is None


def test_a_file_at_the_limit_is_read_and_one_over_it_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"a": 1}')
    assert read_json_file(path, limit=8) == {"a": 1}
    with pytest.raises(UnreadableProgressFile) as caught:
        read_json_file(path, limit=7)
    assert (caught.value.path, caught.value.reason) == (path, "progress file is larger than 7 bytes")


def test_progress_json_is_indented_utf8_and_private(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    write_json_atomically(path, {"a": {"1": {"n": "Søren"}}})
    assert path.read_bytes() == '{\n "a": {\n  "1": {\n   "n": "Søren"\n  }\n }\n}'.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_only_this_files_own_regular_temp_files_are_leftovers(tmp_path: Path) -> None:
    path = tmp_path / "mette.json"
    mine = [tmp_path / ".mette.json.a1.tmp", tmp_path / ".mette.json.b2.tmp"]
    for leftover in mine:
        leftover.write_text("{half")
    (tmp_path / ".mette.json.c3.bak").write_text("x")
    (tmp_path / ".other.json.d4.tmp").write_text("x")
    (tmp_path / "mette.json.e5.tmp").write_text("x")
    (tmp_path / ".mette.json.dir.tmp").mkdir()
    (tmp_path / ".mette.json.link.tmp").symlink_to(mine[0])
    assert sorted(leftover_temp_files(path)) == sorted(mine)
    assert leftover_temp_files(tmp_path / "missing-folder" / "mette.json") == []


def test_the_tinydb_storage_reads_and_writes_whole_files(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(str(tmp_path / "x.json"))
    assert storage.read() is None
    storage.write({"events": {"1": {"n": "ø"}}})
    storage.close()
    assert storage.read() == {"events": {"1": {"n": "ø"}}}
    assert on_disk(tmp_path / "x.json") == {"events": {"1": {"n": "ø"}}}
    assert stat.S_IMODE((tmp_path / "x.json").stat().st_mode) == 0o600


# --- schema ---------------------------------------------------------------------------


@pytest.mark.parametrize("meta", [None, [], {}, "meta"])
def test_a_file_without_a_meta_table_is_not_ours(tmp_path: Path, meta: object) -> None:
    data = {} if meta is None else {"meta": meta}
    assert reason_of(data, tmp_path) == "not a kursus progress file (no meta table)"


@pytest.mark.parametrize("version", [None, True, "2", 0, -1, 1.0, "x"])
def test_a_file_without_a_usable_schema_version_is_not_ours(tmp_path: Path, version: object) -> None:
    meta = {} if version is None else {"schema_version": version}
    assert reason_of({"meta": {"1": meta}}, tmp_path) == "not a kursus progress file (no schema version)"
    assert reason_of({"meta": {"1": [version]}}, tmp_path) == "not a kursus progress file (no schema version)"


def test_a_newer_file_names_both_versions(tmp_path: Path) -> None:
    newer = SCHEMA_VERSION + 1
    assert reason_of({"meta": {"1": {"schema_version": newer}}}, tmp_path) == (
        f"made by a newer kursus (schema {newer}, this one reads up to {SCHEMA_VERSION})"
    )


@pytest.mark.parametrize("table", [t for t in TABLES if t != "meta"])
@pytest.mark.parametrize("version", [1, SCHEMA_VERSION])
def test_a_damaged_table_is_named(tmp_path: Path, table: str, version: int) -> None:
    data = {"meta": {"1": {"schema_version": version}}, table: ["not", "a", "table"]}
    assert reason_of(data, tmp_path) == f"table '{table}' is damaged"


def test_a_current_file_gets_its_missing_tables_and_nothing_else(tmp_path: Path) -> None:
    data, found = migrate({"meta": {"7": {"schema_version": SCHEMA_VERSION, "x": 1}}}, tmp_path / "x.json")
    assert found == SCHEMA_VERSION
    assert data == {"meta": {"7": {"schema_version": SCHEMA_VERSION, "x": 1}}, **{t: {} for t in TABLES if t != "meta"}}
    assert schema_version_of(data, tmp_path / "x.json") == SCHEMA_VERSION


def test_version_1_answers_become_numbered_answer_events_after_the_existing_ones(tmp_path: Path) -> None:
    answer = {"lesson_id": "alpha", "scenario_id": "s1", "choice_id": "a", "score": 0.5, "time": "T"}
    v1 = {
        "meta": {"3": {"schema_version": 1, "course_id": "kursus-x"}},
        "events": {
            "1": {"type": "lesson_opened", "lesson_id": "alpha"},
            "7": {"type": "lesson_finished", "lesson_id": "beta"},
        },
        "answers": {
            "10": {**answer, "choice_id": "c"},
            "9": {**answer, "choice_id": "b"},
            "2": answer,
            "3": {"lesson_id": "beta", "scenario_id": "s1"},
            "4": {"lesson_id": "alpha", "scenario_id": "s2", "choice_id": "z", "score": 1.0},
        },
        "reflections": {
            "5": {"lesson_id": "alpha", "prompt_id": "r1", "text": "t", "shared": True},
            "6": {"lesson_id": "alpha", "prompt_id": "r2", "text": "u", "shared": "yes"},
        },
    }
    original = json.loads(json.dumps(v1))
    data, found = migrate(v1, tmp_path / "x.json")
    assert found == 1 and v1 == original  # the caller's data is not changed
    assert "answers" not in data
    assert data["meta"] == {"1": {"schema_version": SCHEMA_VERSION, "course_id": "kursus-x"}}
    events = data["events"]
    assert list(events) == ["1", "7", "8", "9", "10", "11", "12"]
    assert events["1"] == v1["events"]["1"] and events["7"] == v1["events"]["7"]
    assert [events[k] for k in ("8", "9", "10", "11", "12")] == [
        {
            "type": "answer",
            "lesson_id": "alpha",
            "scenario_id": "s1",
            "choice_id": "a",
            "score": 0.5,
            "attempt": 1,
            "time": "T",
        },
        {
            "type": "answer",
            "lesson_id": "beta",
            "scenario_id": "s1",
            "choice_id": "",
            "score": 0.0,
            "attempt": 1,
            "time": "",
        },
        {
            "type": "answer",
            "lesson_id": "alpha",
            "scenario_id": "s2",
            "choice_id": "z",
            "score": 1.0,
            "attempt": 1,
            "time": "",
        },
        {
            "type": "answer",
            "lesson_id": "alpha",
            "scenario_id": "s1",
            "choice_id": "b",
            "score": 0.5,
            "attempt": 2,
            "time": "T",
        },
        {
            "type": "answer",
            "lesson_id": "alpha",
            "scenario_id": "s1",
            "choice_id": "c",
            "score": 0.5,
            "attempt": 3,
            "time": "T",
        },
    ]
    assert data["reflections"]["5"]["shared"] is True and data["reflections"]["6"]["shared"] is False
    assert data["reflections"]["6"]["text"] == "u"


def test_version_1_answers_without_events_start_at_one(tmp_path: Path) -> None:
    v1 = {"meta": {"1": {"schema_version": 1}}, "answers": {"1": {}}}
    data, _ = migrate(v1, tmp_path / "x.json")
    assert data["events"] == {
        "1": {
            "type": "answer",
            "lesson_id": "",
            "scenario_id": "",
            "choice_id": "",
            "score": 0.0,
            "attempt": 1,
            "time": "",
        }
    }
    assert data["reflections"] == {}


# --- record -----------------------------------------------------------------------------


def make_record(tmp_path: Path, **tables: dict):
    return record_from_data(current_file(**tables), tmp_path / "x.json")


def test_a_record_without_profile_fields_has_defaults(tmp_path: Path) -> None:
    record = make_record(tmp_path)
    assert (record.name, record.cohort, record.lang, record.profile, record.migrated_from) == ("", "", "da", {}, None)
    assert record.meta == {"schema_version": SCHEMA_VERSION} and record.path == tmp_path / "x.json"
    record = make_record(tmp_path, profile={"1": {"name": "Åse", "cohort": None, "lang": "en"}})
    assert (record.name, record.cohort, record.lang) == ("Åse", "", "en")
    assert make_record(tmp_path, profile={"1": {"cohort": "hold-b"}}).cohort == "hold-b"


def test_a_damaged_profile_is_refused(tmp_path: Path) -> None:
    assert reason_of(current_file(profile={"1": "Mette"}), tmp_path) == "the profile is damaged"


def test_an_empty_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("  ")
    with pytest.raises(UnreadableProgressFile) as caught:
        read_record(path)
    assert (caught.value.path, caught.value.reason) == (path, "empty file")


def test_documents_are_read_in_number_order_and_non_documents_skipped(tmp_path: Path) -> None:
    events = {
        "1": {"type": "lesson_opened", "lesson_id": "one"},
        "10": {"type": "lesson_opened", "lesson_id": "ten"},
        "9": {"type": "lesson_opened", "lesson_id": "nine"},
        "x": {"type": "lesson_opened", "lesson_id": "unnumbered"},
        "2": {"type": "lesson_opened", "lesson_id": "two"},
        "3": "not a document",
        "4": ["nor", "this"],
    }
    record = make_record(tmp_path, events=events)
    assert [e["lesson_id"] for e in record.events] == ["unnumbered", "one", "two", "nine", "ten"]


def test_lessons_touched_and_finished(tmp_path: Path) -> None:
    events = {
        "1": {"type": "page_viewed", "lesson_id": "alpha", "page": 1},
        "2": {"type": "lesson_finished", "lesson_id": "beta"},
        "3": {"type": "lesson_finished", "lesson_id": 7},
        "4": {"type": "lesson_opened"},
        "5": {"type": "lesson_opened", "lesson_id": "gamma"},
    }
    record = make_record(tmp_path, events=events)
    assert record.touched_lessons == {"alpha", "beta", "gamma"}
    assert record.finished_lessons == {"beta"}
    assert record.lesson_statuses(["alpha", "beta", "delta"]) == {
        "alpha": LessonStatus.IN_PROGRESS,
        "beta": LessonStatus.DONE,
        "delta": LessonStatus.NOT_STARTED,
    }


def test_the_last_page_is_the_last_whole_page_viewed_in_that_lesson(tmp_path: Path) -> None:
    events = {
        "1": {"type": "page_viewed", "lesson_id": "alpha", "page": 4},
        "2": {"type": "page_viewed", "lesson_id": "alpha", "page": 2},
        "3": {"type": "page_viewed", "lesson_id": "alpha", "page": True},
        "4": {"type": "page_viewed", "lesson_id": "alpha", "page": "5"},
        "5": {"type": "page_viewed", "lesson_id": "beta", "page": 9},
        "6": {"type": "lesson_opened", "lesson_id": "alpha", "page": 8},
    }
    record = make_record(tmp_path, events=events)
    assert (record.last_page("alpha"), record.last_page("beta"), record.last_page("gamma")) == (2, 9, 0)


def answer_doc(lesson: str, scenario: str, choice: str, score: object) -> dict:
    return {"type": "answer", "lesson_id": lesson, "scenario_id": scenario, "choice_id": choice, "score": score}


def test_scenario_results_and_first_answers(tmp_path: Path) -> None:
    events = {
        "1": answer_doc("alpha", "s1", "a", 0.0),
        "2": answer_doc("beta", "s1", "x", 0.5),
        "3": answer_doc("alpha", "s1", "b", 0.5),
        "4": answer_doc("alpha", "s1", "c", 1),
        "5": {"type": "page_viewed", "lesson_id": "alpha", "scenario_id": "s1", "page": 1},
        "6": {"type": "answer", "lesson_id": "alpha", "scenario_id": "s2"},
    }
    record = make_record(tmp_path, events=events)
    assert record.scenario_results("alpha") == {
        ("alpha", "s1"): ScenarioResult("alpha", "s1", "a", 0.0, 3, "c", 1.0),
        ("alpha", "s2"): ScenarioResult("alpha", "s2", "", 0.0, 1, "", 0.0),
    }
    assert record.scenario_results()[("beta", "s1")] == ScenarioResult("beta", "s1", "x", 0.5, 1, "x", 0.5)
    assert len(record.scenario_results()) == 3
    assert {key: doc["choice_id"] for key, doc in record.first_answers.items() if "choice_id" in doc} == {
        ("alpha", "s1"): "a",
        ("beta", "s1"): "x",
    }
    assert set(record.first_answers) == {("alpha", "s1"), ("beta", "s1"), ("alpha", "s2")}


@pytest.mark.parametrize(("value", "score"), [(1, 1.0), (0.5, 0.5), (True, 0.0), ("1", 0.0), (None, 0.0)])
def test_an_odd_stored_score_counts_as_zero(value: object, score: float) -> None:
    assert score_of(value) == score and type(score_of(value)) is float


def test_the_last_activity_is_the_latest_event_or_reflection_time(tmp_path: Path) -> None:
    assert make_record(tmp_path).last_activity is None
    events = {
        "1": {"type": "lesson_opened", "lesson_id": "a", "time": "2026-03-01T10:00:00+00:00"},
        "2": {"type": "lesson_opened", "lesson_id": "a", "time": "2026-03-01T12:00:00"},  # no zone: UTC
        "3": {"type": "lesson_opened", "lesson_id": "a", "time": "not a time"},
        "4": {"type": "lesson_opened", "lesson_id": "a", "time": 5},
        "5": {"type": "lesson_opened", "lesson_id": "a", "time": "2026-03-01T13:00:00+02:00"},  # 11:00 UTC
    }
    record = make_record(tmp_path, events=events)
    assert record.last_activity == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    later = make_record(tmp_path, events=events, reflections={"1": {"updated": "2026-03-02T00:00:00+00:00"}})
    assert later.last_activity == datetime(2026, 3, 2, tzinfo=UTC)
    assert latest_time(["", None, "x"]) is None
    assert latest_time(["2026-03-01T09:00:00+00:00", "2026-03-01T08:00:00+00:00"]) == datetime(
        2026, 3, 1, 9, tzinfo=UTC
    )


def test_reflections_read_as_text_with_a_sane_revision_and_only_true_shares(tmp_path: Path) -> None:
    reflections = {
        "1": {"lesson_id": "alpha", "prompt_id": "r1", "text": "a", "shared": True, "updated": "U", "rev": 4},
        "2": {"lesson_id": "alpha", "prompt_id": "r2", "text": 5, "shared": "true", "rev": "3"},
        "3": {"lesson_id": "beta", "prompt_id": "r1", "shared": 1, "rev": True},
        "4": {"prompt_id": "r3", "rev": -2},
        "5": {"lesson_id": "gamma", "rev": 0},
    }
    record = make_record(tmp_path, reflections=reflections)
    assert record.reflections == [
        Reflection("alpha", "r1", "a", True, "U", 4),
        Reflection("alpha", "r2", "5", False, "", 0),
        Reflection("beta", "r1", "", False, "", 0),
        Reflection("", "r3", "", False, "", 0),
        Reflection("gamma", "", "", False, "", 0),
    ]
    assert record.shared_reflections == [Reflection("alpha", "r1", "a", True, "U", 4)]
    assert record.reflection("beta", "r1") == Reflection("beta", "r1", "", False, "", 0)
    assert record.reflection("alpha", "r2").text == "5"
    assert record.reflection("beta", "r2") is None and record.reflection("gamma", "r1") is None


def test_only_readable_progress_files_are_offered_in_name_order(tmp_path: Path) -> None:
    assert read_records_in(tmp_path / "missing") == []
    open_store(tmp_path, name="Zoe")
    open_store(tmp_path, name="Anna")
    (tmp_path / "broken.json").write_text("{")
    (tmp_path / "notes.txt").write_text("{}")
    (tmp_path / "empty.json").write_text("")
    assert [r.name for r in read_records_in(tmp_path)] == ["Anna", "Zoe"]


def test_a_version_1_file_read_by_the_trainer_says_where_it_came_from(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"meta": {"1": {"schema_version": 1}}, "profile": {"1": {"name": "Bo"}}}))
    record = read_record(path)
    assert (record.migrated_from, record.name, record.path) == (1, "Bo", path)
    assert on_disk(path)["meta"]["1"]["schema_version"] == 1  # read-only


# --- the store: opening --------------------------------------------------------------------


def test_a_new_file_records_who_what_and_when(tmp_path: Path) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    store, report = ProgressStore.open_for(
        tmp_path, " Mette\u202e  Hansen ", cohort=" hold\x00 A ", lang="en", course_id="kursus", content_version=4
    )
    assert store.path == tmp_path / "mette-hansen-f3997d.json"
    assert report == type(report)(store.path, created=True)
    data = on_disk(store.path)
    meta, profile = data["meta"]["1"], data["profile"]["1"]
    assert {k: v for k, v in meta.items() if k != "created"} == {
        "schema_version": SCHEMA_VERSION,
        "course_id": "kursus",
        "content_version": 4,
        "app_version": kursus.__version__,
    }
    assert {k: v for k, v in profile.items() if k != "created"} == {
        "name": "Mette Hansen",
        "cohort": "hold A",
        "lang": "en",
    }
    for stamp in (meta["created"], profile["created"]):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", stamp)
        assert before <= datetime.fromisoformat(stamp) <= datetime.now(UTC)
    assert (data["events"], data["reflections"]) == ({}, {})


def test_a_new_file_without_a_cohort_has_an_empty_one_in_danish(tmp_path: Path) -> None:
    store, _ = ProgressStore.open_for(tmp_path / "a" / "b", "Bo")
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700
    profile = on_disk(store.path)["profile"]["1"]
    assert (profile["cohort"], profile["lang"]) == ("", "da")
    meta = on_disk(store.path)["meta"]["1"]
    assert (meta["course_id"], meta["content_version"]) == ("", 0)


def test_a_plain_restart_writes_nothing(tmp_path: Path) -> None:
    store, _ = ProgressStore.open_for(tmp_path, "Bo", cohort="hold", lang="en", course_id="k", content_version=2)
    before = (store.path.read_bytes(), store.path.stat().st_ino, store.path.stat().st_mtime_ns)
    again, report = ProgressStore.open_for(tmp_path, "bo", cohort="hold", lang="en", course_id="k", content_version=2)
    assert report == type(report)(store.path)
    assert (again.path.read_bytes(), again.path.stat().st_ino, again.path.stat().st_mtime_ns) == before
    _, report = ProgressStore.open_for(tmp_path, "Bo", lang="en")  # no cohort, course or version given: kept
    assert (store.path.read_bytes(), store.path.stat().st_ino) == before[:2]


def test_a_restart_updates_language_cohort_course_and_version_but_keeps_the_rest(tmp_path: Path) -> None:
    store, _ = ProgressStore.open_for(tmp_path, "Bo", cohort="hold-a", course_id="k", content_version=2)
    created = on_disk(store.path)["profile"]["1"]["created"]
    _, report = ProgressStore.open_for(tmp_path, "Bo", lang="en")
    assert report.created is False
    data = on_disk(store.path)
    assert (data["meta"]["1"]["course_id"], data["meta"]["1"]["content_version"]) == ("k", 2)
    assert data["profile"]["1"] == {"name": "Bo", "cohort": "hold-a", "lang": "en", "created": created}
    ProgressStore.open_for(tmp_path, "Bo", cohort=" hold-b\u2066 ", lang="en", course_id="k2", content_version=3)
    data = on_disk(store.path)
    assert (data["meta"]["1"]["course_id"], data["meta"]["1"]["content_version"]) == ("k2", 3)
    assert data["profile"]["1"]["cohort"] == "hold-b"
    ProgressStore.open_for(tmp_path, "Bo", cohort="", lang="en")
    assert on_disk(store.path)["profile"]["1"]["cohort"] == ""
    # each one alone is a change that is written (the language stays "en" from here on)
    ProgressStore.open_for(tmp_path, "Bo", cohort="hold-c", lang="en")
    assert on_disk(store.path)["profile"]["1"]["cohort"] == "hold-c"
    ProgressStore.open_for(tmp_path, "Bo", lang="en", course_id="k3")
    assert on_disk(store.path)["meta"]["1"]["course_id"] == "k3"
    ProgressStore.open_for(tmp_path, "Bo", lang="en", content_version=9)
    assert on_disk(store.path)["meta"]["1"]["content_version"] == 9
    ProgressStore.open_for(tmp_path, "Bo", lang="da")
    assert on_disk(store.path)["profile"]["1"]["lang"] == "da"


def test_a_file_whose_profile_is_gone_gets_one(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Bo")
    write_json_atomically(path, current_file(profile={}, events={}, reflections={}))
    ProgressStore.open_for(tmp_path, "Bo", cohort="hold", lang="en")
    profile = on_disk(path)["profile"]
    assert list(profile) == ["1"]
    assert {k: v for k, v in profile["1"].items() if k != "created"} == {"name": "Bo", "lang": "en", "cohort": "hold"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", profile["1"]["created"])


def test_an_old_app_version_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Bo")
    meta = {"schema_version": SCHEMA_VERSION, "course_id": "k", "content_version": 1, "app_version": "0.0.1"}
    write_json_atomically(path, current_file(meta={"1": meta}, profile={"1": {"name": "Bo", "lang": "da"}}))
    ProgressStore.open_for(tmp_path, "Bo")
    assert on_disk(path)["meta"]["1"] == {**meta, "app_version": kursus.__version__}


def test_a_meta_without_course_or_version_gets_empty_ones(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Bo")
    write_json_atomically(path, current_file(profile={"1": {"name": "Bo", "lang": "da"}}))
    ProgressStore.open_for(tmp_path, "Bo")
    assert on_disk(path)["meta"]["1"] == {
        "schema_version": SCHEMA_VERSION,
        "course_id": "",
        "content_version": 0,
        "app_version": kursus.__version__,
    }


def test_opening_waits_for_the_lock_only_when_it_must_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    import kursus.tracking.store as store_module

    store = open_store(tmp_path)
    before = (store.path.read_bytes(), store.path.stat().st_ino)
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.1)
    with FileLock(f"{store.path}.lock"):
        open_store(tmp_path)  # a plain restart: no lock needed
        with pytest.raises(ProgressLocked):
            open_store(tmp_path, lang="en")  # a change: must wait for the lock
        leftover = tmp_path / f".{store.path.name}.x1.tmp"
        leftover.write_text("{half")
        with pytest.raises(ProgressLocked):
            open_store(tmp_path)  # removing a leftover is a write
        assert leftover.exists()
        leftover.unlink()
    assert (store.path.read_bytes(), store.path.stat().st_ino) == before
    new_file = tmp_path / progress_file_name("Bo")
    with FileLock(f"{new_file}.lock"), pytest.raises(ProgressLocked):
        ProgressStore.open_for(tmp_path, "Bo")  # a new learner file is a write too
    assert not new_file.exists()


def test_a_leftover_that_cannot_be_removed_does_not_stop_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path)
    leftover = tmp_path / f".{store.path.name}.x1.tmp"
    leftover.write_text("{half")
    real_unlink = Path.unlink

    def refuse(path: Path, missing_ok: bool = False) -> None:
        if path == leftover:
            raise PermissionError("read-only")
        real_unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    again, report = ProgressStore.open_for(tmp_path, "Mette Hansen", course_id="testkursus", content_version=3)
    assert report.path == store.path and report.backup is None
    assert leftover.exists() and again.record().name == "Mette Hansen"


def test_a_version_1_file_is_not_migrated_without_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    import kursus.tracking.store as store_module

    path = tmp_path / progress_file_name("Bo")
    v1 = json.dumps({"meta": {"1": {"schema_version": 1}}, "profile": {"1": {"name": "Bo"}}})
    path.write_text(v1)
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.1)
    with FileLock(f"{path}.lock"), pytest.raises(ProgressLocked):
        ProgressStore.open_for(tmp_path, "Bo")
    path.write_text("{damaged")
    with FileLock(f"{path}.lock"), pytest.raises(ProgressLocked):
        ProgressStore.open_for(tmp_path, "Bo")
    assert path.read_text() == "{damaged"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name, f"{path.name}.lock"]


def stamp_time(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y%m%d-%H%M%S")


def test_a_damaged_file_is_kept_under_a_dated_name(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Bo")
    path.write_text("{not json")
    before = datetime.now().replace(microsecond=0)
    store, report = ProgressStore.open_for(tmp_path, "Bo")
    match = re.fullmatch(re.escape(path.name) + r"\.damaged-(\d{8}-\d{6})", report.backup.name)
    assert match and report.backup.parent == tmp_path
    assert before <= stamp_time(match.group(1)) <= datetime.now()
    assert report.backup.read_text() == "{not json"
    assert report.backup_reason == "not valid JSON (line 1: Expecting property name enclosed in double quotes)"
    assert (report.created, report.migrated_from, report.migration_backup) == (True, None, None)
    assert store.record().name == "Bo"


def test_a_migrated_file_keeps_a_dated_copy_of_the_old_version(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Bo")
    v1 = {"meta": {"1": {"schema_version": 1}}, "profile": {"1": {"name": "Bo"}}}
    path.write_text(json.dumps(v1))
    before = datetime.now().replace(microsecond=0)
    _, report = ProgressStore.open_for(tmp_path, "Bo")
    match = re.fullmatch(re.escape(path.name) + r"\.v1-(\d{8}-\d{6})\.bak", report.migration_backup.name)
    assert match and report.migration_backup.parent == tmp_path
    assert before <= stamp_time(match.group(1)) <= datetime.now()
    assert json.loads(report.migration_backup.read_text()) == v1
    assert (report.created, report.backup, report.migrated_from) == (False, None, 1)


def test_a_migration_is_written_even_when_nothing_else_changes(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Bo")
    v1 = {
        "meta": {"1": {"schema_version": 1, "course_id": "", "content_version": 0, "app_version": kursus.__version__}},
        "profile": {"1": {"name": "Bo", "lang": "da"}},
        "events": {},
        "reflections": {},
    }
    path.write_text(json.dumps(v1))
    _, report = ProgressStore.open_for(tmp_path, "Bo")
    assert report.migrated_from == 1
    assert on_disk(path)["meta"]["1"]["schema_version"] == SCHEMA_VERSION


# --- the store: reading and events -----------------------------------------------------------


def test_reading_or_writing_a_vanished_file_is_an_error_and_recreates_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    heard = listen(store)
    assert store.record().path == store.path
    store.path.unlink()
    with pytest.raises(UnreadableProgressFile) as caught:
        store.record()
    assert (caught.value.path, caught.value.reason) == (store.path, "the file has disappeared")
    with pytest.raises(UnreadableProgressFile) as caught:
        store.record_event(LessonOpened("alpha", "da"))
    assert caught.value.reason == "the file has disappeared"
    store.path.write_text("")
    with pytest.raises(UnreadableProgressFile):
        store.save_reflection("alpha", "r1", "tekst")
    assert store.path.read_text() == "" and heard == []


def test_an_event_is_stamped_in_utc_whole_seconds(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store.record_event(LessonOpened("alpha", "en"), at=AT) == LessonOpened("alpha", "en", AT_ISO)
    before = datetime.now(UTC).replace(microsecond=0)
    written = store.record_event(PageViewed("alpha", 1))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", written.time)
    assert before <= datetime.fromisoformat(written.time) <= datetime.now(UTC)
    assert [e["time"] for e in store.record().events] == [AT_ISO, written.time]


def test_times_are_utc_whatever_the_machines_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        store = open_store(tmp_path)
        assert store.record_event(LessonOpened("alpha", "en"), at=AT).time == AT_ISO
        assert store.record_event(LessonFinished("alpha")).time.endswith("+00:00")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_attempts_are_counted_per_lesson_and_scenario(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    heard = listen(store)
    store.record_event(LessonOpened("alpha", "da"))
    given = [("alpha", "s1"), ("alpha", "s2"), ("beta", "s1"), ("alpha", "s1"), ("alpha", "s1"), ("beta", "s1")]
    written = [
        store.record_event(AnswerGiven(lesson, scenario, "a", Rating.WRONG, attempt=9), at=AT)
        for lesson, scenario in given
    ]
    assert [e.attempt for e in written] == [1, 1, 1, 2, 3, 2]
    assert heard[1:] == written
    assert [e["attempt"] for e in store.record().events[1:]] == [1, 1, 1, 2, 3, 2]
    assert store.record().events[1] == to_doc(written[0])


def test_listeners_hear_each_event_after_the_lock_is_released(tmp_path: Path) -> None:
    from filelock import FileLock

    store = open_store(tmp_path)
    seen: list = []

    def check(event: object) -> None:
        with FileLock(f"{store.path}.lock", timeout=0):  # raises if the store still held it
            seen.append((event, len(on_disk(store.path)["events"])))

    store.subscribe(check)
    written = store.record_event(LessonOpened("alpha", "da"), at=AT)
    assert seen == [(written, 1)]


def test_a_failing_listener_is_logged_and_the_others_still_hear(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = open_store(tmp_path)

    def broken(event: object) -> None:
        raise RuntimeError("listener bug")

    store.subscribe(broken)
    heard = listen(store)
    with caplog.at_level(logging.ERROR, logger="kursus.tracking.store"):
        written = store.record_event(LessonFinished("alpha"), at=AT)
    assert heard == [written]
    assert [(r.levelno, r.name) for r in caplog.records] == [(logging.ERROR, "kursus.tracking.store")]
    assert caplog.records[0].getMessage() == f"listener {broken!r} failed on lesson_finished"
    assert caplog.records[0].exc_info[0] is RuntimeError
    assert len(store.record().events) == 1  # the save stands


def test_an_unsubscribed_listener_hears_nothing_more(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    first, second = [], []
    stop_first = store.subscribe(first.append)
    store.subscribe(second.append)
    store.record_event(LessonOpened("alpha", "da"))
    stop_first()
    stop_first()  # twice is harmless
    store.record_event(LessonFinished("alpha"))
    assert [type(e) for e in first] == [LessonOpened]
    assert [type(e) for e in second] == [LessonOpened, LessonFinished]


def test_a_listener_that_unsubscribes_while_hearing_does_not_stop_the_others(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    heard: list = []
    stops: list = []
    stops.append(store.subscribe(lambda event: stops[0]()))
    store.subscribe(heard.append)
    store.record_event(LessonOpened("alpha", "da"))
    assert len(heard) == 1


def test_nothing_is_published_when_the_write_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(tmp_path)
    heard = listen(store)

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        store.save_reflection("alpha", "r1", "tekst", shared=True)
    assert heard == []


def test_a_held_lock_is_reported_with_the_file_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    import kursus.tracking.store as store_module

    store = open_store(tmp_path)
    heard = listen(store)
    before = store.path.read_bytes()
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.1)
    blocked = ProgressStore(store.path)
    with FileLock(f"{store.path}.lock"):
        with pytest.raises(ProgressLocked) as caught:
            blocked.record_event(LessonOpened("alpha", "da"))
        assert str(caught.value) == f"{store.path} is locked by another program"
    assert store.path.read_bytes() == before and heard == []
    assert stat.S_IMODE((tmp_path / f"{store.path.name}.lock").stat().st_mode) == 0o600


# --- the store: reflections ----------------------------------------------------------------------


def reflection_docs(store: ProgressStore) -> list[dict]:
    return list(on_disk(store.path)["reflections"].values())


def test_a_new_reflection_is_private_at_revision_one(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    heard = listen(store)
    saved = store.save_reflection("alpha", "r1", "tekst", at=AT)
    assert saved == SavedReflection("tekst", False, 1, False, False)
    assert reflection_docs(store) == [
        {"lesson_id": "alpha", "prompt_id": "r1", "text": "tekst", "shared": False, "updated": AT_ISO, "rev": 1}
    ]
    assert heard == [ReflectionSaved("alpha", "r1", 1, False, False, AT_ISO)]


def test_a_new_reflection_shared_on_purpose_is_announced_twice(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    heard = listen(store)
    assert store.save_reflection("alpha", "r1", "tekst", shared=True, at=AT) == SavedReflection("tekst", True, 1)
    assert reflection_docs(store)[0]["shared"] is True
    assert heard == [
        ReflectionSaved("alpha", "r1", 1, True, False, AT_ISO),
        ReflectionShared("alpha", "r1", True, AT_ISO),
    ]


@pytest.mark.parametrize("shared", ["yes", 1, False])
def test_a_new_reflection_is_shared_only_by_exactly_true(tmp_path: Path, shared: object) -> None:
    store = open_store(tmp_path)
    assert store.save_reflection("alpha", "r1", "tekst", shared=shared).shared is False
    assert reflection_docs(store)[0]["shared"] is False


def test_saving_the_same_text_and_flag_writes_and_announces_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "tekst", shared=True, at=AT)
    heard = listen(store)
    before = (store.path.read_bytes(), store.path.stat().st_ino)
    assert store.save_reflection("alpha", "r1", "tekst") == SavedReflection("tekst", True, 1)
    assert store.save_reflection("alpha", "r1", "tekst", seen_shared=True, base_revision=1) == SavedReflection(
        "tekst", True, 1
    )
    assert (store.path.read_bytes(), store.path.stat().st_ino) == before and heard == []


def test_a_text_change_raises_the_revision_and_touches_only_that_reflection(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "første", at=AT)
    store.save_reflection("alpha", "r2", "anden", shared=True, at=AT)
    store.save_reflection("beta", "r1", "tredje", at=AT)
    untouched = reflection_docs(store)[1:]
    heard = listen(store)
    later = AT + timedelta(hours=1)
    saved = store.save_reflection("alpha", "r1", "første, ny", at=later)
    assert saved == SavedReflection("første, ny", False, 2)
    docs = reflection_docs(store)
    assert docs[0] == {
        "lesson_id": "alpha",
        "prompt_id": "r1",
        "text": "første, ny",
        "shared": False,
        "updated": "2026-03-01T11:30:45+00:00",
        "rev": 2,
    }
    assert docs[1:] == untouched
    assert heard == [ReflectionSaved("alpha", "r1", 2, False, False, "2026-03-01T11:30:45+00:00")]
    record = store.record()
    assert [(r.prompt_id, r.lesson_id, r.shared) for r in record.reflections] == [
        ("r1", "alpha", False),
        ("r2", "alpha", True),
        ("r1", "beta", False),
    ]


def test_sharing_with_a_new_text_announces_the_text_first(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "udkast")
    heard = listen(store)
    saved = store.save_reflection("alpha", "r1", "færdig", shared=True, at=AT)
    assert saved == SavedReflection("færdig", True, 2)
    assert heard == [
        ReflectionSaved("alpha", "r1", 2, True, False, AT_ISO),
        ReflectionShared("alpha", "r1", True, AT_ISO),
    ]


def test_a_flag_only_save_keeps_the_revision(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "tekst")
    heard = listen(store)
    assert store.save_reflection("alpha", "r1", "tekst", shared=True, at=AT) == SavedReflection("tekst", True, 1)
    assert reflection_docs(store)[0] == {
        "lesson_id": "alpha",
        "prompt_id": "r1",
        "text": "tekst",
        "shared": True,
        "updated": AT_ISO,
        "rev": 1,
    }
    assert heard == [ReflectionShared("alpha", "r1", True, AT_ISO)]
    assert store.save_reflection("alpha", "r1", "tekst", shared=False).shared is False
    assert reflection_docs(store)[0]["shared"] is False and heard[-1].shared is False


def test_a_flag_only_save_touches_only_that_reflection(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "første", at=AT)
    store.save_reflection("alpha", "r2", "anden", at=AT)
    other = reflection_docs(store)[1]
    store.save_reflection("alpha", "r1", "første", shared=True)
    assert reflection_docs(store)[1] == other
    assert [(r.prompt_id, r.shared) for r in store.record().reflections] == [("r1", True), ("r2", False)]


def test_a_reflection_without_text_on_disk_reads_as_empty(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.append_history([], [{"lesson_id": "alpha", "prompt_id": "r1", "shared": False, "rev": 2}])
    before = (store.path.read_bytes(), store.path.stat().st_ino)
    assert store.save_reflection("alpha", "r1", "") == SavedReflection("", False, 2)
    assert store.set_shared("alpha", "r1", False) == SavedReflection("", False, 2)
    assert (store.path.read_bytes(), store.path.stat().st_ino) == before
    assert store.set_shared("alpha", "r1", True) == SavedReflection("", True, 2)


def test_a_window_that_sees_a_share_never_turns_one_on(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "tekst")
    saved = store.save_reflection("alpha", "r1", "ny tekst", seen_shared=True, base_revision=1)
    assert (saved.shared, reflection_docs(store)[0]["shared"]) == (False, False)


def test_an_explicit_flag_wins_over_what_a_window_saw(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "tekst")
    assert store.save_reflection("alpha", "r1", "tekst", shared=True, seen_shared=False).shared is True
    assert reflection_docs(store)[0]["shared"] is True


def test_a_stale_window_saving_blank_text_keeps_the_other_and_changes_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "B skrev dette")
    heard = listen(store)
    before = store.path.read_bytes()
    saved = store.save_reflection("alpha", "r1", "  \n ", base_revision=0)
    assert saved == SavedReflection("B skrev dette", False, 1, False, True)
    assert store.path.read_bytes() == before and heard == []


def test_a_stale_window_keeps_the_other_text_but_its_share_switch_still_counts(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "B skrev dette", shared=True)
    saved = store.save_reflection("alpha", "r1", "", base_revision=0, shared=False, at=AT)
    assert saved == SavedReflection("B skrev dette", False, 1, False, True)
    assert reflection_docs(store)[0]["shared"] is False


def test_a_blank_text_on_disk_is_simply_replaced(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "   ")
    heard = listen(store)
    saved = store.save_reflection("alpha", "r1", "tekst", base_revision=0, at=AT)
    assert saved == SavedReflection("tekst", False, 2, False, False)
    assert heard == [ReflectionSaved("alpha", "r1", 2, False, False, AT_ISO)]


def test_a_merge_is_announced_as_merged(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "B")
    heard = listen(store)
    saved = store.save_reflection("alpha", "r1", "A", base_revision=0, at=AT)
    assert (saved.merged, saved.kept_other, saved.revision) == (True, False, 2)
    assert saved.text == "B\n\n――――――――\n\nA" == reflection_docs(store)[0]["text"]
    assert heard == [ReflectionSaved("alpha", "r1", 2, False, True, AT_ISO)]


def test_without_a_base_revision_the_text_is_written_as_given(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "B")
    store.save_reflection("alpha", "r1", "C")
    assert store.save_reflection("alpha", "r1", "", at=AT) == SavedReflection("", False, 3)
    assert reflection_docs(store)[0]["text"] == ""


def test_set_shared_creates_an_empty_reflection_when_there_is_none(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    heard = listen(store)
    assert store.set_shared("alpha", "r1", True, at=AT) == SavedReflection("", True, 1)
    assert reflection_docs(store) == [
        {"lesson_id": "alpha", "prompt_id": "r1", "text": "", "shared": True, "updated": AT_ISO, "rev": 1}
    ]
    assert heard == [
        ReflectionSaved("alpha", "r1", 1, True, False, AT_ISO),
        ReflectionShared("alpha", "r1", True, AT_ISO),
    ]
    assert store.set_shared("alpha", "r2", False, at=AT) == SavedReflection("", False, 1)
    assert heard[2:] == [ReflectionSaved("alpha", "r2", 1, False, False, AT_ISO)]


def test_set_shared_switches_only_the_flag_of_that_reflection(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "én")
    store.save_reflection("alpha", "r1", "to")
    store.save_reflection("alpha", "r2", "anden")
    other = reflection_docs(store)[1]
    heard = listen(store)
    assert store.set_shared("alpha", "r1", True, at=AT) == SavedReflection("to", True, 2)
    docs = reflection_docs(store)
    assert docs[0] == {
        "lesson_id": "alpha",
        "prompt_id": "r1",
        "text": "to",
        "shared": True,
        "updated": AT_ISO,
        "rev": 2,
    }
    assert docs[1] == other
    assert heard == [ReflectionShared("alpha", "r1", True, AT_ISO)]
    assert store.set_shared("alpha", "r1", False, at=AT).shared is False
    assert heard[1:] == [ReflectionShared("alpha", "r1", False, AT_ISO)]


def test_set_shared_to_the_flag_it_has_writes_and_announces_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "tekst", shared=True)
    heard = listen(store)
    before = (store.path.read_bytes(), store.path.stat().st_ino)
    assert store.set_shared("alpha", "r1", True) == SavedReflection("tekst", True, 1)
    assert (store.path.read_bytes(), store.path.stat().st_ino) == before and heard == []
    store.set_shared("alpha", "r1", False)
    assert store.set_shared("alpha", "r1", False) == SavedReflection("tekst", False, 1)


def test_a_reflection_without_a_flag_on_disk_reads_and_saves_as_private(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.append_history([], [{"lesson_id": "alpha", "prompt_id": "r1", "text": "gammel", "updated": "U"}])
    assert store.record().reflection("alpha", "r1") == Reflection("alpha", "r1", "gammel", False, "U", 0)
    assert store.record().shared_reflections == []
    saved = store.save_reflection("alpha", "r1", "ny", seen_shared=True, base_revision=0)
    assert (saved.text, saved.shared, saved.revision) == ("ny", False, 1)
    assert store.set_shared("alpha", "r1", False).shared is False


# --- the store: history and profile ------------------------------------------------------------------


def test_appended_history_is_not_announced_and_empty_lists_change_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    heard = listen(store)
    store.append_history([to_doc(LessonOpened("alpha", "da", AT_ISO))], [])
    store.append_history([], [{"lesson_id": "alpha", "prompt_id": "r1", "text": "t", "shared": False}])
    data = on_disk(store.path)
    assert list(data["events"].values()) == [to_doc(LessonOpened("alpha", "da", AT_ISO))]
    assert list(data["reflections"].values()) == [
        {"lesson_id": "alpha", "prompt_id": "r1", "text": "t", "shared": False}
    ]
    assert heard == []
    before = (store.path.read_bytes(), store.path.stat().st_ino)
    store.append_history([], [])
    assert (store.path.read_bytes(), store.path.stat().st_ino) == before


def test_update_profile_changes_only_the_given_fields_on_disk(tmp_path: Path) -> None:
    store = open_store(tmp_path, cohort="hold-a")
    profile = on_disk(store.path)["profile"]["1"]
    store.update_profile(lang="en", note="x")
    assert on_disk(store.path)["profile"] == {"1": {**profile, "lang": "en", "note": "x"}}


def test_update_profile_changes_the_first_profile_only(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    write_json_atomically(path, current_file(profile={"1": {"name": "Bo"}, "2": {"name": "Stray"}}))
    ProgressStore(path).update_profile(lang="en")
    assert on_disk(path)["profile"] == {"1": {"name": "Bo", "lang": "en"}, "2": {"name": "Stray"}}


def test_update_profile_on_a_file_without_a_profile_creates_it(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    write_json_atomically(path, current_file(profile={}, events={}, reflections={}))
    store = ProgressStore(path)
    store.update_profile(name="Bo", lang="en")
    assert on_disk(path)["profile"] == {"1": {"name": "Bo", "lang": "en"}}
    assert (store.record().name, store.record().lang) == ("Bo", "en")


# --- bugs found (not fixed here) ------------------------------------------------------------------


def test_a_file_with_a_damaged_profile_is_moved_aside_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Bo")
    path.write_text(json.dumps(current_file(profile={"1": "Bo"})))
    damaged = path.read_bytes()
    assert reason_of(json.loads(damaged), tmp_path) == "the profile is damaged"  # the trainer's reading refuses it
    store, report = ProgressStore.open_for(tmp_path, "Bo")  # the learner's start raised TypeError before
    assert report.backup is not None and report.backup.read_bytes() == damaged
    assert store.record().name == "Bo"


def test_a_name_cut_at_the_limit_is_still_trimmed() -> None:
    name = clean_name("x" * 199 + " Hansen")
    assert name == name.strip() and clean_name(name) == name
