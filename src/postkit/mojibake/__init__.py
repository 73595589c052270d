"""Repair of garbled text (``postkit fix``): text in, text out.

The readers of a garbled line, and the order the repair tries them in, are
listed in :mod:`postkit.mojibake.repair`.
"""
