"""Everything the learner app needs before the first screen, prepared without Textual.

The CLI and the tests both call `prepare_session()` and hand the result to
`kursus.ui.learner.app.make_app()`, so the app under test is the app users run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kursus import inputs
from kursus.content import Course
from kursus.content.cache import load_course_cached
from kursus.errors import CliError
from kursus.locations import progress_dir
from kursus.tracking import OpenReport, ProgressLocked, ProgressStore
from kursus.tracking.names import clean_name, fold_key, name_key, progress_file_name
from kursus.tracking.record import read_record, read_records_in
from kursus.tracking.storage import UnreadableProgressFile
from kursus.vocabulary import LANGUAGES


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
    unreadable_files: list[str] = field(default_factory=list)  # progress files that could not be read
    # A name that matches a learner here only loosely ("Strasse"/"Straße"): (typed name,
    # cohort, the similar learners' names). The welcome screen asks before opening either.
    pending_name: tuple[str, str | None, list[str]] | None = None
    courses: dict[str, Course] = field(default_factory=dict)  # by language, loaded on demand
    lang_explicit: bool = False  # --lang or KURSUS_LANG given: it wins over the learner's stored choice

    def open_learner(self, name: str, cohort: str | None = None) -> OpenReport:
        """Open (or create) the learner's progress file and remember it."""
        if not self.lang_explicit:
            self.use_stored_language(name)
        if cohort is not None:
            self.cohort = clean_name(cohort) or None
        self.store, self.open_report = ProgressStore.open_for(
            self.progress_dir,
            clean_name(name),
            cohort=self.cohort,
            lang=self.lang,
            course_id=self.course.id,
            content_version=self.course.version,
        )
        from kursus.review import attach

        attach(self.store)  # a scenario missed at the first try comes back in review
        from kursus.xapi import attach as attach_lrs

        attach_lrs(self.store, self.lessons_dir)  # xAPI statements to an LRS, if one is configured
        return self.open_report

    def use_stored_language(self, name: str) -> None:
        """The language the learner last chose in the app (their profile's `lang`) instead
        of the default. An unreadable file or course keeps the default (the store reports
        a damaged file when it opens it)."""
        path = self.progress_dir / progress_file_name(clean_name(name))
        try:
            stored = read_record(path).lang if path.is_file() else self.lang
            if stored in LANGUAGES and stored != self.lang:
                self.course, self.lang = self.course_in(stored), stored
        except Exception:  # noqa: BLE001 - a damaged file or course: the default language
            return

    def similar_learners(self, name: str) -> list[str]:
        """Learners in the folder whose name equals `name` only after folding (case,
        accents, ß/ss, ligatures), when `name` itself has no progress file yet."""
        if (self.progress_dir / progress_file_name(name)).exists():
            return []
        wanted, exact = fold_key(name), name_key(name)
        return [
            known
            for known, _ in list_learners(self.progress_dir)
            if fold_key(known) == wanted and name_key(known) != exact
        ]

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
    cohort = (clean_name(cohort) or None) if cohort is not None else None
    session = Session(lang=chosen_lang, course=course, lessons_dir=lessons, progress_dir=folder, cohort=cohort)
    session.lang_explicit = bool((lang or os.environ.get("KURSUS_LANG") or "").strip())
    session.courses[chosen_lang] = course
    try:
        if name is not None and clean_name(name):
            similar = session.similar_learners(clean_name(name))
            if similar:  # "Straße" typed where "Strasse" learns: ask, never guess
                session.pending_name = (clean_name(name), cohort, similar)
                session.known_learners = list_learners(folder)
            else:
                session.open_learner(name, cohort)
        else:
            session.known_learners, session.unreadable_files = scan_learners(folder)
            # One learner on this machine: welcome back. Not if another file could not be
            # read: it may be this person's own, and we must not carry on as someone else.
            if len(session.known_learners) == 1 and not session.unreadable_files:
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


def scan_learners(folder: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(name, cohort) of every readable progress file in the folder, by name, and the
    names of the `*.json` files there that are not readable progress records."""
    records = read_records_in(folder)
    learners = sorted(((r.name, r.cohort) for r in records if r.name), key=lambda item: item[0].casefold())
    readable = {record.path for record in records}
    unreadable = (
        [path.name for path in sorted(folder.glob("*.json")) if path not in readable] if folder.is_dir() else []
    )
    return learners, unreadable


def list_learners(folder: Path) -> list[tuple[str, str]]:
    """(name, cohort) of every readable progress file in the folder, by name."""
    return scan_learners(folder)[0]
