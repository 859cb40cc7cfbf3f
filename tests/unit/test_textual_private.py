"""Every private Textual API kursus uses (kursus.ui.textual_private), run against the
installed Textual: a Textual release that changes one of them fails here, loudly."""

from __future__ import annotations

import re

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from kursus.ui import textual_private as private
from tests.conftest import REPO_ROOT


class First(Screen):
    BINDINGS = [Binding("x", "nothing", "Gør ingenting")]

    def compose(self) -> ComposeResult:
        yield Static("første skærm")


class Second(Screen):
    def compose(self) -> ComposeResult:
        yield Static("anden skærm")


class Probe(App):
    def get_default_screen(self) -> Screen:
        screen = First()
        private.accept_as_pushed(screen, self)
        return screen


async def test_each_private_call_works_on_the_installed_textual() -> None:
    app = Probe()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert "første skærm" in "\n".join(private.rendered_lines(app.screen))
        bindings = private.instance_bindings(app.screen)
        assert [b.description for b in bindings["x"]] == ["Gør ingenting"]
        private.set_instance_bindings(app.screen, {"x": [Binding("x", "nothing", "Do nothing")]})
        assert private.instance_bindings(app.screen)["x"][0].description == "Do nothing"
        assert private.declared_bindings(First)["x"][0].description == "Gør ingenting"  # the class keeps its own
        assert "tab" in private.declared_bindings(Screen)
        app.switch_screen(Second())  # works on a default screen only with the result callback
        await pilot.pause()
        assert "anden skærm" in "\n".join(private.rendered_lines(app.screen))


def test_no_other_module_touches_a_private_textual_name() -> None:
    private_names = re.compile(r"\._(bindings|merged_bindings|push_result_callback|compositor)\b")
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in sorted((REPO_ROOT / "kursus").rglob("*.py"))
        if path.name != "textual_private.py" and private_names.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_textual_is_pinned_exactly() -> None:
    import textual

    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"textual=={textual.__version__}"' in pyproject
