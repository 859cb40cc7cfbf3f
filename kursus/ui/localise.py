"""Key-binding descriptions in the learner's language.

Bindings are declared with catalogue keys as descriptions (`"key.help"`); each app and
screen instance swaps in the translated text, so the footer and the help screen speak
the same language as the rest of the UI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

from kursus.i18n import Catalogue
from kursus.ui.textual_private import declared_bindings, instance_bindings, set_instance_bindings


def localise_bindings(node: DOMNode, t: Catalogue) -> None:
    """Translate the node's bindings. The untranslated map is kept on the first call, so
    switching language translates from the keys again; bindings Textual adds to the
    instance (such as the command palette's) are kept."""
    declared = node.__dict__.setdefault("_untranslated_bindings", dict(instance_bindings(node)))
    set_instance_bindings(
        node,
        {  # the instance's own map; class bindings stay as declared
            # Only our own keys: Textual's bindings (the palette's) keep their description.
            key: [
                replace(binding, description=t(binding.description)) if binding.description in t else binding
                for binding in bindings
            ]
            for key, bindings in declared.items()
        },
    )


def key_help_lines(
    owners: Iterable[type[DOMNode]],
    app: App,
    t: Catalogue,
    keep: Callable[[type[DOMNode], str, Binding], bool] = lambda owner, key, binding: True,
    width: int = 18,
) -> list[str]:
    """Help lines (`  keys  what they do`) for the bindings the owners declare, in their
    own order, keys with the same translated description on one line; a run of digit keys
    is shown as `1-4`. Read from the bindings, so help never drifts from the keys."""
    keys_by_label: dict[str, list[str]] = {}
    for owner in owners:
        for key, bindings in declared_bindings(owner).items():
            for binding in bindings:
                if not binding.description or not keep(owner, key, binding):
                    continue
                label = t(binding.description) if binding.description in t else binding.description
                keys = keys_by_label.setdefault(label, [])
                shown = app.get_key_display(binding)
                if shown not in keys:
                    keys.append(shown)
    labels_by_keys: dict[str, list[str]] = {}  # one key, two meanings by state (c: start / continue)
    for label, keys in keys_by_label.items():
        if len(keys) > 2 and all(key.isdigit() for key in keys):
            keys = [f"{keys[0]}-{keys[-1]}"]
        labels_by_keys.setdefault(", ".join(keys), []).append(label)
    return [f"  {keys:<{width}} {' / '.join(labels)}" for keys, labels in labels_by_keys.items()]


class Localised:
    """Key hints in the app's language, translated before the first compose, so the
    footer is built once (rebuilding it is the main cost of showing a screen). A mixin
    for the screens of both apps."""

    app: Any  # KursusApp or TrainerApp: both have `t`

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localise_bindings(self, self.t)  # type: ignore[arg-type]

    @property
    def t(self) -> Catalogue:
        return self.app.t


def describe_binding(node: DOMNode, binding_id: str, description: str) -> None:
    """Give one binding of this screen instance another hint (already translated), for a
    key whose meaning depends on the state: "1-3" for three options, "Tilbage" when escape
    returns to the journal rather than to the map."""
    bindings = instance_bindings(node)
    for key, declared in bindings.items():
        bindings[key] = [
            replace(binding, description=description) if binding.id == binding_id else binding for binding in declared
        ]
    set_instance_bindings(node, bindings)
    node.refresh_bindings()
