"""Command palette (ctrl+p): open any lesson by name, the journal, the glossary, the
other language.

Textual's Matcher.highlight() parses its candidate as markup, so lesson titles are
highlighted here with plain Content instead (a title may contain `[/]`); and the palette
parses a hit's help text as markup too, so every help text is escaped (`palette_help`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from kursus.textsafe import visible

if TYPE_CHECKING:
    from kursus.ui.learner.app import KursusApp


Command = tuple[str, Callable[[], object], str]  # (title, what it runs, help text)


class CourseCommands(Provider):
    def _commands(self) -> list[Command]:
        app: KursusApp = self.app  # type: ignore[assignment]
        t = app.t
        if app.session.store is None:
            return []  # nothing to open before the learner has a name
        from kursus.ui.learner.screens import palette_entries

        commands: list[Command] = [
            (t(e.command_key), partial(app.open_screen, e.name), t(f"{e.command_key}_help"))
            for e in palette_entries()
            if e.command_key
        ]
        commands.append((t("command.language"), app.toggle_language, t("command.language_help")))
        course = app.session.course
        for number, lesson_id in enumerate(course.lesson_order, start=1):
            title = course.lessons[lesson_id].title
            # One line of help: the summary's own line breaks would cut it mid-sentence.
            summary = course.lessons[lesson_id].summary
            commands.append(
                (t("command.open_lesson", number=number, title=title), partial(app.open_lesson, lesson_id), summary)
            )
        return commands

    async def discover(self) -> Hits:
        """Before anything is typed: every registered screen and the language switch
        (the lessons are found by typing part of a title)."""
        from kursus.ui.learner.screens import palette_entries

        for text, command, help_text in self._commands()[: len(palette_entries()) + 1]:
            yield DiscoveryHit(Content(text), command, text=text, help=palette_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score, offsets = matcher.fuzzy_search.match(query, text)
            if score > 0:
                display = Content(text)
                for offset in offsets:
                    if not text[offset].isspace():
                        display = display.stylize("reverse", offset, offset + 1)
                yield Hit(score, display, command, text=text, help=palette_help(help_text))


def palette_help(text: str) -> str:
    """Help text as the palette needs it: one visible line, markup escaped (a lesson
    summary may hold `[/]` or `[@click=...]`, which must show as typed, not crash)."""
    from textual.markup import escape

    return escape(visible(" ".join(text.split())))
