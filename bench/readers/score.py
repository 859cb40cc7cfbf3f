"""Score a reader's answers: python bench/readers/score.py KEY.json ANSWERS.json... [options]

Best 1, partial ½, wrong or missing 0; prints the overall share and one line per lesson.
Several answer files are merged (the isolated readers' packets). Options:
  --ids IDS.json     answers use the packets' item codes (IDS maps item id -> code)
  --only ITEMS.json  score only these item ids (a JSON list), e.g. the new items
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from typing import Any

POINTS = {"best": 1.0, "partial": 0.5, "wrong": 0.0}


def _load(path: str) -> Any:
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def _option(args: list[str], name: str) -> str | None:
    if name not in args:
        return None
    at = args.index(name)
    value = args[at + 1]
    del args[at : at + 2]
    return value


def main() -> None:
    args = sys.argv[1:]
    ids_file, only_file = _option(args, "--ids"), _option(args, "--only")
    key = _load(args[0])
    answers: dict[str, str] = {}
    for path in args[1:]:
        answers.update(_load(path))
    if ids_file:
        items = {code: item for item, code in _load(ids_file).items()}
        answers = {items[code.removeprefix("ITEM ").strip()]: letter for code, letter in answers.items()}
    if only_file:
        wanted = set(_load(only_file))
        key = {item: ratings for item, ratings in key.items() if item in wanted}
    per_lesson: dict[str, list[float]] = defaultdict(list)
    missing = 0
    for item, ratings in key.items():
        if item not in answers and len(key.keys() & answers.keys()) < len(key):
            continue  # a sample: score only the items the reader was given
        letter = str(answers.get(item, "")).strip().lower()[:1]
        if letter not in ratings:
            missing += 1
            per_lesson[item.split("/")[0]].append(0.0)
            continue
        per_lesson[item.split("/")[0]].append(POINTS[ratings[letter]])
    every = [score for scores in per_lesson.values() for score in scores]
    print(f"overall {100 * sum(every) / len(every):.1f}% of {len(every)} items (missing {missing})")
    for lesson_id, scores in per_lesson.items():
        print(f"  {lesson_id:40} {100 * sum(scores) / len(scores):5.1f}%  n={len(scores)}")


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` is fine
    main()
