"""The time a learner spent, on their page in the dashboard (issue 12): measured from
the events by the learner app's own rule, so the trainer sees the number the learner
sees at the course's end, in the same words."""

from __future__ import annotations

from kursus.i18n import Catalogue
from kursus.lesson_summary import course_record, duration_text
from kursus.tracking.record import read_record
from kursus.ui.trainer.learner import LearnerScreen
from tests.conftest import screen_text, until
from tests.tui.test_trainer_dashboard import app_for
from tests.unit.test_trainer_support import course


async def test_learner_page_shows_time_spent_as_the_learner_app_counts_it(cohort) -> None:
    t = Catalogue("da")
    expected = course_record(course(), read_record(cohort.files["ada"])).minutes_spent
    assert expected > 0
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # Ada Andersen (the hostile name sorts first)
        await until(pilot, lambda: isinstance(app.screen, LearnerScreen))
        assert app.screen.learner.name == "Ada Andersen"
        line = t("lesson_summary.time", time=duration_text(expected, t))
        assert line.startswith("Tid brugt: ")
        await until(pilot, lambda: line in screen_text(app))
        await pilot.press("n")  # Bo Berg: his own time
        await until(pilot, lambda: app.screen.learner.name == "Bo Berg")
        bo = course_record(course(), read_record(cohort.files["bo"])).minutes_spent
        await until(pilot, lambda: t("lesson_summary.time", time=duration_text(bo, t)) in screen_text(app))


async def test_a_learner_who_never_started_has_spent_no_time(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        index = next(i for i, learner in enumerate(app.screen.rows) if learner.name == "Di Dam")
        await pilot.press(*["down"] * index, "enter")
        await until(pilot, lambda: isinstance(app.screen, LearnerScreen))
        assert app.screen.learner.name == "Di Dam"
        await until(pilot, lambda: "Tid brugt: <1 min" in screen_text(app))
