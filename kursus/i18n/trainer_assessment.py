"""Texts of the dashboard's shared self-assessments and phase checks (issue 9): the
learner page's sections and the cohort view (`v`). The report's own words (headings,
occasions, phases, confidence, "too few") come from kursus/i18n/assessment.py."""

from __future__ import annotations

DA: dict[str, str] = {
    "trainer.key.assessment_cohort": "Selvvurdering",
    "trainer_assessment.round": "{when} · {occasion}{role}",
    "trainer_assessment.role": " · {role}",
    "trainer_assessment.level": "{bar} {level}/{points} {competence}",
    "trainer_assessment.note": "{competence}, note: {text}",
    "trainer_assessment.next_step": "{competence}, næste skridt: {text}",
    "trainer_assessment.check": "{network} · {when} · {phases} · {confidence}",
    "trainer_assessment.cohort.title": "Holdets selvvurdering",
    "trainer_assessment.cohort.filter": "Hold: {cohort}",
    "trainer_assessment.cohort.sharing": "{n:deltager|deltagere} har delt mindst én selvvurdering.",
    "trainer_assessment.col.competence": "Kompetence",
    "trainer_assessment.col.before": "Før gns.",
    "trainer_assessment.col.after": "Efter gns.",
    "trainer_assessment.col.count": "Antal",
    "trainer_assessment.decimal": ",",
}

EN: dict[str, str] = {
    "trainer.key.assessment_cohort": "Self-assessment",
    "trainer_assessment.round": "{when} · {occasion}{role}",
    "trainer_assessment.role": " · {role}",
    "trainer_assessment.level": "{bar} {level}/{points} {competence}",
    "trainer_assessment.note": "{competence}, note: {text}",
    "trainer_assessment.next_step": "{competence}, next step: {text}",
    "trainer_assessment.check": "{network} · {when} · {phases} · {confidence}",
    "trainer_assessment.cohort.title": "The cohort's self-assessment",
    "trainer_assessment.cohort.filter": "Cohort: {cohort}",
    "trainer_assessment.cohort.sharing": "{n:learner|learners} shared at least one self-assessment.",
    "trainer_assessment.col.competence": "Competence",
    "trainer_assessment.col.before": "Before mean",
    "trainer_assessment.col.after": "After mean",
    "trainer_assessment.col.count": "Count",
    "trainer_assessment.decimal": ".",
}
