"""``postkit check``: what it finds, where, and how it reports and exits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import run_postkit
from postkit.platforms.check import CODES, check_post

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
    assert list(data) == [
        "platform",
        "length",
        "limit",
        "ok",
        "fold",
        "parts",
        "part_lengths",
        "problems",
        "counts",
        "cw",
    ]
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
    assert good.stdout.decode() == (
        "bluesky: 84 / 300 (94 / 3,000 UTF-8 bytes; 84 / 300 in the Bluesky app, links shortened)"
        "; 0 error(s), 0 warning(s): ok\n"
    )
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
    from postkit.cli import app
    from postkit.cli import check as check_cli

    monkeypatch.setattr(check_cli, "stdout_is_terminal", lambda: True)
    result = CliRunner().invoke(app, ["check", "-", "--platform", "x"], input="Go :rocket: now\n")
    assert result.exit_code == 1
    assert "error" in result.output and "shortcode" in result.output
    assert "│ Go :rocket: now" in result.output
    assert "<stdin>:1:4" in result.output


SENTENCE = "models learn the patterns of examples and produce new paragraphs"


def _long_paragraph() -> str:
    """One line of 3,574 characters with a shortcode in the middle."""
    words = SENTENCE.split()
    line = " ".join(words[index % len(words)] for index in range(520))
    middle = line.index(" ", 1750)
    line = f"{line[:middle]} :rocket:{line[middle:]}"
    return line[: line.rindex(" ", 0, 3574)].ljust(3574, "x")


def test_an_excerpt_shows_the_words_around_a_span_in_a_long_line() -> None:
    from postkit.platforms.excerpt import CONTEXT, Excerpts

    text = _long_paragraph()
    start = text.index(":rocket:")
    shown = Excerpts(text).around(start, start + len(":rocket:"))
    assert shown.span == ":rocket:"
    assert shown.cut_before and shown.cut_after
    assert 30 < len(shown.before) <= CONTEXT and 30 < len(shown.after) <= CONTEXT
    assert text[start - len(shown.before) - 1] == " " and shown.before[0] != " "
    assert text[start + 8 + len(shown.after)] == " " and shown.after[-1] != " "
    short = Excerpts("Go :rocket: now\nnext line").around(3, 11)
    assert (short.before, short.span, short.after) == ("Go ", ":rocket:", " now")
    assert not short.cut_before and not short.cut_after


def test_an_excerpt_never_cuts_a_grapheme_where_there_is_no_space() -> None:
    from postkit.platforms.excerpt import Excerpts

    family, flags = "👨\u200d👩\u200d👧", "🇯🇵🇫🇷"
    text = family * 40 + "{{x}}" + flags * 40
    start = text.index("{{x}}")
    shown = Excerpts(text).around(start, start + 5)
    assert shown.cut_before and shown.cut_after
    assert shown.before and shown.before == family * (len(shown.before) // len(family))
    assert shown.after and shown.after == flags * (len(shown.after) // len(flags))


def test_a_long_span_is_shortened_and_only_its_first_line_shown() -> None:
    from postkit.platforms.excerpt import LONGEST_SPAN, Excerpts

    text = "Start " + "word " * 100 + "\nsecond line"
    shown = Excerpts(text).around(6, len(text))
    assert shown.before == "Start " and shown.after == ""
    assert shown.cut_after and len(shown.span) <= LONGEST_SPAN and shown.span.endswith("word")
    two_lines = Excerpts("one two\nthree").around(4, 13)
    assert (two_lines.span, two_lines.cut_after) == ("two", True)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(["a", "b", " ", "\n", "\u0301", "👍", "\u200d", "🇯"])
        | st.characters(),
        max_size=300,
    ),
    data=st.data(),
)
def test_excerpts_are_slices_of_one_line_cut_between_graphemes(
    text: str, data: st.DataObject
) -> None:
    from postkit.platforms.excerpt import CONTEXT, LONGEST_SPAN, Excerpts
    from postkit.platforms.spans import grapheme_spans

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    shown = Excerpts(text).around(start, end)
    left, stop = start - len(shown.before), start + len(shown.span)
    right = stop + len(shown.after)
    assert text[left:right] == shown.before + shown.span + shown.after
    assert "\n" not in text[left:right]
    assert len(shown.before) <= CONTEXT and len(shown.after) <= CONTEXT
    assert len(shown.span) <= LONGEST_SPAN
    boundaries = {0, *(stop for _, stop in grapheme_spans(text))}
    if shown.cut_before and left < start:
        assert left in boundaries, (text, start, end, shown)
    if shown.cut_after and right > stop:
        assert right in boundaries, (text, start, end, shown)
    if not shown.cut_before:
        assert left == 0 or text[left - 1] == "\n"
    if not shown.cut_after:
        assert right == len(text) or text[right] == "\n"


def test_terminal_output_shows_an_excerpt_not_the_whole_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from postkit.cli import app
    from postkit.cli import check as check_cli

    monkeypatch.setattr(check_cli, "stdout_is_terminal", lambda: True)
    text = _long_paragraph()
    result = CliRunner().invoke(app, ["check", "-"], input=text + "\n")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    excerpt_lines = [line for line in lines if line.startswith("  │ ")]
    problems = check_post(text + "\n", "linkedin").problems
    assert len(problems) >= 2  # the shortcode, too long, the hook below the fold
    assert len(lines) <= 6 * len(problems) + 1, result.output
    assert len(excerpt_lines) <= 3 * len(problems)
    shortcode = next(index for index, line in enumerate(lines) if "shortcode" in line)
    quoted = next(line for line in lines[shortcode:] if line.startswith("  │ "))
    assert quoted.startswith("  │ …") and ":rocket:" in "".join(excerpt_lines)
    words = set(text.split())
    for line in excerpt_lines:  # every word whole: cut between words only
        for word in line.removeprefix("  │ ").strip("…").split():
            assert word in words, (word, line)
