"""The shipped course: 22 lessons in the agreed order, each complete, in Danish and English.

These tests read the course that ships with the package (not the small test fixture), so
they fail when an author removes a scenario, breaks the order, leaves a placeholder, or
lets the two languages drift apart.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from kursus.content import Course, Lesson, Rating, load_course
from kursus.locations import shipped_lessons_dir

LANGS = ("da", "en")

# The seed page lists the 10 competences in this order; the 8 phases follow the Network Model.
COMPETENCE_IDS = [
    "k01-taenk-andre-ind",
    "k02-engager-aktoerer",
    "k03-trygt-rum",
    "k04-nysgerrighed-og-undren",
    "k05-mod-til-at-eksperimentere",
    "k06-strategisk-dagsorden",
    "k07-gode-loesninger-og-beslutninger",
    "k08-kommunikation-og-opbakning",
    "k09-udforskende-tilgang",
    "k10-udvikling-som-facilitator",
]
PHASE_IDS = [
    "f1-opstart-af-netvaerk",
    "f2-netvaerksdesign",
    "f3-fokusering",
    "f4-opdagelse",
    "f5-tematisering",
    "f6-ideudvikling-og-prioritering",
    "f7-konkretisering-og-test",
    "f8-evaluering-og-spredning",
]
EXPECTED_LESSON_IDS = ["intro", *COMPETENCE_IDS, "facilitatorrollen", "vaerdiskabelse", *PHASE_IDS, "afrunding"]
EXPECTED_MODULE_IDS = ["intro", "kompetencer", "facilitator", "vaerdiskabelse", "faser", "afrunding"]

BODY_WORDS = {"da": (500, 1000), "en": (500, 1100)}

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PLACEHOLDERS = [
    ("TODO", re.compile(r"TODO")),
    ("lorem", re.compile(r"lorem", re.IGNORECASE)),
    ("XXX", re.compile(r"XXX")),
    ("e-mail address", EMAIL),
    ("'...' placeholder", re.compile(r"\.\.\.")),
]


@cache
def course(lang: str) -> Course:
    return load_course(shipped_lessons_dir(), lang)


def lessons_in_order(c: Course) -> list[Lesson]:
    return [c.lessons[lid] for lid in c.lesson_order]


def lesson_texts(lesson: Lesson) -> list[tuple[str, str]]:
    """Every piece of text in a lesson, with a label saying where it is."""
    out = [("title", lesson.title), ("summary", lesson.summary)]
    out += [(f"objectives[{i}]", t) for i, t in enumerate(lesson.objectives)]
    for page in lesson.body:
        out += [(f"body '{page.title}' title", page.title), (f"body '{page.title}'", page.text)]
    out += [(f"key_points[{i}]", t) for i, t in enumerate(lesson.key_points)]
    for s in lesson.scenarios:
        out += [(f"{s.id}.title", s.title), (f"{s.id}.situation", s.situation), (f"{s.id}.question", s.question)]
        for ch in s.choices:
            out += [(f"{s.id}.{ch.id}.text", ch.text), (f"{s.id}.{ch.id}.feedback", ch.feedback)]
    out += [(f"reflection {r.id}", r.prompt) for r in lesson.reflections]
    out += [("practice.title", lesson.practice.title), ("practice.task", lesson.practice.task)]
    out += [(f"sources[{i}]", t) for i, t in enumerate(lesson.sources)]
    return out


def structure_problems(c: Course) -> list[str]:
    """What is missing or out of bounds in one language of the course (empty when fine)."""
    lang = c.lang
    low, high = BODY_WORDS[lang]
    known = set(c.lesson_order)
    problems: list[str] = []
    for lesson in lessons_in_order(c):
        where = f"{lang}/{lesson.id}"
        if not 2 <= len(lesson.objectives) <= 4:
            problems.append(f"{where}: {len(lesson.objectives)} objectives (want 2-4)")
        if not 3 <= len(lesson.key_points) <= 5:
            problems.append(f"{where}: {len(lesson.key_points)} key points (want 3-5)")
        if not lesson.body:
            problems.append(f"{where}: no body pages")
        words = lesson.word_count
        if not low <= words <= high:
            problems.append(f"{where}: body has {words} words (want {low}-{high})")
        if len(lesson.main_scenarios) < 3:
            problems.append(f"{where}: {len(lesson.main_scenarios)} main scenarios (want at least 3)")
        for s in lesson.scenarios:
            if not 3 <= len(s.choices) <= 4:
                problems.append(f"{where}/{s.id}: {len(s.choices)} choices (want 3-4)")
            if not any(ch.rating.value == "best" for ch in s.choices):
                problems.append(f"{where}/{s.id}: no choice rated best")
            for ch in s.choices:
                if not ch.text.strip():
                    problems.append(f"{where}/{s.id}/{ch.id}: empty choice text")
                if not ch.feedback.strip():
                    problems.append(f"{where}/{s.id}/{ch.id}: empty feedback")
        if len(lesson.reflections) < 2:
            problems.append(f"{where}: {len(lesson.reflections)} reflection prompts (want at least 2)")
        for r in lesson.reflections:
            if not r.prompt.strip():
                problems.append(f"{where}/{r.id}: empty reflection prompt")
        if not lesson.practice.title.strip() or not lesson.practice.task.strip():
            problems.append(f"{where}: practice task missing")
        if not lesson.links:
            problems.append(f"{where}: no links")
        for link in lesson.links:
            if link not in known:
                problems.append(f"{where}: link to unknown lesson {link!r}")
            if link == lesson.id:
                problems.append(f"{where}: links to itself")
        if not [src for src in lesson.sources if src.strip()]:
            problems.append(f"{where}: no sources")
    return problems


def placeholder_problems(c: Course) -> list[str]:
    found = []
    for lesson in lessons_in_order(c):
        for label, text in lesson_texts(lesson):
            for name, pattern in PLACEHOLDERS:
                if pattern.search(text):
                    found.append(f"{c.lang}/{lesson.id} {label}: contains {name}")
    for term in c.glossary:
        for name, pattern in PLACEHOLDERS:
            if pattern.search(term.term) or pattern.search(term.definition):
                found.append(f"{c.lang}/glossary {term.id}: contains {name}")
    return found


def shape(lesson: Lesson) -> dict:
    """Everything that must be identical across languages: ids, ratings, branching, links."""
    return {
        "id": lesson.id,
        "scenarios": [
            (s.id, s.follow_up, [(ch.id, ch.rating.value, ch.next) for ch in s.choices]) for s in lesson.scenarios
        ],
        "reflections": [r.id for r in lesson.reflections],
        "links": list(lesson.links),
    }


def parity_problems(da: Course, en: Course) -> list[str]:
    problems = []
    if da.lesson_order != en.lesson_order:
        problems.append(f"lesson order differs: {da.lesson_order} != {en.lesson_order}")
    for lid in da.lesson_order:
        if lid not in en.lessons:
            problems.append(f"{lid}: missing in en")
            continue
        a, b = shape(da.lessons[lid]), shape(en.lessons[lid])
        for key in a:
            if a[key] != b[key]:
                problems.append(f"{lid}: {key} differ between da and en: {a[key]} != {b[key]}")
    return problems


# --- the tests ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_22_lessons_in_the_agreed_order(lang: str) -> None:
    c = course(lang)
    assert len(EXPECTED_LESSON_IDS) == 22
    assert list(c.lesson_order) == EXPECTED_LESSON_IDS
    assert sorted(c.lessons) == sorted(EXPECTED_LESSON_IDS)
    assert [lesson.id for lesson in lessons_in_order(c)] == EXPECTED_LESSON_IDS


@pytest.mark.parametrize("lang", LANGS)
def test_modules_in_order(lang: str) -> None:
    c = course(lang)
    assert [m.id for m in c.modules] == EXPECTED_MODULE_IDS
    by_id = {m.id: list(m.lesson_ids) for m in c.modules}
    assert by_id["kompetencer"] == COMPETENCE_IDS
    assert by_id["faser"] == PHASE_IDS
    assert all(m.title.strip() for m in c.modules)


def test_competence_lessons_follow_the_seed_order() -> None:
    """Each competence lesson cites the seed's numbered item that matches its position."""
    for number, lid in enumerate(COMPETENCE_IDS, start=1):
        sources = course("da").lessons[lid].sources
        wanted = f"Netværkslederens 10 kompetencer, {number}. punkt"
        assert any(wanted in src for src in sources), f"{lid} does not cite {wanted!r}: {sources}"


def test_phase_lessons_are_titled_with_their_phase_number() -> None:
    for number, lid in enumerate(PHASE_IDS, start=1):
        for lang in LANGS:
            title = course(lang).lessons[lid].title
            assert re.match(rf"(Fase|Phase) {number}\b", title), f"{lang}/{lid}: {title!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_lesson_is_complete(lang: str) -> None:
    assert structure_problems(course(lang)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_body_length_is_within_bounds(lang: str) -> None:
    low, high = BODY_WORDS[lang]
    counts = {lesson.id: lesson.word_count for lesson in lessons_in_order(course(lang))}
    outside = {lid: n for lid, n in counts.items() if not low <= n <= high}
    assert outside == {}, f"{lang}: body word counts outside {low}-{high}: {outside}"


def test_danish_and_english_have_the_same_ids_and_ratings() -> None:
    assert parity_problems(course("da"), course("en")) == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_placeholders_or_email_addresses(lang: str) -> None:
    assert placeholder_problems(course(lang)) == []


def test_glossary_has_danish_and_english_for_every_term() -> None:
    path = Path(shipped_lessons_dir()) / "glossary.yaml"
    terms = yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]
    assert len(terms) >= 10
    missing = []
    for entry in terms:
        for lang in LANGS:
            part = entry.get(lang) or {}
            if not str(part.get("term", "")).strip() or not str(part.get("definition", "")).strip():
                missing.append(f"{entry.get('id')}: {lang}")
    assert missing == []
    ids = [entry["id"] for entry in terms]
    assert len(ids) == len(set(ids))
    assert [t.id for t in sorted(course("da").glossary, key=lambda t: t.id)] == sorted(ids)
    assert [t.id for t in sorted(course("en").glossary, key=lambda t: t.id)] == sorted(ids)


def test_the_checks_catch_a_broken_lesson() -> None:
    """The helpers above really report problems (guards against a check that never fires)."""
    from dataclasses import replace

    c = course("da")
    lesson = c.lessons["f3-fokusering"]
    scenario = lesson.scenarios[0]
    choices = [replace(ch, rating=Rating.WRONG) for ch in scenario.choices]
    choices[0] = replace(choices[0], feedback=" ")
    broken = replace(
        lesson,
        objectives=lesson.objectives[:1],
        scenarios=(replace(scenario, choices=tuple(choices)),),
        reflections=lesson.reflections[:1],
        links=("does-not-exist",),
        sources=(),
        summary="TODO: lorem ipsum, write to someone@example.org ...",
    )
    bad = replace(c, lessons={**c.lessons, lesson.id: broken})
    problems = structure_problems(bad)
    for fragment in (
        "1 objectives",
        "main scenarios",
        "empty feedback",
        "no choice rated best",
        "reflection prompts",
        "unknown lesson",
        "no sources",
    ):
        assert any(fragment in p for p in problems), (fragment, problems)
    found = placeholder_problems(bad)
    for name in ("TODO", "lorem", "e-mail address", "'...' placeholder"):
        assert any(name in p for p in found), (name, found)
    assert parity_problems(bad, course("en")) != []
