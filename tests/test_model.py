"""The records in postkit.model behave as ``@dataclass(frozen=True)`` records do.

Their equality, hashing and repr are written once (``model._Record``) instead of
generated per class; each is compared here with what ``@dataclass`` generates
for a record with the same fields.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path
from typing import Any

import pytest

from postkit.model import DraftOptions, Example, Post, SectionEmoji, Topic

EXAMPLE = Example("Chatbots", "answer questions")
EMOJI = SectionEmoji(intro=":wave:")
TOPIC = Topic(
    title="Generative AI",
    summary="Models that make text.",
    examples=(EXAMPLE, Example("Images")),
    emoji=EMOJI,
    hashtags=("AI",),
    cta=None,
)
OPTIONS = DraftOptions(platform="x", seed=3, template_dirs=(Path("t"),), hashtags=("a", "b"))
POST = Post("genai", "x", "text", 4, 280, {"intro": "hi"}, parts=("a", "b"), measured=(1, 1))
RECORDS: list[Any] = [EXAMPLE, EMOJI, TOPIC, OPTIONS, POST]


def generated(record: Any) -> Any:
    """The same record as an instance of a stock ``@dataclass(frozen=True)`` twin."""
    twin = dataclasses.make_dataclass(
        type(record).__name__,
        [(each.name, Any) for each in dataclasses.fields(record)],
        frozen=True,
    )
    values = {each.name: getattr(record, each.name) for each in dataclasses.fields(record)}
    return twin(**values)


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: type(record).__name__)
def test_repr_is_what_dataclass_generates(record: Any) -> None:
    assert repr(record) == repr(generated(record))


@pytest.mark.parametrize("record", RECORDS[:4], ids=lambda record: type(record).__name__)
def test_hash_is_what_dataclass_generates(record: Any) -> None:
    assert hash(record) == hash(generated(record))
    assert hash(record) == hash(copy.copy(record))


def test_a_post_with_sections_is_unhashable_as_a_generated_one_is() -> None:
    with pytest.raises(TypeError, match="unhashable type: 'dict'"):
        hash(generated(POST))
    with pytest.raises(TypeError, match="unhashable type: 'dict'"):
        hash(POST)


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: type(record).__name__)
def test_equal_by_class_and_fields(record: Any) -> None:
    same = pickle.loads(pickle.dumps(record))  # batch workers send posts this way
    assert same == record
    assert (same != record) is False
    first = dataclasses.fields(record)[0].name
    other = dataclasses.replace(record, **{first: "something else"})
    assert other != record
    assert (other == record) is False
    assert record != generated(record)  # another class, as a generated twin says
    assert record.__eq__(generated(record)) is NotImplemented
    assert record.__eq__(object()) is NotImplemented


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: type(record).__name__)
def test_frozen(record: Any) -> None:
    first = dataclasses.fields(record)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, first, "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(record, first)


def test_a_recursive_repr_ends() -> None:
    looped: list[Any] = []
    record = Example("loop", looped)  # type: ignore[arg-type]
    looped.append(record)
    assert repr(record) == "Example(name='loop', text=[...])"  # as a generated repr ends
