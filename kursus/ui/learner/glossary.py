"""The glossary: one word for one thing, in the learner's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from kursus.ui.learner.base import KursusScreen
from kursus.ui.text import safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar


class GlossaryScreen(KursusScreen):
    BINDINGS = [Binding("escape,g", "app.pop_screen", "key.back", id="back")]

    def compose(self) -> ComposeResult:
        yield TopBar(self.t("glossary.title"))
        with VerticalScroll(id="glossary"):
            terms = self.session.course.glossary
            if not terms:
                yield Static(safe(self.t("glossary.empty")))
            for term in terms:
                yield Static(safe(term.term), classes="term")
                yield Static(safe(term.definition), classes="definition")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one("#glossary").focus()
