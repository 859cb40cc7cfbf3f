"""One module per `kursus` subcommand: typed options in (`options.py`), exit code out.

`kursus.cli` parses the command line and builds the options; nothing past it sees an
argparse Namespace. Bad input raises CliError (one line, exit 2).
"""
