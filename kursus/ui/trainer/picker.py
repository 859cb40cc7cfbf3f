"""Choose which cohort the dashboard shows (or all of them)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kursus.trainer.aggregate import in_cohort
from kursus.ui.text import safe
from kursus.ui.trainer.base import TrainerModal
from kursus.ui.widgets.key_hints import KeyHints


class CohortPicker(TrainerModal):
    """Dismisses with (True, cohort) — cohort None for all, "" for no cohort — or None."""

    BINDINGS = [Binding("escape", "cancel", "trainer.key.close", id="close")]

    def __init__(self) -> None:
        super().__init__()
        self.choices: list[str | None] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Static(safe(self.t("trainer.picker.title")), classes="heading")
            yield OptionList(id="cohorts")
        yield KeyHints()

    def on_mount(self) -> None:
        t, learners = self.t, self.report.learners
        options = [Option(safe(t("trainer.picker.all", count=len(learners))))]
        self.choices = [None]
        for cohort in self.report.cohorts:
            count = len(in_cohort(learners, cohort))
            options.append(Option(safe(t("trainer.picker.item", cohort=cohort, count=count))))
            self.choices.append(cohort)
        without = len(in_cohort(learners, ""))
        if without:
            options.append(Option(safe(t("trainer.picker.none", count=without))))
            self.choices.append("")
        picker = self.query_one("#cohorts", OptionList)
        picker.add_options(options)
        current = self.app.cohort
        picker.highlighted = self.choices.index(current) if current in self.choices else 0
        picker.focus()

    @on(OptionList.OptionSelected, "#cohorts")
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss((True, self.choices[event.option_index]))

    def action_cancel(self) -> None:
        self.dismiss(None)
