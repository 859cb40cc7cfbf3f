"""`kursus serve` without a browser: who gets in (guard), the page, the end of every app
process (a stubborn one included), a served app saving on its way out, option errors.
The same in a real browser: tests/browser/."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pyte
import pytest

from kursus.cli import main
from kursus.commands.options import LearnOptions
from kursus.web.guard import AccessGuard, Refusal, new_token
from kursus.web.page import page_html
from kursus.web.server import CourseServer, ServeConfig
from kursus.web.tabs import TabSupervisor
from tests.conftest import FIXTURE_LESSONS, HOSTILE_STRINGS, only_progress_file


def test_tokens_are_long_and_never_the_same() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50 and all(len(token) >= 43 for token in tokens)


GUARD = AccessGuard("T0ken", loopback=True, port=8000)


@pytest.mark.parametrize(
    ("path", "host", "origin", "websocket", "expected"),
    [
        ("/T0ken/", "127.0.0.1:8000", None, False, None),  # a typed address: no Origin
        ("/T0ken/ws", "localhost:8000", "http://localhost:8000", True, None),
        ("/T0ken/static/js/textual.js", "127.0.0.1:8000", "http://127.0.0.1:8000", False, None),
        ("/", "127.0.0.1:8000", None, False, Refusal.TOKEN),
        ("/t0ken/", "127.0.0.1:8000", None, False, Refusal.TOKEN),
        ("/T0ke/", "127.0.0.1:8000", None, False, Refusal.TOKEN),
        ("/T0kenX/", "127.0.0.1:8000", None, False, Refusal.TOKEN),
        ("/static/T0ken/", "127.0.0.1:8000", None, False, Refusal.TOKEN),
        ("/T0ken/ws", "127.0.0.1:8000", None, True, Refusal.ORIGIN),  # browsers always send it
        ("/T0ken/ws", "127.0.0.1:8000", "http://evil.example", True, Refusal.ORIGIN),
        ("/T0ken/ws", "127.0.0.1:8000", "http://localhost:8000", True, Refusal.ORIGIN),  # not this page's
        ("/T0ken/", "127.0.0.1:8000", "null", False, Refusal.ORIGIN),
        ("/T0ken/", "evil.example:8000", None, False, Refusal.HOST),  # DNS rebinding
        ("/T0ken/", "127.0.0.1:8001", None, False, Refusal.HOST),
        ("/T0ken/", "127.0.0.1:8000\r\nX: y", None, False, Refusal.HOST),
        ("/T0ken/", "", None, False, Refusal.HOST),
    ],
)
def test_the_guard_lets_in_only_the_token_from_its_own_page(path, host, origin, websocket, expected) -> None:
    assert GUARD.check(path=path, host=host, origin=origin, websocket=websocket) == expected


def test_on_another_address_any_host_name_but_still_token_and_origin() -> None:
    guard = AccessGuard("T0ken", loopback=False, port=8000)
    assert guard.check(path="/T0ken/ws", host="pc-42:8000", origin="http://pc-42:8000", websocket=True) is None
    assert guard.check(path="/T0ken/ws", host="pc-42:8000", origin="http://evil.example", websocket=True) == "origin"
    assert guard.check(path="/nope/", host="pc-42:8000", origin=None, websocket=False) == "token"


@pytest.mark.parametrize("title", [*HOSTILE_STRINGS, '</title><script>alert(1)</script>"'])
def test_the_page_escapes_what_it_shows(title: str) -> None:
    html = page_html(
        lang="da",
        title=title,
        static_url="/T/static/",
        websocket_url='ws://h:1/T/ws"><script>',
        nonce="n",
        loading="<b>",
        ended="e",
        restart="r",
        server_gone='</script><script>alert(1)</script> "&',
        noscript="x",
    )
    assert "<script>alert" not in html and '"><script>' not in html and "<b>" not in html
    assert html.count("<script") == 2  # textual.js and the page's own (with its nonce)


# --- the server in this process, over real HTTP ----------------------------------------


def config(tmp_path: Path, **changes) -> ServeConfig:
    learn = LearnOptions(progress_dir=str(tmp_path / "progress"), lessons=str(FIXTURE_LESSONS))
    values = {"host": "127.0.0.1", "port": 0, "learn": learn, "lang": "da", "title": "Testkursus", **changes}
    return ServeConfig(**values)


async def test_refusals_over_http_start_no_app(tmp_path: Path) -> None:
    import aiohttp

    server = CourseServer(config(tmp_path))
    url = await server.start()
    base = f"http://127.0.0.1:{server.port}"
    try:
        async with aiohttp.ClientSession() as client:
            async with client.get(url) as page:
                assert page.status == 200
                assert "default-src 'none'" in page.headers["Content-Security-Policy"]
                assert page.headers["Cache-Control"] == "no-store"
                assert f"ws://127.0.0.1:{server.port}/{server.token}/ws" in await page.text()
            for path, headers, reason in [
                ("/", {}, "token"),
                (f"/{'x' * len(server.token)}/", {}, "token"),
                (f"/{server.token}/", {"Origin": "http://evil.example"}, "origin"),
                (f"/{server.token}/", {"Host": f"evil.example:{server.port}"}, "host"),
            ]:
                async with client.get(base + path, headers=headers) as response:
                    assert (response.status, response.headers.get("X-Kursus-Refused")) == (403, reason)
                    assert "Ingen adgang" in await response.text()
            for origin in ("http://evil.example", None):
                headers = {"Origin": origin} if origin else {}
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await client.ws_connect(f"{base}/{server.token}/ws", headers=headers, origin=origin)
                assert refused.value.status == 403
        assert len(server.tabs) == 0
    finally:
        await server.stop()


async def test_a_port_in_use_is_one_clear_error(tmp_path: Path) -> None:
    from kursus.errors import CliError

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = CourseServer(config(tmp_path, port=taken.getsockname()[1]))
        with pytest.raises(CliError, match=r"cannot listen on 127\.0\.0\.1"):
            await server.start()


# --- the end of an app process -----------------------------------------------------------

STUBBORN = """
import os, signal, subprocess, sys
signal.signal(signal.SIGTERM, signal.SIG_IGN)  # as the left-behind app does: SIGTERM changes nothing
helper = subprocess.Popen([sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"])
print(helper.pid, flush=True)
while True:  # and spins a CPU core
    pass
"""


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
async def test_an_app_that_ignores_sigterm_and_spins_is_killed_with_its_group() -> None:
    supervisor = TabSupervisor(grace=0.5)
    process = await supervisor.start([sys.executable, "-c", STUBBORN], dict(os.environ))
    assert process.stdout is not None
    helper = int((await process.stdout.readline()).decode())
    assert os.getpgid(helper) == process.pid  # its own group, apart from the server's
    assert os.getpgid(process.pid) != os.getpgid(0)

    code = await supervisor.end(process)
    assert code == -signal.SIGKILL and supervisor.killed == 1 and len(supervisor) == 0
    deadline = asyncio.get_running_loop().time() + 10
    while not gone(helper):  # SIGKILL went to the whole group
        assert asyncio.get_running_loop().time() < deadline, "the helper outlived its app"
        await asyncio.sleep(0.05)


async def test_an_app_that_exits_on_sigterm_is_not_killed_and_ending_twice_is_one_end() -> None:
    supervisor = TabSupervisor(grace=30)
    code = "import sys, time\nprint('ready', flush=True)\ntime.sleep(600)"
    process = await supervisor.start([sys.executable, "-c", code], dict(os.environ))
    assert process.stdout is not None
    assert (await process.stdout.readline()).strip() == b"ready"
    first, second = await asyncio.gather(supervisor.end(process), supervisor.end(process))
    assert first == second == -signal.SIGTERM and supervisor.killed == 0


# --- a served app saves on every way out ---------------------------------------------------


class ServedApp:
    """One tab's app process as the server starts it, spoken to in textual-serve's packets
    and read back through a terminal emulator."""

    def __init__(self, folder: Path) -> None:
        from textual_serve.download_manager import DownloadManager

        from kursus.web.tabs import TabService

        async def nothing(*_: object) -> None:
            return None

        options = LearnOptions(progress_dir=str(folder), lessons=str(FIXTURE_LESSONS), name="Mette Hansen")
        service = TabService(
            [],
            TabSupervisor(),
            write_bytes=nothing,
            write_str=nothing,
            close=nothing,
            download_manager=DownloadManager(),
        )
        env = service._build_environment(100, 30)  # the environment the server gives a tab's app
        self.screen = pyte.Screen(100, 30)
        self.stream = pyte.ByteStream(self.screen)
        self.lock = threading.Lock()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kursus.web.tab", json.dumps(options.__dict__)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        threading.Thread(target=self.read, daemon=True).start()

    def read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while line := out.readline():
            if line == b"__GANGLION__\n":
                break
        while header := out.read(5):
            if len(header) < 5:
                return
            payload = out.read(int.from_bytes(header[1:5], "big"))
            if header[:1] == b"D":
                with self.lock:
                    self.stream.feed(payload)

    def text(self) -> str:
        with self.lock:
            return "\n".join(self.screen.display)

    def send(self, kind: bytes, payload: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(kind + len(payload).to_bytes(4, "big") + payload)
        self.process.stdin.flush()

    def keys(self, text: str) -> None:
        self.send(b"D", text.encode("utf-8"))

    def wait_until(self, test, timeout: float = 20.0) -> None:
        import time

        deadline = time.monotonic() + timeout
        while not test(self.text()):
            assert time.monotonic() < deadline, f"condition not met:\n{self.text()}"
            time.sleep(0.05)

    def wait_for(self, wanted: str, timeout: float = 20.0) -> None:
        import time

        deadline = time.monotonic() + timeout
        while wanted not in self.text():
            assert time.monotonic() < deadline, f"waited for {wanted!r}:\n{self.text()}"
            time.sleep(0.05)


@pytest.mark.parametrize("how", ["tab closed (quit message)", "server gone (stdin ends)", "SIGTERM"])
def test_a_served_app_saves_what_was_typed_on_every_way_out(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "progress"
    app = ServedApp(folder)
    try:
        app.send(b"M", json.dumps({"type": "resize", "width": 100, "height": 30}).encode())
        app.wait_for("lektioner færdige")
        for key, screen in [
            ("c", "Side 1 af 4"),
            ("t", "Scenarie 1 af 2"),
            ("2", "Feedback B"),
            ("n", "Scenarie 2 af 2"),
            ("1", "Andet feedback A"),
            ("n", "Hvad tager du med"),
        ]:
            app.keys(key)
            app.wait_for(screen)
        app.keys("\r")  # Enter: the cursor into the first box (then the key hint "Skriv" goes)
        app.wait_for("Gem nu")
        app.wait_until(lambda text: "Skriv  " not in text)
        app.keys("Skrevet lige før")
        app.wait_for("Skrevet lige før")
        if how.startswith("tab"):
            app.send(b"M", json.dumps({"type": "quit"}).encode())
        elif how.startswith("server"):
            assert app.process.stdin is not None
            app.process.stdin.close()
        else:
            app.process.send_signal(signal.SIGTERM)
        app.process.wait(20)
    finally:
        if app.process.poll() is None:
            app.process.kill()
    reflections = json.loads(only_progress_file(folder).read_text("utf-8"))["reflections"].values()
    assert [r["text"] for r in reflections] == ["Skrevet lige før"]


# --- the command line ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--lang", "sv"], "unknown language 'sv'"),
        (["--port", "70000"], "--port 70000"),
        (["--lessons", "/no/such/folder"], "no such lessons folder"),
    ],
)
def test_bad_serve_options_are_one_line_exit_2(options, expected, tmp_path: Path, capsys) -> None:
    assert main(["serve", "--progress-dir", str(tmp_path), *options]) == 2
    err = capsys.readouterr().err
    assert expected in err and len(err.strip().splitlines()) == 1


def test_the_server_imports_no_textual_and_other_commands_do_not_import_the_server() -> None:
    check = (
        "import sys\n"
        "import kursus.cli\n"
        "assert 'kursus.web.server' not in sys.modules and 'aiohttp' not in sys.modules\n"
        "import kursus.commands.serve, kursus.web.server\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual.'))\n"
        "print('clean')\n"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_only_another_address_than_loopback_prints_the_warning(host: str, tmp_path: Path) -> None:
    import time

    command = [sys.executable, "-m", "kursus", "serve", "--host", host, "--port", "0", "--progress-dir", str(tmp_path)]
    server = subprocess.Popen(
        [*command, "--lessons", str(FIXTURE_LESSONS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    deadline = time.monotonic() + 30
    lines = []
    while not any("http://" in line for line in lines):
        assert time.monotonic() < deadline and server.poll() is None, lines
        lines.append(server.stdout.readline())
    server.send_signal(signal.SIGTERM)
    out, err = server.communicate(timeout=30)
    assert server.returncode == 0
    assert "Stoppet (0 åbne faner lukket og gemt)." in out
    if host == "127.0.0.1":
        assert err == "" and any("http://127.0.0.1:" in line for line in lines)
    else:
        assert "Advarsel: kurset lytter på 0.0.0.0" in err and "Alle, der har adressen" in err
