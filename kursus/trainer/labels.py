"""The trainer's words for report values: percentages, dates, statuses, names, notes.

Shared by every output format (kursus.trainer.formats) and the dashboard's screens;
plain text, no rendering (each renderer makes it safe for its format).
"""

from __future__ import annotations

from datetime import datetime

from kursus.i18n import Catalogue, glyph_label
from kursus.summary import LearnerSummary, Note
from kursus.trainer.aggregate import CohortReport, SkippedFile
from kursus.vocabulary import LearnerStatus


def percent(value: float | None, t: Catalogue) -> str:
    return "–" if value is None else t("trainer.fmt.percent", value=round(value * 100))


def day(value: datetime | None, t: Catalogue) -> str:
    return t("trainer.fmt.never") if value is None else value.date().isoformat()


def status_label(status: str, t: Catalogue) -> str:
    """Glyph and word, so the status never depends on colour."""
    return glyph_label(status, t, trainer=True)


def note_text(note: Note, t: Catalogue) -> str:
    return t(note.key, **note.as_dict())


def skip_reason(skipped: SkippedFile, t: Catalogue) -> str:
    return t(skipped.reason_key, **dict(skipped.reason_fields)) if skipped.reason_key else skipped.reason


def cohort_text(cohort: str, t: Catalogue) -> str:
    return cohort or t("trainer.fmt.no_cohort")


def name_text(learner: LearnerSummary, t: Catalogue) -> str:
    return learner.name or t("trainer.fmt.no_name", file=learner.relative)


def lesson_title(report: CohortReport, lesson_id: str) -> str:
    lesson = report.course.lessons.get(lesson_id)
    return lesson.title if lesson is not None else lesson_id


def prompt_text(report: CohortReport, lesson_id: str, prompt_id: str) -> str:
    lesson = report.course.lessons.get(lesson_id)
    prompt = lesson.prompt(prompt_id) if lesson is not None else None
    return prompt.prompt if prompt is not None else prompt_id


def summary_line(report: CohortReport, t: Catalogue) -> str:
    return t(
        "trainer.report.summary",
        learners=len(report.learners),
        done=report.count(LearnerStatus.DONE),
        in_progress=report.count(LearnerStatus.IN_PROGRESS),
        stalled=report.count(LearnerStatus.STALLED),
        not_started=report.count(LearnerStatus.NOT_STARTED),
    )


def header_lines(report: CohortReport, t: Catalogue) -> list[str]:
    cohort = report.cohort if report.cohort is not None else t("trainer.report.all_cohorts")
    return [
        t("trainer.report.folder", folder=str(report.folder)),
        t("trainer.report.cohort", cohort=cohort),
        t("trainer.report.stalled_rule", days=report.stalled_days, today=report.now.date().isoformat()),
    ]


def modules_cell(learner: LearnerSummary) -> str:
    return " ".join(f"{done}/{total}" for done, total in learner.modules.values())


def module_legend(report: CohortReport, t: Catalogue) -> str:
    parts = [f"{i}. {m.title}" for i, m in enumerate(report.course.modules, start=1)]
    return t("trainer.report.modules_legend", legend=" · ".join(parts))
