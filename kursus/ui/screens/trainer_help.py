"""`?`: the keys of the screen underneath and of the whole app, read from the bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from kursus.ui.screens.trainer_base import TrainerModal
from kursus.ui.text import safe
from kursus.ui.widgets.key_hints import KeyHints


class TrainerHelpScreen(TrainerModal):
    BINDINGS = [Binding("escape,question_mark", "close", "trainer.key.close", id="close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="trainer-help", classes="dialog"):
            yield Static(safe(self.t("trainer.help.title")), classes="heading")
            yield Static(safe(self.help_text()), id="trainer-help-text")
        yield KeyHints()

    def help_text(self) -> str:
        t, app = self.t, self.app
        lines = [t("trainer.help.intro"), ""]
        keys_by_label: dict[str, list[str]] = {}
        for owner in (type(self.under), type(app)):
            bindings = owner._merged_bindings.key_to_bindings if owner._merged_bindings else {}
            for group in bindings.values():
                for binding in group:
                    if not binding.description.startswith("trainer."):
                        continue  # Textual's own (tab, copy) are not ours to explain
                    label = t(binding.description)
                    keys = keys_by_label.setdefault(label, [])
                    shown = app.get_key_display(binding)
                    if shown not in keys:
                        keys.append(shown)
        for label, keys in keys_by_label.items():
            if len(keys) > 2 and all(k.isdigit() for k in keys):
                keys = [f"{keys[0]}-{keys[-1]}"]
            lines.append(f"  {', '.join(keys):<12} {label}")
        lines += ["", t("trainer.help.close")]
        return "\n".join(lines)

    def on_mount(self) -> None:
        self.query_one("#trainer-help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
