"""Lesson switching: from the course map to a lesson's first page on screen, and back.

Both sides run in this process, interleaved: the course opens each of the 22 lessons
from the course map (its overview page: Markdown, top bar, key hints, an event written to
the progress file), and the baseline is a bare Textual app that pushes a screen with a
Markdown widget holding the same text and pops it again. Prints medians and the ratio.

    python bench/lesson_switch.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from kursus.commands.learn import build_learner_app
from kursus.commands.options import LearnOptions
from kursus.ui.learner.lesson import LessonScreen, lesson_pages


class PageScreen(Screen):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Markdown(self.text)
        yield Footer()


class Bare(App):
    pass


async def time_course(progress_dir: str) -> tuple[list[float], list[str]]:
    app = build_learner_app(LearnOptions(progress_dir=progress_dir, name="Benchmark Bruger"))
    times, texts = [], []
    async with app.run_test() as pilot:
        await pilot.pause()
        for lesson_id in app.session.course.lesson_order:
            start = time.perf_counter()
            app.screen.open_lesson(lesson_id)
            await pilot.pause()
            assert isinstance(app.screen, LessonScreen)
            times.append(time.perf_counter() - start)
            heading, text = lesson_pages(app.session.course.lessons[lesson_id], app.t)[0]
            texts.append(f"# {heading}\n\n{text}")
            await pilot.press("escape")
            await pilot.pause()
    return times, texts


async def time_bare(texts: list[str]) -> list[float]:
    app = Bare()
    times = []
    async with app.run_test() as pilot:
        await pilot.pause()
        for text in texts:
            start = time.perf_counter()
            await app.push_screen(PageScreen(text))
            await pilot.pause()
            times.append(time.perf_counter() - start)
            app.pop_screen()
            await pilot.pause()
    return times


async def main(rounds: int) -> None:
    course, bare = [], []
    with tempfile.TemporaryDirectory() as progress:
        for _ in range(rounds):
            times, texts = await time_course(progress)
            course += times
            bare += await time_bare(texts)
    course_median, bare_median = statistics.median(course), statistics.median(bare)
    print(f"bare app, Markdown screen : median {bare_median * 1000:.1f} ms over {len(bare)} switches")
    print(f"course, lesson page       : median {course_median * 1000:.1f} ms over {len(course)} switches")
    print(f"ratio                     : {course_median / bare_median:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    asyncio.run(main(parser.parse_args().rounds))
