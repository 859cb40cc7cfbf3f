"""`kursus certificate`: the learner's course record as a PDF ("Kursusbevis" when every
lesson is done, else "Forløbsoversigt"). The progress file is only read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kursus.commands.export import find_own_record, own_language
from kursus.commands.options import CertificateOptions
from kursus.commands.output import output_format, output_path, write_output_bytes
from kursus.commands.report import course_for, progress_folder
from kursus.i18n import Catalogue
from kursus.locations import progress_dir
from kursus.textsafe import one_line

if TYPE_CHECKING:
    from kursus.assessment.models import SelfAssessment
    from kursus.content.models import Course


def certificate_command(options: CertificateOptions, *, now: datetime | None = None) -> int:
    from kursus.certificate import certificate_pdf, default_file_name

    folder = progress_folder(str(progress_dir(options.progress_dir)))
    record = find_own_record(folder, options.name)
    lang = own_language(options.lang, record)
    course = course_for(options.lessons, lang)
    t = Catalogue(lang)
    data, pdf = certificate_pdf(record, course, t, now or datetime.now(UTC), competence_names(options.lessons, course))
    target = options.output or str(Path.cwd() / default_file_name(data, t))
    path = output_path(target, [folder], [record.path] if record.path else [])
    output_format(target, {".pdf": "pdf"}, can_choose=False)  # a PDF, under a PDF's name
    write_output_bytes(path, pdf)
    print(one_line(t("certificate.written", title=t(f"certificate.title.{data.kind}"), path=str(path))))
    return 0


def competence_names(lessons_option: str | None, course: Course) -> SelfAssessment | None:
    """The competences' names for the before/after table; None (ids shown) without them."""
    from kursus.assessment.loader import load_self_assessment
    from kursus.content import ContentError
    from kursus.inputs import lessons_folder

    try:
        return load_self_assessment(lessons_folder(lessons_option), course.lang, course.lesson_order)
    except ContentError:
        return None  # `kursus validate` names the problem; the PDF still shows the ids
