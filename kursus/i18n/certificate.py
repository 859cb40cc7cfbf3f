"""Text of the PDF course record (`kursus certificate`). Danish first.

The title says "Kursusbevis" only when every lesson is done; otherwise the PDF is a
"Forløbsoversigt". The file-name keys are plain ASCII words for the default file name.
"""

DA = {
    "certificate.title.complete": "Kursusbevis",
    "certificate.title.partial": "Forløbsoversigt",
    "certificate.file.complete": "kursusbevis",
    "certificate.file.partial": "forloebsoversigt",
    "certificate.label.name": "Navn",
    "certificate.label.cohort": "Hold",
    "certificate.label.date": "Dato",
    "certificate.no_name": "(uden navn)",
    "certificate.status.complete": "Alle {total} lektioner er gennemført.",
    "certificate.status.partial": "{done} af {total} lektioner er gennemført.",
    "certificate.col.module": "Modul",
    "certificate.col.lessons": "Lektioner færdige",
    "certificate.col.first_try": "Point ved første forsøg",
    "certificate.total": "I alt",
    "certificate.note.first_try": (
        "Point ved første forsøg: gennemsnittet af det første svar på hvert besvarede scenarie i modulet "
        "(bedste svar 100 %, delvist 50 %, ellers 0 %). – betyder, at intet er besvaret endnu."
    ),
    "certificate.footer": "Udskrevet med kursus {version}",
    "certificate.written": "{title} gemt i {path}",
}

EN = {
    "certificate.title.complete": "Course certificate",
    "certificate.title.partial": "Course record",
    "certificate.file.complete": "course-certificate",
    "certificate.file.partial": "course-record",
    "certificate.label.name": "Name",
    "certificate.label.cohort": "Cohort",
    "certificate.label.date": "Date",
    "certificate.no_name": "(no name)",
    "certificate.status.complete": "All {total} lessons are done.",
    "certificate.status.partial": "{done} of {total} lessons done.",
    "certificate.col.module": "Module",
    "certificate.col.lessons": "Lessons done",
    "certificate.col.first_try": "First-try points",
    "certificate.total": "Total",
    "certificate.note.first_try": (
        "First-try points: the mean of the first answer to each scenario answered in the module "
        "(best answer 100%, partial 50%, otherwise 0%). – means nothing answered yet."
    ),
    "certificate.footer": "Printed by kursus {version}",
    "certificate.written": "{title} written to {path}",
}
