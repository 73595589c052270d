"""``postkit check``: what it finds, where, and how it reports and exits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import run_postkit
from postkit.check import CODES, check_post

FAMILY = "👨\u200d👩\u200d👧\u200d👦"
CLEAN = "Counting characters is harder than it looks.\n\nEmoji 🚀 and flags 🇺🇦 are fine.\n#Unicode"


def _found(text: str, platform: str = "linkedin") -> dict[str, list[str]]:
    result = check_post(text, platform)
    found: dict[str, list[str]] = {}
    for problem in result.problems:
        found.setdefault(problem.code, []).append(text[problem.start : problem.end])
    return found


def test_a_clean_post_has_no_problems() -> None:
    for platform in ("linkedin", "x", "bluesky", "mastodon", "threads"):
        result = check_post(CLEAN + "\n", platform)
        assert result.problems == (), (platform, result.problems)
        assert result.ok
        assert result.parts == (CLEAN,)


@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("Launch day ðŸš€ for everyone", "mojibake", "ðŸš€"),
        ("Caf\u00c3\u00a9 au lait", "mojibake", "\u00c3\u00a9"),
        ("We ship soon \u200d today", "lone-zwj", "\u200d"),
        (f"Family {FAMILY[:-1]} trailing", "lone-zwj", "\u200d"),
        ("Flag half \U0001f1fa only", "lone-regional-indicator", "\U0001f1fa"),
        ("Thumbs 👍\ufe0f up", "stray-variation-selector", "\ufe0f"),
        ("Plain text\ufe0f here", "stray-variation-selector", "\ufe0f"),
        ("Cloudy ☁ today", "unqualified-emoji", "☁"),
        ("Broken a\ud83d b", "lone-surrogate", "\ud83d"),
        ("Hello {{ title }} there", "template-syntax", "{{ title }}"),
        ("{% if x %}Hi", "template-syntax", "{% if x %}"),
        ("Ship it :rocket: now", "shortcode", ":rocket:"),
        ("This is **important** news", "markdown", "**important**"),
        ("## Heading here\nText", "markdown", "## Heading here"),
        ("See [the docs](https://example.com)", "markdown", "[the docs](https://example.com)"),
        ("Run `pip install` first", "markdown", "`pip install`"),
        ("A \U0001d401\U0001d428\U0001d425\U0001d41d claim", "math-letters", "𝐁𝐨𝐥𝐝"),
        ("Line with spaces   \nnext", "trailing-whitespace", "   "),
        ("   ", "empty", "   "),
    ],
)
def test_each_problem_is_found_where_it_is(text: str, code: str, fragment: str) -> None:
    found = _found(text)
    assert code in found, found
    assert fragment in found[code]


def test_too_long_says_where_the_overflow_starts() -> None:
    text = "word " * 55 + "end"  # 278 characters, then ...
    text += " more words here"
    result = check_post(text, "x")
    [problem] = [p for p in result.problems if p.code == "too-long"]
    assert problem.severity == "error"
    assert (problem.start, problem.end) == (280, len(text))
    assert "294 / 280" in problem.message and "line 1, column 281" in problem.message
    assert "thread of 2 parts" in problem.message
    assert not result.ok
    assert len(result.parts) == 2
    assert result.to_dict()["length"] == 294


def test_a_thread_with_breaks_is_checked_part_by_part() -> None:
    fits = "First part.\n\n---\n\nSecond part."
    assert check_post(fits, "x").ok
    assert check_post(fits, "x").parts == ("First part.", "Second part.")
    over = "Short.\n---\n" + "x" * 300
    [problem] = check_post(over, "x").problems
    assert problem.code == "too-long" and problem.message.startswith("part 2: 300 / 280")
    assert over[problem.start : problem.end] == "x" * 20


def test_limit_overrides_the_platform() -> None:
    text = "a" * 400
    assert not check_post(text, "x").ok
    assert check_post(text, "x", limit=25_000).ok


def test_hook_below_the_fold_on_linkedin_only() -> None:
    hook = "This opening line goes on " + "and on " * 40 + "before it ends."
    text = f"{hook}\n\nBody."
    found = _found(text)
    assert "hook-below-fold" in found
    assert hook.endswith(found["hook-below-fold"][0])
    assert "hook-below-fold" not in _found("Short hook.\n\n" + "Body line.\n" * 30)
    assert "hook-below-fold" not in _found(text, "x")


def test_too_many_hashtags_against_the_platform() -> None:
    text = "Post.\n#one #two #three"
    assert "too-many-hashtags" not in _found(text, "linkedin")
    assert _found(text, "x")["too-many-hashtags"] == ["#three"]
    assert _found(text, "threads")["too-many-hashtags"] == ["#two #three"]


@pytest.mark.parametrize(
    "text",
    [
        "क्\u200dष joins letters",  # ZWJ in Devanagari shaping is not an emoji
        "İstanbul çok güzel, Łódź, Ελλάδα, “quotes” — fine",
        "Meet at 12:30:45, 5 * 3 * 2 = 30, e.g. this © 2025",
        f"Family {FAMILY}, flag 🇺🇦, keycap 1️⃣, heart ❤️",
        "#hashtag at the start is not a heading",
    ],
)
def test_legitimate_text_is_left_alone(text: str) -> None:
    assert check_post(text, "linkedin").problems == ()


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=400), platform=st.sampled_from(["linkedin", "x", "threads"]))
def test_problems_always_point_inside_the_text(text: str, platform: str) -> None:
    result = check_post(text, platform)
    for problem in result.problems:
        assert problem.code in CODES and problem.severity == CODES[problem.code]
        assert 0 <= problem.start <= problem.end <= len(text)
    assert [p.start for p in result.problems] == sorted(p.start for p in result.problems)
    json.dumps(result.to_dict(), ensure_ascii=False)


def test_json_shape(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("Line one\nLine two\nLine three\nLine four :rocket:\n", encoding="utf-8")
    result = run_postkit("check", str(post), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert list(data) == ["platform", "length", "limit", "ok", "fold", "parts", "problems"]
    assert data["platform"] == "linkedin" and data["limit"] == 3000 and data["ok"] is False
    assert data["fold"] == {"index": 28, "preview": "Line one\nLine two\nLine three"}
    assert data["parts"] == ["Line one\nLine two\nLine three\nLine four :rocket:"]
    [problem] = data["problems"]
    assert problem == {
        "code": "shortcode",
        "severity": "error",
        "message": problem["message"],
        "start": 39,
        "end": 47,
    }
    x = json.loads(
        run_postkit("check", "-", "--platform", "x", "--format", "json", input="hi").stdout
    )
    assert x["fold"] is None and x["length"] == 2 and x["ok"] is True


def test_exit_codes_and_plain_output(tmp_path: Path) -> None:
    good = run_postkit("check", "-", "--platform", "bluesky", input=CLEAN)
    assert good.returncode == 0
    assert good.stdout.decode() == "bluesky: 84 / 300; 0 error(s), 0 warning(s): ok\n"
    warned = run_postkit("check", "-", input="Fine post, trailing space \n")
    assert warned.returncode == 0  # warnings alone pass
    assert b"<stdin>:1:26: warning: trailing whitespace" in warned.stdout
    bad = tmp_path / "bad.txt"
    bad.write_text("Hello {{ name }}\n", encoding="utf-8")
    failed = run_postkit("check", str(bad))
    assert failed.returncode == 1
    assert f"{bad}:1:7: error: leftover template syntax".encode() in failed.stdout
    missing = run_postkit("check", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and b"no such file" in missing.stderr
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\xff\xfe\x00\xd8 junk \x80\x81")
    unreadable = run_postkit("check", str(binary))
    assert unreadable.returncode == 2 and b"Traceback" not in unreadable.stderr
    bad_limit = run_postkit("check", "-", "--limit", "3", input="hi")
    assert bad_limit.returncode == 2 and b"--limit" in bad_limit.stderr


def test_terminal_output_lists_problems_with_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from postkit.cli import check as check_cli
    from postkit.cli.common import app

    monkeypatch.setattr(check_cli, "stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(app, ["check", "-", "--platform", "x"], input="Go :rocket: now\n")
    assert result.exit_code == 1
    assert "error" in result.output and "shortcode" in result.output
    assert "│ Go :rocket: now" in result.output
    assert "<stdin>:1:4" in result.output
