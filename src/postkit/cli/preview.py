"""The terminal preview: a post drawn as a LinkedIn-style card with rich.

The card's header is the platform's own: author and headline on LinkedIn, a
name and handle on X, Bluesky and Mastodon, with ``1/3`` on each part of a
thread. Every line, the footer too, is wrapped here between words: left to the
terminal, ``folds after 209 characters`` came out as ``fold`` / ``s after``.

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

from postkit.model import Post
from postkit.platforms.spans import GRAPHEME

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

    @property
    def handle(self) -> str:
        """The user name the other platforms show: the author's letters and digits, lower case."""
        name = "".join(char for char in self.author.lower() if char.isascii() and char.isalnum())
        return name[:15] or "you"  # X's longest user name is 15 characters


def grapheme_width(grapheme: str) -> int:
    """The most cells any terminal may give a grapheme (cluster-aware or per code point)."""
    per_point = sum(get_character_cell_size(char) for char in grapheme)
    return max(cell_len(grapheme), per_point)


def text_width(text: str) -> int:
    """The widest reading of a line's width in cells."""
    if text.isascii() and text.isprintable():  # one cell a character: the common case
        return len(text)
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
            if size <= width:
                line, used = word, size
                continue
            line, used = "", 0
            if word.isascii() and word.isprintable():  # a cell a character: slice it
                for start in range(0, size - width, width):
                    yield word[start : start + width]
                line = word[(size - 1) // width * width :]
                used = len(line)
                continue
            for grapheme in _GRAPHEME.findall(word):
                cells = grapheme_width(grapheme)
                if used + cells > width and line:
                    yield line
                    line, used = "", 0
                line, used = line + grapheme, used + cells
        yield line


def _line_spans(plain: str, width: int) -> Iterator[tuple[int, int]]:
    """Where each line of ``wrap(plain, width)`` lies in ``plain``."""
    cursor = 0
    for line in wrap(plain, width):
        # A wrapped line is a slice of the text that starts after the spaces
        # and newlines the wrap dropped, so the first match from the cursor is it.
        start = plain.find(line, cursor)
        cursor = start + len(line)
        yield start, cursor


def wrap_text(text: Text, width: int) -> list[Text]:
    """Word-wrap a styled ``Text`` like :func:`wrap`, keeping its styles."""
    return [text[start:end] for start, end in _line_spans(text.plain, width)]


_PART_BREAK = regex.compile(r" · |  +")  # between the parts of a footer or header


def wrap_parts(text: Text, width: int) -> list[Text]:
    """Lines of at most ``width`` cells, broken between parts (`` · `` or two
    spaces) where one fits, and between words only inside a part too long for a line.

    So ``folds after 209 characters`` and ``seed 1`` stay whole on narrow terminals.
    """
    plain = text.plain
    bounds, last = [], 0
    for match in _PART_BREAK.finditer(plain):
        bounds.append((last, match.start()))
        last = match.end()
    bounds.append((last, len(plain)))
    lines: list[Text] = []
    start = end = -1  # the line being filled: plain[start:end]
    for part_start, part_end in bounds:
        if start >= 0 and text_width(plain[start:part_end]) <= width:
            end = part_end
            continue
        if start >= 0:
            lines.append(text[start:end])
        spans = list(_line_spans(plain[part_start:part_end], width))
        lines += [text[part_start + a : part_start + b] for a, b in spans[:-1]]
        start, end = part_start + spans[-1][0], part_start + spans[-1][1]
    lines.append(text[start:end])
    return lines


def header_lines(
    byline: Byline, platform: str, inner: int, part: tuple[int, int] | None = None
) -> list[Text]:
    """The top of the card as the platform draws it, wrapped to ``inner`` cells.

    LinkedIn shows the author and a headline; X, Bluesky and Mastodon a name and
    a handle; Threads the user name. A part of a thread says which (``1/3``).
    """
    if platform == "linkedin":
        author = wrap_text(Text(byline.author, style="bold"), inner)
        return author + wrap_text(Text(byline.headline, style="dim"), inner)
    handle = {
        "bluesky": f"@{byline.handle}.bsky.social",
        "mastodon": f"@{byline.handle}@mastodon.social",
    }.get(platform, f"@{byline.handle}")
    if platform == "threads":
        header = Text(byline.handle, style="bold")
    else:
        header = Text(byline.author, style="bold")
        header.append(f" {handle}", style="dim")
    if part is not None:
        header.append(f" · {part[0]}/{part[1]}", style="dim")
    return wrap_parts(header, inner)


def _body(post: Post, full: bool) -> tuple[str, bool]:
    if full or post.fold is None:
        return post.text.rstrip("\n"), False
    return post.text[: post.fold].rstrip(), True


def card_lines(
    post: Post, inner: int, byline: Byline, full: bool, part: tuple[int, int] | None = None
) -> list[Text]:
    """The lines inside the card, each at most ``inner`` cells wide."""
    lines = [*header_lines(byline, post.platform, inner, part), Text("")]
    if post.cw:  # Mastodon shows the content warning above the post, which it hides
        lines += [Text(line, style="bold") for line in wrap(f"CW: {post.cw}", inner)]
        lines.append(Text(""))
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
    if post.seed is not None:  # no thousands separator: it is typed back as --seed N
        text.append(f" · seed {post.seed}", style="dim")
    return text


def render_card(
    post: Post,
    console: Console,
    *,
    byline: Byline | None = None,
    full: bool = False,
    part: tuple[int, int] | None = None,
) -> None:
    """Draw the post as a card, then its counter; a thread as one card per part.

    ``part`` is (index, total) when the card is one part of a thread.
    """
    if len(post.parts) > 1:
        render_thread(post, console, byline=byline)
        return
    width = max(MIN_CARD_WIDTH, min(CARD_WIDTH, console.width))
    inner = width - 4
    border = "dim"
    console.print(Text("╭" + "─" * (width - 2) + "╮", style=border), soft_wrap=True)
    for line in card_lines(post, inner, byline or Byline(), full, part):
        console.print(Text("│ ", style=border), line, sep="", end="", soft_wrap=True)
        if console.is_terminal:
            console.control(Control.move_to_column(width - 1))
        else:
            console.print(" " * (inner - text_width(line.plain)), end="", soft_wrap=True)
            console.print(" ", end="", soft_wrap=True)
        console.print(Text("│", style=border), soft_wrap=True)
    console.print(Text("╰" + "─" * (width - 2) + "╯", style=border), soft_wrap=True)
    # Wrapped here, by parts then words: the terminal would cut it mid-word.
    for line in wrap_parts(counter(post), width):
        console.print(line, soft_wrap=True)


def render_thread(post: Post, console: Console, *, byline: Byline | None = None) -> None:
    """Each part of a thread as its own card, with its own counter."""
    from dataclasses import replace

    total = len(post.parts)
    # Each counter shows the part's length as threads.measure defines it, as check reports it.
    lengths = post.part_lengths
    if len(lengths) != total:  # a Post made by hand, not measured by drafting
        from postkit.platforms.threads import measure

        lengths = measure(post.parts, post.platform).parts
    for index, part in enumerate(post.parts, 1):
        piece = replace(post, text=part, length=lengths[index - 1], fold=None, parts=())
        if index > 1:
            console.print()
        render_card(piece, console, byline=byline, full=True, part=(index, total))
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
