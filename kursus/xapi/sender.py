"""Sending a learner's outbox to the LRS: now (`kursus sync`) or in the background.

`LearnerSync.send()` refreshes the outbox from the progress file, then posts the waiting
statements in batches. What the LRS answers decides each statement's fate:
- stored (its id is in the answer) or already there (204, or a 409 for that one id):
  into the `sent` ledger, out of the queue;
- a whole batch refused (409/400/422/413): split in halves until the one statement
  that is refused is found; a refused one is set aside with the reason, never retried;
- the LRS down, slow (timeout), failing (5xx) or refusing the password (401/403): the
  round stops, everything not yet answered stays queued (nothing is lost), and the
  reason is kept. A batch that failed half-way is simply sent again: the ids are
  deterministic, and the LRS keeps a statement once.

Only one sender works on one learner's outbox at a time (a lock beside it), so the app's
background sender and `kursus sync` in another window never post the same batch at once.

`BackgroundSender` runs rounds in a daemon thread: when the store publishes an event
(after it is on disk), a round follows shortly (bursts are gathered); after a failure it
waits with exponential backoff and jitter (2 s doubling to 5 min). The learner's
keypresses never wait for it: the store's listener only sets a flag.
"""

from __future__ import annotations

import atexit
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kursus.tracking.record import ProgressRecord, read_record
from kursus.vocabulary import LANGUAGES
from kursus.xapi.client import LrsClient, LrsError
from kursus.xapi.config import ConfigError, LrsConfig, load_config, normalise_mbox
from kursus.xapi.outbox import Outbox, OutboxState, refresh
from kursus.xapi.statements import (
    VERB_SHARED,
    StatementBuilder,
    Titles,
    Vocabulary,
    actor_key,
    learner_of,
    make_actor,
)

if TYPE_CHECKING:
    from kursus.content.models import Course
    from kursus.tracking.events import LearnerEvent
    from kursus.tracking.store import ProgressStore

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass
class SyncResult:
    sent: int = 0  # stored by the LRS in this round
    already: int = 0  # the LRS had them already
    failed: int = 0  # still waiting after this round (plus those refused)
    rejected: int = 0  # refused by the LRS, set aside with the reason
    waiting: int = 0  # queued when the round began
    reason: str = ""  # why the round stopped, or why statements were refused
    error_kind: str = ""  # LrsError.kind, or "identity" / "notice" / "busy"
    detail: str = ""  # what `error_kind` does not already say (LrsError.detail): "401", "500: ..."
    rejected_reasons: list[str] = field(default_factory=list)
    rejected_details: list[str] = field(default_factory=list)

    @property
    def transient(self) -> bool:
        return self.error_kind in ("unreachable", "timeout", "server", "protocol", "busy")


@dataclass
class _Outcome:
    stored: set[str] = field(default_factory=set)
    already: set[str] = field(default_factory=set)
    rejected: dict[str, str] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)  # refused id -> LrsError.detail


def learner_actor(config: LrsConfig, name: str, email: str = "") -> dict[str, Any] | None:
    """The learner as an xAPI Agent: the organisation's account if one is configured,
    else the learner's e-mail address; None when neither is known."""
    if config.has_account:
        return make_actor(name, account_homepage=config.account_homepage, account_name=config.account_name)
    try:
        mbox = normalise_mbox(email or config.mbox) if (email or config.mbox) else ""
    except ConfigError:  # a hand-edited outbox: no identity rather than an invalid one
        return None
    return make_actor(name, mbox=mbox) if mbox else None


def page_names() -> dict[str, str]:
    from kursus.i18n import Catalogue

    return {lang: Catalogue(lang, strict=False)("xapi.page_name") for lang in LANGUAGES}


def load_courses(lessons_dir: Path) -> dict[str, Course]:
    """The course in every language that loads (ids are shared; titles differ)."""
    from kursus.content.cache import load_course_cached

    courses = {}
    for lang in LANGUAGES:
        try:
            courses[lang] = load_course_cached(lessons_dir, lang)
        except Exception:  # noqa: BLE001 - a language the course does not have (or a broken one)
            log.info("xAPI: no course in %s for titles", lang)
    return courses


class LearnerSync:
    """One learner's outbox and the LRS."""

    def __init__(
        self,
        progress_path: Path,
        config: LrsConfig,
        *,
        courses: dict[str, Course] | None = None,
        lessons_dir: Path | None = None,
        client: LrsClient | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.progress_path = progress_path
        self.config = config
        self.outbox = Outbox(progress_path, config.endpoint)  # this LRS's part of it
        self.client = client or LrsClient(config)
        self._courses = courses
        self._lessons_dir = lessons_dir
        self._sleep = sleep
        self._seen_file: tuple[int, int] | None = None

    @property
    def courses(self) -> dict[str, Course]:
        if self._courses is None:
            self._courses = load_courses(self._lessons_dir) if self._lessons_dir else {}
        return self._courses

    # --- identity and statements --------------------------------------------------------

    def actor(self, record: ProgressRecord, state: OutboxState) -> dict[str, Any] | None:
        return learner_actor(self.config, record.name, state.email)

    def builder(self, record: ProgressRecord, actor: dict[str, Any]) -> StatementBuilder:
        course = next(iter(self.courses.values()), None)
        course_id = str(record.meta.get("course_id") or (course.id if course else "")) or "kursus"
        return StatementBuilder(
            Vocabulary(self.config.base, course_id), learner_of(record, actor), Titles(self.courses, page_names())
        )

    def lesson_order(self) -> tuple[str, ...]:
        course = next(iter(self.courses.values()), None)
        return course.lesson_order if course else ()

    def built_for(self, builder: StatementBuilder) -> str:
        return f"{builder.learner.actor_key}\x1f{builder.v.course}"

    def prepare(self) -> tuple[OutboxState, StatementBuilder | None]:
        """Refresh the outbox from the progress file; the state after it, and the builder
        (None when the learner has no identity for the LRS yet: nothing is queued)."""
        record = read_record(self.progress_path)
        self._seen_file = _file_mark(self.progress_path)
        with self.outbox.locked():
            self.outbox.remove_leftovers()
            state = self.outbox.read()
            actor = self.actor(record, state)
            if actor is None:
                return state, None
            builder = self.builder(record, actor)
            changes = refresh(state, record, builder, self.lesson_order(), self.built_for(builder))
            if changes or not self.outbox.exists():
                self.outbox.write(state)
        return state, builder

    # --- sending ----------------------------------------------------------------------

    def send(
        self, progress: Progress | None = None, *, attempts: int = 1, wait_for_other: float | None = None
    ) -> SyncResult:
        """Refresh, then send everything waiting. Never raises for the LRS's faults: the
        result says what happened. `attempts` > 1 retries a failing batch after a pause."""
        from filelock import FileLock, Timeout

        lock = FileLock(
            f"{self.outbox.path}.send.lock",
            timeout=self.config.timeout * 3 if wait_for_other is None else wait_for_other,
            mode=0o600,
        )
        try:
            with lock:
                return self._send(progress, attempts)
        except Timeout:
            return SyncResult(error_kind="busy", reason="another kursus is sending this learner's statements")

    def _send(self, progress: Progress | None, attempts: int) -> SyncResult:
        state, builder = self.prepare()
        result = SyncResult(waiting=len(state.pending))
        if builder is None:
            result.failed, result.error_kind = len(state.pending), "identity"
            result.reason = "no identity for the LRS (an account from the organisation, or an e-mail address)"
            return result
        if not state.notice_shown(self.config.endpoint, builder.learner.actor_key):
            result.failed, result.error_kind = len(state.pending), "notice"
            result.reason = "the learner has not yet been shown what is sent (kursus sync)"
            return result
        if any(entry.get("lookup") for entry in state.reflections.values()):
            state = self._look_up_shares(state, builder)
        round_ = _Round(self, builder, state)
        total, done = len(state.pending), 0
        if progress:
            progress(0, total)
        try:
            while True:
                batch = round_.next_batch()
                if not batch:
                    break
                outcome = _Outcome()
                error: LrsError | None = None
                for attempt in range(max(1, attempts)):
                    try:
                        self._post(batch, outcome)
                        error = None
                        break
                    except LrsError as exc:
                        error = exc  # what was answered before the fault stays answered
                        batch = [item for item in batch if item["id"] not in _answered(outcome)]
                        if not exc.transient or attempt + 1 >= attempts:
                            break
                        self._sleep(min(30.0, 0.5 * 2**attempt))
                round_.answered(outcome, error)
                result.sent += len(outcome.stored)
                result.already += len(outcome.already)
                result.rejected += len(outcome.rejected)
                result.rejected_reasons.extend(outcome.rejected.values())
                result.rejected_details.extend(outcome.details.get(sid, "") for sid in outcome.rejected)
                done += len(_answered(outcome))
                if progress:
                    progress(done, max(total, done))
                if error is not None:
                    result.error_kind, result.reason, result.detail = error.kind, error.reason, error.detail
                    break
        finally:
            round_.save()
        result.failed = len(round_.state.pending) + result.rejected
        if result.rejected and not result.reason:
            result.reason, result.detail = result.rejected_reasons[0], result.rejected_details[0]
        return result

    def _look_up_shares(self, state: OutboxState, builder: StatementBuilder) -> OutboxState:
        """An outbox of the previous version (format 1) kept only the last sharing
        statement of each reflection, so a share it withdrew, or an earlier text, is
        still given out by the LRS. Read the learner's `shared` statements of those
        reflections from the LRS once, so they are voided like any other (refresh).
        If the LRS cannot be read now (down; write-only credentials), the sending goes
        on and the look-up is tried again next round."""
        from kursus.xapi.outbox import KEY_SEPARATOR

        wanted: dict[str, str] = {}  # reflection activity id -> key
        for key, entry in state.reflections.items():
            if entry.get("lookup"):
                lesson_id, _, prompt_id = key.partition(KEY_SEPARATOR)
                wanted[builder.v.reflection(lesson_id, prompt_id)] = key
        found: dict[str, list[str]] = {key: [] for key in wanted.values()}
        try:
            for statement in self.client.statements():
                obj, verb, actor = statement.get("object"), statement.get("verb"), statement.get("actor")
                if (
                    isinstance(obj, dict)
                    and obj.get("id") in wanted
                    and isinstance(verb, dict)
                    and verb.get("id") == VERB_SHARED
                    and isinstance(actor, dict)
                    and actor_key(actor) == builder.learner.actor_key
                    and isinstance(statement.get("id"), str)
                ):
                    found[wanted[obj["id"]]].append(statement["id"])
        except LrsError as exc:
            log.info("xAPI: earlier shares not looked up: %s", exc.reason)
            return state
        record = read_record(self.progress_path)
        with self.outbox.locked():
            fresh = self.outbox.read()
            for key, ids in found.items():
                known = fresh.reflections.get(key)
                if known is None:
                    continue
                shares = list(known.get("shares", []))
                shares += [sid for sid in ids if sid not in shares and builder.voiding_id(sid) not in fresh.sent]
                fresh.reflections[key] = {k: v for k, v in known.items() if k != "lookup"} | {"shares": shares}
            refresh(fresh, record, builder, self.lesson_order(), self.built_for(builder))
            self.outbox.write(fresh)
        return fresh

    def _post(self, batch: list[dict[str, Any]], outcome: _Outcome) -> None:
        """Post a batch; a refused batch is split until the refused statements are found."""
        ids = [item["id"] for item in batch]
        try:
            stored = self.client.post_statements([item["statement"] for item in batch])
        except LrsError as exc:
            if exc.kind not in ("conflict", "rejected"):
                raise
            if len(batch) == 1:
                if exc.kind == "conflict":  # the LRS has this id (as an earlier build of it)
                    outcome.already.add(ids[0])
                else:
                    outcome.rejected[ids[0]] = exc.reason
                    outcome.details[ids[0]] = exc.detail
                return
            middle = len(batch) // 2
            self._post(batch[:middle], outcome)
            self._post(batch[middle:], outcome)
            return
        if stored is None:
            outcome.already.update(ids)
        else:
            stored_set = set(stored)
            outcome.stored.update(sid for sid in ids if sid in stored_set)
            outcome.already.update(sid for sid in ids if sid not in stored_set)

    def acknowledge_notice(self, actor_key: str) -> None:
        with self.outbox.change() as state:
            state.consent(self.config.endpoint, actor_key)  # added to those given before (another LRS keeps its own)


class _Round:
    """One send round's view of the outbox: kept in memory, written back at checkpoints.

    Writing the whole outbox after every batch would make a long history cost the square
    of its length. Instead what the LRS answered is applied in memory and saved at most
    every SAVE_EVERY seconds (and at the end, and on any fault): the changes are applied
    to the outbox as it is on disk then, under its lock, so an address or notice written
    meanwhile by `kursus sync` is kept. If the process dies between two saves, the
    statements answered since are simply sent again and the LRS keeps them once.
    """

    SAVE_EVERY = 2.0  # seconds at least; and at least 5 times what the last save took

    def __init__(self, sync: LearnerSync, builder: StatementBuilder, state: OutboxState) -> None:
        self.sync = sync
        self.builder = builder
        self.state = state
        self.unsaved = _Outcome()
        self.error: LrsError | None = None
        self.saved_at = time.monotonic()
        self.save_cost = 0.0

    def next_batch(self) -> list[dict[str, Any]]:
        """The next statements to post. If the progress file changed meanwhile, the outbox
        is refreshed first (a reflection made private is never posted after that)."""
        mark = _file_mark(self.sync.progress_path)
        if mark != self.sync._seen_file:
            self.sync._seen_file = mark
            self.save(refresh_from=read_record(self.sync.progress_path))
        elif time.monotonic() - self.saved_at >= max(self.SAVE_EVERY, 5 * self.save_cost):
            self.save()
        return self.state.pending[: self.sync.config.batch_size]

    def answered(self, outcome: _Outcome, error: LrsError | None) -> None:
        _apply(self.state, outcome, error)
        self.unsaved.stored |= outcome.stored
        self.unsaved.already |= outcome.already
        self.unsaved.rejected.update(outcome.rejected)
        self.error = error

    def save(self, refresh_from: ProgressRecord | None = None) -> None:
        sync, started = self.sync, time.monotonic()
        with sync.outbox.locked():
            if refresh_from is None and sync.outbox.unchanged():
                fresh = self.state  # nobody else wrote: what is in memory is the whole truth
                _apply_error(fresh, self.error)
            else:
                fresh = sync.outbox.read()
                _apply(fresh, self.unsaved, self.error)
                if refresh_from is not None:
                    refresh(fresh, refresh_from, self.builder, sync.lesson_order(), sync.built_for(self.builder))
            sync.outbox.write(fresh)
        self.state = fresh
        self.unsaved = _Outcome()
        self.saved_at = time.monotonic()
        self.save_cost = self.saved_at - started


def _apply(state: OutboxState, outcome: _Outcome, error: LrsError | None) -> None:
    state.mark_sent(outcome.stored | outcome.already)
    for sid, reason in outcome.rejected.items():
        state.mark_rejected(sid, reason)
    _apply_error(state, error)


def _apply_error(state: OutboxState, error: LrsError | None) -> None:
    from kursus.xapi.outbox import now_iso

    state.last_error = {"at": now_iso(), "reason": error.reason, "kind": error.kind} if error else {}


def _answered(outcome: _Outcome) -> set[str]:
    return outcome.stored | outcome.already | set(outcome.rejected)


def _file_mark(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


# --- in the background --------------------------------------------------------------------


class BackgroundSender:
    """Rounds of `LearnerSync.send()` in a daemon thread."""

    def __init__(
        self,
        sync: LearnerSync,
        *,
        debounce: float = 0.5,
        backoff_base: float = 2.0,
        backoff_max: float = 300.0,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.sync = sync
        self.debounce = debounce
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._jitter = jitter
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = 0
        self.rounds = 0
        self.last_result: SyncResult | None = None
        self.round_done = threading.Condition()

    def poke(self) -> None:
        """Something new is on disk (called on the learner's thread: only sets a flag)."""
        self._wake.set()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="kursus-xapi-sender", daemon=True)
        self._thread.start()

    def stop(self, wait: float | None = None) -> None:
        self._stop.set()
        self._wake.set()
        if wait is not None and self._thread is not None:
            self._thread.join(wait)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def delay_after(self, failures: int) -> float:
        base = min(self.backoff_max, self.backoff_base * 2 ** max(0, failures - 1))
        return min(self.backoff_max, base * (0.8 + 0.4 * self._jitter()))

    def _run(self) -> None:
        due: float | None = time.monotonic()  # the first round sends what waits (the history)
        while not self._stop.is_set():
            timeout = None if due is None else max(0.0, due - time.monotonic())
            poked = self._wake.wait(timeout)
            if self._stop.is_set():
                break
            if poked:
                self._wake.clear()
                if due is None:
                    due = time.monotonic() + self.debounce  # gather a burst of events into one round
                    continue
                if time.monotonic() < due:
                    continue  # backing off (or gathering): the round at `due` takes it too
            due = self._round()

    def _round(self) -> float | None:
        try:
            result = self.sync.send(attempts=1)
        except Exception as exc:  # noqa: BLE001 - a damaged file, a full disk: try again later
            log.warning("xAPI: a send round failed: %s", type(exc).__name__)
            result = SyncResult(error_kind="protocol", reason=type(exc).__name__)
        with self.round_done:
            self.rounds += 1
            self.last_result = result
            self.round_done.notify_all()
        if result.error_kind in ("identity", "notice") or not result.error_kind:
            self.failures = 0
            return None  # wait for the next event (or `kursus sync`)
        self.failures += 1
        if result.error_kind == "auth":
            return time.monotonic() + self.backoff_max  # a wrong password does not fix itself soon
        log.info("xAPI: %s; next try in %.0f s", result.reason, self.delay_after(self.failures))
        return time.monotonic() + self.delay_after(self.failures)

    def wait_for_round(self, rounds: int, timeout: float) -> bool:
        """For tests: wait until at least `rounds` rounds have run."""
        with self.round_done:
            return self.round_done.wait_for(lambda: self.rounds >= rounds, timeout)


_RUNNING: dict[Path, BackgroundSender] = {}


def attach(store: ProgressStore, lessons_dir: Path, *, config: LrsConfig | None = None) -> Callable[[], None]:
    """Send this learner's statements in the background, if an LRS is configured (else
    nothing happens: no thread, no file). Returns a function that stops it."""
    if config is None:
        try:
            config = load_config()
        except ConfigError as exc:
            log.warning("xAPI: not sending: %s", exc)
            return _nothing
    if config is None:
        return _nothing
    from kursus.tracking.events import (
        PhaseChecked,
        PhaseCheckShared,
        ReflectionSaved,
        SelfAssessmentSaved,
        SelfAssessmentShared,
    )

    # Self-assessment rounds and phase checks are never sent (not even shared ones: no
    # statement is defined for them), so their events wake nothing: a private one must
    # not even reveal the moment it was saved.
    not_sent = (SelfAssessmentSaved, SelfAssessmentShared, PhaseChecked, PhaseCheckShared)

    previous = _RUNNING.pop(store.path, None)
    if previous is not None:
        previous.stop()
    sender = BackgroundSender(LearnerSync(store.path, config, lessons_dir=lessons_dir))

    def on_event(event: LearnerEvent) -> None:
        if isinstance(event, ReflectionSaved) and not event.shared:
            return  # a private reflection: nothing to send, and not even the moment it was written
        if isinstance(event, not_sent):
            return
        sender.poke()

    unsubscribe = store.subscribe(on_event)
    _RUNNING[store.path] = sender
    sender.start()

    def detach() -> None:
        unsubscribe()
        sender.stop()
        if _RUNNING.get(store.path) is sender:
            del _RUNNING[store.path]

    return detach


def running_sender(path: Path) -> BackgroundSender | None:
    return _RUNNING.get(path)


def _nothing() -> None:
    return None


@atexit.register
def _stop_all() -> None:
    for sender in list(_RUNNING.values()):
        sender.stop()
