"""A message the learner must see (for example: a damaged progress file was moved aside)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from kursus.ui.learner.base import KursusModal
from kursus.ui.text import safe


class NoticeScreen(KursusModal):
    BINDINGS = [Binding("escape", "close", "key.close", id="close")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="notice", classes="dialog"):
            yield Static(safe(self.message), id="notice-text")
            yield Button(safe(self.t("notice.ok")), id="notice-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#notice-ok").focus()

    def on_button_pressed(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
