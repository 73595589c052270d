"""The card drawn by rich, rendered into a string (the terminal tests use a real one)."""

from __future__ import annotations

import io

from rich.console import Console

from postkit.drafting import Post
from postkit.platforms import LINKEDIN_FOLD_CHARS, fold_index, get_platform
from postkit.preview import Byline, render_card, text_width, wrap


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
