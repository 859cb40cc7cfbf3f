"""Every use of a private Textual API, in one place.

Textual is pinned exactly (pyproject.toml) because of these; tests/unit/
test_textual_private.py runs each one against the installed Textual and fails loudly
when a new version changes them. Nothing else in kursus touches a `_name` of Textual's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.screen import Screen

BindingMap = dict[str, list["Binding"]]


def instance_bindings(node: DOMNode) -> BindingMap:
    """The key -> bindings map of one app or screen instance (what its footer shows)."""
    return node._bindings.key_to_bindings


def set_instance_bindings(node: DOMNode, bindings: BindingMap) -> None:
    """Replace one instance's map (the class's declared bindings stay as they are)."""
    node._bindings.key_to_bindings = bindings


def declared_bindings(owner: type[DOMNode]) -> BindingMap:
    """The bindings a class declares, merged with those it inherits."""
    merged = owner._merged_bindings
    return merged.key_to_bindings if merged else {}


def accept_as_pushed(screen: Screen, app: App) -> None:
    """Give a default screen the empty result callback a pushed screen gets, so that
    `switch_screen()` (which pops one) works on it. Lets the first screen be the real
    one rather than pushed over an empty default: about 45 ms of startup."""
    screen._push_result_callback(app, None)


def rendered_lines(screen: Screen) -> list[str]:
    """What the screen shows now, as plain text lines (tests read the screen so)."""
    return [strip.text for strip in screen._compositor.render_strips()]
