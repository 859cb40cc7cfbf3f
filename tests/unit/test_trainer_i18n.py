"""The trainer catalogue: Danish and English match (every key the code uses: test_catalogue_keys)."""

from __future__ import annotations

import string

import pytest

from kursus.i18n import Catalogue, trainer


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_danish_and_english_have_the_same_keys_and_fields() -> None:
    assert set(trainer.DA) == set(trainer.EN)
    for key in trainer.DA:
        assert trainer.DA[key].strip() and trainer.EN[key].strip(), key
        assert fields(trainer.DA[key]) == fields(trainer.EN[key]), key
    assert all(key.startswith("trainer.") for key in trainer.DA)


def test_dynamic_keys_exist_for_every_status_and_rating() -> None:
    for lang in ("da", "en"):
        t = Catalogue(lang)
        for status in ("not_started", "in_progress", "stalled", "done"):
            assert t(f"trainer.status.{status}") != f"trainer.status.{status}"
        for rating in ("best", "partial", "wrong"):
            assert t(f"trainer.rating.{rating}") != f"trainer.rating.{rating}"


@pytest.mark.parametrize(
    ("lang", "one", "many"), [("da", "1 deltager:", "2 deltagere:"), ("en", "1 learner:", "2 learners:")]
)
def test_counts_take_the_singular_for_one_and_the_plural_otherwise(lang: str, one: str, many: str) -> None:
    from kursus.i18n import Catalogue

    t = Catalogue(lang)
    fields = {"done": 1, "in_progress": 0, "stalled": 0, "not_started": 0}
    assert t("trainer.report.summary", learners=1, **fields).startswith(one)
    assert t("trainer.report.summary", learners=2, **fields).startswith(many)
    if lang == "da":
        assert "1 færdig," in t("trainer.report.summary", learners=1, **fields)
        assert "0 færdige," in t("trainer.report.summary", learners=1, **{**fields, "done": 0})
