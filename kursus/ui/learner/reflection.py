"""Reflection prompts: a text area each, saved as you type, and a share toggle each."""

from __future__ import annotations

from datetime import datetime
from time import monotonic

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Static, TextArea

from kursus.flow import lesson_score
from kursus.tracking import LessonFinished, LessonStatus, SavedReflection
from kursus.ui.learner.base import LessonPartScreen
from kursus.ui.text import practice_heading, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar

SAVE_DELAY_SECONDS = 0.6  # save this long after the last keystroke...
SAVE_MAX_WAIT_SECONDS = 1.5  # ...but never later than this after the first unsaved one
REFRESH_SECONDS = 1.0  # how often the screen looks for changes made in another window


class ReflectionScreen(LessonPartScreen):
    # No box has the cursor when the screen opens: a key pressed once too often on the
    # scenario screen before (n, a digit) would otherwise land in the learner's text and be
    # saved. Enter (or Tab, or a click) puts the cursor at the end of the first box.
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("enter", "write", "key.write", id="write"),
        Binding("ctrl+s", "save_now", "key.save", id="save"),
        Binding("ctrl+f", "finish", "key.finish", id="finish"),
        Binding("escape", "home", "key.home", id="home"),
    ]

    def __init__(self, lesson_id: str) -> None:
        super().__init__(lesson_id)
        self._dirty: set[str] = set()
        self._timer: Timer | None = None
        self._first_unsaved: float | None = None  # monotonic time of the oldest unsaved key
        self._revisions: dict[str, int] = {}  # prompt id -> the revision this screen last read
        self._file_stamp: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        record = self.store.record()
        self._file_stamp = self.store.file_stamp()
        yield TopBar(self.lesson.title, t("reflection.heading"))
        with VerticalScroll(id="reflection-scroll"):
            yield Static(safe(t("reflection.intro")), classes="hint")
            for prompt in self.lesson.reflections:
                saved = record.reflection(self.lesson_id, prompt.id)
                self._revisions[prompt.id] = saved.revision if saved else 0
                yield Static(safe(prompt.prompt), classes="prompt")
                yield TextArea(
                    saved.text if saved else "", id=f"text-{prompt.id}", classes="reflection-text", soft_wrap=True
                )
                shared = saved.shared if saved else False
                yield Checkbox(self.share_label(shared), shared, id=f"share-{prompt.id}")
            yield Static(
                safe(practice_heading(t("lesson.practice_heading"), self.lesson.practice.title)), classes="prompt"
            )
            yield Static(safe(self.lesson.practice.task), classes="practice")
            yield Button(safe(t("reflection.finish")), id="finish", variant="primary")
        yield Static(id="save-status")
        yield KeyHints()

    def share_label(self, shared: bool) -> Content:
        # The word says the state: the checkbox's X differs only by colour.
        return safe(self.t("reflection.share_on" if shared else "reflection.share_off"))

    def on_mount(self) -> None:
        self.set_interval(REFRESH_SECONDS, self.refresh_from_disk)

    def action_write(self) -> None:
        area = self.query(TextArea).first()
        area.focus()
        area.move_cursor(area.document.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "write":  # shown while no box has the cursor (in a box, Enter is a new line)
            return not isinstance(self.focused, TextArea)
        return True

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and not isinstance(self.focused, (TextArea, Checkbox, Button)):  # before a box
            self.query_one("#save-status", Static).update(safe(self.t("reflection.press_enter")))

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    # --- saving ------------------------------------------------------------------------

    @on(TextArea.Changed)
    def text_changed(self, event: TextArea.Changed) -> None:
        prompt_id = (event.text_area.id or "").removeprefix("text-")
        self._dirty.add(prompt_id)
        self.query_one("#save-status", Static).update(safe(self.t("reflection.unsaved")))
        now = monotonic()
        if self._first_unsaved is None:
            self._first_unsaved = now
        if self._timer is not None:
            self._timer.stop()
        # The delay restarts with every key, but steady typing cannot push it past the
        # maximum wait: text is on disk at most SAVE_MAX_WAIT_SECONDS after it was typed.
        left = SAVE_MAX_WAIT_SECONDS - (now - self._first_unsaved)
        if left <= 0:  # overdue: save now (a zero-delay Textual timer never fires)
            self._timer = None
            self.save_pending()
            return
        self._timer = self.set_timer(min(SAVE_DELAY_SECONDS, left), self.save_pending)

    @on(Checkbox.Changed)
    def share_changed(self, event: Checkbox.Changed) -> None:
        prompt_id = (event.checkbox.id or "").removeprefix("share-")
        event.checkbox.label = self.share_label(event.value)
        ok = True
        if prompt_id in self._dirty:  # the text first, with the flag the learner saw while typing
            ok = self.save_text(prompt_id, shared=not event.value)
        result = self.store.set_shared(self.lesson_id, prompt_id, event.value) if ok else None
        if result is None:
            self.show_not_saved()
            return
        self.show_on_screen(prompt_id, result)
        self.show_saved()

    def save_text(self, prompt_id: str, shared: bool | None = None) -> bool:
        """Save one prompt's text against the revision this screen read; show the outcome."""
        area = self.query_one(f"#text-{prompt_id}", TextArea)
        seen = self.query_one(f"#share-{prompt_id}", Checkbox).value if shared is None else shared
        result = self.store.save_reflection(
            self.lesson_id, prompt_id, area.text, seen_shared=seen, base_revision=self._revisions.get(prompt_id, 0)
        )
        if result is None:
            return False
        self._dirty.discard(prompt_id)
        self.show_on_screen(prompt_id, result)
        if result.merged or result.kept_other:
            key = "reflection.merged" if result.merged else "reflection.kept_other"
            self.notify(self.t(key), markup=False, severity="warning", timeout=10)
        return True

    def show_on_screen(self, prompt_id: str, saved: SavedReflection) -> None:
        """Show what is on disk now: always the share flag; the text (and its revision)
        only if nothing unsaved is in the box, so a later save still sees the conflict."""
        if prompt_id not in self._dirty:
            self._revisions[prompt_id] = saved.revision
            area = self.query_one(f"#text-{prompt_id}", TextArea)
            if area.text != saved.text:
                with area.prevent(TextArea.Changed):
                    area.load_text(saved.text)
        box = self.query_one(f"#share-{prompt_id}", Checkbox)
        if box.value != saved.shared:
            with box.prevent(Checkbox.Changed):
                box.value = saved.shared
        box.label = self.share_label(saved.shared)
        self._file_stamp = self.store.file_stamp()

    def save_pending(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._dirty:
            self._first_unsaved = None
            return
        for prompt_id in sorted(self._dirty):
            self.save_text(prompt_id)
        if self._dirty:
            self.show_not_saved()  # the text stays on screen and is tried again on the next save
        else:
            self._first_unsaved = None
            self.show_saved()

    def refresh_from_disk(self) -> None:
        """Another window may have saved or shared: show the file's state, so the share
        switch always says what a save here will write."""
        stamp = self.store.file_stamp()
        if stamp is None or stamp == self._file_stamp:
            return
        record = self.store.record()
        for prompt in self.lesson.reflections:
            saved = record.reflection(self.lesson_id, prompt.id)
            if saved is not None:  # the flag always; the text if it changed and nothing is unsaved
                self.show_on_screen(prompt.id, SavedReflection(saved.text, saved.shared, saved.revision))
        self._file_stamp = stamp

    def show_not_saved(self) -> None:
        self.query_one("#save-status", Static).update(safe(self.t("reflection.not_saved")))

    def show_saved(self) -> None:
        self.query_one("#save-status", Static).update(
            safe(self.t("reflection.saved", time=datetime.now().strftime("%H:%M:%S")))
        )

    def action_save_now(self) -> None:
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
            self.store.record_event(LessonFinished(self.lesson_id))
        self.app.open_screen("lesson_summary", self.lesson_id)  # how it went, then on (or back to the map)

    def action_home(self) -> None:
        self.action_save_now()
        super().action_home()
