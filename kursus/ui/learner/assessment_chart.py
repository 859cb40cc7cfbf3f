"""The ten competences side by side: before against after (and the latest round), in
glyphs and numbers, so it reads at 80x24 and with NO_COLOR=1; below it, every round
with its date and whether the trainer may see it (`d` shares or stops sharing).

The numbers come from kursus.assessment.before_after; this screen only draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from kursus.assessment import BeforeAfter, SelfAssessment, before_after
from kursus.content.problems import ContentError
from kursus.i18n import Catalogue
from kursus.textsafe import visible
from kursus.tracking.record import SCALE_POINTS, SelfAssessmentRound
from kursus.ui.learner.assessment_content import day_of, self_assessment_of
from kursus.ui.learner.base import KursusScreen
from kursus.ui.text import joined, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar
from kursus.vocabulary import Occasion

FULL, EMPTY, NONE = "█", "░", "·"  # a level step, a step not reached, not assessed
NAME_WIDTH = 26  # the longest short name in the shipped course; longer ones are cut with "…"
SHARED_GLYPH, PRIVATE_GLYPH = "✓", "✗"  # as on the hand-in screen: ✓ the trainer sees it


@dataclass(frozen=True)
class Column:
    label: str  # "før", "efter", "nu"
    round: SelfAssessmentRound


def bar(level: int | None) -> str:
    """`███░░ 3`; `····· –` when not assessed."""
    if level is None:
        return NONE * SCALE_POINTS + " –"
    return FULL * level + EMPTY * (SCALE_POINTS - level) + f" {level}"


def change_text(change: int | None) -> str:
    if change is None:
        return ""
    return f"+{change}" if change > 0 else ("±0" if change == 0 else f"−{-change}")


def chart_columns(data: BeforeAfter, t: Catalogue) -> list[Column]:
    """Before; after (once there is an end round); now (the latest, when it is neither)."""
    columns = []
    if data.before is not None:
        columns.append(Column(t("chart.col.before"), data.before))
    if data.after is not None:
        columns.append(Column(t("chart.col.after"), data.after))
    if data.latest is not None and data.latest not in (data.before, data.after):
        columns.append(Column(t("chart.col.now"), data.latest))
    return columns


def short(name: str, width: int = NAME_WIDTH) -> str:
    name = " ".join(visible(name).split())
    return name if len(name) <= width else name[: width - 1] + "…"


def chart_lines(data: BeforeAfter, assessment: SelfAssessment, t: Catalogue) -> list[str]:
    """One line per competence: `Tænker andre ind   før ██░░░ 2  efter ████░ 4  +2`
    (plain text: no colour is needed to read it)."""
    columns = chart_columns(data, t)
    label_width = max((len(c.label) for c in columns), default=0)
    names = {c.id: c.name for c in assessment.competences}
    width = min(NAME_WIDTH, max((len(short(n)) for n in names.values()), default=0))
    lines = []
    for row in data.rows:
        parts = [short(names.get(row.competence_id, row.competence_id), width).ljust(width)]
        levels = [column.round.level(row.competence_id) for column in columns]
        parts += [f"{column.label:>{label_width}} {bar(level)}" for column, level in zip(columns, levels, strict=True)]
        first, last = levels[0] if levels else None, levels[-1] if len(levels) > 1 else None
        parts.append(change_text(None if first is None or last is None else last - first))
        lines.append("  ".join(parts).rstrip())
    return lines


def chart_legend(data: BeforeAfter, assessment: SelfAssessment, t: Catalogue) -> list[str]:
    """What each column is (its date and occasion) and what the glyphs mean."""
    lines = [
        t(
            "chart.legend.round",
            label=column.label,
            when=day_of(column.round.taken_at),
            occasion=occasion_text(column.round, t),
        )
        for column in chart_columns(data, t)
    ]
    scale = ", ".join(f"{n} {assessment.scale_name(n)}" for n in range(1, SCALE_POINTS + 1))
    lines.append(t("chart.legend.glyphs", full=FULL, empty=EMPTY, none=NONE, points=SCALE_POINTS, scale=scale))
    if len(chart_columns(data, t)) > 1:
        lines.append(t("chart.legend.change"))
    return lines


def occasion_text(one: SelfAssessmentRound, t: Catalogue) -> str:
    return t(f"assessment.occasion.{Occasion(one.occasion).value}")


class AssessmentChartScreen(KursusScreen):
    DEFAULT_CSS = """
    #chart-scroll { height: 1fr; scrollbar-size-vertical: 1; }
    #chart { padding: 0 0 0 1; }
    #chart-legend { padding: 0 1; color: $text-muted; }
    #chart-rounds { height: auto; max-height: 12; margin: 0 1; border: round $primary; }
    #chart-buttons { height: auto; margin: 1 1 0 1; }
    #chart-buttons Button { margin-right: 1; }
    """
    AUTO_FOCUS = ""  # the rounds list gets focus without scrolling the chart away (refresh_chart)
    BINDINGS = [
        Binding("d", "share", "chart.key.share", id="chart-share"),
        Binding("c", "continue_round", "chart.key.continue", id="chart-continue"),
        Binding("n", "new_round", "chart.key.new_round", id="chart-new"),
        Binding("escape", "app.pop_screen", "key.home", id="home"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.assessment: SelfAssessment | None = None
        self.problem = ""
        try:
            self.assessment = self_assessment_of(self.session)
        except ContentError as exc:
            self.problem = str(exc)
        self.rounds: list[SelfAssessmentRound] = []

    def compose(self) -> ComposeResult:
        t = self.t
        yield TopBar(self.session.course.title, t("chart.title"))
        with VerticalScroll(id="chart-scroll"):
            if self.assessment is None:
                yield Static(safe(self.problem or t("sa.none")), classes="prompt")
            else:
                yield Static(id="chart-intro", classes="heading")
                yield Static(id="chart")
                yield Static(id="chart-legend")
                yield Static(safe(t("chart.rounds_heading")), classes="heading")
                yield OptionList(id="chart-rounds")
                yield Static(safe(t("chart.share_explain")), classes="hint", id="chart-share-explain")
                with Horizontal(id="chart-buttons"):
                    yield Button(safe(t("chart.key.share")), id="chart-share-button")
                    yield Button(safe(t("chart.key.new_round")), id="chart-new-button", variant="primary")
                    yield Button(safe(t("key.home")), id="chart-home-button")
        yield KeyHints()

    def on_screen_resume(self) -> None:
        if self.assessment is not None:
            self.refresh_chart()

    def refresh_chart(self, highlight: str | None = None) -> None:
        assessment, t = self.assessment, self.t
        assert assessment is not None
        record = self.store.record()
        data = before_after(record, assessment.ids)
        intro = self.query_one("#chart-intro", Static)
        if data.empty:
            intro.update(safe(t("chart.empty")))
        elif data.after is None and data.latest is data.before:
            intro.update(safe(t("chart.one_round")))
        else:
            intro.update(safe(t("chart.intro")))
        self.query_one("#chart", Static).update(
            Text(
                "\n".join(chart_lines(data, assessment, t)) if not data.empty else "", no_wrap=True, overflow="ellipsis"
            )
        )
        self.query_one("#chart-legend", Static).update(
            joined("\n".join(chart_legend(data, assessment, t)) if not data.empty else "")
        )
        self.rounds = list(reversed(record.self_assessments))  # newest first
        rounds = self.query_one("#chart-rounds", OptionList)
        old = rounds.highlighted_option.id if rounds.highlighted_option else None
        rounds.clear_options()
        count = len(assessment.competences)
        for one in self.rounds:
            glyph = SHARED_GLYPH if one.shared else PRIVATE_GLYPH
            shared = t("assessment.shared_yes" if one.shared else "assessment.shared_no")
            line = t(
                "chart.round_line",
                when=day_of(one.taken_at),
                occasion=occasion_text(one, t),
                done=len(one.levels),
                count=count,
                shared=shared,
            )
            rounds.add_option(Option(Text(f"{glyph} {visible(line)}", end=""), id=one.id))
        if not self.rounds:
            rounds.add_option(Option(safe(t("chart.no_rounds")), disabled=True))
        target = highlight or old
        index = rounds.get_option_index(target) if target and any(r.id == target for r in self.rounds) else 0
        rounds.highlighted = index if self.rounds else None
        if self.focused is None or self.focused is self.query_one("#chart-scroll"):
            rounds.focus(scroll_visible=False)
        self.refresh_bindings()

    def chosen_round(self) -> SelfAssessmentRound | None:
        if not self.rounds:
            return None
        option = self.query_one("#chart-rounds", OptionList).highlighted_option
        return next((r for r in self.rounds if option is not None and r.id == option.id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "share":
            return bool(self.rounds) or None
        if action == "new_round":
            return self.assessment is not None
        if action == "continue_round":  # the round under the cursor has competences left
            return self.unfinished(self.chosen_round())
        return True

    def action_share(self) -> None:
        one = self.chosen_round()
        if one is None:
            return
        saved = self.store.set_self_assessment_shared(one.id, not one.shared)
        if saved is not None:
            key = "chart.now_shared" if saved.shared else "chart.now_private"
            self.notify(self.t(key, when=day_of(saved.taken_at)), markup=False)
            self.refresh_chart(highlight=saved.id)

    @on(OptionList.OptionHighlighted, "#chart-rounds")
    def round_highlighted(self) -> None:
        self.refresh_bindings()  # c (continue) is shown for an unfinished round

    def unfinished(self, one: SelfAssessmentRound | None) -> bool:
        return one is not None and self.assessment is not None and len(one.levels) < len(self.assessment.competences)

    def action_continue_round(self) -> None:
        one = self.chosen_round()
        if not self.unfinished(one):
            return
        assert one is not None
        from kursus.ui.learner.screens import make_screen

        self.app.switch_screen(make_screen("assessment", one.occasion, one.id))

    def action_new_round(self) -> None:
        from kursus.ui.learner.screens import make_screen

        self.app.switch_screen(make_screen("assessment"))

    @on(Button.Pressed, "#chart-share-button")
    def share_pressed(self) -> None:
        self.action_share()

    @on(Button.Pressed, "#chart-new-button")
    def new_pressed(self) -> None:
        self.action_new_round()

    @on(Button.Pressed, "#chart-home-button")
    def home_pressed(self) -> None:
        self.app.pop_screen()
