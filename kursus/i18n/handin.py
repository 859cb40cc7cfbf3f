"""Texts of handing in (`kursus hand-in` and the `a` key on the course map)."""

from __future__ import annotations

DA: dict[str, str] = {
    "key.hand_in": "Aflevér",
    "key.pdf_only": "Kun PDF",
    "help.hand_in": "Aflevér til underviseren",
    "command.hand_in": "Aflevér til underviseren",
    "command.hand_in_help": "Skriv en kopi til underviseren (uden private refleksioner) og din PDF i en mappe",
    "handin.title": "Aflevér til underviseren",
    "handin.explain": (
        "Du skriver to filer i en mappe, du vælger, fx holdets fælles mappe: en kopi af dit forløb "
        "til underviseren og din forløbsoversigt som PDF. Din egen fil bliver, hvor den er."
    ),
    "handin.folder_label": "Mappe (enter afleverer; en mappe, der ikke findes, bliver oprettet):",
    "handin.preview_sees": "Underviseren ser: navn, hold, lektioner, point ved første forsøg, tid og {shared:delt refleksion|delte refleksioner}.",
    "handin.preview_private": "Bliver hos dig: {private:privat refleksion|private refleksioner} (hverken tekst eller længde kommer med).",
    "handin.no_folder": "Skriv navnet på en mappe.",
    "handin.failed": "Intet blev afleveret: {reason}",
    "handin.written_copy": "Kopi til underviseren: {path}",
    "handin.written_pdf": "Forløbsoversigt som PDF: {path}",
    "handin.trainer_sees": (
        "Underviseren kan se dit navn og hold, dine lektioner, dine point ved første forsøg, din tid "
        "og {shared:delt refleksion|delte refleksioner}."
    ),
    "handin.stays_private": (
        "Bliver på din computer: {private:privat refleksion|private refleksioner} "
        "(hverken tekst eller længde er med i kopien)."
    ),
    "handin.next": (
        "Læg filerne i holdets fælles mappe, eller send dem til din underviser. Du kan aflevere igen "
        "når som helst; den nye kopi erstatter den gamle."
    ),
    "handin.self_assessments": "Selvvurderinger: {shared:delt|delte}, {private:privat|private} (kun delte er med).",
    "handin.phase_checks": "Fasetjek: {shared:delt|delte}, {private:privat|private} (kun delte er med).",
    "handin.done": "Afleveret. Filerne ligger i {folder}",
    "handin.pdf_done": "PDF gemt: {path}",
    "handin.error.no_file": "Der er ingen progress-fil at aflevere.",
    "handin.error.dangling_link": "{folder}: er et link til en mappe, der ikke findes",
    "handin.error.not_a_folder": "{folder}: er ikke en mappe",
    "handin.error.cannot_create": "{folder}: mappen kan ikke oprettes ({why})",
    "handin.error.own_folder": "{folder}: er din egen progress-mappe; vælg en anden mappe",
    "handin.error.cannot_use": "{path}: kan ikke bruges ({why})",
    "handin.error.not_regular": "{path}: er ikke en almindelig fil; der skrives ikke til den",
    "handin.error.own_file": "{path}: er din egen progress-fil (eller et link til den); den overskrives ikke",
    "handin.error.cannot_write": "{folder}: der kan ikke skrives her ({why})",
}

EN: dict[str, str] = {
    "key.hand_in": "Hand in",
    "key.pdf_only": "PDF only",
    "help.hand_in": "Hand in to your trainer",
    "command.hand_in": "Hand in to your trainer",
    "command.hand_in_help": "Write a copy for your trainer (without private reflections) and your PDF to a folder",
    "handin.title": "Hand in to your trainer",
    "handin.explain": (
        "You write two files to a folder you choose, e.g. the cohort's shared folder: a copy of your "
        "record for your trainer and your course record as a PDF. Your own file stays where it is."
    ),
    "handin.folder_label": "Folder (enter hands in; a folder that does not exist is created):",
    "handin.preview_sees": "Your trainer sees: name, cohort, lessons, first-try points, time and {shared:shared reflection|shared reflections}.",
    "handin.preview_private": "Stays with you: {private:private reflection|private reflections} (neither text nor length is included).",
    "handin.no_folder": "Type the name of a folder.",
    "handin.failed": "Nothing was handed in: {reason}",
    "handin.written_copy": "Copy for your trainer: {path}",
    "handin.written_pdf": "Course record as PDF: {path}",
    "handin.trainer_sees": (
        "Your trainer can see your name and cohort, your lessons, your first-try points, your time "
        "and {shared:shared reflection|shared reflections}."
    ),
    "handin.stays_private": (
        "Stays on your computer: {private:private reflection|private reflections} "
        "(neither text nor length is in the copy)."
    ),
    "handin.next": (
        "Put the files in the cohort's shared folder, or send them to your trainer. You can hand in again "
        "at any time; the new copy replaces the old one."
    ),
    "handin.self_assessments": "Self-assessments: {shared} shared, {private} private (the private ones are left out).",
    "handin.phase_checks": "Phase checks: {shared} shared, {private} private (the private ones are left out).",
    "handin.done": "Handed in. The files are in {folder}",
    "handin.pdf_done": "PDF saved: {path}",
    "handin.error.no_file": "There is no progress file to hand in.",
    "handin.error.dangling_link": "{folder}: is a link to a folder that does not exist",
    "handin.error.not_a_folder": "{folder}: is not a folder",
    "handin.error.cannot_create": "{folder}: cannot create the folder ({why})",
    "handin.error.own_folder": "{folder}: is your own progress folder; choose another folder",
    "handin.error.cannot_use": "{path}: cannot use ({why})",
    "handin.error.not_regular": "{path}: not a regular file; refusing to write to it",
    "handin.error.own_file": "{path}: is your own progress file (or a link to it); refusing to overwrite it",
    "handin.error.cannot_write": "{folder}: cannot write ({why})",
}
