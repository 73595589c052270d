"""Repair text line by line, keeping every line break as it was.

Text in, text out: the lines come from the caller (``sources.files.read_lines``
for a file or stdin), so large files stream, one line repaired and handed on at
a time, and this package never touches a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from postkit.mojibake.long_lines import Budget
from postkit.mojibake.repair import Repair, fix_line, fix_text

# One line of text: its number (from 1), its text and its line break.
Line = tuple[int, str, str]


@dataclass(frozen=True)
class FixedLine:
    """One line of input after repair: its number, text, line break and repairs."""

    number: int
    text: str
    ending: str
    repairs: list[Repair]

    @property
    def changed(self) -> bool:
        return bool(self.repairs)


def fix_lines(lines: Iterable[Line]) -> Iterator[FixedLine]:
    """Each line (number, text, line break) with its mojibake repaired.

    The lines are one input: they share one budget for the readings past the
    quick ones (see :mod:`postkit.mojibake.long_lines`), so a file of junk ends in
    seconds, however many lines it has.
    """
    budget = Budget()
    for number, body, ending in lines:
        fixed, repairs = fix_line(body, budget)
        yield FixedLine(number, fixed, ending, repairs)


def fixed_text(lines: Iterable[Line]) -> Iterator[str]:
    """Each line repaired, with its line break: the text of :func:`fix_lines`,
    without making the repairs (see :func:`postkit.mojibake.repair.fix_text`)."""
    budget = Budget()
    for _, body, ending in lines:
        yield fix_text(body, budget) + ending
