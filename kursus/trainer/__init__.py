"""The trainer's side: many progress files read into reports, and a learner's export.

Read-only and without Textual: `kursus report` and `kursus export` run from here, and
the dashboard (`kursus.ui.trainer_app`) builds on the same report.
"""

from kursus.trainer.aggregate import CohortReport, LearnerSummary, ScenarioStat, SkippedFile, build_report

__all__ = ["CohortReport", "LearnerSummary", "ScenarioStat", "SkippedFile", "build_report"]
