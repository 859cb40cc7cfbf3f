"""`kursus sync`: send the learner's progress to the configured LRS now, with a progress
bar, and say how many statements were sent, already there, or failed (and why).

The first time for an LRS and an identity, the learner is shown in plain words what is
sent and what never is, and asked (or must pass --yes when not at a terminal); nothing
is sent before that, by this command or by the app's background sender.
"""

from __future__ import annotations

import sys
from typing import TextIO

from kursus.commands.options import SyncOptions
from kursus.errors import CliError
from kursus.i18n import Catalogue
from kursus.inputs import lessons_folder
from kursus.locations import progress_dir


def sync_command(options: SyncOptions, *, stdin: TextIO | None = None) -> int:
    from kursus.commands.export import find_own_record, own_language
    from kursus.xapi.client import LrsClient, LrsError
    from kursus.xapi.config import ConfigError, config_file, load_config, normalise_mbox
    from kursus.xapi.outbox import Outbox
    from kursus.xapi.sender import LearnerSync, learner_actor, load_courses
    from kursus.xapi.statements import actor_key

    try:
        config = load_config(options.lrs)
    except ConfigError as exc:
        raise CliError(str(exc)) from None
    if config is None:
        raise CliError(f"no LRS is configured: set KURSUS_LRS_URL (or `url` in {config_file()}), or give --lrs URL")
    folder = progress_dir(options.progress_dir)
    record = find_own_record(folder, options.name)
    assert record.path is not None  # read from a file
    lang = own_language(options.lang, record)
    t = Catalogue(lang)
    courses = load_courses(lessons_folder(options.lessons))
    if not courses:
        raise CliError(f"{lessons_folder(options.lessons)}: the course cannot be read (run `kursus validate`)")

    outbox = Outbox(record.path, config.endpoint)
    if options.email is not None:
        try:
            mbox = normalise_mbox(options.email)
        except ConfigError as exc:
            raise CliError(f"--email: {exc}") from None
        with outbox.change() as state:
            state.email = mbox
        print(t("sync.email_saved", mbox=mbox.removeprefix("mailto:"), name=record.name))
    state = outbox.read()
    actor = learner_actor(config, record.name, state.email)
    if actor is None:
        raise CliError(
            "no identity for the LRS: your organisation sets KURSUS_XAPI_ACCOUNT_HOMEPAGE and "
            "KURSUS_XAPI_ACCOUNT_NAME, or you give your address with `kursus sync --email ADDRESS`"
        )
    sync = LearnerSync(record.path, config, courses=courses, client=LrsClient(config))
    key = actor_key(actor)
    if not state.notice_shown(config.endpoint, key):
        print(notice_text(t, config.endpoint, actor, record.name, record.cohort))
        if not options.yes:
            reader = stdin or sys.stdin
            if not reader.isatty():
                print(t("sync.notice.rerun"))
                return 1
            print(t("sync.notice.ask"), end="", flush=True)
            answer = reader.readline().strip().casefold()
            if answer not in t("sync.notice.yes_words").split(","):
                print(t("sync.notice.declined"))
                return 1
        sync.acknowledge_notice(key)

    try:  # can it be reached, and does it take the credentials? (else "nothing new" would be a guess)
        sync.client.check()
    except LrsError as exc:
        print(t("sync.check_failed", reason=reason_text(t, exc.kind, exc.detail)))
        state, _ = sync.prepare()
        if state.pending:
            print(t("sync.waiting", count=len(state.pending)))
        return 1

    bar = ProgressBar(t("sync.progress"), sys.stderr) if sys.stderr.isatty() else None
    result = sync.send(bar.update if bar else None, attempts=3)
    if bar:
        bar.finish()
    if result.error_kind in ("identity", "notice"):  # cannot happen after the checks above; said plainly if it does
        raise CliError(result.reason)
    if not result.error_kind and result.sent == 0 and result.already == 0 and result.failed == 0:
        print(t("sync.nothing"))
        return 0
    print(t("sync.result", sent=result.sent, already=result.already, failed=result.failed))
    if result.error_kind or result.rejected:
        print(t("sync.why", reason=reason_text(t, result.error_kind or "rejected", result.detail)))
    if result.failed > result.rejected:
        print(t("sync.waiting", count=result.failed - result.rejected))
    return 1 if result.failed or result.error_kind else 0


def reason_text(t: Catalogue, kind: str, detail: str) -> str:
    """Why, in the learner's language, with the technical part once: "LRS'en afviste
    brugernavn eller adgangskode (401)"."""
    said = t(f"sync.reason.{kind}")
    return f"{said} ({detail})" if detail else said


def notice_text(t: Catalogue, endpoint: str, actor: dict, name: str, cohort: str, width: int | None = None) -> str:
    """What goes out, in plain words, shown once before anything is sent; wrapped at word
    breaks to `width` (the terminal's, at most 100 columns), a bullet's lines indented."""
    import shutil
    import textwrap

    from kursus.textsafe import one_line

    width = width or min(shutil.get_terminal_size().columns, 100)

    account = actor.get("account")
    if isinstance(account, dict):
        who = t("sync.notice.who_account", account=one_line(account["name"]), home=one_line(account["homePage"]))
    else:
        who = t("sync.notice.who_mbox", mbox=one_line(str(actor.get("mbox", ""))).removeprefix("mailto:"))
    lines = [
        t("sync.notice.title"),
        "",
        t("sync.notice.where", endpoint=endpoint, who=who),
        t("sync.notice.name", name=one_line(name), cohort=one_line(cohort) or t("sync.notice.no_cohort")),
        "",
        "- " + t("sync.notice.sent"),
        "- " + t("sync.notice.shared"),
        "- " + t("sync.notice.never"),
        "- " + t("sync.notice.history"),
        "- " + t("sync.notice.credentials"),
        "",
    ]
    return "\n".join(
        textwrap.fill(
            line,
            width=max(width - 1, 20),
            subsequent_indent="  " if line.startswith("- ") else "",
            break_long_words=False,  # an address stays whole
            break_on_hyphens=False,
        )
        if line
        else ""
        for line in lines
    )


class ProgressBar:
    """`Sending [██████░░░░░░] 120/300` on one line of a terminal."""

    WIDTH = 30

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.shown = False

    def update(self, done: int, total: int) -> None:
        filled = self.WIDTH if total <= 0 else min(self.WIDTH, self.WIDTH * done // total)
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
