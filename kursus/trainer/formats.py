"""A cohort report as table, csv, md or json.

Learner text (names, cohorts, reflections) and author text (titles) are data:
- table: Rich `Text` objects on a console with markup, emoji codes and highlighting
  off, so `[b]x[/b]` or `[@click=app.quit]` are printed as typed;
- csv: a cell starting with `=`, `+`, `-`, `@` (or tab / carriage return) gets a leading
  `'` so a spreadsheet shows it as text instead of running it as a formula;
- md: Markdown punctuation is backslash-escaped and `|` cannot break a table row;
- json: plain strings; the consumer decides.
Rich is imported only for the table, so csv/md/json stay quick (see bench/report.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kursus.i18n import Catalogue
from kursus.summary import LearnerSummary
from kursus.textsafe import dumps, md_escape, visible
from kursus.trainer.aggregate import CohortReport, ScenarioStat
from kursus.trainer.labels import (
    cohort_text,
    day,
    header_lines,
    lesson_title,
    module_legend,
    modules_cell,
    name_text,
    note_text,
    percent,
    prompt_text,
    skip_reason,
    status_label,
    summary_line,
)
from kursus.vocabulary import LearnerStatus

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

FORMATS = ("table", "csv", "md", "json")
JSON_FORMAT_VERSION = 1
WIDE_TABLE = 110  # terminal columns from which the table shows every column in full


def render(report: CohortReport, fmt: str, t: Catalogue, *, width: int = 120) -> str:
    """The report as text in `fmt` (one of FORMATS)."""
    if fmt == "csv":
        return render_csv(report, t)
    if fmt == "md":
        return render_md(report, t)
    if fmt == "json":
        return render_json(report, t)
    if fmt == "table":
        return render_table(report, t, width=width)
    raise ValueError(fmt)


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


def render_csv(report: CohortReport, t: Catalogue) -> str:
    """Sections separated by an empty line, each with its own heading row."""
    out = io.StringIO()
    writer = csv.writer(out)

    def row(cells: Iterable[object]) -> None:
        writer.writerow([neutralise(c) for c in cells])

    modules = report.course.modules
    row(
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
    for learner in report.learners:
        row(
            [learner.name, learner.cohort, learner.lessons_done, learner.lessons_total]
            + [learner.modules[m.id][0] for m in modules]
            + [
                "" if learner.first_try_score is None else round(learner.first_try_score * 100),
                learner.scenarios_answered,
                learner.last_activity.isoformat() if learner.last_activity else "",
                t(f"trainer.status.{learner.status}"),
                learner.shared_count,
                learner.reviews,
                "; ".join(note_text(n, t) for n in learner.notes),
                learner.relative,
            ]
        )
    out.write("\r\n")
    row(
        [
            t("trainer.col.rank"),
            t("trainer.col.lesson"),
            t("trainer.col.scenario"),
            t("trainer.col.answered"),
            t("trainer.col.right_first_pct"),
            t("trainer.col.mean_pct"),
            "lesson_id",
            "scenario_id",
        ]
    )
    for rank, stat in enumerate(report.scenarios, start=1):
        row(
            [
                rank,
                stat.lesson_title,
                stat.scenario_title,
                stat.answered,
                _pct_number(stat.share_right),
                _pct_number(stat.mean_first_score),
                stat.lesson_id,
                stat.scenario_id,
            ]
        )
    out.write("\r\n")
    row(
        [
            t("trainer.col.name"),
            t("trainer.col.cohort"),
            t("trainer.col.lesson"),
            t("trainer.col.prompt"),
            t("trainer.col.reflection"),
            t("trainer.col.updated"),
        ]
    )
    for learner in report.learners:
        for item in learner.shared:
            row(
                [
                    learner.name,
                    learner.cohort,
                    lesson_title(report, item.lesson_id),
                    prompt_text(report, item.lesson_id, item.prompt_id),
                    item.text,
                    item.updated,
                ]
            )
    if report.skipped:
        out.write("\r\n")
        row([t("trainer.col.skipped_file"), t("trainer.col.reason")])
        for skipped in report.skipped:
            row([skipped.relative, skip_reason(skipped, t)])
    return out.getvalue()


def _pct_number(value: float | None) -> object:
    return "" if value is None else round(value * 100)


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
                str(rank),
                stat.lesson_title,
                stat.scenario_title,
                str(stat.answered),
                percent(stat.share_right, t),
                percent(stat.mean_first_score, t),
            )
        ]
        for rank, stat in enumerate(report.scenarios, start=1)
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

    if report.skipped:
        lines += ["", f"## {md_escape(t('trainer.section.skipped'))}", ""]
        rows = [[md_escape(s.relative, cell=True), md_escape(skip_reason(s, t), cell=True)] for s in report.skipped]
        lines += _md_table([md_escape(t("trainer.col.skipped_file")), md_escape(t("trainer.col.reason"))], rows)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- json --------------------------------------------------------------------------------


def report_data(report: CohortReport, t: Catalogue) -> dict[str, Any]:
    """The report as plain data with stable English keys (for scripts)."""
    course = report.course
    return {
        "format": "kursus-report",
        "format_version": JSON_FORMAT_VERSION,
        "generated": report.now.isoformat(timespec="seconds"),
        "folder": str(report.folder),
        "course": {
            "id": course.id,
            "version": course.version,
            "title": course.title,
            "lang": course.lang,
            "lessons_total": len(course.lesson_order),
            "modules": [{"id": m.id, "title": m.title, "lessons": len(m.lesson_ids)} for m in course.modules],
        },
        "filter": {"cohort": report.cohort, "stalled_days": report.stalled_days},
        "cohorts": report.cohorts,
        "counts": {status.value: report.count(status) for status in LearnerStatus},
        "learners": [_learner_data(learner, t) for learner in report.learners],
        "scenarios": [_scenario_data(rank, stat) for rank, stat in enumerate(report.scenarios, start=1)],
        "skipped": [{"file": s.relative, "reason": skip_reason(s, t)} for s in report.skipped],
    }


def _learner_data(learner: LearnerSummary, t: Catalogue) -> dict[str, Any]:
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
    }


def _scenario_data(rank: int, stat: ScenarioStat) -> dict[str, Any]:
    return {
        "rank": rank,
        "lesson_id": stat.lesson_id,
        "scenario_id": stat.scenario_id,
        "lesson_title": stat.lesson_title,
        "scenario_title": stat.scenario_title,
        "answered": stat.answered,
        "right_first_try": stat.right_first,
        "share_right_first_try": None if stat.share_right is None else round(stat.share_right, 4),
        "mean_first_score": None if stat.mean_first_score is None else round(stat.mean_first_score, 4),
        "first_choices": dict(sorted(stat.first_choices.items())),
    }


def render_json(report: CohortReport, t: Catalogue, *, indent: int | None = None) -> str:
    """Compact by default: the C encoder is several times faster than an indented dump,
    and the json format is for programs (`jq .` pretty-prints it)."""
    return dumps(report_data(report, t), indent=indent) + "\n"


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

    # Below WIDE_TABLE columns the learner table drops the modules column and uses short
    # headings, so names stay readable in an 80-column terminal (md, csv, json keep all).
    wide = console.width >= WIDE_TABLE
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
    learners = table(t("trainer.section.learners"), headings, wrap=(0, 1, 3) if wide else (0, 1))
    for learner in report.learners:
        cells = [
            _text(name_text(learner, t)),
            _text(cohort_text(learner.cohort, t)),
            _text(f"{learner.lessons_done}/{learner.lessons_total}"),
        ]
        if wide:
            cells.append(_text(modules_cell(learner)))
        cells += [
            _text(percent(learner.first_try_score, t)),
            _text(day(learner.last_activity, t)),
            _text(status_label(learner.status, t)),
            _text(str(learner.shared_count)),
        ]
        learners.add_row(*cells)
    console.print(learners)
    console.print(_text(module_legend(report, t) if wide else t("trainer.report.narrow_legend")))
    for learner in report.learners:
        for note in learner.notes:
            console.print(_text(f"! {name_text(learner, t)}: {note_text(note, t)}"))
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
    for rank, stat in enumerate(report.scenarios, start=1):
        scenarios.add_row(
            _text(str(rank)),
            _text(stat.lesson_title),
            _text(stat.scenario_title),
            _text(str(stat.answered)),
            _text(percent(stat.share_right, t)),
            _text(percent(stat.mean_first_score, t)),
        )
    console.print(scenarios)

    shared = [(learner, item) for learner in report.learners for item in learner.shared]
    console.print(_text(t("trainer.section.shared"), style="bold"))
    if not shared:
        console.print(_text(t("trainer.report.none_shared")))
    for learner, item in shared:
        console.print(_text(f"{name_text(learner, t)} · {lesson_title(report, item.lesson_id)}", style="bold"))
        console.print(_text(prompt_text(report, item.lesson_id, item.prompt_id), style="italic"))
        console.print(_text(item.text))
        console.print()

    if report.skipped:
        skipped = table(
            t("trainer.section.skipped"),
            [(t("trainer.col.skipped_file"), "left"), (t("trainer.col.reason"), "left")],
            wrap=(0, 1),
        )
        for skipped_file in report.skipped:
            skipped.add_row(_text(skipped_file.relative), _text(skip_reason(skipped_file, t)))
        console.print(skipped)


def render_table(report: CohortReport, t: Catalogue, *, width: int = 120) -> str:
    console = plain_console(width=width)
    print_table(report, t, console)
    return console.file.getvalue()  # type: ignore[attr-defined]
