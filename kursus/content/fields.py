"""Typed access to located YAML data that records a Problem instead of raising.

Every reader returns a usable default when the value is wrong, so one pass over a file
reports all of its problems, not just the first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kursus.content.problems import Problem
from kursus.content.yaml_source import LocatedDict, LocatedList

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FileReader:
    """Reads one file's data and collects its problems."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def mapping(
        self, value: Any, where: str, line: int, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> LocatedDict | None:
        """Check that `value` is a mapping with exactly the allowed keys."""
        if not isinstance(value, dict):
            self.problem(line, f"{where}: expected a mapping of keys, found {_kind(value)}")
            return None
        assert isinstance(value, LocatedDict)  # the YAML loader builds every mapping as one
        for key in required:
            if key not in value:
                self.problem(value.line, f"{where}: missing key '{key}'")
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem(value.line_of(key), f"{where}: unknown key '{key}' (known keys: {known})")
        return value

    def text(self, data: LocatedDict, key: str, where: str, required: bool = True) -> str:
        if key not in data:
            return ""
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            if required or value is not None:
                self.problem(data.line_of(key), f"{where}.{key}: expected non-empty text, found {_kind(value)}")
            return ""
        return value.strip()

    def identifier(self, data: LocatedDict, key: str, where: str) -> str:
        value = self.text(data, key, where)
        if value and not ID_PATTERN.match(value):
            self.problem(
                data.line_of(key),
                f"{where}.{key}: '{value}' is not a valid id (lowercase a-z, 0-9 and '-')",
            )
        return value

    def integer(self, data: LocatedDict, key: str, where: str, low: int, high: int) -> int:
        if key not in data:
            return low
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(data.line_of(key), f"{where}.{key}: expected a whole number, found {_kind(value)}")
            return low
        if not low <= value <= high:
            self.problem(data.line_of(key), f"{where}.{key}: {value} is outside {low}-{high}")
        return value

    def boolean(self, data: LocatedDict, key: str, where: str) -> bool:
        if key not in data:
            return False
        value = data[key]
        if not isinstance(value, bool):
            self.problem(data.line_of(key), f"{where}.{key}: expected true or false, found {_kind(value)}")
            return False
        return value

    def sequence(self, data: LocatedDict, key: str, where: str, low: int = 0, high: int | None = None) -> LocatedList:
        if key not in data:
            return LocatedList()
        value = data[key]
        if not isinstance(value, list):
            self.problem(data.line_of(key), f"{where}.{key}: expected a list, found {_kind(value)}")
            return LocatedList()
        if not isinstance(value, LocatedList):  # `!!pairs` and `!!omap` build a plain list of pairs
            value = LocatedList(value)
            value.line = data.line_of(key)
            value.item_lines = []  # its items are reported at the key's line
        count = len(value)
        if count < low or (high is not None and count > high):
            wanted = f"{low}-{high}" if high is not None else f"at least {low}"
            self.problem(data.line_of(key), f"{where}.{key}: has {count} items, expected {wanted}")
        return value

    def text_list(
        self, data: LocatedDict, key: str, where: str, low: int = 0, high: int | None = None
    ) -> tuple[str, ...]:
        items = self.sequence(data, key, where, low, high)
        result = []
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.problem(
                    items.line_of(index), f"{where}.{key}[{index + 1}]: expected non-empty text, found {_kind(item)}"
                )
            else:
                result.append(item.strip())
        return tuple(result)

    def unique(self, ids: list[tuple[str, int]], what: str) -> None:
        """Report every id that appears more than once (ids paired with their lines)."""
        seen: dict[str, int] = {}
        for value, line in ids:
            if not value:
                continue
            if value in seen:
                self.problem(line, f"duplicate {what} id '{value}' (first at line {seen[value]})")
            else:
                seen[value] = line


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "empty text" if not value.strip() else "text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
