"""Regenerate progress/demo/: a small synthetic cohort for `kursus report` and `kursus trainer`.

    python scripts/make_demo_cohort.py                 # dates relative to today
    python scripts/make_demo_cohort.py --today 2026-11-30   # the same files as that day

Every learner is written through the app's own ProgressStore (`open_for`, `add_event`,
`save_reflection`, backdated with `at=`), from the shipped course's real lesson,
scenario, choice and reflection ids. The histories come from a seeded random generator,
so the same --today gives the same learners, events and times (only the files'
`meta.created` stamp, which the store sets itself, says when the script ran).

Dates are relative to --today (default: today), because "stalled" is measured from the
day the report runs: the stalled learners are 25 and 40 days idle, the active ones 1-8
days. Some days after the demo was made, the active learners start to look stalled
too; run this script again (or use `--stalled-days 60`) to bring the demo up to date.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kursus.content import load_course  # noqa: E402
from kursus.trainer.synthetic import Plan, write_learner  # noqa: E402

DEMO_DIR = REPO / "progress" / "demo"
LESSONS_DIR = REPO / "lessons"
SEED = 2027

HOSTILE_NAME = '=HYPERLINK("x") [b]Test[/b] [/] 🎉 ../../etc'
HOSTILE_REFLECTIONS = [
    ('[@click=app.quit]Klik her[/] og [b]fed[/b] tekst [/]', True),
    ('=HYPERLINK("http://example.invalid","klik") +1 -1 @SUM(A1) | kolonne | ../../etc/passwd 🎉', True),
    ("Denne tekst er ikke delt og må aldrig ses af underviseren.", False),
]
SHARED_THOUGHTS = [
    ("Jeg lagde mærke til, at jeg selv talte mest på vores første møde. Næste gang vil jeg "
     "starte med et åbent spørgsmål og vente på svaret.", True),
    ("Vores referenceleder vil gerne have en hurtig løsning. Jeg vil tale med hende om, at "
     "opdagelsesfasen også er et resultat.", True),
    ("Det er svært at holde mine egne faglige svar tilbage. Jeg skriver dem ned før mødet, "
     "så jeg kan lægge dem til side.", True),
    ("En personlig note, som kun er til mig selv.", False),
]


def plans(today: datetime) -> list[Plan]:
    def ago(days: float, hour: int = 0) -> datetime:
        return today - timedelta(days=days, hours=hour)

    spring, autumn = "2027-forår", "2026-efterår"
    return [
        Plan("Mette Hansen", spring, ago(2, 3), lessons=99, gap_days=1.5, skill=0.8, reflect=0.6, share=0.1),
        Plan("Søren Østergaard", spring, ago(1, 5), lessons=10, finish_last=False, gap_days=2, skill=0.65,
             reflect=0.7, share=0.0, texts=list(SHARED_THOUGHTS)),
        Plan("Anna Kristensen", spring, ago(5, 2), lessons=5, finish_last=False, gap_days=3, skill=0.55),
        Plan("Jonas Berg", spring, ago(40, 6), lessons=3, finish_last=False, gap_days=4, skill=0.5),
        Plan("Fatima Ali", spring, ago(9), lessons=0),
        Plan("Ole Jensen", "", ago(8, 1), lessons=2, gap_days=2, skill=0.6, reflect=0.3),
        Plan(HOSTILE_NAME, spring, ago(3, 4), lessons=2, gap_days=1, skill=0.4, reflect=0.0,
             texts=list(HOSTILE_REFLECTIONS)),
        Plan("Peter Nielsen", autumn, ago(30, 2), lessons=99, gap_days=2.5, skill=0.7, reflect=0.4, share=0.2),
        Plan("Lise Mortensen", autumn, ago(25, 7), lessons=12, finish_last=False, gap_days=3, skill=0.6, share=0.2),
        Plan("Karim Haddad", autumn, ago(3, 1), lessons=17, finish_last=False, gap_days=2.5, skill=0.35, retry=0.8),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--today", help="YYYY-MM-DD the demo dates are relative to (default: today, UTC)")
    parser.add_argument("--out", type=Path, default=DEMO_DIR, help=f"folder to (re)write (default: {DEMO_DIR})")
    args = parser.parse_args(argv)
    day = datetime.strptime(args.today, "%Y-%m-%d").date() if args.today else datetime.now(timezone.utc).date()
    today = datetime.combine(day, time(12, 0), tzinfo=timezone.utc)

    course = load_course(LESSONS_DIR, "da")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.json"), *out.glob("*.json.lock")]:
        old.unlink()
    rng = random.Random(SEED)
    for plan in plans(today):
        path = write_learner(out, course, plan, rng)
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {plan.name}")
    for lock in out.glob("*.json.lock"):  # the store's lock files; a trainer's folder holds only the data
        lock.unlink()
    print(f"{len(plans(today))} learners in {out}, dated relative to {day.isoformat()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
