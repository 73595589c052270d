"""The Topic model and the topic library (built-in pages and user folders).

A topic is the content a post is drafted from. Built-in topics are Markdown
pages with YAML front matter in ``postkit/topics/``; a user's own pages in the
configured topic folders override built-in pages of the same name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from postkit.errors import TopicNotFoundError

_KEY_JUNK = re.compile(r"[\s\-_.]+")


class Example(BaseModel):
    """One example: a short name and a sentence about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    text: str = ""


class SectionEmoji(BaseModel):
    """The signpost emoji of each section, written as shortcodes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    intro: str = ":rocket:"
    explanation: str = ":light_bulb:"
    examples: str = ":globe_with_meridians:"
    benefits: str = ":sparkles:"
    tips: str = ":memo:"
    pitfalls: str = ":police_car_light:"
    cta: str = ":speech_balloon:"


class Topic(BaseModel):
    """Everything a post about one subject can say."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    summary: str = Field(min_length=1, description="one- or two-sentence definition")
    explanation: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    benefits: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    emoji: SectionEmoji = SectionEmoji()
    cta: str | None = None
    sources: tuple[str, ...] = ()


TOPIC_FIELDS = frozenset(Topic.model_fields)


def topic_key(name: str) -> str:
    """The lookup key of a name: case, spaces, hyphens, dots and underscores ignored."""
    return _KEY_JUNK.sub("", name.casefold())


def slugify(name: str) -> str:
    """A file-name-safe slug: ``Generative AI`` → ``generative-ai``."""
    slug = re.sub(r"[^\w]+", "-", name.casefold(), flags=re.ASCII).strip("-")
    return slug or "post"


@dataclass(frozen=True)
class TopicEntry:
    """A topic page in the library, not parsed until it is needed."""

    name: str
    path: Path
    source: str  # "built-in" or "user"

    def load(self) -> Topic:
        from postkit.pages import load_topic_page

        return load_topic_page(self.path)


def builtin_topic_dir() -> Path:
    """The folder of built-in topic pages shipped inside the package."""
    return Path(str(resources.files("postkit") / "topics"))


def _pages_in(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(folder.glob("*.md"))


def library(user_dirs: Iterable[Path] = ()) -> dict[str, TopicEntry]:
    """All topics by name; user folders override built-in pages of the same name."""
    entries: dict[str, TopicEntry] = {}
    for path in _pages_in(builtin_topic_dir()):
        entries[path.stem] = TopicEntry(path.stem, path, "built-in")
    for folder in user_dirs:
        for path in _pages_in(Path(folder).expanduser()):
            entries[path.stem] = TopicEntry(path.stem, path, "user")
    return entries


@cache
def _aliases_of(path: Path, mtime_ns: int) -> tuple[str, ...]:
    """The title and aliases of a page, read from its front matter only."""
    from postkit.pages import read_front_matter_names

    return read_front_matter_names(path)


def _names_of(entry: TopicEntry) -> tuple[str, ...]:
    return (entry.name, *_aliases_of(entry.path, entry.path.stat().st_mtime_ns))


def find_topic(name: str, user_dirs: Iterable[Path] = ()) -> TopicEntry:
    """The library entry for ``name`` (case, spaces and hyphens ignored; aliases too)."""
    entries = library(user_dirs)
    wanted = topic_key(name)
    if not wanted:
        raise TopicNotFoundError("the topic name is empty: give a topic, or use --from PAGE.md")
    for entry in entries.values():
        if topic_key(entry.name) == wanted:
            return entry
    for entry in entries.values():
        if any(topic_key(alias) == wanted for alias in _names_of(entry)):
            return entry
    raise TopicNotFoundError(_not_found_message(name, entries))


def load_topic(name: str, user_dirs: Iterable[Path] = ()) -> Topic:
    """Find a topic by name and parse its page."""
    return find_topic(name, user_dirs).load()


def _not_found_message(name: str, entries: dict[str, TopicEntry]) -> str:
    keys = {
        topic_key(alias): entry.name for entry in entries.values() for alias in _names_of(entry)
    }
    keys.update({topic_key(entry.name): entry.name for entry in entries.values()})
    close = difflib.get_close_matches(topic_key(name), list(keys), n=6, cutoff=0.5)
    suggestions = list(dict.fromkeys(keys[key] for key in close))[:3]
    hint = f"closest: {', '.join(suggestions)}; " if suggestions else ""
    return (
        f"unknown topic {name!r} ({hint}see `postkit topics list`, "
        "or draft from your own page with `postkit draft --from PAGE.md`)"
    )
