"""What every screen shares: the catalogue and translated key hints; learner screens
also reach the session and the progress store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen, Screen

from kursus.i18n import Catalogue
from kursus.ui.localise import localise_bindings

if TYPE_CHECKING:
    from kursus.content.models import Lesson
    from kursus.session import Session
    from kursus.ui.guarded_store import GuardedStore


class Localised:
    """Key hints in the app's language, translated before the first compose, so the
    footer is built once (rebuilding it is the main cost of showing a screen)."""

    app: Any  # KursusApp or TrainerApp: both have `t`

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localise_bindings(self, self.t)  # type: ignore[arg-type]

    @property
    def t(self) -> Catalogue:
        return self.app.t


class _Learner:
    app: Any  # KursusApp

    @property
    def session(self) -> "Session":
        return self.app.session

    @property
    def store(self) -> "GuardedStore":
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
    def lesson(self) -> "Lesson":
        return self.session.course.lessons[self.lesson_id]

    def action_home(self) -> None:
        self.app.pop_screen()
