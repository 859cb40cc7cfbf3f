"""A cohort report as table, csv, md, json or xlsx.

Learner text (names, cohorts, reflections) and author text (titles) are data:
- table: Rich `Text` objects on a console with markup, emoji codes and highlighting
  off, so `[b]x[/b]` or `[@click=app.quit]` are printed as typed;
- csv: a cell starting with `=`, `+`, `-`, `@` (or tab / carriage return) gets a leading
  `'` so a spreadsheet shows it as text instead of running it as a formula; two
  dialects: RFC 4180 (comma, decimal point) and `excel-da`, what a Danish Excel opens
  by double-click (semicolon, decimal comma, local times, UTF-8 with a BOM);
- xlsx (kursus.trainer.xlsx): typed cells, every text cell written as text, never a formula;
- md: Markdown punctuation is backslash-escaped and `|` cannot break a table row;
- json: plain strings; the consumer decides.
Rich is imported only for the table and openpyxl only for xlsx, so csv/md/json stay
quick (see bench/report.py). csv and xlsx are built from the same `sections()`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from kursus.i18n import Catalogue
from kursus.summary import LearnerSummary
from kursus.textsafe import dumps, json_safe, md_escape, visible
from kursus.trainer.aggregate import CohortReport, ScenarioStat, first_try_split, knowledge_keys, learner_split
from kursus.trainer.labels import (
    clip,
    cohort_text,
    day,
    hardest_rule,
    header_lines,
    knowledge_line,
    lesson_title,
    module_legend,
    modules_cell,
    name_text,
    note_text,
    percent,
    plan_text,
    prompt_text,
    rank_text,
    scenario_title,
    skip_reason,
    status_label,
    summary_line,
)
from kursus.vocabulary import LearnerStatus

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

FORMATS = ("table", "csv", "md", "json", "xlsx")
SUFFIX_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".md": "md", ".markdown": "md", ".json": "json", ".txt": "table"}
"""The format an output file's suffix picks (report --output, the dashboard's export)."""
BINARY_FORMATS = frozenset({"xlsx"})
CSV_DIALECTS = ("rfc4180", "excel-da")
JSON_FORMAT_VERSION = 2  # 2: scenarios carry `ranked` and `hardness`, `rank` is null when not ranked
WIDE_TABLE = 110  # terminal columns from which the table shows every column in full
NAME_WIDTH = 32  # the table's name column at most (a longer name is cut with …; csv, md, json, xlsx keep it)
COHORT_WIDTH = 16  # the table's cohort column at most


def render(report: CohortReport, fmt: str, t: Catalogue, *, width: int = 120, csv_dialect: str = "rfc4180") -> str:
    """The report as text in `fmt` (one of FORMATS but xlsx: see render_bytes)."""
    if fmt == "csv":
        return render_csv(report, t, dialect=csv_dialect)
    if fmt == "md":
        return render_md(report, t)
    if fmt == "json":
        return render_json(report, t)
    if fmt == "table":
        return render_table(report, t, width=width)
    raise ValueError(fmt)


def render_bytes(
    report: CohortReport, fmt: str, t: Catalogue, *, width: int = 120, csv_dialect: str = "rfc4180"
) -> bytes:
    """The report as the bytes of a file in `fmt` (any of FORMATS)."""
    if fmt == "xlsx":
        from kursus.trainer.xlsx import render_xlsx

        return render_xlsx(report, t)
    text = render(report, fmt, t, width=width, csv_dialect=csv_dialect)
    return text.encode("utf-8-sig" if fmt == "csv" and csv_dialect == "excel-da" else "utf-8")


# --- sections: the report as typed tables (csv and xlsx) --------------------------------


class Percent(NamedTuple):
    """A share (0..1) shown as a percentage with `decimals` decimals."""

    value: float
    decimals: int = 0


class When(NamedTuple):
    """A moment: `moment` when the text parses as a time, and the text as the file had it."""

    moment: datetime | None
    text: str


Cell = str | int | float | Percent | When | None


@dataclass
class Section:
    key: str  # learners, scenarios, shared, skipped
    title: str  # the sheet's name
    file_stem: str  # the file's name when each section is a file of its own
    headings: list[str]
    rows: list[list[Cell]]


def _percent(value: float | None, decimals: int = 0) -> Percent | None:
    return None if value is None else Percent(value, decimals)


def _when(value: datetime | str | None) -> When | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return When(value, value.isoformat())
    try:
        moment: datetime | None = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        moment = None
    return When(moment, str(value))


def sections(report: CohortReport, t: Catalogue) -> list[Section]:
    """Learners, scenarios, shared reflections and skipped files as typed tables."""
    modules = report.course.modules
    planned = bool(report.plans)
    headings = (
        [t("trainer.col.name"), t("trainer.col.cohort"), t("trainer.col.lessons_done"), t("trainer.col.lessons_total")]
        + [t("trainer.col.module", title=m.title) for m in modules]
        + [
            t("trainer.col.first_try_pct"),
            t("trainer.col.answered"),
            t("trainer.col.last_activity"),
            t("trainer.col.status"),
            t("trainer.col.shared"),
            t("trainer.col.reviews"),
            t("trainer.col.notes"),
            t("trainer.col.file"),
        ]
    )
    if planned:
        headings += [t("trainer.col.plan"), t("trainer.col.plan_lessons")]
    rows: list[list[Cell]] = []
    for learner in report.learners:
        row: list[Cell] = [learner.name, learner.cohort, learner.lessons_done, learner.lessons_total]
        row += [learner.modules[m.id][0] for m in modules]
        row += [
            _percent(learner.first_try_score),
            learner.scenarios_answered,
            _when(learner.last_activity),
            t(f"trainer.status.{learner.status}"),
            learner.shared_count,
            learner.reviews,
            "; ".join(note_text(n, t) for n in learner.notes),
            learner.relative,
        ]
        if planned:
            position = report.position(learner)
            row += [None if position is None else plan_text(position, t), None if position is None else position.signed]
        rows.append(row)
    learners = Section("learners", t("trainer.section.learners"), t("trainer.file.learners"), headings, rows)

    scenarios = Section(
        "scenarios",
        t("trainer.section.scenarios"),
        t("trainer.file.scenarios"),
        [
            t("trainer.col.rank"),
            t("trainer.col.lesson"),
            t("trainer.col.scenario"),
            t("trainer.col.answered"),
            t("trainer.col.right_first_pct"),
            t("trainer.col.mean_pct"),
            t("trainer.col.hardness"),
            t("trainer.col.knowledge"),
            "lesson_id",
            "scenario_id",
        ],
        [
            [
                stat.rank,
                stat.lesson_title,
                stat.scenario_title,
                stat.answered,
                _percent(stat.share_right),
                _percent(stat.mean_first_score),
                _percent(stat.hardness, 1),
                t("trainer.yes") if stat.knowledge_check else "",
                stat.lesson_id,
                stat.scenario_id,
            ]
            for stat in report.scenarios
        ],
    )
    shared = Section(
        "shared",
        t("trainer.section.shared"),
        t("trainer.file.shared"),
        [
            t("trainer.col.name"),
            t("trainer.col.cohort"),
            t("trainer.col.lesson"),
            t("trainer.col.prompt"),
            t("trainer.col.reflection"),
            t("trainer.col.updated"),
        ],
        [
            [
                learner.name,
                learner.cohort,
                lesson_title(report, item.lesson_id),
                prompt_text(report, item.lesson_id, item.prompt_id),
                item.text,
                _when(item.updated) or item.updated,
            ]
            for learner in report.learners
            for item in learner.shared
        ],
    )
    skipped = Section(
        "skipped",
        t("trainer.section.skipped"),
        t("trainer.file.skipped"),
        [t("trainer.col.skipped_file"), t("trainer.col.reason")],
        [[item.relative, skip_reason(item, t)] for item in report.skipped],
    )
    if report.source:  # from an LRS: self-assessments and phase checks are not sent, so say so
        return [learners, scenarios, shared, lrs_assessments_section(t), skipped]
    if not report.shares_assessments():
        return [learners, scenarios, shared, skipped]
    from kursus.trainer import assessment_report  # shared self-assessments and phase checks (issue 9)

    return [learners, scenarios, shared, *assessment_report.sections(report, t), skipped]


def lrs_assessments_section(t: Catalogue) -> Section:
    """Where a report from files has its self-assessment and phase check sections, a
    report from an LRS has one line saying they are not in it (and where to read them)."""
    return Section(
        "lrs_assessments",
        t("trainer.section.lrs_assessments"),
        t("trainer.file.lrs_assessments"),
        [t("trainer.col.notes")],
        [[t("trainer.report.lrs_no_assessments")]],
    )


# --- csv ---------------------------------------------------------------------------------

_FORMULA_TRIGGERS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")  # and the full-width ＝＋－＠
# What a spreadsheet may skip before it sees the first visible character of a cell.
_INVISIBLE_LEAD = frozenset("\"'\u00a0\u200b\u200c\u200d\u2060\ufeff")


def neutralise(cell: object) -> str:
    """A spreadsheet-safe cell: text whose first visible character would start a formula
    (`=`, `+`, `-`, `@` or their full-width forms, also behind spaces, line breaks,
    quotes, no-break or zero-width spaces or a BOM) gets a leading `'`, and so does a
    cell starting with a tab or line break. Control characters are shown, not kept."""
    text = "" if cell is None else str(cell)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return text
    for char in text:
        if char.isspace() or char in _INVISIBLE_LEAD:
            continue
        if char in _FORMULA_TRIGGERS:
            text = "'" + text
        break
    if text[:1] in ("\t", "\r", "\n"):
        text = "'" + text
    return visible(text)


def render_csv(report: CohortReport, t: Catalogue, *, dialect: str = "rfc4180") -> str:
    """Sections separated by an empty line, each with its own heading row (the skipped
    files only when there are any). `dialect`: one of CSV_DIALECTS."""
    parts = sections(report, t)
    if not report.skipped:
        parts = parts[:-1]
    return "\r\n".join(section_csv(section, dialect) for section in parts)


def section_csv(section: Section, dialect: str = "rfc4180") -> str:
    """One section as CSV text (heading row first)."""
    if dialect not in CSV_DIALECTS:
        raise ValueError(dialect)
    danish = dialect == "excel-da"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if danish else ",")
    writer.writerow([neutralise(heading) for heading in section.headings])
    for row in section.rows:
        writer.writerow([_csv_cell(cell, danish) for cell in row])
    return out.getvalue()


def _csv_cell(cell: Cell, danish: bool) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Percent):
        number = cell.value * 100
        text = f"{number:.{cell.decimals}f}" if cell.decimals else str(round(number))
        return text.replace(".", ",") if danish else text
    if isinstance(cell, When):
        if danish and cell.moment is not None:  # local time, in a shape a Danish Excel reads as a time
            return cell.moment.astimezone().strftime("%Y-%m-%d %H:%M")
        return neutralise(cell.text)
    if isinstance(cell, float) and danish:
        return repr(cell).replace(".", ",")
    return neutralise(cell)


# --- markdown ----------------------------------------------------------------------------


def _md_table(headings: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headings) + " |", "|" + "|".join("---" for _ in headings) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return lines


def render_md(report: CohortReport, t: Catalogue) -> str:
    lines = [f"# {md_escape(t('trainer.report.title', course=report.course.title))}", ""]
    lines += [md_escape(line) + "  " for line in header_lines(report, t)]
    lines += ["", f"**{md_escape(summary_line(report, t))}**", ""]

    lines += [f"## {md_escape(t('trainer.section.learners'))}", ""]
    modules = report.course.modules
    headings = [t("trainer.col.name"), t("trainer.col.cohort"), t("trainer.col.lessons")]
    headings += [m.title for m in modules]
    headings += [
        t("trainer.col.first_try"),
        t("trainer.col.last_activity"),
        t("trainer.col.status"),
        t("trainer.col.shared"),
        t("trainer.col.reviews"),
    ]
    planned = bool(report.plans)
    if planned:
        headings.append(t("trainer.col.plan"))
    rows = []
    for learner in report.learners:
        cells = [
            name_text(learner, t),
            cohort_text(learner.cohort, t),
            f"{learner.lessons_done}/{learner.lessons_total}",
        ]
        cells += [f"{learner.modules[m.id][0]}/{learner.modules[m.id][1]}" for m in modules]
        cells += [
            percent(learner.first_try_score, t),
            day(learner.last_activity, t),
            status_label(learner.status, t),
            str(learner.shared_count),
            str(learner.reviews),
        ]
        if planned:
            cells.append(plan_text(report.position(learner), t))
        rows.append([md_escape(c, cell=True) for c in cells])
    lines += _md_table([md_escape(h, cell=True) for h in headings], rows)
    noted = [learner for learner in report.learners if learner.notes]
    if noted:
        lines += ["", f"### {md_escape(t('trainer.section.notes'))}", ""]
        for learner in noted:
            for note in learner.notes:
                lines.append(
                    f"- **{md_escape(name_text(learner, t), cell=True)}**: {md_escape(note_text(note, t), cell=True)}"
                )

    lines += ["", f"## {md_escape(t('trainer.section.scenarios'))}", ""]
    lines += [md_escape(hardest_rule(report, t)), ""]
    if knowledge := knowledge_line(report.scenarios, t):
        lines += [md_escape(knowledge), ""]
    headings = [
        t("trainer.col.rank"),
        t("trainer.col.lesson"),
        t("trainer.col.scenario"),
        t("trainer.col.answered"),
        t("trainer.col.right_first"),
        t("trainer.col.mean"),
    ]
    rows = [
        [
            md_escape(c, cell=True)
            for c in (
                rank_text(stat),
                stat.lesson_title,
                scenario_title(stat, t),
                str(stat.answered),
                percent(stat.share_right, t),
                percent(stat.mean_first_score, t),
            )
        ]
        for stat in report.scenarios
    ]
    lines += _md_table([md_escape(h, cell=True) for h in headings], rows)

    lines += ["", f"## {md_escape(t('trainer.section.shared'))}", ""]
    any_shared = False
    for learner in report.learners:
        for item in learner.shared:
            any_shared = True
            heading = f"{name_text(learner, t)} · {lesson_title(report, item.lesson_id)}"
            lines += [f"### {md_escape(heading, cell=True)}", ""]
            lines += [f"*{md_escape(prompt_text(report, item.lesson_id, item.prompt_id), cell=True)}*", ""]
            lines += ["> " + line if line.strip() else ">" for line in md_escape(item.text).splitlines() or [""]]
            lines += ["", md_escape(t("trainer.report.updated", when=item.updated)), ""]
    if not any_shared:
        lines += [md_escape(t("trainer.report.none_shared")), ""]

    if report.source:
        lines += ["", f"## {md_escape(t('trainer.section.lrs_assessments'))}", ""]
        lines += [md_escape(t("trainer.report.lrs_no_assessments")), ""]
    elif report.shares_assessments():
        from kursus.trainer import assessment_report

        lines += assessment_report.md_lines(report, t)

    if report.skipped:
        lines += ["", f"## {md_escape(t('trainer.section.skipped'))}", ""]
        rows = [[md_escape(s.relative, cell=True), md_escape(skip_reason(s, t), cell=True)] for s in report.skipped]
        lines += _md_table([md_escape(t("trainer.col.skipped_file")), md_escape(t("trainer.col.reason"))], rows)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- json --------------------------------------------------------------------------------


def report_data(report: CohortReport, t: Catalogue) -> dict[str, Any]:
    """The report as plain data with stable English keys (for scripts)."""
    course = report.course
    marked = knowledge_keys(course)
    return {
        "format": "kursus-report",
        "format_version": JSON_FORMAT_VERSION,
        "generated": report.now.isoformat(timespec="seconds"),
        "folder": None if report.source else str(report.folder),  # a report from an LRS: "lrs" instead
        **({"lrs": report.source} if report.source else {}),
        "course": {
            "id": course.id,
            "version": course.version,
            "title": course.title,
            "lang": course.lang,
            "lessons_total": len(course.lesson_order),
            "modules": [{"id": m.id, "title": m.title, "lessons": len(m.lesson_ids)} for m in course.modules],
        },
        "filter": {"cohort": report.cohort, "stalled_days": report.stalled_days, "min_answers": report.min_answers},
        "cohorts": report.cohorts,
        "counts": {status.value: report.count(status) for status in LearnerStatus},
        **({"plans": [_plan_data(plan, report) for plan in report.plans.plans]} if report.plans else {}),
        "learners": [_learner_data(learner, t, report, marked) for learner in report.learners],
        "scenarios": [_scenario_data(stat) for stat in report.scenarios],
        "first_try": _first_try_data(report),
        "skipped": [{"file": s.relative, "reason": skip_reason(s, t)} for s in report.skipped],
        **_assessment_cohort(report),
        **(
            {"not_from_lrs": ["self_assessments", "phase_checks"], "note": t("trainer.report.lrs_no_assessments")}
            if report.source
            else {}
        ),
    }


def _assessment_cohort(report: CohortReport) -> dict[str, Any]:
    if not report.shares_assessments():
        return {}
    from kursus.trainer import assessment_report

    return {"self_assessment_cohort": assessment_report.cohort_data(report)}


def _plan_data(plan: Any, report: CohortReport) -> dict[str, Any]:
    today = report.plans.today or report.now.date()
    return {
        "name": plan.name,
        "file": str(plan.path),
        "cohort": plan.cohort,
        "start": plan.start.isoformat(),
        "pace": plan.pace,
        "due": [{"by": m.by.isoformat(), "lessons": sorted(m.lessons)} for m in plan.milestones],
        "expected_now": len(plan.expected(today)),
    }


def _learner_data(
    learner: LearnerSummary, t: Catalogue, report: CohortReport, marked: frozenset[tuple[str, str]]
) -> dict[str, Any]:
    split = learner_split(learner, marked)
    extra: dict[str, Any] = {"knowledge_checks": {"answered": split.knowledge_answered, "right": split.knowledge_right}}
    if report.plans:
        position = report.position(learner)
        extra["plan"] = (
            None
            if position is None
            else {
                "status": position.status.value,
                "lessons": position.lessons,
                "expected": position.expected,
                "label": plan_text(position, t),
            }
        )
    return {
        "name": learner.name,
        "cohort": learner.cohort,
        "file": learner.relative,
        "lang": learner.lang,
        "status": learner.status,
        "status_label": t(f"trainer.status.{learner.status}"),
        **learner.progress_fields(),
        "shared_reflections": learner.shared_count,
        "reflections": [
            {"lesson_id": r.lesson_id, "prompt_id": r.prompt_id, "text": r.text, "updated": r.updated}
            for r in learner.shared
        ],
        "notes": [{"kind": n.key.rsplit(".", 1)[-1], "text": note_text(n, t), **n.as_dict()} for n in learner.notes],
        **_assessment_of(learner),
        **extra,
    }


def _assessment_of(learner: LearnerSummary) -> dict[str, Any]:
    """The learner's SHARED self-assessment rounds and phase checks (keys only when any)."""
    if not learner.shared_rounds and not learner.shared_checks:
        return {}
    from kursus.trainer import assessment_report

    return assessment_report.learner_data(learner)


def _scenario_data(stat: ScenarioStat) -> dict[str, Any]:
    hardness = stat.hardness
    return {
        "rank": stat.rank,
        "ranked": stat.rank is not None,
        "lesson_id": stat.lesson_id,
        "scenario_id": stat.scenario_id,
        "lesson_title": stat.lesson_title,
        "scenario_title": stat.scenario_title,
        "answered": stat.answered,
        "right_first_try": stat.right_first,
        "share_right_first_try": None if stat.share_right is None else round(stat.share_right, 4),
        "mean_first_score": None if stat.mean_first_score is None else round(stat.mean_first_score, 4),
        "hardness": None if hardness is None else round(hardness, 4),
        "knowledge_check": stat.knowledge_check,
        "first_choices": dict(sorted(stat.first_choices.items())),
    }


def _first_try_data(report: CohortReport) -> dict[str, Any]:
    split = first_try_split(report.scenarios)

    def share(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    return {
        "knowledge_checks": {
            "answered": split.knowledge_answered,
            "right": split.knowledge_right,
            "share_right": share(split.knowledge_share),
        },
        "other_scenarios": {
            "answered": split.other_answered,
            "right": split.other_right,
            "share_right": share(split.other_share),
        },
    }


_UNSAFE_JSON_BYTES = (b"\x7f", b"\xc2", b"\xd8", b"\xe2")


def render_json(report: CohortReport, t: Catalogue, *, indent: int | None = None) -> str:
    """Compact by default, with orjson when it is there: several times faster than an
    indented dump, and the json format is for programs (`jq .` pretty-prints it). The
    same escaping either way (`textsafe.json_safe`)."""
    data = report_data(report, t)
    if indent is None:
        try:
            import orjson

            raw = orjson.dumps(data)
            text = raw.decode("utf-8")
            # Every character json_safe escapes is DEL or starts with one of these bytes in
            # UTF-8 (C1: c2, U+061C: d8, direction marks and U+2028/9: e2); a report
            # without them (the usual case, Danish letters included) needs no scan.
            if any(lead in raw for lead in _UNSAFE_JSON_BYTES):
                text = json_safe(text)
            return text + "\n"
        except (ImportError, TypeError):  # no orjson, or a value only json can write
            pass
    return dumps(data, indent=indent) + "\n"


# --- table (Rich) ------------------------------------------------------------------------


def plain_console(file: Any = None, *, width: int | None = 120, color: bool = False) -> Console:
    """A Rich console that never interprets text: no markup, emoji codes or highlighting."""
    from rich.console import Console

    return Console(
        file=file if file is not None else io.StringIO(),
        width=width,
        markup=False,
        emoji=False,
        highlight=False,
        color_system="standard" if color else None,
        force_terminal=color or None,
        no_color=not color,
        soft_wrap=False,
    )


def print_table(report: CohortReport, t: Catalogue, console: Console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    def _text(value: object, style: str = "") -> Text:  # "": Text's own default, no style
        return Text(visible(value), style=style)  # never raw control characters on a terminal

    def table(title: str, headings: list[tuple[str, str]], wrap: tuple[int, ...] = ()) -> Table:
        """Columns listed in `wrap` (learner and author text) wrap; numbers and statuses never do."""
        grid = Table(
            title=_text(title, style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            collapse_padding=True,
        )
        for index, (heading, justify) in enumerate(headings):
            grid.add_column(_text(heading), justify=justify, overflow="fold", no_wrap=index not in wrap)  # type: ignore[arg-type]
        return grid

    console.print(_text(t("trainer.report.title", course=report.course.title), style="bold"))
    for line in header_lines(report, t):
        console.print(_text(line))
    console.print(_text(summary_line(report, t)))
    console.print()

    # Below WIDE_TABLE columns (or when the modules would leave a name too little room)
    # the learner table drops the modules column and uses short headings, so names stay
    # readable in an 80-column terminal (md, csv, json keep all).
    wide = console.width >= WIDE_TABLE
    headings, rows = _learner_cells(report, t, wide)
    name_width, cohort_width = _name_widths(console.width, [heading for heading, _ in headings], rows, wide)
    if wide and name_width + cohort_width < 28:
        wide = False
        headings, rows = _learner_cells(report, t, wide)
        name_width, cohort_width = _name_widths(console.width, [heading for heading, _ in headings], rows, wide)
    col = "trainer.col" if wide else "trainer.colshort"  # the scenario table's headings follow suit
    learners = table(t("trainer.section.learners"), headings, wrap=(3,) if wide else ())
    for column in (0, 1):  # cut with … below (words kept whole where there is room), never folded
        learners.columns[column].overflow = "ellipsis"
    if wide:  # the modules wrap between their figures, never inside the heading
        learners.columns[3].min_width = len(headings[3][0])
    for cells in rows:
        cells[0], cells[1] = clip(cells[0], name_width), clip(cells[1], cohort_width)
        learners.add_row(*(_text(cell) for cell in cells))
    console.print(learners)
    console.print(_text(module_legend(report, t) if wide else t("trainer.report.narrow_legend")))
    for learner in report.learners:
        for note in learner.notes:
            console.print(_text(f"! {clip(visible(name_text(learner, t)), NAME_WIDTH)}: {note_text(note, t)}"))
    console.print()

    scenarios = table(
        t("trainer.section.scenarios"),
        [
            ("#", "right"),
            (t("trainer.col.lesson"), "left"),
            (t("trainer.col.scenario"), "left"),
            (t(f"{col}.answered"), "right"),
            (t(f"{col}.right_first"), "right"),
            (t(f"{col}.mean"), "right"),
        ],
        wrap=(1, 2),
    )
    for stat in report.scenarios:
        scenarios.add_row(
            _text(rank_text(stat)),
            _text(stat.lesson_title),
            _text(scenario_title(stat, t)),
            _text(str(stat.answered)),
            _text(percent(stat.share_right, t)),
            _text(percent(stat.mean_first_score, t)),
        )
    console.print(scenarios)
    console.print(_text(hardest_rule(report, t)))
    if knowledge := knowledge_line(report.scenarios, t):
        console.print(_text(knowledge))
    console.print()

    shared = [(learner, item) for learner in report.learners for item in learner.shared]
    console.print(_text(t("trainer.section.shared"), style="bold"))
    if not shared:
        console.print(_text(t("trainer.report.none_shared")))
    for learner, item in shared:
        name = clip(visible(name_text(learner, t)), NAME_WIDTH)
        console.print(_text(f"{name} · {lesson_title(report, item.lesson_id)}", style="bold"))
        console.print(_text(prompt_text(report, item.lesson_id, item.prompt_id), style="italic"))
        console.print(_text(item.text))
        console.print()

    if report.source:
        console.print(_text(t("trainer.section.lrs_assessments"), style="bold"))
        console.print(_text(t("trainer.report.lrs_no_assessments")))
        console.print()
    elif report.shares_assessments():
        from kursus.trainer import assessment_report

        assessment_report.print_tables(report, t, console)

    if report.skipped:
        skipped = table(
            t("trainer.section.skipped"),
            [(t("trainer.col.skipped_file"), "left"), (t("trainer.col.reason"), "left")],
            wrap=(0, 1),
        )
        for skipped_file in report.skipped:
            skipped.add_row(_text(skipped_file.relative), _text(skip_reason(skipped_file, t)))
        console.print(skipped)


def _learner_cells(report: CohortReport, t: Catalogue, wide: bool) -> tuple[list[tuple[str, str]], list[list[str]]]:
    """The learner table's headings (with their justification) and rows, as text."""
    col = "trainer.col" if wide else "trainer.colshort"
    headings = [(t(f"{col}.name"), "left"), (t(f"{col}.cohort"), "left"), (t(f"{col}.lessons"), "right")]
    if wide:
        headings.append((t("trainer.col.modules"), "left"))
    headings += [
        (t(f"{col}.first_try"), "right"),
        (t(f"{col}.last_activity"), "left"),
        (t(f"{col}.status"), "left"),
        (t(f"{col}.shared"), "right"),
    ]
    planned = bool(report.plans)
    if planned:
        headings.append((t(f"{col}.plan"), "left"))
    rows = []
    for learner in report.learners:
        cells = [
            visible(name_text(learner, t)),
            visible(cohort_text(learner.cohort, t)),
            f"{learner.lessons_done}/{learner.lessons_total}",
        ]
        if wide:
            cells.append(modules_cell(learner))
        cells += [
            percent(learner.first_try_score, t),
            day(learner.last_activity, t),
            status_label(learner.status, t),
            str(learner.shared_count),
        ]
        if planned:
            cells.append(plan_text(report.position(learner), t, short=True))  # full words: md, csv, json
        rows.append(cells)
    return headings, rows


def _name_widths(width: int, headings: list[str], rows: list[list[str]], wide: bool) -> tuple[int, int]:
    """Columns for the learner table's name and cohort: what the longest needs, at most
    NAME_WIDTH and COHORT_WIDTH, and less when the other columns leave less room in
    `width`: then the name gets two thirds and the cohort one third, and what one of them
    does not need goes to the other (the cohort keeps at least its heading, the name 8;
    in a wide table the modules column may wrap onto a second line instead)."""
    from rich.cells import cell_len

    def need(column: int) -> int:
        return max([cell_len(headings[column])] + [cell_len(row[column]) for row in rows])

    others = sum(need(column) for column in range(2, len(headings)))
    if wide:
        others -= need(3) // 2  # the modules column may wrap onto a second line
    room = width - others - 2 * len(headings)  # a space either side of every cell (box.SIMPLE_HEAD)
    name, cohort = min(need(0), NAME_WIDTH), min(need(1), COHORT_WIDTH)
    if name + cohort > room:
        cohort = min(cohort, max(cell_len(headings[1]), room // 3, room - name))
        name = min(name, max(8, room - cohort))
    return name, cohort


def render_table(report: CohortReport, t: Catalogue, *, width: int = 120) -> str:
    console = plain_console(width=width)
    print_table(report, t, console)
    return console.file.getvalue()  # type: ignore[attr-defined]
