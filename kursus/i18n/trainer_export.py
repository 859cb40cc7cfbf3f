"""Texts of the dashboard's export of the current view (`e`, issue 12)."""

from __future__ import annotations

DA: dict[str, str] = {
    "trainer.key.export": "Eksportér",
    "trainer.key.cancel_export": "Fortryd",
    "trainer.view_export.title": "Eksportér visningen til en fil",
    "trainer.view_export.what": "{learners:deltager|deltagere}, som tabellen viser dem: {view}.",
    "trainer.view_export.hint": "Skriv filens navn; endelsen vælger formatet ({suffixes}). Enter gemmer.",
    "trainer.view_export.no_name": "Skriv et filnavn.",
    "trainer.view_export.bad_suffix": "Filnavnet skal ende på en af {suffixes}.",
    "trainer.view_export.exists": "{path} findes allerede. Tryk enter igen for at overskrive den, eller ret navnet.",
    "trainer.view_export.done": "Visningen ({learners:deltager|deltagere}) er gemt i {path}",
    "trainer.view_export.view": "hold: {cohort} · {search}sorteret efter {column} ({direction})",
    "trainer.view_export.search": "søgning: “{text}” · ",
}

EN: dict[str, str] = {
    "trainer.key.export": "Export",
    "trainer.key.cancel_export": "Cancel",
    "trainer.view_export.title": "Export the view to a file",
    "trainer.view_export.what": "{learners:learner|learners}, as the table shows them: {view}.",
    "trainer.view_export.hint": "Type the file's name; its suffix picks the format ({suffixes}). Enter saves.",
    "trainer.view_export.no_name": "Type a file name.",
    "trainer.view_export.bad_suffix": "The file name must end in one of {suffixes}.",
    "trainer.view_export.exists": "{path} exists already. Press enter again to overwrite it, or change the name.",
    "trainer.view_export.done": "The view ({learners:learner|learners}) is saved in {path}",
    "trainer.view_export.view": "cohort: {cohort} · {search}sorted by {column} ({direction})",
    "trainer.view_export.search": "search: “{text}” · ",
}
