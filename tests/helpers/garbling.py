"""What the repair tests share: the ways text gets garbled, and text to garble."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

import emoji
from hypothesis import strategies as st

from helpers import DATA, garble
from postkit.mojibake.code_pages import CODE_PAGES


@cache
def qualified_emoji() -> list[str]:
    """Every fully-qualified emoji up to Emoji 14, sorted."""
    return sorted(
        e
        for e, data in emoji.EMOJI_DATA.items()
        if data["status"] == emoji.STATUS["fully_qualified"] and data["E"] <= 14
    )


# A word, or words in quotes with their quotes: "há»" alone may be Vietnamese "hề"
# garbled, while "«Não há»" is Portuguese in guillemets.
_WORD = re.compile(r"[„“«‹][^”“»›]*[”“»›]\S*|\S+")


@cache
def _words() -> list[str]:
    text = (DATA / "fix" / "legit.txt").read_text(encoding="utf-8")
    return sorted({word for line in text.split("\n") for word in _WORD.findall(line)})


LOSSLESS = [("cp1252", "kept"), ("cp1254", "kept"), ("latin-1", "kept"), ("mac_roman", "kept")]
LOSSY = ["cp1252", "cp1254", "cp1250"]
EVERY_GARBLING = LOSSLESS + [(codec, "dropped") for codec in LOSSY]


@cache
def _readings() -> dict[str, set[str]]:
    """Which emoji each garbled form can come from, over every code page postkit knows."""
    forms: dict[str, set[str]] = defaultdict(set)
    for page in CODE_PAGES:
        for item in qualified_emoji():
            forms[garble(item, page.codec, "dropped")].add(item)
    return forms


def _lost_bytes(char: str, codec: str) -> int:
    return len(char.encode("utf-8")) - len(garble(char, codec, "dropped").encode(codec))


@cache
def unambiguous(codec: str) -> list[str]:
    """Emoji whose garbled form no other emoji can explain, at most one byte lost per character.

    (Two bytes lost from one character leave too little to go on; postkit does
    not guess those.)
    """
    forms = _readings()
    return [
        item
        for item in qualified_emoji()
        if forms[garble(item, codec, "dropped")] == {item}
        and all(_lost_bytes(char, codec) <= 1 for char in item)
    ]


clean_pieces = st.one_of(
    st.sampled_from(_words()),
    st.sampled_from(qualified_emoji()),
    st.sampled_from([" ", " ", "\n", ", ", ". ", "“", "”", "’", "€", "£", "—"]),
)
clean_text = st.lists(clean_pieces, max_size=30).map(" ".join)
sentences = st.sampled_from(
    [
        "Big news {} for the team",
        "{} launch day",
        "Thanks everyone {}",
        "Café « {} » à Paris",
        "Bugün {} İstanbul'da",
    ]
)
