"""The command line: Typer commands that parse flags and call the library.

Each command lives in its own module here; this module puts them on ``app``,
in the order ``--help`` lists them. No logic lives in this layer beyond
choosing an output form; errors from the library become one line on stderr and
an exit code in :func:`postkit.cli.common.handle_errors`.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from typer.models import CommandInfo

from postkit.cli import batch, check, config, draft, fix, library, thread
from postkit.cli.common import app
from postkit.cli.output import ensure_stdout, force_utf8, write_text

__all__ = ["app", "main"]

app.command(epilog=draft.EPILOG)(draft.draft)
app.command(epilog=check.EPILOG)(check.check)
app.command(epilog=thread.EPILOG)(thread.thread)
app.add_typer(config.config_app, name="config")
app.add_typer(library.topics_app, name="topics")
app.add_typer(library.templates_app, name="templates")
app.command(epilog=batch.EPILOG)(batch.batch)
app.command(epilog=fix.EPILOG)(fix.fix)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            line = f"postkit {version('postkit')}"
        except PackageNotFoundError:
            line = "postkit (not installed)"
        write_text(line + "\n")  # a closed pipe or a full disk: as for every output
        raise typer.Exit()


@app.callback()
def root(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Draft social media posts with emoji that are always correctly encoded."""


def main() -> None:
    """The console script: UTF-8 streams (a stand-in for a closed stdout), then the Typer app."""
    ensure_stdout()
    force_utf8(sys.stdout, sys.stderr)
    # Typer builds a Click command for every command before it runs one (about 6 ms of
    # a draft's start-up); a known command name runs an app holding only that command.
    # Everything else (help, --version, typos, completion, which reads its words from
    # the environment) goes to the whole app.
    if len(sys.argv) > 1 and "_POSTKIT_COMPLETE" not in os.environ:
        only = _only(sys.argv[1])
        if only is not None:
            only()
            return
    app()


def _only(name: str) -> typer.Typer | None:
    """``app`` with just the command or group ``name``, or None when it has none."""
    from copy import copy

    commands = [info for info in app.registered_commands if _command_name(info) == name]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return None
    trimmed = copy(app)
    trimmed.registered_commands = commands
    trimmed.registered_groups = groups
    return trimmed


def _command_name(info: CommandInfo) -> str:
    """The name a command is called by, as Typer derives it from its function."""
    if info.name:
        return info.name
    function = info.callback.__name__ if info.callback else ""
    return function.replace("_", "-")
