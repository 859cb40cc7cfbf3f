"""`kursus hand-in FOLDER`: write what the trainer may see (a copy of the progress file
without anything private, and the PDF course record) to a folder the learner chooses,
and say what the trainer will see and what stays private. The progress file is only read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kursus.commands.certificate import competence_names
from kursus.commands.export import find_own_record, own_language
from kursus.commands.options import HandInOptions
from kursus.commands.report import course_for, progress_folder
from kursus.errors import CliError
from kursus.i18n import Catalogue
from kursus.locations import progress_dir
from kursus.textsafe import one_line


def hand_in_command(options: HandInOptions, *, now: datetime | None = None) -> int:
    from kursus.handin import HandInError, hand_in, hand_in_lines
    from kursus.tracking.storage import UnreadableProgressFile

    folder = progress_folder(str(progress_dir(options.progress_dir)))
    record = find_own_record(folder, options.name)
    lang = own_language(options.lang, record)
    course = course_for(options.lessons, lang)
    t = Catalogue(lang)
    try:
        done = hand_in(
            record,
            course,
            t,
            Path(options.folder),
            now or datetime.now(UTC),
            with_pdf=options.pdf,
            assessment=competence_names(options.lessons, course),
        )
    except HandInError as exc:  # in the learner's language, as the lines after a hand-in are
        raise CliError(exc.text(t)) from None
    except UnreadableProgressFile as exc:
        raise CliError(f"{exc.path}: {exc.reason_text(t)}") from None
    for line in hand_in_lines(done, t):
        print(one_line(line))
    return 0
