"""The learner app never waits for the network: with the LRS hanging on a request, the
learner still reads, answers and gets feedback, and the answer is on disk; once the LRS
answers, the answer reaches it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from kursus.ui.learner.app import make_app
from kursus.ui.learner.scenario import ScenarioScreen
from kursus.xapi.config import parse_endpoint
from kursus.xapi.sender import running_sender
from tests.conftest import only_progress_file, screen_text, until
from tests.lrs.conftest import LrsAccount, RalphServer
from tests.lrs.faults import FaultProxy
from tests.lrs.helpers import learn, open_store, sync_of


async def test_a_hanging_lrs_never_slows_the_learner(
    make_session, progress_dir: Path, lrs: LrsAccount, ralph: RalphServer, monkeypatch
) -> None:
    store = open_store(progress_dir)  # the learner make_session opens
    learn(store)  # lesson alpha done: the history gives the sender something to post
    with FaultProxy(ralph.base_url, "hang", hang_limit=60) as proxy:
        monkeypatch.setenv("KURSUS_LRS_URL", proxy.url)
        monkeypatch.setenv("KURSUS_LRS_USER", lrs.user)
        monkeypatch.setenv("KURSUS_LRS_PASSWORD", lrs.password)
        monkeypatch.setenv("KURSUS_XAPI_MBOX", "mette@example.org")
        sync_of(store.path, lrs.config(endpoint=parse_endpoint(proxy.url)[0]))  # `kursus sync` showed the notice
        session = make_session()  # opening the learner starts the background sender
        sender = running_sender(store.path)
        assert sender is not None
        try:
            app = make_app(session)
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, proxy.waiting.is_set)  # the sender is stuck inside a POST
                await pilot.press("c")  # continue: lesson beta
                await pilot.pause()
                await pilot.press("t")  # to the scenarios ("Til scenarier")
                await until(pilot, lambda: isinstance(app.screen, ScenarioScreen))
                await pilot.press("1")
                await until(pilot, lambda: "Feedback A (beta)." in screen_text(app))
                assert "✗ Ikke det bedste svar" in screen_text(app)
                assert proxy.waiting.is_set() and lrs.stored() == []  # all of that while the LRS hung
                events = json.loads(only_progress_file(progress_dir).read_text())["events"].values()
                assert ("beta", "s1", "a") in [
                    (e["lesson_id"], e.get("scenario_id"), e.get("choice_id")) for e in events
                ]
            proxy.release.set()
            proxy.mode = "pass"
            sender.poke()
            assert sender.wait_for_round(2, 60)
            while sender.last_result is not None and sender.last_result.error_kind:
                sender.poke()  # a round that ran into the hung request: the next one sends
                assert sender.wait_for_round(sender.rounds + 1, 60)
        finally:
            sender.stop(wait=10)
    held = Counter(statement["id"] for statement in lrs.stored())
    assert set(held.values()) == {1}
    assert any(s["object"]["id"].endswith("/lessons/beta/scenarios/s1") for s in lrs.stored())
