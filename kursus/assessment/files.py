"""The file names of the self-assessment and the phase finder beside the lessons.

A module of its own so that asking whether a course has them (the course map does, for
its keys) imports nothing else: the loader and PyYAML only when one is opened.
"""

from __future__ import annotations

SELF_ASSESSMENT_FILE = "self-assessment.yaml"
PHASE_FINDER_FILE = "phase-finder.yaml"
