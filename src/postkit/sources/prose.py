"""Plain-prose helpers shared by page parsing and templates."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """Split prose into sentences (good enough for posts; no abbreviations list)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]
