"""The built-in template sets read well: on every built-in topic, platform, tone and seed.

An editor's three complaints, each a test: a phrase that says the title twice
("Generative AI: Generative AI is …"), a thread part that is only the call to
action and the hashtags, and a heading that does not agree in number with its
items ("A few tips to get started:" over a single tip).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from postkit.drafting import draft_post, render_post
from postkit.model import TONES, DraftOptions, EmojiLevel, Example, Post, Topic
from postkit.render.compose import environment, heading, mentioning
from postkit.sources.prose import sentences
from postkit.sources.topics import library

BUILTIN = sorted(library())
THREAD_PLATFORMS = ("x", "bluesky", "mastodon", "threads")
PLATFORMS = (*THREAD_PLATFORMS, "linkedin")
SEEDS = (0, 1, 2, 5)
LEVELS: tuple[EmojiLevel, ...] = ("rich", "none")

MIN_WORDS = 6  # of content in every part of a thread, besides the sign-off and headings

# Words that make a heading plural or singular ("A few tips", "One risk").
PLURAL = {
    "tips",
    "pitfalls",
    "risks",
    "recommendations",
    "examples",
    "benefits",
    "ideas",
    "points",
    "mistakes",
    "few",
    "some",
    "several",
    "these",
}
SINGULAR = {
    "one",
    "single",
    "tip",
    "pitfall",
    "risk",
    "recommendation",
    "example",
    "benefit",
    "idea",
    "point",
    "mistake",
}

# One of everything: the lists a user's short topic page has.
SINGLE = Topic(
    title="Sourdough",
    summary="Sourdough is bread raised by wild yeast and bacteria instead of packaged yeast.",
    explanation=("A starter of flour and water ferments for days before it can raise a loaf.",),
    examples=(Example("San Francisco", "The city's sourdough is famous for its sour tang."),),
    benefits=("The long fermentation makes the bread keep for longer.",),
    tips=("Feed the starter at the same time every day.",),
    pitfalls=("Baking before the starter doubles gives a dense loaf.",),
    hashtags=("#Sourdough", "#Baking"),
)


@cache
def _draft(name: str, platform: str, tone: str, seed: int, level: EmojiLevel = "rich") -> Post:
    return draft_post(name, DraftOptions(platform=platform, tone=tone, seed=seed, emoji=level))


def _title_count(text: str, title: str) -> int:
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, title.split())) + r"(?!\w)"
    return len(re.findall(pattern, text, re.IGNORECASE))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’-]*", text)


def _heading_problems(post: Post) -> tuple[list[str], int]:
    """Headings whose number disagrees with their items, and how many were one-item lists."""
    problems, single = [], 0
    for name in ("explanation", "examples", "tips"):
        for block in post.sections.get(name, "").split("\n\n"):
            lines = [line for line in block.splitlines() if line.strip()]
            if len(lines) < 2 or not lines[0].endswith(":"):
                continue  # a list with no heading (Mastodon's points)
            words = {word.lower() for word in _words(lines[0])}
            items = len(lines) - 1
            single += items == 1
            wrong = PLURAL if items == 1 else SINGULAR
            if words & wrong:
                problems.append(f"{lines[0]!r} heads {items} item(s)")
    return problems, single


def _content_words(part: str, post: Post) -> list[str]:
    """The words of a thread part that are not the call to action, a hashtag,
    a heading or the part's number."""
    for sentence in sentences(post.sections.get("cta", "")):
        part = part.replace(sentence, " ")
    part = re.sub(r"(?<!\w)#\w+", " ", part)
    part = re.sub(r"(?<!\S)\d+/\d+(?!\S)", " ", part)
    lines = [line for line in part.splitlines() if not line.rstrip().endswith(":")]
    return _words(" ".join(lines))


# ---------------------------------------------------------------- no phrase says the title twice


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("name", BUILTIN)
def test_no_sentence_names_the_title_twice(name: str, platform: str, tone: str) -> None:
    for seed in SEEDS:
        post = _draft(name, platform, tone, seed)
        title = post.topic
        for line in post.text.splitlines():
            if line.lstrip().startswith("#"):
                continue  # hashtags: #Agile is not a sentence about Agile
            for sentence in sentences(line):
                assert _title_count(sentence, title) <= 1, (seed, sentence)
        assert _title_count(post.sections["intro"], title) >= 1, post.sections["intro"]


@pytest.mark.parametrize("platform", ("x", "bluesky", "mastodon"))
def test_the_short_intro_leads_with_the_title_only_when_the_definition_does_not(
    platform: str,
) -> None:
    named = render_post(SINGLE, DraftOptions(platform=platform, seed=1, emoji="none"))
    assert named.sections["intro"] == SINGLE.summary
    unnamed = Topic(title="Levain", summary="A mix of flour, water and wild yeast.")
    post = render_post(unnamed, DraftOptions(platform=platform, seed=1, emoji="none"))
    assert post.sections["intro"] == "Levain: A mix of flour, water and wild yeast."
    said = Topic(title="AI", summary="The machine said what the data said.")
    post = render_post(said, DraftOptions(platform=platform, seed=1, emoji="none"))
    assert post.sections["intro"].startswith("AI: The machine said")  # "said" is not "AI"


# ---------------------------------------------------------------- every part carries content


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", THREAD_PLATFORMS)
@pytest.mark.parametrize("name", BUILTIN)
def test_every_part_of_a_thread_carries_content(name: str, platform: str, tone: str) -> None:
    for seed in SEEDS:
        for level in LEVELS:
            post = _draft(name, platform, tone, seed, level)
            for index, part in enumerate(post.parts, 1):
                words = _content_words(part, post)
                assert len(words) >= MIN_WORDS, (seed, level, index, part)
            if len(post.parts) > 1:  # the sign-off stays whole, with the last content
                assert post.sections["cta"] in post.parts[-1]
                assert post.sections["hashtags"] in post.parts[-1]


def test_an_x_thread_ends_with_its_tip_and_the_sign_off() -> None:
    post = _draft("generative-ai", "x", "friendly", 1)
    assert len(post.parts) == 2
    first, last = post.parts
    assert first.startswith("🚀 Generative AI is software") and first.endswith(" 1/2")
    assert last.startswith("📝 One tip to get started:\n✅ Start with one narrow")
    assert last.endswith("#GenerativeAI #AI 2/2")
    assert "---" not in "".join(post.parts)


@pytest.mark.parametrize("platform", THREAD_PLATFORMS)
def test_a_post_that_fits_stays_one_post(platform: str) -> None:
    short = Topic(
        title="Tea",
        summary="Tea is leaves steeped in hot water.",
        tips=("Warm the pot first.",),
        hashtags=("#Tea",),
    )
    post = render_post(short, DraftOptions(platform=platform, seed=1))
    assert post.parts == (post.text.strip(),)
    assert "---" not in post.text


@pytest.mark.parametrize("platform", ("threads",))
@pytest.mark.parametrize("seed", range(12))
def test_short_posts_open_without_a_greeting(platform: str, seed: int) -> None:
    for name in BUILTIN[:4]:
        assert "Hello everyone" not in _draft(name, platform, "friendly", seed).text


# ---------------------------------------------------------------- headings agree in number


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("name", BUILTIN)
def test_headings_agree_in_number_with_their_items(name: str, platform: str, tone: str) -> None:
    for seed in SEEDS:
        problems, _ = _heading_problems(_draft(name, platform, tone, seed))
        assert not problems, (seed, problems)


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_single_item_gets_a_singular_heading(platform: str, tone: str) -> None:
    post = render_post(SINGLE, DraftOptions(platform=platform, tone=tone, seed=3))
    problems, single = _heading_problems(post)
    assert not problems
    assert single >= 1  # the check above looked at one-item lists


def test_the_singular_headings_read_as_written() -> None:
    friendly = render_post(SINGLE, DraftOptions(tone="friendly", seed=1, emoji="none")).text
    assert "One tip to get started:\n• Feed the starter" in friendly
    assert "And one pitfall to watch out for:\n• Baking before" in friendly
    professional = render_post(SINGLE, DraftOptions(tone="professional", seed=1)).text
    assert "One recommendation:" in professional and "One risk to manage:" in professional


def test_a_voice_without_a_singular_heading_keeps_its_one_heading(tmp_path: Path) -> None:
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices" / "terse.j2").write_text(
        '{% set hooks = [title] %}{% set ctas = ["Bye."] %}\n'
        '{% set explanation_heading = "How:" %}{% set examples_heading = "Where:" %}\n'
        '{% set benefits_heading = "Why:" %}{% set tips_heading = "Tips:" %}\n'
        '{% set pitfalls_heading = "Traps:" %}\n',
        encoding="utf-8",
    )
    options = DraftOptions(tone="terse", template_dirs=(tmp_path,), seed=1, emoji="none")
    text = render_post(SINGLE, options).text
    assert "Tips:\n• Feed the starter" in text and "Traps:\n• Baking" in text


def test_heading_picks_the_form_for_the_count() -> None:
    voice = (
        environment()
        .get_template("voices/friendly.j2")
        .make_module({"title": "Tea", "topic": {"summary": "Tea is a drink."}})
    )
    assert heading(voice, "tips", 1) == "One tip to get started:"
    assert heading(voice, "tips", 2) == "A few tips to get started:"
    assert heading(voice, "examples", 1) == heading(voice, "examples", 3)


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Generative AI is software", "generative ai", True),
        ("Generative   AI is", "Generative AI", True),
        ("The machine said so", "AI", False),
        ("#Agile teams", "Agile", True),
        ("Agile-ish", "Agile", True),
        ("Agiles", "Agile", False),
        ("anything", "", False),
    ],
)
def test_mentioning(text: str, name: str, found: bool) -> None:
    assert mentioning(text, name) is found
