"""The fonts the PDF course record is set in (DejaVu Sans, shipped so no system font is assumed; see LICENSE)."""
