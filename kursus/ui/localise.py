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
    """Translate the node's bindings. The untranslated map is kept on the first call, so
    switching language translates from the keys again; bindings Textual adds to the
    instance (such as the command palette's) are kept."""
    declared = node.__dict__.setdefault("_untranslated_bindings", dict(node._bindings.key_to_bindings))
    node._bindings.key_to_bindings = {  # the instance's own map; class bindings stay as declared
        key: [replace(binding, description=t(binding.description)) if binding.description else binding for binding in bindings]
        for key, bindings in declared.items()
    }
