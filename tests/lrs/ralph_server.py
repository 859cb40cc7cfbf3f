"""Run Ralph's LRS (ralph-malph, `ralph.api:app`) with its file-system backend.

    python tests/lrs/ralph_server.py --dir FOLDER [--host 127.0.0.1] [--port 8100] [--user NAME]

FOLDER holds `auth.json` (Ralph's users: written here with --user NAME and the password
in KURSUS_LRS_PASSWORD, or by the test fixture) and the statements (`data/`, one
`fs_lrs.jsonl` per user). The tests start it from tests/lrs/conftest.py, the benchmark
from bench/xapi.py, and the README's cohort trial by hand.

Why not plain `ralph runserver --backend fs` (Ralph 5.1.0); each quirk and what is done:
- Its file backend's SECOND WRITE FAILS: it writes with the operation type CREATE, which
  refuses a file that exists, so every POST after the first answers 500 ("Statements bulk
  indexation failed"). Here APPEND is made its default before the app is loaded.
- Its VERB AND ACTIVITY FILTERS NEVER MATCH (`GET /xAPI/statements?verb=...` returns
  nothing: the IRI object is compared with a string). Nothing is patched: kursus never
  asks an LRS to filter; it reads every statement (limit=0, following `more`) and keeps
  those about its course itself.
- It DOES NOT IMPLEMENT VOIDING (any backend): a voiding statement is stored, but the
  statement it voids is still returned by GET /xAPI/statements (`voidedStatementId` is
  documented as "Not implemented"). Nothing is patched: kursus sends the voiding
  statements the spec asks for, and its report from an LRS leaves voided ones out.
- Every read and every write of the file backend appends an entry to a "history" file
  that it rewrites whole each time (meant for the command line's downloads), so each
  request gets slower than the last. Here the LRS backend keeps no such history.
- `runserver` starts uvicorn with reload=True (a file watcher on the current folder and
  a second process) and reads a `.env` file from the current folder. Here uvicorn runs
  in this process, without reload, from FOLDER.
- Its API imports `requests` (for OIDC) although the `lrs` extra does not install it
  (the test extras add it), and `ralph auth` needs RALPH_RUNSERVER_BACKEND=fs (it loads
  the API, whose default backend is Elasticsearch).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO


def write_auth(folder: Path, users: list[str], password: str) -> dict[str, Path]:
    """Ralph's auth.json for `users` (one password), each with a statement file of its own
    (Ralph's per-user `target`). Returns user -> that file."""
    import bcrypt

    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()
    entries, files = [], {}
    for user in users:
        target = folder / "data" / user
        target.mkdir(parents=True, exist_ok=True)
        entries.append(
            {
                "agent": {"mbox": f"mailto:lrs-{user}@example.org", "objectType": "Agent"},
                "scopes": ["all"],
                "hash": hashed,
                "username": user,
                "target": str(target),
            }
        )
        files[user] = target / "fs_lrs.jsonl"
    (folder / "auth.json").write_text(json.dumps(entries), encoding="utf-8")
    return files


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(folder: Path, port: int, log: IO[bytes]) -> subprocess.Popen:
    """This script as a child process on 127.0.0.1:port (without KURSUS_ and RALPH_ settings)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KURSUS_", "RALPH_"))}
    command = [sys.executable, __file__, "--dir", str(folder), "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=folder, env=env
    )


def wait_until_up(base_url: str, process: subprocess.Popen, timeout: float) -> str:
    """ "" when Ralph answers its heartbeat; else why not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"Ralph stopped at start-up (exit {process.returncode})"
        try:
            with urllib.request.urlopen(base_url + "/__heartbeat__", timeout=2) as response:
                if response.status == 200:
                    return ""
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    return f"Ralph did not answer within {timeout:g} s"


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(15)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, type=Path, help="auth.json and the data folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument(
        "--user",
        help="write FOLDER/auth.json with this one user, whose password is KURSUS_LRS_PASSWORD (the learners' setting)",
    )
    args = parser.parse_args(argv)
    folder: Path = args.dir.resolve()
    (folder / "data").mkdir(parents=True, exist_ok=True)
    if args.user:
        password = os.environ.get("KURSUS_LRS_PASSWORD", "")
        if len(password) < 12:
            parser.error("set KURSUS_LRS_PASSWORD to a password of 12 characters or more")
        write_auth(folder, [args.user], password)
        (folder / "auth.json").chmod(0o600)
    if not (folder / "auth.json").is_file():
        parser.error(f"{folder / 'auth.json'} is missing: give --user NAME (with KURSUS_LRS_PASSWORD set)")
    # Ralph reads its settings from the environment when it is imported: set them first.
    os.environ.update(
        {
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
            "RALPH_AUTH_FILE": str(folder / "auth.json"),
            "RALPH_APP_DIR": str(folder),
            "RALPH_HISTORY_FILE": str(folder / "history.json"),
        }
    )
    os.chdir(folder)  # no stray .env from wherever this was started

    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND  # the second write must not fail
    FSLRSBackend.append_to_history = lambda self, event: None  # type: ignore[method-assign]  # no O(n) rewrite per request

    import uvicorn

    uvicorn.run("ralph.api:app", host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
