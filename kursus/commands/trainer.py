"""`kursus trainer`: the dashboard over a folder of progress files (read-only)."""

from __future__ import annotations

from kursus.commands.options import TrainerOptions
from kursus.commands.report import load_report


def run_trainer(options: TrainerOptions) -> int:
    """Check the input like `report` does (exit 2 on bad input), then run the dashboard."""
    report, t = load_report(options, apply_cohort=False)
    from kursus.ui.trainer.app import make_trainer_app  # Textual is imported only now

    app = make_trainer_app(
        report.folder,
        report.course,
        lang=t.lang,
        cohort=options.cohort,
        stalled_days=report.stalled_days,
        report=report,
    )
    app.run()
    return app.return_code or 0
