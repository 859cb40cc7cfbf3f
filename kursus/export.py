"""A learner's own record as Markdown or JSON: progress, answers, and ALL reflections.

This is the learner's copy of their own file (to keep or hand in), so it includes the
reflections they did not share; `shared` says which ones the trainer can see. The
file is only read, never written or locked.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kursus.content.models import Course, Lesson
from kursus.i18n import Catalogue, glyph_label
from kursus.summary import CourseIndex, LearnerSummary, summarise
from kursus.textsafe import dumps, md_escape
from kursus.tracking.record import ProgressRecord
from kursus.trainer.labels import day, percent
from kursus.vocabulary import DEFAULT_STALLED_DAYS, LessonStatus, rating_of

EXPORT_FORMAT_VERSION = 1


def summarise_own(
    record: ProgressRecord, course: Course, now: datetime, stalled_days: int = DEFAULT_STALLED_DAYS
) -> LearnerSummary:
    """The same numbers the trainer sees, worked out the same way."""
    path = record.path or Path()
    return summarise(record, path, path.name, CourseIndex(course), now, stalled_days)


def _lesson_ids(record: ProgressRecord, course: Course) -> list[str]:
    """Course order first, then any lessons in the file that the course no longer has."""
    ids = list(course.lesson_order)
    known = set(ids)
    for event in record.events:
        lesson_id = event.get("lesson_id")
        if isinstance(lesson_id, str) and lesson_id not in known:
            known.add(lesson_id)
            ids.append(lesson_id)
    for reflection in record.reflections:
        if reflection.lesson_id not in known:
            known.add(reflection.lesson_id)
            ids.append(reflection.lesson_id)
    return ids


def export_data(record: ProgressRecord, course: Course, t: Catalogue, now: datetime | None = None) -> dict[str, Any]:
    now = now or datetime.now(UTC)
    summary = summarise_own(record, course, now)
    answers = record.answers_by_scenario  # every answer, including lessons the course no longer has
    lessons = []
    for lesson_id in _lesson_ids(record, course):
        lesson = course.lessons.get(lesson_id)
        lesson_answers = []
        for (lid, scenario_id), events in answers.items():
            if lid != lesson_id:
                continue
            scenario = lesson.scenario(scenario_id) if lesson else None
            lesson_answers.append(
                {
                    "scenario_id": scenario_id,
                    "title": scenario.title if scenario else None,
                    "attempts": [_attempt_data(event, lesson, scenario_id) for event in events],
                }
            )
        status = summary.lesson_status.get(lesson_id)
        if status is None:
            status = LessonStatus.IN_PROGRESS  # a lesson the course no longer has, with activity in the file
        if lesson is None and not lesson_answers and not any(r.lesson_id == lesson_id for r in record.reflections):
            continue
        lessons.append(
            {
                "id": lesson_id,
                "title": lesson.title if lesson else None,
                "in_course": lesson is not None,
                "status": status,
                "answers": lesson_answers,
            }
        )
    return {
        "format": "kursus-export",
        "format_version": EXPORT_FORMAT_VERSION,
        "exported": now.isoformat(timespec="seconds"),
        "name": record.name,
        "cohort": record.cohort,
        "lang": record.lang,
        "course": {"id": course.id, "version": course.version, "title": course.title},
        "file": {
            "schema_version": record.meta.get("schema_version"),
            "content_version": record.meta.get("content_version"),
            "migrated_from": record.migrated_from,
        },
        "summary": summary.progress_fields(),
        "lessons": lessons,
        "reflections": [
            {
                "lesson_id": r.lesson_id,
                "prompt_id": r.prompt_id,
                "prompt": _prompt(course.lessons.get(r.lesson_id), r.prompt_id),
                "text": r.text,
                "shared": r.shared,
                "updated": r.updated,
            }
            for r in record.reflections
        ],
        # Every round and check, private ones too (this is the learner's own copy); `shared`
        # says which ones the trainer can see.
        "self_assessments": [
            {
                "id": one.id,
                "taken_at": one.taken_at,
                "occasion": one.occasion.value,
                "levels": dict(one.levels),
                "notes": dict(one.notes),
                "next_steps": dict(one.next_steps),
                "shared": one.shared,
            }
            for one in record.self_assessments
        ],
        "phase_checks": [
            {
                "id": check.id,
                "network": check.network,
                "checked_at": check.checked_at,
                "answers": dict(check.answers),
                "phases": list(check.phases),
                "unfinished": list(check.unfinished),
                "confidence": check.confidence,
                "shared": check.shared,
            }
            for check in record.phase_checks
        ],
    }


def _attempt_data(event: dict[str, Any], lesson: Lesson | None, scenario_id: str) -> dict[str, Any]:
    scenario = lesson.scenario(scenario_id) if lesson else None
    choice = scenario.choice(str(event.get("choice_id", ""))) if scenario else None
    rating = rating_of(event.get("rating"))
    if rating is None and choice is not None:
        rating = choice.rating
    return {
        "choice_id": event.get("choice_id"),
        "choice": choice.text if choice else None,
        "rating": rating,
        "score": event.get("score"),
        "attempt": event.get("attempt"),
        "time": event.get("time"),
        "feedback": choice.feedback if choice else None,
    }


def _prompt(lesson: Lesson | None, prompt_id: str) -> str | None:
    prompt = lesson.prompt(prompt_id) if lesson is not None else None
    return prompt.prompt if prompt is not None else None


def render_export_json(record: ProgressRecord, course: Course, t: Catalogue, now: datetime | None = None) -> str:
    return dumps(export_data(record, course, t, now), indent=2) + "\n"


def render_export_md(record: ProgressRecord, course: Course, t: Catalogue, now: datetime | None = None) -> str:
    data = export_data(record, course, t, now)
    summary = data["summary"]
    e = md_escape
    name = record.name or t("trainer.fmt.no_name", file=record.path.name if record.path else "")
    lines = [f"# {e(t('trainer.export.title', name=name), cell=True)}", ""]
    lines.append(e(t("trainer.export.course", course=course.title), cell=True) + "  ")
    if record.cohort:
        lines.append(e(t("trainer.export.cohort", cohort=record.cohort), cell=True) + "  ")
    lines.append(e(t("trainer.export.exported", when=data["exported"][:10])))
    lines += ["", f"## {e(t('trainer.export.overview'))}", ""]
    lines.append(
        "- " + e(t("trainer.export.lessons_done", done=summary["lessons_done"], total=summary["lessons_total"]))
    )
    first = summary["first_try_score"]
    lines.append("- " + e(t("trainer.export.first_try", score=percent(first, t), count=summary["scenarios_answered"])))
    last = summary["last_activity"]
    lines.append(
        "- " + e(t("trainer.export.last_activity", when=day(datetime.fromisoformat(last) if last else None, t)))
    )
    for module in course.modules:
        done, total = summary["modules"][module.id]["done"], summary["modules"][module.id]["total"]
        lines.append("- " + e(f"{module.title}: {done}/{total}", cell=True))

    lines += ["", f"## {e(t('trainer.export.lessons'))}", ""]
    for lesson in data["lessons"]:
        title = lesson["title"] or t("trainer.export.gone_lesson", id=lesson["id"])
        status = glyph_label(lesson["status"], t, trainer=True)
        if lesson["status"] == "not_started" and not lesson["answers"]:
            lines.append(f"- {e(title, cell=True)}: {e(status)}")
            continue
        if lines[-1] != "":
            lines.append("")
        lines += [f"### {e(title, cell=True)} ({e(status)})", ""]
        for answer in lesson["answers"]:
            lines.append(f"**{e(answer['title'] or answer['scenario_id'], cell=True)}**")
            lines.append("")
            for number, attempt in enumerate(answer["attempts"], start=1):
                rating = attempt["rating"]
                verdict = glyph_label(rating, t, trainer=True) if rating else "?"
                choice = attempt["choice"] or attempt["choice_id"] or "?"
                lines.append(f"{number}. {e(choice, cell=True)} ({e(verdict)})")
                if attempt["feedback"]:  # a nested item, so it renders as its own line
                    lines.append(f"   - {e(t('trainer.export.feedback'))}: {e(attempt['feedback'], cell=True)}")
            lines.append("")

    lines += ["", f"## {e(t('trainer.export.reflections'))}", ""]
    if not data["reflections"]:
        lines.append(e(t("trainer.export.no_reflections")))
    for item in data["reflections"]:
        lesson = course.lessons.get(item["lesson_id"])
        heading = lesson.title if lesson else t("trainer.export.gone_lesson", id=item["lesson_id"])
        lines += [f"### {e(heading, cell=True)}", ""]
        lines += [f"*{e(item['prompt'] or item['prompt_id'], cell=True)}*", ""]
        lines += ["> " + line if line.strip() else ">" for line in e(item["text"]).splitlines() or [""]]
        shared = t("trainer.export.shared_yes") if item["shared"] else t("trainer.export.shared_no")
        lines += ["", e(t("trainer.export.reflection_meta", shared=shared, when=item["updated"][:10])), ""]
    lines += _assessment_md(data, t)
    return "\n".join(lines).rstrip("\n") + "\n"


def _assessment_md(data: dict[str, Any], t: Catalogue) -> list[str]:
    """Every self-assessment round and phase check, each marked shared or private."""
    from kursus.tracking.record import SCALE_POINTS
    from kursus.trainer.assessment_report import confidence_text, occasion_text, phases_text

    e = md_escape
    lines = ["", f"## {e(t('assessment.export.heading'))}", ""]
    if not data["self_assessments"]:
        lines.append(e(t("assessment.export.none")))
    for one in data["self_assessments"]:
        shared = t("assessment.shared_yes") if one["shared"] else t("assessment.shared_no")
        when = occasion_text(one["occasion"], t)
        lines += [f"### {e(t('assessment.export.round', when=one['taken_at'][:10], occasion=when, shared=shared))}", ""]
        for cid in dict.fromkeys([*one["levels"], *one["notes"], *one["next_steps"]]):
            level = one["levels"].get(cid)
            text = f"{level}/{SCALE_POINTS}" if level is not None else t("assessment.not_assessed")
            lines.append(f"- {e(cid, cell=True)}: {e(text)}")
            if cid in one["notes"]:
                lines.append(f"   - {e(t('assessment.export.note'))}: {e(one['notes'][cid], cell=True)}")
            if cid in one["next_steps"]:
                lines.append(f"   - {e(t('assessment.export.next_step'))}: {e(one['next_steps'][cid], cell=True)}")
        lines.append("")
    lines += ["", f"## {e(t('phase_finder.export.heading'))}", ""]
    if not data["phase_checks"]:
        lines.append(e(t("phase_finder.export.none")))
    for check in data["phase_checks"]:
        shared = t("assessment.shared_yes") if check["shared"] else t("assessment.shared_no")
        lines += [f"### {e(check['network'], cell=True)}", ""]
        summary = t(
            "phase_finder.export.check",
            when=check["checked_at"][:10],
            phases=phases_text(check["phases"], t),
            confidence=confidence_text(check["confidence"], t),
            shared=shared,
        )
        lines.append(e(summary))
        if check["unfinished"]:
            phases = ", ".join(map(str, check["unfinished"]))
            lines += ["", e(t("phase_finder.export.unfinished", phases=phases))]
        lines.append("")
    return lines
