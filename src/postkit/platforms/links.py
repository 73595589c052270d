"""Where the links are, found the way X and Mastodon find them.

Both platforms run twitter-text's extractor: X its JavaScript (the web
composer) and Java, Mastodon the Ruby gem with wider paths and more schemes
(``config/initializers/twitter_regex.rb``). This module follows that grammar::

    link   = [scheme "://"] domain [":" port] ["/" path] ["?" query]
    domain = (label ".")* name "." tld

* A link starts at the start of the text or after a character that is not an
  ASCII letter or digit, ``@``, ``＠``, ``$``, ``#`` or ``＃``.
* A label is a run of any characters but ASCII punctuation, spaces and
  direction marks (CJK included); a subdomain label may hold ``-`` and ``_``
  inside it, the name label only ``-``. The TLD is one of twitter-text's lists
  (``tlds.txt``) not followed by an ASCII letter or digit, ``@``, ``+`` or
  ``-``, or a punycode ``xn--`` label. So ``news.google`` and ``it.so`` are
  links; ``a.bc``, ``192.168.0.1`` and ``file.x`` are not.
* The path is the longest run of path characters (balanced parentheses
  allowed), cut back to its last character that may end a path (not ``.``,
  ``,``, ``!``...). On X path characters are ASCII, Cyrillic and accented
  Latin letters, so a link stops where Japanese text starts; on Mastodon
  anything but a space, ``<``, ``>``, a parenthesis or ``?``.
* A link without a scheme (X only) counts from the ASCII domains inside the
  matched domain (``詳細はexample.com`` links ``example.com``), with its path but
  without its port or query, and not after ``-``, ``_``, ``.`` or ``/``.
* ``t.co`` links end after their slug (at most 40 characters) and query; a
  link longer than 4,096 characters, or with a label longer than 63 once
  punycoded, is no link.

twitter-text finds links with one regular expression that backtracks from
every start inside a run of letters (quadratic on a long run of CJK text).
Here each run of domain characters is split at its dots once and the outcome
for each start inside it is read off tables, so finding links stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from postkit.patterns import lazy_regex

Span = tuple[int, int]
# Where a link starts, where its scheme ends (its start if none), where its domain ends.
Candidate = tuple[int, int, int]

# What never belongs to a domain: ASCII punctuation as twitter-text lists it
# (not '"' nor '`'), spaces, the characters it calls invalid, direction marks.
_PUNCTUATION = "!'#%&()*+,\\-./:;<=>?@[]^_{|}~$"
_SPACES = "\t\n\x0b\x0c\r \x85\xa0\u1680\u180e" + "".join(map(chr, range(0x2000, 0x200B)))
_SPACES += "\u2028\u2029\u202f\u205f\u3000"
_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a\u202b\u202c\u202d\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
NOT_DOMAIN = frozenset(_PUNCTUATION + _SPACES + _INVALID + _DIRECTIONAL)
# The Ruby gem (Mastodon) keeps '"', '`' and control characters out of domains too.
_RUBY_NOT_DOMAIN = NOT_DOMAIN | frozenset('"`\x7f' + "".join(map(chr, range(0x20))))
# A link may not start right after one of these (twitter-text validUrlPrecedingChars).
_BAD_BEFORE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@＠$#＃" + _INVALID
)
_INNER = "-_"  # inside a label, never at either end

# twitter-text's latinAccentChars and Cyrillic: letters its paths and ASCII domains take.
_LATIN = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259"
    "\u025b\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"
_DASHES = (  # \p{Pd}
    "\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40"
    "\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d"
)
_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Mastodon's query characters add every non-ASCII letter (its UCHARS).
_UCHARS = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
    "\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
    "\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd"
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)
MAX_URL_LENGTH = 4096  # twitter-text: longer is no link (what t.co accepts)
MAX_TCO_SLUG = 40
MAX_LABEL = 63  # DNS: a label's length once punycoded


def _class(chars: str) -> str:
    return "".join("\\" + char if char in "\\]^-[" else char for char in chars)


@dataclass(frozen=True)
class Tlds:
    """twitter-text's top-level domains (``tlds.txt``), by kind."""

    generic: frozenset[str]
    country: frozenset[str]
    names: frozenset[str]  # both
    wide: tuple[tuple[int, frozenset[str]], ...]  # non-ASCII TLDs: (length, names), longest first
    wide_first: frozenset[str]  # the first letters of the non-ASCII TLDs


@cache
def tlds() -> Tlds:
    """The TLD lists shipped in ``tlds.txt`` (see its header for source and date)."""
    # Imported here: importlib.resources costs start-up time that a post without
    # a dotted word never needs.
    from importlib.resources import files

    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    text = files("postkit.platforms").joinpath("tlds.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), set())
        elif current is not None:
            current.add(line)
    generic = frozenset(sections["generic"])
    country = frozenset(sections["country-code"])
    wide: list[tuple[int, frozenset[str]]] = []
    # twitter-text tries generic names before country codes, longest first.
    for names in (generic, country):
        lengths = sorted({len(name) for name in names if not name.isascii()}, reverse=True)
        wide += [
            (size, frozenset(n for n in names if len(n) == size and not n.isascii()))
            for size in lengths
        ]
    first = frozenset(name[0] for _, names in wide for name in names)
    return Tlds(generic, country, generic | country, tuple(wide), first)


@dataclass(frozen=True)
class LinkRules:
    """How one platform's extractor differs from twitter-text's own."""

    name: str
    schemes: tuple[str, ...]
    bare: bool  # links without a scheme are links (X)
    path_char: str  # a character class, without brackets
    path_end: str  # the characters a path may end with
    query_char: str
    query_end: str
    valid: Callable[[str, str, str], bool]  # (link, scheme, domain): twitter-text's check
    not_domain: frozenset[str] = NOT_DOMAIN  # the characters a domain never holds
    # Mastodon checks a t.co link once cut after its slug; X checks it whole.
    valid_after_tco: bool = False
    paren_end: str = ""  # Mastodon: what a "(...)" group ending a path must be made of

    def pattern(self, name: str) -> re.Pattern[str]:
        """One of this platform's compiled patterns."""
        return _rule_patterns()[self.name][name]


def _compile(rules: LinkRules) -> dict[str, re.Pattern[str]]:
    # A run of domain characters with at least one dot, taken only from its
    # start (the lookbehind), possessively: linear on any run.
    run = _class("".join(sorted(rules.not_domain - set(".-_"))))
    return {
        "dotted_run": re.compile(f"(?<![^{run}])[^{run}.]*+(?:\\.[^{run}.]*+)++"),
        "scheme": re.compile("(?:" + "|".join(rules.schemes) + ")://", re.IGNORECASE),
        "path": re.compile(f"[{rules.path_char}]*"),
        "path_end": re.compile(f"[{rules.path_end}]"),
        "query": re.compile(f"[{rules.query_char}]*"),
        "query_end": re.compile(f"[{rules.query_end}]"),
        "paren_end": re.compile(f"[{rules.paren_end or rules.path_char}]*"),
    }


@cache
def _rule_patterns() -> dict[str, dict[str, re.Pattern[str]]]:
    return {rules.name: _compile(rules) for rules in (X_LINKS, MASTODON_LINKS)}


_port = lazy_regex(r":[0-9]+")
_ascii_alnum = lazy_regex(r"[0-9A-Za-z]*")
_punycode = lazy_regex(r"(?i:xn--)[-0-9A-Za-z]+")
_tco = lazy_regex(r"(?i:https?://t\.co/)([0-9A-Za-z]+)")
_ascii_label = lazy_regex(f"[-0-9A-Za-z{_LATIN}]")


def find_links(text: str, rules: LinkRules) -> list[Span]:
    """Where the links in ``text`` are, as ``rules``' platform finds them (code points)."""
    return link_spans(text, rules)[0]


def link_spans(text: str, rules: LinkRules) -> tuple[list[Span], frozenset[int]]:
    """The links, and the ends of those that stop halfway through a character.

    twitter-text counts a link's length in UTF-16 units from where it starts;
    a link without a scheme that takes its path along can so end between the
    two halves of a character outside the BMP (an emoji), which X then counts
    as a link and one more character. Such a link's span takes the whole
    character, and its end is in the second set.
    """
    # twitter-text's own quick checks: no link without a dot (or, without bare
    # links, a colon).
    if "." not in text or (not rules.bare and ":" not in text):
        return [], frozenset()
    finder = _Finder(text, rules)
    return finder.links(), frozenset(finder.halves)


class _Run:
    """A run of domain characters holding a dot, split at its dots once.

    For a start inside segment ``i`` the domain is found from tables: how many
    labels after it can be subdomain labels, and the last label before a TLD
    that can be the name label.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.starts: list[int] = []
        self.ends: list[int] = []
        position = start
        while True:
            dot = text.find(".", position, end)
            stop = end if dot < 0 else dot
            self.starts.append(position)
            self.ends.append(stop)
            if dot < 0:
                break
            position = dot + 1
        last = len(self.starts) - 1
        self.last = last
        self.sub_ok = [self._label_ok(k) for k in range(last + 1)]
        self.underscore = [text.rfind("_", self.starts[k], self.ends[k]) for k in range(last + 1)]
        self.tld_end = [_tld_end(text, self.starts[k]) for k in range(last + 1)]
        # next_bad[k]: the first label from k on that cannot be a subdomain label.
        self.next_bad = [last + 1] * (last + 2)
        for k in range(last, -1, -1):
            self.next_bad[k] = k if not self.sub_ok[k] else self.next_bad[k + 1]
        # best[k]: the last label up to k that can be the name label before a TLD.
        self.best = [-1] * (last + 1)
        for k in range(last + 1):
            good = (
                k < last
                and self.sub_ok[k]
                and self.underscore[k] < 0
                and self.tld_end[k + 1] is not None
            )
            self.best[k] = k if good else (self.best[k - 1] if k else -1)

    def _label_ok(self, index: int) -> bool:
        first, stop = self.starts[index], self.ends[index]
        return stop > first and self.text[first] not in _INNER and self.text[stop - 1] not in _INNER

    def segment(self, position: int) -> int:
        return bisect_left(self.ends, position) if position <= self.end else self.last

    def _name(self, index: int) -> int:
        """The name label for a domain starting in label ``index`` (if not that one)."""
        # Subdomain labels are taken greedily, then given back one at a time
        # until a name label followed by a TLD is found.
        reach = min(self.last, self.next_bad[index + 1]) - index
        return self.best[index + reach]

    def _ends_well(self, index: int) -> bool:
        first, stop = self.starts[index], self.ends[index]
        return index < self.last and stop > first and self.text[stop - 1] not in _INNER

    def domain_end(self, start: int) -> int | None:
        """Where the domain that starts at ``start`` ends, or None when none starts there."""
        index = self.segment(start)
        if start >= self.ends[index] or self.text[start] in _INNER or not self._ends_well(index):
            return None
        name = self._name(index)
        if name > index:
            return self.tld_end[name + 1]
        if start > self.underscore[index]:  # the name label holds no "_"
            return self.tld_end[index + 1]
        return None

    def first_start(self, low: int) -> tuple[int, int] | None:
        """The first start at or after ``low`` where a domain is found: (start, end).

        Within a label the outcome depends on the start only through the
        name label's rule (no "_"), so each label is decided once, and only
        then are its characters looked at for a start twitter-text allows.
        """
        text = self.text
        for index in range(self.segment(max(low, self.start)), self.last):
            if not self._ends_well(index):
                continue
            name = self._name(index)
            floor = max(low, self.starts[index])
            if name > index:
                end = self.tld_end[name + 1]
            else:
                end = self.tld_end[index + 1]
                floor = max(floor, self.underscore[index] + 1)
            if end is None:
                continue
            for start in range(floor, self.ends[index]):
                if text[start] not in _INNER and _may_start(text, start):
                    return start, end
        return None


def _may_start(text: str, index: int) -> bool:
    """True when a link may start at ``index`` for the character before it.

    twitter-text works in UTF-16: a character outside the BMP is two code
    units, and a link may start at its second one, after its first (never a
    letter). So a link may start at such a character whatever precedes it.
    """
    return index == 0 or text[index - 1] not in _BAD_BEFORE or _astral(text[index])


def _astral(char: str) -> bool:
    return ord(char) > 0xFFFF


def _tld_end(text: str, start: int) -> int | None:
    """The end of a TLD that starts at ``start``, or None (twitter-text's lookahead included)."""
    if start >= len(text):
        return None
    known = tlds()
    if text[start].isascii():
        end = _ascii_alnum().match(text, start).end()  # type: ignore[union-attr]
        if end > start and text[start:end].lower() in known.names and not _ascii_after(text, end):
            return end
        punycode = _punycode().match(text, start)
        return punycode.end() if punycode else None
    if text[start].lower() not in known.wide_first:
        return None
    for size, names in known.wide:
        candidate = text[start : start + size]
        found = len(candidate) == size and candidate.lower() in names
        if found and not _ascii_after(text, start + size):
            return start + size
    return None


def _ascii_after(text: str, index: int) -> bool:
    """True when a TLD ending here is continued: an ASCII letter or digit, @, + or -."""
    return index < len(text) and (
        (text[index].isascii() and text[index].isalnum()) or text[index] in "@+-"
    )


class _Finder:
    """One pass over a text, in the order twitter-text's regular expression takes it."""

    def __init__(self, text: str, rules: LinkRules) -> None:
        self.text = text
        self.rules = rules
        runs = rules.pattern("dotted_run").finditer(text)
        self.runs = [(match.start(), match.end()) for match in runs]
        self.run_starts = [start for start, _ in self.runs]
        self.cache: dict[int, _Run] = {}
        self.last = 0
        self.halves: set[int] = set()
        self.schemes = [
            (match.start(), match.end()) for match in rules.pattern("scheme").finditer(text)
        ]

    def run(self, index: int) -> _Run:
        found = self.cache.get(index)
        if found is None:
            start, end = self.runs[index]
            found = self.cache[index] = _Run(self.text, start, end)
        return found

    def links(self) -> list[Span]:
        links: list[Span] = []
        last = 0  # like the regular expression's lastIndex: nothing before it is looked at again
        scheme: Candidate | None = None
        bare: Candidate | None = None
        scheme_index = run_index = 0
        while True:
            # The character before a link is at or after ``last``: the first
            # half of a character outside the BMP can be it (see _may_start).
            low = last + (0 if not last or _astral(self.text[last : last + 1] or "a") else 1)
            if scheme is None or scheme[0] < low:
                scheme, scheme_index = self._next_scheme(scheme_index, low)
            if bare is None or bare[0] < low:
                bare, run_index = self._next_bare(run_index, low)
            found = [candidate for candidate in (scheme, bare) if candidate is not None]
            if not found:
                return links
            self.last = last
            last = self._accept(links, *min(found, key=_order))

    def _next_scheme(self, index: int, low: int) -> tuple[Candidate | None, int]:
        """The next link with a scheme from the ``index``-th scheme on, and its index."""
        text = self.text
        while index < len(self.schemes):
            start, end = self.schemes[index]
            if start >= low and _may_start(text, start):
                run = bisect_left(self.run_starts, end)
                if run < len(self.runs) and self.run_starts[run] == end:
                    found = self.run(run).domain_end(end)
                    if found is not None:
                        return (start, end, found), index
            index += 1  # a scheme that starts no link never will
        return None, index

    def _next_bare(self, index: int, low: int) -> tuple[Candidate | None, int]:
        """The next domain without a scheme from the ``index``-th run on, and its run."""
        while index < len(self.runs):
            if self.runs[index][1] > low:
                run = self.run(index)
                found = run.first_start(low)
                if found is not None:
                    start, end = found
                    # At the very start twitter-text tries "after the first
                    # character" before "at the first character".
                    first = self.text[0]
                    if start == 0 and first not in _BAD_BEFORE and not _astral(first):
                        second = run.first_start(1)
                        if second is not None and second[0] == 1:
                            start, end = second
                    return (start, start, end), index
            index += 1  # a run with no domain after ``low`` has none later either
        return None, index

    def _accept(self, links: list[Span], start: int, scheme_end: int, domain_end: int) -> int:
        """Take the link found at ``start`` (or drop it, as twitter-text does); its end."""
        text = self.text
        end, has_path = self._tail(domain_end)
        domain = text[scheme_end:domain_end]
        scheme = text[start:scheme_end]
        if scheme:
            tco = _tco().match(text, start, end)
            if tco is not None:
                if len(tco.group(1)) > MAX_TCO_SLUG:
                    return end
                stop = tco.end()
                if stop < end and text[stop] == "?":
                    query = self._query_end(stop + 1, end)
                    stop = query if query > stop + 1 else stop
                end_link = stop
            else:
                end_link = end
            checked = text[start : end_link if self.rules.valid_after_tco else end]
            if self.rules.valid(checked, scheme, domain):
                links.append((start, end_link))
            return end
        # After "-", "_", "." or "/" a domain is no link; a domain starting
        # right where the last match ended starts inside a character outside
        # the BMP, after its first half (see _may_start).
        after = text[start - 1] if start and start != self.last else ""
        if not self.rules.bare or after in ("-", "_", ".", "/"):
            return end
        if not self.rules.valid(text[start:end], "https://", domain):
            return end
        found = ascii_domains(domain)
        # The last one takes the path and query along: its link is the ASCII
        # domain and everything after the domain, and parseTweet counts that
        # many characters from where the ASCII domain starts.
        for index, (first, stop) in enumerate(found):
            if index == len(found) - 1 and has_path:
                links.append(self._with_path(start + first, domain[first:stop], domain_end, end))
            else:
                links.append((start + first, start + stop))
        return end

    def _with_path(self, start: int, domain: str, domain_end: int, end: int) -> Span:
        """The span parseTweet skips for ``domain`` plus the text after the domain:
        that many UTF-16 units from ``start`` (usually to ``end``)."""
        text = self.text
        units = _utf16(domain) + _utf16(text[domain_end:end])
        position = start
        while units > 0 and position < len(text):
            units -= 2 if _astral(text[position]) else 1
            position += 1
        if units < 0:
            self.halves.add(position)
        return start, position

    def _tail(self, domain_end: int) -> tuple[int, bool]:
        """The end of the link after its domain: port, path, query; and if it has a path."""
        text = self.text
        end = domain_end
        port = _port().match(text, end)
        if port is not None:
            end = port.end()
        has_path = text.startswith("/", end)
        if has_path:
            end = self._path_end(end + 1)
        if text.startswith("?", end):
            query = self._query_end(end + 1, len(text))
            if query > end + 1:
                end = query
        return end, has_path

    def _path_end(self, start: int) -> int:
        text = self.text
        chars = self.rules.pattern("path")
        groups: list[Span] = []
        position = start
        while True:
            position = chars.match(text, position).end()  # type: ignore[union-attr]
            if not text.startswith("(", position):
                break
            group = self._parens(position)
            if group is None:
                break
            groups.append((position, group))
            position = group
        # Cut back to the last character a path may end with, or a "(...)" group.
        ending = self.rules.pattern("path_end")
        while position > start:
            if text[position - 1] == ")" and groups and groups[-1][1] == position:
                first, _ = groups.pop()
                if self._closing_group(first, position):
                    break
                position = first
                continue
            if ending.match(text, position - 1):
                break
            position -= 1
        return position

    def _parens(self, start: int) -> int | None:
        """The end of a balanced "(...)" group (one nested level) at ``start``, or None."""
        text = self.text
        chars = self.rules.pattern("path")
        inner = chars.match(text, start + 1).end()  # type: ignore[union-attr]
        if text.startswith(")", inner) and inner > start + 1:
            return inner + 1
        if not text.startswith("(", inner):
            return None
        nested = chars.match(text, inner + 1).end()  # type: ignore[union-attr]
        if nested == inner + 1 or not text.startswith(")", nested):
            return None
        after = chars.match(text, nested + 1).end()  # type: ignore[union-attr]
        return after + 1 if text.startswith(")", after) else None

    def _closing_group(self, start: int, end: int) -> bool:
        """True when a final "(...)" group may end the path.

        On X any group may; Mastodon's path-ending rule still embeds
        twitter-text's own group, made of twitter-text's path characters.
        """
        if not self.rules.paren_end:
            return True
        inner = self.rules.pattern("paren_end")
        body = self.text[start + 1 : end - 1].replace("(", "").replace(")", "")
        return inner.fullmatch(body) is not None

    def _query_end(self, start: int, limit: int) -> int:
        text = self.text
        position = self.rules.pattern("query").match(text, start, limit).end()  # type: ignore[union-attr]
        ending = self.rules.pattern("query_end")
        while position > start and not ending.match(text, position - 1):
            position -= 1
        return position


def _order(candidate: Candidate) -> tuple[int, int]:
    """The order twitter-text tries starts in: 1, then 0, then 2, 3...; a scheme first."""
    start, scheme_end, _ = candidate
    rank = 3 if start == 0 else 2 * start
    return rank, 0 if scheme_end > start else 1


def ascii_domains(domain: str) -> list[Span]:
    """The ASCII (and accented Latin) domains inside a domain, as twitter-text takes them.

    ``(label ".")+ tld``, where a label is letters, digits, ``-`` and accented
    Latin letters and may start anywhere; searched from the left, each match
    taking as many labels as still end before a TLD.
    """
    if "." not in domain:
        return []
    if _plain(domain):
        return [(0, len(domain))]  # all of it: the extractor found it ending in a TLD
    label = _ascii_label()
    pieces = domain.split(".")
    starts, position = [], 0
    for piece in pieces:
        starts.append(position)
        position += len(piece) + 1
    last = len(pieces) - 1
    # suffix[k]: where the run of label characters ending segment k starts.
    suffix = []
    for k, piece in enumerate(pieces):
        cut = len(piece)
        while cut and label.match(piece, cut - 1):
            cut -= 1
        suffix.append(starts[k] + cut)
    whole = [bool(piece) and suffix[k] == starts[k] for k, piece in enumerate(pieces)]
    tld = [_tld_end(domain, starts[k]) for k in range(last + 1)]
    next_bad = [last + 1] * (last + 2)
    for k in range(last, -1, -1):
        next_bad[k] = k if not whole[k] else next_bad[k + 1]
    best = [-1] * (last + 1)
    for k in range(last + 1):
        best[k] = k if k < last and tld[k + 1] is not None else (best[k - 1] if k else -1)
    found: list[Span] = []
    resume = 0
    for k in range(last):
        ends = starts[k] + len(pieces[k])
        first = max(resume, suffix[k])
        if first >= ends:
            continue
        reach = min(last, next_bad[k + 1]) - k
        name = best[k + reach - 1] if reach else -1
        if name >= k:
            stop = tld[name + 1]
            assert stop is not None
            # twitter-text places each match with indexOf from the end of the
            # one before: the first copy of the same text, not always this one.
            placed = domain.find(domain[first:stop], found[-1][1] if found else 0)
            found.append((placed, placed + stop - first))
            resume = stop
    return found


# ---------------------------------------------------------------- validity


def _plain(domain: str) -> bool:
    """True for a domain of ASCII letters, digits and "-" only, no label empty."""
    return (
        domain.isascii()
        and domain.replace("-", "a").replace(".", "a").isalnum()
        and all(domain.split("."))
    )


def _utf16(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _punycode_length(label: str) -> int:
    """The length of ``label`` as node's punycode.toASCII writes it (what twitter-text checks)."""
    parts = re.split("[.\u3002\uff0e\uff61]", label)
    size = len(parts) - 1
    for part in parts:
        if part.isascii():
            size += len(part)
        else:
            try:
                size += 4 + len(part.encode("punycode"))
            except UnicodeError:
                return 0
    return size


def x_valid(link: str, scheme: str, domain: str) -> bool:
    """twitter-text (JavaScript) isValidUrl: every label 1-63 once punycoded, 4,096 at most."""
    if _utf16(scheme) + _utf16(link) > MAX_URL_LENGTH:
        return False
    if domain.startswith("xn--") and not ascii_domains(domain):
        return False  # a punycode label cannot hold non-ASCII letters
    labels = domain.split(".")
    if domain.isascii():
        return all(1 <= len(label) <= MAX_LABEL for label in labels)
    for label in labels:
        # A label that long cannot fit in 63 however it is written.
        if len(label) > MAX_LABEL or not 1 <= _punycode_length(label) <= MAX_LABEL:
            return False
    return True


def mastodon_valid(link: str, scheme: str, domain: str) -> bool:
    """twitter-text (Ruby) is_valid_domain: the domain through IDNA, the link 4,096 at most."""
    if len(link) > MAX_URL_LENGTH:
        return False  # the domain would only make it longer
    try:
        encoded = domain.encode("idna")  # IDNA 2003 ToASCII, as libidn's that Mastodon calls
    except UnicodeError:
        return False
    return len(link) + max(0, len(encoded) - len(domain)) <= MAX_URL_LENGTH


X_LINKS = LinkRules(
    name="x",
    schemes=("https?",),
    bare=True,
    path_char=f"A-Za-z0-9{_CYRILLIC}{_LATIN}!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&",
    path_end=f"+\\-A-Za-z0-9{_CYRILLIC}{_LATIN}=_#/",
    query_char="A-Za-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|",
    query_end="A-Za-z0-9\\-_&=#/",
    valid=x_valid,
)
MASTODON_LINKS = LinkRules(
    name="mastodon",
    schemes=("https?", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "gemini"),
    bare=False,
    path_char=f"^{_WHITE_SPACE}<>()?",
    path_end=f"^{_WHITE_SPACE}()?!*\"'「」<>;:=,.$%\\[\\]~&|@",
    query_char=f"A-Za-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@\\^{_UCHARS}",
    query_end=f"A-Za-z0-9_&=#/\\-{_UCHARS}",
    valid=mastodon_valid,
    valid_after_tco=True,
    not_domain=_RUBY_NOT_DOMAIN,
    # The gem's own path characters: X's, with every dash (\p{Pd}) and all of Cyrillic.
    paren_end=X_LINKS.path_char + _DASHES + "\u0500-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
)
