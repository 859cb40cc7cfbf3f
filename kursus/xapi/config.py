"""Where the Learning Record Store is and who the learner is there: from the environment
or a config file in the user config folder (mode 0600). No Textual, no network.

Environment (each wins over the same key in the file):

    KURSUS_LRS_URL                the LRS's xAPI endpoint (`https://lrs.example/xAPI/`)
    KURSUS_LRS_USER, KURSUS_LRS_PASSWORD   HTTP basic credentials
    KURSUS_XAPI_BASE              the IRI every kursus activity id starts with
    KURSUS_XAPI_ACCOUNT_HOMEPAGE, KURSUS_XAPI_ACCOUNT_NAME   the learner's account (set by the organisation)
    KURSUS_XAPI_MBOX              the learner's e-mail address, if there is no account
    KURSUS_CONFIG_DIR             another folder for the config file (tests, several setups)

The file is `lrs.toml` in the user config folder, with the keys `url`, `user`, `password`,
`base`, `account_homepage`, `account_name`, `mbox`, `timeout`, `batch_size`. A file that
holds a password and can be read by others is refused (it names the `chmod` to run).

The password is kept out of `repr()`, and no message built here contains it or a URL's
user part: `LrsConfig.endpoint` never has one.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

ENV_URL = "KURSUS_LRS_URL"
ENV_USER = "KURSUS_LRS_USER"
ENV_PASSWORD = "KURSUS_LRS_PASSWORD"  # the name of a variable, not a password
ENV_BASE = "KURSUS_XAPI_BASE"
ENV_HOMEPAGE = "KURSUS_XAPI_ACCOUNT_HOMEPAGE"
ENV_ACCOUNT = "KURSUS_XAPI_ACCOUNT_NAME"
ENV_MBOX = "KURSUS_XAPI_MBOX"
ENV_CONFIG_DIR = "KURSUS_CONFIG_DIR"
CONFIG_FILE_NAME = "lrs.toml"

DEFAULT_BASE = "https://kursus.example/xapi"
"""Used when the organisation sets no base: valid IRIs, but an organisation should set its own."""
DEFAULT_TIMEOUT = 10.0
DEFAULT_BATCH_SIZE = 100
MAX_BATCH_SIZE = 1000

_ENV_KEYS = {
    "url": ENV_URL,
    "user": ENV_USER,
    "password": ENV_PASSWORD,
    "base": ENV_BASE,
    "account_homepage": ENV_HOMEPAGE,
    "account_name": ENV_ACCOUNT,
    "mbox": ENV_MBOX,
}


class ConfigError(ValueError):
    """The LRS configuration cannot be used; the message says why (never a password)."""


@dataclass(frozen=True)
class LrsConfig:
    endpoint: str  # the xAPI endpoint, ending in "/", never with a user or password in it
    user: str = ""
    password: str = field(default="", repr=False)
    base: str = DEFAULT_BASE
    account_homepage: str = ""
    account_name: str = ""
    mbox: str = ""  # "mailto:..." or ""
    timeout: float = DEFAULT_TIMEOUT
    batch_size: int = DEFAULT_BATCH_SIZE
    source: str = ""  # where the URL came from: "environment", the config file's path, or "--lrs"

    @property
    def has_account(self) -> bool:
        return bool(self.account_homepage and self.account_name)

    @property
    def statements_url(self) -> str:
        return self.endpoint + "statements"


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    chosen = env.get(ENV_CONFIG_DIR)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_dir  # only when the file is looked for

    return Path(user_config_dir("kursus", appauthor=False))


def config_file(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / CONFIG_FILE_NAME


def load_config(
    url: str | None = None, *, env: Mapping[str, str] | None = None, path: Path | None = None
) -> LrsConfig | None:
    """The LRS configuration, or None when no LRS is configured (then nothing is sent).

    `url` (a command's --lrs) wins over KURSUS_LRS_URL, which wins over the file. Raises
    ConfigError for a value that cannot be used.
    """
    env = os.environ if env is None else env
    path = path or config_file(env)
    from_file = _read_file(path)
    values: dict[str, Any] = dict(from_file)
    source = str(path) if from_file.get("url") else ""
    for key, name in _ENV_KEYS.items():
        value = env.get(name, "").strip()
        if value:
            values[key] = value
            if key == "url":
                source = "environment"
    if url:
        values["url"], source = url, "--lrs"
    raw_url = str(values.get("url", "") or "").strip()
    if not raw_url and source != "--lrs":  # a blank --lrs is a mistake, not "no LRS"
        return None
    endpoint, url_user, url_password = parse_endpoint(raw_url)
    return LrsConfig(
        endpoint=endpoint,
        user=str(values.get("user") or url_user),
        password=str(values.get("password") or url_password),
        base=check_base(str(values.get("base") or DEFAULT_BASE)),
        account_homepage=str(values.get("account_homepage", "") or "").strip(),
        account_name=str(values.get("account_name", "") or "").strip(),
        mbox=normalise_mbox(str(values.get("mbox", "") or "")) if values.get("mbox") else "",
        timeout=_number(values.get("timeout", DEFAULT_TIMEOUT), "timeout", 0.1, 600.0),
        batch_size=int(_number(values.get("batch_size", DEFAULT_BATCH_SIZE), "batch_size", 1, MAX_BATCH_SIZE)),
        source=source,
    )


def with_overrides(config: LrsConfig, **changes: Any) -> LrsConfig:
    return replace(config, **changes)


def parse_endpoint(raw: str) -> tuple[str, str, str]:
    """(endpoint, user, password) from a URL as a person types it.

    `http://host:8100` and `http://host:8100/xAPI/statements` both mean the endpoint
    `http://host:8100/xAPI/` (an empty path is taken as Ralph's `/xAPI/`; a default port,
    80 for http and 443 for https, is left out). A user and password in the URL are taken
    out of it (they are used, never shown). The one check of an LRS URL (--lrs,
    KURSUS_LRS_URL, the config file): http or https, a host, no space or control character
    inside; ConfigError says which is wrong.
    """
    raw = raw.strip()
    if not raw:
        raise ConfigError("the LRS URL is empty (give the xAPI endpoint, e.g. http://127.0.0.1:8100/xAPI/)")
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in raw):
        # urlsplit would quietly drop a line break, and http.client refuses a space later
        # (with a traceback): a URL never holds either, so it is refused here, in one line.
        raise ConfigError("the LRS URL contains a space or a control character")
    try:
        parts = urlsplit(raw)
        port = parts.port  # raises ValueError for a bad port
    except ValueError:
        raise ConfigError("the LRS URL is not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError("the LRS URL must start with http:// or https:// and name a host")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if (parts.scheme, port) in (("http", 80), ("https", 443)):
        port = None  # the default port: the same LRS as without it
    netloc = host + (f":{port}" if port is not None else "")
    path = parts.path.rstrip("/")
    if path.lower().endswith("/statements"):
        path = path[: -len("/statements")]
    if not path:
        path = "/xAPI"
    endpoint = urlunsplit((parts.scheme, netloc, path + "/", "", ""))
    return endpoint, unquote(parts.username or ""), unquote(parts.password or "")


def normalise_endpoint(endpoint: str) -> str:
    """One text per LRS, for remembering what was sent where and what the learner agreed
    to: the endpoint as `parse_endpoint` makes it (scheme and host in lower case, no
    default port, no user part, `/statements` and trailing slashes folded); "" when it is
    not an http(s) URL."""
    try:
        return parse_endpoint(endpoint)[0]
    except ConfigError:
        return ""


def shown_endpoint(config: LrsConfig) -> str:
    """The endpoint as it may be shown or logged (it never holds credentials)."""
    return config.endpoint


def check_base(base: str) -> str:
    base = base.strip().rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(
            "KURSUS_XAPI_BASE must be an http(s) IRI without ? or #, e.g. https://learning.example.org/kursus"
        )
    if any(ch.isspace() for ch in base):
        raise ConfigError("KURSUS_XAPI_BASE must not contain spaces")
    return base


def normalise_mbox(value: str) -> str:
    """`mailto:name@host` from an address with or without `mailto:`; ConfigError if it
    does not look like an e-mail address."""
    address = value.strip()
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    local, _, domain = address.rpartition("@")
    if (
        not local
        or "." not in domain
        or domain.startswith(".")
        or domain.endswith(".")
        or any(ch.isspace() or ch in '<>()[]\\,;:"' for ch in address.replace("@", "", 1))
        or "@" in local
    ):
        raise ConfigError("that does not look like an e-mail address (name@example.org)")
    return f"mailto:{local}@{domain.lower()}"


def _read_file(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{path}: not a regular file")
    if info.st_size > 64 * 1024:
        raise ConfigError(f"{path}: larger than a configuration file can be (64 KiB)")
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if os.name == "posix" and info.st_mode & 0o077 and data.get("password"):
        mode = stat.S_IMODE(info.st_mode)
        raise ConfigError(f"{path} holds a password and others may read it (mode {mode:o}); run: chmod 600 {path}")
    unknown = sorted(set(data) - {*_ENV_KEYS, "timeout", "batch_size"})
    if unknown:
        raise ConfigError(f"{path}: unknown setting {', '.join(unknown)}")
    for key in _ENV_KEYS:
        if key in data and not isinstance(data[key], str):
            raise ConfigError(f"{path}: '{key}' must be text in quotes")
    return data


def _number(value: Any, key: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"'{key}' must be a number") from None
    if not low <= number <= high:
        raise ConfigError(f"'{key}' must be between {low:g} and {high:g}")
    return number
