"""The authoring JSON Schemas in kursus/lessons/schema/ stay in step with `kursus validate`.

Editors with a YAML language server use the schemas for live checks and hover help
(kursus/lessons/README.md says how). The validator stays the authority; these tests keep the two
from drifting apart:

- every shipped lesson, course.yaml and glossary.yaml (and the test fixture) validates;
- the keys, item counts, number ranges, id pattern and ratings in the schemas are read
  off the loader itself: a spy records every `FileReader` call the loader makes while it
  reads a complete course, so a key or bound added to one side and not the other fails;
- a set of broken documents is refused by both the schema and `kursus validate`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from kursus.cli import main
from kursus.content import LANGUAGES, Rating
from kursus.content.fields import ID_PATTERN, FileReader
from kursus.content.validate import validate_dir
from kursus.locations import shipped_lessons_dir
from tests.conftest import FIXTURE_LESSONS

SCHEMA_DIR = shipped_lessons_dir() / "schema"
SCHEMAS = ("lesson", "course", "glossary")
# The self-assessment and the phase finder (issue 9): their broken documents are tested
# in tests/unit/test_assessment_validate.py; keys and bounds are held to the loader here.
ASSESSMENT_SCHEMAS = ("self-assessment", "phase-finder")


@cache
def schema(kind: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


def kind_of(path: Path) -> str:
    kinds = {"course.yaml": "course", "glossary.yaml": "glossary"}
    kinds.update({f"{kind}.yaml": kind for kind in ASSESSMENT_SCHEMAS})
    return kinds.get(path.name, "lesson")


def schema_errors(kind: str, data: Any) -> list:
    """Every schema error, including those nested inside anyOf/contains."""
    found, todo = [], list(Draft202012Validator(schema(kind)).iter_errors(data))
    while todo:
        error = todo.pop()
        found.append(error)
        todo.extend(error.context or ())
    return found


def describe(errors: list) -> str:
    return "\n".join(f"  {'/'.join(map(str, e.absolute_path)) or '<top>'}: {e.message}" for e in errors)


def course_files(folder: Path) -> list[Path]:
    files = [folder / "course.yaml", folder / "glossary.yaml"]
    files += [folder / f"{kind}.yaml" for kind in ASSESSMENT_SCHEMAS if (folder / f"{kind}.yaml").exists()]
    for lang in LANGUAGES:
        files += sorted((folder / lang).glob("*.yaml"))
    return files


# --- the schemas themselves -----------------------------------------------------------


@pytest.mark.parametrize("kind", SCHEMAS + ASSESSMENT_SCHEMAS)
def test_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    assert schema(kind)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema(kind))


def _subschemas(node: Any, where: str = "#"):
    """(pointer, subschema) for every schema object below `node`."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    yield from _subschemas(sub, f"{where}/{key}/{name}")
            elif key in ("items", "contains"):
                yield from _subschemas(value, f"{where}/{key}")


@pytest.mark.parametrize("kind", SCHEMAS + ASSESSMENT_SCHEMAS)
def test_every_key_has_a_description_for_hover_help(kind: str) -> None:
    missing = [
        f"{where}/properties/{name}"
        for where, node in _subschemas(schema(kind))
        if not where.endswith("/contains")
        for name, sub in node.get("properties", {}).items()
        if not str(sub.get("description", "")).strip()
    ]
    assert str(schema(kind).get("description", "")).strip(), f"{kind}.schema.json has no description"
    assert missing == [], f"{kind}.schema.json: keys without a description: {missing}"


# Keywords that mean the same in draft-07, which is what editors' YAML language servers
# implement fully ($defs is only a place that "#/$defs/..." pointers point into).
PORTABLE_KEYWORDS = {
    "$schema",
    "$defs",
    "$ref",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "const",
    "enum",
    "pattern",
    "minimum",
    "maximum",
}


@pytest.mark.parametrize("kind", SCHEMAS + ASSESSMENT_SCHEMAS)
def test_schema_uses_only_keywords_editors_understand(kind: str) -> None:
    problems = []
    for where, node in _subschemas(schema(kind)):
        unknown = set(node) - PORTABLE_KEYWORDS
        if unknown:
            problems.append(f"{where}: {sorted(unknown)}")
        if "$ref" in node and set(node) - {"$ref", "description"}:
            problems.append(f"{where}: draft-07 ignores keywords beside $ref: {sorted(set(node) - {'$ref'})}")
        if isinstance(node.get("items"), list):
            problems.append(f"{where}: items as a list means different things in draft-07 and 2020-12")
    assert problems == []


@pytest.mark.parametrize("kind", SCHEMAS + ASSESSMENT_SCHEMAS)
def test_id_pattern_is_the_loaders(kind: str) -> None:
    assert schema(kind)["$defs"]["id"]["pattern"] == ID_PATTERN.pattern


def test_ratings_are_the_models() -> None:
    choice = schema("lesson")["$defs"]["choice"]
    assert choice["properties"]["rating"]["enum"] == [r.value for r in Rating]


def test_localised_titles_name_every_language() -> None:
    localised = schema("course")["$defs"]["localised"]
    assert tuple(localised["required"]) == LANGUAGES
    assert tuple(localised["properties"]) == LANGUAGES
    term = schema("glossary")["properties"]["terms"]["items"]
    assert set(term["required"]) == {"id", *LANGUAGES}


def test_the_schemas_ship_in_the_wheel() -> None:
    """pyproject.toml ships every *.json under kursus/ as package data (the wheel's full
    contents are checked in test_packaging.py)."""
    import tomllib

    from tests.conftest import REPO_ROOT

    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["packages"]["find"]["include"] == ["kursus", "kursus.*"]
    assert "*.json" in config["package-data"]["*"]
    for kind in SCHEMAS + ASSESSMENT_SCHEMAS:
        assert (SCHEMA_DIR / f"{kind}.schema.json").is_file()


# --- shipped files validate -----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    course_files(shipped_lessons_dir()) + course_files(FIXTURE_LESSONS),
    ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}",
)
def test_course_files_validate_against_their_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = schema_errors(kind_of(path), data)
    assert errors == [], f"{path} does not match {kind_of(path)}.schema.json:\n{describe(errors)}"


# --- the schema's keys and bounds are the loader's -----------------------------------


class LoaderSpy:
    """Records what the loader asks of every file: mappings with their required and
    optional keys, lists with their item counts, numbers with their range, ids, texts and
    yes/no values. `where` is the loader's own label ('scenarios[2].choices[1]')."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple] = []
        spy = self

        def wrap(name: str, record: Callable[..., tuple]) -> None:
            original = getattr(FileReader, name)

            def spied(reader: FileReader, *args: Any, **kwargs: Any) -> Any:
                spy.calls.append((kind_of(reader.path), name, *record(*args, **kwargs)))
                return original(reader, *args, **kwargs)

            monkeypatch.setattr(FileReader, name, spied)

        wrap(
            "mapping", lambda value, where, line, required, optional=(): (where, None, tuple(required), tuple(optional))
        )
        wrap("sequence", lambda data, key, where, low=0, high=None: (where, key, low, high))
        wrap("integer", lambda data, key, where, low, high: (where, key, low, high))
        wrap("identifier", lambda data, key, where: (where, key))
        wrap("text", lambda data, key, where, required=True: (where, key, required))
        wrap("boolean", lambda data, key, where: (where, key))


def _deref(root: dict, node: dict) -> dict:
    """`node` with its local $ref resolved (sibling keywords such as description kept)."""
    while "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def schema_node(kind: str, where: str, key: str | None = None) -> tuple[str, dict]:
    """The schema node for a loader label: 'scenarios[2].choices[1]' is
    properties/scenarios/items -> properties/choices/items; 'course.title' is
    properties/title; the file's own label (lesson, course, glossary) is the top."""
    root = schema(kind)
    node, pointer = root, "#"
    parts = re.sub(r"\[\d+\]", "[]", where).split(".")
    if parts[0] == kind:
        parts = parts[1:]
    if key is not None:
        parts.append(key)
    for part in parts:
        name = part.removesuffix("[]")
        assert name in node.get("properties", {}), (
            f"{kind}.schema.json has no key '{name}' at {pointer} (loader: {where}, {key})"
        )
        node, pointer = _deref(root, node["properties"][name]), f"{pointer}/properties/{name}"
        if part.endswith("[]"):
            assert "items" in node, f"{kind}.schema.json: {pointer} is not a list"
            node, pointer = _deref(root, node["items"]), f"{pointer}/items"
    return pointer, node


def accepts(kind: str, node: dict, value: Any) -> bool:
    probe = {"$defs": schema(kind).get("$defs", {}), **node}
    return Draft202012Validator(probe).is_valid(value)


@pytest.fixture
def loader_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """What the loader asks of the test fixture (which has every kind of key, including
    `next`, `follow_up`, `links` and `sources`) and of the shipped course."""
    spy = LoaderSpy(monkeypatch)
    validate_dir(FIXTURE_LESSONS)
    validate_dir(shipped_lessons_dir())
    return sorted(set(spy.calls), key=repr)


def described_mappings(kind: str) -> list[str]:
    """Pointers (as schema_node() spells them, $refs followed) of every mapping a schema describes."""
    root, found = schema(kind), []

    def walk(node: dict, pointer: str) -> None:
        node = _deref(root, node)
        if "properties" in node:
            found.append(pointer)
            for name, sub in node["properties"].items():
                walk(sub, f"{pointer}/properties/{name}")
        if "items" in node:
            walk(node["items"], f"{pointer}/items")

    walk(root, "#")
    return found


def key_mismatches(calls: list[tuple]) -> list[str]:
    """Where a mapping's required or allowed keys differ between the loader and the schema."""
    mismatches = []
    for kind, _, where, _, required, optional in (c for c in calls if c[1] == "mapping"):
        pointer, node = schema_node(kind, where)
        if set(node.get("required", ())) != set(required):
            mismatches.append(
                f"{kind} {pointer}: schema requires {sorted(node.get('required', ()))}, loader {sorted(required)}"
            )
        if set(node.get("properties", {})) != set(required) | set(optional):
            mismatches.append(
                f"{kind} {pointer}: schema allows {sorted(node.get('properties', {}))}, loader {sorted({*required, *optional})}"
            )
        if node.get("additionalProperties") is not False:
            mismatches.append(
                f"{kind} {pointer}: the loader refuses unknown keys, the schema does not (additionalProperties)"
            )
    return mismatches


def bound_mismatches(calls: list[tuple]) -> list[str]:
    """Where item counts, number ranges, ids, texts or yes/no values differ."""
    mismatches = []
    for kind, method, where, key, *rest in calls:
        if method == "mapping":
            continue
        pointer, node = schema_node(kind, where, key)
        label = f"{kind} {pointer} ({method} {where}.{key})"
        if method == "sequence":
            low, high = rest
            if node.get("type") != "array" or node.get("minItems", 0) != low or node.get("maxItems") != high:
                mismatches.append(
                    f"{label}: schema has {node.get('minItems', 0)}-{node.get('maxItems')} items, loader {low}-{high}"
                )
        elif method == "integer":
            low, high = rest
            if node.get("type") != "integer" or (node.get("minimum"), node.get("maximum")) != (low, high):
                mismatches.append(
                    f"{label}: schema range {node.get('minimum')}-{node.get('maximum')}, loader {low}-{high}"
                )
        elif method == "identifier":
            for value, ok in (("good-id-2", True), ("Bad_Id", False), ("a--b", False), ("", False), (7, False)):
                if accepts(kind, node, value) != ok:
                    mismatches.append(f"{label}: schema {'refuses' if ok else 'accepts'} the id {value!r}")
        elif method == "text":
            (required,) = rest
            for value, ok in (
                ("abc", True),
                ("", False),
                ("   ", False),
                (3, False),
                (True, False),
                ([], False),
                (None, not required),
            ):
                if accepts(kind, node, value) != ok:
                    mismatches.append(f"{label}: schema {'refuses' if ok else 'accepts'} {value!r}")
        elif method == "boolean":
            for value, ok in ((True, True), (False, True), ("yes", False), (None, False), (1, False)):
                if accepts(kind, node, value) != ok:
                    mismatches.append(f"{label}: schema {'refuses' if ok else 'accepts'} {value!r}")
    return mismatches


def test_schema_keys_equal_the_loaders_keys(loader_calls: list[tuple]) -> None:
    assert key_mismatches(loader_calls) == []
    # Every file kind was read, and every mapping the schemas describe is one the loader reads.
    read = {(c[0], schema_node(c[0], c[2])[0]) for c in loader_calls if c[1] == "mapping"}
    kinds = SCHEMAS + ASSESSMENT_SCHEMAS
    described = {(kind, pointer) for kind in kinds for pointer in described_mappings(kind)}
    assert described - read == set(), (
        f"the schemas describe mappings the loader never reads: {sorted(described - read)}"
    )
    assert {kind for kind, _ in read} == set(kinds)


def test_schema_bounds_and_kinds_equal_the_loaders(loader_calls: list[tuple]) -> None:
    kinds = {c[1] for c in loader_calls}
    assert kinds == {"mapping", "sequence", "integer", "identifier", "text", "boolean"}, kinds
    assert bound_mismatches(loader_calls) == []


def test_the_checks_catch_a_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key the loader learns and the schema does not, or a bound that moves, fails."""
    import kursus.content.loader as loader

    monkeypatch.setattr(loader, "_LESSON_OPTIONAL", (*loader._LESSON_OPTIONAL, "audience"))
    spy = LoaderSpy(monkeypatch)
    validate_dir(FIXTURE_LESSONS)
    assert any("audience" in m and "schema allows" in m for m in key_mismatches(spy.calls))
    moved = [
        ("lesson", "sequence", "scenarios[1]", "choices", 3, 9),
        ("lesson", "integer", "lesson", "minutes", 1, 9999),
        ("lesson", "text", "scenarios[1].choices[1]", "feedback", False),
    ]
    assert len(bound_mismatches(moved)) == 3
    with pytest.raises(AssertionError, match="no key 'audience'"):
        schema_node("lesson", "lesson", "audience")


# --- broken documents: refused by the schema and by `kursus validate` ------------------


def _first_scenario(doc: dict) -> dict:
    return doc["scenarios"][0]


def _drop_choice(doc: dict) -> None:
    choices = _first_scenario(doc)["choices"]
    choices.remove(next(c for c in choices if c["rating"] != "best" and "next" not in c))


def _add_choices(doc: dict) -> None:
    choices = _first_scenario(doc)["choices"]
    for letter in "defg"[: 5 - len(choices)]:
        choices.append({"id": letter, "text": "Ekstra", "rating": "wrong", "feedback": "Ekstra feedback."})


def _no_best(doc: dict) -> None:
    for choice in _first_scenario(doc)["choices"]:
        if choice["rating"] == "best":
            choice["rating"] = "partial"


def _set(path: tuple, value: Any) -> Callable[[Any], None]:
    def change(doc: Any) -> None:
        for step in path[:-1]:
            doc = doc[step]
        doc[path[-1]] = value

    return change


def _delete(path: tuple) -> Callable[[Any], None]:
    def change(doc: Any) -> None:
        for step in path[:-1]:
            doc = doc[step]
        del doc[path[-1]]

    return change


# (case name, file, change, what `kursus validate` says, the schema keyword that refuses it)
BROKEN = [
    ("lesson missing key", "lesson", _delete(("summary",)), "missing key 'summary'", "required"),
    (
        "choice missing feedback",
        "lesson",
        _delete(("scenarios", 0, "choices", 2, "feedback")),
        "missing key 'feedback'",
        "required",
    ),
    ("practice missing task", "lesson", _delete(("practice", "task")), "missing key 'task'", "required"),
    ("lesson unknown key", "lesson", _set(("author",), "Mette"), "unknown key 'author'", "additionalProperties"),
    (
        "scenario unknown key",
        "lesson",
        _set(("scenarios", 0, "hint"), "Tænk"),
        "unknown key 'hint'",
        "additionalProperties",
    ),
    (
        "choice unknown key",
        "lesson",
        _set(("scenarios", 0, "choices", 1, "score"), 1),
        "unknown key 'score'",
        "additionalProperties",
    ),
    ("bad rating", "lesson", _set(("scenarios", 0, "choices", 2, "rating"), "good"), "'good' is not one of", "enum"),
    ("no best choice", "lesson", _no_best, "no choice is rated 'best'", "contains"),
    ("bad scenario id", "lesson", _set(("scenarios", 0, "id"), "Første_scenarie"), "is not a valid id", "pattern"),
    ("bad choice id", "lesson", _set(("scenarios", 0, "choices", 0, "id"), "A"), "is not a valid id", "pattern"),
    ("bad reflection id", "lesson", _set(("reflections", 0, "id"), "r 1"), "is not a valid id", "pattern"),
    ("2 choices", "lesson", _drop_choice, "has 2 items, expected 3-4", "minItems"),
    ("5 choices", "lesson", _add_choices, "has 5 items, expected 3-4", "maxItems"),
    ("no objectives", "lesson", _set(("objectives",), []), "has 0 items, expected at least 1", "minItems"),
    ("minutes as text", "lesson", _set(("minutes",), "ti"), "expected a whole number", "type"),
    ("minutes as yes", "lesson", _set(("minutes",), True), "expected a whole number", "type"),
    ("minutes out of range", "lesson", _set(("minutes",), 0), "is outside 1-240", "minimum"),
    ("objectives as text", "lesson", _set(("objectives",), "Du kan det hele"), "expected a list", "type"),
    ("title as number", "lesson", _set(("title",), 42), "expected non-empty text", "type"),
    (
        "empty feedback",
        "lesson",
        _set(("scenarios", 0, "choices", 1, "feedback"), "   "),
        "expected non-empty text",
        "pattern",
    ),
    ("follow_up as text", "lesson", _set(("scenarios", 1, "follow_up"), "ja"), "expected true or false", "type"),
    ("page as text", "lesson", _set(("body", 0), "Bare tekst"), "expected a mapping", "type"),
    ("links as nothing", "lesson", _set(("links",), None), "expected a list", "type"),
    ("course missing version", "course", _delete(("version",)), "missing key 'version'", "required"),
    (
        "course unknown key",
        "course",
        _set(("modules", 0, "icon"), "star"),
        "unknown key 'icon'",
        "additionalProperties",
    ),
    ("course bad module id", "course", _set(("modules", 0, "id"), "Start"), "is not a valid id", "pattern"),
    ("course version as text", "course", _set(("version",), "tre"), "expected a whole number", "type"),
    ("course title without en", "course", _delete(("title", "en")), "missing key 'en'", "required"),
    ("glossary term without en", "glossary", _delete(("terms", 0, "en")), "missing key 'en'", "required"),
    (
        "glossary unknown key",
        "glossary",
        _set(("terms", 0, "da", "note"), "x"),
        "unknown key 'note'",
        "additionalProperties",
    ),
    ("glossary bad id", "glossary", _set(("terms", 0, "id"), "Co Driver"), "is not a valid id", "pattern"),
    ("glossary no terms", "glossary", _set(("terms",), []), "has 0 items", "minItems"),
]


def _targets(folder: Path, kind: str) -> list[Path]:
    """The files a change applies to: a lesson is changed alike in both languages, so
    the validator's complaint is the change itself, not a parity difference."""
    if kind == "lesson":
        return [folder / lang / "alpha.yaml" for lang in LANGUAGES]
    return [folder / f"{kind}.yaml"]


def _rewrite(path: Path, change: Callable[[Any], None] | None) -> Any:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if change is not None:
        change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def _kursus_validate(folder: Path, capsys: pytest.CaptureFixture) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["validate", str(folder)])
    return code, capsys.readouterr().out.splitlines()


def test_the_unbroken_documents_pass_both(lessons_copy: Path, capsys: pytest.CaptureFixture) -> None:
    """The control: the same round trip with no change passes the schema and the validator."""
    for kind in SCHEMAS:
        for path in _targets(lessons_copy, kind):
            assert schema_errors(kind, _rewrite(path, None)) == []
    code, out = _kursus_validate(lessons_copy, capsys)
    assert code == 0, out


@pytest.mark.parametrize(("case", "kind", "change", "message", "keyword"), BROKEN, ids=[c[0] for c in BROKEN])
def test_a_broken_document_is_refused_by_both(
    case: str,
    kind: str,
    change: Callable,
    message: str,
    keyword: str,
    lessons_copy: Path,
    capsys: pytest.CaptureFixture,
) -> None:
    targets = _targets(lessons_copy, kind)
    for path in targets:
        data = _rewrite(path, change)
        errors = schema_errors(kind, data)
        assert errors, f"{case}: {kind}.schema.json accepts {path.relative_to(lessons_copy)}"
        assert keyword in {e.validator for e in errors}, f"{case}: wanted a '{keyword}' error, got:\n{describe(errors)}"

    code, out = _kursus_validate(lessons_copy, capsys)
    assert code == 2, f"{case}: kursus validate accepts it"
    for path in targets:
        assert any(line.startswith(f"{path}:") and message in line for line in out), (
            f"{case}: kursus validate does not say {message!r} for {path}:\n" + "\n".join(out)
        )
