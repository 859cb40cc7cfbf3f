"""Text of the competence self-assessment and the phase finder (issue 9), for the
domain's outputs: the learner's export, the trainer's report, the PDF course record.
Danish first. `{n}`-style fields are the same in both languages (a test checks)."""

DA = {
    # words
    "assessment.occasion.start": "ved kursets start",
    "assessment.occasion.end": "ved kursets afslutning",
    "assessment.occasion.anytime": "undervejs",
    "assessment.shared_yes": "delt med underviseren",
    "assessment.shared_no": "privat (kun dig)",
    "assessment.level": "{level}/{points} {name}",
    "assessment.not_assessed": "ikke vurderet",
    "assessment.before": "før",
    "assessment.after": "efter",
    "assessment.latest": "seneste",
    "phase_finder.confidence.high": "høj sikkerhed",
    "phase_finder.confidence.medium": "middel sikkerhed",
    "phase_finder.confidence.low": "lav sikkerhed",
    "phase_finder.confidence.none": "for få kendte svar",
    "phase_finder.phase": "fase {number}",
    "phase_finder.phases": "fase {first} eller {second}",
    "phase_finder.no_phase": "ingen fase (for få kendte svar)",
    # the learner's export
    "assessment.export.heading": "Selvvurdering af kompetencer",
    "assessment.export.none": "Ingen selvvurderinger endnu.",
    "assessment.export.round": "{when}, {occasion} ({shared})",
    "assessment.export.note": "Note",
    "assessment.export.next_step": "Næste skridt",
    "phase_finder.export.heading": "Dine netværks faser",
    "phase_finder.export.none": "Ingen fasetjek endnu.",
    "phase_finder.export.check": "{when}: {phases}, {confidence} ({shared})",
    "phase_finder.export.unfinished": "Tidligere faser, der så ufærdige ud: {phases}",
    # the trainer's report
    "assessment.report.rounds": "Delte selvvurderinger",
    "assessment.report.checks": "Delte fasetjek",
    "assessment.report.cohort": "Holdet: delte selvvurderinger, gennemsnit pr. kompetence",
    "assessment.report.too_few": (
        "Færre end {min} deltagere har delt en selvvurdering ({shared}), så holdet vises ikke samlet."
    ),
    "assessment.report.cohort_rule": (
        "Gennemsnit af de delte før- og efter-runder (skala 1-{points}); et tal vises kun, "
        "når mindst {min} deltagere står bag det."
    ),
    "assessment.report.not_in_lrs": (
        "Rapporten er læst fra en LRS, og selvvurderinger og fasetjek sendes aldrig dertil. "
        "Læs deltagernes progress-filer for at se de delte selvvurderinger."
    ),
    "assessment.report.no_rounds": "Ingen deltager har delt en selvvurdering.",
    "assessment.report.no_checks": "Ingen deltager har delt et fasetjek.",
    "assessment.file.rounds": "selvvurderinger",
    "assessment.file.checks": "fasetjek",
    "assessment.file.cohort": "selvvurdering-hold",
    "assessment.col.name": "Navn",
    "assessment.col.cohort": "Hold",
    "assessment.col.taken": "Taget",
    "assessment.col.occasion": "Hvornår",
    "assessment.col.role": "Før/efter",
    "assessment.col.network": "Netværk",
    "assessment.col.checked": "Tjekket",
    "assessment.col.phases": "Fase",
    "assessment.col.unfinished": "Ufærdige tidligere faser",
    "assessment.col.confidence": "Sikkerhed",
    "assessment.col.competence": "Kompetence",
    "assessment.col.before_mean": "Før (gns.)",
    "assessment.col.before_n": "Før (antal)",
    "assessment.col.after_mean": "Efter (gns.)",
    "assessment.col.after_n": "Efter (antal)",
    # the PDF course record
    "assessment.certificate.heading": "Selvvurdering før og efter",
    "assessment.certificate.shared_only": "Kun runder, deltageren har delt med underviseren, er med.",
    "assessment.certificate.none_shared": (
        "Ingen selvvurdering er delt med underviseren, så der er ingen før og efter her."
    ),
    "assessment.certificate.col.competence": "Kompetence",
    "assessment.certificate.col.before": "Før",
    "assessment.certificate.col.after": "Efter",
}

EN = {
    # words
    "assessment.occasion.start": "at the start of the course",
    "assessment.occasion.end": "at the end of the course",
    "assessment.occasion.anytime": "during the course",
    "assessment.shared_yes": "shared with the trainer",
    "assessment.shared_no": "private (only you)",
    "assessment.level": "{level}/{points} {name}",
    "assessment.not_assessed": "not assessed",
    "assessment.before": "before",
    "assessment.after": "after",
    "assessment.latest": "latest",
    "phase_finder.confidence.high": "high confidence",
    "phase_finder.confidence.medium": "medium confidence",
    "phase_finder.confidence.low": "low confidence",
    "phase_finder.confidence.none": "too few known answers",
    "phase_finder.phase": "phase {number}",
    "phase_finder.phases": "phase {first} or {second}",
    "phase_finder.no_phase": "no phase (too few known answers)",
    # the learner's export
    "assessment.export.heading": "Competence self-assessment",
    "assessment.export.none": "No self-assessments yet.",
    "assessment.export.round": "{when}, {occasion} ({shared})",
    "assessment.export.note": "Note",
    "assessment.export.next_step": "Next step",
    "phase_finder.export.heading": "Your networks' phases",
    "phase_finder.export.none": "No phase checks yet.",
    "phase_finder.export.check": "{when}: {phases}, {confidence} ({shared})",
    "phase_finder.export.unfinished": "Earlier phases that looked unfinished: {phases}",
    # the trainer's report
    "assessment.report.rounds": "Shared self-assessments",
    "assessment.report.checks": "Shared phase checks",
    "assessment.report.cohort": "The cohort: shared self-assessments, mean per competence",
    "assessment.report.too_few": (
        "Fewer than {min} learners have shared a self-assessment ({shared}), so the cohort is not shown as a whole."
    ),
    "assessment.report.cohort_rule": (
        "Mean of the shared before and after rounds (scale 1-{points}); a number is shown only "
        "when at least {min} learners are behind it."
    ),
    "assessment.report.not_in_lrs": (
        "This report was read from an LRS, and self-assessments and phase checks are never sent there. "
        "Read the learners' progress files to see the shared self-assessments."
    ),
    "assessment.report.no_rounds": "No learner has shared a self-assessment.",
    "assessment.report.no_checks": "No learner has shared a phase check.",
    "assessment.file.rounds": "self-assessments",
    "assessment.file.checks": "phase-checks",
    "assessment.file.cohort": "self-assessment-cohort",
    "assessment.col.name": "Name",
    "assessment.col.cohort": "Cohort",
    "assessment.col.taken": "Taken",
    "assessment.col.occasion": "When",
    "assessment.col.role": "Before/after",
    "assessment.col.network": "Network",
    "assessment.col.checked": "Checked",
    "assessment.col.phases": "Phase",
    "assessment.col.unfinished": "Unfinished earlier phases",
    "assessment.col.confidence": "Confidence",
    "assessment.col.competence": "Competence",
    "assessment.col.before_mean": "Before (mean)",
    "assessment.col.before_n": "Before (count)",
    "assessment.col.after_mean": "After (mean)",
    "assessment.col.after_n": "After (count)",
    # the PDF course record
    "assessment.certificate.heading": "Self-assessment before and after",
    "assessment.certificate.shared_only": "Only rounds the learner shared with the trainer are included.",
    "assessment.certificate.none_shared": (
        "No self-assessment has been shared with the trainer, so there is no before and after here."
    ),
    "assessment.certificate.col.competence": "Competence",
    "assessment.certificate.col.before": "Before",
    "assessment.certificate.col.after": "After",
}
