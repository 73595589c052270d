"""What every command shares: the app and its usage errors, the shared options,
the error handler and output helpers."""
# No "from __future__ import annotations": Typer reads the annotations of the
# callbacks here (root, completions) and would evaluate each string again.

import functools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TextIO, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from postkit.cli.output import output_failed, quiet_broken_pipe, say, write_text
from postkit.errors import (
    AlreadyExistsError,
    ExitCode,
    NoThreadsError,
    PostkitError,
    SettingError,
    TemplateNotFoundError,
    TopicNotFoundError,
    WorkerDiedError,
)
from postkit.model import EMOJI_LEVELS, NUMBERINGS
from postkit.model import TONES as BUILTIN_TONES
from postkit.platforms.rules import PLATFORMS

try:  # newer typer (0.28 here) carries its own copy of Click, already imported by typer
    from typer._click import exceptions as click_errors
    from typer.models import TyperPath as PathType
except ImportError:  # pragma: no cover - older typer depends on Click itself
    from click import Path as PathType  # type: ignore[no-redef, assignment, import-not-found, unused-ignore]
    from click import exceptions as click_errors  # type: ignore[no-redef, import-not-found, unused-ignore]

if TYPE_CHECKING:
    from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")

# --------------------------------------------------------------- usage errors


def _sentence(text: str) -> str:
    """Click's sentence as a postkit message: one line, lower-case start, no full stop."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def _parameter_name(param: Any) -> str:
    """``--platform`` for an option (its longest name), ``INPUT`` for an argument."""
    names = [str(name) for name in getattr(param, "opts", ()) if str(name).startswith("-")]
    if names:
        return max(names, key=len)
    name = getattr(param, "metavar", None) or getattr(param, "name", None) or ""
    return str(name).upper()


def _bad_value(exc: click_errors.ClickException) -> bool:
    """A flag or argument given a value it does not take (not: one left out)."""
    return isinstance(exc, click_errors.BadParameter) and not isinstance(
        exc, click_errors.MissingParameter
    )


def usage_message(exc: click_errors.ClickException) -> str:
    """One line for a usage error Click found, in postkit's ``--flag: problem`` style."""
    if isinstance(exc, click_errors.NoSuchOption):
        possible = list(exc.possibilities or ())  # the closest first
        listed = ", ".join(possible[:-1]) + " or " if len(possible) > 1 else ""
        hint = f"; did you mean {listed}{possible[-1]}?" if possible else ""
        return _sentence(exc.message) + hint
    param = getattr(exc, "param", None)
    if _bad_value(exc) and param is not None:
        return f"{_parameter_name(param)}: {_sentence(exc.message)}"
    return _sentence(exc.format_message())


def _usage_error(exc: click_errors.ClickException) -> NoReturn:
    """The error line; then, unless the message already says what a value may be
    (a bad value), one line pointing at the command's help."""
    say(f"postkit: error: {usage_message(exc)}")
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click_errors.UsageError) and not _bad_value(exc):
        path = ctx.command_path if ctx is not None else "postkit"
        say(f"postkit: try '{path} --help'")
    sys.exit(int(ExitCode.USAGE))


def _parse_in(ctx: Any, parse: Callable[[], list[str]]) -> list[str]:
    """Parse, naming the command in a usage error that Click left without one
    (``--seed`` with no value), so the hint points at that command's help."""
    try:
        return parse()
    except click_errors.UsageError as exc:
        if exc.ctx is None:
            exc.ctx = ctx
        raise


def _output_error(exc: OSError) -> PostkitError:
    """The OutputError for stdout that cannot take the output (see ``output_failed``)."""
    try:
        output_failed(exc)
    except PostkitError as error:
        return error


def _fail(exc: PostkitError) -> NoReturn:
    """One ``postkit: error:`` line and the error's exit code (outside any command)."""
    say(f"postkit: error: {exc.message}")
    sys.exit(int(exc.exit_code))


class PostkitCommand(TyperCommand):
    """A command whose usage line names a required argument INPUT, not {INPUT}."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [
            piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
            for piece in super().collect_usage_pieces(ctx)
        ]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return _parse_in(ctx, lambda: super(PostkitCommand, self).parse_args(ctx, args))


class PostkitGroup(TyperGroup):
    """The root command: every usage error Click finds is one ``postkit: error:`` line.

    Click's standalone mode prints a usage line, a hint and a boxed message; here
    Click runs non-standalone and its exceptions are turned into postkit's form:
    the error line, a hint line where the command's help shows the way, exit 2.
    ``--help``, a bare ``postkit`` (its help, exit 2) and Ctrl-C (130) behave as
    before, and so does a test's ``CliRunner``, which calls this same method.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        # "postkit", also under `python -m postkit`: the usage lines, the hint and the
        # completion variable (_POSTKIT_COMPLETE) all name the command users type.
        prog_name = prog_name or "postkit"
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except click_errors.NoArgsIsHelpError as exc:
            help_text = exc.format_message()  # empty when rich has printed it already
            if help_text:
                exc.show()
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            _usage_error(exc)
        except typer.Abort:
            say("postkit: interrupted")
            sys.exit(ExitCode.INTERRUPTED)
        except SystemExit as exc:
            # Click and rich end a closed pipe with 1 (`postkit --help | head -c 10`);
            # postkit ends quietly with 0, as a command does.
            if isinstance(exc.__context__, BrokenPipeError):
                quiet_broken_pipe()
            raise
        except BrokenPipeError:
            quiet_broken_pipe()
        except OSError as exc:  # --help or --version into a full disk: outside any command
            _fail(_output_error(exc))
        except PostkitError as exc:  # raised outside a command (the --version callback)
            _fail(exc)
        # Non-standalone Click returns the exit code of typer.Exit, or the command's value.
        sys.exit(result if isinstance(result, int) else 0)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return _parse_in(ctx, lambda: super(PostkitGroup, self).parse_args(ctx, args))


class PostkitTyper(typer.Typer):
    """A Typer whose commands are :class:`PostkitCommand` unless told otherwise."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **settings: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        return super().command(name, cls=cls or PostkitCommand, **settings)


def examples(*lines: str) -> str:
    """A command's ``--help`` epilog: one example command per line.

    (No square brackets in them: Typer's rich help would read them as markup.)
    """
    return "Examples:\n\n" + "\n".join(f"  {line}" for line in lines)


app = PostkitTyper(
    name="postkit",
    cls=PostkitGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=examples(
        'postkit draft "generative ai"',
        "postkit check post.txt -p x",
        "postkit batch month.csv -o posts/",
        "postkit draft genai --help",
        "postkit --install-completion",
    ),
)


# --------------------------------------------------------------- shared options
# Declared once so every command (draft, check, batch, thread) spells, documents
# and checks a flag the same way.


class GivenPath(PathType):  # type: ignore[misc, unused-ignore]
    """The type of every file or folder a command line names: never an empty string.

    ``Path("")`` is the current folder, so an empty value (an unset variable in
    a script: ``-o "$OUT"``) would quietly mean "here": ``batch -o ''`` wrote
    its posts into the current folder, ``templates eject ''`` 141 files. It is
    refused, one line: ``--output: give a folder, not an empty string``.
    Otherwise Typer's own path type, so ``--help`` and the checks stay as they
    were; ``text=True`` for a FILE that is read as text (``-`` for stdin),
    shown as ``<str>`` and checked by the library alone, as before.
    """

    def __init__(self, what: str, *, text: bool = False) -> None:
        super().__init__(readable=not text)
        self.what = what
        if text:
            self.name = "str"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str | bytes) and not value:
            self.fail(f"give a {self.what}, not an empty string", param, ctx)
        return super().convert(value, param, ctx)


def choices(names: Iterable[str], *more: str) -> str:
    """A metavar listing the accepted values, in Typer's ``<a|b|c>`` style."""
    return "<" + "|".join((*names, *more)) + ">"


def _completer(names: Iterable[str]) -> Callable[[str], list[str]]:
    """Shell completion for a flag that takes one of ``names``."""
    listed = tuple(names)
    return lambda incomplete: [name for name in listed if name.startswith(incomplete.lower())]


complete_platform = _completer(PLATFORMS)


def _complete_tone(incomplete: str) -> list[str]:
    """Tone completion: the built-in voices and the user's own (from the config)."""
    from postkit.render.catalogue import available_tones
    from postkit.settings import load_settings

    try:
        names = available_tones(load_settings().template_dirs)
    except PostkitError:  # a broken config file: offer the built-in tones
        names = available_tones()
    return [name for name in names if name.startswith(incomplete)]


# Platform, tone, emoji and numbering stay strings checked by the library (as
# config.toml and POSTKIT_* values are), so a bad value reads the same from a
# flag, a variable or the file: "--platform: 'fax' is not a platform; choose
# one of: …". The metavar lists the choices and completion offers them.
PlatformOption = Annotated[
    str | None,
    typer.Option(
        "--platform",
        "-p",
        metavar=choices(PLATFORMS),
        autocompletion=complete_platform,
        show_default="linkedin, or your config",
        help="The platform to write for.",
    ),
]
ToneOption = Annotated[
    str | None,
    typer.Option(
        "--tone",
        "-t",
        metavar=choices(BUILTIN_TONES, "VOICE"),
        autocompletion=_complete_tone,
        show_default="friendly, or your config",
        help="A built-in tone, or a voice of your own (voices/VOICE.j2 in a template folder).",
    ),
]
EmojiOption = Annotated[
    str | None,
    typer.Option(
        "--emoji",
        "-e",
        metavar=choices(EMOJI_LEVELS),
        autocompletion=_completer(EMOJI_LEVELS),
        show_default="rich, or your config",
        help="How many emoji: none, light (at most one per section) or rich.",
    ),
]
NumberingOption = Annotated[
    str,
    typer.Option(
        "--numbering",
        metavar=choices(NUMBERINGS),
        autocompletion=_completer(NUMBERINGS),
        help="Number thread parts: suffix (' 1/3'), prefix ('1/3 ') or none.",
    ),
]
SeedOption = Annotated[
    int | None,
    typer.Option(
        "--seed",
        "-s",
        show_default=False,
        help="Pick variants deterministically: the same seed, the same post.",
    ),
]
CwOption = Annotated[
    str | None,
    typer.Option(
        "--cw",
        metavar="TEXT",
        help="Mastodon: a content warning, counted with the post (and shown above it).",
        show_default=False,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        show_default="the platform's",
        help="Another length limit (X Premium, your Mastodon instance).",
    ),
]
TemplateDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--template-dir",
        click_type=GivenPath("folder"),
        show_default=False,
        help="Use template sets and voices from this folder first (repeatable).",
    ),
]


class OutputFormat(StrEnum):
    """``draft --format``."""

    text = "text"
    markdown = "markdown"
    json = "json"
    linkedin_api = "linkedin-api"


class CheckFormat(StrEnum):
    """``check --format``: the report as lines (or a terminal listing), or JSON."""

    text = "text"
    json = "json"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="text: the post (a preview on a terminal); markdown: the post under a "
        "'# Topic' heading; json: one object with the text, length, fold and parts; "
        "linkedin-api: the JSON body of a LinkedIn Posts API request.",
    ),
]
CheckFormatOption = Annotated[
    CheckFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="text: one line per problem (a highlighted listing on a terminal); json: one object.",
    ),
]


# Settings whose flag is not their name in dashes: a list of folders, given one
# folder per flag.
_FLAGS = {"template_dirs": "--template-dir"}


def flag_for(setting: str) -> str:
    """The flag that sets a library setting: ``input_format`` → ``--input-format``."""
    return _FLAGS.get(setting) or "--" + setting.replace("_", "-")


def user_message(error: PostkitError) -> str:
    """The library's message in the command line's words.

    The core speaks of the domain (a setting, a file in the way, a page of
    your own); here each way out is named by the flag or command that takes it.
    """
    if isinstance(error, SettingError):
        return error.worded(flag_for(error.setting))
    if isinstance(error, AlreadyExistsError):
        return error.worded("use --force")
    if isinstance(error, NoThreadsError):
        return error.worded(
            f"postkit check --platform {error.platform}", f"--platform {error.alternatives()}"
        )
    if isinstance(error, WorkerDiedError):
        return error.worded("--jobs 1")
    if isinstance(error, TopicNotFoundError) and error.name is not None:
        if not error.name:
            return "the topic name is empty: give a topic, or use --from PAGE.md"
        closest = f"closest: {', '.join(error.closest)}; " if error.closest else ""
        return (
            f"unknown topic {error.name!r} ({closest}see `postkit topics list`, "
            "or draft from your own page with `postkit draft --from PAGE.md`)"
        )
    if isinstance(error, TemplateNotFoundError):
        return error.worded("see `postkit templates list`")
    return error.message


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
            say(f"postkit: error: {user_message(exc)}")
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            say("postkit: interrupted")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except (typer.Exit, typer.Abort, SystemExit, click_errors.ClickException):
            raise  # a usage error raised in a command is PostkitGroup.main's to print
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
    from postkit.cli.output import is_terminal

    return is_terminal(sys.stdout)


def rich_console(stream: TextIO) -> "Console":
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


# A thread of a hundred long parts is 50 KB; checking is linear but not free
# (20 MB took 50 s and 900 MB), so a file this large is refused, not read.
MAX_POST_BYTES = 1024 * 1024


def read_post(file: str, hint: str) -> str:
    """The text of FILE, or of stdin when it is ``-``: what ``check`` and ``thread`` read.

    Stdin left on a terminal would wait for typing nobody means to do: refused,
    with ``hint`` saying what to give instead.
    """
    from postkit.cli.output import is_terminal
    from postkit.errors import InputError
    from postkit.sources.files import is_stdin, read_text_file

    if is_stdin(file) and is_terminal(sys.stdin):
        raise InputError(hint)
    return read_text_file(file, limit=MAX_POST_BYTES)
