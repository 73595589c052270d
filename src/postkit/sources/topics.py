"""The topic library: built-in topic pages and the user's folders, found by name or alias.

A topic is the content a post is drafted from. Built-in topics are Markdown
pages with YAML front matter in ``postkit/topics/``; a user's own pages in the
configured topic folders override built-in pages of the same name.
"""
# No "from __future__ import annotations": the fields of a NamedTuple written as
# strings become ForwardRefs, each compiled when the module is imported.

import os
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from postkit.errors import PageError, TopicNotFoundError
from postkit.model import (
    PLACEHOLDER_LEFT,
    Topic,
    holds_placeholder,
    refuse_placeholders,
    topic_from_cache,
)
from postkit.sources.cache import SizedCache, size_of

_KEY_JUNK = re.compile(r"[\s\-_.]+")


def topic_key(name: str) -> str:
    """The lookup key of a name: case, spaces, hyphens, dots and underscores ignored."""
    return _KEY_JUNK.sub("", name.casefold())


def slugify(name: str) -> str:
    """A file-name-safe slug: ``Generative AI`` → ``generative-ai``."""
    slug = re.sub(r"[^\w]+", "-", name.casefold(), flags=re.ASCII).strip("-")
    return slug or "post"


# A NamedTuple for start-up time (see postkit.platforms.threads.Length).
class TopicEntry(NamedTuple):
    """A topic page in the library, not parsed until it is needed."""

    name: str
    path: Path
    source: str  # "built-in" or "user"

    def load(self) -> Topic:
        return _load_cached(self.path)


def builtin_topic_dir() -> Path:
    """The folder of built-in topic pages shipped inside the package."""
    return Path(__file__).resolve().parents[1] / "topics"


def _pages_in(folder: Path) -> Iterator[Path]:
    """The ``*.md`` files of a folder, by name; none when it is not a readable folder.

    One directory read: ``Path.glob`` compiles a pattern and builds a selector
    for it, which cost every draft's start-up a quarter of a millisecond.
    """
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if entry.name.endswith(".md"))
    except OSError:
        return
    for name in names:
        yield folder / name


def library(user_dirs: Iterable[Path] = ()) -> dict[str, TopicEntry]:
    """All topics by name; user folders override built-in pages of the same name."""
    entries: dict[str, TopicEntry] = {}
    for path in _pages_in(builtin_topic_dir()):
        entries[path.stem] = TopicEntry(path.stem, path, "built-in")
    for folder in user_dirs:
        for path in _pages_in(Path(folder).expanduser()):
            entries[path.stem] = TopicEntry(path.stem, path, "user")
    return entries


_CACHE_FILE = "topics.json"
# The disk cache is read whole by every run that drafts a library topic, so it
# keeps topics of at most MAX_STORED_TOPIC characters of JSON (built-in ones take
# about 3,000) and drops its oldest entries past MAX_STORED characters in all.
MAX_STORED_TOPIC = 64 * 1024
MAX_STORED = 1024 * 1024
# Parsed library pages, kept for the process: bounded by size too, as a user's
# library may hold long pages.
_LOADED: SizedCache[Path, Topic] = SizedCache(256, 16 * 1024 * 1024)


@cache
def _stored() -> dict[str, Any]:
    """The on-disk topic cache, read once per process (alias lookups ask it per page)."""
    from postkit.sources import cache as disk

    return disk.load(_CACHE_FILE)


def _load_cached(path: Path) -> Topic:
    """A library page parsed once per process, and once per change across runs.

    The on-disk cache skips Markdown and YAML parsing on later runs (start-up
    time matters to scripts); it is keyed by path, size, mtime and version.
    """
    found = _LOADED.get(path)
    if found is None:
        found = _load(path)
        _LOADED.put(path, found, size_of(found))
    return found


def _load(path: Path) -> Topic:
    from postkit.sources import cache as disk

    key = disk.file_key(path)
    stored = _stored()
    entry = stored.get(key) if key else None
    if isinstance(entry, dict):
        try:
            return topic_from_cache(entry["topic"])
        except (KeyError, TypeError, ValueError):
            pass
    from postkit.sources.pages import load_topic_page, read_front_matter_names

    topic = load_topic_page(path)
    if key:
        names = list(read_front_matter_names(path))
        page = key.rsplit("|", 2)[0]  # this page, whatever its size and mtime
        # Entries of older code versions, and of this page as it was, are never read again.
        for old in [k for k in stored if not disk.current(k) or k.startswith(page)]:
            del stored[old]
        entry = {"topic": topic.to_dict(), "names": names}
        if _json_size(entry) <= MAX_STORED_TOPIC:
            stored[key] = entry
            _trim(stored)
        disk.store(_CACHE_FILE, stored)
    return topic


def _json_size(value: Any) -> int:
    import json

    return len(json.dumps(value, ensure_ascii=False))


def _trim(stored: dict[str, Any]) -> None:
    """Drop the oldest entries until what is stored is at most MAX_STORED characters."""
    sizes = {key: _json_size(entry) for key, entry in stored.items()}
    total = sum(sizes.values())
    for key in list(stored):
        if total <= MAX_STORED:
            break
        total -= sizes[key]
        del stored[key]


@cache
def _aliases_of(path: Path) -> tuple[str, ...]:
    """The title and aliases of a page, from the cache or its front matter only."""
    from postkit.sources import cache as disk

    key = disk.file_key(path)
    stored = _stored()
    entry = stored.get(key) if key else None
    if isinstance(entry, dict) and isinstance(entry.get("names"), list):
        return tuple(str(name) for name in entry["names"])
    from postkit.sources.pages import read_front_matter_names

    names = read_front_matter_names(path)
    if key and entry is None:
        # Kept on their own until the page is drafted: looking a topic up by an
        # alias reads every page's names before it, and reading front matter
        # loads the YAML parser and page machinery (~70 ms) on every run.
        stored[key] = {"names": list(names)}
        _trim(stored)
        disk.store(_CACHE_FILE, stored)
    return names


def _names_of(entry: TopicEntry) -> tuple[str, ...]:
    return (entry.name, *_aliases_of(entry.path))


def find_topic(name: str, user_dirs: Iterable[Path] = ()) -> TopicEntry:
    """The library entry for ``name`` (case, spaces and hyphens ignored; aliases too)."""
    entries = library(user_dirs)
    wanted = topic_key(name)
    if not wanted:
        raise TopicNotFoundError(
            "the topic name is empty: give a topic, or draft from your own page", name=""
        )
    for entry in entries.values():
        if topic_key(entry.name) == wanted:
            return entry
    for entry in entries.values():
        if any(topic_key(alias) == wanted for alias in _names_of(entry)):
            return entry
    closest = _closest(name, entries)
    hint = f"closest: {', '.join(closest)}; " if closest else ""
    raise TopicNotFoundError(
        f"unknown topic {name!r} ({hint}pick one from the topic library, "
        "or draft from your own page)",
        name=name,
        closest=closest,
    )


def load_topic(name: str, user_dirs: Iterable[Path] = ()) -> Topic:
    """Find a topic by name and parse its page, for drafting.

    A starter page whose placeholders are not filled in yet is refused
    (:class:`PageError` naming the file and line); listing and showing it
    (:meth:`TopicEntry.load`) still work.
    """
    entry = find_topic(name, user_dirs)
    topic = entry.load()
    if any(map(holds_placeholder, _texts_of(topic))):
        from postkit.sources.files import read_text_file

        # Looked for in the parsed topic first: the page may come from the cache.
        refuse_placeholders(read_text_file(entry.path, regular=True), str(entry.path))
        raise PageError(f"{entry.path}: {PLACEHOLDER_LEFT}")  # e.g. written as \[fill in:
    return topic


def _texts_of(topic: Topic) -> Iterator[str]:
    """Every piece of text a post can take from a topic."""
    yield topic.title
    yield topic.summary
    yield from topic.explanation
    for example in topic.examples:
        yield example.name
        yield example.text
    yield from topic.benefits
    yield from topic.tips
    yield from topic.pitfalls
    yield from topic.hashtags
    if topic.cta:
        yield topic.cta


def _closest(name: str, entries: dict[str, TopicEntry]) -> list[str]:
    """The library's topic names nearest to ``name`` (at most three)."""
    keys = {
        topic_key(alias): entry.name for entry in entries.values() for alias in _names_of(entry)
    }
    keys.update({topic_key(entry.name): entry.name for entry in entries.values()})
    import difflib  # only for a name that is not found: not at start-up

    close = difflib.get_close_matches(topic_key(name), list(keys), n=6, cutoff=0.5)
    return list(dict.fromkeys(keys[key] for key in close))[:3]
