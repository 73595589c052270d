"""Bluesky, Mastodon, Threads and LinkedIn: counted as each platform counts, case by case.

Each table names its source: the platform's own schema, server code and tests,
or (for the Bluesky app) numbers computed with the app's own functions in node.
"""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from helpers import run_postkit
from postkit.cli.preview import render_card
from postkit.drafting import draft_post
from postkit.errors import InputError
from postkit.model import DraftOptions
from postkit.platforms.check import check_post
from postkit.platforms.counting import (
    bluesky_app_length,
    bluesky_app_text,
    linkedin_api_length,
    mastodon_length,
    threads_length,
)
from postkit.platforms.rules import PLATFORMS, overflow_index
from postkit.platforms.spans import grapheme_length
from postkit.platforms.threads import split_thread

FAMILY = "👨\u200d👩\u200d👧\u200d👦"  # 1 grapheme, 25 UTF-8 bytes
TRANS_FLAG = "🏳\ufe0f\u200d⚧\ufe0f"

# ------------------------------------------------------------------- Bluesky

# The app.bsky.feed.post lexicon (bluesky-social/atproto, lexicons/app/bsky/feed/post.json):
# text has maxGraphemes 300 and maxLength 3000, in UTF-8 bytes; the server refuses either.
BLUESKY_LIMITS = [
    ("300 letters", "a" * 300, 300, 300, True),
    ("301 letters", "a" * 301, 301, 301, False),
    ("1,000 accented letters: 2,000 bytes", "é" * 300, 300, 600, True),
    ("120 family emoji: 3,000 bytes", FAMILY * 120, 120, 3000, True),
    ("121 family emoji: 3,025 bytes, under 300 graphemes", FAMILY * 121, 121, 3025, False),
    ("150 family emoji", FAMILY * 150, 150, 3750, False),
]


@pytest.mark.parametrize(
    ("text", "graphemes", "size", "ok"),
    [case[1:] for case in BLUESKY_LIMITS],
    ids=[case[0] for case in BLUESKY_LIMITS],
)
def test_bluesky_checks_graphemes_and_bytes(text: str, graphemes: int, size: int, ok: bool) -> None:
    result = check_post(text, "bluesky")
    assert result.length == graphemes
    (used,) = [count for count in result.counts if count.name == "bytes"]
    assert (used.length, used.limit, used.binding) == (size, 3000, True)
    assert result.ok is ok
    if not ok:
        (problem,) = [p for p in result.problems if p.code == "too-long"]
        assert "3,000 (UTF-8 bytes)" in problem.message or "/ 300 (grapheme" in problem.message


def test_bluesky_splits_by_bytes_too() -> None:
    bluesky = PLATFORMS["bluesky"]
    parts = split_thread(FAMILY * 150, bluesky)
    assert len(parts) == 2
    assert all(len(part.encode()) <= 3000 and grapheme_length(part) <= 300 for part in parts)
    # The first 120 family emoji fit: 3,000 bytes.
    assert overflow_index(FAMILY * 150, bluesky) == len(FAMILY) * 120


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a\r\nb\r\n", 3), ("a\r\nb\r\nc", 5), ("é\r\n", 1), ("\r\n\r\nx", 3)],
)
def test_cr_lf_is_one_grapheme_everywhere(text: str, expected: int) -> None:
    assert check_post(text, "bluesky").length == expected
    assert check_post(text, "mastodon").length == expected


# The Bluesky app shortens each http(s) link before it counts and posts the text
# (bluesky-social/social-app: shortenLinks and toShortUrl in src/lib/strings/url-helpers.ts,
# links found by @atproto/api's detectFacets). Expected texts computed with those
# functions in node 20 (its WHATWG URL parser).
BLUESKY_APP = [
    (
        "Read https://example.com/a/very/long/path/to/an/article today",
        "Read example.com/a/very/long/... today",
        38,
    ),
    ("https://example.com", "example.com", 11),
    ("https://example.com/", "example.com", 11),
    ("https://example.com/short", "example.com/short", 17),
    ("https://example.com/exactly15chars", "example.com/exactly15chars", 26),
    ("https://example.com/sixteen-chars-x", "example.com/sixteen-char...", 27),
    (
        "See (https://en.wikipedia.org/wiki/Bluesky_(social_network)) now",
        "See (en.wikipedia.org/wiki/Bluesky... now",
        41,
    ),
    (
        "Docs: https://docs.bsky.app/docs/advanced-guides/post-richtext.",
        "Docs: docs.bsky.app/docs/advance....",
        36,
    ),
    (
        "example.com/a/very/long/path/without/a/scheme",
        "example.com/a/very/long/path/without/a/scheme",
        45,
    ),
    ("https://EXAMPLE.com:8443/path?query=1&b=2#frag", "example.com:8443/path?query=1...", 32),
    ("https://例え.テスト/パス/とても/長い", "xn--r8jz45g.xn--zckzah/%E3%83%91%E3...", 38),
    (
        "two https://a.example.org/1234567890abcdef and https://b.example.org/x",
        "two a.example.org/1234567890ab... and b.example.org/x",
        53,
    ),
    ("http://example.com/a/./b/../c/d/e/f/g/h", "example.com/a/c/d/e/f/g/h", 25),
    ("日本語https://example.com/long/path/here", "日本語https://example.com/long/path/here", 37),
]


@pytest.mark.parametrize(("text", "shown", "length"), BLUESKY_APP)
def test_bluesky_app_shortens_links(text: str, shown: str, length: int) -> None:
    assert bluesky_app_text(text) == shown
    assert bluesky_app_length(text) == length


def test_bluesky_reports_the_api_count_and_shows_the_app_count() -> None:
    text = "New post: https://example.com/blog/2024/12/a-rather-long-slug-for-a-post"
    result = check_post(text, "bluesky")
    assert result.length == grapheme_length(text) == 72  # what the API is held to
    (app,) = [count for count in result.counts if count.name == "app"]
    assert (app.length, app.binding) == (len("New post: example.com/blog/2024/12..."), False)
    assert "in the Bluesky app" in result.counts_summary()


# ------------------------------------------------------------------ Mastodon

# mastodon/mastodon spec/validators/status_length_validator_spec.rb, with MAX_CHARS 500:
# (description, content warning, text, over the limit).
MASTODON_SPEC = [
    ("content warning over the limit", "a" * 520, "", True),
    ("text over the limit", "", "a" * 520, True),
    ("text and content warning over the limit together", "a" * 250, "b" * 251, True),
    (
        "reduces auto-linkable space-separated URLs",
        "",
        "a" * 476 + " http://" + "b" * 30 + ".com/example",
        False,
    ),
    (
        "does not reduce non-autolinkable URLs",
        "",
        "a" * 476 + "http://" + "b" * 30 + ".com/example",
        True,
    ),
    ("does not reduce overly long URLs", "", "http://example.com/valid?" + "#foo?" * 1000, True),
    (
        "counts only the front part of remote usernames",
        "",
        "a" * 475 + " @alice@" + "b" * 30 + ".com",
        False,
    ),
    (
        "counts both parts of remote usernames for overly long domains",
        "",
        "@alice@" + "b" * 500 + ".com",
        True,
    ),
    ("multi-byte emoji are one character", "", "✨" * 500, False),
    ("ZWJ sequence emoji are one character", "", TRANS_FLAG * 500, False),
]


@pytest.mark.parametrize(
    ("cw", "text", "over"),
    [case[1:] for case in MASTODON_SPEC],
    ids=[case[0] for case in MASTODON_SPEC],
)
def test_mastodon_as_its_own_spec(cw: str, text: str, over: bool) -> None:
    assert (mastodon_length(text, cw) > 500) is over


# What the server does, read from its sources: status_length_validator.rb (countable_text:
# links with extract_url_without_protocol: false count 23 "x", @user@domain counts @user,
# [spoiler_text, text].join.each_grapheme_cluster.size), app/lib/extractor.rb (a mention
# domain over 253 is none), config/initializers/twitter_regex.rb (schemes and path
# characters), and twitter-text's Ruby extractor (TLD lists, 4,096 at most, IDNA labels).
MASTODON = [
    ("https link", "https://example.com/a/long/path/that/goes/on/and/on", "", 23),
    ("gemini link", "gemini://example.org/capsule/page", "", 23),
    ("ipfs link with a domain", "ipfs://example.com/QmYwAPJzv5CZsnA", "", 23),
    ("ipfs without a domain is text", "ipfs://QmYwAPJzv5CZsnAztExampleHash", "", 35),
    ("ftp is not linked", "ftp://example.com/file", "", 22),
    ("no scheme: text", "example.com/path", "", 16),
    ("unknown TLD", "https://a.bc/x", "", 14),
    ("IP host", "http://192.168.0.1/x", "", 20),
    ("fragment without a path is not part of it", "https://example.com#frag", "", 23 + 5),
    ("fragment after a path is", "https://example.com/page#frag", "", 23),
    ("a Japanese path is part of it", "https://example.com/日本語のページ", "", 23),
    ("balanced parentheses", "https://example.com/wiki/Foo_(bar)", "", 23),
    (
        "a final group must be twitter-text path characters",
        "https://example.com/path(日本)",
        "",
        23 + 4,
    ),
    ("4,096 characters", "https://example.com/" + "a" * 4076, "", 23),
    ("4,097 characters", "https://example.com/" + "a" * 4077, "", 4097),
    ("remote mention", "hi @alice@mastodon.social!", "", len("hi @alice!")),
    ("local mention", "hi @alice", "", 9),
    ("mention domain of 253", "@alice@" + "b" * 249 + ".com", "", 6),
    ("mention domain of 254", "@alice@" + "b" * 250 + ".com", "", 261),
    ("an email address is no mention", "mail alice@example.com", "", 22),
    ("no mention right before @", "@alice@example.com@x", "", 20),
    ("graphemes", FAMILY + " e\u0301", "", 3),
    ("content warning counted", "hello", "Spoilers", 13),
    ("links in the content warning count in full", "hi", "https://example.com/x", 23),
    ("the warning and text are joined first", "🇸 hi", "🇺", 4),
    ("a blank text counts nothing", "   ", "cw", 2),
]


@pytest.mark.parametrize(
    ("text", "cw", "expected"), [case[1:] for case in MASTODON], ids=[case[0] for case in MASTODON]
)
def test_mastodon_counts_as_the_server(text: str, cw: str, expected: int) -> None:
    assert mastodon_length(text, cw) == expected


def test_content_warning_is_for_mastodon_only() -> None:
    assert check_post("hello", "mastodon", cw="Spoilers").length == 13
    assert check_post("hello", "mastodon", cw="Spoilers").to_dict()["cw"] == "Spoilers"
    # The library names its cw setting; the CLI's handler says --cw (test_core_messages).
    with pytest.raises(InputError, match=r"^a content warning \(cw\) is a Mastodon field"):
        check_post("hello", "x", cw="Spoilers")


def test_mastodon_threads_count_the_warning_in_every_part() -> None:
    mastodon = PLATFORMS["mastodon"].with_cw("CW: a long thread")  # 17 graphemes
    parts = split_thread("word " * 150, mastodon, limit=200)
    assert all(mastodon_length(part, "CW: a long thread") <= 200 for part in parts)
    assert len(parts) == 5


# ------------------------------------------------------------------- Threads

# Meta's documentation (developers.facebook.com/docs/threads/posts, "Limitations"): 500
# characters, "emojis are counted as the number of UTF-8 bytes". Posts of 498 characters
# and 504 UTF-8 bytes are reported refused as over 500, so postkit counts every
# character by its UTF-8 bytes (README: "Platforms and how they count").
THREADS = [
    ("ASCII", "a" * 500, 500, True),
    ("one over", "a" * 501, 501, False),
    ("an emoji is its bytes", "😀", 4, True),
    ("a heart with VS16", "❤️", 6, True),
    ("family", FAMILY, 25, True),
    ("accented letters are two bytes", "é" * 250, 500, True),
    ("the reported refusal: 498 characters, 504 bytes", "a" * 492 + "é" * 6, 504, False),
]


@pytest.mark.parametrize(
    ("text", "expected", "ok"), [case[1:] for case in THREADS], ids=[case[0] for case in THREADS]
)
def test_threads_counts_utf8_bytes(text: str, expected: int, ok: bool) -> None:
    assert threads_length(text) == expected
    assert check_post(text, "threads").ok is ok


def test_threads_limit_can_be_relaxed() -> None:
    text = "a" * 492 + "é" * 6
    assert check_post(text, "threads", limit=510).ok


# ------------------------------------------------------------------ LinkedIn

# The composer is a browser textarea: UTF-16 code units of its value, where every line
# break is one LF (HTML: the textarea element's API value).
LINKEDIN = [
    ("ASCII", "abc", 3),
    ("an emoji outside the BMP", "🚀", 2),
    ("math bold", "𝐁", 2),
    ("family", FAMILY, 11),
    ("CR LF is one line break", "a\r\nb", 3),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in LINKEDIN], ids=[case[0] for case in LINKEDIN]
)
def test_linkedin_counts_the_composers_utf16(text: str, expected: int) -> None:
    assert PLATFORMS["linkedin"].count(text) == expected


def test_linkedin_check_reports_the_api_length_too() -> None:
    text = "Costs (and risks) of AI_tools #AI"
    expected = len("Costs \\(and risks\\) of AI\\_tools {hashtag|\\#|AI}")
    assert linkedin_api_length(text) == expected
    result = check_post(text, "linkedin")
    (api,) = result.counts
    assert (api.name, api.length, api.limit, api.binding) == ("api", expected, 3000, False)
    assert "as Posts API commentary" in result.counts_summary()
    # Over 3,000 only once escaped: a warning, not an error.
    brackets = check_post("(x) " * 600, "linkedin")
    assert brackets.ok
    assert [p.code for p in brackets.problems if p.code.startswith("too-long")] == [
        "too-long-for-api"
    ]


def test_draft_counts_and_shows_the_content_warning() -> None:
    post = draft_post("generative ai", DraftOptions(platform="mastodon", seed=2, cw="AI talk"))
    assert post.cw == "AI talk"
    assert post.length == mastodon_length(post.text.rstrip("\n"), "AI talk")
    out = io.StringIO()
    render_card(post, Console(file=out, width=80, color_system=None))
    assert "CW: AI talk" in out.getvalue()
    result = run_postkit(
        "draft", "generative ai", "-p", "mastodon", "--cw", "AI talk", "-s", "2", "-f", "json"
    )
    assert json.loads(result.stdout)["cw"] == "AI talk"
    checked = run_postkit("check", "-", "-p", "mastodon", "--cw", "Spoilers", input="hello\n")
    assert checked.stdout.decode().startswith("mastodon: 13 / 500;")
    refused = run_postkit("check", "-", "-p", "x", "--cw", "Spoilers", input="hello\n")
    assert refused.returncode == 2
    assert refused.stderr.decode() == (
        "postkit: error: a content warning (--cw) is a Mastodon field; x has none\n"
    )


def test_bluesky_warns_when_only_the_app_count_is_over() -> None:
    # The app percent-encodes a non-ASCII path before it cuts it: 15 graphemes become 20.
    text = " ".join(["https://x.jp/日本"] * 18)
    assert (grapheme_length(text), bluesky_app_length(text)) == (287, 377)
    result = check_post(text, "bluesky")
    assert result.ok
    assert [p.code for p in result.problems if p.code.startswith("too-long")] == ["too-long-in-app"]
