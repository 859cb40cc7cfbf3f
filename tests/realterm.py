"""The course in a real pseudo-terminal, read back through a terminal emulator (pyte).

For what Pilot cannot show: signals from a closing window, two processes on one learner,
and the bytes a program really writes to a terminal. The child gets the pty as its
controlling terminal, so closing the master end sends it SIGHUP as a closed window does.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte


def _controlling_tty() -> None:  # runs in the child before exec
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class RealTerminal:
    def __init__(
        self,
        args: list[str],
        *,
        env: dict[str, str] | None = None,
        cols: int = 80,
        rows: int = 24,
        cwd: Path | None = None,
    ) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self._lock = threading.Lock()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows), **(env or {})}
        self.process = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            cwd=cwd,
            preexec_fn=_controlling_tty,
            close_fds=True,
        )
        os.close(slave)
        self.master: int | None = master
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @classmethod
    def kursus(cls, *options: str, env: dict[str, str] | None = None, **kwargs: object) -> RealTerminal:
        return cls([sys.executable, "-m", "kursus", *options], env=env, **kwargs)  # type: ignore[arg-type]

    def _read(self) -> None:
        while True:
            fd = self.master
            if fd is None:
                return
            try:
                data = os.read(fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.raw.extend(data)
                self.stream.feed(data)

    def text(self) -> str:
        with self._lock:
            return "\n".join(self.screen.display)

    def wait_for(self, wanted: str | Callable[[str], bool], timeout: float = 20.0) -> str:
        test = (lambda text: wanted in text) if isinstance(wanted, str) else wanted
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text()
            if test(text):
                return text
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"waited {timeout} s for {wanted!r}; the screen shows:\n{self.text()}")

    def keys(self, *keys: str, pause: float = 0.15) -> None:
        """Send keys: plain text, or names: enter, tab, escape, space, down, up, ctrl+X."""
        names = {
            "enter": b"\r",
            "tab": b"\t",
            "escape": b"\x1b",
            "space": b" ",
            "down": b"\x1b[B",
            "up": b"\x1b[A",
            "right": b"\x1b[C",
            "left": b"\x1b[D",
        }
        for key in keys:
            if key in names:
                data = names[key]
            elif key.startswith("ctrl+") and len(key) == 6:
                data = bytes([ord(key[-1].lower()) - ord("a") + 1])
            else:
                data = key.encode("utf-8")
            assert self.master is not None
            os.write(self.master, data)
            time.sleep(pause)

    def type(self, text: str, interval: float = 0.05) -> None:
        """Type steadily, one character at a time (as a person would)."""
        for char in text:
            assert self.master is not None
            os.write(self.master, char.encode("utf-8"))
            time.sleep(interval)

    def close_window(self) -> None:
        """Close the terminal: the kernel sends SIGHUP to the program in it."""
        if self.master is not None:
            fd, self.master = self.master, None
            os.close(fd)

    def signal(self, number: int) -> None:
        self.process.send_signal(number)

    def wait(self, timeout: float = 15.0) -> int:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
            raise AssertionError(f"the app did not end within {timeout} s") from None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(5)
        self.close_window()
