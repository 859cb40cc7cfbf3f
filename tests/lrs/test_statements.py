"""Statements from a learner's history: valid by Ralph's own xAPI models, deterministic
ids, and the privacy rules (a private reflection never leaves the machine, not even its
length; a share may be sent, an unshare is sent too). No LRS needed here."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from kursus.tracking import ProgressStore
from kursus.tracking.record import read_record
from kursus.xapi.config import LrsConfig
from kursus.xapi.outbox import Outbox, OutboxState, outbox_path, refresh
from kursus.xapi.sender import LearnerSync, learner_actor
from kursus.xapi.statements import (
    VERB_ANSWERED,
    VERB_ATTEMPTED,
    VERB_COMPLETED,
    VERB_EXPERIENCED,
    VERB_SHARED,
    make_actor,
)
from tests.conftest import HOSTILE_STRINGS
from tests.lrs.helpers import PRIVATE_TEXT, SHARED_TEXT, courses, learn, open_store, text_of, validate

pytestmark = pytest.mark.usefixtures("ralph_models")

CONFIG = LrsConfig(endpoint="http://127.0.0.1:9/xAPI/", mbox="mailto:mette@example.org")


def pending(folder: Path, config: LrsConfig = CONFIG) -> list[dict]:
    path = next(folder.glob("*.json"))
    state, builder = LearnerSync(path, config, courses=courses()).prepare()
    assert builder is not None
    return state.pending


def by_verb(items: list[dict], verb: str) -> list[dict]:
    return [item["statement"] for item in items if item["statement"]["verb"]["id"] == verb]


def test_every_statement_of_a_history_is_valid_by_ralphs_models(tmp_path: Path) -> None:
    learn(open_store(tmp_path), finish_all=True)
    items = pending(tmp_path)
    for item in items:
        validate(item["statement"])  # raises on anything Ralph's models refuse
    # 15 events, the course completed once, one shared reflection
    assert len(items) == 17
    assert len(by_verb(items, VERB_ATTEMPTED)) == 3 and len(by_verb(items, VERB_EXPERIENCED)) == 2
    completed = by_verb(items, VERB_COMPLETED)
    course = [s for s in completed if s["object"]["id"].endswith("/courses/testkursus")]
    assert len(completed) == 4 and len(course) == 1
    assert course[0]["timestamp"] == "2026-06-01T09:31:00+00:00"  # when the last lesson was first finished


def test_an_answer_carries_the_choice_score_success_and_attempt(tmp_path: Path) -> None:
    learn(open_store(tmp_path))
    answers = by_verb(pending(tmp_path), VERB_ANSWERED)
    first, follow_up, retry, second, review = answers
    assert second["object"]["id"].endswith("/scenarios/s2") and second["result"]["success"] is True
    assert first["result"]["response"] == "a" and first["result"]["success"] is False
    assert first["result"]["score"] == {"scaled": 0.0}
    assert retry["result"]["response"] == "b" and retry["result"]["success"] is True
    assert retry["result"]["score"] == {"scaled": 1.0}
    assert follow_up["result"]["score"] == {"scaled": 0.5}
    attempts = [s["result"]["extensions"]["https://kursus.example/xapi/extensions/attempt"] for s in answers[:4]]
    assert attempts == [1, 1, 2, 1]
    # the review answer: same verb and scenario, told apart by its category, no attempt number
    assert review["object"]["id"] == first["object"]["id"]
    assert [a["id"] for a in review["context"]["contextActivities"]["category"]] == [
        "https://kursus.example/xapi/categories/spaced-review"
    ]
    assert "https://kursus.example/xapi/extensions/attempt" not in review["result"]["extensions"]
    assert all("category" not in s["context"]["contextActivities"] for s in answers[:4])
    # titles as language maps, cohort and content version in the context
    definition = first["object"]["definition"]
    assert definition["name"] == {"da-DK": "Første scenarie", "en-GB": "First scenario"}
    assert definition["interactionType"] == "choice" and definition["correctResponsesPattern"] == ["b"]
    extensions = first["context"]["extensions"]
    assert extensions["https://kursus.example/xapi/extensions/cohort"] == "2027-forår"
    assert extensions["https://kursus.example/xapi/extensions/content-version"] == 3
    assert first["actor"] == {"objectType": "Agent", "name": "Mette Hansen", "mbox": "mailto:mette@example.org"}


def test_statement_ids_are_uuid5_deterministic_and_per_learner(tmp_path: Path) -> None:
    learn(open_store(tmp_path / "a"), finish_all=True)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    for leftover in (tmp_path / "b").glob("*.outbox*"):
        leftover.unlink()
    first = [item["id"] for item in pending(tmp_path / "a")]
    again = [item["id"] for item in pending(tmp_path / "b")]
    assert first == again and len(set(first)) == len(first)
    assert {uuid.UUID(sid).version for sid in first} == {5}
    other = LrsConfig(endpoint=CONFIG.endpoint, mbox="mailto:someone.else@example.org")
    shutil.copytree(tmp_path / "a", tmp_path / "c")
    (outbox_path(next((tmp_path / "c").glob("*.json")))).unlink()
    assert not set(first) & {item["id"] for item in pending(tmp_path / "c", other)}


def test_a_private_reflection_is_never_sent_not_even_its_length(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    learn(store)
    before = pending(tmp_path)
    assert PRIVATE_TEXT not in text_of(before) and "/reflections/r2" not in text_of(before)
    assert SHARED_TEXT in text_of(before)  # the shared one may go
    # The private text changes length and content: not one statement changes.
    store.save_reflection("alpha", "r2", PRIVATE_TEXT * 7 + " mere", shared=False)
    outbox = Outbox(store.path)
    outbox.path.unlink()
    after = pending(tmp_path)
    assert after == before
    assert PRIVATE_TEXT not in outbox.path.read_text(encoding="utf-8")


def test_a_share_withdrawn_before_sending_is_never_sent(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    learn(store)
    assert any(item["key"] for item in pending(tmp_path))  # the share waits, with its text
    assert SHARED_TEXT in Outbox(store.path).path.read_text(encoding="utf-8")
    store.set_shared("alpha", "r1", False)
    items = pending(tmp_path)
    assert not [item for item in items if item["key"]]  # no share, and no unshare of what never went
    assert SHARED_TEXT not in Outbox(store.path).path.read_text(encoding="utf-8")


def sent_history(folder: Path) -> tuple[ProgressStore, Outbox, dict]:
    """A learner's history with a shared reflection, all of it marked sent (as if the LRS
    had it): the store, its outbox and the share's queue item."""
    store = open_store(folder)
    learn(store)
    outbox = Outbox(store.path, CONFIG.endpoint)
    items = pending(folder)
    share = next(item for item in items if item["key"])
    with outbox.change() as state:
        state.mark_sent({item["id"] for item in items})
    return store, outbox, share


def test_an_unshare_follows_a_sent_share_without_any_text_and_voids_it(tmp_path: Path) -> None:
    store, outbox, share = sent_history(tmp_path)
    store.set_shared("alpha", "r1", False)
    items = pending(tmp_path)
    assert [item["statement"]["verb"]["id"] for item in items] == [
        "http://adlnet.gov/expapi/verbs/voided",  # first: the LRS stops giving out the text
        "https://kursus.example/xapi/verbs/unshared",
    ]
    void, unshare = (item["statement"] for item in items)
    for statement in (void, unshare):
        validate(statement)
        assert "result" not in statement and SHARED_TEXT not in text_of(statement)
    assert void["object"] == {"objectType": "StatementRef", "id": share["id"]}
    assert void["actor"] == share["statement"]["actor"] and "context" not in void
    assert unshare["object"]["id"] == share["statement"]["object"]["id"]
    # shared again later: a new share with the text (a new id), after the unshare
    with outbox.change() as state:
        state.mark_sent({item["id"] for item in items})
    assert outbox.read().reflections["alpha\x1fr1"]["shares"] == []  # nothing of it left to void
    store.set_shared("alpha", "r1", True)
    again = pending(tmp_path)
    assert len(again) == 1 and again[0]["statement"]["verb"]["id"] == VERB_SHARED
    assert again[0]["id"] != share["id"] and again[0]["statement"]["result"]["response"] == SHARED_TEXT


def test_a_share_edited_after_sending_voids_the_earlier_text(tmp_path: Path) -> None:
    store, _, share = sent_history(tmp_path)
    store.save_reflection("alpha", "r1", "NEW SHARED TEXT", base_revision=1)
    items = pending(tmp_path)
    assert [item["statement"]["verb"]["id"] for item in items] == [VERB_SHARED, "http://adlnet.gov/expapi/verbs/voided"]
    assert items[0]["statement"]["result"]["response"] == "NEW SHARED TEXT"
    assert items[1]["statement"]["object"]["id"] == share["id"]


def test_a_shared_text_edited_before_sending_goes_once_in_its_last_version(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    learn(store)
    pending(tmp_path)
    store.save_reflection("alpha", "r1", "NEW SHARED TEXT", base_revision=1)
    shares = by_verb(pending(tmp_path), VERB_SHARED)
    assert [s["result"]["response"] for s in shares] == ["NEW SHARED TEXT"]
    assert SHARED_TEXT not in Outbox(store.path).path.read_text(encoding="utf-8")


def test_hostile_names_and_texts_make_valid_statements(tmp_path: Path) -> None:
    for number, text in enumerate(HOSTILE_STRINGS):
        folder = tmp_path / str(number)
        store = open_store(folder, name=text[:200], cohort=text)
        learn(store)
        store.save_reflection("beta", "r1", text, shared=True)
        items = pending(folder)
        for item in items:
            validate(item["statement"])
        assert any(item["statement"].get("result", {}).get("response") == text for item in items)


def test_the_actor_is_an_account_or_an_mbox_never_a_bare_name() -> None:
    account = LrsConfig(endpoint=CONFIG.endpoint, account_homepage="https://login.example.org", account_name="mh123")
    assert learner_actor(account, "Mette", "mailto:m@example.org") == {
        "objectType": "Agent",
        "name": "Mette",
        "account": {"homePage": "https://login.example.org", "name": "mh123"},
    }
    assert learner_actor(CONFIG, "Mette")["mbox"] == "mailto:mette@example.org"
    nobody = LrsConfig(endpoint=CONFIG.endpoint)
    assert learner_actor(nobody, "Mette") is None
    with pytest.raises(ValueError):
        make_actor("Mette")


def test_no_identity_means_nothing_is_queued(tmp_path: Path) -> None:
    learn(open_store(tmp_path))
    path = next(tmp_path.glob("*.json"))
    state, builder = LearnerSync(path, LrsConfig(endpoint=CONFIG.endpoint), courses=courses()).prepare()
    assert builder is None and state.pending == []


def test_a_new_identity_rebuilds_what_waits(tmp_path: Path) -> None:
    learn(open_store(tmp_path))
    first = pending(tmp_path)
    other = LrsConfig(endpoint=CONFIG.endpoint, mbox="mailto:new@example.org")
    second = pending(tmp_path, other)
    assert len(second) == len(first)
    assert {item["statement"]["actor"]["mbox"] for item in second} == {"mailto:new@example.org"}


def test_refresh_adds_only_what_is_missing(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    learn(store)
    sync = LearnerSync(store.path, CONFIG, courses=courses())
    state, builder = sync.prepare()
    assert builder is not None
    record = read_record(store.path)
    copy = OutboxState.from_data(state.as_data(), CONFIG.endpoint)
    assert refresh(copy, record, builder, sync.lesson_order(), sync.built_for(builder)) == 0
    copy.mark_sent({item["id"] for item in copy.pending[:5]})
    assert refresh(copy, record, builder, sync.lesson_order(), sync.built_for(builder)) == 0
    assert len(copy.pending) == len(state.pending) - 5
