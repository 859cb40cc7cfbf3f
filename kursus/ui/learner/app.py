"""The learner's app and its factory, shared by the command line and the tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from kursus.i18n import Catalogue
from kursus.session import Session
from kursus.ui.learner.guarded_store import GuardedStore
from kursus.ui.localise import localise_bindings
from kursus.ui.textual_private import accept_as_pushed

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from kursus.ui.learner.commands import CourseCommands


class KursusApp(App[int]):
    """Course map, lessons, scenarios, reflections and journal for one learner."""

    CSS_PATH = "kursus.tcss"
    TITLE = "kursus"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {lambda: _course_commands()}
    BINDINGS = [
        Binding("question_mark", "help", "key.help", id="help"),
        Binding("f1", "help", "key.help", show=False),
        # Typed as text in an Input or TextArea (they take "/" first). Hidden like ctrl+q: the
        # map's footer is full at 80 columns; help, the palette and the README list it.
        Binding("slash", "search", "key.search", id="search", show=False),
        # Shown as `q` on the course map; hidden here so the footer fits in 80 columns.
        Binding("ctrl+q", "quit", "key.quit", id="quit", priority=True, show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.t = Catalogue(session.lang)
        self._guarded: GuardedStore | None = None
        self._last_store_problem = ""
        localise_bindings(self, self.t)
        self.theme = "textual-dark"  # fixed, so snapshots and NO_COLOR behave the same everywhere

    def clock(self) -> datetime:
        """Now, in UTC: what is due for review is decided against this (tests replace it)."""
        return datetime.now(UTC)

    @property
    def store(self) -> GuardedStore:
        """The learner's store for the screens (set once the learner is known)."""
        store = self.session.store
        assert store is not None, "screens after the welcome screen need a learner"
        if self._guarded is None or self._guarded.path != store.path:
            self._guarded = GuardedStore(store, self.report_store_problem)
        return self._guarded

    def report_store_problem(self, error: Exception) -> None:
        """Tell the learner once per problem; the screen keeps what was not saved."""
        from kursus.ui.learner.notice import NoticeScreen

        store = self.session.store
        assert store is not None  # only the GuardedStore calls this, and it exists once the learner is known
        reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or str(error)
        message = self.t("notice.store_problem", path=getattr(error, "path", "") or store.path, reason=reason)
        if message != self._last_store_problem:
            self._last_store_problem = message
            self.push_screen(NoticeScreen(message))

    def get_default_screen(self) -> Screen:
        # The first screen is the real one, not pushed over an empty default screen: that
        # saves about 45 ms of startup (bench/startup.py).
        if self.session.store is None:
            from kursus.ui.learner.welcome import WelcomeScreen

            screen: Screen = WelcomeScreen()
        else:
            from kursus.ui.learner.home import HomeScreen

            screen = HomeScreen()
        accept_as_pushed(screen, self)
        return screen

    def on_mount(self) -> None:
        self.catch_signals()
        self.show_open_report()

    # --- closing the window ----------------------------------------------------------

    CLOSING_SIGNALS = ("SIGHUP", "SIGTERM", "SIGINT")

    def catch_signals(self) -> None:
        """Closing the terminal (SIGHUP), `kill` (SIGTERM) or SIGINT save what was typed
        before the app exits. Not in headless tests: they share the test runner's loop."""
        import asyncio
        import contextlib
        import signal

        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for name in self.CLOSING_SIGNALS:
            number = getattr(signal, name, None)
            if number is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not on this platform
                loop.add_signal_handler(number, self.closing_signal, int(number))

    def closing_signal(self, number: int) -> None:
        try:
            self.save_all()
        finally:
            self.exit(return_code=128 + number)

    def on_ready(self) -> None:
        # The first screen is up: resume the collector paused by build_learner_app, and
        # keep the startup objects out of future collections.
        import gc

        gc.freeze()
        gc.enable()

    def save_all(self) -> None:
        """Write anything typed but not yet saved (before quitting or rebuilding screens)."""
        for screen in self.screen_stack:
            save_pending = getattr(screen, "save_pending", None)
            if save_pending is not None:
                save_pending()

    async def action_quit(self) -> None:
        # ctrl+q is a priority key: it runs as soon as the app reads it, while keys typed
        # just before it may still wait in the text box's own queue. Let the box take them
        # first (a callback queued behind them), so every key typed before quitting is saved.
        await self.settle_focused()
        self.save_all()
        self.exit(0)

    async def settle_focused(self, timeout: float = 1.0) -> None:
        """Wait until the focused widget has handled the keys already sent to it."""
        import asyncio
        from contextlib import suppress

        focused = self.focused
        if focused is None:
            return
        handled = asyncio.Event()
        focused.call_later(handled.set)
        with suppress(TimeoutError):  # a busy widget must not keep the learner from quitting
            await asyncio.wait_for(handled.wait(), timeout)

    def show_home(self, rebuild: bool = False) -> None:
        """Back to the course map as the only screen (rebuilt after a language switch)."""
        from kursus.ui.learner.home import HomeScreen

        self.save_all()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if rebuild or not isinstance(self.screen_stack[0], HomeScreen):
            self.switch_screen(HomeScreen())
        self.show_open_report()

    def show_open_report(self) -> None:
        """Tell the learner, once, if their file was moved aside or upgraded."""
        report = self.session.open_report
        if report is not None and (report.backup is not None or report.migrated_from is not None):
            from kursus.ui.learner.notice import NoticeScreen

            self.push_screen(NoticeScreen(self.describe_open_report()))
            self.session.open_report = None

    def describe_open_report(self) -> str:
        report = self.session.open_report
        assert report is not None
        lines = []
        if report.backup is not None:
            lines.append(self.t("notice.damaged", reason=report.backup_reason, backup=report.backup))
        if report.migrated_from is not None:
            lines.append(self.t("notice.migrated", version=report.migrated_from, backup=report.migration_backup))
        return "\n\n".join(lines)

    def set_language(self, lang: str) -> None:
        """Switch UI and content; progress is keyed by ids, so nothing is lost."""
        course = self.session.course_in(lang)
        self.session.lang = lang
        self.session.course = course
        self.t = Catalogue(lang)
        localise_bindings(self, self.t)
        if self.session.store is not None:
            self.store.update_profile(lang=lang)
        self.show_home(rebuild=True)

    # --- used by the command palette ---------------------------------------------------

    def toggle_language(self) -> None:
        if self.session.store is not None:
            self.set_language("en" if self.session.lang == "da" else "da")

    def open_screen(self, name: str, *args: object) -> None:
        """Open a registered screen (kursus.ui.learner.screens) over the course map."""
        from kursus.ui.learner.screens import make_screen

        self.show_home()
        self.push_screen(make_screen(name, *args))

    def open_lesson(self, lesson_id: str) -> None:
        self.open_screen("lesson", lesson_id)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's own entries in the learner's language (Textual's are English
        and about the toolkit: themes, screenshots, maximising)."""
        from functools import partial

        from textual.app import SystemCommand

        yield SystemCommand(self.t("command.help"), self.t("command.help_help"), self.action_help)
        yield SystemCommand(
            self.t("command.quit"), self.t("command.quit_help"), partial(self.call_later, self.action_quit)
        )

    def action_search(self) -> None:
        """`/` opens the search over the screen the learner is on (once there is a learner)."""
        from kursus.ui.learner.screens import entry

        search_screen = entry("search").screen_class()
        if self.session.store is not None and not isinstance(self.screen, search_screen):
            self.push_screen(search_screen())

    def action_help(self) -> None:
        from kursus.ui.learner.screens import entry

        help_screen = entry("help")
        if not isinstance(self.screen, help_screen.screen_class()):
            self.push_screen(help_screen.screen_class()())


def _course_commands() -> type[CourseCommands]:  # imported when the palette first opens
    from kursus.ui.learner.commands import CourseCommands

    return CourseCommands


def make_app(session: Session) -> KursusApp:
    return KursusApp(session)
