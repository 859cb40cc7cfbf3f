"""`kursus trainer DIR`: the trainer's dashboard, and its factory for the command line and tests.

Read-only: the app holds a CohortReport built by kursus.trainer (files read as bytes,
never locked or written). `r` reads the folder again. The view's cohort filter works
on the whole folder, so every cohort can be picked without leaving the app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from kursus.assessment.models import SelfAssessment
from kursus.content.models import Course
from kursus.i18n import Catalogue
from kursus.summary import LearnerSummary
from kursus.trainer.aggregate import MIN_ANSWERS, CohortReport, ScenarioStat, build_report, in_cohort, scenario_stats
from kursus.trainer.plan import PlanError, plans_for
from kursus.ui.localise import localise_bindings
from kursus.vocabulary import DEFAULT_STALLED_DAYS

ALL_COHORTS = None
"""The cohort filter value that shows everyone."""


class TrainerApp(App[int]):
    """Cohort table → learner detail; hardest scenarios; skipped files; help."""

    CSS_PATH = "trainer.tcss"
    TITLE = "kursus"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("question_mark", "help", "trainer.key.help", id="help"),
        Binding("f1", "help", "trainer.key.help", show=False),
        Binding("q", "quit", "trainer.key.quit", id="quit"),
        Binding("ctrl+q", "quit", "trainer.key.quit", show=False, priority=True),
    ]

    def __init__(
        self,
        report: CohortReport,
        t: Catalogue,
        *,
        cohort: str | None = ALL_COHORTS,
        loader: Callable[[], CohortReport] | None = None,
        assessment: SelfAssessment | None = None,
    ) -> None:
        super().__init__()
        self.report = report
        """Every readable learner in the folder (the cohort filter is applied in the view)."""
        self.t = t
        self.cohort = cohort
        """The cohort shown: None = all, "" = learners without a cohort, else a cohort name."""
        self._loader = loader
        self.assessment = assessment
        """The self-assessment's competences (their names); None: the course has none, ids are shown."""
        localise_bindings(self, t)
        self.theme = "textual-dark"  # fixed, so NO_COLOR and snapshots behave the same everywhere
        self.title = t("trainer.app.title")
        self.sub_title = t("trainer.app.subtitle", course=report.course.title, folder=report.where)

    # --- what the screens read -------------------------------------------------------

    @property
    def learners(self) -> list[LearnerSummary]:
        """The learners in the current cohort filter."""
        if self.cohort is None:
            return list(self.report.learners)
        return in_cohort(self.report.learners, self.cohort)

    @property
    def scenarios(self) -> list[ScenarioStat]:
        """Hardest first, over the learners in the current cohort filter."""
        return scenario_stats(self.learners, self.report.course, self.report.min_answers)

    def set_cohort(self, cohort: str | None) -> None:
        self.cohort = cohort
        from kursus.ui.trainer.cohort import CohortScreen

        for screen in self.screen_stack:
            if isinstance(screen, CohortScreen):
                screen.refill()

    def reload(self) -> bool:
        """Read the folder (and the cohort plan) again, still read-only. False if there is
        no loader, or if the plan cannot be read now (what is shown stays, and it says why)."""
        if self._loader is None:
            return False
        try:
            self.report = self._loader()
        except PlanError as exc:
            self.notify(self.t("trainer.cohort.plan_error", error=exc.problems[0]), markup=False, severity="warning")
            return False
        return True

    # --- lifecycle -------------------------------------------------------------------

    def on_mount(self) -> None:
        from kursus.ui.trainer.cohort import CohortScreen

        self.push_screen(CohortScreen())

    def action_help(self) -> None:
        from kursus.ui.trainer.help import TrainerHelpScreen

        if isinstance(self.screen, TrainerHelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(TrainerHelpScreen(self.screen))


def make_trainer_app(
    folder: Path,
    course: Course,
    *,
    lang: str = "da",
    cohort: str | None = ALL_COHORTS,
    stalled_days: int = DEFAULT_STALLED_DAYS,
    now: datetime | None = None,
    report: CohortReport | None = None,
    plan: Path | None = None,
    min_answers: int | None = None,
    assessment: SelfAssessment | None = None,
    cache: bool = False,
) -> TrainerApp:
    """The dashboard over `folder`, as the command line builds it (tests call this too).
    `plan`: a cohort plan file; without it, plan.yaml beside the progress files (if any).
    `cache`: read unchanged files' summaries from the trainer's cache (the command line's
    default; tests leave it off)."""

    def load() -> CohortReport:
        fresh = build_report(
            folder,
            course,
            cohort=None,
            stalled_days=stalled_days,
            now=now,
            min_answers=min_answers or MIN_ANSWERS,
            cache=cache,
        )
        fresh.plans = plans_for(fresh, plan)  # PlanError: the command line says so before the app starts
        return fresh

    return TrainerApp(report or load(), Catalogue(lang), cohort=cohort, loader=load, assessment=assessment)
