"""``postkit draft``: one post from a topic or a Markdown page."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from postkit.cli.common import OutputFormat, app, handle_errors, stdout_is_terminal
from postkit.drafting import DraftOptions, EmojiLevel, Post, draft_from_page, draft_post
from postkit.errors import InputError
from postkit.output import say, write_text

# Between the parts of a thread when piped (``postkit check`` reads --- as a break).
PART_SEPARATOR = "\n\n---\n\n"


def _thread_options(options: DraftOptions, numbering: str, limit: int | None) -> DraftOptions:
    from dataclasses import replace

    from postkit.platforms import check_limit
    from postkit.threads import parse_numbering

    chosen = parse_numbering(numbering)
    return replace(options, numbering=chosen, limit=check_limit(limit) or options.limit)


def _emit(post: Post, fmt: OutputFormat, plain: bool, full: bool) -> None:
    if fmt is OutputFormat.json:
        write_text(json.dumps(post.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif fmt is OutputFormat.markdown:
        write_text(f"# {post.topic}\n\n{post.text}")
    elif plain or not stdout_is_terminal():
        # A thread: its parts, a blank line and a --- line between them.
        write_text(PART_SEPARATOR.join(post.parts) + "\n" if len(post.parts) > 1 else post.text)
    else:
        from rich.console import Console

        from postkit.preview import render_card

        render_card(
            post, Console(file=sys.stdout, emoji=False, markup=False, highlight=False), full=full
        )


@app.command()
@handle_errors
def draft(
    topic: Annotated[
        str | None,
        typer.Argument(help='A topic name or alias, e.g. "generative ai".', show_default=False),
    ] = None,
    from_page: Annotated[
        Path | None,
        typer.Option("--from", help="Draft from this Markdown page.", show_default=False),
    ] = None,
    platform: Annotated[
        str, typer.Option(help="linkedin, x, bluesky, mastodon or threads.")
    ] = "linkedin",
    fmt: Annotated[OutputFormat, typer.Option("--format", help="Output form.")] = OutputFormat.text,
    plain: Annotated[
        bool, typer.Option("--plain", help="Only the post, even on a terminal.")
    ] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Preview the whole post, without the fold.")
    ] = False,
    copy: Annotated[
        bool, typer.Option("--copy", help="Also copy the post to the clipboard.")
    ] = False,
    seed: Annotated[
        int | None, typer.Option(help="Pick variants deterministically.", show_default=False)
    ] = None,
    tone: Annotated[str, typer.Option(help="friendly, professional or punchy.")] = "friendly",
    emoji: Annotated[str, typer.Option("--emoji", help="none, light or rich.")] = "rich",
    numbering: Annotated[
        str, typer.Option(help="Number thread parts: suffix (' 1/3'), prefix or none.")
    ] = "suffix",
    limit: Annotated[
        int | None,
        typer.Option(help="Another limit (X Premium, your Mastodon instance).", show_default=False),
    ] = None,
) -> None:
    """Draft one post about TOPIC, or from a Markdown page with --from."""
    if (topic is None) == (from_page is None):
        raise InputError(
            'give a TOPIC or --from PAGE.md (one of the two), e.g. postkit draft "generative ai"'
        )
    if emoji not in ("none", "light", "rich"):
        raise InputError(f"--emoji: {emoji!r} is not one of none, light, rich")
    level: EmojiLevel = emoji  # type: ignore[assignment]
    options = DraftOptions(platform=platform, tone=tone, emoji=level, seed=seed)
    options = _thread_options(options, numbering, limit)
    post = draft_from_page(from_page, options) if from_page else draft_post(topic or "", options)
    if copy:
        from postkit.clipboard import copy_to_clipboard

        how = copy_to_clipboard(post.text)
        say(f"postkit: copied the post to the {how}")
    _emit(post, fmt, plain, full)
