"""Hand in to the trainer: choose a folder, then write the trainer's copy (without anything
private) and the PDF course record there (kursus.handin), or only the PDF.

Before anything is written the screen says what the trainer will see and what stays on
this computer, with the learner's own counts. Writing runs in a worker thread (the PDF
takes a moment); the result, or one line saying why nothing was written, is shown on
the screen.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static

from kursus.handin import other_lines, shared_counts
from kursus.ui.learner.base import KursusScreen
from kursus.ui.text import safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar


def default_folder() -> Path:
    """`<Documents>/kursus`: a folder of its own, never the progress folder."""
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "kursus"


class HandInScreen(KursusScreen):
    AUTO_FOCUS = "#hand-in-folder"
    BINDINGS = [
        Binding("enter", "hand_in", "key.hand_in", id="hand-in-now"),
        Binding("ctrl+o", "pdf_only", "key.pdf_only", id="pdf-only"),
        Binding("escape", "app.pop_screen", "key.back", id="back"),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        counts = shared_counts(self.store.record())
        shared, private = counts["reflections"]
        yield TopBar(self.session.course.title, t("handin.title"))
        with VerticalScroll(id="hand-in"):
            yield Static(safe(t("handin.explain")), classes="prompt")
            yield Static(safe("✓ " + t("handin.preview_sees", shared=shared)), classes="hand-in-line")
            yield Static(safe("✗ " + t("handin.preview_private", private=private)), classes="hand-in-line")
            for line in other_lines(counts, t):
                yield Static(safe("◐ " + line), classes="hand-in-line")
            yield Static(safe(t("handin.folder_label")), classes="heading")
            yield Input(str(default_folder()), id="hand-in-folder")
            with Horizontal(id="hand-in-buttons"):
                yield Button(safe(t("key.hand_in")), id="hand-in-go", variant="primary")
                yield Button(safe(t("key.pdf_only")), id="hand-in-pdf")
                yield Button(safe(t("key.back")), id="hand-in-back")
            yield Static(id="hand-in-result")
        yield KeyHints()

    @on(Input.Submitted, "#hand-in-folder")
    @on(Button.Pressed, "#hand-in-go")
    def action_hand_in(self) -> None:
        self._start(copy=True)

    @on(Button.Pressed, "#hand-in-pdf")
    def action_pdf_only(self) -> None:
        self._start(copy=False)

    @on(Button.Pressed, "#hand-in-back")
    def back_pressed(self) -> None:
        self.app.pop_screen()

    def _start(self, *, copy: bool) -> None:
        typed = self.query_one("#hand-in-folder", Input).value.strip()
        if not typed:
            self._show(self.t("handin.no_folder"))
            return
        self._show("…")
        self._write(Path(typed), copy)

    @work(thread=True, exclusive=True, group="hand-in")
    def _write(self, folder: Path, copy: bool) -> None:
        from kursus.content import ContentError
        from kursus.handin import HandInError, hand_in, hand_in_lines
        from kursus.tracking.storage import UnreadableProgressFile
        from kursus.ui.learner.assessment_content import self_assessment_of

        t = self.t
        try:
            assessment = self_assessment_of(self.session)
        except ContentError:
            assessment = None  # `kursus validate` names the problem; the PDF shows the ids
        try:
            done = hand_in(
                self.store.record(),
                self.session.course,
                t,
                folder,
                self.app.clock(),
                with_pdf=True,
                copy=copy,
                assessment=assessment,
            )
        except HandInError as exc:
            self.app.call_from_thread(self._show, t("handin.failed", reason=exc.text(t)))
            return
        except UnreadableProgressFile as exc:
            reason = f"{exc.path}: {exc.reason_text(t)}"
            self.app.call_from_thread(self._show, t("handin.failed", reason=reason))
            return
        except OSError as exc:
            self.app.call_from_thread(self._show, t("handin.failed", reason=str(exc)))
            return
        lines = hand_in_lines(done, t)
        message = t("handin.done", folder=str(done.folder)) if copy else t("handin.pdf_done", path=str(done.pdf))
        self.app.call_from_thread(self._finished, "\n".join(lines), message)

    def _finished(self, text: str, message: str) -> None:
        self._show(text)
        self.query_one("#hand-in", VerticalScroll).scroll_end(animate=False)
        self.notify(message, markup=False)

    def _show(self, text: str) -> None:
        self.query_one("#hand-in-result", Static).update(safe(text))
