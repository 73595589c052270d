"""``postkit check``'s core: lint a post for a platform before publishing.

Each finding is a :class:`Problem` with a stable ``code``, a ``severity``
(``error`` fails the check, ``warning`` does not), a message for the user and
the span it is about, as ``start``/``end`` offsets in code points of the text
(``end`` exclusive), so an editor can highlight it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from postkit import emoji_forms
from postkit.model import Numbering
from postkit.platforms.rules import Platform, check_limit, fold_index, get_platform, overflow_index
from postkit.platforms.spans import hashtag_spans
from postkit.platforms.threads import (
    MAX_THREAD_PARTS,
    has_manual_breaks,
    manual_pieces,
    manual_spans,
    measure,
    published,
    split_thread,
)

Severity = Literal["error", "warning"]

# Every code check can report, with its severity. Keep codes stable: scripts match on them.
CODES: dict[str, Severity] = {
    "empty": "error",
    "too-long": "error",
    "too-long-for-api": "warning",
    "too-long-in-app": "warning",
    "hook-below-fold": "warning",
    "mojibake": "error",
    "lone-surrogate": "error",
    "lone-zwj": "error",
    "lone-regional-indicator": "error",
    "stray-variation-selector": "warning",
    "unqualified-emoji": "warning",
    "template-syntax": "error",
    "shortcode": "error",
    "placeholder": "error",
    "markdown": "warning",
    "too-many-hashtags": "warning",
    "math-letters": "warning",
    "trailing-whitespace": "warning",
}

ZWJ = "\u200d"
VS16 = "\ufe0f"


@dataclass(frozen=True)
class Problem:
    """One finding, about ``text[start:end]``."""

    code: str
    severity: Severity
    message: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Count:
    """A post's length by one more of its platform's measures (rules.Measure)."""

    name: str
    counting: str
    length: int  # the text as written (a thread: the sum of its parts)
    limit: int
    binding: bool  # True: the platform refuses a post over this limit
    part_lengths: tuple[int, ...] = ()  # each of the result's ``parts``

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "counting": self.counting,
            "length": self.length,
            "limit": self.limit,
            "binding": self.binding,
            "part_lengths": list(self.part_lengths),
        }


@dataclass(frozen=True)
class CheckResult:
    """What ``check_post`` found about a text on a platform."""

    platform: str
    text: str
    length: int  # threads.measure of the text as written (a thread: the sum of its parts)
    limit: int
    fold: int | None
    parts: tuple[str, ...]
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    part_lengths: tuple[int, ...] = ()  # threads.measure of each of ``parts``
    counts: tuple[Count, ...] = ()  # the platform's other measures (Bluesky: bytes, app)
    cw: str = ""  # the content warning counted with the text (Mastodon)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings alone pass)."""
        return not any(problem.severity == "error" for problem in self.problems)

    @property
    def is_thread(self) -> bool:
        """True when the text is a thread as written (``---`` lines on a platform with threads)."""
        return get_platform(self.platform).threads and has_manual_breaks(published(self.text))

    def counts_summary(self) -> str:
        """The other measures in words: ``3,750 / 3,000 UTF-8 bytes; 150 / 300 in the app``."""
        said = []
        for count in self.counts:
            if self.is_thread:
                sizes = ", ".join(f"{length:,}" for length in count.part_lengths)
                said.append(f"{sizes} / {count.limit:,} {count.counting} each")
            else:
                said.append(f"{count.length:,} / {count.limit:,} {count.counting}")
        return "; ".join(said)

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for problem in self.problems if problem.severity == "warning")

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``postkit check --format json`` (documented; keep it stable)."""
        fold = None
        if self.fold is not None:
            fold = {"index": self.fold, "preview": self.text[: self.fold].rstrip()}
        return {
            "platform": self.platform,
            "length": self.length,
            "limit": self.limit,
            "ok": self.ok,
            "fold": fold,
            "parts": list(self.parts),
            "part_lengths": list(self.part_lengths),
            "problems": [problem.to_dict() for problem in self.problems],
            "counts": [count.to_dict() for count in self.counts],
            "cw": self.cw or None,
        }


def check_post(
    text: str,
    platform: Platform | str = "linkedin",
    *,
    limit: int | None = None,
    cw: str | None = None,
) -> CheckResult:
    """Lint a post: length, fold, encoding, emoji, leftovers, hashtags, formatting.

    ``cw`` is a Mastodon content warning: the server counts it with the text.
    """
    if isinstance(platform, str):
        platform = get_platform(platform)
    platform = platform.with_cw(cw)
    limit = check_limit(limit) or platform.limit
    body = published(text)  # the newline a file ends with is not part of the post
    # A text cut with --- lines is a thread as written: published, and counted, part by part.
    pieces = manual_pieces(body) if platform.threads and has_manual_breaks(body) else []
    length = measure(pieces if len(pieces) > 1 else body, platform).total
    fold = fold_index(body, platform)
    problems = [
        *_length_problems(body, platform, limit, length),
        *_measure_problems(pieces if len(pieces) > 1 else [body], platform),
        *_fold_problems(body, fold),
        *_mojibake_problems(body),
        *_emoji_problems(body),
        *_leftover_problems(body),
        *_placeholder_problems(body),
        *_markdown_problems(body),
        *_hashtag_problems(body, platform),
        *_math_problems(body),
        *_whitespace_problems(body),
    ]
    problems.sort(key=lambda problem: (problem.start, problem.end, problem.code))
    parts: tuple[str, ...] = ()
    splittable = platform.fits(limit)(body) <= limit * MAX_THREAD_PARTS
    if body.strip() and splittable and not any(p.code == "lone-surrogate" for p in problems):
        # A text already cut with --- lines is numbered by its writer, if at all.
        numbering: Numbering = "none" if has_manual_breaks(body) else "suffix"
        parts = split_thread(body, platform, limit=limit, numbering=numbering)
    if parts == (body,):
        part_lengths: tuple[int, ...] = (length,)  # counted already
    else:
        part_lengths = measure(parts, platform).parts
    counts = tuple(
        Count(
            item.name,
            item.counting,
            sum(item.count(piece) for piece in (pieces if len(pieces) > 1 else [body])),
            item.limit,
            item.binding,
            tuple(item.count(published(part)) for part in parts),
        )
        for item in platform.measures
    )
    return CheckResult(
        platform.name,
        text,
        length,
        limit,
        fold,
        parts,
        tuple(problems),
        part_lengths,
        counts,
        platform.cw,
    )


def _problem(code: str, message: str, start: int, end: int) -> Problem:
    return Problem(code, CODES[code], message, start, end)


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a code point offset."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _quote(fragment: str, width: int = 30) -> str:
    fragment = fragment.replace("\n", "⏎")
    return fragment if len(fragment) <= width else fragment[: width - 1] + "…"


def _length_problems(text: str, platform: Platform, limit: int, length: int) -> Iterator[Problem]:
    if not text.strip():
        yield _problem("empty", "the post is empty", 0, len(text))
        return
    spans = manual_spans(text) if platform.threads else [(0, len(text))]
    fits = platform.fits(limit)
    if len(spans) > 1:  # already a thread: each part must fit on its own
        for index, (start, end) in enumerate(spans, 1):
            piece = text[start:end]
            if fits(piece) > limit:
                cut = start + (overflow_index(piece, platform, limit) or 0)
                yield _too_long(text, platform, limit, (start, cut, end), f"part {index}: ")
        return
    if fits(text) > limit:
        cut = overflow_index(text, platform, limit) or 0
        yield _too_long(text, platform, limit, (0, cut, len(text)), "")


def _over(text: str, platform: Platform, limit: int) -> tuple[int, int, str]:
    """The limit a text is over: (its length, the limit, what is counted).

    The platform's own count first; else the first binding measure it is over.
    """
    size = platform.count(text)
    if size > limit:
        return size, limit, platform.counting
    for item in platform.measures:
        used = item.count(text)
        if item.binding and used > item.limit:
            return used, item.limit, item.counting
    return size, limit, platform.counting


def _measure_problems(pieces: list[str], platform: Platform) -> Iterator[Problem]:
    """A warning for each measure that cannot refuse the post but is over its limit."""
    for item in platform.measures:
        if item.binding:
            continue
        code = "too-long-for-api" if item.name == "api" else "too-long-in-app"
        for piece in pieces:
            used = item.count(piece)
            if used > item.limit:
                yield _problem(
                    code,
                    f"{used:,} / {item.limit:,} {item.counting} on {platform.name}: "
                    f"{used - item.limit:,} over; shorten it",
                    0,
                    len(piece),
                )
                break


def _too_long(
    text: str, platform: Platform, limit: int, where: tuple[int, int, int], label: str
) -> Problem:
    """``where``: the part's start, where it overflows, the part's end."""
    first, start, end = where
    size, over_limit, counting = _over(text[first:end], platform, limit)
    line, column = line_and_column(text, start)
    advice = "shorten it"
    if platform.threads and platform.fits(limit)(text[first:end]) <= limit * MAX_THREAD_PARTS:
        command = f"postkit thread FILE --platform {platform.name}"
        if limit != platform.limit:
            command += f" --limit {limit}"
        if label:  # one part of a thread: `thread` keeps the --- breaks and cuts this part
            advice += f" or split it further: {command}"
        else:
            parts = len(split_thread(text[first:end], platform, limit=limit))
            advice += f" or post it as a thread of {parts} parts: {command}"
    return _problem(
        "too-long",
        f"{label}{size:,} / {over_limit:,} ({counting}) on {platform.name}: "
        f"{size - over_limit:,} over, from line {line}, column {column} "
        f"({_quote(text[start:end])!r}); {advice}",
        start,
        end,
    )


def _fold_problems(text: str, fold: int | None) -> Iterator[Problem]:
    if fold is None:
        return
    hook_end = text.find("\n")
    hook_end = len(text) if hook_end < 0 else hook_end
    if fold < hook_end:
        yield _problem(
            "hook-below-fold",
            f"the opening line is cut by '…see more' after {fold} characters; "
            "make the hook short enough to show whole above the fold",
            fold,
            hook_end,
        )


@cache
def _patterns() -> dict[str, Any]:
    import regex

    return {
        "surrogate": regex.compile(r"[\ud800-\udfff]"),
        "regional": regex.compile(r"[\U0001F1E6-\U0001F1FF]"),
        # A tag's body stops at the next opener, so "{{{{…" is linear, not quadratic.
        "template": regex.compile(
            r"\{\{(?:(?!\{\{)[^\n])*?\}\}|\{%(?:(?!\{%)[^\n])*?%\}|\{#(?:(?!\{#)[^\n])*?#\}"
            r"|\{\{|\}\}|\{%|%\}"
        ),
        "shortcode": regex.compile(r":[a-zA-Z0-9_+\-]+:"),
        "markdown": (
            (regex.compile(r"\*\*[^*\n]+?\*\*|(?<!\w)__[^_\n]+?__(?!\w)"), "bold"),
            (regex.compile(r"^#{1,6}[ \t]+\S[^\n]*", regex.MULTILINE), "heading"),
            # No "[" inside the text or the URL: linear on "[[[[" and "[a]([a](…"
            (regex.compile(r"!?\[[^\[\]\n]+\]\([^)\s\[\]]+\)"), "link"),
            (regex.compile(r"^```[^\n]*$", regex.MULTILINE), "code fence"),
            (regex.compile(r"(?<![`\w])`[^`\n]+`(?![`\w])"), "code"),
            (regex.compile(r"(?<![\w*])\*[^*\s][^*\n]*?(?<!\s)\*(?![\w*])"), "italic"),
        ),
        "math": regex.compile(r"[\U0001D400-\U0001D7FF]+(?:[ \t]*[\U0001D400-\U0001D7FF]+)*"),
        "trailing": regex.compile(r"(?<![ \t\u00a0\u3000])[ \t\u00a0\u3000]+$", regex.MULTILINE),
    }


def _mojibake_problems(text: str) -> Iterator[Problem]:
    """Garbled text: UTF-8 read with the wrong code page (``ðŸš€`` for 🚀).

    Found by :func:`postkit.mojibake.repair.find_repairs`, the same code ``postkit
    fix`` repairs with, so every finding here is one ``fix`` mends.
    """
    if text.isascii():
        return
    from postkit.mojibake.repair import find_repairs

    for repair in find_repairs(text):
        yield _problem(
            "mojibake",
            f"garbled text {_quote(repair.garbled)!r} (probably {_quote(repair.result)!r}, "
            f"UTF-8 read as {repair.codepage}); run `postkit fix` to repair it",
            repair.start,
            repair.end,
        )


def _emoji_problems(text: str) -> Iterator[Problem]:
    if text.isascii():
        return
    patterns = _patterns()
    for match in patterns["surrogate"].finditer(text):
        yield _problem(
            "lone-surrogate",
            f"lone surrogate U+{ord(match.group()):04X}: half of a character that was cut; "
            "delete it or paste the emoji again",
            match.start(),
            match.end(),
        )
    import emoji

    found = emoji.emoji_list(_blank_long_clusters(text))
    inside: set[int] = set()
    for item in found:
        inside.update(range(item["match_start"], item["match_end"]))
        yield from _qualification_problem(item["emoji"], item["match_start"], item["match_end"])
    for index, char in enumerate(text):
        if index in inside:
            continue
        if char == ZWJ and not _joins_letters(text, index):
            yield _problem(
                "lone-zwj",
                "zero-width joiner (U+200D) that joins no emoji: a sequence was broken; "
                "delete it or paste the emoji again",
                index,
                index + 1,
            )
        elif char == VS16:
            yield _problem(
                "stray-variation-selector",
                "variation selector U+FE0F after something that is not an emoji; delete it",
                index,
                index + 1,
            )
        elif patterns["regional"].fullmatch(char):
            yield _problem(
                "lone-regional-indicator",
                f"regional indicator {char} (U+{ord(char):X}) that makes no flag: "
                "half of a flag was lost",
                index,
                index + 1,
            )


def _blank_long_clusters(text: str, longest: int = 32) -> str:
    """The text with clusters of over ``longest`` code points blanked, offsets kept.

    No emoji is that long (the longest ZWJ sequences have 10), and the emoji
    package's tokenizer is quadratic on one: 👩+ZWJ repeated 50,000 times took minutes.
    """
    from postkit.platforms.spans import grapheme_spans

    long = [(start, end) for start, end in grapheme_spans(text) if end - start > longest]
    if not long:
        return text
    pieces, last = [], 0
    for start, end in long:
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _joins_letters(text: str, index: int) -> bool:
    """A ZWJ between two letters or marks is script shaping (Indic, Arabic), not an emoji."""
    if index == 0 or index + 1 >= len(text):
        return False
    before = unicodedata.category(text[index - 1])[0]
    after = unicodedata.category(text[index + 1])[0]
    return before in "LM" and after in "LM" and not text[index - 1].isascii()


def _qualification_problem(sequence: str, start: int, end: int) -> Iterator[Problem]:
    if sequence in emoji_forms.TEXT_SYMBOLS or emoji_forms.is_fully_qualified(sequence):
        return
    qualified = emoji_forms.qualify(sequence)
    if qualified == sequence or not emoji_forms.is_fully_qualified(qualified):
        return
    yield _problem(
        "unqualified-emoji",
        f"emoji {sequence!r} is not fully qualified: some apps show it as a plain symbol; "
        f"use {qualified!r} (postkit fix does this)",
        start,
        end,
    )


def _leftover_problems(text: str) -> Iterator[Problem]:
    patterns = _patterns()
    if "{" in text or "}" in text:
        for match in patterns["template"].finditer(text):
            yield _problem(
                "template-syntax",
                f"leftover template syntax {_quote(match.group())!r}: "
                "a template tag was not rendered",
                match.start(),
                match.end(),
            )
    if ":" in text:
        for match in patterns["shortcode"].finditer(text):
            code = match.group()
            if emoji_forms.emojize(code) != code:
                yield _problem(
                    "shortcode",
                    f"emoji shortcode {code} left as text: most platforms do not turn it "
                    f"into {emoji_forms.emojize(code)}; write the emoji itself",
                    match.start(),
                    match.end(),
                )


@cache
def _placeholder_pattern() -> re.Pattern[str]:
    from postkit.model import PLACEHOLDER

    # To the closing bracket, or the end of the line when it was deleted.
    return re.compile(re.escape(PLACEHOLDER) + r"[^\]\n]*\]?", re.IGNORECASE)


def _placeholder_problems(text: str) -> Iterator[Problem]:
    """A starter page's ``[fill in: …]`` placeholder that reached the post."""
    if "[" not in text:
        return
    for match in _placeholder_pattern().finditer(text):
        yield _problem(
            "placeholder",
            f"placeholder text {_quote(match.group())!r} from a starter topic page: "
            "write the real text (edit the topic page, then draft again)",
            match.start(),
            match.end(),
        )


def _markdown_problems(text: str) -> Iterator[Problem]:
    for pattern, kind in _patterns()["markdown"]:
        for match in pattern.finditer(text):
            yield _problem(
                "markdown",
                f"Markdown {kind} {_quote(match.group())!r}: social platforms show the "
                "marks as typed, not as formatting",
                match.start(),
                match.end(),
            )


def _hashtag_problems(text: str, platform: Platform) -> Iterator[Problem]:
    if platform.max_hashtags is None:
        return
    spans = hashtag_spans(text)
    if len(spans) > platform.max_hashtags:
        yield _problem(
            "too-many-hashtags",
            f"{len(spans)} hashtags; good practice on {platform.name} is at most "
            f"{platform.max_hashtags}",
            spans[platform.max_hashtags][0],
            spans[-1][1],
        )


def _math_problems(text: str) -> Iterator[Problem]:
    if text.isascii():
        return
    for match in _patterns()["math"].finditer(text):
        plain = unicodedata.normalize("NFKC", match.group())
        yield _problem(
            "math-letters",
            f"{_quote(plain)!r} is written in Unicode math letters: screen readers spell "
            "them out one by one and search does not find them; write plain text",
            match.start(),
            match.end(),
        )


def _whitespace_problems(text: str) -> Iterator[Problem]:
    for match in _patterns()["trailing"].finditer(text):
        line, _ = line_and_column(text, match.start())
        yield _problem(
            "trailing-whitespace",
            f"trailing whitespace at the end of line {line}",
            match.start(),
            match.end(),
        )
