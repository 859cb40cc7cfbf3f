"""The search index (kursus.search): what matches, in what order, where a hit opens, and
the one-line snippet."""

from __future__ import annotations

import unicodedata

import pytest

from kursus.content import load_course
from kursus.content.models import Course, GlossaryTerm, Lesson, Module, Page, Practice
from kursus.i18n import Catalogue
from kursus.search import SNIPPET_CHARS, HitKind, glossary_terms, index_for, plain, search
from kursus.ui.learner.lesson import lesson_pages
from tests.conftest import FIXTURE_LESSONS


def make_lesson(
    lesson_id: str,
    title: str,
    pages: tuple[tuple[str, str], ...] = (),
    summary: str = "Et resumé.",
    key_points: tuple[str, ...] = ("En pointe",),
    task: str = "En opgave.",
) -> Lesson:
    return Lesson(
        id=lesson_id,
        title=title,
        summary=summary,
        minutes=10,
        objectives=("Du kan noget",),
        body=tuple(Page(heading, text) for heading, text in pages),
        key_points=key_points,
        scenarios=(),
        reflections=(),
        practice=Practice("Prøv det", task),
    )


def make_course(*lessons: Lesson, glossary: tuple[GlossaryTerm, ...] = ()) -> Course:
    return Course(
        id="test",
        version=1,
        title="Test",
        lang="da",
        modules=(Module("m", "Modul", tuple(lesson.id for lesson in lessons)),),
        lessons={lesson.id: lesson for lesson in lessons},
        glossary=glossary,
    )


@pytest.fixture
def fixture_course() -> Course:
    return load_course(FIXTURE_LESSONS, "da")


def test_every_word_of_the_query_must_occur_in_the_same_place() -> None:
    course = make_course(
        make_lesson("a", "Møder", (("Kaffe", "Vi drikker kaffe."), ("Mødet", "Et møde med kaffe og kage."))),
    )
    assert [(h.lesson_id, h.page) for h in search(course, "kaffe møde")] == [("a", 2)]
    assert [(h.lesson_id, h.page) for h in search(course, "MØDE   KAFFE")] == [("a", 2)]  # any order, any case
    assert search(course, "kaffe te") == []  # no page holds both
    assert {h.page for h in search(course, "kaffe")} == {1, 2}


def test_case_does_not_matter_but_danish_letters_are_letters() -> None:
    course = make_course(make_lesson("a", "Titel", (("Side", "Med nye øjne på gården."),)))
    assert [h.page for h in search(course, "ØJNE")] == [1]
    assert [h.page for h in search(course, "GÅRDEN")] == [1]
    assert search(course, "ojne") == []  # ø is not an accented o
    assert search(course, "gaarden") == []
    assert search(course, "garden") == []
    decomposed = unicodedata.normalize("NFD", "gården")  # å as a + combining ring: the same text
    assert [h.page for h in search(course, decomposed)] == [1]


def test_title_matches_come_before_body_matches() -> None:
    course = make_course(
        make_lesson("a", "Første lektion", (("Om noget", "Her står ordet tryghed i teksten."),)),
        make_lesson("b", "Anden lektion", (("Tryghed i gruppen", "Teksten handler om noget andet."),)),
        glossary=(GlossaryTerm("t", "Tryghed", "At turde sige noget."),),
    )
    hits = search(course, "tryghed")
    assert [(h.kind, h.lesson_id or h.term_id) for h in hits] == [
        (HitKind.GLOSSARY, "t"),  # the whole title
        (HitKind.LESSON_PAGE, "b"),  # in the title, at its start
        (HitKind.LESSON_PAGE, "a"),  # in the text only
    ]
    assert hits[0].score > hits[1].score > hits[2].score


def test_equal_hits_keep_the_course_order_and_a_word_start_beats_a_word_part() -> None:
    course = make_course(
        make_lesson("a", "A", (("Side", "En fortaler for faserne."), ("Side", "I fase 3 taler de."))),
        make_lesson("b", "B", (("Side", "I fase 4 taler de."),)),
    )
    assert [(h.lesson_id, h.page) for h in search(course, "ase")] == [("a", 1), ("a", 2), ("b", 1)]
    assert [(h.lesson_id, h.page) for h in search(course, "fase")] == [("a", 1), ("a", 2), ("b", 1)]
    assert [(h.lesson_id, h.page) for h in search(course, "taler")] == [("a", 2), ("b", 1), ("a", 1)]  # "fortaler"


def test_hits_open_at_the_learner_apps_page(fixture_course: Course) -> None:
    """0 = overview, 1..n = body pages, n+1 = key points: the pages of lesson_pages()."""
    pages = lesson_pages(fixture_course.lessons["gamma"], Catalogue("da"), fixture_course)
    overview = [h for h in search(fixture_course, "resumé gamma")]
    assert [(h.kind, h.lesson_id, h.page, h.heading) for h in overview] == [(HitKind.LESSON_PAGE, "gamma", 0, "")]
    body = search(fixture_course, "anden gamma")
    assert (body[0].kind, body[0].lesson_id, body[0].page, body[0].heading) == (
        HitKind.LESSON_PAGE,
        "gamma",
        2,
        "Anden side",
    )
    assert pages[body[0].page][0] == "Anden side"
    key_points = [h for h in body if h.kind is HitKind.KEY_POINTS]
    assert [(h.lesson_id, h.page) for h in key_points] == [("gamma", len(pages) - 1)]
    assert body.index(key_points[0]) > 0  # "Anden pointe" is in the text; "Anden side" is a title
    term = search(fixture_course, "andenpilot")
    assert [(h.kind, h.term_id, h.title, h.lesson_id) for h in term] == [
        (HitKind.GLOSSARY, "co-driver", "Co-driver", "")
    ]


def test_the_snippet_is_one_short_line_around_the_first_match() -> None:
    text = " ".join(f"ord{n}" for n in range(60)) + "\n\nHer kommer\tnålen midt i\nteksten. " + "fyld " * 40
    course = make_course(make_lesson("a", "Titel", (("Side", text),)))
    [hit] = search(course, "nålen")
    assert "nålen" in hit.snippet
    assert "\n" not in hit.snippet and "\t" not in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= SNIPPET_CHARS + 2
    assert "Her kommer nålen midt i teksten." in hit.snippet


def test_the_snippet_shows_the_start_when_the_title_holds_every_word() -> None:
    course = make_course(make_lesson("a", "Titel", (("Nålen", "Først dette. " + "fyld " * 30 + "nålen igen."),)))
    [hit] = search(course, "nålen")
    assert hit.snippet.startswith("Først dette.") and hit.snippet.endswith("…")


def test_markdown_marks_are_neither_searched_nor_shown_but_brackets_are_text(fixture_course: Course) -> None:
    assert plain("## Overskrift\n- **fed** og *kursiv* og [et link](https://x.dk)\n> citat") == (
        "Overskrift fed og kursiv og et link citat"
    )
    course = make_course(make_lesson("a", "Titel", (("Side", "Det er **fælles retning**, ikke andet."),)))
    [hit] = search(course, "fælles retning")
    assert hit.snippet == "Det er fælles retning, ikke andet."
    hostile = search(fixture_course, "[/]")  # the fixture's beta holds `[b]fed?[/b] [/]` as text
    assert {(h.lesson_id, h.term_id) for h in hostile} == {("beta", ""), ("", "co-driver")}
    assert any("[@click=app.quit]klik[/]" in h.snippet for h in hostile)


def test_an_empty_query_finds_nothing(fixture_course: Course) -> None:
    assert search(fixture_course, "") == []
    assert search(fixture_course, "  \n\t ") == []


def test_the_glossary_filter_keeps_terms_holding_every_word(fixture_course: Course) -> None:
    assert glossary_terms(fixture_course, "") == list(fixture_course.glossary)
    assert [t.id for t in glossary_terms(fixture_course, "CO")] == ["co-driver"]
    assert [t.id for t in glossary_terms(fixture_course, "sparringspartner andenpilot")] == ["co-driver"]
    assert [t.id for t in glossary_terms(fixture_course, "leder")] == ["netvaerksleder"]
    assert glossary_terms(fixture_course, "leder sparring") == []


def test_english_is_searched_in_english() -> None:
    course = load_course(FIXTURE_LESSONS, "en")
    hits = search(course, "second page gamma")
    assert (hits[0].lesson_id, hits[0].page, hits[0].heading) == ("gamma", 2, "Second page")
    assert search(course, "anden") == []


def test_the_index_is_built_once_per_course(fixture_course: Course) -> None:
    assert index_for(fixture_course) is index_for(fixture_course)
    other = load_course(FIXTURE_LESSONS, "en")
    assert index_for(other) is not index_for(fixture_course)
