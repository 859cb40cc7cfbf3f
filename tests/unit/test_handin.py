"""Handing in (kursus.handin, `kursus hand-in`): the trainer's copy holds nothing private,
reads like any progress file, and nothing is written where it must not be."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kursus.content.loader import load_course
from kursus.handin import COPY_MARK, HandInError, hand_in, is_trainer_copy, trainer_copy
from kursus.i18n import Catalogue
from kursus.tracking.events import AnswerGiven, LessonOpened
from kursus.tracking.record import read_record, read_records_in
from kursus.vocabulary import Rating
from tests.conftest import FIXTURE_LESSONS, only_progress_file

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
SECRET = "HEMMELIG-7f3a privat tanke"
SHARED = "Delt tanke om roller"


def learner(make_session):
    session = make_session(lang="da")
    store = session.store
    store.record_event(LessonOpened("alpha", "da"), at=NOW)
    store.record_event(AnswerGiven("alpha", "s2", "a", Rating.BEST), at=NOW)
    store.save_reflection("alpha", "r1", SHARED, shared=True)
    store.save_reflection("alpha", "r2", SECRET, shared=False)
    return session


def course(lang: str = "da"):
    return load_course(FIXTURE_LESSONS, lang)


def everything_in(folder: Path) -> str:
    """Every byte written, the PDF as its text too."""
    from pypdf import PdfReader

    parts = []
    for path in sorted(folder.iterdir()):
        parts.append(path.read_bytes().decode("utf-8", "replace"))
        if path.suffix == ".pdf":
            parts.append("\n".join(page.extract_text() for page in PdfReader(path).pages))
    return "\n".join(parts)


def test_the_copy_keeps_the_shared_reflection_and_leaves_the_private_one_out(make_session, tmp_path) -> None:
    session = learner(make_session)
    done = hand_in(session.store.record(), course(), Catalogue("da"), tmp_path / "aflevering", NOW)
    assert done.counts("reflections") == (1, 1)
    assert done.copy is not None and done.pdf is not None
    assert done.copy.name == session.store.path.name
    text = everything_in(tmp_path / "aflevering")
    assert SHARED in text
    assert SECRET not in text and "HEMMELIG" not in text
    copy = read_record(done.copy)
    assert [r.text for r in copy.reflections] == [SHARED]
    assert is_trainer_copy(copy) and not is_trainer_copy(session.store.record())
    assert copy.meta[COPY_MARK] == "2026-12-02T12:00:00+00:00"
    assert copy.events == session.store.record().events  # progress and answers travel unchanged
    assert stat.S_IMODE(done.copy.stat().st_mode) & 0o044  # meant to be read by the trainer
    assert SECRET in session.store.path.read_text()  # the learner's own file is untouched


def test_a_folder_of_hand_ins_is_a_progress_folder_for_the_trainer(make_session, tmp_path) -> None:
    session = learner(make_session)
    hand_in(session.store.record(), course(), Catalogue("da"), tmp_path / "hold", NOW)
    records = read_records_in(tmp_path / "hold")
    assert [r.name for r in records] == ["Mette Hansen"]
    from kursus.summary import CourseIndex, summarise

    index = CourseIndex(course())
    ours = summarise(session.store.record(), session.store.path, "own.json", index, NOW)
    theirs = summarise(records[0], tmp_path / "hold" / "x.json", "x.json", index, NOW)
    assert (theirs.lessons_done, theirs.first_try_score, theirs.scenarios_answered, theirs.status) == (
        ours.lessons_done,
        ours.first_try_score,
        ours.scenarios_answered,
        ours.status,
    )
    assert [r.text for r in theirs.shared] == [r.text for r in ours.shared] == [SHARED]


def test_pdf_only_writes_no_copy(make_session, tmp_path) -> None:
    session = learner(make_session)
    done = hand_in(session.store.record(), course(), Catalogue("da"), tmp_path / "pdf", NOW, copy=False)
    assert done.copy is None and done.pdf is not None
    assert [p.suffix for p in (tmp_path / "pdf").iterdir()] == [".pdf"]


def test_the_own_progress_folder_is_refused_and_nothing_is_written(make_session, progress_dir) -> None:
    session = learner(make_session)
    before = sorted(p.name for p in progress_dir.iterdir())
    with pytest.raises(HandInError, match="own progress folder"):
        hand_in(session.store.record(), course(), Catalogue("da"), progress_dir, NOW)
    assert sorted(p.name for p in progress_dir.iterdir()) == before


def test_a_link_to_the_own_progress_file_is_never_written_through(make_session, tmp_path) -> None:
    session = learner(make_session)
    target = tmp_path / "ud"
    target.mkdir()
    (target / session.store.path.name).symlink_to(session.store.path)
    with pytest.raises(HandInError, match="own progress file"):
        hand_in(session.store.record(), course(), Catalogue("da"), target, NOW)
    assert SECRET in session.store.path.read_text()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_where_the_copy_goes_is_refused_without_hanging(make_session, tmp_path) -> None:
    session = learner(make_session)
    target = tmp_path / "ud"
    target.mkdir()
    os.mkfifo(target / session.store.path.name)
    with pytest.raises(HandInError, match="not a regular file"):
        hand_in(session.store.record(), course(), Catalogue("da"), target, NOW)


def test_a_file_where_the_folder_should_be_is_refused(make_session, tmp_path) -> None:
    session = learner(make_session)
    (tmp_path / "fil").write_text("x")
    with pytest.raises(HandInError, match="is not a folder"):
        hand_in(session.store.record(), course(), Catalogue("da"), tmp_path / "fil", NOW)


def test_an_old_file_is_migrated_and_its_never_shared_reflections_stay_behind(tmp_path) -> None:
    old = {  # schema 1: reflections had no share flag and were never shown to trainers
        "meta": {"1": {"schema_version": 1, "course_id": "testkursus", "content_version": 1}},
        "profile": {"1": {"name": "Mette Hansen", "cohort": "2026-efterår", "lang": "da"}},
        "events": {"1": {"type": "lesson_opened", "lesson_id": "alpha", "time": "2026-09-01T10:00:00+00:00"}},
        "answers": {},
        "reflections": {"1": {"lesson_id": "alpha", "prompt_id": "r1", "text": "gammel tekst"}},
    }
    document, counts = trainer_copy(old, tmp_path / "x.json", NOW)
    meta = next(iter(document["meta"].values()))
    assert meta["schema_version"] >= 3 and meta[COPY_MARK]
    assert document["reflections"] == {}
    assert counts["reflections"] == (0, 1)
    assert "gammel tekst" not in json.dumps(document)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flags=st.lists(st.one_of(st.booleans(), st.none(), st.just("true"), st.just(1)), min_size=1, max_size=6))
def test_only_items_shared_exactly_true_leave(tmp_path, flags) -> None:
    reflections = {
        str(i + 1): {"lesson_id": "alpha", "prompt_id": f"p{i}", "text": f"tekst-{i}", "shared": flag}
        for i, flag in enumerate(flags)
    }
    data = {
        "meta": {"1": {"schema_version": 3, "course_id": "c", "content_version": 1}},
        "profile": {"1": {"name": "X"}},
        "events": {},
        "reflections": reflections,
        "reviews": {},
    }
    document, counts = trainer_copy(data, tmp_path / "x.json", NOW)
    kept = [doc["text"] for doc in document["reflections"].values()]
    assert kept == [f"tekst-{i}" for i, flag in enumerate(flags) if flag is True]
    assert counts["reflections"] == (len(kept), len(flags) - len(kept))
    dumped = json.dumps(document)
    for i, flag in enumerate(flags):
        assert (f"tekst-{i}" in dumped) == (flag is True)


def run_cli(*args: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(env_home), "KURSUS_LANG": "da"}
    return subprocess.run(
        [sys.executable, "-m", "kursus", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_the_command_writes_both_files_and_says_what_the_trainer_sees(make_session, progress_dir, tmp_path) -> None:
    learner(make_session)
    out = tmp_path / "til underviseren"
    result = run_cli(
        "hand-in", str(out), "--progress-dir", str(progress_dir), "--lessons", str(FIXTURE_LESSONS), env_home=tmp_path
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Kopi til underviseren: {out / only_progress_file(progress_dir).name}"
    assert lines[1].startswith("Forløbsoversigt som PDF: ")
    assert "1 delt refleksion" in result.stdout
    assert "1 privat refleksion" in result.stdout
    assert SECRET not in everything_in(out)


def test_the_command_refuses_a_file_as_folder_with_one_line_and_exit_2(make_session, progress_dir, tmp_path) -> None:
    learner(make_session)
    (tmp_path / "fil").write_text("x")
    result = run_cli(
        "hand-in",
        str(tmp_path / "fil"),
        "--progress-dir",
        str(progress_dir),
        "--lessons",
        str(FIXTURE_LESSONS),
        env_home=tmp_path,
    )
    assert result.returncode == 2
    # in the learner's language, as the lines after a hand-in are
    assert result.stderr.strip().splitlines() == [f"kursus: {tmp_path / 'fil'}: er ikke en mappe"]


def test_rounds_and_checks_are_counted_and_the_pdf_names_the_shared_competences(make_session, tmp_path) -> None:
    from pypdf import PdfReader

    from kursus.assessment.loader import load_self_assessment
    from kursus.handin import hand_in_lines
    from kursus.vocabulary import Occasion
    from tests.conftest import SHIPPED_LESSONS

    session = learner(make_session)
    shipped = load_course(SHIPPED_LESSONS, "da")
    assessment = load_self_assessment(SHIPPED_LESSONS, "da", shipped.lesson_order)
    assert assessment is not None
    first, second = assessment.competences[0], assessment.competences[1]
    shared = session.store.save_self_assessment(Occasion.START, {first.id: 2, second.id: 3})
    session.store.set_self_assessment_shared(shared.id, True)
    session.store.save_self_assessment(Occasion.ANYTIME, {first.id: 5})  # private
    done = hand_in(session.store.record(), course(), Catalogue("da"), tmp_path / "ud", NOW, assessment=assessment)
    assert done.counts("self_assessments") == (1, 1)
    lines = hand_in_lines(done, Catalogue("da"))
    assert "Selvvurderinger: 1 delt, 1 privat (kun delte er med)." in lines
    assert not any(line.startswith("Fasetjek") for line in lines)  # none taken: no line
    assert done.pdf is not None
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(done.pdf).pages).split())
    assert first.name in text and second.name in text


def test_the_copy_does_not_show_that_a_private_reflection_exists(make_session, tmp_path) -> None:
    """Numbered anew: a copy holding only entry "2" would show that an entry "1" was left out."""
    session = make_session(lang="da")
    session.store.save_reflection("alpha", "r1", SECRET, shared=False)  # stored first
    session.store.save_reflection("alpha", "r2", SHARED, shared=True)
    done = hand_in(session.store.record(), course(), Catalogue("da"), tmp_path / "ud", NOW, with_pdf=False)
    assert done.copy is not None
    table = json.loads(done.copy.read_text(encoding="utf-8"))["reflections"]
    assert list(table) == ["1"] and table["1"]["text"] == SHARED


def test_handing_in_again_leaves_no_pdf_of_the_earlier_hand_in(make_session, tmp_path) -> None:
    session = learner(make_session)
    folder = tmp_path / "ud"
    english = hand_in(session.store.record(), course("en"), Catalogue("en"), folder, NOW)
    danish = hand_in(session.store.record(), course(), Catalogue("da"), folder, NOW)
    assert english.pdf is not None and danish.pdf is not None and english.pdf.name != danish.pdf.name
    assert sorted(p.name for p in folder.iterdir()) == sorted([danish.pdf.name, session.store.path.name])
    hand_in(session.store.record(), course(), Catalogue("da"), folder, NOW, with_pdf=False)  # the copy only
    assert [p.name for p in folder.iterdir()] == [session.store.path.name]  # no PDF with old numbers
    (folder / "someone-else.pdf").write_bytes(b"%PDF")  # another learner's PDF stays
    hand_in(session.store.record(), course(), Catalogue("da"), folder, NOW)
    assert (folder / "someone-else.pdf").exists()


def test_a_relative_folder_is_said_in_full(make_session, tmp_path, monkeypatch) -> None:
    """A course served in a browser has no visible working folder: the learner is told where."""
    session = learner(make_session)
    monkeypatch.chdir(tmp_path)
    done = hand_in(session.store.record(), course(), Catalogue("da"), Path("ud"), NOW)
    assert done.folder == tmp_path / "ud" and done.folder.is_absolute()


def test_errors_are_in_the_learners_language(make_session, tmp_path) -> None:
    session = learner(make_session)
    (tmp_path / "link").symlink_to(tmp_path / "missing")
    with pytest.raises(HandInError) as caught:
        hand_in(session.store.record(), course(), Catalogue("da"), tmp_path / "link", NOW)
    assert caught.value.text(Catalogue("da")) == f"{tmp_path / 'link'}: er et link til en mappe, der ikke findes"
    assert str(caught.value) == f"{tmp_path / 'link'}: is a link to a folder that does not exist"
