"""The trainer's words for report values: percentages, dates, statuses, names, notes.

Shared by every output format (kursus.trainer.formats) and the dashboard's screens;
plain text, no rendering (each renderer makes it safe for its format).
"""

from __future__ import annotations

from datetime import datetime

from kursus.i18n import Catalogue, glyph_label
from kursus.summary import LearnerSummary, Note
from kursus.tracking.names import search_key
from kursus.trainer.aggregate import CohortReport, FirstTrySplit, ScenarioStat, SkippedFile, first_try_split
from kursus.trainer.plan import CohortPlan, PlanPosition, PlanStatus
from kursus.vocabulary import LearnerStatus

ELLIPSIS = "…"


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


def with_name(learners: list[LearnerSummary], text: str, t: Catalogue) -> list[LearnerSummary]:
    """The learners whose name as shown (`name_text`: a file without a name is found by
    its file name) holds `text`, both folded by `search_key` (case, accents, æ/ae, ø/oe,
    å/aa); "" finds everyone."""
    wanted = search_key(text)
    if not wanted:
        return list(learners)
    return [learner for learner in learners if wanted in search_key(name_text(learner, t))]


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
        t("trainer.report.lrs", url=report.source)
        if report.source
        else t("trainer.report.folder", folder=str(report.folder)),
        t("trainer.report.cohort", cohort=cohort),
        t("trainer.report.stalled_rule", days=report.stalled_days, today=report.now.date().isoformat()),
        *plan_lines(report, t),
    ]


def modules_cell(learner: LearnerSummary) -> str:
    return " ".join(f"{done}/{total}" for done, total in learner.modules.values())


def clip(text: str, width: int) -> str:
    """`text` in at most `width` terminal columns: cut at the end of a word where one
    ends in the last third, else at the column, and marked with an ellipsis."""
    from rich.cells import cell_len  # wide characters (emoji, CJK) take two columns

    if width <= 0:
        return ""
    text = " ".join(text.split()) if "\n" in text or "\t" in text else text
    if cell_len(text) <= width:
        return text
    room = width - 1  # the ellipsis takes one column
    cut, used = 0, 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > room:
            break
        cut = index + 1
    head = text[:cut]
    if text[cut : cut + 1] != " ":  # the cut is inside a word: end at the word before, if near
        space = head.rfind(" ")
        if space >= max(1, room * 2 // 3):
            head = head[:space]
    return head.rstrip() + ELLIPSIS


def rank_text(stat: ScenarioStat) -> str:
    """The scenario's rank, or a dash when too few answered to rank it."""
    return "–" if stat.rank is None else str(stat.rank)


def hardest_rule(report: CohortReport, t: Catalogue) -> str:
    return t("trainer.report.hardest_rule", min=report.min_answers)


def scenario_title(stat: ScenarioStat, t: Catalogue) -> str:
    """The scenario's title, marked when it is a knowledge check."""
    if not stat.knowledge_check:
        return stat.scenario_title
    return f"{stat.scenario_title} ({t('trainer.col.knowledge').lower()})"


def knowledge_line(stats: list[ScenarioStat], t: Catalogue, *, short: bool = False) -> str:
    """First tries right on the knowledge checks and on the other scenarios of `stats` (the
    report's, or the dashboard's for the cohort shown), as one line ("" when nobody has
    answered a knowledge check; short: without the explanation, for the dashboard)."""
    split = first_try_split(stats)
    if not split.knowledge_answered:
        return ""
    return t(
        "trainer.hardest.knowledge_line" if short else "trainer.report.knowledge",
        knowledge=percent(split.knowledge_share, t),
        answers=split.knowledge_answered,
        other=percent(split.other_share, t),
    )


def plan_text(position: PlanPosition | None, t: Catalogue, *, short: bool = False) -> str:
    """ "1 lektion bagud", "følger planen", "2 lektioner foran" (short: "1 bagud", ...)."""
    if position is None:
        return "–"
    form = "planshort" if short else "plan"
    if position.status == PlanStatus.ON_TRACK:
        return t(f"trainer.{form}.on_track")
    return t(f"trainer.{form}.{position.status}", n=position.lessons)


def plan_description(plan: CohortPlan, report: CohortReport, t: Catalogue) -> str:
    today = report.plans.today or report.now.date()
    pace = plan.pace
    how = (
        t("trainer.plan.pace", pace=int(pace) if pace.is_integer() else pace)
        if pace is not None
        else t("trainer.plan.due_dates", n=len(plan.milestones))
    )
    text = t(
        "trainer.plan.line",
        name=plan.name,
        start=plan.start.isoformat(),
        how=how,
        due=len(plan.expected(today)),
        total=len(plan.lesson_order),
    )
    upcoming = plan.next_due(today)
    if upcoming is not None:
        text += " " + t("trainer.plan.next", n=upcoming[1], day=upcoming[0].isoformat())
    return text


def plan_lines(report: CohortReport, t: Catalogue) -> list[str]:
    """What the plans say and how the learners stand against them (nothing without a plan)."""
    if not report.plans:
        return []
    lines = [plan_description(plan, report, t) for plan in report.plans.plans]
    positions = [report.position(learner) for learner in report.learners]
    counts = {status: sum(1 for p in positions if p is not None and p.status == status) for status in PlanStatus}
    lines.append(
        t(
            "trainer.plan.summary",
            behind=counts[PlanStatus.BEHIND],
            on_track=counts[PlanStatus.ON_TRACK],
            ahead=counts[PlanStatus.AHEAD],
            none=sum(1 for p in positions if p is None),
        )
    )
    return lines


def module_legend(report: CohortReport, t: Catalogue) -> str:
    parts = [f"{i}. {m.title}" for i, m in enumerate(report.course.modules, start=1)]
    return t("trainer.report.modules_legend", legend=" · ".join(parts))


def learner_knowledge_line(split: FirstTrySplit, t: Catalogue) -> str:
    """One learner's first tries on the knowledge checks beside the rest ("" before any)."""
    if not split.knowledge_answered:
        return ""
    return t(
        "trainer.learner.knowledge",
        right=split.knowledge_right,
        answered=split.knowledge_answered,
        other=percent(split.other_share, t),
    )
