"""Layout guards at 80x24: course map, lesson page, scenario feedback, reflection.

After a deliberate layout change (or a Textual bump), refresh with
`pytest tests/snapshots --snapshot-update` and review the SVGs in the diff.
"""

from __future__ import annotations

from textual.widgets import TextArea

from kursus.tracking.events import LessonFinished, LessonOpened
from kursus.ui.learner.app import make_app
from kursus.ui.learner.reflection import ReflectionScreen


def _app(make_session):
    session = make_session(name="Mette Hansen", cohort="2027-forår")
    store = session.store
    store.record_event(LessonOpened("alpha", "da"))
    store.record_event(LessonFinished("alpha"))
    store.record_event(LessonOpened("beta", "da"))
    store.save_reflection("gamma", "r1", "Jeg vil invitere en borger med [b]allerede[/b] næste gang.", shared=True)
    return make_app(session)


def test_home(snap_compare, make_session) -> None:
    assert snap_compare(_app(make_session), terminal_size=(80, 24))


def test_lesson_page(snap_compare, make_session) -> None:
    assert snap_compare(_app(make_session), press=["c", "n"], terminal_size=(80, 24))


def test_scenario_feedback(snap_compare, make_session) -> None:
    assert snap_compare(_app(make_session), press=["c", "t", "3"], terminal_size=(80, 24))


def test_reflection(snap_compare, make_session) -> None:
    async def open_reflection(pilot) -> None:
        await pilot.app.push_screen(ReflectionScreen("gamma"))
        await pilot.pause()
        for area in pilot.app.screen.query(TextArea):
            area.cursor_blink = False  # a blinking cursor would make the picture flaky

    assert snap_compare(_app(make_session), run_before=open_reflection, terminal_size=(80, 24))


def test_lesson_summary(snap_compare, make_session) -> None:
    """The summary after finishing a lesson: a missed step, reflections, what comes next."""

    async def finish_alpha(pilot) -> None:
        app = pilot.app
        app.open_lesson("alpha")
        await pilot.pause()
        await pilot.press("t", "3", "n", "1", "n")  # s1 partly right, s2 best, to the reflection
        await pilot.pause()
        for area in app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.press("ctrl+f")
        await pilot.pause()

    assert snap_compare(_app(make_session), run_before=finish_alpha, terminal_size=(80, 24))


def test_search(snap_compare, make_session) -> None:
    assert snap_compare(_app(make_session), press=["slash", *"beta"], terminal_size=(80, 24))


def test_review(snap_compare, make_session) -> None:
    """A review round two days after a scenario was missed (options in a new, fixed order)."""
    from datetime import UTC, datetime, timedelta

    # The answer is stored at the real time (the review card is scheduled from it), so the
    # app's clock starts there too: a fixed date made the card due two days after that
    # date only, and the test failed from the day after.
    today = datetime.now(UTC)
    app = _app(make_session)
    app.clock = lambda: today  # type: ignore[method-assign]

    async def miss_then_review(pilot) -> None:
        app.open_lesson("alpha")
        await pilot.pause()
        await pilot.press("t", "3")  # partly right: missed at the first try
        await pilot.pause()
        app.clock = lambda: today + timedelta(days=2)  # type: ignore[method-assign]
        app.show_home(rebuild=True)
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(app, run_before=miss_then_review, terminal_size=(80, 24))


def test_hand_in(snap_compare, make_session, tmp_path) -> None:
    """What the trainer will see and what stays private, before anything is written."""

    async def open_hand_in(pilot) -> None:
        await pilot.press("a")
        await pilot.pause()
        field = pilot.app.screen.query_one("#hand-in-folder")
        field.cursor_blink = False
        field.value = "/aflevering/hold-a"  # the default depends on the machine's home folder

    assert snap_compare(_app(make_session), run_before=open_hand_in, terminal_size=(80, 24))


def test_course_done(snap_compare, make_session) -> None:
    """The whole course at its end: the record per module and how to hand it in."""
    from datetime import UTC, datetime, timedelta

    from kursus.tracking.events import AnswerGiven
    from kursus.vocabulary import Rating

    session = make_session(name="Mette Hansen", cohort="2027-forår")
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    for day, lesson_id in enumerate(("alpha", "beta", "gamma")):
        at = start + timedelta(days=day)
        session.store.record_event(LessonOpened(lesson_id, "da"), at=at)
        session.store.record_event(AnswerGiven(lesson_id, "s2", "a", Rating.BEST), at=at + timedelta(minutes=4))
        session.store.record_event(LessonFinished(lesson_id), at=at + timedelta(minutes=9))
    session.store.save_reflection("alpha", "r1", "Jeg tager rollerne med", shared=True)
    app = make_app(session)

    async def open_overview(pilot) -> None:
        await pilot.press("c")  # every lesson done: `c` opens the overview
        await pilot.pause()

    assert snap_compare(app, run_before=open_overview, terminal_size=(80, 24))


def test_assessment_chart(snap_compare, make_session) -> None:
    """The competences before and after (the course as shipped; fixed dates)."""
    from datetime import UTC, datetime

    from kursus.vocabulary import Occasion
    from tests.conftest import SHIPPED_LESSONS

    session = make_session(lessons=SHIPPED_LESSONS)
    before = {"taenk-andre-ind": 2, "engager-aktoerer": 3, "trygt-rum": 4, "nysgerrighed-og-undren": 1}
    after = {"taenk-andre-ind": 4, "engager-aktoerer": 3, "trygt-rum": 3, "mod-til-at-eksperimentere": 5}
    session.store.save_self_assessment(Occasion.START, before, at=datetime(2026, 9, 1, 9, 0, tzinfo=UTC))
    session.store.save_self_assessment(Occasion.END, after, at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
    assert snap_compare(make_app(session), press=["k"], terminal_size=(80, 24))


def test_phase_finder_result(snap_compare, make_session, monkeypatch) -> None:
    """A phase-finder result for a network checked before (fixed dates)."""
    from datetime import UTC, datetime

    from kursus.tracking import store
    from tests.conftest import SHIPPED_LESSONS

    session = make_session(lessons=SHIPPED_LESSONS)
    session.store.save_phase_check("Sundhed", {}, (3,), confidence="high", at=datetime(2026, 9, 1, 9, 0, tzinfo=UTC))
    monkeypatch.setattr(store, "now_iso", lambda at=None: "2026-12-01T10:00:00+00:00")
    keys = ["f", "tab", "enter", *"1111112222333344"]  # the known network, then sixteen answers
    assert snap_compare(make_app(session), press=keys, terminal_size=(80, 24))
