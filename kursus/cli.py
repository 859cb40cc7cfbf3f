"""The `kursus` command line. Imports the Textual UI only for the commands that need it."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from kursus import __version__
from kursus.errors import CliError
from kursus.vocabulary import DEFAULT_STALLED_DAYS, LANGUAGES

COMMANDS = ("learn", "validate", "report", "trainer", "export", "certificate", "hand-in", "serve", "sync")
FORMATS_REPORT = ("table", "csv", "md", "json", "xlsx")  # kursus.trainer.formats.FORMATS; a test holds them equal
CSV_DIALECTS = ("rfc4180", "excel-da")  # kursus.trainer.formats.CSV_DIALECTS
FORMATS_EXPORT = ("md", "json")


class OneLineParser(argparse.ArgumentParser):
    """argparse with the house rule for bad input: one clear line naming the option and
    exit 2, not the usage block (`--help` prints it as argparse does). Subcommand parsers
    are made from the same class (add_subparsers takes the parent's class)."""

    def error(self, message: str) -> NoReturn:
        from kursus.textsafe import one_line

        self.exit(2, f"{self.prog}: {one_line(plain_error(message))}\n")


_CHOICE_ITEM = re.compile(r"'([^',]*)'")


def plain_error(message: str) -> str:
    """argparse's message in plain words: `--format: invalid choice 'pdf' (choose from
    table, csv)` for `argument --format: invalid choice: 'pdf' (choose from 'table', 'csv')`."""
    message = message.removeprefix("argument ")
    head, marker, choices = message.partition(" (choose from ")
    if marker:
        message = f"{head} (choose from " + _CHOICE_ITEM.sub(r"\1", choices)
    return message.replace(": invalid choice: ", ": invalid choice ").replace(
        ": invalid int value: ", ": not a whole number: "
    )


def build_parser() -> argparse.ArgumentParser:
    from kursus.locations import default_progress_dir

    parser = OneLineParser(
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

    serve = sub.add_parser("serve", help="the course in a browser, for you only (an address with an access key)")
    serve.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (this computer only); others: a warning")
    serve.add_argument("--port", type=int, default=8000, help="default 8000; 0: any free port")
    serve.add_argument("--name", help="the learner's name (asked in the browser if left out)")
    serve.add_argument("--cohort", help="onboarding cohort, e.g. 2027-forår")
    _add_common(serve)

    validate = sub.add_parser("validate", help="check the lesson files; exit 2 on any problem")
    validate.add_argument("lessons_dir", nargs="?", metavar="LESSONS_DIR", help="default: the shipped lessons")
    validate.add_argument(
        "--plan", metavar="FILE", help="check a cohort plan (or every plan.yaml in a progress folder) instead"
    )

    report = sub.add_parser("report", help="cohort report over a folder of progress files (or an LRS: --lrs)")
    report.add_argument("progress_dir", metavar="PROGRESS_DIR", nargs="?")
    report.add_argument("--lrs", metavar="URL", help="read the learners from this xAPI LRS instead of a folder")
    report.add_argument("--cohort", help="only this cohort")
    report.add_argument("--format", choices=FORMATS_REPORT, help="default: table on a terminal, else csv")
    report.add_argument(
        "--output", metavar="FILE", help="write to FILE instead of the screen; a FOLDER/ gets one CSV file per section"
    )
    report.add_argument(
        "--csv-dialect",
        choices=CSV_DIALECTS,
        default="rfc4180",
        help="excel-da: semicolons, decimal comma, UTF-8 with BOM (opens in a Danish Excel by double-click)",
    )
    _add_plan_options(report)
    _add_cache_option(report)
    report.add_argument(
        "--stalled-days",
        type=int,
        default=DEFAULT_STALLED_DAYS,
        metavar="N",
        help=f"no activity for N days = stalled (default {DEFAULT_STALLED_DAYS})",
    )
    report.add_argument("--lessons", metavar="DIR", help="lessons folder (default: the shipped course)")
    report.add_argument("--lang", choices=LANGUAGES, help="language of titles and headings")

    trainer = sub.add_parser("trainer", help="trainer dashboard over a folder of progress files (read-only)")
    trainer.add_argument("progress_dir", metavar="PROGRESS_DIR", nargs="?")
    trainer.add_argument("--lrs", metavar="URL", help="read the learners from this xAPI LRS instead of a folder")
    trainer.add_argument("--cohort", help="only this cohort")
    trainer.add_argument("--stalled-days", type=int, default=DEFAULT_STALLED_DAYS, metavar="N")
    trainer.add_argument("--lessons", metavar="DIR", help="lessons folder (default: the shipped course)")
    trainer.add_argument("--lang", choices=LANGUAGES, help="da (default) or en")
    _add_plan_options(trainer)
    _add_cache_option(trainer)

    export = sub.add_parser("export", help="export your own record (progress, answers, reflections)")
    export.add_argument("--name", help="whose record (default: the only learner in the progress folder)")
    export.add_argument("--format", choices=FORMATS_EXPORT, help="default: from the --output file's suffix, else md")
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")
    export.add_argument("--progress-dir", metavar="DIR")
    export.add_argument("--lessons", metavar="DIR")
    export.add_argument("--lang", choices=LANGUAGES)

    certificate = sub.add_parser("certificate", help="your course record as a PDF (Kursusbevis when all is done)")
    certificate.add_argument("--name", help="whose record (default: the only learner in the progress folder)")
    certificate.add_argument("--progress-dir", metavar="DIR")
    certificate.add_argument("--lessons", metavar="DIR")
    certificate.add_argument("--lang", choices=LANGUAGES)
    certificate.add_argument("--output", metavar="FILE", help="default: kursusbevis-NAME.pdf in the current folder")
    hand_in = sub.add_parser(
        "hand-in",
        help="write what your trainer may see (a copy without private reflections, and the PDF) to a folder",
    )
    hand_in.add_argument(
        "folder", metavar="FOLDER", help="where to write (created if missing), e.g. the cohort's shared folder"
    )
    hand_in.add_argument("--name", help="whose record (default: the only learner in the progress folder)")
    hand_in.add_argument("--progress-dir", metavar="DIR")
    hand_in.add_argument("--lessons", metavar="DIR")
    hand_in.add_argument("--lang", choices=LANGUAGES)
    hand_in.add_argument("--no-pdf", action="store_true", help="only the copy for the trainer, no PDF")

    sync = sub.add_parser("sync", help="send your progress to the organisation's LRS (xAPI) now")
    sync.add_argument("--name", help="whose progress (default: the only learner in the progress folder)")
    sync.add_argument("--progress-dir", metavar="DIR")
    sync.add_argument("--lessons", metavar="DIR")
    sync.add_argument("--lang", choices=LANGUAGES)
    sync.add_argument("--lrs", metavar="URL", help="the LRS (default: KURSUS_LRS_URL or the config file)")
    sync.add_argument("--email", metavar="ADDRESS", help="your e-mail address as your identity in the LRS")
    sync.add_argument("--yes", action="store_true", help="you have read what is sent: send without asking")
    return parser


def _add_plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plan", metavar="FILE", help="cohort plan (YAML); default: plan.yaml beside the progress files"
    )
    parser.add_argument(
        "--min-answers", type=int, metavar="N", help="rank a scenario among the hardest from N answers (default 3)"
    )


def _add_cache_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file again: do not use or keep the summaries of unchanged files (in your cache folder)",
    )


def _add_common(parser: argparse.ArgumentParser) -> None:
    # No `choices` here: a bad --lang or KURSUS_LANG gets the same one-line error either way.
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
    """The parsed command line as typed options, handed to its command (imported only
    when it runs, so `kursus validate` or `report` never imports Textual)."""
    from kursus.commands import options as o

    if args.command == "validate":
        from kursus.commands.validate import validate_command

        return validate_command(o.ValidateOptions(args.lessons_dir, plan=args.plan))
    if args.command == "report":
        from kursus.commands.report import report_command

        return report_command(
            o.ReportOptions(
                args.progress_dir or "",
                cohort=args.cohort,
                stalled_days=args.stalled_days,
                lessons=args.lessons,
                lang=args.lang,
                format=args.format,
                output=args.output,
                lrs=args.lrs,
                csv_dialect=args.csv_dialect,
                plan=args.plan,
                min_answers=args.min_answers,
                cache=not args.no_cache,
            )
        )
    if args.command == "sync":
        from kursus.commands.sync import sync_command

        return sync_command(
            o.SyncOptions(
                name=args.name,
                progress_dir=args.progress_dir,
                lessons=args.lessons,
                lang=args.lang,
                lrs=args.lrs,
                email=args.email,
                yes=args.yes,
            )
        )
    if args.command == "export":
        from kursus.commands.export import export_command

        return export_command(
            o.ExportOptions(
                name=args.name,
                format=args.format,
                output=args.output,
                progress_dir=args.progress_dir,
                lessons=args.lessons,
                lang=args.lang,
            )
        )
    if args.command == "certificate":
        from kursus.commands.certificate import certificate_command

        return certificate_command(
            o.CertificateOptions(
                name=args.name,
                progress_dir=args.progress_dir,
                lessons=args.lessons,
                lang=args.lang,
                output=args.output,
            )
        )
    if args.command == "hand-in":
        from kursus.commands.handin import hand_in_command

        return hand_in_command(
            o.HandInOptions(
                args.folder,
                name=args.name,
                progress_dir=args.progress_dir,
                lessons=args.lessons,
                lang=args.lang,
                pdf=not args.no_pdf,
            )
        )
    if args.command == "serve":
        from kursus.commands.serve import serve_command

        return serve_command(
            o.ServeOptions(
                lang=args.lang,
                progress_dir=args.progress_dir,
                lessons=args.lessons,
                name=args.name,
                cohort=args.cohort,
                host=args.host,
                port=args.port,
            )
        )
    if args.command == "trainer":
        from kursus.commands.trainer import run_trainer

        return run_trainer(
            o.TrainerOptions(
                args.progress_dir or "",
                cohort=args.cohort,
                stalled_days=args.stalled_days,
                lessons=args.lessons,
                lang=args.lang,
                lrs=args.lrs,
                plan=args.plan,
                min_answers=args.min_answers,
                cache=not args.no_cache,
            )
        )
    from kursus.commands.learn import learn_command

    return learn_command(
        o.LearnOptions(
            lang=args.lang,
            progress_dir=args.progress_dir,
            lessons=args.lessons,
            name=args.name,
            cohort=args.cohort,
        )
    )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
