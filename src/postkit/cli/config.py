"""``postkit config path|show|init``: where the settings live and what is in force."""

from __future__ import annotations

from typing import Annotated

import typer

from postkit.cli.common import PostkitTyper, examples, handle_errors
from postkit.cli.output import say, write_text
from postkit.settings import config_path, init_config, load_settings, show

config_app = PostkitTyper(help="Show or create the config file.", no_args_is_help=True)


@config_app.command(
    "path", epilog=examples("postkit config path", "POSTKIT_CONFIG=work.toml postkit config path")
)
@handle_errors
def path_command() -> None:
    """Print where the config file is (POSTKIT_CONFIG overrides it)."""
    write_text(f"{config_path()}\n")


@config_app.command(
    "show", epilog=examples("postkit config show", "POSTKIT_TONE=punchy postkit config show")
)
@handle_errors
def show_command() -> None:
    """Print the settings in force: config file and POSTKIT_* variables over defaults."""
    path = config_path()
    state = "" if path.is_file() else " (not created yet: postkit config init)"
    write_text(f"# {path}{state}\n{show(load_settings())}")


@config_app.command("init", epilog=examples("postkit config init", "postkit config init --force"))
@handle_errors
def init_command(
    force: Annotated[
        bool, typer.Option("--force", help="Replace a config file that already exists.")
    ] = False,
) -> None:
    """Write a starter config file with every key explained."""
    path = init_config(force=force)
    say(f"postkit: wrote {path}")
