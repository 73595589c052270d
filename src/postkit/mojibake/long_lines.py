"""Long lines in pieces: what keeps the repair linear in the length of a line.

The full reading (:mod:`postkit.mojibake.repair`) weighs a line as a whole: the
scripts of all its text, its quotes, passes over all of it, and a diff of the
line with its repair. That costs more than linear time, and a line of random
garbled characters 40,000 long took minutes. No post has such a line, but a
file may (an export with no line breaks, a paste of binary junk), and
``postkit fix``, ``draft --from`` and ``check`` must still answer in seconds.

So a line longer than :data:`PIECE` characters is read in pieces of at most
that many, each as a line of its own: cut after a space where there is one,
else before a character no code page reads as a continuation byte (no garbled
sequence runs across such a cut), else anywhere. And a line gets the full
reading for only :data:`FULL_BUDGET` characters of garbled-looking pieces;
past that, a piece gets the quick readings alone (linear, in the codecs), or
stays as it is. Lines of ordinary length are read as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from postkit.mojibake.search import WILDCARD, char_class, looks_garbled, pages

PIECE = 1000  # longest stretch of a line read as one line
FULL_BUDGET = 10 * PIECE  # characters of a line the full reading may take
_SHORTEST = PIECE // 2  # a cut looked for in the last half of a piece


@cache
def _not_continuation() -> re.Pattern[str]:
    """A character that no code page maps back to a UTF-8 continuation byte."""
    continuations = {
        char
        for page in pages()
        for char, byte in page.encode.items()
        if 0x80 <= byte <= 0xBF or byte == WILDCARD
    }
    return re.compile(f"[^{char_class(''.join(sorted(continuations)))}]")


def _cut(line: str, start: int) -> int:
    """Where the piece of ``line`` that begins at ``start`` ends (a long line's)."""
    limit = start + PIECE
    low = start + _SHORTEST
    space = line.rfind(" ", low, limit)
    if space >= 0:
        return space + 1
    clean = None
    for clean in _not_continuation().finditer(line, low + 1, limit + 1):
        pass  # the last one: the longest piece
    return clean.start() if clean is not None else limit


def pieces(line: str) -> list[tuple[int, int]]:
    """Where the pieces of ``line`` lie: the whole line, unless it is longer than
    :data:`PIECE` characters."""
    found = []
    start = 0
    while len(line) - start > PIECE:
        end = _cut(line, start)
        found.append((start, end))
        start = end
    found.append((start, len(line)))
    return found


def garbled_pieces(line: str) -> Iterator[tuple[int, int, bool]]:
    """Start and end of each piece of a long ``line`` that looks garbled, and
    whether it gets the full reading (True) or the quick readings alone."""
    budget = FULL_BUDGET
    for start, end in pieces(line):
        piece = line[start:end]
        if not looks_garbled(piece):
            continue
        yield start, end, budget > 0
        budget -= len(piece)
