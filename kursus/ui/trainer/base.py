"""What every trainer screen shares: translated key hints (ui.localise.Localised) and the report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen, Screen

from kursus.ui.localise import Localised

if TYPE_CHECKING:
    from kursus.trainer.aggregate import CohortReport


class _Report:
    app: Any  # TrainerApp

    @property
    def report(self) -> CohortReport:
        return self.app.report


class TrainerScreen(Localised, _Report, Screen):
    pass


class TrainerModal(Localised, _Report, ModalScreen):
    pass
