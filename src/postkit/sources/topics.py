"""The Topic model and the topic library (built-in pages and user folders).

A topic is the content a post is drafted from. Built-in topics are Markdown
pages with YAML front matter in ``postkit/topics/``; a user's own pages in the
configured topic folders override built-in pages of the same name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar

from annotated_types import MinLen

from postkit.errors import PageError, TopicNotFoundError

_KEY_JUNK = re.compile(r"[\s\-_.]+")

# Every placeholder of a starter page (``postkit topics new``) starts with this
# mark: the page writer puts it there, drafting refuses a page that still holds
# it, and ``postkit check`` flags it in a post. Lower case: it is looked for in
# casefolded text.
PLACEHOLDER = "[fill in:"
PLACEHOLDER_LEFT = "still holds the starter's placeholder text; edit it, then draft again"


def placeholder(hint: str) -> str:
    """A starter page's placeholder: ``[fill in: what goes here]``."""
    return f"{PLACEHOLDER} {hint}]"


def holds_placeholder(text: str) -> bool:
    """True when the text still holds a starter page's placeholder (in any case)."""
    return PLACEHOLDER in text.casefold()


def refuse_placeholders(text: str, origin: str) -> None:
    """Refuse a page that still holds a placeholder, naming the first line that does.

    A starter page drafts without error, so without this its placeholders would
    reach a post as if they were content.
    """
    if not holds_placeholder(text):
        return
    for number, line in enumerate(text.splitlines(), 1):
        if holds_placeholder(line):
            raise PageError(f"{origin}:{number}: {PLACEHOLDER_LEFT}")


# Topics are frozen dataclasses validated by pydantic (``validate_topic``) with
# extra fields forbidden. They are dataclasses rather than BaseModel subclasses
# so that drafting a cached topic never imports pydantic: start-up time matters
# to scripts, and pydantic's import alone costs several times bare Python.
_FORBID_EXTRA: dict[str, Any] = {"extra": "forbid"}
NonEmpty = Annotated[str, MinLen(1)]


@dataclass(frozen=True)
class Example:
    """One example: a short name and a sentence about it."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    name: NonEmpty
    text: str = ""


@dataclass(frozen=True)
class SectionEmoji:
    """The signpost emoji of each section, written as shortcodes."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    intro: str = ":rocket:"
    explanation: str = ":light_bulb:"
    examples: str = ":globe_with_meridians:"
    benefits: str = ":sparkles:"
    tips: str = ":memo:"
    pitfalls: str = ":police_car_light:"
    cta: str = ":speech_balloon:"


@dataclass(frozen=True)
class Topic:
    """Everything a post about one subject can say."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    title: NonEmpty
    summary: NonEmpty  # a one- or two-sentence definition
    aliases: tuple[str, ...] = ()
    explanation: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    benefits: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    emoji: SectionEmoji = field(default_factory=SectionEmoji)
    cta: str | None = None
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for templates, JSON and the cache)."""
        return asdict(self)


def validate_topic(data: Mapping[str, Any]) -> Topic:
    """Check untrusted data (front matter, parsed pages) and build a Topic.

    Raises pydantic's ValidationError; callers turn it into a message that
    names the file and field.
    """
    topic: Topic = _topic_adapter().validate_python(dict(data))
    return topic


@cache
def _topic_adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Topic)


def topic_from_cache(data: Mapping[str, Any]) -> Topic:
    """Rebuild a Topic from data this module validated and cached itself."""
    fields = dict(data)
    fields["examples"] = tuple(Example(**example) for example in fields.get("examples", ()))
    fields["emoji"] = SectionEmoji(**fields.get("emoji", {}))
    for name in ("aliases", "explanation", "benefits", "tips", "pitfalls", "hashtags", "sources"):
        fields[name] = tuple(fields.get(name, ()))
    topic = Topic(**fields)
    if not (isinstance(topic.title, str) and isinstance(topic.summary, str)):
        raise TypeError("cached topic has the wrong shape")
    return topic


TOPIC_FIELDS = frozenset(f.name for f in fields(Topic))


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
        return _load_cached(self.path)


def builtin_topic_dir() -> Path:
    """The folder of built-in topic pages shipped inside the package."""
    return Path(__file__).resolve().parents[1] / "topics"


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


_CACHE_FILE = "topics.json"


@cache
def _stored() -> dict[str, Any]:
    """The on-disk topic cache, read once per process (alias lookups ask it per page)."""
    from postkit.sources import cache as disk

    return disk.load(_CACHE_FILE)


@cache
def _load_cached(path: Path) -> Topic:
    """A library page parsed once per process, and once per change across runs.

    The on-disk cache skips Markdown and YAML parsing on later runs (start-up
    time matters to scripts); it is keyed by path, size, mtime and version.
    """
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
        stored[key] = {"topic": topic.to_dict(), "names": names}
        disk.store(_CACHE_FILE, stored)
    return topic


@cache
def _aliases_of(path: Path) -> tuple[str, ...]:
    """The title and aliases of a page, from the cache or its front matter only."""
    from postkit.sources import cache as disk

    key = disk.file_key(path)
    entry = _stored().get(key) if key else None
    if isinstance(entry, dict) and isinstance(entry.get("names"), list):
        return tuple(str(name) for name in entry["names"])
    from postkit.sources.pages import read_front_matter_names

    return read_front_matter_names(path)


def _names_of(entry: TopicEntry) -> tuple[str, ...]:
    return (entry.name, *_aliases_of(entry.path))


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
        refuse_placeholders(read_text_file(entry.path), str(entry.path))
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
