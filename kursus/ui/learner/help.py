"""`?`: every key of every screen, read from the bindings themselves so it never drifts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from kursus.ui.learner.base import KursusModal
from kursus.ui.localise import key_help_lines
from kursus.ui.text import safe
from kursus.ui.textual_private import declared_bindings
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar


def _help_sections() -> list[tuple[str, tuple[type[DOMNode], ...]]]:
    """(title key, classes whose bindings to list): the keys that work everywhere, then
    each registered screen's own (kursus.ui.learner.screens)."""
    from kursus.ui.learner.app import KursusApp
    from kursus.ui.learner.screens import help_sections

    return [("help.everywhere", (KursusApp, Screen))] + [(key, (screen,)) for key, screen in help_sections()]


class HelpScreen(KursusModal):
    BINDINGS = [Binding("escape,question_mark,q", "close", "key.close", id="close")]

    def compose(self) -> ComposeResult:
        yield TopBar(self.t("help.title"))
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(safe(self.help_text()), id="help-text")
        yield KeyHints()

    def help_text(self) -> str:
        t, app = self.t, self.app
        lines = [t("help.intro"), ""]
        shared_keys = set(declared_bindings(Screen))

        def keep(owner: type, key: str, binding: Binding) -> bool:
            return owner is Screen or key not in shared_keys  # listed once, under "everywhere"

        for title_key, owners in _help_sections():
            lines.append(t(title_key))
            lines += key_help_lines(owners, app, t, keep)
            lines.append("")
        lines.append(t("help.lists"))
        return "\n".join(lines)

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss()
