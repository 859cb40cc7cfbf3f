"""Messy folders: every readable learner is reported, every other file is listed with a
reason, exit 0; a missing folder or one with nothing readable is exit 2. Never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kursus.cli import main
from kursus.commands.options import ReportOptions
from kursus.commands.report import report_command
from kursus.trainer.aggregate import build_report
from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_trainer_support import NOW, add_messy_files, build_cohort, course, v1_file


@pytest.fixture
def messy(tmp_path: Path):
    cohort = build_cohort(tmp_path / "mappe")
    return cohort, add_messy_files(cohort.folder)


def reasons(report) -> dict[str, str]:
    return {s.relative: s.reason for s in report.skipped}


def test_each_kind_of_messy_file_is_skipped_with_its_reason(messy) -> None:
    cohort, _files = messy
    report = build_report(cohort.folder, course(), now=NOW)
    why = reasons(report)
    assert "not valid JSON" in why["notes.json"]
    assert why["empty.json"] == "empty file"
    assert "not a kursus progress file" in why["mail/indbakke/settings.json"]
    assert "not a kursus progress file" in why["other-db.json"]
    assert "top level is not an object" in why["list.json"]
    assert "newer kursus" in why["newer.json"]
    assert "another-course" in why["other-course.json"]
    assert "UTF-8" in why["latin1.json"]
    assert len(report.skipped) == 8
    names = sorted(x.name for x in report.learners)
    assert names == sorted(
        [
            "Ada Andersen",
            "Bo Berg",
            "Cy Carlsen",
            "Di Dam",
            "Gustav Gammel",
            "Vera Version",
            next(x.name for x in report.learners if x.name.startswith("[b]")),
        ]
    )


def test_an_older_schema_is_read_in_memory_and_noted(messy) -> None:
    cohort, files = messy
    before = files["v1"].read_bytes()
    report = build_report(cohort.folder, course(), now=NOW)
    vera = next(x for x in report.learners if x.name == "Vera Version")
    assert vera.scenarios_answered == 2 and vera.first_try_score == pytest.approx(0.5)
    assert vera.status == "in_progress" and vera.shared == []  # v1 reflections were never shared
    assert [n.key for n in vera.notes] == ["trainer.note.content_version", "trainer.note.migrated"]
    assert files["v1"].read_bytes() == before  # still version 1 on disk


def test_lessons_that_no_longer_exist_are_noted_not_counted(messy) -> None:
    cohort, _ = messy
    report = build_report(cohort.folder, course(), now=NOW)
    gustav = next(x for x in report.learners if x.name == "Gustav Gammel")
    assert gustav.lessons_done == 0 and gustav.lessons_total == 3
    assert gustav.scenarios_answered == 1 and gustav.first_try_score == 1.0  # only alpha/s1 counts
    assert gustav.notes[0].key == "trainer.note.unknown_lessons"
    assert gustav.notes[0].as_dict() == {"ids": "omega-udgaaet"}
    assert gustav.status == "in_progress"


def test_an_unreadable_file_is_skipped(messy, monkeypatch: pytest.MonkeyPatch) -> None:
    cohort, _ = messy
    locked = cohort.files["bo"]
    real = os.open

    def refuse(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    report = build_report(cohort.folder, course(), now=NOW)
    assert reasons(report)[locked.name] == "permission denied"
    assert "Bo Berg" not in [x.name for x in report.learners]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_skipped(messy) -> None:
    cohort, _ = messy
    locked = cohort.files["bo"]
    locked.chmod(0)
    try:
        report = build_report(cohort.folder, course(), now=NOW)
    finally:
        locked.chmod(0o600)
    assert reasons(report)[locked.name] == "permission denied"


def test_a_broken_link_is_skipped(messy) -> None:
    cohort, _ = messy
    (cohort.folder / "dangling.json").symlink_to(cohort.folder / "nowhere.json")
    report = build_report(cohort.folder, course(), now=NOW)
    assert reasons(report)["dangling.json"] == "broken link"


def namespace(folder: Path, fmt: str = "json", **extra) -> ReportOptions:
    values = dict(
        progress_dir=str(folder),
        cohort=None,
        format=fmt,
        output=None,
        stalled_days=14,
        lessons=str(FIXTURE_LESSONS),
        lang=None,
    )
    values.update(extra)
    return ReportOptions(**values)


@pytest.mark.parametrize("fmt", ["table", "csv", "md", "json"])
def test_messy_folder_exit_0_and_every_skipped_file_listed(messy, fmt: str, capsys) -> None:
    cohort, _ = messy
    assert report_command(namespace(cohort.folder, fmt), now=NOW) == 0
    captured = capsys.readouterr()
    for name in (
        "notes.json",
        "empty.json",
        "settings.json",
        "other-db.json",
        "list.json",
        "newer.json",
        "latin1.json",
    ):
        assert name in captured.out, (fmt, name)
    assert "Vera Version" in captured.out and "Gustav Gammel" in captured.out
    assert "Traceback" not in captured.err


def test_messy_folder_through_the_real_command(messy) -> None:
    cohort, _ = messy
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kursus",
            "report",
            str(cohort.folder),
            "--lessons",
            str(FIXTURE_LESSONS),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["learners"]) == 7 and len(data["skipped"]) == 8
    assert {"file": "empty.json", "reason": "tom fil"} in data["skipped"]  # in the report's language (Danish)
    assert "Traceback" not in result.stderr and "8" in result.stderr


# --- exit 2 -----------------------------------------------------------------------------


def run_main(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def test_missing_folder_is_exit_2(tmp_path: Path, capsys) -> None:
    code, err = run_main(capsys, "report", str(tmp_path / "findes-ikke"), "--lessons", str(FIXTURE_LESSONS))
    assert code == 2 and "findes-ikke" in err and "no such folder" in err
    assert len(err.strip().splitlines()) == 1


def test_a_file_instead_of_a_folder_is_exit_2(tmp_path: Path, capsys) -> None:
    target = tmp_path / "fil.json"
    target.write_text("{}", encoding="utf-8")
    code, err = run_main(capsys, "report", str(target), "--lessons", str(FIXTURE_LESSONS))
    assert code == 2 and "not a folder" in err


def test_an_empty_folder_is_exit_2(tmp_path: Path, capsys) -> None:
    (tmp_path / "tom").mkdir()
    code, err = run_main(capsys, "report", str(tmp_path / "tom"), "--lessons", str(FIXTURE_LESSONS))
    assert code == 2 and "no progress files" in err


def test_a_folder_with_no_readable_file_is_exit_2(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "skrald"
    folder.mkdir()
    (folder / "a.json").write_text("nej", encoding="utf-8")
    (folder / "b.json").write_bytes(b"")
    code, err = run_main(capsys, "report", str(folder), "--lessons", str(FIXTURE_LESSONS), "--format", "json")
    assert code == 2 and "no readable progress file" in err and "2 skipped" in err
    assert len(err.strip().splitlines()) == 1


def test_a_broken_lessons_folder_is_exit_2(messy, tmp_path: Path, capsys) -> None:
    cohort, _ = messy
    code, err = run_main(capsys, "report", str(cohort.folder), "--lessons", str(tmp_path / "ingen-lektioner"))
    assert code == 2 and "ingen-lektioner" in err


def test_exit_2_through_the_real_command_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kursus", "report", str(tmp_path / "væk"), "--lessons", str(FIXTURE_LESSONS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("kursus: ") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_v1_only_folder_is_readable(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "gammel"
    folder.mkdir()
    v1_file(folder / "vera.json")
    code = main(["report", str(folder), "--lessons", str(FIXTURE_LESSONS), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["learners"][0]["name"] == "Vera Version"
    assert "V1-OLD-PRIVATE" not in json.dumps(data)


# --- odd tables inside an otherwise valid file ---------------------------------------------


def test_odd_tables_are_read_by_read_records_rules(tmp_path: Path) -> None:
    odd = {
        "meta": {"1": {"schema_version": 2, "course_id": "testkursus"}},
        "profile": {"1": {"name": 42, "cohort": None}},
        "events": {  # out of order, a non-numeric id, a non-dict document
            "10": {
                "type": "answer",
                "lesson_id": "alpha",
                "scenario_id": "s1",
                "choice_id": "a",
                "score": 0,
                "time": "2026-06-10T10:00:00+00:00",
            },
            "2": {
                "type": "answer",
                "lesson_id": "alpha",
                "scenario_id": "s1",
                "choice_id": "b",
                "score": 1,
                "time": "2026-06-10T09:00:00+00:00",
            },
            "x": {"type": "lesson_opened", "lesson_id": "alpha", "time": "2026-06-01"},
            "3": "not a document",
        },
        "reflections": {
            "2": {"lesson_id": "alpha", "prompt_id": "r1", "text": 7, "shared": "yes"},
            "1": {"shared": True},
        },
    }
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(odd), encoding="utf-8")
    report = build_report(tmp_path, course(), now=NOW)
    learner = report.learners[0]
    assert learner.name == "42" and learner.first_try_score == 1.0  # "2" comes before "10": choice b first
    assert [r.text for r in learner.shared] == [""]  # only the exactly-true one, text made text
    assert learner.last_activity.isoformat() == "2026-06-10T10:00:00+00:00"  # mixed shapes: parsed one by one
