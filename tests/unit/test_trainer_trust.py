"""Trainer outputs that cannot be turned against the trainer: no write onto a learner's
file by any name, no escape codes reaching the terminal, no hang on a FIFO."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kursus.tracking import ProgressStore
from kursus.tracking.events import LessonOpened
from tests.conftest import FIXTURE_LESSONS

CONTROL = "\x1b]0;OVERTAGET\x07\x1b[2J\x1bP1;2q\x1b\\\x9b31m\x9d0;x\x9c\u202eevil\u2066"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def kursus(*argv: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kursus", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )


def learner(folder: Path, name: str, cohort: str = "hold-a", text: str = "", shared: bool = True) -> Path:
    store, _ = ProgressStore.open_for(folder, name, cohort=cohort, course_id="testkursus", content_version=3)
    store.record_event(LessonOpened("alpha", "da"))
    if text:
        store.save_reflection("alpha", "r1", text, shared=shared)
    return store.path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "hold"
    folder.mkdir()
    learner(folder, "Ada Andersen", text="Ada deler dette")
    return folder


# --- --output onto a learner's file ------------------------------------------------------------


@pytest.mark.parametrize("link", ["hard", "symlink", "same-name"])
@pytest.mark.parametrize("command", ["report", "export"])
def test_output_onto_a_progress_file_by_any_name_is_refused(folder: Path, link: str, command: str) -> None:
    target = next(folder.glob("*.json"))
    before = target.read_bytes()
    if link == "hard":
        out = folder / "rapport.csv"
        os.link(target, out)
    elif link == "symlink":
        out = folder.parent / "rapport.csv"
        out.symlink_to(target)
    else:
        out = target
    if command == "report":
        result = kursus(
            "report", str(folder), "--lessons", str(FIXTURE_LESSONS), "--format", "csv", "--output", str(out)
        )
    else:
        result = kursus(
            "export", "--progress-dir", str(folder), "--lessons", str(FIXTURE_LESSONS), "--output", str(out)
        )
    assert result.returncode == 2, result.stderr
    assert "progress file" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert target.read_bytes() == before


def test_output_is_written_atomically_and_replaces_a_link_rather_than_writing_through(
    folder: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "andet.txt"
    elsewhere.write_text("rør mig ikke")
    out = tmp_path / "rapport.md"
    out.symlink_to(elsewhere)
    result = kursus("report", str(folder), "--lessons", str(FIXTURE_LESSONS), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert elsewhere.read_text() == "rør mig ikke"
    assert not out.is_symlink() and "Ada Andersen" in out.read_text()
    assert not list(tmp_path.glob(".rapport.md.*.tmp"))


def test_output_to_a_fifo_is_refused_without_hanging(folder: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "rapport.csv"
    os.mkfifo(fifo)
    result = kursus("report", str(folder), "--lessons", str(FIXTURE_LESSONS), "--output", str(fifo), timeout=20)
    assert result.returncode == 2 and "not a regular file" in result.stderr


# --- control characters never reach the terminal -----------------------------------------------


@pytest.fixture
def hostile_folder(folder: Path) -> Path:
    learner(folder, f"Ond{CONTROL}", cohort=f"hold{CONTROL}", text=f"delt {CONTROL} tekst")
    return folder


@pytest.mark.parametrize("fmt", ["table", "csv", "md"])
def test_report_shows_control_characters_visibly(hostile_folder: Path, fmt: str) -> None:
    result = kursus("report", str(hostile_folder), "--lessons", str(FIXTURE_LESSONS), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert not RAW_CONTROL.findall(result.stdout.replace("\r\n", "\n")), RAW_CONTROL.findall(result.stdout)
    assert "Ond" in result.stdout and "␛" in result.stdout


def test_json_report_keeps_the_exact_text_but_escapes_it(hostile_folder: Path) -> None:
    result = kursus("report", str(hostile_folder), "--lessons", str(FIXTURE_LESSONS), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert not RAW_CONTROL.findall(result.stdout)
    data = json.loads(result.stdout)
    names = [entry["name"] for entry in data["learners"]]
    assert f"Ond{CONTROL}" not in names  # names are cleaned when typed (clean_name)...
    texts = [r["text"] for entry in data["learners"] for r in entry["reflections"]]
    assert f"delt {CONTROL} tekst" in texts  # ...reflections are kept exactly


def test_cohort_option_is_cleaned_like_the_learners_cohort(hostile_folder: Path) -> None:
    result = kursus(
        "report",
        str(hostile_folder),
        "--lessons",
        str(FIXTURE_LESSONS),
        "--format",
        "json",
        "--cohort",
        f"hold{CONTROL}",
    )
    assert result.returncode == 0, result.stderr
    assert [entry["name"].startswith("Ond") for entry in json.loads(result.stdout)["learners"]] == [True]


def test_export_md_shows_control_characters_visibly(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    learner(folder, "Mette", text=f"privat {CONTROL}", shared=False)
    result = kursus("export", "--progress-dir", str(folder), "--lessons", str(FIXTURE_LESSONS))
    assert result.returncode == 0, result.stderr
    assert not RAW_CONTROL.findall(result.stdout) and "␛" in result.stdout


def test_a_file_name_with_escape_codes_is_shown_visibly_in_the_skipped_list(folder: Path) -> None:
    (folder / "ond\x1b]0;x\x07.json").write_text("ikke json")
    result = kursus("report", str(folder), "--lessons", str(FIXTURE_LESSONS), "--format", "table")
    assert result.returncode == 0, result.stderr
    assert not RAW_CONTROL.findall(result.stdout) and "ond␛]0;x␇.json" in result.stdout


# --- files that are not files ----------------------------------------------------------------


def test_fifo_and_device_links_in_the_folder_are_skipped_with_a_reason(folder: Path) -> None:
    os.mkfifo(folder / "fifo.json")
    (folder / "nul.json").symlink_to("/dev/zero")
    result = kursus("report", str(folder), "--lessons", str(FIXTURE_LESSONS), "--format", "json", timeout=20)
    assert result.returncode == 0, result.stderr
    skipped = {entry["file"]: entry["reason"] for entry in json.loads(result.stdout)["skipped"]}
    assert set(skipped) == {"fifo.json", "nul.json"}
    assert all(reason == "ikke en almindelig fil" for reason in skipped.values()), skipped


def test_export_and_the_learner_list_skip_a_fifo(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    learner(folder, "Mette")
    os.mkfifo(folder / "fifo.json")
    result = kursus(
        "export", "--progress-dir", str(folder), "--lessons", str(FIXTURE_LESSONS), "--format", "json", timeout=20
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "Mette"
