"""The line of key hints at the bottom of every screen.

One widget that draws the current screen's shown bindings as text. Textual's Footer
builds a widget per key and rebuilds them all on every bindings update (every focus
change); that was the largest part of showing a screen (bench/startup.py). Keys are
bold, so they stand out without colour too; disabled keys are dim. A click on a hint
presses its key, as a click on a key in Textual's Footer does.
"""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class KeyHints(Widget):
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyHints > .key-hints--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyHints > .key-hints--disabled {
        text-style: dim;
    }
    """
    COMPONENT_CLASSES = {"key-hints--key", "key-hints--disabled"}

    def __init__(self, show_command_palette: bool = False) -> None:
        # The palette key is shown only where the line has room for it (the course map);
        # ctrl+p works everywhere and the help screen says so.
        super().__init__()
        self.show_command_palette = show_command_palette
        self._spans: list[tuple[int, int, str, bool]] = []  # (first cell, end cell, key, enabled) per hint

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        self.refresh()

    def render(self) -> RenderResult:
        key_style = self.get_visual_style("key-hints--key")
        disabled_style = self.get_visual_style("key-hints--disabled")
        palette = self.app.COMMAND_PALETTE_BINDING
        parts: list[Content] = []
        actions: set[str] = set()
        self._spans = []
        offset = 0
        for key, (_, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            shown = binding.show or (key == palette and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE)
            if not shown or binding.action in actions:
                continue
            actions.add(binding.action)
            hint = Content.assemble(
                (f" {self.app.get_key_display(binding)} ", key_style),
                f"{binding.description} ",
            )
            parts.append(hint if enabled else hint.stylize(disabled_style))
            self._spans.append((offset, offset + hint.cell_length, key, enabled))
            offset += hint.cell_length
        return Content("").join(parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
