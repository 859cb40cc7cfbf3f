"""The demo cohort in progress/demo: readable, every state, privacy; the generator is deterministic."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from kursus.content import load_course
from kursus.locations import shipped_lessons_dir
from kursus.trainer.aggregate import build_report
from tests.conftest import REPO_ROOT

DEMO = REPO_ROOT / "progress" / "demo"
SCRIPT = REPO_ROOT / "scripts" / "make_demo_cohort.py"

pytestmark = pytest.mark.skipif(not any(DEMO.glob("*.json")), reason="no demo cohort generated yet")


def demo_report(days: int = 14):  # noqa: ANN201
    course = load_course(shipped_lessons_dir(), "da")
    first = build_report(DEMO, course)
    # "Stalled" counts from today; the demo was made on some day, so measure from the
    # day after its newest activity, as the generator means it.
    newest = max(x.last_activity for x in first.learners if x.last_activity)
    return build_report(DEMO, course, stalled_days=days, now=newest + timedelta(days=1))


def test_demo_has_8_to_12_learners_in_every_state_and_nothing_skipped() -> None:
    report = demo_report()
    assert 8 <= len(report.learners) <= 12 and report.skipped == []
    assert {x.status for x in report.learners} == {"not_started", "in_progress", "stalled", "done"}
    assert any(x.shared_count >= 2 for x in report.learners)
    assert len(report.cohorts) >= 2
    assert not list(DEMO.glob("*.lock"))


def test_demo_has_a_hostile_learner_shown_literally_and_private_text_kept_private(capsys) -> None:  # noqa: ANN001
    from kursus.cli import main

    assert main(["report", str(DEMO), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    hostile = next(x for x in data["learners"] if "[b]Test[/b]" in x["name"])
    assert "[/]" in hostile["name"] and "=HYPERLINK" in hostile["name"] and "../../etc" in hostile["name"]
    texts = [r["text"] for r in hostile["reflections"]]
    assert any("[@click=app.quit]" in text for text in texts)
    assert "aldrig ses af underviseren" not in json.dumps(data, ensure_ascii=False)


def test_demo_report_works_from_the_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "kursus", "report", str(DEMO), "--format", "md"],
                            capture_output=True, text=True, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    assert "Holdrapport" in result.stdout and "⏸ gået i stå" in result.stdout


def test_generator_is_deterministic_for_a_given_day(tmp_path: Path) -> None:
    def make(folder: Path) -> dict[str, tuple]:
        subprocess.run([sys.executable, str(SCRIPT), "--today", "2026-11-30", "--out", str(folder)],
                       check=True, capture_output=True)
        result = {}
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            result[path.name] = (data["profile"], data["events"], data["reflections"])
        return result

    first, second = make(tmp_path / "a"), make(tmp_path / "b")
    assert first == second and len(first) == 10
    assert not list((tmp_path / "a").glob("*.lock"))
