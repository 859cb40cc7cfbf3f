"""The file report never says nobody shared a self-assessment or a phase check above a
table of a shared one: an empty section says which of the two nobody shared."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kursus.content import load_course
from kursus.i18n import Catalogue
from kursus.tracking import ProgressStore
from kursus.trainer.aggregate import build_report
from kursus.trainer.formats import render
from tests.conftest import FIXTURE_LESSONS

NOW = datetime(2026, 7, 1, tzinfo=UTC)


@pytest.mark.parametrize("fmt", ["md", "table"])
def test_only_a_shared_phase_check_is_not_called_nothing_shared(tmp_path: Path, fmt: str) -> None:
    store, _ = ProgressStore.open_for(tmp_path, "Mette Hansen", cohort="A", course_id="testkursus", content_version=3)
    store.save_phase_check("Sundhedsnetværket", {"tema-udfoldet": "ja"}, (2,), shared=True, at=NOW)
    report = build_report(tmp_path, load_course(FIXTURE_LESSONS, "da"), now=NOW)
    text = render(report, fmt, Catalogue("da"), width=160)
    assert "Ingen deltager har delt en selvvurdering eller et fasetjek." not in text
    assert "Ingen deltager har delt en selvvurdering." in text
    assert "Sundhedsnetværket" in text  # the shared check's table follows
    assert "Ingen deltager har delt et fasetjek." not in text
