"""The cohort report as an Excel workbook (openpyxl): one sheet per section.

Learners, scenarios, shared reflections and skipped files (`formats.sections()`), each
with a bold, frozen heading row, a filter on every column and widths that fit the
text. Cells are typed: numbers as numbers, shares as percentages, moments as dates in
local time (Excel has no time zones). Every text cell is written as text, never as a
formula: `=HYPERLINK(...)` typed as a learner's name stays those characters. Control
characters are shown as visible signs (kursus.textsafe), as in every other format.

Written in openpyxl's write-only mode: rows stream to the file, so 10,000 learners
take little memory. openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from kursus.i18n import Catalogue
from kursus.textsafe import visible
from kursus.trainer.aggregate import CohortReport
from kursus.trainer.formats import Cell, Percent, Section, When, sections

MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
MAX_WIDTH = 60  # columns of text; longer text wraps in the cell when opened
MIN_WIDTH = 6
DATE_FORMAT = "yyyy-mm-dd hh:mm"
_FORBIDDEN_IN_TITLE = str.maketrans({char: " " for char in "[]:*?/\\"})


def render_xlsx(report: CohortReport, t: Catalogue) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    used: set[str] = set()
    for section in sections(report, t):
        _write_sheet(book, section, _title(section.title, used))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _title(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    base = " ".join(visible(title).translate(_FORBIDDEN_IN_TITLE).split())[:31] or "Ark"
    name, number = base, 2
    while name.casefold() in used:
        suffix = f" {number}"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(name.casefold())
    return name


def _write_sheet(book: Any, section: Section, title: str) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    columns = len(section.headings)
    # Widths must be set before the first row is written (write-only mode).
    for index, width in enumerate(_widths(section), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    top = Alignment(vertical="top")
    heading_row = []
    for heading in section.headings:
        cell = _text_cell(WriteOnlyCell(sheet), heading)
        cell.font = bold
        heading_row.append(cell)
    sheet.append(heading_row)
    for row in section.rows:
        sheet.append([_cell(WriteOnlyCell, sheet, value, top) for value in row])
    last = get_column_letter(max(columns, 1))
    sheet.auto_filter.ref = f"A1:{last}{len(section.rows) + 1}"


def _text_cell(cell: Any, text: object) -> Any:
    value = visible(text)
    if len(value) > MAX_CELL_TEXT:
        value = value[: MAX_CELL_TEXT - 1] + "…"
    cell.value = value
    cell.data_type = "s"  # text, never a formula (openpyxl takes "=..." for one)
    return cell


def _cell(factory: Any, sheet: Any, value: Cell, alignment: Any) -> Any:
    cell = factory(sheet)
    if value is None:
        return cell
    if isinstance(value, Percent):
        cell.value = value.value
        cell.number_format = "0%" if not value.decimals else "0." + "0" * value.decimals + "%"
    elif isinstance(value, When):
        if value.moment is None:
            return _text_cell(cell, value.text)
        cell.value = local_time(value.moment)
        cell.number_format = DATE_FORMAT
    elif isinstance(value, bool):
        return _text_cell(cell, str(value))
    elif isinstance(value, int | float):
        cell.value = value
    else:
        _text_cell(cell, value)
        if "\n" in cell.value:
            cell.alignment = alignment
    return cell


def local_time(moment: datetime) -> datetime:
    """The moment in the computer's local time, without a zone (as Excel keeps times);
    a time with no zone is taken as UTC, as the progress files write them."""
    from datetime import UTC

    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None)


def _widths(section: Section) -> list[float]:
    """Each column as wide as its longest line of text (heading included), within bounds."""
    widths = [float(max(MIN_WIDTH, min(MAX_WIDTH, _length(heading) + 2))) for heading in section.headings]
    for row in section.rows:
        for index, value in enumerate(row):
            if index < len(widths) and widths[index] < MAX_WIDTH:
                widths[index] = max(widths[index], float(min(MAX_WIDTH, _length(value) + 2)))
    return widths


def _length(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, Percent):
        return 6
    if isinstance(value, When):
        return 16 if value.moment is not None else len(value.text)
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    return len(str(value))
