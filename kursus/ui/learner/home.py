"""The course map: modules, each lesson's status (glyph and word), overall progress."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kursus.flow import course_progress, next_lesson
from kursus.tracking import LessonStatus
from kursus.ui.learner.base import KursusScreen
from kursus.ui.text import joined
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar
from kursus.vocabulary import GLYPHS

METER_WIDTH = 30


def progress_meter(done: int, total: int, width: int = METER_WIDTH) -> str:
    """`[██████░░░░░░]`: filled and empty cells differ in shape, not only in colour."""
    filled = round(width * done / total) if total else 0
    return "[" + "█" * filled + "░" * (width - filled) + "]"


class HomeScreen(KursusScreen):
    AUTO_FOCUS = "#course-map"
    BINDINGS = [
        Binding("c", "continue", "key.continue", id="continue"),
        Binding("j", "journal", "key.journal", id="journal"),
        Binding("g", "glossary", "key.glossary", id="glossary"),
        Binding("r", "review", "key.review", id="review", show=False),  # shown in #review-due when due
        Binding("s", "switch_language", "key.language", id="language"),
        Binding("q", "app.quit", "key.quit", id="quit-home"),  # ctrl+q works everywhere
    ]

    def compose(self) -> ComposeResult:
        yield TopBar(self.session.course.title, self.who())
        yield Static(id="summary")  # progress and what "continue" opens: one widget, fewer to style
        yield Static(id="review-due")
        yield OptionList(id="course-map")
        yield KeyHints(show_command_palette=True)

    def who(self) -> str:
        record = self.store.record()
        return f"{record.name} · {record.cohort}" if record.cohort else record.name

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown, so this is the only refresh needed.
        self.refresh_map()
        self.refresh_review()

    def refresh_review(self) -> None:
        """How many missed scenarios are due for review (kursus.review), with the key."""

        from kursus.review import due_scenarios

        now = self.app.clock()
        count = len(due_scenarios(self.store.record(), self.session.course, now))
        line = self.query_one("#review-due", Static)
        line.update(joined(self.t("review.due", count=count), "  (r)") if count else "")
        line.display = bool(count)

    def action_review(self) -> None:
        self.app.open_screen("review")

    def refresh_map(self) -> None:
        course, t = self.session.course, self.t
        record = self.store.record()
        progress = course_progress(course, record)
        upcoming = next_lesson(course, record)
        hint = t("home.continue_hint", title=course.lessons[upcoming].title) if upcoming else t("home.all_done")
        self.query_one("#summary", Static).update(
            joined(
                t("home.progress", done=progress.done, total=progress.total, percent=progress.percent),
                "  ",
                progress_meter(progress.done, progress.total),
                "\n",
                hint,
            )
        )

        course_map = self.query_one("#course-map", OptionList)
        highlighted = course_map.highlighted_option.id if course_map.highlighted_option else None
        course_map.clear_options()
        number = 0
        width = max(len(t(f"status.{s.value}")) for s in LessonStatus)
        for module in course.modules:
            course_map.add_option(Option(joined(module.title.upper()), disabled=True))
            for lesson_id in module.lesson_ids:
                number += 1
                status = record.lesson_status(lesson_id)
                word = t(f"status.{status.value}").ljust(width)
                lesson = course.lessons[lesson_id]
                course_map.add_option(
                    Option(joined(f" {GLYPHS[status]} {word}  {number:>2}. ", lesson.title), id=lesson_id)
                )
        target = highlighted or upcoming or course.lesson_order[0]
        course_map.highlighted = course_map.get_option_index(target)

    @on(OptionList.OptionSelected, "#course-map")
    def open_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_lesson(event.option.id)

    def open_lesson(self, lesson_id: str) -> None:
        self.app.open_lesson(lesson_id)

    def action_continue(self) -> None:
        upcoming = next_lesson(self.session.course, self.store.record())
        if upcoming is not None:
            self.open_lesson(upcoming)
        else:
            self.notify(self.t("home.all_done"), markup=False)

    def action_journal(self) -> None:
        self.app.open_screen("journal")

    def action_glossary(self) -> None:
        self.app.open_screen("glossary")

    def action_switch_language(self) -> None:
        self.app.toggle_language()
