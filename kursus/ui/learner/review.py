"""Repetition: the scenarios missed at the first try, asked again when they are due.

The schedule and the recording are kursus.review's; this screen shows one due scenario
at a time with its options in a new order, the feedback on the answer, and goes on.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kursus.content.models import Choice
from kursus.i18n import glyph_label
from kursus.review import DueScenario, due_scenarios, next_due, shuffled
from kursus.ui.learner.base import KursusScreen
from kursus.ui.learner.scenario import hanging, name_choice_keys
from kursus.ui.text import joined, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar


class ReviewScreen(KursusScreen):
    BINDINGS = [
        Binding("1", "choose(0)", "ux.key.choose", id="choose"),
        Binding("2", "choose(1)", "ux.key.choose", show=False),
        Binding("3", "choose(2)", "ux.key.choose", show=False),
        Binding("4", "choose(3)", "ux.key.choose", show=False),
        Binding("enter", "choose_highlighted", "ux.key.choose", show=False, priority=True),
        Binding("n,right", "next", "review.key.next", id="next-review"),
        Binding("escape", "app.pop_screen", "key.home", id="home"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[DueScenario] = []
        self.done = 0
        self.current: DueScenario | None = None
        self.order: list[Choice] = []
        self.answer: Choice | None = None

    def compose(self) -> ComposeResult:
        yield TopBar(self.t("review.title"))
        with VerticalScroll(id="review-scroll"):
            yield Static(id="review-heading", classes="heading")
            yield Static(id="situation")
            yield Static(id="question", classes="question")
            yield OptionList(id="choices")
            yield Static(id="feedback")
        yield KeyHints()

    def now(self) -> datetime:
        return self.app.clock()

    def on_mount(self) -> None:
        self.queue = due_scenarios(self.store.record(), self.session.course, self.now())
        self.show_next()

    def show_next(self) -> None:
        self.answer = None
        feedback = self.query_one("#feedback", Static)
        feedback.display = False
        feedback.remove_class("best", "partial", "wrong")
        choices = self.query_one("#choices", OptionList)
        if not self.queue:
            self.current = None
            self.show_finished()
            return
        self.current = self.queue.pop(0)
        lesson = self.session.course.lessons[self.current.lesson_id]
        scenario = lesson.scenario(self.current.scenario_id)
        assert scenario is not None  # due_scenarios leaves out scenarios the course no longer has
        reviews = sum(1 for e in self.store.record().events if e.get("scenario_id") == scenario.id)
        self.order = shuffled(scenario, reviews)
        name_choice_keys(self, len(self.order))
        total = self.done + len(self.queue) + 1
        self.query_one("#review-heading", Static).update(
            joined(
                self.t("review.heading", number=self.done + 1, total=total), " · ", lesson.title, " · ", scenario.title
            )
        )
        self.query_one("#situation", Static).update(safe(scenario.situation))
        self.query_one("#question", Static).update(safe(scenario.question))
        self.fill_choices()
        choices.display = True
        choices.disabled = False
        choices.highlighted = 0
        choices.focus()
        self.query_one("#review-scroll", VerticalScroll).scroll_home(animate=False)

    def fill_choices(self, chosen: Choice | None = None) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        choices.add_options(
            Option(hanging(("» " if choice is chosen else "  ") + f"{index}.", choice.text), id=choice.id)
            for index, choice in enumerate(self.order, start=1)
        )

    def show_finished(self) -> None:
        t = self.t
        upcoming = next_due(self.store.record(), self.now())
        when = t("review.none_planned") if upcoming is None else t("review.next_on", day=upcoming.date().isoformat())
        key = "review.finished" if self.done else "review.nothing_due"
        self.query_one("#review-heading", Static).update(safe(t(key, count=self.done)))
        self.query_one("#situation", Static).update(safe(when))
        self.query_one("#question", Static).update("")
        self.query_one("#choices", OptionList).display = False

    # --- answering -------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.answer_with(event.option_index)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters:
            index = parameters[0]
            return isinstance(index, int) and index < len(self.order)
        return True

    def action_choose(self, index: int) -> None:
        self.answer_with(index)

    def action_choose_highlighted(self) -> None:
        choices = self.query_one("#choices", OptionList)
        if self.answer is None and choices.highlighted is not None:
            self.answer_with(choices.highlighted)

    def answer_with(self, index: int) -> None:
        if self.current is None or self.answer is not None or not 0 <= index < len(self.order):
            return
        choice = self.order[index]
        if not self.store.record_review(self.current, choice, self.now()):
            return  # the learner has been told why; the same scenario can be answered again
        self.answer = choice
        self.done += 1
        feedback = self.query_one("#feedback", Static)
        feedback.update(
            joined(glyph_label(choice.rating, self.t), "\n\n", choice.feedback, "\n\n", self.t("review.after_feedback"))
        )
        feedback.set_class(True, choice.rating.value)
        feedback.display = True
        self.fill_choices(chosen=choice)
        self.query_one("#choices", OptionList).disabled = True
        self.call_after_refresh(lambda: feedback.scroll_visible(top=True, animate=False))

    def action_next(self) -> None:
        if self.current is not None and self.answer is None:
            self.notify(self.t("scenario.answer_first"), markup=False)
            return
        if self.current is None:
            self.app.pop_screen()
            return
        self.show_next()
