"""Writing to stdout and stderr: always UTF-8, quiet on a closed pipe, one
clear line when stdout cannot take the output."""

from __future__ import annotations

import errno
import io
import os
import sys
from pathlib import Path
from typing import NoReturn, TextIO

from postkit.patterns import lazy_regex


def force_utf8(*streams: TextIO) -> None:
    """Make text streams write UTF-8 whatever the locale or PYTHONIOENCODING says.

    Posts are UTF-8 by definition; a C locale or ``PYTHONIOENCODING=ascii`` must
    not turn emoji into errors or question marks.
    """
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if reconfigure is not None and encoding != "utf-8":
            reconfigure(encoding="utf-8", errors="strict")


def write_text(text: str, stream: TextIO | None = None) -> None:
    """Write text and flush; a reader that went away (``| head -1``) ends us quietly."""
    stream = stream or sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        quiet_broken_pipe()
    except OSError as exc:
        output_failed(exc)


def output_failed(exc: OSError) -> NoReturn:
    """stdout cannot take the post (``> /dev/full``, a full disk, stdout closed):
    one line, exit 2.

    What is still buffered goes to /dev/null, so the interpreter's last flush
    does not print a second, Python-worded error.
    """
    from postkit.errors import OutputError

    _stdout_to_devnull()
    hint = "; is the disk full?" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else ""
    raise OutputError(f"cannot write the output ({exc.strerror or exc}){hint}") from None


class ClosedOutput(io.TextIOBase):
    """What stdout is when postkit started with it closed (``>&-``).

    Python then sets ``sys.stdout`` to None, and the first write would be an
    AttributeError (an "internal error"); this stream fails as a closed
    descriptor does, so the output is refused in one line, as a full disk is.
    """

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "stdout is closed")

    def isatty(self) -> bool:
        return False


def ensure_stdout() -> None:
    """Put a :class:`ClosedOutput` in place of a stdout that is not there."""
    if sys.stdout is None:
        sys.stdout = ClosedOutput()


def quiet_broken_pipe() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not complain."""
    _stdout_to_devnull()
    raise SystemExit(0)


def _stdout_to_devnull() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)


# Characters that would break a line or reach the terminal as a command:
# controls (C0, DEL, C1), line and paragraph separators, lone surrogates.
# Compiled on first use: only error messages need it, not a draft's start-up.
_unsafe = lazy_regex("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(message: str) -> str:
    """``message`` with each character that would break the line or reach the
    terminal as a command written as its escape (``\\n``, ``\\x1b``): a file
    name with a newline in it must not make a two-line error."""
    return _unsafe().sub(lambda match: repr(match.group())[1:-1], message)


def say(message: str) -> None:
    """A status line for the user on stderr (never mixed into the post): always one line.

    A stderr that cannot take it (``2>/dev/full``, a closed pipe, closed) loses
    the line, and every later one: see :func:`stderr_failed`.
    """
    try:
        sys.stderr.write(one_line(message.rstrip("\n")) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        stderr_failed()  # there is no one to tell


def stderr_failed() -> None:
    """Send stderr to /dev/null from now on: its descriptor, or ``sys.stderr`` itself.

    The line that failed stays in the stream's buffer, and the interpreter's
    last flush would fail on it again and end the process with 120 instead of
    the command's own exit code: an error still ends with 2, and a post drafted
    whose warnings could not be shown still ends with 0.
    """
    stream = sys.stderr
    try:
        fd: int | None = 2 if stream is None else stream.fileno()
    except (OSError, ValueError, AttributeError):
        fd = None  # closed, or not a file (a test's capture): replaced below
    if fd is not None:
        # On the descriptor, so that what is still buffered drains into /dev/null
        # (and a closed descriptor 2 is not taken by the next file opened).
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, fd)
        except OSError:
            fd = None
        finally:
            os.close(devnull)
    if stream is None or fd is None:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - for good


def is_terminal(stream: TextIO) -> bool:
    """True when the stream is an interactive terminal."""
    try:
        return stream.isatty()
    except (ValueError, AttributeError):
        return False
