"""The learner app's text. `DA` and `EN` must have the same keys (a test checks)."""

DA = {
    # key hints (footer and help)
    "key.help": "Hjælp",
    "key.quit": "Afslut",
    "key.continue": "Fortsæt",
    "key.journal": "Journal",
    "key.glossary": "Ordliste",
    "key.language": "English",
    "key.next_page": "Næste side",
    "key.previous_page": "Forrige side",
    "key.to_scenarios": "Til scenarier",
    "key.home": "Oversigt",
    "key.choose_1_4": "Vælg svar 1-4",
    "key.retry": "Prøv igen",
    "key.next_scenario": "Næste",
    "key.save": "Gem nu",
    "key.finish": "Afslut lektion",
    "key.back": "Tilbage",
    "key.close": "Luk",
    # Textual's own screen bindings, so help speaks one language
    "Focus Next": "Næste felt",
    "Focus Previous": "Forrige felt",
    "Copy selected text": "Kopiér markeret tekst",
    "palette": "Kommandoer",
    # status and ratings (always with a glyph)
    "status.not_started": "Ikke startet",
    "status.in_progress": "I gang",
    "status.done": "Færdig",
    "rating.best": "Bedste svar",
    "rating.partial": "Delvist rigtigt",
    "rating.wrong": "Ikke det bedste svar",
    # welcome
    "welcome.intro": (
        "Velkommen til kurset for nye netværksledere. Du lærer om netværkslederens 10 "
        "kompetencer, facilitatorrollen, værdiskabelse og Netværksmodellens 8 faser. "
        "Dine svar og refleksioner gemmes på denne computer."
    ),
    "welcome.known": "Fortsæt som:",
    "welcome.or_new": "Eller start som ny deltager:",
    "welcome.name": "Dit navn",
    "welcome.cohort": "Hold (valgfrit), fx 2027-forår",
    "welcome.where": "Dine fremskridt gemmes i {folder}",
    "welcome.unreadable": "Kunne ikke læses: {files}. Vælg dig selv på listen, eller skriv dit navn.",
    "welcome.same_question": "Der er allerede en deltager her med et navn, der ligner \"{typed}\": {names}. Er det dig?",
    "welcome.same_yes": "Ja, det er mig: fortsæt som {name}",
    "welcome.same_no": "Nej, opret {name} som ny deltager",
    "welcome.start": "Start kurset",
    "welcome.need_name": "Skriv dit navn for at starte.",
    # home
    "home.progress": "{done} af {total} lektioner færdige ({percent} %)",
    "home.continue_hint": "Tryk c for at fortsætte med: {title}",
    "home.all_done": "Du har gennemført hele kurset. Godt gået! Du kan altid gå tilbage til en lektion.",
    # lesson
    "lesson.overview": "Overblik",
    "lesson.minutes": "Cirka {minutes} minutter",
    "lesson.objectives": "Det lærer du",
    "lesson.key_points": "Det vigtigste",
    "lesson.practice_heading": "Prøv det i dit netværk",
    "lesson.page_of": "Side {page} af {total}: {heading}",
    # scenarios
    "scenario.heading": "Scenarie {number} af {total}",
    "scenario.score": "Point: {points} af {total} ({answered} besvaret)",
    "scenario.previous_answer": "Det svarede du sidst. Tryk r for at prøve igen.",
    "scenario.after_feedback": "Tryk n for næste eller r for at prøve igen.",
    "scenario.answer_first": "Vælg et svar først (1-4).",
    # reflection
    "reflection.heading": "Refleksion",
    "reflection.intro": (
        "Skriv dine tanker. Det gemmes, mens du skriver. Refleksioner er private, "
        "medmindre du vælger at dele dem med din underviser."
    ),
    "reflection.share_off": "Del med underviser: nej, privat",
    "reflection.share_on": "Del med underviser: ja, delt",
    "reflection.unsaved": "Gemmer ...",
    "reflection.saved": "Gemt kl. {time}",
    "reflection.merged": "Teksten var også ændret i et andet vindue. Begge udgaver er gemt, adskilt af en streg: ret den til, som du vil have den.",
    "reflection.kept_other": "Et andet vindue havde gemt tekst her. Den er bevaret og vises nu.",
    "reflection.finish": "Afslut lektion",
    "reflection.answer_all": "Svar på alle scenarier først ({missing} mangler).",
    "reflection.finished": "Lektionen er færdig: {title}",
    # journal and glossary
    "journal.title": "Journal: dine refleksioner",
    "journal.hint": "Enter åbner refleksionen i lektionen, så du kan rette den eller dele den.",
    "journal.empty": "Du har ikke skrevet nogen refleksioner endnu.",
    "journal.shared": "[delt med underviser]",
    "journal.private": "[privat]",
    "glossary.title": "Ordliste",
    "glossary.empty": "Ordlisten er tom.",
    # help
    "help.title": "Hjælp: alle taster",
    "help.intro": "Alt kan gøres med tastaturet. Tab flytter mellem felter.",
    "help.everywhere": "Overalt",
    "help.home": "Kursusoversigt",
    "help.lesson": "Lektion",
    "help.scenario": "Scenarier",
    "help.reflection": "Refleksion",
    "help.journal": "Journal",
    "help.glossary": "Ordliste",
    "help.lists": "I lister: pil op/ned flytter, Enter vælger. Ctrl+P åbner kommandopaletten.",
    # notices
    "notice.damaged": (
        "Din fremskridtsfil kunne ikke læses ({reason}). Den er flyttet til {backup}, "
        "så intet er overskrevet, og en ny fil er startet. Din underviser kan hjælpe med at hente data fra den gamle fil."
    ),
    "notice.migrated": "Din fremskridtsfil er opdateret fra et ældre format (version {version}). En kopi af den gamle ligger i {backup}.",
    "notice.ok": "OK",
    "notice.store_problem": (
        "Dine fremskridt kunne ikke gemmes eller læses ({reason}). Filen: {path}. Intet er "
        "overskrevet. Det, du ser på skærmen, er ikke gemt: kopiér vigtig tekst, luk kurset og "
        "start det igen. En fil, der ikke kan læses, bliver så flyttet til side."
    ),
    "reflection.not_saved": "IKKE GEMT: se meddelelsen. Teksten står stadig her.",
    # command palette
    "command.journal": "Journal: dine refleksioner",
    "command.journal_help": "Alle refleksioner, du har skrevet",
    "command.glossary": "Ordliste",
    "command.glossary_help": "Kursets begreber forklaret",
    "command.language": "Sprog: skift til engelsk (English)",
    "command.language_help": "Kursus og menuer på engelsk; dine svar følger med",
    "command.open_lesson": "Lektion {number}: {title}",
}

EN = {
    "key.help": "Help",
    "key.quit": "Quit",
    "key.continue": "Continue",
    "key.journal": "Journal",
    "key.glossary": "Glossary",
    "key.language": "Dansk",
    "key.next_page": "Next page",
    "key.previous_page": "Previous page",
    "key.to_scenarios": "To scenarios",
    "key.home": "Course map",
    "key.choose_1_4": "Choose answer 1-4",
    "key.retry": "Try again",
    "key.next_scenario": "Next",
    "key.save": "Save now",
    "key.finish": "Finish lesson",
    "key.back": "Back",
    "key.close": "Close",
    "Focus Next": "Next field",
    "Focus Previous": "Previous field",
    "Copy selected text": "Copy selected text",
    "palette": "Commands",
    "status.not_started": "Not started",
    "status.in_progress": "In progress",
    "status.done": "Done",
    "rating.best": "Best answer",
    "rating.partial": "Partly right",
    "rating.wrong": "Not the best answer",
    "welcome.intro": (
        "Welcome to the course for new network leaders. You will learn about the network "
        "leader's 10 competences, the facilitator role, value creation and the 8 phases of "
        "the Network Model. Your answers and reflections are kept on this computer."
    ),
    "welcome.known": "Continue as:",
    "welcome.or_new": "Or start as a new learner:",
    "welcome.name": "Your name",
    "welcome.cohort": "Cohort (optional), e.g. 2027-spring",
    "welcome.where": "Your progress is kept in {folder}",
    "welcome.unreadable": "Could not be read: {files}. Pick yourself from the list, or type your name.",
    "welcome.same_question": "A learner here already has a name like \"{typed}\": {names}. Is that you?",
    "welcome.same_yes": "Yes, that is me: continue as {name}",
    "welcome.same_no": "No, start {name} as a new learner",
    "welcome.start": "Start the course",
    "welcome.need_name": "Type your name to start.",
    "home.progress": "{done} of {total} lessons done ({percent} %)",
    "home.continue_hint": "Press c to continue with: {title}",
    "home.all_done": "You have finished the whole course. Well done! You can always go back to a lesson.",
    "lesson.overview": "Overview",
    "lesson.minutes": "About {minutes} minutes",
    "lesson.objectives": "What you will learn",
    "lesson.key_points": "Key points",
    "lesson.practice_heading": "Try it in your network",
    "lesson.page_of": "Page {page} of {total}: {heading}",
    "scenario.heading": "Scenario {number} of {total}",
    "scenario.score": "Points: {points} of {total} ({answered} answered)",
    "scenario.previous_answer": "This is what you answered last time. Press r to try again.",
    "scenario.after_feedback": "Press n for next or r to try again.",
    "scenario.answer_first": "Choose an answer first (1-4).",
    "reflection.heading": "Reflection",
    "reflection.intro": (
        "Write down your thoughts. They are saved as you type. Reflections are private "
        "unless you choose to share them with your trainer."
    ),
    "reflection.share_off": "Share with trainer: no, private",
    "reflection.share_on": "Share with trainer: yes, shared",
    "reflection.unsaved": "Saving ...",
    "reflection.saved": "Saved at {time}",
    "reflection.merged": "The text had also been changed in another window. Both versions are kept, separated by a line: edit it as you want it.",
    "reflection.kept_other": "Another window had saved text here. It is kept and shown now.",
    "reflection.finish": "Finish lesson",
    "reflection.answer_all": "Answer all scenarios first ({missing} to go).",
    "reflection.finished": "Lesson finished: {title}",
    "journal.title": "Journal: your reflections",
    "journal.hint": "Enter opens the reflection in its lesson, to edit or share it.",
    "journal.empty": "You have not written any reflections yet.",
    "journal.shared": "[shared with trainer]",
    "journal.private": "[private]",
    "glossary.title": "Glossary",
    "glossary.empty": "The glossary is empty.",
    "help.title": "Help: every key",
    "help.intro": "Everything works from the keyboard. Tab moves between fields.",
    "help.everywhere": "Everywhere",
    "help.home": "Course map",
    "help.lesson": "Lesson",
    "help.scenario": "Scenarios",
    "help.reflection": "Reflection",
    "help.journal": "Journal",
    "help.glossary": "Glossary",
    "help.lists": "In lists: up/down arrows move, Enter chooses. Ctrl+P opens the command palette.",
    "notice.damaged": (
        "Your progress file could not be read ({reason}). It has been moved to {backup}, so "
        "nothing was overwritten, and a new file has been started. Your trainer can help recover data from the old file."
    ),
    "notice.migrated": "Your progress file was updated from an older format (version {version}). A copy of the old one is in {backup}.",
    "notice.ok": "OK",
    "notice.store_problem": (
        "Your progress could not be saved or read ({reason}). The file: {path}. Nothing was "
        "overwritten. What you see on screen is not saved: copy important text, quit the course "
        "and start it again. A file that cannot be read is then moved aside."
    ),
    "reflection.not_saved": "NOT SAVED: see the message. Your text is still here.",
    "command.journal": "Journal: your reflections",
    "command.journal_help": "Every reflection you have written",
    "command.glossary": "Glossary",
    "command.glossary_help": "The course's terms explained",
    "command.language": "Language: switch to Danish (dansk)",
    "command.language_help": "Course and menus in Danish; your answers come along",
    "command.open_lesson": "Lesson {number}: {title}",
}
