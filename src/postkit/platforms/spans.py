"""Where things are in a post: grapheme clusters, emoji, links, mentions, hashtags.

Spans are ``(start, end)`` offsets in code points, ``end`` exclusive. Links
are found by :mod:`postkit.platforms.links` (twitter-text's grammar);
mentions as Mastodon finds them; grapheme clusters as Unicode defines them.

The regex and emoji modules are imported on first use, so ``import postkit``
stays quick for scripts.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from postkit.patterns import lazy_regex

if TYPE_CHECKING:
    from postkit.platforms.links import LinkRules

Span = tuple[int, int]
GRAPHEME = r"\p{Regional_Indicator}{2}[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}]*|\X"


@cache
def _patterns() -> dict[str, Any]:
    """Compiled patterns; the regex module is imported on first use."""
    import regex

    return {
        # \X alone takes quadratic time on a run of flags (it recounts the run's
        # regional indicators at each one): take the pairs first, same clusters.
        "grapheme": regex.compile(GRAPHEME),
        "pictograph": regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]"),
        # Mastodon's Account::MENTION_RE: @user or @user@domain, not after a
        # word character, "=" or "/"; [[:word:]] is letters, marks, digits, "_".
        "mention": regex.compile(
            r"(?<![=/\p{L}\p{M}\p{Nd}\p{Pc}])@(?P<user>[A-Za-z0-9_]+(?:[.\-]+[A-Za-z0-9_]+)*)"
            r"(?P<domain>@[\p{L}\p{M}\p{Nd}\p{Pc}]+(?:[.\-]+[\p{L}\p{M}\p{Nd}\p{Pc}]+)*)?"
        ),
        # twitter-text's end_mention_match: no mention right before one of these.
        "mention_after": regex.compile(f"[@＠{_LATIN}]|://"),
        "hashtag": regex.compile(r"(?<![\w#&])[#＃](?![\d]+\b)\w+"),
    }


def emoji_spans(text: str) -> list[Span]:
    """Where every emoji sequence is (the emoji package holds current Unicode data).

    Every emoji sequence (ZWJ, skin tone, flag, keycap, tag) is one grapheme
    cluster, so clusters are looked up whole; only a cluster that is not a
    known emoji but holds a pictograph goes through the (slower) tokenizer.
    """
    if text.isascii():
        return []
    import emoji

    known = emoji.EMOJI_DATA
    patterns = _patterns()
    spans: list[Span] = []
    for region_start, region_end in _non_ascii_regions(text):
        for match in patterns["grapheme"].finditer(text, region_start, region_end):
            cluster = match.group()
            if cluster.isascii():
                continue
            if cluster in known:
                spans.append(match.span())
            elif patterns["pictograph"].search(cluster):
                start = match.start()
                for found in emoji.emoji_list(cluster):
                    spans.append((start + found["match_start"], start + found["match_end"]))
    return spans


def _non_ascii_regions(text: str) -> list[Span]:
    """The stretches of ``text`` whose grapheme clusters can hold a non-ASCII character.

    Each stretch of non-ASCII characters, with the ASCII character before it (the
    "1" of the keycap "1️⃣") and the one after it (a prepended mark such as
    U+0600 takes it in), stretches that touch merged. No ASCII character extends
    a cluster, so a cluster boundary lies at each end of such a stretch (between
    two ASCII characters, after a line feed, or after CR LF): the clusters found
    inside are the clusters of the whole text, and the scan skips the plain
    words of a post.
    """
    regions: list[list[int]] = []
    size = len(text)
    for match in _non_ascii().finditer(text):
        start, end = match.span()
        if start and text[start - 1] != "\n":
            start -= 1
        if end < size:
            end += 2 if text.startswith("\r\n", end) else 1
        if regions and start <= regions[-1][1]:
            regions[-1][1] = end
        else:
            regions.append([start, end])
    return [(start, end) for start, end in regions]


_non_ascii = lazy_regex(r"[^\x00-\x7f]+")
# twitter-text's latinAccentChars (a mention may not be followed by one).
_LATIN = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259"
    "\u025b\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)


def url_spans(text: str, rules: LinkRules | None = None) -> list[Span]:
    """Where the links are, as X (the default) or Mastodon finds them."""
    # Imported here: the link grammar (its TLD list, its tables) costs start-up
    # time that a LinkedIn draft, which never looks for links, need not pay.
    from postkit.platforms.links import X_LINKS, find_links

    return find_links(text, rules or X_LINKS)


MAX_MENTION_DOMAIN = 253  # Mastodon's Extractor: a longer domain makes no mention


def mention_spans(text: str) -> list[Span]:
    """Where the @mentions are (``@user`` and ``@user@domain``), as Mastodon finds them.

    A mention followed by ``@``, an accented Latin letter or ``://`` is none,
    nor is one whose domain is longer than 253 characters.
    """
    if "@" not in text:
        return []
    patterns = _patterns()
    spans: list[Span] = []
    for match in patterns["mention"].finditer(text):
        domain = match.group("domain")
        if patterns["mention_after"].match(text, match.end()):
            continue
        if domain and len(domain) - 1 > MAX_MENTION_DOMAIN:
            continue
        spans.append(match.span())
    return spans


def hashtag_spans(text: str) -> list[Span]:
    """Where the #hashtags are."""
    if "#" not in text and "＃" not in text:
        return []
    return [match.span() for match in _patterns()["hashtag"].finditer(text)]


def grapheme_spans(text: str) -> Iterator[Span]:
    """Every extended grapheme cluster."""
    for match in _patterns()["grapheme"].finditer(text):
        yield match.span()


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, as a browser's textarea (and LinkedIn's composer) counts."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def grapheme_length(text: str) -> int:
    """User-perceived characters (extended grapheme clusters)."""
    if text.isascii():
        return _ascii_clusters(text, 0, len(text))
    grapheme = _patterns()["grapheme"]
    count = 0
    last = 0
    for start, end in _non_ascii_regions(text):
        count += _ascii_clusters(text, last, start)
        count += sum(1 for _ in grapheme.finditer(text, start, end))
        last = end
    return count + _ascii_clusters(text, last, len(text))


def _ascii_clusters(text: str, start: int, end: int) -> int:
    """Grapheme clusters in ASCII text: one a character, but CR LF is one."""
    return end - start - text.count("\r\n", start, end)


def codepoint_length(text: str) -> int:
    """Unicode code points."""
    return len(text)
