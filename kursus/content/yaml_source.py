"""Safe YAML reading that remembers where every value came from.

Mappings and lists come back as `LocatedDict` / `LocatedList`, which carry the 1-based
line of the node and of each key or item, so validation can say `path:line: message`.
Tags that would build Python objects are refused by the safe constructor; aliases are
refused too (they are never needed in lessons and invite "billion laughs" files).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kursus.safefile import FileTooLarge, NotARegularFile, read_regular_file

try:  # the C parser is several times faster; the constructor stays the safe one
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader  # type: ignore[misc,assignment]  # stubs: the two loaders share no base class


class LocatedDict(dict):
    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class YamlError(Exception):
    """A file that cannot be read as safe YAML; `line` is 1-based (0 if unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _LocatedLoader(_BaseLoader):
    def construct_object(self, node: Any, deep: bool = False) -> Any:  # PyYAML's signature
        # The (C) composer turns an alias into a second reference to the same node, so a
        # node met twice is an alias. Checked here because the C composer cannot be hooked.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) are not allowed in lesson files", node.start_mark
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        self.flatten_mapping(node)
        result = LocatedDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be plain text", key_node.start_mark
                ) from None
            if key in result:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_sequence(self, node: Any, deep: bool = False) -> Any:
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


MAX_INT_DIGITS = 18  # no number in a course needs more; Python refuses ~4,300 with a traceback


def _construct_bounded_int(loader: Any, node: Any) -> int:
    digits = sum(ch.isdigit() for ch in str(node.value))
    if digits > MAX_INT_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"number with {digits} digits is too large (at most {MAX_INT_DIGITS})", node.start_mark
        )
    return loader.construct_yaml_int(node)


def _construct_located_mapping(loader: Any, node: Any) -> Any:
    return loader.construct_mapping(node)


def _construct_located_sequence(loader: Any, node: Any) -> Any:
    return loader.construct_sequence(node)


_LocatedLoader.add_constructor("tag:yaml.org,2002:map", _construct_located_mapping)
_LocatedLoader.add_constructor("tag:yaml.org,2002:seq", _construct_located_sequence)
_LocatedLoader.add_constructor("tag:yaml.org,2002:int", _construct_bounded_int)


class BadDate(str):
    """A YAML date that cannot be one (`2027-13-01`), kept as its text with the reason
    (load_located(lenient_dates=True)): the reader reports it at its key's line and goes
    on to find the file's other problems."""

    reason: str = ""


def _construct_date_or_text(loader: Any, node: Any) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as exc:
        bad = BadDate(node.value)
        bad.reason = str(exc)
        return bad


class _LenientDateLoader(_LocatedLoader):
    pass


_LenientDateLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date_or_text)


MAX_YAML_BYTES = 2 * 1024 * 1024  # a lesson is about 40 KB; the whole course about 1 MB


def load_located(path: Path, *, lenient_dates: bool = False) -> Any:
    """Parse one YAML file. Raises YamlError with a line number, never another error.
    lenient_dates: a date that cannot be one is a BadDate (text) instead of an error.

    Only a regular file of at most MAX_YAML_BYTES is read (a FIFO is refused, not waited
    on), and a file with no content (empty, only comments, or only `~`) is an error.
    """
    try:
        text = read_regular_file(path, MAX_YAML_BYTES, "YAML file").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(f"not UTF-8 text ({exc.reason})") from None
    except NotARegularFile:
        raise YamlError("not a regular file") from None
    except FileTooLarge as exc:
        raise YamlError(exc.reason) from None
    except OSError as exc:
        raise YamlError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        loader = _LenientDateLoader if lenient_dates else _LocatedLoader  # safe-constructor subclasses (above)
        data = yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = exc.problem or exc.context or "invalid YAML"
        if "could not determine a constructor" in problem:
            problem = "YAML tags are not allowed: " + problem.split("for the tag", 1)[-1].strip()
        raise YamlError(problem, line) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc).splitlines()[0] if str(exc) else "invalid YAML") from None
    except RecursionError:
        raise YamlError("nesting too deep") from None
    if data is None:
        raise YamlError("the file has no content (it is empty, only comments, or only ~)", 1)
    return data
