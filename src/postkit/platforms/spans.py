"""Per-platform rules: how each platform counts characters, its limit, its fold.

Each rule names its source. Counting must agree with the platform itself, or
posts that pass here are rejected there.

| platform | limit  | what is counted                                                      |
|----------|--------|----------------------------------------------------------------------|
| linkedin | 3,000  | UTF-16 code units (the composer is a browser textarea)               |
| x        | 280    | twitter-text v3 weighted length: URLs 23, emoji sequences 2, CJK 2   |
| bluesky  | 300    | extended grapheme clusters                                           |
| mastodon | 500    | grapheme clusters; URLs 23; ``@user@domain`` counts as ``@user``     |
| threads  | 500    | characters, each emoji as many as its UTF-8 bytes                    |

The regex and emoji modules are imported on first use, so ``import postkit``
stays quick for scripts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from postkit.errors import InputError

# LinkedIn's feed folds a post behind "…see more" after three lines or about
# 210 characters on desktop, whichever comes first. Observed on linkedin.com
# (desktop feed, 2024-2025) and widely reported, e.g.
# https://www.linkedin.com/help/linkedin/answer/a528176 (post length) and
# creator guides on the "see more" cut-off; LinkedIn does not publish the rule.
LINKEDIN_FOLD_LINES = 3
LINKEDIN_FOLD_CHARS = 210

# twitter-text v3 (https://github.com/twitter/twitter-text, config/v3.json and
# https://docs.x.com/fundamentals/counting-characters): weights are in
# hundredths; these code point ranges weigh 100, everything else 200; a URL
# weighs 23 whole characters and an emoji sequence one default weight (200).
X_SCALE = 100
X_DEFAULT_WEIGHT = 200
X_LIGHT_WEIGHT = 100  # what every code point in these ranges weighs
X_LIGHT_RANGES = (
    (0x0000, 0x10FF),  # Latin, Greek, Cyrillic, Hebrew, Arabic, Indic...
    (0x2000, 0x200D),  # spaces, ZWSP, ZWNJ, ZWJ
    (0x2010, 0x201F),  # dashes and quotation marks
    (0x2032, 0x2037),  # primes
)
URL_LENGTH = 23  # X (t.co) and Mastodon (URL_PLACEHOLDER_CHARS) both count a URL as 23


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Top-level domains a URL written without "https://" may end in. twitter-text
# keeps the full IANA list; this is every ccTLD and the generic TLDs that turn
# up in posts. Links with a protocol accept any alphabetic TLD.
_CCTLDS = _words(
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo "
    "br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm "
    "do dz ec ee eg er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr "
    "gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki "
    "km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo "
    "mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph "
    "pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr "
    "ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz "
    "va vc ve vg vi vn vu wf ws ye yt za zm zw"
)
_GTLDS = _words(
    "com net org edu gov mil int info biz name pro aero coop museum mobi jobs travel tel asia "
    "app dev blog shop store online site tech cloud page news media link live life world "
    "today email design art xyz club top vip fun space website one global digital network "
    "agency studio systems solutions software social tools academy foundation community "
    "company group team center works zone guide guru expert ninja wiki io ai"
)
CCTLDS = _CCTLDS
TLDS = _CCTLDS | _GTLDS
# twitter-text: a bare "name.cc" on a country TLD is not a link unless it has a
# path (so "file.py" stays text) - except these, which are used as short links.
_SPECIAL_CCTLDS = frozenset({"co", "tv"})

Span = tuple[int, int]


GRAPHEME = r"\p{Regional_Indicator}{2}[\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}]*|\X"


@cache
def _patterns() -> dict[str, Any]:
    """Compiled patterns; the regex module is imported on first use."""
    import regex

    stop = r"\s\u202a-\u202e\u2066-\u2069<>\""
    return {
        # \X alone takes quadratic time on a run of flags (it recounts the run's
        # regional indicators at each one): take the pairs first, same clusters.
        "grapheme": regex.compile(GRAPHEME),
        "pictograph": regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]"),
        # twitter-text validUrlPrecedingChars: not right after a letter, digit, @, $ or #.
        "url": regex.compile(
            r"(?<![A-Za-z0-9@＠$#＃])https?://"
            r"(?P<host>\[[0-9A-Fa-f:.]+\]|[\w\-.]+)(?::\d{1,5})?"
            rf"(?P<path>[/?#][^{stop}]*)?",
            regex.IGNORECASE,
        ),
        # twitter-text extractUrlsWithoutProtocol: ASCII domains only.
        "bare_url": regex.compile(
            r"(?<![\w@＠$#＃.\-/])"
            r"(?P<host>(?:[a-z0-9](?:[a-z0-9_\-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})"
            rf"(?![A-Za-z0-9@+\-])(?::\d{{1,5}})?(?P<path>/[^{stop}]*)?",
            regex.IGNORECASE | regex.ASCII,
        ),
        # Mastodon's MENTION_RE: @user or @user@domain, not inside a word or a path.
        "mention": regex.compile(
            r"(?<![\w/@])@(?P<user>[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_])?)"
            r"(?P<domain>@[\w.\-]*\w)?"
        ),
        "hashtag": regex.compile(r"(?<![\w#&])[#＃](?![\d]+\b)\w+"),
    }


def _emoji_spans(text: str) -> list[Span]:
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
    for match in _NON_ASCII.finditer(text):
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


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _trim_url_end(url: str) -> str:
    """Drop trailing punctuation that ends a sentence rather than the link."""
    while url:
        last = url[-1]
        unbalanced = (last == ")" and url.count("(") < url.count(")")) or (
            last == "]" and url.count("[") < url.count("]")
        )
        if last not in ".,:;!?'\"*…" and not unbalanced:
            break
        url = url[:-1]
    return url


def _label_ok(label: str) -> bool:
    if not label or label[0] == "-" or label[-1] == "-":
        return False
    if label.isascii():
        return len(label) <= 63
    try:  # twitter-text checks the punycode form of each label against DNS's 63.
        return len("xn--" + label.encode("punycode").decode("ascii")) <= 63
    except UnicodeError:
        return False


def _host_ok(host: str) -> bool:
    if host.startswith("["):
        return True  # IPv6 literal
    labels = host.split(".")
    if len(labels) < 2 or not all(_label_ok(label) for label in labels):
        return False
    if all(label.isdigit() for label in labels):
        return len(labels) == 4 and all(int(label) <= 255 for label in labels)
    if any("_" in label for label in labels[-2:]):
        return False  # underscores only in subdomains
    return labels[-1].isalpha()


def url_spans(text: str, *, without_protocol: bool = True) -> list[Span]:
    """Where the links are, as twitter-text's extractor finds them.

    Links with ``http(s)://`` need a valid host; links without one (X only)
    need an ASCII domain ending in a known TLD, and a bare ``name.cc`` on a
    country TLD needs a path.
    """
    patterns = _patterns()
    spans: list[Span] = []
    # Quick checks first: a link with a protocol holds "://", one without holds a
    # dot between a letter or digit and the letter that starts its last label.
    protocol = "://" in text
    bare = without_protocol and _DOTTED.search(text) is not None
    for match in patterns["url"].finditer(text) if protocol else ():
        host = match.group("host")
        if not match.group("path"):
            host = host.rstrip(".")
        if not _host_ok(host):
            continue
        url = _trim_url_end(text[match.start() : match.end()])
        spans.append((match.start(), match.start() + len(url)))
    if bare:
        for match in patterns["bare_url"].finditer(text):
            if any(start <= match.start() < end for start, end in spans):
                continue
            host = match.group("host")
            labels = host.lower().split(".")
            if labels[-1] not in TLDS:
                continue
            short = len(labels) == 2 and labels[-1] in CCTLDS - _SPECIAL_CCTLDS
            if short and not match.group("path"):
                continue
            url = _trim_url_end(match.group(0))
            spans.append((match.start(), match.start() + len(url)))
    return sorted(spans)


_DOTTED = re.compile(r"[A-Za-z0-9]\.[A-Za-z]")


def mention_spans(text: str) -> list[Span]:
    """Where the @mentions are (``@user`` and ``@user@domain``)."""
    if "@" not in text:
        return []
    return [match.span() for match in _patterns()["mention"].finditer(text)]


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
        return len(text)
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

    The text is NFC-normalised first; every URL counts 23; every emoji
    sequence (ZWJ, skin tone, flag, keycap) counts 2; other code points count
    1 or 2 by the ranges above. Source: twitter-text ``parseTweet`` with
    config v3; checked against its conformance/validate.yml cases in
    tests/test_platforms.py.
    """
    text = unicodedata.normalize("NFC", text)
    if text.isascii() and "." not in text and "://" not in text:
        return len(text)
    entities: dict[int, tuple[int, int]] = {}
    for start, end in url_spans(text):
        entities[start] = (end, URL_LENGTH * X_SCALE)
    for start, end in _emoji_spans(text):
        if not any(s <= start < e for s, (e, _) in entities.items()):
            entities.setdefault(start, (end, X_DEFAULT_WEIGHT))
    total = 0
    index = 0
    for start in sorted(entities):
        if start < index:
            continue  # inside the entity before it
        end, weight = entities[start]
        total += _x_weight(text, index, start) + weight
        index = end
    total += _x_weight(text, index, len(text))
    return total // X_SCALE


def mastodon_length(text: str) -> int:
    """Mastodon's StatusLengthValidator: graphemes, URLs as 23, remote mentions as @user.

    Source: mastodon/mastodon app/validators/status_length_validator.rb
    (``countable_text`` then ``each_grapheme_cluster.size``); URLs are only
    those with a protocol (``extract_url_without_protocol: false``).
    """
    pieces: list[str] = []
    last = 0
    entities = [
        (start, end, "x" * URL_LENGTH) for start, end in url_spans(text, without_protocol=False)
    ]
    for match in _patterns()["mention"].finditer(text) if "@" in text else ():
        if match.group("domain"):
            entities.append((match.start(), match.end(), "@" + match.group("user")))
    for start, end, replacement in sorted(entities):
        if start < last:
            continue  # overlapping entities: the first one wins, as in Extractor
        pieces.append(text[last:start])
        pieces.append(replacement)
        last = end
    pieces.append(text[last:])
    return grapheme_length("".join(pieces))


def threads_length(text: str) -> int:
    """Threads: characters, except that each emoji counts its UTF-8 bytes.

    Source: https://developers.facebook.com/docs/threads/posts (Limitations:
    "Text posts are limited to 500 characters. Emojis are counted as the number
    of UTF-8 bytes."). So 😀 counts 4, ❤️ counts 6 and a ZWJ family 25.
    """
    total = len(text)
    for start, end in _emoji_spans(text):
        total += len(text[start:end].encode("utf-8")) - (end - start)
    return total


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
    threads: bool = True  # replies chain into a thread; LinkedIn has no threads


PLATFORMS: dict[str, Platform] = {
    # https://www.linkedin.com/help/linkedin/answer/a528176 - 3,000 characters per post;
    # the composer is a browser textarea whose maxlength counts UTF-16 code units,
    # so an emoji outside the BMP or a math-bold letter counts 2. Good practice:
    # 3-5 hashtags (LinkedIn's own guidance on hashtags in posts).
    "linkedin": Platform(
        "linkedin",
        3000,
        utf16_length,
        "UTF-16 code units",
        LINKEDIN_FOLD_LINES,
        LINKEDIN_FOLD_CHARS,
        5,
        threads=False,
    ),
    # https://docs.x.com/fundamentals/counting-characters and twitter-text v3.
    # 280 for free accounts; paid accounts post up to 25,000 (use --limit).
    # X's own advice is one or two hashtags.
    "x": Platform("x", 280, x_length, "weighted characters (twitter-text v3)", None, None, 2),
    # https://docs.bsky.app/docs/advanced-guides/post-richtext - 300 graphemes
    # (the app.bsky.feed.post lexicon: maxGraphemes 300). The app shortens long
    # links in what it stores, so a post with a long URL may count a little less there.
    "bluesky": Platform("bluesky", 300, grapheme_length, "grapheme clusters", None, None, 3),
    # https://docs.joinmastodon.org/user/posting/#text - 500 by default (instances
    # choose their own: use --limit); status_length_validator.rb for the counting.
    "mastodon": Platform(
        "mastodon",
        500,
        mastodon_length,
        "grapheme clusters; URLs count 23; @user@domain counts as @user",
        None,
        None,
        5,
    ),
    # https://developers.facebook.com/docs/threads/posts - 500 characters, emoji by
    # UTF-8 bytes. Threads shows one topic tag per post, so one hashtag.
    "threads": Platform(
        "threads", 500, threads_length, "characters; emoji count their UTF-8 bytes", None, None, 1
    ),
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
        raise InputError(f"--limit must be between {MIN_LIMIT} and {MAX_LIMIT:,}, not {limit}")
    return limit


def overflow_index(text: str, platform: Platform, limit: int | None = None) -> int | None:
    """Where the text stops fitting: the end of the longest prefix within the limit.

    None when the whole text fits. The index is a grapheme boundary, so the
    cut never splits an emoji sequence or a letter from its marks.
    """
    limit = limit or platform.limit
    if platform.count(text) <= limit:
        return None
    bounds = [end for _, end in grapheme_spans(text)]
    low, high = 0, len(bounds) - 1  # find the last bound whose prefix fits
    best = 0
    while low <= high:
        middle = (low + high) // 2
        if platform.count(text[: bounds[middle]]) <= limit:
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
