"""The files in the folder that are not in the table, and why."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from kursus.trainer.labels import skip_reason
from kursus.ui.text import safe
from kursus.ui.trainer.base import TrainerModal
from kursus.ui.widgets.key_hints import KeyHints


class SkippedScreen(TrainerModal):
    BINDINGS = [Binding("escape,x,q", "close", "trainer.key.close", id="close")]

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(id="skipped", classes="dialog"):
            yield Static(safe(t("trainer.skipped.title")), classes="heading")
            if not self.report.skipped:
                yield Static(safe(t("trainer.skipped.none")))
            for item in self.report.skipped:
                yield Static(safe(f"{item.relative}: {skip_reason(item, t)}"), classes="skipped-file")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one("#skipped").focus()

    def action_close(self) -> None:
        self.dismiss(None)
