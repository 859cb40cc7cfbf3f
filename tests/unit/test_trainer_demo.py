"""The demo cohort in progress/demo: readable, every state, privacy; the generator is deterministic.

The demo is what a trainer is shown first, so it holds only ordinary learners with
hand-written reflections (scripts/demo_reflections.yaml). The hostile learner that checks
names and texts are shown literally is built here, next to a copy of the demo.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from kursus.content import load_course
from kursus.locations import shipped_lessons_dir
from kursus.tracking.record import read_records_in
from kursus.trainer.aggregate import build_report
from kursus.trainer.synthetic import Plan, write_learner
from tests.conftest import REPO_ROOT

DEMO = REPO_ROOT / "progress" / "demo"
SCRIPT = REPO_ROOT / "scripts" / "make_demo_cohort.py"

# A test learner, not a demo one: a name and reflections that would do harm if anything
# along the way read them as Rich markup, a Textual action, a spreadsheet formula or a path.
HOSTILE_NAME = '=HYPERLINK("x") [b]Test[/b] [/] 🎉 ../../etc'
HOSTILE_REFLECTIONS = [
    ("[@click=app.quit]Klik her[/] og [b]fed[/b] tekst [/]", True),
    ('=HYPERLINK("http://example.invalid","klik") +1 -1 @SUM(A1) | kolonne | ../../etc/passwd 🎉', True),
    ("Denne tekst er ikke delt og må aldrig ses af underviseren.", False),
]


def demo_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_demo_cohort", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def demo_with_hostile_learner(tmp_path: Path) -> Path:
    """A copy of the demo plus one learner with a hostile name and hostile reflections
    (two shared, one private), written with the app's own store like the demo learners."""
    folder = tmp_path / "cohort"
    shutil.copytree(DEMO, folder)
    course = load_course(shipped_lessons_dir(), "da")
    newest = max(r.last_activity for r in read_records_in(folder) if r.last_activity)
    plan = Plan(
        HOSTILE_NAME,
        "2027-forår",
        newest - timedelta(days=2),
        lessons=2,
        gap_days=1,
        skill=0.4,
        reflect=0.0,
        texts=list(HOSTILE_REFLECTIONS),
    )
    write_learner(folder, course, plan, random.Random(2027))
    for lock in folder.glob("*.lock"):
        lock.unlink()
    return folder


pytestmark = pytest.mark.skipif(not any(DEMO.glob("*.json")), reason="no demo cohort generated yet")


def demo_report(days: int = 14):
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


def test_hostile_learner_next_to_the_demo_is_shown_literally_and_private_text_kept_private(
    demo_with_hostile_learner,
    capsys,
) -> None:
    from kursus.cli import main

    assert main(["report", str(demo_with_hostile_learner), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["learners"]) == 11
    hostile = next(x for x in data["learners"] if "[b]Test[/b]" in x["name"])
    assert hostile["name"] == HOSTILE_NAME
    assert "[/]" in hostile["name"] and "=HYPERLINK" in hostile["name"] and "../../etc" in hostile["name"]
    texts = [r["text"] for r in hostile["reflections"]]
    assert any("[@click=app.quit]" in text for text in texts)
    assert sorted(texts) == sorted(text for text, shared in HOSTILE_REFLECTIONS if shared)
    assert "aldrig ses af underviseren" not in json.dumps(data, ensure_ascii=False)


def test_demo_learners_are_ordinary_people_with_plain_text() -> None:
    records = read_records_in(DEMO)
    assert len(records) == 10
    for record in records:
        assert re.fullmatch(r"[^\W\d_]+( [^\W\d_]+)+", record.name), record.name  # first and last name, letters only
        for reflection in record.reflections:
            assert not set("[]{}<>=@|$\\") & set(reflection.text), (record.name, reflection.text)


def test_demo_reflections_are_hand_written_answers_to_real_prompts_and_never_repeat() -> None:
    course = load_course(shipped_lessons_dir(), "da")
    script = demo_script()
    names = [plan.name for plan in script.plans(datetime.now(UTC))]
    # Raises if a text is filed under a lesson or prompt id the course does not have, is
    # by someone who is not a demo learner, or is used twice.
    written = script.load_reflections(script.REFLECTIONS_FILE, course, names)
    texts = [text for mine in written.values() for text, _ in mine.values()]
    assert len(texts) == len(set(texts))

    prompts = {(lesson.id, prompt.id) for lesson in course.lessons.values() for prompt in lesson.reflections}
    in_demo = []
    for record in read_records_in(DEMO):
        for reflection in record.reflections:
            key = (reflection.lesson_id, reflection.prompt_id)
            assert key in prompts, f"{record.name}: {key} is not a reflection prompt of the course"
            # The very text written for this learner and this prompt, shared as written.
            assert written[record.name].get(key) == (reflection.text, reflection.shared), (record.name, key)
            in_demo.append(reflection.text)
    assert len(in_demo) == len(set(in_demo)) >= 30
    assert any(r.shared for record in read_records_in(DEMO) for r in record.reflections)


def test_reflections_file_problems_are_all_named(tmp_path: Path) -> None:
    course = load_course(shipped_lessons_dir(), "da")
    script = demo_script()
    bad = tmp_path / "reflections.yaml"
    bad.write_text(
        "reflections:\n"
        "  intro:\n"
        "    egne-roller:\n"
        "      - {learner: Anna, text: Samme tekst.}\n"
        "      - {learner: Bo, text: Samme tekst.}\n"
        "      - {learner: Eve, text: Hvem er jeg.}\n"
        "    ingen-saadan-prompt:\n"
        "      - {learner: Anna, text: Et svar.}\n"
        "  ingen-saadan-lektion:\n"
        "    x:\n"
        "      - {learner: Anna, text: Et andet svar.}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError) as caught:
        script.load_reflections(bad, course, ["Anna", "Bo"])
    message = str(caught.value)
    for part in (
        "also used at intro / egne-roller",
        "'Eve' is not a demo learner",
        "intro / ingen-saadan-prompt",
        "ingen-saadan-lektion: the course has no such lesson",
    ):
        assert part in message


def test_demo_report_works_from_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kursus", "report", str(DEMO), "--format", "md"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "Holdrapport" in result.stdout and "⏸ gået i stå" in result.stdout


def test_generator_is_deterministic_for_a_given_day(tmp_path: Path) -> None:
    def make(folder: Path) -> dict[str, tuple]:
        subprocess.run(
            [sys.executable, str(SCRIPT), "--today", "2026-11-30", "--out", str(folder)],
            check=True,
            capture_output=True,
        )
        result = {}
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            result[path.name] = (data["profile"], data["events"], data["reflections"])
        return result

    first, second = make(tmp_path / "a"), make(tmp_path / "b")
    assert first == second and len(first) == 10
    assert not list((tmp_path / "a").glob("*.lock"))
