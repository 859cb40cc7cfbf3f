"""The trainer's hardest-scenarios screen says which scenarios are knowledge checks and
how the cohort did on them beside the rest."""

from __future__ import annotations

from kursus.ui.trainer.app import make_trainer_app
from kursus.ui.trainer.hardest import HardestScreen
from tests.conftest import screen_text, until
from tests.unit.test_trainer_knowledge import course_with_knowledge_check
from tests.unit.test_trainer_support import NOW


async def test_hardest_screen_marks_a_knowledge_check(cohort) -> None:
    app = make_trainer_app(cohort.folder, course_with_knowledge_check(), lang="da", now=NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HardestScreen))
        stats = app.screen.stats
        row = next(i for i, s in enumerate(stats) if s.knowledge_check)
        other = next(i for i, s in enumerate(stats) if not s.knowledge_check)
        await pilot.press(*(["down"] * other))
        await pilot.pause()
        assert "Videnstjek: svaret er en kendsgerning" not in screen_text(app)
        assert "Videnstjek: 33 % rigtigt 1. gang (3 svar); øvrige scenarier: 71 %." in screen_text(app)
        await pilot.press(*(["up"] * other), *(["down"] * row))
        await pilot.pause()
        assert "Videnstjek: svaret er en kendsgerning" in " ".join(screen_text(app).split())


async def test_learner_detail_states_the_knowledge_checks(cohort) -> None:
    app = make_trainer_app(cohort.folder, course_with_knowledge_check(), lang="da", now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # Ada Andersen
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Videnstjek: 1 af 1 rigtigt ved første forsøg (de øvrige scenarier: 67 % rigtigt)" in text


async def test_the_knowledge_line_follows_the_cohort_shown(cohort) -> None:
    """Like the table under it: over the learners of the cohort filter, not the whole folder
    (all: 1 right of 3 answers; hold-a: 1 of 2)."""
    app = make_trainer_app(cohort.folder, course_with_knowledge_check(), lang="da", cohort="hold-a", now=NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await until(pilot, lambda: isinstance(app.screen, HardestScreen))
        assert "Videnstjek: 50 % rigtigt 1. gang (2 svar); øvrige scenarier: 71 %." in screen_text(app)
