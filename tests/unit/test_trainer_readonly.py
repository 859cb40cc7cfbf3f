"""Trainer commands never write, lock, rename or migrate a learner's file; no Textual import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_trainer_support import add_messy_files, build_cohort, snapshot


@pytest.fixture
def messy_folder(tmp_path: Path) -> Path:
    cohort = build_cohort(tmp_path / "mappe")
    add_messy_files(cohort.folder)
    return cohort.folder


def kursus(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kursus", *argv], capture_output=True, text=True)


@pytest.mark.parametrize("fmt", ["table", "csv", "md", "json"])
def test_report_leaves_every_file_as_it_was(messy_folder: Path, fmt: str, tmp_path: Path) -> None:
    before = snapshot(messy_folder)
    assert not [name for name in before if name.endswith(".lock")]
    result = kursus("report", str(messy_folder), "--lessons", str(FIXTURE_LESSONS), "--format", fmt)
    assert result.returncode == 0, result.stderr
    result = kursus(
        "report",
        str(messy_folder),
        "--lessons",
        str(FIXTURE_LESSONS),
        "--format",
        fmt,
        "--output",
        str(tmp_path / f"out.{fmt}"),
    )
    assert result.returncode == 0, result.stderr
    after = snapshot(messy_folder)
    assert after.keys() == before.keys()  # nothing added (no .lock, no backup, no temp file)
    for name, (data, mtime, mode) in before.items():
        assert after[name] == (data, mtime, mode), name


HEADLESS_REPORT = """
import sys
from kursus.cli import main
code = main(["report", sys.argv[1], "--lessons", sys.argv[2], "--format", sys.argv[3]])
assert code == 0, code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print("LOADED:" + ",".join(loaded), file=sys.stderr)
"""


@pytest.mark.parametrize("fmt", ["csv", "md", "json", "table"])
def test_report_imports_no_textual_and_rich_only_for_the_table(messy_folder: Path, fmt: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", HEADLESS_REPORT, str(messy_folder), str(FIXTURE_LESSONS), fmt],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stderr.rsplit("LOADED:", 1)[1].strip().split(",")
    assert not [m for m in loaded if m.startswith("textual")]
    if fmt != "table":
        assert not [m for m in loaded if m.startswith("rich")], "csv/md/json should not pay for Rich"


def test_trainer_package_imports_no_textual() -> None:
    code = (
        "import sys\n"
        "import kursus.trainer, kursus.trainer.aggregate, kursus.trainer.formats, kursus.export, "
        "kursus.commands.report, kursus.trainer.synthetic, kursus.i18n.trainer\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))\n"
        "print('clean')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"


def test_export_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    cohort = build_cohort(tmp_path / "mappe")
    before = snapshot(cohort.folder)
    for fmt in ("md", "json"):
        result = kursus(
            "export",
            "--progress-dir",
            str(cohort.folder),
            "--name",
            "Ada Andersen",
            "--lessons",
            str(FIXTURE_LESSONS),
            "--format",
            fmt,
        )
        assert result.returncode == 0, result.stderr
    assert snapshot(cohort.folder) == before
