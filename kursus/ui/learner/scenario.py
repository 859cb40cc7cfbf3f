"""Scenario questions, one at a time, with feedback on the chosen option and a retry."""

from __future__ import annotations

from time import monotonic

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kursus.content.models import Choice, Scenario
from kursus.flow import answer, first_open_scenario, format_points, lesson_score, scenario_after
from kursus.i18n import glyph_label
from kursus.ui.learner.base import KursusScreen, LessonPartScreen
from kursus.ui.localise import describe_binding
from kursus.ui.text import joined, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar
from kursus.vocabulary import GLYPHS

ANSWER_FIRST_SECONDS = 3.0  # how long "choose an answer first" stays


def name_choice_keys(screen: KursusScreen, count: int) -> None:
    """The shown hint of the binding with id "choose" names the screen's keys ("1-3");
    the screen's check_action makes keys past `count` do nothing."""
    describe_binding(screen, "choose", screen.t("ux.key.choose_upto", count=count))


def hanging(label: str, text: str) -> Table:
    """`label` with `text` beside it, wrapped lines indented under the text, not the label.

    Rich Text (never parsed as markup) in a two-column grid.
    """
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(label), Text(text))
    return grid


class ScenarioScreen(LessonPartScreen):
    BINDINGS = [
        # The shown hint says how many options this scenario has ("1-3"): set_choice_count.
        Binding("1", "choose(0)", "ux.key.choose", id="choose"),
        Binding("2", "choose(1)", "ux.key.choose", show=False),
        Binding("3", "choose(2)", "ux.key.choose", show=False),
        Binding("4", "choose(3)", "ux.key.choose", show=False),
        # Enter answers here, before the option list's own select, which would scroll the
        # list back into view after the feedback had been brought up.
        Binding("enter", "choose_highlighted", "ux.key.choose", show=False, priority=True),
        Binding("r", "retry", "key.retry", id="retry"),
        Binding("n,right", "next", "key.next_scenario", id="next-scenario"),
        # Back to the reading: a lesson whose pages were all read opens here (flow.resume_in_scenarios).
        Binding("l", "lesson_text", "ux.key.to_text", id="to-text"),
        Binding("escape", "home", "key.home", id="home"),
    ]

    def __init__(self, lesson_id: str) -> None:
        super().__init__(lesson_id)
        self.scenario: Scenario | None = None
        self.origin: Scenario | None = None  # the main scenario a follow-up path started from
        self.path: list[Choice] = []  # the choices that led from `origin` to this scenario
        self.answer: Choice | None = None
        self._answer_first_at = -ANSWER_FIRST_SECONDS  # when "choose an answer first" was last shown

    def compose(self) -> ComposeResult:
        yield TopBar(self.lesson.title)
        with VerticalScroll(id="scenario-scroll"):
            yield Static(id="scenario-title", classes="heading")
            yield Static(id="path")
            yield Static(id="situation")
            yield Static(id="question", classes="question")
            yield OptionList(id="choices")
            yield Static(id="feedback")
        yield KeyHints()

    def on_mount(self) -> None:
        record = self.store.record()
        start = first_open_scenario(self.lesson, record) or self.lesson.main_scenarios[0]
        self.show_scenario(start)

    # --- showing ---------------------------------------------------------------------

    def show_scenario(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.answer = None
        self.set_choice_count(len(scenario.choices))
        mains = self.lesson.main_scenarios
        anchor = self.origin or scenario
        position = mains.index(anchor) + 1 if anchor in mains else 1
        heading = self.t("scenario.heading", number=position, total=len(mains))
        if self.path:
            heading += " · " + self.t("scenario.step", step=len(self.path) + 1)
        self.query_one("#scenario-title", Static).update(joined(heading, " · ", scenario.title))
        path = self.query_one("#path", Static)  # the way here: what was chosen at each earlier step
        path.update(
            joined(
                *(
                    self.t("scenario.path_item", step=step, choice=" ".join(choice.text.split()))
                    for step, choice in enumerate(self.path, start=1)
                ),
                separator="\n",
            )
            if self.path
            else ""
        )
        path.display = bool(self.path)
        self.query_one("#situation", Static).update(safe(scenario.situation))
        self.query_one("#question", Static).update(safe(scenario.question))
        choices = self.query_one("#choices", OptionList)
        self.fill_choices()
        choices.disabled = False
        choices.highlighted = 0
        feedback = self.query_one("#feedback", Static)
        feedback.update("")
        feedback.display = False
        feedback.remove_class("best", "partial", "wrong")
        self.update_score()
        previous = self.store.record().scenario_results(self.lesson_id).get((self.lesson_id, scenario.id))
        if previous is not None:  # coming back: show what was answered, retry stays possible
            chosen = scenario.choice(previous.last_choice)
            if chosen is not None:
                self.show_feedback(chosen, previously=True)
                return
        choices.focus()
        self.query_one("#scenario-scroll", VerticalScroll).scroll_home(animate=False)

    def set_choice_count(self, count: int) -> None:
        name_choice_keys(self, count)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and self.scenario is not None and parameters:
            index = parameters[0]
            return isinstance(index, int) and index < len(self.scenario.choices)
        if action == "retry":  # shown once there is an answer to try again
            return self.answer is not None
        return True

    def fill_choices(self, chosen: Choice | None = None) -> None:
        """The options, with the chosen one marked by a glyph (not only by highlight colour)
        and each other option tried before marked with its rating's glyph and a word."""
        assert self.scenario is not None
        tried = self.tried_choices()
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        choices.add_options(
            Option(
                hanging(
                    ("» " if choice is chosen else "  ") + f"{index}.",
                    choice.text + (self.tried_mark(choice) if choice.id in tried and choice is not chosen else ""),
                ),
                id=choice.id,
            )
            for index, choice in enumerate(self.scenario.choices, start=1)
        )

    def tried_choices(self) -> set[str]:
        """The ids of the options answered before in this scenario (first tries and retries)."""
        assert self.scenario is not None
        answers = self.store.record().answers_by_scenario.get((self.lesson_id, self.scenario.id), [])
        return {str(event.get("choice_id", "")) for event in answers}

    def tried_mark(self, choice: Choice) -> str:
        return f"  ({GLYPHS[choice.rating]} {self.t('ux.scenario.tried')})"

    def show_feedback(self, choice: Choice, previously: bool = False) -> None:
        assert self.scenario is not None  # feedback is only shown for the scenario on screen
        self.answer = choice
        t = self.t
        rating = choice.rating.value
        lines = [glyph_label(rating, t)]
        if previously:
            lines.append(t("scenario.previous_answer"))
        feedback = self.query_one("#feedback", Static)
        feedback.update(joined("\n".join(lines), "\n\n", choice.feedback, "\n\n", t("scenario.after_feedback")))
        feedback.set_class(True, rating)
        feedback.display = True
        self.fill_choices(chosen=choice)
        choices = self.query_one("#choices", OptionList)
        choices.highlighted = self.scenario.choices.index(choice)
        choices.disabled = True
        self.update_score()
        self.refresh_bindings()  # r (try again) is shown now
        self.query_one("#scenario-scroll", VerticalScroll).focus()
        # The feedback is what the course is for: its top goes to the top of the view,
        # whether the answer came from a number key or from arrows + enter.
        self.call_after_refresh(self.scroll_to_feedback)

    def scroll_to_feedback(self) -> None:
        feedback = self.query_one("#feedback", Static)
        if feedback.display:
            feedback.scroll_visible(top=True, animate=False)

    def update_score(self) -> None:
        score = lesson_score(self.lesson, self.store.record())
        self.query_one(TopBar).show(
            self.lesson.title,
            self.t(
                "scenario.score", points=format_points(score.points), total=score.out_of, answered=score.steps_answered
            ),
        )

    # --- answering -------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.answer_with(event.option_index)

    def action_choose(self, index: int) -> None:
        self.answer_with(index)

    def action_choose_highlighted(self) -> None:
        choices = self.query_one("#choices", OptionList)
        if self.answer is None and choices.highlighted is not None:
            self.answer_with(choices.highlighted)

    def answer_with(self, index: int) -> None:
        if self.scenario is None or self.answer is not None or not 0 <= index < len(self.scenario.choices):
            return
        choice = self.scenario.choices[index]
        self.store.record_event(answer(self.lesson_id, self.scenario, choice))
        self.show_feedback(choice)

    def action_retry(self) -> None:
        if self.scenario is not None and self.answer is not None:
            self.answer = None
            feedback = self.query_one("#feedback", Static)
            feedback.display = False
            feedback.remove_class("best", "partial", "wrong")
            self.fill_choices()
            choices = self.query_one("#choices", OptionList)
            choices.disabled = False
            choices.highlighted = 0
            choices.focus()
            self.refresh_bindings()

    def action_next(self) -> None:
        if self.scenario is None:
            return
        if self.answer is None:
            # Once while the message is on screen: pressing n again does not stack copies.
            if monotonic() - self._answer_first_at > ANSWER_FIRST_SECONDS:
                self._answer_first_at = monotonic()
                message = self.t("ux.scenario.answer_first", count=len(self.scenario.choices))
                self.notify(message, markup=False, timeout=ANSWER_FIRST_SECONDS)
            return
        following, self.origin = scenario_after(self.lesson, self.scenario, self.answer.next, self.origin)
        self.path = [*self.path, self.answer] if self.origin is not None else []
        if following is not None:
            self.show_scenario(following)
        else:
            from kursus.ui.learner.reflection import ReflectionScreen

            self.app.switch_screen(ReflectionScreen(self.lesson_id))

    def action_lesson_text(self) -> None:
        """The lesson's reading, at the page last read (no redirect back here: a start page)."""
        from kursus.ui.learner.lesson import LessonScreen

        self.app.switch_screen(LessonScreen(self.lesson_id, self.store.record().last_page(self.lesson_id)))
