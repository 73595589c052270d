"""Hashtags: normalised, de-duplicated, derived from a title when none are given."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NOT_TAG = re.compile(r"[^\w]+")
_APOSTROPHES = re.compile(r"(?<=\w)['’](?=\w)")  # "don't" is one word: #Dont, not #DonT
# Names whose letters alone would lose them (C++ is not C).
_SPELLED = {"c++": "cpp", "c#": "csharp", "f#": "fsharp", ".net": "dotnet"}
TITLE_TAG_WORDS = 3  # a longer title is a headline, not a subject to tag


def _words(text: str) -> list[str]:
    return [word for word in _NOT_TAG.split(_APOSTROPHES.sub("", text)) if word]


def normalise_hashtag(tag: str) -> str:
    """``ai`` → ``#ai``; ``#Gen AI`` → ``#GenAI``; ``machine-learning`` →
    ``#MachineLearning``: words run together in CamelCase, one word is kept as
    written. Empty stays empty."""
    raw = tag.strip().lstrip("#")
    raw = _SPELLED.get(raw.casefold(), raw)
    words = _words(raw)
    if len(words) > 1:
        words = [word[:1].upper() + word[1:] for word in words]
    body = "".join(words)
    return f"#{body}" if body else ""


def hashtag_from_title(title: str) -> str:
    """``generative AI`` → ``#GenerativeAI``: each word capitalised, capitals kept."""
    words = _words(title)
    return normalise_hashtag("".join(word[:1].upper() + word[1:] for word in words))


def title_hashtag(title: str) -> str | None:
    """The hashtag a short title makes (``#GenerativeAI``), or None for a headline.

    "5 tips for better sleep" makes no good tag (``#5TipsForBetterSleep``), so a
    title of more than :data:`TITLE_TAG_WORDS` words makes none.
    """
    words = _words(title)
    if not words or len(words) > TITLE_TAG_WORDS:
        return None
    if len(words) == 1:  # a name is tagged as written: fastjson stays #fastjson
        return normalise_hashtag(words[0]) or None
    return hashtag_from_title(title) or None


def merge_hashtags(*groups: Iterable[str]) -> tuple[str, ...]:
    """Normalise every tag and keep the first of each case-insensitive duplicate."""
    seen: dict[str, str] = {}
    for group in groups:
        for raw in group:
            tag = normalise_hashtag(raw)
            if tag and tag.casefold() not in seen:
                seen[tag.casefold()] = tag
    return tuple(seen.values())


def split_hashtags(text: str) -> list[str]:
    """``"#AI, #GenAI ML"`` → ``["#AI", "#GenAI", "ML"]`` (commas or spaces)."""
    return [part for part in re.split(r"[,\s]+", text) if part]
