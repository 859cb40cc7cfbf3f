"""Key-binding descriptions in the learner's language.

Bindings are declared with catalogue keys as descriptions (`"key.help"`); each app and
screen instance swaps in the translated text, so the footer and the help screen speak
the same language as the rest of the UI.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from kursus.i18n import Catalogue


def localise_bindings(node: DOMNode, t: Catalogue) -> None:
    """Translate from the class's declared bindings, so switching language works too."""
    declared = type(node)._merged_bindings or node._bindings
    node._bindings.key_to_bindings = {  # the instance's own map; class bindings stay as declared
        key: [replace(binding, description=t(binding.description)) if binding.description else binding for binding in bindings]
        for key, bindings in declared.key_to_bindings.items()
    }
