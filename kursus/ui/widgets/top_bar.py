"""The line at the top of every screen: where you are and who is learning."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from kursus.ui.text import joined


class TopBar(Static):
    DEFAULT_CSS = """
    TopBar {
        height: 1; padding: 0 1; background: $primary-background; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis;  /* a long title ends in "…", never cut mid-word unseen */
    }
    """

    def __init__(self, where: str, who: str = "") -> None:
        super().__init__(self._content(where, who))

    @staticmethod
    def _content(where: str, who: str) -> Content:
        return joined(where, f"  ·  {who}" if who else "")

    def show(self, where: str, who: str = "") -> None:
        self.update(self._content(where, who))
