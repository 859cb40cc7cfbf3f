"""The one door for text that comes from outside the code.

Lesson text, learner names, cohorts and reflections are data, not markup: Textual's
Static, Label, OptionList and notify() would parse `[b]` or crash on `[/]`. Everything
from YAML or from a learner goes through `safe()` before it reaches a widget.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from kursus.textsafe import visible


def safe(text: object) -> Content:
    """Plain, literal text: brackets, `[@click=...]` and emoji shown as they are; control
    and direction-override characters shown visibly (kursus.textsafe), never obeyed."""
    return Content(visible(text))


def joined(*parts: object, separator: str = "") -> Content:
    """Several literal pieces in one Content (no markup parsing anywhere)."""
    return Content(visible(separator.join(str(part) for part in parts)))


def safe_cell(text: object) -> Text:
    """A DataTable cell or column label from learner or author text.

    DataTable parses a plain `str` cell as markup and measures a `Content` cell as one
    column wide, so cells are Rich `Text`: never parsed, measured right.
    """
    return Text(visible(text), end="")


def practice_heading(label: str, title: str) -> str:
    """ "Prøv det i dit netværk: <title>", or the label alone when the lesson's practice
    title says the same thing (most lessons use the label as their title)."""
    if " ".join(title.split()).casefold() in ("", " ".join(label.split()).casefold()):
        return label
    return f"{label}: {title}"
