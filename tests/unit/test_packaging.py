"""The wheel carries every file of the package (found automatically: a new subpackage,
lesson, style or font cannot be left out), and the version is written in one place."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO_ROOT


def test_the_wheel_holds_every_file_under_kursus(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(REPO_ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("kursus-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    source = {
        path.relative_to(REPO_ROOT).as_posix()
        for path in (REPO_ROOT / "kursus").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    assert len(source) > 100
    assert sorted(source - names) == []
    assert "kursus/lessons/da/intro.yaml" in names and "kursus/fonts/DejaVuSans.ttf" in names


def test_the_version_is_written_once() -> None:
    import kursus

    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'attr = "kursus.__version__"' in pyproject
    assert "\nversion =" not in pyproject.split("[tool.setuptools.dynamic]")[0]
    from importlib.metadata import version

    assert version("kursus") == kursus.__version__
