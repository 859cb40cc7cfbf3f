"""UI text catalogues match, and the non-UI commands never import Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kursus.i18n import UnknownLanguage, learner, resolve_language
from tests.conftest import FIXTURE_LESSONS


def test_danish_and_english_catalogues_have_the_same_keys() -> None:
    assert set(learner.DA) == set(learner.EN)
    assert all(value.strip() for value in [*learner.DA.values(), *learner.EN.values()])


def test_language_comes_from_option_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_language(None) == "da"
    monkeypatch.setenv("KURSUS_LANG", "en")
    assert resolve_language(None) == "en"
    assert resolve_language("da") == "da"
    with pytest.raises(UnknownLanguage):
        resolve_language("sv")


HEADLESS_CHECK = """
import sys
import kursus.cli, kursus.content, kursus.tracking, kursus.trainer, kursus.session, kursus.flow, kursus.i18n
from kursus.content.validate import validate_dir
from kursus.cli import main
code = main(["validate", sys.argv[1]])
assert code == 0, code
assert "textual" not in sys.modules, sorted(m for m in sys.modules if m.startswith("textual"))
print("clean")
"""


def test_non_ui_modules_and_validate_do_not_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", HEADLESS_CHECK, str(FIXTURE_LESSONS)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("clean")


def test_version_and_help_do_not_need_textual() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom kursus.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\nassert 'textual' not in sys.modules\nprint('ok')",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "progress" in result.stdout.lower() and result.stdout.strip().endswith("ok")


def test_bad_language_is_one_line_exit_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kursus", "--lang", "sv", "--progress-dir", str(tmp_path), "--name", "x"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "sv" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_broken_lessons_folder_for_the_app_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text("id: [", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kursus",
            "--lessons",
            str(tmp_path),
            "--progress-dir",
            str(tmp_path / "p"),
            "--name",
            "x",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "course.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_progress_folder_that_is_a_file_is_one_line_exit_2(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "fil.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kursus",
            "--progress-dir",
            str(not_a_folder),
            "--name",
            "x",
            "--lessons",
            str(FIXTURE_LESSONS),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(not_a_folder) in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_lock_held_by_another_program_at_start_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kursus.tracking.store as store_module
    from kursus.cli import main
    from kursus.tracking.names import progress_file_name

    folder = tmp_path / "p"
    folder.mkdir()
    lock = folder / (progress_file_name("Ny Deltager") + ".lock")
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.2)

    def must_not_start(self) -> None:
        raise AssertionError("the course started although the progress file was locked")

    monkeypatch.setattr("kursus.ui.learner.app.KursusApp.run", must_not_start)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from filelock import FileLock; import time; l=FileLock({str(lock)!r}); l.acquire(); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        code = main(["--progress-dir", str(folder), "--name", "Ny Deltager", "--lessons", str(FIXTURE_LESSONS)])
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
