"""Thread splitting: every part fits, nothing is lost, nothing is cut in the middle."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import run_postkit
from postkit.drafting import draft_post
from postkit.errors import InputError
from postkit.model import DraftOptions, Post
from postkit.platforms.rules import PLATFORMS
from postkit.platforms.threads import manual_pieces, manual_spans, split_thread

THREAD_PLATFORMS = ("x", "bluesky", "mastodon", "threads")
FAMILY = "👨\u200d👩\u200d👧\u200d👦"

# Tokens that must never be cut: emoji sequences, letters with marks, links, mentions, tags.
WHOLE = [
    FAMILY,
    "🇺🇦",
    "👍🏽",
    "1️⃣",
    "e\u0301",
    "🏳️\u200d🌈",
    "https://example.com/a/b?c=d",
    "example.org/path",
    "@alice@mastodon.social",
    "@bob",
    "#OpenSource",
    "#データ",
]
WORDS = ["post", "thread", "Unicode", "counting", "漢字", "café", "naïve", "ok", "a", "Zürich"]
SEPARATORS = [" ", " ", " ", ". ", "! ", "? ", ", ", "\n", "\n\n", "\n- "]

tokens = st.lists(
    st.tuples(st.sampled_from(WORDS + WHOLE), st.sampled_from(SEPARATORS)), min_size=1, max_size=120
)


def _text(pairs: list[tuple[str, str]]) -> str:
    return "".join(word + sep for word, sep in pairs).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _unnumbered(parts: tuple[str, ...], numbering: str) -> list[str]:
    total = len(parts)
    if total == 1 or numbering == "none":
        return list(parts)
    out = []
    for index, part in enumerate(parts, 1):
        mark = f"{index}/{total}"
        if numbering == "suffix":
            assert part.endswith(" " + mark), part
            out.append(part[: -len(mark) - 1])
        else:
            assert part.startswith(mark + " "), part
            out.append(part[len(mark) + 1 :])
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pairs=tokens,
    platform=st.sampled_from(THREAD_PLATFORMS),
    limit=st.sampled_from([60, 100, 140, 280, 500]),
    numbering=st.sampled_from(["suffix", "prefix", "none"]),
)
def test_every_part_fits_and_joining_gives_back_the_text(
    pairs: list[tuple[str, str]], platform: str, limit: int, numbering: str
) -> None:
    text = _text(pairs)
    count = PLATFORMS[platform].count
    parts = split_thread(text, platform, limit=limit, numbering=numbering)  # type: ignore[arg-type]
    assert parts
    for part in parts:
        assert count(part) <= limit, (part, count(part))
        assert part == part.strip()
    body = _unnumbered(parts, numbering)
    assert _squash("".join(body)) == _squash(text)
    # Nothing unbreakable was cut: each such token sits whole inside one part.
    for word, _ in pairs:
        if word in WHOLE:
            assert any(word in part for part in body), word


@settings(max_examples=40, deadline=None)
@given(pairs=tokens, platform=st.sampled_from(THREAD_PLATFORMS))
def test_manual_breaks_are_kept(pairs: list[tuple[str, str]], platform: str) -> None:
    first = _text(pairs)
    text = f"{first}\n---\nSecond part here.\n  ---  \nThird."
    parts = split_thread(text, platform, numbering="none")
    assert parts[-2:] == ("Second part here.", "Third.")
    assert _squash("".join(parts)) == _squash(first + "Second part here.Third.")


def test_a_text_that_fits_comes_back_whole_and_unnumbered() -> None:
    assert split_thread("Short and sweet.\n\n#tag", "x") == ("Short and sweet.\n\n#tag",)
    assert split_thread("", "x") == ()


def test_split_prefers_paragraphs_then_sentences() -> None:
    one = "First paragraph is here. " * 4
    two = "Second paragraph is here. " * 4
    parts = split_thread(f"{one.strip()}\n\n{two.strip()}", "x", limit=120, numbering="none")
    assert parts == (one.strip(), two.strip())
    sentences = "One sentence here. Another sentence there. A third sentence now."
    parts = split_thread(sentences, "x", limit=45, numbering="none")
    assert parts == ("One sentence here. Another sentence there.", "A third sentence now.")


def test_numbering_is_counted_inside_the_limit() -> None:
    text = " ".join(["word"] * 200)
    for numbering in ("suffix", "prefix"):
        parts = split_thread(text, "x", numbering=numbering)
        assert len(parts) == 4
        assert all(PLATFORMS["x"].count(part) <= 280 for part in parts)
    parts = split_thread(text, "x")
    assert parts[0].endswith(" 1/4") and parts[-1].endswith(" 4/4")
    assert split_thread(text, "x", numbering="prefix")[1].startswith("2/4 ")


def test_a_link_longer_than_a_part_is_the_only_thing_ever_cut() -> None:
    url = "https://example.com/" + "x" * 80
    parts = split_thread(f"see {url} now", "bluesky", limit=40, numbering="none")
    assert all(PLATFORMS["bluesky"].count(part) <= 40 for part in parts)
    assert _squash("".join(parts)) == _squash(f"see {url} now")


def test_linkedin_has_no_threads() -> None:
    text = "Above\n---\nBelow " + "word " * 700
    assert split_thread(text, "linkedin") == (text.strip(),)


def test_bad_numbering_is_refused() -> None:
    with pytest.raises(InputError, match="numbering"):
        split_thread("x " * 400, "x", numbering="roman")  # type: ignore[arg-type]


def test_manual_spans_point_into_the_text() -> None:
    text = "  one\n---\n\ntwo  \n---\n"
    assert [text[s:e] for s, e in manual_spans(text)] == ["one", "two"]
    assert manual_pieces("no breaks") == ["no breaks"]


@pytest.mark.parametrize("platform", THREAD_PLATFORMS)
def test_every_platform_has_a_short_template_set(platform: str) -> None:
    post = draft_post("generative ai", DraftOptions(platform=platform, seed=1))
    limit = PLATFORMS[platform].limit
    assert post.parts
    assert all(PLATFORMS[platform].count(part) <= limit for part in post.parts)
    assert "Hello everyone" not in post.text  # no LinkedIn-style padding
    hashtags = re.findall(r"(?<!\w)#\w+", post.text)
    assert 1 <= len(hashtags) <= (PLATFORMS[platform].max_hashtags or 99)


def test_draft_splits_over_the_limit_and_json_lists_the_parts() -> None:
    post = draft_post("generative ai", DraftOptions(platform="x", seed=1, limit=120))
    assert len(post.parts) > 1
    assert post.to_dict()["parts"] == list(post.parts)
    assert all(part.endswith(f" {i}/{len(post.parts)}") for i, part in enumerate(post.parts, 1))
    whole = draft_post("generative ai", DraftOptions(platform="linkedin", seed=1))
    assert whole.to_dict()["parts"] == [whole.text.rstrip("\n")]


def test_draft_cli_pipes_parts_with_a_separator() -> None:
    result = run_postkit(
        "draft", "generative ai", "--platform", "x", "--seed", "1", "--numbering", "prefix"
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    parts = out.rstrip("\n").split("\n\n---\n\n")
    assert len(parts) >= 2
    assert parts[0].startswith("1/") and parts[1].startswith("2/")
    data = json.loads(
        run_postkit(
            "draft",
            "generative ai",
            "--platform",
            "x",
            "--seed",
            "1",
            "--format",
            "json",
            "--limit",
            "100",
            "--numbering",
            "none",
        ).stdout
    )
    assert len(data["parts"]) > 2
    assert all(PLATFORMS["x"].count(part) <= 100 for part in data["parts"])
    bad = run_postkit("draft", "generative ai", "--numbering", "roman")
    assert bad.returncode == 2 and b"--numbering" in bad.stderr


def test_preview_draws_one_card_per_part() -> None:
    from rich.console import Console

    from postkit.cli.preview import render_card

    post = Post("T", "x", "one two\n---\nthree", 20, 280, parts=("one 1/2", "three 2/2"))
    buffer = io.StringIO()
    render_card(post, Console(file=buffer, width=60, color_system=None))
    shown = buffer.getvalue()
    assert shown.count("╭") == 2
    assert "part 1 of 2" in shown and "part 2 of 2" in shown
    assert "7 / 280" in shown and "9 / 280" in shown
