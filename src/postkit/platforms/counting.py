"""How each platform counts a post: one function per platform and measure.

Each count names its source and is checked against the platform's own
reference cases in tests/test_counting_x.py and tests/test_counting_others.py.

| platform | count                                                                   |
|----------|-------------------------------------------------------------------------|
| linkedin | UTF-16 code units (the composer is a browser textarea); CR LF counts 1 |
| x        | twitter-text v3 weighted length: links 23, emoji sequences 2, CJK 2     |
| bluesky  | grapheme clusters, links in full (the API); and UTF-8 bytes             |
| mastodon | grapheme clusters of content warning + text; links 23, @user@domain as @user |
| threads  | UTF-8 bytes of the whole text                                           |
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from postkit.patterns import lazy_regex
from postkit.platforms.spans import (
    Span,
    emoji_spans,
    grapheme_length,
    mention_spans,
    utf16_length,
)

# twitter-text v3 (config/v3.json; https://docs.x.com/fundamentals/counting-characters):
# weights are in hundredths; these code point ranges weigh 100, everything
# else 200; a link weighs 23 whole characters and an emoji sequence 200.
X_SCALE = 100
X_DEFAULT_WEIGHT = 200
X_LIGHT_WEIGHT = 100  # what every code point in these ranges weighs
X_LIGHT_RANGES = (
    (0x0000, 0x10FF),  # Latin, Greek, Cyrillic, Hebrew, Arabic, Indic...
    (0x2000, 0x200D),  # spaces, ZWSP, ZWNJ, ZWJ
    (0x2010, 0x201F),  # dashes and quotation marks
    (0x2032, 0x2037),  # primes
)
URL_LENGTH = 23  # X (t.co) and Mastodon (URL_PLACEHOLDER_CHARS) both count a link as 23
# twitter-text finds emoji with twemoji's list, where © and ® are emoji only
# with U+FE0F after them: alone they are letters of the light range (weight 1).
X_TEXT_SYMBOLS = frozenset({"\u00a9", "\u00ae"})


@cache
def _x_heavy() -> re.Pattern[str]:
    """Characters outside the light ranges (they weigh :data:`X_DEFAULT_WEIGHT`)."""
    light = "".join(f"\\U{start:08x}-\\U{end:08x}" for start, end in X_LIGHT_RANGES)
    return re.compile(f"[^{light}]")


def _x_weight(text: str, start: int, end: int) -> int:
    """The weight of ``text[start:end]``, character by character (no entities in it)."""
    heavy = len(_x_heavy().findall(text, start, end))
    return X_LIGHT_WEIGHT * (end - start - heavy) + X_DEFAULT_WEIGHT * heavy


def x_length(text: str) -> int:
    """twitter-text v3 ``weightedLength``: what X counts against 280.

    The text is NFC-normalised first; every link counts 23 (found as
    twitter-text 3.1 finds them, :mod:`postkit.platforms.links`); every emoji
    sequence counts 2, newer ones too (X's own list is newer than the one
    twitter-text 3.1 ships, which would weigh 🐦‍🔥 5); other code points count
    1 or 2 by the ranges above. An emoji that starts inside a link is part of
    the link, and a link that starts inside an emoji part of the emoji, as in
    twitter-text's ``parseTweet``.
    """
    text = unicodedata.normalize("NFC", text)
    if text.isascii() and "." not in text:
        return len(text)
    from postkit.platforms.links import X_LINKS, link_spans  # not at start-up: see url_spans

    links, halves = link_spans(text, X_LINKS)
    entities: list[tuple[int, int, int, int]] = [  # (start, kind, end, weight); links first
        (start, 0, end, URL_LENGTH * X_SCALE + (X_DEFAULT_WEIGHT if end in halves else 0))
        for start, end in links
    ]
    entities += [
        (start, 1, end, X_DEFAULT_WEIGHT)
        for start, end in emoji_spans(text)
        if text[start:end] not in X_TEXT_SYMBOLS
    ]
    entities.sort()
    total = 0
    index = 0
    for start, _, end, weight in entities:
        if start < index:
            continue  # inside the entity before it
        total += _x_weight(text, index, start) + weight
        index = end
    total += _x_weight(text, index, len(text))
    return total // X_SCALE


def mastodon_entities(text: str) -> list[tuple[Span, str]]:
    """Mastodon's length entities: each link and mention with what it counts as.

    Links are found with ``extract_url_without_protocol: false`` (a scheme is
    needed) and count as 23 ``x``; a mention counts as ``@user`` (its domain
    dropped). Overlapping entities: the first one wins
    (``remove_overlapping_entities``).
    """
    from postkit.platforms.links import MASTODON_LINKS, find_links  # see url_spans

    found: list[tuple[Span, str]] = [
        (span, "x" * URL_LENGTH) for span in find_links(text, MASTODON_LINKS)
    ]
    for start, end in mention_spans(text):
        found.append(((start, end), "@" + text[start + 1 : end].split("@")[0]))
    found.sort(key=lambda item: item[0][0])
    kept: list[tuple[Span, str]] = []
    for entity in found:
        if kept and kept[-1][0][1] > entity[0][0]:
            continue
        kept.append(entity)
    return kept


def mastodon_length(text: str, cw: str = "") -> int:
    """Mastodon's StatusLengthValidator: ``[spoiler_text, countable_text].join`` in graphemes.

    Source: mastodon/mastodon app/validators/status_length_validator.rb. The
    content warning (``spoiler_text``) counts as written, links in it too;
    the text counts with its links as 23 and ``@user@domain`` as ``@user``;
    a text of only spaces counts nothing.
    """
    pieces = [cw]
    if text.strip():
        last = 0
        for (start, end), replacement in mastodon_entities(text):
            pieces += [text[last:start], replacement]
            last = end
        pieces.append(text[last:])
    return grapheme_length("".join(pieces))


def utf8_length(text: str) -> int:
    """Length in UTF-8 bytes."""
    return len(text.encode("utf-8", "surrogatepass"))


def threads_length(text: str) -> int:
    """Threads: the whole text in UTF-8 bytes, the safe reading of what Meta enforces.

    Meta documents 500 characters with "emojis counted as the number of UTF-8
    bytes" (https://developers.facebook.com/docs/threads/posts), but posts of
    498 characters and 504 UTF-8 bytes are reported rejected as over 500, so
    every character is counted by its bytes (README: "Platforms and how they count").
    """
    return utf8_length(text)


# Bluesky's app (bluesky-social/social-app) finds links as @atproto/api's
# detectFacets does, and shortens each http(s) one before counting and posting
# (shortenLinks / toShortUrl in src/lib/strings/url-helpers.ts).
_JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


# detectFacets' URL_REGEX; a domain without a scheme is matched (and so
# passed over) but never shortened. The lookbehind stands for its
# (^|\s|\() group: the same starts, as \S+ stops before every space.
_bluesky_link = lazy_regex(
    f"(?:^|(?<=[{_JS_SPACE}(]))(?:(?P<http>(?i:https?)://[^{_JS_SPACE}]+)"
    f"|[A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+[^{_JS_SPACE}]*)"
)


def bluesky_app_text(text: str) -> str:
    """The text as the Bluesky app posts it: each http(s) link shortened.

    The app shows and stores ``host`` plus the path, query and fragment, cut to
    13 characters and ``...`` when longer than 15; the link itself is kept in
    the post's facet, so a long link costs few of the 300 graphemes there.
    """
    if "://" not in text:
        return text
    pieces: list[str] = []
    last = 0
    for match in _bluesky_link().finditer(text):
        link = match.group("http")
        if link is None:
            continue
        start, end = match.start("http"), match.end("http")
        if link[-1] in ".,;:!?":
            end -= 1
        if text[end - 1] == ")" and "(" not in text[start:end]:
            end -= 1
        pieces += [text[last:start], short_url(text[start:end])]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


_PATH_SAFE = "!$%&'()*+,-./:;=@[\\]^_|~"
_QUERY_SAFE = "!$%&()*+,-./:;=?@[\\]^_`{|}~"
_FRAGMENT_SAFE = "!#$%&'()*+,-./:;=?@[\\]^_{|}~"


def short_url(url: str) -> str:
    """social-app's toShortUrl, with Python's URL parsing standing in for the browser's."""
    from urllib.parse import quote, urlsplit

    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port
    except (UnicodeError, ValueError):
        return url
    if parts.scheme.lower() not in ("http", "https") or not host:
        return url
    default = 443 if parts.scheme.lower() == "https" else 80
    if port is not None and port != default:
        host += f":{port}"
    # The WHATWG percent-encode sets: non-ASCII always; spaces, quotes and
    # angle brackets (and more, part by part) too.
    path = quote(_without_dots(parts.path.replace("\\", "/") or "/"), safe=_PATH_SAFE)
    path = "" if path == "/" else path
    query = "?" + quote(parts.query, safe=_QUERY_SAFE) if parts.query else ""
    fragment = "#" + quote(parts.fragment, safe=_FRAGMENT_SAFE) if parts.fragment else ""
    rest = path + query + fragment
    if len(rest) > 15:
        return host + rest[:13] + "..."
    return host + rest


def _without_dots(path: str) -> str:
    """A URL path with its "." and ".." segments resolved, as browsers do."""
    out: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments[1:], 1):
        if segment == ".":
            if index == len(segments) - 1:
                out.append("")
        elif segment == "..":
            if out:
                out.pop()
            if index == len(segments) - 1:
                out.append("")
        else:
            out.append(segment)
    return "/" + "/".join(out)


def bluesky_app_length(text: str) -> int:
    """What the Bluesky app counts: graphemes of the text with its links shortened."""
    return grapheme_length(bluesky_app_text(text))


def linkedin_length(text: str) -> int:
    """LinkedIn's composer: UTF-16 code units of the text, a CR LF line break counting one.

    The composer is a browser textarea, whose value has every line break as a
    single LF (HTML, "the textarea element": API value) and whose length is
    counted in UTF-16 code units; so an emoji outside the BMP counts 2.
    """
    return utf16_length(text.replace("\r\n", "\n"))


def linkedin_api_length(text: str) -> int:
    """The length of the post as Posts API ``commentary`` (escaped "little" text), UTF-16."""
    from postkit.platforms.linkedin_api import commentary

    return utf16_length(commentary(text))
