"""A real Ralph LRS for the xAPI tests, started once per test session on 127.0.0.1.

`ralph` starts `tests/lrs/ralph_server.py` (Ralph's own app with its file-system backend,
in a temporary folder; the quirks it works around are listed there) on a free port and
stops it afterwards. Each test gets its own Ralph user through `lrs`, whose statements go
to their own file (Ralph's per-user `target`), so tests never see each other's
statements and the server starts only once.

Without Ralph installed (`pip install '.[test]'`) these tests are skipped with the
reason; with CI=true they fail instead, so a CI run can never pass without them.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.lrs import ralph_server

USERS = 96  # one per test that needs a fresh LRS; more are never needed at once
PASSWORD = "kursus-test-password"
STARTUP_SECONDS = 90
NEEDED = ("ralph", "uvicorn", "fastapi", "bcrypt", "requests")


@dataclass
class LrsAccount:
    """One Ralph user with an empty statement store of its own."""

    url: str  # the xAPI endpoint
    user: str
    password: str
    statements_file: Path  # Ralph's file for this user (fs_lrs.jsonl)
    env: dict[str, str] = field(default_factory=dict)

    def stored(self) -> list[dict[str, Any]]:
        """Every statement Ralph holds for this user, read from its file (duplicates and all)."""
        if not self.statements_file.exists():
            return []
        lines = self.statements_file.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def config(self, **changes: Any):
        from kursus.xapi.config import LrsConfig, parse_endpoint

        values: dict[str, Any] = {
            "endpoint": parse_endpoint(self.url)[0],
            "user": self.user,
            "password": self.password,
            "mbox": "mailto:mette@example.org",
            "timeout": 10.0,
        }
        values.update(changes)
        return LrsConfig(**values)


@dataclass
class RalphServer:
    base_url: str
    folder: Path
    accounts: list[LrsAccount]
    process: subprocess.Popen
    _next: Any = None

    def take(self) -> LrsAccount:
        if self._next is None:
            self._next = itertools.count()
        number = next(self._next)
        if number >= len(self.accounts):
            raise RuntimeError(f"more than {len(self.accounts)} tests asked for an LRS; raise USERS")
        return self.accounts[number]


def _missing() -> list[str]:
    return [name for name in NEEDED if importlib.util.find_spec(name) is None]


def _need_ralph() -> None:
    missing = _missing()
    if missing:
        reason = f"Ralph LRS not installed (missing: {', '.join(missing)}); pip install '.[test]'"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _no_lrs_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No LRS settings from the developer's environment or config folder."""
    for name in list(os.environ):
        if name.startswith(("KURSUS_LRS_", "KURSUS_XAPI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("KURSUS_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture(scope="session")
def ralph_models() -> None:
    """Ralph's xAPI models are importable (else skipped, or failed on CI)."""
    _need_ralph()


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory):
    _need_ralph()
    folder = tmp_path_factory.mktemp("ralph")
    users = [f"user{number}" for number in range(USERS)]
    files = ralph_server.write_auth(folder, users, PASSWORD)
    port = ralph_server.free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = (folder / "server.log").open("wb")
    process = ralph_server.start(folder, port, log)
    try:
        problem = ralph_server.wait_until_up(base_url, process, STARTUP_SECONDS)
        if problem:
            pytest.fail(f"{problem}: {(folder / 'server.log').read_text(errors='replace')[-2000:]}")
        accounts = [LrsAccount(base_url + "/xAPI/", user, PASSWORD, files[user]) for user in users]
        yield RalphServer(base_url, folder, accounts, process)
    finally:
        ralph_server.stop(process)
        log.close()


@pytest.fixture
def lrs(ralph: RalphServer) -> LrsAccount:
    """A Ralph user of its own: an empty LRS for this test."""
    return ralph.take()
