"""Repair of garbled text (``postkit fix``): text in, text out."""
