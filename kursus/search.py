"""Search the course in the learner's language: lessons (page by page) and the glossary.

The index is built once per course (the text normalised up front), so a search is a
substring test over a few hundred short documents: cheap enough for every keystroke.

Matching: case-insensitive; every word of the query must occur (AND), as part of a word
or a whole one. Letters are compared as they are: æ, ø and å are letters of their own,
not accented a and o (searching "ro" does not find "rø"). Text in Unicode's composed and
decomposed forms (å as one character or as a + ring) is the same text.

Where a hit opens: the learner's lesson pages are 0 = overview (summary, objectives),
1..n = the body pages, n+1 = key points and practice (kursus.ui.learner.lesson).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kursus.content.models import Course, GlossaryTerm, Lesson

SNIPPET_CHARS = 70  # the longest snippet, without the ellipses
SNIPPET_BEFORE = 20  # how much of the text before the match the snippet keeps

TITLE_WEIGHT = 4  # a query word in the title counts this much; in the body, 1
WORD_START_BONUS = 1  # ...and this much more where it starts a word ("fase" in "fase 3", not in "faser")
WHOLE_QUERY_BONUS = 2  # the query as typed, found as one piece in the title
TITLE_START_BONUS = 1  # ...at the start of the title
EXACT_TITLE_BONUS = 1  # ...as the whole title (a glossary term looked up by name)


class HitKind(StrEnum):
    LESSON_PAGE = "lesson_page"  # the overview or a body page
    KEY_POINTS = "key_points"  # the last page: key points and practice
    GLOSSARY = "glossary"


@dataclass(frozen=True)
class Hit:
    kind: HitKind
    title: str  # the lesson's title, or the glossary term
    heading: str  # a body page's own title; "" for the overview, key points and glossary
    snippet: str  # one line around the first match in the text (its start if the title holds every word)
    lesson_id: str = ""  # "" for a glossary term
    page: int = 0  # the lesson page to open at
    term_id: str = ""  # the glossary term's id
    score: int = 0


@dataclass(frozen=True)
class _Document:
    kind: HitKind
    title: str
    heading: str
    lesson_id: str
    page: int
    term_id: str
    title_text: str  # what counts as the title (as shown, normalised to NFC)
    body: str  # everything else, one line, Markdown marks removed
    title_key: str  # title_text, folded for matching (same length)
    body_key: str  # body, folded for matching (same length)
    order: int  # course order: the tie-break


def fold(text: str) -> str:
    """Text as compared: composed (NFC), then lower case character by character, so the
    folded text has the same length as the NFC text and a match's offset is valid in both.
    No accents are removed: æ, ø and å stay themselves."""
    composed = unicodedata.normalize("NFC", text)
    lower = composed.lower()
    if len(lower) == len(composed):  # nearly always: no character grew (lower() never shrinks one)
        return lower
    return "".join(char.lower()[:1] for char in composed)  # "İ" -> "i̇": keep the first character


def query_words(query: str) -> list[str]:
    """The words of a query, folded, each once, in the order typed."""
    words: list[str] = []
    for word in fold(query).split():
        if word not in words:
            words.append(word)
    return words


_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")  # [text](url) -> text
_STRONG = re.compile(r"\*\*|__")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")  # *word* -> word
_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-+*][ \t]+)", re.MULTILINE)


def plain(markdown: str) -> str:
    """Lesson Markdown as the learner reads it, on one line: headings, list marks, bold
    and links reduced to their words. Anything else (`[b]`, `[/]`) stays as written."""
    text = unicodedata.normalize("NFC", markdown)
    text = _LINE_MARK.sub("", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\1", _STRONG.sub("", text))
    return one_line(text)


def one_line(text: str) -> str:
    """Every run of whitespace (line breaks, tabs) as one space."""
    return " ".join(text.split())


def _document(
    kind: HitKind,
    title: str,
    heading: str,
    title_text: str,
    body_parts: Iterable[str],
    order: int,
    lesson_id: str = "",
    page: int = 0,
    term_id: str = "",
) -> _Document:
    shown_title = one_line(unicodedata.normalize("NFC", title_text))
    body = " · ".join(part for part in (plain(p) for p in body_parts) if part)
    return _Document(
        kind=kind,
        title=one_line(title),
        heading=one_line(heading),
        lesson_id=lesson_id,
        page=page,
        term_id=term_id,
        title_text=shown_title,
        body=body,
        title_key=fold(shown_title),
        body_key=fold(body),
        order=order,
    )


def _lesson_documents(lesson: Lesson, first_order: int) -> list[_Document]:
    documents = [
        _document(
            HitKind.LESSON_PAGE,
            lesson.title,
            "",
            lesson.title,
            [lesson.summary, *lesson.objectives],
            first_order,
            lesson.id,
            0,
        )
    ]
    for number, page in enumerate(lesson.body, start=1):
        documents.append(
            _document(
                HitKind.LESSON_PAGE,
                lesson.title,
                page.title,
                page.title,
                [page.text],
                first_order + number,
                lesson.id,
                number,
            )
        )
    last = len(lesson.body) + 1
    documents.append(
        _document(
            HitKind.KEY_POINTS,
            lesson.title,
            "",
            "",
            [*lesson.key_points, lesson.practice.title, lesson.practice.task],
            first_order + last,
            lesson.id,
            last,
        )
    )
    return documents


def _glossary_document(term: GlossaryTerm, order: int) -> _Document:
    return _document(HitKind.GLOSSARY, term.term, "", term.term, [term.definition], order, term_id=term.id)


class SearchIndex:
    """Every searchable piece of one course, normalised once."""

    def __init__(self, course: Course) -> None:
        self.course = course
        documents: list[_Document] = []
        for lesson_id in course.lesson_order:
            lesson = course.lessons.get(lesson_id)
            if lesson is not None:
                documents += _lesson_documents(lesson, len(documents))
        glossary = [(term, _glossary_document(term, len(documents) + n)) for n, term in enumerate(course.glossary)]
        documents += [document for _, document in glossary]
        self.documents: tuple[_Document, ...] = tuple(documents)
        self._glossary = tuple(glossary)

    def search(self, query: str) -> list[Hit]:
        """Every document holding all the query's words, best first; [] for an empty query."""
        words = query_words(query)
        if not words:
            return []
        whole = " ".join(words)
        scored: list[tuple[int, int, _Document]] = []
        for document in self.documents:
            score = _score(document, words, whole)
            if score:
                scored.append((-score, document.order, document))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [_hit(document, words, -negative) for negative, _, document in scored]

    def glossary_terms(self, query: str) -> list[GlossaryTerm]:
        """The glossary terms whose term or definition holds every word of the query, in
        glossary order (all of them for an empty query)."""
        words = query_words(query)
        return [term for term, document in self._glossary if not words or _all_present(document, words)]


def _all_present(document: _Document, words: Sequence[str]) -> bool:
    return all(word in document.title_key or word in document.body_key for word in words)


def _score(document: _Document, words: Sequence[str], whole: str) -> int:
    """0 when a word is missing; otherwise more for words in the title than in the body."""
    score = 0
    for word in words:
        if word in document.title_key:
            score += TITLE_WEIGHT + WORD_START_BONUS * _starts_a_word(word, document.title_key)
        elif word in document.body_key:
            score += 1 + WORD_START_BONUS * _starts_a_word(word, document.body_key)
        else:
            return 0
    if whole in document.title_key:
        score += WHOLE_QUERY_BONUS
        if document.title_key.startswith(whole):
            score += TITLE_START_BONUS + EXACT_TITLE_BONUS * (document.title_key == whole)
    return score


def _starts_a_word(word: str, text: str) -> bool:
    """Whether `word` occurs in `text` at the start of a word (after a space, a dash, a
    bracket: anything but a letter or digit)."""
    position = text.find(word)
    while position >= 0:
        if position == 0 or not text[position - 1].isalnum():
            return True
        position = text.find(word, position + 1)
    return False


def _hit(document: _Document, words: Sequence[str], score: int) -> Hit:
    return Hit(
        kind=document.kind,
        title=document.title,
        heading=document.heading,
        # Around the first word the title does not already show; the text's start if it shows them all.
        snippet=snippet(document.body, document.body_key, [w for w in words if w not in document.title_key]),
        lesson_id=document.lesson_id,
        page=document.page,
        term_id=document.term_id,
        score=score,
    )


def snippet(text: str, folded: str, words: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """One line of `text` around the first match of any of the words (`folded` is `text`
    folded, the same length); the start of the text when none occurs in it. Cut at word
    boundaries where it can be, with "…" where text was left out."""
    positions = [position for position in (folded.find(word) for word in words if word) if position >= 0]
    first = min(positions) if positions else 0
    start = max(0, first - SNIPPET_BEFORE) if first + SNIPPET_BEFORE > width else 0
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", max(first + 1, start + 1), end)
        end = space if space > start else end
    shown = text[start:end].strip()
    return ("…" if start else "") + shown + ("…" if end < len(text) else "")


_INDEXES: dict[int, SearchIndex] = {}
_KEEP = 4  # indexes kept (the two languages, and a course reloaded now and then)


def index_for(course: Course) -> SearchIndex:
    """The course's index, built on first use and kept while the course is in use."""
    index = _INDEXES.get(id(course))
    if index is None or index.course is not course:
        if len(_INDEXES) >= _KEEP:
            _INDEXES.pop(next(iter(_INDEXES)))
        index = _INDEXES[id(course)] = SearchIndex(course)
    return index


def search(course: Course, query: str) -> list[Hit]:
    """Lesson pages, key points and glossary terms holding every word of `query`, best
    first (a word in a title counts more than one in the text)."""
    return index_for(course).search(query)


def glossary_terms(course: Course, query: str) -> list[GlossaryTerm]:
    """The glossary filtered by `query` (see SearchIndex.glossary_terms)."""
    return index_for(course).glossary_terms(query)
