"""The footer of key hints, rebuilt only when the hints really change.

Textual's Footer recomposes itself on every bindings update (every focus change, every
refresh_bindings), restyling all of its keys each time; that was the largest single cost
of showing a screen. This one compares what it would show with what it shows.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyHints(Footer):
    _shown: tuple | None = None

    def __init__(self, show_command_palette: bool = False) -> None:
        # The palette key is shown only where the footer has room for it (the course map);
        # ctrl+p works everywhere and the help screen says so.
        super().__init__(show_command_palette=show_command_palette)

    def _signature(self, screen: Screen) -> tuple:
        return tuple(
            (binding.key, binding.description, binding.action, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            signature = self._signature(screen)
            if signature == self._shown:
                self._bindings_ready = True
                return
            self._shown = signature
        super().bindings_changed(screen)
