"""`kursus export`: a learner's own record, with ALL their reflections (it is theirs)."""

from __future__ import annotations

import json
from pathlib import Path

from kursus.cli import main
from tests.conftest import FIXTURE_LESSONS
from tests.unit.test_trainer_support import (
    ADA_PRIVATE,
    ADA_SHARED,
    HOSTILE_NAME,
    HOSTILE_PRIVATE,
    HOSTILE_SHARED,
    build_cohort,
)


def export(capsys, folder: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["export", "--progress-dir", str(folder), "--lessons", str(FIXTURE_LESSONS), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_export_has_progress_answers_and_every_reflection(cohort, capsys) -> None:
    code, out, _ = export(capsys, cohort.folder, "--name", "Ada Andersen", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "kursus-export" and data["name"] == "Ada Andersen" and data["cohort"] == "hold-a"
    assert data["summary"]["lessons_done"] == 3 and data["summary"]["scenarios_answered"] == 7
    texts = {(r["prompt_id"], r["text"], r["shared"]) for r in data["reflections"]}
    assert texts == {("r1", ADA_SHARED, True), ("r2", ADA_PRIVATE, False)}
    assert data["reflections"][0]["prompt"] == "Hvad tager du med?"
    alpha = next(x for x in data["lessons"] if x["id"] == "alpha")
    s2 = next(a for a in alpha["answers"] if a["scenario_id"] == "s2")
    assert [(a["choice_id"], a["rating"]) for a in s2["attempts"]] == [("c", "partial"), ("a", "best")]
    assert s2["attempts"][0]["feedback"] == "Andet feedback C."


def test_markdown_export_is_readable_and_complete(cohort, capsys) -> None:
    code, out, _ = export(capsys, cohort.folder, "--name", "ada andersen")  # md is the default; name in any case
    assert code == 0
    assert out.startswith("# Mit forløb: Ada Andersen")
    assert "Lektioner færdige: 3 af 3" in out
    assert "1. Andet C (◐ delvist)" in out and "Feedback: Andet feedback C." in out
    assert "2. Andet A (✓ bedste svar)" in out and "Point ved første forsøg: 79 %" in out
    assert ADA_PRIVATE.split(":")[0] in out and "Delt med underviseren: nej" in out
    assert "Delt med underviseren: ja" in out


def test_markdown_export_escapes_hostile_text(cohort, capsys) -> None:
    code, out, _ = export(capsys, cohort.folder, "--name", HOSTILE_NAME)
    assert code == 0
    assert "\\[b\\]x\\[/b\\] \\| =HYPERLINK" in out
    assert "\\[@click=app.quit\\]x\\[/\\]" in out
    assert HOSTILE_PRIVATE in out  # the learner's own record: private text belongs to them


def test_english_export(cohort, capsys) -> None:
    code, out, _ = export(capsys, cohort.folder, "--name", "Bo Berg", "--lang", "en")
    assert code == 0 and out.startswith("# My course record: Bo Berg")
    assert "Shared with the trainer: no" in out


def test_the_only_learner_needs_no_name(tmp_path: Path, capsys) -> None:
    cohort = build_cohort(tmp_path / "mappe")
    for key in ("bo", "cy", "di", "hostile"):
        cohort.files[key].unlink()
    code, out, _ = export(capsys, cohort.folder, "--format", "json")
    assert code == 0 and json.loads(out)["name"] == "Ada Andersen"


def test_several_learners_and_no_name_is_exit_2(cohort, capsys) -> None:
    code, _, err = export(capsys, cohort.folder)
    assert code == 2 and "--name" in err and "Ada Andersen" in err and len(err.strip().splitlines()) == 1


def test_unknown_name_is_exit_2(cohort, capsys) -> None:
    code, _, err = export(capsys, cohort.folder, "--name", "Ingen Her")
    assert code == 2 and "Ingen Her" in err


def test_missing_progress_folder_is_exit_2(tmp_path: Path, capsys) -> None:
    code, _, err = export(capsys, tmp_path / "ingen")
    assert code == 2 and "ingen" in err and "Traceback" not in err


def test_a_damaged_file_is_exit_2_naming_it(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mappe"
    folder.mkdir()
    from kursus.tracking.names import progress_file_name

    (folder / progress_file_name("Ada Andersen")).write_text("{ ødelagt", encoding="utf-8")
    code, _, err = export(capsys, folder, "--name", "Ada Andersen")
    assert code == 2 and "not valid JSON" in err


def test_output_file_and_refusal_to_overwrite_progress(cohort, tmp_path: Path, capsys) -> None:
    target = tmp_path / "mit-forloeb.md"
    code, _, err = export(capsys, cohort.folder, "--name", "Ada Andersen", "--output", str(target))
    assert code == 0 and str(target) in err
    assert target.read_text(encoding="utf-8").startswith("# Mit forløb")
    before = cohort.files["bo"].read_bytes()
    code, _, err = export(capsys, cohort.folder, "--name", "Ada Andersen", "--output", str(cohort.files["bo"]))
    assert code == 2 and cohort.files["bo"].read_bytes() == before


def test_export_includes_shared_hostile_text_verbatim_in_json(cohort, capsys) -> None:
    code, out, _ = export(capsys, cohort.folder, "--name", HOSTILE_NAME, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["name"] == HOSTILE_NAME
    assert {r["text"] for r in data["reflections"]} == {HOSTILE_SHARED, HOSTILE_PRIVATE}


def test_the_export_file_is_readable_by_its_owner_only_and_never_in_the_progress_folder(
    cohort, capsys, tmp_path: Path
) -> None:
    """It holds private reflections: 0600 like the progress file, and not in a folder that
    may be a shared drive the trainer reads."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        out = tmp_path / "ada.md"
        code, _, _ = export(capsys, cohort.folder, "--name", "Ada Andersen", "--output", str(out))
        assert code == 0 and ADA_PRIVATE in out.read_text(encoding="utf-8")
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        inside = cohort.folder / "ada-export.md"
        code, _, err = export(capsys, cohort.folder, "--name", "Ada Andersen", "--output", str(inside))
        assert code == 2 and not inside.exists()
        assert (
            err.strip() == f"kursus: {inside}: not in the progress folder (the export holds your private reflections)"
        )
    finally:
        os.umask(old)
