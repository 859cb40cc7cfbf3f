"""Ask before treating a typed name as a learner whose name only looks the same.

"Straße" where "Strasse" learns, or "ﬁona" where "fiona" does: one person typing their
name differently, or two people? Only the learner knows, so the course asks.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from kursus.ui.learner.base import KursusModal
from kursus.ui.text import safe
from kursus.ui.widgets.key_hints import KeyHints


class SameLearnerScreen(KursusModal):
    """Dismisses with the name to open: an existing learner's, the typed one, or None."""

    BINDINGS = [Binding("escape", "cancel", "key.back", id="cancel")]

    def __init__(self, typed: str, similar: list[str]) -> None:
        super().__init__()
        self.typed = typed
        self.similar = similar

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(id="same-learner", classes="dialog"):
            yield Static(
                safe(t("welcome.same_question", typed=self.typed, names=", ".join(self.similar))), classes="prompt"
            )
            for index, name in enumerate(self.similar):
                yield Button(safe(t("welcome.same_yes", name=name)), id=f"same-{index}", variant="primary")
            yield Button(safe(t("welcome.same_no", name=self.typed)), id="same-new")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "same-new":
            self.dismiss(self.typed)
        elif button.startswith("same-"):
            self.dismiss(self.similar[int(button.removeprefix("same-"))])

    def action_cancel(self) -> None:
        self.dismiss(None)
