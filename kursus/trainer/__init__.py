"""The trainer's side: a folder of progress files read into a cohort report, its
output formats and the trainer's words for them. Read-only and without Textual;
`kursus report` (kursus.commands.report) and the dashboard (kursus.ui.trainer) build on it.
"""

from kursus.summary import LearnerSummary
from kursus.trainer.aggregate import CohortReport, ScenarioStat, SkippedFile, build_report

__all__ = ["CohortReport", "LearnerSummary", "ScenarioStat", "SkippedFile", "build_report"]
