"""One browser tab's app process: `python -m kursus.web.tab OPTIONS_JSON`.

Started by kursus.web.tabs with textual-serve's environment (TEXTUAL_DRIVER names
kursus.web.driver). Runs the learner app exactly as `kursus` does; a problem that the
terminal would print as one line (the learner is open in another tab, the progress
folder cannot be written) is shown in the tab instead, since nobody reads the server's
terminal from a browser.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from kursus.commands.options import LearnOptions
from kursus.errors import CliError


def main(argv: list[str]) -> int:
    options = LearnOptions(**json.loads(argv[0]))
    from kursus.commands.learn import build_learner_app

    try:
        app = build_learner_app(options)
    except CliError as exc:
        return show_problem(str(exc), options.lang)
    app.run()
    return app.return_code or 0


def show_problem(message: str, lang: str | None) -> int:
    from kursus.i18n import Catalogue, UnknownLanguage, resolve_language

    try:
        t = Catalogue(resolve_language(lang))
    except UnknownLanguage:
        t = Catalogue("da")
    problem_app(t("serve.problem", problem=message), t("serve.problem_hint")).run()
    return CliError.exit_code


def problem_app(message: str, hint: str) -> Any:
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Static

    from kursus.textsafe import one_line
    from kursus.ui.text import safe

    class ProblemApp(App[int]):
        CSS = "Static { margin: 1 2; }"
        BINDINGS = [Binding("q,escape,ctrl+q", "quit", show=False)]

        def compose(self) -> ComposeResult:
            yield Static(safe(one_line(message)), id="problem")
            yield Static(safe(hint), id="hint")

    return ProblemApp()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
