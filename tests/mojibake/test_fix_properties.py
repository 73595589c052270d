"""Properties of fix_text: clean text is kept, repairs are stable, emoji round-trip."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import garble
from helpers.garbling import (
    EVERY_GARBLING,
    LOSSLESS,
    LOSSY,
    clean_text,
    qualified_emoji,
    sentences,
    unambiguous,
)
from postkit import fix_text
from postkit.mojibake.repair import repair_page_text

SETTINGS = settings(
    max_examples=int(os.environ.get("POSTKIT_FIX_EXAMPLES", "150")), deadline=None, derandomize=True
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
@given(st.sampled_from(qualified_emoji()), st.sampled_from(LOSSLESS), sentences)
def test_lossless_garbling_round_trips(item: str, garbling: tuple[str, str], sentence: str) -> None:
    original = sentence.format(item)
    assert fix_text(garble(original, *garbling)) == original


@SETTINGS
@given(st.data(), st.sampled_from(LOSSY), sentences)
def test_unambiguous_emoji_round_trip_when_bytes_are_lost(
    data: st.DataObject, codec: str, sentence: str
) -> None:
    item = data.draw(st.sampled_from(unambiguous(codec)))
    original = sentence.format(item)
    assert fix_text(garble(original, codec, "dropped")) == original
