"""`kursus trainer`: the dashboard driven by keys, as a trainer would use it, at 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from kursus.cli import main
from kursus.ui.trainer.app import make_trainer_app
from kursus.ui.trainer.cohort import CohortScreen
from kursus.ui.trainer.hardest import HardestScreen
from kursus.ui.trainer.help import TrainerHelpScreen
from kursus.ui.trainer.learner import LearnerScreen
from kursus.ui.trainer.picker import CohortPicker
from kursus.ui.trainer.skipped import SkippedScreen
from tests.conftest import FIXTURE_LESSONS, screen_text, until
from tests.unit.test_trainer_support import (
    ADA_SHARED,
    HOSTILE_NAME,
    HOSTILE_SHARED,
    NOW,
    PRIVATE_TEXTS,
    add_messy_files,
    build_cohort,
    course,
    snapshot,
)


def app_for(folder: Path, lang: str = "da", cohort_filter: str | None = None):
    return make_trainer_app(folder, course(lang), lang=lang, cohort=cohort_filter, now=NOW)


def names(app) -> list[str]:
    return [learner.name for learner in app.screen.rows]


def table_follows_rows(app) -> bool:
    """The table shows the learners in the screen's order, the sorted column underlined."""
    table = app.screen.query_one("#learners", DataTable)
    order = [row.key.value for row in table.ordered_rows]
    underlined = [index for index, column in enumerate(table.ordered_columns) if "underline" in str(column.label.spans)]
    return order == [learner.relative for learner in app.screen.rows] and underlined == [app.screen.sort_column]


def table_rows(app, selector: str = "#learners") -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def everything_shown(app) -> str:
    """Visible text plus the full text of every Static and table cell (even scrolled away)."""
    parts = [screen_text(app)]
    for screen in app.screen_stack:
        parts += [str(widget.content) for widget in screen.query(Static)]
        for table in screen.query(DataTable):
            parts += [str(cell) for i in range(table.row_count) for cell in table.get_row_at(i)]
    return "\n".join(parts)


async def test_cohort_table_shows_every_learner_with_status_glyph_and_word(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CohortScreen)
        rows = {row[0]: row for row in table_rows(app)}
        assert rows["Ada Andersen"] == ["Ada Andersen", "hold-a", "3/3", "79 %", "2026-06-14", "✓ færdig", "1"]
        assert rows["Bo Berg"] == ["Bo Berg", "hold-a", "1/3", "75 %", "2026-06-12", "◐ i gang", "0"]
        assert rows["Cy Carlsen"][5] == "⏸ gået i stå"
        assert rows["Di Dam"][3:6] == ["–", "aldrig", "○ ikke startet"]
        text = screen_text(app)
        # issue 12: one word for the first-try score, "Point" (was "Score") in Danish
        for heading in ("Navn", "Hold", "Lekt.", "Point", "Sidst aktiv", "Status", "Delt"):
            assert heading in text, heading  # every column fits in 80 columns
        assert "5 deltagere: 1 færdig, 2 i gang, 1 gået i stå, 1 ikke startet" in text
        assert "Sortér" in text and "Vælg hold" in text  # key hints in the footer
        table = app.screen.query_one("#learners", DataTable)
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling at 80x24


async def test_sorting_by_column_keys(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert table_follows_rows(app)
        assert names(app)[:2] == ['[b]x[/b] | =HYPERLINK("x") [/]', "Ada Andersen"]  # by name
        await pilot.press("3")  # lessons done, ascending
        await pilot.pause()
        assert table_follows_rows(app)
        assert names(app)[-2:] == ["Bo Berg", "Ada Andersen"]
        await pilot.press("3")  # again: descending
        await pilot.pause()
        assert table_follows_rows(app)
        assert names(app)[0] == "Ada Andersen"
        assert "Lekt. (faldende)" in screen_text(app)
        await pilot.press("4")  # first-try score ascending: nobody answered (–) first, then 0 %
        await pilot.pause()
        assert table_follows_rows(app)
        assert names(app)[2:] == ["Cy Carlsen", "Bo Berg", "Ada Andersen"]
        await pilot.press("s")  # next column: last activity
        await pilot.pause()
        assert table_follows_rows(app)
        assert app.screen.sort_column == 4
        assert names(app)[-1] == "Ada Andersen" and names(app)[0] in ("Di Dam",)
        await pilot.press("o")
        await pilot.pause()
        assert table_follows_rows(app)
        assert names(app)[0] == "Ada Andersen"
        await pilot.press("6")  # status
        await pilot.pause()
        assert table_follows_rows(app)
        assert [learner.status for learner in app.screen.rows] == [
            "not_started",
            "in_progress",
            "in_progress",
            "stalled",
            "done",
        ]


async def test_sorting_puts_the_cursor_on_the_first_row(cohort) -> None:
    """A sort shows the new order from its first row (the scrolling is in
    test_trainer_dashboard_scale); the learner the cursor was on does not pull it along."""
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")  # Bo Berg
        assert app.screen.current.name == "Bo Berg"
        await pilot.press("3")  # lessons ascending: Bo Berg is second to last
        await pilot.pause()
        assert names(app)[-2] == "Bo Berg"
        assert app.screen.query_one("#learners", DataTable).cursor_row == 0
        assert app.screen.current is app.screen.rows[0]


async def test_filter_by_cohort_with_the_picker(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CohortPicker)
        assert "Alle hold (5)" in screen_text(app) and "hold-b (2)" in screen_text(app)
        await pilot.press("end", "enter")  # the last cohort in the list: hold-b
        await pilot.pause()
        assert isinstance(app.screen, CohortScreen)
        assert names(app) == ["Cy Carlsen", "Di Dam"]
        assert "Hold: hold-b" in screen_text(app)
        assert "2 deltagere" in screen_text(app)
        await pilot.press("h")  # hardest scenarios follow the filter
        await pilot.pause()
        assert [(s.lesson_id, s.scenario_id, s.answered) for s in app.screen.stats][:1] == [("alpha", "s1", 1)]
        await pilot.press("escape", "c", "home", "enter")  # back to everyone
        await pilot.pause()
        assert len(names(app)) == 5


async def test_cohort_option_starts_filtered(cohort) -> None:
    app = app_for(cohort.folder, cohort_filter="hold-a")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert names(app) == ["Ada Andersen", "Bo Berg"]


async def test_learner_detail_lesson_by_lesson_with_answers_feedback_and_shared_reflection(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # Ada Andersen
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        assert app.screen.learner.name == "Ada Andersen"
        text = screen_text(app)
        assert "Ada Andersen" in text and "✓ færdig" in text and "3/3 lektioner" in text
        shown = everything_shown(app)
        assert "✓ Alfa-lektionen · færdig" in shown
        assert "1. forsøg: ◐ Andet C (delvist)" in shown
        assert "Feedback: Andet feedback C." in shown
        assert "Seneste (2. forsøg): ✓ Andet A (bedste svar)" in shown and "2 forsøg i alt" in shown
        assert "1. forsøg: ✗ Svar A (ikke det bedste)" in shown  # gamma, then the follow-up
        assert "Opfølgning" in shown
        assert ADA_SHARED in shown
        for private in PRIVATE_TEXTS:
            assert private not in shown
        await pilot.press("end")  # scroll to the shared reflections by keyboard
        await pilot.pause()
        assert ADA_SHARED in screen_text(app)
        await pilot.press("n")  # next learner in table order
        await pilot.pause()
        assert app.screen.learner.name == "Bo Berg"
        assert "Deltageren har ikke delt nogen refleksioner." in everything_shown(app)
        await pilot.press("p", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CohortScreen)
        assert app.screen.current.name == "Ada Andersen"


async def test_no_unshared_reflection_anywhere_in_the_dashboard(tmp_path: Path) -> None:
    cohort = build_cohort(tmp_path / "mappe")
    add_messy_files(cohort.folder)
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen = [everything_shown(app)]
        for index in range(len(app.screen.rows)):
            await pilot.press("home", *(["down"] * index), "enter")
            await pilot.pause()
            seen.append(everything_shown(app))
            await pilot.press("escape")
        for key in ("h", "x", "question_mark", "c"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(everything_shown(app))
            await pilot.press("escape")
            await pilot.pause()
    shown = "\n".join(seen)
    assert ADA_SHARED in shown and HOSTILE_SHARED in shown
    for private in (*PRIVATE_TEXTS, "V1-OLD-PRIVATE"):
        assert private not in shown


async def test_hostile_text_is_shown_literally_and_triggers_nothing(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert table_rows(app)[0][0] == HOSTILE_NAME
        await pilot.press("enter")  # the hostile learner sorts first
        await pilot.pause()
        assert isinstance(app.screen, LearnerScreen)
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert HOSTILE_NAME in text
        assert "[@click=app.quit]x[/] [b]fed[/b]" in text
        assert "🎉" in text
        await pilot.click("#learner-detail")  # clicking the text runs no action
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LearnerScreen)


async def test_hardest_scenarios_with_first_choices(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HardestScreen)
        rows = table_rows(app, "#scenarios")
        table = app.screen.query_one("#scenarios", DataTable)
        assert table.virtual_size.width <= table.size.width  # fits 80 columns
        # issue 12: ranked from 3 answers; fewer answers get "–" for a rank, the count is shown
        assert rows[0] == ["1", "Alfa-lektionen", "Første scenarie", "3", "33 %"]
        assert rows[1] == ["–", "Gamma-lektionen", "Første scenarie", "1", "0 %"]
        assert rows[-1][3:] == ["0", "–"]
        detail = str(app.screen.query_one("#scenario-choices", Static).content)
        assert "3 har svaret; 33 % rigtigt 1. gang" in detail
        assert "✓ 1 valgte (bedste svar): Svar B" in detail and "✗ 1 valgte (ikke det bedste): Svar A" in detail
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CohortScreen)


async def test_skipped_files_are_listed_with_reasons(tmp_path: Path) -> None:
    cohort = build_cohort(tmp_path / "mappe")
    add_messy_files(cohort.folder)
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "8 fil(er) sprunget over (tast x)" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, SkippedScreen)
        shown = everything_shown(app)
        assert "empty.json: tom fil" in shown and "newer.json: lavet af en nyere udgave af kursus" in shown  # Danish UI
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CohortScreen)


async def test_help_lists_the_keys_and_closes(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, TrainerHelpScreen)
        text = screen_text(app)
        for line in ("Åbn deltager", "Sortér", "Vend orden", "1-7", "Vælg hold", "Sværeste", "Afslut"):
            assert line in text, line
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, CohortScreen)


async def test_reload_reads_new_files_without_touching_old_ones(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = snapshot(cohort.folder)
        (cohort.folder / "ny.json").write_bytes(cohort.files["di"].read_bytes().replace(b"Di Dam", b"Eva Ny"))
        await pilot.press("r")  # read in a worker: the table changes when it is done
        await until(pilot, lambda: "Eva Ny" in names(app))
        assert len(names(app)) == 6
        after = snapshot(cohort.folder)
        assert {k: v for k, v in after.items() if k != "ny.json"} == before


async def test_dashboard_is_read_only(tmp_path: Path) -> None:
    cohort = build_cohort(tmp_path / "mappe")
    add_messy_files(cohort.folder)
    before = snapshot(cohort.folder)
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in (("enter",), ("escape", "h"), ("escape", "x"), ("escape", "c", "enter"), ("r",)):
            await pilot.press(*keys)
            await pilot.pause()
    assert snapshot(cohort.folder) == before  # same bytes, mtimes and modes; no .lock file


async def test_english_dashboard(cohort) -> None:
    app = app_for(cohort.folder, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Name" in text and "Last active" in text and "✓ done" in text and "⏸ stalled" in text
        assert "Sort" in text and "Cohort" in text


async def test_no_color_still_shows_glyphs_and_words(cohort, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        text = screen_text(app)
        assert "✓ færdig" in text and "⏸ gået i stå" in text and "○ ikke startet" in text
        # the cursor row is reverse video: without colour a background shade may not show
        cursor = app.screen.query_one(DataTable).get_component_rich_style("datatable--cursor")
        assert cursor.reverse and cursor.bold
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "✓ færdig" in screen_text(app)


async def test_quit_key(cohort) -> None:
    app = app_for(cohort.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


def test_trainer_command_checks_input_before_starting(tmp_path: Path, capsys) -> None:
    code = main(["trainer", str(tmp_path / "findes-ikke"), "--lessons", str(FIXTURE_LESSONS)])
    err = capsys.readouterr().err
    assert code == 2 and "findes-ikke" in err and len(err.strip().splitlines()) == 1
    (tmp_path / "tom").mkdir()
    assert main(["trainer", str(tmp_path / "tom"), "--lessons", str(FIXTURE_LESSONS)]) == 2


def test_trainer_command_with_unknown_cohort_is_exit_2(cohort, capsys) -> None:
    code = main(["trainer", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS), "--cohort", "hold-z"])
    assert code == 2 and "hold-z" in capsys.readouterr().err


def test_trainer_command_builds_the_dashboard_it_runs(cohort, monkeypatch: pytest.MonkeyPatch) -> None:
    from kursus.ui.trainer.app import TrainerApp

    seen = {}

    def fake_run(self, *args, **kwargs):
        seen.update(
            learners=[x.name for x in self.learners],
            lang=self.t.lang,
            cohort=self.cohort,
            days=self.report.stalled_days,
        )

    monkeypatch.setattr(TrainerApp, "run", fake_run)
    code = main(
        [
            "trainer",
            str(cohort.folder),
            "--lessons",
            str(FIXTURE_LESSONS),
            "--cohort",
            "hold-b",
            "--lang",
            "en",
            "--stalled-days",
            "30",
        ]
    )
    assert code == 0
    assert seen == {"learners": ["Cy Carlsen", "Di Dam"], "lang": "en", "cohort": "hold-b", "days": 30}


async def test_cohort_spellings_are_one_cohort_in_the_picker_and_the_filter(tmp_path: Path) -> None:
    """ "Hold A" and "hold a " are the same cohort (tracking.names.cohort_key): the picker
    offers it once with both learners, as the filter then shows them."""
    from kursus.tracking import ProgressStore

    for name, spelling in (("Ea Eng", "Hold A"), ("Fie Fald", "hold a "), ("Gus Gran", "Hold B")):
        ProgressStore.open_for(tmp_path, name, cohort=spelling, course_id="testkursus", content_version=1)
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CohortPicker)
        text = screen_text(app)
        assert "Hold A (2)" in text and "hold a" not in text and "Hold B (1)" in text
        assert app.screen.choices == [None, "Hold A", "Hold B"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert names(app) == ["Ea Eng", "Fie Fald"]
