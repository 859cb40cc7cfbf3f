"""Opening one learner in the trainer dashboard when the learner's file is enormous.

    python bench/learner_detail.py                    # 1,000,000 answer events
    python bench/learner_detail.py --events 200000

Writes one progress file with N answer events spread over the shipped course's
scenarios (a pathological retry history), then, each in a fresh process:
- baseline: `json.load` of that file;
- detail:   the trainer dashboard (headless) on the folder, Enter on the learner, until
            the learner screen is mounted.
Prints wall time and peak memory (ru_maxrss) of both and their ratios. The screen shows
per scenario the first and latest answer and the number of tries, so what it builds is
bounded by the course, not by the history; what remains is reading the file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BASELINE = """
import json, resource, sys, time
start = time.perf_counter()
json.load(open(sys.argv[1], encoding="utf-8"))
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

DETAIL = """
import asyncio, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
start = time.perf_counter()
from kursus.commands.report import load_report
from kursus.ui.trainer.app import make_trainer_app
from kursus.ui.trainer.learner import LearnerScreen
from kursus.commands.options import TrainerOptions
args = TrainerOptions(progress_dir=sys.argv[1], lang="da")
async def main():
    report, t = load_report(args, apply_cohort=False)
    app = make_trainer_app(report.folder, report.course, lang=t.lang, cohort=None, report=report)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        while not isinstance(app.screen, LearnerScreen) or not app.screen.query("#learner-name"):
            await pilot.pause(0.05)
asyncio.run(main())
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def write_learner(folder: Path, events: int) -> Path:
    from kursus.content import load_course
    from kursus.locations import lessons_dir

    course = load_course(lessons_dir(), "da")
    keys = [(lesson.id, scenario) for lesson in course.lessons.values() for scenario in lesson.scenarios]
    table = {}
    for number in range(events):
        lesson_id, scenario = keys[number % len(keys)]
        choice = scenario.choices[number % len(scenario.choices)]
        table[str(number + 1)] = {
            "type": "answer",
            "lesson_id": lesson_id,
            "scenario_id": scenario.id,
            "choice_id": choice.id,
            "rating": choice.rating.value,
            "score": choice.rating.score,
            "attempt": number // len(keys) + 1,
            "time": "2026-11-01T10:00:00+00:00",
        }
    data = {
        "meta": {"1": {"schema_version": 2, "course_id": course.id, "content_version": course.version}},
        "profile": {"1": {"name": "Mange Forsøg", "cohort": "hold-a", "lang": "da"}},
        "events": table,
        "reflections": {},
    }
    path = folder / "mange-forsoeg.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run(code: str, *args: str) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout
    seconds, kib = out.split()[-2:]
    return float(seconds), int(kib)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_learner(folder, options.events)
        print(f"{options.events:,} events, file {path.stat().st_size / 1e6:.0f} MB")
        for round_ in range(1, options.rounds + 1):
            base_s, base_kib = run(BASELINE, str(path))
            det_s, det_kib = run(DETAIL, str(folder), str(REPO))
            print(
                f"round {round_}: json.load {base_s:.2f} s {base_kib / 1024:.0f} MiB | "
                f"open learner {det_s:.2f} s {det_kib / 1024:.0f} MiB | "
                f"ratio time {det_s / base_s:.2f}x, memory {det_kib / base_kib:.2f}x"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
