"""A learner's progress as xAPI 1.0.3 statements, and back. No Textual, no network.

Every statement is built from what the progress file holds (the typed events of
`kursus.tracking.events`, and shared reflections), so the first sync can send the whole
history and a resend builds the same statement with the same id:

    lesson opened      attempted    (ADL)  the lesson
    page read          experienced  (ADL)  the page (activitystrea.ms page type)
    scenario answered  answered     (ADL)  the scenario (cmi.interaction, choice);
                       result.response = the choice id, score.scaled, success, and the
                       attempt number as a result extension
    review answer      answered     (ADL)  the same scenario, with the spaced-review
                       category in context.contextActivities.category and no attempt
    lesson finished    completed    (ADL)  the lesson
    course finished    completed    (ADL)  the course (when the last lesson is first finished)
    reflection shared  shared       (ADL)  the prompt (cmi.interaction, long-fill-in),
                       result.response = the text the learner chose to share
    sharing withdrawn  <base>/verbs/unshared   the prompt; no text
                       and, before it, for every `shared` statement of that reflection
                       the LRS has:
    share voided       voided       (xAPI) a StatementRef to the `shared` statement, so
                       the LRS stops giving out its text (also sent for an earlier text
                       of a reflection that is shared again with another text)

Ids: every IRI kursus mints starts with one configurable base
(`<base>/courses/<course>/lessons/<lesson>/scenarios/<scenario>`, `.../pages/<n>` with n
counted from 1, `.../reflections/<prompt>`, `<base>/extensions/<name>`), so a trainer reads
the base back from the course activity each statement carries in `grouping`.

Privacy: a private reflection is never an input here. `reflection_statement` takes a
reflection only if its `shared` flag is true, and an unshare carries no text; the events
(kursus.tracking.events) carry no reflection text at all.

Statement ids are UUIDv5 from the learner's identity, the course and the event (its
position in the learner's log and its content), so sending twice is harmless.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import quote

from kursus.content.models import Course
from kursus.tracking.events import (
    AnswerGiven,
    LessonFinished,
    LessonOpened,
    PageViewed,
    ReviewAnswered,
    StoredEvent,
    from_doc,
)
from kursus.tracking.record import ProgressRecord, Reflection
from kursus.vocabulary import LANGUAGES, Rating

XAPI_VERSION = "1.0.3"
ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
VERB_ATTEMPTED = ADL_VERBS + "attempted"
VERB_EXPERIENCED = ADL_VERBS + "experienced"
VERB_ANSWERED = ADL_VERBS + "answered"
VERB_COMPLETED = ADL_VERBS + "completed"
VERB_SHARED = ADL_VERBS + "shared"
VERB_VOIDED = ADL_VERBS + "voided"  # reserved by the xAPI spec: the LRS must hide the statement referred to
VERB_DISPLAY = {
    VERB_ATTEMPTED: "attempted",
    VERB_EXPERIENCED: "experienced",
    VERB_ANSWERED: "answered",
    VERB_COMPLETED: "completed",
    VERB_SHARED: "shared",
    VERB_VOIDED: "voided",
}

TYPE_COURSE = "http://adlnet.gov/expapi/activities/course"
TYPE_LESSON = "http://adlnet.gov/expapi/activities/lesson"
TYPE_PAGE = "http://activitystrea.ms/schema/1.0/page"
TYPE_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
TYPE_CATEGORY = "http://adlnet.gov/expapi/activities/profile"

LANG_TAGS = {"da": "da-DK", "en": "en-GB"}  # kursus language -> the tag in language maps
LANG_OF_TAG = {tag.lower(): lang for lang, tag in LANG_TAGS.items()}
PLATFORM = "kursus"

STATEMENT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "kursus:xapi:statement-id")
"""UUIDv5 namespace of every statement id kursus makes (fixed: ids must not change)."""

EXT_COHORT = "cohort"
EXT_CONTENT_VERSION = "content-version"
EXT_SEQUENCE = "sequence"  # the event's position in the learner's log (0-based)
EXT_ATTEMPT = "attempt"
EXT_RATING = "rating"
EXT_REVISION = "revision"  # a shared reflection's text revision


@lru_cache(maxsize=4096)
def segment(value: str) -> str:
    """One id as an IRI path segment (anything but unreserved characters escaped)."""
    return quote(value, safe="-._~")


@dataclass(frozen=True)
class Vocabulary:
    """The IRIs of one course under one base."""

    base: str
    course_id: str

    @cached_property
    def course(self) -> str:
        return f"{self.base}/courses/{segment(self.course_id)}"

    def lesson(self, lesson_id: str) -> str:
        return f"{self.course}/lessons/{segment(lesson_id)}"

    def page(self, lesson_id: str, page: int) -> str:
        return f"{self.lesson(lesson_id)}/pages/{page + 1}"

    def scenario(self, lesson_id: str, scenario_id: str) -> str:
        return f"{self.lesson(lesson_id)}/scenarios/{segment(scenario_id)}"

    def reflection(self, lesson_id: str, prompt_id: str) -> str:
        return f"{self.lesson(lesson_id)}/reflections/{segment(prompt_id)}"

    def extension(self, name: str) -> str:
        return f"{self.base}/extensions/{name}"

    @property
    def review_category(self) -> str:
        return f"{self.base}/categories/spaced-review"

    @property
    def verb_unshared(self) -> str:
        return f"{self.base}/verbs/unshared"


@dataclass(frozen=True)
class Learner:
    """Who the statements are about, and the context they carry."""

    actor: dict[str, Any]
    actor_key: str  # the identity as one text (ids are made from it)
    cohort: str
    lang: str
    content_version: int


def make_actor(name: str, *, account_homepage: str = "", account_name: str = "", mbox: str = "") -> dict[str, Any]:
    """An xAPI Agent identified by an account (preferred) or an mbox; never by a name
    alone. The learner's name is added as the display name."""
    actor: dict[str, Any] = {"objectType": "Agent"}
    if name:
        actor["name"] = name
    if account_homepage and account_name:
        actor["account"] = {"homePage": account_homepage, "name": account_name}
    elif mbox:
        actor["mbox"] = mbox
    else:
        raise ValueError("an actor needs an account or an mbox")
    return actor


def actor_key(actor: dict[str, Any]) -> str:
    """The identifying part of an actor as one text ("" if it has none we know)."""
    account = actor.get("account")
    if isinstance(account, dict) and account.get("homePage") and account.get("name"):
        return f"account:{account['homePage']}\x1f{account['name']}"
    mbox = actor.get("mbox")
    if isinstance(mbox, str) and mbox:
        return f"mbox:{mbox.lower()}"
    sha1 = actor.get("mbox_sha1sum")
    if isinstance(sha1, str) and sha1:
        return f"sha1:{sha1}"
    openid = actor.get("openid")
    return f"openid:{openid}" if isinstance(openid, str) and openid else ""


def statement_id(learner_key: str, course_iri: str, *parts: object) -> str:
    name = "\x1f".join(["kursus-xapi/1", learner_key, course_iri, *map(str, parts)])
    return str(uuid.uuid5(STATEMENT_NAMESPACE, name))


class Titles:
    """Lesson, page, scenario and prompt names as xAPI language maps, from the course in
    each language that could be loaded (ids are the same in every language)."""

    def __init__(self, courses: dict[str, Course], page_names: dict[str, str] | None = None) -> None:
        self.courses = {lang: courses[lang] for lang in LANGUAGES if lang in courses}
        # "{title}, side {number}" per language (kursus.i18n.xapi); a plain fallback
        self.page_names = page_names or {}
        self._memo: dict[tuple[str, ...], Any] = {}

    def _once(self, key: tuple[str, ...], make: Any) -> Any:
        """Each title is looked up once per builder (a long history repeats them)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def _map(self, texts: Mapping[str, str | None]) -> dict[str, str]:
        return {LANG_TAGS[lang]: text for lang, text in texts.items() if text and text.strip()}

    def course(self) -> dict[str, str]:
        return self._once(("course",), lambda: self._map({lang: c.title for lang, c in self.courses.items()}))

    def lesson(self, lesson_id: str) -> dict[str, str]:
        return self._once(
            ("lesson", lesson_id),
            lambda: self._map({lang: _lesson_title(course, lesson_id) for lang, course in self.courses.items()}),
        )

    def page(self, lesson_id: str, page: int) -> dict[str, str]:
        names = {}
        for lang, course in self.courses.items():
            title = _lesson_title(course, lesson_id) or lesson_id
            pattern = self.page_names.get(lang, "{title} ({number})")
            names[lang] = pattern.format(title=title, number=page + 1)
        return self._map(names)

    def scenario(self, lesson_id: str, scenario_id: str) -> dict[str, str]:
        return self._once(("scenario", lesson_id, scenario_id), lambda: self._scenario(lesson_id, scenario_id))

    def _scenario(self, lesson_id: str, scenario_id: str) -> dict[str, str]:
        texts: dict[str, str | None] = {}
        for lang, course in self.courses.items():
            lesson = course.lessons.get(lesson_id)
            scenario = lesson.scenario(scenario_id) if lesson else None
            texts[lang] = scenario.title if scenario else None
        return self._map(texts)

    def choices(self, lesson_id: str, scenario_id: str) -> tuple[list[dict[str, Any]], list[str]]:
        """([{id, description}], ids of the best choices) for a choice interaction."""
        return self._once(("choices", lesson_id, scenario_id), lambda: self._choices(lesson_id, scenario_id))

    def _choices(self, lesson_id: str, scenario_id: str) -> tuple[list[dict[str, Any]], list[str]]:
        by_id: dict[str, dict[str, str]] = {}
        order: list[str] = []
        best: list[str] = []
        for lang, course in self.courses.items():
            lesson = course.lessons.get(lesson_id)
            scenario = lesson.scenario(scenario_id) if lesson else None
            for choice in scenario.choices if scenario else ():
                if not _component_id(choice.id):
                    continue
                if choice.id not in by_id:
                    by_id[choice.id] = {}
                    order.append(choice.id)
                    if choice.rating is Rating.BEST:
                        best.append(choice.id)
                if choice.text.strip():
                    by_id[choice.id][LANG_TAGS[lang]] = choice.text
        components = []
        for choice_id in order:
            component: dict[str, Any] = {"id": choice_id}
            if by_id[choice_id]:
                component["description"] = by_id[choice_id]
            components.append(component)
        return components, best

    def prompt(self, lesson_id: str, prompt_id: str) -> dict[str, str]:
        texts: dict[str, str | None] = {}
        for lang, course in self.courses.items():
            lesson = course.lessons.get(lesson_id)
            prompt = lesson.prompt(prompt_id) if lesson else None
            texts[lang] = prompt.prompt if prompt else None
        return self._map(texts)


def _lesson_title(course: Course, lesson_id: str) -> str | None:
    lesson = course.lessons.get(lesson_id)
    return lesson.title if lesson else None


def _component_id(value: str) -> bool:
    return bool(value) and not any(ch.isspace() for ch in value)


class StatementBuilder:
    """Statements for one learner of one course."""

    def __init__(self, vocabulary: Vocabulary, learner: Learner, titles: Titles) -> None:
        self.v = vocabulary
        self.learner = learner
        self.titles = titles

    # --- ids --------------------------------------------------------------------------

    def event_id(self, position: int, event: StoredEvent) -> str:
        detail: tuple[object, ...] = ()
        if isinstance(event, PageViewed):
            detail = (event.page,)
        elif isinstance(event, AnswerGiven):
            detail = (event.scenario_id, event.choice_id, event.rating.value, event.attempt)
        elif isinstance(event, ReviewAnswered):
            detail = (event.scenario_id, event.choice_id, event.rating.value)
        elif isinstance(event, LessonOpened):
            detail = (event.lang,)
        return statement_id(
            self.learner.actor_key,
            self.v.course,
            "event",
            position,
            event.kind.value,
            event.lesson_id,
            *detail,
            event.time,
        )

    def course_completed_id(self) -> str:
        return statement_id(self.learner.actor_key, self.v.course, "course-completed")

    def shared_id(self, reflection: Reflection) -> str:
        return statement_id(
            self.learner.actor_key,
            self.v.course,
            "reflection-shared",
            reflection.lesson_id,
            reflection.prompt_id,
            reflection.revision,
            reflection.updated,
        )

    def unshared_id(self, after_statement_id: str) -> str:
        """An unshare follows one shared statement; its id is made from that one."""
        return statement_id(self.learner.actor_key, self.v.course, "reflection-unshared", after_statement_id)

    def voiding_id(self, voided_statement_id: str) -> str:
        return statement_id(self.learner.actor_key, self.v.course, "voided", voided_statement_id)

    # --- parts --------------------------------------------------------------------------

    def _activity(self, iri: str, kind: str, name: dict[str, str], **definition: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"type": kind}
        if name:
            body["name"] = name
        body.update(definition)
        return {"objectType": "Activity", "id": iri, "definition": body}

    def course_activity(self) -> dict[str, Any]:
        return self._activity(self.v.course, TYPE_COURSE, self.titles.course())

    def lesson_activity(self, lesson_id: str) -> dict[str, Any]:
        return self._activity(self.v.lesson(lesson_id), TYPE_LESSON, self.titles.lesson(lesson_id))

    def scenario_activity(self, lesson_id: str, scenario_id: str) -> dict[str, Any]:
        choices, best = self.titles.choices(lesson_id, scenario_id)
        extra: dict[str, Any] = {"interactionType": "choice"}
        if best:
            extra["correctResponsesPattern"] = best
        if choices:
            extra["choices"] = choices
        return self._activity(
            self.v.scenario(lesson_id, scenario_id),
            TYPE_INTERACTION,
            self.titles.scenario(lesson_id, scenario_id),
            **extra,
        )

    def reflection_activity(self, lesson_id: str, prompt_id: str) -> dict[str, Any]:
        return self._activity(
            self.v.reflection(lesson_id, prompt_id),
            TYPE_INTERACTION,
            self.titles.prompt(lesson_id, prompt_id),
            interactionType="long-fill-in",
        )

    def _context(
        self, parent: dict[str, Any] | None, *, lang: str = "", sequence: int | None = None, review: bool = False
    ) -> dict[str, Any]:
        activities: dict[str, Any] = {}
        if parent is not None:
            activities["parent"] = [_ref(parent)]
            activities["grouping"] = [_ref(self.course_activity())]
        if review:
            activities["category"] = [
                {"objectType": "Activity", "id": self.v.review_category, "definition": {"type": TYPE_CATEGORY}}
            ]
        extensions: dict[str, Any] = {
            self.v.extension(EXT_COHORT): self.learner.cohort,
            self.v.extension(EXT_CONTENT_VERSION): self.learner.content_version,
        }
        if sequence is not None:
            extensions[self.v.extension(EXT_SEQUENCE)] = sequence
        context: dict[str, Any] = {"platform": PLATFORM}
        tag = LANG_TAGS.get(lang or self.learner.lang)
        if tag:
            context["language"] = tag
        if activities:
            context["contextActivities"] = activities
        context["extensions"] = extensions
        return context

    def _statement(
        self,
        sid: str,
        verb: str,
        obj: dict[str, Any],
        context: dict[str, Any],
        time: str,
        result: dict[str, Any] | None = None,
        display: str | None = None,
    ) -> dict[str, Any]:
        statement: dict[str, Any] = {
            "id": sid,
            "actor": self.learner.actor,
            "verb": {"id": verb, "display": {"en-US": display or VERB_DISPLAY[verb]}},
            "object": obj,
        }
        if result:
            statement["result"] = result
        statement["context"] = context
        if time:
            statement["timestamp"] = time
        return statement

    # --- statements -------------------------------------------------------------------

    def event_statement(self, position: int, event: StoredEvent, sid: str = "") -> dict[str, Any]:
        sid = sid or self.event_id(position, event)
        lesson = self.lesson_activity(event.lesson_id)
        if isinstance(event, LessonOpened):
            context = self._context(self.course_activity(), lang=event.lang, sequence=position)
            return self._statement(sid, VERB_ATTEMPTED, lesson, context, event.time)
        if isinstance(event, PageViewed):
            page = self._activity(
                self.v.page(event.lesson_id, event.page), TYPE_PAGE, self.titles.page(event.lesson_id, event.page)
            )
            return self._statement(sid, VERB_EXPERIENCED, page, self._context(lesson, sequence=position), event.time)
        if isinstance(event, AnswerGiven | ReviewAnswered):
            result: dict[str, Any] = {
                "success": event.rating is Rating.BEST,
                "score": {"scaled": event.rating.score},
                "extensions": {self.v.extension(EXT_RATING): event.rating.value},
            }
            if _component_id(event.choice_id):
                result["response"] = event.choice_id
            review = isinstance(event, ReviewAnswered)
            if isinstance(event, AnswerGiven):
                result["extensions"][self.v.extension(EXT_ATTEMPT)] = event.attempt
            scenario = self.scenario_activity(event.lesson_id, event.scenario_id)
            context = self._context(lesson, sequence=position, review=review)
            return self._statement(sid, VERB_ANSWERED, scenario, context, event.time, result)
        if isinstance(event, LessonFinished):
            context = self._context(self.course_activity(), sequence=position)
            return self._statement(sid, VERB_COMPLETED, lesson, context, event.time, {"completion": True})
        raise TypeError(f"no statement for {type(event).__name__}")

    def course_completed(self, time: str) -> dict[str, Any]:
        return self._statement(
            self.course_completed_id(),
            VERB_COMPLETED,
            self.course_activity(),
            self._context(None),
            time,
            {"completion": True},
        )

    def reflection_statement(self, reflection: Reflection) -> dict[str, Any]:
        """The statement of a SHARED reflection, with its text. Refuses a private one."""
        if reflection.shared is not True:
            raise ValueError("a private reflection is never made into a statement")
        result: dict[str, Any] = {"extensions": {self.v.extension(EXT_REVISION): reflection.revision}}
        if reflection.text.strip():
            result["response"] = reflection.text
        return self._statement(
            self.shared_id(reflection),
            VERB_SHARED,
            self.reflection_activity(reflection.lesson_id, reflection.prompt_id),
            self._context(self.lesson_activity(reflection.lesson_id)),
            reflection.updated,
            result,
        )

    def unshared_statement(self, lesson_id: str, prompt_id: str, after_statement_id: str, time: str) -> dict[str, Any]:
        """Sharing withdrawn: the prompt only, no text, no length, no revision."""
        return self._statement(
            self.unshared_id(after_statement_id),
            self.v.verb_unshared,
            self.reflection_activity(lesson_id, prompt_id),
            self._context(self.lesson_activity(lesson_id)),
            time,
            display="unshared",
        )

    def voiding_statement(self, voided_statement_id: str, time: str) -> dict[str, Any]:
        """Void one of the learner's statements (xAPI 1.0.3, 2.2.2 Voided): the object is
        a StatementRef; no result and no context (a context's platform, language and
        revision belong to statements about an activity)."""
        statement: dict[str, Any] = {
            "id": self.voiding_id(voided_statement_id),
            "actor": self.learner.actor,
            "verb": {"id": VERB_VOIDED, "display": {"en-US": VERB_DISPLAY[VERB_VOIDED]}},
            "object": {"objectType": "StatementRef", "id": voided_statement_id},
        }
        if time:
            statement["timestamp"] = time
        return statement

    # --- history ------------------------------------------------------------------------

    def history(self, record: ProgressRecord, lesson_order: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
        """(statement id, a function that builds it) for every event in the log, and the
        course completion once every lesson of `lesson_order` is finished. Ids are cheap;
        a statement is built only when asked for."""
        remaining = set(lesson_order)
        done_at: str | None = None
        for position, doc in enumerate(record.events):
            event = from_doc(doc)
            if event is None:
                continue
            sid = self.event_id(position, event)
            yield sid, _later(self.event_statement, position, event, sid)
            if done_at is None and isinstance(event, LessonFinished) and remaining:
                remaining.discard(event.lesson_id)
                if not remaining:
                    done_at = event.time
        if done_at is not None and lesson_order:
            yield self.course_completed_id(), _later(self.course_completed, done_at)


def _ref(activity: dict[str, Any]) -> dict[str, Any]:
    """A context activity: id and type (the names are on the statement's own object)."""
    return {"objectType": "Activity", "id": activity["id"], "definition": {"type": activity["definition"]["type"]}}


def _later(function: Any, *args: Any) -> Any:
    return lambda: function(*args)


def learner_of(record: ProgressRecord, actor: dict[str, Any]) -> Learner:
    version = record.meta.get("content_version")
    return Learner(
        actor=actor,
        actor_key=actor_key(actor),
        cohort=record.cohort,
        lang=record.lang if record.lang in LANGUAGES else "da",
        content_version=version if isinstance(version, int) and not isinstance(version, bool) else 0,
    )
