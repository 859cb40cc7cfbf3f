"""The one place where text from outside the code is made safe for a terminal.

Names, cohorts, reflections, lesson text and file names may hold ESC and CSI/OSC/DCS
sequences, C1 controls (U+0080-U+009F, which some terminals obey like ESC) or
text-direction overrides. Printed raw, they retitle or wipe a trainer's terminal, or
make a line read backwards. `visible()` shows each such character as a harmless
visible sign instead, so nothing is hidden and nothing is obeyed:

- C0 controls and DEL as the Unicode control pictures (ESC -> ␛, BEL -> ␇, DEL -> ␡);
- C1 controls and bidi overrides/isolates as `⟨U+009B⟩`.

Line breaks (and tabs) stay where a multi-line text is expected; a lone CR, which would
move the cursor back over the line, is shown as ␍. JSON output keeps the exact text:
`json_safe()` escapes the same characters as \\uXXXX, which parses back unchanged.
"""

from __future__ import annotations

import json
import re

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_JSON = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"⟨U+{code:04X}⟩"


def visible(text: object, *, multiline: bool = True) -> str:
    """`text` with every control and direction-override character shown, not obeyed."""
    value = "" if text is None else str(text)
    if not _UNSAFE.search(value):
        return value
    if multiline:
        value = value.replace("\r\n", "\n")

        def swap(match: re.Match[str]) -> str:
            char = match.group()
            return char if char in "\n\t" else _picture(char)
    else:

        def swap(match: re.Match[str]) -> str:
            return _picture(match.group())

    return _UNSAFE.sub(swap, value)


def one_line(text: object) -> str:
    """`visible()` for a single line: line breaks and tabs become spaces."""
    value = "" if text is None else str(text)
    return visible(" ".join(value.replace("\r\n", "\n").split("\n")).replace("\t", " "), multiline=False)


def json_safe(text: str) -> str:
    """JSON text (from json.dumps) with C1 controls, DEL and direction overrides also
    escaped: json.dumps(ensure_ascii=False) leaves them raw, and a terminal may obey them."""
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(data: object, *, indent: int | None = None) -> str:
    return json_safe(json.dumps(data, ensure_ascii=False, indent=indent))


_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>|~&#!$])")
_MD_LINE_START = re.compile(r"^(\s*)(\d*)([-+=>.)])", re.MULTILINE)


def md_escape(text: object, *, cell: bool = False) -> str:
    """Literal text in Markdown: punctuation escaped; in a table cell, one line; control
    characters shown, not kept (kursus.textsafe)."""
    value = _MD_INLINE.sub(r"\\\1", visible(text))
    if cell:  # inline content: no block structure to break, but it must stay on one line
        return " ".join(value.split())
    # Block syntax only matters at the start of a line: "- x", "+ x", "1. x", "1) x", "=== ".
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2) + "\\" + m.group(3), value)
