"""The PDF course record (`kursus certificate`): read back as text with pypdf.

The numbers are those of the known cohort in test_trainer_support (worked out there):
ada has done every lesson, first tries alpha 1, .5 (75 %), beta 1, 1 and gamma 0, 1, 1
(4/5 = 80 %), 5.5/7 = 79 % in all; bo has done alpha (.5, 1 = 75 %) and nothing else.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from kursus.certificate import FONT_DIR, PLACEHOLDER, certificate_pdf, course_record, fit, render_pdf
from kursus.cli import main
from kursus.i18n import Catalogue
from kursus.summary import CourseIndex, summarise
from kursus.tracking import ProgressStore
from kursus.tracking.events import AnswerGiven, LessonFinished, LessonOpened
from kursus.tracking.record import read_record
from kursus.vocabulary import Rating
from tests.conftest import FIXTURE_LESSONS, HOSTILE_STRINGS
from tests.unit.test_trainer_support import NOW, build_cohort, course

FIXTURE = str(FIXTURE_LESSONS)


def pdf_text(payload: bytes) -> tuple[list[str], int]:
    """The PDF's lines of text (all pages) and its page count."""
    reader = PdfReader(io.BytesIO(payload))
    lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
    return lines, len(reader.pages)


def render(path: Path, lang: str = "da") -> tuple[list[str], int]:
    _, payload = certificate_pdf(read_record(path), course(lang), Catalogue(lang), NOW)
    assert payload.startswith(b"%PDF-")
    return pdf_text(payload)


def learner(folder: Path, name: str, *, lessons_done: tuple[str, ...] = (), cohort: str = "hold-c", lang: str = "da"):
    """A learner on the test course who has finished `lessons_done` (no answers)."""
    store, _ = ProgressStore.open_for(folder, name, cohort=cohort, lang=lang, course_id="testkursus", content_version=3)
    for lesson in lessons_done:
        store.record_event(LessonOpened(lesson, lang), at=NOW)
        store.record_event(LessonFinished(lesson), at=NOW)
    for lock in folder.glob("*.lock"):
        lock.unlink()
    return store.path


@pytest.fixture
def known(tmp_path: Path):
    return build_cohort(tmp_path / "cohort")


def test_learner_with_every_lesson_done_gets_a_danish_kursusbevis(known) -> None:
    lines, pages = render(known.files["ada"])
    assert pages == 1
    assert lines[0] == "Kursusbevis"
    assert "Forløbsoversigt" not in lines
    assert "Testkursus" in lines
    assert "Navn Ada Andersen" in lines
    assert "Hold hold-a" in lines
    assert "Dato 2026-06-15" in lines
    assert "Alle 3 lektioner er gennemført." in lines
    assert "Modul Lektioner færdige Point ved første forsøg" in lines
    assert "Start 1/1 75 %" in lines
    assert "Videre 2/2 80 %" in lines
    assert "I alt 3/3 79 %" in lines


def test_learner_in_progress_gets_a_forloebsoversigt(known) -> None:
    lines, pages = render(known.files["bo"])
    assert pages == 1
    assert lines[0] == "Forløbsoversigt"
    assert "Kursusbevis" not in lines
    assert "Navn Bo Berg" in lines
    assert "1 af 3 lektioner er gennemført." in lines
    assert "Start 1/1 75 %" in lines
    assert "Videre 0/2 –" in lines  # nothing answered in the module: no score, not 0 %
    assert "I alt 1/3 75 %" in lines


def test_english_titles_module_lines_and_scores(known) -> None:
    done, _ = render(known.files["ada"], "en")
    assert done[0] == "Course certificate"
    assert "Name Ada Andersen" in done and "Cohort hold-a" in done and "Date 2026-06-15" in done
    assert "Module Lessons done First-try points" in done
    assert "Start 1/1 75%" in done and "Onwards 2/2 80%" in done and "Total 3/3 79%" in done
    partial, _ = render(known.files["bo"], "en")
    assert partial[0] == "Course record"
    assert "1 of 3 lessons done." in partial
    assert "Onwards 0/2 –" in partial and "Total 1/3 75%" in partial


def test_every_lesson_done_decides_the_title_even_without_answers(tmp_path: Path) -> None:
    all_done = learner(tmp_path, "Alle Færdig", lessons_done=("alpha", "beta", "gamma"))
    two_done = learner(tmp_path, "To Færdige", lessons_done=("alpha", "beta"))
    lines, _ = render(all_done)
    assert lines[0] == "Kursusbevis" and "I alt 3/3 –" in lines and "Hold hold-c" in lines
    lines, _ = render(two_done)
    assert lines[0] == "Forløbsoversigt" and "Videre 1/2 –" in lines and "I alt 2/3 –" in lines


def test_the_pdf_and_the_trainer_agree_on_every_number(known) -> None:
    index = CourseIndex(course("da"))
    for path in known.files.values():
        record = read_record(path)
        summary = summarise(record, path, path.name, index, NOW)
        data = course_record(record, course("da"), NOW)
        assert data.first_try == summary.first_try_score
        assert data.answered == summary.scenarios_answered
        assert (data.lessons_done, data.lessons_total) == (summary.lessons_done, summary.lessons_total)
        assert [(m.done, m.total) for m in data.modules] == list(summary.modules.values())
        assert sum(m.answered for m in data.modules) == summary.scenarios_answered
    ada = course_record(read_record(known.files["ada"]), course("da"), NOW)
    assert [m.first_try for m in ada.modules] == [0.75, 0.8]
    assert ada.complete


def test_hostile_name_and_cohort_are_printed_literally(tmp_path: Path) -> None:
    name = "Åse Ærø [b]x[/b] [/] — “citat” … 🎉 👩‍👩‍👧 end"
    path = learner(tmp_path, name, cohort="[@click=app.quit]hold[/]", lessons_done=("alpha",))
    lines, pages = render(path)
    assert pages == 1
    name_line = next(line for line in lines if line.startswith("Navn "))
    assert name_line.startswith("Navn Åse Ærø [b]x[/b] [/] — “citat” …")
    assert name_line.endswith("end")
    assert PLACEHOLDER in name_line  # the emoji the font cannot draw: a visible sign, not a gap
    assert name_line.count(PLACEHOLDER) == 2  # the family emoji is one placeholder, not five
    assert "Hold [@click=app.quit]hold[/]" in lines


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS, ids=range(len(HOSTILE_STRINGS)))
def test_any_hostile_name_renders_on_one_page(tmp_path: Path, hostile: str) -> None:
    record = read_record(learner(tmp_path, "Hostile Holm"))
    data = dataclasses.replace(course_record(record, course("da"), NOW), name=hostile, cohort=hostile)
    lines, pages = pdf_text(render_pdf(data, Catalogue("da")))
    assert pages == 1 and lines[0] == "Forløbsoversigt"
    name_line = next(line for line in lines if line.startswith("Navn "))
    assert len(name_line) < 200
    if len(hostile) < 30 and "🎉" not in hostile:
        assert name_line == f"Navn {hostile}"


def test_ten_thousand_character_name_is_shortened_with_an_ellipsis(tmp_path: Path) -> None:
    record = read_record(learner(tmp_path, "Lang Navn", lessons_done=("alpha",)))
    long_name = "Ø" * 5_000 + "x" * 5_000
    data = dataclasses.replace(course_record(record, course("da"), NOW), name=long_name)
    lines, pages = pdf_text(render_pdf(data, Catalogue("da")))
    assert pages == 1
    name_line = next(line for line in lines if line.startswith("Navn "))
    assert name_line.endswith("…") and name_line.startswith("Navn ØØØ") and len(name_line) < 120
    assert "Start 1/1 –" in lines and "I alt 1/3 –" in lines  # the rest of the page is still there


def test_fit_shortens_to_the_room_given() -> None:
    def width(text: str) -> float:
        return float(len(text))

    assert fit("kort", 10, width) == "kort"
    assert fit("x" * 10_000, 10, width) == "x" * 9 + "…"


def test_the_learners_own_language_is_used_unless_lang_says_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "p"
    learner(folder, "Eve English", lang="en")
    monkeypatch.chdir(tmp_path)
    assert main(["certificate", "--progress-dir", str(folder), "--lessons", FIXTURE]) == 0
    written = sorted(tmp_path.glob("*.pdf"))
    assert [p.name.startswith("course-record-eve-english") for p in written] == [True]
    assert pdf_text(written[0].read_bytes())[0][0] == "Course record"
    assert main(["certificate", "--progress-dir", str(folder), "--lessons", FIXTURE, "--lang", "da"]) == 0
    danish = sorted(tmp_path.glob("forloebsoversigt-eve-english*.pdf"))
    assert len(danish) == 1 and pdf_text(danish[0].read_bytes())[0][0] == "Forløbsoversigt"
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"Course record written to {written[0]}", f"Forløbsoversigt gemt i {danish[0]}"]


def test_cli_writes_the_default_file_in_the_current_folder(
    known, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    args = ["certificate", "--name", "Ada Andersen", "--progress-dir", str(known.folder), "--lessons", FIXTURE]
    assert main(args) == 0
    (written,) = here.glob("*.pdf")
    assert written.name.startswith("kursusbevis-ada-andersen-")
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"Kursusbevis gemt i {written}"]
    lines, _ = pdf_text(written.read_bytes())
    assert lines[0] == "Kursusbevis" and "I alt 3/3 79 %" in lines


def test_cli_output_option(known, tmp_path: Path) -> None:
    target = tmp_path / "bevis.pdf"
    args = ["certificate", "--name", "bo berg", "--progress-dir", str(known.folder), "--lessons", FIXTURE]
    assert main([*args, "--output", str(target), "--lang", "en"]) == 0
    lines, _ = pdf_text(target.read_bytes())
    assert lines[0] == "Course record" and "Name Bo Berg" in lines


def test_cli_unknown_name_is_one_line_exit_2(known, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["certificate", "--name", "Nobody", "--progress-dir", str(known.folder), "--lessons", FIXTURE]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Nobody" in err[0]


def test_cli_several_learners_without_a_name_is_one_line_exit_2(known, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["certificate", "--progress-dir", str(known.folder), "--lessons", FIXTURE]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--name" in err[0]


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_cli_bad_progress_folder_is_one_line_exit_2(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "nope"
    if kind == "file":
        folder.write_text("x", encoding="utf-8")
    assert main(["certificate", "--progress-dir", str(folder), "--lessons", FIXTURE]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(folder) in err[0]
    assert not list(tmp_path.glob("*.pdf"))


@pytest.mark.parametrize("how", ["itself", "symlink", "hardlink"])
def test_cli_refuses_to_write_onto_a_progress_file(
    known, tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    progress = known.files["ada"]
    before = progress.read_bytes()
    target = progress
    if how == "symlink":
        target = tmp_path / "link.pdf"
        target.symlink_to(progress)
    elif how == "hardlink":
        target = tmp_path / "hard.pdf"
        target.hardlink_to(progress)
    args = ["certificate", "--name", "Ada Andersen", "--progress-dir", str(known.folder), "--lessons", FIXTURE]
    assert main([*args, "--output", str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "progress file" in err[0]
    assert progress.read_bytes() == before


def test_certificate_command_runs_without_textual(known, tmp_path: Path) -> None:
    script = (
        "import sys\nfrom kursus.cli import main\n"
        f"code = main(['certificate', '--name', 'Bo Berg', '--progress-dir', {str(known.folder)!r}, "
        f"'--lessons', {FIXTURE!r}, '--output', {str(tmp_path / 'x.pdf')!r}])\n"
        "assert code == 0, code\nassert 'textual' not in sys.modules\nprint('clean')"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("clean")
    assert pdf_text((tmp_path / "x.pdf").read_bytes())[0][0] == "Forløbsoversigt"


def test_the_font_is_shipped_and_embedded(known) -> None:
    assert {p.name for p in FONT_DIR.iterdir()} >= {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"}
    assert "Bitstream Vera" in (FONT_DIR / "LICENSE").read_text(encoding="utf-8")
    _, payload = certificate_pdf(read_record(known.files["ada"]), course("da"), Catalogue("da"), NOW)
    page = PdfReader(io.BytesIO(payload)).pages[0]
    fonts = page["/Resources"]["/Font"]
    names = {str(fonts[key].get_object()["/BaseFont"]) for key in fonts}
    assert names and all("DejaVuSans" in name for name in names)


def test_a_wrong_answer_moves_only_its_modules_score(tmp_path: Path) -> None:
    store, _ = ProgressStore.open_for(tmp_path, "Finn Fejl", cohort="hold-c", course_id="testkursus", content_version=3)
    at = datetime(2026, 6, 1, tzinfo=UTC)
    store.record_event(LessonOpened("beta", "da"), at=at)
    store.record_event(AnswerGiven("beta", "s1", "a", Rating.WRONG), at=at)
    store.record_event(AnswerGiven("beta", "s1", "b", Rating.BEST), at=at)  # a second try counts for nothing
    store.record_event(AnswerGiven("beta", "s2", "a", Rating.BEST), at=at)
    lines, _ = render(store.path)
    assert "Start 0/1 –" in lines and "Videre 0/2 50 %" in lines and "I alt 0/3 50 %" in lines
