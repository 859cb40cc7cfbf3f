"""The app processes behind the browser tabs, and their end.

textual-serve's AppService relays one websocket to one app process. Left to itself it
starts the process through a shell, in the server's process group, and on disconnect
only asks the app over its stdin pipe to quit, then waits without a deadline: an app
that does not act on it (ignoring signals and spinning, or stuck writing to a pipe) lives
on after its tab, and a server that is killed leaves every app running with nothing to
end it (seen here: idle for good, its learner's file open). Here each app process:

- is started directly (no shell) in a session and process group of its own, so a
  signal reaches the app and everything it may have started, and Ctrl+C in the server's
  terminal reaches the server only (which then ends the tabs in order);
- is ended with SIGTERM (the learner app saves what was typed and exits, as when a
  terminal window closes), and SIGKILL for its whole group if it has not exited after
  a grace period;
- ends by itself when the server disappears: its stdin closes, and kursus.web.driver
  saves and exits (with a hard deadline).

AppService's `_build_environment`, `_open_app_process`, `_process`, `_stdin`, `_task` and
`_download_manager` are used here: textual-serve is pinned exactly (pyproject.toml), and
tests/unit/test_serve.py and tests/browser run this against the installed version.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

DRIVER = "kursus.web.driver:ServedDriver"
GRACE_SECONDS = 5.0
"""How long an app may take to save and exit after SIGTERM before it is killed."""


def signal_group(process: asyncio.subprocess.Process, number: int) -> None:
    """Send a signal to the process's group (its own: it was started in a new session)."""
    if process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, number)


class TabSupervisor:
    """Every app process the server started, and the one way they end."""

    def __init__(self, grace: float = GRACE_SECONDS) -> None:
        self.grace = grace
        self.processes: set[asyncio.subprocess.Process] = set()
        self.killed = 0  # how many needed SIGKILL
        self._ending: dict[asyncio.subprocess.Process, asyncio.Future[int]] = {}

    def __len__(self) -> int:
        return len(self.processes)

    async def start(self, argv: Sequence[str], environment: dict[str, str]) -> asyncio.subprocess.Process:
        process = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        self.processes.add(process)
        return process

    async def end(self, process: asyncio.subprocess.Process) -> int:
        """SIGTERM, then SIGKILL for the whole group after the grace period; the exit code.
        Asked twice at once (the tab closes while the server stops), both wait for one end."""
        ending = self._ending.get(process)
        if ending is None:
            ending = self._ending[process] = asyncio.ensure_future(self._end(process))
        return await asyncio.shield(ending)

    async def _end(self, process: asyncio.subprocess.Process) -> int:
        try:
            if process.returncode is None:
                signal_group(process, signal.SIGTERM)
                try:
                    await asyncio.wait_for(process.wait(), self.grace)
                except TimeoutError:
                    self.killed += 1
                    signal_group(process, signal.SIGKILL)
                    await process.wait()
            return process.returncode if process.returncode is not None else -signal.SIGKILL
        finally:
            self.processes.discard(process)
            self._ending.pop(process, None)

    async def end_all(self) -> None:
        await asyncio.gather(*(self.end(process) for process in list(self.processes)))


class TabService(AppService):
    """One tab's app process: textual-serve's relay, started and ended by the supervisor."""

    def __init__(
        self,
        argv: Sequence[str],
        supervisor: TabSupervisor,
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[Any]],
        download_manager: DownloadManager,
    ) -> None:
        super().__init__(
            " ".join(argv),  # only shown in logs: the process is started from argv, without a shell
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=download_manager,
        )
        self.argv = list(argv)
        self.supervisor = supervisor
        self.process: asyncio.subprocess.Process | None = None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment["TEXTUAL_DRIVER"] = DRIVER  # textual-serve's WebDriver, plus saving on every way out
        environment.pop("TEXTUAL", None)  # no devtools in a learner's tab
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        process = await self.supervisor.start(self.argv, self._build_environment(width, height))
        assert process.stdin is not None
        self._process = self.process = process
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """End the app (it saves first) and wait until its output is read to the end."""
        task, self._task = self._task, None
        if self.process is not None:
            await self.supervisor.end(self.process)
        if task is not None:
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
            await task


def tab_command(options_json: str) -> list[str]:
    """The app process of one tab: the learner app as `kursus` starts it (kursus.web.tab)."""
    return [sys.executable, "-m", "kursus.web.tab", options_json]
