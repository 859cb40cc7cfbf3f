"""`kursus trainer`: the dashboard over a folder of progress files, or an LRS (read-only)."""

from __future__ import annotations

from pathlib import Path

from kursus.commands.certificate import competence_names
from kursus.commands.options import TrainerOptions
from kursus.commands.report import load_report
from kursus.errors import CliError
from kursus.trainer.aggregate import CohortReport


def run_trainer(options: TrainerOptions) -> int:
    """Check the input like `report` does (exit 2 on bad input), then run the dashboard."""
    report, t = load_report(options, apply_cohort=False)
    from kursus.ui.trainer.app import make_trainer_app  # Textual is imported only now

    names = competence_names(options.lessons, report.course)  # None: the competences' ids are shown

    if options.lrs:  # `r` reads the LRS again (held in memory: nothing is written)
        from kursus.i18n import Catalogue
        from kursus.ui.trainer.app import TrainerApp

        def reread() -> CohortReport:
            try:
                return load_report(options, apply_cohort=False)[0]
            except CliError:  # the LRS cannot be read just now: keep what is shown
                return lrs_app.report

        lrs_app = TrainerApp(report, Catalogue(t.lang), cohort=options.cohort, loader=reread, assessment=names)
        lrs_app.run()
        return lrs_app.return_code or 0
    app = make_trainer_app(
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
    app.run()
    return app.return_code or 0
