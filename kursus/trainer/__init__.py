"""The trainer's side: reports over many progress files (no Textual)."""
