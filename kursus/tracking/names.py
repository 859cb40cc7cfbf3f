"""Safe progress-file names from learners' names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
MAX_NAME_LENGTH = 200


_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_name(raw: str) -> str:
    """A learner name as we keep it: no control or text-direction characters, trimmed,
    bounded length. Joiners stay, so emoji sequences survive."""
    text = "".join(
        ch for ch in raw
        if unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn") and ch not in _BIDI_CONTROLS
    )
    return " ".join(text.split())[:MAX_NAME_LENGTH]


def progress_file_name(name: str) -> str:
    """`mette-hansen-1a2b3c.json`: readable, no separators or `..`, unique per name.

    The short hash keeps "Søren" and "Soeren" apart, while the same name in other
    letter case or spacing maps to the same file.
    """
    key = clean_name(name).casefold()
    ascii_text = unicodedata.normalize("NFKD", key.translate(_DANISH)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-") or "deltager"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}.json"
