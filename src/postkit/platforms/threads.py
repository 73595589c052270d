"""Splitting a post that is over its platform's limit into a numbered thread.

A line holding only ``---`` is a manual break (templates and pages use it).
Each piece between manual breaks that is still too long is split at
paragraphs, then lines, then sentences, then words; only a single word longer
than a whole part is cut between grapheme clusters, and even then a URL, an
@mention or a #hashtag stays whole when it fits a part on its own.

Numbering (`` 1/3`` after the text by default) is counted inside the limit,
with the platform's own counting, so every numbered part fits.

:func:`measure` is postkit's one definition of a post's length, used by
drafting, ``check``, ``thread``, batch and every JSON shape.
"""
# No "from __future__ import annotations": the fields of a NamedTuple written as
# strings become ForwardRefs, each compiled when the module is imported.

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, NamedTuple

from postkit.errors import InputError, NoThreadsError, SettingError
from postkit.model import NUMBERINGS, PART_SEPARATOR, Numbering
from postkit.platforms.rules import PLATFORMS, Platform, check_limit, get_platform
from postkit.platforms.spans import grapheme_spans, hashtag_spans, mention_spans, url_spans

Counter = Callable[[str], int]

# Splitting counts each candidate part afresh (O(text x part)): 100,000 accented
# letters took over 30 s on Mastodon. Past this many parts no one posts a thread.
MAX_THREAD_PARTS = 20


@cache
def _patterns() -> dict[str, Any]:
    import regex

    return {
        "manual": regex.compile(r"^[ \t]*---[ \t]*$", regex.MULTILINE),
        # Each pattern matches the whitespace a piece ends with; the cut is after it.
        "levels": (
            regex.compile(r"\n[ \t]*\n\s*"),  # paragraphs
            regex.compile(r"\n\s*"),  # lines (list items)
            regex.compile(r"(?<=[.!?…。！？][\"'”’)\]]*)\s+"),  # sentences
            regex.compile(r"\s+"),  # words
        ),
    }


# A NamedTuple, not a dataclass: this class is created at every start-up, and
# creating a frozen dataclass costs ten times as much (about 0.5 ms on Python 3.11).
class Length(NamedTuple):
    """How long a post is on its platform: the whole, and each part of a thread."""

    total: int
    parts: tuple[int, ...]


def published(text: str) -> str:
    """A post as it is published: without the line breaks a file or the CLI ends it with
    (LF, or CR LF from a file written on Windows)."""
    return text.rstrip("\r\n")


def measure(post: str | Sequence[str], platform: Platform | str) -> Length:
    """The length of a post, the one definition postkit uses everywhere.

    A post (a ``str``) measures the platform's count of its text as published
    (:func:`published`): the newline that ``postkit draft`` prints after it or
    that ends a file is not part of it. A thread (a sequence of parts) is
    published part by part, so each part is counted on its own, number
    included, and the thread's length is the sum of its parts.
    """
    if isinstance(platform, str):
        platform = get_platform(platform)
    pieces = [post] if isinstance(post, str) else post
    sizes = tuple(platform.count(published(piece)) for piece in pieces)
    return Length(sum(sizes), sizes)


def manual_pieces(text: str) -> list[str]:
    """The text cut at its ``---`` lines (the lines themselves dropped)."""
    return [text[start:end] for start, end in manual_spans(text)]


def manual_spans(text: str) -> list[tuple[int, int]]:
    """Where each piece between ``---`` lines is, without its outer whitespace."""
    spans = []
    last = 0
    for match in [*_patterns()["manual"].finditer(text), None]:
        stop = match.start() if match else len(text)
        piece = text[last:stop]
        if piece.strip():
            start = last + len(piece) - len(piece.lstrip())
            spans.append((start, start + len(piece.strip())))
        last = match.end() if match else stop
    return spans


def has_manual_breaks(text: str) -> bool:
    """True when the text holds a ``---`` line."""
    return _patterns()["manual"].search(text) is not None


def parse_numbering(value: str) -> Numbering:
    """A --numbering value, or a one-line InputError."""
    for choice in NUMBERINGS:
        if value == choice:
            return choice
    raise SettingError("numbering", f"{value!r} is not one of {', '.join(NUMBERINGS)}")


def number(part: str, index: int, total: int, numbering: Numbering) -> str:
    """A part with its `` 1/3`` (suffix), ``1/3 `` (prefix) or nothing."""
    if numbering == "suffix":
        return f"{part} {index}/{total}"
    if numbering == "prefix":
        return f"{index}/{total} {part}"
    return part


def split_thread(
    text: str,
    platform: Platform | str,
    *,
    limit: int | None = None,
    numbering: Numbering = "suffix",
) -> tuple[str, ...]:
    """The post as the parts of a thread, each within the limit once numbered.

    A text that fits and has no ``---`` line comes back whole, unnumbered.
    On a platform without threads (LinkedIn) the text always comes back whole:
    ``---`` is a divider there, and an over-long post has to be shortened.
    """
    if isinstance(platform, str):
        platform = get_platform(platform)
    numbering = parse_numbering(numbering)
    limit = limit or platform.limit
    count = platform.fits(limit)  # every limit that can refuse a part (Bluesky: bytes too)
    text = text.strip()
    if not platform.threads:
        return (text,) if text else ()
    pieces = manual_pieces(text)
    if len(pieces) <= 1 and count(text) <= limit:
        return (text,) if text else ()
    total_guess = max(len(pieces), 2)
    reserve = 0
    for _ in range(8):
        widest = number("", total_guess, total_guess, numbering)
        budget = limit - count(widest) - reserve
        if budget < 1:
            raise InputError(f"a limit of {limit} leaves no room for the text of a part")
        parts = [part for piece in pieces for part in pack(piece, budget, count)]
        total = len(parts)
        if len(str(total)) > len(str(total_guess)):
            total_guess = total
            continue
        numbered = tuple(
            number(part, index, total, numbering) for index, part in enumerate(parts, 1)
        )
        if all(count(part) <= limit for part in numbered):
            return numbered
        reserve += 1  # counting is not additive everywhere (an emoji beside the number)
    return numbered


class Thread(NamedTuple):  # a NamedTuple for the reason Length is one
    """A text of the user's own split into a thread (``postkit thread``)."""

    platform: str
    limit: int
    parts: tuple[str, ...]
    length: Length  # :func:`measure` of the parts

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``postkit thread --format json`` (documented; keep it stable)."""
        return {
            "platform": self.platform,
            "limit": self.limit,
            "length": self.length.total,
            "parts": list(self.parts),
            "part_lengths": list(self.length.parts),
        }


def thread_from_text(
    text: str,
    platform: Platform | str,
    *,
    limit: int | None = None,
    numbering: Numbering = "suffix",
) -> Thread:
    """Any text as a thread, split by :func:`split_thread` (what drafting uses).

    ``---`` lines stay breaks. Parts numbered as postkit numbers them (a
    thread ``postkit draft`` printed) lose their numbers first and get
    ``numbering`` again, so splitting a thread twice changes nothing.
    """
    if isinstance(platform, str):
        platform = get_platform(platform)
    if not platform.threads:
        raise NoThreadsError(platform.name, [name for name, p in PLATFORMS.items() if p.threads])
    limit = check_limit(limit) or platform.limit
    body = published(text)
    if not body.strip():
        raise InputError("nothing to split: the text is empty")
    size = platform.fits(limit)(body)
    if size > limit * MAX_THREAD_PARTS:
        raise InputError(
            f"the text is {size:,} / {limit:,} on {platform.name}: "
            f"more than a thread of {MAX_THREAD_PARTS} parts; shorten it"
        )
    pieces = manual_pieces(body)
    bare = unnumber(pieces)
    if bare is not None:
        body = PART_SEPARATOR.join(bare)
    parts = split_thread(body, platform, limit=limit, numbering=numbering)
    return Thread(platform.name, limit, parts, measure(parts, platform))


def unnumber(parts: Sequence[str]) -> tuple[str, ...] | None:
    """The parts without the numbers :func:`number` gave them, or None if it gave none.

    Only parts numbered ``1/N`` to ``N/N`` in order, all at the end or all at
    the start, with N the number of parts, count as numbered.
    """
    total = len(parts)
    if total < 2:
        return None
    suffixes = [number("", index, total, "suffix") for index in range(1, total + 1)]
    bare = [part.removesuffix(mark) for part, mark in zip(parts, suffixes, strict=True)]
    if all(part != rest and rest.strip() for part, rest in zip(parts, bare, strict=True)):
        return tuple(bare)
    prefixes = [number("", index, total, "prefix") for index in range(1, total + 1)]
    bare = [part.removeprefix(mark) for part, mark in zip(parts, prefixes, strict=True)]
    if all(part != rest and rest.strip() for part, rest in zip(parts, bare, strict=True)):
        return tuple(bare)
    return None


def pack(text: str, budget: int, count: Counter) -> list[str]:
    """Greedy parts of at most ``budget`` (counted stripped), cut at the coarsest level."""
    raw = _pack(text, budget, count, 0)
    return [part.strip() for part in raw if part.strip()]


def _pack(text: str, budget: int, count: Counter, level: int) -> list[str]:
    """Parts whose concatenation is exactly ``text``; each fits once stripped."""
    if count(text.strip()) <= budget:
        return [text]
    pieces = _pieces(text, level)
    if len(pieces) == 1:
        return _pack(text, budget, count, level + 1) if level < _LAST_LEVEL else pieces
    parts: list[str] = []
    current = ""
    for piece in pieces:
        if count((current + piece).strip()) <= budget:
            current += piece
            continue
        if current.strip():
            parts.append(current)
        elif current:
            piece = current + piece
        if count(piece.strip()) <= budget or level >= _LAST_LEVEL:
            current = piece
        else:
            sub = _pack(piece, budget, count, level + 1)
            parts.extend(sub[:-1])
            current = sub[-1]
    if current:
        parts.append(current)
    return parts


_LAST_LEVEL = 5  # 0-3: the patterns above; 4: atoms; 5: grapheme clusters


def _pieces(text: str, level: int) -> list[str]:
    """The text cut after each separator of this level.

    Level 4 cuts between graphemes but keeps URLs, mentions and hashtags
    whole; level 5 (only for one of those that is longer than a part on its
    own) cuts between any two graphemes.
    """
    if level == 4:
        return _atoms(text)
    if level >= _LAST_LEVEL:
        return [text[start:end] for start, end in grapheme_spans(text)]
    cuts = [match.end() for match in _patterns()["levels"][level].finditer(text)]
    cuts = [cut for cut in cuts if 0 < cut < len(text)]
    pieces: list[str] = []
    last = 0
    for cut in cuts:
        pieces.append(text[last:cut])
        last = cut
    pieces.append(text[last:])
    return [piece for piece in pieces if piece]


def _atoms(word: str) -> list[str]:
    """Grapheme clusters, except that each URL, @mention and #hashtag is one atom."""
    protected = sorted(
        url_spans(word) + mention_spans(word) + hashtag_spans(word), key=lambda span: span
    )
    atoms: list[str] = []
    position = 0
    for start, end in grapheme_spans(word):
        if end <= position:
            continue
        if start < position:  # an entity that ends inside a grapheme cluster takes all of it
            atoms[-1] += word[position:end]
            position = end
            continue
        entity = next((span for span in protected if span[0] <= start < span[1]), None)
        if entity is not None:
            atoms.append(word[start : entity[1]])
            position = entity[1]
        else:
            atoms.append(word[start:end])
            position = end
    return atoms
