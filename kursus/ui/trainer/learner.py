"""One learner, lesson by lesson: status, every answer with the feedback they saw, and the
reflections they chose to share (the summary holds no other reflection text).
"""

from __future__ import annotations

from contextlib import suppress

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from kursus.content.models import Lesson
from kursus.i18n import glyph_label
from kursus.lesson_summary import duration_text
from kursus.summary import LearnerSummary, ScenarioAnswers
from kursus.tracking.storage import UnreadableProgressFile
from kursus.trainer.aggregate import knowledge_keys, learner_split
from kursus.trainer.labels import cohort_text, day, learner_knowledge_line, name_text, note_text, percent, plan_text
from kursus.ui.text import safe
from kursus.ui.trainer.assessment import learner_blocks
from kursus.ui.trainer.base import TrainerScreen
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar
from kursus.vocabulary import GLYPHS, LessonStatus


class LearnerScreen(TrainerScreen):
    BINDINGS = [
        Binding("escape,b", "back", "trainer.key.back", id="back"),
        Binding("n", "step(1)", "trainer.key.next", id="next"),
        Binding("p", "step(-1)", "trainer.key.previous", id="previous"),
    ]

    def __init__(self, learners: list[LearnerSummary], index: int) -> None:
        super().__init__()
        self.learners = learners
        self.index = index

    @property
    def learner(self) -> LearnerSummary:
        return self.learners[self.index]

    def compose(self) -> ComposeResult:
        yield TopBar("")
        yield VerticalScroll(id="learner-detail")
        yield KeyHints()

    async def on_mount(self) -> None:
        await self.show()

    async def show(self) -> None:
        learner, t = self.learner, self.t
        self.query_one(TopBar).show(name_text(learner, t), f"{self.index + 1}/{len(self.learners)}")
        detail = self.query_one("#learner-detail", VerticalScroll)
        await detail.remove_children()
        await detail.mount_all(self.blocks())
        detail.scroll_home(animate=False)
        detail.focus()

    def blocks(self) -> list[Static]:
        """The detail as Statics; every piece of learner or author text through safe()."""
        learner, t, course = self.learner, self.t, self.report.course
        try:
            answers = learner.answers()  # read again from the file, read-only
            unreadable = ""
        except UnreadableProgressFile as exc:  # changed or gone since the report was read
            answers, unreadable = {}, exc.reason_text(t)
        except OSError as exc:
            answers, unreadable = {}, exc.strerror or str(exc)
        status = glyph_label(learner.status, t, trainer=True)
        out = [
            Static(safe(name_text(learner, t)), classes="heading", id="learner-name"),
            Static(
                safe(
                    t(
                        "trainer.learner.facts",
                        cohort=cohort_text(learner.cohort, t),
                        status=status,
                        done=learner.lessons_done,
                        total=learner.lessons_total,
                        score=percent(learner.first_try_score, t),
                        last=day(learner.last_activity, t),
                        reviews=learner.reviews,
                    )
                ),
                classes="facts",
                id="learner-facts",
            ),
            Static(safe(t("trainer.learner.file", file=learner.relative)), classes="hint"),
        ]
        if not unreadable:
            with suppress(UnreadableProgressFile, OSError):  # changed or gone since the answers were read
                minutes = learner.minutes_spent(course.lesson_order)
                spent = t("lesson_summary.time", time=duration_text(minutes, t))  # the learner's own words
                out.insert(2, Static(safe(spent), classes="facts", id="learner-time"))
        if knowledge := learner_knowledge_line(learner_split(learner, knowledge_keys(course)), t):
            out.insert(2, Static(safe(knowledge), classes="facts", id="learner-knowledge"))
        position = self.report.position(learner)
        plan = self.report.plans.plan_for(learner.relative, learner.cohort) if position is not None else None
        if position is not None and plan is not None:
            line = t(
                "trainer.learner.plan",
                name=plan.name,
                position=plan_text(position, t),
                expected=position.expected,
                total=len(plan.lesson_order),
            )
            out.insert(2, Static(safe(line), classes="facts", id="learner-plan"))
        if unreadable:
            out.append(Static(safe(t("trainer.learner.unreadable", reason=unreadable)), classes="note"))
        if learner.notes:
            out.append(Static(safe(t("trainer.learner.notes_heading")), classes="subheading"))
            out += [Static(safe(f"! {note_text(note, t)}"), classes="note") for note in learner.notes]
        for module in course.modules:
            done, total = learner.modules.get(module.id, (0, len(module.lesson_ids)))
            out.append(
                Static(
                    safe(t("trainer.learner.module", title=module.title, done=done, total=total)), classes="subheading"
                )
            )
            for lesson_id in module.lesson_ids:
                lesson = course.lessons.get(lesson_id)
                state = learner.lesson_status.get(lesson_id, LessonStatus.NOT_STARTED)
                title = lesson.title if lesson else lesson_id
                out.append(
                    Static(
                        safe(
                            t(
                                "trainer.learner.lesson",
                                glyph=GLYPHS[state],
                                title=title,
                                status=t("trainer.status." + state),
                            )
                        ),
                        classes=f"lesson lesson-{state}",
                    )
                )
                if lesson is not None:
                    out += self.answer_blocks(lesson, answers)
        out.append(Static(safe(t("trainer.learner.shared_heading")), classes="subheading", id="shared-heading"))
        if not learner.shared:
            out.append(Static(safe(t("trainer.learner.none_shared")), classes="hint"))
        for item in learner.shared:
            lesson = course.lessons.get(item.lesson_id)
            found = lesson.prompt(item.prompt_id) if lesson else None
            prompt = found.prompt if found else item.prompt_id
            out.append(
                Static(
                    safe(
                        t(
                            "trainer.learner.reflection",
                            lesson=lesson.title if lesson else item.lesson_id,
                            prompt=prompt,
                        )
                    ),
                    classes="prompt",
                )
            )
            out.append(Static(safe(item.text), classes="reflection-text"))
            out.append(
                Static(
                    safe(t("trainer.learner.reflection_updated", when=item.updated[:16].replace("T", " "))),
                    classes="hint",
                )
            )
        out += learner_blocks(learner, t, self.app.assessment)  # shared rounds and checks only
        return out

    def answer_blocks(self, lesson: Lesson, answers: dict[tuple[str, str], ScenarioAnswers]) -> list[Static]:
        """Per scenario: the first answer (the one that is scored), the latest if there
        were more, and how many tries. Bounded by the course, not by the learner's
        history: a file with a million answers shows the same few lines per scenario."""
        t, out = self.t, []
        for scenario in lesson.scenarios:
            given = answers.get((lesson.id, scenario.id))
            if given is None:
                continue
            out.append(Static(safe(scenario.title), classes="scenario"))
            shown = [("trainer.learner.attempt", 1, given.first)]
            if given.count > 1:
                shown.append(("trainer.learner.latest", given.count, given.latest))
            for key, number, attempt in shown:
                choice = scenario.choice(attempt.choice_id)
                rating = attempt.rating or (choice.rating.value if choice else "")
                glyph = GLYPHS.get(rating, "?")
                words = t("trainer.rating." + rating) if rating in GLYPHS else "?"
                text = choice.text if choice else t("trainer.learner.unknown_choice", choice=attempt.choice_id)
                out.append(
                    Static(
                        safe(t(key, number=number, glyph=glyph, choice=text, rating=words)),
                        classes=f"attempt rating-{rating if rating in GLYPHS else 'unknown'}",
                    )
                )
                if choice is not None:
                    out.append(
                        Static(
                            safe(t("trainer.learner.feedback", feedback=choice.feedback.strip())), classes="feedback"
                        )
                    )
            if given.count > 1:
                out.append(Static(safe(t("trainer.learner.tries", count=given.count)), classes="hint"))
        return out

    def action_back(self) -> None:
        self.app.pop_screen()

    async def action_step(self, delta: int) -> None:
        index = self.index + delta
        if 0 <= index < len(self.learners):
            self.index = index
            await self.show()
