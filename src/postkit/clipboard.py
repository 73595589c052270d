"""Copying a post to the system clipboard: pyperclip, or OSC 52 on a terminal."""

from __future__ import annotations

import base64
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TextIO

from postkit.errors import ClipboardError
from postkit.output import is_terminal

INSTALL_HINT = (
    "no clipboard tool found: install xclip or xsel (X11) or wl-clipboard (Wayland), "
    "or run postkit in a terminal that supports OSC 52"
)


def copy_to_clipboard(text: str, terminal: TextIO | None = None) -> str:
    """Copy ``text``; return how it was done (for the message on stderr)."""
    import pyperclip

    try:
        with _std_streams_detached():
            pyperclip.copy(text)
        return "clipboard"
    except pyperclip.PyperclipException:
        pass
    terminal = terminal or sys.stderr
    if is_terminal(terminal):
        terminal.write(osc52(text))
        terminal.flush()
        return "terminal (OSC 52)"
    raise ClipboardError(INSTALL_HINT)


@contextmanager
def _std_streams_detached() -> Iterator[None]:
    """Give child processes /dev/null as stdout and stderr while the block runs.

    xclip and xsel stay running in the background to own the selection. If
    they inherited our stdout, a reader of the pipe (``postkit draft --copy |
    cat``) would never see end-of-file while the clipboard holds the post.
    """
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    saved = [os.dup(1), os.dup(2)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


def osc52(text: str) -> str:
    """The OSC 52 escape that asks a terminal to set its clipboard to ``text``."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\x07"
