"""`kursus serve` startup: from the command to a usable course page, against the terminal.

Each round, interleaved so machine noise hits both alike, on the shipped course with one
learner (so both open on the course map):

- terminal: `kursus --name ...` in a pseudo-terminal (tests/realterm.py), from process
  start until the course map is on its screen;
- browser: `kursus serve --port 0 --name ...`, from process start until the printed
  address is opened in Chromium (already running, as a learner's browser would be) and
  the course map is in the page's terminal (read from xterm.js, as tests/browser does).
  The time until the address is printed is shown too.

Prints the median of each and the ratio. Needs Playwright and Chromium (tests/browser).

    python bench/serve_startup.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.conftest import ADDRESS, CHROMIUM, CHROMIUM_ARGS, SCREEN_JS, expose_terminal
from tests.realterm import RealTerminal

READY = "lektioner færdige"
NAME = "Benchmark Bruger"


def terminal_start(folder: Path) -> float:
    start = time.perf_counter()
    term = RealTerminal.kursus("--name", NAME, "--progress-dir", str(folder))
    try:
        term.wait_for(READY, timeout=60)
        return time.perf_counter() - start
    finally:
        term.stop()


def browser_start(browser, folder: Path) -> tuple[float, float]:
    """(seconds until the address is printed, seconds until the course map is in the page)."""
    output = folder.parent / "serve.out"
    start = time.perf_counter()
    with output.open("wb") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "kursus", "serve", "--port", "0", "--name", NAME, "--progress-dir", str(folder)],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        while not (match := ADDRESS.search(output.read_text("utf-8", errors="replace"))):
            assert server.poll() is None, output.read_text()
            time.sleep(0.005)
        printed = time.perf_counter() - start
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.add_init_script(SCREEN_JS)
        page.route("**/static/js/textual.js", expose_terminal)
        page.goto(match[0])
        page.wait_for_function(
            "(wanted) => window.__kursusScreen && window.__kursusScreen().includes(wanted)",
            arg=READY,
            timeout=60_000,
            polling=5,
        )
        usable = time.perf_counter() - start
        page.close()
        return printed, usable
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        folder = Path(tmp) / "progress"
        terminal_start(folder)  # warm the file cache, create the learner, fill the course cache
        browser_start(browser, folder)
        terminal, printed, usable = [], [], []
        for _ in range(rounds):
            terminal.append(terminal_start(folder))
            address, page = browser_start(browser, folder)
            printed.append(address)
            usable.append(page)
        browser.close()
    term, served = statistics.median(terminal), statistics.median(usable)
    print(f"terminal: course map on screen      : median {term * 1000:.0f} ms over {rounds} runs")
    print(f"browser : address printed           : median {statistics.median(printed) * 1000:.0f} ms")
    print(f"browser : course map in the page    : median {served * 1000:.0f} ms over {rounds} runs")
    print(f"ratio   : browser / terminal        : {served / term:.2f}x")


if __name__ == "__main__":
    main()
