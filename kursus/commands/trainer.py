"""`kursus trainer`: the dashboard over a folder of progress files, or an LRS (read-only)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kursus.commands.certificate import competence_names
from kursus.commands.options import TrainerOptions
from kursus.commands.report import load_report
from kursus.trainer.aggregate import CohortReport

if TYPE_CHECKING:
    from kursus.ui.trainer.app import TrainerApp


def run_trainer(options: TrainerOptions) -> int:
    """Check the input like `report` does (exit 2 on bad input), then run the dashboard."""
    app = trainer_app(options)
    app.run()
    return app.return_code or 0


def trainer_app(options: TrainerOptions) -> TrainerApp:
    """The dashboard the command runs (tests drive it with run_test). Raises CliError for
    bad input, before Textual is imported."""
    report, t = load_report(options, apply_cohort=False)
    from kursus.ui.trainer.app import make_trainer_app  # Textual is imported only now

    names = competence_names(options.lessons, report.course)  # None: the competences' ids are shown

    if options.lrs:  # `r` reads the LRS again (held in memory: nothing is written)
        from kursus.i18n import Catalogue
        from kursus.ui.trainer.app import TrainerApp

        def reread() -> CohortReport:  # a CliError (the LRS cannot be read now): the app says so, keeps what it shows
            return load_report(options, apply_cohort=False)[0]

        return TrainerApp(report, Catalogue(t.lang), cohort=options.cohort, loader=reread, assessment=names)
    return make_trainer_app(
        report.folder,
        report.course,
        lang=t.lang,
        cohort=options.cohort,
        stalled_days=report.stalled_days,
        report=report,
        plan=Path(options.plan).expanduser() if options.plan else None,
        min_answers=options.min_answers,
        assessment=names,
        cache=options.cache,
    )
