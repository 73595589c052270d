"""Tones, emoji levels, seeds, variants, hashtags and the call-to-action."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import emoji
import pytest
from typer.testing import CliRunner

from helpers import run_postkit
from postkit.cli import app
from postkit.cli.draft import VARIANT_SEPARATOR
from postkit.drafting import draft_post, draft_variants, render_post
from postkit.model import TONES as BUILTIN_TONES
from postkit.model import DraftOptions, Example, Topic
from postkit.render.catalogue import builtin_template_dir
from postkit.render.compose import environment
from postkit.render.voices import calm, keep_first_emoji
from postkit.settings import ENV_VARS
from postkit.sources.topics import library

runner = CliRunner()
TOPICS = sorted(library())

# A topic that brings its own exclamation marks and emoji, as user pages do.
LOUD = Topic(
    title="Rust",
    summary="Rust is a systems language that is fast and memory-safe! 🦀 Everyone loves it!",
    explanation=("The compiler checks ownership before the program runs!", "No garbage collector."),
    examples=(Example("Firefox", "Parts of the browser engine are written in Rust! 🔥"),),
    tips=("Read the book first!!", "Let clippy teach you?!"),
    pitfalls=("Fighting the borrow checker ⚔️ instead of listening to it.",),
    hashtags=("#Rust", "#Programming"),
    cta="Try it today!",
)


@pytest.fixture(autouse=True)
def no_postkit_variables(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in ENV_VARS.values():
        monkeypatch.delenv(variable, raising=False)
    yield


def draft(*args: str) -> str:
    result = runner.invoke(app, ["draft", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def paragraphs(text: str) -> list[str]:
    return [block for block in text.strip("\n").split("\n\n") if block.strip()]


# ---------------------------------------------------------------- the voices


def voice(tone: str) -> object:
    template = environment().get_template(f"voices/{tone}.j2")
    return template.make_module({"title": "Rust", "topic": {"summary": "Rust is a language."}})


@pytest.mark.parametrize("tone", BUILTIN_TONES)
def test_each_tone_has_three_hooks_and_two_calls_to_action(tone: str) -> None:
    module = voice(tone)
    hooks, ctas = module.hooks, module.ctas  # type: ignore[attr-defined]
    assert len(set(hooks)) >= 3
    assert len(set(ctas)) >= 2
    assert all("Rust" in hook for hook in hooks)


@pytest.mark.parametrize("tone", BUILTIN_TONES)
def test_every_tone_drafts_every_built_in_topic(tone: str) -> None:
    for name in TOPICS:
        post = draft_post(name, DraftOptions(tone=tone, seed=1))
        assert post.fits and post.text.endswith("\n")
        assert "{{" not in post.text and ":rocket:" not in post.text


def test_tones_sound_different() -> None:
    texts = {
        tone: draft_post("genai", DraftOptions(tone=tone, seed=2)).text for tone in BUILTIN_TONES
    }
    assert len(set(texts.values())) == 3


def test_friendly_speaks_in_the_first_person() -> None:
    module = voice("friendly")
    lines = [*module.hooks, *module.ctas]  # type: ignore[attr-defined]
    first_person = [
        line for line in lines if {"I", "I'd", "me", "my"} & set(line.replace("?", " ").split())
    ]
    assert len(first_person) >= 3


@pytest.mark.parametrize("seed", range(8))
def test_professional_never_exclaims(seed: int) -> None:
    for name in TOPICS[:4]:
        assert "!" not in draft_post(name, DraftOptions(tone="professional", seed=seed)).text
    loud = render_post(LOUD, DraftOptions(tone="professional", seed=seed))
    assert "!" not in loud.text
    assert all("!" not in section for section in loud.sections.values())
    assert "Try it today." in loud.text


def test_professional_calms_a_cta_flag_too() -> None:
    text = draft("genai", "--tone", "professional", "--cta", "Join us!!", "--seed", "1")
    assert "!" not in text and "Join us." in text


@pytest.mark.parametrize(
    ("loud", "calm_text"),
    [
        ("Great!", "Great."),
        ("Really?!", "Really?"),
        ("Wow!!! Nice.", "Wow. Nice."),
        ("Why!?", "Why?"),
        ("Yahoo!Mail", "YahooMail"),
        ("Quiet.", "Quiet."),
    ],
)
def test_calm(loud: str, calm_text: str) -> None:
    assert calm(loud) == calm_text


def test_punchy_lines_are_short() -> None:
    module = voice("punchy")
    for line in "\n".join(module.hooks).splitlines():  # type: ignore[attr-defined]
        assert len(line) <= 50, line
    friendly = draft_post("genai", DraftOptions(tone="friendly", seed=3)).text
    punchy = draft_post("genai", DraftOptions(tone="punchy", seed=3)).text

    def mean(text: str) -> float:
        lines = [line for line in text.splitlines() if line]
        return sum(len(line) for line in lines) / len(lines)

    assert mean(punchy) < mean(friendly)


def test_a_user_voice_from_a_template_folder(tmp_path: Path) -> None:
    (tmp_path / "voices").mkdir()
    shutil.copy(
        builtin_template_dir() / "voices" / "friendly.j2", tmp_path / "voices" / "pirate.j2"
    )
    with (tmp_path / "voices" / "pirate.j2").open("a", encoding="utf-8") as handle:
        handle.write('{% set hooks = ["Ahoy! " ~ title ~ " be the treasure today."] %}\n')
    text = draft("genai", "--tone", "pirate", "--template-dir", str(tmp_path), "--seed", "1")
    assert text.startswith("🚀 Ahoy! Generative AI be the treasure today.")
    result = runner.invoke(app, ["draft", "genai", "--tone", "pirate"])
    assert result.exit_code == 2
    assert "--tone: 'pirate' is not a tone" in result.stderr


# ---------------------------------------------------------------- seeds and variants


def test_same_seed_gives_byte_identical_posts_across_processes() -> None:
    args = ("draft", "genai", "--seed", "11", "--tone", "punchy", "--emoji", "light")
    first = run_postkit(*args, env={"PYTHONHASHSEED": "1"})
    second = run_postkit(*args, env={"PYTHONHASHSEED": "2", "POSTKIT_NO_CACHE": "1"})
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout


def test_without_a_seed_the_choice_varies() -> None:
    texts = {draft_post("genai").text for _ in range(12)}
    assert len(texts) > 1


@pytest.mark.parametrize("tone", BUILTIN_TONES)
def test_variants_are_different_and_start_with_the_seeded_post(tone: str) -> None:
    posts = draft_variants("genai", DraftOptions(tone=tone, seed=5), 4)
    assert len({post.text for post in posts}) == 4
    assert posts[0].text == draft_post("genai", DraftOptions(tone=tone, seed=5)).text
    again = draft_variants("genai", DraftOptions(tone=tone, seed=5), 4)
    assert [post.text for post in again] == [post.text for post in posts]


def test_variants_as_a_json_list() -> None:
    data = json.loads(draft("genai", "--variants", "3", "--seed", "9", "--format", "json"))
    assert isinstance(data, list) and len(data) == 3
    assert len({item["text"] for item in data}) == 3
    single = json.loads(draft("genai", "--seed", "9", "--format", "json"))
    assert data[0]["text"] == single["text"]


def test_variants_piped_are_separated_by_a_rule_line() -> None:
    text = draft("genai", "--variants", "3", "--seed", "1")
    parts = text.split(VARIANT_SEPARATOR)
    assert len(parts) == 3
    assert all(part.strip() and part.endswith("\n") for part in parts)


def test_variants_on_a_terminal_are_numbered_cards(monkeypatch: pytest.MonkeyPatch) -> None:
    import postkit.cli.draft as draft_module

    monkeypatch.setattr(draft_module, "stdout_is_terminal", lambda: True)
    text = draft("genai", "--variants", "2", "--seed", "1")
    assert "Variant 1 of 2" in text and "Variant 2 of 2" in text
    assert text.count("╭") == 2


@pytest.mark.parametrize("count", ["0", "-1", "21"])
def test_variants_out_of_range(count: str) -> None:
    result = runner.invoke(app, ["draft", "genai", "--variants", count])
    assert result.exit_code == 2
    assert "--variants" in result.stderr


def test_variants_warn_when_the_templates_run_out(tmp_path: Path) -> None:
    shutil.copytree(builtin_template_dir() / "linkedin", tmp_path / "linkedin")
    (tmp_path / "linkedin" / "intro.j2").write_text("Always the same.\n", encoding="utf-8")
    (tmp_path / "linkedin" / "cta.j2").write_text("Same ending.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["draft", "genai", "--variants", "3", "--template-dir", str(tmp_path), "--seed", "1"]
    )
    assert result.exit_code == 0
    assert "only 1 different drafts" in result.stderr
    assert VARIANT_SEPARATOR not in result.stdout


# ---------------------------------------------------------------- emoji levels


@pytest.mark.parametrize("tone", BUILTIN_TONES)
def test_emoji_none_leaves_not_one_emoji(tone: str) -> None:
    for name in TOPICS:
        post = draft_post(name, DraftOptions(tone=tone, emoji="none", seed=1))
        assert emoji.emoji_count(post.text) == 0, name
        assert "\ufe0f" not in post.text and "\u200d" not in post.text
    loud = render_post(LOUD, DraftOptions(tone=tone, emoji="none", seed=1))
    assert emoji.emoji_count(loud.text) == 0
    assert "• " in loud.text  # bullets stay, as plain text


def test_emoji_none_also_cleans_hashtags_and_cta() -> None:
    text = draft(
        "genai",
        "--emoji",
        "none",
        "--add-hashtag",
        "🚀Launch",
        "--cta",
        "Ship it 🚢 now",
        "--seed",
        "1",
    )
    assert emoji.emoji_count(text) == 0
    assert "#Launch" in text.splitlines()[-1]
    assert "Ship it now" in text


@pytest.mark.parametrize("tone", BUILTIN_TONES)
def test_emoji_light_is_at_most_one_per_section(tone: str) -> None:
    for topic in [*(library()[name].load() for name in TOPICS), LOUD]:
        post = render_post(topic, DraftOptions(tone=tone, emoji="light", seed=1))
        for name, section in post.sections.items():
            assert emoji.emoji_count(section) <= 1, (topic.title, name, section)
        assert 0 < emoji.emoji_count(post.text) <= len(post.sections)


@pytest.mark.parametrize("tone", BUILTIN_TONES)
def test_emoji_rich_signposts_most_paragraphs(tone: str) -> None:
    for name in TOPICS:
        text = draft_post(name, DraftOptions(tone=tone, emoji="rich", seed=1)).text
        blocks = paragraphs(text)
        signposted = [block for block in blocks if emoji.emoji_list(block[:3])]
        assert len(signposted) > len(blocks) / 2, name
        bullets = [line for line in text.splitlines() if line.startswith("• ")]
        assert not bullets  # rich bullets are emoji too


def test_emoji_levels_are_ordered() -> None:
    counts = [
        emoji.emoji_count(draft_post("genai", DraftOptions(emoji=level, seed=1)).text)
        for level in ("none", "light", "rich")
    ]
    assert counts[0] == 0 < counts[1] < counts[2]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("🧠 How:\n🔹 a\n🔹 b", "🧠 How:\na\nb"),
        ("plain ⚠️ and 🔥 words", "plain ⚠️ and words"),
        ("one 👨‍👩‍👧 family 👍🏽", "one 👨‍👩‍👧 family"),
        ("no emoji", "no emoji"),
    ],
)
def test_keep_first_emoji(text: str, kept: str) -> None:
    assert keep_first_emoji(text) == kept


# ---------------------------------------------------------------- hashtags and cta

HASHTAG_FLAGS = [
    (["--hashtags", "#AI,#GenAI"], "#AI #GenAI"),
    (["--hashtags", "ai machineLearning"], "#ai #machineLearning"),
    (["--hashtags", "#AI, #ai,#Ai"], "#AI"),
    (["--hashtags", "#AI", "--add-hashtag", "Deep Learning"], "#AI #DeepLearning"),
    (["--add-hashtag", "#LLM"], "#GenerativeAI #AI #MachineLearning #Innovation #LLM"),
    (["--add-hashtag", "#ai"], "#GenerativeAI #AI #MachineLearning #Innovation"),
]


@pytest.mark.parametrize(("flags", "last_line"), HASHTAG_FLAGS)
def test_hashtag_flags(flags: list[str], last_line: str) -> None:
    result = runner.invoke(app, ["draft", "genai", "--seed", "1", *flags])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == last_line
    assert "warning" not in result.stderr


def test_more_than_five_hashtags_on_linkedin_warns() -> None:
    result = runner.invoke(
        app, ["draft", "genai", "--add-hashtag", "#One", "--add-hashtag", "#Two", "--seed", "1"]
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].count("#") == 6
    assert result.stderr.startswith("postkit: warning: 6 hashtags; linkedin")
    five = runner.invoke(app, ["draft", "genai", "--add-hashtag", "#One", "--seed", "1"])
    assert "warning" not in five.stderr


def test_hashtags_from_the_config_file(isolated_user: Path) -> None:
    (isolated_user / "config.toml").write_text('hashtags = ["#Cfg", "#File"]\n', encoding="utf-8")
    assert draft("genai", "--seed", "1").splitlines()[-1] == "#Cfg #File"
    assert draft("genai", "--seed", "1", "--hashtags", "#Flag").splitlines()[-1] == "#Flag"


def test_cta_flag_replaces_the_call_to_action() -> None:
    data = json.loads(
        draft("genai", "--cta", "Book a call with me.", "--seed", "1", "--format", "json")
    )
    assert data["sections"]["cta"].endswith("Book a call with me.")
    assert data["text"].count("Book a call with me.") == 1
