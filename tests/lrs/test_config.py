"""Configuration by environment or a 0600 config file; credentials never in the progress
file, the outbox, the export, a log or an error message; `kursus sync`'s plain errors."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kursus.commands.sync import ProgressBar
from kursus.xapi.config import ConfigError, LrsConfig, load_config, normalise_mbox, parse_endpoint
from kursus.xapi.outbox import Outbox
from tests.conftest import FIXTURE_LESSONS
from tests.lrs.conftest import LrsAccount
from tests.lrs.helpers import learn, open_store, run_cli, send

SECRET = "S3CRET-PASSWORD-Æ9"


def write_config(folder: Path, text: str, mode: int = 0o600) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "lrs.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_nothing_configured_means_no_lrs() -> None:
    assert load_config() is None


@pytest.mark.parametrize(
    ("typed", "endpoint"),
    [
        ("http://127.0.0.1:8100", "http://127.0.0.1:8100/xAPI/"),
        ("http://127.0.0.1:8100/xAPI", "http://127.0.0.1:8100/xAPI/"),
        ("https://lrs.example.org/xAPI/statements", "https://lrs.example.org/xAPI/"),
        ("https://lrs.example.org/lrs/xapi/", "https://lrs.example.org/lrs/xapi/"),
    ],
)
def test_the_endpoint_as_a_person_types_it(typed: str, endpoint: str) -> None:
    assert parse_endpoint(typed)[0] == endpoint


def test_credentials_in_the_url_are_taken_out_and_never_shown() -> None:
    config = load_config(f"https://kursus:{SECRET}@lrs.example.org/xAPI/")
    assert config is not None
    assert (config.endpoint, config.user, config.password) == ("https://lrs.example.org/xAPI/", "kursus", SECRET)
    assert SECRET not in repr(config) and SECRET not in str(config)


def test_environment_wins_over_the_file_and_lrs_over_both(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "config"
    write_config(folder, f'url = "https://file.example.org"\nuser = "f"\npassword = "{SECRET}"\nbatch_size = 7\n')
    config = load_config()
    assert config is not None and config.endpoint == "https://file.example.org/xAPI/" and config.batch_size == 7
    assert config.source.endswith("lrs.toml")
    monkeypatch.setenv("KURSUS_LRS_URL", "https://env.example.org")
    monkeypatch.setenv("KURSUS_LRS_USER", "e")
    config = load_config()
    assert config is not None and config.endpoint.startswith("https://env.") and config.user == "e"
    assert config.password == SECRET  # what the environment leaves out comes from the file
    config = load_config("http://127.0.0.1:8100")
    assert config is not None and config.endpoint == "http://127.0.0.1:8100/xAPI/" and config.source == "--lrs"


def test_a_config_file_others_can_read_is_refused_without_showing_the_password(tmp_path: Path) -> None:
    path = write_config(tmp_path / "config", f'url = "https://lrs.example.org"\npassword = "{SECRET}"\n', 0o644)
    with pytest.raises(ConfigError) as caught:
        load_config()
    assert "chmod 600" in str(caught.value) and str(path) in str(caught.value)
    assert SECRET not in str(caught.value)
    path.chmod(0o600)
    assert load_config() is not None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('url = "ftp://lrs.example.org"\n', "http"),
        ('url = "https://lrs.example.org"\nbase = "not an iri"\n', "KURSUS_XAPI_BASE"),
        ('url = "https://lrs.example.org"\ncolour = "blue"\n', "unknown setting colour"),
        ('url = "https://lrs.example.org"\nbatch_size = 0\n', "batch_size"),
        ("url = [", "TOML"),
        ('url = "https://lrs.example.org"\nmbox = "not an address"\n', "e-mail"),
    ],
)
def test_bad_settings_are_one_clear_error(tmp_path: Path, text: str, fragment: str) -> None:
    write_config(tmp_path / "config", text)
    with pytest.raises(ConfigError, match=fragment):
        load_config()


def test_email_addresses() -> None:
    assert normalise_mbox(" Mette@Example.ORG ") == "mailto:Mette@example.org"
    assert normalise_mbox("mailto:m@example.org") == "mailto:m@example.org"
    for bad in ("", "mette", "@example.org", "m@localhost", "a b@example.org", "m@@example.org"):
        with pytest.raises(ConfigError):
            normalise_mbox(bad)


def test_sync_without_an_lrs_or_an_identity_is_one_line_exit_2(tmp_path: Path, monkeypatch) -> None:
    learn(open_store(tmp_path))
    common = ("sync", "--progress-dir", str(tmp_path), "--lessons", str(FIXTURE_LESSONS))
    code, _, err = run_cli(*common)
    assert code == 2 and "KURSUS_LRS_URL" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_cli(*common, "--lrs", "http://127.0.0.1:9")
    assert code == 2 and "--email" in err
    code, _, err = run_cli(*common, "--lrs", "http://127.0.0.1:9", "--email", "nope")
    assert code == 2 and "e-mail" in err


def test_credentials_never_reach_the_progress_folder_an_export_or_output(
    tmp_path: Path, lrs: LrsAccount, monkeypatch, caplog
) -> None:
    monkeypatch.setenv("KURSUS_LRS_USER", lrs.user)
    monkeypatch.setenv("KURSUS_LRS_PASSWORD", SECRET)  # wrong: Ralph answers 401
    store = open_store(tmp_path / "progress")
    learn(store)
    common = ("--progress-dir", str(store.path.parent), "--lessons", str(FIXTURE_LESSONS))
    with caplog.at_level("DEBUG"):
        code, out, err = run_cli("sync", *common, "--lrs", lrs.url, "--email", "m@example.org", "--yes")
    assert code == 1 and "401" in out
    code, export, _ = run_cli("export", *common, "--format", "json")
    assert code == 0
    files = "".join(path.read_text(encoding="utf-8", errors="replace") for path in store.path.parent.iterdir())
    for place in (out, err, export, files, caplog.text):
        assert SECRET not in place
    assert Outbox(store.path, lrs.url).read().pending  # nothing lost: all of it waits


def test_the_outbox_lives_beside_the_progress_file_and_is_not_a_learner(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    learn(store)
    send(store.path, LrsConfig(endpoint="http://127.0.0.1:9/xAPI/", mbox="mailto:m@example.org"))  # LRS down
    outbox = Outbox(store.path).path
    assert outbox.parent == store.path.parent and outbox.suffix == ".outbox"
    assert sorted(tmp_path.glob("*.json")) == [store.path]  # the learner list and the report see one learner
    assert oct(outbox.stat().st_mode & 0o777) == oct(0o600)
    outbox.write_text("{ damaged", encoding="utf-8")
    assert Outbox(store.path).read().pending == []  # read as empty: queued again from the progress file


def test_sync_and_report_do_not_import_textual(tmp_path: Path) -> None:
    learn(open_store(tmp_path))
    code = (
        "import sys\nfrom kursus.cli import main\n"
        f"main(['sync', '--progress-dir', {str(tmp_path)!r}, '--lessons', {str(FIXTURE_LESSONS)!r},"
        " '--lrs', 'http://127.0.0.1:9', '--email', 'm@example.org', '--yes'])\n"
        "assert 'textual' not in sys.modules, 'textual imported'\nprint('clean')"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KURSUS_LRS", "KURSUS_XAPI"))}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("clean")


def test_the_progress_bar() -> None:
    stream = io.StringIO()
    bar = ProgressBar("Sender", stream)
    bar.update(0, 4)
    bar.update(2, 4)
    bar.finish()
    assert stream.getvalue().endswith("\rSender [" + "█" * 15 + "░" * 15 + "] 2/4\n")


def test_temporary_files_of_a_killed_outbox_writer_are_cleaned(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    learn(store)
    leftover = tmp_path / f".{Outbox(store.path).path.name}.x1y2.tmp"
    leftover.write_text("half", encoding="utf-8")
    send(store.path, LrsConfig(endpoint="http://127.0.0.1:9/xAPI/", mbox="mailto:m@example.org"))
    assert not leftover.exists() and store.path.exists()


def test_the_notice_is_wrapped_at_word_breaks_to_the_terminal(tmp_path) -> None:
    """At 80 columns it broke mid-word ("scenario/s"); an address is never broken."""
    from kursus.commands.sync import notice_text
    from kursus.i18n import Catalogue

    endpoint = "http://127.0.0.1:8100/xAPI/"
    actor = {"name": "Mette Hansen", "account": {"name": "mh123", "homePage": "https://kommune.example"}}
    for lang in ("da", "en"):
        text = notice_text(Catalogue(lang), endpoint, actor, "Mette Hansen", "hold-a", width=80)
        lines = text.splitlines()
        assert all(len(line) <= 79 for line in lines), [line for line in lines if len(line) > 79]
        assert endpoint in text  # whole
        bullets = [n for n, line in enumerate(lines) if line.startswith("- ")]
        assert bullets and any(lines[n + 1].startswith("  ") for n in bullets if n + 1 < len(lines))
        words = " ".join(text.split())
        assert Catalogue(lang)("sync.notice.never") in words.replace("- ", "")  # nothing lost in wrapping
