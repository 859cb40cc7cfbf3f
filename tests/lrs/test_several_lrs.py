"""One learner, more than one LRS: what was sent, and what the learner agreed to, is
kept per LRS (its normalised address). A new or wiped LRS gets the whole history; an LRS
that already holds a statement says so and that counts as sent; a one-off
`kursus sync --lrs OTHER` does not stop the sending to the configured LRS; and an outbox
written by the previous version (one LRS, format 1) still counts what it sent."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from kursus.tracking.events import PageViewed
from kursus.xapi.outbox import Outbox
from kursus.xapi.sender import LearnerSync
from tests.conftest import FIXTURE_LESSONS
from tests.lrs.conftest import LrsAccount, RalphServer
from tests.lrs.faults import FaultProxy
from tests.lrs.helpers import SHARED_TEXT, courses, learn, open_store, run_cli, send, text_of

HISTORY = 10  # statements in learn(): 9 events and one shared reflection


def with_credentials(url: str, account: LrsAccount) -> str:
    """The address with the account in it (each Ralph user has a store of its own)."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{account.user}:{account.password}@{rest}"


def ids(account: LrsAccount) -> Counter:
    return Counter(statement["id"] for statement in account.stored())


@pytest.fixture
def two_lrs(ralph: RalphServer):
    """LRS A (Ralph on its own address) and LRS B (another Ralph user, reached through a
    proxy on another port: another address), both empty."""
    a, b = ralph.take(), ralph.take()
    with FaultProxy(ralph.base_url, "pass") as proxy:
        yield a, a.url, b, proxy.url


def test_a_new_lrs_gets_the_whole_history_and_consent_for_the_configured_one_stays(
    tmp_path: Path, two_lrs, monkeypatch
) -> None:
    a, a_url, b, b_url = two_lrs
    monkeypatch.setenv("KURSUS_LRS_URL", with_credentials(a_url, a))  # the configured LRS
    store = open_store(tmp_path)
    learn(store)
    common = ("sync", "--progress-dir", str(tmp_path), "--lessons", str(FIXTURE_LESSONS), "--lang", "en")
    code, out, _ = run_cli(*common, "--email", "mette@example.org", "--yes")
    assert code == 0 and f"Sent: {HISTORY}." in out, out
    assert len(ids(a)) == HISTORY

    # a one-off sync to another (empty) LRS: its own notice, then everything
    code, out, _ = run_cli(*common, "--lrs", with_credentials(b_url, b), "--yes")
    assert code == 0, out
    assert "Before anything is sent" in out and b_url in out and b.password not in out
    assert f"Sent: {HISTORY}. Already there: 0. Failed: 0." in out and "Nothing new" not in out
    assert ids(b) == ids(a)
    code, out, _ = run_cli(*common, "--lrs", with_credentials(b_url, b), "--yes")
    assert code == 0 and "Nothing new to send" in out and "Before anything" not in out

    # the configured LRS still has the learner's consent: the app's sender goes on
    store.record_event(PageViewed("beta", 0))
    result = LearnerSync(store.path, a.config(endpoint=a_url, mbox=""), courses=courses()).send()
    assert (result.error_kind, result.sent) == ("", 1)
    code, out, _ = run_cli(*common)
    assert code == 0 and "Nothing new to send" in out and "Before anything" not in out
    outbox = json.loads(Outbox(store.path).path.read_text(encoding="utf-8"))
    assert sorted(c["endpoint"] for c in outbox["consents"]) == sorted([a_url, b_url])
    assert a.password not in json.dumps(outbox)


def test_an_lrs_that_has_the_statements_already_counts_them_as_sent(tmp_path: Path, lrs: LrsAccount) -> None:
    from kursus.xapi.config import normalise_endpoint

    store = open_store(tmp_path)
    learn(store)
    assert send(store.path, lrs.config()).sent == HISTORY
    # the same LRS under another address: new to the outbox, not to the LRS (Ralph answers 204)
    other = lrs.url.replace("127.0.0.1", "localhost")
    assert normalise_endpoint(other) != normalise_endpoint(lrs.url)
    result = send(store.path, lrs.config(endpoint=other))
    assert (result.sent, result.already, result.failed, result.error_kind) == (0, HISTORY, 0, "")
    assert set(ids(lrs).values()) == {1}
    again = send(store.path, lrs.config(endpoint=other))
    assert (again.sent, again.already, again.failed) == (0, 0, 0)


def test_the_same_lrs_spelled_differently_is_one_lrs(tmp_path: Path, lrs: LrsAccount) -> None:
    from kursus.xapi.config import normalise_endpoint

    store = open_store(tmp_path)
    learn(store)
    send(store.path, lrs.config())
    host_port = lrs.url.split("://", 1)[1].split("/", 1)[0]
    for spelling in (f"HTTP://{host_port}/xAPI/statements", f"http://{host_port}/xAPI"):
        assert normalise_endpoint(spelling) == lrs.url
        again = send(store.path, lrs.config(endpoint=normalise_endpoint(spelling)))
        assert (again.sent, again.already, again.failed) == (0, 0, 0)
    assert normalise_endpoint("https://lrs.example:443/xAPI/") == "https://lrs.example/xAPI/"
    assert normalise_endpoint("http://LRS.example:80") == "http://lrs.example/xAPI/"


def format_1(outbox_file: Path, endpoint: str) -> None:
    """Rewrite the outbox as the previous version wrote it: one LRS, `notice` at the top."""
    data = json.loads(outbox_file.read_text(encoding="utf-8"))
    part = data["lrs"][endpoint]
    old = {
        "format": 1,
        "email": data["email"],
        "notice": {k: data["consents"][0][k] for k in ("endpoint", "actor", "at")},
        "built_for": part["built_for"],
        "pending": part["pending"],
        "sent": part["sent"],
        "reflections": {k: {"id": v["id"], "shared": v["shared"]} for k, v in part["reflections"].items()},
        "rejected": part["rejected"],
        "last_error": part["last_error"],
    }
    outbox_file.write_text(json.dumps(old), encoding="utf-8")


def test_an_outbox_of_the_previous_version_still_counts_what_it_sent(tmp_path: Path, two_lrs) -> None:
    a, a_url, b, b_url = two_lrs
    store = open_store(tmp_path)
    learn(store)
    assert send(store.path, a.config(endpoint=a_url)).sent == HISTORY
    format_1(Outbox(store.path).path, a_url)

    sync_a = LearnerSync(store.path, a.config(endpoint=a_url), courses=courses())
    result = sync_a.send()  # consent and ledger read from the old file: nothing to ask, nothing to send
    assert (result.error_kind, result.sent, result.already, result.failed) == ("", 0, 0, 0)
    assert json.loads(Outbox(store.path).path.read_text(encoding="utf-8"))["format"] == 2

    store.set_shared("alpha", "r1", False)  # the share the old version sent is voided
    result = sync_a.send()
    assert (result.error_kind, result.sent) == ("", 2)
    share = next(s for s in a.stored() if s["verb"]["id"].endswith("/shared"))
    void = next(s for s in a.stored() if s["verb"]["id"].endswith("/voided"))
    assert void["object"] == {"objectType": "StatementRef", "id": share["id"]}

    # another LRS: the history, but nothing of the reflection that is private now
    result = send(store.path, b.config(endpoint=b_url))
    assert (result.sent, result.failed) == (HISTORY - 1, 0)
    held = text_of(b.stored())
    assert SHARED_TEXT not in held and "/reflections/" not in held


def test_a_share_the_previous_version_withdrew_is_voided_after_all(tmp_path: Path, lrs: LrsAccount) -> None:
    """The previous version sent an unshare and kept only its id: the share it followed
    is found in the LRS (once) and voided."""
    from kursus.xapi.client import LrsClient

    store = open_store(tmp_path)
    learn(store)
    assert send(store.path, lrs.config()).sent == HISTORY
    share = next(s for s in lrs.stored() if s["verb"]["id"].endswith("/shared"))
    store.set_shared("alpha", "r1", False)
    sync = LearnerSync(store.path, lrs.config(), courses=courses())
    state, _ = sync.prepare()
    unshare = next(item for item in state.pending if item["statement"]["verb"]["id"].endswith("/unshared"))
    LrsClient(lrs.config()).post_statements([unshare["statement"]])  # all the previous version sent
    outbox_file = Outbox(store.path).path
    data = json.loads(outbox_file.read_text(encoding="utf-8"))
    part = data["lrs"][lrs.url]
    part["pending"] = []
    part["sent"][unshare["id"]] = 1
    part["reflections"] = {unshare["key"]: {"id": unshare["id"], "shared": False, "shares": []}}
    outbox_file.write_text(json.dumps(data), encoding="utf-8")
    format_1(outbox_file, lrs.url)
    assert not [s for s in lrs.stored() if s["verb"]["id"].endswith("/voided")]

    result = sync.send()
    assert (result.error_kind, result.sent, result.failed) == ("", 1, 0)
    void = lrs.stored()[-1]
    assert void["verb"]["id"].endswith("/voided") and void["object"]["id"] == share["id"]
    assert "lookup" not in text_of(json.loads(outbox_file.read_text(encoding="utf-8")))
    again = sync.send()  # looked up once
    assert (again.sent, again.already, again.failed) == (0, 0, 0)
