"""A learner's course record as a one- or two-page PDF (`kursus certificate`).

The numbers come from `kursus.summary.summarise`, the same function behind the trainer's
report and the learner's export, so the PDF and the trainer always agree: lessons done
per module, and the first-try score per module (the mean first-try score over the
scenarios answered in that module) and in total.

The PDF is set in DejaVu Sans, shipped in `kursus/fonts` (no system font is assumed).
Text from outside (the learner's name and cohort, titles from the course) is printed
literally: control characters are shown as visible signs, a character the font cannot
draw (most emoji) becomes a visible placeholder, and a line too long for the page is
shortened with an ellipsis.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kursus.content.models import Course
from kursus.i18n import Catalogue
from kursus.summary import CourseIndex, summarise
from kursus.textsafe import one_line
from kursus.tracking.record import ProgressRecord
from kursus.vocabulary import LearnerStatus

if TYPE_CHECKING:
    from fpdf import FPDF

    from kursus.assessment.models import SelfAssessment

FONT_DIR = Path(__file__).with_name("fonts")
FONT_FAMILY = "DejaVuSans"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

PLACEHOLDER = "\ufffd"  # � : shown for a character the font cannot draw
ELLIPSIS = "…"
MAX_LINE_CHARS = 500  # nothing longer is measured; a line this long never fits anyway

# Characters that only join or modify the one before (emoji sequences): after a
# placeholder they are dropped, so "👩‍👩‍👧" becomes one placeholder, not five signs.
_ZWJ = "\u200d"
_MODIFIERS = frozenset(
    [_ZWJ, "\ufe0e", "\ufe0f", "\u20e3"]
    + [chr(code) for code in range(0x1F3FB, 0x1F400)]  # skin tones
    + [chr(code) for code in range(0xE0020, 0xE0080)]  # tag characters (flag sequences)
)


@dataclass(frozen=True)
class ModuleLine:
    """One module of the course: lessons done of its lessons, and the first-try score."""

    title: str
    done: int
    total: int
    first_try: float | None  # None: no scenario in this module answered yet
    answered: int


@dataclass(frozen=True)
class CompetenceLine:
    """One competence's self-assessed level before and after, from SHARED rounds only
    (the PDF is handed to trainers)."""

    name: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class CourseRecord:
    """What the PDF shows, worked out from the learner's file and the course."""

    name: str
    cohort: str
    course_title: str
    lang: str
    complete: bool  # every lesson done: the PDF is a certificate
    modules: tuple[ModuleLine, ...]
    lessons_done: int
    lessons_total: int
    first_try: float | None
    answered: int
    date: datetime
    competences: tuple[CompetenceLine, ...] = ()  # empty: no round shared

    @property
    def kind(self) -> str:
        """ "complete" (Kursusbevis) or "partial" (Forløbsoversigt): the catalogue's word."""
        return "complete" if self.complete else "partial"


def course_record(
    record: ProgressRecord, course: Course, now: datetime, assessment: SelfAssessment | None = None
) -> CourseRecord:
    """The learner's figures, by the trainer's rules (`summarise`), and before/after per
    competence from the rounds the learner SHARED (`assessment` names the competences;
    without it they are shown by id)."""
    path = record.path or Path()
    summary = summarise(record, path, path.name, CourseIndex(course), now)
    module_of = {lesson_id: module.id for module in course.modules for lesson_id in module.lesson_ids}
    scores: dict[str, list[float]] = {module.id: [] for module in course.modules}
    for (lesson_id, _scenario_id), _choice, score in summary.first_tries:
        module_id = module_of.get(lesson_id)
        if module_id is not None:
            scores[module_id].append(score)
    lines = []
    for module in course.modules:
        done, total = summary.modules.get(module.id, (0, len(module.lesson_ids)))
        answered = scores[module.id]
        lines.append(
            ModuleLine(
                title=module.title,
                done=done,
                total=total,
                first_try=sum(answered) / len(answered) if answered else None,
                answered=len(answered),
            )
        )
    return CourseRecord(
        name=record.name,
        cohort=record.cohort,
        course_title=course.title,
        lang=course.lang,
        complete=summary.status == LearnerStatus.DONE,
        modules=tuple(lines),
        lessons_done=summary.lessons_done,
        lessons_total=summary.lessons_total,
        first_try=summary.first_try_score,
        answered=summary.scenarios_answered,
        date=now,
        competences=_competence_lines(record, assessment),
    )


def _competence_lines(record: ProgressRecord, assessment: SelfAssessment | None) -> tuple[CompetenceLine, ...]:
    from kursus.assessment.compare import before_after

    compared = before_after(record, assessment.ids if assessment else None, shared_only=True)
    if compared.empty:
        return ()
    names = {c.id: c.name for c in assessment.competences} if assessment else {}
    return tuple(
        CompetenceLine(names.get(row.competence_id, row.competence_id), row.before, row.after) for row in compared.rows
    )


def render_pdf(data: CourseRecord, t: Catalogue) -> bytes:
    """The PDF (A4, one page for any usual course; a long course continues on a second)."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    from kursus import __version__
    from kursus.trainer.labels import day, percent

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    for style, file_name in FONT_FILES.items():
        pdf.add_font(FONT_FAMILY, style, FONT_DIR / file_name)
    drawable = _drawable(pdf)
    title = t(f"certificate.title.{data.kind}")
    pdf.set_title(title)
    pdf.set_lang(data.lang)
    pdf.set_creator(f"kursus {__version__}")
    pdf.set_creation_date(data.date)
    pdf.add_page()
    width = pdf.epw

    def line(text: str, size: float, height: float, *, bold: bool = False, w: float = 0, last: bool = True) -> None:
        pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
        room = (w or (pdf.w - pdf.r_margin - pdf.get_x())) - 2 * pdf.c_margin
        shown = fit(printable(text, drawable), room, pdf.get_string_width)
        if last:
            pdf.cell(w, height, shown, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.cell(w, height, shown)

    line(title, 24, 13, bold=True)
    line(data.course_title, 13, 8)
    pdf.ln(6)
    label_width = 28.0
    facts = (
        (t("certificate.label.name"), data.name or t("certificate.no_name"), True),
        (t("certificate.label.cohort"), data.cohort or t("trainer.fmt.no_cohort"), False),
        (t("certificate.label.date"), day(data.date, t), False),
    )
    for label, value, bold in facts:
        line(label, 11, 8, w=label_width, last=False)
        line(value, 11, 8, bold=bold)
    pdf.ln(5)
    if data.complete:
        status = t("certificate.status.complete", total=data.lessons_total)
    else:
        status = t("certificate.status.partial", done=data.lessons_done, total=data.lessons_total)
    line(status, 11, 8)
    pdf.ln(3)

    # The heading of the last column ("Point ved første forsøg", bold) fits in full.
    number_width, points_width = 42.0, 54.0
    module_width = width - number_width - points_width

    def row(cells: tuple[str, str, str], *, bold: bool = False, border: str = "") -> None:
        pdf.set_font(FONT_FAMILY, "B" if bold else "", 11)
        for index, (text, w) in enumerate(zip(cells, (module_width, number_width, points_width))):
            shown = fit(printable(text, drawable), w - 2 * pdf.c_margin, pdf.get_string_width)
            last = index == 2
            pdf.cell(
                w,
                8,
                shown,
                border=border or 0,
                align="L" if index == 0 else "R",
                new_x=XPos.LMARGIN if last else XPos.RIGHT,
                new_y=YPos.NEXT if last else YPos.TOP,
            )

    row(
        (t("certificate.col.module"), t("certificate.col.lessons"), t("certificate.col.first_try")),
        bold=True,
        border="B",
    )
    for module in data.modules:
        row((module.title, f"{module.done}/{module.total}", percent(module.first_try, t)))
    row(
        (t("certificate.total"), f"{data.lessons_done}/{data.lessons_total}", percent(data.first_try, t)),
        bold=True,
        border="T",
    )
    pdf.ln(6)
    pdf.set_font(FONT_FAMILY, "", 9)
    pdf.multi_cell(
        0, 5, printable(t("certificate.note.first_try"), drawable), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(4)
    line(t("assessment.certificate.heading"), 12, 8, bold=True)
    if data.competences:
        row(
            (
                t("assessment.certificate.col.competence"),
                t("assessment.certificate.col.before"),
                t("assessment.certificate.col.after"),
            ),
            bold=True,
            border="B",
        )
        for competence in data.competences:
            row((competence.name, _level(competence.before), _level(competence.after)))
        pdf.set_font(FONT_FAMILY, "", 9)
        line(t("assessment.certificate.shared_only"), 9, 6)
    else:
        line(t("assessment.certificate.none_shared"), 10, 6)
    pdf.ln(2)
    line(t("certificate.footer", version=__version__), 9, 5)
    return bytes(pdf.output())


def _level(level: int | None) -> str:
    from kursus.tracking.record import SCALE_POINTS

    return "–" if level is None else f"{level}/{SCALE_POINTS}"


def certificate_pdf(
    record: ProgressRecord, course: Course, t: Catalogue, now: datetime, assessment: SelfAssessment | None = None
) -> tuple[CourseRecord, bytes]:
    """The learner's figures and their PDF."""
    data = course_record(record, course, now, assessment)
    return data, render_pdf(data, t)


def _drawable(pdf: FPDF) -> frozenset[int]:
    """The code points both shipped fonts can draw."""
    from fpdf.fonts import TTFFont

    maps = [set(font.cmap) for font in pdf.fonts.values() if isinstance(font, TTFFont)]
    return frozenset(set.intersection(*maps)) if maps else frozenset()


def printable(text: str, drawable: frozenset[int]) -> str:
    """`text` on one line, every character either drawable or a visible placeholder.

    Controls and direction overrides become visible signs first (`one_line`); a character
    the font has no glyph for becomes PLACEHOLDER, with the joiners and modifiers of the
    same emoji sequence folded into it.
    """
    out: list[str] = []
    joined = False  # the previous character was a joiner after a placeholder
    for char in one_line(text)[: MAX_LINE_CHARS * 2]:
        if char in _MODIFIERS:
            if out and out[-1] == PLACEHOLDER:
                joined = char == _ZWJ
                continue
            if ord(char) in drawable:
                out.append(char)
            joined = False
            continue
        if ord(char) not in drawable or unicodedata.category(char) in ("Cs", "Co", "Cn"):
            if not joined:
                out.append(PLACEHOLDER)
            joined = False
            continue
        joined = False
        out.append(char)
    return "".join(out)


def fit(text: str, room: float, measure: Callable[[str], float]) -> str:
    """`text` as it fits in `room` (in the PDF's units), shortened with an ellipsis."""
    text = text[:MAX_LINE_CHARS] + (ELLIPSIS if len(text) > MAX_LINE_CHARS else "")
    if measure(text) <= room:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest head that fits with the ellipsis after it
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip() + ELLIPSIS) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def pdf_file_names(slug: str) -> list[str]:
    """Every name default_file_name can give a learner's PDF (both languages, both kinds)."""
    from kursus.i18n import Catalogue

    return sorted(
        {
            f"{Catalogue(lang)(f'certificate.file.{kind}')}-{slug}.pdf"
            for lang in ("da", "en")
            for kind in ("complete", "partial")
        }
    )


def default_file_name(data: CourseRecord, t: Catalogue) -> str:
    """`kursusbevis-<slug>.pdf` or `forloebsoversigt-<slug>.pdf` (English words in English)."""
    from kursus.tracking.names import progress_file_name

    slug = Path(progress_file_name(data.name)).stem
    return f"{t(f'certificate.file.{data.kind}')}-{slug}.pdf"
