"""Texts of the lesson summary, the course map's score and time columns, and the
course-done overview."""

from __future__ import annotations

DA: dict[str, str] = {
    # keys
    "key.start": "Start",
    "key.open_feedback": "Se forklaring",
    "help.lesson_summary": "Lektionens resultat",
    # durations
    "lesson_summary.minutes": "{minutes} min",
    "lesson_summary.hours": "{hours} t",
    "lesson_summary.hours_minutes": "{hours} t {minutes} min",
    "lesson_summary.under_a_minute": "<1 min",
    # the summary screen
    "lesson_summary.heading": "Sådan gik det",
    "lesson_summary.points": "Point ved første forsøg: {points} af {out_of}",
    "lesson_summary.all_best": "Alle dine første svar var de bedste. Flot!",
    "lesson_summary.missed_heading": (
        "Ikke det bedste svar i første forsøg: {n:beslutning|beslutninger}. Enter eller klik viser forklaringen."
    ),
    "lesson_summary.missed_item": "{title}: du valgte {chosen} · bedst: {best}",
    "lesson_summary.follow_up_title": "{title} (opfølgning)",
    "lesson_summary.unknown_choice": "et svar, kurset ikke har mere",
    "lesson_summary.your_choice": "Dit første valg: {choice}",
    "lesson_summary.best_choice": "Bedste svar: {choice}",
    "lesson_summary.no_best": "Scenariet har intet svar markeret som det bedste.",
    "lesson_summary.reflections": "Refleksioner: {written} af {total} skrevet, {shared} delt med underviser",
    "lesson_summary.time": "Tid brugt: {time}",
    "lesson_summary.next": "Næste: lektion {number}, {title}. Tryk c for at fortsætte.",
    "lesson_summary.course_done": "Det var kursets sidste lektion. Tryk c for overblikket over hele dit forløb.",
    # the course map
    "home.start_hint": "Tryk c for at starte med: {title}",
    "home.time_left": "Tid tilbage: cirka {time} ({n:lektion|lektioner})",
    "home.columns": "Point ved første forsøg · minutter brugt eller anslået",
    "home.course_done_hint": "Tryk c for overblikket over dit forløb.",
    # the course-done overview
    "course_done.title": "Kurset er gennemført",
    "course_done.intro": "Du har gennemført alle {lessons} lektioner. Tid brugt i alt: cirka {time}.",
    "course_done.intro_partial": "{done} af {lessons} lektioner er færdige. Tid brugt indtil nu: cirka {time}.",
    "course_done.modules_heading": "Dit forløb",
    "course_done.module": "{title}: {done} af {lessons:lektion|lektioner} · {points} af {out_of} point",
    "course_done.total": "I alt: {points} af {out_of} point ved første forsøg",
    "course_done.reflections": "Refleksioner: {written} skrevet, {shared} delt med underviser",
    "course_done.record_heading": "Få dit forløb med",
    "course_done.export": "kursus export: hele dit forløb som Markdown eller JSON, med alle dine refleksioner",
    "course_done.certificate": "kursus certificate: dit kursusbevis som PDF, med lektioner og point pr. modul",
    "course_done.commands_where": "Skriv kommandoerne i en terminal, når du har lukket kurset.",
    "course_done.hand_in_heading": "Sådan får din underviser det",
    "course_done.hand_in": (
        "Tryk a for at aflevere: du vælger en mappe, fx holdets fælles mappe, og kursus skriver en kopi "
        "af dit forløb til underviseren og din PDF dér. Kopien har kun de refleksioner, du har delt; "
        "dine private refleksioner bliver på din computer. Kommandoen kursus hand-in MAPPE gør det samme."
    ),
    "help.course_done": "Kurset gennemført",
    "course_done.export_private": (
        "Filen fra kursus export er din egen kopi og har også dine private refleksioner: "
        "send den kun, hvis du vil vise dem alle."
    ),
    "course_done.share_hint": "Vil du dele flere refleksioner? Tryk j for journalen.",
}

EN: dict[str, str] = {
    "key.start": "Start",
    "key.open_feedback": "Show feedback",
    "help.lesson_summary": "Lesson result",
    "lesson_summary.minutes": "{minutes} min",
    "lesson_summary.hours": "{hours} h",
    "lesson_summary.hours_minutes": "{hours} h {minutes} min",
    "lesson_summary.under_a_minute": "<1 min",
    "lesson_summary.heading": "How it went",
    "lesson_summary.points": "First-try points: {points} of {out_of}",
    "lesson_summary.all_best": "Every first answer was the best one. Well done!",
    "lesson_summary.missed_heading": (
        "Not the best answer at the first try: {n:decision|decisions}. Enter or a click shows the explanation."
    ),
    "lesson_summary.missed_item": "{title}: you chose {chosen} · best: {best}",
    "lesson_summary.follow_up_title": "{title} (follow-up)",
    "lesson_summary.unknown_choice": "an answer the course no longer has",
    "lesson_summary.your_choice": "Your first choice: {choice}",
    "lesson_summary.best_choice": "The best answer: {choice}",
    "lesson_summary.no_best": "The scenario has no answer marked as the best.",
    "lesson_summary.reflections": "Reflections: {written} of {total} written, {shared} shared with your trainer",
    "lesson_summary.time": "Time spent: {time}",
    "lesson_summary.next": "Next: lesson {number}, {title}. Press c to continue.",
    "lesson_summary.course_done": "That was the course's last lesson. Press c for the overview of your whole course.",
    "home.start_hint": "Press c to start with: {title}",
    "home.time_left": "Time left: about {time} ({n:lesson|lessons})",
    "home.columns": "First-try points · minutes spent or estimated",
    "home.course_done_hint": "Press c for the overview of your course.",
    "course_done.title": "Course completed",
    "course_done.intro": "You have finished all {lessons} lessons. Time spent in all: about {time}.",
    "course_done.intro_partial": "{done} of {lessons} lessons are done. Time spent so far: about {time}.",
    "course_done.modules_heading": "Your record",
    "course_done.module": "{title}: {done} of {lessons:lesson|lessons} · {points} of {out_of} points",
    "course_done.total": "In total: {points} of {out_of} first-try points",
    "course_done.reflections": "Reflections: {written} written, {shared} shared with your trainer",
    "course_done.record_heading": "Take your record with you",
    "course_done.export": "kursus export: your whole record as Markdown or JSON, with all your reflections",
    "course_done.certificate": "kursus certificate: your course certificate as a PDF, with lessons and points per module",
    "course_done.commands_where": "Type the commands in a terminal after you have quit the course.",
    "course_done.hand_in_heading": "Handing it to your trainer",
    "course_done.hand_in": (
        "Press a to hand in: you choose a folder, e.g. the cohort's shared folder, and kursus writes a copy "
        "of your record for your trainer and your PDF there. The copy holds only the reflections you shared; "
        "your private reflections stay on your computer. The command kursus hand-in FOLDER does the same."
    ),
    "help.course_done": "Course completed",
    "course_done.export_private": (
        "The file from kursus export is your own copy and also holds your private reflections: "
        "send it only if you want to show them all."
    ),
    "course_done.share_hint": "Want to share more reflections? Press j for the journal.",
}
