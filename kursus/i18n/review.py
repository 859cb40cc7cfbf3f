"""Text for spaced review (Repetition): kursus.ui.learner.review and the course map."""

DA = {
    "review.title": "Repetition",
    "review.heading": "Repetition {number} af {total}",
    "review.after_feedback": "Tryk n for den næste.",
    "review.finished": "Færdig for nu: {count:scenarie|scenarier} gentaget.",
    "review.nothing_due": "Intet at gentage lige nu.",
    "review.next_on": "Næste repetition: {day}. Tryk n eller esc for oversigten.",
    "review.none_planned": "Scenarier, du ikke svarer bedst på første gang, kommer igen her. Tryk n eller esc for oversigten.",
    "review.key.next": "Næste",
    "review.due": "Repetition: {count:scenarie|scenarier} klar",
    "key.review": "Repetition",
    "command.review": "Repetition: gentag scenarier, du har misset",
    "command.review_help": "Scenarier, du ikke svarede bedst på første gang, i ny rækkefølge",
    "help.review": "Repetition",
}

EN = {
    "review.title": "Review",
    "review.heading": "Review {number} of {total}",
    "review.after_feedback": "Press n for the next one.",
    "review.finished": "Done for now: {count:scenario|scenarios} reviewed.",
    "review.nothing_due": "Nothing to review right now.",
    "review.next_on": "Next review: {day}. Press n or esc for the map.",
    "review.none_planned": "Scenarios you do not answer best at the first try come back here. Press n or esc for the map.",
    "review.key.next": "Next",
    "review.due": "Review: {count:scenario|scenarios} ready",
    "key.review": "Review",
    "command.review": "Review: scenarios you missed",
    "command.review_help": "Scenarios you did not answer best at the first try, in a new order",
    "help.review": "Review",
}
