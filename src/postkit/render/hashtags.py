"""Hashtags: normalised, de-duplicated, derived from a title when none are given."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NOT_TAG = re.compile(r"[^\w]+")


def normalise_hashtag(tag: str) -> str:
    """``ai`` → ``#ai``; ``#Gen AI`` → ``#GenAI``; CamelCase is kept. Empty stays empty."""
    body = _NOT_TAG.sub("", tag.strip().lstrip("#"))
    return f"#{body}" if body else ""


def hashtag_from_title(title: str) -> str:
    """``generative AI`` → ``#GenerativeAI``: each word capitalised, capitals kept."""
    words = _NOT_TAG.split(title)
    return normalise_hashtag("".join(word[:1].upper() + word[1:] for word in words))


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
