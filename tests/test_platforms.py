"""Per-platform counting: each platform's own rules, checked against their sources."""

from __future__ import annotations

import os

import emoji
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postkit.errors import InputError
from postkit.platforms.rules import (
    PLATFORMS,
    check_limit,
    fold_index,
    get_platform,
    grapheme_length,
    mastodon_length,
    overflow_index,
    threads_length,
    url_spans,
    utf16_length,
    x_length,
)

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
ENGLAND = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
POEM = (
    "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。"
    "旧时王谢堂前燕，飞入寻常百姓家。朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。"
    "泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。独在异乡为异客，每逢佳节倍思亲。"
    "遥知兄弟登高处，遍插茱萸少一人。"
)
KANA = "あいうえおかきくけこ"
PUNCTUATION = (
    "This is a tweet with general punctuation characters: "
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
    " ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷"
)
LONG_LABEL_URL = "https://" + "somesuperlongurl" * 249 + ".com/foo "

# twitter-text conformance/validate.yml, sections WeightedTweetsWithDiscountedEmojiCounterTest
# and UnicodeDirectionalMarkerCounterTest (config v3): (description, text, weightedLength).
# Long texts are rebuilt from their repeating pattern; the "invalid domain labels" text
# is rebuilt from its structure (three 4,001-character URLs whose 3,984-character label
# is not a valid host, then a short valid one) and keeps its expected 12079.
X_CONFORMANCE = [
    ("Regular Tweet with url", "Hi http://test.co", 26),
    ("Just url", "http://test.co", 23),
    ("Long tweet, overflow at char index 280", "285 chars-" + "xxxxxxxxxx-" * 25, 285),
    (
        "Long tweet with url in the middle",
        "285 chars- http://www.twitter.com/jack " + "xxxxxxxxxx-" * 24,
        299,
    ),
    ("Long tweet with url at the end", "xxxxxxxxxx-" * 24 + " http://www.twitter.com/jack ", 289),
    ("10 url string, no overflow", "https://www.twitter.com/aloha " * 10, 240),
    ("160 CJK char, overflow at char index 140", POEM, 320),
    ("160 emoji char, overflow at char index 140", "😷" * 160, 320),
    ("3 latin char + 160 CJK char", "the" + POEM, 323),
    ("'Á' is normalized into 1 char", "A\u0301B", 2),
    ("שּׁ is normalized into 3 chars", "A\ufb2c", 4),
    (
        "282 chars with a normalized character within valid range but outside 280",
        "282 chars-" + "xxxxxxxxxx-" * 24 + "xxxxxA\u0301x",
        281,
    ),
    ("Count a mix of single byte single word, and double word unicode", "H🐱☺" + FAMILY, 7),
    ("Count unicode emoji chars inside the basic multilingual plane", "😷👾😡🔥💩", 10),
    ("emoji outside the BMP with skin tone modifiers", "🙋🏽👨\u200d🎤", 4),
    ("General Punctuation Characters with visible spaces, no ZWJ/ZWNJ", PUNCTUATION, 110),
    (
        "Handle long url with invalid domain labels and short url",
        "Long url with invalid domain labels and a short url: "
        + LONG_LABEL_URL * 3
        + "https://validurl.com",
        12079,
    ),
    (
        "Handle a 64 character domain without protocol",
        "randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com",
        68,
    ),
    (
        "Do not allow > 140 CJK characters: more than 63 punycode characters in the host",
        KANA * 12 + " http://" + KANA * 5 + "あいう.com",
        358,
    ),
    (
        "Allow > 140 CJK characters: fewer than 63 punycode characters in the host",
        KANA * 12 + " http://" + KANA * 5 + "あい.com",
        264,
    ),
    ("140 family emoji", FAMILY * 140, 280),
    ("Emoji with a leading character in the latin range is counted as 2", "1\u20e3", 2),
    ("Unicode 10.0 emoji", f"Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; {ENGLAND}", 34),
    ("Unicode 9.0 emoji", "Unicode 9.0 emoji: 🤠; 💃; 💃🏾", 29),
    ("Handle invalid characters", "ABC\u202a\uffffABC\ufffe", 12),
    (
        "Tweet text containing directional characters should be considered valid",
        "\u2066\u202ahttp://foobar.پاکستان/\u202c\u2069",
        31,
    ),
    # conformance/validate.yml "lengths" section (URLs and plain text)
    ("Count the number of characters", "This is a test.", 15),
    ("Count a URL without protocol as 23 characters", "test.com", 23),
    (
        "Count multiple URLs correctly",
        "Test https://test.com test https://test.com test.com test",
        86,
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in X_CONFORMANCE],
    ids=[case[0] for case in X_CONFORMANCE],
)
def test_x_counts_like_twitter_text_conformance(text: str, expected: int) -> None:
    assert x_length(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("🧑🏽\u200d🦰", 2),  # Unicode 12.1 sequence: still one emoji, 2
        ("🫠", 2),  # Unicode 14
        ("🇺🇦", 2),
        ("#️⃣", 2),
        ("see https://example.com/a/b.", 4 + 23 + 1),  # the full stop is not part of the link
        ("(https://en.wikipedia.org/wiki/Foo_(bar))", 1 + 23 + 1),  # balanced parens stay
        ("file.py and e.g. this", 21),  # a bare name on a country TLD is not a link
        ("example.de/path", 23),  # ...unless it has a path
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
        ("café 🚀", 5 + 4),
    ],
)
def test_threads_counts_emoji_as_utf8_bytes(text: str, expected: int) -> None:
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
    with pytest.raises(InputError, match="--limit"):
        check_limit(0)


def test_url_spans_find_links_with_and_without_protocol() -> None:
    text = "Read https://example.com/x, then www.example.org and t.co too."
    found = [text[start:end] for start, end in url_spans(text)]
    assert found == ["https://example.com/x", "www.example.org", "t.co"]
    assert [text[s:e] for s, e in url_spans(text, without_protocol=False)] == [
        "https://example.com/x"
    ]


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

    from postkit.platforms.rules import GRAPHEME

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
    from postkit.platforms.rules import _emoji_spans, grapheme_length

    count, spans = _whole_scan(text)
    if not text.isascii():  # ASCII text counts characters (CR LF too), as before
        assert grapheme_length(text) == count
    assert _emoji_spans(text) == spans
