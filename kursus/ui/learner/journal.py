"""The journal: every reflection the learner has written, with its share state."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kursus.ui.learner.base import KursusScreen
from kursus.ui.text import joined, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar

PREVIEW_CHARS = 400  # a long reflection is shortened here; the lesson shows it whole


class JournalScreen(KursusScreen):
    AUTO_FOCUS = "#journal"
    BINDINGS = [Binding("escape,j", "app.pop_screen", "key.back", id="back")]

    def compose(self) -> ComposeResult:
        yield TopBar(self.t("journal.title"))
        yield Static(safe(self.t("journal.hint")), classes="hint")
        yield OptionList(id="journal")
        yield KeyHints()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: the one place entries are (re)read.
        self.refresh_entries()

    def refresh_entries(self) -> None:
        t, course = self.t, self.session.course
        record = self.store.record()
        journal = self.query_one("#journal", OptionList)
        journal.clear_options()
        order = {lesson_id: index for index, lesson_id in enumerate(course.lesson_order)}
        entries = sorted(
            (r for r in record.reflections if r.text.strip()),
            key=lambda r: (order.get(r.lesson_id, len(order)), r.prompt_id),
        )
        if not entries:
            journal.add_option(Option(safe(t("journal.empty")), disabled=True))
            return
        for entry in entries:
            lesson = course.lessons.get(entry.lesson_id)
            found = lesson.prompt(entry.prompt_id) if lesson else None
            prompt = found.prompt if found else ""
            text = entry.text if len(entry.text) <= PREVIEW_CHARS else entry.text[:PREVIEW_CHARS] + "…"
            state = t("journal.shared") if entry.shared else t("journal.private")
            journal.add_option(
                Option(
                    joined(lesson.title if lesson else entry.lesson_id, "\n", prompt, "\n\n", text, "\n", state, "\n"),
                    id=f"{entry.lesson_id}/{entry.prompt_id}",
                )
            )
        journal.highlighted = 0

    @on(OptionList.OptionSelected, "#journal")
    def open_entry(self, event: OptionList.OptionSelected) -> None:
        lesson_id = (event.option.id or "").split("/", 1)[0]
        if lesson_id in self.session.course.lessons:
            from kursus.ui.learner.reflection import ReflectionScreen

            self.app.push_screen(ReflectionScreen(lesson_id))
