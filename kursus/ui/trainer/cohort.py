"""The cohort table: one row per learner, sortable by any column, filtered by cohort.

Every cell goes through `safe_cell()` (Rich Text, never parsed): a DataTable parses plain
`str` cells as Rich markup, so a learner called `[b]x[/b]` would turn bold and `[/]`
would crash the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from kursus.i18n import Catalogue, glyph_label
from kursus.summary import LearnerSummary
from kursus.trainer.labels import cohort_text, day, name_text, percent
from kursus.ui.text import safe, safe_cell
from kursus.ui.trainer.base import TrainerScreen
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar
from kursus.vocabulary import LearnerStatus

_EPOCH = datetime(1900, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # catalogue key
    sort_key: Callable[[LearnerSummary], Any]


COLUMNS = (
    Column("name", "trainer.colshort.name", lambda s: (s.name.casefold(), s.relative)),
    Column("cohort", "trainer.colshort.cohort", lambda s: (s.cohort.casefold(), s.name.casefold())),
    Column("lessons", "trainer.colshort.lessons", lambda s: (s.lessons_done, s.name.casefold())),
    Column(
        "first_try",
        "trainer.colshort.first_try",
        lambda s: (-1.0 if s.first_try_score is None else s.first_try_score, s.name.casefold()),
    ),
    Column("last_activity", "trainer.colshort.last_activity", lambda s: (s.last_activity or _EPOCH, s.name.casefold())),
    Column("status", "trainer.colshort.status", lambda s: (list(LearnerStatus).index(s.status), s.name.casefold())),
    Column("shared", "trainer.colshort.shared", lambda s: (s.shared_count, s.name.casefold())),
)
TABLE_WIDTH = 79  # 80 columns less the one-column scrollbar (trainer.tcss)


def column_widths(t: Catalogue) -> list[int]:
    """Fixed widths that fit 80 columns: the figures and statuses get what their longest
    text needs in this language, name and cohort share the rest (name first)."""

    def need(key: str, *samples: str) -> int:
        return max(len(t(key)), *(len(sample) for sample in samples))

    status = max(len(glyph_label(s, t, trainer=True)) for s in LearnerStatus)
    fixed = [
        need("trainer.colshort.lessons", "22/22"),
        need("trainer.colshort.first_try", t("trainer.fmt.percent", value=100)),
        need("trainer.colshort.last_activity", "2026-12-31", t("trainer.fmt.never")),
        max(status, len(t("trainer.colshort.status"))),
        need("trainer.colshort.shared", "99"),
    ]
    free = TABLE_WIDTH - 2 * len(COLUMNS) - sum(fixed)  # each cell has one space either side
    cohort = max(len(t("trainer.colshort.cohort")), min(12, free // 2))
    return [free - cohort, cohort, *fixed]


class CohortScreen(TrainerScreen):
    """Who is on track, who is stuck. Enter opens a learner."""

    BINDINGS = [
        Binding("enter", "open", "trainer.key.open", id="open"),
        Binding("s", "next_sort", "trainer.key.sort", id="sort"),
        Binding("o", "reverse", "trainer.key.reverse", id="reverse"),
        Binding("c", "pick_cohort", "trainer.key.cohort", id="cohort"),
        Binding("h", "hardest", "trainer.key.hardest", id="hardest"),
        Binding("x", "skipped", "trainer.key.skipped", id="skipped"),
        Binding("r", "reload", "trainer.key.reload", id="reload"),
        *(
            Binding(str(number), f"sort_by({number - 1})", "trainer.key.sort_column", show=False)
            for number in range(1, len(COLUMNS) + 1)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_column = 0
        self.descending = False
        self.rows: list[LearnerSummary] = []
        """The learners in the order shown."""

    def compose(self) -> ComposeResult:
        yield TopBar(self.t("trainer.cohort.heading"), self.report.course.title)
        yield Static(id="cohort-status", classes="hint")
        table: DataTable = DataTable(id="learners", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="cohort-summary", classes="hint")
        yield KeyHints()

    def on_mount(self) -> None:
        self.refill()
        self.query_one("#learners", DataTable).focus()

    # --- filling the table -----------------------------------------------------------

    def refill(self, keep: str | None = None) -> None:
        """Rebuild rows from the app's report and filter; keep the cursor on `keep` if given."""
        table = self.query_one("#learners", DataTable)
        if keep is None and table.row_count and 0 <= table.cursor_row < len(self.rows):
            keep = self.rows[table.cursor_row].relative
        column = COLUMNS[self.sort_column]
        self.rows = sorted(self.app.learners, key=column.sort_key, reverse=self.descending)
        table.clear(columns=True)
        t = self.t
        for index, (col, width) in enumerate(zip(COLUMNS, column_widths(t))):
            # The sorted column is underlined and named in the status line with its
            # direction; an arrow in the heading would not fit in 80 columns.
            label = safe_cell(t(col.heading))
            if index == self.sort_column:
                label.stylize("underline")
            table.add_column(label, key=col.key, width=width)
        for learner in self.rows:
            table.add_row(*self.cells(learner), key=learner.relative)
        if keep is not None:
            for index, learner in enumerate(self.rows):
                if learner.relative == keep:
                    table.move_cursor(row=index, animate=False)
                    break
        self.show_status()

    def cells(self, learner: LearnerSummary) -> list:
        t = self.t
        return [
            safe_cell(name_text(learner, t)),
            safe_cell(cohort_text(learner.cohort, t)),
            safe_cell(f"{learner.lessons_done}/{learner.lessons_total}"),
            safe_cell(percent(learner.first_try_score, t)),
            safe_cell(day(learner.last_activity, t)),
            safe_cell(glyph_label(learner.status, t, trainer=True)),
            safe_cell(str(learner.shared_count)),
        ]

    def show_status(self) -> None:
        t, app = self.t, self.app
        if app.cohort is None:
            cohort = t("trainer.report.all_cohorts")
        else:
            cohort = app.cohort or t("trainer.fmt.no_cohort")
        direction = t("trainer.cohort.descending" if self.descending else "trainer.cohort.ascending")
        parts = [
            t("trainer.cohort.filter", cohort=cohort),
            t("trainer.cohort.sorted_by", column=t(COLUMNS[self.sort_column].heading), direction=direction),
        ]
        if self.report.skipped:
            parts.append(t("trainer.cohort.skipped", count=len(self.report.skipped)))
        self.query_one("#cohort-status", Static).update(safe(" · ".join(parts)))
        rows = self.rows
        counts = {status: sum(1 for r in rows if r.status == status) for status in LearnerStatus}
        summary = t(
            "trainer.report.summary",
            learners=len(rows),
            done=counts[LearnerStatus.DONE],
            in_progress=counts[LearnerStatus.IN_PROGRESS],
            stalled=counts[LearnerStatus.STALLED],
            not_started=counts[LearnerStatus.NOT_STARTED],
        )
        stalled = t(
            "trainer.report.stalled_rule", days=self.report.stalled_days, today=self.report.now.date().isoformat()
        )
        text = summary if rows else t("trainer.cohort.empty")
        self.query_one("#cohort-summary", Static).update(safe(f"{text}\n{stalled}"))

    @property
    def current(self) -> LearnerSummary | None:
        table = self.query_one("#learners", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    # --- actions -----------------------------------------------------------------------

    @on(DataTable.RowSelected, "#learners")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        learner = self.current
        if learner is None:
            return
        from kursus.ui.trainer.learner import LearnerScreen

        self.app.push_screen(LearnerScreen(self.rows, self.rows.index(learner)))

    def action_sort_by(self, index: int) -> None:
        if not 0 <= index < len(COLUMNS):
            return
        if index == self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column, self.descending = index, False
        self.refill()

    def action_next_sort(self) -> None:
        self.sort_column = (self.sort_column + 1) % len(COLUMNS)
        self.descending = False
        self.refill()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.refill()

    def action_pick_cohort(self) -> None:
        from kursus.ui.trainer.picker import CohortPicker

        def chosen(result: tuple[bool, str | None] | None) -> None:
            if result is not None and result[0]:
                self.app.set_cohort(result[1])

        self.app.push_screen(CohortPicker(), chosen)

    def action_hardest(self) -> None:
        from kursus.ui.trainer.hardest import HardestScreen

        self.app.push_screen(HardestScreen())

    def action_skipped(self) -> None:
        from kursus.ui.trainer.skipped import SkippedScreen

        self.app.push_screen(SkippedScreen())

    def action_reload(self) -> None:
        if self.app.reload():
            self.refill()
            self.app.notify(self.t("trainer.cohort.reloaded", learners=len(self.report.learners)), markup=False)
