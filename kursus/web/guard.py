"""Who may use a served course: the person holding the printed address, from its own page.

Every request must start its path with the random access token (`/TOKEN/...`, compared in
constant time). A request that names its Origin must come from the page's own origin, and
the websocket must name it (browsers always do): another site's page cannot drive a tab,
even with the token. Bound to loopback, the Host header must be a loopback name and port,
so a site that points its own domain at 127.0.0.1 (DNS rebinding) is refused as well.
No aiohttp here: plain functions of the request's path and headers.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

TOKEN_BYTES = 32
"""256 bits of randomness: not guessable over a network, even at many tries a second."""

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

_HOST_HEADER = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$")


class Refusal(StrEnum):
    """Why a request was refused (the HTTP status is 403 for each; tests read the reason)."""

    TOKEN = "token"
    HOST = "host"
    ORIGIN = "origin"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1, localhost: reachable from this computer only."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def valid_host_header(host: str) -> bool:
    """A host name or address with an optional port, and nothing else (it is put into the page)."""
    return bool(_HOST_HEADER.match(host))


@dataclass
class AccessGuard:
    token: str
    loopback: bool
    port: int = 0  # set once the server is listening (it may have asked for any free port)

    def loopback_hosts(self) -> set[str]:
        hosts = {f"{name}:{self.port}" for name in LOOPBACK_NAMES}
        if self.port == 80:
            hosts |= set(LOOPBACK_NAMES)
        return hosts

    def token_in(self, path: str) -> bool:
        """The first part of the path is the token."""
        first = path.lstrip("/").split("/", 1)[0]
        return hmac.compare_digest(first.encode("utf-8", "replace"), self.token.encode("ascii"))

    def check(self, *, path: str, host: str, origin: str | None, websocket: bool) -> Refusal | None:
        """None if the request may go on, else the reason it is refused."""
        host = host.strip().lower()
        if not valid_host_header(host) or (self.loopback and host not in self.loopback_hosts()):
            return Refusal.HOST
        if not self.token_in(path):
            return Refusal.TOKEN
        if origin is None:
            return Refusal.ORIGIN if websocket else None  # a typed address or a link has no Origin
        if origin.strip().lower() != f"http://{host}":
            return Refusal.ORIGIN
        return None
