"""Every catalogue key the code uses exists, in both languages, including keys built
with f-strings; and a missing key is an error in tests, not text shown to a learner."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kursus.i18n import Catalogue, MissingText
from tests.conftest import REPO_ROOT

SOURCES = sorted((REPO_ROOT / "kursus").rglob("*.py"))
KEY_SHAPE = re.compile(r"^(trainer\.)?[a-z_]+\.[a-z_0-9.]+$")


def _is_lookup(call: ast.Call) -> bool:
    """t(...), self.t(...), self.app.t(...): a call of something named `t`."""
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "t") or (isinstance(func, ast.Attribute) and func.attr == "t")


def used_keys(path: Path) -> tuple[set[str], set[str]]:
    """(plain keys, f-string key patterns as regexes) looked up in one source file, plus
    the catalogue keys given as Binding descriptions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    plain: set[str] = set()
    patterns: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if _is_lookup(node):
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                plain.add(first.value)
            elif isinstance(first, ast.JoinedStr):
                parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z_0-9.]+" for v in first.values]
                patterns.add("^" + "".join(parts) + "$")
        elif name == "Binding" and len(node.args) >= 3:
            description = node.args[2]
            if isinstance(description, ast.Constant) and isinstance(description.value, str):
                plain.add(description.value)
    return plain, patterns


def all_used() -> tuple[dict[str, Path], dict[str, Path]]:
    plain: dict[str, Path] = {}
    patterns: dict[str, Path] = {}
    for path in SOURCES:
        keys, built = used_keys(path)
        plain.update((key, path) for key in keys)
        patterns.update((pattern, path) for pattern in built)
    return plain, patterns


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_key_the_code_uses_exists(lang: str) -> None:
    plain, patterns = all_used()
    text = Catalogue(lang)._text
    assert len(plain) > 150 and len(patterns) >= 3  # the scan sees the code (and its f-strings)
    missing = sorted(
        f"{path.relative_to(REPO_ROOT)}: {key}"
        for key, path in plain.items()
        if KEY_SHAPE.match(key) and key not in text
    )
    assert missing == []
    unmatched = sorted(
        f"{path.relative_to(REPO_ROOT)}: {pattern}"
        for pattern, path in patterns.items()
        if not any(re.match(pattern, key) for key in text)
    )
    assert unmatched == []


def test_the_scan_sees_keys_built_with_f_strings(tmp_path: Path) -> None:
    source = tmp_path / "screen.py"
    source.write_text(
        't(f"status.{value}")\nself.t("help.title")\nBinding("q", "quit", "key.quit")\n', encoding="utf-8"
    )
    plain, patterns = used_keys(source)
    assert plain == {"help.title", "key.quit"}
    assert patterns == {r"^status\.[a-z_0-9.]+$"}


def test_a_missing_key_raises_in_strict_mode_and_shows_the_key_otherwise() -> None:
    with pytest.raises(MissingText):
        Catalogue("da", strict=True)("no.such_key")
    assert Catalogue("da", strict=False)("no.such_key") == "no.such_key"
    assert Catalogue("da")("status.done") == "Færdig"
    assert Catalogue("da").strict  # the test suite runs strict (tests/conftest.py)


def test_every_catalogue_module_has_the_same_keys_and_fields_in_both_languages() -> None:
    import string
    from importlib import import_module

    from kursus.i18n import catalogue_modules

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    modules = catalogue_modules()
    assert {"kursus.i18n.learner", "kursus.i18n.trainer"} <= set(modules)
    seen: set[str] = set()
    for name in modules:
        module = import_module(name)
        assert set(module.DA) == set(module.EN), name
        assert not seen & set(module.DA), f"{name} repeats keys of another catalogue"
        seen |= set(module.DA)
        for key in module.DA:
            assert module.DA[key].strip() and module.EN[key].strip(), key
            assert fields(module.DA[key]) == fields(module.EN[key]), key
