"""``postkit topics list|show|new`` and ``postkit templates list|show|eject``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from postkit.cli.common import (
    GivenPath,
    PostkitTyper,
    TemplateDirOption,
    examples,
    handle_errors,
    rich_console,
    stdout_is_terminal,
    write_json_lines,
)
from postkit.cli.output import say, write_text
from postkit.settings import Settings, load_settings, new_topic_dir, user_topic_dirs

topics_app = PostkitTyper(help="List, show and add topics.", no_args_is_help=True)
templates_app = PostkitTyper(
    help="List, show and eject template sets and voices.", no_args_is_help=True
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON lines for scripts.")]


def _topic_dirs(settings: Settings) -> tuple[Path, ...]:
    # The library lets later folders win; the user's first folder must win.
    return tuple(reversed(user_topic_dirs(settings)))


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A table on a terminal; tab-separated lines when piped (easy to cut and grep)."""
    if not stdout_is_terminal():
        write_text("".join("\t".join(row) + "\n" for row in rows))
        return
    from rich.table import Table

    table = Table(*headers, box=None, header_style="bold", pad_edge=False)
    for row in rows:
        table.add_row(*row)
    rich_console(sys.stdout).print(table)


@topics_app.command(
    "list",
    epilog=examples("postkit topics list", "postkit topics list --json | jq -r .name"),
)
@handle_errors
def topics_list(as_json: JsonOption = False) -> None:
    """List every topic: name, title, source (built-in or user) and aliases."""
    from postkit.library import describe, topic_rows

    rows = topic_rows(_topic_dirs(load_settings()))
    if as_json:
        write_json_lines(describe(rows))
        return
    # Aliases last: piped, `cut -f1-3` keeps giving name, title and source.
    _table(
        ("name", "title", "source", "aliases"),
        [(row.name, row.title, row.source, ", ".join(row.aliases)) for row in rows],
    )


@topics_app.command("show", epilog=examples("postkit topics show genai"))
@handle_errors
def topics_show(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="A topic name or alias.", show_default=False)
    ],
) -> None:
    """Print a topic's page (its file is named on stderr)."""
    from postkit.library import topic_entry
    from postkit.sources.files import read_text_file

    entry = topic_entry(name, _topic_dirs(load_settings()))
    say(f"postkit: {entry.name} ({entry.source}): {entry.path}")
    write_text(read_text_file(entry.path, regular=True))


@topics_app.command(
    "new",
    epilog=examples(
        'postkit topics new "edge computing"', "postkit topics new wasm --from notes/wasm.md"
    ),
)
@handle_errors
def topics_new(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="The new topic's name.", show_default=False)
    ],
    from_page: Annotated[
        Path | None,
        typer.Option(
            "--from",
            click_type=GivenPath("page (or - for stdin)"),
            help="Fill it from this Markdown page.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a page of that name.")] = False,
) -> None:
    """Write a new topic page into your topics folder (never over an existing page)."""
    from postkit.library import new_topic
    from postkit.sources.topics import library, topic_key

    settings = load_settings()
    path = new_topic(name, new_topic_dir(settings), from_page=from_page, force=force)
    say(f"postkit: wrote {path}")
    builtin = library().get(path.stem)
    if builtin is not None and topic_key(builtin.name) == topic_key(name):
        say(f"postkit: your page overrides the built-in topic {builtin.name!r}")


@templates_app.command(
    "list", epilog=examples("postkit templates list", "postkit templates list --json")
)
@handle_errors
def templates_list(template_dir: TemplateDirOption = None, as_json: JsonOption = False) -> None:
    """List template sets and voices: name, kind, source and folder."""
    from postkit.library import describe, template_rows

    settings = load_settings({"template_dirs": template_dir or None})
    rows = template_rows(settings.template_dirs)
    if as_json:
        write_json_lines(describe(rows))
        return
    _table(
        ("name", "kind", "source", "path"),
        [(row.name, row.kind, row.source, str(row.path)) for row in rows],
    )


@templates_app.command(
    "show",
    epilog=examples(
        "postkit templates show linkedin",
        "postkit templates show punchy",
        "postkit templates show linkedin/intro.j2",
    ),
)
@handle_errors
def templates_show(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A set (linkedin), a voice (punchy) or a file (linkedin/intro.j2).",
            show_default=False,
        ),
    ],
    template_dir: TemplateDirOption = None,
) -> None:
    """Print the source of a template set, a voice or one template file."""
    from postkit.library import template_text

    settings = load_settings({"template_dirs": template_dir or None})
    write_text(template_text(name, settings.template_dirs))


@templates_app.command(
    "eject",
    epilog=examples(
        "postkit templates eject ~/postkit-templates",
        "postkit draft genai --template-dir ~/postkit-templates",
    ),
)
@handle_errors
def templates_eject(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER", click_type=GivenPath("folder"), help="Copy them into this folder."
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace files ejected there before.")
    ] = False,
) -> None:
    """Copy the built-in templates into FOLDER to edit; draft with --template-dir FOLDER."""
    from postkit.library import eject

    written = eject(folder, force=force)
    say(f"postkit: copied {len(written)} templates into {folder}")
    say(f'postkit: use them with: postkit draft TOPIC --template-dir "{folder}"')
    say(f"postkit: or for good: add template_dirs = ['{folder.resolve()}'] to the config file")
