"""What every command shares: the app, the error handler, output helpers."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ParamSpec, TextIO, TypeVar

import typer

from postkit.errors import ExitCode, PostkitError
from postkit.output import say, write_text

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="postkit",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

P = ParamSpec("P")
R = TypeVar("R")


class OutputFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into one line on stderr and the documented exit code.

    ``POSTKIT_TRACEBACK=1`` re-raises instead, for bug reports.
    """

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except PostkitError as exc:
            if os.environ.get("POSTKIT_TRACEBACK"):
                raise
            say(f"postkit: error: {exc.message}")
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            say("postkit: interrupted")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: still one line, never a traceback
            if os.environ.get("POSTKIT_TRACEBACK"):
                raise
            say(
                f"postkit: internal error: {type(exc).__name__}: {exc} "
                "(set POSTKIT_TRACEBACK=1 to see where, and please report it)"
            )
            raise typer.Exit(int(ExitCode.USAGE)) from None

    return wrapper


def stdout_is_terminal() -> bool:
    """True when the post goes to a person rather than a pipe or file."""
    from postkit.output import is_terminal

    return is_terminal(sys.stdout)


def rich_console(stream: TextIO) -> Console:
    """A rich console that prints text as written: never markup, ``:emoji:`` codes
    or highlighting (a post holding ``[1]`` or ``:smile:`` must show as it is)."""
    from rich.console import Console

    return Console(file=stream, emoji=False, markup=False, highlight=False)


def write_json(data: Any) -> None:
    """One JSON document on stdout, UTF-8 as written (no \\u escapes), indented."""
    import json

    write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_json_lines(items: Iterable[Any]) -> None:
    """JSON Lines on stdout: one compact object per line, UTF-8 as written."""
    import json

    write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items))
