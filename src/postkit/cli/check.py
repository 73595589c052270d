"""``postkit check``: lint a post for a platform before publishing it."""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from postkit.cli.common import (
    CheckFormat,
    CheckFormatOption,
    CwOption,
    GivenPath,
    LimitOption,
    choices,
    complete_platform,
    examples,
    handle_errors,
    read_post,
    rich_console,
    stdout_is_terminal,
    write_json,
)
from postkit.cli.output import write_text
from postkit.errors import ExitCode
from postkit.platforms.rules import PLATFORMS
from postkit.sources.files import origin_of

if TYPE_CHECKING:
    from postkit.platforms.check import CheckResult


def _summary(result: CheckResult) -> str:
    verdict = "ok" if result.ok else "not ok"
    # A platform with more limits shows each (Bluesky: bytes, and the app's count).
    others = f" ({result.counts_summary()})" if result.counts else ""
    size = f"{result.length:,} / {result.limit:,}{others}"
    if result.is_thread:  # each part counts against the limit, not the sum
        sizes = ", ".join(f"{length:,}" for length in result.part_lengths)
        size = f"a thread of {len(result.parts)} parts ({sizes} / {result.limit:,} each){others}"
    elif len(result.parts) > 1:
        size += f", {len(result.parts)} parts as a thread"
    return (
        f"{result.platform}: {size}; "
        f"{result.errors} error(s), {result.warnings} warning(s): {verdict}"
    )


def _locator(text: str) -> Callable[[int], tuple[int, int]]:
    """line_and_column in O(log n): tens of thousands of problems on one long line
    (a file of 100,000 "{") made a scan per problem quadratic."""
    starts = [0, *(index + 1 for index, char in enumerate(text) if char == "\n")]

    def locate(index: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, index)
        return line, index - starts[line - 1] + 1

    return locate


def _plain(result: CheckResult, origin: str) -> str:
    lines = []
    locate = _locator(result.text)
    for problem in result.problems:
        line, column = locate(problem.start)
        lines.append(
            f"{origin}:{line}:{column}: {problem.severity}: {problem.message} [{problem.code}]"
        )
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def _rich(result: CheckResult, origin: str) -> None:
    from rich.text import Text

    from postkit.cli.preview import wrap_text
    from postkit.platforms.excerpt import Excerpts

    console = rich_console(sys.stdout)
    # Wrapped here, between words, so every line of a message or an excerpt
    # stays indented under its gutter.
    width = max(20, console.width - 4)
    locate = _locator(result.text)
    excerpts = Excerpts(result.text)
    for problem in result.problems:
        line, column = locate(problem.start)
        colour = "red" if problem.severity == "error" else "yellow"
        header = Text(f"{problem.severity:<7} ", style=f"bold {colour}")
        header.append(f"{origin}:{line}:{column} ", style="dim")
        header.append(problem.code, style="bold")
        console.print(header)
        for piece in wrap_text(Text(problem.message), width):
            console.print(Text("  "), piece, sep="", soft_wrap=True)
        # Only the words around the problem: a post can be one paragraph of
        # thousands of characters, printed whole for each problem before.
        shown = excerpts.around(problem.start, problem.end)
        excerpt = Text("…" if shown.cut_before else "")
        excerpt.append(shown.before)
        excerpt.append(shown.span, style=f"reverse {colour}")
        excerpt.append(shown.after)
        if shown.cut_after:
            excerpt.append("…")
        for piece in wrap_text(excerpt, width):
            console.print(Text("  │ ", style="dim"), piece, sep="", soft_wrap=True)
    style = "green" if result.ok else "bold red"
    console.print(Text(_summary(result), style=style))


EPILOG = examples(
    "postkit check post.txt",
    "postkit check post.txt -p x --limit 25000",
    "postkit draft genai | postkit check - -p mastodon",
    "postkit check post.txt -f json",
)


@handle_errors
def check(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            click_type=GivenPath("file (or - for stdin)", text=True),
            help="The post to check: a text file, or - for stdin.",
        ),
    ] = "-",
    platform: Annotated[
        str,
        typer.Option(
            "--platform",
            "-p",
            metavar=choices(PLATFORMS),
            autocompletion=complete_platform,
            help="The platform to check for.",
        ),
    ] = "linkedin",
    fmt: CheckFormatOption = CheckFormat.text,
    limit: LimitOption = None,
    cw: CwOption = None,
) -> None:
    """Check a post for a platform: length, fold, garbled text, emoji, leftovers."""
    text = read_post(file, "give a FILE to check, or pipe a post in: postkit check post.txt")
    from postkit.platforms.check import check_post  # the linter loads when check runs

    result = check_post(text, platform, limit=limit, cw=cw)
    origin = origin_of(file)
    if fmt is CheckFormat.json:
        write_json(result.to_dict())
    elif stdout_is_terminal():
        _rich(result, origin)
    else:
        write_text(_plain(result, origin))
    if not result.ok:
        raise typer.Exit(int(ExitCode.PROBLEMS))
