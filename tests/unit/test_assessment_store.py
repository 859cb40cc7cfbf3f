"""Self-assessment rounds and phase checks in the learner's progress file: the store's
methods (atomic, locked, published after the write), the record's accessors, and the
migration of today's (v3) and older files to schema 4."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kursus.assessment import before_after, check_network, locate
from kursus.assessment.loader import load_phase_finder
from kursus.tracking import (
    SCHEMA_VERSION,
    PhaseChecked,
    PhaseCheckShared,
    ProgressStore,
    SelfAssessmentSaved,
    SelfAssessmentShared,
    UnknownEntry,
    read_record,
)
from kursus.tracking.events import AnswerGiven, LearnerEvent
from kursus.tracking.record import record_from_data
from kursus.tracking.store import MAX_NETWORK_NAME_LENGTH
from kursus.vocabulary import Occasion, Rating
from tests.conftest import HOSTILE_STRINGS, SHIPPED_LESSONS

T0 = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)


def open_store(folder: Path) -> tuple[ProgressStore, list[LearnerEvent]]:
    store, _ = ProgressStore.open_for(folder, "Mette Hansen", course_id="netvaerksleder", content_version=1)
    heard: list[LearnerEvent] = []
    store.subscribe(heard.append)
    return store, heard


def on_disk(store: ProgressStore) -> dict:
    return json.loads(store.path.read_text(encoding="utf-8"))


# --- rounds ------------------------------------------------------------------------------------


def test_a_round_is_private_by_default_and_published_after_the_write(tmp_path: Path) -> None:
    store, heard = open_store(tmp_path)
    seen_on_disk: list[dict] = []
    store.subscribe(lambda event: seen_on_disk.append(on_disk(store)))
    saved = store.save_self_assessment(Occasion.START, {"taenk-andre-ind": 2, "trygt-rum": 4}, at=T0)
    assert saved.shared is False and saved.occasion is Occasion.START
    assert saved.taken_at == "2027-02-01T09:00:00+00:00"
    assert heard == [SelfAssessmentSaved(saved.id, Occasion.START, False, saved.taken_at)]
    (doc,) = seen_on_disk[0]["self_assessments"].values()  # on disk when the listener heard it
    assert doc["levels"] == {"taenk-andre-ind": 2, "trygt-rum": 4} and doc["shared"] is False


def test_a_round_may_be_incomplete_and_changed_later(tmp_path: Path) -> None:
    store, heard = open_store(tmp_path)
    first = store.save_self_assessment(Occasion.START, {"taenk-andre-ind": 2}, notes={"taenk-andre-ind": "  "}, at=T0)
    assert first.notes == {}  # an empty note is not kept
    changed = store.save_self_assessment(
        Occasion.START,
        {"taenk-andre-ind": 3, "trygt-rum": 1},
        notes={"trygt-rum": "svært"},
        next_steps={"trygt-rum": "Spørg en kollega"},
        round_id=first.id,
        at=T0 + timedelta(minutes=5),
    )
    assert changed.id == first.id and changed.taken_at == first.taken_at
    assert changed.levels == {"taenk-andre-ind": 3, "trygt-rum": 1}
    again = store.save_self_assessment(Occasion.START, {"taenk-andre-ind": 3}, round_id=first.id)
    assert again.notes == {"trygt-rum": "svært"} and again.next_steps == {"trygt-rum": "Spørg en kollega"}
    assert len(store.record().self_assessments) == 1
    assert [type(e) for e in heard] == [SelfAssessmentSaved] * 3


@pytest.mark.parametrize("level", [0, 6, True, 2.5, "3"])
def test_a_level_outside_1_to_5_is_refused_and_nothing_written(tmp_path: Path, level: object) -> None:
    store, heard = open_store(tmp_path)
    before = store.path.read_bytes()
    with pytest.raises(ValueError, match="not 1-5"):
        store.save_self_assessment(Occasion.ANYTIME, {"trygt-rum": level})  # type: ignore[dict-item]
    assert store.path.read_bytes() == before and heard == []


def test_sharing_a_round_and_stopping(tmp_path: Path) -> None:
    store, heard = open_store(tmp_path)
    saved = store.save_self_assessment(Occasion.END, {"trygt-rum": 4}, at=T0)
    shared = store.set_self_assessment_shared(saved.id, True, at=T0)
    assert shared.shared and store.record().shared_self_assessments[0].id == saved.id
    assert store.set_self_assessment_shared(saved.id, True).shared  # no change: no event
    store.set_self_assessment_shared(saved.id, False, at=T0)
    assert store.record().shared_self_assessments == []
    assert [e for e in heard if isinstance(e, SelfAssessmentShared)] == [
        SelfAssessmentShared(saved.id, True, "2027-02-01T09:00:00+00:00"),
        SelfAssessmentShared(saved.id, False, "2027-02-01T09:00:00+00:00"),
    ]


def test_an_unknown_round_or_check_id_is_an_error(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path)
    with pytest.raises(UnknownEntry):
        store.set_self_assessment_shared("nope", True)
    with pytest.raises(UnknownEntry):
        store.save_self_assessment(Occasion.START, {}, round_id="nope")
    with pytest.raises(UnknownEntry):
        store.set_phase_check_shared("", True)


def test_every_round_is_kept_and_before_after_latest_follow_the_dates(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path)
    start = store.save_self_assessment(Occasion.START, {"a": 2, "b": 3}, at=T0)
    mid = store.save_self_assessment(Occasion.ANYTIME, {"a": 3}, at=T0 + timedelta(days=10))
    end = store.save_self_assessment(Occasion.END, {"a": 4, "b": 3}, at=T0 + timedelta(days=30))
    later = store.save_self_assessment(Occasion.ANYTIME, {"a": 5}, at=T0 + timedelta(days=60))
    record = store.record()
    assert [r.id for r in record.self_assessments] == [start.id, mid.id, end.id, later.id]
    assert record.round_before().id == start.id  # type: ignore[union-attr]
    assert record.round_after().id == end.id  # type: ignore[union-attr]
    assert record.latest_round().id == later.id  # type: ignore[union-attr]
    rows = before_after(record, ["a", "b", "c"]).rows
    assert [(r.before, r.after, r.latest, r.change) for r in rows] == [
        (2, 4, 5, 2),
        (3, 3, None, 0),
        (None, None, None, None),
    ]
    # only shared rounds for a trainer
    store.set_self_assessment_shared(end.id, True)
    record = store.record()
    assert record.round_before(shared_only=True).id == end.id  # type: ignore[union-attr]
    assert record.round_after(shared_only=True) is None
    assert before_after(record, shared_only=True).rows[0].before == 4


def test_without_a_start_round_the_earliest_is_before(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path)
    first = store.save_self_assessment(Occasion.ANYTIME, {"a": 1}, at=T0)
    record = store.record()
    assert record.round_before() == first or record.round_before().id == first.id  # type: ignore[union-attr]
    assert record.round_after() is None
    empty = ProgressStore.open_for(tmp_path / "other", "Ny")[0].record()
    assert empty.round_before() is None and empty.latest_round() is None and before_after(empty).empty


# --- phase checks --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def finder():
    loaded = load_phase_finder(SHIPPED_LESSONS, "da")
    assert loaded is not None
    return loaded


def test_a_check_keeps_answers_and_result_and_is_private(tmp_path: Path, finder) -> None:
    store, heard = open_store(tmp_path)
    answers = {"tema-udfoldet": "ja", "samarbejdsaftale": "delvist", "kompetencer-kendt": "nej"}
    check, result = check_network(store, finder, "  Ældre   i bevægelse ", answers)
    assert check.network == "Ældre i bevægelse" and check.shared is False
    assert check.answers == answers and check.phases == result.numbers == locate(finder, answers).numbers
    assert check.confidence == result.confidence.value
    assert heard == [PhaseChecked(check.id, check.phases, False, check.checked_at)]
    store.set_phase_check_shared(check.id, True)
    assert isinstance(heard[-1], PhaseCheckShared) and store.record().shared_phase_checks[0].id == check.id


def test_every_check_is_kept_per_network_in_date_order(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path)
    a1 = store.save_phase_check("Ung i job", {}, (2,), at=T0)
    b1 = store.save_phase_check("Trygge boligområder", {}, (1,), at=T0 + timedelta(days=1))
    a2 = store.save_phase_check("ung  I JOB", {}, (4,), at=T0 + timedelta(days=20))
    a3 = store.save_phase_check("Ung i job", {}, (3,), unfinished=(2,), at=T0 + timedelta(days=40))
    record = store.record()
    assert record.networks() == ["Ung i job", "Trygge boligområder"]
    assert [c.id for c in record.checks_for("Ung i job")] == [a1.id, a2.id, a3.id]
    assert [c.phases for c in record.checks_for("UNG I JOB")] == [(2,), (4,), (3,)]  # back as well as forward
    assert record.checks_for("Trygge boligområder")[0].id == b1.id
    assert record.phase_check(a3.id).unfinished == (2,)  # type: ignore[union-attr]
    assert record.networks(shared_only=True) == []


@pytest.mark.parametrize("name", HOSTILE_STRINGS)
def test_a_hostile_network_name_is_cleaned_and_limited(tmp_path: Path, name: str) -> None:
    store, _ = open_store(tmp_path)
    check = store.save_phase_check(name + "\x1b[31m\u202e", {}, (1,))
    assert len(check.network) <= MAX_NETWORK_NAME_LENGTH
    assert "\x1b" not in check.network and "\u202e" not in check.network
    assert store.record().phase_checks[0].network == check.network


def test_an_empty_network_name_is_refused(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path)
    with pytest.raises(ValueError):
        store.save_phase_check(" \x1b \u202e ", {}, (1,))
    assert store.record().phase_checks == []


def test_a_hand_edited_file_never_crashes_the_accessors(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path)
    data = on_disk(store)
    data["self_assessments"] = {
        "1": {"id": 5, "occasion": ["x"], "levels": {"a": 9, "b": True, "c": 3}, "notes": "x", "shared": "true"},
        "2": "damaged",
    }
    data["phase_checks"] = {"1": {"network": None, "phases": [1, "2", 0, True], "answers": [], "shared": 1}}
    record = record_from_data(data, store.path)
    (one,) = record.self_assessments
    assert one.levels == {"c": 3} and one.occasion is Occasion.ANYTIME and one.shared is False and one.notes == {}
    (check,) = record.phase_checks
    assert check.phases == (1,) and check.shared is False and check.answers == {}


# --- migration -----------------------------------------------------------------------------------


def test_a_version_3_file_is_migrated_to_4_without_loss(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path)
    store.record_event(AnswerGiven("intro", "s1", "a", Rating.BEST), at=T0)
    store.save_reflection("intro", "r1", "min tekst", shared=True)
    data = on_disk(store)
    data["meta"]["1"]["schema_version"] = 3
    del data["self_assessments"], data["phase_checks"]
    store.path.write_text(json.dumps(data), encoding="utf-8")
    saved = tmp_path / "v3.saved"
    shutil.copy(store.path, saved)
    assert read_record(store.path).migrated_from == 3  # the trainer reads it without writing
    assert store.path.read_bytes() == saved.read_bytes()
    again, report = ProgressStore.open_for(tmp_path, "Mette Hansen", course_id="netvaerksleder", content_version=1)
    assert report.migrated_from == 3 and report.migration_backup is not None
    assert report.migration_backup.read_bytes() == saved.read_bytes()
    migrated = on_disk(again)
    assert migrated["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 4
    assert migrated["self_assessments"] == {} and migrated["phase_checks"] == {}
    for table in ("events", "reflections", "reviews", "profile"):
        assert migrated[table] == data[table]
    again.save_self_assessment(Occasion.START, {"a": 1})
    assert len(again.record().self_assessments) == 1


@pytest.mark.parametrize("version", [1, 2])
def test_older_files_are_migrated_all_the_way(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.json"
    old = {
        "meta": {"1": {"schema_version": version, "course_id": "netvaerksleder"}},
        "profile": {"1": {"name": "Ole", "lang": "da"}},
        "events": {"1": {"type": "lesson_opened", "lesson_id": "intro", "time": "2026-01-01T00:00:00+00:00"}},
        "reflections": {"1": {"lesson_id": "intro", "prompt_id": "r1", "text": "t", "updated": ""}},
    }
    path.write_text(json.dumps(old), encoding="utf-8")
    record = read_record(path)
    assert record.migrated_from == version
    assert record.self_assessments == [] and record.phase_checks == [] and record.events[0]["lesson_id"] == "intro"


# --- the events carry no text, and the domain knows nothing of Textual ---------------------------


def test_assessment_events_carry_ids_and_flags_only() -> None:
    from dataclasses import fields

    for event in (SelfAssessmentSaved, SelfAssessmentShared, PhaseChecked, PhaseCheckShared):
        names = {f.name for f in fields(event)}
        assert names <= {"round_id", "check_id", "occasion", "phases", "shared", "time"}, event


def test_the_assessment_package_does_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, kursus.assessment, kursus.assessment.loader, kursus.assessment.validate, "
        "kursus.assessment.cohort, kursus.trainer.assessment_report; "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
