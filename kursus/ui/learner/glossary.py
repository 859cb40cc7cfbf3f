"""The glossary: one word for one thing, in the learner's language; it narrows to the
terms that hold every word typed in the filter above it (kursus.search)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from kursus.content.models import GlossaryTerm
from kursus.search import glossary_terms
from kursus.textsafe import one_line
from kursus.ui.learner.base import KursusScreen
from kursus.ui.text import safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar


class GlossaryScreen(KursusScreen):
    DEFAULT_CSS = """
    GlossaryScreen #glossary-filter { margin: 0 1; }
    GlossaryScreen .glossary-entry { height: auto; }
    """
    BINDINGS = [Binding("escape,g", "app.pop_screen", "key.back", id="back")]  # `g` types in the filter

    def __init__(self, term_filter: str = "") -> None:
        super().__init__()
        self.term_filter = term_filter  # opened from a search hit: filtered to that term
        self.entries: list[tuple[GlossaryTerm, Vertical]] = []  # each term with its term and definition

    def compose(self) -> ComposeResult:
        yield TopBar(self.t("glossary.title"))
        yield Input(self.term_filter, placeholder=self.t("glossary.filter_placeholder"), id="glossary-filter")
        yield Static(id="glossary-count", classes="hint")
        with VerticalScroll(id="glossary"):
            terms = self.session.course.glossary
            if not terms:
                yield Static(safe(self.t("glossary.empty")))
            for term in terms:
                with Vertical(classes="glossary-entry") as entry:
                    yield Static(safe(term.term), classes="term")
                    yield Static(safe(term.definition), classes="definition")
                self.entries.append((term, entry))
        yield KeyHints()

    def on_mount(self) -> None:
        self.show_terms(self.term_filter)
        self.query_one("#glossary-filter").focus()

    @on(Input.Changed, "#glossary-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        shown = one_line(event.value)  # a pasted escape code or line break is shown, not obeyed
        if shown != event.value:
            event.input.value = shown
            return
        self.show_terms(event.value)

    def show_terms(self, term_filter: str) -> None:
        """Only the terms that match; and how many of how many."""
        matching = {id(term) for term in glossary_terms(self.session.course, term_filter)}
        for term, entry in self.entries:
            entry.display = id(term) in matching
        total = len(self.session.course.glossary)
        count = self.t("glossary.count", shown=len(matching), total=total)
        if total and not matching:
            count += "  " + self.t("glossary.no_match")
        self.query_one("#glossary-count", Static).update(safe(count))
