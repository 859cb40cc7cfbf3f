"""A lesson's reading part: overview and objectives, the body in pages, key points."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from kursus.content.models import Course, Lesson
from kursus.flow import resume_in_scenarios
from kursus.i18n import Catalogue
from kursus.tracking import LessonOpened, LessonStatus, PageViewed
from kursus.ui.learner.base import LessonPartScreen
from kursus.ui.text import practice_heading
from kursus.ui.widgets.key_hints import KeyHints
from kursus.ui.widgets.top_bar import TopBar


def lesson_pages(lesson: Lesson, t: Catalogue, course: Course | None = None) -> list[tuple[str, str]]:
    """(heading, Markdown) for every page: overview first; key points, practice and the
    related lessons (`links`, by number and title) last."""
    overview = "\n".join(
        [lesson.summary, "", f"*{t('lesson.minutes', minutes=lesson.minutes)}*", "", f"## {t('lesson.objectives')}", ""]
        + [f"- {objective}" for objective in lesson.objectives]
    )
    pages = [(t("lesson.overview"), overview)]
    pages += [(page.title, page.text) for page in lesson.body]
    summary = "\n".join(
        [f"- {point}" for point in lesson.key_points]
        + ["", f"## {practice_heading(t('lesson.practice_heading'), lesson.practice.title)}", "", lesson.practice.task]
    )
    related = [course.lessons[link] for link in lesson.links if course is not None and link in course.lessons]
    if related:
        numbers = {lesson_id: number for number, lesson_id in enumerate(course.lesson_order, start=1)} if course else {}
        summary += "\n\n" + "\n".join(
            [f"## {t('lesson.see_also')}", ""]
            + [f"- {t('lesson.see_also_item', number=numbers.get(r.id, '?'), title=r.title)}" for r in related]
        )
    pages.append((t("lesson.key_points"), summary))
    return pages


class LessonScreen(LessonPartScreen):
    BINDINGS = [
        Binding("right,n", "next_page", "key.next_page", id="next-page"),
        Binding("left,p", "previous_page", "key.previous_page", id="previous-page"),
        # `t`, not `s`: on the course map `s` switches language (one key, one meaning).
        Binding("t", "scenarios", "key.to_scenarios", id="to-scenarios"),
        Binding("escape", "home", "key.home", id="home"),
    ]

    def __init__(self, lesson_id: str, start_page: int | None = None) -> None:
        super().__init__(lesson_id)
        self.start_page = start_page  # where to open (a search hit); None: where the learner left off
        self.page = 0
        self.pages: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield TopBar(self.lesson.title)
        with VerticalScroll(id="page-scroll"):
            yield Markdown(id="page", open_links=False)
        # While the page goes on below the screen: glyph and words, not colour. Its line is
        # kept when empty, so the page's height (and whether it scrolls) does not change.
        yield Static(id="more-below", markup=False)
        yield KeyHints()

    def on_mount(self) -> None:
        record = self.store.record()
        self.pages = lesson_pages(self.lesson, self.t, self.session.course)
        if self.start_page is None and resume_in_scenarios(self.lesson, record, len(self.pages)) is not None:
            self.pages = []
            self.action_scenarios()  # every page read and answering begun: back where they left off
            return
        fresh = record.lesson_status(self.lesson_id) is LessonStatus.NOT_STARTED
        if fresh:
            self.store.record_event(LessonOpened(self.lesson_id, self.session.lang))
        start = record.last_page(self.lesson_id) if self.start_page is None else self.start_page
        self.page = max(0, min(start, len(self.pages) - 1))
        scroll = self.query_one("#page-scroll", VerticalScroll)
        self.watch(scroll, "scroll_y", self.update_more_below, init=False)
        self.watch(scroll, "virtual_size", self.update_more_below, init=False)
        # Page 1 of a lesson opened for the first time is read too (an `experienced` statement);
        # a lesson resumed shows the page last recorded.
        self.show_page(record_view=fresh or self.start_page is not None)
        scroll.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self.update_more_below)

    def show_page(self, record_view: bool = True) -> None:
        heading, text = self.pages[self.page]
        self.query_one(TopBar).show(
            self.lesson.title, self.t("lesson.page_of", page=self.page + 1, total=len(self.pages), heading=heading)
        )
        self.query_one("#page", Markdown).update(f"# {heading}\n\n{text}")
        self.query_one("#page-scroll", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self.update_more_below)
        if record_view:
            self.store.record_event(PageViewed(self.lesson_id, self.page))

    def more_below(self) -> bool:
        """Whether the page goes on below what the screen shows."""
        scroll = self.query_one("#page-scroll", VerticalScroll)
        return scroll.max_scroll_y > 0 and round(scroll.scroll_y) < scroll.max_scroll_y

    def update_more_below(self) -> None:
        hints = self.query("#more-below")
        if self.pages and hints and self.query("#page-scroll"):  # not while leaving for the scenarios
            hints.first(Static).update(self.t("ux.lesson.more_below") if self.more_below() else "")

    def action_next_page(self) -> None:
        if self.more_below():  # the rest of a long page first, one screen at a time
            self.query_one("#page-scroll", VerticalScroll).scroll_page_down(animate=False)
            return
        if self.page + 1 < len(self.pages):
            self.page += 1
            self.show_page()
        else:
            self.action_scenarios()

    def action_previous_page(self) -> None:
        if self.page > 0:
            self.page -= 1
            self.show_page()

    def action_scenarios(self) -> None:
        from kursus.ui.learner.scenario import ScenarioScreen

        self.app.switch_screen(ScenarioScreen(self.lesson_id))
