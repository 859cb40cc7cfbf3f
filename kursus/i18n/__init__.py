"""UI text in Danish (default) and English.

Each catalogue module (`learner`, `trainer`) holds `DA` and `EN` dicts with the same
keys; a test checks that they match. Text is looked up by key and formatted with
`str.format` fields, never by concatenating markup.
"""

from __future__ import annotations

import os
import string
from importlib import import_module

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
CATALOGUE_MODULES = ("kursus.i18n.learner", "kursus.i18n.trainer")


# Status and rating glyphs, shown next to a word, so nothing relies on colour alone.
GLYPHS = {
    "not_started": "○",
    "in_progress": "◐",
    "done": "✓",
    "stalled": "⏸",
    "best": "✓",
    "partial": "◐",
    "wrong": "✗",
}


class UnknownLanguage(ValueError):
    pass


def resolve_language(option: str | None = None) -> str:
    """--lang, then KURSUS_LANG, then Danish."""
    chosen = (option or os.environ.get("KURSUS_LANG") or DEFAULT_LANGUAGE).strip().lower()
    if chosen not in LANGUAGES:
        raise UnknownLanguage(chosen)
    return chosen


class Catalogue:
    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise UnknownLanguage(lang)
        self.lang = lang
        self._text: dict[str, str] = {}
        for name in CATALOGUE_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError:
                continue
            self._text.update(getattr(module, lang.upper()))

    def __call__(self, key: str, **fields: object) -> str:
        text = self._text.get(key, key)
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


def catalogue(lang: str) -> Catalogue:
    return Catalogue(lang)
