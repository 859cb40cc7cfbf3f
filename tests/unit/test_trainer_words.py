"""One word for one number, in both languages; names and titles cut with an ellipsis."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from kursus.i18n import Catalogue
from kursus.trainer.labels import ELLIPSIS, clip


@pytest.mark.parametrize(
    ("lang", "long", "short"), [("da", "Point ved første forsøg", "Point"), ("en", "First-try points", "Points")]
)
def test_the_first_try_score_has_one_name(lang: str, long: str, short: str) -> None:
    """The mean first-try score is the same number for a learner (report, dashboard,
    export, certificate) and for a scenario (mean over the learners): one word for it."""
    t = Catalogue(lang)
    assert t("trainer.col.first_try") == t("trainer.col.mean") == long
    assert t("trainer.col.first_try_pct") == t("trainer.col.mean_pct") == f"{long} (%)"
    assert t("trainer.colshort.first_try") == t("trainer.colshort.mean") == short
    assert t("certificate.col.first_try") == long
    assert t("trainer.export.first_try", score="79 %", count=7).startswith(long)
    assert f"{long}: 79" in t(
        "trainer.learner.facts", cohort="a", status="b", done=1, total=3, score="79 %", last="x", reviews=0
    )
    # the words the issue found for it are gone from the trainer's catalogue
    for old in ("Gns. point", "Mean score", "Gns."):
        assert old not in {t(key) for key in ("trainer.col.mean", "trainer.colshort.mean", "trainer.col.first_try")}
    # the learner app says it with the same words (its number is points of a total)
    assert t("lesson_summary.points", points="2", out_of=3).startswith(f"{long}: ")
    assert long.casefold() in t("course_done.total", points="2", out_of=3).casefold()


OLD_WORDINGS = {
    "da": ("Point i 1. forsøg", "point i 1. forsøg", "Gns. point", "1. forsøg (gennemsnit)"),
    "en": ("First-try score", "first-try score", "Points at the first try", "points at the first try", "Mean score"),
}


def test_no_catalogue_keeps_an_old_name_for_the_first_try_points() -> None:
    """Every catalogue module (learner app, dashboard, report, export, certificate) in
    both languages: the old names of the first-try measure are gone, and no text is the
    bare old column heading "Score"."""
    from importlib import import_module

    from kursus.i18n import catalogue_modules

    modules = [import_module(name) for name in catalogue_modules()]
    assert len(modules) > 5 and any(module.__name__.endswith(".lesson_summary") for module in modules)
    for module in modules:
        for lang, texts in (("da", module.DA), ("en", module.EN)):
            for key, text in texts.items():
                for old in OLD_WORDINGS[lang]:
                    assert old not in text, f"{module.__name__} {lang} {key}: {text!r}"
                assert text != "Score", f"{module.__name__} {lang} {key}"


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Ada Andersen", 12, "Ada Andersen"),  # fits: untouched
        ("Ada Andersen Østergaard", 14, "Ada Andersen…"),  # at the end of a word
        ("Ada Andersen", 8, "Ada And…"),  # the word would leave too little: cut inside it
        ("Supercalifragilistic", 8, "Superca…"),
        ("🎉🎉🎉🎉", 5, "🎉🎉…"),  # wide characters count two columns
        ("a\nb\tc", 10, "a b c"),
        ("x", 0, ""),
    ],
)
def test_clip_cuts_with_an_ellipsis(text: str, width: int, expected: str) -> None:
    assert clip(text, width) == expected
    assert cell_len(clip(text, width)) <= width


def test_clip_never_cuts_without_saying_so() -> None:
    name = '[b]x[/b] | =HYPERLINK("x") [/]'
    for width in range(1, len(name)):
        clipped = clip(name, width)
        assert clipped.endswith(ELLIPSIS) and cell_len(clipped) <= width
