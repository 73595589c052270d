"""The emoji knowledge every layer shares: names, fully-qualified forms, qualifying.

Finishing (``render``) writes every emoji fully qualified, ``check``
(``platforms``) flags those that are not, and repair (``mojibake``) puts garbled
emoji back in the same form; all read it here, so they never disagree about what
a correct emoji is. The emoji package supplies the names and the qualification
status; it is imported only when needed, because loading its data costs more
than a whole draft otherwise does. Finishing (the draft path) reads what it
looks up from the disk cache instead (:func:`export_tables`, :func:`use_tables`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

VS16 = "\ufe0f"

# What use_tables gave (export_tables made it in an earlier run): the answers
# for the shortcodes listed ("names", None for one that names no emoji; any other
# is looked up in the emoji package) and every U+FE0F base ("vs16_bases").
_given: dict[str, Any] = {}


@cache
def _fully_qualified() -> int:
    """The emoji package's status code of a fully-qualified emoji."""
    import emoji

    status: int = emoji.STATUS["fully_qualified"]
    return status


@cache
def qualified_forms() -> dict[str, str]:
    """Map every emoji, with its U+FE0F removed, to its fully-qualified form."""
    import emoji

    forms: dict[str, str] = {}
    fully_qualified = _fully_qualified()
    for sequence, data in emoji.EMOJI_DATA.items():
        if data["status"] == fully_qualified:
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
    if "vs16_bases" in _given:
        return frozenset(_given["vs16_bases"])
    import emoji

    fully_qualified = _fully_qualified()
    bases = {
        sequence[i]
        for sequence, data in emoji.EMOJI_DATA.items()
        if data["status"] == fully_qualified
        for i in range(len(sequence) - 1)
        if sequence[i + 1] == VS16
    }
    return frozenset(bases)


@cache
def _names() -> dict[str, str]:
    """Every ``:shortcode:`` (CLDR name or alias) to its fully-qualified emoji.

    Built once: the emoji package looks names up by a linear scan per call.
    """
    import emoji

    names: dict[str, str] = {}
    fully_qualified = _fully_qualified()
    for sequence, data in emoji.EMOJI_DATA.items():
        if data["status"] != fully_qualified:
            continue
        for name in (data["en"], *data.get("alias", ())):
            names.setdefault(name, sequence)
    return names


def shortcodes_in(text: str) -> set[str]:
    """What :func:`emojize` looks up in ``text``: each ``:word:`` that may be a name."""
    return set(_SHORTCODE.findall(text)) if ":" in text else set()


def export_tables(shortcodes: Iterable[str]) -> dict[str, Any]:
    """The emoji package's answers for ``shortcodes`` and every U+FE0F base, as
    JSON-ready data for :func:`use_tables` in a later run."""
    names = _names()
    return {
        "names": {code: names.get(code) for code in sorted(shortcodes)},
        "vs16_bases": "".join(sorted(_vs16_bases())),
    }


def use_tables(data: Mapping[str, Any]) -> bool:
    """Answer from ``data`` (made by :func:`export_tables` with the same emoji
    package) instead of the emoji package where it can; False, changing nothing,
    when ``data`` does not have the shape export_tables gives it."""
    names, bases = data.get("names"), data.get("vs16_bases")
    if not (isinstance(names, dict) and isinstance(bases, str)):
        return False
    if not all(type(k) is str and (v is None or type(v) is str) for k, v in names.items()):
        return False
    _given.clear()
    _given.update(names=names, vs16_bases=bases)
    _vs16_bases.cache_clear()
    _needing_vs16.cache_clear()
    return True


def _emoji_named(match: re.Match[str]) -> str:
    code = match.group(0)
    given: dict[str, str | None] = _given.get("names", {})
    found = given[code] if code in given else _names().get(code)
    return found or code


def emojize(text: str) -> str:
    """Replace ``:shortcode:`` names (CLDR names and common aliases) with emoji."""
    if ":" not in text:
        return text
    return _SHORTCODE.sub(_emoji_named, text)


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
    import emoji

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
    import emoji

    data = emoji.EMOJI_DATA.get(sequence)
    return data is not None and data["status"] == _fully_qualified()


def leftover_shortcodes(text: str) -> list[str]:
    """Shortcodes that name a known emoji but were left in the text."""
    return [m.group(0) for m in _SHORTCODE.finditer(text) if emojize(m.group(0)) != m.group(0)]
