"""Findings of an exploratory test of `report --lrs` / `trainer --lrs`: a bad URL is one
line and exit 2; no temporary copies of learners' records; the LRS report says what it
cannot show (self-assessments, phase checks) and names the LRS, not a folder."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import pytest

from kursus.content import load_course
from kursus.xapi.config import ConfigError, load_config, parse_endpoint
from kursus.xapi.lrs_source import lrs_report
from tests.conftest import FIXTURE_LESSONS, screen_text, until
from tests.lrs.conftest import LrsAccount, RalphServer
from tests.lrs.faults import FaultProxy
from tests.lrs.helpers import SHARED_TEXT, learn, open_store, run_cli, send
from tests.unit.test_trainer_support import NOW

LESSONS = ("--lessons", str(FIXTURE_LESSONS))


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("   ", "empty"),
        ("", "give a progress folder"),
        ("http://127.0.0.1:9/xAPI/\r\nX-Evil: 1", "space or a control character"),
        ("http://127.0.0.1:9/x API/", "space or a control character"),
        ("http://127.0.0.1:9/xAPI/\x00", "space or a control character"),
        ("ftp://127.0.0.1/xAPI/", "http:// or https://"),
        ("http:///xAPI/", "name a host"),
        ("http://127.0.0.1:99999/", "not a valid URL"),
    ],
)
@pytest.mark.parametrize("command", ["report", "trainer"])
def test_a_bad_lrs_url_is_one_line_and_exit_2(command: str, url: str, fragment: str) -> None:
    code, out, err = (
        run_cli(command, "--lrs", url, "--format", "csv", *LESSONS)
        if command == "report"
        else run_cli(command, "--lrs", url, *LESSONS)
    )
    assert code == 2, err
    assert out == "" and len(err.strip().splitlines()) == 1 and fragment in err, err
    assert "Traceback" not in err and "X-Evil" not in err


def test_one_check_of_an_lrs_url_for_every_source(monkeypatch) -> None:
    with pytest.raises(ConfigError, match="control character"):
        parse_endpoint("http://h/xAPI/\r\nX: 1")
    monkeypatch.setenv("KURSUS_LRS_URL", "http://h/x\tAPI/")
    with pytest.raises(ConfigError, match="control character"):
        load_config()
    with pytest.raises(ConfigError, match="empty"):
        load_config("  ")  # a blank --lrs never falls back to the environment's LRS
    assert parse_endpoint("  http://h:8100  ")[0] == "http://h:8100/xAPI/"  # spaces around are trimmed


# --- no temporary copies of learners' records ---------------------------------------------


def _cohort_in_lrs(tmp_path: Path, lrs: LrsAccount) -> None:
    store = open_store(tmp_path / "learner")
    learn(store)
    send(store.path, lrs.config())


def _lrs_env(lrs: LrsAccount, monkeypatch) -> None:
    monkeypatch.setenv("KURSUS_LRS_USER", lrs.user)
    monkeypatch.setenv("KURSUS_LRS_PASSWORD", lrs.password)


def test_the_report_from_an_lrs_writes_no_temporary_files(tmp_path: Path, lrs: LrsAccount, monkeypatch) -> None:
    _cohort_in_lrs(tmp_path, lrs)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    course = load_course(FIXTURE_LESSONS, "da")
    report = lrs_report(lrs.config(), course, now=NOW)
    assert list(temporary.iterdir()) == []  # not even while the report is in use
    learner = report.learners[0]
    assert learner.shared and learner.shared[0].text == SHARED_TEXT
    assert set(learner.answers()) == {key for key, _, _ in learner.first_tries}  # the detail view, from memory
    assert learner.minutes_spent(["alpha"]) > 0


def test_the_lrs_report_names_the_lrs_not_a_folder(tmp_path: Path, lrs: LrsAccount, monkeypatch) -> None:
    _cohort_in_lrs(tmp_path, lrs)
    _lrs_env(lrs, monkeypatch)
    with_user = lrs.url.replace("http://", f"http://{lrs.user}:{lrs.password}@")
    for fmt in ("md", "table"):
        code, out, err = run_cli("report", "--lrs", with_user, "--format", fmt, *LESSONS)
        assert code == 0, err
        assert f"LRS: {lrs.url}" in out and "Mappe:" not in out, out
        assert lrs.password not in out and "kursus-lrs" not in out
    code, out, err = run_cli("report", "--lrs", lrs.url, "--format", "json", *LESSONS)
    data = json.loads(out)
    assert data["lrs"] == lrs.url and data["folder"] is None


def test_closing_the_terminal_leaves_no_copy_of_a_learners_record(tmp_path: Path, lrs: LrsAccount) -> None:
    """`kursus trainer --lrs` in a real terminal, `r` pressed a few times, then the window
    is closed (SIGHUP): nothing of the learners' records is left in the temporary folder."""
    from tests.realterm import RealTerminal

    _cohort_in_lrs(tmp_path, lrs)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {
        "TMPDIR": str(temporary),
        "KURSUS_LRS_USER": lrs.user,
        "KURSUS_LRS_PASSWORD": lrs.password,
        "KURSUS_CONFIG_DIR": str(tmp_path / "config"),
        "KURSUS_LANG": "da",
    }
    term = RealTerminal.kursus("trainer", "--lrs", lrs.url, *LESSONS, env=env)
    try:
        term.wait_for("Mette Hansen", timeout=60)
        for _ in range(3):
            term.keys("r", pause=0.5)
        term.wait_for(lambda text: "læst igen" in text.lower(), timeout=30)
        term.close_window()
        term.wait(20)
    finally:
        term.stop()
    left = [path.name for path in temporary.rglob("*")]
    assert not [name for name in left if "kursus-lrs" in name or name.endswith(".json")], left


# --- `r` in `kursus trainer --lrs`: in a worker ---------------------------------------------


async def test_reading_the_lrs_again_never_freezes_the_dashboard(
    tmp_path: Path, lrs: LrsAccount, ralph: RalphServer, monkeypatch
) -> None:
    from kursus.commands.options import TrainerOptions
    from kursus.commands.trainer import trainer_app
    from kursus.ui.trainer.cohort import CohortScreen

    _cohort_in_lrs(tmp_path, lrs)
    _lrs_env(lrs, monkeypatch)
    with FaultProxy(ralph.base_url, "pass", hang_limit=30) as proxy:
        app = trainer_app(TrainerOptions("", lessons=str(FIXTURE_LESSONS), lrs=proxy.url))
        said: list[str] = []
        app.notify = lambda message, **options: said.append(str(message))  # type: ignore[method-assign]
        async with app.run_test(size=(100, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CohortScreen)
            proxy.mode = "hang"
            gets = len(proxy.requests)
            await pilot.press("r")
            await until(pilot, proxy.waiting.is_set)  # the LRS holds the request
            assert f"Læser igen fra {proxy.url}" in screen_text(app)
            await pilot.press("s")  # the dashboard still answers keys while the LRS hangs
            await until(pilot, lambda: screen.sort_column == 1)
            await pilot.press("r")  # a second `r` while reading starts nothing
            await pilot.pause()
            assert len(proxy.requests) == gets + 1 and said == [f"Læser stadig fra {proxy.url}; vent et øjeblik."]
            proxy.mode = "pass"
            proxy.release.set()
            await until(pilot, lambda: len(said) == 2)
            assert said[1] == f"Læst igen fra {proxy.url}: 1 deltager."
            assert "Læser igen" not in screen_text(app) and "Mette Hansen" in screen_text(app)

            proxy.mode = "error"  # the LRS fails: the message says so, and what is shown stays
            shown = app.report
            await pilot.press("r")
            await until(pilot, lambda: len(said) == 3)
            assert said[2].startswith("LRS'en kunne ikke læses (") and "500" in said[2], said[2]
            assert f"Tabellen viser stadig det, der blev læst kl. {app.read_when()}." in said[2]
            assert lrs.password not in said[2] and "Mappen" not in " ".join(said)
            assert app.report is shown and "Mette Hansen" in screen_text(app) and not app.reading

            proxy.release.clear()
            proxy.mode = "hang"
            await pilot.press("r")
            await until(pilot, proxy.waiting.is_set)
            leaving = time.monotonic()  # quitting while the LRS hangs does not wait for it
        assert time.monotonic() - leaving < 5


# --- what the LRS report cannot show ----------------------------------------------------------


def test_the_lrs_report_says_self_assessments_and_phase_checks_are_not_in_it(
    tmp_path: Path, lrs: LrsAccount, monkeypatch
) -> None:
    from openpyxl import load_workbook

    store = open_store(tmp_path / "learner")
    learn(store)
    store.save_phase_check("Sundhedsnetværket", {"tema-udfoldet": "ja"}, (2,), shared=True)
    send(store.path, lrs.config())
    _lrs_env(lrs, monkeypatch)
    line = "Selvvurderinger og fasetjek kommer ikke med fra en LRS; læs dem fra progress-filerne."
    for fmt in ("table", "md", "csv"):
        code, out, err = run_cli("report", "--lrs", lrs.url, "--format", fmt, *LESSONS)
        assert code == 0, err
        assert out.count(line) == 1, (fmt, out)
    code, out, err = run_cli("report", "--lrs", lrs.url, "--format", "json", *LESSONS)
    data = json.loads(out)
    assert data["note"] == line and data["not_from_lrs"] == ["self_assessments", "phase_checks"]
    workbook = tmp_path / "hold.xlsx"
    code, _, err = run_cli("report", "--lrs", lrs.url, "--output", str(workbook), *LESSONS)
    assert code == 0, err
    cells = [cell for sheet in load_workbook(workbook) for row in sheet.iter_rows(values_only=True) for cell in row]
    assert line in cells
    code, out, err = run_cli("report", "--lrs", lrs.url, "--format", "table", "--lang", "en", *LESSONS)
    assert "Self-assessments and phase checks do not come from an LRS" in out
    code, out, _ = run_cli("report", str(store.path.parent), "--format", "md", *LESSONS)
    assert line not in out and "Sundhedsnetværket" in out  # the file report shows the check itself
