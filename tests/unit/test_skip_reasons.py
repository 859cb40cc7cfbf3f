"""Why a file was skipped, in the report's language: every reason has a Danish and an
English text in the catalogue (kursus.tracking.storage.Unreadable names each once), in
every format and on the dashboard's skipped list (they share labels.skip_reason)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from kursus.i18n import Catalogue
from kursus.tracking.storage import Unreadable, UnreadableProgressFile
from kursus.trainer.aggregate import build_report
from kursus.trainer.formats import render
from kursus.trainer.labels import skip_reason
from tests.unit.test_trainer_support import NOW, add_messy_files, build_cohort, course

REASONS = {
    "da": {
        "notes.json": "ikke gyldig JSON (linje 1: Expecting property name enclosed in double quotes)",
        "empty.json": "tom fil",
        "list.json": "ikke en progressfil (det øverste niveau er ikke et objekt)",
        "newer.json": "lavet af en nyere udgave af kursus (skema 99; denne udgave læser op til 4)",
        "latin1.json": "ikke UTF-8-tekst",
        "other-db.json": "ikke en progressfil fra kursus (ingen meta-tabel)",
        "other-course.json": "hører til et andet kursus ('another-course')",
        "fifo.json": "ikke en almindelig fil",
    },
    "en": {
        "notes.json": "not valid JSON (line 1: Expecting property name enclosed in double quotes)",
        "empty.json": "empty file",
        "list.json": "not a progress file (the top level is not an object)",
        "newer.json": "made by a newer kursus (schema 99, this one reads up to 4)",
        "latin1.json": "not UTF-8 text",
        "other-db.json": "not a kursus progress file (no meta table)",
        "other-course.json": "belongs to another course ('another-course')",
        "fifo.json": "not a regular file",
    },
}


@pytest.fixture(scope="module")
def messy_report(tmp_path_factory: pytest.TempPathFactory):
    cohort = build_cohort(tmp_path_factory.mktemp("skip") / "mappe")
    add_messy_files(cohort.folder)
    os.mkfifo(cohort.folder / "fifo.json")
    return build_report(cohort.folder, course(), stalled_days=14, now=NOW)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_skip_reason_is_in_the_reports_language(messy_report, lang: str) -> None:
    t = Catalogue(lang)
    shown = {Path(item.relative).name: skip_reason(item, t) for item in messy_report.skipped}  # the dashboard's list
    for name, reason in REASONS[lang].items():
        assert shown[name] == reason, name


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_csv_and_table_skipped_sections_use_the_same_words(messy_report, lang: str) -> None:
    t = Catalogue(lang)
    rows = list(csv.reader(io.StringIO(render(messy_report, "csv", t))))
    assert ["empty.json", REASONS[lang]["empty.json"]] in rows
    assert ["newer.json", REASONS[lang]["newer.json"]] in rows
    table = render(messy_report, "table", t, width=200)
    assert REASONS[lang]["list.json"] in table


@pytest.mark.parametrize("kind", list(Unreadable))
def test_every_reason_has_both_texts_and_the_english_is_the_exceptions(kind: Unreadable) -> None:
    fields = {"size": "1 MiB", "line": 3, "error": "x", "version": 9, "supported": 4, "table": "events"}
    used = {name: value for name, value in fields.items() if "{" + name + "}" in Catalogue("en")(f"unreadable.{kind}")}
    exc = UnreadableProgressFile(Path("f.json"), kind, **used)
    assert exc.reason == Catalogue("en", strict=True)(exc.key, **exc.fields)
    danish = Catalogue("da", strict=True)(exc.key, **exc.fields)
    assert danish and danish != exc.reason
    assert str(exc) == f"f.json: {exc.reason}"  # the command line's errors stay English
