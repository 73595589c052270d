"""``postkit check``: lint a post for a platform before publishing it."""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from postkit.cli.common import (
    OutputFormat,
    app,
    handle_errors,
    rich_console,
    stdout_is_terminal,
    write_json,
)
from postkit.errors import ExitCode, InputError
from postkit.output import is_terminal, write_text
from postkit.sources import read_text_file

if TYPE_CHECKING:
    from postkit.check import CheckResult


def _summary(result: CheckResult) -> str:
    verdict = "ok" if result.ok else "not ok"
    parts = f", {len(result.parts)} parts as a thread" if len(result.parts) > 1 else ""
    return (
        f"{result.platform}: {result.length:,} / {result.limit:,}{parts}; "
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

    from postkit.check import line_and_column

    console = rich_console(sys.stdout)
    text = result.text
    for problem in result.problems:
        line, column = line_and_column(text, problem.start)
        style = "bold red" if problem.severity == "error" else "bold yellow"
        header = Text(f"{problem.severity:<7} ", style=style)
        header.append(f"{origin}:{line}:{column} ", style="dim")
        header.append(problem.code, style="bold")
        console.print(header)
        console.print(Text(f"  {problem.message}"))
        line_start = text.rfind("\n", 0, problem.start) + 1
        line_end = text.find("\n", problem.start)
        line_end = len(text) if line_end < 0 else line_end
        shown = Text("  │ ", style="dim")
        excerpt = Text(text[line_start:line_end])
        end = min(max(problem.end, problem.start + 1), line_end) - line_start
        excerpt.stylize(
            "reverse " + ("red" if problem.severity == "error" else "yellow"),
            problem.start - line_start,
            end,
        )
        shown.append_text(excerpt)
        console.print(shown, overflow="fold")
    style = "green" if result.ok else "bold red"
    console.print(Text(_summary(result), style=style))


# A thread of a hundred long parts is 50 KB; checking is linear but not free
# (20 MB took 50 s and 900 MB), so a file this large is refused, not checked.
MAX_POST_BYTES = 1024 * 1024


@app.command()
@handle_errors
def check(
    file: Annotated[
        str, typer.Argument(help="The post to check: a text file, or - for stdin.")
    ] = "-",
    platform: Annotated[
        str, typer.Option(help="linkedin, x, bluesky, mastodon or threads.")
    ] = "linkedin",
    fmt: Annotated[
        OutputFormat, typer.Option("--format", help="text or json.")
    ] = OutputFormat.text,
    limit: Annotated[
        int | None,
        typer.Option(help="Another limit (X Premium, your Mastodon instance).", show_default=False),
    ] = None,
) -> None:
    """Check a post for a platform: length, fold, garbled text, emoji, leftovers."""
    if file == "-" and is_terminal(sys.stdin):
        raise InputError("give a FILE to check, or pipe a post in: postkit check post.txt")
    text = read_text_file(file, limit=MAX_POST_BYTES)
    from postkit.check import check_post  # the linter loads when check runs

    result = check_post(text, platform, limit=limit)
    origin = "<stdin>" if file == "-" else file
    if fmt is OutputFormat.json:
        write_json(result.to_dict())
    elif stdout_is_terminal():
        _rich(result, origin)
    else:
        write_text(_plain(result, origin))
    if not result.ok:
        raise typer.Exit(int(ExitCode.PROBLEMS))
