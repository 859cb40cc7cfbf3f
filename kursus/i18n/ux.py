"""Texts of the lesson and scenario screens' finer points: how many options a scenario
has, options already tried, "more below" on a long page, the way back to the reading."""

from __future__ import annotations

DA: dict[str, str] = {
    "ux.key.choose": "Vælg svar",
    "ux.key.choose_upto": "Vælg svar 1-{count}",
    "ux.key.to_text": "Lektionen",
    "ux.scenario.answer_first": "Vælg et svar først (1-{count}).",
    "ux.scenario.tried": "prøvet",
    "ux.lesson.more_below": "▼ Mere nedenfor: n eller → ruller ned",
}

EN: dict[str, str] = {
    "ux.key.choose": "Choose an answer",
    "ux.key.choose_upto": "Choose answer 1-{count}",
    "ux.key.to_text": "Lesson",
    "ux.scenario.answer_first": "Choose an answer first (1-{count}).",
    "ux.scenario.tried": "tried",
    "ux.lesson.more_below": "▼ More below: n or → scrolls down",
}
