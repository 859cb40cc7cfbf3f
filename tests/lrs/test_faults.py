"""The fault cases, against a real Ralph (behind a proxy that fails on purpose where Ralph
would not): LRS down, wrong password, server error, a slow LRS, a batch that fails
half-way, a statement the LRS refuses, and the app killed during a send. Afterwards every
statement is in the LRS exactly once and nothing in the progress file is lost.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kursus.tracking.record import read_record
from kursus.xapi.outbox import Outbox
from tests.conftest import FIXTURE_LESSONS
from tests.lrs.conftest import LrsAccount, RalphServer
from tests.lrs.faults import FaultProxy
from tests.lrs.helpers import learn, open_store, send, sync_of

TOTAL = 17  # statements in learn(finish_all=True)


def exactly_once(lrs: LrsAccount, total: int = TOTAL) -> None:
    counts = Counter(statement["id"] for statement in lrs.stored())
    assert len(counts) == total and set(counts.values()) == {1}, counts.most_common(3)


@pytest.fixture
def learner(tmp_path: Path) -> tuple[Path, bytes]:
    store = open_store(tmp_path / "progress")
    learn(store, finish_all=True)
    return store.path, store.path.read_bytes()


def test_lrs_down_keeps_everything_and_sends_it_later(learner, lrs: LrsAccount) -> None:
    path, before = learner
    down = "http://127.0.0.1:9/xAPI/"
    result = send(path, lrs.config(endpoint=down))
    assert result.error_kind == "unreachable" and result.failed == TOTAL
    assert "cannot reach the LRS" in result.reason
    assert len(Outbox(path, down).read().pending) == TOTAL and path.read_bytes() == before
    assert send(path, lrs.config()).sent == TOTAL
    exactly_once(lrs)


def test_wrong_password_is_a_clear_reason_and_never_shown(learner, lrs: LrsAccount, caplog) -> None:
    path, before = learner
    secret = "WRONG-PASSWORD-7Q"
    with caplog.at_level(logging.DEBUG):
        result = send(path, lrs.config(password=secret))  # Ralph's own 401
    assert result.error_kind == "auth" and "401" in result.reason and result.failed == TOTAL
    assert lrs.stored() == []
    outbox_text = Outbox(path).path.read_text(encoding="utf-8")
    for place in (result.reason, outbox_text, path.read_text(encoding="utf-8"), caplog.text):
        assert secret not in place and lrs.password not in place
    assert send(path, lrs.config()).sent == TOTAL
    exactly_once(lrs)
    assert path.read_bytes() == before


def test_server_error_then_recovery(learner, lrs: LrsAccount, ralph: RalphServer) -> None:
    path, _ = learner
    with FaultProxy(ralph.base_url, "error") as proxy:
        result = send(path, lrs.config(endpoint=proxy.url), attempts=1)
        assert result.error_kind == "server" and "500" in result.reason
        proxy.mode = "pass"
        assert send(path, lrs.config(endpoint=proxy.url)).sent == TOTAL
    exactly_once(lrs)


def test_a_slow_lrs_times_out_and_nothing_is_lost(learner, lrs: LrsAccount, ralph: RalphServer) -> None:
    path, before = learner
    with FaultProxy(ralph.base_url, "hang") as proxy:
        result = send(path, lrs.config(endpoint=proxy.url, timeout=0.5))
        assert result.error_kind == "timeout" and "0.5 s" in result.reason
        assert lrs.stored() == [] and len(Outbox(path, proxy.url).read().pending) == TOTAL
        proxy.release.set()  # the LRS gets to the held request after all, and stores it
        assert proxy.settled()
        proxy.mode = "pass"
        again = send(path, lrs.config(endpoint=proxy.url))
    assert (again.sent, again.already, again.failed) == (0, TOTAL, 0)
    exactly_once(lrs)
    assert path.read_bytes() == before


def test_stored_but_the_answer_never_came(learner, lrs: LrsAccount, ralph: RalphServer) -> None:
    """The LRS stored a batch and the answer was lost (timeout, dropped connection):
    the batch is sent again and the LRS keeps each statement once."""
    path, _ = learner
    with FaultProxy(ralph.base_url, "store_then_drop") as proxy:
        result = send(path, lrs.config(endpoint=proxy.url, batch_size=6), attempts=1)
        assert result.error_kind == "unreachable" and result.sent == 0
        assert len(lrs.stored()) == 6
        proxy.mode = "pass"
        again = send(path, lrs.config(endpoint=proxy.url, batch_size=6))
    assert (again.sent, again.already, again.failed) == (TOTAL - 6, 6, 0)
    exactly_once(lrs)


def test_a_batch_that_fails_half_way(learner, lrs: LrsAccount, ralph: RalphServer) -> None:
    path, _ = learner
    with FaultProxy(ralph.base_url, "half") as proxy:
        result = send(path, lrs.config(endpoint=proxy.url, batch_size=10), attempts=1)
        assert result.error_kind == "server" and result.failed == TOTAL
        assert len(lrs.stored()) == 5  # the first half of the first batch got in
        proxy.mode = "pass"
        again = send(path, lrs.config(endpoint=proxy.url, batch_size=10))
    assert (again.sent, again.already, again.failed) == (TOTAL - 5, 5, 0)
    exactly_once(lrs)


def test_sync_retries_a_failing_batch(learner, lrs: LrsAccount, ralph: RalphServer) -> None:
    path, _ = learner
    with FaultProxy(ralph.base_url, "error") as proxy:
        sync = sync_of(path, lrs.config(endpoint=proxy.url))
        pauses: list[float] = []

        def pause(seconds: float) -> None:
            pauses.append(seconds)
            proxy.mode = "pass"  # the LRS comes back during the pause

        sync._sleep = pause
        result = sync.send(attempts=3)
    assert result.sent == TOTAL and result.error_kind == "" and pauses == [0.5]
    exactly_once(lrs)


def test_a_statement_the_lrs_refuses_is_set_aside_and_the_rest_go(learner, lrs: LrsAccount) -> None:
    path, _ = learner
    sync = sync_of(path, lrs.config())
    state, _ = sync.prepare()
    bad_id = state.pending[4]["id"]
    with sync.outbox.change() as state:
        del state.pending[4]["statement"]["verb"]  # as if damaged: Ralph answers 422
    result = sync.send()
    assert (result.sent, result.rejected, result.failed) == (TOTAL - 1, 1, 1)
    assert "422" in result.reason
    kept = Outbox(path, lrs.url).read()
    assert [item["id"] for item in kept.rejected] == [bad_id] and kept.pending == []
    assert bad_id not in {statement["id"] for statement in lrs.stored()}


def test_the_app_killed_during_a_send(tmp_path: Path, learner, lrs: LrsAccount, ralph: RalphServer) -> None:
    """`kursus sync` is killed (SIGKILL) while the LRS has stored a batch but not yet
    answered. The progress file and the outbox are intact; the next sync sends the rest,
    and the LRS holds every statement once."""
    path, before = learner
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "lrs.toml").write_text("batch_size = 5\n", encoding="utf-8")
    with FaultProxy(ralph.base_url, "store_then_hang", hang_limit=60) as proxy:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KURSUS_LRS", "KURSUS_XAPI"))}
        env.update(
            KURSUS_CONFIG_DIR=str(config_dir),
            KURSUS_LRS_URL=proxy.url,
            KURSUS_LRS_USER=lrs.user,
            KURSUS_LRS_PASSWORD=lrs.password,
        )
        command = [sys.executable, "-m", "kursus", "sync", "--progress-dir", str(path.parent)]
        command += ["--lessons", str(FIXTURE_LESSONS), "--email", "mette@example.org", "--yes"]
        child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert proxy.waiting.wait(60), child.communicate(timeout=5)
            assert len(lrs.stored()) == 5  # stored by the LRS, not yet answered
            child.kill()
            child.wait(30)
        finally:
            if child.poll() is None:
                child.kill()
        proxy.release.set()
        assert proxy.settled()
        assert path.read_bytes() == before and read_record(path).name == "Mette Hansen"
        outbox = Outbox(path, proxy.url).read()  # readable, not half-written
        assert len(outbox.pending) == TOTAL and outbox.sent == {}
        proxy.mode = "pass"
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Sendt: {TOTAL - 5}. Fandtes allerede: 5. Fejlede: 0." in done.stdout
    exactly_once(lrs)
    assert path.read_bytes() == before
    assert json.loads(Outbox(path).path.read_text(encoding="utf-8"))["lrs"][proxy.url]["pending"] == []


def run_sync(*args: str) -> tuple[int, str, str]:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from kursus.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["sync", *args])
    return code, out.getvalue(), err.getvalue()


def test_sync_checks_the_lrs_and_the_password_and_says_why_once(learner, lrs: LrsAccount, monkeypatch) -> None:
    """Nothing waiting is no reason to say "the LRS has it all" without asking it: sync
    reaches the LRS and shows it the credentials first; it says why it could not, once,
    in the learner's language, and exits 1."""
    path, _ = learner
    monkeypatch.setenv("KURSUS_LRS_USER", lrs.user)
    monkeypatch.setenv("KURSUS_LRS_PASSWORD", lrs.password)
    common = ("--progress-dir", str(path.parent), "--lessons", str(FIXTURE_LESSONS), "--lrs", lrs.url)
    code, out, _ = run_sync(*common, "--email", "mette@example.org", "--yes")
    assert code == 0 and f"Sendt: {TOTAL}." in out

    monkeypatch.setenv("KURSUS_LRS_PASSWORD", "WRONG-PASSWORD-7Q")
    code, out, err = run_sync(*common)  # nothing waits
    assert code == 1, out
    assert out.strip() == "Intet er sendt: LRS'en afviste brugernavn eller adgangskode (401)."
    assert "WRONG-PASSWORD-7Q" not in out + err

    store = open_store(path.parent)
    from kursus.tracking.events import PageViewed

    store.record_event(PageViewed("beta", 1))
    code, out, _ = run_sync(*common, "--lang", "en")  # one waits
    assert code == 1
    assert out.splitlines() == [
        "Nothing was sent: the LRS refused the user name or password (401).",
        "1 statement waits in the outbox and will be sent when it works (run `kursus sync` again, or let the course do it).",
    ]

    monkeypatch.setenv("KURSUS_LRS_PASSWORD", lrs.password)
    wrong_path = lrs.url.replace("/xAPI/", "/no-such-xapi/")
    code, out, _ = run_sync(*common[:-1], wrong_path, "--yes", "--lang", "en")
    assert code == 1 and out.splitlines()[-2].startswith("Nothing was sent: the LRS answered something unexpected (404")
    code, out, _ = run_sync(*common[:-1], "http://127.0.0.1:9/xAPI/", "--yes", "--lang", "en")
    assert code == 1 and "Nothing was sent: the LRS cannot be reached (" in out
    assert out.count("cannot be reached") == 1 and "cannot reach" not in out

    code, out, _ = run_sync(*common, "--lang", "en")
    assert code == 0 and out.strip() == "Sent: 1. Already there: 0. Failed: 0."
    code, out, _ = run_sync(*common, "--lang", "en")
    assert code == 0 and out.strip() == "Nothing new to send: the LRS has it all."


def test_sync_says_a_failure_while_sending_once(learner, lrs: LrsAccount, ralph: RalphServer, monkeypatch) -> None:
    path, _ = learner
    monkeypatch.setenv("KURSUS_LRS_USER", lrs.user)
    monkeypatch.setenv("KURSUS_LRS_PASSWORD", lrs.password)
    with FaultProxy(ralph.base_url, "error_posts") as proxy:
        common = ("--progress-dir", str(path.parent), "--lessons", str(FIXTURE_LESSONS), "--lrs", proxy.url)
        code, out, _ = run_sync(*common, "--email", "mette@example.org", "--yes")
    assert code == 1
    assert out.splitlines()[-3:] == [
        f"Sendt: 0. Fandtes allerede: 0. Fejlede: {TOTAL}.",
        "Hvorfor: LRS'en havde en fejl (500: Internal Server Error)",
        f"{TOTAL} udsagn venter i udbakken og sendes, når det lykkes (kør `kursus sync` igen, eller lad kurset gøre det).",
    ]
