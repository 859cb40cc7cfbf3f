"""A parsed-course cache, so starting the course does not re-read 44 YAML files.

The key covers every course file's name, size and modification time, the language and
the kursus version, so any edit to a lesson (or an upgrade) rebuilds it. The cache lives
in the user's own cache folder and is only ever written by kursus itself; a cache file
that cannot be read is ignored and rebuilt. Validation always reads the YAML.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from kursus import __version__
from kursus.content.models import Course


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kursus", appauthor=False))


def _fingerprint(lessons_dir: Path, lang: str) -> str:
    digest = hashlib.sha256(f"{__version__}\0{lang}\0{lessons_dir.resolve()}".encode())
    for folder in (lessons_dir, lessons_dir / lang):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name) if folder.is_dir() else []:
            if entry.name.endswith(".yaml"):
                info = entry.stat()
                digest.update(f"\0{folder.name}/{entry.name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def load_course_cached(lessons_dir: Path, lang: str, folder: Path | None = None) -> Course:
    """Like `load_course`, from the cache when the files are unchanged."""
    folder = folder or cache_dir()
    path = folder / f"course-{lang}-{_fingerprint(lessons_dir, lang)}.pickle"
    try:
        course = pickle.loads(path.read_bytes())  # written by kursus only, see above
        if isinstance(course, Course) and course.lang == lang:
            return course
    except Exception:  # noqa: BLE001 - a missing or stale cache is simply rebuilt
        pass
    from kursus.content.loader import load_course  # YAML is imported only on a cache miss

    course = load_course(lessons_dir, lang)
    _store(folder, path, course)
    return course


def _store(folder: Path, path: Path, course: Course) -> None:
    import tempfile  # only on a cache miss (start-up: bench/startup.py)

    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"course-{course.lang}-*.pickle"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(course, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache is only slower
