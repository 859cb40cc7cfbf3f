"""`textual run --dev kursus.ui.dev_app:app`: the course for development, with live CSS.

Progress goes to KURSUS_PROGRESS_DIR or ./dev-progress, never to the real data folder.
"""

from __future__ import annotations

import os

from kursus.session import prepare_session
from kursus.ui.learner.app import make_app

app = make_app(
    prepare_session(
        progress_option=os.environ.get("KURSUS_PROGRESS_DIR", "dev-progress"),
        name=os.environ.get("KURSUS_DEV_NAME", "Udvikler"),
    )
)
