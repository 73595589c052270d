"""The card drawn by rich, rendered into a string (the terminal tests use a real one)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from postkit.cli.preview import Byline, render_card, text_width, wrap, wrap_parts, wrap_text
from postkit.model import Post
from postkit.platforms.rules import LINKEDIN_FOLD_CHARS, fold_index, get_platform
from postkit.platforms.spans import grapheme_spans


def make_post(text: str) -> Post:
    linkedin = get_platform("linkedin")
    return Post(
        "Test",
        "linkedin",
        text,
        linkedin.count(text),
        linkedin.limit,
        {},
        fold_index(text, linkedin),
    )


def render(post: Post, width: int = 80, full: bool = False) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system=None,
        emoji=False,
        markup=False,
        highlight=False,
    )
    render_card(post, console, byline=Byline("Ada Lovelace", "Analyst · 1st"), full=full)
    return buffer.getvalue()


def test_markup_and_emoji_codes_show_exactly_as_written() -> None:
    output = render(make_post("See [1] and [bold]this[/bold] :smile: here.\n"))
    assert "See [1] and [bold]this[/bold] :smile: here." in output
    assert "😄" not in output


def test_card_has_author_fold_and_counter() -> None:
    text = "Line one\n\n" + "word " * 80 + "\n\n#Tag\n"
    post = make_post(text)
    output = render(post)
    assert "Ada Lovelace" in output and "Analyst · 1st" in output
    assert "…see more" in output
    assert "#Tag" not in output  # below the fold
    assert f"{post.length:,} / 3,000" in output


def test_full_shows_everything_without_the_fold() -> None:
    output = render(make_post("Line one\n\n" + "word " * 80 + "\n\n#Tag\n"), full=True)
    assert "…see more" not in output
    assert "#Tag" in output


def test_every_line_of_the_card_has_the_same_width() -> None:
    text = "Families 👨‍👩‍👧 flags 🇫🇷🇯🇵 skin 👋🏽 keycap 1️⃣ cloud ☁️ 漢字 " * 6 + "\n"
    lines = render(make_post(text), full=True).splitlines()[:-1]  # the counter is outside
    assert {text_width(line) for line in lines} == {66}


def test_wrap_never_exceeds_the_width_and_keeps_every_grapheme() -> None:
    text = "a" * 50 + " 👨‍👩‍👧 " + "word " * 20
    lines = list(wrap(text, 20))
    assert all(text_width(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_fold_is_where_linkedin_folds() -> None:
    short = make_post("One line only.\n")
    assert short.fold is None
    three_lines = make_post("a\nb\nc\nd\ne\n")
    assert three_lines.fold == len("a\nb\nc")
    long_line = make_post("word " * 100)
    assert long_line.fold is not None
    assert long_line.fold <= LINKEDIN_FOLD_CHARS
    assert long_line.text[long_line.fold] == " "  # folds between words


def test_footer_shows_the_seed_that_drafts_the_post_again() -> None:
    from dataclasses import replace

    post = make_post("A short post.\n")
    assert "seed" not in render(post).splitlines()[-1]  # a post made without one
    footer = render(replace(post, seed=123456)).splitlines()[-1]
    assert footer.endswith(" · seed 123456")  # typed back as --seed 123456: no comma


def render_with(post: Post, width: int, byline: Byline) -> list[str]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, emoji=False, markup=False)
    render_card(post, console, byline=byline)
    return buffer.getvalue().splitlines()


LONG_BYLINE = Byline("Ada Lovelace", "Analyst of the Analytical Engine, London · 1st")


@pytest.mark.parametrize("width", range(30, 82, 4))
def test_no_line_is_wider_than_the_console_and_no_word_is_cut(width: int) -> None:
    post = make_post("Line one\n\n" + "word " * 80 + "\n\n#Tag\n")
    lines = render_with(post, width, LONG_BYLINE)
    assert all(text_width(line) <= width for line in lines), lines
    words = {word for line in lines for word in line.split()}
    expected = f"{post.length:,} / 3,000 linkedin folds after {post.fold:,} characters"
    assert set(expected.split()) <= words, lines
    assert set(f"{LONG_BYLINE.author} {LONG_BYLINE.headline}".split()) <= words, lines
    footer = lines[lines.index(next(line for line in lines if line.startswith("╰"))) + 1 :]
    assert "folds after" in " ".join(footer)


def test_footer_breaks_between_its_parts_and_keeps_styles() -> None:
    footer = Text("1,594 / 3,000", style="green")
    footer.append("  linkedin · folds after 209 characters · seed 12", style="dim")
    lines = wrap_parts(footer, 30)
    assert [line.plain for line in lines] == [
        "1,594 / 3,000  linkedin",
        "folds after 209 characters",
        "seed 12",
    ]
    assert lines[0].style == "green"  # the count keeps its colour, the rest stays dim
    assert [(span.start, span.style) for span in lines[0].spans] == [(13, "dim")]
    assert [(span.start, span.end, span.style) for span in lines[2].spans] == [(0, 7, "dim")]
    assert [line.plain for line in wrap_parts(footer, 80)] == [footer.plain]
    # A part longer than a line is wrapped between its words.
    assert [line.plain for line in wrap_parts(Text("one two three · four"), 9)] == [
        "one two",
        "three",
        "four",
    ]


def make_thread(platform: str) -> Post:
    parts = ("First part of the thread 1/2", "Second part 2/2")
    return Post("T", platform, "\n---\n".join(parts), 30, 280, parts=parts)


def test_x_card_has_name_handle_and_part_number_not_a_headline() -> None:
    shown = "\n".join(render_with(make_thread("x"), 60, Byline("Ada Lovelace", "Analyst · 1st")))
    assert "│ Ada Lovelace @adalovelace · 1/2" in shown
    assert "│ Ada Lovelace @adalovelace · 2/2" in shown
    assert "Analyst · 1st" not in shown and "Author · Now" not in shown
    single = make_post("Short.\n")
    single = Post("T", "x", single.text, 6, 280)
    shown = "\n".join(render_with(single, 60, Byline()))
    assert "│ You @you " in shown and "1/" not in shown and "Author · Now" not in shown


@pytest.mark.parametrize(
    ("platform", "header"),
    [
        ("bluesky", "│ You @you.bsky.social · 1/2"),
        ("mastodon", "│ You @you@mastodon.social · 1/2"),
        ("threads", "│ you · 1/2"),
    ],
)
def test_other_platforms_show_a_handle_line(platform: str, header: str) -> None:
    shown = "\n".join(render_with(make_thread(platform), 60, Byline()))
    assert header in shown and "Author · Now" not in shown


PIECES = st.sampled_from(["ab", " ", "  ", " · ", "\n", "👨\u200d👩\u200d👧", "🇯🇵", "漢"])


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(PIECES | st.characters(), max_size=60).map("".join),
    width=st.integers(2, 40),
)
def test_wrap_text_and_wrap_parts_keep_every_word_and_style(text: str, width: int) -> None:
    styled = Text(text, style="green")
    styled.stylize("bold", 0, len(text) // 2)
    text = styled.plain  # rich drops control characters such as \b
    lines = wrap_text(styled, width)
    assert [line.plain for line in lines] == list(wrap(text, width))
    assert all(line.style == "green" for line in lines)
    parts = [line.plain for line in wrap_parts(styled, width)]
    # Only a grapheme wider than the whole line may stick out.
    assert all(text_width(line) <= width or len(list(grapheme_spans(line))) == 1 for line in parts)
    kept = "".join("".join(parts).split()).replace("·", "")
    assert kept == "".join(text.split()).replace("·", "")
