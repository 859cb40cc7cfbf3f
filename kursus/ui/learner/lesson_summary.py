"""After a lesson: first-try points, each decision point missed (open one for its
feedback), reflections written and shared, time spent, and what comes next.

The numbers come from kursus.lesson_summary; this screen only shows them.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from kursus.flow import format_points
from kursus.i18n import glyph_label
from kursus.lesson_summary import MissedPoint, duration_text, summarise_lesson
from kursus.textsafe import visible
from kursus.ui.learner.base import LessonPartScreen
from kursus.ui.text import joined, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar
from kursus.vocabulary import GLYPHS

CHOICE_CHARS = 28  # a choice's text in a one-line entry; the feedback shows it whole


def shortened(text: str, limit: int = CHOICE_CHARS) -> str:
    """One line, at most `limit` characters, "…" where it was cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def one_line(text: str) -> Table:
    """Literal text on one line, cut with "…" at the width there is (Rich Text, never markup)."""
    grid = Table.grid()
    grid.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
    grid.add_row(Text(visible(text), end=""))
    return grid


class LessonSummaryScreen(LessonPartScreen):
    AUTO_FOCUS = "#missed, #summary-continue"  # the missed points if any, else "continue"
    DEFAULT_CSS = """
    #lesson-summary-scroll { height: 1fr; }
    #missed { height: auto; max-height: 10; margin: 0 1; border: round $primary; }
    #missed-feedback { height: auto; margin: 0 1; padding: 0 1; border: round $secondary; }
    #summary-next { text-style: bold; padding: 1 1 0 1; }
    #summary-buttons { height: auto; margin: 1 1 0 1; }
    #summary-buttons Button { margin-right: 2; }
    .summary-line { padding: 0 1; }
    """
    BINDINGS = [
        Binding("c", "continue", "key.continue", id="continue"),
        # Before the list's own select, so the footer shows it (while the list has focus);
        # a click selects as usual.
        Binding("enter", "open_feedback", "key.open_feedback", id="open-feedback", priority=True),
        Binding("escape", "home", "key.home", id="home"),
    ]

    def __init__(self, lesson_id: str) -> None:
        super().__init__(lesson_id)
        self.missed: tuple[MissedPoint, ...] = ()

    def compose(self) -> ComposeResult:
        t, course = self.t, self.session.course
        summary = summarise_lesson(course, self.lesson_id, self.store.record())
        self.missed = summary.missed
        score = summary.score
        yield TopBar(self.lesson.title, t("lesson_summary.heading"))
        with VerticalScroll(id="lesson-summary-scroll"):
            yield Static(
                safe(t("lesson_summary.points", points=format_points(score.points), out_of=score.out_of)),
                id="summary-points",
                classes="heading",
            )
            if self.missed:
                yield Static(safe(t("lesson_summary.missed_heading", n=len(self.missed))), classes="hint")
                missed = OptionList(
                    *(Option(one_line(self.entry(point)), id=point.scenario_id) for point in self.missed), id="missed"
                )
                missed.highlighted = 0
                yield missed
                feedback = Static(id="missed-feedback")
                feedback.display = False
                yield feedback
            else:
                yield Static(safe(t("lesson_summary.all_best")), classes="summary-line")
            yield Static(
                safe(
                    t(
                        "lesson_summary.reflections",
                        written=summary.reflections_written,
                        total=summary.reflection_prompts,
                        shared=summary.reflections_shared,
                    )
                ),
                classes="summary-line",
            )
            yield Static(
                safe(t("lesson_summary.time", time=duration_text(summary.minutes_spent, t))), classes="summary-line"
            )
            if summary.next_lesson is None:
                upcoming = t("lesson_summary.course_done")
            else:
                number = course.lesson_order.index(summary.next_lesson) + 1
                upcoming = t("lesson_summary.next", number=number, title=course.lessons[summary.next_lesson].title)
            yield Static(safe(upcoming), id="summary-next")
            with Horizontal(id="summary-buttons"):  # the same as `c` and `escape`, for the mouse
                yield Button(safe(t("key.continue")), id="summary-continue", variant="primary")
                yield Button(safe(t("key.home")), id="summary-home")
        yield KeyHints()

    # --- missed decision points ------------------------------------------------------

    def title_of(self, point: MissedPoint) -> str:
        return self.t("lesson_summary.follow_up_title", title=point.title) if point.follow_up else point.title

    def entry(self, point: MissedPoint) -> str:
        """`✗ Title: you chose … · best: …` (the glyph says how the first try was rated)."""
        t = self.t
        chosen = shortened(point.first.text) if point.first else t("lesson_summary.unknown_choice")
        best = shortened(point.best.text) if point.best else "-"
        line = t("lesson_summary.missed_item", title=" ".join(self.title_of(point).split()), chosen=chosen, best=best)
        return f"{GLYPHS[point.first_rating]} {line}"

    def feedback_text(self, point: MissedPoint) -> str:
        """The chosen option's feedback and the best one's, in full."""
        t = self.t
        lines = [self.title_of(point), ""]
        if point.first is not None:
            lines += [
                t("lesson_summary.your_choice", choice=point.first.text),
                f"{glyph_label(point.first.rating, t)}: {point.first.feedback}",
            ]
        else:
            lines.append(t("lesson_summary.your_choice", choice=t("lesson_summary.unknown_choice")))
        lines.append("")
        if point.best is not None:
            lines += [
                t("lesson_summary.best_choice", choice=point.best.text),
                f"{glyph_label(point.best.rating, t)}: {point.best.feedback}",
            ]
        else:
            lines.append(t("lesson_summary.no_best"))
        return "\n".join(lines)

    def show_feedback(self, scenario_id: str) -> None:
        point = next((p for p in self.missed if p.scenario_id == scenario_id), None)
        if point is None:
            return
        feedback = self.query_one("#missed-feedback", Static)
        feedback.update(joined(self.feedback_text(point)))
        feedback.display = True
        self.call_after_refresh(feedback.scroll_visible, animate=False)

    @on(OptionList.OptionSelected, "#missed")
    def missed_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.show_feedback(event.option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_feedback":  # only on the list: elsewhere enter presses the focused button
            return bool(self.missed) and self.focused is not None and self.focused.id == "missed"
        return True

    def action_open_feedback(self) -> None:
        if not self.missed:
            return
        option = self.query_one("#missed", OptionList).highlighted_option
        if option is not None and option.id:
            self.show_feedback(option.id)

    # --- what comes next -------------------------------------------------------------

    @on(Button.Pressed, "#summary-continue")
    def continue_pressed(self) -> None:
        self.action_continue()

    @on(Button.Pressed, "#summary-home")
    def home_pressed(self) -> None:
        self.action_home()

    def action_continue(self) -> None:
        from kursus.flow import next_lesson

        upcoming = next_lesson(self.session.course, self.store.record())
        if upcoming is not None:
            self.app.open_lesson(upcoming)
            return
        self.app.open_screen("course_done")
