"""The dashboard's shared self-assessments and phase checks (issue 9), by keyboard at 80x24.

A learner's shared round and check show on the learner page, a private round or check
never does (a unique marker in them is looked for on every screen the dashboard has), and
the cohort view (`v`) shows means only when at least 3 learners shared."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from kursus.assessment.loader import load_self_assessment
from kursus.content import load_course
from kursus.tracking import ProgressStore
from kursus.ui.trainer.app import make_trainer_app
from kursus.ui.trainer.assessment import AssessmentCohortScreen
from kursus.ui.trainer.cohort import CohortScreen
from kursus.ui.trainer.learner import LearnerScreen
from kursus.vocabulary import Occasion
from tests.conftest import FIXTURE_LESSONS, SHIPPED_LESSONS, screen_text, until
from tests.tui.test_trainer_dashboard import everything_shown, table_rows

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
T0 = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
MARKER = "QZX9"  # in every private round and check; never on any dashboard screen
PRIVATE_NOTE = f"PRIVAT-{MARKER}: jeg tør ikke"
PRIVATE_NETWORK = f"Privat netværk {MARKER}"
HOSTILE_NOTE = 'NOTE [@click=app.quit]x[/] [b]fed[/b] =HYPERLINK("x") 🎉'
SHARED_STEP = "Spørg tre kolleger WKV4"
SHARED_NETWORK = "Delt netværk [i]WKV4[/i]"
WORDS = {
    "da": {"rounds": "Delte selvvurderinger", "checks": "Delte fasetjek", "start": "ved kursets start"},
    "en": {"rounds": "Shared self-assessments", "checks": "Shared phase checks", "start": "at the start of the course"},
}


def add_learner(
    folder: Path,
    name: str,
    cohort: str = "hold-a",
    *,
    levels: dict[str, int] | None = None,
    private: bool = True,
) -> None:
    """A learner with (optionally) a shared start and end round and a shared phase check,
    and (optionally) a private round and a private check holding MARKER."""
    store, _ = ProgressStore.open_for(folder, name, cohort=cohort, course_id="testkursus", content_version=3)
    if levels is not None:
        store.save_self_assessment(
            Occasion.START,
            levels,
            notes={"trygt-rum": HOSTILE_NOTE},
            next_steps={"taenk-andre-ind": SHARED_STEP},
            shared=True,
            at=T0,
        )
        later = {key: min(5, value + 1) for key, value in levels.items()}
        store.save_self_assessment(Occasion.END, later, shared=True, at=T0 + timedelta(days=60))
        store.save_phase_check(
            SHARED_NETWORK, {"tema-udfoldet": "ja"}, (2, 3), unfinished=(1,), confidence="medium", shared=True, at=T0
        )
    if private:
        store.save_self_assessment(
            Occasion.ANYTIME,
            {"trygt-rum": 1, "engager-aktoerer": 1},
            notes={"trygt-rum": PRIVATE_NOTE},
            next_steps={"trygt-rum": f"SKRIDT-{MARKER}"},
            at=T0 + timedelta(days=30),
        )
        store.save_phase_check(PRIVATE_NETWORK, {"tema-udfoldet": "nej"}, (1,), at=T0 + timedelta(days=31))


def app_for(folder: Path, lang: str = "da", *, names: bool = True, cohort: str | None = None):
    assessment = load_self_assessment(SHIPPED_LESSONS, lang) if names else None
    course = load_course(FIXTURE_LESSONS, lang)
    return make_trainer_app(folder, course, lang=lang, now=NOW, assessment=assessment, cohort=cohort)


async def open_learner(pilot, app, name: str) -> None:
    rows = [row[0] for row in table_rows(app)]
    for _ in range(rows.index(name)):
        await pilot.press("down")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, LearnerScreen))


async def open_view(pilot, app) -> None:
    await pilot.press("v")
    await until(pilot, lambda: isinstance(app.screen, AssessmentCohortScreen))


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_learner_page_shows_the_shared_round_and_check_only(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "hold"
    add_learner(folder, "Mette Hansen", levels={"taenk-andre-ind": 2, "trygt-rum": 3})
    app = app_for(folder, lang)
    words = WORDS[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_learner(pilot, app, "Mette Hansen")
        shown = everything_shown(app)
        assert words["rounds"] in shown and words["checks"] in shown
        assert f"2027-02-01 · {words['start']} · {'før' if lang == 'da' else 'before'}" in shown
        # the competence's name in the dashboard's language, the level as glyphs and a number
        name = "Tænker andre ind" if lang == "da" else "Brings others in"
        assert f"●●○○○ 2/5 {name}" in shown and "●●●●○ 4/5" in shown  # the end round: 3 + 1
        assert SHARED_STEP in shown
        assert SHARED_NETWORK in shown and ("fase 2 eller 3" if lang == "da" else "phase 2 or 3") in shown
        # the hostile note, literally, in one Static (never parsed as markup)
        notes = [str(w.content) for w in app.screen.query(Static) if HOSTILE_NOTE in str(w.content)]
        assert len(notes) == 1
        # the private round and check are not there, nor any hint of them
        assert MARKER not in shown
        assert "privat" not in shown.lower() and "private" not in shown.lower()
        await pilot.press("end")  # scroll to the sections by keyboard: the app is still running
        await pilot.pause()
        assert words["checks"] in screen_text(app)
        assert app.is_running


async def test_competence_ids_when_the_course_has_no_self_assessment(tmp_path: Path) -> None:
    folder = tmp_path / "hold"
    add_learner(folder, "Mette Hansen", levels={"taenk-andre-ind": 2})
    app = app_for(folder, names=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_learner(pilot, app, "Mette Hansen")
        shown = everything_shown(app)
        assert "●●○○○ 2/5 taenk-andre-ind" in shown and "Tænker andre ind" not in shown


async def test_nothing_shown_when_nothing_is_shared(tmp_path: Path) -> None:
    folder = tmp_path / "hold"
    add_learner(folder, "Privat Person")  # a private round and check only
    app = app_for(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await open_learner(pilot, app, "Privat Person")
        shown = everything_shown(app)
        assert "Delte selvvurderinger" not in shown and "Delte fasetjek" not in shown
        assert MARKER not in shown and "selvvurdering" not in shown.lower()
        assert not app.screen.query("#shared-rounds-heading") and not app.screen.query("#shared-checks-heading")


async def test_no_private_marker_on_any_dashboard_screen(tmp_path: Path) -> None:
    folder = tmp_path / "hold"
    for name, level in (("Mette Hansen", 2), ("Ole Jensen", 3), ("Fatima Ali", 5)):
        add_learner(folder, name, levels={"taenk-andre-ind": level, "trygt-rum": level})
    add_learner(folder, "Privat Person")
    app = app_for(folder)
    seen: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen.append(everything_shown(app))
        for key in ("v", "h", "x", "question_mark"):  # every screen the cohort table opens
            await pilot.press(key)
            await pilot.pause()
            seen.append(everything_shown(app))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, CohortScreen))
        await pilot.press("enter")  # every learner page, one after the other
        await until(pilot, lambda: isinstance(app.screen, LearnerScreen))
        for _ in range(4):
            await pilot.pause()
            seen.append(everything_shown(app))
            await pilot.press("n")
    text = "\n".join(seen)
    assert HOSTILE_NOTE in text and "Fatima Ali" in text  # the shared things are there
    assert MARKER not in text and "1/5" not in text  # the private rounds' levels neither


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_cohort_view_with_two_sharers_says_too_few(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "hold"
    add_learner(folder, "Mette Hansen", levels={"taenk-andre-ind": 2})
    add_learner(folder, "Ole Jensen", levels={"taenk-andre-ind": 5})
    add_learner(folder, "Privat Person")  # private only: not counted
    app = app_for(folder, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, AssessmentCohortScreen))
        text = " ".join(screen_text(app).split())
        words = "Færre end 3 deltagere har delt en selvvurdering (2)" if lang == "da" else "Fewer than 3 learners"
        assert words in text
        assert "3,50" not in text and "3.50" not in text and "3.5" not in text  # no mean of two
        assert not app.screen.query("#assessment-means")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CohortScreen))


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_cohort_view_with_three_sharers_shows_the_means(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "hold"
    # taenk-andre-ind before 2, 3, 5 -> 3.33; after 3, 4, 5 -> 4.00 (each +1, at most 5)
    for name, level in (("Mette Hansen", 2), ("Ole Jensen", 3), ("Fatima Ali", 5)):
        add_learner(folder, name, levels={"taenk-andre-ind": level})
    app = app_for(folder, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, AssessmentCohortScreen))
        rows = table_rows(app, "#assessment-means")
        name, point = ("Tænker andre ind", ",") if lang == "da" else ("Brings others in", ".")
        assert rows == [[name, f"3{point}33", "3", f"4{point}00", "3"]]
        text = screen_text(app)
        assert ("3 deltagere har delt" if lang == "da" else "3 learners shared") in text
        assert ("Før gns." if lang == "da" else "Before mean") in text
        assert MARKER not in text


async def test_cohort_view_follows_the_cohort_filter(tmp_path: Path) -> None:
    folder = tmp_path / "hold"
    for name, level in (("Mette Hansen", 2), ("Ole Jensen", 3), ("Fatima Ali", 5)):
        add_learner(folder, name, "hold-a", levels={"taenk-andre-ind": level}, private=False)
    for name, level in (("Bo Berg", 1), ("Cy Carlsen", 4)):
        add_learner(folder, name, "hold-b", levels={"taenk-andre-ind": level}, private=False)
    for cohort, means in (("hold-b", False), ("hold-a", True), (None, True)):
        app = app_for(folder, cohort=cohort)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await open_view(pilot, app)
            assert bool(app.screen.query("#assessment-means")) is means, cohort
            if cohort == "hold-a":
                assert table_rows(app, "#assessment-means")[0][1:3] == ["3,33", "3"]
            if cohort is None:  # all five: (2 + 3 + 5 + 1 + 4) / 5
                assert table_rows(app, "#assessment-means")[0][1:3] == ["3,00", "5"]
            if cohort == "hold-b":
                assert "(2)" in screen_text(app)


async def test_cohort_view_key_is_shown_and_works_with_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    folder = tmp_path / "hold"
    add_learner(folder, "Mette Hansen", levels={"taenk-andre-ind": 2})
    app = app_for(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Selvvurdering" in screen_text(app)  # the key hint
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, AssessmentCohortScreen))
        await pilot.press("v")  # v again closes it
        await until(pilot, lambda: isinstance(app.screen, CohortScreen))
        await open_learner(pilot, app, "Mette Hansen")
        assert "●●○○○ 2/5" in everything_shown(app)
