"""The course map: modules, each lesson's status (glyph and word), overall progress."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kursus.flow import course_progress, next_lesson
from kursus.lesson_summary import MapRow, course_map_rows, duration_text, minutes_left
from kursus.textsafe import visible
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


class MapLine:
    """One lesson's line: status and number, the title (cut with "…" to fit), then the
    first-try score and the minutes in right-aligned columns. Laid out for the width it is
    drawn at, as plain Rich Text (never markup): a Rich Table per row did the same at
    many times the cost on every layout of the map (bench/startup.py)."""

    def __init__(self, prefix: str, title: str, score: str, minutes: str, widths: tuple[int, int]) -> None:
        self.prefix = prefix
        self.title = visible(" ".join(title.split()))
        self.right = f" {score:>{widths[0]}} {minutes:>{widths[1]}}"

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(cell_len(self.prefix) + cell_len(self.right) + 2, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = options.max_width - cell_len(self.prefix) - 1 - cell_len(self.right)
        title = self.title
        if cell_len(title) > room:
            title = set_cell_size(title, room - 1) + "…" if room > 0 else ""
        else:
            title = set_cell_size(title, room)  # padded to the right
        yield Text(f"{self.prefix} {title}{self.right}", no_wrap=True, overflow="crop")


def map_row(prefix: str, title: str, row: MapRow, minutes: str, widths: tuple[int, int]) -> MapLine:
    return MapLine(prefix, title, row.score_text, minutes, widths)


class HomeScreen(KursusScreen):
    AUTO_FOCUS = "#course-map"
    new_learner = False  # set by refresh_map
    BINDINGS = [
        Binding("c", "continue", "key.continue", id="continue"),
        Binding("c", "start", "key.start", id="start"),  # instead of "continue" until a lesson is begun
        Binding("j", "journal", "key.journal", id="journal"),
        Binding("g", "glossary", "key.glossary", id="glossary"),
        Binding("r", "review", "key.review", id="review", show=False),  # shown in #review-due when due
        Binding("a", "hand_in", "key.hand_in", id="hand-in"),
        Binding("k", "competences", "key.competences", id="competences"),  # hidden when the course has none
        Binding("f", "phase_finder", "key.phase_finder", id="phase-finder"),
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
        self.new_learner = not record.touched_lessons  # no lesson begun: `c` says "Start"
        hint_key = "home.start_hint" if self.new_learner else "home.continue_hint"
        if upcoming:
            hint = t(hint_key, title=course.lessons[upcoming].title)
        else:  # `c` opens the course's overview (course_done.py)
            hint = f"{t('home.all_done')} {t('home.course_done_hint')}"
        left = progress.total - progress.done
        time_left = t("home.time_left", time=duration_text(minutes_left(course, record), t), n=left)
        self.query_one("#summary", Static).update(
            joined(
                t("home.progress", done=progress.done, total=progress.total, percent=progress.percent),
                "  ",
                progress_meter(progress.done, progress.total),
                "\n",
                f"{time_left}\n" if left else "",
                hint,
            )
        )
        self.refresh_bindings()  # "Start" or "Fortsæt"

        course_map = self.query_one("#course-map", OptionList)
        highlighted = course_map.highlighted_option.id if course_map.highlighted_option else None
        course_map.clear_options()
        course_map.border_title = joined(t("home.columns"))
        course_map.styles.border_title_align = "right"
        number = 0
        width = max(len(t(f"status.{s.value}")) for s in LessonStatus)
        rows = course_map_rows(course, record)
        minutes = {lesson_id: duration_text(row.minutes, t) for lesson_id, row in rows.items()}
        widths = (max(map(len, (r.score_text for r in rows.values())), default=0), max(map(len, minutes.values())))
        options: list[Option] = []  # added at once: one layout of the list, not one per row
        for module in course.modules:
            options.append(Option(joined(module.title.upper()), disabled=True))
            for lesson_id in module.lesson_ids:
                number += 1
                row = rows[lesson_id]
                word = t(f"status.{row.status.value}").ljust(width)
                prefix = f" {GLYPHS[row.status]} {word}  {number:>2}."
                title = course.lessons[lesson_id].title
                options.append(Option(map_row(prefix, title, row, minutes[lesson_id], widths), id=lesson_id))
        course_map.add_options(options)
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
        else:  # every lesson done: the course's record and how to hand it in
            self.app.open_screen("course_done")

    def action_start(self) -> None:
        self.action_continue()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("continue", "start"):  # one of the two `c` bindings, as refresh_map found
            return (action == "start") == self.new_learner
        if action in ("competences", "phase_finder"):
            from kursus.ui.learner import assessment_content as offered

            offers = offered.offers_self_assessment if action == "competences" else offered.offers_phase_finder
            return offers(self.session)
        return True

    def action_journal(self) -> None:
        self.app.open_screen("journal")

    def action_hand_in(self) -> None:
        self.app.open_screen("hand_in")

    def action_competences(self) -> None:
        """The chart once there is a round (`n` there starts another), else a first round."""
        has_rounds = bool(self.store.record().self_assessments)
        self.app.open_screen("chart" if has_rounds else "assessment")

    def action_phase_finder(self) -> None:
        self.app.open_screen("phase_finder")

    def action_glossary(self) -> None:
        self.app.open_screen("glossary")

    def action_switch_language(self) -> None:
        self.app.toggle_language()
