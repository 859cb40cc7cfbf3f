"""Text of the learner's screens for the competence self-assessment, its chart and the
phase finder (issue 9). The words the domain shares (occasions, "delt med
underviseren", confidence, "fase 3") are in kursus/i18n/assessment.py. Danish first;
the same keys and {fields} in English (a test checks)."""

DA = {
    # where they are offered
    "key.competences": "Kompetencer",
    "key.phase_finder": "Fasefinder",
    "help.assess": "Selvvurdering",
    "help.chart": "Kompetencer før og efter",
    "help.phases": "Fasefinder",
    "command.assess": "Selvvurdering: vurdér dig selv på de 10 kompetencer",
    "command.assess_help": "Én kompetence ad gangen, niveau 1-5, en note og et næste skridt",
    "command.chart": "Kompetencer: før og efter",
    "command.chart_help": "Dine selvvurderinger side om side, og hvad du deler",
    "command.phases": "Fasefinder: hvor er dit netværk?",
    "command.phases_help": "Svar på spørgsmål om et netværk, du leder, og se dets fase",
    "course_done.assessment_heading": "Se, hvor langt du er nået",
    "course_done.assessment_end": (
        "Vurdér dig selv igen på de 10 kompetencer nu, hvor kurset er slut, og se før og efter side om side (k)."
    ),
    # the self-assessment
    "sa.title": "Selvvurdering",
    "sa.none": "Dette kursus har ingen selvvurdering.",
    "sa.position": "Kompetence {number} af {count}",
    "sa.done_count": "Vurderet: {done} af {count}",
    "sa.statement": "Netværkslederen {statement}",
    "sa.levels_title": "Hvor er du i dag? (1-5)",
    "sa.note_label": "Note (valgfri)",
    "sa.note_placeholder": "Hvad får dig til at vælge det niveau?",
    "sa.step_label": "Ét næste skridt (valgfrit)",
    "sa.step_placeholder": "Skriv dit eget, eller vælg et forslag herunder",
    "sa.suggestions": "Forslag (Enter eller klik sætter det ind):",
    "sa.saved_hint": "Gemmes, mens du svarer. Kun du ser det, til du selv vælger at dele en runde.",
    "sa.key.level": "Niveau 1-5",
    "sa.key.next": "Næste",
    "sa.key.previous": "Forrige",
    "sa.key.skip": "Spring over",
    "sa.key.finish": "Færdig",
    "sa.key.take_now": "Ja, vurdér mig nu",
    "sa.key.later": "Spring over",
    "sa.key.assess_end": "Vurdér igen",
    "sa.offer.title": "Vil du vurdere dig selv, før du begynder?",
    "sa.offer.text": (
        "Kurset bygger på 10 kompetencer, som Albertslund Kommune ønsker hos sine netværksledere. "
        "Tager du en selvvurdering nu (ca. 10 minutter), kan du ved kursets afslutning se før og efter "
        "side om side. Den er privat, til du selv vælger at dele den. "
        "Du kan også tage den senere med k på kursusoversigten."
    ),
    # the chart
    "chart.title": "Kompetencer før og efter",
    "chart.intro": "Dine 10 kompetencer, som du selv har vurderet dem:",
    "chart.one_round": "Din første runde. Tag en runde mere senere (n) for at se forskellen:",
    "chart.empty": "Du har ikke vurderet dig selv endnu. Tryk n for at begynde.",
    "chart.col.before": "før",
    "chart.col.after": "efter",
    "chart.col.now": "nu",
    "chart.legend.round": "{label}: {when}, {occasion}",
    "chart.legend.glyphs": "{full} = et trin på skalaen 1-{points} ({scale}); {empty} = ikke nået; {none} – = ikke vurderet",
    "chart.legend.change": "+2 / −1: forskellen fra den første til den sidste søjle",
    "chart.rounds_heading": "Dine runder (nyeste først)",
    "chart.round_line": "{when} · {occasion} · {done} af {count} vurderet · {shared}",
    "chart.no_rounds": "Ingen runder endnu.",
    "chart.share_explain": (
        "d deler den valgte runde med underviseren eller stopper delingen. En delt runde viser "
        "underviseren dato, hvornår, dine niveauer, noter og næste skridt; en privat runde ser "
        "underviseren slet ikke."
    ),
    "chart.key.share": "Del / stop deling",
    "chart.key.new_round": "Ny runde",
    "chart.key.continue": "Fortsæt runden",
    "chart.now_shared": "Runden fra {when} er nu delt med underviseren.",
    "chart.now_private": "Runden fra {when} er nu privat igen.",
    # the phase finder
    "pf.title": "Fasefinder",
    "pf.none": "Dette kursus har ingen fasefinder.",
    "pf.intro": (
        "Hvor står et netværk, du leder, i Netværksmodellens 8 faser? Svar på nogle korte "
        'spørgsmål; "Ved ikke" er et godt svar, når du ikke ved det.'
    ),
    "pf.network_label": "Hvilket netværk?",
    "pf.network_placeholder": "Netværkets navn, fx Sundhed i udsatte boligområder",
    "pf.need_name": "Skriv netværkets navn først.",
    "pf.known_label": "Eller vælg et, du har tjekket før:",
    "pf.known_line": "{network} — {phases} ({when})",
    "pf.key.begin": "Start",
    "pf.position": "Spørgsmål {number} af {count}",
    "pf.kept_when_done": "Tjekket gemmes, når du har svaret på det sidste spørgsmål. p: forrige spørgsmål.",
    "pf.key.previous": "Forrige spørgsmål",
    "pf.key.lesson": "Fasens lektion",
    "pf.key.share": "Del / stop deling",
    "pf.key.new_check": "Nyt tjek",
    "pf.open_lesson": "Åbn lektionen om {phase} (l)",
    "pf.result.title": "{network}: sandsynligvis {phases}",
    "pf.result.confidence": "{confidence}: {answered} af {total} spørgsmål besvaret med ja, delvist eller nej",
    "pf.result.unfinished": ("↩ {phases} ser ufærdig ud. At gå tilbage til en tidligere fase er en del af modellen."),
    "pf.result.reasons": "Derfor (dine svar: ✓ ja, ◐ delvist, ✗ nej)",
    "pf.result.no_reasons": 'Ingen af dine svar siger noget om fasen (alle var "ved ikke").',
    "pf.result.next": "Det gør netværkslederen typisk nu",
    "pf.result.tools": "Modellens værktøjer til fasen",
    "pf.history_heading": "Netværkets historik (ældste først)",
    "pf.history_line": "{when} · {phases} · {moved} · {shared}",
    "pf.moved.first": "første tjek",
    "pf.moved.forward": "frem",
    "pf.moved.back": "tilbage",
    "pf.moved.same": "samme fase",
    "pf.share_explain": (
        "d deler det valgte tjek med underviseren eller stopper delingen. Underviseren ser da "
        "netværkets navn, datoen, fasen og sikkerheden, ikke dine svar."
    ),
    "pf.now_shared": "Tjekket fra {when} er nu delt med underviseren.",
    "pf.now_private": "Tjekket fra {when} er nu privat igen.",
}

EN = {
    # where they are offered
    "key.competences": "Competences",
    "key.phase_finder": "Phase finder",
    "help.assess": "Self-assessment",
    "help.chart": "Competences before and after",
    "help.phases": "Phase finder",
    "command.assess": "Self-assessment: rate yourself on the 10 competences",
    "command.assess_help": "One competence at a time, level 1-5, a note and a next step",
    "command.chart": "Competences: before and after",
    "command.chart_help": "Your self-assessments side by side, and what you share",
    "command.phases": "Phase finder: where is your network?",
    "command.phases_help": "Answer questions about a network you lead and see its phase",
    "course_done.assessment_heading": "See how far you have come",
    "course_done.assessment_end": (
        "Rate yourself again on the 10 competences now that the course is over, "
        "and see before and after side by side (k)."
    ),
    # the self-assessment
    "sa.title": "Self-assessment",
    "sa.none": "This course has no self-assessment.",
    "sa.position": "Competence {number} of {count}",
    "sa.done_count": "Rated: {done} of {count}",
    "sa.statement": "The network leader {statement}",
    "sa.levels_title": "Where are you today? (1-5)",
    "sa.note_label": "Note (optional)",
    "sa.note_placeholder": "What makes you choose that level?",
    "sa.step_label": "One next step (optional)",
    "sa.step_placeholder": "Write your own, or pick a suggestion below",
    "sa.suggestions": "Suggestions (Enter or a click puts it in):",
    "sa.saved_hint": "Saved as you answer. Only you see it until you choose to share a round.",
    "sa.key.level": "Level 1-5",
    "sa.key.next": "Next",
    "sa.key.previous": "Previous",
    "sa.key.skip": "Skip",
    "sa.key.finish": "Done",
    "sa.key.take_now": "Yes, rate me now",
    "sa.key.later": "Skip",
    "sa.key.assess_end": "Rate again",
    "sa.offer.title": "Would you like to rate yourself before you begin?",
    "sa.offer.text": (
        "The course builds on 10 competences Albertslund Municipality wants in its network leaders. "
        "If you take a self-assessment now (about 10 minutes), you can see before and after side by "
        "side at the end of the course. It is private until you choose to share it. "
        "You can also take it later with k on the course map."
    ),
    # the chart
    "chart.title": "Competences before and after",
    "chart.intro": "Your 10 competences, as you rated them yourself:",
    "chart.one_round": "Your first round. Take another round later (n) to see the difference:",
    "chart.empty": "You have not rated yourself yet. Press n to begin.",
    "chart.col.before": "before",
    "chart.col.after": "after",
    "chart.col.now": "now",
    "chart.legend.round": "{label}: {when}, {occasion}",
    "chart.legend.glyphs": "{full} = one step on the scale 1-{points} ({scale}); {empty} = not reached; {none} – = not rated",
    "chart.legend.change": "+2 / −1: the difference from the first to the last column",
    "chart.rounds_heading": "Your rounds (newest first)",
    "chart.round_line": "{when} · {occasion} · {done} of {count} rated · {shared}",
    "chart.no_rounds": "No rounds yet.",
    "chart.share_explain": (
        "d shares the chosen round with the trainer or stops sharing it. For a shared round the "
        "trainer sees the date, when it was taken, your levels, notes and next steps; a private "
        "round the trainer does not see at all."
    ),
    "chart.key.share": "Share / stop sharing",
    "chart.key.new_round": "New round",
    "chart.key.continue": "Continue the round",
    "chart.now_shared": "The round of {when} is now shared with the trainer.",
    "chart.now_private": "The round of {when} is private again.",
    # the phase finder
    "pf.title": "Phase finder",
    "pf.none": "This course has no phase finder.",
    "pf.intro": (
        "Where does a network you lead stand in the Network Model's 8 phases? Answer a few short "
        'questions; "Don\'t know" is a good answer when you do not know.'
    ),
    "pf.network_label": "Which network?",
    "pf.network_placeholder": "The network's name, e.g. Health in deprived housing areas",
    "pf.need_name": "Type the network's name first.",
    "pf.known_label": "Or pick one you have checked before:",
    "pf.known_line": "{network} — {phases} ({when})",
    "pf.key.begin": "Start",
    "pf.position": "Question {number} of {count}",
    "pf.kept_when_done": "The check is saved when you have answered the last question. p: previous question.",
    "pf.key.previous": "Previous question",
    "pf.key.lesson": "The phase's lesson",
    "pf.key.share": "Share / stop sharing",
    "pf.key.new_check": "New check",
    "pf.open_lesson": "Open the lesson on {phase} (l)",
    "pf.result.title": "{network}: most likely {phases}",
    "pf.result.confidence": "{confidence}: {answered} of {total} questions answered yes, partly or no",
    "pf.result.unfinished": "↩ {phases} looks unfinished. Going back to an earlier phase is part of the model.",
    "pf.result.reasons": "Why (your answers: ✓ yes, ◐ partly, ✗ no)",
    "pf.result.no_reasons": 'None of your answers says anything about the phase (all were "don\'t know").',
    "pf.result.next": "What the network leader typically does now",
    "pf.result.tools": "The model's tools for the phase",
    "pf.history_heading": "The network's history (oldest first)",
    "pf.history_line": "{when} · {phases} · {moved} · {shared}",
    "pf.moved.first": "first check",
    "pf.moved.forward": "forward",
    "pf.moved.back": "back",
    "pf.moved.same": "same phase",
    "pf.share_explain": (
        "d shares the chosen check with the trainer or stops sharing it. The trainer then sees "
        "the network's name, the date, the phase and the confidence, not your answers."
    ),
    "pf.now_shared": "The check of {when} is now shared with the trainer.",
    "pf.now_private": "The check of {when} is private again.",
}
