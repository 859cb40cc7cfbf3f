"""Lesson files that used to pass validation and then crash the app, or hang it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kursus.content.validate import validate_dir


def kursus(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kursus", *argv], capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize("content", ["", "# kun en kommentar\n", "~\n", "---\n"])
def test_an_empty_lesson_file_is_one_precise_problem(lessons_copy: Path, content: str) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    path.write_text(content, encoding="utf-8")
    problems = [str(p) for p in validate_dir(lessons_copy).problems]
    assert problems == [f"{path}:1: the file has no content (it is empty, only comments, or only ~)"]
    result = kursus("validate", str(lessons_copy))
    assert result.returncode == 2 and result.stdout.strip() == problems[0]


def test_the_app_refuses_an_empty_lesson_with_one_line_not_a_traceback(lessons_copy: Path, tmp_path: Path) -> None:
    (lessons_copy / "da" / "alpha.yaml").write_text("", encoding="utf-8")
    result = kursus("--name", "X", "--lessons", str(lessons_copy), "--progress-dir", str(tmp_path / "p"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "alpha.yaml:1:" in result.stderr


def test_an_empty_course_file_is_one_problem_and_no_traceback_in_report(lessons_copy: Path, tmp_path: Path) -> None:
    course = lessons_copy / "course.yaml"
    course.write_text("", encoding="utf-8")
    problems = [str(p) for p in validate_dir(lessons_copy).problems]
    assert problems == [f"{course}:1: the file has no content (it is empty, only comments, or only ~)"]
    folder = tmp_path / "hold"
    folder.mkdir()
    (folder / "x.json").write_text("{}")
    result = kursus("report", str(folder), "--lessons", str(lessons_copy))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "course.yaml:1:" in result.stderr


def test_a_number_of_5000_digits_is_a_problem_on_its_line(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("minutes:"))
    lines[number] = "minutes: " + "9" * 5000
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [str(p) for p in validate_dir(lessons_copy).problems]
    assert problems == [f"{path}:{number + 1}: number with 5000 digits is too large (at most 18)"]


def test_a_fifo_lesson_is_refused_without_hanging(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    path.unlink()
    os.mkfifo(path)
    result = kursus("validate", str(lessons_copy))
    assert result.returncode == 2 and f"{path}:0: not a regular file" in result.stdout


def test_a_huge_lesson_file_is_refused_with_the_limit_named(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    path.write_text("# " + "x" * (3 * 1024 * 1024) + "\n", encoding="utf-8")
    problems = [str(p) for p in validate_dir(lessons_copy).problems]
    assert problems == [f"{path}:0: YAML file is larger than 2 MiB"]


@pytest.mark.parametrize("tag", ["!!pairs", "!!omap"])
def test_a_list_tagged_pairs_or_omap_is_a_problem_on_its_line_not_a_crash(lessons_copy: Path, tag: str) -> None:
    """PyYAML builds these as plain lists without line numbers; validate crashed with
    AttributeError ('list' object has no attribute 'line_of')."""
    path = lessons_copy / "da" / "alpha.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("objectives:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "-")))
    lines[start:end] = [f"objectives: {tag} [a: 1]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [str(p) for p in validate_dir(lessons_copy).problems]
    assert problems and all(p.startswith(f"{path}:{start + 1}: ") for p in problems), problems
    assert any("objectives" in p for p in problems)
