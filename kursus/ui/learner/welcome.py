"""First run: who is learning (name and optional cohort), or pick a learner on this machine."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from kursus.tracking.names import MAX_NAME_LENGTH, clean_name
from kursus.tracking.storage import UnreadableProgressFile
from kursus.ui.learner.base import KursusScreen
from kursus.ui.text import joined, safe
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar


class WelcomeScreen(KursusScreen):
    BINDINGS = [Binding("ctrl+q", "app.quit", "key.quit", id="quit-welcome")]

    def compose(self) -> ComposeResult:
        t = self.t
        yield TopBar(self.session.course.title)
        with VerticalScroll(id="welcome", classes="dialog"):
            yield Static(safe(t("welcome.intro")), classes="intro")
            known = self.session.known_learners
            if known:
                yield Static(safe(t("welcome.known")), classes="prompt")
                yield OptionList(
                    *(
                        Option(joined(name, f"  ({cohort})" if cohort else ""), id=str(i))
                        for i, (name, cohort) in enumerate(known)
                    ),
                    id="known",
                )
                yield Static(safe(t("welcome.or_new")), classes="prompt")
            yield Input(placeholder=t("welcome.name"), id="name", max_length=MAX_NAME_LENGTH)
            yield Input(placeholder=t("welcome.cohort"), id="cohort", max_length=100, value=self.session.cohort or "")
            yield Static(safe(t("welcome.where", folder=self.session.progress_dir)), classes="hint")
            if self.session.unreadable_files:
                yield Static(
                    safe(t("welcome.unreadable", files=", ".join(self.session.unreadable_files))),
                    classes="hint",
                    id="unreadable",
                )
            yield Button(safe(t("welcome.start")), id="start", variant="primary")
            yield Static(id="welcome-error")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()
        pending = self.session.pending_name
        if pending is not None:  # `--name` matched a learner here only loosely
            self.session.pending_name = None
            name, cohort, similar = pending
            self.query_one("#name", Input).value = name
            self.ask_same_person(name, cohort, similar)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name" and clean_name(event.value):
            self.query_one("#cohort", Input).focus()
        else:
            self.start()

    @on(Button.Pressed, "#start")
    def start(self) -> None:
        name = clean_name(self.query_one("#name", Input).value)
        if not name:
            self.query_one("#welcome-error", Static).update(safe(self.t("welcome.need_name")))
            self.query_one("#name", Input).focus()
            return
        cohort = clean_name(self.query_one("#cohort", Input).value) or None
        similar = self.session.similar_learners(name)
        if similar:
            self.ask_same_person(name, cohort, similar)
            return
        self.open_learner(name, cohort)

    def ask_same_person(self, name: str, cohort: str | None, similar: list[str]) -> None:
        from kursus.ui.learner.same_learner import SameLearnerScreen

        def chosen(answer: str | None) -> None:
            if answer is not None:
                self.open_learner(answer, cohort if answer == name else None)

        self.app.push_screen(SameLearnerScreen(name, similar), chosen)

    @on(OptionList.OptionSelected, "#known")
    def known_chosen(self, event: OptionList.OptionSelected) -> None:
        name, _ = self.session.known_learners[int(event.option.id or 0)]
        self.open_learner(name, None)

    def open_learner(self, name: str, cohort: str | None) -> None:
        try:
            self.session.open_learner(name, cohort)
        except (UnreadableProgressFile, OSError) as exc:
            self.query_one("#welcome-error", Static).update(safe(str(exc)))
            return
        if self.session.lang != self.app.t.lang:  # the learner's own language (kept in their file)
            self.app.set_language(self.session.lang)
        else:
            self.app.show_home()
        from kursus.ui.learner.self_assessment import offer_start_round

        offer_start_round(self.app)  # the "before" round, skippable, for a learner who has begun nothing
