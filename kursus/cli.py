"""The `kursus` command line. Imports the Textual UI only for the commands that need it."""

from __future__ import annotations

import argparse
import sys

from kursus import __version__
from kursus.errors import CliError

COMMANDS = ("learn", "validate", "report", "trainer", "export")
FORMATS_REPORT = ("table", "csv", "md", "json")
FORMATS_EXPORT = ("md", "json")


def build_parser() -> argparse.ArgumentParser:
    from kursus.locations import default_progress_dir

    parser = argparse.ArgumentParser(
        prog="kursus",
        description=(
            "Kursus for nye netværksledere / a course for new network leaders. "
            "Without a command, `kursus` starts the course (`learn`)."
        ),
        epilog=(
            f"Progress is stored in {default_progress_dir()} unless --progress-dir or "
            "KURSUS_PROGRESS_DIR says otherwise. KURSUS_LANG and KURSUS_LESSONS_DIR stand in "
            "for --lang and --lessons."
        ),
    )
    parser.add_argument("--version", action="version", version=f"kursus {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    learn = sub.add_parser("learn", help="start the course (the default)")
    learn.add_argument("--name", help="the learner's name (asked on first run if left out)")
    learn.add_argument("--cohort", help="onboarding cohort, e.g. 2027-forår")
    _add_common(learn)

    validate = sub.add_parser("validate", help="check the lesson files; exit 2 on any problem")
    validate.add_argument("lessons_dir", nargs="?", metavar="LESSONS_DIR", help="default: the shipped lessons")

    report = sub.add_parser("report", help="cohort report over a folder of progress files")
    report.add_argument("progress_dir", metavar="PROGRESS_DIR")
    report.add_argument("--cohort", help="only this cohort")
    report.add_argument("--format", choices=FORMATS_REPORT, help="default: table on a terminal, else csv")
    report.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")
    report.add_argument("--stalled-days", type=int, default=14, metavar="N", help="no activity for N days = stalled (default 14)")
    report.add_argument("--lessons", metavar="DIR", help="lessons folder (default: the shipped course)")
    report.add_argument("--lang", choices=("da", "en"), help="language of titles and headings")

    trainer = sub.add_parser("trainer", help="trainer dashboard over a folder of progress files (read-only)")
    trainer.add_argument("progress_dir", metavar="PROGRESS_DIR")
    trainer.add_argument("--cohort", help="only this cohort")
    trainer.add_argument("--stalled-days", type=int, default=14, metavar="N")
    trainer.add_argument("--lessons", metavar="DIR", help="lessons folder (default: the shipped course)")
    trainer.add_argument("--lang", choices=("da", "en"), help="da (default) or en")

    export = sub.add_parser("export", help="export your own record (progress, answers, reflections)")
    export.add_argument("--name", help="whose record (default: the only learner in the progress folder)")
    export.add_argument("--format", choices=FORMATS_EXPORT, default="md")
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")
    export.add_argument("--progress-dir", metavar="DIR")
    export.add_argument("--lessons", metavar="DIR")
    export.add_argument("--lang", choices=("da", "en"))
    return parser


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", help="da (default) or en")
    parser.add_argument("--progress-dir", metavar="DIR", help="where progress files are kept")
    parser.add_argument("--lessons", metavar="DIR", help="lessons folder (default: the shipped course)")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "learn")
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except CliError as exc:
        from kursus.textsafe import one_line

        print(f"kursus: {one_line(exc)}", file=sys.stderr)  # file names come from outside
        return CliError.exit_code
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "validate":
        return validate_command(args)
    if args.command == "report":
        from kursus.trainer.commands import report_command

        return report_command(args)
    if args.command == "export":
        from kursus.trainer.commands import export_command

        return export_command(args)
    if args.command == "trainer":
        from kursus.ui.trainer_app import run_trainer

        return run_trainer(args)
    return learn_command(args)


def validate_command(args: argparse.Namespace) -> int:
    from kursus.content.validate import validate_dir
    from kursus.locations import lessons_dir

    folder = lessons_dir(args.lessons_dir)
    if not folder.is_dir():
        raise CliError(f"{folder}: no such lessons folder")
    result = validate_dir(folder)
    from kursus.textsafe import one_line

    for problem in result.problems:
        print(one_line(problem))
    if not result.ok:
        sys.stdout.flush()
        print(f"{len(result.problems)} problem(s) in {folder}", file=sys.stderr)
        return 2
    print(f"OK: {result.lessons} lessons, {result.scenarios} scenarios, languages {', '.join(result.languages)} ({folder})")
    return 0


def learn_command(args: argparse.Namespace) -> int:
    app = build_learner_app(
        lang=args.lang, progress_option=args.progress_dir, lessons_option=args.lessons,
        name=args.name, cohort=args.cohort,
    )
    app.run()
    return app.return_code or 0


def build_learner_app(**options):  # noqa: ANN003, ANN201 - prepare_session's options; a KursusApp
    """The learner app as `kursus` starts it (bench/startup.py times exactly this).

    The garbage collector is paused while thousands of long-lived objects (Textual's
    modules, styles, widgets) are created, and resumed once the first screen is shown
    (KursusApp.on_ready): collections during startup only walk objects that all survive.
    """
    import gc

    gc.disable()
    try:
        from kursus.session import prepare_session

        session = prepare_session(**options)
        from kursus.ui.app import make_app  # Textual is imported only now

        return make_app(session)
    except BaseException:
        gc.enable()  # a failed start must not leave the collector off (tests build many apps)
        raise


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
