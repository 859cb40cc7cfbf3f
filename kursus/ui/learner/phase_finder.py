"""The phase finder: where one of the learner's own networks stands in the Network Model.

Three steps on one screen: name the network (or pick one checked before), answer the
questions one by one (1-4, arrows and enter, or a click; "ved ikke" is an answer), then
the result: the phase (or two neighbouring phases), the answers that decided it, what
the leader typically does next, the phase's tools, its lesson (`l`), earlier phases that
look unfinished, and the network's history, back as well as forward (`d` shares a check).

The check is kept when the last question is answered (kursus.assessment.check_network);
the rules are in kursus.assessment.rules, this screen only shows what they found.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from kursus.assessment import PhaseFinder, PhaseResult, Question, Reason
from kursus.content.problems import ContentError
from kursus.i18n import Catalogue
from kursus.textsafe import visible
from kursus.tracking.record import PhaseCheck
from kursus.tracking.store import clean_network_name
from kursus.ui.learner.assessment_content import day_of, phase_finder_of
from kursus.ui.learner.base import KursusScreen
from kursus.ui.learner.scenario import name_choice_keys
from kursus.ui.text import joined, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar

MAX_NETWORK = 80  # the store keeps at most 80 characters of a network's name
SHARED_GLYPH, PRIVATE_GLYPH = "✓", "✗"
CHOSEN, NOT_CHOSEN = "●", "○"
MOVED = {"↑": "forward", "↓": "back", "=": "same"}
STEP = {"network": "pf-network-step", "questions": "pf-question-step", "result": "pf-result-step"}


def done_glyph(done: int | None) -> str:
    """How much of its phase an answer says is done: ✓ all, ◐ part, ✗ none, ? unknown."""
    if done is None:
        return "?"
    return "✓" if done >= 100 else ("✗" if done <= 0 else "◐")


def phases_text(numbers: tuple[int, ...], finder: PhaseFinder, t: Catalogue, *, names: bool = True) -> str:
    """`fase 3 Fokusering` or `fase 3 eller 4: Fokusering / Opdagelse` (without `names`:
    `fase 3`, `fase 3 eller 4`)."""
    if not numbers:
        return t("phase_finder.no_phase")
    if not names:
        if len(numbers) == 1:
            return t("phase_finder.phase", number=numbers[0])
        return t("phase_finder.phases", first=numbers[0], second=numbers[-1])
    named = " / ".join(finder.phase(n).name for n in numbers if 1 <= n <= len(finder.phases))
    if len(numbers) == 1:
        return f"{t('phase_finder.phase', number=numbers[0])} {named}"
    return f"{t('phase_finder.phases', first=numbers[0], second=numbers[-1])}: {named}"


def movement(previous: PhaseCheck | None, check: PhaseCheck) -> str:
    """`↑` forward, `↓` back, `=` the same phase(s), `` for the first check."""
    if previous is None or not previous.phases or not check.phases:
        return ""
    before, now = sum(previous.phases) / len(previous.phases), sum(check.phases) / len(check.phases)
    return "↑" if now > before else ("↓" if now < before else "=")


def history_lines(checks: list[PhaseCheck], finder: PhaseFinder, t: Catalogue) -> list[tuple[str, str]]:
    """(check id, line) for one network's checks, oldest first: how it moved."""
    lines = []
    previous = None
    for check in checks:
        arrow = movement(previous, check)
        moved = t(f"pf.moved.{MOVED[arrow]}") if arrow else t("pf.moved.first")
        shared = t("assessment.shared_yes" if check.shared else "assessment.shared_no")
        glyph = SHARED_GLYPH if check.shared else PRIVATE_GLYPH
        text = t(
            "pf.history_line",
            when=day_of(check.checked_at),
            phases=phases_text(check.phases, finder, t, names=False),
            moved=f"{arrow} {moved}".strip(),
            shared=shared,
        )
        lines.append((check.id, f"{glyph} {text}"))
        previous = check
    return lines


def result_lines(result: PhaseResult, finder: PhaseFinder, network: str, t: Catalogue) -> dict[str, list[str]]:
    """The result as text, by section (the screen and the README sample use it)."""

    def reason(one: Reason) -> str:
        return f"{done_glyph(one.option.done)} {one.option.label}: {' '.join(one.question.text.split())}"

    sections: dict[str, list[str]] = {
        "title": [
            t("pf.result.title", network=network, phases=phases_text(result.numbers, finder, t)),
            t(
                "pf.result.confidence",
                confidence=t(f"phase_finder.confidence.{result.confidence.value}"),
                answered=result.answered,
                total=result.answered + result.unknown,
            ),
        ],
        "reasons": [reason(one) for one in result.reasons],
        "unfinished": [],
        "next": [f"→ {step}" for step in result.next_steps],
        "tools": [f"• {tool}" for tool in result.tools],
    }
    if result.unfinished:
        names = ", ".join(f"{t('phase_finder.phase', number=p.number)} {p.name}" for p in result.unfinished)
        sections["unfinished"] = [t("pf.result.unfinished", phases=names)] + [
            reason(one) for one in result.unfinished_reasons
        ]
    return sections


def listed(lines: list[str]) -> Table | None:
    """Lines as a list whose wrapped lines hang under the text, not under the glyph."""
    if not lines:
        return None
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for line in lines:
        glyph, _, text = line.partition(" ")
        grid.add_row(Text(visible(glyph)), Text(visible(text)))
    return grid


class PhaseFinderScreen(KursusScreen):
    DEFAULT_CSS = """
    #pf-scroll { height: 1fr; }
    #pf-network-step, #pf-question-step, #pf-result-step { height: auto; }
    #pf-network { margin: 0 1; }
    #pf-known, #pf-options, #pf-history { height: auto; max-height: 12; margin: 0 1; border: round $primary; }
    #pf-position { text-style: bold; padding: 0 1; }
    #pf-question { padding: 1 1 0 2; }
    #pf-result-title { text-style: bold; padding: 0 1; }
    .pf-lines { padding: 0 1; }
    #pf-unfinished { padding: 1 1 0 1; text-style: bold; }
    #pf-buttons, #pf-network-buttons { height: auto; margin: 1 1 0 1; }
    #pf-buttons Button, #pf-network-buttons Button { margin-right: 1; }
    """
    BINDINGS = [
        Binding("1", "answer(0)", "ux.key.choose", id="choose"),
        Binding("2", "answer(1)", "ux.key.choose", show=False),
        Binding("3", "answer(2)", "ux.key.choose", show=False),
        Binding("4", "answer(3)", "ux.key.choose", show=False),
        Binding("5", "answer(4)", "ux.key.choose", show=False),
        Binding("p,left", "previous", "pf.key.previous", id="pf-previous"),
        Binding("l", "lesson", "pf.key.lesson", id="pf-lesson"),
        Binding("d", "share", "pf.key.share", id="pf-share"),
        Binding("n", "new_check", "pf.key.new_check", id="pf-new"),
        Binding("escape", "home", "key.home", id="home"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.finder: PhaseFinder | None = None
        self.problem = ""
        try:
            self.finder = phase_finder_of(self.session)
        except ContentError as exc:
            self.problem = str(exc)
        self.step = "network"
        self.network = ""
        self.index = 0
        self.answers: dict[str, str] = {}
        self.result: PhaseResult | None = None
        self.check: PhaseCheck | None = None
        self.history: list[PhaseCheck] = []

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        yield TopBar(self.session.course.title, t("pf.title"))
        with VerticalScroll(id="pf-scroll"):
            if self.finder is None:
                yield Static(safe(self.problem or t("pf.none")), classes="prompt")
            else:
                with Vertical(id="pf-network-step"):
                    yield Static(safe(t("pf.intro")), classes="pf-lines")
                    yield Static(safe(t("pf.network_label")), classes="heading")
                    yield Input(placeholder=t("pf.network_placeholder"), id="pf-network", max_length=MAX_NETWORK)
                    yield Static(id="pf-network-error", classes="pf-lines")
                    yield Static(safe(t("pf.known_label")), classes="heading", id="pf-known-label")
                    yield OptionList(id="pf-known")
                    with Horizontal(id="pf-network-buttons"):
                        yield Button(safe(t("pf.key.begin")), id="pf-begin", variant="primary")
                with Vertical(id="pf-question-step"):
                    yield Static(id="pf-position")
                    yield Static(id="pf-question")
                    yield OptionList(id="pf-options")
                    yield Static(safe(t("pf.kept_when_done")), classes="hint")
                with Vertical(id="pf-result-step"):
                    yield Static(id="pf-result-title")
                    yield Static(id="pf-unfinished")
                    yield Static(safe(t("pf.result.reasons")), classes="heading")
                    yield Static(id="pf-reasons", classes="pf-lines")
                    yield Static(safe(t("pf.result.next")), classes="heading")
                    yield Static(id="pf-next", classes="pf-lines")
                    yield Static(safe(t("pf.result.tools")), classes="heading")
                    yield Static(id="pf-tools", classes="pf-lines")
                    with Horizontal(id="pf-buttons"):
                        yield Button(id="pf-lesson-button", variant="primary")
                        yield Button(safe(t("pf.key.new_check")), id="pf-new-button")
                    yield Static(safe(t("pf.history_heading")), classes="heading")
                    yield OptionList(id="pf-history")
                    yield Static(safe(t("pf.share_explain")), classes="hint")
                    with Horizontal(id="pf-share-buttons", classes="pf-lines"):
                        yield Button(safe(t("pf.key.share")), id="pf-share-button")
        yield KeyHints()

    def on_mount(self) -> None:
        if self.finder is not None:
            self.show_network_step()

    def _show_step(self, step: str) -> None:
        self.step = step
        for name, widget_id in STEP.items():
            self.query_one(f"#{widget_id}").display = name == step
        self.query_one("#pf-scroll", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    # --- 1. which network ----------------------------------------------------------------

    def show_network_step(self) -> None:
        finder, t = self.finder, self.t
        assert finder is not None
        self._show_step("network")
        record = self.store.record()
        known = self.query_one("#pf-known", OptionList)
        known.clear_options()
        networks = record.networks()
        for number, name in enumerate(networks):
            last = record.checks_for(name)[-1]
            line = t(
                "pf.known_line", network=name, phases=phases_text(last.phases, finder, t), when=day_of(last.checked_at)
            )
            known.add_option(Option(Text(visible(line), end=""), id=str(number)))
        self.query_one("#pf-known-label").display = known.display = bool(networks)
        known.highlighted = 0 if networks else None
        self._networks = networks
        field = self.query_one("#pf-network", Input)
        field.value = ""
        field.focus()

    @on(Input.Submitted, "#pf-network")
    @on(Button.Pressed, "#pf-begin")
    def network_typed(self) -> None:
        self.begin(self.query_one("#pf-network", Input).value)

    @on(OptionList.OptionSelected, "#pf-known")
    def network_picked(self, event: OptionList.OptionSelected) -> None:
        self.begin(self._networks[int(event.option.id or 0)])

    def begin(self, name: str) -> None:
        cleaned = clean_network_name(name)
        if not cleaned:
            self.query_one("#pf-network-error", Static).update(safe(self.t("pf.need_name")))
            self.query_one("#pf-network", Input).focus()
            return
        self.network = cleaned
        self.answers = {}
        self.index = 0
        self.show_question()

    # --- 2. the questions ----------------------------------------------------------------

    @property
    def question(self) -> Question:
        assert self.finder is not None
        return self.finder.questions[self.index]

    def show_question(self) -> None:
        finder, t = self.finder, self.t
        assert finder is not None
        self._show_step("questions")
        question = self.question
        self.query_one("#pf-position", Static).update(
            joined(t("pf.position", number=self.index + 1, count=len(finder.questions)), "  ·  ", self.network)
        )
        self.query_one("#pf-question", Static).update(safe(" ".join(question.text.split())))
        options = self.query_one("#pf-options", OptionList)
        options.clear_options()
        given = self.answers.get(question.id)
        for number, option in enumerate(question.options, start=1):
            mark = CHOSEN if option.id == given else NOT_CHOSEN
            options.add_option(Option(Text(f"{mark} {number}  {visible(option.label)}", end=""), id=option.id))
        ids = [o.id for o in question.options]
        options.highlighted = ids.index(given) if given in ids else 0
        options.focus()
        name_choice_keys(self, len(question.options))

    def action_answer(self, number: int) -> None:
        if self.step != "questions":
            return
        options = self.question.options
        if 0 <= number < len(options):
            self.answers[self.question.id] = options[number].id
            self.next_question()

    @on(OptionList.OptionSelected, "#pf-options")
    def option_chosen(self, event: OptionList.OptionSelected) -> None:
        ids = [o.id for o in self.question.options]
        if event.option.id in ids:
            self.action_answer(ids.index(event.option.id))

    def next_question(self) -> None:
        assert self.finder is not None
        if self.index + 1 < len(self.finder.questions):
            self.index += 1
            self.show_question()
        else:
            self.finish()

    def action_previous(self) -> None:
        if self.step == "questions" and self.index > 0:
            self.index -= 1
            self.show_question()

    # --- 3. the result -------------------------------------------------------------------

    def finish(self) -> None:
        assert self.finder is not None
        done = self.store.check_network(self.finder, self.network, dict(self.answers))
        if done is None:  # not saved: the learner was told why; the answers stay
            return
        self.check, self.result = done
        self.show_result()

    def show_result(self) -> None:
        finder, result, check, t = self.finder, self.result, self.check, self.t
        assert finder is not None and result is not None and check is not None
        self._show_step("result")
        sections = result_lines(result, finder, check.network, t)
        self.query_one("#pf-result-title", Static).update(joined("\n".join(sections["title"])))
        unfinished = self.query_one("#pf-unfinished", Static)
        unfinished.update(joined("\n".join(sections["unfinished"])))
        unfinished.display = bool(sections["unfinished"])
        self.query_one("#pf-reasons", Static).update(listed(sections["reasons"]) or safe(t("pf.result.no_reasons")))
        self.query_one("#pf-next", Static).update(listed(sections["next"]) or "-")
        self.query_one("#pf-tools", Static).update(listed(sections["tools"]) or "-")
        lesson = self.query_one("#pf-lesson-button", Button)
        if result.phases:
            first = result.phases[0]
            lesson.label = joined(
                t("pf.open_lesson", phase=f"{t('phase_finder.phase', number=first.number)} {first.name}")
            )
        lesson.display = bool(result.phases)
        self.refresh_history(check.id)
        self.query_one("#pf-history", OptionList).focus(scroll_visible=False)

    def refresh_history(self, highlight: str) -> None:
        assert self.finder is not None and self.check is not None
        self.history = self.store.record().checks_for(self.check.network)
        history = self.query_one("#pf-history", OptionList)
        history.clear_options()
        for check_id, line in history_lines(self.history, self.finder, self.t):
            history.add_option(Option(Text(visible(line), end=""), id=check_id))
        history.highlighted = (
            history.get_option_index(highlight) if any(c.id == highlight for c in self.history) else None
        )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.finder is None:
            return action == "home"
        if action == "answer":
            shown = self.step == "questions"
            return shown and isinstance(parameters[0], int) and parameters[0] < len(self.question.options)
        if action == "previous":
            return (self.index > 0 or None) if self.step == "questions" else False
        if action in ("lesson", "share", "new_check"):
            if self.step != "result":
                return False
            if action == "lesson":
                return self.result is not None and bool(self.result.phases)
        return True

    def action_lesson(self) -> None:
        if self.step == "result" and self.result is not None and self.result.phases:
            self.app.open_lesson(self.result.phases[0].lesson)

    @on(Button.Pressed, "#pf-lesson-button")
    def lesson_pressed(self) -> None:
        self.action_lesson()

    def action_share(self) -> None:
        if self.step != "result" or not self.history:
            return
        option = self.query_one("#pf-history", OptionList).highlighted_option
        check = next((c for c in self.history if option is not None and c.id == option.id), None)
        if check is None:
            return
        saved = self.store.set_phase_check_shared(check.id, not check.shared)
        if saved is not None:
            key = "pf.now_shared" if saved.shared else "pf.now_private"
            self.notify(self.t(key, when=day_of(saved.checked_at)), markup=False)
            self.refresh_history(saved.id)

    @on(Button.Pressed, "#pf-share-button")
    def share_pressed(self) -> None:
        self.action_share()

    def action_new_check(self) -> None:
        if self.step == "result":
            self.show_network_step()

    @on(Button.Pressed, "#pf-new-button")
    def new_pressed(self) -> None:
        self.action_new_check()

    def action_home(self) -> None:
        self.app.pop_screen()
