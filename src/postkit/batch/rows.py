"""Batch rows: what one row asks for, validated the way pydantic validates it.

A pydantic model (unknown keys refused, whitespace stripped, values coerced)
is the definition of a valid row, and it words every error. Most rows, though,
hold a few plain strings and numbers (every CSV row does); for those,
:func:`validate_row` reaches the same result by hand, so a batch of plain rows
neither imports pydantic (a third of a batch's start-up) nor pays it per row.
Anything the fast path is not sure of goes to pydantic; a test checks on
generated rows that the two always agree.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from postkit.batch.inputs import ROW_KEYS
from postkit.errors import InputError
from postkit.model import EMOJI_LEVELS, DraftOptions, EmojiLevel
from postkit.platforms.rules import PLATFORMS
from postkit.render.hashtags import split_hashtags

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = ["BatchRow", "row_problem", "validate_row"]

# How long a row's texts may be. A topic or a tone is a name; a call to action
# longer than the longest post (LinkedIn's 3,000) cannot be used; a post takes
# a handful of hashtags. Beyond these a value is a mistake, and it would be
# kept in the drafting caches (thousands of entries) and quoted in errors.
MAX_TOPIC_CHARS = 500
MAX_TONE_CHARS = 100
MAX_CTA_CHARS = 3000
MAX_HASHTAGS = 30
MAX_HASHTAG_CHARS = 100


@dataclass(frozen=True)
class BatchRow:
    """One row of a batch: what to draft, and how it differs from the defaults."""

    topic: str | None = None
    from_: Path | None = None
    id: str | None = None
    platform: str | None = None
    tone: str | None = None
    emoji: EmojiLevel | None = None
    seed: int | None = None
    cta: str | None = None
    hashtags: tuple[str, ...] | None = None
    date: datetime.date | None = None

    def options(self, defaults: DraftOptions) -> DraftOptions:
        """The row's draft options: its own values over the defaults."""
        changes: dict[str, Any] = {
            name: value
            for name in ("platform", "tone", "emoji", "seed", "cta", "hashtags")
            if (value := getattr(self, name)) is not None
        }
        return dataclasses.replace(defaults, **changes) if changes else defaults


def validate_row(data: Mapping[str, Any]) -> BatchRow:
    """A row's mapping as a :class:`BatchRow`, or an InputError saying what is wrong."""
    row = plain_row(data)
    if row is not None:
        return row
    from pydantic import ValidationError

    try:
        model = row_model().model_validate(data)
    except ValidationError as exc:
        raise InputError(row_problem(exc)) from None
    return BatchRow(**{field.name: getattr(model, field.name) for field in _FIELDS})


def row_problem(exc: ValidationError) -> str:
    """A pydantic error as one line: ``field: what is wrong``."""
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]).replace("from_", "from")
    if error["type"] == "extra_forbidden":
        return f"unknown key {field!r}; a row may have {', '.join(ROW_KEYS)}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


_FIELDS = dataclasses.fields(BatchRow)


@cache
def row_model() -> Any:
    """The pydantic model of a row, built the first time a row needs it."""
    from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

    class RowModel(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

        topic: str | None = Field(default=None, min_length=1, max_length=MAX_TOPIC_CHARS)
        from_: Path | None = Field(default=None, alias="from")
        id: str | None = Field(default=None, min_length=1)
        platform: str | None = None
        tone: str | None = Field(default=None, min_length=1, max_length=MAX_TONE_CHARS)
        emoji: EmojiLevel | None = None
        seed: int | None = None
        cta: str | None = Field(default=None, min_length=1, max_length=MAX_CTA_CHARS)
        hashtags: tuple[Annotated[str, Field(max_length=MAX_HASHTAG_CHARS)], ...] | None = Field(
            default=None, max_length=MAX_HASHTAGS
        )
        date: datetime.date | None = None

        @field_validator("id", mode="before")
        @classmethod
        def _number_id(cls, value: Any) -> Any:
            return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

        @field_validator("platform")
        @classmethod
        def _known_platform(cls, value: str | None) -> str | None:
            if value is None:
                return None
            if value.lower() not in PLATFORMS:
                raise ValueError(
                    f"unknown platform {value!r}; choose one of {', '.join(PLATFORMS)}"
                )
            return value.lower()

        @field_validator("hashtags", mode="before")
        @classmethod
        def _split_hashtags(cls, value: Any) -> Any:
            return split_hashtags(value) if isinstance(value, str) else value

        @model_validator(mode="after")
        def _one_source(self) -> RowModel:
            if (self.topic is None) == (self.from_ is None):
                raise ValueError("give a topic or a from page (one of the two)")
            return self

    return RowModel


# --- the fast path: plain values whose pydantic result is certain -------------------

_ASCII_SPACE = " \t\n\r\x0b\x0c"
_INTEGER = re.compile(r"-?[0-9]{1,18}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Unsure(Exception):
    """The fast path cannot vouch for this value: pydantic decides."""


def plain_row(data: Mapping[str, Any]) -> BatchRow | None:
    """The row, if every value is plain enough to validate by hand; else None."""
    values: dict[str, Any] = {}
    try:
        for key, value in data.items():
            parse = _PARSERS.get(key)
            if parse is None:
                return None  # an unknown key: pydantic words the error
            if value is not None:  # pydantic: a null is the same as leaving the key out
                values["from_" if key == "from" else key] = parse(value)
    except _Unsure:
        return None
    if ("topic" in values) == ("from_" in values):
        return None
    return BatchRow(**values)


def _text(value: Any) -> str:
    """pydantic's ``str`` with ``str_strip_whitespace``, when the result is certain.

    pydantic strips Unicode whitespace as Rust defines it, Python's ``strip`` a
    few more characters (``\\x1c``-``\\x1f``); past ASCII spaces, pydantic decides.
    """
    if type(value) is not str:
        raise _Unsure
    text = value.strip(_ASCII_SPACE)
    if text[:1].isspace() or text[-1:].isspace():
        raise _Unsure
    return text


def _word(value: Any) -> str:  # min_length=1
    text = _text(value)
    if not text:
        raise _Unsure
    return text


def _short(most: int) -> Any:
    """:func:`_word` for a value of at most ``most`` characters (longer: pydantic words it).

    Measured before stripping too, so the fast path never passes a value that
    pydantic would measure otherwise.
    """

    def parse(value: Any) -> str:
        if type(value) is str and len(value) > most:
            raise _Unsure
        return _word(value)

    return parse


def _row_id(value: Any) -> str:
    return str(value) if type(value) is int else _word(value)


def _platform(value: Any) -> str:
    name = _text(value).lower()
    if name not in PLATFORMS:
        raise _Unsure
    return name


def _emoji(value: Any) -> str:
    if type(value) is not str or value not in EMOJI_LEVELS:  # a Literal is not stripped
        raise _Unsure
    return value


def _seed(value: Any) -> int:
    if type(value) is int:
        return value
    text = _text(value)
    if not _INTEGER.fullmatch(text):
        raise _Unsure
    return int(text)


def _hashtags(value: Any) -> tuple[str, ...]:
    if type(value) is str:
        tags = tuple(split_hashtags(value))  # parts hold no whitespace to strip
    elif type(value) in (list, tuple):
        if any(type(item) is str and len(item) > MAX_HASHTAG_CHARS for item in value):
            raise _Unsure
        tags = tuple(_text(item) for item in value)
    else:
        raise _Unsure
    if len(tags) > MAX_HASHTAGS or any(len(tag) > MAX_HASHTAG_CHARS for tag in tags):
        raise _Unsure
    return tags


def _date(value: Any) -> datetime.date:
    if type(value) is datetime.date:
        return value
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        raise _Unsure
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise _Unsure from None


_PARSERS: dict[str, Any] = {
    "topic": _short(MAX_TOPIC_CHARS),
    "from": lambda value: Path(_text(value)),
    "id": _row_id,
    "platform": _platform,
    "tone": _short(MAX_TONE_CHARS),
    "emoji": _emoji,
    "seed": _seed,
    "cta": _short(MAX_CTA_CHARS),
    "hashtags": _hashtags,
    "date": _date,
}
