"""Talking to an LRS over HTTP (the standard library's urllib; no Textual).

Errors come out as `LrsError` with a kind and a short reason that is safe to show: it
never holds the password, the Authorization header or a URL's user part, and text from
the server is cut short and made printable. Redirects are not followed (a redirect
would carry the credentials to wherever it points).
"""

from __future__ import annotations

import base64
import json
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from kursus.textsafe import one_line
from kursus.xapi.config import LrsConfig
from kursus.xapi.statements import XAPI_VERSION

MAX_RESPONSE_BYTES = 256 * 1024 * 1024
MAX_PAGES = 100_000
CHECK_QUERY = "statements?limit=1&since=2999-01-01T00:00:00Z"  # check(): always an empty answer


class LrsError(Exception):
    """kind: unreachable, timeout, auth, conflict, rejected, server, protocol."""

    def __init__(self, kind: str, reason: str, status: int | None = None, detail: str | None = None) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason  # a whole sentence (logs, the outbox, errors of other commands)
        self.status = status
        # only what the kind does not already say (the status, the system's words), for a
        # message that says the kind in the learner's language: "LRS'en kan ikke nås (...)"
        self.detail = reason if detail is None else detail

    @property
    def transient(self) -> bool:
        """Worth trying again later with the same statements."""
        return self.kind in ("unreachable", "timeout", "server", "protocol")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        return None  # the 3xx is raised as an HTTPError and reported


class LrsClient:
    def __init__(self, config: LrsConfig) -> None:
        self.endpoint = config.endpoint
        self.timeout = config.timeout
        self._auth = ""
        if config.user or config.password:
            token = base64.b64encode(f"{config.user}:{config.password}".encode()).decode("ascii")
            self._auth = f"Basic {token}"
        self._opener = urllib.request.build_opener(_NoRedirect())
        origin = urlsplit(self.endpoint)
        self._origin = (origin.scheme, origin.netloc)

    def _request(self, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin:  # a `more` link elsewhere: not with our password
            said = "the LRS pointed to another server; not followed"
            raise LrsError("protocol", said, detail="a link to another server")
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        if self._auth:
            headers["Authorization"] = self._auth
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, _read(response)
        except urllib.error.HTTPError as exc:
            detail = _detail(exc)
            exc.close()
            raise _http_error(exc.code, detail) from None
        except TimeoutError:
            raise self._timeout() from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise self._timeout() from None
            if isinstance(exc.reason, ssl.SSLError):
                said = f"TLS failed ({one_line(exc.reason)[:120]})"
                raise LrsError("unreachable", said, detail=said) from None
            reason = exc.reason.strerror if isinstance(exc.reason, OSError) and exc.reason.strerror else exc.reason
            said = one_line(reason)[:120]
            raise LrsError("unreachable", f"cannot reach the LRS ({said})", detail=said) from None
        except (ConnectionError, OSError) as exc:  # reset or closed half-way
            said = f"the connection broke ({one_line(exc.strerror or type(exc).__name__)})"
            raise LrsError("unreachable", said, detail=said) from None
        except ValueError as exc:  # http.client: a malformed answer
            said = f"a malformed answer ({one_line(exc)[:120]})"
            raise LrsError("protocol", said, detail=said) from None

    def _timeout(self) -> LrsError:
        return LrsError("timeout", f"no answer within {self.timeout:g} s", detail=f"{self.timeout:g} s")

    def post_statements(self, statements: list[dict[str, Any]]) -> list[str] | None:
        """Store statements. The ids the LRS says it stored, or None when it says it
        stored none because it has them all (204). Raises LrsError."""
        body = json.dumps(statements, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        status, payload = self._request("POST", self.endpoint + "statements", body)
        if status == 204 or not payload.strip():
            return None
        data = _json(payload)
        if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
            raise LrsError("protocol", "the LRS answered the upload with something other than a list of ids")
        return data

    def check(self) -> None:
        """Reach the LRS and show it the credentials, cheaply, reading nothing of anyone's:
        ask for statements stored after a date far ahead (an empty statement result from
        any xAPI LRS). A 403 is an LRS that knows the credentials but lets them write only,
        which is all kursus needs from a learner's. Raises LrsError: 401 as "auth", and an
        answer that is not a statement result (a wrong address: 404) as "protocol"."""
        try:
            _, payload = self._request("GET", self.endpoint + CHECK_QUERY)
        except LrsError as exc:
            if exc.status == 403:
                return
            raise
        data = _json(payload)
        if not isinstance(data, dict) or not isinstance(data.get("statements"), list):
            raise LrsError("protocol", "the LRS answered with something other than a statement result")

    def statements(self) -> Iterator[dict[str, Any]]:
        """Every statement the LRS lets these credentials read, page by page (the
        server's largest page, following `more`). Filters are applied by the caller:
        some LRSs (Ralph's file backend) never match verb or activity filters."""
        url: str | None = self.endpoint + "statements?limit=0"
        pages = 0
        seen: set[str] = set()
        while url and pages < MAX_PAGES:
            pages += 1
            _, payload = self._request("GET", url)
            data = _json(payload)
            if not isinstance(data, dict) or not isinstance(data.get("statements"), list):
                raise LrsError("protocol", "the LRS answered with something other than a statement result")
            for statement in data["statements"]:
                if isinstance(statement, dict):
                    yield statement
            more = data.get("more")
            url = urljoin(self.endpoint, more) if isinstance(more, str) and more.strip() else None
            if url is not None:
                if url in seen or not data["statements"]:
                    break  # a server that repeats itself, or an empty last page
                seen.add(url)


def _read(response: Any) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = response.read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_RESPONSE_BYTES:
            raise LrsError("protocol", "the LRS's answer is too large")
        chunks.append(chunk)


def _json(payload: bytes) -> Any:
    try:
        return json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise LrsError("protocol", "the LRS's answer is not JSON") from None


def _detail(exc: urllib.error.HTTPError) -> str:
    try:
        raw = exc.read(4096)
    except (OSError, ValueError):
        return ""
    try:
        data = json.loads(raw.decode("utf-8"))
        text = data.get("detail", "") if isinstance(data, dict) else ""
        if not isinstance(text, str):
            text = json.dumps(text, ensure_ascii=False)
    except (UnicodeDecodeError, ValueError, RecursionError):
        text = raw.decode("utf-8", "replace")
    return one_line(text)[:200]


def _http_error(status: int, detail: str) -> LrsError:
    said = f": {detail}" if detail else ""
    short = f"{status}{said}"
    if status in (401, 403):
        return LrsError("auth", f"the LRS refused the user name or password ({status})", status, str(status))
    if status == 409:
        return LrsError("conflict", f"the LRS holds a different statement with the same id (409){said}", status, short)
    if status in (400, 413, 422):
        return LrsError("rejected", f"the LRS rejected the statements ({status}){said}", status, short)
    if 300 <= status < 400:
        return LrsError(
            "protocol",
            f"the LRS redirects elsewhere ({status}); give its xAPI address itself",
            status,
            f"{status}: a redirect; give the LRS's xAPI address itself",
        )
    if status == 429 or status >= 500:
        return LrsError("server", f"the LRS had a problem ({status}){said}", status, short)
    return LrsError("protocol", f"the LRS answered {status}{said}", status, short)
