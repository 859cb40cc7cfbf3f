"""Know yourself and your network: the competence self-assessment and the phase finder.

No Textual here (a test checks). Content comes from two YAML files beside the lessons,
checked by `kursus validate`; what the learner does is kept in their progress file,
private unless shared, through ProgressStore (atomic, locked, and each change is
published as a typed event after it is on disk).

The API the screens call
========================

Load (once per language; None when the course has no such file; ContentError lists
every problem):
    from kursus.assessment.loader import load_self_assessment, load_phase_finder
    assessment = load_self_assessment(lessons_dir, lang, course.lesson_order)
        -> SelfAssessment: .scale (5 names), .competences (10, the seed's order), each
           Competence: .id .lesson .name .statement .levels (5) .next_steps (3),
           .level_text(n); assessment.competence(id), .ids, .scale_name(n)
    finder = load_phase_finder(lessons_dir, lang, course.lesson_order)
        -> PhaseFinder: .questions (Question: .id .phase .text .options (Option: .id
           .label .done, None for "ved ikke")), .phases (Phase: .number .lesson .name
           .next_steps .tools), .phase(n), .question(id), .questions_of(n)

Self-assessment rounds (store = the learner's ProgressStore; Occasion from
kursus.vocabulary: START, END, ANYTIME):
    r = store.save_self_assessment(Occasion.START, {"taenk-andre-ind": 3, ...},
                                   notes={cid: text}, next_steps={cid: text})
        -> SelfAssessmentRound (.id .taken_at .occasion .levels .notes .next_steps
           .shared); levels may be incomplete (1..5 each, else ValueError). Pass
           round_id=r.id to change that round later (None for notes/next_steps keeps them).
    store.set_self_assessment_shared(r.id, True)   # share with the trainer / False: stop
History (record = store.record()):
    record.self_assessments (oldest first), record.shared_self_assessments,
    record.self_assessment(id), record.round_before(), record.round_after(),
    record.latest_round()   (each with shared_only=True for what a trainer may see)
    before_after(record, assessment.ids) -> BeforeAfter(.before .after .latest .rows:
        CompetenceRow(.competence_id .before .after .latest .change))   [the chart]

Phase checks:
    result = locate(finder, {"tema-udfoldet": "ja", ...})   # question id -> option id
        -> PhaseResult: .phases (1 or 2 neighbouring Phase; empty if nothing is known),
           .numbers, .confidence (kursus.vocabulary.Confidence), .reasons (Reason:
           .question .option), .next_steps, .tools, .lesson_ids, .unfinished (earlier
           phases that look unfinished) and .unfinished_reasons, .answered, .unknown
    check, result = check_network(store, finder, "Mit netværk", answers, shared=False)
        keeps the check (network name cleaned, at most 80 characters; empty: ValueError)
    store.set_phase_check_shared(check.id, True)
History: record.phase_checks (oldest first), record.networks(),
    record.checks_for(name) (one network over time), record.phase_check(id),
    record.shared_phase_checks; a PhaseCheck keeps .network .checked_at .answers
    .phases .unfinished .confidence .shared as found when it was made.

Events (kursus.tracking.events; ids and flags only, never text or levels):
    SelfAssessmentSaved, SelfAssessmentShared, PhaseChecked, PhaseCheckShared.
Catalogue keys: kursus/i18n/assessment.py ("assessment.*" and "phase_finder.*").
Trainer side: kursus.assessment.cohort (shared rounds only, at least 3 learners).
"""

from __future__ import annotations

from kursus.assessment.checks import check_network
from kursus.assessment.compare import BeforeAfter, CompetenceRow, before_after
from kursus.assessment.models import (
    Competence,
    FinderRules,
    Option,
    Phase,
    PhaseFinder,
    Question,
    SelfAssessment,
)
from kursus.assessment.rules import PhaseResult, Reason, locate

__all__ = [
    "BeforeAfter",
    "Competence",
    "CompetenceRow",
    "FinderRules",
    "Option",
    "Phase",
    "PhaseFinder",
    "PhaseResult",
    "Question",
    "Reason",
    "SelfAssessment",
    "before_after",
    "check_network",
    "locate",
]
