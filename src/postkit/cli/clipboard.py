"""Copying a post to the system clipboard, and saying so only when it happened.

The clipboard tool is run here (wl-copy, xclip or xsel; pbcopy on macOS) and
its exit status decides. pyperclip ignored xclip's status and we hid its
message, so a copy to an X server that was not there looked like a success.
Windows goes through pyperclip, whose Win32 calls raise when they fail.

When no tool works and stderr is a terminal, the terminal is asked to copy
with OSC 52; that cannot be confirmed, and the message says so. Otherwise
:class:`ClipboardError` says why in one line.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

from postkit.cli.output import is_terminal
from postkit.errors import ClipboardError

TIMEOUT = 10.0  # seconds a clipboard tool gets; a hung X connection must not hang us
_MESSAGE_CHARS = 300  # of a tool's stderr, in the one-line error
NO_DISPLAY = "no display (DISPLAY/WAYLAND_DISPLAY unset): nothing to copy to"


@dataclass(frozen=True)
class Tool:
    """A clipboard tool: the name in messages, the command that copies stdin."""

    name: str
    command: tuple[str, ...]
    package: str  # what to install to get it


WL_COPY = Tool("wl-copy", ("wl-copy",), "wl-clipboard")
XCLIP = Tool("xclip", ("xclip", "-selection", "clipboard", "-in"), "xclip")
XSEL = Tool("xsel", ("xsel", "--clipboard", "--input"), "xsel")
PBCOPY = Tool("pbcopy", ("pbcopy",), "pbcopy")


def copy_to_clipboard(text: str, what: str = "the post", terminal: TextIO | None = None) -> str:
    """Copy ``text``; return the sentence that says how (``copied the post to …``).

    ``what`` names the text in that sentence. Raises :class:`ClipboardError`
    with the reason (no display, no tool, the tool's own message) when nothing
    was copied.
    """
    failures: list[str] = []
    if sys.platform == "win32":
        failure = _copy_windows(text)
        if failure is None:
            return f"copied {what} to the clipboard"
        failures.append(failure)
    else:
        tools, missing = clipboard_tools()
        for tool in tools:
            failure = run_tool(tool, text)
            if failure is None:
                return f"copied {what} to the clipboard ({tool.name})"
            failures.append(failure)
        if not tools:
            failures.append(missing)
    reason = "; ".join(failures)
    terminal = terminal or sys.stderr
    if is_terminal(terminal):
        terminal.write(osc52(text))
        terminal.flush()
        # The terminal sends no answer: whether it copied cannot be known.
        return f"sent {what} to the terminal's clipboard (OSC 52; some terminals ignore it)"
    raise ClipboardError(f"could not copy: {reason}")


def clipboard_tools(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> tuple[list[Tool], str]:
    """The installed tools that can reach this session's clipboard, best first.

    With none, the second item says why: no display, or what to install.
    """
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    path = environ.get("PATH")
    if platform == "darwin":
        wanted = [PBCOPY]
    else:
        wanted = []
        if environ.get("WAYLAND_DISPLAY"):
            wanted.append(WL_COPY)
        if environ.get("DISPLAY"):
            wanted += [XCLIP, XSEL]
        if not wanted:
            return [], NO_DISPLAY
    found = [tool for tool in wanted if shutil.which(tool.command[0], path=path)]
    packages = [tool.package for tool in wanted]
    choice = ", ".join(packages[:-1]) + " or " + packages[-1] if len(packages) > 1 else packages[0]
    return found, f"no clipboard tool found: install {choice}"


def run_tool(tool: Tool, text: str) -> str | None:
    """Run ``tool`` with ``text`` on its stdin; None when it copied, else why not.

    Its stdout is /dev/null and its stderr a file, not pipes: xclip, xsel and
    wl-copy stay in the background to own the selection, and a pipe they held
    would never reach end-of-file (neither ours to read their message nor the
    user's, in ``postkit draft --copy | cat``).
    """
    with tempfile.TemporaryFile() as errors:
        try:
            done = subprocess.run(
                tool.command,
                input=text.encode("utf-8"),
                stdout=subprocess.DEVNULL,
                stderr=errors,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"{tool.name} did not finish within {TIMEOUT:g} seconds"
        except OSError as exc:
            return f"{tool.name} could not run: {exc.strerror or exc}"
        if done.returncode == 0:
            return None
        errors.seek(0)
        message = " ".join(errors.read().decode("utf-8", "replace").split())
    if len(message) > _MESSAGE_CHARS:
        message = message[: _MESSAGE_CHARS - 1] + "…"
    return f"{tool.name} failed: {message or f'exit status {done.returncode}'}"


def _copy_windows(text: str) -> str | None:
    """The Windows clipboard through pyperclip's Win32 calls, which check their results."""
    import pyperclip

    try:
        pyperclip.copy(text)
    except pyperclip.PyperclipException as exc:
        return f"the Windows clipboard failed: {exc}"
    return None


def osc52(text: str) -> str:
    """The OSC 52 escape that asks a terminal to set its clipboard to ``text``."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\x07"
