"""The preview in a real terminal: postkit runs inside tmux and the screen is read back.

Widths are measured by the terminal itself: each captured line is printed
again in a second tmux pane and the cursor position is asked for (DSR), so
the test does not depend on any width table agreeing with tmux's.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from helpers import DATA
from helpers.terminal import Tmux, postkit_command

CARD = 66  # postkit.cli.preview.CARD_WIDTH


def border_lines(screen: str) -> list[str]:
    return [line.rstrip() for line in screen.splitlines() if line.startswith(("╭", "│", "╰"))]


def test_preview_shows_card_fold_and_counter(tmux: Tmux, tmp_path: Path) -> None:
    screen = tmux.run(postkit_command("draft", "generative ai", "--seed", "1"), width=80)
    lines = border_lines(screen)
    assert lines[0].startswith("╭") and lines[-1].startswith("╰")
    assert "…see more" in screen
    assert re.search(r"^\d{1,2},?\d{3} / 3,000", screen, re.MULTILINE), screen
    body = "\n".join(lines)
    assert "#GenerativeAI" not in body  # the hashtags are below the fold
    assert set(tmux.widths(lines, tmp_path)) == {CARD}


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_borders_stay_aligned_with_emoji_flags_and_zwj(
    tmux: Tmux, tmp_path: Path, columns: int
) -> None:
    page = DATA / "emoji-stress.md"
    screen = tmux.run(
        postkit_command("draft", "--from", str(page), "--full", "--seed", "2"), width=columns
    )
    lines = border_lines(screen)
    assert len(lines) > 8, screen
    assert "…see more" not in screen  # --full shows the whole post
    assert any("👩‍💻" in line for line in lines)
    assert any("🇯🇵" in line for line in lines)
    widths = tmux.widths(lines, tmp_path)
    assert set(widths) == {min(CARD, columns)}, list(zip(widths, lines, strict=True))


def test_plain_flag_on_a_terminal_prints_only_the_post(tmux: Tmux) -> None:
    screen = tmux.run(postkit_command("draft", "genai", "--plain", "--seed", "1"), width=80)
    assert "╭" not in screen and "…see more" not in screen
    assert "#GenerativeAI" in screen


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"LANG": "C", "LC_ALL": "C"}])
def test_preview_survives_odd_terminal_settings(tmux: Tmux, env: dict[str, str]) -> None:
    screen = tmux.run(postkit_command("draft", "genai", "--seed", "1", env=env), width=80)
    assert "…see more" in screen
    assert "🚀" in screen
    assert "Traceback" not in screen


def screen_words(screen: str) -> list[str]:
    """The words on a screen, without the card's borders and the `` · `` between
    the footer's parts (a line break stands in for one)."""
    return [word for word in screen.split() if word.strip("╭╮╰╯─│·")]


@pytest.mark.parametrize(
    ("platform", "columns"),
    [
        *(("linkedin", columns) for columns in (30, 33, 37, 41, 46, 52, 58, 66, 80)),
        *(("x", columns) for columns in (30, 41, 52)),
    ],
)
def test_no_word_is_broken_across_lines(tmux: Tmux, platform: str, columns: int) -> None:
    """Drawn at 200 columns, every line fits; narrower, the same words must be on screen."""
    command = postkit_command("draft", "genai", "--seed", "1", "--platform", platform)
    wide = screen_words(tmux.run(command, width=200))
    narrow_screen = tmux.run(command, width=columns)
    narrow = screen_words(narrow_screen)
    assert sorted(narrow) == sorted(wide), narrow_screen
    assert {"folds", "characters"} <= set(wide) or platform != "linkedin"
    header = "You @you · 1/2" if platform == "x" else "Author · Now"
    assert header in narrow_screen


SENTENCE = "models learn the patterns of examples and produce new paragraphs"


def test_check_shows_a_short_excerpt_under_its_gutter(tmux: Tmux, tmp_path: Path) -> None:
    words = SENTENCE.split()
    line = " ".join(words[index % len(words)] for index in range(520))  # 3,500 characters
    middle = line.index(" ", 1750)
    post = tmp_path / "post.txt"
    post.write_text(f"{line[:middle]} :rocket:{line[middle:]}\n", encoding="utf-8")
    command = f"cd {shlex.quote(str(tmp_path))} && {postkit_command('check', 'post.txt')}"
    screen = tmux.run(command, width=80, height=200)
    lines = [row.rstrip() for row in screen.splitlines() if row.strip()][:-1]  # the marker
    assert any(row.startswith(("error", "warning")) and "shortcode" in row for row in lines)
    quoted = [row for row in lines if row.startswith("  │ ")]
    assert any(":rocket:" in row for row in quoted), screen
    assert len(quoted) <= 3 * sum(row.startswith(("error", "warning")) for row in lines)
    assert len(lines) < 25, screen  # the paragraph was printed whole: ~45 rows a problem
    for row in lines:  # the terminal wrapped nothing: a continuation would start at column 0
        assert row.startswith(("error", "warning", "  ", "linkedin: ")), row
    known = set(line.split()) | {":rocket:"}
    for row in quoted:
        assert set(row.removeprefix("  │ ").strip("…").split()) <= known, row
