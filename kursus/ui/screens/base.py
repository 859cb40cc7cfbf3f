"""What every learner screen shares: the catalogue, the session, translated key hints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import ModalScreen, Screen

from kursus.i18n import Catalogue
from kursus.ui.localise import localise_bindings

if TYPE_CHECKING:
    from kursus.content.models import Lesson
    from kursus.session import Session
    from kursus.tracking import ProgressStore
    from kursus.ui.app import KursusApp


class _Shared:
    app: "KursusApp"

    @property
    def t(self) -> Catalogue:
        return self.app.t

    @property
    def session(self) -> "Session":
        return self.app.session

    @property
    def store(self) -> "ProgressStore":
        store = self.app.session.store
        assert store is not None, "screens after the welcome screen need a learner"
        return store


class KursusScreen(_Shared, Screen):
    def __init__(self) -> None:
        super().__init__()
        # Translated before the first compose, so the footer is built once, in the
        # right language (rebuilding it is the main cost of showing a screen).
        localise_bindings(self, self.t)


class LessonPartScreen(KursusScreen):
    """A screen about one lesson (reading, scenarios, reflection): `escape` goes home."""

    def __init__(self, lesson_id: str) -> None:
        super().__init__()
        self.lesson_id = lesson_id

    @property
    def lesson(self) -> "Lesson":
        return self.session.course.lessons[self.lesson_id]

    def action_home(self) -> None:
        self.app.pop_screen()


class KursusModal(_Shared, ModalScreen):
    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self, self.t)
