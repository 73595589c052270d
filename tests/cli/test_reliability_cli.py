"""What a hostile tester broke in the command line itself (issue 22), as real processes.

Help and the version into a full disk, stdout closed, a reader that goes away,
a file name with a newline in it, a topic name too long for a file name, and
``postkit fix`` fed /dev/zero or one endless line, with its peak memory
measured: each ends with one line and the documented exit code, never a
traceback nor an "internal error".
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

import pytest

from helpers import garble, run_postkit
from helpers.memory import peak_rss

MEMORY_CEILING = 300 * 1024 * 1024  # the README's promise for postkit fix
POSTKIT = [sys.executable, "-m", "postkit"]


def _one_error_line(stderr: bytes) -> str:
    """The one line a failure prints: a ``postkit: error:``, nothing else."""
    text = stderr.decode("utf-8")
    assert "Traceback" not in text
    assert "internal error" not in text
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert lines[0].startswith("postkit: error: "), text
    return lines[0]


# ------------------------------------------------------------ output that fails


@pytest.mark.parametrize(
    "args", [["--help"], ["draft", "--help"], ["--version"], ["fix", "--help"]], ids=" ".join
)
def test_help_and_version_into_a_full_disk(args: list[str]) -> None:
    with Path("/dev/full").open("wb") as full:
        result = subprocess.run(
            [*POSTKIT, *args], stdout=full, stderr=subprocess.PIPE, timeout=60, check=False
        )
    line = _one_error_line(result.stderr)
    assert line == (
        "postkit: error: cannot write the output (No space left on device); is the disk full?"
    )
    assert result.returncode == 2


def _run_with_stdout_closed(
    args: list[str], cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run postkit with file descriptor 1 closed (``>&-``), as a shell does it."""
    command = " ".join(shlex.quote(part) for part in [*POSTKIT, *args]) + " >&-"
    return subprocess.run(
        ["sh", "-c", command],
        input=stdin,
        stderr=subprocess.PIPE,
        cwd=cwd,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["draft", "genai"],
        ["draft", "genai", "-f", "json"],
        ["batch", "rows.csv", "-f", "jsonl"],
        ["fix", "garbled.txt"],
        ["fix", "--explain", "garbled.txt"],
        ["thread", "long.txt", "-p", "x"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_stdout_closed_is_an_ordinary_error(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "rows.csv").write_text("topic\ngenai\nkubernetes\n", encoding="utf-8")
    (tmp_path / "garbled.txt").write_text(garble("Launch day 🚀\n", "cp1252"), encoding="utf-8")
    (tmp_path / "long.txt").write_text("A sentence that goes on. " * 40, encoding="utf-8")
    result = _run_with_stdout_closed(args, tmp_path)
    stderr = result.stderr
    if "--explain" in args:  # its list of repairs goes to stderr, which is open
        explained, _, stderr = stderr.partition(b"\n")
        assert " → 🚀 ".encode() in explained
    line = _one_error_line(stderr)
    assert line == "postkit: error: cannot write the output (stdout is closed)"
    assert result.returncode == 2


def test_commands_that_print_nothing_do_not_mind_a_closed_stdout(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text("Nothing garbled here 🚀\n", encoding="utf-8")
    result = _run_with_stdout_closed(["fix", "--check", "clean.txt"], tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr.decode() == "postkit: clean.txt: no mojibake found\n"


@pytest.mark.parametrize(
    "args", [["--help"], ["draft", "--help"], ["--version"], ["draft", "genai"]], ids=" ".join
)
def test_a_reader_that_goes_away_ends_quietly_with_0(args: list[str]) -> None:
    """``postkit --help | head -c 10``: the pipe is closed before postkit writes."""
    process = subprocess.Popen([*POSTKIT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first byte
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0, stderr.decode()
    assert stderr == b""


THIN_PAGE = "# Zig\n\nZig is a small language for systems programming.\n"


def _buffered_environment() -> dict[str, str]:
    """The environment without PYTHONUNBUFFERED: a user's shell has none, and
    with it stderr holds nothing for the last flush to fail on, which hides
    the failure (a CI or IDE often sets it)."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}


STDERR_CASES = [
    (["draft", "no such topic here"], 2),
    (["check", "missing.txt"], 2),
    (["batch", "missing.csv", "-f", "jsonl"], 2),
    (["draft", "genai", "--template-dir", "nope"], 2),
    (["draft", "--from", "thin.md", "--seed", "1"], 0),  # a post, and a warning lost
]


@pytest.mark.parametrize(
    ("args", "code"), STDERR_CASES, ids=[" ".join(args) for args, _ in STDERR_CASES]
)
def test_stderr_that_cannot_be_written_keeps_the_exit_code(
    args: list[str], code: int, tmp_path: Path
) -> None:
    """issue 22: ``2>/dev/full`` ended with 120, Python's own code for a last
    flush that fails; the message is lost, but the exit code still says what
    happened: 2 for an error, 0 for a post drafted whose warning could not be shown."""
    (tmp_path / "thin.md").write_text(THIN_PAGE, encoding="utf-8")
    with Path("/dev/full").open("wb") as full:
        result = subprocess.run(
            [*POSTKIT, *args],
            stdout=subprocess.PIPE,
            stderr=full,
            cwd=tmp_path,
            env=_buffered_environment(),
            timeout=60,
            check=False,
        )
    assert result.returncode == code
    assert (result.stdout != b"") is (code == 0)


def test_stderr_whose_reader_went_away_keeps_the_exit_code(tmp_path: Path) -> None:
    """``postkit … 2>&1 >out | head -0``: stderr is a closed pipe (EPIPE), not a crash."""
    process = subprocess.Popen(
        [*POSTKIT, "draft", "no such topic here"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_buffered_environment(),
    )
    assert process.stderr is not None
    process.stderr.close()  # the reader is gone before the first byte
    assert process.wait(timeout=60) == 2


# ------------------------------------------------------------ empty names

EMPTY_PATHS = [
    (["draft", "--from", ""], "--from: give a page (or - for stdin), not an empty string"),
    (
        ["draft", "genai", "--template-dir", ""],
        "--template-dir: give a folder, not an empty string",
    ),
    (
        ["topics", "new", "x", "--from", ""],
        "--from: give a page (or - for stdin), not an empty string",
    ),
    (["check", ""], "FILE: give a file (or - for stdin), not an empty string"),
    (["thread", "", "-p", "x"], "FILE: give a file (or - for stdin), not an empty string"),
    (["fix", ""], "FILE: give a file (or - for stdin), not an empty string"),
]


@pytest.mark.parametrize(
    ("args", "line"), EMPTY_PATHS, ids=[" ".join(args) for args, _ in EMPTY_PATHS]
)
def test_an_empty_path_is_a_usage_error_naming_the_parameter(
    args: list[str], line: str, tmp_path: Path
) -> None:
    """issue 22: ``Path('')`` is the current folder, so an empty name meant "here"
    (`batch -o ''` and `templates eject ''`: tests/batch, tests/cli/test_library_cli)
    or read as a folder: one line naming the parameter instead, exit 2."""
    result = subprocess.run(
        [*POSTKIT, *args], capture_output=True, cwd=tmp_path, timeout=60, check=False
    )
    assert result.returncode == 2
    assert result.stderr.decode() == f"postkit: error: {line}\n"
    assert result.stdout == b""
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------ names in messages

NEWLINE_NAME = "bad\nname.md"


@pytest.mark.parametrize(
    "args",
    [
        ["fix", "{missing}"],
        ["fix", "{bad}"],
        ["fix", "--explain", "{bad}"],
        ["check", "{missing}"],
        ["check", "{bad}"],
        ["draft", "--from", "{missing}"],
        ["draft", "--from", "{bad}"],
        ["thread", "{missing}", "-p", "x"],
        ["topics", "new", "page", "--from", "{bad}"],
        ["batch", "{missing}"],
        ["batch", "{bad}"],
        ["batch", "rows.csv", "-o", "{bad}/out"],
    ],
    ids=lambda args: " ".join(args).replace("\n", "\\n"),
)
def test_a_name_with_a_newline_makes_a_one_line_error(args: list[str], tmp_path: Path) -> None:
    bad = tmp_path / NEWLINE_NAME
    bad.write_bytes(b"# Title\n\n\xff not UTF-8\n")
    missing = tmp_path / "no\nsuch\x1b[31m"
    (tmp_path / "rows.csv").write_text("topic\ngenai\n", encoding="utf-8")
    named = [a.format(bad=bad, missing=missing) for a in args]
    result = subprocess.run(
        [*POSTKIT, *named], capture_output=True, cwd=tmp_path, timeout=60, check=False
    )
    line = _one_error_line(result.stderr)
    assert result.returncode == 2
    assert "\\n" in line  # the name is there, its newline written as an escape
    assert "\x1b" not in line


def test_quote_name_and_one_line() -> None:
    from postkit.cli.output import one_line
    from postkit.errors import quote_name

    assert quote_name("posts/ça va 🚀.md") == "posts/ça va 🚀.md"
    assert quote_name("bad\nname.md") == "'bad\\nname.md'"
    assert quote_name("\x1b[31mred") == "'\\x1b[31mred'"
    assert quote_name(Path("a\udcffb")) == "'a\\udcffb'"  # an undecodable byte in a name
    assert one_line("a\nb\x1b[0m\u2028c") == "a\\nb\\x1b[0m\\u2028c"
    assert one_line("👩‍💻 ❤️ ça\u00a0va") == "👩‍💻 ❤️ ça\u00a0va"  # ZWJ, VS16, NBSP stay


# ------------------------------------------------------------ topics new


def test_topics_new_with_a_name_too_long_for_a_file_name() -> None:
    result = run_postkit("topics", "new", "a" * 300)
    line = _one_error_line(result.stderr)
    assert result.returncode == 2
    assert "300 characters is too long" in line


def test_topics_new_takes_a_long_name_that_fits(isolated_user: Path) -> None:
    name = "a" * 100
    result = run_postkit("topics", "new", name)
    assert result.returncode == 0, result.stderr.decode()
    assert (isolated_user / "topics" / f"{name}.md").is_file()


# ------------------------------------------------------------ fix: memory


# python -m postkit, with the address space limited first (in the child itself).
def _peak_rss(args: list[str], stdin: IO[bytes] | int) -> tuple[int, str, int]:
    """Run postkit; its exit code, its stderr and the peak memory (RSS, bytes) of that
    one process (see helpers.memory), under a 2 GB address-space limit."""
    with tempfile.TemporaryFile() as err:
        code, peak = peak_rss(args, stdin, err)
        err.seek(0)
        return code, err.read().decode("utf-8", "replace"), peak


def test_fix_dev_zero_is_refused_in_bounded_memory() -> None:
    with Path("/dev/zero").open("rb") as zero:
        code, stderr, peak = _peak_rss(["fix", "-"], zero)
    line = _one_error_line(stderr.encode())
    assert code == 2
    assert line.startswith("postkit: error: <stdin>:1: contains NUL bytes")
    assert peak < MEMORY_CEILING, f"peak RSS {peak / 2**20:.0f} MiB"


def test_fix_refuses_an_endless_line_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "one line.txt"
    path.write_bytes(b"a first line\n" + b"x" * (5 * 1024 * 1024))
    with path.open("rb") as stdin:
        code, stderr, peak = _peak_rss(["fix", str(path)], stdin)
    line = _one_error_line(stderr.encode())
    assert code == 2
    assert line == (
        f"postkit: error: {path}:2: a line longer than 4 MiB; break it into shorter lines"
    )
    assert peak < MEMORY_CEILING


@pytest.mark.parametrize(
    ("unit", "options"),
    [("cafÃ© ", ["--explain"]), ("cafÃ© ", ["--check"]), ("ðŸš€ x ", []), ("🙂 ðŸš€ ", [])],
    ids=["letters-explain", "letters-check", "emoji", "wide-chars"],
)
def test_fix_the_longest_line_it_takes_stays_under_the_ceiling(
    tmp_path: Path, unit: str, options: list[str]
) -> None:
    """Just under 4 MiB on one line, repaired throughout (a million repairs for
    --explain): the most one line can ask of fix."""
    size = len(unit.encode())
    path = tmp_path / "long.txt"
    path.write_text(unit * ((4 * 1024 * 1024 - 2) // size) + "\n", encoding="utf-8")
    with path.open("rb") as stdin:
        code, stderr, peak = _peak_rss(["fix", *options, str(path)], stdin)
    assert code in (0, 1), stderr[-2000:]
    assert "error" not in stderr[:200]
    assert peak < MEMORY_CEILING, f"peak RSS {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize(
    "args",
    [["fix", "-"], ["check", "-"], ["thread", "-"], ["draft", "--from", "-"], ["batch", "-"]],
)
def test_dash_with_stdin_closed_is_one_line(tmp_path: Path, args: list[str]) -> None:
    """``postkit fix - <&-``: Python starts with no sys.stdin at all."""
    done = subprocess.run(
        [sys.executable, "-m", "postkit", *args],
        capture_output=True,
        cwd=tmp_path,
        preexec_fn=lambda: os.close(0),  # as the shell's <&- leaves it
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.decode() == (
        "postkit: error: <stdin> is closed; give a file, or pipe the text in\n"
    )
    assert list(tmp_path.iterdir()) == []
