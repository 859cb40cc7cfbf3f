"""kursus: a terminal course for new network leaders (netværksledere).

Importing the package must stay cheap and must not import Textual: the non-UI commands
(validate, report, export) and the trainer's tools rely on that.
"""

__version__ = "0.1.0"
