"""Startup: how long until the course home is on screen, against a bare Textual app.

Each sample runs in a fresh interpreter (imports included, as a user would see it):
the app is built by the same function the `kursus` command uses (`build_learner_app`),
started headless with `run_test()` and timed from process start until its first screen
has rendered, then it exits. The baseline is a bare `App` with a Footer,
timed the same way in the same run. Prints the median of each and the ratio.

Two learners are timed: a new one, and one with a whole course behind them (every
scenario answered, none best at the first try ten days ago, so every one of them is in
spaced review and due: the map counts them before it is shown).

    python bench/startup.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap

BARE_APP = textwrap.dedent(
    """
    import time
    start = time.perf_counter()
    import asyncio
    from textual.app import App
    from textual.widgets import Footer, Static

    class Bare(App):
        def compose(self):
            yield Static("bare")
            yield Footer()

    async def main():
        app = Bare()
        async with app.run_test() as pilot:
            await pilot.pause()
            print(time.perf_counter() - start)

    asyncio.run(main())
    """
)

COURSE_HOME = textwrap.dedent(
    """
    import time
    start = time.perf_counter()
    import asyncio, sys
    from kursus.commands.learn import build_learner_app
    from kursus.commands.options import LearnOptions

    async def main():
        app = build_learner_app(LearnOptions(progress_dir=sys.argv[1], name="Benchmark Bruger"))
        async with app.run_test() as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen", app.screen
            print(time.perf_counter() - start)

    asyncio.run(main())
    """
)


HISTORY = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from kursus.session import prepare_session
    from kursus.tracking.events import AnswerGiven, LessonOpened, LessonFinished

    session = prepare_session(lang=None, progress_option=sys.argv[1], lessons_option=None,
                              name="Benchmark Bruger", cohort=None)
    store, course = session.store, session.course
    then = datetime.now(UTC) - timedelta(days=10)
    for lesson_id in course.lesson_order:
        lesson = course.lessons[lesson_id]
        store.record_event(LessonOpened(lesson_id, session.lang), at=then)
        for scenario in lesson.scenarios:
            missed = next(c for c in scenario.choices if c.rating != "best")
            store.record_event(AnswerGiven(lesson_id, scenario.id, missed.id, missed.rating), at=then)
        store.record_event(LessonFinished(lesson_id), at=then)
    print(len(store.record().review_docs))
    """
)


def sample(code: str, *args: str) -> float:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as progress, tempfile.TemporaryDirectory() as history:
        sample(COURSE_HOME, progress)  # warm the file cache and create the learner once
        cards = int(sample(HISTORY, history))
        bare, course, reviewed = [], [], []
        for _ in range(rounds):  # interleaved, so machine noise hits all alike
            bare.append(sample(BARE_APP))
            course.append(sample(COURSE_HOME, progress))
            reviewed.append(sample(COURSE_HOME, history))
    bare_median, course_median = statistics.median(bare), statistics.median(course)
    reviewed_median = statistics.median(reviewed)
    print(f"bare Textual app : median {bare_median * 1000:.0f} ms over {rounds} runs")
    print(f"course home      : median {course_median * 1000:.0f} ms over {rounds} runs (a new learner)")
    print(f"  with history   : median {reviewed_median * 1000:.0f} ms ({cards} scenarios in review, all due)")
    print(
        f"ratio            : {course_median / bare_median:.2f}x new learner, "
        f"{reviewed_median / bare_median:.2f}x with history (target <= 1.30x)"
    )


if __name__ == "__main__":
    main()
