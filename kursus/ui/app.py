"""The learner's app and its factory, shared by the command line and the tests."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from kursus.i18n import Catalogue
from kursus.session import Session
from kursus.ui.localise import localise_bindings


class KursusApp(App[int]):
    """Course map, lessons, scenarios, reflections and journal for one learner."""

    CSS_PATH = "kursus.tcss"
    TITLE = "kursus"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "key.help", id="help"),
        Binding("f1", "help", "key.help", show=False),
        # Shown as `q` on the course map; hidden here so the footer fits in 80 columns.
        Binding("ctrl+q", "quit", "key.quit", id="quit", priority=True, show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.t = Catalogue(session.lang)
        localise_bindings(self, self.t)
        self.theme = "textual-dark"  # fixed, so snapshots and NO_COLOR behave the same everywhere

    @property
    def store(self):  # noqa: ANN201 - ProgressStore, set once the learner is known
        return self.session.store

    def on_mount(self) -> None:
        if self.session.store is None:
            from kursus.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        else:
            self.show_home()

    def save_all(self) -> None:
        """Write anything typed but not yet saved (before quitting or rebuilding screens)."""
        for screen in self.screen_stack:
            save_pending = getattr(screen, "save_pending", None)
            if save_pending is not None:
                save_pending()

    async def action_quit(self) -> None:
        self.save_all()
        self.exit(0)

    def show_home(self) -> None:
        """Home as the only screen, with any notice about the progress file on top."""
        from kursus.ui.screens.home import HomeScreen

        self.save_all()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(HomeScreen())
        report = self.session.open_report
        if report is not None and (report.backup is not None or report.migrated_from is not None):
            from kursus.ui.screens.notice import NoticeScreen

            self.push_screen(NoticeScreen(self.describe_open_report()))
            self.session.open_report = None  # tell once

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
            self.session.store.update_profile(lang=lang)
        self.show_home()

    def action_help(self) -> None:
        from kursus.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(session: Session) -> KursusApp:
    return KursusApp(session)
