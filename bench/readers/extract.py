"""Packets for readers who have never seen the course (issue 13's measure).

    python bench/readers/extract.py LANG OUTDIR [LESSONS_DIR]

writes to OUTDIR:
  blind-LANG.md     every decision point (situation, question, choices in file order;
                    no ratings, no feedback): for a reader who has NOT read the lessons
  informed-LANG.md  every lesson's body and key points first, then the same items
  key-LANG.json     item id -> {choice id: rating}: keep it away from the readers

Readers answer with JSON {"<lesson>/<scenario>": "<letter>"}; score it with score.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    lang, out = sys.argv[1], Path(sys.argv[2])
    root = Path(sys.argv[3]) if len(sys.argv) > 3 else REPO / "kursus" / "lessons"
    course = yaml.safe_load((root / "course.yaml").read_text(encoding="utf-8"))
    order = [lesson for module in course["modules"] for lesson in module["lessons"]]
    items, key, lessons_text = [], {}, []
    for lesson_id in order:
        lesson = yaml.safe_load((root / lang / f"{lesson_id}.yaml").read_text(encoding="utf-8"))
        body = "\n\n".join(f"### {page['title']}\n\n{page['text']}" for page in lesson["body"])
        points = "\n".join(f"- {point}" for point in lesson["key_points"])
        lessons_text.append(f"## LESSON {lesson_id}: {lesson['title']}\n\n{body}\n\n**Key points**\n{points}\n")
        for scenario in lesson["scenarios"]:
            item = f"{lesson_id}/{scenario['id']}"
            key[item] = {choice["id"]: choice["rating"] for choice in scenario["choices"]}
            choices = "\n".join(f"{choice['id']}) {choice['text'].strip()}" for choice in scenario["choices"])
            follow = " (this situation follows from an earlier decision)" if scenario.get("follow_up") else ""
            items.append(
                f"### ITEM {item}{follow}\n\n{scenario['situation'].strip()}\n\n"
                f"**{scenario['question'].strip()}**\n\n{choices}\n"
            )
    out.mkdir(parents=True, exist_ok=True)
    (out / f"blind-{lang}.md").write_text(f"# {len(items)} items\n\n" + "\n".join(items), encoding="utf-8")
    (out / f"informed-{lang}.md").write_text(
        "# PART 1: THE LESSONS (read them first)\n\n"
        + "\n".join(lessons_text)
        + f"\n\n# PART 2: {len(items)} ITEMS\n\n"
        + "\n".join(items),
        encoding="utf-8",
    )
    (out / f"key-{lang}.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
    print(lang, len(items), "items")


if __name__ == "__main__":
    main()
