"""Building the self-assessment and the phase finder from their YAML files.

Like the lesson loader: one pass records every problem (`path:line: message`) and still
returns what it could build; `load_*` raise ContentError when anything is wrong. Both
files are optional for a course (the test course has none): `load_*` return None when
the file is absent, and the app then does not offer the feature.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from kursus.assessment.models import (
    COMPETENCE_COUNT,
    MAX_COMPETENCE_NAME,
    NEXT_STEP_COUNT,
    PHASE_COUNT,
    SCALE_POINTS,
    Competence,
    FinderRules,
    Option,
    Phase,
    PhaseFinder,
    Question,
    SelfAssessment,
)
from kursus.content.fields import ID_PATTERN, FileReader
from kursus.content.problems import ContentError, Problem
from kursus.content.yaml_source import LocatedDict, YamlError, load_located
from kursus.vocabulary import LANGUAGES, PHASE_FINDER_FILE, SELF_ASSESSMENT_FILE

MIN_QUESTIONS, MAX_QUESTIONS = 10, 16
MAX_OPTIONS = 5
_RULES = ("neighbour_margin", "unfinished_below", "confidence_high", "confidence_medium", "unknown")


def _read(path: Path, problems: list[Problem]) -> Any:
    try:
        return load_located(path)
    except YamlError as exc:
        problems.append(Problem(path, exc.line, exc.message))
        return None


def _languages(reader: FileReader, data: LocatedDict, where: str, keys: tuple[str, ...]) -> dict[str, LocatedDict]:
    """The per-language blocks (`da: {...}`, `en: {...}`) that are mappings with `keys`."""
    blocks = {}
    for code in LANGUAGES:
        if code in data:
            block = reader.mapping(data[code], f"{where}.{code}", data.line_of(code), keys)
            if block is not None:
                blocks[code] = block
    return blocks


def _lesson_check(
    reader: FileReader, data: LocatedDict, where: str, lesson: str, lesson_ids: Sequence[str] | None
) -> None:
    if lesson and lesson_ids is not None and lesson not in lesson_ids:
        reader.problem(data.line_of("lesson"), f"{where}.lesson: '{lesson}' is not a lesson of the course")


# --- self-assessment.yaml ------------------------------------------------------------------


def build_self_assessment(
    path: Path, lang: str, problems: list[Problem], lesson_ids: Sequence[str] | None = None
) -> SelfAssessment | None:
    """The self-assessment in `lang`; None if the file has any problem (all recorded).
    `lesson_ids`: the course's lessons in order (each competence's lesson must be one,
    and the competences must follow the course's order, which is the seed's)."""
    before = len(problems)
    data = _read(path, problems)
    if data is None:
        return None
    reader = FileReader(path, problems)
    top = reader.mapping(data, "self-assessment", 1, ("scale", "competences"))
    if top is None:
        return None
    scale: tuple[str, ...] = ()
    if "scale" in top:
        scale_map = reader.mapping(top["scale"], "self-assessment.scale", top.line_of("scale"), LANGUAGES)
        if scale_map is not None:
            for code in LANGUAGES:
                names = reader.text_list(scale_map, code, "self-assessment.scale", low=SCALE_POINTS, high=SCALE_POINTS)
                if code == lang:
                    scale = names
    items = reader.sequence(top, "competences", "self-assessment", low=COMPETENCE_COUNT, high=COMPETENCE_COUNT)
    competences, ids, positions = [], [], []
    for index, item in enumerate(items):
        where = f"competences[{index + 1}]"
        entry = reader.mapping(item, where, items.line_of(index), ("id", "lesson", *LANGUAGES))
        if entry is None:
            continue
        competence_id = reader.identifier(entry, "id", where)
        ids.append((competence_id, entry.line_of("id")))
        lesson = reader.identifier(entry, "lesson", where)
        _lesson_check(reader, entry, where, lesson, lesson_ids)
        if lesson_ids is not None and lesson in lesson_ids:
            positions.append((lesson_ids.index(lesson), competence_id, entry.line_of("lesson")))
        chosen = None
        for code, block in _languages(reader, entry, where, ("name", "statement", "levels", "next_steps")).items():
            block_where = f"{where}.{code}"
            name = reader.text(block, "name", block_where)
            if len(name) > MAX_COMPETENCE_NAME:
                reader.problem(
                    block.line_of("name"),
                    f"{block_where}.name: {len(name)} characters, at most {MAX_COMPETENCE_NAME}",
                )
            competence = Competence(
                id=competence_id,
                lesson=lesson,
                name=name,
                statement=reader.text(block, "statement", block_where),
                levels=reader.text_list(block, "levels", block_where, low=SCALE_POINTS, high=SCALE_POINTS),
                next_steps=reader.text_list(
                    block, "next_steps", block_where, low=NEXT_STEP_COUNT, high=NEXT_STEP_COUNT
                ),
            )
            if code == lang:
                chosen = competence
        if chosen is not None:
            competences.append(chosen)
    reader.unique(ids, "competence")
    for (earlier, earlier_id, _), (later, later_id, line) in pairwise(positions):
        if later <= earlier:
            reader.problem(
                line,
                f"competence '{later_id}' comes after '{earlier_id}' here but its lesson is not after "
                "that competence's lesson in the course (keep the seed's order)",
            )
    if len(problems) != before:
        return None
    return SelfAssessment(lang=lang, scale=scale, competences=tuple(competences))


# --- phase-finder.yaml ---------------------------------------------------------------------


def build_phase_finder(
    path: Path, lang: str, problems: list[Problem], lesson_ids: Sequence[str] | None = None
) -> PhaseFinder | None:
    """The phase finder in `lang`; None if the file has any problem (all recorded)."""
    before = len(problems)
    data = _read(path, problems)
    if data is None:
        return None
    reader = FileReader(path, problems)
    top = reader.mapping(data, "phase-finder", 1, ("rules", "options", "phases", "questions"))
    if top is None:
        return None
    options = _options(reader, top, lang)
    rules = _rules(reader, top, options)
    phases = _phases(reader, top, lang, lesson_ids)
    questions = _questions(reader, top, lang, options)
    covered = {q.phase for q in questions}
    if "phases" in top and "questions" in top:
        for number in range(1, PHASE_COUNT + 1):
            if number not in covered:
                reader.problem(top.line_of("questions"), f"phase {number} has no question")
    if len(problems) != before or rules is None:
        return None
    return PhaseFinder(lang=lang, phases=phases, questions=questions, rules=rules)


def _options(reader: FileReader, top: LocatedDict, lang: str) -> dict[str, tuple[Option, int]]:
    """Option id -> (the option in `lang`, its line)."""
    items = reader.sequence(top, "options", "phase-finder", low=2)
    found: dict[str, tuple[Option, int]] = {}
    ids = []
    for index, item in enumerate(items):
        where = f"options[{index + 1}]"
        entry = reader.mapping(item, where, items.line_of(index), ("id", "label"), ("done",))
        if entry is None:
            continue
        option_id = reader.identifier(entry, "id", where)
        ids.append((option_id, entry.line_of("id")))
        label = ""
        if "label" in entry:
            labels = reader.mapping(entry["label"], f"{where}.label", entry.line_of("label"), LANGUAGES)
            if labels is not None:
                for code in LANGUAGES:
                    text = reader.text(labels, code, f"{where}.label")
                    label = text if code == lang else label
        done = reader.integer(entry, "done", where, 0, 100) if "done" in entry else None
        if option_id:
            found.setdefault(option_id, (Option(option_id, label, done), entry.line))
    reader.unique(ids, "option")
    return found


def _rules(reader: FileReader, top: LocatedDict, options: dict[str, tuple[Option, int]]) -> FinderRules | None:
    if "rules" not in top:
        return None
    data = reader.mapping(top["rules"], "rules", top.line_of("rules"), _RULES)
    if data is None:
        return None
    high = reader.integer(data, "confidence_high", "rules", 0, 100)
    medium = reader.integer(data, "confidence_medium", "rules", 0, 100)
    if "confidence_high" in data and "confidence_medium" in data and medium > high:
        reader.problem(data.line_of("confidence_medium"), f"rules.confidence_medium: {medium} is above confidence_high")
    unknown = reader.identifier(data, "unknown", "rules")
    if unknown and options and unknown not in options:
        reader.problem(data.line_of("unknown"), f"rules.unknown: option '{unknown}' is not one of the options")
    for option_id, (option, line) in options.items():
        if option_id == unknown and option.done is not None:
            reader.problem(line, f"option '{option_id}' is the unknown answer (rules.unknown): it must have no 'done'")
        elif option_id != unknown and option.done is None:
            reader.problem(line, f"option '{option_id}': missing key 'done' (only rules.unknown has none)")
    return FinderRules(
        neighbour_margin=reader.integer(data, "neighbour_margin", "rules", 0, 100),
        unfinished_below=reader.integer(data, "unfinished_below", "rules", 0, 100),
        confidence_high=high,
        confidence_medium=medium,
        unknown=unknown,
    )


def _phases(reader: FileReader, top: LocatedDict, lang: str, lesson_ids: Sequence[str] | None) -> tuple[Phase, ...]:
    items = reader.sequence(top, "phases", "phase-finder", low=PHASE_COUNT, high=PHASE_COUNT)
    phases = []
    for index, item in enumerate(items):
        where = f"phases[{index + 1}]"
        entry = reader.mapping(item, where, items.line_of(index), ("number", "lesson", *LANGUAGES))
        if entry is None:
            continue
        number = reader.integer(entry, "number", where, 1, PHASE_COUNT)
        if "number" in entry and number != index + 1 and 1 <= number <= PHASE_COUNT:
            reader.problem(
                entry.line_of("number"), f"{where}.number: expected {index + 1} (phases in order), found {number}"
            )
        lesson = reader.identifier(entry, "lesson", where)
        _lesson_check(reader, entry, where, lesson, lesson_ids)
        chosen = None
        for code, block in _languages(reader, entry, where, ("name", "next", "tools")).items():
            block_where = f"{where}.{code}"
            phase = Phase(
                number=number,
                lesson=lesson,
                name=reader.text(block, "name", block_where),
                next_steps=reader.text_list(block, "next", block_where, low=1),
                tools=reader.text_list(block, "tools", block_where, low=1),
            )
            if code == lang:
                chosen = phase
        if chosen is not None:
            phases.append(chosen)
    return tuple(phases)


def _questions(
    reader: FileReader, top: LocatedDict, lang: str, options: dict[str, tuple[Option, int]]
) -> tuple[Question, ...]:
    items = reader.sequence(top, "questions", "phase-finder", low=MIN_QUESTIONS, high=MAX_QUESTIONS)
    questions, ids = [], []
    for index, item in enumerate(items):
        where = f"questions[{index + 1}]"
        entry = reader.mapping(item, where, items.line_of(index), ("id", "phase", "options", "text"))
        if entry is None:
            continue
        question_id = reader.identifier(entry, "id", where)
        ids.append((question_id, entry.line_of("id")))
        phase = entry.get("phase")
        if "phase" in entry and (type(phase) is not int or not 1 <= phase <= PHASE_COUNT):
            reader.problem(
                entry.line_of("phase"), f"{where}.phase: unknown phase '{phase}' (phases are 1-{PHASE_COUNT})"
            )
            phase = 0
        chosen_options = []
        option_ids = reader.text_list(entry, "options", where, low=2, high=MAX_OPTIONS)
        for option_id in option_ids:
            if option_id in options:
                chosen_options.append(options[option_id][0])
            elif options or not ID_PATTERN.match(option_id):
                reader.problem(entry.line_of("options"), f"{where}.options: '{option_id}' is not one of the options")
        if len(set(option_ids)) != len(option_ids):
            reader.problem(entry.line_of("options"), f"{where}.options: an option is listed twice")
        if chosen_options and not any(o.known for o in chosen_options):
            reader.problem(entry.line_of("options"), f"{where}.options: every option is the unknown answer")
        text = ""
        if "text" in entry:
            texts = reader.mapping(entry["text"], f"{where}.text", entry.line_of("text"), LANGUAGES)
            if texts is not None:
                for code in LANGUAGES:
                    value = reader.text(texts, code, f"{where}.text")
                    text = value if code == lang else text
        questions.append(
            Question(
                id=question_id, phase=phase if isinstance(phase, int) else 0, text=text, options=tuple(chosen_options)
            )
        )
    reader.unique(ids, "question")
    return tuple(questions)


# --- the app's entry points -------------------------------------------------------------


def load_self_assessment(
    lessons_dir: Path, lang: str, lesson_ids: Sequence[str] | None = None
) -> SelfAssessment | None:
    """The self-assessment in `lang`, None if the course has no such file. Raises
    ContentError listing every problem."""
    return _load(lessons_dir / SELF_ASSESSMENT_FILE, build_self_assessment, lang, lesson_ids)


def load_phase_finder(lessons_dir: Path, lang: str, lesson_ids: Sequence[str] | None = None) -> PhaseFinder | None:
    """The phase finder in `lang`, None if the course has no such file. Raises
    ContentError listing every problem."""
    return _load(lessons_dir / PHASE_FINDER_FILE, build_phase_finder, lang, lesson_ids)


_Built = TypeVar("_Built")


def _load(
    path: Path,
    build: Callable[[Path, str, list[Problem], Sequence[str] | None], _Built | None],
    lang: str,
    lesson_ids: Sequence[str] | None,
) -> _Built | None:
    if not path.is_file():
        return None
    problems: list[Problem] = []
    built = build(path, lang, problems, lesson_ids)
    if problems or built is None:
        raise ContentError(sorted(problems))
    return built
