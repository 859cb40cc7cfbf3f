"""Errors the command line turns into one clear line and exit code 2."""


class CliError(Exception):
    """A problem with the user's input; the message names the file or option."""

    exit_code = 2
