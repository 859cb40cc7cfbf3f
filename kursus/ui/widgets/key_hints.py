"""The line of key hints at the bottom of every screen.

One widget that draws the current screen's shown bindings as text. Textual's Footer
builds a widget per key and rebuilds them all on every bindings update (every focus
change); that was the largest part of showing a screen (bench/startup.py). Keys are
bold, so they stand out without colour too; disabled keys are dim. A click on a hint
presses its key, as a click on a key in Textual's Footer does. When the hints do not fit
on one line they continue on a second one (never cut off: every key stays visible).
"""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget


class KeyHints(Widget):
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: auto;
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
        self._spans: list[tuple[int, int, int, str, bool]] = []  # (line, first cell, end cell, key, enabled)
        self._line_count = 1
        self._cached: list[tuple[Content, str, bool]] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _hints(self) -> list[tuple[Content, str, bool]]:
        """(hint, key, enabled) for each shown binding of the screen, in order; worked out
        once per change of the screen's bindings (Textual's active_bindings checks every
        binding's action: the largest part of drawing this line)."""
        if self._cached is None:
            self._cached = self._collect()
        return self._cached

    def _collect(self) -> list[tuple[Content, str, bool]]:
        key_style = self.get_visual_style("key-hints--key")
        disabled_style = self.get_visual_style("key-hints--disabled")
        palette = self.app.COMMAND_PALETTE_BINDING
        hints: list[tuple[Content, str, bool]] = []
        actions: set[str] = set()
        for key, (_, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            shown = binding.show or (key == palette and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE)
            if not shown or binding.action in actions:
                continue
            actions.add(binding.action)
            hint = Content.assemble(
                (f" {self.app.get_key_display(binding)} ", key_style),
                f"{binding.description} ",
            )
            hints.append((hint if enabled else hint.stylize(disabled_style), key, enabled))
        return hints

    def _lines(self, width: int) -> list[list[tuple[Content, str, bool]]]:
        """The hints in lines of at most `width` cells (a hint is never split)."""
        lines: list[list[tuple[Content, str, bool]]] = [[]]
        used = 0
        for hint in self._hints():
            size = hint[0].cell_length
            if lines[-1] and used + size > width:
                lines.append([])
                used = 0
            lines[-1].append(hint)
            used += size
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width or viewport.width))

    def render(self) -> RenderResult:
        rows: list[Content] = []
        self._spans = []
        lines = self._lines(self.size.width or self.app.size.width)
        self._line_count = len(lines)
        for number, line in enumerate(lines):
            offset = 0
            for hint, key, enabled in line:
                self._spans.append((number, offset, offset + hint.cell_length, key, enabled))
                offset += hint.cell_length
            rows.append(Content("").join(hint for hint, _, _ in line))
        return Content("\n").join(rows)

    def _bindings_changed(self, screen: Screen) -> None:
        self._cached = None
        # A new layout only when the number of lines changes (focus changes are frequent).
        lines = len(self._lines(self.size.width or self.app.size.width))
        self.refresh(layout=lines != self._line_count)

    def on_click(self, event: events.Click) -> None:
        for line, start, end, key, enabled in self._spans:
            if line == event.y and start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
