"""The trainer dashboard over a folder of progress files (one screen per module)."""
