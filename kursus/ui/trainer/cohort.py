"""The cohort table: one row per learner, sortable by any column, filtered by cohort
and by name as you type (`/`). With a cohort plan, a Plan column says where each
learner stands ("1 bagud", "følger", "foran").

Every cell goes through `safe_cell()` (Rich Text, never parsed): a DataTable parses plain
`str` cells as Rich markup, so a learner called `[b]x[/b]` would turn bold and `[/]`
would crash the table. Names and cohorts longer than their column are cut with an
ellipsis (`labels.clip`); the table grows with the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from kursus.i18n import Catalogue, glyph_label
from kursus.summary import LearnerSummary
from kursus.textsafe import visible
from kursus.trainer.labels import clip, cohort_text, day, name_text, percent, plan_text, with_name
from kursus.trainer.plan import PlanStatus
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
PLAN_COLUMN = Column("plan", "trainer.colshort.plan", lambda s: (0, s.name.casefold()))  # sorted by the screen
TABLE_WIDTH = 79  # 80 columns less the one-column scrollbar (trainer.tcss)
BIG_COHORT = 2000  # from this many learners the name search waits for a pause in the typing
FILTER_PAUSE = 0.25  # seconds


class NameCell(Text):
    """The name cell, which knows its learner: the table is sorted by the learner's own
    values (DataTable.sort), without building its 10,000 rows again."""

    __slots__ = ("learner",)

    def __init__(self, learner: LearnerSummary, text: str) -> None:
        super().__init__(visible(text), end="")
        self.learner = learner


class LearnerTable(DataTable):
    """The cohort table: home and end go to the first and the last learner (a plain
    DataTable scrolls sideways with them, and this table never needs to)."""

    BINDINGS = [
        Binding("home", "scroll_top", "Top", show=False),
        Binding("end", "scroll_bottom", "Bottom", show=False),
    ]


def column_widths(t: Catalogue, *, plan: bool = False, width: int = TABLE_WIDTH) -> list[int]:
    """Widths that fit `width` columns (at least 80): the figures and statuses get what
    their longest text needs in this language, name and cohort share the rest (name
    first, the cohort at most 12 wide, or 8 beside a plan column)."""

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
    if plan:
        fixed.append(
            need(
                "trainer.colshort.plan",
                t("trainer.planshort.behind", n=22),
                t("trainer.planshort.on_track"),
                t("trainer.planshort.ahead", n=22),
            )
        )
    columns = 2 + len(fixed)
    free = max(TABLE_WIDTH, width) - 2 * columns - sum(fixed)  # each cell has one space either side
    cohort = max(len(t("trainer.colshort.cohort")), min(8 if plan else 12, free // 2))
    return [free - cohort, cohort, *fixed]


class CohortScreen(TrainerScreen):
    """Who is on track, who is stuck. Enter opens a learner."""

    BINDINGS = [
        Binding("enter", "open", "trainer.key.open", id="open"),
        Binding("slash", "find", "trainer.key.filter", id="filter"),
        Binding("escape", "clear_filter", "trainer.key.clear_filter", id="clear-filter"),
        Binding("s", "next_sort", "trainer.key.sort", id="sort"),
        Binding("o", "reverse", "trainer.key.reverse", id="reverse"),
        Binding("c", "pick_cohort", "trainer.key.cohort", id="cohort"),
        Binding("h", "hardest", "trainer.key.hardest", id="hardest"),
        Binding("x", "skipped", "trainer.key.skipped", id="skipped"),
        Binding("v", "assessment_cohort", "trainer.key.assessment_cohort", id="assessment-cohort"),
        Binding("r", "reload", "trainer.key.reload", id="reload"),
        Binding("e", "export", "trainer.key.export", id="export"),
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
        self._added: list[LearnerSummary] = []  # the same, in the order the rows were added
        self.name_filter = ""
        """Shown: learners whose name (as shown) holds this text, folded by
        `tracking.names.search_key` (case, accents, æ/ae, ø/oe, å/aa); "" = everyone."""
        self._width = 0
        self.widths: list[int] = []
        self._filter_timer: Timer | None = None

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns shown: the plan column only when the report has a plan."""
        if not self.report.plans:
            return COLUMNS
        report = self.report

        def by_plan(learner: LearnerSummary) -> tuple:
            position = report.position(learner)
            name = learner.name.casefold()
            return (1, 0, name) if position is None else (0, position.signed, name)

        return (*COLUMNS, Column(PLAN_COLUMN.key, PLAN_COLUMN.heading, by_plan))

    def compose(self) -> ComposeResult:
        yield TopBar(self.t("trainer.cohort.heading"), self.report.course.title)
        yield Static(id="cohort-status", classes="hint")
        finder = Input(id="name-filter", placeholder=self.t("trainer.cohort.filter_placeholder"), compact=True)
        finder.display = False
        yield finder
        table: DataTable = LearnerTable(id="learners", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(id="cohort-summary", classes="hint")
        yield KeyHints()

    def on_mount(self) -> None:
        self.refill()
        self.query_one("#learners", DataTable).focus()

    # --- filling the table -----------------------------------------------------------

    def refill(self, keep: str | None = None) -> None:
        """Rebuild rows from the app's report and filters; keep the cursor on `keep` if given."""
        table = self.query_one("#learners", DataTable)
        if keep is None:
            keep = self._cursor_key(table)
        columns = self.columns
        self.sort_column = min(self.sort_column, len(columns) - 1)
        learners = self.app.learners
        if self.name_filter:  # the name as shown, folded: "soeren" finds "Søren"
            learners = with_name(learners, self.name_filter, self.t)
        table.clear(columns=True)
        self._width = self.app.size.width - 1
        self.widths = column_widths(self.t, plan=len(columns) > len(COLUMNS), width=self._width)
        for index, (col, width) in enumerate(zip(columns, self.widths)):
            table.add_column(self._heading(index, col), key=col.key, width=width)
        # Rows go in in the report's order and are then sorted by the table, so sorting
        # again later (resort) gives exactly what a rebuild would, without one.
        for learner in learners:
            table.add_row(*self.cells(learner), key=learner.relative)
        self._added = learners
        self._sort(table, keep)

    def resort(self) -> None:
        """Show the rows in the order the sort column and direction now ask for, from the
        top: the first row on the screen and the cursor on it. A sort asks who is at one
        end of a column, and the status line names that end; keeping the learner under
        the cursor (often just the first row of the old order) would show the middle of
        a big cohort as if it were the top. Rebuilds (search, cohort, reload, resize)
        keep the cursor's learner instead: they do not reorder the rows."""
        table = self.query_one("#learners", DataTable)
        for index, (col, column) in enumerate(zip(self.columns, table.ordered_columns)):
            column.label = self._heading(index, col)
        self._sort(table, None)
        if table.row_count:
            table.move_cursor(row=0, animate=False)  # scrolls to it, even if the cursor was there

    def _heading(self, index: int, col: Column) -> Text:
        # The sorted column is underlined and named in the status line with its
        # direction; an arrow in the heading would not fit in 80 columns.
        label = safe_cell(self.t(col.heading))
        if index == self.sort_column:
            label.stylize("underline")
        return label

    def _cursor_key(self, table: DataTable) -> str | None:
        if table.row_count and 0 <= table.cursor_row < len(self.rows):
            return self.rows[table.cursor_row].relative
        return None

    def _sort(self, table: DataTable, keep: str | None) -> None:
        sort_key = self.columns[self.sort_column].sort_key
        # The same stable sort of the same learners in the same order (as the rows were
        # added): the screen's list and the table's rows agree.
        self.rows = sorted(self._added, key=sort_key, reverse=self.descending)
        table.sort(COLUMNS[0].key, key=lambda cell: sort_key(cell.learner), reverse=self.descending)
        if keep is not None:
            for index, learner in enumerate(self.rows):
                if learner.relative == keep:
                    table.move_cursor(row=index, animate=False)
                    break
        self.show_status()

    def cells(self, learner: LearnerSummary) -> list:
        t, widths = self.t, self.widths
        cells = [
            NameCell(learner, clip(name_text(learner, t), widths[0])),
            safe_cell(clip(cohort_text(learner.cohort, t), widths[1])),
            safe_cell(f"{learner.lessons_done}/{learner.lessons_total}"),
            safe_cell(percent(learner.first_try_score, t)),
            safe_cell(day(learner.last_activity, t)),
            safe_cell(glyph_label(learner.status, t, trainer=True)),
            safe_cell(str(learner.shared_count)),
        ]
        if len(widths) > len(COLUMNS):
            position = self.report.position(learner)
            cell = safe_cell(plan_text(position, t, short=True))
            if position is not None and position.status == PlanStatus.BEHIND:
                cell.stylize("bold")  # the words say it; bold only helps the eye
            cells.append(cell)
        return cells

    def show_status(self) -> None:
        t, app = self.t, self.app
        if app.cohort is None:
            cohort = t("trainer.report.all_cohorts")
        else:
            cohort = app.cohort or t("trainer.fmt.no_cohort")
        direction = t("trainer.cohort.descending" if self.descending else "trainer.cohort.ascending")
        parts = [
            t("trainer.cohort.filter", cohort=cohort),
            t("trainer.cohort.sorted_by", column=t(self.columns[self.sort_column].heading), direction=direction),
        ]
        if self.name_filter:
            total = len(app.learners)
            parts.insert(1, t("trainer.cohort.name_filter", text=self.name_filter, shown=len(self.rows), total=total))
        if self.report.skipped:
            parts.append(t("trainer.cohort.skipped", count=len(self.report.skipped)))
        if app.reading:
            parts.insert(0, t("trainer.cohort.reading", source=self.report.where))
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
        if rows:
            text = summary
        elif self.name_filter:
            text = t("trainer.cohort.no_match", text=self.name_filter)
        else:
            text = t("trainer.cohort.empty")
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
        if not 0 <= index < len(self.columns):
            return
        if index == self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column, self.descending = index, False
        self.resort()

    def action_next_sort(self) -> None:
        self.sort_column = (self.sort_column + 1) % len(self.columns)
        self.descending = False
        self.resort()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.resort()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape (clear the search) is offered only while a search is shown (False:
        neither shown nor bound, in Textual 8)."""
        if action == "clear_filter":
            return bool(self.name_filter) or self._finder_shown()
        return True

    def _finder_shown(self) -> bool:
        finders = self.query("#name-filter")
        return bool(finders) and finders.first().display

    def action_find(self) -> None:
        """Show the name field; the table follows each key typed."""
        finder = self.query_one("#name-filter", Input)
        finder.display = True
        finder.focus()
        self.refresh_bindings()

    def action_clear_filter(self) -> None:
        finder = self.query_one("#name-filter", Input)
        if not finder.display and not self.name_filter:
            return
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        finder.value = ""
        finder.display = False
        self.name_filter = ""
        self.refill()
        self.query_one("#learners", DataTable).focus()
        self.refresh_bindings()

    @on(Input.Changed, "#name-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """The table follows each key; in a big cohort, once the typing pauses (rebuilding
        thousands of rows for every key would make typing lag)."""
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        text = " ".join(event.value.split())
        if len(self.app.learners) < BIG_COHORT:
            self.apply_filter(text)
        else:
            self._filter_timer = self.set_timer(FILTER_PAUSE, lambda: self.apply_filter(text))

    def apply_filter(self, text: str) -> None:
        self._filter_timer = None
        self.name_filter = text
        self.refill()
        self.refresh_bindings()

    @on(Input.Submitted, "#name-filter")
    def filter_submitted(self, event: Input.Submitted) -> None:
        """Enter: to the table, the filter stays (and the field shows it); empty: hide it."""
        event.stop()
        if not self.name_filter:
            self.query_one("#name-filter", Input).display = False
        self.query_one("#learners", DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        if self.is_mounted and self.app.size.width - 1 != self._width:
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

    def action_assessment_cohort(self) -> None:
        from kursus.ui.trainer.assessment import AssessmentCohortScreen

        self.app.push_screen(AssessmentCohortScreen())

    def action_skipped(self) -> None:
        from kursus.ui.trainer.skipped import SkippedScreen

        self.app.push_screen(SkippedScreen())

    def action_export(self) -> None:
        """The table as shown (cohort, search, order) to a file the trainer names."""
        from kursus.ui.trainer.export import ExportScreen

        t, app = self.t, self.app
        cohort = t("trainer.report.all_cohorts") if app.cohort is None else app.cohort or t("trainer.fmt.no_cohort")
        view = t(
            "trainer.view_export.view",
            cohort=cohort,
            search=t("trainer.view_export.search", text=self.name_filter) if self.name_filter else "",
            column=t(self.columns[self.sort_column].heading),
            direction=t("trainer.cohort.descending" if self.descending else "trainer.cohort.ascending"),
        )
        rows = list(self.rows)

        def written(path: Path | None) -> None:
            if path is not None:  # said on this screen: a toast on the dialog would close with it
                app.notify(t("trainer.view_export.done", path=str(path), learners=len(rows)), markup=False)

        app.push_screen(ExportScreen(rows, view), written)

    def action_reload(self) -> None:
        self.app.start_reload()  # in a worker; the app refills this screen when it is done
