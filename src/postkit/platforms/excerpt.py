"""A short excerpt of a text around a span, to show a person where a problem is.

A post is often one long paragraph (a 3,574-character line is ordinary), so
``postkit check`` on a terminal shows only up to ``CONTEXT`` characters either
side of each problem, and at most ``LONGEST_SPAN`` of the problem itself. Cuts
fall between words where there is a space nearby, otherwise between grapheme
clusters, never inside one (a family emoji or a flag stays whole).

The work per excerpt is bounded by the context, not by the length of the line:
a file of 100,000 ``{`` is one line with tens of thousands of problems.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

CONTEXT = 60
LONGEST_SPAN = 80


@dataclass(frozen=True)
class Excerpt:
    """``before`` + ``span`` + ``after`` is a slice of one line of the text;
    ``cut_before`` / ``cut_after`` say that the line goes on past it."""

    before: str
    span: str
    after: str
    cut_before: bool
    cut_after: bool


class Excerpts:
    """Excerpts of one text; its grapheme boundaries are found once, if ever needed."""

    def __init__(self, text: str, context: int = CONTEXT, longest: int = LONGEST_SPAN) -> None:
        self.text = text
        self.context = context
        self.longest = longest
        self._boundaries: list[int] | None = None

    def around(self, start: int, end: int) -> Excerpt:
        """The excerpt showing ``text[start:end]`` within its line (an empty span
        marks the character at ``start``)."""
        text, context = self.text, self.context
        stop = min(max(end, start + 1), len(text))
        # Only the first line of a span is shown, and at most ``longest`` of it;
        # the searches stop there, so a span to the end of a 1 MB text costs little.
        newline = text.find("\n", start, min(stop, start + self.longest + 1))
        if newline >= 0:
            stop = newline
        span_cut = end > stop
        if stop - start > self.longest:
            stop, span_cut = self._cut_right(start + 1, start + self.longest), True

        low = max(0, start - context)
        newline = text.rfind("\n", low, start)
        if newline >= 0 or low == 0:
            left, cut_before = newline + 1, False
        else:
            left, cut_before = self._cut_left(low, start), True

        high = stop + context
        newline = text.find("\n", stop, high + 1)
        if span_cut:
            right, cut_after = stop, True
        elif newline >= 0 or high >= len(text):
            right, cut_after = (newline if newline >= 0 else len(text)), False
        else:
            right, cut_after = self._cut_right(stop, high), True
        return Excerpt(text[left:start], text[start:stop], text[stop:right], cut_before, cut_after)

    def _cut_left(self, low: int, start: int) -> int:
        """Where an excerpt ending at ``start`` begins: after the first spaces at or
        after ``low``, or at the first grapheme boundary there."""
        text = self.text
        space = text.find(" ", low, start)
        if space < 0:
            return self._ceil(low, start)
        while space < start and text[space] == " ":
            space += 1
        return self._ceil(space, start)

    def _cut_right(self, low: int, high: int) -> int:
        """Where an excerpt from ``low`` ends: before the last spaces up to ``high``,
        or at the last grapheme boundary there."""
        text = self.text
        space = text.rfind(" ", low, high + 1)
        if space < 0:
            return self._floor(high, low)
        while space > low and text[space - 1] == " ":
            space -= 1
        return self._floor(space, low)

    def _trivial(self, index: int) -> bool:
        """A boundary that needs no tables: between two ASCII characters but CR LF."""
        text = self.text
        if index <= 0 or index >= len(text):
            return True
        before, after = text[index - 1], text[index]
        return before.isascii() and after.isascii() and (before, after) != ("\r", "\n")

    def _all(self) -> list[int]:
        if self._boundaries is None:
            from postkit.platforms.spans import grapheme_spans

            self._boundaries = [0, *(end for _, end in grapheme_spans(self.text))]
        return self._boundaries

    def _ceil(self, index: int, limit: int) -> int:
        """The first grapheme boundary at or after ``index``, at most ``limit``."""
        if self._trivial(index):
            return index
        boundaries = self._all()
        return min(boundaries[bisect.bisect_left(boundaries, index)], limit)

    def _floor(self, index: int, limit: int) -> int:
        """The last grapheme boundary at or before ``index``, at least ``limit``."""
        if self._trivial(index):
            return index
        boundaries = self._all()
        return max(boundaries[bisect.bisect_right(boundaries, index) - 1], limit)
