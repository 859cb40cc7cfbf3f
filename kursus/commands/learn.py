"""`kursus` / `kursus learn`: the learner app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kursus.commands.options import LearnOptions

if TYPE_CHECKING:
    from kursus.ui.learner.app import KursusApp


def learn_command(options: LearnOptions) -> int:
    app = build_learner_app(options)
    app.run()
    return app.return_code or 0


def build_learner_app(options: LearnOptions) -> KursusApp:
    """The learner app as `kursus` starts it (bench/startup.py times exactly this).

    The garbage collector is paused while thousands of long-lived objects (Textual's
    modules, styles, widgets) are created, and resumed once the first screen is shown
    (KursusApp.on_ready): collections during startup only walk objects that all survive.
    """
    import gc

    gc.disable()
    try:
        from kursus.session import prepare_session

        session = prepare_session(
            lang=options.lang,
            progress_option=options.progress_dir,
            lessons_option=options.lessons,
            name=options.name,
            cohort=options.cohort,
        )
        from kursus.ui.learner.app import make_app  # Textual is imported only now

        return make_app(session)
    except BaseException:
        gc.enable()  # a failed start must not leave the collector off (tests build many apps)
        raise
