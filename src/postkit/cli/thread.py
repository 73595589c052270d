"""``postkit thread``: the user's own text split into a thread for a platform."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from postkit.cli.common import (
    CheckFormat,
    GivenPath,
    LimitOption,
    NumberingOption,
    PlatformOption,
    examples,
    handle_errors,
    read_post,
    rich_console,
    stdout_is_terminal,
    write_json,
)
from postkit.cli.output import say, write_text

if TYPE_CHECKING:
    from postkit.platforms.threads import Thread
    from postkit.settings import Settings


def _preview(thread: Thread, settings: Settings) -> None:
    """One card per part, each with its own counter (the cards `postkit draft` draws)."""
    from postkit.cli.preview import Byline, render_card
    from postkit.model import Post

    given = {"author": settings.author, "headline": settings.headline}
    byline = Byline(**{key: value for key, value in given.items() if value})
    post = Post(
        topic="",
        platform=thread.platform,
        text="\n\n".join(thread.parts),
        length=thread.length.total,
        limit=thread.limit,
        parts=thread.parts,
        measured=thread.length.parts,
    )
    render_card(post, rich_console(sys.stdout), byline=byline, full=True)


EPILOG = examples(
    "postkit thread long.txt --platform x",
    "postkit thread notes.txt --platform mastodon --numbering prefix --limit 1000",
    "pbpaste | postkit thread - --platform bluesky --format json",
)


@handle_errors
def thread(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            click_type=GivenPath("file (or - for stdin)", text=True),
            help="The text to split: a text file, or - for stdin.",
        ),
    ] = "-",
    platform: PlatformOption = None,
    numbering: NumberingOption = "suffix",
    limit: LimitOption = None,
    fmt: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="text: the parts with a --- line between them (cards on a terminal); "
            "json: one object with the parts and their lengths.",
        ),
    ] = CheckFormat.text,
    plain: Annotated[
        bool, typer.Option("--plain", help="Only the parts, even on a terminal.")
    ] = False,
) -> None:
    """Split a text of your own into a thread: the splitter postkit draft uses."""
    text = read_post(file, "give a FILE to split, or pipe a text in: postkit thread long.txt")
    from postkit.model import PART_SEPARATOR
    from postkit.platforms.threads import parse_numbering, thread_from_text
    from postkit.settings import load_settings

    settings = load_settings({"platform": platform})
    result = thread_from_text(
        text, settings.platform, limit=limit, numbering=parse_numbering(numbering)
    )
    if fmt is CheckFormat.json:
        write_json(result.to_dict())
        return
    if len(result.parts) == 1:
        say(f"postkit: the text fits in one {result.platform} post; nothing to split")
    if plain or not stdout_is_terminal():
        write_text(PART_SEPARATOR.join(result.parts) + "\n")
    else:
        _preview(result, settings)
