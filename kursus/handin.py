"""Handing in: what a learner gives their trainer, written to a folder the learner chooses.

Two files, named after the learner:
- `<progress file name>`: a copy of the progress file for the trainer. It has the same
  format, so `kursus report` and `kursus trainer` read a folder of hand-ins like any
  progress folder; everything private is left out (`trainer_copy`).
- the course record as PDF (`kursus.certificate`): lessons and first-try points.

The learner's own progress file is only read. Nothing is written into the learner's
progress folder (a copy there would be taken for a second learner of the same name), and
no target that is not a regular file (a FIFO would hang) or that is the learner's own
progress file (by any name or link) is ever written.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Sized
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kursus.content.models import Course
from kursus.i18n import Catalogue
from kursus.tracking.record import ProgressRecord, record_from_data
from kursus.tracking.schema import migrate
from kursus.tracking.storage import Unreadable, UnreadableProgressFile, read_json_file

if TYPE_CHECKING:
    from kursus.assessment.models import SelfAssessment

COPY_MARK = "copy_for_trainer"  # in the copy's meta: when it was handed in (UTC, ISO 8601)


class HandInError(Exception):
    """Why nothing (or not everything) could be handed in; one line for the learner, in
    their language: `text(t)` (the catalogue's `handin.error.<kind>`); str() is English."""

    def __init__(self, kind: str, **fields: object) -> None:
        self.key = f"handin.error.{kind}"
        self.fields = fields
        super().__init__(self.text(Catalogue("en")))

    def text(self, t: Catalogue) -> str:
        return t(self.key, **self.fields)


@dataclass(frozen=True)
class HandedIn:
    folder: Path
    copy: Path | None  # the trainer's copy of the progress file; None when only the PDF was asked for
    pdf: Path | None  # None when only the copy was asked for
    kept: dict[str, tuple[int, int]]  # per table with a shared flag: (shared items kept, private ones left out)

    def counts(self, table: str) -> tuple[int, int]:
        return self.kept.get(table, (0, 0))


def trainer_copy(data: dict[str, Any], path: Path, now: datetime) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
    """The progress document as a trainer may see it, and per table with a shared flag
    (shared items kept, private items left out).

    Any stored item that has a `shared` flag (reflections today) is kept only when the flag
    is exactly true; a private one is left out whole, text and existence (not even its
    length leaves the machine). Events carry no reflection text. The copy is marked with
    COPY_MARK so that it is never mistaken for the learner's own file.
    """
    data, _ = migrate(data, path)
    copy: dict[str, Any] = {}
    counts: dict[str, tuple[int, int]] = {}
    for table, docs in data.items():
        if not isinstance(docs, dict):
            continue
        if any(isinstance(doc, dict) and "shared" in doc for doc in docs.values()):
            kept = [doc for doc in docs.values() if isinstance(doc, dict) and doc.get("shared") is True]
            counts[table] = (len(kept), len(docs) - len(kept))
            # numbered anew: the gaps a private item leaves would show that it exists
            copy[table] = {str(number): doc for number, doc in enumerate(kept, start=1)}
        else:
            copy[table] = docs
    meta = copy.get("meta", {})
    if meta:
        key, first = next(iter(meta.items()))
        meta = dict(meta)
        meta[key] = {**first, COPY_MARK: now.isoformat(timespec="seconds")}
        copy["meta"] = meta
    return copy, counts


def is_trainer_copy(record: ProgressRecord) -> bool:
    return COPY_MARK in record.meta


def hand_in(
    record: ProgressRecord,
    course: Course,
    t: Catalogue,
    folder: Path,
    now: datetime,
    *,
    with_pdf: bool = True,
    copy: bool = True,
    assessment: SelfAssessment | None = None,
) -> HandedIn:
    """Write the trainer's copy (and the PDF) into `folder`, created if it is missing.
    `assessment` names the competences in the PDF's before/after table (shared rounds only)."""
    from kursus.certificate import certificate_pdf, default_file_name
    from kursus.safefile import readable_mode, write_bytes_atomically

    if record.path is None:
        raise HandInError("no_file")
    source = record.path
    folder = _usable_folder(folder, source)
    data = read_json_file(source)
    if data is None:
        raise UnreadableProgressFile(source, Unreadable.EMPTY)
    document, counts = trainer_copy(data, source, now)
    copy_path = folder / source.name
    pdf_path = None
    if with_pdf:
        own = record_from_data(document, source)  # the PDF is made from exactly what is handed in
        summary, payload = certificate_pdf(own, course, t, now, assessment)
        pdf_path = folder / default_file_name(summary, t)
        _check_target(pdf_path, source)
    if copy:
        _check_target(copy_path, source)
    try:
        mode = readable_mode()  # to be read by the trainer (unlike the progress file, 0600)
        if copy:
            text = json.dumps(document, ensure_ascii=False, indent=1)
            write_bytes_atomically(copy_path, text.encode("utf-8"), mode)
        if pdf_path is not None:
            write_bytes_atomically(pdf_path, payload, mode)
        if copy:  # the new copy replaces the old hand-in whole: no PDF of an earlier one stays beside it
            _remove_earlier_pdfs(folder, source, keep=pdf_path)
    except OSError as exc:
        raise HandInError("cannot_write", folder=folder, why=exc.strerror or exc) from None
    return HandedIn(folder, copy_path if copy else None, pdf_path, counts)


def _remove_earlier_pdfs(folder: Path, source: Path, keep: Path | None) -> None:
    """An earlier hand-in's PDF of this learner, by any of its names (either language, a
    course certificate or a record), other than the one just written: its numbers are old."""
    from kursus.certificate import pdf_file_names

    for name in pdf_file_names(source.stem):
        path = folder / name
        if keep is not None and path.name == keep.name:
            continue
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)


def hand_in_lines(done: HandedIn, t: Catalogue) -> list[str]:
    """What was written, what the trainer sees, and what stayed on this computer."""
    shared, private = done.counts("reflections")
    lines = []
    if done.copy is not None:
        lines.append(t("handin.written_copy", path=str(done.copy)))
    if done.pdf is not None:
        lines.append(t("handin.written_pdf", path=str(done.pdf)))
    if done.copy is not None:
        lines.append(t("handin.trainer_sees", shared=shared))
        lines.append(t("handin.stays_private", private=private))
        lines.extend(other_lines(done.kept, t))
        lines.append(t("handin.next"))
    return lines


def shared_counts(record: ProgressRecord) -> dict[str, tuple[int, int]]:
    """What a hand-in would keep and leave out, per table: (shared, private). The same
    rule as `trainer_copy` (shared exactly true), read from the learner's record."""

    def pair(every: Sized, shared: Sized) -> tuple[int, int]:
        return len(shared), len(every) - len(shared)

    return {
        "reflections": pair(record.reflections, record.shared_reflections),
        "self_assessments": pair(record.self_assessments, record.shared_self_assessments),
        "phase_checks": pair(record.phase_checks, record.shared_phase_checks),
    }


OTHER_SHARED = ("self_assessments", "phase_checks")  # tables beside reflections with a share flag


def other_lines(counts: dict[str, tuple[int, int]], t: Catalogue) -> list[str]:
    """A line for self-assessment rounds and phase checks, when the learner has any."""
    lines = []
    for table in OTHER_SHARED:
        shared, private = counts.get(table, (0, 0))
        if shared or private:
            lines.append(t(f"handin.{table}", shared=shared, private=private))
    return lines


def _usable_folder(folder: Path, source: Path) -> Path:
    folder = Path(os.path.abspath(folder.expanduser()))  # said in full: a served course has no visible cwd
    if folder.is_symlink() and not folder.exists():
        raise HandInError("dangling_link", folder=folder)
    if folder.exists() and not folder.is_dir():
        raise HandInError("not_a_folder", folder=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HandInError("cannot_create", folder=folder, why=exc.strerror or exc) from None
    try:
        same = folder.samefile(source.parent)
    except OSError:
        same = False
    if same:
        raise HandInError("own_folder", folder=folder)
    return folder


def _check_target(path: Path, source: Path) -> None:
    if not (path.exists() or path.is_symlink()):
        return
    try:
        info = path.stat()
    except OSError as exc:  # a dangling link: replaced by the new file, never written through
        if path.is_symlink():
            return
        raise HandInError("cannot_use", path=path, why=exc.strerror or exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise HandInError("not_regular", path=path)
    own = source.stat()
    if (info.st_dev, info.st_ino) == (own.st_dev, own.st_ino):
        raise HandInError("own_file", path=path)
