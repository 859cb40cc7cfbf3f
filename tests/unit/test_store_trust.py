"""What the store promises: no save overwrites newer text, the share flag never goes
further than the learner saw, old files stay private, odd files are refused quickly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kursus.tracking import ProgressStore, UnreadableProgressFile, read_record
from kursus.tracking.names import clean_name, fold_key, name_key, progress_file_name
from kursus.tracking.storage import MAX_PROGRESS_BYTES, read_json_file
from kursus.tracking.store import MERGE_SEPARATOR
from tests.unit.test_store import open_store


def texts(store: ProgressStore) -> dict[str, tuple[str, bool]]:
    return {(r.prompt_id): (r.text, r.shared) for r in store.record().reflections}


# --- never overwrite newer text -------------------------------------------------------


def test_updating_one_prompt_leaves_the_others_unchanged_and_private(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection("alpha", "r1", "første")
    store.save_reflection("alpha", "r2", "anden")
    store.save_reflection("beta", "r1", "tredje")
    store.save_reflection("alpha", "r1", "første, ny udgave")
    by_key = {(r.lesson_id, r.prompt_id): (r.text, r.shared) for r in store.record().reflections}
    assert by_key == {
        ("alpha", "r1"): ("første, ny udgave", False),
        ("alpha", "r2"): ("anden", False),
        ("beta", "r1"): ("tredje", False),
    }


def test_a_reflection_without_a_flag_is_private(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    saved = store.save_reflection("alpha", "r1", "tekst")
    assert saved.shared is False and store.record().reflections[0].shared is False
    assert store.record().shared_reflections == []


def test_a_stale_window_saving_empty_text_keeps_the_newer_text(tmp_path: Path) -> None:
    window_a, window_b = open_store(tmp_path), open_store(tmp_path)
    window_b.save_reflection("alpha", "r1", "B skrev dette", base_revision=0)
    saved = window_a.save_reflection("alpha", "r1", "", base_revision=0)  # A never saw B's text
    assert saved.kept_other and saved.text == "B skrev dette"
    assert texts(window_a)["r1"] == ("B skrev dette", False)


def test_two_windows_changing_the_same_text_keep_both(tmp_path: Path) -> None:
    window_a, window_b = open_store(tmp_path), open_store(tmp_path)
    first = window_a.save_reflection("alpha", "r1", "fælles start", base_revision=0)
    window_b.save_reflection("alpha", "r1", "B's udgave", base_revision=first.revision)
    saved = window_a.save_reflection("alpha", "r1", "A's udgave", base_revision=first.revision)
    assert saved.merged
    assert saved.text == "B's udgave" + MERGE_SEPARATOR + "A's udgave"
    assert texts(window_a)["r1"][0] == saved.text
    # Saving again from A, now up to date, is an ordinary save.
    again = window_a.save_reflection("alpha", "r1", "A ryddede op", base_revision=saved.revision)
    assert not again.merged and texts(window_a)["r1"][0] == "A ryddede op"


def test_saving_against_the_current_revision_simply_replaces(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    first = store.save_reflection("alpha", "r1", "udkast", base_revision=0)
    second = store.save_reflection("alpha", "r1", "færdig", base_revision=first.revision)
    assert (second.text, second.merged, second.kept_other, second.revision) == (
        "færdig",
        False,
        False,
        first.revision + 1,
    )


def test_share_toggle_changes_the_flag_only(tmp_path: Path) -> None:
    window_a, window_b = open_store(tmp_path), open_store(tmp_path)
    window_b.save_reflection("alpha", "r1", "B skrev dette")
    saved = window_a.set_shared("alpha", "r1", True)
    assert (saved.text, saved.shared) == ("B skrev dette", True)
    assert texts(window_b)["r1"] == ("B skrev dette", True)
    assert window_a.set_shared("alpha", "r1", False).shared is False
    assert texts(window_b)["r1"] == ("B skrev dette", False)


def test_a_text_save_never_shares_what_the_learner_saw_as_private(tmp_path: Path) -> None:
    window_a, window_b = open_store(tmp_path), open_store(tmp_path)
    window_a.set_shared("alpha", "r1", True)  # A shares
    window_b.save_reflection("alpha", "r1", "ny tekst fra B", seen_shared=False, base_revision=0)
    assert texts(window_a)["r1"] == ("ny tekst fra B", False)
    assert read_record(window_a.path).shared_reflections == []


def test_a_text_save_keeps_a_share_the_learner_sees(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    first = store.set_shared("alpha", "r1", True)
    store.save_reflection("alpha", "r1", "delt tekst", seen_shared=True, base_revision=first.revision)
    assert texts(store)["r1"] == ("delt tekst", True)


def test_a_share_switched_off_elsewhere_stays_off(tmp_path: Path) -> None:
    window_a, window_b = open_store(tmp_path), open_store(tmp_path)
    first = window_a.save_reflection("alpha", "r1", "tekst", shared=True)
    window_b.set_shared("alpha", "r1", False)
    window_a.save_reflection("alpha", "r1", "tekst 2", seen_shared=True, base_revision=first.revision)
    assert texts(window_a)["r1"] == ("tekst 2", False)  # a flag change is no text conflict


def test_update_profile_changes_only_the_given_fields(tmp_path: Path) -> None:
    store = open_store(tmp_path, cohort="hold-a")
    store.update_profile(lang="en")
    record = store.record()
    assert (record.name, record.cohort, record.lang) == ("Mette Hansen", "hold-a", "en")
    store.update_profile(cohort="hold-b")
    record = store.record()
    assert (record.name, record.cohort, record.lang) == ("Mette Hansen", "hold-b", "en")
    assert len(json.loads(store.path.read_text())["profile"]) == 1


# --- old files ---------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["false", "no", "nej", 1, "true", None, [], {}])
def test_only_a_json_true_shares_an_old_reflection(tmp_path: Path, flag: object) -> None:
    path = tmp_path / progress_file_name("Mette Hansen")
    doc = {"lesson_id": "alpha", "prompt_id": "r1", "text": "hemmelig", "updated": "2026-09-01T10:07:00+00:00"}
    if flag is not None:
        doc["shared"] = flag
    v1 = {
        "meta": {"1": {"schema_version": 1, "course_id": "testkursus"}},
        "profile": {"1": {"name": "Mette Hansen"}},
        "events": {},
        "answers": {},
        "reflections": {"1": doc},
    }
    path.write_text(json.dumps(v1), encoding="utf-8")
    assert read_record(path).shared_reflections == []  # read-only, as the trainer reads
    store, _ = ProgressStore.open_for(tmp_path, "Mette Hansen", course_id="testkursus", content_version=1)
    assert json.loads(path.read_text())["reflections"]["1"]["shared"] is False  # migrated on disk
    assert store.record().shared_reflections == []


# --- leftovers, odd files, limits -----------------------------------------------------------


def test_leftover_temp_files_are_removed_on_the_next_start(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    left = [tmp_path / f".{store.path.name}.abc123.tmp", tmp_path / f".{store.path.name}.zz9.tmp"]
    for path in left:
        path.write_text("{half a fi")
    other = tmp_path / ".someone-else.json.abc.tmp"
    other.write_text("x")
    open_store(tmp_path)  # a plain restart
    assert not any(path.exists() for path in left)
    assert other.exists()  # only this learner's leftovers
    assert read_record(store.path).name == "Mette Hansen"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "ventende.json"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableProgressFile, match="not a regular file"):
        read_json_file(fifo)


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "nul.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(UnreadableProgressFile, match="not a regular file"):
        read_record(link)


def test_a_file_over_the_limit_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    big = tmp_path / "stor.json"
    big.write_text('{"meta": {}}' + " " * 100)
    with pytest.raises(UnreadableProgressFile, match="larger than 64 bytes"):
        read_json_file(big, limit=64)
    assert MAX_PROGRESS_BYTES >= 64 * 1024 * 1024


def test_a_number_of_thousands_of_digits_is_a_reason_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "tal.json"
    path.write_text('{"meta": {"1": {"schema_version": ' + "9" * 5000 + "}}}")
    with pytest.raises(UnreadableProgressFile):
        read_record(path)


# --- names ---------------------------------------------------------------------------------


def test_a_name_typed_composed_or_decomposed_is_one_learner() -> None:
    composed, decomposed = "\u00c5se Berg", "A\u030ase Berg"
    assert clean_name(decomposed) == composed
    assert progress_file_name(composed) == progress_file_name(decomposed)


@pytest.mark.parametrize(("first", "second"), [("Strasse", "Straße"), ("fiona", "ﬁona"), ("Ase Berg", "Åse Berg")])
def test_names_equal_only_after_folding_get_their_own_files_but_are_flagged(first: str, second: str) -> None:
    assert progress_file_name(first) != progress_file_name(second)
    assert name_key(first) != name_key(second)
    assert fold_key(first) == fold_key(second)
