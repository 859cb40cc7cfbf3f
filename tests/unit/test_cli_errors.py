"""Bad input on the command line: one clear line naming the option, exit 2 (never argparse's
usage block); `--help` stays as argparse prints it."""

from __future__ import annotations

import pytest

from kursus.cli import main


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["report", "hold", "--format", "pdf"],
            "kursus report: --format: invalid choice 'pdf' (choose from table, csv, md, json, xlsx)",
        ),
        (["report", "hold", "--lang", "fr"], "kursus report: --lang: invalid choice 'fr' (choose from da, en)"),
        (
            ["report", "hold", "--csv-dialect", "foo"],
            "kursus report: --csv-dialect: invalid choice 'foo' (choose from rfc4180, excel-da)",
        ),
        (["report", "hold", "--min-answers", "abc"], "kursus report: --min-answers: not a whole number: 'abc'"),
        (["trainer", "hold", "--stalled-days", "x"], "kursus trainer: --stalled-days: not a whole number: 'x'"),
        (["export", "--format", "pdf"], "kursus export: --format: invalid choice 'pdf' (choose from md, json)"),
        (["certificate", "--lang", "fr"], "kursus certificate: --lang: invalid choice 'fr' (choose from da, en)"),
        (["hand-in"], "kursus hand-in: the following arguments are required: FOLDER"),
        (["validate", "--plan"], "kursus validate: --plan: expected one argument"),
        (["report", "hold", "--bogus"], "kursus: unrecognized arguments: --bogus"),
    ],
)
def test_a_bad_option_is_one_line_and_exit_2(argv: list[str], expected: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [expected]


def test_a_hostile_option_value_stays_one_visible_line(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["report", "hold", "--format", "\x1b[2J\nx\u202e"])
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "\x1b" not in err and "\u202e" not in err


def test_help_is_still_argparse_help(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: kursus report") and "--format {table,csv,md,json,xlsx}" in out
