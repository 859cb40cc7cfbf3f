"""Structural guards over the shipped scenarios, in Danish and in English.

A learner should find the best answer by thinking about the situation, not by spotting a
pattern in how the answers are written. Each guard measures one such pattern over the
whole course (main scenarios and follow-ups alike) and lists the offending scenarios in
its failure message:

1. Longest answer: the best answer is the strictly longest option in at most 40% of the
   scenarios.
2. Position: in the 4-choice scenarios no position (1st-4th) holds the best answer in
   more than 35% of the scenarios, and none in fewer than 15%.
3. Justification markers: wrong and partial options do not argue for themselves
   ("..., så", "fordi", "because", "since" ...) much more often than the best ones: at
   most 10% of them carry a marker, and their share is at most 1.5 x the best options'
   share + 5 points.
4. Near-duplicates: no two scenarios in the course tell nearly the same story (see
   `near_duplicates`).
5. Multi-step: every phase lesson f1-f8 has at least one main scenario with a choice whose
   `next` leads to a follow-up scenario.
6. Knowledge checks: in every lesson at least a third of the scenarios (follow-ups
   included, rounded up) are marked `knowledge_check: true`: their best answer hinges on
   a fact of the model that the lesson teaches (issue 13: "at least a third of the
   scenarios hinge on what the course teaches about this model"). Whether they really
   cannot be guessed is measured with readers (bench/readers), not here.

The guard functions take a `Course` (as `kursus.content.load_course` builds it) and
return a `GuardResult`; the second half of this file runs each of them on small synthetic
courses to show that it fails on a bad example and passes on a good one.
"""

from __future__ import annotations

import difflib
import itertools
import random
import re
import zlib
from dataclasses import dataclass, field
from functools import cache

import pytest

from kursus.content import Choice, Course, Lesson, Rating, Scenario, load_course
from kursus.content.models import Module, Page, Practice, Reflection
from kursus.locations import shipped_lessons_dir

LANGS = ("da", "en")

LONGEST_BEST_MAX = 0.40
POSITION_MIN, POSITION_MAX = 0.15, 0.35
MARKER_MAX = 0.10
MARKER_FACTOR, MARKER_SLACK = 1.5, 0.05
DUPLICATE_RATIO = 0.6
DUPLICATE_RUN_WORDS = 25
DUPLICATE_INTRO_SHARE = 0.5

MARKERS = {
    "da": (", så", "fordi", " jo ", "trods alt", "selvom"),
    "en": (", so", "so that", "because", "after all", "since", "even though"),
}


@dataclass
class GuardResult:
    ok: bool
    summary: str
    offenders: list[str] = field(default_factory=list)

    def message(self) -> str:
        return "\n".join([self.summary, *(f"  {line}" for line in self.offenders)])


def all_scenarios(course: Course) -> list[tuple[str, Scenario]]:
    """(label, scenario) for every scenario of the course in course order."""
    return [
        (f"{course.lang}/{lesson_id}/{scenario.id}", scenario)
        for lesson_id in course.lesson_order
        if lesson_id in course.lessons
        for scenario in course.lessons[lesson_id].scenarios
    ]


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def _percent(share: float) -> str:
    return f"{share:.1%}".replace(".0%", "%")


# --- 1. the best answer is not simply the longest -------------------------------------


def longest_best(course: Course, limit: float = LONGEST_BEST_MAX) -> GuardResult:
    """Scenarios whose best answer is longer (in characters) than every other option."""
    scenarios = all_scenarios(course)
    offenders = []
    for label, scenario in scenarios:
        for choice in scenario.choices:
            others = [_length(c.text) for c in scenario.choices if c is not choice]
            if choice.rating is Rating.BEST and others and _length(choice.text) > max(others):
                offenders.append(
                    f"{label}: best '{choice.id}' has {_length(choice.text)} characters, the next longest {max(others)}"
                )
                break
    share = len(offenders) / len(scenarios) if scenarios else 0.0
    return GuardResult(
        ok=share <= limit,
        summary=f"{course.lang}: the best answer is the strictly longest in {len(offenders)} of {len(scenarios)} scenarios "
        f"({_percent(share)}, at most {_percent(limit)} allowed)",
        offenders=offenders,
    )


# --- 2. the best answer is not always in the same place -------------------------------


def position_balance(course: Course, low: float = POSITION_MIN, high: float = POSITION_MAX) -> GuardResult:
    """Where the best answer sits in the 4-choice scenarios (a scenario with two best
    answers counts at both places)."""
    four = [(label, s) for label, s in all_scenarios(course) if len(s.choices) == 4]
    at: dict[int, list[str]] = {position: [] for position in range(4)}
    for label, scenario in four:
        for position, choice in enumerate(scenario.choices):
            if choice.rating is Rating.BEST:
                at[position].append(f"{label} (best '{choice.id}')")
    total = len(four)
    shares = {position: len(labels) / total if total else 0.0 for position, labels in at.items()}
    offenders = []
    for position, share in shares.items():
        if share > high:
            offenders.append(
                f"position {position + 1} holds the best answer in {len(at[position])} of {total} ({_percent(share)} > {_percent(high)}):"
            )
            offenders += [f"  {label}" for label in at[position]]
        elif share < low:
            offenders.append(
                f"position {position + 1} holds the best answer in only {len(at[position])} of {total} ({_percent(share)} < {_percent(low)})"
            )
    counts = ", ".join(f"{p + 1}: {len(at[p])} ({_percent(shares[p])})" for p in range(4))
    return GuardResult(
        ok=not offenders,
        summary=f"{course.lang}: best answer by position in {total} four-choice scenarios: {counts}; "
        f"wanted {_percent(low)}-{_percent(high)} each",
        offenders=offenders,
    )


# --- 3. wrong answers do not argue for themselves -------------------------------------


def marker_pattern(marker: str) -> re.Pattern[str]:
    """A marker as a case-insensitive pattern: word edges where the marker starts or ends
    with a letter (so 'since' is not found in 'sincere' nor ', so' in ', some'), any
    whitespace between its words (' jo ' matches 'jo' as a word)."""
    words = marker.strip().split()
    pattern = r"\s+".join(re.escape(word) for word in words)
    if re.match(r"\w", words[0]):
        pattern = r"\b" + pattern
    if re.search(r"\w$", words[-1]):
        pattern += r"\b"
    return re.compile(pattern, re.IGNORECASE)


def markers_in(text: str, lang: str) -> list[str]:
    return [marker.strip() for marker in MARKERS[lang] if marker_pattern(marker).search(text)]


def justification_markers(
    course: Course, limit: float = MARKER_MAX, factor: float = MARKER_FACTOR, slack: float = MARKER_SLACK
) -> GuardResult:
    """The share of wrong/partial options that carry a justification marker, against the
    same share among the best options."""
    best, other = [], []
    offenders = []
    for label, scenario in all_scenarios(course):
        for choice in scenario.choices:
            found = markers_in(choice.text, course.lang)
            (best if choice.rating is Rating.BEST else other).append(bool(found))
            if found and choice.rating is not Rating.BEST:
                offenders.append(
                    f"{label}/{choice.id} ({choice.rating.value}): {', '.join(repr(m) for m in found)}: {' '.join(choice.text.split())}"
                )
    other_share = sum(other) / len(other) if other else 0.0
    best_share = sum(best) / len(best) if best else 0.0
    ceiling = min(limit, factor * best_share + slack)
    return GuardResult(
        ok=other_share <= ceiling,
        summary=f"{course.lang}: {sum(other)} of {len(other)} wrong/partial options carry a justification marker "
        f"({_percent(other_share)}), against {sum(best)} of {len(best)} best options ({_percent(best_share)}); "
        f"allowed: at most {_percent(limit)} and at most {factor} x {_percent(best_share)} + {slack * 100:.0f} points "
        f"= {_percent(ceiling)}",
        offenders=offenders,
    )


# --- 4. no scenario is a near-copy of another -------------------------------------------


def words_of(text: str) -> list[str]:
    """Lowercase words, punctuation and Markdown dropped."""
    return re.findall(r"\w+", text.lower())


def scenario_words(scenario: Scenario) -> list[str]:
    """The situation and the options as one list of words."""
    return words_of(" ".join([scenario.situation, *(c.text for c in scenario.choices)]))


def shared_intro(a: Scenario, b: Scenario, share: float = DUPLICATE_INTRO_SHARE) -> int:
    """The number of words both situations open with, if that shared opening is a case
    introduction (less than `share` of the shorter situation), else 0."""
    words_a, words_b = words_of(a.situation), words_of(b.situation)
    length = 0
    for x, y in zip(words_a, words_b):
        if x != y:
            break
        length += 1
    return length if length < share * min(len(words_a), len(words_b)) else 0


def near_duplicates(course: Course, ratio: float = DUPLICATE_RATIO, run: int = DUPLICATE_RUN_WORDS) -> GuardResult:
    """Pairs of scenarios (anywhere in the course) whose situation + options are nearly
    the same text.

    Both measures work on words, not characters: a character-level comparison of two
    texts in the same language finds the same letters and short function words
    everywhere, and difflib's autojunk heuristic distorts it on texts over 200 characters.
    On words, two unrelated scenarios of the course score about 0.1-0.3. A pair is a
    near-duplicate when

    - difflib.SequenceMatcher(autojunk=False).ratio() of the two word lists is >= 0.6
      (most of the text is the same, in the same order: a copy with a few words changed),
    - or, after a shared case introduction is set aside, the two still share a run of
      >= 25 consecutive words (a copied passage or option with new text around it).

    The course reuses a few cases on purpose, and their scenarios open with the same
    introduction ("You lead the network on young people on their way into education. Your
    reference leader is Lise Brandt, ..." is 37 words). An opening that both situations
    share word for word counts as such an introduction when it is less than half of the
    shorter situation; a longer shared opening is a copied situation and is not set aside.
    Shared settings that are not at the very start ("Du leder et velfærdsnetværk om ...")
    run 12-18 words in the course, well under 25.
    """
    items = [(label, s, scenario_words(s)) for label, s in all_scenarios(course)]
    offenders = []
    for (label_a, a, words_a), (label_b, b, words_b) in itertools.combinations(items, 2):
        matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
        similarity = matcher.ratio()
        intro = shared_intro(a, b)
        rest = difflib.SequenceMatcher(None, words_a[intro:], words_b[intro:], autojunk=False) if intro else matcher
        longest = max(rest.get_matching_blocks(), key=lambda block: block.size)
        if similarity >= ratio or longest.size >= run:
            shared = " ".join(words_a[intro + longest.a : intro + longest.a + min(longest.size, 12)])
            offenders.append(
                f"{label_a} ~ {label_b}: similarity {similarity:.2f}, longest shared run {longest.size} words "
                f"('{shared}{' ...' if longest.size > 12 else ''}')"
                + (f" after a shared {intro}-word introduction" if intro else "")
            )
    return GuardResult(
        ok=not offenders,
        summary=f"{course.lang}: {len(offenders)} near-duplicate pair(s) among {len(items)} scenarios "
        f"(word similarity >= {ratio} or a shared run of >= {run} words)",
        offenders=offenders,
    )


# --- 5. every phase lesson has a scenario in more than one step ------------------------

PHASE_LESSON = re.compile(r"^f([1-8])-")


def multi_step_scenarios(lesson: Lesson) -> list[str]:
    """Main scenarios with a choice whose `next` leads to a follow-up scenario."""
    follow_ups = {s.id for s in lesson.scenarios if s.follow_up}
    return [
        s.id for s in lesson.main_scenarios if any(choice.next in follow_ups for choice in s.choices if choice.next)
    ]


def phase_lessons_branch(course: Course) -> GuardResult:
    phases = {int(m.group(1)): lid for lid in course.lesson_order if (m := PHASE_LESSON.match(lid))}
    offenders = []
    for number in range(1, 9):
        lesson_id = phases.get(number)
        if lesson_id is None or lesson_id not in course.lessons:
            offenders.append(f"{course.lang}: no lesson for phase {number} (an id starting with 'f{number}-')")
            continue
        lesson = course.lessons[lesson_id]
        if not multi_step_scenarios(lesson):
            follow_ups = [s.id for s in lesson.scenarios if s.follow_up]
            offenders.append(
                f"{course.lang}/{lesson_id}: no main scenario leads to a follow-up "
                f"({len(lesson.scenarios)} scenarios, follow-ups: {follow_ups or 'none'})"
            )
    return GuardResult(
        ok=not offenders,
        summary=f"{course.lang}: {8 - len(offenders)} of 8 phase lessons have a multi-step scenario",
        offenders=offenders,
    )


# --- 6. at least a third of every lesson's scenarios are knowledge checks --------------

KNOWLEDGE_SHARE = 3  # at least 1 in 3, rounded up


def knowledge_checks(course: Course) -> GuardResult:
    offenders, marked, total = [], 0, 0
    for lesson_id in course.lesson_order:
        lesson = course.lessons[lesson_id]
        count = sum(1 for s in lesson.scenarios if s.knowledge_check)
        wanted = -(-len(lesson.scenarios) // KNOWLEDGE_SHARE)
        marked, total = marked + count, total + len(lesson.scenarios)
        if count < wanted:
            offenders.append(
                f"{course.lang}/{lesson_id}: {count} of {len(lesson.scenarios)} scenarios are knowledge checks, "
                f"at least {wanted} wanted"
            )
    return GuardResult(
        ok=not offenders,
        summary=f"{course.lang}: {marked} of {total} scenarios are knowledge checks; "
        f"{len(offenders)} lesson(s) have fewer than a third",
        offenders=offenders,
    )


GUARDS = {
    "longest_best": longest_best,
    "position_balance": position_balance,
    "justification_markers": justification_markers,
    "near_duplicates": near_duplicates,
    "phase_lessons_branch": phase_lessons_branch,
    "knowledge_checks": knowledge_checks,
}


# --- the guards on the shipped course --------------------------------------------------


@cache
def shipped(lang: str) -> Course:
    return load_course(shipped_lessons_dir(), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_best_answer_is_not_usually_the_longest(lang: str) -> None:
    result = longest_best(shipped(lang))
    assert result.ok, result.message()


@pytest.mark.parametrize("lang", LANGS)
def test_best_answer_positions_are_balanced(lang: str) -> None:
    result = position_balance(shipped(lang))
    assert result.ok, result.message()


@pytest.mark.parametrize("lang", LANGS)
def test_wrong_answers_do_not_justify_themselves(lang: str) -> None:
    result = justification_markers(shipped(lang))
    assert result.ok, result.message()


@pytest.mark.parametrize("lang", LANGS)
def test_no_near_duplicate_scenarios(lang: str) -> None:
    result = near_duplicates(shipped(lang))
    assert result.ok, result.message()


@pytest.mark.parametrize("lang", LANGS)
def test_every_phase_lesson_has_a_multi_step_scenario(lang: str) -> None:
    result = phase_lessons_branch(shipped(lang))
    assert result.ok, result.message()


@pytest.mark.parametrize("lang", LANGS)
def test_a_third_of_every_lesson_are_knowledge_checks(lang: str) -> None:
    result = knowledge_checks(shipped(lang))
    assert result.ok, result.message()


# --- the guards on synthetic courses -------------------------------------------------------

VOCABULARY = [
    "netværk",
    "deltager",
    "leder",
    "møde",
    "tema",
    "borger",
    "skole",
    "jobcenter",
    "plan",
    "idé",
    "test",
    "aftale",
    "kollega",
    "afdeling",
    "referat",
    "opgave",
    "forslag",
    "spørgsmål",
    "uge",
    "måned",
    "kommune",
    "forløb",
    "rolle",
    "grænse",
    "data",
    "erfaring",
    "ønske",
    "bekymring",
    "ressource",
    "tid",
    "budget",
    "gruppe",
    "dialog",
    "indsats",
    "mål",
    "retning",
]


def prose(seed: int, words: int = 40) -> str:
    """Deterministic filler text that shares no long runs with other seeds."""
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCABULARY) for _ in range(words)) + "."


def choice(cid: str, text: str, rating: str = "wrong", next: str | None = None) -> Choice:
    return Choice(id=cid, text=text, rating=Rating(rating), feedback="Feedback.", next=next)


def scenario(
    sid: str, choices: list[Choice], situation: str | None = None, follow_up: bool = False, knowledge: bool = False
) -> Scenario:
    return Scenario(
        id=sid,
        title=sid,
        situation=situation if situation is not None else prose(zlib.crc32(sid.encode())),
        question="Hvad gør du?",
        choices=tuple(choices),
        follow_up=follow_up,
        knowledge_check=knowledge,
    )


def lesson(lid: str, scenarios: list[Scenario]) -> Lesson:
    return Lesson(
        id=lid,
        title=lid,
        summary="Resumé.",
        minutes=10,
        objectives=("Mål 1", "Mål 2"),
        body=(Page("Side", "Tekst."),),
        key_points=("a", "b", "c"),
        scenarios=tuple(scenarios),
        reflections=(Reflection("r1", "?"), Reflection("r2", "?")),
        practice=Practice("Prøv", "Opgave."),
    )


def course_of(lessons: list[Lesson], lang: str = "da") -> Course:
    return Course(
        id="syntetisk",
        version=1,
        title="Syntetisk",
        lang=lang,
        modules=(Module("alt", "Alt", tuple(les.id for les in lessons)),),
        lessons={les.id: les for les in lessons},
    )


def four_choices(best_at: int, seed: int, best_text: str | None = None, texts: list[str] | None = None) -> list[Choice]:
    texts = texts or [prose(seed * 10 + i, 8) for i in range(4)]
    return [
        choice(
            "abcd"[i],
            best_text if (i == best_at and best_text) else texts[i],
            "best" if i == best_at else ("partial" if i == 3 - best_at else "wrong"),
        )
        for i in range(4)
    ]


def unique_course(count: int, make, lang: str = "da") -> Course:
    """`count` scenarios with distinct situations, one lesson per 4 scenarios."""
    scenarios = [scenario(f"s{i}", make(i), situation=prose(1000 + i)) for i in range(count)]
    lessons = [lesson(f"l{n}", scenarios[n : n + 4]) for n in range(0, count, 4)]
    return course_of(lessons, lang)


# 1. longest answer


def _longest_at(share_longest: float, count: int = 20) -> Course:
    longest = round(share_longest * count)

    def make(i: int) -> list[Choice]:
        texts = ["kort svar et", "kort svar to", "kort svar tre", "kort svar fire"]
        best_text = "et meget længere og mere udførligt svar end de andre" if i < longest else "kort svar nu"
        return four_choices(i % 4, i, best_text=best_text, texts=texts)

    return unique_course(count, make)


@pytest.mark.parametrize(
    ("course", "ok"),
    [
        pytest.param(_longest_at(0.5), False, id="best-longest-in-50%"),
        pytest.param(_longest_at(0.45), False, id="best-longest-in-45%"),
        pytest.param(_longest_at(0.4), True, id="best-longest-in-40%"),
        pytest.param(_longest_at(0.1), True, id="best-longest-in-10%"),
    ],
)
def test_longest_best_guard(course: Course, ok: bool) -> None:
    result = longest_best(course)
    assert result.ok is ok, result.message()
    if not ok:
        assert "s0: best" in result.message()


def test_longest_best_needs_strictly_longest() -> None:
    tie = [choice("a", "lige lang", "best"), choice("b", "samme len"), choice("c", "kort")]
    assert _length(tie[0].text) == _length(tie[1].text)
    c = course_of([lesson("l", [scenario("s", tie)])])
    assert longest_best(c).offenders == []
    longer = [choice("a", "lige lange", "best"), *tie[1:]]
    assert len(longest_best(course_of([lesson("l", [scenario("s", longer)])])).offenders) == 1


# 2. position balance


def _positions(counts: tuple[int, int, int, int]) -> Course:
    order = [position for position, n in enumerate(counts) for _ in range(n)]
    return unique_course(len(order), lambda i: four_choices(order[i], i))


@pytest.mark.parametrize(
    ("counts", "ok", "fragment"),
    [
        ((8, 4, 4, 4), False, "position 1 holds the best answer in 8 of 20 (40% > 35%)"),
        ((7, 7, 4, 2), False, "position 4 holds the best answer in only 2 of 20 (10% < 15%)"),
        ((5, 5, 5, 5), True, ""),
        ((7, 3, 5, 5), True, ""),  # 35% and 15% are allowed
    ],
    ids=["first-position-40%", "last-position-10%", "even", "at-the-limits"],
)
def test_position_balance_guard(counts: tuple[int, int, int, int], ok: bool, fragment: str) -> None:
    result = position_balance(_positions(counts))
    assert result.ok is ok, result.message()
    assert fragment in result.message()
    if counts[0] == 8:
        assert "da/l0/s0 (best 'a')" in result.message()


def test_position_balance_ignores_three_choice_scenarios() -> None:
    three = [choice("a", "x", "best"), choice("b", "y"), choice("c", "z")]
    balanced = [s for les in _positions((5, 5, 5, 5)).lessons.values() for s in les.scenarios]
    c = course_of([lesson("l", [scenario(f"t{i}", three) for i in range(10)] + balanced)])
    assert position_balance(c).ok, position_balance(c).message()


# 3. justification markers


def _with_markers(lang: str, other_marked: int, best_marked: int, count: int = 20) -> Course:
    """`count` 4-choice scenarios: 3*count wrong/partial and count best options; the first
    `other_marked` wrong/partial and `best_marked` best options carry a marker."""
    marker = {"da": "Du går videre, så alle kan se planen", "en": "You go on, so everyone sees the plan"}[lang]
    plain = {"da": "Du går videre med planen", "en": "You go on with the plan"}[lang]
    marked_other = iter(range(other_marked))

    def make(i: int) -> list[Choice]:
        out = []
        for position, rating in enumerate(("best", "wrong", "partial", "wrong")):
            if rating == "best":
                text = marker if i < best_marked else plain
            else:
                text = marker if next(marked_other, None) is not None else plain
            out.append(choice("abcd"[position], f"{text} ({i}{position})", rating))
        return out

    return unique_course(count, make, lang)


@pytest.mark.parametrize(
    ("lang", "other_marked", "best_marked", "ok"),
    [
        ("da", 9, 20, False),  # 15% of 60 wrong/partial options: over the 10% ceiling
        ("en", 9, 20, False),
        ("da", 5, 0, False),  # 8%, but no best option has one: over 1.5 x 0% + 5 points
        ("da", 5, 2, True),  # 8% against 10% of the best options
        ("en", 3, 0, True),  # 5%: within 0% x 1.5 + 5 points
        ("da", 0, 0, True),
    ],
    ids=["da-15%", "en-15%", "da-8%-vs-0%", "da-8%-vs-10%", "en-5%-vs-0%", "none"],
)
def test_justification_marker_guard(lang: str, other_marked: int, best_marked: int, ok: bool) -> None:
    result = justification_markers(_with_markers(lang, other_marked, best_marked))
    assert result.ok is ok, result.message()
    assert len(result.offenders) == other_marked
    if other_marked:
        assert "/b (wrong): ', so'" in result.message() or "/b (wrong): ', så'" in result.message()


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("da", "Du siger ja, så mødet kan gå videre", [", så"]),
        ("da", "Du siger ja, fordi det er nemmest", ["fordi"]),
        ("da", "Det er jo deres netværk", ["jo"]),
        ("da", "Du beholder planen trods alt", ["trods alt"]),
        ("da", "Du fortsætter, selvom gruppen tøver", ["selvom"]),
        ("da", "Du joker med det og går videre så snart", []),  # no comma before 'så', no word 'jo'
        ("en", "You agree, so the meeting moves on", [", so"]),
        ("en", "You agree, some of them nod", []),
        ("en", "You ask so that all can speak", ["so that"]),
        ("en", "You wait because they are tired", ["because"]),
        ("en", "It is their network after all", ["after all"]),
        ("en", "Since the plan is set, you go on", ["since"]),
        ("en", "You say a sincere thank you", []),
        ("en", "You go on even\nthough they doubt", ["even though"]),
    ],
)
def test_markers_are_found_as_words(lang: str, text: str, found: list[str]) -> None:
    assert markers_in(text, lang) == found


# 4. near-duplicates


def _pair(second_situation: str, second_choices: list[str], first_situation: str | None = None) -> Course:
    first_situation = first_situation or prose(1, 60)
    first = scenario(
        "original",
        [choice(c, prose(10 + i, 10), "best" if i == 0 else "wrong") for i, c in enumerate("abcd")],
        situation=first_situation,
    )
    second = scenario(
        "kopi",
        [choice(c, t, "best" if i == 0 else "wrong") for i, (c, t) in enumerate(zip("abcd", second_choices))],
        situation=second_situation,
    )
    others = [scenario(f"s{i}", four_choices(i % 4, 100 + i), situation=prose(200 + i, 60)) for i in range(6)]
    return course_of([lesson("l1", [first, *others[:3]]), lesson("l2", [*others[3:], second])])


def _edited(text: str, every: int) -> str:
    """The text with every `every`-th word replaced."""
    return " ".join("ÆNDRET" if i % every == every - 1 else w for i, w in enumerate(text.split()))


ORIGINAL_CHOICES = [prose(10 + i, 10) for i in range(4)]
NEW_CHOICES = [prose(50 + i, 10) for i in range(4)]
ORIGINAL = prose(1, 60)
INTRO = (
    "Du leder netværket om unge på vej i uddannelse. Din referenceleder er Lise Brandt, jobcenterchef, "
    "og din co-driver er Kasper Due, UU-vejleder. Deltagerne er bl.a. Rikke Storm, sagsbehandler, "
    "og Tobias, 19 år, som selv har prøvet det."
)


def _middle_copy() -> str:
    """New text around 30 words copied from the middle of ORIGINAL."""
    return prose(999, 15) + " " + " ".join(ORIGINAL.split()[15:45]) + " " + prose(998, 15)


@pytest.mark.parametrize(
    ("course", "ok"),
    [
        pytest.param(_pair(ORIGINAL, ORIGINAL_CHOICES), False, id="identical"),
        pytest.param(
            _pair(_edited(ORIGINAL, 5), [_edited(t, 5) for t in ORIGINAL_CHOICES]), False, id="every-5th-word-changed"
        ),
        pytest.param(_pair(_middle_copy(), NEW_CHOICES), False, id="copied-30-word-passage"),
        pytest.param(_pair(ORIGINAL, NEW_CHOICES), False, id="copied-situation-new-choices"),
        pytest.param(
            _pair(prose(999, 30) + " " + ORIGINAL, NEW_CHOICES), False, id="copied-situation-after-new-opening"
        ),
        pytest.param(_pair(prose(2, 60), NEW_CHOICES), True, id="different"),
        pytest.param(
            _pair(INTRO + " " + prose(3, 45), NEW_CHOICES, first_situation=INTRO + " " + prose(4, 45)),
            True,
            id="same-case-introduction",
        ),
    ],
)
def test_near_duplicate_guard(course: Course, ok: bool) -> None:
    result = near_duplicates(course)
    assert result.ok is ok, result.message()
    if not ok:
        assert len(result.offenders) == 1
        assert "da/l1/original ~ da/l2/kopi" in result.message()


def test_a_shared_introduction_is_set_aside_only_when_short() -> None:
    intro_words = len(words_of(INTRO))
    assert intro_words > DUPLICATE_RUN_WORDS
    short = scenario("a", [], situation=INTRO + " Alfa " + prose(3, 45))
    other = scenario("b", [], situation=INTRO + " Beta " + prose(4, 45))
    assert shared_intro(short, other) == intro_words
    copied = scenario("c", [], situation=short.situation + " Og mere.")
    assert shared_intro(short, copied) == 0  # the whole situation is shared: a copy


# 5. multi-step scenarios in the phase lessons


def _phase_course(lesson_7: Lesson | None = None, drop_7: bool = False) -> Course:
    """An intro and eight phase lessons that all branch; phase 7 replaced or left out."""

    def branching(lid: str) -> Lesson:
        return lesson(
            lid,
            [
                scenario("start", [choice("a", "x", "best"), choice("b", "y", next="opfoelgning"), choice("c", "z")]),
                scenario("opfoelgning", [choice("a", "x", "best"), choice("b", "y"), choice("c", "z")], follow_up=True),
            ],
        )

    lessons = [lesson("intro", [scenario("s", [choice("a", "x", "best"), choice("b", "y"), choice("c", "z")])])]
    for n in range(1, 9):
        if n != 7:
            lessons.append(branching(f"f{n}-fase"))
        elif not drop_7:
            lessons.append(lesson_7 or branching("f7-fase"))
    return course_of(lessons)


THREE = [choice("a", "x", "best"), choice("b", "y"), choice("c", "z")]


@pytest.mark.parametrize(
    ("lesson_7", "ok"),
    [
        pytest.param(None, True, id="all-branch"),
        pytest.param(lesson("f7-fase", [scenario("s1", THREE), scenario("s2", THREE)]), False, id="no-branching"),
        pytest.param(
            lesson("f7-fase", [scenario("s1", [*THREE[:2], choice("c", "z", next="s2")]), scenario("s2", THREE)]),
            False,
            id="next-to-a-main-scenario",
        ),
        pytest.param(
            lesson(
                "f7-fase",
                [
                    scenario("s1", THREE),
                    scenario("f1", [*THREE[:2], choice("c", "z", next="f2")], follow_up=True),
                    scenario("f2", THREE, follow_up=True),
                ],
            ),
            False,
            id="follow-up-only-from-a-follow-up",
        ),
    ],
)
def test_phase_branching_guard(lesson_7: Lesson | None, ok: bool) -> None:
    result = phase_lessons_branch(_phase_course(lesson_7))
    assert result.ok is ok, result.message()
    if not ok:
        assert result.offenders == [
            "da/f7-fase: no main scenario leads to a follow-up " + result.offenders[0].split("follow-up ", 1)[1]
        ]
        assert "7 of 8 phase lessons" in result.summary


def test_phase_branching_guard_wants_all_eight_phases() -> None:
    result = phase_lessons_branch(_phase_course(drop_7=True))
    assert not result.ok
    assert result.offenders == ["da: no lesson for phase 7 (an id starting with 'f7-')"]


@pytest.mark.parametrize(
    ("marked", "total", "ok"),
    [
        pytest.param(2, 6, True, id="2-of-6"),
        pytest.param(1, 6, False, id="1-of-6"),
        pytest.param(2, 7, False, id="2-of-7-rounds-up"),
        pytest.param(3, 7, True, id="3-of-7"),
        pytest.param(0, 3, False, id="none"),
        pytest.param(1, 3, True, id="1-of-3"),
    ],
)
def test_knowledge_check_guard(marked: int, total: int, ok: bool) -> None:
    scenarios = [scenario(f"s{i}", THREE, knowledge=i < marked, follow_up=i == total - 1) for i in range(total)]
    result = knowledge_checks(
        course_of([lesson("k01-x", scenarios), lesson("k02-y", [scenario("t", THREE, knowledge=True)])])
    )
    assert result.ok is ok, result.message()
    assert result.offenders == (
        []
        if ok
        else [f"da/k01-x: {marked} of {total} scenarios are knowledge checks, at least {-(-total // 3)} wanted"]
    )
    assert result.summary.startswith(f"da: {marked + 1} of {total + 1} scenarios are knowledge checks")
