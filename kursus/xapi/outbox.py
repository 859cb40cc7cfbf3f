"""The outbox: statements waiting for the LRS, kept beside the learner's progress file.

`<progress-file stem>.outbox` (e.g. `mette-hansen-1a2b3c.outbox` beside
`mette-hansen-1a2b3c.json`), JSON, mode 0600, written atomically (kursus.safefile) under
its own lock. A sibling file rather than a table in the progress file: sending is a
second writer with its own pace (a background thread, `kursus sync` in another process)
and should never hold the learner's file lock across a network call, and the progress
file's schema and readers (the trainer's report, the export) stay as they are. It does
not end in `.json`, so the learner list and the trainer's report never take it for a
learner, and its temporary files never look like the progress file's.

What it holds (format 2), per LRS (by its normalised endpoint, `lrs`):
- `pending`: built statements, in order, not yet known to be in that LRS;
- `sent`: the ids that LRS has (nothing is sent twice by us; an LRS ignores a resend);
- `reflections`: per reflection, the last sharing statement that LRS has (to know when
  an unshare must follow) and the `shared` statements it has that are not voided (to
  void them when the share is withdrawn or the text replaced);
- the statements it refused, and the last error, for `kursus sync` and the backoff;
and for every LRS:
- `email`: an address the learner gave with `kursus sync --email`;
- `consents`: the LRSs and identities for which the learner has been shown what is sent
  and agreed (a one-off `kursus sync --lrs OTHER` adds one; none is replaced).
Format 1 (one LRS: `sent`, `pending`, ... and `notice` at the top) is read as the part
of the LRS its notice names.
It never holds credentials. It holds the text of shared reflections while they wait
(as the progress file does); a reflection made private again is taken out before it
is ever sent.

`refresh()` compares one LRS's part with the progress file and queues what is missing,
so an event written just before the app was killed is still sent, and the first sync to
an LRS sends the whole history.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kursus.safefile import FileTooLarge, NotARegularFile, read_regular_file, write_bytes_atomically
from kursus.tracking.record import ProgressRecord
from kursus.xapi.config import normalise_endpoint
from kursus.xapi.statements import StatementBuilder

OUTBOX_SUFFIX = ".outbox"
FORMAT = 2  # 1: one LRS (`sent`, `notice` at the top); read as the part of its notice's LRS
FILE_MODE = 0o600
LOCK_TIMEOUT_SECONDS = 10
MAX_OUTBOX_BYTES = 512 * 1024 * 1024
KEY_SEPARATOR = "\x1f"

log = logging.getLogger(__name__)


def outbox_path(progress_path: Path) -> Path:
    return progress_path.with_name(progress_path.stem + OUTBOX_SUFFIX)


def reflection_key(lesson_id: str, prompt_id: str) -> str:
    return f"{lesson_id}{KEY_SEPARATOR}{prompt_id}"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class OutboxState:
    """The outbox as seen for one LRS (`endpoint`): what waits for it, what it has, and
    the learner's address and consents (shared by every LRS). The other LRSs' parts are
    kept as they are (`others`) and written back unchanged."""

    pending: list[dict[str, Any]] = field(default_factory=list)  # {"id", "key", "shared", "statement"[, "voids"]}
    sent: dict[str, int] = field(default_factory=dict)  # statement id -> 1
    # key -> {"id": the last sharing statement this LRS has, "shared", "shares": ids of the
    # `shared` statements it has that are not voided yet}
    reflections: dict[str, dict[str, Any]] = field(default_factory=dict)
    rejected: list[dict[str, Any]] = field(default_factory=list)  # {"id", "reason", "statement"}
    email: str = ""
    consents: list[dict[str, str]] = field(default_factory=list)  # [{"endpoint", "actor", "at"}]
    built_for: str = ""  # identity + base the pending statements were built for
    last_error: dict[str, str] = field(default_factory=dict)  # {"at", "reason"}
    endpoint: str = ""  # the LRS this view is for ("": none; nothing of an LRS is written)
    others: dict[str, dict[str, Any]] = field(default_factory=dict)  # endpoint -> its part, as read

    def lrs_data(self) -> dict[str, Any]:
        return {
            "built_for": self.built_for,
            "pending": self.pending,
            "sent": self.sent,
            "reflections": self.reflections,
            "rejected": self.rejected,
            "last_error": self.last_error,
        }

    def as_data(self) -> dict[str, Any]:
        lrs = dict(self.others)
        if self.endpoint:
            lrs[self.endpoint] = self.lrs_data()
        return {"format": FORMAT, "email": self.email, "consents": self.consents, "lrs": lrs}

    @classmethod
    def from_data(cls, data: dict[str, Any], endpoint: str = "") -> OutboxState:
        """The outbox for `endpoint` (normalised). A format-1 outbox (one LRS, one
        `notice`) is read as the part of the LRS named in its notice: what it recorded as
        sent counts as sent there, and the notice is that LRS's consent."""
        endpoint = normalise_endpoint(endpoint) if endpoint else ""
        email = data.get("email")
        if "lrs" in data:
            consents = _consents(data.get("consents"))
            parts = data.get("lrs")
            parts = parts if isinstance(parts, dict) else {}
        else:  # format 1
            consents = _consents([data.get("notice")])
            parts = {consents[0]["endpoint"]: data} if consents else {}
            # (no notice: nothing was ever sent; what waited is queued again from the progress file)
        lrs: dict[str, dict[str, Any]] = {}
        for key, part in parts.items():
            name = normalise_endpoint(key) if isinstance(key, str) else ""
            if name and isinstance(part, dict) and name not in lrs:
                lrs[name] = part
        mine = lrs.pop(endpoint, {}) if endpoint else {}
        state = cls._lrs_part(mine)
        state.email = email if isinstance(email, str) else ""
        state.consents = consents
        state.endpoint = endpoint
        state.others = lrs
        return state

    @classmethod
    def _lrs_part(cls, data: dict[str, Any]) -> OutboxState:
        def of(key: str, kind: type, default: Any) -> Any:
            value = data.get(key)
            return value if isinstance(value, kind) else default

        pending = [
            item
            for item in of("pending", list, [])
            if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("statement"), dict)
        ]
        reflections = {}
        for key, value in of("reflections", dict, {}).items():
            if not isinstance(value, dict):
                continue
            shares = value.get("shares")
            if not isinstance(shares, list):  # format 1: it kept only the last sharing statement
                shares = [value.get("id")] if value.get("shared") is True else []
                # a share withdrawn (or an earlier text) is known only to the LRS: looked up there
                value = {**value, "lookup": True}
            reflections[key] = {**value, "shares": [sid for sid in shares if isinstance(sid, str) and sid]}
        return cls(
            pending=pending,
            sent={key: 1 for key in of("sent", dict, {}) if isinstance(key, str)},
            reflections=reflections,
            rejected=[item for item in of("rejected", list, []) if isinstance(item, dict)],
            built_for=of("built_for", str, ""),
            last_error={k: v for k, v in of("last_error", dict, {}).items() if isinstance(v, str)},
        )

    def pending_ids(self) -> set[str]:
        return {item["id"] for item in self.pending}

    def notice_shown(self, endpoint: str, actor: str) -> bool:
        """The learner has seen what is sent to this LRS as this identity, and agreed."""
        endpoint = normalise_endpoint(endpoint)
        return any(c["endpoint"] == endpoint and c["actor"] == actor for c in self.consents)

    def consent(self, endpoint: str, actor: str) -> None:
        """Add this LRS and identity to those the learner agreed to (the others stay)."""
        endpoint = normalise_endpoint(endpoint)
        if endpoint and not self.notice_shown(endpoint, actor):
            self.consents.append({"endpoint": endpoint, "actor": actor, "at": now_iso()})

    def mark_sent(self, ids: set[str]) -> None:
        """These statements are in the LRS: out of pending, into the ledger."""
        if not ids:
            return
        # A batch is the head of the queue: take it off without walking the rest.
        head = 0
        while head < len(self.pending) and self.pending[head]["id"] in ids:
            self._sent(self.pending[head])
            head += 1
        rest = self.pending[head:]
        if len(ids) > head:  # some were further back (or not queued at all)
            kept = []
            for item in rest:
                if item["id"] in ids:
                    self._sent(item)
                else:
                    kept.append(item)
            rest = kept
        self.pending = rest
        for sid in ids:
            self.sent[sid] = 1

    def _sent(self, item: dict[str, Any]) -> None:
        self.sent[item["id"]] = 1
        key = item.get("key")
        if not key:
            return
        last = self.reflections.get(key, {"id": "", "shared": False, "shares": []})
        shares = [sid for sid in last.get("shares", []) if sid != item.get("voids")]
        if item.get("voids"):  # a share voided: the LRS no longer gives out its text
            self.reflections[key] = {**last, "shares": shares}
            return
        if item.get("shared") is True and item["id"] not in shares:
            shares.append(item["id"])
        self.reflections[key] = {"id": item["id"], "shared": item.get("shared") is True, "shares": shares}

    def mark_rejected(self, sid: str, reason: str) -> None:
        """The LRS refuses this statement as it is: kept aside (not retried), with why."""
        for item in self.pending:
            if item["id"] == sid:
                self.rejected.append({"id": sid, "reason": reason, "at": now_iso()})
        self.pending = [item for item in self.pending if item["id"] != sid]


def _consents(items: Any) -> list[dict[str, str]]:
    consents: list[dict[str, str]] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("actor"), str):
            continue
        endpoint = normalise_endpoint(item["endpoint"]) if isinstance(item.get("endpoint"), str) else ""
        if endpoint and not any(c["endpoint"] == endpoint and c["actor"] == item["actor"] for c in consents):
            at = item.get("at")
            consents.append({"endpoint": endpoint, "actor": item["actor"], "at": at if isinstance(at, str) else ""})
    return consents


class Outbox:
    """The outbox file, read and written as seen for one LRS (`endpoint`; "" for none:
    then only the address and the consents are of use)."""

    def __init__(self, progress_path: Path, endpoint: str = "") -> None:
        self.progress_path = progress_path
        self.path = outbox_path(progress_path)
        self.endpoint = normalise_endpoint(endpoint) if endpoint else ""
        self._lock: Any = None
        self._seen: tuple[int, int, int] | None = None  # the file as this object last read or wrote it

    def _mark(self) -> tuple[int, int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def unchanged(self) -> bool:
        """The file is as this object last read or wrote it (nobody else wrote since)."""
        return self._seen is not None and self._mark() == self._seen

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> OutboxState:
        """The outbox as it is (no lock: writes are atomic). A damaged outbox is read as
        empty (everything is queued again from the progress file; the LRS ignores what
        it already has)."""
        self._seen = self._mark()
        try:
            raw = read_regular_file(self.path, MAX_OUTBOX_BYTES, "outbox")
        except FileNotFoundError:
            return OutboxState(endpoint=self.endpoint)
        except (NotARegularFile, FileTooLarge, OSError) as exc:
            log.warning("outbox %s unreadable: %s", self.path.name, exc)
            return OutboxState(endpoint=self.endpoint)
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            log.warning("outbox %s is damaged; it is built again from the progress file", self.path.name)
            return OutboxState(endpoint=self.endpoint)
        if not isinstance(data, dict):
            return OutboxState(endpoint=self.endpoint)
        return OutboxState.from_data(data, self.endpoint)

    def write(self, state: OutboxState) -> None:
        payload = json.dumps(state.as_data(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_bytes_atomically(self.path, payload, FILE_MODE)
        self._seen = self._mark()

    @contextmanager
    def locked(self, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
        from filelock import FileLock

        if self._lock is None:
            self._lock = FileLock(f"{self.path}.lock", timeout=timeout, mode=0o600)
        with self._lock:
            yield

    @contextmanager
    def change(self) -> Iterator[OutboxState]:
        """Read, change, write back atomically, under the outbox lock."""
        with self.locked():
            state = self.read()
            yield state
            self.write(state)

    def remove_leftovers(self) -> None:
        """Temporary files a killed writer left beside the outbox (call under the lock:
        then no writer of ours is half-way)."""
        from kursus.tracking.storage import leftover_temp_files

        for leftover in leftover_temp_files(self.path):
            with suppress(OSError):
                leftover.unlink()


def refresh(
    state: OutboxState,
    record: ProgressRecord,
    builder: StatementBuilder,
    lesson_order: tuple[str, ...],
    built_for: str,
) -> int:
    """Queue every statement the progress file calls for that the LRS does not have yet,
    and drop queued ones it no longer calls for (a reflection made private again).
    Returns how many statements were added or dropped (0: nothing to write)."""
    added = 0
    if state.built_for != built_for:
        # Another identity or base: what waits was built for it. The ledger stays (its
        # ids name the old identity and simply no longer match).
        added += len(state.pending) + 1
        state.pending = []
        state.built_for = built_for
    known = state.pending_ids() | state.sent.keys()
    for sid, build in builder.history(record, lesson_order):
        if sid not in known:
            state.pending.append({"id": sid, "key": "", "shared": False, "statement": build()})
            known.add(sid)
            added += 1
    return added + _refresh_reflections(state, record, builder)


def _refresh_reflections(state: OutboxState, record: ProgressRecord, builder: StatementBuilder) -> int:
    """What waits per reflection: the share of its current shared text, if this LRS does
    not have it; a voiding statement for every other `shared` statement of it this LRS
    has (a withdrawn share, or an earlier text of one shared since), so the LRS gives out
    no text the learner does not share now; and an unshare when it is private now (or
    gone) and the LRS last got a share. Only shared reflections are read (`shared_reflections`): a private one
    is seen here only as the absence of a shared one. A share that has not been sent when
    the reflection turns private is taken out and never sent (nor voided: it never went)."""
    current = {reflection_key(r.lesson_id, r.prompt_id): r for r in record.shared_reflections}
    waiting: dict[str, list[dict[str, Any]]] = {}
    for item in state.pending:
        if item.get("key"):
            waiting.setdefault(item["key"], []).append(item)
    added = 0
    for key in sorted(set(current) | set(state.reflections) | set(waiting)):
        last = state.reflections.get(key, {})
        desired: list[dict[str, Any]] = []
        reflection = current.get(key)
        current_share = builder.shared_id(reflection) if reflection is not None else ""
        if reflection is not None and current_share != last.get("id"):
            desired.append({"id": current_share, "key": key, "shared": True, "_reflection": reflection})
        for target in last.get("shares", []):  # every other text of it the LRS still gives out
            if target != current_share:
                desired.append({"id": builder.voiding_id(target), "key": key, "shared": False, "voids": target})
        if reflection is None:  # private now (or gone): the LRS must hear so
            lesson_id, _, prompt_id = key.partition(KEY_SEPARATOR)
            if last.get("shared") is True:
                unshare_id = builder.unshared_id(str(last.get("id", "")))
                desired.append({"id": unshare_id, "key": key, "shared": False, "_unshare": (lesson_id, prompt_id)})
        wanted = {item["id"] for item in desired}
        have = waiting.get(key, [])
        unwanted = [item for item in have if item["id"] not in wanted]
        if unwanted:  # not wanted any more: never sent
            drop = {id(item) for item in unwanted}
            state.pending = [item for item in state.pending if id(item) not in drop]
            added += len(unwanted)
        queued = {item["id"] for item in have}
        for item in desired:
            if item["id"] in queued:
                continue
            if "_reflection" in item:
                statement = builder.reflection_statement(item.pop("_reflection"))
            elif "_unshare" in item:
                lesson_id, prompt_id = item.pop("_unshare")
                statement = builder.unshared_statement(lesson_id, prompt_id, str(last.get("id", "")), now_iso())
            else:
                statement = builder.voiding_statement(item["voids"], now_iso())
            item["statement"] = statement
            state.pending.append(item)
            added += 1
    return added
