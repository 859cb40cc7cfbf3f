"""`kursus validate` on self-assessment.yaml and phase-finder.yaml: one test per message,
each with the file and line it names, and the JSON schemas agree on broken documents."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from kursus.assessment.loader import (
    PHASE_FINDER_FILE,
    SELF_ASSESSMENT_FILE,
    build_phase_finder,
    build_self_assessment,
    load_phase_finder,
    load_self_assessment,
)
from kursus.cli import main
from kursus.content import ContentError, load_course
from tests.conftest import FIXTURE_LESSONS, SHIPPED_LESSONS

LESSON_IDS = load_course(SHIPPED_LESSONS, "da").lesson_order
Change = Callable[[Any], None]


def shipped(name: str) -> Any:
    return yaml.safe_load((SHIPPED_LESSONS / name).read_text(encoding="utf-8"))


def write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, name: str, change: Change) -> tuple[Path, list[str]]:
    data = shipped(name)
    change(data)
    path = write(tmp_path, name, data)
    found: list = []
    build = build_phase_finder if name == PHASE_FINDER_FILE else build_self_assessment
    result = build(path, "da", found, LESSON_IDS)
    assert (result is None) == bool(found)
    return path, [str(p) for p in found]


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return hits[nth - 1]


def _set(*steps: Any, value: Any) -> Change:
    def change(doc: Any) -> None:
        for step in steps[:-1]:
            doc = doc[step]
        doc[steps[-1]] = value

    return change


def _delete(*steps: Any) -> Change:
    def change(doc: Any) -> None:
        for step in steps[:-1]:
            doc = doc[step]
        del doc[steps[-1]]

    return change


# --- the shipped files -------------------------------------------------------------------


def test_the_shipped_files_load_in_both_languages() -> None:
    for lang in ("da", "en"):
        assessment = load_self_assessment(SHIPPED_LESSONS, lang, LESSON_IDS)
        finder = load_phase_finder(SHIPPED_LESSONS, lang, LESSON_IDS)
        assert assessment is not None and finder is not None
        assert len(assessment.competences) == 10 and len(assessment.scale) == 5
        assert [p.number for p in finder.phases] == list(range(1, 9))
        assert 10 <= len(finder.questions) <= 16
        assert {q.phase for q in finder.questions} == set(range(1, 9))
    da = load_phase_finder(SHIPPED_LESSONS, "da")
    en = load_phase_finder(SHIPPED_LESSONS, "en")
    assert da is not None and en is not None
    assert [q.id for q in da.questions] == [q.id for q in en.questions]
    assert da.phase(3).name == "Fokusering" and en.phase(3).name == "Focusing"


def test_a_course_without_the_files_has_neither_feature(tmp_path: Path) -> None:
    assert load_self_assessment(FIXTURE_LESSONS, "da") is None
    assert load_phase_finder(FIXTURE_LESSONS, "da") is None


def test_a_broken_file_raises_content_error_naming_every_problem(tmp_path: Path) -> None:
    data = shipped(PHASE_FINDER_FILE)
    data["questions"][0]["phase"] = 12
    data["questions"][1]["options"] = ["ja", "maaske"]
    write(tmp_path, PHASE_FINDER_FILE, data)
    with pytest.raises(ContentError) as caught:
        load_phase_finder(tmp_path, "da", LESSON_IDS)
    assert len(caught.value.problems) == 2


# --- phase-finder.yaml: every message ------------------------------------------------------


def test_unknown_phase(tmp_path: Path) -> None:
    path, found = problems_of(tmp_path, PHASE_FINDER_FILE, _set("questions", 2, "phase", value=9))
    assert found == [f"{path}:{line_of(path, 'phase: 9')}: questions[3].phase: unknown phase '9' (phases are 1-8)"]


def test_a_phase_that_is_not_a_number(tmp_path: Path) -> None:
    _, found = problems_of(tmp_path, PHASE_FINDER_FILE, _set("questions", 0, "phase", value="fokus"))
    assert any("questions[1].phase: unknown phase 'fokus'" in p for p in found)


def test_an_option_that_points_nowhere(tmp_path: Path) -> None:
    path, found = problems_of(tmp_path, PHASE_FINDER_FILE, _set("questions", 0, "options", value=["ja", "maaske"]))
    line = line_of(path, "options:", 2)  # the first question's (the file's first is the top list)
    assert found == [f"{path}:{line}: questions[1].options: 'maaske' is not one of the options"]


def test_the_unknown_rule_that_points_nowhere(tmp_path: Path) -> None:
    path, found = problems_of(tmp_path, PHASE_FINDER_FILE, _set("rules", "unknown", value="kan-ikke-svare"))
    assert (
        f"{path}:{line_of(path, 'unknown: kan-ikke-svare')}: rules.unknown: option 'kan-ikke-svare' is not one of the options"
        in found
    )
    # ... and "ved-ikke" is then an option without `done`
    assert any("option 'ved-ikke': missing key 'done'" in p for p in found)


def test_the_unknown_option_must_not_say_how_much_is_done(tmp_path: Path) -> None:
    def change(doc: Any) -> None:
        next(o for o in doc["options"] if o["id"] == "ved-ikke")["done"] = 0

    _, found = problems_of(tmp_path, PHASE_FINDER_FILE, change)
    assert (
        len(found) == 1
        and "option 'ved-ikke' is the unknown answer (rules.unknown): it must have no 'done'" in found[0]
    )


def test_an_option_without_done(tmp_path: Path) -> None:
    path, found = problems_of(tmp_path, PHASE_FINDER_FILE, _delete("options", 1, "done"))
    assert found == [
        f"{path}:{line_of(path, 'id: delvist')}: option 'delvist': missing key 'done' (only rules.unknown has none)"
    ]


def test_done_outside_0_to_100(tmp_path: Path) -> None:
    _, found = problems_of(tmp_path, PHASE_FINDER_FILE, _set("options", 0, "done", value=150))
    assert found and "options[1].done: 150 is outside 0-100" in found[0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_delete("phases", 0, "en"), "phases[1]: missing key 'en'"),
        (_delete("questions", 4, "text", "da"), "questions[5].text: missing key 'da'"),
        (_delete("options", 0, "label", "en"), "options[1].label: missing key 'en'"),
        (_delete("phases", 6, "da", "tools"), "phases[7].da: missing key 'tools'"),
    ],
    ids=["phase", "question", "option", "tools in one language"],
)
def test_a_missing_language(tmp_path: Path, change: Change, message: str) -> None:
    _, found = problems_of(tmp_path, PHASE_FINDER_FILE, change)
    assert len(found) == 1 and found[0].endswith(message)


def test_a_phase_lesson_that_does_not_exist(tmp_path: Path) -> None:
    path, found = problems_of(tmp_path, PHASE_FINDER_FILE, _set("phases", 3, "lesson", value="f4-opdagelsen"))
    assert found == [
        f"{path}:{line_of(path, 'lesson: f4-opdagelsen')}: phases[4].lesson: 'f4-opdagelsen' is not a lesson of the course"
    ]


def test_phases_out_of_order(tmp_path: Path) -> None:
    def swap(doc: Any) -> None:
        doc["phases"][1], doc["phases"][2] = doc["phases"][2], doc["phases"][1]

    _, found = problems_of(tmp_path, PHASE_FINDER_FILE, swap)
    assert [p.split(": ", 1)[1] for p in found] == [
        "phases[2].number: expected 2 (phases in order), found 3",
        "phases[3].number: expected 3 (phases in order), found 2",
    ]


def test_a_phase_without_a_question(tmp_path: Path) -> None:
    def no_phase_8(doc: Any) -> None:
        for question in doc["questions"]:
            if question["phase"] == 8:
                question["phase"] = 7

    path, found = problems_of(tmp_path, PHASE_FINDER_FILE, no_phase_8)
    assert found == [f"{path}:{line_of(path, 'questions:')}: phase 8 has no question"]


@pytest.mark.parametrize(
    ("count", "message"), [(9, "has 9 items, expected 10-16"), (17, "has 17 items, expected 10-16")]
)
def test_too_few_or_too_many_questions(tmp_path: Path, count: int, message: str) -> None:
    def resize(doc: Any) -> None:
        questions = doc["questions"]
        while len(questions) < count:
            questions.append({**copy.deepcopy(questions[0]), "id": f"ekstra-{len(questions)}"})
        del questions[count:]

    _, found = problems_of(tmp_path, PHASE_FINDER_FILE, resize)
    assert any(f"phase-finder.questions: {message}" in p for p in found)


def test_a_duplicate_question_id(tmp_path: Path) -> None:
    path, found = problems_of(tmp_path, PHASE_FINDER_FILE, _set("questions", 1, "id", value="tema-udfoldet"))
    first = line_of(path, "id: tema-udfoldet")
    assert found == [
        f"{path}:{line_of(path, 'id: tema-udfoldet', 2)}: duplicate question id 'tema-udfoldet' (first at line {first})"
    ]


def test_an_option_listed_twice_and_a_question_with_only_dont_know(tmp_path: Path) -> None:
    def change(doc: Any) -> None:
        doc["questions"][0]["options"] = ["ja", "ja", "nej"]
        doc["questions"][1]["options"] = ["ved-ikke", "ved-ikke"]

    _, found = problems_of(tmp_path, PHASE_FINDER_FILE, change)
    assert any("questions[1].options: an option is listed twice" in p for p in found)
    assert any("questions[2].options: every option is the unknown answer" in p for p in found)


def test_confidence_thresholds_in_the_wrong_order(tmp_path: Path) -> None:
    _, found = problems_of(tmp_path, PHASE_FINDER_FILE, _set("rules", "confidence_medium", value=90))
    assert len(found) == 1 and found[0].endswith("rules.confidence_medium: 90 is above confidence_high")


def test_an_unknown_rule(tmp_path: Path) -> None:
    _, found = problems_of(tmp_path, PHASE_FINDER_FILE, _set("rules", "strict", value=True))
    assert len(found) == 1 and "rules: unknown key 'strict'" in found[0]


# --- self-assessment.yaml: every message ---------------------------------------------------


def test_wrong_number_of_levels(tmp_path: Path) -> None:
    path, found = problems_of(tmp_path, SELF_ASSESSMENT_FILE, _delete("competences", 0, "da", "levels", 4))
    assert found == [f"{path}:{line_of(path, 'levels:')}: competences[1].da.levels: has 4 items, expected 5-5"]


def test_wrong_number_of_next_steps(tmp_path: Path) -> None:
    _, found = problems_of(tmp_path, SELF_ASSESSMENT_FILE, _delete("competences", 3, "en", "next_steps", 0))
    assert len(found) == 1 and found[0].endswith("competences[4].en.next_steps: has 2 items, expected 3-3")


def test_a_competence_whose_lesson_does_not_exist(tmp_path: Path) -> None:
    path, found = problems_of(tmp_path, SELF_ASSESSMENT_FILE, _set("competences", 1, "lesson", value="k02-engager"))
    assert found == [
        f"{path}:{line_of(path, 'lesson: k02-engager')}: competences[2].lesson: 'k02-engager' is not a lesson of the course"
    ]


def test_a_competence_missing_a_language(tmp_path: Path) -> None:
    _, found = problems_of(tmp_path, SELF_ASSESSMENT_FILE, _delete("competences", 5, "en"))
    assert len(found) == 1 and found[0].endswith("competences[6]: missing key 'en'")


def test_the_scale_missing_a_language_or_a_level(tmp_path: Path) -> None:
    _, found = problems_of(tmp_path, SELF_ASSESSMENT_FILE, _delete("scale", "en"))
    assert len(found) == 1 and found[0].endswith("self-assessment.scale: missing key 'en'")
    _, found = problems_of(tmp_path, SELF_ASSESSMENT_FILE, _delete("scale", "da", 0))
    assert len(found) == 1 and found[0].endswith("self-assessment.scale.da: has 4 items, expected 5-5")


def test_not_ten_competences(tmp_path: Path) -> None:
    _, found = problems_of(tmp_path, SELF_ASSESSMENT_FILE, _delete("competences", 9))
    assert len(found) == 1 and found[0].endswith("self-assessment.competences: has 9 items, expected 10-10")


def test_competences_out_of_the_seeds_order(tmp_path: Path) -> None:
    def swap(doc: Any) -> None:
        doc["competences"][0], doc["competences"][1] = doc["competences"][1], doc["competences"][0]

    _, found = problems_of(tmp_path, SELF_ASSESSMENT_FILE, swap)
    assert len(found) == 1
    assert "competence 'taenk-andre-ind' comes after 'engager-aktoerer'" in found[0] and "seed's order" in found[0]


def test_a_name_too_long_for_the_chart(tmp_path: Path) -> None:
    _, found = problems_of(tmp_path, SELF_ASSESSMENT_FILE, _set("competences", 2, "da", "name", value="x" * 33))
    assert len(found) == 1 and found[0].endswith("competences[3].da.name: 33 characters, at most 32")


def test_a_duplicate_competence_id(tmp_path: Path) -> None:
    _, found = problems_of(tmp_path, SELF_ASSESSMENT_FILE, _set("competences", 4, "id", value="trygt-rum"))
    assert len(found) == 1 and "duplicate competence id 'trygt-rum'" in found[0]


# --- through `kursus validate` -------------------------------------------------------------


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    target = tmp_path / "lessons"
    shutil.copytree(SHIPPED_LESSONS, target)
    return target


def test_kursus_validate_reports_both_files_with_exit_2(shipped_copy: Path, capsys: pytest.CaptureFixture) -> None:
    finder = shipped(PHASE_FINDER_FILE)
    finder["questions"][0]["phase"] = 0
    write(shipped_copy, PHASE_FINDER_FILE, finder)
    assessment = shipped(SELF_ASSESSMENT_FILE)
    del assessment["competences"][0]["en"]["levels"][0]
    write(shipped_copy, SELF_ASSESSMENT_FILE, assessment)
    capsys.readouterr()
    assert main(["validate", str(shipped_copy)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].startswith(f"{shipped_copy / PHASE_FINDER_FILE}:") and "unknown phase '0'" in out[0]
    assert out[1].startswith(f"{shipped_copy / SELF_ASSESSMENT_FILE}:") and "has 4 items, expected 5-5" in out[1]


def test_kursus_validate_passes_the_shipped_files(shipped_copy: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(shipped_copy)]) == 0


def test_a_yaml_tag_in_the_finder_is_an_error_never_run(shipped_copy: Path, capsys: pytest.CaptureFixture) -> None:
    path = shipped_copy / PHASE_FINDER_FILE
    path.write_text("rules: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(shipped_copy)]) == 2
    out = capsys.readouterr().out
    assert "YAML tags are not allowed" in out and "hacked" not in out.replace("echo hacked", "")


# --- the JSON schemas refuse what `kursus validate` refuses -----------------------------------


def schema_errors(kind: str, data: Any) -> set[str]:
    schema = json.loads((SHIPPED_LESSONS / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return {error.validator for error in Draft202012Validator(schema).iter_errors(data)}


@pytest.mark.parametrize(
    ("name", "change", "keyword"),
    [
        (PHASE_FINDER_FILE, _set("questions", 0, "phase", value=9), "maximum"),
        (PHASE_FINDER_FILE, _delete("phases", 0, "en"), "required"),
        (PHASE_FINDER_FILE, _set("options", 0, "done", value=101), "maximum"),
        (PHASE_FINDER_FILE, _set("rules", "strict", value=True), "additionalProperties"),
        (SELF_ASSESSMENT_FILE, _delete("competences", 0, "da", "levels", 4), "minItems"),
        (SELF_ASSESSMENT_FILE, _delete("competences", 9), "minItems"),
        (SELF_ASSESSMENT_FILE, _set("competences", 0, "id", value="Tænk"), "pattern"),
    ],
)
def test_the_schema_refuses_it_too(tmp_path: Path, name: str, change: Change, keyword: str) -> None:
    data = shipped(name)
    assert schema_errors(name.removesuffix(".yaml"), data) == set()
    change(data)
    assert keyword in schema_errors(name.removesuffix(".yaml"), data)
    _, found = problems_of(tmp_path, name, change)
    assert found
