"""Progress that travels: xAPI 1.0.3 statements to a Learning Record Store. No Textual.

- `statements`: the learner's events (and shared reflections) as statements, and their ids;
- `outbox`: statements waiting beside the progress file, and what the LRS already has;
- `client`: HTTP to the LRS; `sender`: sending now (`kursus sync`) or in the background;
- `config`: where the LRS is and who the learner is there (environment or a 0600 file);
- `lrs_source`: the trainer's report from an LRS, through the same report pipeline.

`attach(store, lessons_dir)` is called where the learner's store is opened
(kursus.session): with an LRS configured it starts the background sender; without one
it does nothing at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from kursus.tracking.store import ProgressStore


def attach(store: ProgressStore, lessons_dir: Path) -> Callable[[], None]:
    """Send this learner's statements in the background if an LRS is configured."""
    import logging

    from kursus.xapi.config import ConfigError, load_config

    try:
        config = load_config()
    except ConfigError as exc:
        logging.getLogger("kursus.xapi").warning("xAPI: not sending: %s", exc)
        return _nothing
    if config is None:  # no LRS: the sender (HTTP, TLS, threads) is not even imported
        return _nothing
    from kursus.xapi.sender import attach as attach_sender

    return attach_sender(store, lessons_dir, config=config)


def _nothing() -> None:
    return None
