"""UI text in Danish (default) and English.

Each catalogue module in this package (`learner`, `trainer`, and one per feature) holds
`DA` and `EN` dicts with the same keys; a test checks that they match. Text is looked up
by key and formatted with `str.format` fields, never by concatenating markup.
"""

from __future__ import annotations

import os
import string
from importlib import import_module

from kursus.vocabulary import DEFAULT_LANGUAGE, GLYPHS, LANGUAGES, Rating


def catalogue_modules() -> list[str]:
    """Every catalogue module in this package (a module with `DA` and `EN` dicts): a new
    feature adds its own module and is found here, with no list to keep."""
    # A directory listing, not pkgutil: importing and walking pkgutil was a tenth of the
    # course's start-up (bench/startup.py).
    names = (entry.name for folder in __path__ for entry in os.scandir(folder))
    return sorted(f"{__name__}.{name[:-3]}" for name in names if name.endswith(".py") and name != "__init__.py")


class UnknownLanguage(ValueError):
    pass


def resolve_language(option: str | None = None) -> str:
    """--lang, then KURSUS_LANG, then Danish."""
    chosen = (option or os.environ.get("KURSUS_LANG") or DEFAULT_LANGUAGE).strip().lower()
    if chosen not in LANGUAGES:
        raise UnknownLanguage(chosen)
    return chosen


class MissingText(KeyError):
    """A catalogue key with no text (raised in strict mode: in tests, never to a user)."""


STRICT_ENV = "KURSUS_STRICT_I18N"
"""Set to 1 (the test suite does) and a missing key raises MissingText."""


class Catalogue:
    def __init__(self, lang: str, *, strict: bool | None = None) -> None:
        if lang not in LANGUAGES:
            raise UnknownLanguage(lang)
        self.lang = lang
        # Strict in tests: a missing key fails loudly. For a learner, the key itself is
        # shown rather than a crash (it names what is missing in a bug report).
        self.strict = os.environ.get(STRICT_ENV) == "1" if strict is None else strict
        self._text: dict[str, str] = {}
        for name in catalogue_modules():
            texts = getattr(import_module(name), lang.upper(), None)
            if isinstance(texts, dict):
                self._text.update(texts)

    def __contains__(self, key: object) -> bool:
        return key in self._text

    def __call__(self, key: str, **fields: object) -> str:
        text = self._text.get(key)
        if text is None:
            if self.strict:
                raise MissingText(f"{key} ({self.lang})")
            text = key
        return _FORMATTER.format(text, **fields) if fields else text


class _PluralFormatter(string.Formatter):
    """`{count:deltager|deltagere}` -> "1 deltager", "2 deltagere": the number and the
    word in the form that goes with it (one form for exactly 1, the other otherwise)."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return f"{value} {one if value == 1 else many}"
        return super().format_field(value, format_spec)


_FORMATTER = _PluralFormatter()


def glyph_label(value: str, t: Catalogue, *, trainer: bool = False) -> str:
    """A status or rating as glyph and word ("✓ Færdig"), so it never depends on colour.
    The learner's screens use their own words; the trainer's views (trainer=True) theirs."""
    family = "rating" if value in _RATINGS else "status"
    prefix = "trainer." if trainer else ""
    return f"{GLYPHS[value]} {t(f'{prefix}{family}.{value}')}"


_RATINGS = frozenset(Rating)
