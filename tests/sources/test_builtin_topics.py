"""Every built-in topic drafts a good post, and topic lookup forgives spelling."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict
from functools import cache

import emoji
import pytest

from helpers import run_postkit
from postkit import emoji_forms
from postkit.drafting import draft_post
from postkit.model import DraftOptions, Topic
from postkit.platforms.rules import get_platform
from postkit.render import finishing
from postkit.sources.pages import load_topic_page
from postkit.sources.topics import TopicEntry, find_topic, library, topic_key

BUILTIN = sorted(library())
LINKEDIN_LIMIT = get_platform("linkedin").limit

# Markdown or template syntax that must never reach a post.
LEAKS = {
    "bold": re.compile(r"\*\*|__"),
    "heading": re.compile(r"^#{1,6}\s", re.MULTILINE),
    "link": re.compile(r"\[[^\]\n]*\]\([^)\n]*\)"),
    "backtick": re.compile(r"`"),
    "shortcode": re.compile(r":[a-z0-9_+\-]+:"),
    "template": re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"),
    "html": re.compile(r"</?[a-zA-Z][^>]*>"),
}


@cache
def _topic(name: str) -> Topic:
    entry = library()[name]
    return load_topic_page(entry.path, strict=True)


@cache
def _cli_post(name: str) -> tuple[int, str, str]:
    """The plain post of ``postkit draft NAME`` from a real process (run once per topic)."""
    done = run_postkit("draft", name, "--plain", "--seed", "7")
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def _paragraphs(text: str) -> list[str]:
    return [block for block in text.strip("\n").split("\n\n") if block.strip()]


def assert_clean_post(text: str) -> None:
    """No Markdown, shortcodes or template syntax; NFC; every emoji fully qualified."""
    for what, pattern in LEAKS.items():
        found = pattern.search(text)
        assert found is None, f"{what} syntax leaked into the post: {found.group(0)!r}"
    assert emoji_forms.leftover_shortcodes(text) == []
    assert unicodedata.is_normalized("NFC", text)
    for match in emoji.emoji_list(text):
        assert emoji_forms.is_fully_qualified(match["emoji"]), ascii(match["emoji"])
    assert "\ufe0f\ufe0f" not in text


def test_library_has_the_planned_topics() -> None:
    planned = {
        "generative-ai",
        "machine-learning",
        "cloud-computing",
        "cybersecurity",
        "remote-work",
        "data-privacy",
        "open-source",
        "kubernetes",
    }
    assert planned <= set(BUILTIN)
    assert len(BUILTIN) >= 8
    assert all(entry.source == "built-in" for entry in library().values())


@pytest.mark.parametrize("name", BUILTIN)
def test_topic_page_is_complete(name: str) -> None:
    topic = _topic(name)
    assert topic_key(topic.title) == topic_key(name), "file name = slug of the title"
    assert len(topic.summary) >= 60 and topic.summary.endswith(".")
    opening = {"a", "an", "the", *topic.title.casefold().split()}
    assert topic.summary.split()[0].casefold() in opening, "the definition names its topic"
    assert len(topic.explanation) >= 3
    assert len(topic.examples) >= 3
    assert all(example.name and example.text for example in topic.examples)
    assert len(topic.tips) >= 3
    assert len(topic.pitfalls) >= 3
    assert 1 <= len(topic.hashtags) <= 5
    assert all(re.fullmatch(r"#\w+", tag) for tag in topic.hashtags)
    assert topic.sources and all(source.startswith("https://") for source in topic.sources)
    for section, code in asdict(topic.emoji).items():
        assert emoji.emojize(code, language="alias") != code, f"{section}: {code} is not an emoji"
        assert emoji_forms.is_fully_qualified(finishing.finalise(code)), f"{section}: {code}"


@pytest.mark.parametrize("name", BUILTIN)
def test_page_text_is_plain_prose(name: str) -> None:
    """The content itself carries no Markdown that a template would pass on."""
    topic = _topic(name)
    texts = [
        topic.summary,
        *topic.explanation,
        *topic.tips,
        *topic.pitfalls,
        *(f"{example.name} {example.text}" for example in topic.examples),
        topic.cta or "",
    ]
    for text in texts:
        assert not re.search(r"[*`_\[\]<>]|https?://", text), text


def test_aliases_do_not_collide() -> None:
    owner: dict[str, str] = {}
    for name in BUILTIN:
        topic = _topic(name)
        for alias in (name, topic.title, *topic.aliases):
            key = topic_key(alias)
            assert owner.setdefault(key, name) == name, f"{alias!r} names {owner[key]} and {name}"


@pytest.mark.parametrize("name", BUILTIN)
def test_every_alias_finds_its_topic(name: str) -> None:
    topic = _topic(name)
    for alias in (topic.title, topic.title.upper(), *topic.aliases):
        assert find_topic(alias).name == name, alias


@pytest.mark.parametrize("name", BUILTIN)
def test_cli_draft_is_a_good_post(name: str) -> None:
    code, text, errors = _cli_post(name)
    topic = _topic(name)
    assert code == 0, errors
    assert errors == ""
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert len(text) <= LINKEDIN_LIMIT
    assert_clean_post(text)

    blocks = _paragraphs(text)
    signs = {key: finishing.finalise(code) for key, code in asdict(topic.emoji).items()}
    hook, definition = blocks[0], blocks[1]
    assert hook.startswith(signs["intro"]) and topic.title in hook, hook
    assert definition == topic.summary
    assert any(block.startswith(signs["examples"]) for block in blocks)
    for example in topic.examples[:3]:
        assert f"{example.name}: " in text, example.name
    assert topic.tips[0] in text
    assert topic.pitfalls[0] in text
    cta, hashtags = blocks[-2], blocks[-1]
    assert cta.startswith(signs["cta"]) and "\n" not in cta
    if topic.cta:
        assert topic.cta in cta
    assert hashtags.split() == list(topic.hashtags)


@pytest.mark.parametrize("name", BUILTIN)
@pytest.mark.parametrize("level", ["none", "light"])
def test_emoji_levels_keep_the_post_clean(name: str, level: str) -> None:
    post = draft_post(name, DraftOptions(emoji=level, seed=3))  # type: ignore[arg-type]
    assert post.fits and post.length <= LINKEDIN_LIMIT
    assert_clean_post(post.text)
    if level == "none":
        assert emoji.emoji_count(post.text) == 0
    assert _topic(name).summary in post.text


@pytest.mark.parametrize("name", BUILTIN)
def test_every_tone_and_platform_drafts_clean_text(name: str) -> None:
    """Whatever the voice or platform, the content carries no syntax into the post."""
    for tone in ("friendly", "professional", "punchy"):
        post = draft_post(name, DraftOptions(tone=tone, seed=11))
        assert post.fits, (tone, post.length)
        assert_clean_post(post.text)
        assert _topic(name).title in post.text
    for platform in ("x", "bluesky", "mastodon", "threads"):
        post = draft_post(name, DraftOptions(platform=platform, seed=11))
        assert_clean_post(post.text)
        assert post.text.strip()


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("generative ai", "generative-ai"),
        ("Generative-AI", "generative-ai"),
        ("genai", "generative-ai"),
        ("GENERATIVE_AI", "generative-ai"),
        ("  Generative   AI ", "generative-ai"),
        ("gen ai", "generative-ai"),
        ("ML", "machine-learning"),
        ("Machine Learning", "machine-learning"),
        ("k8s", "kubernetes"),
        ("K8S", "kubernetes"),
        ("infosec", "cybersecurity"),
        ("cyber-security", "cybersecurity"),
        ("WFH", "remote-work"),
        ("work from home", "remote-work"),
        ("OSS", "open-source"),
        ("open source", "open-source"),
        ("data protection", "data-privacy"),
        ("the cloud", "cloud-computing"),
    ],
)
def test_lookup_ignores_case_spaces_hyphens_and_accepts_aliases(spelling: str, name: str) -> None:
    entry: TopicEntry = find_topic(spelling)
    assert entry.name == name


def test_cli_accepts_other_spellings() -> None:
    reference = _cli_post("generative-ai")[1]
    for spelling in ("Generative-AI", "genai", "GENERATIVE_AI"):
        done = run_postkit("draft", spelling, "--plain", "--seed", "7")
        assert done.returncode == 0, done.stderr
        assert done.stdout.decode("utf-8") == reference


@pytest.mark.parametrize(
    ("wrong", "closest"),
    [
        ("kubernetis", "kubernetes"),
        ("machine lerning", "machine-learning"),
        ("generative", "generative-ai"),
        ("cyber", "cybersecurity"),
    ],
)
def test_unknown_topic_names_the_closest_and_mentions_from(wrong: str, closest: str) -> None:
    done = run_postkit("draft", wrong)
    assert done.returncode == 2
    assert done.stdout == b""
    errors = done.stderr.decode("utf-8")
    assert errors.endswith("\n") and errors.count("\n") == 1, errors
    assert "Traceback" not in errors
    assert closest in errors
    assert wrong in errors
    assert "--from" in errors


def test_unknown_topic_with_nothing_close_still_says_what_to_do() -> None:
    done = run_postkit("draft", "zqxj")
    assert done.returncode == 2
    errors = done.stderr.decode("utf-8")
    assert errors.count("\n") == 1 and "Traceback" not in errors
    assert "'zqxj'" in errors
    assert "--from" in errors and "topics list" in errors
