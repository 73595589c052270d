"""``postkit draft``: one post from a topic or a Markdown page."""
# No "from __future__ import annotations": Typer would evaluate every annotation
# string again when it builds the command (about 2 ms of each draft's start-up).

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from postkit.cli.common import (
    CwOption,
    EmojiOption,
    FormatOption,
    GivenPath,
    LimitOption,
    NumberingOption,
    OutputFormat,
    PlatformOption,
    TemplateDirOption,
    ToneOption,
    examples,
    flag_for,
    handle_errors,
    rich_console,
    stdout_is_terminal,
    write_json,
)
from postkit.cli.output import say, write_text
from postkit.drafting import draft_post, draft_variants, hashtag_warning
from postkit.errors import InputError
from postkit.model import DraftOptions, Post, Topic
from postkit.settings import Settings, draft_options, load_settings

if TYPE_CHECKING:
    from postkit.cli.preview import Byline

# Between variants when piped: a line of its own that no post contains.
VARIANT_SEPARATOR = "\n-----\n\n"


def _thread_options(options: DraftOptions, numbering: str, limit: int | None) -> DraftOptions:
    from dataclasses import replace

    from postkit.platforms.rules import check_limit
    from postkit.platforms.threads import parse_numbering

    chosen = parse_numbering(numbering)
    return replace(options, numbering=chosen, limit=check_limit(limit) or options.limit)


def _api_options(
    options: DraftOptions, fmt: OutputFormat, cw: str | None, author: str | None
) -> DraftOptions:
    """--cw into the options; --format linkedin-api and --author-urn checked."""
    from dataclasses import replace

    from postkit.platforms.linkedin_api import check_author
    from postkit.platforms.rules import get_platform

    if fmt is OutputFormat.linkedin_api and options.platform != "linkedin":
        raise InputError(
            f"--format linkedin-api is LinkedIn's Posts API; draft with --platform linkedin, "
            f"not {options.platform}"
        )
    if author is not None:
        if fmt is not OutputFormat.linkedin_api:
            raise InputError("--author-urn goes with --format linkedin-api")
        check_author(author)
    get_platform(options.platform).with_cw(cw)  # refused on a platform without one
    return replace(options, cw=cw) if cw else options


def _page_topic(
    page: Path, settings: Settings, kind: str | None, link: str | None, explain: bool
) -> Topic:
    """The page's topic; garbled text in it is repaired, a thin post is warned of, and
    with --explain where each part came from is said on stderr."""
    from postkit.sources.pages import read_page

    reading = read_page(
        page,
        report=lambda line: say(f"postkit: {line}"),
        kind=kind,
        link=link,
        site_url=settings.site_url,
    )
    if explain:
        for line in reading.provenance.report():
            say(f"postkit: explain: {line}")
    for warning in reading.provenance.warnings:
        say(f"postkit: warning: {warning}")
    return reading.topic


def _warn_hashtags(post: Post) -> None:
    """The post's own warnings (a language no voice speaks…), then too many hashtags."""
    for line in post.warnings:
        say(f"postkit: warning: {line}")
    warning = hashtag_warning(post, flag_for("hashtags"))
    if warning:
        say(f"postkit: warning: {warning}")


def _copy(post: Post, what: str) -> None:
    """Copy after the post is printed, so a failed copy loses nothing; name its seed."""
    from postkit.cli.clipboard import copy_to_clipboard
    from postkit.errors import ClipboardError

    again = f"; --seed {post.seed} drafts it again" if post.seed is not None else ""
    try:
        done = copy_to_clipboard(post.text, what)
    except ClipboardError as exc:
        raise ClipboardError(exc.message + again) from None
    say(f"postkit: {done}{again}")


def _byline(settings: Settings | None) -> "Byline":
    from postkit.cli.preview import Byline

    given = {"author": settings.author, "headline": settings.headline} if settings else {}
    return Byline(**{key: value for key, value in given.items() if value})


def _emit_variants(
    posts: list[Post],
    fmt: OutputFormat,
    plain: bool,
    full: bool,
    settings: Settings,
    author: str | None = None,
) -> None:
    if fmt is OutputFormat.json:
        write_json([post.to_dict() for post in posts])
    elif fmt is OutputFormat.linkedin_api:
        from postkit.platforms.linkedin_api import post_body

        write_json([post_body(post.text, author) for post in posts])
    elif fmt is OutputFormat.markdown:
        write_text(
            "\n".join(
                f"# {post.topic} (variant {number})\n\n{post.text}"
                for number, post in enumerate(posts, 1)
            )
        )
    elif plain or not stdout_is_terminal():
        write_text(VARIANT_SEPARATOR.join(post.text for post in posts))
    else:
        from postkit.cli.preview import render_variants

        render_variants(posts, rich_console(sys.stdout), byline=_byline(settings), full=full)


def _emit(
    post: Post,
    fmt: OutputFormat,
    plain: bool,
    full: bool,
    settings: Settings | None = None,
    author: str | None = None,
) -> None:
    if fmt is OutputFormat.json:
        write_json(post.to_dict())
    elif fmt is OutputFormat.linkedin_api:
        from postkit.platforms.linkedin_api import post_body

        write_json(post_body(post.text, author))
    elif fmt is OutputFormat.markdown:
        write_text(f"# {post.topic}\n\n{post.text}")
    elif plain or not stdout_is_terminal():
        # A thread: its parts, a blank line and a --- line between them.
        write_text(post.published_text())
    else:
        from postkit.cli.preview import render_card

        render_card(post, rich_console(sys.stdout), byline=_byline(settings), full=full)


EPILOG = examples(
    'postkit draft "generative ai"',
    "postkit draft genai -p x -t punchy -s 3",
    "postkit draft --from notes/kubernetes.md -f json",
    "postkit draft genai -n 3 --plain",
    'postkit draft "open source" | pbcopy',
)


@handle_errors
def draft(
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar="TOPIC", help='A topic name or alias, e.g. "generative ai".', show_default=False
        ),
    ] = None,
    from_page: Annotated[
        Path | None,
        typer.Option(
            "--from",
            click_type=GivenPath("page (or - for stdin)"),
            help="Draft from this Markdown page.",
            show_default=False,
        ),
    ] = None,
    platform: PlatformOption = None,
    fmt: FormatOption = OutputFormat.text,
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
        int | None,
        typer.Option(
            "--seed",
            "-s",
            help="Draft the post this seed gives (each draft shows its seed).",
            show_default=False,
        ),
    ] = None,
    tone: ToneOption = None,
    emoji: EmojiOption = None,
    variants: Annotated[
        int | None,
        typer.Option(
            "--variants",
            "-n",
            help="Draft this many different versions (1-20).",
            show_default=False,
        ),
    ] = None,
    hashtags: Annotated[
        str | None,
        typer.Option(help='Replace the hashtags, e.g. "#AI,#GenAI".', show_default=False),
    ] = None,
    add_hashtag: Annotated[
        list[str] | None,
        typer.Option("--add-hashtag", help="Add a hashtag (repeatable).", show_default=False),
    ] = None,
    cta: Annotated[
        str | None, typer.Option(help="Replace the call-to-action.", show_default=False)
    ] = None,
    author: Annotated[
        str | None, typer.Option(help="The preview's author name.", show_default=False)
    ] = None,
    headline: Annotated[
        str | None, typer.Option(help="The line under the author name.", show_default=False)
    ] = None,
    template_dir: TemplateDirOption = None,
    numbering: NumberingOption = "suffix",
    limit: LimitOption = None,
    cw: CwOption = None,
    author_urn: Annotated[
        str | None,
        typer.Option(
            "--author-urn",
            metavar="URN",
            help="With -f linkedin-api: the author, urn:li:person:ID or urn:li:organization:ID.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="With --from: read the page as concept, article, howto, listicle, changelog, "
            "readme or resources (default: detected).",
            show_default=False,
        ),
    ] = None,
    link: Annotated[
        str | None,
        typer.Option(
            "--link",
            metavar="URL",
            help="With --from: the page's address, linked from the post.",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="With --from: say on stderr where each part of the post came from.",
        ),
    ] = False,
) -> None:
    """Draft one post about TOPIC, or from a Markdown page with --from."""
    if (topic is None) == (from_page is None):
        raise InputError(
            'give a TOPIC or --from PAGE.md (one of the two), e.g. postkit draft "generative ai"'
        )
    settings = load_settings(
        {
            "platform": platform,
            "tone": tone,
            "emoji": emoji,
            "hashtags": hashtags,
            "cta": cta,
            "author": author,
            "headline": headline,
            "template_dirs": template_dir or None,
        }
    )
    options = draft_options(settings, seed=seed, extra_hashtags=tuple(add_hashtag or ()))
    options = _thread_options(options, numbering, limit)
    options = _api_options(options, fmt, cw, author_urn)
    if from_page is None and (kind or link or explain):
        raise InputError("--kind, --link and --explain read a page: give --from PAGE.md")
    subject = _page_topic(from_page, settings, kind, link, explain) if from_page else topic or ""
    if variants is not None:
        posts = draft_variants(subject, options, variants)
        if len(posts) < variants:
            say(f"postkit: warning: only {len(posts)} different drafts; the templates ran out")
        _warn_hashtags(posts[0])
        _emit_variants(posts, fmt, plain, full, settings, author_urn)
        if copy:
            _copy(posts[0], "variant 1")
        return
    post = draft_post(subject, options)
    _warn_hashtags(post)
    _emit(post, fmt, plain, full, settings, author_urn)
    if copy:
        _copy(post, "the post")
