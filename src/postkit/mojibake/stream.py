"""Repair a file or stdin line by line, keeping every line break as it was.

Large files stream: one line is read, repaired and handed on at a time. Input is
UTF-8 (a BOM is fine) or UTF-16 with a BOM; anything else is an
:class:`~postkit.errors.InputError` with one line that names the file and line.
"""

from __future__ import annotations

import codecs
import itertools
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from postkit.errors import InputError
from postkit.mojibake.repair import Repair, fix_line, fix_text
from postkit.sources.files import open_input


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


def read_lines(path: Path | str) -> Iterator[tuple[int, str, str]]:
    """Yield (line number, text, line break) for each line of a file or ``-``."""
    raw, origin = open_input(path)
    try:
        yield from _lines(raw, origin)
    except OSError as exc:
        raise InputError(f"{origin}: cannot read it ({exc.strerror or exc})") from None
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()


def _lines(raw: BinaryIO, origin: str) -> Iterator[tuple[int, str, str]]:
    first = raw.readline()
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield from _utf16_lines(first + raw.read(), origin)
        return
    if first.startswith(codecs.BOM_UTF8):
        first = first[len(codecs.BOM_UTF8) :]
    number = 0
    for number, data in enumerate(itertools.chain([first], raw), start=1):
        if not data:
            break
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{origin}:{number}: not valid UTF-8 (byte {exc.start + 1} of the line); "
                "save the file as UTF-8"
            ) from None
        yield _split(line, number, origin)


def _utf16_lines(data: bytes, origin: str) -> Iterator[tuple[int, str, str]]:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        raise InputError(f"{origin}: not valid UTF-16; save the file as UTF-8") from None
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        yield _split(line, number, origin)


def _split(line: str, number: int, origin: str) -> tuple[int, str, str]:
    body = line[:-2] if line.endswith("\r\n") else line.rstrip("\n")
    if "\x00" in body:
        raise InputError(
            f"{origin}:{number}: contains NUL bytes; this looks like a binary file, not text"
        )
    return number, body, line[len(body) :]


def fix_lines(path: Path | str) -> Iterator[FixedLine]:
    """Each line of a file (or ``-``) with its mojibake repaired."""
    for number, body, ending in read_lines(path):
        fixed, repairs = fix_line(body)
        yield FixedLine(number, fixed, ending, repairs)


def fixed_text(path: Path | str) -> Iterator[str]:
    """Each line of a file (or ``-``) repaired, with its line break: the text of
    :func:`fix_lines`, without making the repairs (see :func:`postkit.mojibake.repair.fix_text`)."""
    for _, body, ending in read_lines(path):
        yield fix_text(body) + ending
