"""The plain data every part of postkit shares: topics, options, posts.

Nothing here reads files, renders templates or counts characters: the data
flows through the packages above (sources → render → platforms) and comes back
as a :class:`Post`. Topics are frozen dataclasses validated by pydantic
(:func:`validate_topic`) with extra fields forbidden.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from pathlib import Path
from reprlib import recursive_repr
from typing import Annotated, Any, ClassVar, Literal

from postkit.errors import PageError

EmojiLevel = Literal["none", "light", "rich"]
EMOJI_LEVELS: tuple[EmojiLevel, ...] = ("none", "light", "rich")
# The built-in voices; a user's own voice template adds a tone of its own.
TONES = ("friendly", "professional", "punchy")

Numbering = Literal["suffix", "prefix", "none"]
NUMBERINGS: tuple[Numbering, ...] = ("suffix", "prefix", "none")
# Between the parts of a thread written out as one text (piped, or in a file):
# a line holding only --- between blank lines, which splitting reads as a break.
PART_SEPARATOR = "\n\n---\n\n"

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


class _AtLeastOneCharacter:
    """Pydantic metadata for ``NonEmpty``: annotated_types' ``MinLen(1)``, imported
    only when pydantic builds a validator (annotated_types and typing_extensions
    cost a draft of a cached topic about a tenth of its start-up time)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from annotated_types import MinLen

        return handler.generate_schema(Annotated[source, MinLen(1)])


NonEmpty = Annotated[str, _AtLeastOneCharacter()]


class _Record:
    """Equality, hashing and repr for the frozen dataclasses here, written once.

    ``@dataclass`` writes these three as source and compiles them for each class,
    which cost every start-up about a millisecond for the five records. These
    do what the generated ones do (tests compare them): equal when of the same
    class with equal fields, hashed by the fields, shown as ``Name(field=...)``.
    """

    __slots__ = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _field_names(type(self)))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    @recursive_repr()
    def __repr__(self) -> str:
        shown = (f"{name}={getattr(self, name)!r}" for name in _field_names(type(self)))
        return f"{self.__class__.__qualname__}({', '.join(shown)})"


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(record: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(record)
    if names is None:
        names = _FIELD_NAMES[record] = tuple(each.name for each in fields(record))
    return names


@dataclass(frozen=True, eq=False, repr=False)  # _Record compares and shows it
class Example(_Record):
    """One example: a short name and a sentence about it."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    name: NonEmpty
    text: str = ""


@dataclass(frozen=True, eq=False, repr=False)  # _Record compares and shows it
class SectionEmoji(_Record):
    """The signpost emoji of each section, written as shortcodes."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    intro: str = ":rocket:"
    explanation: str = ":light_bulb:"
    examples: str = ":globe_with_meridians:"
    benefits: str = ":sparkles:"
    tips: str = ":memo:"
    pitfalls: str = ":police_car_light:"
    cta: str = ":speech_balloon:"


@dataclass(frozen=True, eq=False, repr=False)  # _Record compares and shows it
class Topic(_Record):
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
    # What kind of page the topic came from: concept (the default), article, howto,
    # listicle, changelog, readme or resources; each kind drafts its own shape.
    kind: str = "concept"
    language: str = "en"  # ISO 639-1: the language of the post's own phrases
    url: str | None = None  # where the page is published, for "Full post: …"
    # What the kinds other than concept draw on (all empty for a concept page):
    steps: tuple[str, ...] = ()  # howto (and readme: how to start): in order
    items: tuple[Example, ...] = ()  # listicle items, resource picks, readme features
    version: str | None = None  # changelog: the newest released version
    added: tuple[str, ...] = ()  # changelog: that version's changes, by kind
    changed: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()

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
    for name in ("examples", "items"):
        fields[name] = tuple(Example(**example) for example in fields.get(name, ()))
    fields["emoji"] = SectionEmoji(**fields.get("emoji", {}))
    lists = ("aliases", "explanation", "benefits", "tips", "pitfalls", "hashtags", "sources")
    for name in (*lists, "steps", "added", "changed", "fixed"):
        fields[name] = tuple(fields.get(name, ()))
    topic = Topic(**fields)
    if not (isinstance(topic.title, str) and isinstance(topic.summary, str)):
        raise TypeError("cached topic has the wrong shape")
    return topic


TOPIC_FIELDS = frozenset(f.name for f in fields(Topic))


@dataclass(frozen=True, eq=False, repr=False)  # _Record compares and shows it
class DraftOptions(_Record):
    """Everything that shapes a draft besides the topic itself."""

    platform: str = "linkedin"
    tone: str = "friendly"
    emoji: EmojiLevel = "rich"
    seed: int | None = None
    hashtags: tuple[str, ...] | None = None  # replaces the topic's hashtags
    extra_hashtags: tuple[str, ...] = ()
    cta: str | None = None
    template_set: str | None = None  # defaults to the platform's name
    template_dirs: tuple[Path, ...] = ()
    topic_dirs: tuple[Path, ...] = ()
    limit: int | None = None
    numbering: Numbering = "suffix"  # how the parts of a thread are numbered
    cw: str | None = None  # Mastodon: the content warning, counted with the post


@dataclass(frozen=True, eq=False, repr=False)  # _Record compares and shows it
class Post(_Record):
    """A finished post and what postkit measured about it."""

    topic: str
    platform: str
    text: str
    length: int  # threads.measure: the text as published; a thread, the sum of its parts
    limit: int
    sections: dict[str, str] = field(default_factory=dict)
    fold: int | None = None
    hashtags: tuple[str, ...] = ()  # the hashtags the text ends with
    parts: tuple[str, ...] = ()  # the thread, when the text is over the limit or has --- breaks
    seed: int | None = None  # the seed it was drafted with: ``--seed`` gives it again
    # What the user should hear about on stderr (the CLI prints each once), such
    # as a page language no voice speaks, so the post's phrases fell back to English.
    warnings: tuple[str, ...] = ()
    cw: str | None = None  # Mastodon: the content warning it was counted with

    @property
    def fits(self) -> bool:
        return self.length <= self.limit

    # platforms.threads.measure of each part of a thread (drafting fills it)
    measured: tuple[int, ...] = ()

    @property
    def part_lengths(self) -> tuple[int, ...]:
        """The length of each part of a thread, or of the one post."""
        return self.measured or (self.length,)

    @property
    def is_thread(self) -> bool:
        """True when the post is published as several parts."""
        return len(self.parts) > 1

    def published_text(self) -> str:
        """The text as it is printed and written to a file: a thread's parts with a
        ``---`` line between them (which ``postkit check`` and ``thread`` read as breaks)."""
        if self.is_thread:
            return PART_SEPARATOR.join(part.strip("\n") for part in self.parts) + "\n"
        return self.text

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``postkit draft --format json``."""
        return {
            "topic": self.topic,
            "platform": self.platform,
            "text": self.text,
            "length": self.length,
            "limit": self.limit,
            "fits": self.fits,
            "fold": self.fold,
            "hashtags": list(self.hashtags),
            "parts": list(self.parts or (self.text.rstrip("\n"),)),
            "part_lengths": list(self.part_lengths),
            "sections": self.sections,
            "seed": self.seed,
            "cw": self.cw,
        }
