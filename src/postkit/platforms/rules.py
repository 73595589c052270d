"""Per-platform rules: each platform's limits, how it measures a post, its fold.

Each rule names its source; the counts themselves are in
:mod:`postkit.platforms.counting`. A platform measures a post one way against
its limit (``count``, ``limit``), and some have more measures (``measures``):
Bluesky refuses a post over 300 graphemes *or* 3,000 UTF-8 bytes, and its app
counts links shortened; LinkedIn's Posts API takes the text escaped.

| platform | limit  | counted as                                                         |
|----------|--------|--------------------------------------------------------------------|
| linkedin | 3,000  | UTF-16 code units (the composer is a browser textarea)             |
| x        | 280    | twitter-text v3 weighted length: links 23, emoji sequences 2, CJK 2 |
| bluesky  | 300    | grapheme clusters, links in full; and 3,000 UTF-8 bytes            |
| mastodon | 500    | graphemes of content warning + text; links 23; @user@domain as @user |
| threads  | 500    | UTF-8 bytes                                                        |
"""
# No "from __future__ import annotations": the fields of a NamedTuple written as
# strings become ForwardRefs, each compiled when the module is imported.

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from postkit.errors import InputError, SettingError
from postkit.platforms.counting import (
    bluesky_app_length,
    linkedin_api_length,
    linkedin_length,
    mastodon_length,
    threads_length,
    utf8_length,
    x_length,
)
from postkit.platforms.spans import grapheme_length, grapheme_spans

# LinkedIn's feed folds a post behind "…see more" after three lines or about
# 210 characters on desktop, whichever comes first. Observed on linkedin.com
# (desktop feed, 2024-2025) and widely reported, e.g.
# https://www.linkedin.com/help/linkedin/answer/a528176 (post length) and
# creator guides on the "see more" cut-off; LinkedIn does not publish the rule.
LINKEDIN_FOLD_LINES = 3
LINKEDIN_FOLD_CHARS = 210


# NamedTuples for start-up time (see postkit.platforms.threads.Length).
class Measure(NamedTuple):
    """One more way a platform measures a post, with its own limit.

    ``binding``: the platform refuses a post over this limit (Bluesky's
    bytes), so splitting and checking keep every part within it; otherwise it
    is shown for information (what Bluesky's app counts, LinkedIn's API text).
    """

    name: str  # a short key, for JSON
    counting: str  # what is counted, for people
    limit: int
    count: Callable[[str], int]
    binding: bool = False


class Platform(NamedTuple):
    """What a platform allows and how it measures a post."""

    name: str
    limit: int
    count: Callable[[str], int]
    counting: str  # what is counted, for help and docs
    fold_lines: int | None = None
    fold_chars: int | None = None
    max_hashtags: int | None = None
    threads: bool = True  # replies chain into a thread; LinkedIn has no threads
    measures: tuple[Measure, ...] = ()
    cw: str = ""  # Mastodon: the content warning, counted with the text

    def with_cw(self, cw: str | None) -> "Platform":
        """The platform counting a content warning with every post (Mastodon only)."""
        if not cw:
            return self
        if self.name != "mastodon":
            raise SettingError(
                "cw", f"is a Mastodon field; {self.name} has none", subject="a content warning"
            )
        return self._replace(count=partial(mastodon_length, cw=cw), cw=cw)

    def fits(self, limit: int | None = None) -> Callable[[str], int]:
        """A count that is at most ``limit`` exactly when a text is within every limit
        that can refuse it: the platform's own and each binding measure's.

        Binding measures are scaled to ``limit`` (Bluesky's 3,000 bytes become
        300ths), so splitting and ``overflow_index`` work with one number.
        """
        limit = limit or self.limit
        binding = [measure for measure in self.measures if measure.binding]
        if not binding:
            return self.count
        count = self.count

        def fitting(text: str) -> int:
            size = count(text)
            for measure in binding:
                used = measure.count(text)
                size = max(size, -(-used * limit // measure.limit))  # ceiling
            return size

        return fitting


PLATFORMS: dict[str, Platform] = {
    # https://www.linkedin.com/help/linkedin/answer/a528176 - 3,000 characters per post;
    # the composer is a browser textarea whose maxlength counts UTF-16 code units,
    # so an emoji outside the BMP or a math-bold letter counts 2. Good practice:
    # 3-5 hashtags (LinkedIn's own guidance on hashtags in posts). Through the
    # Posts API the text goes as escaped "little" text (linkedin_api.py),
    # which is longer: shown, not enforced.
    "linkedin": Platform(
        "linkedin",
        3000,
        linkedin_length,
        "UTF-16 code units",
        LINKEDIN_FOLD_LINES,
        LINKEDIN_FOLD_CHARS,
        5,
        threads=False,
        measures=(Measure("api", "as Posts API commentary", 3000, linkedin_api_length),),
    ),
    # https://docs.x.com/fundamentals/counting-characters and twitter-text v3.
    # 280 for free accounts; paid accounts post up to 25,000 (use --limit).
    # X's own advice is one or two hashtags.
    "x": Platform("x", 280, x_length, "weighted characters (twitter-text v3)", None, None, 2),
    # The app.bsky.feed.post lexicon: text has maxGraphemes 300 and maxLength
    # 3000 (UTF-8 bytes); the PDS refuses either. Through the API a link counts
    # in full; the Bluesky app shortens links first (counting.bluesky_app_text).
    "bluesky": Platform(
        "bluesky",
        300,
        grapheme_length,
        "grapheme clusters, links in full (the API)",
        None,
        None,
        3,
        measures=(
            Measure("bytes", "UTF-8 bytes", 3000, utf8_length, binding=True),
            Measure("app", "in the Bluesky app, links shortened", 300, bluesky_app_length),
        ),
    ),
    # https://docs.joinmastodon.org/user/posting/#text - 500 by default (instances
    # choose their own: use --limit); status_length_validator.rb for the counting.
    "mastodon": Platform(
        "mastodon",
        500,
        mastodon_length,
        "grapheme clusters; links count 23; @user@domain counts as @user",
        None,
        None,
        5,
    ),
    # https://developers.facebook.com/docs/threads/posts - "500 characters";
    # counted here as UTF-8 bytes (counting.threads_length says why). Threads
    # shows one topic tag per post, so one hashtag.
    "threads": Platform("threads", 500, threads_length, "UTF-8 bytes", None, None, 1),
}

# A platform's limit can be raised with --limit (X Premium, other Mastodon
# instances), but never beyond what any of them allows.
MAX_LIMIT = 100_000
MIN_LIMIT = 20


def get_platform(name: str) -> Platform:
    """The rules of a platform by name."""
    try:
        return PLATFORMS[name.lower()]
    except KeyError:
        raise InputError(
            f"unknown platform {name!r}; choose one of: {', '.join(PLATFORMS)}"
        ) from None


def check_limit(limit: int | None) -> int | None:
    """A --limit value, refused with a clear message when it cannot be right."""
    if limit is not None and not MIN_LIMIT <= limit <= MAX_LIMIT:
        raise SettingError("limit", f"must be between {MIN_LIMIT} and {MAX_LIMIT:,}, not {limit}")
    return limit


def overflow_index(text: str, platform: Platform, limit: int | None = None) -> int | None:
    """Where the text stops fitting: the end of the longest prefix within the limits.

    None when the whole text fits. The index is a grapheme boundary, so the
    cut never splits an emoji sequence or a letter from its marks. Every
    binding limit counts (Bluesky's bytes as well as its graphemes).
    """
    limit = limit or platform.limit
    count = platform.fits(limit)
    if count(text) <= limit:
        return None
    bounds = [end for _, end in grapheme_spans(text)]
    low, high = 0, len(bounds) - 1  # find the last bound whose prefix fits
    best = 0
    while low <= high:
        middle = (low + high) // 2
        if count(text[: bounds[middle]]) <= limit:
            best = bounds[middle]
            low = middle + 1
        else:
            high = middle - 1
    return best


def fold_index(text: str, platform: Platform) -> int | None:
    """Where the feed cuts the post behind "…see more", or None if it shows whole.

    The cut moves back to the last space before it, and never splits a
    grapheme cluster (an emoji sequence or a letter with its marks).
    """
    if platform.fold_lines is None or platform.fold_chars is None:
        return None
    cut = -1
    for _ in range(platform.fold_lines):  # the end of the last line shown
        cut = text.find("\n", cut + 1)
        if cut == -1:
            cut = len(text)
            break
    cut = min(cut, platform.fold_chars)
    if cut >= len(text.rstrip()):
        return None
    if text[cut] not in " \n":
        space = text.rfind(" ", 0, cut)
        if space > 0 and text.rfind("\n", 0, cut) < space:
            cut = space
    if text[cut] in " \n":
        return cut  # a break between words is always between grapheme clusters
    return _grapheme_floor(text, cut)


def _grapheme_floor(text: str, index: int) -> int:
    """The largest grapheme boundary not after ``index``."""
    boundary = 0
    for _, end in grapheme_spans(text):
        if end > index:
            break
        boundary = end
    return boundary
