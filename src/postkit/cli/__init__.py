"""The command line: Typer commands that parse flags and call the library.

Each command lives in its own module here; this module puts them on ``app``,
in the order ``--help`` lists them. No logic lives in this layer beyond
choosing an output form; errors from the library become one line on stderr and
an exit code in :func:`postkit.cli.common.handle_errors`.
"""
# No "from __future__ import annotations": Typer reads the annotations of the
# callbacks here (root, completions) and would evaluate each string again.

import os
import sys
from importlib import import_module
from typing import Annotated

import typer

from postkit.cli import common
from postkit.cli.output import ensure_stdout, force_utf8, write_text

__all__ = ["app", "main"]

# Every command, in the order ``--help`` lists them: (name, module, attribute).
# A command is a function with an ``EPILOG`` beside it; a group is a Typer app.
# Registration is explicit but lazy: ``postkit draft`` imports the draft module
# only, since each command module costs start-up time (batch, check and the
# library commands import what a draft never needs).
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("draft", "postkit.cli.draft", "draft"),
    ("check", "postkit.cli.check", "check"),
    ("thread", "postkit.cli.thread", "thread"),
    ("config", "postkit.cli.config", "config_app"),
    ("topics", "postkit.cli.library", "topics_app"),
    ("templates", "postkit.cli.library", "templates_app"),
    ("batch", "postkit.cli.batch", "batch"),
    ("fix", "postkit.cli.fix", "fix"),
)
_registered: set[str] = set()


def register(names: tuple[str, ...] | None = None) -> typer.Typer:
    """Put the commands ``names`` (all when None) on the app, once each, in
    ``COMMANDS`` order; return the app."""
    app = common.app
    for name, module_name, attribute in COMMANDS:
        if name in _registered or (names is not None and name not in names):
            continue
        module = import_module(module_name)
        target = getattr(module, attribute)
        if isinstance(target, typer.Typer):
            app.add_typer(target, name=name)
        else:
            app.command(name, epilog=module.EPILOG)(target)
        _registered.add(name)
    return app


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            line = f"postkit {version('postkit')}"
        except PackageNotFoundError:
            line = "postkit (not installed)"
        write_text(line + "\n")  # a closed pipe or a full disk: as for every output
        raise typer.Exit()


@common.app.callback()
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
    """The command line: load what the command needs (:func:`prepare`), then run it."""
    prepare()()


def prepare() -> typer.Typer:
    """UTF-8 streams (a stand-in for a closed stdout), and the app with the called command.

    A known command name gets an app holding only that command: Typer builds a
    Click command for every command it holds before it runs one, and each
    command module costs imports. Everything else (help, --version, typos,
    completion, which reads its words from the environment) gets the whole app.
    """
    ensure_stdout()
    force_utf8(sys.stdout, sys.stderr)
    name = sys.argv[1] if len(sys.argv) > 1 else ""
    if "_POSTKIT_COMPLETE" not in os.environ and name in {entry[0] for entry in COMMANDS}:
        return register((name,))
    return register()


def __getattr__(name: str) -> typer.Typer:
    """``postkit.cli.app`` for library users and tests: the whole app, every command on it."""
    if name == "app":
        return register()
    raise AttributeError(f"module 'postkit.cli' has no attribute {name!r}")
