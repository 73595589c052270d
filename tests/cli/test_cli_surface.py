"""The command line's surface: usage errors, help, short flags, formats, completion.

Exit codes and stderr are checked in real processes (``run_postkit``); the help
of every command is read from the app itself, so a new command is checked too.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from helpers import REPO, require_tool, run_postkit
from postkit.cli import app
from postkit.cli.common import choices
from postkit.model import EMOJI_LEVELS
from postkit.model import TONES as BUILTIN_TONES
from postkit.platforms.rules import PLATFORMS

runner = CliRunner()

# ------------------------------------------------------------------ the commands


def leaf_commands() -> Iterator[tuple[str, Any]]:
    """Every command users run, by its path: ("draft", …), ("topics list", …)."""

    def walk(group: Any, prefix: str) -> Iterator[tuple[str, Any]]:
        ctx = group.context_class(group, info_name=prefix or "postkit")
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            path = f"{prefix} {name}".strip()
            if isinstance(command, TyperGroup):
                yield from walk(command, path)
            else:
                yield path, command

    yield from walk(typer.main.get_command(app), "")


COMMANDS = dict(leaf_commands())


def test_the_walk_finds_every_command() -> None:
    assert {"draft", "check", "batch", "fix", "topics list", "templates eject"} <= set(COMMANDS)
    assert {"config init", "topics new", "templates show"} <= set(COMMANDS)


# ------------------------------------------------------------------ usage errors

# (arguments, what the error line says, the hint line or None)
USAGE_ERRORS = [
    (["draft", "genai", "--seed", "abc"], "--seed: 'abc' is not a valid", None),
    (["draft", "genai", "-n", "many"], "--variants: 'many' is not a valid", None),
    (["draft", "genai", "--bogus"], "no such option: --bogus", "postkit draft --help"),
    (["draft", "genai", "--pltform", "x"], "did you mean --platform", "postkit draft --help"),
    (["draft", "genai", "-p"], "option '-p' requires an argument", "postkit draft --help"),
    (["draft", "genai", "extra"], "unexpected extra argument", "postkit draft --help"),
    (["draft", "genai", "--format", "yaml"], "--format: 'yaml' is not one of", None),
    (["draft", "genai", "-p", "myspace"], "--platform: 'myspace' is not a platform", None),
    (["draft", "genai", "-e", "lots"], "--emoji: 'lots' is not an emoji level", None),
    (["draft", "genai", "--numbering", "roman"], "--numbering: 'roman' is not one of", None),
    (["check", "post.txt", "-f", "markdown"], "--format: 'markdown' is not one of", None),
    (["check", "post.txt", "--limit", "lots"], "--limit: 'lots' is not a valid", None),
    (["batch"], "missing argument 'INPUT'", "postkit batch --help"),
    (["batch", "a.txt", "--jobs", "all"], "--jobs: 'all' is not a valid", None),
    (["batch", "a.txt", "--input-format", "xml"], "--input-format: 'xml' is not one of", None),
    (["fix", "--explain=yes"], "option '--explain' does not take a value", "postkit fix --help"),
    (["nope"], "no such command 'nope'", "postkit --help"),
    (["--bogus"], "no such option: --bogus", "postkit --help"),
    (["topics", "nope"], "no such command 'nope'", "postkit topics --help"),
    (["topics", "show"], "missing argument 'NAME'", "postkit topics show --help"),
    (["topics", "list", "--jsn"], "no such option: --jsn", "postkit topics list --help"),
    (["templates", "eject"], "missing argument 'FOLDER'", "postkit templates eject --help"),
    (["config", "init", "--forse"], "no such option: --forse", "postkit config init --help"),
]


@pytest.mark.parametrize(("args", "message", "hint"), USAGE_ERRORS)
def test_every_usage_error_is_one_line_and_exit_2(
    args: list[str], message: str, hint: str | None
) -> None:
    result = run_postkit(*args, input="")
    lines = result.stderr.decode("utf-8").splitlines()
    assert result.returncode == 2, lines
    assert result.stdout == b""
    assert lines[0].startswith("postkit: error: ") and message in lines[0], lines
    assert lines[1:] == ([f"postkit: try '{hint}'"] if hint else []), lines


def test_a_bare_command_still_shows_its_help() -> None:
    for args in ([], ["topics"], ["config"]):
        result = run_postkit(*args)
        assert result.returncode == 2
        assert f"Usage: postkit {' '.join(args)}".strip() in result.stdout.decode()
        assert b"error" not in result.stderr


def test_the_root_help_shows_completion_and_examples() -> None:
    shown = help_of("")
    assert "--install-completion" in shown and "--show-completion" in shown
    assert "Examples:" in shown and "postkit batch month.csv -o posts/" in shown


def test_help_exits_0_and_names_postkit_under_python_dash_m() -> None:
    result = run_postkit("draft", "-h")
    assert result.returncode == 0 and result.stderr == b""
    assert "Usage: postkit draft [OPTIONS] [TOPIC]" in result.stdout.decode()


def test_ctrl_c_still_exits_130() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "postkit", "fix", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(b"hello\n")
    process.stdin.flush()
    assert process.stdout.readline() == b"hello\n"  # running, and waiting for more
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr == b"postkit: interrupted\n"


def test_cli_runner_sees_the_same_exit_codes_and_line() -> None:
    result = runner.invoke(app, ["draft", "genai", "--seed", "abc"])
    assert result.exit_code == 2
    assert result.stderr.startswith("postkit: error: --seed: 'abc' is not a valid int")
    assert result.stderr.count("\n") == 1
    assert runner.invoke(app, ["draft", "--help"]).exit_code == 0
    assert runner.invoke(app, ["draft", "genai", "--seed", "1"]).exit_code == 0


# ------------------------------------------------------------------ help


def help_of(path: str) -> str:
    result = runner.invoke(app, [*path.split(), "--help"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_usage_lines_name_arguments_one_way(path: str) -> None:
    usage = next(line for line in help_of(path).splitlines() if "Usage:" in line).split()
    assert usage[:3] == ["Usage:", "postkit", *path.split()][:3]
    pieces = usage[2 + len(path.split()) :]
    assert pieces[0] == "[OPTIONS]"
    for piece in pieces[1:]:  # TOPIC, [FILE], INPUT: upper case, [] when optional
        assert piece.strip("[]").isupper() and "{" not in piece, usage


@pytest.mark.parametrize(
    ("flag", "metavar"),
    [
        ("--platform", choices(PLATFORMS)),
        ("--emoji", choices(EMOJI_LEVELS)),
        ("--tone", choices(BUILTIN_TONES, "VOICE")),
    ],
)
def test_choices_are_listed_in_every_help(flag: str, metavar: str) -> None:
    """Not <str>: the accepted values, the same in every command (and in thread's)."""
    found = []
    for path, command in COMMANDS.items():
        for param in command.params:
            if flag in param.opts:
                found.append(path)
                assert param.metavar == metavar, path
                assert metavar in help_of(path)
    assert {"draft", "batch"} <= set(found)


def test_every_format_is_documented_in_its_help() -> None:
    formats = {}
    for path, command in COMMANDS.items():
        for param in command.params:
            if "--format" in param.opts:
                accepted = [str(choice) for choice in param.type.choices]
                formats[path] = accepted
                for choice in accepted:
                    assert f"{choice}:" in (param.help or ""), (path, choice)
    assert formats["draft"] == ["text", "markdown", "json", "linkedin-api"]
    assert formats["check"] == ["text", "json"]
    assert formats["batch"] == ["text", "jsonl"]


SHORT_FLAGS = {
    "draft": {"-p": "--platform", "-t": "--tone", "-e": "--emoji", "-f": "--format",
              "-s": "--seed", "-n": "--variants"},
    "check": {"-p": "--platform", "-f": "--format"},
    "batch": {"-p": "--platform", "-t": "--tone", "-e": "--emoji", "-f": "--format",
              "-s": "--seed", "-o": "--output", "-j": "--jobs"},
}  # fmt: skip


@pytest.mark.parametrize("path", sorted(SHORT_FLAGS))
def test_short_flags(path: str) -> None:
    names = {opt: param.opts for param in COMMANDS[path].params for opt in param.opts}
    for short, long in SHORT_FLAGS[path].items():
        assert short in names and long in names[short], (path, short)


def test_short_flags_draft_what_the_long_ones_draft() -> None:
    short_flags = "-p x -t punchy -e light -s 4 -f json"
    long_flags = "--platform x --tone punchy --emoji light --seed 4 --format json"
    short = runner.invoke(app, ["draft", "genai", *short_flags.split()])
    long = runner.invoke(app, ["draft", "genai", *long_flags.split()])
    assert short.exit_code == long.exit_code == 0, short.output
    assert short.stdout == long.stdout
    post = json.loads(short.stdout)
    assert post["platform"] == "x" and post["seed"] == 4


def examples_in(epilog: str) -> list[str]:
    assert epilog.startswith("Examples:"), epilog
    return [line.strip() for line in epilog.splitlines()[1:] if line.strip()]


def postkit_calls(example: str) -> list[list[str]]:
    """The postkit commands in an example line, without the pipes, redirections and
    variables around them."""
    lexer = shlex.shlex(example, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    segments: list[list[str]] = [[]]
    for token in lexer:
        if set(token) <= set(lexer.punctuation_chars):  # |, >, ;, && …
            segments.append([])
        else:
            segments[-1].append(token)
    return [words[words.index("postkit") + 1 :] for words in segments if "postkit" in words]


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_has_examples_that_parse(path: str) -> None:
    command = COMMANDS[path]
    examples = examples_in(command.epilog or "")
    assert examples and any(f"postkit {path}" in line for line in examples)
    assert "Examples:" in help_of(path) and examples[0] in help_of(path)
    for example in examples:
        for call in postkit_calls(example):
            name_count = len(path.split())
            if call[:name_count] != path.split():
                continue  # an example piping into another command
            # Parsing converts and checks every value (choices, numbers) without running.
            with command.make_context(path, call[name_count:]) as ctx:
                assert ctx.params is not None


# ------------------------------------------------------------------ formats


def test_draft_formats_all_carry_the_same_post() -> None:
    args = ("draft", "genai", "-s", "5")
    text = run_postkit(*args, "-f", "text").stdout.decode()
    markdown = run_postkit(*args, "-f", "markdown").stdout.decode()
    data = json.loads(run_postkit(*args, "-f", "json").stdout)
    assert markdown == f"# Generative AI\n\n{text}"
    assert data["text"] == text and data["topic"] == "Generative AI"


def test_check_formats() -> None:
    post = "A short post about tea. 🍵\n"
    lines = run_postkit("check", "-", "-p", "x", "-f", "text", input=post)
    report = json.loads(run_postkit("check", "-", "-p", "x", "-f", "json", input=post).stdout)
    assert lines.returncode == 0 and lines.stdout.decode().startswith("x: ")
    assert report["ok"] is True and report["platform"] == "x"


# ------------------------------------------------------------------ completion


def in_bash(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a bash script whose own process is the shell shellingham finds."""
    bash = require_tool("bash")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run(
        [bash, "-c", script + "\n:"],  # the trailing : keeps bash from exec'ing postkit
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path, "SHELL": bash, **env},
        timeout=60,
        check=False,
    )


def test_show_completion_prints_a_bash_script() -> None:
    result = in_bash(f"{shlex.quote(sys.executable)} -m postkit --show-completion", {})
    assert result.returncode == 0, result.stderr
    assert "_POSTKIT_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F _postkit_completion postkit" in result.stdout


def complete(words: str, env: dict[str, str]) -> list[str]:
    """What bash offers after ``words``, through the script postkit prints."""
    script = (
        "source <(postkit --show-completion)\n"
        f"COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n"
        "_postkit_completion postkit\n"
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    result = in_bash(script, env)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.split()


def test_completion_offers_commands_and_choices(isolated_user: Path, tmp_path: Path) -> None:
    assert (Path(sys.executable).parent / "postkit").exists()  # the console script
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices" / "calm.j2").write_text("{{ text }}", encoding="utf-8")
    config = isolated_user / "config.toml"
    config.write_text(f"template_dirs = [{json.dumps(str(tmp_path))}]\n", encoding="utf-8")
    env = {"POSTKIT_CONFIG": str(config)}
    assert complete("postkit dr", env) == ["draft"]
    assert complete("postkit draft genai --platform ''", env) == list(PLATFORMS)
    assert complete("postkit check post.txt -p m", env) == ["mastodon"]
    assert complete("postkit draft genai --emoji ''", env) == list(EMOJI_LEVELS)
    assert complete("postkit draft genai --tone ''", env) == [*BUILTIN_TONES, "calm"]
    assert complete("postkit topics ''", env) == ["list", "show", "new"]


def test_install_completion_writes_into_the_users_bashrc(tmp_path: Path) -> None:
    result = in_bash("postkit --install-completion", {"HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    script = tmp_path / ".bash_completions" / "postkit.sh"
    assert "_POSTKIT_COMPLETE" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def test_the_readme_tells_about_completion_and_short_flags() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "postkit --install-completion" in readme
    assert "postkit --show-completion" in readme
    for flags in SHORT_FLAGS.values():
        for short, long in flags.items():
            assert f"| `{short}` | `{long}` |" in readme, short
