"""How long `kursus report DIR --format json` takes, against plain `json.load` of the same files,
for 1,000 and 10,000 learners, in this process and as fresh processes.

    python bench/report.py                          # 1,000 and 10,000 learners, 5 rounds each
    python bench/report.py --learners 1000 --rounds 7
    python bench/report.py --learners 200,2000 --rounds 3 --no-subprocess
    python bench/report.py --dashboard              # also open and scroll the dashboard

1. Generates learner files with realistic histories in a temporary folder, with the
   app's own ProgressStore (kursus.trainer.synthetic: lessons opened, pages read,
   scenarios answered and retried, reflections written and sometimes shared, over days
   and weeks; a mix of not started, in progress, stalled and done). Up to --distinct
   learners (default 1,000) are generated one by one; a larger cohort repeats those
   histories under other names and in other cohort folders (writing each file through
   the store takes about a minute per thousand, mostly fsyncs).
2. For each size, each round times, in alternating order:
   - in process:  `json.load` of every `*.json` file under the folder (found with rglob)
     against `report_command()` with --format json to captured stdout: the whole command
     after argument parsing (folder checks, the course from the parsed-course cache
     (warmed; kept in the temporary folder, not your own cache), reading and
     summarising every file, plan lookup, the hardest-scenario table, the JSON);
   - fresh processes: `python -c` doing that json.load against `python -m kursus report
     DIR --format json`, both with interpreter start-up and a warm bytecode cache (as
     an installed kursus has; see child_env).
   The report is timed three ways each round (MODES): `no-cache` (--no-cache: every file
   read), `first` (the summary cache emptied first: every file read, and the cache
   written, as a folder's first report) and `again` (nothing changed since the last
   report: summaries from the cache). Each is measured as wall time and as CPU time (user
   + system; of the child for a process). On a busy machine the CPU ratio is the steadier
   figure.
3. Prints every round, the median ratios report / json.load, how the report's time grows
   from the smallest to the largest size (linear is 10x for 10x the learners), and the
   report process's peak memory. Targets (issue 12): fresh process at most 1.5x, in
   process at most 1.0x, 10x the learners at most 11x the time.

The figures are informative; nothing here fails a build unless you pass --check.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kursus.commands.options import ReportOptions
from kursus.commands.report import report_command
from kursus.content import load_course
from kursus.locations import lessons_dir
from kursus.trainer.summary_cache import SETTLE_SECONDS
from kursus.trainer.synthetic import Plan, write_learner

TARGET_IN_PROCESS = 1.0
TARGET_PROCESS = 1.5
TARGET_GROWTH = 11.0  # for 10x the learners
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


def grow(source: Path, folder: Path, count: int) -> None:
    """`count` learner files in `folder`: the files of `source`, then copies of them with
    another name, each round of copies in a folder of its own (a cohort per round)."""
    files = sorted(source.rglob("*.json"))
    made = 0
    round_number = 0
    while made < count:
        for path in files:
            if made >= count:
                break
            relative = path.relative_to(source)
            if round_number == 0:
                target = folder / relative
                data = path.read_bytes()
            else:
                target = folder / f"runde-{round_number:02d}" / relative.parent / f"r{round_number}-{path.name}"
                data = path.read_bytes().replace(b'"name": "Deltager ', f'"name": "R{round_number} Deltager '.encode())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            made += 1
        round_number += 1


def baseline(folder: Path) -> int:
    loaded = 0
    for path in sorted(folder.rglob("*.json")):
        with open(path, encoding="utf-8") as handle:
            json.load(handle)
        loaded += 1
    return loaded


MODES = ("no-cache", "first", "again")
"""no-cache: `--no-cache`, every file read, parsed and summed up; first: the same with the
report's summary cache emptied before the run, so the cache is written too (a folder's
first report); again: the same files, unchanged since the last report, so their
summaries come from the cache (kursus.trainer.summary_cache)."""


def report_cache() -> Path:
    from kursus.trainer.summary_cache import default_root

    return default_root()


def forget_reports() -> None:
    shutil.rmtree(report_cache(), ignore_errors=True)


def report(folder: Path, cache: bool = True) -> int:
    args = ReportOptions(str(folder), format="json", output=None, lang="da", cache=cache)
    # To stdout, captured: the whole command but the file write (an --output must be a
    # regular file, and writing it atomically adds an fsync that is not the report's work).
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        return report_command(args)


def timed(fn, *args) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


@dataclass
class Figures:
    learners: int
    mode: str
    wall: list[float] = field(default_factory=list)  # ratios report / json.load
    cpu: list[float] = field(default_factory=list)
    report_wall: list[float] = field(default_factory=list)  # seconds
    report_cpu: list[float] = field(default_factory=list)
    peak_mb: float = 0.0

    def median(self, name: str) -> float:
        return statistics.median(getattr(self, name))

    def add(self, base: tuple[float, ...], rep: tuple[float, ...]) -> None:
        self.wall.append(rep[0] / base[0])
        self.cpu.append(rep[1] / base[1])
        self.report_wall.append(rep[0])
        self.report_cpu.append(rep[1])
        if len(rep) > 2:
            self.peak_mb = max(self.peak_mb, rep[2])


def _rounds(learners: int, rounds: int, where: str, run_base, run_mode) -> dict[str, Figures]:
    """Each round: json.load and each mode once, in an order that turns every round."""
    figures = {mode: Figures(learners, mode) for mode in MODES}
    print(f"{'round':>5} {'json.load':>10} " + " ".join(f"{mode:>10} {'wall':>6} {'cpu':>6}" for mode in MODES))
    print(f"      ({where}, {learners} learners)")
    steps = ["base", *MODES]
    for number in range(1, rounds + 1):
        shift = (number - 1) % len(steps)
        measured: dict[str, tuple[float, ...]] = {}
        for step in steps[shift:] + steps[:shift]:
            if step == "base":
                measured[step] = run_base()
                continue
            if step == "again" and "first" not in measured:
                run_mode("first")  # the cache as the first run leaves it (not timed)
            measured[step] = run_mode(step)
        base = measured["base"]
        cells = []
        for mode in MODES:
            figures[mode].add(base, measured[mode])
            cells.append(
                f"{measured[mode][0] * 1000:>8.0f}ms {figures[mode].wall[-1]:>5.2f}x {figures[mode].cpu[-1]:>5.2f}x"
            )
        print(f"{number:>5} {base[0] * 1000:>8.0f}ms " + " ".join(cells))
    return figures


def in_process(folder: Path, learners: int, rounds: int) -> dict[str, Figures]:
    forget_reports()
    report(folder)  # warm the imports, the course cache and the file cache for both sides
    baseline(folder)

    def run_mode(mode: str) -> tuple[float, float]:
        if mode == "first":
            forget_reports()
        return timed(report, folder, mode != "no-cache")

    return _rounds(learners, rounds, "in process", lambda: timed(baseline, folder), run_mode)


BASELINE_SCRIPT = """
import json, sys
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.json")):
    with open(path, encoding="utf-8") as handle:
        json.load(handle)
"""


def run_child(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak memory in MB) of a fresh process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}): {child.stderr.read().decode()[-400:]}")
    child.stderr.close()
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / scale


def child_env(cache: Path) -> dict[str, str]:
    """The environment of the timed processes. An installed kursus has its bytecode
    compiled (pip does it on install), so the children get a bytecode cache in the
    temporary folder, even where PYTHONDONTWRITEBYTECODE is set: else every run would
    compile each module again, which no user's `kursus report` does."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def as_processes(folder: Path, learners: int, rounds: int) -> dict[str, Figures]:
    env = child_env(folder.parent / "pycache")
    report_cmd = [sys.executable, "-m", "kursus", "report", str(folder), "--format", "json"]
    base_cmd = [sys.executable, "-c", BASELINE_SCRIPT, str(folder)]
    run_child(report_cmd, env)  # the bytecode cache, the course cache and the file cache
    run_child(base_cmd, env)

    def run_mode(mode: str) -> tuple[float, float, float]:
        if mode == "first":
            forget_reports()
        return run_child([*report_cmd, "--no-cache"] if mode == "no-cache" else report_cmd, env)

    return _rounds(learners, rounds, "fresh processes", lambda: run_child(base_cmd, env), run_mode)


def dashboard(folder: Path) -> None:
    """Open the dashboard over the folder headless, scroll to the end and back, and sort."""
    import asyncio

    from kursus.ui.trainer.app import make_trainer_app

    async def run() -> None:
        start = time.perf_counter()
        app = make_trainer_app(folder, load_course(lessons_dir(), "da"))
        built = time.perf_counter()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shown = time.perf_counter()
            await pilot.press("end", "pageup", "home", "pagedown")
            await pilot.pause()
            scrolled = time.perf_counter()
            await pilot.press("3", "slash", "1", "2", "enter")
            await pilot.pause()
            sorted_ = time.perf_counter()
            rows = len(app.screen.rows)
        print(
            f"dashboard: report {built - start:.2f}s, first screen {shown - built:.2f}s, "
            f"scroll {scrolled - shown:.2f}s, sort + find '12' {sorted_ - scrolled:.2f}s ({rows} rows shown)"
        )

    asyncio.run(run())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", default="1000,10000", help="sizes, comma-separated (default 1000,10000)")
    parser.add_argument("--distinct", type=int, default=1000, help="learners generated one by one (default 1000)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-subprocess", action="store_true", help="only time in process")
    parser.add_argument("--dashboard", action="store_true", help="also open and scroll the dashboard (largest size)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a median CPU ratio misses its target")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.learners.split(","))
    results: list[tuple[dict[str, Figures], dict[str, Figures] | None]] = []
    with tempfile.TemporaryDirectory(prefix="kursus-bench-") as tmp:
        # the course cache and the report's summary cache, out of your own ~/.cache
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        source = Path(tmp) / "generated"
        start = time.perf_counter()
        generate(source, min(args.distinct, sizes[-1]))
        print(f"generated {min(args.distinct, sizes[-1])} learner files in {time.perf_counter() - start:.0f}s")
        for size in sizes:
            folder = Path(tmp) / f"hold-{size}"
            grow(source, folder, size)
            # files changed in the last SETTLE_SECONDS are always read (summary_cache): a
            # trainer's folder is not written the moment before each report
            time.sleep(SETTLE_SECONDS + 1)
            files = list(folder.rglob("*.json"))
            megabytes = sum(p.stat().st_size for p in files) / 1e6
            print(f"\n== {len(files)} learner files ({megabytes:.0f} MB)")
            inside = in_process(folder, size, args.rounds)
            fresh = None if args.no_subprocess else as_processes(folder, size, args.rounds)
            results.append((inside, fresh))
            if args.dashboard and size == sizes[-1]:
                dashboard(folder)
            if size != sizes[-1]:
                shutil.rmtree(folder)

    print("\nmedian ratios report / json.load                   wall    cpu   target")
    failed = False
    for inside, fresh in results:
        sides = (("in process", inside, TARGET_IN_PROCESS), ("fresh process", fresh, TARGET_PROCESS))
        for where, figures, target in sides:
            if figures is None:
                continue
            for mode in MODES:
                got = figures[mode]
                ratios = f"{got.median('wall'):>5.2f}x {got.median('cpu'):>5.2f}x"
                peak = f"   (peak {got.peak_mb:.0f} MB)" if got.peak_mb else ""
                label = f"{where}, {mode}"
                print(f"  {got.learners:>6} learners, {label:<22} {ratios}  <= {target}x{peak}")
                failed |= got.median("cpu") > target
    if len(results) > 1:
        for mode in MODES:
            small, large = results[0][0][mode], results[-1][0][mode]
            factor = large.learners / small.learners
            wall = large.median("report_wall") / small.median("report_wall")
            cpu = large.median("report_cpu") / small.median("report_cpu")
            target = TARGET_GROWTH * factor / 10
            print(
                f"  report time ({mode}), {large.learners} / {small.learners} learners ({factor:.0f}x): "
                f"wall {wall:.1f}x, cpu {cpu:.1f}x (linear: {factor:.0f}x; target <= {target:.0f}x)"
            )
            failed |= cpu > target
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
