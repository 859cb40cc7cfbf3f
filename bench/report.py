"""How long `kursus report DIR --format json` takes, against plain `json.load` of the same files.

    python bench/report.py                 # 1,000 learners, 7 rounds
    python bench/report.py --learners 200 --rounds 5 --subprocess

1. Generates N learner files with realistic histories in a temporary folder, with the
   app's own ProgressStore (kursus.trainer.synthetic: lessons opened, pages read,
   scenarios answered and retried, reflections written and sometimes shared, over days
   and weeks; a mix of not started, in progress, stalled and done).
2. Each round times, in this process and in alternating order:
   - baseline: `json.load` of every `*.json` file under the folder (found with rglob);
   - report:   `report_command()` with --format json to (captured) stdout, i.e. the
     whole command after argument parsing: folder checks, loading the shipped course
     (from the parsed-course cache the learner app also uses, filled by a warm-up run;
     the cache lives in the temporary folder, not in your own cache), reading and
     summarising every file, the hardest-scenario table, rendering the JSON.
3. Prints each round and the median ratio report / baseline. Target: at most 2x.

With --subprocess it also times `python -m kursus report` against `python -c` doing the
same json.load, both as fresh processes (so interpreter start-up is in both).
The figures are informative; nothing here fails a build (pass --check to exit 1 above 2x).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kursus.commands.options import ReportOptions
from kursus.commands.report import report_command
from kursus.content import load_course
from kursus.locations import lessons_dir
from kursus.trainer.synthetic import Plan, write_learner

TARGET = 2.0
COHORTS = ["2026-forår", "2026-efterår", "2027-forår", "2027-efterår", ""]


def generate(folder: Path, count: int, seed: int = 7) -> None:
    course = load_course(lessons_dir(), "da")
    total = len(course.lesson_order)
    rng = random.Random(seed)
    now = datetime.now(UTC)
    for number in range(count):
        kind = rng.random()
        if kind < 0.1:
            lessons, idle = 0, rng.uniform(0, 30)  # not started
        elif kind < 0.3:
            lessons, idle = total, rng.uniform(0, 90)  # done
        elif kind < 0.5:
            lessons, idle = rng.randint(1, total - 1), rng.uniform(15, 120)  # stalled
        else:
            lessons, idle = rng.randint(1, total - 1), rng.uniform(0, 13)  # in progress
        plan = Plan(
            name=f"Deltager {number:04d} {rng.choice(['Hansen', 'Jensen', 'Nielsen', 'Østergaard', 'Ali'])}",
            cohort=rng.choice(COHORTS),
            last_active=now - timedelta(days=idle),
            lessons=lessons,
            finish_last=rng.random() < 0.6,
            gap_days=rng.uniform(0.5, 5),
            skill=rng.uniform(0.3, 0.9),
            retry=rng.uniform(0.2, 0.9),
            reflect=rng.uniform(0.1, 0.8),
            share=rng.uniform(0.0, 0.5),
        )
        write_learner(folder / plan.cohort if plan.cohort else folder, course, plan, rng, bulk=True)
    for lock in folder.rglob("*.lock"):
        lock.unlink()


def baseline(folder: Path) -> int:
    loaded = 0
    for path in sorted(folder.rglob("*.json")):
        with open(path, encoding="utf-8") as handle:
            json.load(handle)
        loaded += 1
    return loaded


def report(folder: Path) -> int:
    args = ReportOptions(str(folder), format="json", output=None, lang="da")
    # To stdout, captured: the whole command but the file write (an --output must be a
    # regular file, and writing it atomically adds an fsync that is not the report's work).
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        return report_command(args)


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def in_process(folder: Path, rounds: int) -> float:
    report(folder)  # warm the imports and the file cache for both sides
    baseline(folder)
    ratios = []
    print(f"{'round':>5} {'json.load':>10} {'report':>10} {'ratio':>6}")
    for number in range(1, rounds + 1):
        if number % 2:
            base, rep = timed(baseline, folder), timed(report, folder)
        else:
            rep, base = timed(report, folder), timed(baseline, folder)
        ratios.append(rep / base)
        print(f"{number:>5} {base * 1000:>8.1f}ms {rep * 1000:>8.1f}ms {rep / base:>5.2f}x")
    return statistics.median(ratios)


BASELINE_SCRIPT = """
import json, sys
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.json")):
    with open(path, encoding="utf-8") as handle:
        json.load(handle)
"""


def as_subprocess(folder: Path, rounds: int) -> float:
    report_cmd = [sys.executable, "-m", "kursus", "report", str(folder), "--format", "json"]
    base_cmd = [sys.executable, "-c", BASELINE_SCRIPT, str(folder)]
    ratios = []
    for number in range(1, rounds + 1):
        base = timed(subprocess.run, base_cmd)
        rep = timed(lambda: subprocess.run(report_cmd, check=True, capture_output=True))
        ratios.append(rep / base)
        print(f"{number:>5} {base * 1000:>8.1f}ms {rep * 1000:>8.1f}ms {rep / base:>5.2f}x  (processes)")
    return statistics.median(ratios)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--subprocess", action="store_true", help="also time fresh processes")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if the median ratio is above {TARGET}x")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kursus-bench-") as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # keep the course cache out of ~/.cache
        folder = Path(tmp) / "progress"
        start = time.perf_counter()
        generate(folder, args.learners)
        files = list(folder.rglob("*.json"))
        size = sum(p.stat().st_size for p in files)
        print(f"generated {len(files)} learner files ({size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f}s")
        ratio = in_process(folder, args.rounds)
        print(f"median ratio report / json.load (in process): {ratio:.2f}x (target <= {TARGET:.0f}x)")
        if args.subprocess:
            sub = as_subprocess(folder, args.rounds)
            print(f"median ratio report / json.load (fresh processes): {sub:.2f}x")
    return 1 if args.check and ratio > TARGET else 0


if __name__ == "__main__":
    raise SystemExit(main())
