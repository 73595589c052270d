"""The terminal preview: a post drawn as a LinkedIn-style card with rich.

Only imported when stdout is a terminal. Post text reaches rich as ``Text``,
never parsed as markup or emoji codes, so ``[1]`` and ``:smile:`` show as
written.

Terminals disagree about the width of emoji sequences (a ZWJ family is two
cells in one terminal and six in another). Lines are wrapped by the widest
reading, and on a real terminal the right border is placed with a cursor move
to its column, so it stays aligned whatever the terminal decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex
from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.control import Control
from rich.text import Text

from postkit.drafting import Post
from postkit.platforms import GRAPHEME

CARD_WIDTH = 66  # about the width of a post in LinkedIn's desktop feed, in cells
MIN_CARD_WIDTH = 24
SEE_MORE = "…see more"

_GRAPHEME = regex.compile(GRAPHEME)  # \X, linear on runs of flags
_HASHTAG = r"(?<![\w#])#\w+"


@dataclass(frozen=True)
class Byline:
    """The author line at the top of the card."""

    author: str = "You"
    headline: str = "Author · Now"


def grapheme_width(grapheme: str) -> int:
    """The most cells any terminal may give a grapheme (cluster-aware or per code point)."""
    per_point = sum(get_character_cell_size(char) for char in grapheme)
    return max(cell_len(grapheme), per_point)


def text_width(text: str) -> int:
    """The widest reading of a line's width in cells."""
    return sum(grapheme_width(g) for g in _GRAPHEME.findall(text))


def wrap(text: str, width: int) -> Iterator[str]:
    """Word-wrap plain text to ``width`` cells, splitting over-long words by grapheme."""
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split(" "):
            size = text_width(word)
            if line and used + 1 + size <= width:
                line, used = f"{line} {word}", used + 1 + size
                continue
            if line or used:
                yield line
            line, used = "", 0
            for grapheme in _GRAPHEME.findall(word):
                cells = grapheme_width(grapheme)
                if used + cells > width and line:
                    yield line
                    line, used = "", 0
                line, used = line + grapheme, used + cells
        yield line


def _body(post: Post, full: bool) -> tuple[str, bool]:
    if full or post.fold is None:
        return post.text.rstrip("\n"), False
    return post.text[: post.fold].rstrip(), True


def card_lines(post: Post, inner: int, byline: Byline, full: bool) -> list[Text]:
    """The lines inside the card, each at most ``inner`` cells wide."""
    lines = [Text(byline.author, style="bold"), Text(byline.headline, style="dim"), Text("")]
    body, folded = _body(post, full)
    for line in wrap(body, inner):
        text = Text(line)
        text.highlight_regex(_HASHTAG, "bold blue")
        lines.append(text)
    if folded:
        last = lines[-1]
        tail = f" {SEE_MORE}" if last.plain else SEE_MORE
        if text_width(last.plain + tail) <= inner:
            last.append(tail, style="dim")
        else:
            lines.append(Text(SEE_MORE, style="dim"))
    return lines


def counter(post: Post) -> Text:
    """``1,690 / 3,000`` in green, or red when the post is over the limit."""
    style = "green" if post.fits else "bold red"
    text = Text(f"{post.length:,} / {post.limit:,}", style=style)
    text.append(f"  {post.platform}", style="dim")
    if post.fold is not None:
        text.append(f" · folds after {post.fold:,} characters", style="dim")
    return text


def render_card(
    post: Post, console: Console, *, byline: Byline | None = None, full: bool = False
) -> None:
    """Draw the post as a card, then its counter; a thread as one card per part."""
    if len(post.parts) > 1:
        render_thread(post, console, byline=byline)
        return
    width = max(MIN_CARD_WIDTH, min(CARD_WIDTH, console.width))
    inner = width - 4
    border = "dim"
    console.print(Text("╭" + "─" * (width - 2) + "╮", style=border), soft_wrap=True)
    for line in card_lines(post, inner, byline or Byline(), full):
        console.print(Text("│ ", style=border), line, sep="", end="", soft_wrap=True)
        if console.is_terminal:
            console.control(Control.move_to_column(width - 1))
        else:
            console.print(" " * (inner - text_width(line.plain)), end="", soft_wrap=True)
            console.print(" ", end="", soft_wrap=True)
        console.print(Text("│", style=border), soft_wrap=True)
    console.print(Text("╰" + "─" * (width - 2) + "╯", style=border), soft_wrap=True)
    console.print(counter(post), soft_wrap=True)


def render_thread(post: Post, console: Console, *, byline: Byline | None = None) -> None:
    """Each part of a thread as its own card, with its own counter."""
    from dataclasses import replace

    from postkit.platforms import get_platform

    count = get_platform(post.platform).count
    total = len(post.parts)
    for index, part in enumerate(post.parts, 1):
        piece = replace(post, text=part, length=count(part), fold=None, parts=())
        if index > 1:
            console.print()
        render_card(piece, console, byline=byline, full=True)
        console.print(Text(f"part {index} of {total}", style="dim"), soft_wrap=True)


def render_variants(
    posts: list[Post], console: Console, *, byline: Byline | None = None, full: bool = False
) -> None:
    """Draw several drafts of one post, each card under a ``Variant i of K`` rule."""
    from rich.rule import Rule

    for number, post in enumerate(posts, 1):
        if number > 1:
            console.print()
        console.print(Rule(f"Variant {number} of {len(posts)}", align="left", style="bold"))
        render_card(post, console, byline=byline, full=full)
