"""Score a reader's answers: python bench/readers/score.py KEY.json ANSWERS.json

Best 1, partial ½, wrong or missing 0; prints the overall share and one line per lesson.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict

POINTS = {"best": 1.0, "partial": 0.5, "wrong": 0.0}


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as file:
        key = json.load(file)
    with open(sys.argv[2], encoding="utf-8") as file:
        answers = json.load(file)
    per_lesson: dict[str, list[float]] = defaultdict(list)
    missing = 0
    for item, ratings in key.items():
        if item not in answers and len(answers) < len(key):
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
    main()
