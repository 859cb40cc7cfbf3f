"""`kursus validate`: the cases a mutation run of kursus/content/validate.py showed untested.

Each test breaks a private copy of the test course and checks the exact problems reported
(file, line, message), so a check that goes missing, moves or is reported twice fails here.
"""

from __future__ import annotations

import locale
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kursus.cli import main
from kursus.content.validate import validate_dir
from tests.unit.test_validate import edit, line_of, problems_for


def test_a_folder_without_course_file_is_one_problem_at_line_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lessons"
    (folder / "da").mkdir(parents=True)
    result = validate_dir(folder)
    assert not result.ok
    assert problems_for(folder) == [f"{folder / 'course.yaml'}:0: course file not found"]
    assert (result.lessons, result.scenarios) == (0, 0)
    assert main(["validate", str(folder)]) == 2
    assert capsys.readouterr().out == f"{folder / 'course.yaml'}:0: course file not found\n"


def test_a_glossary_problem_is_reported_once(lessons_copy: Path) -> None:
    glossary = lessons_copy / "glossary.yaml"
    edit(
        glossary,
        'en: {term: Co-driver, definition: "Sparring partner [b]and[/] second pilot."}',
        "en: {term: Co-driver}",
    )
    line = line_of(glossary, "en: {term: Co-driver}")
    assert problems_for(lessons_copy) == [f"{glossary}:{line}: terms[2].en: missing key 'definition'"]
    assert not validate_dir(lessons_copy).ok


def test_a_branch_that_differs_between_languages_is_reported_once_in_the_later_language(lessons_copy: Path) -> None:
    da, en = lessons_copy / "da" / "alpha.yaml", lessons_copy / "en" / "alpha.yaml"
    edit(da, "feedback: Feedback B, godt valg (alpha).", "feedback: Feedback B, godt valg (alpha).\n        next: s2")
    edit(
        en,
        "feedback: Feedback B, good choice (alpha).",
        "feedback: Feedback B, good choice (alpha).\n        next: s1-opfoelgning",
    )
    assert problems_for(lessons_copy) == [
        f"{en}:{line_of(en, 'id: s1')}: choice 's1/b' leads to 's1-opfoelgning' here but 's2' in 'da'",
    ]


def test_the_same_branches_in_both_languages_are_no_problem(lessons_copy: Path) -> None:
    for lang, feedback in (("da", "Feedback B, godt valg (alpha)."), ("en", "Feedback B, good choice (alpha).")):
        edit(lessons_copy / lang / "alpha.yaml", f"feedback: {feedback}", f"feedback: {feedback}\n        next: s2")
    assert problems_for(lessons_copy) == []


def test_a_broken_lesson_does_not_stop_the_parity_checks_of_the_lessons_after_it(lessons_copy: Path) -> None:
    alpha, gamma = lessons_copy / "en" / "alpha.yaml", lessons_copy / "en" / "gamma.yaml"
    edit(alpha, "minutes: 10", "minutes: ten")
    edit(gamma, "text: Second D\n        rating: wrong", "text: Second D\n        rating: partial")
    assert problems_for(lessons_copy) == [
        f"{alpha}:{line_of(alpha, 'minutes: ten')}: lesson.minutes: expected a whole number, found text",
        f"{gamma}:{line_of(gamma, 'id: s2')}: choice 's2/d' is rated 'partial' here but 'wrong' in 'da'",
    ]


def test_a_missing_scenario_does_not_stop_the_checks_of_the_scenarios_after_it(lessons_copy: Path) -> None:
    en = lessons_copy / "en" / "gamma.yaml"
    text = en.read_text(encoding="utf-8")
    s2 = text[text.index("  - id: s2\n") : text.index("reflections:")]
    # English gets an extra scenario before s2, and its s2 has choice 'e' where Danish has 'd'.
    text = text.replace(s2, s2.replace("- id: s2", "- id: s1b", 1) + s2.replace("- id: d\n", "- id: e\n"), 1)
    en.write_text(text, encoding="utf-8")
    da = lessons_copy / "da" / "gamma.yaml"
    assert problems_for(lessons_copy) == [
        f"{da}:{line_of(da, 'scenarios:')}: scenario 's1b' exists in 'en' but not in 'da'",
        f"{da}:{line_of(da, 'id: s2')}: choice 's2/e' exists in 'en' but not in 'da'",
        f"{en}:{line_of(en, 'id: s2')}: choice 's2/d' exists in 'da' but not in 'en'",
    ]


def test_counts_are_those_of_the_first_language_even_when_another_is_broken(lessons_copy: Path) -> None:
    alpha = lessons_copy / "en" / "alpha.yaml"
    edit(alpha, "minutes: 10", "minutes: ten")
    result = validate_dir(lessons_copy)
    assert not result.ok and len(result.problems) == 1
    assert (result.lessons, result.scenarios, result.languages) == (3, 9, ("da", "en"))


def test_an_invalid_lesson_id_in_the_course_is_reported_and_missing_in_every_language(lessons_copy: Path) -> None:
    course = lessons_copy / "course.yaml"
    edit(course, "lessons: [beta, gamma]", "lessons: [beta, gamma, Ny Lektion]")
    line = line_of(course, "Ny Lektion")
    assert problems_for(lessons_copy) == [
        f"{course}:0: lesson 'Ny Lektion' is missing in 'da' (da/Ny Lektion.yaml)",
        f"{course}:0: lesson 'Ny Lektion' is missing in 'en' (en/Ny Lektion.yaml)",
        f"{course}:{line}: modules[2].lessons[3]: 'Ny Lektion' is not a valid lesson id",
    ]


def test_a_problem_whose_line_cannot_be_found_points_at_line_1(lessons_copy: Path) -> None:
    gamma = lessons_copy / "en" / "gamma.yaml"
    edit(gamma, "  - id: s2\n", '  - id: "s2"\n')  # valid YAML, but not the text "id: s2"
    edit(gamma, "text: Second D\n        rating: wrong", "text: Second D\n        rating: partial")
    assert problems_for(lessons_copy) == [f"{gamma}:1: choice 's2/d' is rated 'partial' here but 'wrong' in 'da'"]


def test_lines_are_right_under_a_non_utf8_locale(lessons_copy: Path) -> None:
    da = lessons_copy / "da" / "gamma.yaml"  # Danish letters (æ, ø) come before the line reported
    text = da.read_text(encoding="utf-8")
    da.write_text(text[: text.index("      - id: d")] + text[text.index("reflections:") :], encoding="utf-8")
    wanted = f"{da}:{line_of(da, 'id: s2')}: choice 's2/d' exists in 'en' but not in 'da'"
    before = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C")
        if locale.getencoding().lower().replace("-", "") == "utf8":
            pytest.skip("the C locale is UTF-8 here")
        assert problems_for(lessons_copy) == [wanted]
    finally:
        locale.setlocale(locale.LC_CTYPE, before)
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "kursus", "validate", str(lessons_copy)],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert (result.returncode, result.stdout) == (2, wanted + "\n")
