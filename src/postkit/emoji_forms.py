"""The emoji knowledge every layer shares: names, fully-qualified forms, qualifying.

Finishing (``render``) writes every emoji fully qualified, ``check``
(``platforms``) flags those that are not, and repair (``mojibake``) puts garbled
emoji back in the same form; all read it here, so they never disagree about what
a correct emoji is. The emoji package supplies the names and the qualification
status.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import emoji

VS16 = "\ufe0f"
FULLY_QUALIFIED: int = emoji.STATUS["fully_qualified"]


@cache
def qualified_forms() -> dict[str, str]:
    """Map every emoji, with its U+FE0F removed, to its fully-qualified form."""
    forms: dict[str, str] = {}
    for sequence, data in emoji.EMOJI_DATA.items():
        if data["status"] == FULLY_QUALIFIED:
            forms[sequence.replace(VS16, "")] = sequence
    return forms


ZWJ = "\u200d"
KEYCAP = "\u20e3"

# Symbols that the emoji data lists but that are ordinary typography in prose;
# turning "©" into an emoji-style "©️" would change legitimate text.
TEXT_SYMBOLS = frozenset("©®™")

_SHORTCODE = re.compile(r":[a-zA-Z0-9_+\-’'&.()!#*,]+:")


@cache
def _vs16_bases() -> frozenset[str]:
    """Characters that a fully-qualified emoji writes with U+FE0F after them."""
    bases = {
        sequence[i]
        for sequence, data in emoji.EMOJI_DATA.items()
        if data["status"] == FULLY_QUALIFIED
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
        if data["status"] != FULLY_QUALIFIED:
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


def needs_qualifying(text: str) -> bool:
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
    if text.isascii() or not needs_qualifying(text):
        return text
    forms = qualified_forms()
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


def is_fully_qualified(sequence: str) -> bool:
    """True when ``sequence`` is one emoji in its fully-qualified form."""
    data = emoji.EMOJI_DATA.get(sequence)
    return data is not None and data["status"] == FULLY_QUALIFIED


def leftover_shortcodes(text: str) -> list[str]:
    """Shortcodes that name a known emoji but were left in the text."""
    return [m.group(0) for m in _SHORTCODE.finditer(text) if emojize(m.group(0)) != m.group(0)]
