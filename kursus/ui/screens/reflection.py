"""Reflection prompts: a text area each, saved as you type, and a share toggle each."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Static, TextArea

from kursus.flow import lesson_score
from kursus.tracking import LessonStatus
from kursus.ui.screens.base import LessonPartScreen
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.text import joined, safe
from kursus.ui.widgets.top_bar import TopBar

SAVE_DELAY_SECONDS = 0.6  # save this long after the last keystroke


class ReflectionScreen(LessonPartScreen):
    BINDINGS = [
        Binding("ctrl+s", "save_now", "key.save", id="save"),
        Binding("ctrl+f", "finish", "key.finish", id="finish"),
        Binding("escape", "home", "key.home", id="home"),
    ]

    def __init__(self, lesson_id: str) -> None:
        super().__init__(lesson_id)
        self._dirty: set[str] = set()
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        record = self.store.record()
        yield TopBar(self.lesson.title, t("reflection.heading"))
        with VerticalScroll(id="reflection-scroll"):
            yield Static(safe(t("reflection.intro")), classes="hint")
            for prompt in self.lesson.reflections:
                saved = record.reflection(self.lesson_id, prompt.id)
                yield Static(safe(prompt.prompt), classes="prompt")
                yield TextArea(saved.text if saved else "", id=f"text-{prompt.id}", classes="reflection-text", soft_wrap=True)
                shared = saved.shared if saved else False
                yield Checkbox(self.share_label(shared), shared, id=f"share-{prompt.id}")
            yield Static(joined(t("lesson.practice_heading"), ": ", self.lesson.practice.title), classes="prompt")
            yield Static(safe(self.lesson.practice.task), classes="practice")
            yield Button(safe(t("reflection.finish")), id="finish", variant="primary")
        yield Static(id="save-status")
        yield KeyHints()

    def share_label(self, shared: bool):  # noqa: ANN201 - Content
        # The word says the state: the checkbox's X differs only by colour.
        return safe(self.t("reflection.share_on" if shared else "reflection.share_off"))

    def on_mount(self) -> None:
        self.query(TextArea).first().focus()

    # --- saving ------------------------------------------------------------------------

    @on(TextArea.Changed)
    def text_changed(self, event: TextArea.Changed) -> None:
        prompt_id = (event.text_area.id or "").removeprefix("text-")
        self._dirty.add(prompt_id)
        self.query_one("#save-status", Static).update(safe(self.t("reflection.unsaved")))
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY_SECONDS, self.save_pending)

    @on(Checkbox.Changed)
    def share_changed(self, event: Checkbox.Changed) -> None:
        prompt_id = (event.checkbox.id or "").removeprefix("share-")
        text = self.query_one(f"#text-{prompt_id}", TextArea).text
        event.checkbox.label = self.share_label(event.value)
        if self.store.save_reflection(self.lesson_id, prompt_id, text, shared=event.value):
            self._dirty.discard(prompt_id)
            self.show_saved()
        else:
            self.show_not_saved()

    def save_pending(self) -> None:
        if not self._dirty:
            return
        for prompt_id in sorted(self._dirty):
            text = self.query_one(f"#text-{prompt_id}", TextArea).text
            if self.store.save_reflection(self.lesson_id, prompt_id, text):
                self._dirty.discard(prompt_id)
        if self._dirty:
            self.show_not_saved()  # the text stays on screen and is tried again on the next save
        else:
            self.show_saved()

    def show_not_saved(self) -> None:
        self.query_one("#save-status", Static).update(safe(self.t("reflection.not_saved")))

    def show_saved(self) -> None:
        self.query_one("#save-status", Static).update(
            safe(self.t("reflection.saved", time=datetime.now().strftime("%H:%M:%S")))
        )

    def action_save_now(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._dirty:
            self.save_pending()
        else:
            self.show_saved()

    # --- finishing ---------------------------------------------------------------------

    @on(Button.Pressed, "#finish")
    def finish_pressed(self) -> None:
        self.action_finish()

    def action_finish(self) -> None:
        self.action_save_now()
        record = self.store.record()
        score = lesson_score(self.lesson, record)
        if score.answered < score.total:
            message = self.t("reflection.answer_all", missing=score.total - score.answered)
            self.query_one("#save-status", Static).update(safe(message))  # stays visible, unlike a toast
            self.notify(message, markup=False, severity="warning")
            return
        if record.lesson_status(self.lesson_id) is not LessonStatus.DONE:
            self.store.add_event("lesson_finished", self.lesson_id)
        self.notify(self.t("reflection.finished", title=self.lesson.title), markup=False)
        self.app.pop_screen()

    def action_home(self) -> None:
        self.action_save_now()
        super().action_home()
