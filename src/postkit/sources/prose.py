"""Plain-prose helpers shared by page parsing and templates."""

from __future__ import annotations

import re

from postkit.patterns import lazy_regex

# A sentence ends at . ! ? or … (a closing quote or bracket may follow) before the
# next one starts: with a capital, a digit, or an opening quote, bracket or the
# Spanish ¿ and ¡. "A capital or a digit" is a word character other than _, a-z
# and ß-ÿ, written as a lookahead and \w: the same characters as [^\W_a-zß-ÿ]
# (checked over every code point), but compiled in half the time.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"”»)]?)\s+(?=[\"“«(¿¡]?(?![_a-zß-ÿ])\w)")
# Abbreviations that end in a full stop without ending the sentence. The last
# word of each (what stands just before its full stop), so that the pattern is
# compiled and searched only for a sentence end that might be one: most prose
# never needs it, and compiling it costs a draft's start-up half a millisecond.
_ABBREVIATION_ENDS = frozenset(
    (
        "g",
        "e",
        "etc",
        "vs",
        "cf",
        "approx",
        "ca",
        "no",
        "nr",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "b",
        "h",
        "a",
        "bzw",
        "usw",
        "ggf",
        "inkl",
        "ex",
        "sr",
        "sra",
        "vol",
        "fig",
        "p",
    )
)


_abbreviation = lazy_regex(
    r"(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|ca|no|nr|dr|mr|mrs|ms|st|z\.\s?b|d\.\s?h|u\.\s?a"
    r"|bzw|usw|ggf|inkl|p\.\s?ex|ex|sr|sra|vol|fig|p)\.|\b[A-Z]\.)$",
    re.IGNORECASE,
)


def _abbreviated(window: str) -> bool:
    """Whether ``window`` (the text up to a sentence end) ends with an abbreviation."""
    if not window.endswith("."):
        return False
    stem = window[:-1]
    start = len(stem)
    while start and (stem[start - 1].isalnum() or stem[start - 1] == "_"):  # what \w is
        start -= 1
    last = stem[start:]
    might = not last.isascii() or len(last) == 1 or last.lower() in _ABBREVIATION_ENDS
    return might and _abbreviation().search(window) is not None


def sentences(text: str) -> list[str]:
    """Split prose into sentences (good enough for posts; a few abbreviations known)."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(1))
        if _abbreviated(text[max(start, end - 12) : match.start()]):
            continue
        parts.append(text[start:end])
        start = match.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]
