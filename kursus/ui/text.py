"""The one door for text that comes from outside the code.

Lesson text, learner names, cohorts and reflections are data, not markup: Textual's
Static, Label, OptionList and notify() would parse `[b]` or crash on `[/]`. Everything
from YAML or from a learner goes through `safe()` before it reaches a widget.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content


def safe(text: object) -> Content:
    """Plain, literal text: brackets, `[@click=...]` and emoji shown as they are."""
    return Content(str(text))


def joined(*parts: object, separator: str = "") -> Content:
    """Several literal pieces in one Content (no markup parsing anywhere)."""
    return Content(separator.join(str(part) for part in parts))


def safe_cell(text: object) -> Text:
    """A DataTable cell or column label from learner or author text.

    DataTable parses a plain `str` cell as markup and measures a `Content` cell as one
    column wide, so cells are Rich `Text`: never parsed, measured right.
    """
    return Text(str(text), end="")
