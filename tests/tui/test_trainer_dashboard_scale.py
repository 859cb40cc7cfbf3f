"""The dashboard with 10,000 learners (issue 12): it opens, scrolls to the last learner
and back, sorts and finds a name. The cohort is made once for the module: a few learners
with histories from kursus.trainer.synthetic (the app's own store), copied under other
names to 10,000 files."""

from __future__ import annotations

import json
import random
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable

from kursus.trainer.synthetic import Plan, write_learner
from kursus.ui.trainer.app import make_trainer_app
from kursus.ui.trainer.cohort import CohortScreen
from tests.conftest import screen_text, until
from tests.unit.test_trainer_support import NOW, course

LEARNERS = 10_000
DISTINCT = 12


def name_of(number: int) -> str:
    return f"Deltager {number:05d}"


def copied_cohort(folder: Path, learners: int, first: int = 0) -> Path:
    """`learners` files in `folder` (in sub-folders of 1,000), "Deltager 00000" and on, each
    a copy of one of a few made-up histories: learner n has source n + `first` (modulo
    DISTINCT), whose learner worked on (n + first) % (lessons + 1) lessons."""
    source = folder.parent / f"kilde-{folder.name}"
    rng = random.Random(12)
    lessons = len(course().lesson_order)
    histories = []
    for number in range(DISTINCT):
        plan = Plan(
            name=f"Kilde {number}",
            cohort=f"hold-{number % 3}",
            last_active=NOW - timedelta(days=rng.uniform(0, 30)),
            lessons=number % (lessons + 1),
            skill=rng.uniform(0.3, 0.9),
        )
        path = write_learner(source, course(), plan, rng, bulk=True)
        histories.append(json.loads(path.read_text(encoding="utf-8")))
    for number in range(learners):
        data = histories[(number + first) % DISTINCT]
        data["profile"]["1"]["name"] = name_of(number)
        target = folder / f"runde-{number // 1000:02d}" / f"deltager-{number:05d}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def big_cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copied_cohort(tmp_path_factory.mktemp("stor") / "hold", LEARNERS)


def visible_names(app) -> list[str]:
    return [line.split()[1] for line in screen_text(app).splitlines() if line.strip().startswith("Deltager ")]


async def test_ten_thousand_learners_open_scroll_sort_and_find(big_cohort: Path) -> None:
    app = make_trainer_app(big_cohort, course(), now=NOW)
    assert len(app.report.learners) == LEARNERS and not app.report.skipped
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CohortScreen))
        screen = app.screen
        table = screen.query_one("#learners", DataTable)
        assert table.row_count == LEARNERS
        assert "Deltager 00000" in screen_text(app)  # by name, the first at the top
        assert "10000 deltagere" in screen_text(app).replace(".", "")

        await pilot.press("end")  # to the last learner
        await until(pilot, lambda: "Deltager 09999" in screen_text(app))
        assert table.cursor_row == LEARNERS - 1
        shown = visible_names(app)
        assert shown[-1] == "09999" and "00000" not in shown
        assert shown == sorted(shown) and len(shown) >= 10  # a full page of the end, in order

        await pilot.press("pageup", "pageup")
        await until(pilot, lambda: "Deltager 09999" not in screen_text(app))
        assert table.cursor_row < LEARNERS - 1

        await pilot.press("home")
        await until(pilot, lambda: "Deltager 00000" in screen_text(app))
        assert table.cursor_row == 0

        await pilot.press("1")  # the name column again: descending, shown from the top
        await until(pilot, lambda: screen.rows[0].name == name_of(LEARNERS - 1))
        await until(pilot, lambda: "Deltager 09999" in screen_text(app))
        assert table.cursor_row == 0 and "faldende" in screen_text(app)
        assert visible_names(app)[:2] == ["09999", "09998"]

        await pilot.press("slash", *"07321", "enter")  # find one learner by name
        await until(pilot, lambda: len(screen.rows) == 1)
        assert screen.rows[0].name == name_of(7321)
        assert "Deltager 07321" in screen_text(app)
        assert table.row_count == 1


SORTED = 2_000  # the cohort of the report: many pages of rows


@pytest.fixture(scope="module")
def sorted_cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Learner 00000, the first by name, has a middling number of lessons: sorting by
    # lessons puts them in the middle of the table.
    return copied_cohort(tmp_path_factory.mktemp("sortering") / "hold", SORTED, first=DISTINCT // 2)


async def test_a_sort_shows_the_first_row_with_the_cursor_on_it(sorted_cohort: Path) -> None:
    """After a sort (1-7, s, o) the table shows its first row and the cursor is on it,
    wherever the cursor and the scrolling were: the heading says what is at the top
    ("Lekt. (stigende)"), and a trainer reads the first row shown as the top."""
    app = make_trainer_app(sorted_cohort, course(), now=NOW)
    async with app.run_test(size=(80, 16)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, CohortScreen))
        screen = app.screen
        table = screen.query_one("#learners", DataTable)

        def at_the_top() -> bool:
            shown = visible_names(app)
            first = screen.rows[0].name.removeprefix("Deltager ")
            return bool(shown) and shown[0] == first and table.cursor_row == 0 and table.scroll_y == 0

        await until(pilot, lambda: "Deltager 00000" in screen_text(app))
        before = screen.current
        await pilot.press("3")  # lessons, ascending: as reported
        await until(pilot, lambda: "Lekt. (stigende)" in screen_text(app))
        assert screen.rows.index(before) > SORTED // 4  # the learner under the cursor went down...
        await until(pilot, at_the_top)  # ...and the table shows the top, not them
        assert screen.current.lessons_done == 0

        for keys, heading in (
            (("end", "o"), "Lekt. (faldende)"),  # from the last row
            (("pagedown", "pagedown", "s"), "Point (stigende)"),  # from the middle
            (("down", "down", "3"), "Lekt. (stigende)"),  # another column by number
            (("end", "3"), "Lekt. (faldende)"),  # the same number again: reversed
            (("pageup", "1"), "Navn (stigende)"),
        ):
            await pilot.press(*keys)
            await until(pilot, lambda heading=heading: heading in screen_text(app))
            await until(pilot, at_the_top)
        assert screen.current.name == name_of(0)
