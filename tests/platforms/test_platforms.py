"""Per-platform counting: each platform's own rules, checked against their sources."""

from __future__ import annotations

import os

import emoji
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postkit.errors import InputError, SettingError
from postkit.platforms.counting import mastodon_length, threads_length, x_length
from postkit.platforms.rules import (
    PLATFORMS,
    check_limit,
    fold_index,
    get_platform,
    overflow_index,
)
from postkit.platforms.spans import (
    GRAPHEME,
    emoji_spans,
    grapheme_length,
    url_spans,
    utf16_length,
)

FAMILY = "👨\u200d👩\u200d👧\u200d👦"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("🧑🏽\u200d🦰", 2),  # Unicode 12.1 sequence: still one emoji, 2
        ("🫠", 2),  # Unicode 14
        ("🇺🇦", 2),
        ("#️⃣", 2),
        ("see https://example.com/a/b.", 4 + 23 + 1),  # the full stop is not part of the link
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", 1 + 23 + 1),  # balanced parens stay
        ("file.py and e.g. this", 23 + 14),  # twitter-text 3: a bare name on a ccTLD is a link
        ("example.de/path", 23),
        ("@alice", 6),
    ],
)
def test_x_emoji_sequences_and_links(text: str, expected: int) -> None:
    assert x_length(text) == expected


def test_bluesky_counts_grapheme_clusters() -> None:
    assert grapheme_length(FAMILY) == 1
    assert grapheme_length("e\u0301") == 1
    assert grapheme_length("🇺🇦🇫🇷") == 2
    assert grapheme_length("https://example.com") == 19  # links count as written
    assert grapheme_length("a\r\nb\r\n") == 4  # CR LF is one cluster, ASCII or not
    assert PLATFORMS["bluesky"].count("a" * 300) == 300


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", 5),
        ("https://example.com/a/long/path/that/goes/on/and/on", 23),
        ("example.com", 11),  # Mastodon only shortens links with a protocol
        ("hi @alice@mastodon.social!", len("hi @alice!")),
        ("hi @alice", 9),
        (FAMILY + " e\u0301", 3),  # grapheme clusters (each_grapheme_cluster.size)
    ],
)
def test_mastodon_counting(text: str, expected: int) -> None:
    assert mastodon_length(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", 5),
        ("😀", 4),  # UTF-8 bytes of the emoji
        ("❤️", 6),
        (FAMILY, 25),
        ("café 🚀", 5 + 1 + 4),  # é is two bytes, like every letter past ASCII
    ],
)
def test_threads_counts_utf8_bytes(text: str, expected: int) -> None:
    assert threads_length(text) == expected


def test_linkedin_counts_utf16_code_units() -> None:
    assert utf16_length("abc") == 3
    assert utf16_length("🚀") == 2
    assert utf16_length("𝐁") == 2  # math bold: outside the BMP
    assert PLATFORMS["linkedin"].count(FAMILY) == 11


def test_limits_and_names() -> None:
    assert {name: p.limit for name, p in PLATFORMS.items()} == {
        "linkedin": 3000,
        "x": 280,
        "bluesky": 300,
        "mastodon": 500,
        "threads": 500,
    }
    assert get_platform("X") is PLATFORMS["x"]
    with pytest.raises(InputError, match="unknown platform 'myspace'"):
        get_platform("myspace")
    assert not PLATFORMS["linkedin"].threads
    assert all(PLATFORMS[name].threads for name in ("x", "bluesky", "mastodon", "threads"))


def test_check_limit_refuses_nonsense() -> None:
    assert check_limit(None) is None
    assert check_limit(25_000) == 25_000
    with pytest.raises(SettingError, match=r"^limit: "):
        check_limit(0)


def test_url_spans_find_links_with_and_without_protocol() -> None:
    from postkit.platforms.links import MASTODON_LINKS

    text = "Read https://example.com/x, then www.example.org and t.co too."
    found = [text[start:end] for start, end in url_spans(text)]
    assert found == ["https://example.com/x", "www.example.org", "t.co"]
    assert [text[s:e] for s, e in url_spans(text, MASTODON_LINKS)] == ["https://example.com/x"]


def test_overflow_index_is_the_longest_prefix_that_fits() -> None:
    x = PLATFORMS["x"]
    assert overflow_index("a" * 280, x) is None
    assert overflow_index("a" * 300, x) == 280
    assert overflow_index("😷" * 200, x) == 140
    text = "b" * 279 + FAMILY  # the family would make 281: the cut is before it, never inside
    assert overflow_index(text, x) == 279
    assert overflow_index("a" * 10, x, 5) == 5


def test_fold_index_on_linkedin_only() -> None:
    text = "Line one\nLine two\nLine three\nLine four"
    assert fold_index(text, PLATFORMS["linkedin"]) == len("Line one\nLine two\nLine three")
    assert fold_index(text, PLATFORMS["x"]) is None
    long_line = "word " * 60
    cut = fold_index(long_line, PLATFORMS["linkedin"])
    assert cut is not None and cut <= 210 and long_line[cut] == " "


# ------------------------------------------- scanning only around non-ASCII text

_PIECES = [
    "a", "1", "#", " ", "\n", "\r\n", "\r", "é", "中", "😀", "\u200d", "\ufe0f", "\u20e3",
    "🇫🇷", "🇫", "\u0600", "\u06dd", "\u0301", "\u0903", "가", "\u1160", "ั", "\U0001f3fb",
    "\U000e0067", "👩🏾\u200d❤️\u200d👨🏽", "1️⃣", "https://example.com/a", "@user", "#tag",
]  # fmt: skip


def _whole_scan(text: str) -> tuple[int, list[tuple[int, int]]]:
    """Clusters and emoji spans from a scan of the whole text (the reference)."""
    import regex

    count = 0
    spans: list[tuple[int, int]] = []
    for match in regex.finditer(GRAPHEME, text):
        count += 1
        cluster = match.group()
        if cluster.isascii():
            continue
        if cluster in emoji.EMOJI_DATA:
            spans.append(match.span())
        elif regex.search(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]", cluster):
            start = match.start()
            spans += [
                (start + f["match_start"], start + f["match_end"])
                for f in emoji.emoji_list(cluster)
            ]
    return count, spans


@settings(max_examples=int(os.environ.get("POSTKIT_FIX_EXAMPLES", "300")), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_counts_scanning_around_non_ascii_text_match_a_whole_scan(text: str) -> None:
    # Grapheme clusters and emoji are looked for only around non-ASCII characters
    # (with the ASCII character on either side); the answer must be the one a scan
    # of the whole text gives, prepended marks (U+0600) and CR LF included.
    count, spans = _whole_scan(text)
    assert grapheme_length(text) == count
    assert emoji_spans(text) == spans
