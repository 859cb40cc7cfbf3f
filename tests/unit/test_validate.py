"""`kursus validate`: one test per kind of problem, each checking file, line and message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kursus.cli import main
from kursus.content.validate import validate_dir
from tests.conftest import FIXTURE_LESSONS, REPO_ROOT


def problems_for(folder: Path) -> list[str]:
    return [str(p) for p in validate_dir(folder).problems]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def assert_problem(folder: Path, path: Path, line: int, fragment: str) -> None:
    found = problems_for(folder)
    wanted = f"{path}:{line}: "
    assert any(p.startswith(wanted) and fragment in p for p in found), f"no {wanted}...{fragment!r} in {found}"


def test_fixture_and_shipped_courses_are_valid() -> None:
    assert problems_for(FIXTURE_LESSONS) == []
    assert problems_for(REPO_ROOT / "kursus" / "lessons") == []


def test_yaml_syntax_error_names_file_and_line(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "minutes: 10", "minutes: [10")
    assert_problem(lessons_copy, path, line_of(path, "minutes: [10") + 1, "")
    assert any(str(path) in p for p in problems_for(lessons_copy))


def test_python_tag_is_refused_not_executed(lessons_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "minutes: 10", f"minutes: !!python/object/apply:os.system ['touch {marker}']")
    assert_problem(lessons_copy, path, line_of(path, "minutes:"), "YAML tags are not allowed")
    assert not marker.exists()


def test_custom_tag_is_refused(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "minutes: 10", "minutes: !include other.yaml")
    assert_problem(lessons_copy, path, line_of(path, "minutes:"), "YAML tags are not allowed")


def test_alias_is_refused(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "minutes: 10", "minutes: &m 10\nx: *m")
    assert_problem(lessons_copy, path, line_of(path, "minutes: &m"), "aliases")


def test_missing_key(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "summary: Et kort resumé alpha.\n", "")
    assert_problem(lessons_copy, path, 1, "lesson: missing key 'summary'")


def test_unknown_key(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "minutes: 10", "minutes: 10\nminuttes: 12")
    assert_problem(lessons_copy, path, line_of(path, "minuttes"), "unknown key 'minuttes'")


def test_wrong_type(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "minutes: 10", "minutes: ti")
    assert_problem(lessons_copy, path, line_of(path, "minutes: ti"), "lesson.minutes: expected a whole number")


def test_list_expected(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "key_points:\n  - Første pointe", "key_points: Første pointe\nold_points:\n  - x")
    assert_problem(lessons_copy, path, line_of(path, "key_points:"), "lesson.key_points: expected a list")


def test_invalid_id(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "- id: s2", "- id: S 2")
    assert_problem(lessons_copy, path, line_of(path, "id: S 2"), "is not a valid id")


def test_duplicate_scenario_id(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "- id: s2", "- id: s1")
    second = [i for i, line in enumerate(path.read_text().splitlines(), 1) if line.strip() == "- id: s1"][1]
    assert_problem(lessons_copy, path, second, "duplicate scenario id 's1'")


def test_duplicate_choice_id(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "- id: b\n        text: Svar B", "- id: a\n        text: Svar B")
    assert_problem(lessons_copy, path, line_of(path, "text: Svar B") - 1, "duplicate choice id 'a'")


def test_id_differs_from_file_name(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "id: alpha", "id: alfa")
    assert_problem(lessons_copy, path, 1, "differs from the file name 'alpha'")


def test_too_few_choices(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "gamma.yaml"
    text = path.read_text()
    start = text.index("      - id: c\n        text: Andet C")
    path.write_text(text[:start] + text[text.index("reflections:") :])
    assert_problem(lessons_copy, path, _choices_line(path, "s2"), "has 2 items, expected 3-4")


def _choices_line(path: Path, scenario_id: str) -> int:
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {scenario_id}")
    return next(i for i in range(start, len(lines)) if lines[i].strip() == "choices:") + 1


def test_scenario_without_best_choice(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "gamma.yaml"
    edit(path, "text: Andet A\n        rating: best", "text: Andet A\n        rating: partial")
    assert_problem(lessons_copy, path, _choices_line(path, "s2"), "no choice is rated 'best'")


def test_choice_without_feedback(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "gamma.yaml"
    edit(path, "        feedback: Andet feedback D.\n", "")
    assert_problem(lessons_copy, path, line_of(path, "- id: d"), "missing key 'feedback'")


def test_empty_feedback(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "gamma.yaml"
    edit(path, "feedback: Andet feedback D.", 'feedback: ""')
    assert_problem(lessons_copy, path, line_of(path, 'feedback: ""'), "expected non-empty text")


def test_unknown_rating(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "gamma.yaml"
    edit(path, "text: Andet D\n        rating: wrong", "text: Andet D\n        rating: bad")
    assert_problem(lessons_copy, path, line_of(path, "rating: bad"), "'bad' is not one of best, partial, wrong")


def test_dangling_next(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "next: s1-opfoelgning", "next: findes-ikke")
    assert_problem(lessons_copy, path, line_of(path, "- id: s1"), "next 'findes-ikke' is not a scenario of this lesson")


def test_unreachable_follow_up(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "        next: s1-opfoelgning\n", "")
    assert_problem(
        lessons_copy, path, line_of(path, "- id: s1-opfoelgning"), "is a follow-up but no choice leads to it"
    )


def test_branching_loop(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    edit(path, "text: Opfølgning A\n        rating: best", "text: Opfølgning A\n        next: s1\n        rating: best")
    assert_problem(lessons_copy, path, line_of(path, "- id: s1"), "a branching loop")


def test_lesson_missing_in_one_language(lessons_copy: Path) -> None:
    (lessons_copy / "en" / "beta.yaml").unlink()
    course = lessons_copy / "course.yaml"
    assert_problem(lessons_copy, course, line_of(course, "lessons: [beta, gamma]"), "lesson 'beta' is missing in 'en'")


def test_lesson_file_not_in_course(lessons_copy: Path) -> None:
    extra = lessons_copy / "da" / "delta.yaml"
    extra.write_text((lessons_copy / "da" / "gamma.yaml").read_text().replace("id: gamma", "id: delta", 1))
    assert_problem(lessons_copy, extra, 1, "lesson 'delta' is not listed in course.yaml")


def test_dangling_link(lessons_copy: Path) -> None:
    path = lessons_copy / "en" / "gamma.yaml"
    edit(path, "links: [alpha]", "links: [alpha, omega]")
    assert_problem(lessons_copy, path, line_of(path, "links:"), "link to unknown lesson 'omega'")


def test_scenario_missing_in_other_language(lessons_copy: Path) -> None:
    path = lessons_copy / "en" / "gamma.yaml"
    text = path.read_text()
    start = text.index("  - id: s2")
    path.write_text(text[:start] + text[text.index("reflections:") :])
    assert_problem(lessons_copy, path, line_of(path, "scenarios:"), "scenario 's2' exists in 'da' but not in 'en'")


def test_choice_missing_in_other_language(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "gamma.yaml"
    text = path.read_text()
    start = text.index("      - id: d")
    path.write_text(text[:start] + text[text.index("reflections:") :])
    assert_problem(lessons_copy, path, line_of(path, "id: s2"), "choice 's2/d' exists in 'en' but not in 'da'")


def test_reflection_missing_in_other_language(lessons_copy: Path) -> None:
    path = lessons_copy / "en" / "alpha.yaml"
    edit(path, "  - id: r2\n    prompt: What will you try?\n", "")
    assert_problem(
        lessons_copy, path, line_of(path, "reflections:"), "reflection prompt 'r2' exists in 'da' but not in 'en'"
    )


@pytest.mark.parametrize(
    ("lang", "old", "new", "needle", "message"),
    [
        pytest.param(
            "en",
            "text: Second D\n        rating: wrong",
            "text: Second D\n        rating: partial",
            "id: s2",
            "choice 's2/d' is rated 'partial' here but 'wrong' in 'da'",
            id="rating-differs-between-languages",
        ),
        pytest.param(
            "en",
            "  - id: s2\n",
            "  - id: s2\n    knowledge_check: true\n",
            "id: s2",
            "scenario 's2' is a knowledge check in one of 'en' and 'da'",
            id="knowledge-check-in-one-language-only",
        ),
        pytest.param(
            "da",
            "  - id: s2\n",
            "  - id: s2\n    knowledge_check: ja\n",
            "knowledge_check",
            "knowledge_check: expected true or false, found text",
            id="knowledge-check-is-true-or-false",
        ),
    ],
)
def test_a_scenario_flag_that_is_wrong(
    lessons_copy: Path, lang: str, old: str, new: str, needle: str, message: str
) -> None:
    path = lessons_copy / lang / "gamma.yaml"
    edit(path, old, new)
    assert_problem(lessons_copy, path, line_of(path, needle), message)


def test_every_problem_is_reported_at_once(lessons_copy: Path) -> None:
    edit(lessons_copy / "da" / "alpha.yaml", "minutes: 10", "minutes: ti")
    edit(lessons_copy / "en" / "gamma.yaml", "links: [alpha]", "links: [omega]")
    edit(lessons_copy / "da" / "beta.yaml", "        feedback: Andet feedback D.\n", "")
    found = problems_for(lessons_copy)
    assert len(found) >= 3
    assert {Path(p.split(":")[0]).name for p in found} >= {"alpha.yaml", "gamma.yaml", "beta.yaml"}


def test_cli_exit_codes_and_output(lessons_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(lessons_copy)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 3 lessons, 9 scenarios")
    edit(lessons_copy / "da" / "alpha.yaml", "minutes: 10", "minutes: ti")
    assert main(["validate", str(lessons_copy)]) == 2
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert lines and all(line.count(":") >= 2 for line in lines)
    assert "problem(s)" in captured.err


def test_cli_missing_folder_is_one_line_exit_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kursus", "validate", str(tmp_path / "nope")], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "nope" in result.stderr
    assert "Traceback" not in result.stderr


def test_binary_and_non_utf8_files_do_not_crash(lessons_copy: Path) -> None:
    path = lessons_copy / "da" / "alpha.yaml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert_problem(lessons_copy, path, 0, "not UTF-8")


def test_hostile_lesson_text_loads_as_plain_text(lessons_copy: Path) -> None:
    from kursus.content import load_course

    course = load_course(lessons_copy, "da")
    assert "[@click=app.quit]klik[/]" in course.lessons["beta"].summary
