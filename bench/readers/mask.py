"""Masked packets: the model's own terms replaced by codes (issue 13's cue-only measure).

    python bench/readers/mask.py OUTDIR LANG

    python bench/readers/mask.py --answers OUTDIR LANG ANSWERS.json > ANSWERS-BY-ID.json

reads OUTDIR/blind-LANG.md and OUTDIR/informed-LANG.md (made by extract.py) and writes
OUTDIR/masked-blind-LANG.md and OUTDIR/masked-informed-LANG.md, where every role, forum,
network type, phase (name and number) and tool of the Network Model is a code (ROLLE-A,
FORUM-C, TYPE-1, fase K, VAERKTOEJ-2), the same code for the same term everywhere.

Why: a reader who has never seen the course but knows organisations can often infer a fact
of the model from its name (a forum of managers opens doors, an "innovation" network has no
end date, testing comes before spreading). Masking the names leaves the wording: length,
tone, position, justification, which option sounds cooperative. A blind reader's score on
the masked items is what the wording alone gives away; an informed reader, who reads the
lessons masked the same way, shows the items still turn on what the lessons teach.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

# Phase numbers get unordered letters, so a code does not tell the phase's place.
PHASE_CODES = {"1": "P", "2": "K", "3": "W", "4": "B", "5": "T", "6": "H", "7": "M", "8": "R"}

# (pattern, code); patterns are case-insensitive; a trailing (\w*) keeps the inflection
# only where the code reads naturally with it (network types).
TERMS: dict[str, list[tuple[str, str]]] = {
    "da": [
        (r"co-driverpjece\w*|driverpjece\w*", "VAERKTOEJ-1"),
        (r"co-driver\w*", "ROLLE-B"),
        (r"referenceleder\w*", "ROLLE-A"),
        (r"chefforum\w*|\bCF\b", "FORUM-C"),
        (r"direktørforum\w*", "FORUM-D"),
        (r"kernedeltager\w*", "ROLLE-E"),
        (r"innovationsudvalg\w*", "FORUM-I"),
        (r"fagudvalg\w*", "FORUM-F"),
        (r"(?:netværks)?sekretariat\w*", "ENHED-G"),
        (r"temaskabelon\w*", "VAERKTOEJ-2"),
        (r"kompetencediamant\w*", "VAERKTOEJ-3"),
        (r"samarbejdsaftale\w*", "VAERKTOEJ-4"),
        (r"relationsrundtur\w*", "VAERKTOEJ-5"),
        (r"spredningsplan\w*", "VAERKTOEJ-6"),
        (r"evalueringsplan\w*", "VAERKTOEJ-7"),
        (r"testplan\w*", "VAERKTOEJ-8"),
        (r"opstart af netværk\w*", "fase P"),
        (r"netværksdesign\w*", "fase K"),
        (r"fokuseringsfase\w*|fokusering\w*", "fase W"),
        (r"opdagelsesfase\w*|opdagelse\w*", "fase B"),
        (r"tematisering\w*", "fase T"),
        (r"idéudvikling og prioritering|idéudvikling\w*", "fase H"),
        (r"konkretisering og test", "fase M"),
        (r"evaluering og spredning", "fase R"),
        (r"afrunding\w*", "fase Z"),
    ],
    "en": [
        (r"co-driver ?(?:leaflet|pjece)\w*|co-driverpjece\w*", "TOOL-1"),
        (r"co-drivers?", "ROLE-B"),
        (r"reference[- ]?leaders?|referenceleder\w*", "ROLE-A"),
        (r"chefforum\w*|management forum|\bCF\b", "FORUM-C"),
        (r"direktørforum\w*|directors'? forum", "FORUM-D"),
        (r"core participants?|kernedeltager\w*", "ROLE-E"),
        (r"innovation committees?|innovationsudvalg\w*", "FORUM-I"),
        (r"(?:specialist |political |standing )?committees?|fagudvalg\w*", "FORUM-F"),
        (r"(?:network )?secretariat", "UNIT-G"),
        (r"theme template", "TOOL-2"),
        (r"competence diamond", "TOOL-3"),
        (r"cooperation agreement", "TOOL-4"),
        (r"relationship tour", "TOOL-5"),
        (r"spreading plan", "TOOL-6"),
        (r"evaluation plan", "TOOL-7"),
        (r"test plan", "TOOL-8"),
        (r"network start-up", "phase P"),
        (r"network design", "phase K"),
        (r"focusing", "phase W"),
        (r"discovery", "phase B"),
        (r"thematisation|theming", "phase T"),
        (r"idea development and prioriti[sz]ation|idea development", "phase H"),
        (r"concretisation and testing", "phase M"),
        (r"evaluation and spreading", "phase R"),
        (r"wrapping up|wrap-up", "phase Z"),
    ],
}
NETWORK_TYPES = {
    "da": (r"(velfærds|innovations|lærings)netværk(\w*)", {"velfærds": "1", "innovations": "2", "lærings": "3"}),
    "en": (
        r"(welfare|innovation|learning) network(s?)|(velfærds|innovations|lærings)netværk(\w*)",
        {"welfare": "1", "innovation": "2", "learning": "3", "velfærds": "1", "innovations": "2", "lærings": "3"},
    ),
}
PHASE_NUMBERS = re.compile(
    r"\b(fase|faser|faserne|fasen|phase|phases)(\s+)(\d(?:\s*(?:-|–|,|og|and|til|to)\s*\d)*)\b", re.IGNORECASE
)
NOTE = {
    "da": "Nogle af modellens begreber er erstattet af koder (fx ROLLE-A, FORUM-C, TYPE-1-netværk, "
    "fase K, VAERKTOEJ-2). Samme kode betyder det samme overalt; bogstaverne siger intet om rækkefølge.",
    "en": "Some of the model's terms are replaced by codes (e.g. ROLE-A, FORUM-C, TYPE-1 network, "
    "phase K, TOOL-2). The same code means the same thing everywhere; the letters say nothing about order.",
}


def mask(text: str, lang: str) -> str:
    text = PHASE_NUMBERS.sub(
        lambda m: m[1] + m[2] + re.sub(r"\d", lambda d: PHASE_CODES[d[0]], m[3]),
        text,
    )
    pattern, codes = NETWORK_TYPES[lang]
    if lang == "da":
        text = re.sub(pattern, lambda m: f"TYPE-{codes[m[1].lower()]}-netværk{m[2]}", text, flags=re.IGNORECASE)
    else:
        text = re.sub(
            pattern,
            lambda m: f"TYPE-{codes[(m[1] or m[3]).lower()]} network{m[2] or ''}",
            text,
            flags=re.IGNORECASE,
        )
    for term, code in TERMS[lang]:
        text = re.sub(rf"\b(?:{term})", code, text, flags=re.IGNORECASE)
    return text


def opaque_ids(text: str, ids: dict[str, str]) -> str:
    """Item ids name their lesson and topic; the masked packets number the items instead."""

    def number(match: re.Match[str]) -> str:
        code = ids.setdefault(match[1], f"{len(ids) + 1:03d}")
        return f"### ITEM {code}"

    return re.sub(r"^### ITEM (\S+)", number, text, flags=re.MULTILINE)


def main() -> None:
    if sys.argv[1] == "--answers":  # mask.py --answers OUTDIR LANG ANSWERS.json: back to item ids
        out, lang, answers = Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
        ids = {code: item for item, code in json.loads((out / f"masked-ids-{lang}.json").read_text()).items()}
        given = json.loads(answers.read_text(encoding="utf-8"))
        print(json.dumps({ids[code.removeprefix("ITEM ").strip()]: letter for code, letter in given.items()}, indent=1))
        return
    out, lang = Path(sys.argv[1]), sys.argv[2]
    ids: dict[str, str] = {}
    for kind in ("blind", "informed"):
        text = (out / f"{kind}-{lang}.md").read_text(encoding="utf-8")
        masked = f"> {NOTE[lang]}\n\n" + mask(opaque_ids(text, ids), lang)
        (out / f"masked-{kind}-{lang}.md").write_text(masked, encoding="utf-8")
        print(out / f"masked-{kind}-{lang}.md")
    (out / f"masked-ids-{lang}.json").write_text(json.dumps(ids, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
