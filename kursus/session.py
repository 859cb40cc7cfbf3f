"""Everything the learner app needs before the first screen, prepared without Textual.

The CLI and the tests both call `prepare_session()` and hand the result to
`kursus.ui.app.make_app()`, so the app under test is the app users run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kursus.content import ContentError, Course
from kursus.content.cache import load_course_cached
from kursus.errors import CliError
from kursus.i18n import UnknownLanguage, resolve_language
from kursus.locations import lessons_dir, progress_dir
from kursus.tracking import OpenReport, ProgressLocked, ProgressStore
from kursus.tracking.names import clean_name
from kursus.tracking.record import read_record
from kursus.tracking.storage import UnreadableProgressFile


@dataclass
class Session:
    lang: str
    course: Course
    lessons_dir: Path
    progress_dir: Path
    cohort: str | None = None
    store: ProgressStore | None = None  # None until the learner has told us their name
    open_report: OpenReport | None = None
    known_learners: list[tuple[str, str]] = field(default_factory=list)  # (name, cohort)
    courses: dict[str, Course] = field(default_factory=dict)  # by language, loaded on demand

    def open_learner(self, name: str, cohort: str | None = None) -> OpenReport:
        """Open (or create) the learner's progress file and remember it."""
        if cohort is not None:
            self.cohort = cohort
        self.store, self.open_report = ProgressStore.open_for(
            self.progress_dir, clean_name(name), cohort=self.cohort, lang=self.lang,
            course_id=self.course.id, content_version=self.course.version,
        )
        return self.open_report

    def course_in(self, lang: str) -> Course:
        """The course in another language (the in-app language switch)."""
        if lang == self.course.lang:
            return self.course
        if lang not in self.courses:
            self.courses[lang] = load_course_cached(self.lessons_dir, lang)
        return self.courses[lang]


def prepare_session(
    *,
    lang: str | None = None,
    progress_option: str | None = None,
    lessons_option: str | None = None,
    name: str | None = None,
    cohort: str | None = None,
) -> Session:
    try:
        chosen_lang = resolve_language(lang)
    except UnknownLanguage as exc:
        raise CliError(f"unknown language '{exc}' (use da or en)") from None
    lessons = lessons_dir(lessons_option)
    if not lessons.is_dir():
        raise CliError(f"{lessons}: no such lessons folder")
    try:
        course = load_course_cached(lessons, chosen_lang)
    except ContentError as exc:
        first = exc.problems[0]
        more = f" (and {len(exc.problems) - 1} more; run `kursus validate {lessons}`)" if len(exc.problems) > 1 else ""
        raise CliError(f"{first}{more}") from None
    folder = progress_dir(progress_option)
    if folder.exists() and not folder.is_dir():
        raise CliError(f"{folder}: the progress folder is a file, not a folder")
    session = Session(lang=chosen_lang, course=course, lessons_dir=lessons, progress_dir=folder, cohort=cohort)
    session.courses[chosen_lang] = course
    try:
        if name is not None and clean_name(name):
            session.open_learner(name, cohort)
        else:
            session.known_learners = list_learners(folder)
            if len(session.known_learners) == 1:  # one learner on this machine: welcome back
                session.open_learner(session.known_learners[0][0], cohort)
    except UnreadableProgressFile as exc:
        raise CliError(f"{exc.path}: {exc.reason}") from None
    except ProgressLocked as exc:
        raise CliError(f"{exc} (is the course open in another window?)") from None
    except PermissionError as exc:
        raise CliError(f"{exc.filename}: no permission to write progress here") from None
    except OSError as exc:
        raise CliError(f"{exc.filename or folder}: {exc.strerror or exc}") from None
    return session


def list_learners(folder: Path) -> list[tuple[str, str]]:
    """(name, cohort) of every readable progress file in the folder, by name."""
    learners = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            record = read_record(path)
        except (UnreadableProgressFile, OSError):
            continue
        if record.name:
            learners.append((record.name, record.cohort))
    return sorted(learners, key=lambda item: item[0].casefold())
