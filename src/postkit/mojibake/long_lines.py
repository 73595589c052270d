"""Long lines in pieces, and a budget for the full reading: what keeps repair linear.

The full reading (:mod:`postkit.mojibake.repair`) weighs a line as a whole: the
scripts of all its text, its quotes, passes over all of it, and a diff of the
line with its repair. That costs more than linear time, and a line of random
garbled characters 40,000 long took minutes. No post has such a line, but a
file may (an export with no line breaks, a paste of binary junk), and
``postkit fix``, ``draft --from`` and ``check`` must still answer in seconds.

So a line longer than :data:`PIECE` characters is read in pieces of at most
that many, each as a line of its own: cut after a space or tab where there is
one, else before a character no code page reads as a continuation byte (no
garbled sequence runs across such a cut), else anywhere.

Even in pieces, the full reading of junk costs up to a quarter of a
millisecond per character: a megabyte of it, in lines of any length, took
minutes. The quick readings (linear, in the codecs) answer most garbled
lines of real text; what they decline goes on to the shortcuts and the full
reading only while the input's :class:`Budget` lasts: :data:`INPUT_BUDGET`
characters that code pages map back to bytes (what that work grows with:
plain words cost it little). Past it, such a line or piece stays as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from postkit.mojibake.search import WILDCARD, code_page_text, code_pages, looks_garbled

PIECE = 1000  # longest stretch of a line read as one line
# Code-page characters of one input that the readings past the quick ones may
# take: a few seconds for nothing but junk; real garbled text sends them a
# small part of its characters (the whole test corpus, as one input: 849).
INPUT_BUDGET = 12_000
_SHORTEST = PIECE // 2  # a cut looked for in the last half of a piece


@cache
def _continuations() -> frozenset[str]:
    """The characters some code page maps back to a UTF-8 continuation byte."""
    return frozenset(
        char
        for code_page in code_pages()
        for char, byte in code_page.encode.items()
        if 0x80 <= byte <= 0xBF or byte == WILDCARD
    )


def _cut(line: str, start: int) -> int:
    """Where the piece of ``line`` that begins at ``start`` ends (a long line's)."""
    limit = start + PIECE
    low = start + _SHORTEST
    space = max(line.rfind(" ", low, limit), line.rfind("\t", low, limit))
    if space >= 0:
        return space + 1
    continuations = _continuations()
    for cut in range(limit, low, -1):  # the longest piece first
        if line[cut] not in continuations:
            return cut
    return limit


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


def garbled_pieces(line: str) -> Iterator[tuple[int, int]]:
    """Start and end of each piece of a long ``line`` that looks garbled."""
    for start, end in pieces(line):
        if looks_garbled(line[start:end]):
            yield start, end


class Budget:
    """What the readings past the quick ones may still read of one input (a
    text, or a stream of lines): code-page characters."""

    def __init__(self, characters: int = INPUT_BUDGET) -> None:
        self.left = characters

    def take(self, line: str) -> bool:
        """Whether ``line`` (a line or piece the quick readings declined) may be
        read further; what it costs is spent."""
        if self.left <= 0:
            return False
        runs = code_page_text(line)  # the runs, apart
        self.left -= len(runs) - runs.count("\x00")
        return True
