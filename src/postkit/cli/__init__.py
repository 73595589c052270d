"""The command line: Typer commands that parse flags and call the library.

Each command lives in its own module here and registers itself on ``app``.
No logic lives in this layer beyond choosing an output form; errors from the
library become one line on stderr and an exit code in :func:`handle_errors`.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from postkit.cli.common import app
from postkit.cli.output import force_utf8

# Each module registers its commands on ``app`` when imported.
from postkit.cli import draft as _draft  # noqa: F401  isort: skip
from postkit.cli import check as _check  # noqa: F401  isort: skip
from postkit.cli import thread as _thread  # noqa: F401  isort: skip
from postkit.cli import config as _config  # noqa: F401  isort: skip
from postkit.cli import library as _library  # noqa: F401  isort: skip
from postkit.cli import batch as _batch  # noqa: F401  isort: skip
from postkit.cli import fix as _fix  # noqa: F401  isort: skip


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
