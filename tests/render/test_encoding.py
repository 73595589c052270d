"""Emoji finishing: shortcodes become emoji, every emoji is fully qualified, text is NFC."""

from __future__ import annotations

import unicodedata

import emoji
import pytest

from postkit.emoji_forms import emojize, is_fully_qualified, leftover_shortcodes, qualify
from postkit.render.finishing import finalise, strip_emoji

FULLY_QUALIFIED = emoji.STATUS["fully_qualified"]
COMPONENT = emoji.STATUS["component"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (":rocket: launch", "🚀 launch"),
        (":cloud:", "☁\ufe0f"),  # text-default symbol gets U+FE0F
        (":thumbsup:", "👍"),  # an alias
        (":warning: careful", "⚠\ufe0f careful"),
        ("no codes here", "no codes here"),
        ("meet at 10:30:00", "meet at 10:30:00"),  # not a shortcode
        (":not_an_emoji_name:", ":not_an_emoji_name:"),
    ],
)
def test_emojize_and_finalise(text: str, expected: str) -> None:
    assert finalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u2601 weather", "\u2601\ufe0f weather"),  # bare ☁ → ☁️
        ("👍\ufe0f ok", "👍 ok"),  # stray FE0F after an emoji-presentation emoji
        ("plain\ufe0f text", "plain text"),  # FE0F after a letter
        ("6\u20e3", "6\ufe0f\u20e3"),  # keycap without FE0F
        ("👁\u200d🗨", "👁\ufe0f\u200d🗨\ufe0f"),  # minimally qualified ZWJ sequence
        ("© 2026 and ®", "© 2026 and ®"),  # typography stays text
        ("🇫🇷 👨‍👩‍👧 👋🏽 1️⃣ 🏳️‍🌈", "🇫🇷 👨‍👩‍👧 👋🏽 1️⃣ 🏳️‍🌈"),  # already right
    ],
)
def test_qualify(text: str, expected: str) -> None:
    assert qualify(text) == expected


def test_every_emoji_in_the_data_is_left_or_made_fully_qualified() -> None:
    for sequence, data in emoji.EMOJI_DATA.items():
        if sequence in "©®™" or data["status"] == COMPONENT:
            continue
        result = qualify(f"a {sequence} b")[2:-2]
        if data["status"] == FULLY_QUALIFIED:
            assert result == sequence, sequence.encode("unicode_escape")
        else:
            assert is_fully_qualified(result), sequence.encode("unicode_escape")


def test_finalise_normalises_to_nfc() -> None:
    decomposed = "Cafe\u0301 :rocket:"
    result = finalise(decomposed)
    assert result == "Café 🚀"
    assert unicodedata.is_normalized("NFC", result)


def test_strip_emoji_leaves_no_emoji_and_tidy_spaces() -> None:
    text = finalise(":rocket: Launch day\n:warning: careful :sparkles: now")
    stripped = strip_emoji(text)
    assert emoji.emoji_count(stripped) == 0
    assert stripped == "Launch day\ncareful now"


def test_leftover_shortcodes_finds_only_known_names() -> None:
    assert leftover_shortcodes("a :rocket: b :nope: c 10:30:00") == [":rocket:"]
    assert emojize(":rocket:") == "🚀"
