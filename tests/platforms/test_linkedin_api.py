"""LinkedIn's Posts API: a post's text as "little" text that LinkedIn never cuts short.

Source: LinkedIn's "little text format" (learn.microsoft.com/linkedin/marketing/
community-management/shares/little-text-format): ``( ) [ ] { } < > @ | ~ _ * \\ #``
are markup, must be backslash-escaped to be text, and a hashtag is written
``{hashtag|\\#|name}``. An unescaped one makes LinkedIn publish the post cut off
at it, so the tests check that every reserved character of a commentary is
escaped or part of a hashtag template, and that reading it back gives the
post exactly.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import run_postkit
from postkit.drafting import draft_post
from postkit.errors import InputError
from postkit.model import DraftOptions
from postkit.platforms.linkedin_api import (
    AUTHOR_PLACEHOLDER,
    RESERVED,
    check_author,
    commentary,
    escape,
    post_body,
    text_of,
)
from postkit.sources.topics import library

TEMPLATE = re.compile(r"\{hashtag\|\\#\|(?:\\.|[^\\{}()\[\]<>@|~_*#])+\}")


def never_cut(little: str) -> bool:
    """True when LinkedIn reads no markup in ``little`` but its hashtag templates."""
    index = 0
    while index < len(little):
        char = little[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            match = TEMPLATE.match(little, index)
            if match is None:
                return False
            index = match.end()
            continue
        if char in RESERVED:
            return False
        index += 1
    return True


@pytest.mark.parametrize("char", sorted(RESERVED))
def test_every_reserved_character_is_escaped(char: str) -> None:
    assert escape(f"a{char}b") == f"a\\{char}b"
    assert never_cut(commentary(f"a {char} b"))


@pytest.mark.parametrize(
    ("text", "little"),
    [
        ("plain text, emoji 🚀 and é", "plain text, emoji 🚀 and é"),
        ("Costs (and risks)", "Costs \\(and risks\\)"),
        ("#AI and #open_source", "{hashtag|\\#|AI} and {hashtag|\\#|open\\_source}"),
        ("C# and a#b are no hashtags", "C\\# and a\\#b are no hashtags"),
        ("mail @alice <soon>", "mail \\@alice \\<soon\\>"),
        ("https://example.com/a_b?(x)", "https://example.com/a\\_b?\\(x\\)"),
        ("[1] {x} |y| ~z~ *w* \\", "\\[1\\] \\{x\\} \\|y\\| \\~z\\~ \\*w\\* \\\\"),
    ],
)
def test_commentary(text: str, little: str) -> None:
    assert commentary(text) == little
    assert text_of(little) == text


@pytest.mark.parametrize("name", sorted(library()))
def test_every_builtin_topic_round_trips(name: str) -> None:
    for seed in (1, 2, 3):
        post = draft_post(name, DraftOptions(platform="linkedin", seed=seed))
        text = post.text.rstrip("\n")
        little = post_body(post.text)["commentary"]
        assert never_cut(little), name
        assert text_of(little) == text


PIECES = st.sampled_from(
    [*RESERVED, "#tag", "#a_b", " ", "\n", "a", "é", "😀", "👨\u200d👩\u200d👧", "https://x.io/a_(b)",
     "{hashtag|\\#|x}", "\\#", "C#", "@user", "hashtag", "|", ".", "\u00a0"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_text_round_trips_and_is_never_cut(text: str) -> None:
    little = commentary(text)
    assert never_cut(little)
    assert text_of(little) == text


def test_body_is_a_posts_api_request() -> None:
    body = post_body("Hello #AI\n")
    assert body == {
        "author": AUTHOR_PLACEHOLDER,
        "commentary": "Hello {hashtag|\\#|AI}",
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    assert post_body("x", "urn:li:organization:2414183")["author"] == "urn:li:organization:2414183"


@pytest.mark.parametrize("urn", ["alice", "urn:li:person:", "urn:li:share:1", "urn:li:person:a b"])
def test_author_urn_is_checked(urn: str) -> None:
    # The library names its setting; the CLI's handler names --author-urn (test_core_messages).
    with pytest.raises(InputError, match=r"^author_urn: must look like urn:li:person:ID"):
        check_author(urn)


def test_draft_prints_the_request_body() -> None:
    result = run_postkit(
        "draft", "generative ai", "-f", "linkedin-api", "-s", "3",
        "--author-urn", "urn:li:person:abc123",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["author"] == "urn:li:person:abc123"
    assert body["lifecycleState"] == "PUBLISHED" and never_cut(body["commentary"])
    plain = run_postkit("draft", "generative ai", "-s", "3", "--plain")
    assert text_of(body["commentary"]) == plain.stdout.decode().rstrip("\n")


def test_draft_with_variants_prints_one_body_each() -> None:
    result = run_postkit("draft", "generative ai", "-f", "linkedin-api", "-n", "2", "-s", "1")
    assert result.returncode == 0, result.stderr
    bodies = json.loads(result.stdout)
    assert len(bodies) == 2 and all(body["visibility"] == "PUBLIC" for body in bodies)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "linkedin-api", "-p", "x"], "--platform linkedin"),
        (["--author-urn", "urn:li:person:1"], "goes with --format linkedin-api"),
        (["-f", "linkedin-api", "--author-urn", "me"], "--author-urn must look like"),
    ],
)
def test_draft_refuses_what_makes_no_request(args: list[str], message: str) -> None:
    result = run_postkit("draft", "generative ai", *args)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert result.stderr.decode().count("\n") == 1
