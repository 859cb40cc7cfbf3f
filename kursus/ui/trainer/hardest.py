"""The scenarios the cohort finds hardest, and which options they chose at the first try.

Ranked by `ScenarioStat.hardness` (which weighs how many answered); scenarios with fewer
answers than the report's minimum are listed with a dash for a rank, and the number of
answers is always shown."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from kursus.trainer.aggregate import ScenarioStat
from kursus.trainer.labels import clip, knowledge_line, percent, rank_text
from kursus.ui.text import safe, safe_cell
from kursus.ui.trainer.base import TrainerScreen
from kursus.ui.trainer.cohort import TABLE_WIDTH
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar
from kursus.vocabulary import GLYPHS


class HardestScreen(TrainerScreen):
    BINDINGS = [Binding("escape,b", "back", "trainer.key.back", id="back")]

    def __init__(self) -> None:
        super().__init__()
        self.stats: list[ScenarioStat] = []

    def compose(self) -> ComposeResult:
        yield TopBar(self.t("trainer.hardest.title"), self.report.course.title)
        self.stats = self.app.scenarios  # over the learners of the cohort shown
        rule = self.t("trainer.hardest.rule", min=self.report.min_answers)
        if knowledge := knowledge_line(self.stats, self.t, short=True):
            rule = f"{rule}\n{knowledge}"
        yield Static(safe(rule), id="hardest-rule", classes="hint")
        yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="scenario-detail"):
            yield Static(id="scenario-choices")
        yield KeyHints()

    def on_mount(self) -> None:
        t = self.t
        table = self.query_one("#scenarios", DataTable)
        rank = max(2, len(str(len(self.stats))))
        answered = max(len(t("trainer.colshort.answered")), 3)
        right = max(len(t("trainer.colshort.right_first")), len(t("trainer.fmt.percent", value=100)))
        columns = 5  # rank, lesson, scenario, answered, right at first try
        width = max(TABLE_WIDTH, self.app.size.width - 1)
        free = width - 2 * columns - rank - answered - right  # each cell has one space either side
        lesson_width, scenario_width = free * 9 // 20, free - free * 9 // 20
        table.add_column(safe_cell("#"), key="rank", width=rank)
        table.add_column(safe_cell(t("trainer.col.lesson")), key="lesson", width=lesson_width)
        table.add_column(safe_cell(t("trainer.col.scenario")), key="scenario", width=scenario_width)
        table.add_column(safe_cell(t("trainer.colshort.answered")), key="answered", width=answered)
        table.add_column(safe_cell(t("trainer.colshort.right_first")), key="right", width=right)
        for stat in self.stats:
            table.add_row(
                safe_cell(rank_text(stat)),
                safe_cell(clip(stat.lesson_title, lesson_width)),
                safe_cell(clip(stat.scenario_title, scenario_width)),
                safe_cell(str(stat.answered)),
                safe_cell(percent(stat.share_right, t)),
                key=f"{stat.lesson_id}/{stat.scenario_id}",
            )
        table.focus()
        self.show_choices(0)

    @on(DataTable.RowHighlighted, "#scenarios")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_choices(event.cursor_row)

    def show_choices(self, row: int) -> None:
        target = self.query_one("#scenario-choices", Static)
        if not 0 <= row < len(self.stats):
            target.update(safe(""))
            return
        t, stat = self.t, self.stats[row]
        lines = [t("trainer.hardest.detail", lesson=stat.lesson_title, scenario=stat.scenario_title)]
        if not stat.answered:
            lines.append(t("trainer.hardest.nobody"))
        else:
            lines.append(t("trainer.hardest.answered", answered=stat.answered, right=percent(stat.share_right, t)))
            if stat.rank is None:
                lines.append(t("trainer.hardest.unranked", min=self.report.min_answers))
        if stat.knowledge_check:
            lines.append(t("trainer.hardest.knowledge"))
        lesson = self.report.course.lessons.get(stat.lesson_id)
        scenario = lesson.scenario(stat.scenario_id) if lesson else None
        if scenario is not None:
            lines.append(scenario.question.strip())
            for choice in scenario.choices:
                rating = choice.rating.value
                lines.append(
                    t(
                        "trainer.hardest.choice",
                        glyph=GLYPHS[rating],
                        choice=" ".join(choice.text.split()),
                        count=stat.first_choices.get(choice.id, 0),
                        rating=t("trainer.rating." + rating),
                    )
                )
        target.update(safe("\n".join(lines)))

    def action_back(self) -> None:
        self.app.pop_screen()
