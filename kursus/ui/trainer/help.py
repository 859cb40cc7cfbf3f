"""`?`: the keys of the screen underneath and of the whole app, read from the bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from kursus.ui.localise import key_help_lines
from kursus.ui.text import safe
from kursus.ui.trainer.base import TrainerModal
from kursus.ui.widgets.key_hints import KeyHints


class TrainerHelpScreen(TrainerModal):
    BINDINGS = [Binding("escape,question_mark", "close", "trainer.key.close", id="close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="trainer-help", classes="dialog"):
            yield Static(safe(self.t("trainer.help.title")), classes="heading")
            yield Static(safe(self.help_text()), id="trainer-help-text")
        yield KeyHints()

    def help_text(self) -> str:
        t, app = self.t, self.app
        lines = [t("trainer.help.intro"), ""]
        # Textual's own bindings (tab, copy) are not ours to explain.
        lines += key_help_lines(
            (type(self.under), type(app)),
            app,
            t,
            keep=lambda owner, key, binding: binding.description.startswith("trainer."),
            width=12,
        )
        lines += ["", t("trainer.help.close")]
        return "\n".join(lines)

    def on_mount(self) -> None:
        self.query_one("#trainer-help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
