"""`kursus serve` in a real browser: the learner's walk, who gets in, and that no app
process outlives its tab or its server. Read back from the progress file on disk."""

from __future__ import annotations

import http.client
import json
import os
import signal
from pathlib import Path

import pytest

from tests.browser.conftest import (
    alive,
    children,
    keys,
    open_course,
    screen,
    start_learner,
    wait_for_text,
    wait_until,
)
from tests.conftest import REPO_ROOT, SHIPPED_LESSONS, only_progress_file

SCREENSHOT = REPO_ROOT / "docs" / "kursus-serve.png"


def progress(folder: Path) -> dict:
    return json.loads(only_progress_file(folder).read_text("utf-8"))


def answers(folder: Path) -> list[tuple[str, str, int]]:
    events = progress(folder)["events"].values()
    return [(e["scenario_id"], e["choice_id"], e["attempt"]) for e in events if e["type"] == "answer"]


def reflection_texts(folder: Path) -> dict[str, str]:
    return {doc["prompt_id"]: doc["text"] for doc in progress(folder)["reflections"].values()}


def to_reflection(page) -> str:
    """Lesson 1 by keys, both scenarios; returns the first scenario's feedback screen."""
    keys(page, "c")
    wait_for_text(page, "Side 1 af 4: Overblik")
    keys(page, "t")
    wait_for_text(page, "Scenarie 1 af 2")
    keys(page, "2")
    feedback = wait_for_text(page, "Feedback B, godt valg (alpha).")
    keys(page, "n")
    wait_for_text(page, "Scenarie 2 af 2")
    keys(page, "1")
    wait_for_text(page, "Andet feedback A.")
    keys(page, "n")
    wait_for_text(page, "Hvad tager du med")
    keys(page, "Enter")  # the cursor into the first box: its key hint "Skriv" goes
    wait_until(lambda: "⏎ Skriv" not in screen(page), what="the cursor in the reflection box")
    return feedback


def test_walk_in_the_browser_saves_answers_and_reflection_and_ends_its_process(browser, serve, tmp_path) -> None:
    folder = tmp_path / "progress"
    served = serve("--progress-dir", str(folder))
    page = open_course(browser, served)
    start_learner(page)
    assert len(served.tabs()) == 1  # one tab, one app process

    feedback = to_reflection(page)
    assert "✓ Bedste svar" in feedback  # read from the terminal object, not the DOM

    typed = "Rød grød: jeg tager rollerne med"
    page.keyboard.type(typed)
    wait_for_text(page, typed)
    violations = page.evaluate("() => window.__kursusViolations")
    page.close()  # at once: whatever is typed and not yet saved must be saved on the way out

    wait_until(lambda: not served.tabs(), what="the tab's app process ends")
    assert served.process.poll() is None  # the server goes on for the next tab
    assert reflection_texts(folder)["r1"] == typed
    assert answers(folder) == [("s1", "b", 1), ("s2", "a", 1)]
    assert violations == []  # the page works under its Content-Security-Policy


def test_help_journal_language_and_key_hints_work_as_in_the_terminal(browser, serve, tmp_path) -> None:
    served = serve("--progress-dir", str(tmp_path / "progress"), "--name", "Mette Hansen")
    page = open_course(browser, served, width=800, height=520)  # a small window: about 80x24
    size = page.evaluate("() => [window.__kursus.terminal.cols, window.__kursus.terminal.rows]")
    assert size[0] >= 80 and size[1] >= 24, size
    home = wait_for_text(page, "0 af 3 lektioner færdige")
    hints = "\n".join(home.splitlines()[-2:])  # key hints: the last row or two
    assert "c Start" in hints or "c Fortsæt" in hints, home
    keys(page, "?")
    wait_for_text(page, "Hjælp: alle taster")
    keys(page, "Escape")
    wait_for_text(page, "0 af 3 lektioner færdige")
    keys(page, "j")
    wait_for_text(page, "Journal: dine refleksioner")
    keys(page, "Escape")
    wait_for_text(page, "0 af 3 lektioner færdige")
    keys(page, "s")  # language switch
    english = wait_for_text(page, "0 of 3 lessons done")
    assert "Test course" in english
    keys(page, "q")  # quit from the map: the page says the course has closed
    page.wait_for_selector("body.-closed .ended", state="visible")
    assert "Det, du skrev, er gemt" in page.inner_text(".ended")
    wait_until(lambda: not served.tabs(), what="the app process ends after q")
    assert progress(tmp_path / "progress")["profile"]["1"]["lang"] == "en"


def test_two_tabs_are_two_windows_and_a_tab_that_cannot_open_says_why(browser, serve, tmp_path) -> None:
    served = serve("--progress-dir", str(tmp_path / "progress"), "--name", "Mette Hansen")
    first, second = open_course(browser, served), open_course(browser, served)
    for page in (first, second):  # one learner in two tabs, as in two terminal windows
        wait_for_text(page, "0 af 3 lektioner færdige")
    assert len(served.tabs()) == 2
    first.close()
    second.close()
    wait_until(lambda: not served.tabs(), what="both tabs' apps end")

    # A problem the terminal prints as one line is shown in the tab instead.
    not_a_folder = tmp_path / "fil.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    broken = serve("--progress-dir", str(not_a_folder / "progress"), "--name", "Mette Hansen")
    page = open_course(browser, broken)
    problem = wait_for_text(page, "Kurset kunne ikke åbne i denne fane")
    assert "fil.txt" in problem and "Tryk q for at lukke" in problem
    keys(page, "q")
    page.wait_for_selector("body.-closed .ended", state="visible")
    wait_until(lambda: not broken.tabs(), what="the tab's app ends")
    page.close()


@pytest.mark.serial  # may write docs/kursus-serve.png
def test_readme_screenshot_of_the_course_in_a_browser(browser, serve, tmp_path) -> None:
    """Makes docs/kursus-serve.png (README) when it is missing or KURSUS_UPDATE_SCREENSHOT=1."""
    served = serve("--progress-dir", str(tmp_path / "progress"), "--name", "Mette Hansen", lessons=SHIPPED_LESSONS)
    page = open_course(browser, served, width=1024, height=640)
    wait_for_text(page, "Mette Hansen")
    shot = tmp_path / "kursus-serve.png"
    page.screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert int.from_bytes(data[16:20], "big") == 1024 and int.from_bytes(data[20:24], "big") == 640
    if os.environ.get("KURSUS_UPDATE_SCREENSHOT") == "1" or not SCREENSHOT.exists():
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(data)
    page.close()


# --- who gets in -------------------------------------------------------------------------


def refused(served, path: str, **headers: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, response.getheader("X-Kursus-Refused", "")


WEBSOCKET_PROBE = """async (url) => await new Promise((resolve) => {
  const socket = new WebSocket(url);
  socket.onopen = () => { socket.close(); resolve("open"); };
  socket.onclose = (event) => resolve("closed " + event.code);
})"""


def test_no_token_wrong_token_and_another_origin_are_refused(browser, serve, tmp_path) -> None:
    served = serve("--progress-dir", str(tmp_path / "progress"))
    host = f"127.0.0.1:{served.port}"
    wrong = "x" * len(served.token)
    assert refused(served, "/", Host=host) == (403, "token")
    assert refused(served, f"/{wrong}/", Host=host) == (403, "token")
    assert refused(served, f"/{wrong}/static/js/textual.js", Host=host) == (403, "token")
    assert refused(served, f"/{served.token}/", Host=host, Origin="http://evil.example") == (403, "origin")
    # A site whose name points at 127.0.0.1 (DNS rebinding) sends its own Host:
    assert refused(served, f"/{served.token}/", Host=f"evil.example:{served.port}") == (403, "host")
    assert refused(served, f"/{served.token}/", Host=host) == (200, "")

    # In the browser: the page without a token, and with a wrong one.
    page = browser.new_page()
    assert page.goto(f"http://127.0.0.1:{served.port}/").status == 403
    assert page.goto(f"http://127.0.0.1:{served.port}/{wrong}/").status == 403
    assert "Ingen adgang" in page.inner_text("body")
    # Same origin, wrong token: the websocket is refused.
    assert page.evaluate(WEBSOCKET_PROBE, f"ws://{host}/{wrong}/ws").startswith("closed")

    # Another site's page, with the right token: its websocket is refused (Origin).
    page.route("http://evil.example/", lambda route: route.fulfill(body="<p>evil</p>", content_type="text/html"))
    page.goto("http://evil.example/")
    assert page.evaluate(WEBSOCKET_PROBE, f"ws://{host}/{served.token}/ws").startswith("closed")
    page.close()
    assert served.tabs() == []  # no refused request started an app


# --- no app outlives its server ----------------------------------------------------------


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_stopping_the_server_saves_every_tab_and_leaves_no_app(browser, serve, tmp_path, how) -> None:
    folder_a = tmp_path / "a"
    server_a = serve("--progress-dir", str(folder_a))
    page = open_course(browser, server_a)
    start_learner(page)
    to_reflection(page)
    page.keyboard.type("Skrevet lige før stop")
    wait_for_text(page, "Skrevet lige før stop")
    apps = server_a.tabs()
    assert len(apps) == 1

    code = server_a.stop(getattr(signal, how))
    if how == "SIGKILL":  # no chance to clean up: the app sees its stdin end, saves and exits
        assert code == -signal.SIGKILL
    else:
        assert code == 0
        assert "1 åben fane lukket og gemt" in server_a.text()
    wait_until(lambda: not any(alive(pid) for pid in apps), what="every app process ends")
    assert children(server_a.process.pid) == []
    assert reflection_texts(folder_a)["r1"] == "Skrevet lige før stop"
    # The page says the server was stopped, with no "start again" that could only fail.
    page.wait_for_selector("body.-server-gone .ended", state="visible")
    assert "Kurset er stoppet på serveren" in page.inner_text(".ended")
    assert not page.is_visible("#restart")
    page.close()
