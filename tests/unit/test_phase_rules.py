"""The phase finder's rules on worked examples (one per phase, two neighbours, a network
that went back, all "ved ikke"), and a property: any answers give phases that exist and
are neighbours."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kursus.assessment import PhaseFinder, locate
from kursus.assessment.loader import load_phase_finder
from kursus.vocabulary import Confidence
from tests.conftest import SHIPPED_LESSONS

JA, DELVIST, NEJ, VED_IKKE = "ja", "delvist", "nej", "ved-ikke"


@cache
def finder(lang: str = "da") -> PhaseFinder:
    loaded = load_phase_finder(SHIPPED_LESSONS, lang)
    assert loaded is not None
    return loaded


def answers(**per_phase: str | list[str]) -> dict[str, str]:
    """Answers by phase: p1="ja" answers every question of phase 1 "ja"; a list answers
    that phase's questions in order. Phases not named are not answered."""
    given_: dict[str, str] = {}
    for key, value in per_phase.items():
        questions = finder().questions_of(int(key.removeprefix("p")))
        values = value if isinstance(value, list) else [value] * len(questions)
        assert len(values) == len(questions)
        given_.update({q.id: v for q, v in zip(questions, values, strict=True)})
    return given_


def up_to(phase: int, then: str = NEJ, **rest: str | list[str]) -> dict[str, str]:
    """Phases before `phase` all "ja", `phase` as given in rest (or "delvist"), later ones `then`."""
    per: dict[str, str | list[str]] = {f"p{n}": JA for n in range(1, phase)}
    per[f"p{phase}"] = DELVIST
    per.update({f"p{n}": then for n in range(phase + 1, 9)})
    per.update(rest)
    return answers(**per)


# --- one worked example per phase ----------------------------------------------------------


def test_phase_1_a_new_network_with_a_theme_half_unfolded() -> None:
    result = locate(finder(), up_to(1, p1=[DELVIST, NEJ]))
    assert result.numbers == (1,) and result.confidence is Confidence.HIGH
    assert result.lesson_ids == ("f1-opstart-af-netvaerk",)
    assert {r.question.id for r in result.reasons} >= {"tema-udfoldet", "samarbejdsaftale"}
    assert any("samarbejdsaftale" in step for step in result.next_steps)
    assert "Skabelon til samarbejdsaftalen" in result.tools
    assert result.unfinished == ()


def test_phase_2_agreement_in_place_participants_being_found() -> None:
    result = locate(finder(), up_to(2, p2=[DELVIST, NEJ]))
    assert result.numbers == (2,)
    assert "Kompetencediamanten" in result.tools and result.phases[0].name == "Netværksdesign"


def test_phase_3_focusing() -> None:
    result = locate(finder(), up_to(3, p3=[JA, DELVIST]))
    assert result.numbers == (3,)
    assert result.lesson_ids == ("f3-fokusering",)


def test_phase_4_discovery_under_way() -> None:
    assert locate(finder(), up_to(4)).numbers == (4,)


def test_phase_5_thematisation() -> None:
    result = locate(finder(), up_to(5, p5=[JA, NEJ]))
    assert result.numbers == (5,)
    assert result.tools == ("Rummet med alt materialet sat op, så alle kan se det",)


def test_phase_6_ideas_created_not_yet_prioritised() -> None:
    result = locate(finder(), up_to(6, p6=[JA, NEJ]))
    assert result.numbers == (6,)


def test_phase_7_a_test_running() -> None:
    result = locate(finder(), up_to(7, p7=[JA, NEJ]))
    assert result.numbers == (7,)
    assert any("ledelsesopbakning" in step for step in result.next_steps)


def test_phase_8_evaluation_decided_spreading_not_yet() -> None:
    result = locate(finder(), up_to(8, p8=[JA, NEJ]))
    assert result.numbers == (8,)
    assert result.lesson_ids == ("f8-evaluering-og-spredning",)


def test_phase_8_when_everything_is_done() -> None:
    result = locate(finder(), answers(**{f"p{n}": JA for n in range(1, 9)}))
    assert result.numbers == (8,) and result.confidence is Confidence.HIGH


# --- two neighbouring phases, going back, not knowing ----------------------------------------


def test_between_two_neighbouring_phases_when_one_is_done_and_the_next_not_begun() -> None:
    result = locate(finder(), up_to(4, p4=NEJ, p3=JA))
    assert result.numbers == (3, 4)
    names = [phase.name for phase in result.phases]
    assert names == ["Fokusering", "Opdagelse"]
    assert len(result.next_steps) == len(result.phases[0].next_steps) + len(result.phases[1].next_steps)


def test_a_network_that_went_back_names_the_unfinished_earlier_phase() -> None:
    """Ideas are being developed, but the involvement plan was never made: the finder
    places it in phase 6 and says phase 2 looks unfinished, with the answers that say so."""
    result = locate(finder(), up_to(6, p2=[DELVIST, NEJ], p6=[JA, NEJ]))
    assert result.numbers == (6,)
    assert result.unfinished_numbers == (2,)
    assert [r.question.id for r in result.unfinished_reasons] == ["kompetencer-kendt", "inddragelsesplan"]


def test_a_later_check_after_going_back_is_placed_earlier() -> None:
    """The network went back from testing to discovery (the seed: the leader jumps back and
    forth): discovery is reopened, so later work counts as not done any more."""
    before = locate(finder(), up_to(7))
    after = locate(finder(), up_to(4, then=NEJ, p4=[NEJ, DELVIST]))
    assert before.numbers == (7,) and after.numbers[0] <= 4 < before.numbers[0]


def test_all_ved_ikke_gives_no_phase_and_no_confidence() -> None:
    result = locate(finder(), answers(**{f"p{n}": VED_IKKE for n in range(1, 9)}))
    assert result.phases == () and result.confidence is Confidence.NONE
    assert result.answered == 0 and result.unknown == len(finder().questions)


def test_ved_ikke_is_not_nej() -> None:
    """Phase 5's answers unknown: the network is not put back to phase 5 as a "nej" would."""
    unknown = locate(finder(), up_to(7, p5=VED_IKKE))
    no = locate(finder(), up_to(7, p5=NEJ))
    assert unknown.numbers == (7,) and unknown.unfinished == ()
    assert 5 in no.unfinished_numbers
    assert unknown.confidence is Confidence.HIGH or unknown.answered < no.answered


def test_ved_ikke_lowers_the_confidence() -> None:
    sure = locate(finder(), up_to(3))
    unsure = locate(finder(), up_to(3, **{f"p{n}": VED_IKKE for n in range(4, 9)}))
    assert sure.confidence is Confidence.HIGH
    assert unsure.confidence in (Confidence.LOW, Confidence.MEDIUM)
    assert unsure.numbers[0] in (3, 4)


def test_only_a_few_answers_give_low_confidence() -> None:
    result = locate(finder(), answers(p1=JA))
    assert result.confidence is Confidence.LOW and result.numbers in ((1,), (1, 2), (2,))


def test_stale_or_foreign_ids_are_ignored() -> None:
    result = locate(finder(), {"no-such-question": JA, "tema-udfoldet": "maybe", "samarbejdsaftale": NEJ})
    assert result.numbers == (1,) and result.answered == 1


def test_the_same_answers_give_the_same_phases_in_english() -> None:
    given_ = up_to(5, p5=[JA, NEJ])
    da, en = locate(finder("da"), given_), locate(finder("en"), given_)
    assert da.numbers == en.numbers and en.phases[0].name == "Thematisation"


# --- property ---------------------------------------------------------------------------------

OPTIONS = st.sampled_from([JA, DELVIST, NEJ, VED_IKKE, "noget-andet"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([q.id for q in finder().questions]), OPTIONS))
def test_any_answers_give_existing_neighbouring_phases(given_: dict[str, str]) -> None:
    result = locate(finder(), given_)
    numbers = result.numbers
    assert len(numbers) <= 2
    assert all(1 <= n <= 8 for n in numbers)
    if len(numbers) == 2:
        assert numbers[1] == numbers[0] + 1
    if result.answered:
        assert numbers and result.confidence is not Confidence.NONE
    else:
        assert numbers == () and result.confidence is Confidence.NONE
    assert all(n < numbers[0] for n in result.unfinished_numbers)
    assert all(r.option.done is not None for r in result.reasons)
    assert result.answered + result.unknown == len(finder().questions)


@pytest.mark.parametrize("phase", range(1, 9))
def test_every_phase_can_be_found(phase: int) -> None:
    assert locate(finder(), up_to(phase)).numbers == (phase,)
