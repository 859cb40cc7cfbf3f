"""Everything the learner app needs before the first screen, prepared without Textual.

The CLI and the tests both call `prepare_session()` and hand the result to
`kursus.ui.app.make_app()`, so the app under test is the app users run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kursus.content import Course
from kursus.content.cache import load_course_cached
from kursus.errors import CliError
from kursus import inputs
from kursus.locations import progress_dir
from kursus.tracking import OpenReport, ProgressLocked, ProgressStore
from kursus.tracking.names import clean_name
from kursus.tracking.record import read_records_in
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
    chosen_lang = inputs.language(lang)
    lessons = inputs.lessons_folder(lessons_option)
    course = inputs.course_in(lessons, chosen_lang)
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
    learners = [(record.name, record.cohort) for record in read_records_in(folder) if record.name]
    return sorted(learners, key=lambda item: item[0].casefold())
