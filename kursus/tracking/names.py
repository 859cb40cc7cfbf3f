"""Safe progress-file names from learners' names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"})
MAX_NAME_LENGTH = 200


_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_name(raw: str) -> str:
    """A learner name (or cohort) as we keep it: Unicode NFC, so "Åse" typed as one
    character or as A + ring is the same name; no control or text-direction characters;
    trimmed; bounded length. Joiners stay, so emoji sequences survive."""
    text = "".join(
        ch
        for ch in unicodedata.normalize("NFC", raw)
        if unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn") and ch not in _BIDI_CONTROLS
    )
    return " ".join(text.split())[:MAX_NAME_LENGTH].rstrip()  # a cut may end in a space


def name_key(name: str) -> str:
    """What makes two typed names the same learner: NFC, letter case and spacing ignored.

    Deliberately not `casefold()`: "Straße" and "Strasse", or "ﬁona" and "fiona", are
    different names that casefolding would merge into one learner's file.
    """
    return clean_name(name).lower()


def fold_key(name: str) -> str:
    """A looser key: names equal under it but not under `name_key` may be the same
    person typed differently ("Strasse"/"Straße", "ﬁona"/"fiona", "Ase"/"Åse"), so the
    app asks before treating them as one or as two."""
    text = unicodedata.normalize("NFKD", clean_name(name).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFKC", text).split())


_SPELLED_OUT = str.maketrans({"æ": "ae", "ø": "oe"})
_TWO_LETTERS = (("a\u030a", "aa"), ("a\u0308", "ae"), ("o\u0308", "oe"))  # å, ä, ö decomposed


def search_key(text: str) -> str:
    """Text as a name search compares it (the dashboard's `/`): a name is found when the
    key of what was typed occurs in the key of the name.

    Case is ignored (casefold: "Straße" is found by "strasse"), and so are composition
    and compatibility forms ("ﬁ" is "fi"). æ, ø and å are their Danish two-letter
    spellings ae, oe and aa, so "soeren" finds "Søren Østergaard" and "søren" finds
    "Soeren"; ä and ö, the same letters in Swedish and German, are ae and oe too
    ("Sören" finds "Søren"). Any other accent is dropped ("jose" finds "José"). A bare
    vowel stays another letter: "soren" does not find "Søren". Runs of spaces are one.

    Each character folds on its own, so a name holding the typed text (any case) is
    always still found: folding only widens a search. (Not `fold_key`, which asks
    whether two whole names are one person, and where "Åse" and "Ase" are.)
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text.casefold()).casefold())
    for letter, spelled in _TWO_LETTERS:
        if letter in text:
            text = text.replace(letter, spelled)
    text = "".join(ch for ch in text.translate(_SPELLED_OUT) if not unicodedata.combining(ch))
    return " ".join(text.split())


def cohort_key(cohort: str) -> str:
    """What makes two cohort names the same cohort: cleaned (clean_name), case ignored."""
    return clean_name(cohort).casefold()


def progress_file_name(name: str) -> str:
    """`mette-hansen-1a2b3c.json`: readable, no separators or `..`, unique per name.

    The short hash keeps "Søren" and "Soeren" apart, while the same name in other
    letter case or spacing maps to the same file (see name_key).
    """
    key = name_key(name)
    ascii_text = unicodedata.normalize("NFKD", key.translate(_DANISH)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-") or "deltager"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}.json"
