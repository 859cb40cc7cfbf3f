"""The report's summary cache (kursus.trainer.summary_cache): a second report over
unchanged files reads none of them and says exactly what the first said; anything that
changed is read again; nothing private is kept; a damaged or foreign cache is ignored."""

from __future__ import annotations

import json
import marshal
import os
import stat
import time
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kursus.cli import main
from kursus.i18n import Catalogue
from kursus.summary import CourseIndex, summarise
from kursus.tracking import ProgressStore
from kursus.tracking.events import AnswerGiven, LessonOpened
from kursus.trainer import aggregate, summary_cache
from kursus.trainer.aggregate import build_report
from kursus.trainer.fast_record import FastRecord
from kursus.trainer.formats import render
from kursus.vocabulary import LearnerStatus, Rating
from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_assessment_privacy import PRIVATE_NOTE, PRIVATE_STEP
from tests.unit.test_assessment_privacy import course as assessment_course
from tests.unit.test_assessment_privacy import learner as assessment_learner
from tests.unit.test_fast_record import event, reflection
from tests.unit.test_trainer_support import NOW, PRIVATE_TEXTS, build_cohort, course


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as settled (else only files older than 2 s are kept)."""
    monkeypatch.setattr(summary_cache, "SETTLE_SECONDS", -3600.0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every progress file the report reads, in order."""
    seen: list[Path] = []
    real = aggregate.read_fast_record

    def counting(path: Path):
        seen.append(path)
        return real(path)

    monkeypatch.setattr(aggregate, "read_fast_record", counting)
    return seen


def as_json(report) -> dict:
    data = json.loads(render(report, "json", Catalogue("da")))
    data.pop("generated")
    return data


def report_of(folder: Path, root: Path, **extra):
    return build_report(folder, extra.pop("course", None) or course(), stalled_days=14, now=NOW, cache=root, **extra)


def cache_files(root: Path) -> list[Path]:
    return sorted(root.glob("*.cache")) if root.exists() else []


def test_a_second_report_reads_no_unchanged_file_and_says_the_same(tmp_path: Path, settled, reads) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    first = report_of(cohort.folder, root)
    assert len(reads) == 5 and len(first.learners) == 5
    reads.clear()
    again = report_of(cohort.folder, root)
    assert reads == []
    assert as_json(again) == as_json(first)
    assert as_json(again) == as_json(build_report(cohort.folder, course(), stalled_days=14, now=NOW))  # no cache


def test_a_changed_file_is_read_again_and_its_news_shown(tmp_path: Path, settled, reads) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    report_of(cohort.folder, root)
    store, _ = ProgressStore.open_for(cohort.folder, "Di Dam", cohort="hold-b")
    store.record_event(LessonOpened("alpha", "da"), at=NOW - timedelta(days=1))
    store.record_event(AnswerGiven("alpha", "s1", "b", Rating.BEST), at=NOW - timedelta(days=1))
    reads.clear()
    again = report_of(cohort.folder, root)
    assert reads == [cohort.files["di"]]
    di = next(learner for learner in again.learners if learner.name == "Di Dam")
    assert di.status is LearnerStatus.IN_PROGRESS and di.scenarios_answered == 1


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(tmp_path: Path, settled, reads) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    path = cohort.files["bo"]
    report_of(cohort.folder, root)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert '"Bo Berg"' in text
    path.write_text(text.replace('"Bo Berg"', '"Bo Borg"'), encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old modification time
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    names = [learner.name for learner in report_of(cohort.folder, root).learners]
    assert reads == [path] and "Bo Borg" in names and "Bo Berg" not in names


def test_a_file_changed_just_now_is_read_every_time(tmp_path: Path, reads, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writes within one tick of the file system's clock can leave equal stamps, so a
    file younger than SETTLE_SECONDS is never remembered."""
    monkeypatch.setattr(summary_cache, "SETTLE_SECONDS", 3600.0)  # "just now", however slow the machine
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    report_of(cohort.folder, root)
    reads.clear()
    report_of(cohort.folder, root)
    assert len(reads) == 5


def test_the_status_is_worked_out_for_the_day_of_the_report(tmp_path: Path, settled) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    report_of(cohort.folder, root)  # bo: active 3 days ago, in progress
    later = NOW + timedelta(days=30)
    cached = build_report(cohort.folder, course(), stalled_days=14, now=later, cache=root)
    fresh = build_report(cohort.folder, course(), stalled_days=14, now=later)
    statuses = {learner.name: learner.status for learner in cached.learners}
    assert statuses["Bo Berg"] is LearnerStatus.STALLED
    assert statuses == {learner.name: learner.status for learner in fresh.learners}
    assert as_json(cached) == as_json(fresh)


def test_a_removed_file_is_gone_from_the_report_and_from_the_cache(tmp_path: Path, settled) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    report_of(cohort.folder, root)
    (file,) = cache_files(root)
    size = file.stat().st_size
    cohort.files["ada"].unlink()
    again = report_of(cohort.folder, root)
    assert "Ada Andersen" not in [learner.name for learner in again.learners]
    assert file.stat().st_size < size


def test_nothing_private_is_kept_in_the_cache(tmp_path: Path, settled) -> None:
    cohort = build_cohort(tmp_path / "hold")
    folder = tmp_path / "assessments"
    assessment_learner(folder, "Mette Hansen", shared_levels={"taenk-andre-ind": 2, "trygt-rum": 3})
    root = tmp_path / "cache"
    report_of(cohort.folder, root)
    report_of(folder, root, course=assessment_course())
    assert len(cache_files(root)) == 2
    kept = b"".join(file.read_bytes() for file in cache_files(root))
    assert b"ADA-SHARED-REFLECTION" in kept  # shared text is what the report shows
    for secret in (*PRIVATE_TEXTS, PRIVATE_NOTE, PRIVATE_STEP):
        assert secret.encode() not in kept


def test_every_field_of_a_summary_survives_the_cache(tmp_path: Path, settled, reads) -> None:
    folder = tmp_path / "assessments"
    assessment_learner(folder, "Mette Hansen", shared_levels={"taenk-andre-ind": 2, "trygt-rum": 3})
    root = tmp_path / "cache"
    cohort = build_cohort(folder)  # and answers, shared reflections, notes
    the_course = assessment_course()
    first = build_report(folder, the_course, now=NOW, cache=root)
    reads.clear()
    again = build_report(folder, the_course, now=NOW, cache=root)
    assert reads == []  # every summary from the cache
    assert again.learners == first.learners
    mette = next(learner for learner in again.learners if learner.name == "Mette Hansen")
    assert mette.shared_rounds and mette.shared_checks and mette.round_before_id  # every field in use
    ada = next(learner for learner in again.learners if learner.name == "Ada Andersen")
    assert ada.shared and ada.first_tries and cohort.files["ada"] == ada.path
    # one key object per scenario for all learners, not a copy each (memory over 10,000 learners)
    bo = next(learner for learner in again.learners if learner.name == "Bo Berg")
    (ada_key,) = (key for key, _, _ in ada.first_tries if key == ("alpha", "s1"))
    (bo_key,) = (key for key, _, _ in bo.first_tries if key == ("alpha", "s1"))
    assert ada_key is bo_key


def test_a_damaged_cache_is_ignored_and_written_again(tmp_path: Path, settled, reads) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    expected = as_json(report_of(cohort.folder, root))
    (file,) = cache_files(root)
    file.write_bytes(b"\x00not marshal" * 10)
    reads.clear()
    assert as_json(report_of(cohort.folder, root)) == expected
    assert len(reads) == 5
    reads.clear()
    assert as_json(report_of(cohort.folder, root)) == expected
    assert reads == []  # written again


def test_a_cache_others_can_write_is_not_trusted(tmp_path: Path, settled, reads) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    report_of(cohort.folder, root)
    (file,) = cache_files(root)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    file.chmod(0o666)
    reads.clear()
    report_of(cohort.folder, root)
    assert len(reads) == 5


def test_another_course_does_not_use_the_cache(tmp_path: Path, settled, reads, lessons_copy: Path) -> None:
    from kursus.content import load_course

    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    report_of(cohort.folder, root)
    course_yaml = lessons_copy / "course.yaml"
    course_yaml.write_text(course_yaml.read_text(encoding="utf-8").replace("version: 3", "version: 4"), "utf-8")
    other = load_course(lessons_copy, "da")
    assert other.version == 4
    reads.clear()
    report = report_of(cohort.folder, root, course=other)
    assert len(reads) == 5
    assert any(note.key == "trainer.note.content_version" for learner in report.learners for note in learner.notes)
    reads.clear()
    again = report_of(cohort.folder, root, course=other)
    assert reads == []  # the notes of every learner come back from the cache as they were
    assert again.learners == report.learners


def test_the_command_keeps_its_cache_in_the_users_cache_folder_and_no_cache_keeps_none(
    tmp_path: Path, settled, capsys: pytest.CaptureFixture[str]
) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = Path(os.environ["XDG_CACHE_HOME"]) / "kursus" / "reports"
    common = [str(cohort.folder), "--format", "json", "--lessons", str(FIXTURE_LESSONS)]
    assert main(["report", *common, "--no-cache"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert cache_files(root) == []
    assert main(["report", *common]) == 0
    first = json.loads(capsys.readouterr().out)
    assert len(cache_files(root)) == 1
    assert main(["report", *common]) == 0
    again = json.loads(capsys.readouterr().out)
    for data in (plain, first, again):
        data.pop("generated")
    assert plain == first == again
    assert sorted(p.name for p in cohort.folder.iterdir()) == sorted(p.name for p in cohort.files.values())


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    st.lists(event(), max_size=25),
    st.lists(reflection, max_size=4),
    st.one_of(st.sampled_from("abc"), st.lists(st.integers(), max_size=2), st.none()),
    st.integers(0, 60),
    st.sampled_from([None, 1, 0]),
)
def test_a_summary_unpacked_from_the_cache_equals_the_one_summarise_made(
    events: list, reflections: list, odd_choice, days: int, int_score
) -> None:
    for item in events:
        if item.get("type") == "answer" and item.get("choice_id") == "c":
            item["choice_id"] = odd_choice  # a hand-edited choice id: kept as read
        if item.get("type") == "answer" and int_score is not None and item.get("score") == 0.5:
            item["score"] = int_score  # an exact int, kept as an int (not a double)
    index = CourseIndex(course())
    record = FastRecord(Path("x.json"), {}, {"name": "Ada"}, events, reflections).derive()
    made = summarise(record, Path("x.json"), "x.json", index, NOW, 14)
    codec = summary_cache._Codec(index)
    packed = codec.pack(made)
    assert marshal.loads(marshal.dumps(packed)) == packed  # plain values only
    later = NOW + timedelta(days=days)
    unpacked = codec.unpack(packed, Path("x.json"), "x.json", later, 14)
    record_later = FastRecord(Path("x.json"), {}, {"name": "Ada"}, events, reflections).derive()
    expected = summarise(record_later, Path("x.json"), "x.json", index, later, 14)
    assert unpacked == expected
    # and the same types (1 == 1.0, but the report's JSON says "1" for one and "1.0" for the other)
    assert [type(score) for *_, score in unpacked.first_tries] == [type(score) for *_, score in expected.first_tries]


@pytest.mark.parametrize("command", ["report", "trainer"])
@pytest.mark.parametrize(("flag", "cache"), [([], True), (["--no-cache"], False)])
def test_both_trainer_commands_take_no_cache(
    command: str, flag: list[str], cache: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen = []
    if command == "report":
        import kursus.commands.report as module

        monkeypatch.setattr(module, "report_command", lambda options: seen.append(options) or 0)
    else:
        import kursus.commands.trainer as module

        monkeypatch.setattr(module, "run_trainer", lambda options: seen.append(options) or 0)
    assert main([command, str(tmp_path), *flag]) == 0
    assert [options.cache for options in seen] == [cache]


def test_a_reflection_made_private_again_leaves_the_report_and_the_cache(tmp_path: Path, settled) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    report_of(cohort.folder, root)
    (file,) = cache_files(root)
    assert b"ADA-SHARED-REFLECTION" in file.read_bytes()
    store, _ = ProgressStore.open_for(cohort.folder, "Ada Andersen", cohort="hold-a")
    store.set_shared("alpha", "r1", False)
    again = report_of(cohort.folder, root)
    assert "ADA-SHARED-REFLECTION" not in json.dumps(as_json(again), ensure_ascii=False)
    assert b"ADA-SHARED-REFLECTION" not in file.read_bytes()


def test_the_cohort_filter_and_a_relative_folder_use_the_same_cache(
    tmp_path: Path, settled, reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    monkeypatch.chdir(tmp_path)
    report_of(Path("hold"), root)
    reads.clear()
    only_a = report_of(cohort.folder, root, cohort="hold-a")
    assert reads == []
    assert as_json(only_a) == as_json(build_report(cohort.folder, course(), cohort="hold-a", stalled_days=14, now=NOW))


def test_damaged_entries_are_read_from_their_files(tmp_path: Path, settled, reads) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    expected = as_json(report_of(cohort.folder, root))
    (file,) = cache_files(root)
    version, fingerprint, entries = marshal.loads(file.read_bytes())
    damaged = dict.fromkeys(entries, 5)  # the right cache, every entry nonsense
    (first, (stamp, packed)), *_ = entries.items()
    damaged[first] = (stamp, packed[:3])  # and one cut short
    file.write_bytes(marshal.dumps((version, fingerprint, damaged)))
    reads.clear()
    assert as_json(report_of(cohort.folder, root)) == expected
    assert len(reads) == 5
    file.write_bytes(marshal.dumps((version, fingerprint, list(entries.items()))))  # not even a table
    reads.clear()
    assert as_json(report_of(cohort.folder, root)) == expected
    assert len(reads) == 5


def test_a_cache_that_cannot_be_kept_or_a_folder_that_loops_is_no_error(tmp_path: Path, settled) -> None:
    cohort = build_cohort(tmp_path / "hold")
    expected = as_json(build_report(cohort.folder, course(), stalled_days=14, now=NOW))
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert as_json(report_of(cohort.folder, not_a_folder)) == expected
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert report_of(loop, tmp_path / "cache").learners == []


def _aged(path: Path, days: float) -> None:
    """Last written `days` ago."""
    when = time.time() - days * 86400
    os.utime(path, (when, when))


def test_caches_unused_for_a_month_and_left_over_temporary_files_are_deleted(tmp_path: Path, settled) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    root.mkdir()
    for name, days in (("old-1.cache", 400), ("old-2.cache", 400), ("recent.cache", 0.5)):
        (root / name).write_bytes(b"x")
        _aged(root / name, days)
    (root / ".left-over.tmp").write_bytes(b"shared text")
    _aged(root / ".left-over.tmp", 0.5)  # twelve hours: a crashed writer's
    (root / ".being-written.tmp").write_bytes(b"x")  # another report writing right now
    report_of(cohort.folder, root)
    assert sorted(path.name for path in root.iterdir()) == [
        ".being-written.tmp",
        f"{summary_cache._file_name(cohort.folder)}",
        "recent.cache",
    ]


def test_only_the_most_recently_used_folders_caches_are_kept(tmp_path: Path, settled) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    root.mkdir()
    names = [f"folder-{number:02d}.cache" for number in range(20)]
    for number, name in enumerate(names):
        (root / name).write_bytes(b"x")
        _aged(root / name, 0.5 + number / 100)  # folder-00 the most recently used
    report_of(cohort.folder, root)
    kept = sorted(path.name for path in cache_files(root))
    assert len(kept) == summary_cache.KEEP_FOLDERS
    assert kept == sorted([summary_cache._file_name(cohort.folder), *names[: summary_cache.KEEP_FOLDERS - 1]])


def test_an_unchanged_folder_does_not_write_its_cache_again(tmp_path: Path, settled, reads) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    report_of(cohort.folder, root)
    (file,) = cache_files(root)
    before = file.stat()
    report_of(cohort.folder, root)
    after = file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # one file changes: only it is read; the next report reads nothing (the rest was kept)
    store, _ = ProgressStore.open_for(cohort.folder, "Di Dam", cohort="hold-b")
    store.record_event(LessonOpened("alpha", "da"), at=NOW)
    reads.clear()
    report_of(cohort.folder, root)
    assert reads == [cohort.files["di"]]
    reads.clear()
    report_of(cohort.folder, root)
    assert reads == []


def test_a_cache_file_that_is_a_link_is_not_trusted(tmp_path: Path, settled, reads) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = tmp_path / "cache"
    report_of(cohort.folder, root)
    (file,) = cache_files(root)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    elsewhere = tmp_path / "elsewhere.cache"
    file.rename(elsewhere)
    file.symlink_to(elsewhere)
    reads.clear()
    report_of(cohort.folder, root)
    assert len(reads) == 5


def test_no_cache_forgets_what_was_kept_for_the_folder(tmp_path: Path, settled, capsys) -> None:
    cohort = build_cohort(tmp_path / "hold")
    root = Path(os.environ["XDG_CACHE_HOME"]) / "kursus" / "reports"
    common = [str(cohort.folder), "--format", "json", "--lessons", str(FIXTURE_LESSONS)]
    assert main(["report", *common]) == 0
    assert len(cache_files(root)) == 1
    assert main(["report", *common, "--no-cache"]) == 0
    assert cache_files(root) == []
    capsys.readouterr()
