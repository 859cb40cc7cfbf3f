"""What every learner screen shares: the catalogue and translated key hints
(ui.localise.Localised), the session and the progress store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen, Screen

from kursus.ui.localise import Localised

if TYPE_CHECKING:
    from kursus.content.models import Lesson
    from kursus.session import Session
    from kursus.ui.learner.guarded_store import GuardedStore


class _Learner:
    app: Any  # KursusApp

    @property
    def session(self) -> Session:
        return self.app.session

    @property
    def store(self) -> GuardedStore:
        return self.app.store


class KursusScreen(Localised, _Learner, Screen):
    pass


class KursusModal(Localised, _Learner, ModalScreen):
    pass


class LessonPartScreen(KursusScreen):
    """A screen about one lesson (reading, scenarios, reflection): `escape` goes home."""

    def __init__(self, lesson_id: str) -> None:
        super().__init__()
        self.lesson_id = lesson_id

    @property
    def lesson(self) -> Lesson:
        return self.session.course.lessons[self.lesson_id]

    def on_mount(self) -> None:
        from kursus.ui.learner.home import HomeScreen
        from kursus.ui.localise import describe_binding

        stack = self.app.screen_stack
        if len(stack) > 1 and not isinstance(stack[-2], HomeScreen):  # opened from the journal, say
            describe_binding(self, "home", self.t("key.back"))

    def action_home(self) -> None:
        self.app.pop_screen()
