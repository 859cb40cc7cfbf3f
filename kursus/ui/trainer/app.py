"""`kursus trainer DIR`: the trainer's dashboard, and its factory for the command line and tests.

Read-only: the app holds a CohortReport built by kursus.trainer (files read as bytes,
never locked or written). `r` reads the folder (or the LRS) again in a worker: the screen
stays usable while it reads, says that it is reading, and a second `r` meanwhile starts
nothing. If the reading fails, what is shown stays, and the message says so and when it
was read. The view's cohort filter works on the whole folder, so every cohort can be
picked without leaving the app.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

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
        self.read_at = datetime.now().astimezone()
        """When the report shown was read (local time)."""
        self.reading = False
        """True while `r` reads the folder or the LRS again (in a worker)."""
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
        self._refill()

    def _refill(self) -> None:
        from kursus.ui.trainer.cohort import CohortScreen

        for screen in self.screen_stack:
            if isinstance(screen, CohortScreen):
                screen.refill()

    def _show_status(self) -> None:
        from kursus.ui.trainer.cohort import CohortScreen

        for screen in self.screen_stack:
            if isinstance(screen, CohortScreen) and screen.is_mounted:
                screen.show_status()

    def start_reload(self) -> None:
        """`r`: read again in a worker (the UI stays responsive); the cohort screen says
        that it is reading, and when it is done, what was read or why nothing was."""
        if self._loader is None:
            return
        if self.reading:  # one reading at a time: a second `r` only says it is still reading
            self.notify(self.t("trainer.cohort.still_reading", source=self.report.where), markup=False)
            return
        self.reading = True
        self._show_status()
        self.run_worker(self._read_again(), group="reload", exit_on_error=False)

    async def _read_again(self) -> CohortReport:
        """The loader in a daemon thread of its own, awaited: the UI thread never waits
        for the network or the disk, and quitting never waits for a hung LRS (a thread
        worker runs in asyncio's default executor, which exit joins)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[CohortReport] = loop.create_future()
        loader = self._loader
        assert loader is not None

        def settle(result: CohortReport | None, error: BaseException | None) -> None:
            if done.done():  # the app quit meanwhile
                return
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(result)  # type: ignore[arg-type]

        def work() -> None:
            try:
                result, error = loader(), None
            except Exception as exc:  # noqa: BLE001 - handed to the app, which says what went wrong
                result, error = None, exc
            with suppress(RuntimeError):  # the loop is gone: the app has ended
                loop.call_soon_threadsafe(settle, result, error)

        threading.Thread(target=work, name="kursus-trainer-reload", daemon=True).start()
        return await done

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "reload" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.reading = False
        t = self.t
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, CohortReport):
            self.report = worker.result
            self.read_at = datetime.now().astimezone()
            self._refill()
            learners = len(self.report.learners)
            if self.report.source:
                message = t("trainer.cohort.reloaded_lrs", source=self.report.source, learners=learners)
            else:
                message = t("trainer.cohort.reloaded", learners=learners)
            self.notify(message, markup=False)
            return
        self._show_status()
        error = worker.error
        if isinstance(error, PlanError):
            self.notify(t("trainer.cohort.plan_error", error=error.problems[0]), markup=False, severity="warning")
            return
        key = "trainer.cohort.reload_failed_lrs" if self.report.source else "trainer.cohort.reload_failed"
        reason = " ".join(str(error).split()) or type(error).__name__
        self.notify(t(key, error=reason, when=self.read_when()), markup=False, severity="error", timeout=15)

    def read_when(self) -> str:
        """When the report shown was read: the time today, else the date and time."""
        if self.read_at.date() == datetime.now().astimezone().date():
            return self.read_at.strftime("%H:%M:%S")
        return self.read_at.strftime("%Y-%m-%d %H:%M")

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
