"""Copying a post to the system clipboard: pyperclip, or OSC 52 on a terminal."""

from __future__ import annotations

import base64
import sys
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


def osc52(text: str) -> str:
    """The OSC 52 escape that asks a terminal to set its clipboard to ``text``."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\x07"
