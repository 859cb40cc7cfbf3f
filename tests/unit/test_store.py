"""The progress store: atomic writes, the lock, damaged files, migration, file names."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kursus.tracking import LessonStatus, ProgressLocked, ProgressStore, UnreadableProgressFile, read_record
from kursus.tracking.events import AnswerGiven, LessonFinished, LessonOpened
from kursus.tracking.names import progress_file_name
from kursus.tracking.schema import SCHEMA_VERSION
from kursus.tracking.storage import write_json_atomically
from kursus.vocabulary import Rating
from tests.conftest import HOSTILE_STRINGS


def open_store(folder: Path, name: str = "Mette Hansen", **kwargs) -> ProgressStore:
    store, _ = ProgressStore.open_for(folder, name, course_id="testkursus", content_version=3, **kwargs)
    return store


def test_new_file_has_schema_profile_and_private_mode(tmp_path: Path) -> None:
    store = open_store(tmp_path, cohort="2027-forår", lang="en")
    data = json.loads(store.path.read_text())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert data["meta"]["1"]["course_id"] == "testkursus"
    assert data["profile"]["1"] == {
        **data["profile"]["1"],
        "name": "Mette Hansen",
        "cohort": "2027-forår",
        "lang": "en",
    }
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    fresh = open_store(tmp_path / "new-folder")
    assert stat.S_IMODE(fresh.path.parent.stat().st_mode) == 0o700


def test_events_are_appended_and_reflections_private_by_default(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.record_event(LessonOpened("alpha", "da"))
    store.record_event(AnswerGiven("alpha", "s1", "a", Rating("wrong")))
    store.record_event(AnswerGiven("alpha", "s1", "b", Rating("best")))
    store.save_reflection("alpha", "r1", "første udkast")
    store.save_reflection("alpha", "r1", "andet udkast")
    record = store.record()
    assert [e["type"] for e in record.events] == ["lesson_opened", "answer", "answer"]
    result = record.scenario_results("alpha")[("alpha", "s1")]
    assert (result.first_choice, result.first_score, result.attempts, result.last_choice) == ("a", 0.0, 2, "b")
    assert len(record.reflections) == 1
    assert record.reflections[0].text == "andet udkast"
    assert record.reflections[0].shared is False
    store.save_reflection("alpha", "r1", "andet udkast", shared=True)
    store.save_reflection("alpha", "r1", "tredje udkast")  # keeps the share choice
    assert store.record().reflections[0].shared is True
    assert store.record().lesson_status("alpha") is LessonStatus.IN_PROGRESS
    store.record_event(LessonFinished("alpha"))
    assert store.record().lesson_status("alpha") is LessonStatus.DONE


def test_failed_replace_leaves_the_old_file_and_no_temp_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(tmp_path)
    store.record_event(LessonOpened("alpha", "da"))
    before = store.path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        store.record_event(LessonOpened("beta", "da"))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_write_is_atomic_for_readers(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    write_json_atomically(target, {"a": {"1": {"n": 1}}})
    inode = target.stat().st_ino
    write_json_atomically(target, {"a": {"1": {"n": 2}}})
    assert json.loads(target.read_text())["a"]["1"]["n"] == 2
    assert target.stat().st_ino != inode  # replaced, not rewritten in place


def _append_answers(folder: str, worker: int, count: int) -> None:
    store, _ = ProgressStore.open_for(Path(folder), "Delt Deltager", course_id="c", content_version=1)
    for index in range(count):
        store.record_event(AnswerGiven("alpha", f"w{worker}-{index}", "a", Rating("best")))


def test_two_processes_on_the_same_learner_lose_nothing(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_append_answers, args=(str(tmp_path), n, 25)) for n in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    record = read_record(tmp_path / progress_file_name("Delt Deltager"))
    ids = [e["scenario_id"] for e in record.events]
    assert len(ids) == 50 and len(set(ids)) == 50


def test_two_open_copies_in_one_process_see_each_others_writes(tmp_path: Path) -> None:
    first, second = open_store(tmp_path), open_store(tmp_path)
    first.record_event(AnswerGiven("alpha", "s1", "a", Rating("wrong")))
    second.record_event(AnswerGiven("alpha", "s2", "b", Rating("best")))
    first.save_reflection("alpha", "r1", "fra første")
    second.save_reflection("alpha", "r2", "fra anden")
    record = first.record()
    assert {e["scenario_id"] for e in record.events} == {"s1", "s2"}
    assert {r.prompt_id for r in record.reflections} == {"r1", "r2"}


def test_lock_held_elsewhere_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kursus.tracking.store as store_module

    store = open_store(tmp_path)
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.2)
    blocker = ProgressStore(store.path)  # new lock object with the short timeout
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from filelock import FileLock; import time; l=FileLock({str(store.path) + '.lock'!r}); l.acquire(); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(ProgressLocked):
            blocker.record_event(LessonOpened("alpha", "da"))
    finally:
        holder.kill()
        holder.wait()


def test_damaged_file_is_moved_aside_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Mette Hansen")
    path.write_text('{"meta": {"1": {"schema_version": 2}}, "events": {"1": ', encoding="utf-8")
    damaged = path.read_bytes()
    store, report = ProgressStore.open_for(tmp_path, "Mette Hansen", course_id="c", content_version=1)
    assert report.backup is not None and report.backup.exists()
    assert report.backup.read_bytes() == damaged
    assert report.backup.name.startswith(path.name + ".damaged-")
    assert "not valid JSON" in report.backup_reason
    assert store.record().events == []  # a fresh, readable file


def test_other_programs_json_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Mette Hansen")
    path.write_text('{"_default": {"1": {"x": 1}}}', encoding="utf-8")
    _, report = ProgressStore.open_for(tmp_path, "Mette Hansen")
    assert report.backup is not None and "no meta table" in report.backup_reason


def test_file_damaged_while_open_is_not_overwritten(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.path.write_text("garbage", encoding="utf-8")
    with pytest.raises(UnreadableProgressFile):
        store.record_event(LessonOpened("alpha", "da"))
    assert store.path.read_text() == "garbage"


def test_newer_schema_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Mette Hansen")
    newer = {"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}, "profile": {}, "events": {}, "reflections": {}}
    path.write_text(json.dumps(newer), encoding="utf-8")
    _, report = ProgressStore.open_for(tmp_path, "Mette Hansen")
    assert report.backup is not None and "newer kursus" in report.backup_reason
    assert json.loads(report.backup.read_text()) == newer


def test_version_1_file_is_migrated_without_loss(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Mette Hansen")
    v1 = {
        "meta": {"1": {"schema_version": 1, "course_id": "testkursus", "content_version": 1}},
        "profile": {"1": {"name": "Mette Hansen", "cohort": "2026-efterår", "lang": "da"}},
        "events": {"1": {"type": "lesson_opened", "lesson_id": "alpha", "time": "2026-09-01T10:00:00+00:00"}},
        "answers": {
            "1": {
                "lesson_id": "alpha",
                "scenario_id": "s1",
                "choice_id": "a",
                "score": 0.0,
                "time": "2026-09-01T10:05:00+00:00",
            },
            "2": {
                "lesson_id": "alpha",
                "scenario_id": "s1",
                "choice_id": "b",
                "score": 1.0,
                "time": "2026-09-01T10:06:00+00:00",
            },
        },
        "reflections": {
            "1": {
                "lesson_id": "alpha",
                "prompt_id": "r1",
                "text": "gammel tekst",
                "updated": "2026-09-01T10:07:00+00:00",
            }
        },
    }
    path.write_text(json.dumps(v1), encoding="utf-8")
    store, report = ProgressStore.open_for(tmp_path, "Mette Hansen", course_id="testkursus", content_version=3)
    assert report.migrated_from == 1
    assert report.migration_backup is not None and json.loads(report.migration_backup.read_text()) == v1
    data = json.loads(path.read_text())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert "answers" not in data
    record = store.record()
    assert record.cohort == "2026-efterår"
    results = record.scenario_results("alpha")[("alpha", "s1")]
    assert (results.first_choice, results.attempts, results.last_choice) == ("a", 2, "b")
    assert record.reflections[0].text == "gammel tekst" and record.reflections[0].shared is False


def test_read_record_never_writes(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.record_event(LessonOpened("alpha", "da"))
    before = (store.path.read_bytes(), store.path.stat().st_mtime_ns)
    read_record(store.path)
    assert (store.path.read_bytes(), store.path.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    "name", [*HOSTILE_STRINGS, "..", "../..", "/", "a/b\\c", "\x00\x1b[31m", "Søren", "Soeren", "   "]
)
def test_file_names_are_safe(tmp_path: Path, name: str) -> None:
    file_name = progress_file_name(name)
    assert "/" not in file_name and "\\" not in file_name and ".." not in file_name
    assert file_name.endswith(".json") and len(file_name) <= 60
    assert all(ch.isascii() and (ch.isalnum() or ch in "-.") for ch in file_name)
    store = open_store(tmp_path, name=name if name.strip() else "x")
    assert store.path.parent == tmp_path


def test_similar_names_get_different_files_and_case_does_not_matter() -> None:
    assert progress_file_name("Søren") != progress_file_name("Soeren")
    assert progress_file_name("Mette Hansen") == progress_file_name("  mette   HANSEN ")


KILL_WRITER = """
import sys
from pathlib import Path
from kursus.tracking import AnswerGiven, ProgressStore
from kursus.vocabulary import Rating
store, _ = ProgressStore.open_for(Path(sys.argv[1]), "Kill Test", course_id="c", content_version=1)
print("ready", flush=True)
n = 0
while True:
    n += 1
    store.record_event(AnswerGiven("alpha", f"s{n}", "a", Rating("best")))
    store.save_reflection("alpha", "r1", "tekst " * (n % 50))
"""


def test_killing_the_writer_at_any_moment_leaves_a_loadable_file(tmp_path: Path) -> None:
    path = tmp_path / progress_file_name("Kill Test")
    counts = []
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        writer = subprocess.Popen([sys.executable, "-c", KILL_WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        record = read_record(path)  # raises if the file were half-written
        counts.append(len(record.events))
    assert counts == sorted(counts) and counts[-1] > counts[0]


def test_append_history_writes_many_items_in_one_go(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    events = [
        {
            "type": "answer",
            "lesson_id": "alpha",
            "scenario_id": f"s{i}",
            "choice_id": "a",
            "score": 1.0,
            "attempt": 1,
            "time": "2026-01-01T10:00:00+00:00",
        }
        for i in range(30)
    ]
    reflections = [
        {
            "lesson_id": "alpha",
            "prompt_id": "r1",
            "text": "tekst",
            "shared": True,
            "updated": "2026-01-01T10:05:00+00:00",
        }
    ]
    store.append_history(events, reflections)
    record = store.record()
    assert [e["scenario_id"] for e in record.events] == [f"s{i}" for i in range(30)]
    assert record.reflections[0].shared is True and record.reflections[0].text == "tekst"
