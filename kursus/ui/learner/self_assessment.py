"""The competence self-assessment: one competence per page, the seed's statement, five
levels described by behaviour (1-5, arrows and enter, or a click), an optional note and
one next step. Saved as the learner goes (one round, changed in place), so nothing is
lost when the window closes. After the last page: the chart (assessment_chart.py).

The content comes from kursus.assessment (self-assessment.yaml); this screen only shows
it and calls the store.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from kursus.assessment import Competence, SelfAssessment
from kursus.content.problems import ContentError
from kursus.textsafe import visible
from kursus.ui.learner.assessment_content import hanging, offers_self_assessment, self_assessment_of
from kursus.ui.learner.base import KursusModal, KursusScreen
from kursus.ui.text import joined, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar
from kursus.vocabulary import Occasion

SAVE_DELAY_SECONDS = 0.8  # a note or next step is saved this long after the last keystroke
CHOSEN, NOT_CHOSEN = "●", "○"  # the chosen level: a filled circle, not only a colour
MAX_TEXT = 500  # a note or a next step


class SelfAssessmentScreen(KursusScreen):
    DEFAULT_CSS = """
    #sa-scroll { height: 1fr; }
    #sa-position { text-style: bold; padding: 0 1; }
    #sa-done-count { padding: 0 1; color: $text-muted; }
    #sa-statement { padding: 1 1 0 2; text-style: italic; }
    #sa-levels { height: auto; overflow-y: hidden; margin: 1 1 0 1; border: round $primary; }
    #sa-suggestions { height: auto; overflow-y: hidden; margin: 0 1; border: round $secondary; }
    #sa-note, #sa-step { margin: 0 1; }
    #sa-buttons { height: auto; margin: 1 1 0 1; }
    #sa-buttons Button { margin-right: 1; }
    """
    AUTO_FOCUS = "#sa-levels"
    BINDINGS = [
        Binding("1", "level(1)", "sa.key.level", id="level"),
        Binding("2", "level(2)", "sa.key.level", show=False),
        Binding("3", "level(3)", "sa.key.level", show=False),
        Binding("4", "level(4)", "sa.key.level", show=False),
        Binding("5", "level(5)", "sa.key.level", show=False),
        Binding("n,right", "next", "sa.key.next", id="sa-next"),
        Binding("p,left", "previous", "sa.key.previous", id="sa-previous"),
        Binding("x", "skip", "sa.key.skip", id="sa-skip"),  # not s: s is the language, one meaning per key
        Binding("f", "finish", "sa.key.finish", id="sa-finish"),
        Binding("escape", "home", "key.home", id="home"),
    ]

    def __init__(self, occasion: Occasion = Occasion.ANYTIME, resume: str | None = None) -> None:
        """A new round, or (`resume`: a round's id) the rest of a round left unfinished."""
        super().__init__()
        self.occasion = Occasion(occasion)
        self.index = 0
        self.levels: dict[str, int] = {}
        self.notes: dict[str, str] = {}
        self.steps: dict[str, str] = {}
        self.round_id: str | None = None
        self._dirty = False
        self._timer: Timer | None = None
        self._showing = False  # while a page is filled in, its fields' changes are not edits
        self.assessment: SelfAssessment | None = None
        self.problem = ""
        try:
            self.assessment = self_assessment_of(self.session)
        except ContentError as exc:
            self.problem = str(exc)
        if resume is not None and self.assessment is not None:
            self.resume(resume)

    def resume(self, round_id: str) -> None:
        """Go on with a saved round: its levels and texts, at the first competence without
        a level; saving changes that round (no second round from the same sitting)."""
        assert self.assessment is not None
        saved = next((one for one in self.store.record().self_assessments if one.id == round_id), None)
        if saved is None:  # gone from the file meanwhile: a new round
            return
        self.round_id = saved.id
        self.occasion = saved.occasion
        self.levels = dict(saved.levels)
        self.notes = dict(saved.notes)
        self.steps = dict(saved.next_steps)
        ids = [competence.id for competence in self.assessment.competences]
        self.index = next((number for number, cid in enumerate(ids) if cid not in self.levels), 0)

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        yield TopBar(self.session.course.title, t("sa.title"))
        with VerticalScroll(id="sa-scroll"):
            if self.assessment is None:
                yield Static(safe(self.problem or t("sa.none")), classes="prompt")
            else:
                yield Static(id="sa-position")
                yield Static(id="sa-done-count")
                yield Static(id="sa-statement")
                yield OptionList(id="sa-levels")
                yield Static(safe(t("sa.note_label")), classes="heading")
                yield Input(placeholder=t("sa.note_placeholder"), id="sa-note", max_length=MAX_TEXT)
                yield Static(safe(t("sa.step_label")), classes="heading")
                yield Input(placeholder=t("sa.step_placeholder"), id="sa-step", max_length=MAX_TEXT)
                yield Static(safe(t("sa.suggestions")), classes="hint")
                yield OptionList(id="sa-suggestions")
                with Horizontal(id="sa-buttons"):
                    yield Button(safe(t("sa.key.previous")), id="sa-previous-button")
                    yield Button(safe(t("sa.key.skip")), id="sa-skip-button")
                    yield Button(safe(t("sa.key.next")), id="sa-next-button", variant="primary")
                yield Static(safe(t("sa.saved_hint")), classes="hint")
        yield KeyHints()

    def on_mount(self) -> None:
        if self.assessment is not None:
            self.show_page()

    @property
    def competence(self) -> Competence:
        assert self.assessment is not None
        return self.assessment.competences[self.index]

    def show_page(self) -> None:
        """Fill the page with the current competence (and what the learner chose)."""
        assessment, t = self.assessment, self.t
        assert assessment is not None
        competence = self.competence
        count = len(assessment.competences)
        self._showing = True
        self.query_one("#sa-position", Static).update(
            joined(t("sa.position", number=self.index + 1, count=count), "  ·  ", competence.name)
        )
        self.query_one("#sa-done-count", Static).update(
            joined(t("sa.done_count", done=len(self.levels), count=count), "  ", self.page_marks())
        )
        self.query_one("#sa-statement", Static).update(joined(t("sa.statement", statement=competence.statement)))
        self.refresh_levels()
        self.query_one("#sa-note", Input).value = self.notes.get(competence.id, "")
        self.query_one("#sa-step", Input).value = self.steps.get(competence.id, "")
        suggestions = self.query_one("#sa-suggestions", OptionList)
        suggestions.clear_options()
        suggestions.add_options(
            Option(Text(visible(f"→ {step}"), end=""), id=str(i)) for i, step in enumerate(competence.next_steps)
        )
        last = self.index == count - 1
        self.query_one("#sa-next-button", Button).label = safe(t("sa.key.finish" if last else "sa.key.next"))
        self.query_one("#sa-previous-button", Button).disabled = self.index == 0
        self._showing = False
        self.call_after_refresh(self.query_one("#sa-scroll", VerticalScroll).scroll_home, animate=False)
        self.refresh_bindings()

    def page_marks(self) -> str:
        """`✓✓·✓········`: which competences have a level (shape, not colour)."""
        assert self.assessment is not None
        return "".join("✓" if c.id in self.levels else "·" for c in self.assessment.competences)

    def refresh_levels(self) -> None:
        assert self.assessment is not None
        competence = self.competence
        chosen = self.levels.get(competence.id)
        levels = self.query_one("#sa-levels", OptionList)
        levels.clear_options()
        for number, text in enumerate(competence.levels, start=1):
            mark = CHOSEN if number == chosen else NOT_CHOSEN
            described = Text(visible(self.assessment.scale_name(number)) + ": ", style="bold", end="")
            described.append(visible(text))
            levels.add_option(Option(hanging(f"{mark} {number}", described), id=str(number)))
        levels.border_title = joined(self.t("sa.levels_title"))
        levels.highlighted = (chosen or 1) - 1

    # --- choosing ----------------------------------------------------------------------

    def action_level(self, level: int) -> None:
        if self.assessment is None:
            return
        self.levels[self.competence.id] = level
        self._dirty = True
        self.save_pending()
        self.refresh_levels()
        self.query_one("#sa-done-count", Static).update(
            joined(
                self.t("sa.done_count", done=len(self.levels), count=len(self.assessment.competences)),
                "  ",
                self.page_marks(),
            )
        )

    @on(OptionList.OptionSelected, "#sa-levels")
    def level_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.action_level(int(event.option.id))

    @on(OptionList.OptionSelected, "#sa-suggestions")
    def suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        step = self.competence.next_steps[int(event.option.id or 0)]
        self.query_one("#sa-step", Input).value = step  # Input.Changed saves it

    @on(Input.Changed, "#sa-note")
    def note_changed(self, event: Input.Changed) -> None:
        self._text_changed(self.notes, event.value)

    @on(Input.Changed, "#sa-step")
    def step_changed(self, event: Input.Changed) -> None:
        self._text_changed(self.steps, event.value)

    def _text_changed(self, texts: dict[str, str], value: str) -> None:
        if self._showing or self.assessment is None:
            return
        if value.strip():
            texts[self.competence.id] = value
        else:
            texts.pop(self.competence.id, None)
        self._dirty = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_DELAY_SECONDS, self.save_pending)

    @on(Input.Submitted)
    def input_submitted(self) -> None:
        self.action_next()

    def save_pending(self) -> None:
        """Write the round as it stands (the app calls this before quitting, too)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._dirty:
            return
        saved = self.store.save_self_assessment(
            self.occasion,
            dict(self.levels),
            notes={k: v.strip() for k, v in self.notes.items()},
            next_steps={k: v.strip() for k, v in self.steps.items()},
            round_id=self.round_id,
            at=self.app.clock(),
        )
        if saved is not None:  # else the learner was told why; the next change tries again
            self.round_id = saved.id
            self._dirty = False

    # --- moving ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.assessment is None:
            return action == "home"
        if action == "previous":
            return self.index > 0 or None
        return True

    def go_to(self, index: int) -> None:
        self.save_pending()
        self.index = index
        self.show_page()
        self.query_one("#sa-levels", OptionList).focus(scroll_visible=False)

    def action_next(self) -> None:
        if self.assessment is None:
            return
        if self.index + 1 < len(self.assessment.competences):
            self.go_to(self.index + 1)
        else:
            self.action_finish()

    def action_previous(self) -> None:
        if self.assessment is not None and self.index > 0:
            self.go_to(self.index - 1)

    def action_skip(self) -> None:
        """No level for this competence (the round keeps the others); on to the next."""
        if self.assessment is None:
            return
        if self.levels.pop(self.competence.id, None) is not None:
            self._dirty = True
        self.action_next()

    def action_finish(self) -> None:
        self.save_pending()
        from kursus.ui.learner.screens import make_screen

        self.app.switch_screen(make_screen("chart"))

    def action_home(self) -> None:
        self.save_pending()
        self.app.pop_screen()

    @on(Button.Pressed, "#sa-next-button")
    def next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#sa-previous-button")
    def previous_pressed(self) -> None:
        self.action_previous()

    @on(Button.Pressed, "#sa-skip-button")
    def skip_pressed(self) -> None:
        self.action_skip()


class StartOfferScreen(KursusModal):
    """After the welcome, once, for a learner who has begun nothing yet: assess yourself
    before the course (skippable; the map's `k` offers it any time)."""

    DEFAULT_CSS = """
    StartOfferScreen { align: center middle; }
    #sa-offer { width: 70; max-width: 100%; height: auto; border: round $primary; padding: 0 1; background: $surface; }
    #sa-offer-buttons { height: auto; margin-top: 1; }
    #sa-offer-buttons Button { margin-right: 2; }
    """
    AUTO_FOCUS = "#sa-offer-yes"
    BINDINGS = [
        Binding("k", "take", "sa.key.take_now", id="sa-take"),
        Binding("escape", "skip", "sa.key.later", id="sa-later"),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(id="sa-offer"):
            yield Static(safe(t("sa.offer.title")), classes="heading")
            yield Static(safe(t("sa.offer.text")))
            with Horizontal(id="sa-offer-buttons"):
                yield Button(safe(t("sa.key.take_now")), id="sa-offer-yes", variant="primary")
                yield Button(safe(t("sa.key.later")), id="sa-offer-no")
        yield KeyHints()

    @on(Button.Pressed, "#sa-offer-yes")
    def action_take(self) -> None:
        self.dismiss()
        self.app.open_screen("assessment", Occasion.START)

    @on(Button.Pressed, "#sa-offer-no")
    def action_skip(self) -> None:
        self.dismiss()


def offer_start_round(app: object) -> None:
    """Offer the "before" round to a learner with no rounds who has begun no lesson."""
    session = app.session  # type: ignore[attr-defined]
    if session.store is None or not offers_self_assessment(session):
        return
    record = app.store.record()  # type: ignore[attr-defined]
    if record.self_assessments or record.touched_lessons:
        return
    app.push_screen(StartOfferScreen())  # type: ignore[attr-defined]
