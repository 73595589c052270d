"""What each emoji looks like after a code page dropped some of its bytes.

A garbled emoji that lost bytes can be read many ways byte by byte: "â˜ï¸" lost
two, and its first character alone may be any of 14. Read as a whole, only the
emoji sequences that garble to exactly that run are worth weighing (☁️, ☎️ and
☝️), so :mod:`postkit.mojibake.search` looks the run up here before it searches
byte by byte. The table is made once per code page, from the emoji package's
list of sequences, the first time a run of that code page is looked up.
"""

from __future__ import annotations

from functools import cache, lru_cache

import emoji

from postkit.mojibake.code_pages import CODE_PAGES

# An emoji sequence, and per character how many of its bytes the code page dropped.
Whole = tuple[str, tuple[int, ...]]


@lru_cache(maxsize=4096)  # asked by the quick reading and the full one, line after line
def whole_emoji(code_page_index: int, run: str) -> tuple[Whole, ...]:
    """The emoji sequences that code page ``code_page_index`` garbles to ``run`` when it
    drops the bytes it has no character for.

    Only sequences that lost bytes are listed, and at most one per character:
    the byte-by-byte reading puts back no more (a character missing two bytes
    could be almost anything).
    """
    code_page = CODE_PAGES[code_page_index]
    dropped, forms = _dropped_forms(code_page_index)
    if not forms:
        return ()
    try:
        sequences = forms.get(run.encode(code_page.codec), ())
    except UnicodeEncodeError:
        return ()  # a byte kept as a control character, or U+FFFD: not a dropped form
    found = []
    for sequence in sequences:
        lost = tuple(_lost(char, dropped) for char in sequence)
        if max(lost) == 1:
            found.append((sequence, lost))
    return tuple(found)


def _lost(char: str, dropped: bytes) -> int:
    raw = char.encode("utf-8")
    return len(raw) - len(raw.translate(None, dropped))


@cache
def _dropped_forms(code_page_index: int) -> tuple[bytes, dict[bytes, list[str]]]:
    """The bytes code page ``code_page_index`` drops, and per what is left of an emoji
    sequence's bytes (when some were dropped), the sequences that leave it."""
    dropped = bytes(CODE_PAGES[code_page_index].undefined)
    forms: dict[bytes, list[str]] = {}
    if not dropped:
        return dropped, forms
    for sequence in emoji.EMOJI_DATA:
        raw = sequence.encode("utf-8")
        kept = raw.translate(None, dropped)
        if len(kept) != len(raw):
            forms.setdefault(kept, []).append(sequence)
    return dropped, forms
