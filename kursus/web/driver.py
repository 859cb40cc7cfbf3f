"""Textual's web driver, with every way out of a served tab saving what was typed.

Set as TEXTUAL_DRIVER for the app processes kursus.web.tabs starts. On top of WebDriver:

- the server's "quit" message (its tab closed) saves before the app exits;
- SIGTERM, SIGINT and SIGHUP save before the app exits (the learner app installs the
  same once mounted: kursus.ui.learner.app catch_signals);
- stdin at its end means the server is gone (even killed): save and exit, and if the
  app has not exited after EXIT_DEADLINE seconds, end the process anyway, so that no app
  outlives its server.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from typing import Any

from textual.app import App
from textual.drivers.web_driver import WebDriver

EXIT_DEADLINE = 10.0
CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class ServedDriver(WebDriver):
    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.served_app = app
        self.served_loop: asyncio.AbstractEventLoop | None = None

    def start_application_mode(self) -> None:
        super().start_application_mode()
        loop = self.served_loop = asyncio.get_running_loop()
        for number in CLOSING_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self.save_and_exit)

    def save_and_exit(self) -> None:
        """On the app's own loop: write what is typed but not saved, then exit."""
        save_all = getattr(self.served_app, "save_all", None)
        try:
            if callable(save_all):
                save_all()
        finally:
            self.served_app.exit()

    def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type == "quit":
            self.close_from_thread()
            return
        super().on_meta(packet_type, payload)

    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # stdin ended, not the app: the server is gone
            self.close_from_thread()
            deadline = threading.Timer(EXIT_DEADLINE, os._exit, (1,))
            deadline.daemon = True
            deadline.start()

    def close_from_thread(self) -> None:
        loop = self.served_loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed: the app is ending anyway
                loop.call_soon_threadsafe(self.save_and_exit)
