"""`python -m kursus` runs the command line."""

from kursus.cli import main

raise SystemExit(main())
