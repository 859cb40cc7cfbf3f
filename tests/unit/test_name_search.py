"""Finding a learner by name (the dashboard's `/`): Danish letters and their two-letter
spellings, case and accents folded by one function, `tracking.names.search_key`."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kursus.i18n import Catalogue
from kursus.tracking.names import search_key
from kursus.trainer.aggregate import build_report
from kursus.trainer.labels import with_name
from tests.unit.test_trainer_support import NOW, build_cohort, course

# Precomposed letters a name is likely to hold, their two-letter spellings, case pairs,
# letters that casefold to two (ß, the ﬁ ligature), spaces and a hyphen.
NAME_LETTERS = "aAeEoOrRsSnNøØæÆåÅäÄöÖüÜéÉßﬁ -"
names = st.text(alphabet=NAME_LETTERS, max_size=16)

SPELLED_OUT = {"æ": "ae", "Æ": "AE", "ø": "oe", "Ø": "OE", "å": "aa", "Å": "AA"}


def spelled_out(text: str) -> str:
    """The name as typed on a keyboard without æ, ø and å."""
    return "".join(SPELLED_OUT.get(char, char) for char in text)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("soeren", "Søren Østergaard"),
        ("SOEREN OESTERGAARD", "Søren Østergaard"),
        ("østergård", "Søren Østergaard"),  # å typed for the name's aa
        ("søren", "Soeren Oestergaard"),  # both ways
        ("aase", "Åse Mæhle"),
        ("maehle", "Åse Mæhle"),
        ("Kåre", "Kaare Berg"),
        ("Sören", "Søren Østergaard"),  # ö as a spelling of ø, ä of æ
        ("mähle", "Åse Mæhle"),
        ("jose", "José Núñez"),  # other accents are dropped
        ("nunez", "José Núñez"),
        ("JOSÉ", "jose nunez"),
        ("strasse", "Straße"),
        ("fiona", "ﬁona"),
        ("ǿ", "Øjvind"),  # ø with an accent is still ø
        ("\u00c5se", "A\u030ase"),  # composed and decomposed å
        ("åse   b", "Åse  Berg"),  # runs of spaces are one space
    ],
)
def test_a_name_is_found_by_its_other_spellings(typed: str, name: str) -> None:
    assert search_key(typed) in search_key(name)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("soren", "Søren"),  # ø is oe, not o
        ("ostergaard", "Østergaard"),
        ("marsk", "Mærsk"),  # æ is ae, not a
        ("sorensen", "Sörensen"),  # ö is ø
    ],
)
def test_a_letter_is_not_its_bare_vowel(typed: str, name: str) -> None:
    """The two-letter spelling is the one Danish uses (and the file names: Søren is
    soeren-….json); a bare vowel is another letter."""
    assert search_key(typed) not in search_key(name)


def test_the_key_of_danish_names() -> None:
    assert search_key("  Søren   ØSTERGAARD ") == "soeren oestergaard"
    assert search_key("Åse Mæhle") == "aase maehle"
    assert search_key("Ǻse") == "aase"  # å with an accent is still å
    assert search_key("") == ""


@given(names)
def test_danish_letters_and_their_two_letter_spellings_fold_alike(name: str) -> None:
    assert search_key(spelled_out(name)) == search_key(name)


@given(names)
def test_case_composition_and_accents_do_not_matter(name: str) -> None:
    key = search_key(name)
    assert search_key(name.upper()) == search_key(name.lower()) == search_key(name.swapcase()) == key
    assert search_key(unicodedata.normalize("NFD", name)) == key
    assert search_key(key) == key  # a key is its own key


@given(names, names, names)
def test_what_a_plain_search_found_is_still_found(before: str, typed: str, after: str) -> None:
    """Folding only widens a search: a name holding the typed text (any case) is still
    found, whatever letters are around it."""
    assert search_key(typed) in search_key(before + typed + after)


def test_with_name_finds_learners_by_name_as_shown(tmp_path) -> None:
    cohort = build_cohort(tmp_path / "hold")
    learners = build_report(cohort.folder, course(), now=NOW).learners
    t = Catalogue("da")
    ada = next(learner for learner in learners if learner.name == "Ada Andersen")
    soeren = replace(ada, name="Søren Østergaard", relative="soeren.json")
    nameless = replace(ada, name="", relative="sub/noname.json")
    everyone = [*learners, soeren, nameless]
    assert with_name(everyone, "soeren", t) == [soeren]
    assert with_name(everyone, "ADA", t) == [ada]
    assert with_name(everyone, "noname", t) == [nameless]  # a file without a name: by its file name
    assert with_name(everyone, "", t) == everyone
