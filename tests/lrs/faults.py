"""An HTTP proxy on 127.0.0.1 in front of Ralph that fails on purpose.

Modes (`proxy.mode = ...`, changeable between requests):
    "pass"          forward everything to Ralph
    "refuse"        401, as for a wrong password (Ralph is never asked)
    "error"         500 without asking Ralph
    "error_posts"   500 for a POST without asking Ralph; a GET is forwarded
    "hang"          hold the request until `release` is set (or `hang_limit` s), then forward
    "half"          forward the first half of a POSTed batch to Ralph, then answer 500
    "store_then_drop"  forward the POST to Ralph (it stores it), then close the
                    connection without an answer (a timeout or a killed app, as the
                    sender sees it)
    "store_then_hang"  forward the POST, then hold the answer until `release` (the
                    sender's process is killed while it waits)
Every request is bounded in time; the server stops with the test.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FaultProxy:
    def __init__(self, target: str, mode: str = "pass", hang_limit: float = 20.0) -> None:
        self.target = target.rstrip("/")  # Ralph's base URL (http://127.0.0.1:PORT)
        self.mode = mode
        self.hang_limit = hang_limit
        self.release = threading.Event()
        self.requests: list[tuple[str, str]] = []  # (method, mode) of each request seen
        self.waiting = threading.Event()  # set while a request is held
        self.finished = 0  # requests fully handled
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                proxy._handle(self, "GET")

            def do_POST(self) -> None:
                proxy._handle(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def posts(self) -> int:
        return sum(1 for method, _ in self.requests if method == "POST")

    # --- handling ---------------------------------------------------------------------

    def settled(self, timeout: float = 30.0) -> bool:
        """Every request seen so far has been handled (a released one too)."""
        deadline = time.monotonic() + timeout
        while self.finished < len(self.requests):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        try:
            self._respond(handler, method)
        finally:
            self.finished += 1

    def _respond(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        mode = self.mode
        self.requests.append((method, mode))
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        if mode == "refuse":
            return self._answer(handler, 401, b'{"detail":"Invalid authentication credentials"}')
        if mode == "error" or (mode == "error_posts" and method == "POST"):
            return self._answer(handler, 500, b'{"detail":"Internal Server Error"}')
        if mode == "hang":
            self.waiting.set()
            self.release.wait(self.hang_limit)
            self.waiting.clear()
        if method == "POST" and mode == "half" and body:
            statements = json.loads(body)
            if isinstance(statements, list) and len(statements) > 1:
                half = json.dumps(statements[: len(statements) // 2]).encode()
                self._forward(handler, method, half)
                return self._answer(handler, 500, b'{"detail":"Statements bulk indexation failed"}')
        status, payload = self._forward(handler, method, body)
        if method == "POST" and mode == "store_then_drop":
            handler.close_connection = True
            handler.connection.close()
            return None
        if method == "POST" and mode == "store_then_hang":
            self.waiting.set()
            self.release.wait(self.hang_limit)
            self.waiting.clear()
        return self._answer(handler, status, payload)

    def _forward(self, handler: BaseHTTPRequestHandler, method: str, body: bytes | None) -> tuple[int, bytes]:
        headers = {
            key: value
            for key, value in handler.headers.items()
            if key.lower() in ("authorization", "content-type", "x-experience-api-version", "accept")
        }
        request = urllib.request.Request(self.target + handler.path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    @staticmethod
    def _answer(handler: BaseHTTPRequestHandler, status: int, payload: bytes) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            if payload:
                handler.wfile.write(payload)
        except OSError:
            pass  # the client went away (it timed out or was killed)
