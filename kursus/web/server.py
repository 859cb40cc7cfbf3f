"""The server behind `kursus serve`: one page, one websocket per tab, one app per websocket.

Routes, all under the access token (kursus.web.guard refuses anything else with 403):

    /TOKEN/          the page (kursus.web.page)
    /TOKEN/ws        the websocket that drives one tab's app process (kursus.web.tabs)
    /TOKEN/static/   textual-serve's front end (xterm.js, its CSS)

No Textual is imported here: the server only relays bytes; the apps run in their own
processes (kursus.web.tab).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import textual_serve
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.download_manager import DownloadManager

from kursus.commands.options import LearnOptions
from kursus.errors import CliError
from kursus.i18n import Catalogue
from kursus.web.guard import AccessGuard, is_loopback, new_token
from kursus.web.page import PAGE_HEADERS, content_security_policy, page_html
from kursus.web.tabs import GRACE_SECONDS, TabService, TabSupervisor, tab_command

STATIC_DIR = Path(textual_serve.__file__).parent / "static"
MAX_TABS = 8
"""Open tabs (app processes) at once: a runaway page cannot start processes without end."""
HEARTBEAT_SECONDS = 15.0
"""A tab whose browser vanished without closing (a sleeping laptop) is noticed after this."""
SIZE_LIMITS = {"width": (20, 500), "height": (8, 200), "fontsize": (8, 48)}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class ServeConfig:
    host: str
    port: int
    learn: LearnOptions  # what each tab's learner app gets, as `kursus` would
    lang: str  # the server's messages and the page
    title: str  # the course title, for the page
    grace: float = GRACE_SECONDS
    max_tabs: int = MAX_TABS


def _bounded(value: object, name: str, default: int) -> int:
    low, high = SIZE_LIMITS[name]
    try:
        number = int(str(value))
    except ValueError:
        return default
    return max(low, min(high, number))


class CourseServer:
    def __init__(self, config: ServeConfig, *, token: str | None = None) -> None:
        self.config = config
        self.guard = AccessGuard(token or new_token(), loopback=is_loopback(config.host))
        self.tabs = TabSupervisor(config.grace)
        self.t = Catalogue(config.lang)
        self.sockets: set[web.WebSocketResponse] = set()
        self.downloads = DownloadManager()
        self.runner: web.AppRunner | None = None
        self.argv = tab_command(json.dumps(asdict(config.learn)))

    @property
    def token(self) -> str:
        return self.guard.token

    @property
    def port(self) -> int:
        return self.guard.port

    def url(self) -> str:
        """The address to open, with the token (for the server's own terminal only)."""
        host = self.config.host
        if host in ("0.0.0.0", "::", ""):
            host = socket.gethostname()  # listening everywhere: the name others reach it by
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/{self.token}/"

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self.guard_requests])
        base = f"/{self.token}"
        app.router.add_get(f"{base}/", self.handle_page)
        app.router.add_get(f"{base}/ws", self.handle_websocket)
        app.router.add_static(f"{base}/static", STATIC_DIR, follow_symlinks=False)
        return app

    @web.middleware
    async def guard_requests(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        refusal = self.guard.check(
            path=request.rel_url.raw_path,
            host=request.headers.get("Host", ""),
            origin=request.headers.get("Origin"),
            websocket=request.headers.get("Upgrade", "").lower() == "websocket",
        )
        if refusal is not None:
            return web.Response(
                status=403,
                text=self.t("serve.refused") + "\n",
                headers={**PAGE_HEADERS, "X-Kursus-Refused": refusal.value},
            )
        return await handler(request)

    async def handle_page(self, request: web.Request) -> web.Response:
        nonce = secrets.token_urlsafe(16)
        base = f"/{self.token}/"
        html = page_html(
            lang=self.config.lang,
            title=self.config.title,
            static_url=f"{base}static/",
            websocket_url=f"ws://{request.headers['Host']}{base}ws",  # the guard checked the Host
            nonce=nonce,
            loading=self.t("serve.page.loading"),
            ended=self.t("serve.page.ended"),
            restart=self.t("serve.page.restart"),
            server_gone=self.t("serve.page.server_gone"),
            noscript=self.t("serve.page.noscript"),
            font_size=_bounded(request.query.get("fontsize", "16"), "fontsize", 16),
        )
        headers = {**PAGE_HEADERS, "Content-Security-Policy": content_security_policy(nonce)}
        return web.Response(text=html, content_type="text/html", headers=headers)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if len(self.tabs) >= self.config.max_tabs:
            return web.Response(status=503, text=self.t("serve.too_many", limit=self.config.max_tabs) + "\n")
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS, max_msg_size=1 << 20)
        await websocket.prepare(request)
        self.sockets.add(websocket)
        service = TabService(
            self.argv,
            self.tabs,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.downloads,
        )
        try:
            await service.start(
                _bounded(request.query.get("width", "80"), "width", 80),
                _bounded(request.query.get("height", "24"), "height", 24),
            )
            await relay(websocket, service)
        finally:
            await service.stop()  # the app saves and exits; killed if it does not
            self.sockets.discard(websocket)
            await websocket.close()
        return websocket

    async def start(self) -> str:
        self.runner = web.AppRunner(self.application(), access_log=None, handle_signals=False)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.config.host, self.config.port)
        try:
            await site.start()
        except OSError as exc:
            await self.runner.cleanup()
            reason = exc.strerror or str(exc)
            raise CliError(f"cannot listen on {self.config.host}:{self.config.port}: {reason}") from None
        self.guard.port = int(self.runner.addresses[0][1])
        return self.url()

    async def stop(self) -> None:
        """Every tab's app saves and exits (or is killed), then the sockets and the server close."""
        await self.tabs.end_all()
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY)
        if self.runner is not None:
            await self.runner.cleanup()


async def relay(websocket: web.WebSocketResponse, service: TabService) -> None:
    """The browser's keys, size and focus to the app (textual-serve's message format)."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except ValueError:
            continue
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            width = _bounded(data.get("width"), "width", 80)
            await service.set_terminal_size(width, _bounded(data.get("height"), "height", 24))
        elif kind == "ping" and isinstance(data, str):
            await websocket.send_json(["pong", data[:32]])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def serve(config: ServeConfig) -> int:
    return asyncio.run(_serve(config))


async def _serve(config: ServeConfig) -> int:
    t = Catalogue(config.lang)
    server = CourseServer(config)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # before the address is out
        with contextlib.suppress(NotImplementedError, ValueError):
            loop.add_signal_handler(number, stopping.set)
    url = await server.start()
    if not server.guard.loopback:
        print(t("serve.warning_host", host=config.host), file=sys.stderr, flush=True)
    print(t("serve.address"), flush=True)
    print(f"  {url}", flush=True)
    print(t("serve.keep_secret"), flush=True)
    print(t("serve.stop_hint"), flush=True)
    await stopping.wait()
    open_tabs = len(server.tabs)
    await server.stop()
    with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
        print(t("serve.stopped", count=open_tabs), flush=True)
    return 0
