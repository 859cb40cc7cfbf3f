"""Every learner screen, registered once by name.

The help screen lists the keys of each screen that has a help section; the command
palette offers each screen that can be opened from anywhere; the app opens screens by
name. A new screen is its module plus one line here. Modules are imported only when a
screen is first shown (startup time: bench/startup.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class ScreenEntry:
    name: str
    module: str
    class_name: str
    help_key: str | None = None  # its section in the help screen (the keys it declares)
    command_key: str | None = None  # offered in the command palette as `command_key`, `<command_key>_help`

    def screen_class(self) -> type[Screen]:
        return getattr(import_module(self.module), self.class_name)


_HERE = "kursus.ui.learner."
REGISTRY: tuple[ScreenEntry, ...] = (
    ScreenEntry("home", _HERE + "home", "HomeScreen", "help.home"),
    ScreenEntry("lesson", _HERE + "lesson", "LessonScreen", "help.lesson"),  # (lesson id)
    ScreenEntry("scenario", _HERE + "scenario", "ScenarioScreen", "help.scenario"),  # (lesson id)
    ScreenEntry("reflection", _HERE + "reflection", "ReflectionScreen", "help.reflection"),  # (lesson id)
    ScreenEntry("lesson_summary", _HERE + "lesson_summary", "LessonSummaryScreen", "help.lesson_summary"),  # (lesson)
    ScreenEntry("journal", _HERE + "journal", "JournalScreen", "help.journal", "command.journal"),
    ScreenEntry("glossary", _HERE + "glossary", "GlossaryScreen", "help.glossary", "command.glossary"),
    ScreenEntry("search", _HERE + "search", "SearchScreen", "help.search", "command.search"),  # (query)
    ScreenEntry("review", _HERE + "review", "ReviewScreen", "help.review", "command.review"),
    ScreenEntry("hand_in", _HERE + "hand_in", "HandInScreen", "help.hand_in", "command.hand_in"),
    ScreenEntry("course_done", _HERE + "course_done", "CourseDoneScreen", "help.course_done"),
    ScreenEntry("assessment", _HERE + "self_assessment", "SelfAssessmentScreen", "help.assess", "command.assess"),
    ScreenEntry("chart", _HERE + "assessment_chart", "AssessmentChartScreen", "help.chart", "command.chart"),
    ScreenEntry("phase_finder", _HERE + "phase_finder", "PhaseFinderScreen", "help.phases", "command.phases"),
    ScreenEntry("welcome", _HERE + "welcome", "WelcomeScreen"),
    ScreenEntry("help", _HERE + "help", "HelpScreen"),
)
_BY_NAME = {entry.name: entry for entry in REGISTRY}


def entry(name: str) -> ScreenEntry:
    return _BY_NAME[name]


def make_screen(name: str, *args: Any) -> Screen:
    """A new screen of the registered kind (`make_screen("lesson", "intro")`)."""
    return entry(name).screen_class()(*args)


def help_sections() -> list[tuple[str, type[Screen]]]:
    """(help title key, screen class) for each screen with a help section, in order."""
    return [(e.help_key, e.screen_class()) for e in REGISTRY if e.help_key]


def palette_entries() -> list[ScreenEntry]:
    """The screens the command palette offers (opened from anywhere, over the map)."""
    return [e for e in REGISTRY if e.command_key]
