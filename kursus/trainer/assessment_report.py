"""The self-assessment and the phase finder in the trainer's report (every format).

Only what learners SHARED: everything here reads LearnerSummary.shared_rounds and
.shared_checks, which never hold a private round or check (kursus.summary). The cohort
view (kursus.assessment.cohort) is shown only when at least MIN_LEARNERS shared; with
fewer, the report says so. A report where nobody shared anything has no such sections,
so reports of cohorts that never used the feature are unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kursus.assessment.cohort import CohortView, cohort_view, competence_ids_of
from kursus.i18n import Catalogue
from kursus.summary import LearnerSummary, SharedCheck, SharedRound
from kursus.tracking.record import SCALE_POINTS
from kursus.trainer.labels import name_text

if TYPE_CHECKING:
    from kursus.trainer.aggregate import CohortReport
    from kursus.trainer.formats import Section


def anything_shared(report: CohortReport) -> bool:
    return report.shares_assessments()


def phases_text(phases: tuple[int, ...] | list[int], t: Catalogue) -> str:
    if not phases:
        return t("phase_finder.no_phase")
    if len(phases) == 1:
        return t("phase_finder.phase", number=phases[0])
    return t("phase_finder.phases", first=phases[0], second=phases[-1])


def confidence_text(confidence: str, t: Catalogue) -> str:
    if not confidence:
        return "–"  # a check saved without one (by a tool)
    key = f"phase_finder.confidence.{confidence}"
    return t(key) if key in t else confidence


def occasion_text(occasion: str, t: Catalogue) -> str:
    key = f"assessment.occasion.{occasion}"
    return t(key) if key in t else occasion


def role_text(learner: LearnerSummary, one: SharedRound, t: Catalogue) -> str:
    if one.id == learner.round_before_id:
        return t("assessment.before")
    return t("assessment.after") if one.id == learner.round_after_id else ""


def _rounds(report: CohortReport) -> list[tuple[LearnerSummary, SharedRound]]:
    return [(learner, one) for learner in report.learners for one in learner.shared_rounds]


def _checks(report: CohortReport) -> list[tuple[LearnerSummary, SharedCheck]]:
    return [(learner, check) for learner in report.learners for check in learner.shared_checks]


def view_of(report: CohortReport) -> CohortView:
    return cohort_view(report.learners)


def too_few_text(view: CohortView, t: Catalogue) -> str:
    return t("assessment.report.too_few", min=view.min_learners, shared=view.sharing)


def sections(report: CohortReport, t: Catalogue) -> list[Section]:
    """Shared rounds, shared checks and the cohort view as typed tables (none if nobody shared)."""
    from kursus.trainer.formats import Section, When, _when

    if not anything_shared(report):
        return []
    competences = competence_ids_of(report.learners)
    rounds = Section(
        "self_assessments",
        t("assessment.report.rounds"),
        t("assessment.file.rounds"),
        [
            t("assessment.col.name"),
            t("assessment.col.cohort"),
            t("assessment.col.taken"),
            t("assessment.col.occasion"),
            t("assessment.col.role"),
            *competences,
        ],
        [
            [
                learner.name,
                learner.cohort,
                _when(one.taken_at) or When(None, one.taken_at),
                occasion_text(one.occasion, t),
                role_text(learner, one, t),
                *(one.levels.get(cid) for cid in competences),
            ]
            for learner, one in _rounds(report)
        ],
    )
    checks = Section(
        "phase_checks",
        t("assessment.report.checks"),
        t("assessment.file.checks"),
        [
            t("assessment.col.name"),
            t("assessment.col.cohort"),
            t("assessment.col.network"),
            t("assessment.col.checked"),
            t("assessment.col.phases"),
            t("assessment.col.unfinished"),
            t("assessment.col.confidence"),
        ],
        [
            [
                learner.name,
                learner.cohort,
                check.network,
                _when(check.checked_at) or When(None, check.checked_at),
                phases_text(check.phases, t),
                ", ".join(map(str, check.unfinished)),
                confidence_text(check.confidence, t),
            ]
            for learner, check in _checks(report)
        ],
    )
    view = view_of(report)
    cohort_headings = [
        t("assessment.col.competence"),
        t("assessment.col.before_mean"),
        t("assessment.col.before_n"),
        t("assessment.col.after_mean"),
        t("assessment.col.after_n"),
    ]
    cohort_rows: list[list[Any]] = (
        [
            [
                row.competence_id,
                _mean(row.before_mean),
                row.before_n,
                _mean(row.after_mean),
                row.after_n,
            ]
            for row in view.rows
        ]
        if view.enough
        else [[too_few_text(view, t), None, None, None, None]]
    )
    title, stem = t("assessment.report.cohort"), t("assessment.file.cohort")
    cohort = Section("self_assessment_cohort", title, stem, cohort_headings, cohort_rows)
    return [rounds, checks, cohort]


_NONE = {"self_assessments": "assessment.report.no_rounds", "phase_checks": "assessment.report.no_checks"}
"""What an empty section says (the report has these sections when anything is shared)."""


def _mean(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def md_lines(report: CohortReport, t: Catalogue) -> list[str]:
    from kursus.textsafe import md_escape as e
    from kursus.trainer.formats import _md_table

    if not anything_shared(report):
        return []
    lines: list[str] = []
    for section in sections(report, t):
        lines += ["", f"## {e(section.title)}", ""]
        if section.key == "self_assessment_cohort":
            view = view_of(report)
            if not view.enough:
                lines.append(e(too_few_text(view, t)))
                continue
            lines += [e(t("assessment.report.cohort_rule", points=SCALE_POINTS, min=view.min_learners)), ""]
        if not section.rows:  # the other of rounds and checks was shared: say which one nobody shared
            lines.append(e(t(_NONE[section.key])))
            continue
        rows = [[e(_plain(cell), cell=True) for cell in row] for row in section.rows]
        lines += _md_table([e(h, cell=True) for h in section.headings], rows)
    return lines


def _plain(cell: Any) -> str:
    from kursus.trainer.formats import Percent, When

    if cell is None:
        return "–"
    if isinstance(cell, When):
        return cell.moment.date().isoformat() if cell.moment else cell.text
    if isinstance(cell, Percent):
        return f"{round(cell.value * 100)} %"
    return str(cell)


def learner_data(learner: LearnerSummary) -> dict[str, Any]:
    """A learner's shared rounds and checks for the report's JSON (empty lists when none)."""
    return {
        "self_assessments": [
            {
                "id": one.id,
                "taken_at": one.taken_at,
                "occasion": one.occasion,
                "role": "before"
                if one.id == learner.round_before_id
                else "after"
                if one.id == learner.round_after_id
                else None,
                "levels": one.levels,
                "notes": one.notes,
                "next_steps": one.next_steps,
            }
            for one in learner.shared_rounds
        ],
        "phase_checks": [
            {
                "id": check.id,
                "network": check.network,
                "checked_at": check.checked_at,
                "phases": list(check.phases),
                "unfinished": list(check.unfinished),
                "confidence": check.confidence,
            }
            for check in learner.shared_checks
        ],
    }


def cohort_data(report: CohortReport) -> dict[str, Any]:
    view = view_of(report)
    return {
        "min_learners": view.min_learners,
        "learners_sharing": view.sharing,
        "shown": view.enough,
        "competences": [
            {
                "id": row.competence_id,
                "before_mean": _mean(row.before_mean),
                "before_n": row.before_n,
                "after_mean": _mean(row.after_mean),
                "after_n": row.after_n,
            }
            for row in view.rows
        ],
    }


def print_tables(report: CohortReport, t: Catalogue, console: Any) -> None:
    """The same sections on a Rich console (text as data: no markup, controls shown)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from kursus.textsafe import visible

    if not anything_shared(report):
        return
    for section in sections(report, t):
        console.print(Text(visible(section.title), style="bold"))
        if section.key == "self_assessment_cohort":
            view = view_of(report)
            if not view.enough:
                console.print(Text(visible(too_few_text(view, t))))
                console.print()
                continue
            console.print(Text(visible(t("assessment.report.cohort_rule", points=SCALE_POINTS, min=view.min_learners))))
        if not section.rows and section.key in _NONE:
            console.print(Text(visible(t(_NONE[section.key]))))
            console.print()
            continue
        grid = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
        for heading in section.headings:
            grid.add_column(Text(visible(heading)), overflow="fold")
        for row in section.rows:
            grid.add_row(*(Text(visible(_plain(cell))) for cell in row))
        console.print(grid)
        console.print()


__all__ = ["anything_shared", "cohort_data", "learner_data", "md_lines", "name_text", "print_tables", "sections"]
