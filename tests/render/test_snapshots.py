"""Seeded posts of each tone and emoji level, kept as reviewed snapshots.

A change to a template or a voice shows up here as a diff to review on purpose;
accept it with ``pytest tests/test_snapshots.py --snapshot-update``. The topic
is defined here, so edits to the built-in topic pages do not move these.
"""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from postkit.drafting import render_post
from postkit.model import DraftOptions, EmojiLevel, Example, SectionEmoji, Topic

TEA = Topic(
    title="Tea Brewing",
    summary="Tea brewing is steeping leaves in hot water until the flavour is just right.",
    explanation=(
        "Water temperature decides which compounds dissolve first.",
        "Time decides how strong and how bitter the cup becomes.",
    ),
    examples=(
        Example("Green tea", "Brewed cooler, around 80 °C, for two minutes."),
        Example("Black tea", "Brewed with boiling water for four minutes."),
        Example("Matcha"),
    ),
    benefits=("A calm ritual in a busy day.",),
    tips=("Warm the pot first.", "Weigh the leaves: two grams per cup is a good start."),
    pitfalls=("Oversteeping turns any tea bitter.",),
    hashtags=("#Tea", "#SlowMornings"),
    emoji=SectionEmoji(intro=":teacup_without_handle:", explanation=":thermometer:"),
)

CASES: list[tuple[str, EmojiLevel, int]] = [
    ("friendly", "rich", 1),
    ("friendly", "rich", 2),
    ("friendly", "light", 1),
    ("friendly", "none", 1),
    ("professional", "rich", 1),
    ("professional", "rich", 2),
    ("professional", "none", 3),
    ("punchy", "rich", 1),
    ("punchy", "rich", 2),
    ("punchy", "light", 3),
]


@pytest.mark.parametrize(("tone", "level", "seed"), CASES)
def test_seeded_post(snapshot: SnapshotAssertion, tone: str, level: EmojiLevel, seed: int) -> None:
    post = render_post(TEA, DraftOptions(tone=tone, emoji=level, seed=seed))
    assert post.text == snapshot
