"""Real-browser tests of `kursus serve`: Playwright drives Debian's Chromium.

Browsers cannot be downloaded here, so Chromium is the system one (`apt-get install
chromium`; KURSUS_CHROMIUM names another binary). With CI=true a missing browser or
Playwright fails these tests; elsewhere they are skipped with the reason.

The served terminal draws on a canvas, so the screen is read from xterm.js's own buffer:
the served textual.js is routed through `expose_terminal`, which keeps the terminal
object where the test can reach it (`window.__kursus`), and `screen(page)` reads its lines.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_LESSONS

CHROMIUM = os.environ.get("KURSUS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # this machine's network is closed: no calls home
    "--disable-component-update",
    "--disable-sync",
]
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]+)/")
SCRIPT_MARKER = "const t=new w(e,{ping:r});"  # where textual.js makes its terminal object
SCREEN_JS = """
window.__kursusScreen = () => {
  const terminal = window.__kursus && window.__kursus.terminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active, lines = [];
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
};
window.__kursusFieldStyle = (text) => {  // the colour of the left border of the field showing `text`
  const terminal = window.__kursus.terminal, buffer = terminal.buffer.active;
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    const shown = line ? line.translateToString(true) : "";
    if (line && shown.includes(text) && shown.includes("▊")) {
      const cell = line.getCell(shown.indexOf("▊"));
      return cell.getFgColorMode() + ":" + cell.getFgColor();
    }
  }
  return null;
};
window.__kursusViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__kursusViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def missing_browser() -> str | None:
    if not sys.platform.startswith("linux"):
        return "the browser tests read the server's child processes from /proc (Linux only)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install '.[test]')"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set KURSUS_CHROMIUM)"
    return None


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module. Not per session: while Playwright's sync API is running,
    the main thread has a running event loop, and the async tests of later modules need it gone."""
    reason = missing_browser()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true, and the real-browser tests cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --- the server's processes ----------------------------------------------------------


def process_state(pid: int) -> tuple[str, int] | None:
    """(state letter, parent pid) from /proc, or None if the process is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # after "(comm)", which may hold spaces
    return fields[0], int(fields[1])


def alive(pid: int) -> bool:
    state = process_state(pid)
    return state is not None and state[0] not in ("Z", "X")


def children(pid: int) -> list[int]:
    """Every living process whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            state = process_state(int(entry.name))
            if state is not None and state[1] == pid and state[0] not in ("Z", "X"):
                found.append(int(entry.name))
    return sorted(found)


def wait_until(test, timeout: float = 20.0, what: str = "condition") -> None:
    """A deadline, never a timing assertion: slow machines get the time they need."""
    deadline = time.monotonic() + timeout
    while not test():
        assert time.monotonic() < deadline, f"{what}: not reached within {timeout} s"
        time.sleep(0.05)


@dataclass
class Served:
    process: subprocess.Popen
    output: Path
    port: int = 0
    token: str = ""
    seen_children: set[int] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{self.token}/"

    def tabs(self) -> list[int]:
        """The app processes of the open tabs (the server's children), remembered for later checks."""
        found = children(self.process.pid)
        self.seen_children.update(found)
        return found

    def text(self) -> str:
        return self.output.read_text("utf-8", errors="replace")

    def stop(self, number: int = signal.SIGTERM) -> int:
        self.tabs()
        if self.process.poll() is None:
            self.process.send_signal(number)
        try:
            return self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError("the server did not stop within 30 s") from None


def start_server(tmp_path: Path, *options: str, lessons: Path = FIXTURE_LESSONS) -> Served:
    tmp_path.mkdir(parents=True, exist_ok=True)
    output = tmp_path / "serve.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "kursus", "serve", "--port", "0", "--lessons", str(lessons), *options],
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    served = Served(process, output)
    wait_until(lambda: ADDRESS.search(served.text()) or process.poll() is not None, what="the printed address")
    match = ADDRESS.search(served.text())
    assert match, served.text()
    served.port, served.token = int(match[1]), match[2]
    return served


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    """Start `kursus serve` (any free port, the test course); at the end, stop it and check
    that no app process it started is left."""
    started: list[Served] = []

    def start(*options: str, lessons: Path = FIXTURE_LESSONS) -> Served:
        served = start_server(tmp_path / f"server-{len(started)}", *options, lessons=lessons)
        started.append(served)
        return served

    yield start
    for served in started:
        if served.process.poll() is None:
            served.stop()
        for pid in served.seen_children:
            wait_until(lambda pid=pid: not alive(pid), timeout=15, what=f"app process {pid} ends")


# --- the page ------------------------------------------------------------------------


@functools.cache
def exposing_script() -> str:
    """The textual.js the server serves (textual-serve's), keeping its terminal in window.__kursus."""
    from kursus.web.server import STATIC_DIR

    body = (STATIC_DIR / "js" / "textual.js").read_text("utf-8")
    assert SCRIPT_MARKER in body, "textual-serve's textual.js changed: update SCRIPT_MARKER"
    return body.replace(SCRIPT_MARKER, SCRIPT_MARKER + "window.__kursus=t;", 1)


def expose_terminal(route) -> None:
    route.fulfill(status=200, body=exposing_script(), content_type="text/javascript; charset=utf-8")


def open_course(browser, served: Served, *, width: int = 1280, height: int = 720):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.add_init_script(SCREEN_JS)
    page.route("**/static/js/textual.js", expose_terminal)
    page.goto(served.url)
    page.wait_for_function("() => window.__kursusScreen && window.__kursusScreen().trim().length > 0")
    page.locator(".xterm-helper-textarea").focus()  # keys go to the terminal (a click would reach the app)
    return page


def screen(page) -> str:
    return page.evaluate("() => window.__kursusScreen()")


def wait_for_text(page, wanted: str, timeout: float = 20.0) -> str:
    try:
        page.wait_for_function(
            "(wanted) => window.__kursusScreen().includes(wanted)", arg=wanted, timeout=timeout * 1000
        )
    except Exception as exc:  # show what the screen did say
        raise AssertionError(f"waited {timeout} s for {wanted!r}; the screen shows:\n{screen(page)}") from exc
    return screen(page)


def keys(page, *names: str) -> None:
    """Press keys in the page as a person would: single characters or Playwright key names."""
    for name in names:
        page.keyboard.press(name)


def start_learner(page, name: str = "Mette Hansen", cohort: str = "Hold Øst 2027") -> None:
    """The welcome screen, as a person types: each step is on screen before the next."""
    wait_for_text(page, "Dit navn")
    page.keyboard.type(name)
    wait_for_text(page, name)
    focused = page.evaluate("(text) => window.__kursusFieldStyle(text)", name)
    keys(page, "Enter")
    # Enter moves on to the cohort field through a message; letters typed before it is
    # handled still reach the name field. Wait until the name field has lost its focus colour.
    page.wait_for_function("([text, style]) => window.__kursusFieldStyle(text) !== style", arg=[name, focused])
    page.keyboard.type(cohort)
    wait_for_text(page, cohort)
    keys(page, "Enter")
    wait_for_text(page, "lektioner færdige")  # the course map
