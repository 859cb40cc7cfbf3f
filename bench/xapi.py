"""xAPI figures: sending 10,000 statements, and the trainer's report from an LRS.

    python bench/xapi.py                      # 10,000 statements, 100 learners
    python bench/xapi.py --statements 2000 --learners 30 --batches 100

Needs the test extras (Ralph): `pip install '.[test]'`. Everything runs on 127.0.0.1 in
a temporary folder and stops by itself.

1. Sending. One learner whose log holds N events on the shipped course (pages read and
   scenarios answered, retried and reviewed). Timed:
   - build: turning the log into N statements in the outbox (`LearnerSync.prepare`);
   - send, for each batch size, to two LRSs: a null LRS (a local HTTP server that stores
     nothing and answers with the ids: what kursus itself costs) and Ralph with its file
     backend (tests/lrs/ralph_server.py). Ralph's file backend reads its whole file on
     every POST to find ids it already has, so its time grows with what it holds.
   Each send starts from a fresh outbox and a fresh Ralph user; afterwards the LRS must
   hold every statement exactly once.
2. Report. L learners with realistic histories (kursus.trainer.synthetic, as
   bench/report.py) are synced to Ralph, then the cohort report is built from the folder
   and from the LRS (`report --format json` both ways, in this process), R rounds each;
   the per-learner numbers are compared.
The figures are informative; nothing here fails a build.
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
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kursus.commands.options import ReportOptions
from kursus.commands.report import report_command
from kursus.content import load_course
from kursus.locations import lessons_dir
from kursus.tracking import ProgressStore
from kursus.tracking.events import AnswerGiven, PageViewed, ReviewAnswered, stamped, to_doc
from kursus.tracking.store import now_iso
from kursus.trainer.synthetic import Plan, write_learner
from kursus.xapi.config import LrsConfig, normalise_mbox
from kursus.xapi.outbox import Outbox
from kursus.xapi.sender import LearnerSync, learner_actor, load_courses
from kursus.xapi.statements import actor_key
from tests.lrs import ralph_server

PASSWORD = "bench-password"
COHORTS = ["2026-forår", "2026-efterår", "2027-forår", ""]


class NullLrs:
    """Accepts any POST of statements and answers with their ids; stores nothing."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                payload = json.dumps([s["id"] for s in json.loads(body)]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def long_log(folder: Path, count: int, seed: int = 3) -> Path:
    """One learner with `count` events that each become a statement."""
    course = load_course(lessons_dir(), "da")
    rng = random.Random(seed)
    store, _ = ProgressStore.open_for(
        folder, "Bench Læner", cohort="2027-forår", course_id=course.id, content_version=course.version
    )
    lessons = [course.lessons[lid] for lid in course.lesson_order]
    attempts: dict[tuple[str, str], int] = {}
    t = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    docs = []
    for number in range(count):
        lesson = lessons[number % len(lessons)]
        t += timedelta(seconds=rng.randint(5, 90))
        kind = rng.random()
        if kind < 0.4 or not lesson.scenarios:
            event = PageViewed(lesson.id, rng.randrange(max(1, len(lesson.body))))
        else:
            scenario = rng.choice(lesson.scenarios)
            choice = rng.choice(scenario.choices)
            if kind < 0.9:
                key = (lesson.id, scenario.id)
                attempts[key] = attempts.get(key, 0) + 1
                event = AnswerGiven(lesson.id, scenario.id, choice.id, choice.rating, attempts[key])
            else:
                event = ReviewAnswered(lesson.id, scenario.id, choice.id, choice.rating)
        docs.append(to_doc(stamped(event, now_iso(t))))
    store.append_history(docs, [])
    return store.path


def ready(path: Path, config: LrsConfig, courses: dict, email: str) -> LearnerSync:
    sync = LearnerSync(path, config, courses=courses)
    with sync.outbox.change() as state:
        state.email = normalise_mbox(email)
    from kursus.tracking.record import read_record

    actor = learner_actor(config, read_record(path).name, normalise_mbox(email))
    assert actor is not None
    sync.acknowledge_notice(actor_key(actor))
    return sync


def fresh_copy(path: Path, into: Path) -> Path:
    into.mkdir(parents=True)
    target = into / path.name
    shutil.copy2(path, target)
    return target


def part_sending(tmp: Path, count: int, batches: list[int], ralph_url: str, users: dict) -> None:
    print(f"\n1. sending {count:,} statements (one learner)")
    courses = load_courses(lessons_dir())
    source = long_log(tmp / "long", count)
    print(f"   progress file: {source.stat().st_size / 1e6:.1f} MB")
    probe = fresh_copy(source, tmp / "probe")
    start = time.perf_counter()
    state, _ = ready(probe, LrsConfig(endpoint="http://127.0.0.1:9/xAPI/"), courses, "b@example.org").prepare()
    build = time.perf_counter() - start
    size = Outbox(probe).path.stat().st_size
    print(f"   build: {len(state.pending):,} statements in {build:.2f} s ({len(state.pending) / build:,.0f}/s),")
    print(f"          outbox {size / 1e6:.1f} MB, {size / max(1, len(state.pending)):,.0f} bytes per statement")
    null = NullLrs()
    try:
        print(f"   {'LRS':<12} {'batch':>6} {'requests':>9} {'seconds':>8} {'statements/s':>13}  check")
        runs = [("null", batch) for batch in batches] + [("ralph-fs", batch) for batch in batches]
        for number, (target, batch) in enumerate(runs):
            path = fresh_copy(source, tmp / f"send-{number}")
            if target == "null":
                config = LrsConfig(endpoint=null.url, batch_size=batch, timeout=120)
                stored = None
            else:
                user, stored = users.popitem()
                config = LrsConfig(endpoint=ralph_url, user=user, password=PASSWORD, batch_size=batch, timeout=300)
            sync = ready(path, config, courses, "b@example.org")
            sync.prepare()  # built before the clock starts: this part times the sending
            start = time.perf_counter()
            result = sync.send()
            took = time.perf_counter() - start
            check = f"sent {result.sent:,}" + (f", {result.reason}" if result.reason else "")
            if stored is not None:
                ids = [json.loads(line)["id"] for line in stored.read_text(encoding="utf-8").splitlines() if line]
                check += f"; Ralph holds {len(set(ids)):,} ids, {len(ids) - len(set(ids))} twice"
            requests = -(-result.sent // batch)
            print(f"   {target:<12} {batch:>6} {requests:>9,} {took:>8.2f} {result.sent / took:>13,.0f}  {check}")
    finally:
        null.close()


def synthetic_cohort(folder: Path, count: int, seed: int = 11) -> list[Path]:
    course = load_course(lessons_dir(), "da")
    rng = random.Random(seed)
    now = datetime.now(UTC)
    total = len(course.lesson_order)
    paths = []
    for number in range(count):
        done = rng.random() < 0.3
        plan = Plan(
            name=f"Deltager {number:03d} {rng.choice(['Hansen', 'Jensen', 'Østergaard', 'Ali'])}",
            cohort=rng.choice(COHORTS),
            last_active=now - timedelta(days=rng.uniform(0, 40)),
            lessons=total if done else rng.randint(1, total - 1),
            finish_last=done or rng.random() < 0.6,
            skill=rng.uniform(0.3, 0.9),
            retry=rng.uniform(0.2, 0.9),
            reflect=rng.uniform(0.1, 0.8),
            share=rng.uniform(0.0, 0.5),
        )
        paths.append(write_learner(folder, course, plan, rng, bulk=True))
    for lock in folder.rglob("*.lock"):
        lock.unlink()
    return paths


def report_json(options: ReportOptions) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        report_command(options)
    return out.getvalue()


def part_report(tmp: Path, count: int, rounds: int, ralph_url: str, users: dict) -> None:
    print(f"\n2. the report for {count} learners: from the files and from the LRS")
    courses = load_courses(lessons_dir())
    folder = tmp / "cohort"
    paths = synthetic_cohort(folder, count)
    user, _ = users.popitem()
    config = LrsConfig(endpoint=ralph_url, user=user, password=PASSWORD, timeout=120)
    start = time.perf_counter()
    sent = 0
    for number, path in enumerate(paths):
        sent += ready(path, config, courses, f"deltager{number:03d}@example.org").send().sent
    took = time.perf_counter() - start
    print(f"   synced {count} learners, {sent:,} statements, in {took:.1f} s")
    for path in paths:  # a trainer's folder holds the progress files only
        Outbox(path).path.unlink(missing_ok=True)
        for extra in path.parent.glob(f"{path.stem}.outbox*"):
            extra.unlink()
    os.environ["KURSUS_LRS_USER"], os.environ["KURSUS_LRS_PASSWORD"] = user, PASSWORD
    from_files = ReportOptions(str(folder), format="json", lang="da")
    from_lrs = ReportOptions("", format="json", lang="da", lrs=ralph_url)
    files_text, lrs_text = report_json(from_files), report_json(from_lrs)  # warm both
    times: dict[str, list[float]] = {"files": [], "lrs": []}
    for number in range(rounds):
        order = [("files", from_files), ("lrs", from_lrs)]
        for name, options in order if number % 2 == 0 else order[::-1]:
            start = time.perf_counter()
            report_json(options)
            times[name].append(time.perf_counter() - start)
    files_ms, lrs_ms = (statistics.median(times[k]) * 1000 for k in ("files", "lrs"))
    print(f"   report from files: {files_ms:8.1f} ms (median of {rounds})")
    print(f"   report from LRS:   {lrs_ms:8.1f} ms (median of {rounds}; reads {sent:,} statements over HTTP)")

    def rows(text: str) -> dict[str, dict]:
        """Per learner, without the file name; shared reflections in one order (course
        order from the LRS, the order first written in a file)."""
        found = {}
        for row in json.loads(text)["learners"]:
            row = {k: v for k, v in row.items() if k != "file"}
            for key, value in row.items():
                if isinstance(value, list) and value and isinstance(value[0], dict):
                    row[key] = sorted(value, key=lambda item: json.dumps(item, sort_keys=True))
            found[row["name"]] = row
        return found

    files_rows, lrs_rows = rows(files_text), rows(lrs_text)
    same = sum(1 for name, row in lrs_rows.items() if files_rows.get(name) == row)
    only_activity = sum(
        1
        for name, row in lrs_rows.items()
        if files_rows.get(name) != row
        and {k: v for k, v in row.items() if k not in ("last_activity", "status")}
        == {k: v for k, v in files_rows[name].items() if k not in ("last_activity", "status")}
    )
    print(
        f"   learners: {len(files_rows)} in the files, {len(lrs_rows)} in the LRS "
        f"(never started: nothing to send); identical rows: {same}; "
        f"differing only in last activity (a private reflection written last): {only_activity}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--batches", default="100,500", help="batch sizes, comma-separated")
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    batches = [int(value) for value in args.batches.split(",")]
    with tempfile.TemporaryDirectory(prefix="kursus-bench-xapi-") as name:
        tmp = Path(name)
        os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")
        for key in [key for key in os.environ if key.startswith(("KURSUS_LRS_", "KURSUS_XAPI_"))]:
            del os.environ[key]
        os.environ["KURSUS_CONFIG_DIR"] = str(tmp / "config")
        ralph_dir = tmp / "ralph"
        ralph_dir.mkdir()
        users = ralph_server.write_auth(ralph_dir, [f"bench{n}" for n in range(len(batches) + 1)], PASSWORD)
        port = ralph_server.free_port()
        with (ralph_dir / "server.log").open("wb") as log:
            process = ralph_server.start(ralph_dir, port, log)
            try:
                problem = ralph_server.wait_until_up(f"http://127.0.0.1:{port}", process, 120)
                if problem:
                    print(problem, file=sys.stderr)
                    return 1
                url = f"http://127.0.0.1:{port}/xAPI/"
                part_sending(tmp, args.statements, batches, url, users)
                part_report(tmp, args.learners, args.rounds, url, users)
            finally:
                ralph_server.stop(process)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
