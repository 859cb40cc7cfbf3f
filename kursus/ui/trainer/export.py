"""Export the cohort table as shown (cohort, name search, sort order) to a file, from
the dashboard (`e`). The trainer types the file name; the suffix picks the format. An
existing file is replaced only after a second enter that says so. The writing itself
is kursus.trainer.view_export (no Textual)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from kursus.summary import LearnerSummary
from kursus.trainer.view_export import SUFFIX_FORMATS, ExportProblem, FileExists, default_path, export_view, view_report
from kursus.ui.text import safe
from kursus.ui.trainer.base import TrainerModal
from kursus.ui.widgets.key_hints import KeyHints


class ExportScreen(TrainerModal):
    """Dismisses with the path written, or None."""

    BINDINGS = [Binding("escape", "cancel", "trainer.key.cancel_export", id="close")]

    def __init__(self, learners: list[LearnerSummary], what: str) -> None:
        super().__init__()
        self.learners = learners
        self.what = what  # the view in words: cohort, search, sort order
        self._confirm: str | None = None  # the path an enter would now overwrite

    def compose(self) -> ComposeResult:
        t = self.t
        # From an LRS there is no progress folder to put it beside: the current folder.
        folder = Path.cwd() / "lrs" if self.report.source else self.report.folder
        default = default_path(folder, self.report.now.astimezone().date())
        with Vertical(id="export", classes="dialog"):
            yield Static(safe(t("trainer.view_export.title")), classes="heading")
            yield Static(safe(t("trainer.view_export.what", learners=len(self.learners), view=self.what)))
            yield Static(safe(t("trainer.view_export.hint", suffixes=", ".join(SUFFIX_FORMATS))), classes="hint")
            yield Input(value=str(default), id="export-path", compact=True)
            yield Static(id="export-message")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Changed, "#export-path")
    def changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._confirm is not None and event.value != self._confirm:
            self._confirm = None
            self.say("")

    @on(Input.Submitted, "#export-path")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value
        view = view_report(self.report, self.learners, self.app.cohort)
        try:
            path = export_view(view, value, self.t, overwrite=self._confirm == value)
        except FileExists as exc:
            self._confirm = value
            self.say(str(exc), warning=True)
            return
        except ExportProblem as exc:
            self._confirm = None
            self.say(str(exc), warning=True)
            return
        self.dismiss(path)

    def say(self, text: str, *, warning: bool = False) -> None:
        message = self.query_one("#export-message", Static)
        message.update(safe(text))
        message.set_class(warning, "warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
