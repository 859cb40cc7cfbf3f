"""Findings of an exploratory test of `report --lrs` / `trainer --lrs`: a bad URL is one
line and exit 2; no temporary copies of learners' records; the LRS report says what it
cannot show (self-assessments, phase checks) and names the LRS, not a folder."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import pytest

from kursus.cli import main
from kursus.xapi.config import ConfigError, load_config, parse_endpoint
from tests.conftest import FIXTURE_LESSONS

LESSONS = ("--lessons", str(FIXTURE_LESSONS))


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


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
