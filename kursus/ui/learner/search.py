"""`/`: search every lesson and the glossary; the results narrow as you type.

A result opens where the words are: a lesson at its page, a glossary term in the glossary
filtered to that term. The searching itself is kursus.search (no Textual there).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kursus.search import Hit, HitKind, search
from kursus.textsafe import one_line
from kursus.ui.learner.base import KursusScreen
from kursus.ui.localise import Localised
from kursus.ui.text import joined, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar

MAX_SHOWN = 50  # results listed at once; more words find fewer


class SearchField(Localised, Input):
    """The query field: `down` goes to the results (an Input would scroll itself)."""

    BINDINGS = [Binding("down", "screen.focus_results", "key.search_results", id="to-results")]


class SearchScreen(KursusScreen):
    DEFAULT_CSS = """
    SearchScreen #search-input { margin: 0 1; }
    SearchScreen #search-count { height: auto; }
    SearchScreen #search-results { height: 1fr; border: round $primary; }
    """
    AUTO_FOCUS = "#search-input"
    BINDINGS = [
        # Also the field's own (SearchField): declared here too, so the help screen lists it.
        Binding("down", "focus_results", "key.search_results", id="to-results", show=False),
        Binding("slash", "focus_field", "key.search_field", id="to-field"),
        Binding("escape", "app.pop_screen", "key.back", id="back"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield TopBar(self.t("search.title"))
        yield SearchField(self.initial_query, placeholder=self.t("search.placeholder"), id="search-input")
        yield Static(id="search-count", classes="hint")
        yield OptionList(id="search-results")
        yield KeyHints()

    def on_mount(self) -> None:
        self.show_results(self.initial_query)

    @on(Input.Changed, "#search-input")
    def query_changed(self, event: Input.Changed) -> None:
        shown = one_line(event.value)  # a pasted escape code or line break is shown, not obeyed
        if shown != event.value:
            event.input.value = shown  # changes again, and the results follow that
            return
        self.show_results(event.value)

    def show_results(self, query: str) -> None:
        t = self.t
        self.hits = search(self.session.course, query)
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(
            Option(self.describe(hit), id=f"hit-{number}") for number, hit in enumerate(self.hits[:MAX_SHOWN])
        )
        if not query.strip():
            count = t("search.hint")
        elif not self.hits:
            count = t("search.nothing")
        elif len(self.hits) > MAX_SHOWN:
            count = t("search.more", n=len(self.hits), shown=MAX_SHOWN)
        else:
            count = t("search.count", n=len(self.hits))
        self.query_one("#search-count", Static).update(safe(count))
        if self.hits:
            results.highlighted = 0
        self.refresh_bindings()  # "to the results" only when there are some

    def describe(self, hit: Hit) -> Content:
        """Where the hit is (one line) and the words around it (one line, indented)."""
        t = self.t
        if hit.kind is HitKind.GLOSSARY:
            where = t("search.glossary_hit", term=hit.title)
        else:
            if hit.kind is HitKind.KEY_POINTS:
                heading = t("lesson.key_points")
            else:
                heading = hit.heading if hit.page else t("lesson.overview")
            where = t("search.lesson_hit", title=hit.title, page=hit.page + 1, heading=heading)
        where_line = joined(where).stylize("bold")
        if not hit.snippet:
            return where_line
        return Content.assemble(where_line, "\n", joined("  ", hit.snippet).stylize("dim"))

    @on(Input.Submitted, "#search-input")
    def open_top(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self.hits:
            self.open_hit(self.hits[results.highlighted or 0])

    @on(OptionList.OptionSelected, "#search-results")
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        self.open_hit(self.hits[event.option_index])

    def open_hit(self, hit: Hit) -> None:
        if hit.kind is HitKind.GLOSSARY:
            self.app.open_screen("glossary", hit.title)
        else:
            self.app.open_screen("lesson", hit.lesson_id, hit.page)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the move that goes somewhere: to the results from the field (when
        there are any), back to the field from the results."""
        in_field = isinstance(self.focused, SearchField)
        if action == "focus_results":
            return in_field and bool(self.hits)
        if action == "focus_field":
            return not in_field
        return True

    def action_focus_results(self) -> None:
        if self.hits:
            self.query_one("#search-results", OptionList).focus()

    def action_focus_field(self) -> None:
        self.query_one("#search-input", Input).focus()
