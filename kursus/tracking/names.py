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
