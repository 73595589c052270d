"""Writing to stdout and stderr: always UTF-8, quiet on a closed pipe."""

from __future__ import annotations

import os
import sys
from typing import NoReturn, TextIO


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
    """stdout cannot take the post (``> /dev/full``, a full disk): one line, exit 2.

    What is still buffered goes to /dev/null, so the interpreter's last flush
    does not print a second, Python-worded error.
    """
    from postkit.errors import OutputError

    _stdout_to_devnull()
    raise OutputError(
        f"cannot write the output ({exc.strerror or exc}); is the disk full?"
    ) from None


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


def say(message: str) -> None:
    """A status line for the user on stderr (never mixed into the post)."""
    try:
        sys.stderr.write(message.rstrip("\n") + "\n")
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass


def is_terminal(stream: TextIO) -> bool:
    """True when the stream is an interactive terminal."""
    try:
        return stream.isatty()
    except (ValueError, AttributeError):
        return False
