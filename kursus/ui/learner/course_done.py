"""The whole course at its end: lessons and first-try points per module, time spent,
how to take the record along (`kursus export`, `kursus certificate`) and how to hand it
to the trainer (who sees shared reflections only).

Shown after the last lesson's summary, and by `c` on the course map once every lesson
is done. The numbers come from kursus.lesson_summary.course_record.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from kursus.lesson_summary import course_record, duration_text
from kursus.ui.learner.assessment_content import offers_self_assessment
from kursus.ui.learner.base import KursusScreen
from kursus.ui.text import joined, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar


class CourseDoneScreen(KursusScreen):
    DEFAULT_CSS = """
    #course-done { height: 1fr; }
    #course-done .done-line { padding: 0 1; }
    #course-done .done-command { padding: 0 1 0 3; }
    #course-done-home { margin: 1 1 0 1; }
    """
    AUTO_FOCUS = "#course-done"
    BINDINGS = [
        Binding("a", "hand_in", "key.hand_in", id="hand-in"),
        Binding("j", "journal", "key.journal", id="journal"),
        Binding("k", "assess_end", "sa.key.assess_end", id="assess-end"),  # hidden when the course has none
        Binding("escape", "app.pop_screen", "key.home", id="home"),
    ]

    def compose(self) -> ComposeResult:
        t, course = self.t, self.session.course
        record = course_record(course, self.store.record())
        spent = duration_text(record.minutes_spent, t)
        yield TopBar(course.title, t("course_done.title"))
        with VerticalScroll(id="course-done"):
            if record.complete:
                intro = t("course_done.intro", lessons=record.lessons, time=spent)
            else:
                intro = t("course_done.intro_partial", done=record.lessons_done, lessons=record.lessons, time=spent)
            yield Static(safe(intro), classes="done-line")
            yield Static(safe(t("course_done.modules_heading")), classes="heading")
            for module in record.modules:
                yield Static(
                    joined(
                        "  ",
                        t(
                            "course_done.module",
                            title=module.title,
                            done=module.lessons_done,
                            lessons=module.lessons,
                            points=module.points_text,
                            out_of=module.out_of,
                        ),
                    ),
                    classes="done-line",
                )
            yield Static(
                safe(t("course_done.total", points=record.points_text, out_of=record.out_of)), classes="done-line"
            )
            yield Static(
                safe(
                    t(
                        "course_done.reflections",
                        written=record.reflections_written,
                        shared=record.reflections_shared,
                    )
                ),
                classes="done-line",
            )
            if offers_self_assessment(self.session):
                yield Static(safe(t("course_done.assessment_heading")), classes="heading")
                yield Static(safe(t("course_done.assessment_end")), classes="done-line")
                yield Button(safe(t("sa.key.assess_end")), id="course-done-assess")
            yield Static(safe(t("course_done.record_heading")), classes="heading")
            yield Static(safe(t("course_done.export")), classes="done-command")
            yield Static(safe(t("course_done.certificate")), classes="done-command")
            yield Static(safe(t("course_done.commands_where")), classes="hint")
            yield Static(safe(t("course_done.hand_in_heading")), classes="heading")
            yield Static(safe(t("course_done.hand_in")), classes="done-line")
            yield Static(safe(t("course_done.export_private")), classes="done-line")
            yield Static(safe(t("course_done.share_hint")), classes="hint")
            yield Button(safe(t("key.home")), id="course-done-home")  # `escape`, for the mouse
        yield KeyHints()

    @on(Button.Pressed, "#course-done-home")
    def home_pressed(self) -> None:
        self.app.pop_screen()

    def action_hand_in(self) -> None:
        from kursus.ui.learner.screens import make_screen

        self.app.push_screen(make_screen("hand_in"))  # over this screen: `escape` comes back here

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return offers_self_assessment(self.session) if action == "assess_end" else True

    @on(Button.Pressed, "#course-done-assess")
    def action_assess_end(self) -> None:
        """The "after" round, over this screen: its chart's `escape` comes back here."""
        from kursus.ui.learner.screens import make_screen
        from kursus.vocabulary import Occasion

        self.app.push_screen(make_screen("assessment", Occasion.END))

    def action_journal(self) -> None:
        self.app.open_screen("journal")
