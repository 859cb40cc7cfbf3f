"""Privacy of self-assessment rounds and phase checks on every path out.

Each learner keeps a PRIVATE round (with a unique marker in its note and next step) and a
PRIVATE phase check (a network named with a marker), beside shared ones. The markers,
and the private ids, must never reach the trainer's report in any format, the
dashboard's data (LearnerSummary), the cohort view, the PDF course record (read back with
pypdf) or the xAPI outbox. The learner's own export has everything, marked."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kursus.assessment.cohort import cohort_view
from kursus.assessment.loader import load_self_assessment
from kursus.certificate import certificate_pdf
from kursus.content import load_course
from kursus.export import render_export_json, render_export_md
from kursus.i18n import Catalogue
from kursus.tracking import ProgressStore, read_record
from kursus.trainer.aggregate import build_report
from kursus.trainer.formats import render, render_bytes
from kursus.vocabulary import Occasion
from kursus.xapi.config import LrsConfig
from kursus.xapi.sender import LearnerSync
from tests.conftest import FIXTURE_LESSONS, SHIPPED_LESSONS

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
T0 = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
PRIVATE_NOTE = "PRIVAT-RUNDE-QZX7: jeg tør ikke"
PRIVATE_STEP = "PRIVAT-SKRIDT-QZX7"
PRIVATE_NETWORK = "PRIVAT-NETVAERK-QZX7"
SHARED_NETWORK = "Delt netværk WKV3"
SHARED_NOTE = "DELT-NOTE-WKV3"
MARKERS = ("QZX7",)


def course(lang: str = "da"):
    return load_course(FIXTURE_LESSONS, lang)


def learner(folder: Path, name: str, *, shared_levels: dict[str, int] | None, private: bool = True) -> dict[str, str]:
    """A learner with (optionally) a shared start and end round, a private round and a
    private check, and a shared check. Returns the private ids."""
    store, _ = ProgressStore.open_for(folder, name, cohort="2027-forår", course_id="testkursus", content_version=3)
    ids: dict[str, str] = {}
    if shared_levels is not None:
        start = store.save_self_assessment(Occasion.START, shared_levels, notes={"trygt-rum": SHARED_NOTE}, at=T0)
        store.set_self_assessment_shared(start.id, True, at=T0)
        end_levels = {key: min(5, value + 1) for key, value in shared_levels.items()}
        end = store.save_self_assessment(Occasion.END, end_levels, shared=True, at=T0 + timedelta(days=60))
        ids["shared_round"] = end.id
        check = store.save_phase_check(SHARED_NETWORK, {"tema-udfoldet": "ja"}, (2,), shared=True, at=T0)
        ids["shared_check"] = check.id
    if private:
        secret = store.save_self_assessment(
            Occasion.ANYTIME,
            {"trygt-rum": 1, "taenk-andre-ind": 1},
            notes={"trygt-rum": PRIVATE_NOTE},
            next_steps={"trygt-rum": PRIVATE_STEP},
            at=T0 + timedelta(days=30),
        )
        ids["private_round"] = secret.id
        hidden = store.save_phase_check(PRIVATE_NETWORK, {"tema-udfoldet": "nej"}, (1,), at=T0 + timedelta(days=31))
        ids["private_check"] = hidden.id
        # shared once, then made private again: it must be gone from every output
        again = store.save_self_assessment(Occasion.ANYTIME, {"trygt-rum": 2}, notes={"trygt-rum": PRIVATE_NOTE})
        store.set_self_assessment_shared(again.id, True)
        store.set_self_assessment_shared(again.id, False)
        ids["unshared_round"] = again.id
    return ids


@pytest.fixture
def cohort(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "hold"
    ids = learner(folder, "Mette Hansen", shared_levels={"taenk-andre-ind": 2, "trygt-rum": 3})
    learner(folder, "Ole Jensen", shared_levels={"taenk-andre-ind": 3, "trygt-rum": 2})
    learner(folder, "Fatima Ali", shared_levels={"taenk-andre-ind": 4, "trygt-rum": 4})
    learner(folder, "Privat Person", shared_levels=None)  # only private things
    return folder, ids


def assert_private_absent(text: str, ids: dict[str, str]) -> None:
    for marker in MARKERS:
        assert marker not in text
    for key in ("private_round", "private_check", "unshared_round"):
        assert ids[key] not in text


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("fmt", ["table", "csv", "md", "json"])
def test_no_private_round_or_check_in_any_text_format(cohort, fmt: str, lang: str) -> None:
    folder, ids = cohort
    report = build_report(folder, course(lang), now=NOW)
    text = render(report, fmt, Catalogue(lang), width=200)
    assert_private_absent(text, ids)
    assert SHARED_NETWORK in text  # the shared check is there
    assert ids["shared_round"] in text or fmt in ("table", "csv", "md")


def test_no_private_round_or_check_in_the_workbook(cohort, tmp_path: Path) -> None:
    folder, ids = cohort
    payload = render_bytes(build_report(folder, course(), now=NOW), "xlsx", Catalogue("da"))
    book = load_workbook(io.BytesIO(payload))
    cells = " ".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row)
    assert_private_absent(cells, ids)
    assert SHARED_NETWORK in cells
    assert "Delte selvvurderinger" in book.sheetnames and "Delte fasetjek" in book.sheetnames


def test_the_dashboards_data_holds_shared_only(cohort) -> None:
    folder, ids = cohort
    report = build_report(folder, course(), now=NOW)
    by_name = {learner.name: learner for learner in report.learners}
    mette = by_name["Mette Hansen"]
    assert len(mette.shared_rounds) == 2 and len(mette.shared_checks) == 1
    assert ids["shared_round"] == mette.round_after_id
    assert_private_absent(repr(mette), ids)
    assert by_name["Privat Person"].shared_rounds == [] and by_name["Privat Person"].shared_checks == []
    assert_private_absent(repr(by_name["Privat Person"]), ids)


def test_the_cohort_view_needs_three_learners_who_shared(cohort) -> None:
    folder, _ = cohort
    report = build_report(folder, course(), now=NOW)
    view = cohort_view(report.learners)
    assert view.enough and view.sharing == 3
    rows = {row.competence_id: row for row in view.rows}
    assert rows["taenk-andre-ind"].before_mean == pytest.approx(3.0) and rows["taenk-andre-ind"].after_n == 3
    assert rows["taenk-andre-ind"].after_mean == pytest.approx(4.0)
    md = render(report, "md", Catalogue("da"))
    assert "Holdet: delte selvvurderinger" in md and "3.0" in md

    two = [learner for learner in report.learners if learner.name != "Fatima Ali"]
    small = cohort_view(two)
    assert not small.enough and small.rows == () and small.sharing == 2


def test_with_fewer_than_three_the_report_says_so_and_shows_no_mean(tmp_path: Path) -> None:
    folder = tmp_path / "lille"
    learner(folder, "Mette Hansen", shared_levels={"trygt-rum": 2}, private=False)
    learner(folder, "Ole Jensen", shared_levels={"trygt-rum": 5}, private=False)
    report = build_report(folder, course(), now=NOW)
    for lang, words in (("da", "Færre end 3 deltagere"), ("en", "Fewer than 3 learners")):
        for fmt in ("md", "table", "csv"):
            text = render(report, fmt, Catalogue(lang), width=200)
            assert words in text
            assert "3.5" not in text and "3,5" not in text  # the mean of two is never shown
        data = json.loads(render(report, "json", Catalogue(lang)))
        assert data["self_assessment_cohort"] == {
            "min_learners": 3,
            "learners_sharing": 2,
            "shown": False,
            "competences": [],
        }


def test_a_report_where_nobody_shared_has_no_assessment_sections(tmp_path: Path) -> None:
    folder = tmp_path / "hemmeligt"
    ids = learner(folder, "Privat Person", shared_levels=None)
    report = build_report(folder, course(), now=NOW)
    for fmt in ("table", "csv", "md", "json"):
        text = render(report, fmt, Catalogue("da"), width=200)
        assert_private_absent(text, ids)
        assert "selvvurdering" not in text.lower() and "fasetjek" not in text.lower()


def test_the_pdf_shows_before_and_after_from_shared_rounds_only(cohort) -> None:
    folder, ids = cohort
    record = read_record(next(p for p in folder.glob("mette-hansen-*.json")))
    assessment = load_self_assessment(SHIPPED_LESSONS, "da")
    data, payload = certificate_pdf(record, course(), Catalogue("da"), NOW, assessment)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(payload)).pages)
    assert_private_absent(text, ids)
    lines = {line.name: (line.before, line.after) for line in data.competences}
    assert lines["Tænker andre ind"] == (2, 3)  # the private round's level 1 is not used
    assert "Selvvurdering før og efter" in text and "Tænker andre ind" in text and "2/5" in text


def test_the_pdf_says_so_when_no_round_is_shared(cohort) -> None:
    folder, ids = cohort
    record = read_record(next(p for p in folder.glob("privat-person-*.json")))
    for lang, words in (("da", "Ingen selvvurdering er delt"), ("en", "No self-assessment has been shared")):
        data, payload = certificate_pdf(record, course(lang), Catalogue(lang), NOW)
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(payload)).pages)
        assert data.competences == () and words in " ".join(text.split())
        assert_private_absent(text, ids)


def test_the_xapi_outbox_never_carries_a_round_or_check(cohort) -> None:
    """Rounds and checks are not sent at all (shared ones neither): the outbox holds no
    trace of them, not even their ids."""
    folder, ids = cohort
    config = LrsConfig(endpoint="http://127.0.0.1:9/xAPI/", mbox="mailto:mette@example.org")
    path = next(folder.glob("mette-hansen-*.json"))
    courses = {lang: course(lang) for lang in ("da", "en")}
    state, builder = LearnerSync(path, config, courses=courses).prepare()
    assert builder is not None
    text = json.dumps(state.pending, ensure_ascii=False)
    assert_private_absent(text, ids)
    assert ids["shared_round"] not in text and ids["shared_check"] not in text and SHARED_NETWORK not in text


def test_the_sender_is_not_woken_by_an_assessment_event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kursus.xapi import sender as sender_module

    pokes: list[int] = []
    monkeypatch.setattr(sender_module.BackgroundSender, "start", lambda self: None)
    monkeypatch.setattr(sender_module.BackgroundSender, "poke", lambda self: pokes.append(1))
    monkeypatch.setattr(sender_module.BackgroundSender, "stop", lambda self: None)
    store, _ = ProgressStore.open_for(tmp_path, "Mette Hansen", course_id="testkursus", content_version=3)
    config = LrsConfig(endpoint="http://127.0.0.1:9/xAPI/", mbox="mailto:mette@example.org")
    detach = sender_module.attach(store, FIXTURE_LESSONS, config=config)
    try:
        one = store.save_self_assessment(Occasion.START, {"trygt-rum": 2})
        store.set_self_assessment_shared(one.id, True)
        check = store.save_phase_check("Net", {}, (1,))
        store.set_phase_check_shared(check.id, True)
        assert pokes == []
        store.save_reflection("alpha", "r1", "delt", shared=True)
        assert pokes  # a shared reflection still wakes it
    finally:
        detach()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_learners_own_export_has_everything_marked(cohort, lang: str) -> None:
    folder, ids = cohort
    record = read_record(next(folder.glob("mette-hansen-*.json")))
    data = json.loads(render_export_json(record, course(lang), Catalogue(lang), NOW))
    rounds = {one["id"]: one for one in data["self_assessments"]}
    assert rounds[ids["private_round"]]["shared"] is False
    assert rounds[ids["private_round"]]["notes"] == {"trygt-rum": PRIVATE_NOTE}
    assert rounds[ids["unshared_round"]]["shared"] is False and rounds[ids["shared_round"]]["shared"] is True
    checks = {check["id"]: check for check in data["phase_checks"]}
    assert (
        checks[ids["private_check"]]["network"] == PRIVATE_NETWORK and checks[ids["private_check"]]["shared"] is False
    )
    md = render_export_md(record, course(lang), Catalogue(lang), NOW)
    assert PRIVATE_NOTE.split(":")[0] in md and PRIVATE_STEP in md and PRIVATE_NETWORK in md
    private, shared = Catalogue(lang)("assessment.shared_no"), Catalogue(lang)("assessment.shared_yes")
    assert private.split(" ")[0] in md and shared.split(" ")[0] in md


def test_the_hand_in_copy_and_its_pdf_keep_shared_rounds_and_checks_only(cohort, tmp_path: Path) -> None:
    from kursus.handin import hand_in

    folder, ids = cohort
    record = read_record(next(folder.glob("mette-hansen-*.json")))
    done = hand_in(record, course(), Catalogue("da"), tmp_path / "aflevering", NOW)
    assert done.copy is not None and done.pdf is not None
    copied = done.copy.read_text(encoding="utf-8")
    assert_private_absent(copied, ids)
    assert SHARED_NETWORK in copied and ids["shared_round"] in copied
    assert done.counts("self_assessments") == (2, 2) and done.counts("phase_checks") == (1, 1)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(done.pdf.read_bytes())).pages)
    assert_private_absent(text, ids)
    handed = read_record(done.copy)
    assert [r.id for r in handed.self_assessments] == [r.id for r in record.shared_self_assessments]
