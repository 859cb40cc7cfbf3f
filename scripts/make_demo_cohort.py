"""Regenerate progress/demo/: a small synthetic cohort for `kursus report` and `kursus trainer`.

    python scripts/make_demo_cohort.py                 # dates relative to today
    python scripts/make_demo_cohort.py --today 2026-11-30   # the same files as that day

Every learner is written through the app's own ProgressStore (`open_for`, `add_event`,
`save_reflection`, backdated with `at=`), from the shipped course's real lesson,
scenario, choice and reflection ids. The histories come from a seeded random generator,
so the same --today gives the same learners, events and times (only the files'
`meta.created` stamp, which the store sets itself, says when the script ran).

The reflections are hand-written, in scripts/demo_reflections.yaml: each learner has
their own voice and job, and each text answers the prompt it is saved under. A learner
writes the texts listed for them in the lessons they get as far as the reflections of;
nothing is generated. If a lesson's reflection prompts change, the script stops and
names the texts whose lesson or prompt no longer exists. (Test fixtures with hostile
names and texts live in tests/, not in the demo.)

Dates are relative to --today (default: today), because "stalled" is measured from the
day the report runs: the stalled learners are 25 and 40 days idle, the active ones 1-8
days. Some days after the demo was made, the active learners start to look stalled
too; run this script again (or use `--stalled-days 60`) to bring the demo up to date.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kursus.content import load_course
from kursus.content.models import Course
from kursus.trainer.synthetic import Plan, write_learner

DEMO_DIR = REPO / "progress" / "demo"
LESSONS_DIR = REPO / "kursus" / "lessons"
REFLECTIONS_FILE = Path(__file__).resolve().parent / "demo_reflections.yaml"
SEED = 2027

Written = dict[tuple[str, str], tuple[str, bool]]


def load_reflections(path: Path, course: Course, names: list[str]) -> dict[str, Written]:
    """The hand-written reflections per learner: {name: {(lesson id, prompt id): (text, shared)}}.

    Raises ValueError listing every problem: a lesson or prompt id the course does not
    have, a learner who is not in the demo, a text used twice, a learner answering the
    same prompt twice, an empty text.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    written: dict[str, Written] = {name: {} for name in names}
    problems: list[str] = []
    seen: dict[str, str] = {}
    for lesson_id, prompts in (data.get("reflections") or {}).items():
        lesson = course.lessons.get(lesson_id)
        if lesson is None:
            problems.append(f"{lesson_id}: the course has no such lesson")
            continue
        prompt_ids = {prompt.id for prompt in lesson.reflections}
        for prompt_id, entries in (prompts or {}).items():
            where = f"{lesson_id} / {prompt_id}"
            if prompt_id not in prompt_ids:
                problems.append(
                    f"{where}: the lesson has no such reflection prompt (it has {', '.join(sorted(prompt_ids))})"
                )
                continue
            for entry in entries or []:
                name, text = entry.get("learner"), " ".join(str(entry.get("text") or "").split())
                if name not in written:
                    problems.append(f"{where}: {name!r} is not a demo learner")
                elif not text:
                    problems.append(f"{where}: {name} has an empty text")
                elif text in seen:
                    problems.append(f"{where}: {name}'s text is also used at {seen[text]}")
                elif (lesson_id, prompt_id) in written[name]:
                    problems.append(f"{where}: {name} answers this prompt twice")
                else:
                    seen[text] = where
                    written[name][(lesson_id, prompt_id)] = (text, bool(entry.get("shared", False)))
    if problems:
        raise ValueError(f"{path}:\n  " + "\n  ".join(problems))
    return written


def plans(today: datetime) -> list[Plan]:
    def ago(days: float, hour: int = 0) -> datetime:
        return today - timedelta(days=days, hours=hour)

    spring, autumn = "2027-forår", "2026-efterår"
    return [
        Plan("Mette Hansen", spring, ago(2, 3), lessons=99, gap_days=1.5, skill=0.8),
        Plan("Søren Østergaard", spring, ago(1, 5), lessons=10, finish_last=False, gap_days=2, skill=0.65),
        Plan("Anna Kristensen", spring, ago(5, 2), lessons=5, finish_last=False, gap_days=3, skill=0.55),
        Plan("Jonas Berg", spring, ago(40, 6), lessons=3, finish_last=False, gap_days=4, skill=0.5),
        Plan("Fatima Ali", spring, ago(9), lessons=0),
        Plan("Ole Jensen", "", ago(8, 1), lessons=2, gap_days=2, skill=0.6),
        Plan("Birgitte Lund", spring, ago(3, 4), lessons=2, gap_days=1, skill=0.4),
        Plan("Peter Nielsen", autumn, ago(30, 2), lessons=99, gap_days=2.5, skill=0.7),
        Plan("Lise Mortensen", autumn, ago(25, 7), lessons=12, finish_last=False, gap_days=3, skill=0.6),
        Plan("Karim Haddad", autumn, ago(3, 1), lessons=17, finish_last=False, gap_days=2.5, skill=0.35, retry=0.8),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--today", help="YYYY-MM-DD the demo dates are relative to (default: today, UTC)")
    parser.add_argument("--out", type=Path, default=DEMO_DIR, help=f"folder to (re)write (default: {DEMO_DIR})")
    args = parser.parse_args(argv)
    day = datetime.strptime(args.today, "%Y-%m-%d").date() if args.today else datetime.now(UTC).date()
    today = datetime.combine(day, time(12, 0), tzinfo=UTC)

    course = load_course(LESSONS_DIR, "da")
    learners = plans(today)
    try:
        written = load_reflections(REFLECTIONS_FILE, course, [plan.name for plan in learners])
    except ValueError as error:
        print(f"Cannot make the demo: {error}", file=sys.stderr)
        return 1
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.json"), *out.glob("*.json.lock")]:
        old.unlink()
    rng = random.Random(SEED)
    for plan in learners:
        plan.written = written[plan.name]
        path = write_learner(out, course, plan, rng)
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {plan.name}")
    for lock in out.glob("*.json.lock"):  # the store's lock files; a trainer's folder holds only the data
        lock.unlink()
    print(f"{len(learners)} learners in {out}, dated relative to {day.isoformat()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
