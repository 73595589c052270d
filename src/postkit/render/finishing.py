"""Emoji and Unicode finishing: shortcodes to emoji, NFC, fully-qualified emoji.

Templates and topic pages write emoji as shortcodes (``:rocket:``); the text a
user gets holds real emoji, each one fully qualified as the Unicode emoji data
lists it (``☁️`` with U+FE0F, never a bare ``☁``; never ``👍`` with a stray
U+FE0F). The emoji package supplies the names and the qualification status.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

import emoji

VS16 = "\ufe0f"
ZWJ = "\u200d"
KEYCAP = "\u20e3"

# Symbols that the emoji data lists but that are ordinary typography in prose;
# turning "©" into an emoji-style "©️" would change legitimate text.
TEXT_SYMBOLS = frozenset("©®™")

_FULLY_QUALIFIED: int = emoji.STATUS["fully_qualified"]
_SHORTCODE = re.compile(r":[a-zA-Z0-9_+\-’'&.()!#*,]+:")
_SPACES_BEFORE_BREAK = re.compile(r"(?<![ \t])[ \t]+(?=\n|$)")  # from a run's start: linear
_RUNS_OF_SPACES = re.compile(r"(?<=\S) {2,}")


@cache
def _qualified_forms() -> dict[str, str]:
    """Map every emoji, with its U+FE0F removed, to its fully-qualified form."""
    forms: dict[str, str] = {}
    for sequence, data in emoji.EMOJI_DATA.items():
        if data["status"] == _FULLY_QUALIFIED:
            forms[sequence.replace(VS16, "")] = sequence
    return forms


@cache
def _vs16_bases() -> frozenset[str]:
    """Characters that a fully-qualified emoji writes with U+FE0F after them."""
    bases = {
        sequence[i]
        for sequence, data in emoji.EMOJI_DATA.items()
        if data["status"] == _FULLY_QUALIFIED
        for i in range(len(sequence) - 1)
        if sequence[i + 1] == VS16
    }
    return frozenset(bases)


@cache
def _names() -> dict[str, str]:
    """Every ``:shortcode:`` (CLDR name or alias) to its fully-qualified emoji.

    Built once: the emoji package looks names up by a linear scan per call.
    """
    names: dict[str, str] = {}
    for sequence, data in emoji.EMOJI_DATA.items():
        if data["status"] != _FULLY_QUALIFIED:
            continue
        for name in (data["en"], *data.get("alias", ())):
            names.setdefault(name, sequence)
    return names


def emojize(text: str) -> str:
    """Replace ``:shortcode:`` names (CLDR names and common aliases) with emoji."""
    if ":" not in text:
        return text
    names = _names()
    return _SHORTCODE.sub(lambda match: names.get(match.group(0), match.group(0)), text)


@cache
def _needing_vs16() -> frozenset[str]:
    """Emoji characters that are under-qualified unless U+FE0F follows them."""
    return frozenset(c for c in _vs16_bases() if not c.isascii() and c not in TEXT_SYMBOLS)


_ASCII_BYTES = bytes(range(128))


def _non_ascii(text: str) -> str:
    """The characters of ``text`` that are not ASCII, in order (a post has a few dozen).

    Dropping the ASCII bytes of the UTF-8 form runs in C at a byte a nanosecond;
    iterating the text, or a regex scan, makes or tests an object per character.
    """
    raw = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return raw.decode("utf-8", "surrogatepass")


def _positions(text: str, char: str) -> Iterator[int]:
    index = text.find(char)
    while index != -1:
        yield index
        index = text.find(char, index + 1)


def _needs_qualifying(text: str) -> bool:
    """False when no emoji in ``text`` can be under-qualified and no U+FE0F is stray.

    A fast, exact pre-check (the non-ASCII characters and ``str.count`` are found
    in C; this runs on every section of every post): an under-qualified emoji
    always holds a character that should be followed by U+FE0F and is not.
    """
    rest = _non_ascii(text)  # holds every character looked for here, and counts them
    for char in _needing_vs16().intersection(rest):
        if rest.count(char) != text.count(char + VS16):  # one without U+FE0F after it
            return True
    bases = _vs16_bases()
    if VS16 in rest and any(i == 0 or text[i - 1] not in bases for i in _positions(text, VS16)):
        return True
    # A keycap without U+FE0F before it.
    return KEYCAP in rest and rest.count(KEYCAP) != text.count(VS16 + KEYCAP)


def qualify(text: str) -> str:
    """Make every emoji fully qualified and drop U+FE0F that follows no emoji."""
    if text.isascii() or not _needs_qualifying(text):
        return text
    forms = _qualified_forms()
    pieces: list[str] = []
    last = 0
    for found in emoji.emoji_list(text):
        start, end, sequence = found["match_start"], found["match_end"], found["emoji"]
        pieces.append(text[last:start].replace(VS16, ""))
        if sequence in TEXT_SYMBOLS:
            pieces.append(sequence)
        else:
            pieces.append(forms.get(sequence.replace(VS16, ""), sequence))
        last = end
    pieces.append(text[last:].replace(VS16, ""))
    return "".join(pieces)


def finalise(text: str) -> str:
    """The last step of every post: emoji from shortcodes, NFC, qualified emoji."""
    return qualify(unicodedata.normalize("NFC", emojize(text)))


def is_final(text: str) -> bool:
    """True when :func:`finalise` leaves ``text`` as it is, checked step by step.

    Unlike ``finalise(text) == text`` this also holds for any text made of such
    pieces and line breaks: no shortcode, emoji sequence or composing character
    reaches across a line break, and each step is seen to change nothing.
    """
    if emojize(text) != text or not unicodedata.is_normalized("NFC", text):
        return False
    return text.isascii() or not _needs_qualifying(text)


def strip_emoji(text: str) -> str:
    """Remove every emoji and tidy the spaces it leaves behind."""
    without = emoji.replace_emoji(text, replace="")
    without = "\n".join(line.lstrip(" ") if line.strip() else "" for line in without.split("\n"))
    without = _RUNS_OF_SPACES.sub(" ", without)
    return _SPACES_BEFORE_BREAK.sub("", without)


def is_fully_qualified(sequence: str) -> bool:
    """True when ``sequence`` is one emoji in its fully-qualified form."""
    data = emoji.EMOJI_DATA.get(sequence)
    return data is not None and data["status"] == _FULLY_QUALIFIED


def leftover_shortcodes(text: str) -> list[str]:
    """Shortcodes that name a known emoji but were left in the text."""
    return [m.group(0) for m in _SHORTCODE.finditer(text) if emojize(m.group(0)) != m.group(0)]
