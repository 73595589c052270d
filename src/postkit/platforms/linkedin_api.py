"""A post as the body of a LinkedIn Posts API request, its text never cut.

The Posts API (``POST https://api.linkedin.com/rest/posts``) takes the post's
text as ``commentary`` in LinkedIn's "little" text format
(https://learn.microsoft.com/linkedin/marketing/community-management/shares/little-text-format):
``( ) [ ] { } < > @ | ~ _ * \\ #`` are markup there, and an unescaped one makes
LinkedIn publish the post cut off at that character, without an error. So
every one of them is escaped with a backslash, links included (the feed shows
and links them as written), and each ``#hashtag`` becomes LinkedIn's hashtag
template ``{hashtag|\\#|name}`` so it stays a hashtag. :func:`text_of` reads a
commentary back: ``text_of(commentary(post)) == post`` for every post.
"""

from __future__ import annotations

import re
from typing import Any

from postkit.errors import SettingError
from postkit.patterns import lazy_regex

RESERVED = frozenset("()[]{}<>@|~_*\\#")
# LinkedIn refuses this author; a script puts its own URN in (or --author-urn).
AUTHOR_PLACEHOLDER = "urn:li:person:REPLACE_WITH_YOUR_PERSON_ID"


# A hashtag as LinkedIn makes one: "#" and word characters, not inside a word.
_hashtag = lazy_regex(r"(?<![\w#&])#(\w+)")
_template = lazy_regex(r"\{hashtag\|\\#\|((?:\\.|[^\\}])*)\}")
_escaped = lazy_regex(r"\\(.)", re.DOTALL)
_urn = lazy_regex(r"urn:li:(?:person|organization):[A-Za-z0-9_-]+")


def escape(text: str) -> str:
    """``text`` with every reserved character of little text backslash-escaped."""
    return "".join("\\" + char if char in RESERVED else char for char in text)


def commentary(text: str) -> str:
    """The post as Posts API ``commentary``: escaped, hashtags as hashtag templates."""
    pieces: list[str] = []
    last = 0
    for match in _hashtag().finditer(text):
        pieces += [escape(text[last : match.start()]), "{hashtag|\\#|", escape(match[1]), "}"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def text_of(commentary_text: str) -> str:
    """What LinkedIn shows for a commentary: templates as ``#name``, escapes undone."""
    escaped = _escaped()

    def unescape(fragment: str) -> str:
        return escaped.sub(lambda match: match[1], fragment)

    pieces: list[str] = []
    last = 0
    for match in _template().finditer(commentary_text):
        pieces += [unescape(commentary_text[last : match.start()]), "#", unescape(match[1])]
        last = match.end()
    pieces.append(unescape(commentary_text[last:]))
    return "".join(pieces)


def check_author(urn: str | None) -> str:
    """An author URN (``--author-urn``), or the placeholder when none was given."""
    if urn is None:
        return AUTHOR_PLACEHOLDER
    if not _urn().fullmatch(urn):
        raise SettingError(
            "author_urn",
            f"must look like urn:li:person:ID or urn:li:organization:ID, not {urn!r}",
        )
    return urn


def post_body(text: str, author: str | None = None) -> dict[str, Any]:
    """The JSON body of a Posts API request that publishes ``text`` to the author's feed.

    The text is the post as published (without the newline a file ends with).
    ``author`` is a person or organization URN; without one a placeholder
    stands in that LinkedIn refuses, for a script to replace.
    """
    return {
        "author": check_author(author),
        "commentary": commentary(text.rstrip("\n")),
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
