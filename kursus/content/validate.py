"""`kursus validate`: every check over every language, reported all at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kursus.content.loader import (
    COURSE_FILE,
    GLOSSARY_FILE,
    LANGUAGES,
    build_course_map,
    build_glossary,
    build_lesson,
)
from kursus.content.models import Lesson
from kursus.content.problems import Problem


@dataclass
class ValidationResult:
    problems: list[Problem]
    lessons: int = 0
    scenarios: int = 0
    languages: tuple[str, ...] = LANGUAGES

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_dir(lessons_dir: Path) -> ValidationResult:
    problems: list[Problem] = []
    course_path = lessons_dir / COURSE_FILE
    if not course_path.is_file():
        return ValidationResult([Problem(course_path, 0, "course file not found")])
    course, lines = build_course_map(course_path, LANGUAGES[0], problems)
    if course is None:  # without the course map every lesson would be "not listed": say only why
        return ValidationResult(sorted(problems))
    listed = course.lesson_order

    by_lang: dict[str, dict[str, Lesson]] = {}
    for lang in LANGUAGES:
        lang_dir = lessons_dir / lang
        lessons: dict[str, Lesson] = {}
        for lesson_id in listed:
            if not (lang_dir / f"{lesson_id}.yaml").is_file():
                problems.append(
                    Problem(
                        course_path,
                        lines.get(lesson_id, 0),
                        f"lesson '{lesson_id}' is missing in '{lang}' ({lang}/{lesson_id}.yaml)",
                    )
                )
        for path in sorted(lang_dir.glob("*.yaml")) if lang_dir.is_dir() else []:
            lesson = build_lesson(path, problems)
            if course is not None and path.stem not in listed:
                problems.append(Problem(path, 1, f"lesson '{path.stem}' is not listed in {COURSE_FILE}"))
            if lesson is not None:
                lessons[lesson.id] = lesson
        by_lang[lang] = lessons
        build_glossary(lessons_dir / GLOSSARY_FILE, lang, problems if lang == LANGUAGES[0] else [])

    known = set(listed)
    for lang, lessons in by_lang.items():
        for lesson in lessons.values():
            for link in lesson.links:
                if link not in known:
                    path = lessons_dir / lang / f"{lesson.id}.yaml"
                    problems.append(Problem(path, _line_of_text(path, link), f"link to unknown lesson '{link}'"))
    problems.extend(_parity(lessons_dir, by_lang))
    from kursus.assessment.validate import assessment_problems  # self-assessment.yaml, phase-finder.yaml

    problems.extend(assessment_problems(lessons_dir, listed))

    first = by_lang.get(LANGUAGES[0], {})
    return ValidationResult(
        problems=sorted(set(problems)),
        lessons=len(first),
        scenarios=sum(len(lesson.scenarios) for lesson in first.values()),
    )


def _parity(lessons_dir: Path, by_lang: dict[str, dict[str, Lesson]]) -> list[Problem]:
    """Ids missing in one language, choices whose rating or branch differ, knowledge checks that differ.

    Missing ids are reported in the file that lacks them; a differing rating or branch
    is reported once, in the later language's file, against the first language.
    """
    problems = []
    reference = LANGUAGES[0]
    for lang, lessons in by_lang.items():
        for other_lang, other_lessons in by_lang.items():
            if other_lang == lang:
                continue
            for lesson_id, other in other_lessons.items():
                lesson = lessons.get(lesson_id)
                if lesson is None:
                    continue  # a missing or broken file is reported on its own
                path = lessons_dir / lang / f"{lesson_id}.yaml"

                def report(needle: str, message: str, path: Path = path) -> None:
                    problems.append(Problem(path, _line_of_text(path, needle), message))

                for scenario in other.scenarios:
                    mine = lesson.scenario(scenario.id)
                    if mine is None:
                        report("scenarios:", f"scenario '{scenario.id}' exists in '{other_lang}' but not in '{lang}'")
                        continue
                    if other_lang == reference and mine.knowledge_check != scenario.knowledge_check:
                        report(
                            f"id: {scenario.id}",
                            f"scenario '{scenario.id}' is a knowledge check in one of '{lang}' and "
                            f"'{other_lang}' but not in the other",
                        )
                    for choice in scenario.choices:
                        my_choice = mine.choice(choice.id)
                        if my_choice is None:
                            report(
                                f"id: {scenario.id}",
                                f"choice '{scenario.id}/{choice.id}' exists in '{other_lang}' but not in '{lang}'",
                            )
                        elif other_lang == reference and my_choice.rating != choice.rating:
                            report(
                                f"id: {scenario.id}",
                                f"choice '{scenario.id}/{choice.id}' is rated '{my_choice.rating.value}' here "
                                f"but '{choice.rating.value}' in '{other_lang}'",
                            )
                        elif other_lang == reference and my_choice.next != choice.next:
                            report(
                                f"id: {scenario.id}",
                                f"choice '{scenario.id}/{choice.id}' leads to '{my_choice.next}' here "
                                f"but '{choice.next}' in '{other_lang}'",
                            )
                my_prompts = {r.id for r in lesson.reflections}
                for reflection in other.reflections:
                    if reflection.id not in my_prompts:
                        report(
                            "reflections:",
                            f"reflection prompt '{reflection.id}' exists in '{other_lang}' but not in '{lang}'",
                        )
    return problems


def _line_of_text(path: Path, needle: str) -> int:
    """The first line of the file that mentions `needle` (best effort, for messages)."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1
