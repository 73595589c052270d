"""Per-platform rules: how each platform counts characters, its limit, its fold.

Each rule names its source. Counting must agree with the platform itself, or
posts that pass here are rejected there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from postkit.errors import InputError

# LinkedIn's feed folds a post behind "…see more" after three lines or about
# 210 characters on desktop, whichever comes first. Observed on linkedin.com
# (desktop feed, 2024-2025) and widely reported, e.g.
# https://www.linkedin.com/help/linkedin/answer/a528176 (post length) and
# creator guides on the "see more" cut-off; LinkedIn does not publish the rule.
LINKEDIN_FOLD_LINES = 3
LINKEDIN_FOLD_CHARS = 210

_GRAPHEME = regex.compile(r"\X")


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, as a browser's textarea (and LinkedIn's composer) counts."""
    return len(text.encode("utf-16-le")) // 2


def grapheme_length(text: str) -> int:
    """User-perceived characters (extended grapheme clusters)."""
    return sum(1 for _ in _GRAPHEME.finditer(text))


def codepoint_length(text: str) -> int:
    """Unicode code points."""
    return len(text)


@dataclass(frozen=True)
class Platform:
    """What a platform allows and how it measures a post."""

    name: str
    limit: int
    count: Callable[[str], int]
    counting: str  # what is counted, for help and docs
    fold_lines: int | None = None
    fold_chars: int | None = None
    max_hashtags: int | None = None


PLATFORMS: dict[str, Platform] = {
    # https://www.linkedin.com/help/linkedin/answer/a528176 - 3,000 characters per post;
    # the composer is a browser textarea, which counts UTF-16 code units.
    "linkedin": Platform(
        "linkedin",
        3000,
        utf16_length,
        "UTF-16 code units",
        LINKEDIN_FOLD_LINES,
        LINKEDIN_FOLD_CHARS,
        5,
    ),
    # https://docs.x.com/fundamentals/counting-characters - weighted, see platforms docs.
    "x": Platform(
        "x", 280, codepoint_length, "weighted characters (twitter-text v3)", None, None, 2
    ),
    # https://docs.bsky.app/docs/advanced-guides/post-richtext - 300 graphemes.
    "bluesky": Platform("bluesky", 300, grapheme_length, "grapheme clusters", None, None, 3),
    # https://docs.joinmastodon.org/user/posting/#text - 500 characters by default.
    "mastodon": Platform(
        "mastodon", 500, codepoint_length, "characters (URLs count 23)", None, None, 5
    ),
    # https://help.instagram.com/ (Threads) - 500 characters.
    "threads": Platform("threads", 500, codepoint_length, "characters", None, None, 1),
}


def get_platform(name: str) -> Platform:
    """The rules of a platform by name."""
    try:
        return PLATFORMS[name.lower()]
    except KeyError:
        raise InputError(
            f"unknown platform {name!r}; choose one of: {', '.join(PLATFORMS)}"
        ) from None


def fold_index(text: str, platform: Platform) -> int | None:
    """Where the feed cuts the post behind "…see more", or None if it shows whole.

    The cut moves back to the last space before it, and never splits a
    grapheme cluster (an emoji sequence or a letter with its marks).
    """
    if platform.fold_lines is None or platform.fold_chars is None:
        return None
    cut = len(text)
    newlines = 0
    for position, char in enumerate(text):
        if char == "\n":
            newlines += 1
            if newlines == platform.fold_lines:
                cut = position
                break
    cut = min(cut, platform.fold_chars)
    if cut >= len(text.rstrip()):
        return None
    if text[cut] not in " \n":
        space = text.rfind(" ", 0, cut)
        if space > 0 and text.rfind("\n", 0, cut) < space:
            cut = space
    return _grapheme_floor(text, cut)


def _grapheme_floor(text: str, index: int) -> int:
    """The largest grapheme boundary not after ``index``."""
    boundary = 0
    for match in _GRAPHEME.finditer(text):
        if match.end() > index:
            break
        boundary = match.end()
    return boundary
