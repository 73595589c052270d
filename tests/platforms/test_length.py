"""One length everywhere: draft, check, batch and JSON measure a post the same way.

A post's length is the platform's count of its text as published (the line
break the CLI or a file ends it with is not part of it); a thread is counted
part by part, each part with its number, and its length is the sum.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_postkit
from postkit.batch.row import RowResult
from postkit.drafting import draft_post
from postkit.model import DraftOptions, Post
from postkit.platforms.check import check_post
from postkit.platforms.rules import PLATFORMS
from postkit.platforms.threads import Length, measure
from postkit.sources.topics import library

BUILTIN = sorted(library())


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
@pytest.mark.parametrize("topic", BUILTIN)
def test_draft_and_check_of_what_draft_prints_agree(topic: str, platform: str) -> None:
    post = draft_post(topic, DraftOptions(platform=platform, seed=1))
    printed = post.published_text()  # what `postkit draft` pipes, and what batch writes
    checked = check_post(printed, platform)
    drafted = post.to_dict()
    assert drafted["length"] == checked.length == checked.to_dict()["length"]
    assert drafted["part_lengths"] == list(checked.part_lengths)
    assert drafted["parts"] == checked.to_dict()["parts"]
    entry = RowResult(1, 1, "ok", post).manifest_entry()
    assert entry["length"] == checked.length
    assert entry["part_lengths"] == list(checked.part_lengths)
    if len(post.parts) > 1:
        assert post.length == sum(post.part_lengths)
        assert all(size <= post.limit for size in post.part_lengths)
        assert checked.ok, checked.problems


@pytest.mark.parametrize(
    ("topic", "platform"),
    [
        ("generative ai", "linkedin"),
        ("generative ai", "x"),
        ("kubernetes", "x"),
        ("devops", "bluesky"),
    ],
)
def test_draft_piped_into_check_reports_the_drafts_length(topic: str, platform: str) -> None:
    drafted = json.loads(
        run_postkit(
            "draft", topic, "--seed", "1", "--platform", platform, "--format", "json"
        ).stdout
    )
    printed = run_postkit("draft", topic, "--seed", "1", "--platform", platform)
    assert printed.returncode == 0, printed.stderr
    result = run_postkit(
        "check", "-", "--platform", platform, "--format", "json", input=printed.stdout
    )
    checked = json.loads(result.stdout)
    assert checked["length"] == drafted["length"]
    assert checked["part_lengths"] == drafted["part_lengths"]
    assert checked["parts"] == drafted["parts"]
    if platform == "x" and topic == "generative ai":
        assert len(drafted["parts"]) > 1  # the case from the issue: a thread
        assert result.returncode == 0


def test_the_trailing_newline_is_not_counted() -> None:
    assert measure("Hello 👋\n", "linkedin") == Length(8, (8,))
    assert measure("Hello 👋\n\n", "x") == measure("Hello 👋", "x")
    post = draft_post("genai", DraftOptions(seed=1))
    assert post.text.endswith("\n")
    assert post.length == PLATFORMS["linkedin"].count(post.text.rstrip("\n"))


def test_a_thread_counts_each_part_with_its_number() -> None:
    parts = ("First part 🧵 1/2", "Second part 2/2")
    length = measure(parts, "x")
    assert length.parts == (PLATFORMS["x"].count(parts[0]), PLATFORMS["x"].count(parts[1]))
    assert length.parts == (17, 15)
    assert length.total == 32
    checked = check_post("First part 🧵 1/2\n\n---\n\nSecond part 2/2\n", "x")
    assert (checked.length, checked.part_lengths) == (32, (17, 15))


def test_post_json_lists_the_length_of_every_part() -> None:
    post = draft_post("generative ai", DraftOptions(platform="x", seed=1))
    assert len(post.parts) > 1
    data = post.to_dict()
    assert data["part_lengths"] == [PLATFORMS["x"].count(part) for part in post.parts]
    single = Post("T", "x", "just one\n", 8, 280, parts=("just one",))
    assert single.to_dict()["part_lengths"] == [8]
    assert single.part_lengths == (8,)


def test_check_points_at_postkit_thread() -> None:
    text = "A sentence that goes on. " * 20
    result = check_post(text, "x")
    [problem] = [p for p in result.problems if p.code == "too-long"]
    parts = len(result.parts)
    assert parts > 1
    assert (
        f"post it as a thread of {parts} parts: postkit thread FILE --platform x" in problem.message
    )
    assert len(result.part_lengths) == parts
    assert result.length == PLATFORMS["x"].count(text.rstrip("\n"))


def test_batch_manifest_gives_the_length_check_gives_for_each_file(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "topic,platform,seed\ngenerative ai,x,1\nkubernetes,linkedin,2\ndevops,mastodon,3\n",
        encoding="utf-8",
    )
    out = tmp_path / "posts"
    result = run_postkit("batch", str(source), "-o", str(out), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert len(entries) == 3
    for entry in entries:
        text = (out / entry["file"]).read_text(encoding="utf-8")
        checked = check_post(text, entry["platform"])
        assert (entry["length"], entry["part_lengths"]) == (
            checked.length,
            list(checked.part_lengths),
        )
    assert entries[0]["parts"] == len(entries[0]["part_lengths"]) > 1
