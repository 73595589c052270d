"""Garbled runs that are wholly an emoji that lost bytes are read as whole emoji."""

from __future__ import annotations

import pytest

from helpers import garble
from postkit import fix_text
from postkit.mojibake.code_pages import CODE_PAGES
from postkit.mojibake.lost_bytes import whole_emoji
from postkit.mojibake.repair import find_repairs


def _index(name: str) -> int:
    return next(i for i, code_page in enumerate(CODE_PAGES) if code_page.name == name)


def test_every_emoji_that_garbles_alike_is_found() -> None:
    # 🎵 🍵 🏵 🐵 differ only in the byte Windows-1254 has no character for.
    found = whole_emoji(_index("windows-1254"), "ğŸµ")
    assert sorted(found) == sorted([("🎵", (1,)), ("🍵", (1,)), ("🏵", (1,)), ("🐵", (1,))])


def test_a_sequence_lists_the_bytes_each_character_lost() -> None:
    run = garble("🧗🏼\u200d♀️", "cp1254", "dropped")
    found = dict(whole_emoji(_index("windows-1254"), run))
    # 🏼 lost 0x8F, the ZWJ 0x8D, U+FE0F 0x8F; 🧗 and ♀ lost nothing.
    assert found["🧗🏼\u200d♀️"] == (0, 1, 1, 0, 1)


def test_runs_that_lost_nothing_or_kept_control_characters_are_not_looked_up() -> None:
    code_page_index = _index("windows-1254")
    assert whole_emoji(code_page_index, garble("🚀", "cp1254")) == ()  # every byte is there
    assert whole_emoji(code_page_index, garble("🎵", "cp1254", "kept")) == ()  # 0x8E kept as U+008E
    assert whole_emoji(_index("latin-1"), "ðŸŽµ") == ()  # Latin-1 drops no byte


def test_a_character_that_lost_two_bytes_is_not_guessed() -> None:
    # Windows-1253 has no character for 0x9F nor 0x8F: 🏼 (F0 9F 8F BC) keeps two
    # of four bytes, which almost any character could have had.
    run = garble("🏼", "cp1253", "dropped")
    assert whole_emoji(_index("windows-1253"), run) == ()


@pytest.mark.parametrize(
    "original",
    ["Family 👨\u200d👩\u200d👧\u200d👦 dinner", "Vampire night 🧛\u200d♀️ again"],
)
def test_joiners_that_lost_a_byte_come_back_whole(original: str) -> None:
    # In Windows-1253 the ZWJ (E2 80 8D) shows as "β€": byte by byte, "☀" (E2 98 80)
    # fits those two characters too, which broke every sequence apart.
    garbled = garble(original, "cp1253", "dropped")
    assert fix_text(garbled) == original


def test_alternatives_are_other_emoji_that_garble_alike() -> None:
    (repair,) = find_repairs(f"Weather today {garble('☁️', 'cp1254', 'dropped')} and rain")
    assert repair.result == "☁️"
    assert repair.alternatives
    for alternative in repair.alternatives:
        assert garble(alternative, "cp1254", "dropped") == repair.garbled
