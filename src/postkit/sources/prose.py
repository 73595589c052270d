"""Plain-prose helpers shared by page parsing and templates."""

from __future__ import annotations

import re

# A sentence ends at . ! ? or … (a closing quote or bracket may follow) before the
# next one starts: with a capital, a digit, or an opening quote, bracket or the
# Spanish ¿ and ¡.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"”»)]?)\s+(?=[\"“«(¿¡]?[^\W_a-zß-ÿ])")
# Abbreviations that end in a full stop without ending the sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|ca|no|nr|dr|mr|mrs|ms|st|z\.\s?b|d\.\s?h|u\.\s?a"
    r"|bzw|usw|ggf|inkl|p\.\s?ex|ex|sr|sra|vol|fig|p)\.|\b[A-Z]\.)$",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    """Split prose into sentences (good enough for posts; a few abbreviations known)."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(1))
        if _ABBREVIATION.search(text[max(start, end - 12) : match.start()]):
            continue
        parts.append(text[start:end])
        start = match.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]
