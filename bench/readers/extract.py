"""Packets for readers who have never seen the course (issue 13's measure).

    python bench/readers/extract.py LANG OUTDIR [LESSONS_DIR] [--isolated SIZE] [--knowledge] [--only ITEMS.json]

writes to OUTDIR:
  blind-LANG.md     every decision point (situation, question, choices in file order;
                    no ratings, no feedback): for a reader who has NOT read the lessons
  informed-LANG.md  every lesson's body and key points first, then the same items
  key-LANG.json     item id -> {choice id: rating}: keep it away from the readers
  knowledge-LANG.json  the ids of the knowledge checks (`knowledge_check: true`), for
                    score.py --only

With --knowledge the items (and packets) are the knowledge checks only; with --only
ITEMS.json (a JSON list of item ids) only those items, e.g. the ones changed since a
measurement.

With --isolated SIZE it also writes isolated-LANG-K.md: every item exactly once, under a
number instead of its id (isolated-ids-LANG.json maps them; score.py --ids), in
packets of at most SIZE items and never two items of the same lesson in one packet, so no
item can give away another's answer (a reader gets one packet and nothing else). The
packets are the same for the same items (seeded order).

Readers answer with JSON {"<lesson>/<scenario>": "<letter>"}; score it with score.py.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def isolated_packets(items: dict[str, str], size: int) -> list[list[str]]:
    """Item ids in packets of at most `size`, no two of one lesson in a packet."""
    by_lesson: dict[str, list[str]] = {}
    for item in items:
        by_lesson.setdefault(item.split("/")[0], []).append(item)
    deepest = max((len(group) for group in by_lesson.values()), default=0)
    count = max(deepest, -(-len(items) // size))
    rng = random.Random(13)
    packets: list[list[str]] = [[] for _ in range(count)]
    for group in sorted(by_lesson.values(), key=len, reverse=True):
        rng.shuffle(group)
        # the emptiest packets first, so the packets stay the same size
        order = sorted(range(count), key=lambda k: (len(packets[k]), rng.random()))
        for item, k in zip(group, order, strict=False):
            packets[k].append(item)
    for packet in packets:
        rng.shuffle(packet)
    return packets


def main() -> None:
    args = sys.argv[1:]
    size = 0
    only_knowledge = "--knowledge" in args
    if only_knowledge:
        args.remove("--knowledge")
    wanted: set[str] | None = None
    if "--only" in args:
        at = args.index("--only")
        wanted = set(json.loads(Path(args[at + 1]).read_text(encoding="utf-8")))
        del args[at : at + 2]
    if "--isolated" in args:
        at = args.index("--isolated")
        size = int(args[at + 1])
        del args[at : at + 2]
    lang, out = args[0], Path(args[1])
    root = Path(args[2]) if len(args) > 2 else REPO / "kursus" / "lessons"
    course = yaml.safe_load((root / "course.yaml").read_text(encoding="utf-8"))
    order = [lesson for module in course["modules"] for lesson in module["lessons"]]
    items: dict[str, str] = {}
    key: dict[str, dict[str, str]] = {}
    knowledge: list[str] = []
    lessons_text: list[str] = []
    for lesson_id in order:
        lesson = yaml.safe_load((root / lang / f"{lesson_id}.yaml").read_text(encoding="utf-8"))
        body = "\n\n".join(f"### {page['title']}\n\n{page['text']}" for page in lesson["body"])
        points = "\n".join(f"- {point}" for point in lesson["key_points"])
        lessons_text.append(f"## LESSON {lesson_id}: {lesson['title']}\n\n{body}\n\n**Key points**\n{points}\n")
        for scenario in lesson["scenarios"]:
            item = f"{lesson_id}/{scenario['id']}"
            key[item] = {choice["id"]: choice["rating"] for choice in scenario["choices"]}
            if scenario.get("knowledge_check"):
                knowledge.append(item)
            elif only_knowledge:
                continue
            if wanted is not None and item not in wanted:
                continue
            choices = "\n".join(f"{choice['id']}) {choice['text'].strip()}" for choice in scenario["choices"])
            follow = " (this situation follows from an earlier decision)" if scenario.get("follow_up") else ""
            items[item] = (
                f"### ITEM {item}{follow}\n\n{scenario['situation'].strip()}\n\n"
                f"**{scenario['question'].strip()}**\n\n{choices}\n"
            )
    out.mkdir(parents=True, exist_ok=True)
    (out / f"blind-{lang}.md").write_text(f"# {len(items)} items\n\n" + "\n".join(items.values()), encoding="utf-8")
    (out / f"informed-{lang}.md").write_text(
        "# PART 1: THE LESSONS (read them first)\n\n"
        + "\n".join(lessons_text)
        + f"\n\n# PART 2: {len(items)} ITEMS\n\n"
        + "\n".join(items.values()),
        encoding="utf-8",
    )
    if size:
        # Item ids name their lesson and topic; the packets number the items instead.
        codes = {item: f"{number:03d}" for number, item in enumerate(items, start=1)}
        for number, packet in enumerate(isolated_packets(items, size), start=1):
            text = f"# {len(packet)} items\n\n" + "\n".join(
                items[item].replace(f"### ITEM {item}", f"### ITEM {codes[item]}", 1) for item in packet
            )
            (out / f"isolated-{lang}-{number}.md").write_text(text, encoding="utf-8")
        (out / f"isolated-ids-{lang}.json").write_text(json.dumps(codes, indent=1), encoding="utf-8")
    (out / f"key-{lang}.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
    (out / f"knowledge-{lang}.json").write_text(json.dumps(knowledge, indent=1), encoding="utf-8")
    print(lang, len(items), "items")


if __name__ == "__main__":
    main()
