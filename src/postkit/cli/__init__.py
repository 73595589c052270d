"""The command line: Typer commands that parse flags and call the library.

Each command lives in its own module here; this module puts them on ``app``,
in the order ``--help`` lists them. No logic lives in this layer beyond
choosing an output form; errors from the library become one line on stderr and
an exit code in :func:`postkit.cli.common.handle_errors`.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from postkit.cli import batch, check, config, draft, fix, library, thread
from postkit.cli.common import app
from postkit.cli.output import force_utf8

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
            typer.echo(f"postkit {version('postkit')}")
        except PackageNotFoundError:
            typer.echo("postkit (not installed)")
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
    """The console script: UTF-8 streams, then the Typer app."""
    force_utf8(sys.stdout, sys.stderr)
    app()
