"""Shared self-assessments and phase checks on the dashboard (issue 9).

The learner page's two sections (`learner_blocks`) and the cohort view (`v` on the cohort
table). Both read LearnerSummary, which holds SHARED rounds and checks only, and the
report's own words and rules (kursus.trainer.assessment_report, kursus.assessment.cohort):
a private round never reaches these screens, nor does its existence. The cohort view
follows the dashboard's cohort filter and shows means only when at least 3 learners
shared (else the report's "too few" line). Every outside text goes through safe().
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from kursus.assessment.cohort import CohortView, cohort_view, competence_ids_of
from kursus.assessment.models import SelfAssessment
from kursus.i18n import Catalogue
from kursus.summary import LearnerSummary, SharedRound
from kursus.tracking.record import SCALE_POINTS
from kursus.trainer.assessment_report import (
    confidence_text,
    occasion_text,
    phases_text,
    role_text,
    too_few_text,
)
from kursus.trainer.labels import clip
from kursus.ui.text import safe, safe_cell
from kursus.ui.trainer.base import TrainerScreen
from kursus.ui.trainer.cohort import TABLE_WIDTH
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar

FULL, EMPTY = "●", "○"  # the level as glyphs beside the number (readable with NO_COLOR)


def competence_name(competence_id: str, assessment: SelfAssessment | None) -> str:
    """The competence's name in the dashboard's language, or its id without the file."""
    found = assessment.competence(competence_id) if assessment is not None else None
    return found.name if found is not None else competence_id


def ordered_ids(ids: list[str], assessment: SelfAssessment | None) -> list[str]:
    """The course's order (the seed's) first, then ids the file does not know."""
    if assessment is None:
        return ids
    known = [cid for cid in assessment.ids if cid in ids]
    return known + [cid for cid in ids if cid not in known]


def date_text(value: str) -> str:
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except (TypeError, ValueError):
        return value  # as the file has it (shown through safe())


def level_bar(level: int) -> str:
    filled = max(0, min(SCALE_POINTS, level))
    return FULL * filled + EMPTY * (SCALE_POINTS - filled)


def mean_text(value: float | None, t: Catalogue) -> str:
    """Two decimals as the report rounds them; "–" when too few are behind the number."""
    return "–" if value is None else f"{value:.2f}".replace(".", t("trainer_assessment.decimal"))


# --- the learner page -------------------------------------------------------------------


def learner_blocks(learner: LearnerSummary, t: Catalogue, assessment: SelfAssessment | None) -> list[Static]:
    """The learner's shared rounds and shared checks; nothing at all when none is shared."""
    out: list[Static] = []
    if learner.shared_rounds:
        out.append(Static(safe(t("assessment.report.rounds")), classes="subheading", id="shared-rounds-heading"))
        for one in learner.shared_rounds:
            out += _round_blocks(learner, one, t, assessment)
    if learner.shared_checks:
        out.append(Static(safe(t("assessment.report.checks")), classes="subheading", id="shared-checks-heading"))
        for check in learner.shared_checks:
            line = t(
                "trainer_assessment.check",
                network=check.network,
                when=date_text(check.checked_at),
                phases=phases_text(check.phases, t),
                confidence=confidence_text(check.confidence, t),
            )
            out.append(Static(safe(line), classes="prompt"))
            if check.unfinished:
                unfinished = ", ".join(map(str, check.unfinished))
                out.append(Static(safe(t("phase_finder.export.unfinished", phases=unfinished)), classes="note"))
    return out


def _round_blocks(
    learner: LearnerSummary, one: SharedRound, t: Catalogue, assessment: SelfAssessment | None
) -> list[Static]:
    role = role_text(learner, one, t)
    heading = t(
        "trainer_assessment.round",
        when=date_text(one.taken_at),
        occasion=occasion_text(one.occasion, t),
        role=t("trainer_assessment.role", role=role) if role else "",
    )
    out = [Static(safe(heading), classes="prompt")]
    ids = ordered_ids(list(one.levels), assessment)
    lines = [
        t(
            "trainer_assessment.level",
            bar=level_bar(one.levels[cid]),
            level=one.levels[cid],
            points=SCALE_POINTS,
            competence=competence_name(cid, assessment),
        )
        for cid in ids
    ]
    out.append(Static(safe("\n".join(lines)), classes="reflection-text"))
    texts = ordered_ids(list(dict.fromkeys([*one.notes, *one.next_steps])), assessment)
    for cid in texts:
        name = competence_name(cid, assessment)
        if one.notes.get(cid):
            out.append(Static(safe(t("trainer_assessment.note", competence=name, text=one.notes[cid])), classes="note"))
        if one.next_steps.get(cid):
            step = t("trainer_assessment.next_step", competence=name, text=one.next_steps[cid])
            out.append(Static(safe(step), classes="note"))
    return out


# --- the cohort view --------------------------------------------------------------------


def view_for(learners: list[LearnerSummary], assessment: SelfAssessment | None) -> CohortView:
    """The cohort view over the learners shown (the report's rule: at least 3 sharing)."""
    return cohort_view(learners, ordered_ids(competence_ids_of(learners), assessment))


class AssessmentCohortScreen(TrainerScreen):
    """The cohort's shared self-assessment: mean level per competence before and after,
    and how many learners are behind each number, for the cohort the table shows."""

    BINDINGS = [Binding("escape,b,v", "back", "trainer.key.back", id="back")]
    view: CohortView

    def compose(self) -> ComposeResult:
        t, app = self.t, self.app
        cohort = t("trainer.report.all_cohorts") if app.cohort is None else app.cohort or t("trainer.fmt.no_cohort")
        yield TopBar(t("trainer_assessment.cohort.title"), t("trainer_assessment.cohort.filter", cohort=cohort))
        self.view = view = view_for(app.learners, app.assessment)
        if app.report.source:  # read from an LRS, which never holds a self-assessment
            yield Static(safe(t("assessment.report.not_in_lrs")), id="assessment-not-in-lrs", classes="heading")
        elif not view.enough:
            yield Static(safe(too_few_text(view, t)), id="assessment-too-few", classes="heading")
        else:
            yield Static(safe(t("trainer_assessment.cohort.sharing", n=view.sharing)), id="assessment-sharing")
            rule = t("assessment.report.cohort_rule", points=SCALE_POINTS, min=view.min_learners)
            yield Static(safe(rule), classes="hint", id="assessment-rule")
            yield DataTable(id="assessment-means", cursor_type="row", zebra_stripes=True)
        yield KeyHints()

    def on_mount(self) -> None:
        tables = self.query("#assessment-means")
        if not tables:  # compose said why there is no table (too few, or an LRS)
            return
        t, app = self.t, self.app
        table = tables.first(DataTable)
        headings = [
            t("trainer_assessment.col.before"),
            t("trainer_assessment.col.count"),
            t("trainer_assessment.col.after"),
            t("trainer_assessment.col.count"),
        ]
        fixed = [max(len(heading), 5) for heading in headings]
        width = max(TABLE_WIDTH, app.size.width - 1)
        name_width = width - 2 * (len(fixed) + 1) - sum(fixed)  # each cell has one space either side
        table.add_column(safe_cell(t("trainer_assessment.col.competence")), key="competence", width=name_width)
        for index, (heading, size) in enumerate(zip(headings, fixed)):
            table.add_column(safe_cell(heading), key=f"col{index}", width=size)
        for row in self.view.rows:
            table.add_row(
                safe_cell(clip(competence_name(row.competence_id, app.assessment), name_width)),
                safe_cell(mean_text(row.before_mean, t)),
                safe_cell(str(row.before_n)),
                safe_cell(mean_text(row.after_mean, t)),
                safe_cell(str(row.after_n)),
                key=row.competence_id,
            )
        table.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
