"""Building the course models from the YAML files, recording every problem.

`load_course()` is what the app uses; `kursus.content.validate` runs the same builders
over every language and adds the checks that span files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kursus.content import LANGUAGES
from kursus.content.fields import ID_PATTERN, FileReader
from kursus.content.models import (
    Choice,
    Course,
    GlossaryTerm,
    Lesson,
    Module,
    Page,
    Practice,
    Rating,
    Reflection,
    Scenario,
)
from kursus.content.problems import ContentError, Problem
from kursus.content.yaml_source import LocatedDict, LocatedList, YamlError, load_located

COURSE_FILE = "course.yaml"
GLOSSARY_FILE = "glossary.yaml"

_LESSON_REQUIRED = (
    "id",
    "title",
    "summary",
    "minutes",
    "objectives",
    "body",
    "key_points",
    "scenarios",
    "reflections",
    "practice",
)
_LESSON_OPTIONAL = ("links", "sources")
_RATINGS = ", ".join(r.value for r in Rating)


def read_yaml(path: Path, problems: list[Problem]) -> Any:
    """The file's data, or None after recording why it could not be read."""
    try:
        return load_located(path)
    except YamlError as exc:
        problems.append(Problem(path, exc.line, exc.message))
        return None


# --- course.yaml -------------------------------------------------------------------


def build_course_map(path: Path, lang: str, problems: list[Problem]) -> tuple[Course | None, dict[str, int]]:
    """The course map from course.yaml, titles in `lang` (lessons not yet attached), and
    the line of each lesson id in it (for messages about a lesson's files)."""
    data = read_yaml(path, problems)
    if data is None:
        return None, {}
    reader = FileReader(path, problems)
    top = reader.mapping(data, "course", 1, ("id", "version", "title", "modules"))
    if top is None:
        return None, {}
    course_id = reader.identifier(top, "id", "course")
    version = reader.integer(top, "version", "course", 1, 1_000_000)
    title = _localised(reader, top, "title", "course", lang)
    modules = []
    module_ids, lesson_ids = [], []
    items = reader.sequence(top, "modules", "course", low=1)
    for index, item in enumerate(items):
        where = f"modules[{index + 1}]"
        module = reader.mapping(item, where, items.line_of(index), ("id", "title", "lessons"))
        if module is None:
            continue
        module_id = reader.identifier(module, "id", where)
        module_ids.append((module_id, module.line_of("id")))
        ids = reader.sequence(module, "lessons", where, low=1)
        for lesson_index, lesson_id in enumerate(ids):
            line = ids.line_of(lesson_index)
            if not isinstance(lesson_id, str) or not ID_PATTERN.match(lesson_id):
                reader.problem(line, f"{where}.lessons[{lesson_index + 1}]: '{lesson_id}' is not a valid lesson id")
                continue
            lesson_ids.append((lesson_id, line))
        modules.append(
            Module(
                id=module_id,
                title=_localised(reader, module, "title", where, lang),
                lesson_ids=tuple(lid for lid in ids if isinstance(lid, str)),
            )
        )
    reader.unique(module_ids, "module")
    reader.unique(lesson_ids, "lesson")
    lines: dict[str, int] = {}
    for lesson_id, line in lesson_ids:
        lines.setdefault(lesson_id, line)
    return Course(id=course_id, version=version, title=title, lang=lang, modules=tuple(modules)), lines


def _localised(reader: FileReader, data: LocatedDict, key: str, where: str, lang: str) -> str:
    """A `{da: ..., en: ...}` value: every language must be present."""
    if key not in data:
        return ""
    value = data[key]
    mapping = reader.mapping(value, f"{where}.{key}", data.line_of(key), LANGUAGES)
    if mapping is None:
        return ""
    for code in LANGUAGES:
        reader.text(mapping, code, f"{where}.{key}")
    text = mapping.get(lang)
    return text.strip() if isinstance(text, str) else ""


# --- lessons -----------------------------------------------------------------------


def build_lesson(path: Path, problems: list[Problem]) -> Lesson | None:
    """One lesson file; None if it has any problem (they are all recorded)."""
    before = len(problems)
    data = read_yaml(path, problems)
    if data is None:
        return None
    reader = FileReader(path, problems)
    top = reader.mapping(data, "lesson", 1, _LESSON_REQUIRED, _LESSON_OPTIONAL)
    if top is None:
        return None
    lesson_id = reader.identifier(top, "id", "lesson")
    if lesson_id and lesson_id != path.stem:
        reader.problem(top.line_of("id"), f"lesson.id: '{lesson_id}' differs from the file name '{path.stem}'")
    lesson = Lesson(
        id=lesson_id,
        title=reader.text(top, "title", "lesson"),
        summary=reader.text(top, "summary", "lesson"),
        minutes=reader.integer(top, "minutes", "lesson", 1, 240),
        objectives=reader.text_list(top, "objectives", "lesson", low=1),
        body=_pages(reader, top),
        key_points=reader.text_list(top, "key_points", "lesson", low=1),
        scenarios=_scenarios(reader, top),
        reflections=_reflections(reader, top),
        practice=_practice(reader, top),
        links=reader.text_list(top, "links", "lesson"),
        sources=reader.text_list(top, "sources", "lesson"),
    )
    return lesson if len(problems) == before else None


def _pages(reader: FileReader, top: LocatedDict) -> tuple[Page, ...]:
    items = reader.sequence(top, "body", "lesson", low=1)
    pages = []
    for index, item in enumerate(items):
        where = f"body[{index + 1}]"
        page = reader.mapping(item, where, items.line_of(index), ("title", "text"))
        if page is not None:
            pages.append(Page(title=reader.text(page, "title", where), text=reader.text(page, "text", where)))
    return tuple(pages)


def _scenarios(reader: FileReader, top: LocatedDict) -> tuple[Scenario, ...]:
    items = reader.sequence(top, "scenarios", "lesson", low=1)
    scenarios, ids = [], []
    for index, item in enumerate(items):
        where = f"scenarios[{index + 1}]"
        data = reader.mapping(
            item,
            where,
            items.line_of(index),
            ("id", "title", "situation", "question", "choices"),
            ("follow_up", "knowledge_check"),
        )
        if data is None:
            continue
        scenario_id = reader.identifier(data, "id", where)
        ids.append((scenario_id, data.line_of("id")))
        scenarios.append(
            Scenario(
                id=scenario_id,
                title=reader.text(data, "title", where),
                situation=reader.text(data, "situation", where),
                question=reader.text(data, "question", where),
                choices=_choices(reader, data, where),
                follow_up=reader.boolean(data, "follow_up", where),
                knowledge_check=reader.boolean(data, "knowledge_check", where),
            )
        )
    reader.unique(ids, "scenario")
    _check_branching(reader, items, scenarios)
    return tuple(scenarios)


def _choices(reader: FileReader, scenario: LocatedDict, where: str) -> tuple[Choice, ...]:
    items = reader.sequence(scenario, "choices", where, low=3, high=4)
    choices, ids = [], []
    for index, item in enumerate(items):
        choice_where = f"{where}.choices[{index + 1}]"
        data = reader.mapping(item, choice_where, items.line_of(index), ("id", "text", "rating", "feedback"), ("next",))
        if data is None:
            continue
        choice_id = reader.identifier(data, "id", choice_where)
        ids.append((choice_id, data.line_of("id")))
        feedback = reader.text(data, "feedback", choice_where)
        raw_rating = data.get("rating", "")  # "" is no rating either: reported below if the key is there
        try:
            rating = Rating(raw_rating)
        except ValueError:
            if "rating" in data:
                reader.problem(
                    data.line_of("rating"), f"{choice_where}.rating: '{raw_rating}' is not one of {_RATINGS}"
                )
            rating = Rating.WRONG
        next_id = reader.text(data, "next", choice_where, required=False) or None
        choices.append(
            Choice(
                id=choice_id,
                text=reader.text(data, "text", choice_where),
                rating=rating,
                feedback=feedback,
                next=next_id,
            )
        )
    reader.unique(ids, "choice")
    if items and choices and not any(c.rating is Rating.BEST for c in choices):
        reader.problem(scenario.line_of("choices"), f"{where}: no choice is rated 'best'")
    return tuple(choices)


def _check_branching(reader: FileReader, items: LocatedList, scenarios: list[Scenario]) -> None:
    """Every `next` names another scenario of the lesson; follow-ups are reachable; no loops."""
    by_id = {s.id: s for s in scenarios}
    lines = {s.id: items.line_of(i) for i, s in enumerate(scenarios)}
    targets: set[str] = set()
    for scenario in scenarios:
        for choice in scenario.choices:
            if choice.next is None:
                continue
            if choice.next not in by_id:
                reader.problem(
                    lines[scenario.id],
                    f"scenario '{scenario.id}', choice '{choice.id}': "
                    f"next '{choice.next}' is not a scenario of this lesson",
                )
            elif choice.next == scenario.id:
                reader.problem(
                    lines[scenario.id],
                    f"scenario '{scenario.id}', choice '{choice.id}': next points to its own scenario",
                )
            else:
                targets.add(choice.next)
    for scenario in scenarios:
        if scenario.follow_up and scenario.id not in targets:
            reader.problem(lines[scenario.id], f"scenario '{scenario.id}' is a follow-up but no choice leads to it")
    for start in scenarios:  # a path of `next` links that comes back to where it started
        if _has_cycle(start.id, by_id):
            reader.problem(lines[start.id], f"scenario '{start.id}': its follow-ups lead back to it (a branching loop)")
    if scenarios and all(s.follow_up for s in scenarios):
        reader.problem(items.line, "every scenario is a follow-up: the lesson has no first scenario")


def _has_cycle(start: str, by_id: dict[str, Scenario]) -> bool:
    stack, seen = [start], set()
    while stack:
        current = by_id.get(stack.pop())
        if current is None:
            continue
        for choice in current.choices:
            if choice.next == start:
                return True
            if choice.next and choice.next not in seen:
                seen.add(choice.next)
                stack.append(choice.next)
    return False


def _reflections(reader: FileReader, top: LocatedDict) -> tuple[Reflection, ...]:
    items = reader.sequence(top, "reflections", "lesson", low=1)
    reflections, ids = [], []
    for index, item in enumerate(items):
        where = f"reflections[{index + 1}]"
        data = reader.mapping(item, where, items.line_of(index), ("id", "prompt"))
        if data is None:
            continue
        reflection_id = reader.identifier(data, "id", where)
        ids.append((reflection_id, data.line_of("id")))
        reflections.append(Reflection(id=reflection_id, prompt=reader.text(data, "prompt", where)))
    reader.unique(ids, "reflection")
    return tuple(reflections)


def _practice(reader: FileReader, top: LocatedDict) -> Practice:
    if "practice" not in top:
        return Practice("", "")
    data = reader.mapping(top["practice"], "practice", top.line_of("practice"), ("title", "task"))
    if data is None:
        return Practice("", "")
    return Practice(title=reader.text(data, "title", "practice"), task=reader.text(data, "task", "practice"))


# --- glossary ----------------------------------------------------------------------


def build_glossary(path: Path, lang: str, problems: list[Problem]) -> tuple[GlossaryTerm, ...]:
    if not path.exists():
        return ()
    data = read_yaml(path, problems)
    if data is None:
        return ()
    reader = FileReader(path, problems)
    top = reader.mapping(data, "glossary", 1, ("terms",))
    if top is None:
        return ()
    items = reader.sequence(top, "terms", "glossary", low=1)
    terms, ids = [], []
    for index, item in enumerate(items):
        where = f"terms[{index + 1}]"
        data = reader.mapping(item, where, items.line_of(index), ("id", *LANGUAGES))
        if data is None:
            continue
        term_id = reader.identifier(data, "id", where)
        ids.append((term_id, data.line_of("id")))
        chosen = GlossaryTerm(term_id, "", "")
        for code in LANGUAGES:
            if code not in data:
                continue
            entry = reader.mapping(data[code], f"{where}.{code}", data.line_of(code), ("term", "definition"))
            if entry is None:
                continue
            term = reader.text(entry, "term", f"{where}.{code}")
            definition = reader.text(entry, "definition", f"{where}.{code}")
            if code == lang:
                chosen = GlossaryTerm(term_id, term, definition)
        terms.append(chosen)
    reader.unique(ids, "term")
    return tuple(sorted(terms, key=lambda t: t.term.casefold()))


# --- the app's entry point -----------------------------------------------------------


def load_course(lessons_dir: Path, lang: str) -> Course:
    """The whole course in one language. Raises ContentError listing every problem."""
    problems: list[Problem] = []
    if not (lessons_dir / COURSE_FILE).is_file():
        raise ContentError([Problem(lessons_dir / COURSE_FILE, 0, "course file not found")])
    course, lines = build_course_map(lessons_dir / COURSE_FILE, lang, problems)
    lessons: dict[str, Lesson] = {}
    if course is not None:
        for lesson_id in course.lesson_order:
            path = lessons_dir / lang / f"{lesson_id}.yaml"
            if not path.is_file():
                problems.append(
                    Problem(
                        lessons_dir / COURSE_FILE,
                        lines.get(lesson_id, 0),
                        f"lesson '{lesson_id}' has no file {lang}/{lesson_id}.yaml",
                    )
                )
                continue
            lesson = build_lesson(path, problems)
            if lesson is not None:
                lessons[lesson_id] = lesson
    glossary = build_glossary(lessons_dir / GLOSSARY_FILE, lang, problems)
    if problems or course is None:
        raise ContentError(sorted(problems))
    return Course(
        id=course.id,
        version=course.version,
        title=course.title,
        lang=lang,
        modules=course.modules,
        lessons=lessons,
        glossary=glossary,
    )
