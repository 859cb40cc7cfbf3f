"""Against a real Ralph LRS: offline progress arrives once it is reachable, exactly once,
valid by Ralph's models, without private text; `kursus sync`; the background sender; a
share and an unshare; the trainer's report from the LRS equals the one from the files."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from kursus.content import load_course
from kursus.tracking.events import AnswerGiven, PageViewed
from kursus.trainer.aggregate import build_report
from kursus.vocabulary import Rating
from kursus.xapi.lrs_source import lrs_report
from kursus.xapi.outbox import Outbox
from kursus.xapi.sender import BackgroundSender, LearnerSync, attach
from tests.conftest import FIXTURE_LESSONS, until
from tests.lrs.conftest import LrsAccount
from tests.lrs.helpers import (
    PRIVATE_TEXT,
    SHARED_TEXT,
    courses,
    learn,
    open_store,
    run_cli,
    send,
    sync_of,
    text_of,
    validate,
)
from tests.unit.test_trainer_support import NOW, PRIVATE_TEXTS, build_cohort


def ids_in_lrs(lrs: LrsAccount) -> Counter:
    return Counter(statement["id"] for statement in lrs.stored())


def test_offline_progress_arrives_exactly_once_when_the_lrs_is_reachable(tmp_path: Path, lrs: LrsAccount) -> None:
    store = open_store(tmp_path)
    learn(store, finish_all=True)
    before = store.path.read_bytes()
    down = lrs.config(endpoint="http://127.0.0.1:9/xAPI/")  # nothing listens there
    offline = send(store.path, down)
    assert offline.error_kind == "unreachable" and offline.sent == 0 and offline.failed == 17
    assert store.path.read_bytes() == before  # the progress file is never touched by sending

    online = send(store.path, lrs.config())
    assert (online.sent, online.already, online.failed) == (17, 0, 0)
    held = ids_in_lrs(lrs)
    assert len(held) == 17 and set(held.values()) == {1}
    for statement in lrs.stored():
        validate(statement)  # as Ralph stored it (with its `stored` and `authority`)
    held_text = text_of(lrs.stored())  # decoded: Ralph writes \u escapes
    assert PRIVATE_TEXT not in held_text and "PRIVATE-REFLECTION-ZQX" not in held_text
    assert SHARED_TEXT in held_text

    again = send(store.path, lrs.config())
    assert (again.sent, again.already, again.failed) == (0, 0, 0)
    Outbox(store.path).path.unlink()  # the ledger lost: everything is offered again
    resend = send(store.path, lrs.config())
    assert (resend.sent, resend.already, resend.failed) == (0, 17, 0)
    assert ids_in_lrs(lrs) == held
    assert store.path.read_bytes() == before


def test_kursus_sync_shows_what_is_sent_then_sends(tmp_path: Path, lrs: LrsAccount, monkeypatch) -> None:
    monkeypatch.setenv("KURSUS_LRS_USER", lrs.user)
    monkeypatch.setenv("KURSUS_LRS_PASSWORD", lrs.password)
    store = open_store(tmp_path)
    learn(store)
    common = ("sync", "--progress-dir", str(tmp_path), "--lessons", str(FIXTURE_LESSONS), "--lrs", lrs.url)

    code, out, _ = run_cli(*common, "--email", "mette@example.org")  # not at a terminal, no --yes
    assert code == 1 and lrs.stored() == []
    assert "Det sendes aldrig: dine private refleksioner" in out and "mette@example.org" in out
    assert PRIVATE_TEXT not in out and lrs.password not in out

    code, out, _ = run_cli(*common, "--yes")
    assert code == 0, out
    assert "Sendt: 10. Fandtes allerede: 0. Fejlede: 0." in out
    assert len(ids_in_lrs(lrs)) == 10

    code, out, _ = run_cli(*common, "--lang", "en")  # the notice is not shown twice
    assert code == 0 and "Nothing new to send" in out and "Before anything" not in out


def test_the_background_sender_sends_while_the_learner_works(tmp_path: Path, lrs: LrsAccount) -> None:
    store = open_store(tmp_path)
    learn(store)
    sync_of(store.path, lrs.config()).send()  # the notice is seen and the history sent
    sender = BackgroundSender(LearnerSync(store.path, lrs.config(), courses=courses()), debounce=0.05)
    unsubscribe = store.subscribe(lambda event: sender.poke())
    sender.start()
    try:
        assert sender.wait_for_round(1, 30)
        store.record_event(PageViewed("beta", 0))
        store.record_event(AnswerGiven("beta", "s1", "b", Rating.BEST))
        for _ in range(5):  # the two events may go in one round or two
            seen = sender.rounds
            if len(ids_in_lrs(lrs)) == 12:
                break
            assert sender.wait_for_round(seen + 1, 30)
        assert sender.last_result is not None and sender.last_result.error_kind == ""
    finally:
        unsubscribe()
        sender.stop(wait=10)
    assert len(ids_in_lrs(lrs)) == 12 and set(ids_in_lrs(lrs).values()) == {1}
    assert any(s["object"]["id"].endswith("/lessons/beta/scenarios/s1") for s in lrs.stored())


def test_attach_does_nothing_without_an_lrs(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    detach = attach(store, FIXTURE_LESSONS)  # no KURSUS_LRS_URL, no config file
    learn(store)
    detach()
    assert sorted(path.name for path in tmp_path.iterdir() if not path.name.endswith(".lock")) == [store.path.name]


def test_attach_starts_the_sender_when_an_lrs_is_configured(tmp_path: Path, lrs: LrsAccount, monkeypatch) -> None:
    from kursus.xapi.sender import running_sender

    monkeypatch.setenv("KURSUS_LRS_URL", lrs.url)
    monkeypatch.setenv("KURSUS_LRS_USER", lrs.user)
    monkeypatch.setenv("KURSUS_LRS_PASSWORD", lrs.password)
    monkeypatch.setenv("KURSUS_XAPI_MBOX", "mette@example.org")
    store = open_store(tmp_path)
    learn(store)
    sync_of(store.path, lrs.config())  # the learner has seen the notice (kursus sync)
    detach = attach(store, FIXTURE_LESSONS)
    try:
        sender = running_sender(store.path)
        assert sender is not None and sender.wait_for_round(1, 30)
        assert len(ids_in_lrs(lrs)) == 10  # the history went in the first round
        pokes: list[int] = []
        monkeypatch.setattr(sender, "poke", lambda: pokes.append(1))
        store.save_reflection("beta", "r2", "private words", shared=False)
        assert pokes == []  # a private reflection does not even wake the sender
        store.record_event(PageViewed("beta", 0))
        store.set_shared("alpha", "r1", False)
        assert len(pokes) == 2
    finally:
        detach()


def test_share_and_unshare_reach_the_trainer(tmp_path: Path, lrs: LrsAccount) -> None:
    store = open_store(tmp_path)
    learn(store)
    course = load_course(FIXTURE_LESSONS, "da")
    send(store.path, lrs.config())
    shared = lrs_report(lrs.config(), course, now=NOW).learners[0].shared
    assert [(s.prompt_id, s.text) for s in shared] == [("r1", SHARED_TEXT)]

    store.set_shared("alpha", "r1", False)
    result = send(store.path, lrs.config())
    assert result.sent == 2  # the share voided, and the unshare
    unshare = lrs.stored()[-1]
    validate(unshare)
    assert unshare["verb"]["id"].endswith("/verbs/unshared") and "result" not in unshare
    assert lrs_report(lrs.config(), course, now=NOW).learners[0].shared == []

    store.set_shared("alpha", "r1", True)
    send(store.path, lrs.config())
    assert [s.text for s in lrs_report(lrs.config(), course, now=NOW).learners[0].shared] == [SHARED_TEXT]
    assert "PRIVATE-REFLECTION-ZQX" not in text_of(lrs.stored())


SUMMARY_FIELDS = (
    "name",
    "cohort",
    "lang",
    "status",
    "lessons_done",
    "lessons_total",
    "modules",
    "lesson_status",
    "first_try_score",
    "scenarios_answered",
    "last_activity",
    "shared",
    "first_tries",
    "notes",
    "reviews",
)


def test_the_report_from_the_lrs_equals_the_report_from_the_files(tmp_path: Path, lrs: LrsAccount) -> None:
    cohort = build_cohort(tmp_path / "cohort")
    emails = {short: f"{short}@example.org" for short in cohort.files}
    for short, path in cohort.files.items():
        send(path, lrs.config(mbox=""), emails[short])
    for path in cohort.files.values():  # a trainer's folder holds only the progress files
        Outbox(path).path.unlink(missing_ok=True)
        for lock in path.parent.glob("*.lock"):
            lock.unlink()
    course = load_course(FIXTURE_LESSONS, "da")
    from_files = build_report(cohort.folder, course, now=NOW)
    from_lrs = lrs_report(lrs.config(), course, now=NOW)

    by_name = {learner.name: learner for learner in from_files.learners}
    # Di never did anything, so there is nothing about Di in an LRS; everyone else is there.
    assert sorted(by_name) == sorted([learner.name for learner in from_lrs.learners] + ["Di Dam"])
    for learner in from_lrs.learners:
        same = by_name[learner.name]
        for name in SUMMARY_FIELDS:
            mine, theirs = getattr(learner, name), getattr(same, name)
            if name == "shared":  # in course order from an LRS, in the order first written in a file
                mine, theirs = sorted(mine), sorted(theirs)
            assert mine == theirs, (learner.name, name)
    assert [asdict(s) for s in from_lrs.scenarios] == [asdict(s) for s in from_files.scenarios]
    assert from_lrs.cohorts == from_files.cohorts
    assert {learner.relative for learner in from_lrs.learners} == {emails[s] for s in cohort.files if s != "di"}
    held_text = text_of(lrs.stored())
    assert not [text for text in PRIVATE_TEXTS if text in held_text or text[:12] in held_text]
    for statement in lrs.stored():  # hostile names and texts included
        validate(statement)


def test_report_and_trainer_take_lrs_as_a_source(tmp_path: Path, lrs: LrsAccount, monkeypatch) -> None:
    cohort = build_cohort(tmp_path / "cohort")
    for short, path in cohort.files.items():
        send(path, lrs.config(mbox=""), f"{short}@example.org")
    monkeypatch.setenv("KURSUS_LRS_USER", lrs.user)
    monkeypatch.setenv("KURSUS_LRS_PASSWORD", lrs.password)
    for path in cohort.files.values():
        Outbox(path).path.unlink(missing_ok=True)
    lessons = ("--lessons", str(FIXTURE_LESSONS))
    code, from_lrs, err = run_cli("report", "--lrs", lrs.url, "--format", "json", *lessons)
    assert code == 0, err
    code, from_files, err = run_cli("report", str(cohort.folder), "--format", "json", *lessons)
    assert code == 0, err

    def learners(text: str) -> dict[str, dict]:
        rows = json.loads(text)["learners"]
        return {row["name"]: {k: v for k, v in row.items() if k not in ("file", "last_activity")} for row in rows}

    lrs_rows, file_rows = learners(from_lrs), learners(from_files)
    assert lrs_rows == {name: row for name, row in file_rows.items() if name != "Di Dam"}

    code, _, err = run_cli("report", str(cohort.folder), "--lrs", lrs.url, *lessons)
    assert code == 2 and "not both" in err
    code, _, err = run_cli("report", *lessons)
    assert code == 2 and "--lrs" in err
    monkeypatch.setenv("KURSUS_LRS_PASSWORD", "wrong-password-XYZ")
    code, _, err = run_cli("report", "--lrs", lrs.url, *lessons)
    assert code == 2 and "401" in err and "wrong-password-XYZ" not in err
    assert len(err.strip().splitlines()) == 1


async def test_the_trainer_dashboard_reads_the_lrs(tmp_path: Path, lrs: LrsAccount, monkeypatch) -> None:
    from kursus.commands.options import TrainerOptions
    from kursus.commands.trainer import run_trainer
    from kursus.ui.trainer.app import TrainerApp

    store = open_store(tmp_path)
    learn(store)
    send(store.path, lrs.config())
    monkeypatch.setenv("KURSUS_LRS_USER", lrs.user)
    monkeypatch.setenv("KURSUS_LRS_PASSWORD", lrs.password)
    shown: list[TrainerApp] = []
    monkeypatch.setattr(TrainerApp, "run", lambda self: shown.append(self))
    assert run_trainer(TrainerOptions("", lessons=str(FIXTURE_LESSONS), lrs=lrs.url)) == 0
    app = shown[0]
    assert [learner.name for learner in app.report.learners] == ["Mette Hansen"]
    assert lrs.url in app.sub_title and lrs.password not in app.sub_title
    store.record_event(AnswerGiven("beta", "s1", "b", Rating.BEST))
    send(store.path, lrs.config())
    async with app.run_test() as pilot:
        await pilot.press("r")  # `r` reads the LRS again
        await until(pilot, lambda: not app.reading and app.report.learners[0].scenarios_answered == 4)
        await pilot.press("v")  # the cohort's self-assessment: the LRS never holds one, and the screen says so
        await until(pilot, lambda: bool(app.screen.query("#assessment-not-in-lrs")))
        note = str(app.screen.query_one("#assessment-not-in-lrs").render())
        assert "LRS" in note and "progress" in note
        assert not app.screen.query("#assessment-too-few") and not app.screen.query("#assessment-means")
    learner = app.report.learners[0]
    assert set(learner.answers()) == {key for key, _, _ in learner.first_tries}  # the detail view reads it too


def test_statements_that_are_not_ours_are_left_out(tmp_path: Path, lrs: LrsAccount) -> None:
    from kursus.xapi.client import LrsClient

    store = open_store(tmp_path)
    learn(store)
    send(store.path, lrs.config())
    course_iri = "https://kursus.example/xapi/courses/testkursus"
    actor = {"objectType": "Agent", "mbox": "mailto:other@example.org", "name": "[b]Other[/b]"}
    verb = {"id": "http://adlnet.gov/expapi/verbs/answered"}
    grouping = {"contextActivities": {"grouping": [{"id": course_iri}]}}
    odd = [
        {"actor": actor, "verb": verb, "object": {"id": "https://elsewhere.example/course/x"}},
        {
            "actor": actor,
            "verb": verb,
            "object": {"id": course_iri + "/lessons/alpha/scenarios/s1"},
            "context": grouping,
        },
        {
            "actor": actor,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
            "object": {"id": course_iri + "/lessons/alpha/pages/zero"},
            "context": grouping,
            "timestamp": "not a time",
        },
        {
            "actor": actor,
            "verb": verb,
            "object": {"id": course_iri + "/lessons/alpha/scenarios/s1"},
            "result": {"response": ["a"], "score": {"scaled": 7}},
            "context": {**grouping, "extensions": {"https://kursus.example/xapi/extensions/sequence": "x"}},
        },
    ]
    LrsClient(lrs.config()).post_statements(odd)
    course = load_course(FIXTURE_LESSONS, "da")
    report = lrs_report(lrs.config(), course, now=NOW)
    names = {learner.name: learner for learner in report.learners}
    assert list(names) == ["Mette Hansen"] and names["Mette Hansen"].scenarios_answered == 3
