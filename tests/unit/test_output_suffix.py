"""--output names the format by its suffix: a suffix a command does not write (or none) is
one line naming the path and the accepted suffixes, exit 2, and nothing is written; an
explicit --format keeps today's behaviour. One rule (kursus.commands.output.output_format)
for report, export, certificate and the dashboard's export."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kursus.cli import main
from kursus.i18n import Catalogue
from kursus.trainer.aggregate import build_report
from kursus.trainer.view_export import ExportProblem, export_view
from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_trainer_support import NOW, course

REPORT_SUFFIXES = ".xlsx, .csv, .md, .markdown, .json, .txt"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def report(folder: Path, *extra: str) -> list[str]:
    return ["report", str(folder), "--lessons", str(FIXTURE_LESSONS), *extra]


@pytest.mark.parametrize("name", ["x.pdf", "x.CSVX", "x.csv.bak", "passwd", "noter."])
def test_report_refuses_an_output_whose_suffix_is_not_a_format(cohort, tmp_path: Path, capsys, name: str) -> None:
    target = tmp_path / name
    code, out, err = run(capsys, *report(cohort.folder, "--output", str(target)))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"kursus: {target}: --output must end in {REPORT_SUFFIXES} (the suffix picks the format), or give --format"
    ]
    assert not target.exists()


def test_an_existing_file_without_a_suffix_is_left_alone(cohort, tmp_path: Path, capsys) -> None:
    target = tmp_path / "passwd"  # as /etc/passwd would be, run as root
    target.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    code, _, err = run(capsys, *report(cohort.folder, "--output", str(target)))
    assert code == 2 and str(target) in err and ".csv" in err
    assert target.read_text(encoding="utf-8") == "root:x:0:0:root:/root:/bin/bash\n"


def test_an_explicit_format_writes_under_any_name(cohort, tmp_path: Path, capsys) -> None:
    target = tmp_path / "rapport.pdf"
    code, _, _ = run(capsys, *report(cohort.folder, "--format", "json", "--output", str(target)))
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["format"] == "kursus-report"


def test_an_explicit_format_never_writes_into_a_suffixless_fifo(cohort, tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "rapport"
    os.mkfifo(fifo)
    code, _, err = run(capsys, *report(cohort.folder, "--format", "csv", "--output", str(fifo)))
    assert code == 2 and "not a regular file" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(("suffix", "starts"), [(".markdown", "# Holdrapport"), (".TXT", "Holdrapport")])
def test_every_report_suffix_still_picks_its_format(cohort, tmp_path: Path, capsys, suffix: str, starts: str) -> None:
    target = tmp_path / f"rapport{suffix}"
    code, _, _ = run(capsys, *report(cohort.folder, "--output", str(target)))
    assert code == 0 and target.read_text(encoding="utf-8").startswith(starts)


def test_a_folder_output_is_not_a_suffix_question(cohort, tmp_path: Path, capsys) -> None:
    code, _, _ = run(capsys, *report(cohort.folder, "--output", f"{tmp_path / 'hold.d'}/"))
    assert code == 0 and (tmp_path / "hold.d" / "deltagere.csv").is_file()


def export(folder: Path, *extra: str) -> list[str]:
    return [
        "export",
        "--progress-dir",
        str(folder),
        "--lessons",
        str(FIXTURE_LESSONS),
        "--name",
        "Ada Andersen",
        *extra,
    ]


def test_export_refuses_a_suffix_it_does_not_write(cohort, tmp_path: Path, capsys) -> None:
    target = tmp_path / "mit-forloeb.pdf"
    code, _, err = run(capsys, *export(cohort.folder, "--output", str(target)))
    assert code == 2 and not target.exists()
    assert err.splitlines() == [
        f"kursus: {target}: --output must end in .md, .markdown, .json (the suffix picks the format), or give --format"
    ]


def test_export_format_follows_the_suffix_unless_given(cohort, tmp_path: Path, capsys) -> None:
    target = tmp_path / "mit-forloeb.json"
    assert run(capsys, *export(cohort.folder, "--output", str(target)))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))
    target = tmp_path / "mit-forloeb.txt"
    assert run(capsys, *export(cohort.folder, "--format", "md", "--output", str(target)))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Mit forløb")


def test_certificate_is_written_only_under_a_pdf_name(cohort, tmp_path: Path, capsys) -> None:
    target = tmp_path / "bevis.txt"
    argv = ["certificate", "--progress-dir", str(cohort.folder), "--lessons", str(FIXTURE_LESSONS)]
    code, _, err = run(capsys, *argv, "--name", "Ada Andersen", "--output", str(target))
    assert code == 2 and not target.exists()
    assert err.splitlines() == [f"kursus: {target}: --output must end in .pdf (the suffix picks the format)"]


def test_the_dashboard_export_follows_the_same_suffixes(cohort, tmp_path: Path) -> None:
    view = build_report(cohort.folder, course(), stalled_days=14, now=NOW)
    t = Catalogue("da")
    with pytest.raises(ExportProblem, match=r"\.markdown"):
        export_view(view, str(tmp_path / "visning.pdf"), t)
    assert export_view(view, str(tmp_path / "visning.markdown"), t).read_text(encoding="utf-8").startswith("#")
