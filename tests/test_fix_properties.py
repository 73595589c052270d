"""Properties of fix_text: clean text is kept, repairs are stable, emoji round-trip."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from functools import cache

import emoji
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import DATA, garble
from postkit import fix_text
from postkit.mojibake.code_pages import CODE_PAGES
from postkit.mojibake.repair import repair_page_text

SETTINGS = settings(
    max_examples=int(os.environ.get("POSTKIT_FIX_EXAMPLES", "150")), deadline=None, derandomize=True
)


@cache
def _qualified() -> list[str]:
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
        for item in _qualified():
            forms[garble(item, page.codec, "dropped")].add(item)
    return forms


def _lost_bytes(char: str, codec: str) -> int:
    return len(char.encode("utf-8")) - len(garble(char, codec, "dropped").encode(codec))


@cache
def _unambiguous(codec: str) -> list[str]:
    """Emoji whose garbled form no other emoji can explain, at most one byte lost per character.

    (Two bytes lost from one character leave too little to go on; postkit does
    not guess those.)
    """
    forms = _readings()
    return [
        item
        for item in _qualified()
        if forms[garble(item, codec, "dropped")] == {item}
        and all(_lost_bytes(char, codec) <= 1 for char in item)
    ]


clean_pieces = st.one_of(
    st.sampled_from(_words()),
    st.sampled_from(_qualified()),
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


@SETTINGS
@given(clean_text)
def test_clean_text_is_unchanged(text: str) -> None:
    assert fix_text(text) == text


@SETTINGS
@given(
    clean_text,
    st.sampled_from(EVERY_GARBLING),
    st.booleans(),
)
def test_fixing_twice_changes_nothing_more(
    text: str, garbling: tuple[str, str], twice: bool
) -> None:
    garbled = garble(text, *garbling)
    if twice:
        garbled = garble(garbled, *garbling)
    once = fix_text(garbled)
    assert fix_text(once) == once
    # fix_text skips making the repairs: the text is the one they make.
    assert repair_page_text(garbled)[0] == once


@SETTINGS
@given(st.sampled_from(_qualified()), st.sampled_from(LOSSLESS), sentences)
def test_lossless_garbling_round_trips(item: str, garbling: tuple[str, str], sentence: str) -> None:
    original = sentence.format(item)
    assert fix_text(garble(original, *garbling)) == original


@SETTINGS
@given(st.data(), st.sampled_from(LOSSY), sentences)
def test_unambiguous_emoji_round_trip_when_bytes_are_lost(
    data: st.DataObject, codec: str, sentence: str
) -> None:
    item = data.draw(st.sampled_from(_unambiguous(codec)))
    original = sentence.format(item)
    assert fix_text(garble(original, codec, "dropped")) == original
