"""The learner app in a real pseudo-terminal: closing the window, signals, steady typing,
and two windows on one learner. Driven as a person would, read back from the file."""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_LESSONS
from tests.realterm import RealTerminal

pytestmark = pytest.mark.serial

TO_REFLECTION = ("c", "t", "2", "n", "1", "n")  # test course: lesson, scenarios, reflection


def reflections(folder: Path) -> dict[str, dict]:
    files = sorted(folder.glob("*.json"))
    assert len(files) == 1, files
    return {doc["prompt_id"]: doc for doc in json.loads(files[0].read_text("utf-8"))["reflections"].values()}


# The app as `kursus` runs it, but with saving as you type slowed to a minute: whatever
# is on disk after a signal was saved by the signal handler, however loaded the machine is.
SLOW_SAVE = (
    "import sys, kursus.ui.learner.reflection as r; "
    "r.SAVE_DELAY_SECONDS = r.SAVE_MAX_WAIT_SECONDS = 60.0; "
    "from kursus.cli import main; raise SystemExit(main(sys.argv[1:]))"
)


def open_reflection(folder: Path, name: str = "Mette Hansen", *, slow_save: bool = False) -> RealTerminal:
    options = ["--name", name, "--progress-dir", str(folder), "--lessons", str(FIXTURE_LESSONS)]
    env = {"HOME": str(folder.parent / "home")}
    if slow_save:
        term = RealTerminal([sys.executable, "-c", SLOW_SAVE, *options], env=env)
    else:
        term = RealTerminal.kursus(*options, env=env)
    term.wait_for("Testkursus")
    term.keys(*TO_REFLECTION)
    term.wait_for("Hvad tager du med")
    term.keys("enter")  # the cursor into the first box
    return term


def wait_until(test, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


@pytest.mark.parametrize("how", ["close-window", "SIGHUP", "SIGTERM", "SIGINT"])
def test_text_typed_just_before_the_window_closes_is_saved(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "progress"
    term = open_reflection(folder, slow_save=True)
    try:
        term.type("Det sidste, jeg skrev", interval=0.02)
        term.wait_for("Det sidste, jeg skrev")  # on screen: the app has it; only the signal can save it
        if how == "close-window":
            term.close_window()
        else:
            term.signal(getattr(signal, how))
        code = term.wait()
    finally:
        term.stop()
    assert reflections(folder)["r1"]["text"] == "Det sidste, jeg skrev"
    assert code != 0 or how == "close-window"  # a signal is reported in the exit code


def test_steady_typing_reaches_the_disk_while_still_typing(tmp_path: Path) -> None:
    folder = tmp_path / "progress"
    term = open_reflection(folder)
    try:
        term.type("a" * 80, interval=0.05)  # 4 s of typing, never a 0.6 s pause
        on_disk = reflections(folder).get("r1", {}).get("text", "")  # read while the app is still open
    finally:
        term.stop()
    # The save may wait at most 1.5 s after the first unsaved key, so text typed in the
    # first seconds is on disk while typing goes on (before: nothing until a pause).
    assert len(on_disk) >= 10, on_disk


def test_second_window_toggling_share_never_erases_the_first_windows_text(tmp_path: Path) -> None:
    folder = tmp_path / "progress"
    window_a = open_reflection(folder)
    window_b = open_reflection(folder)
    try:
        window_b.type("Tekst fra vindue B", interval=0.01)
        window_b.keys("ctrl+s")
        window_b.wait_for("Gemt kl.")
        window_a.keys("tab", "space")  # A still shows the prompt empty, and shares it
        wait_until(lambda: reflections(folder)["r1"]["shared"] is True)
        saved = reflections(folder)["r1"]
        assert saved["text"] == "Tekst fra vindue B"  # A's empty box did not win
        window_a.wait_for("Tekst fra vindue B")  # and A now shows it
        window_a.wait_for("ja, delt")
    finally:
        window_a.stop()
        window_b.stop()


def test_a_save_writes_the_share_state_the_learner_sees(tmp_path: Path) -> None:
    folder = tmp_path / "progress"
    window_a = open_reflection(folder)
    window_b = open_reflection(folder)
    try:
        window_a.keys("tab", "space")  # A shares the (empty) reflection
        wait_until(lambda: reflections(folder).get("r1", {}).get("shared") is True)
        window_b.type("Ny tekst i B", interval=0.01)  # B's switch said "privat" when typing began
        window_b.keys("ctrl+s")
        window_b.wait_for("Gemt kl.")
        time.sleep(1.5)  # let B's screen catch up with the file
        saved = reflections(folder)["r1"]
        screen = window_b.text()
    finally:
        window_a.stop()
        window_b.stop()
    assert saved["text"] == "Ny tekst i B"
    # Whatever B shows is what is on disk: never shared text under a "privat" label.
    assert ("ja, delt" in screen) == saved["shared"]
    assert ("nej, privat" in screen) == (not saved["shared"])
