"""A real terminal for tests: a private tmux server, and postkit as a shell command."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

# Prints each line of a file, then asks the terminal where the cursor is.
MEASURE = r"""
import os, sys, termios, tty
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
fd = os.open("/dev/tty", os.O_RDWR)
saved = termios.tcgetattr(fd)
tty.setraw(fd)
widths = []
try:
    for line in lines:
        os.write(fd, ("\r\x1b[2K" + line + "\x1b[6n").encode("utf-8"))
        reply = b""
        while not reply.endswith(b"R"):
            reply += os.read(fd, 1)
        widths.append(int(reply.rsplit(b";", 1)[1][:-1]) - 1)
finally:
    termios.tcsetattr(fd, termios.TCSADRAIN, saved)
with open(sys.argv[2], "w") as out:
    out.write(" ".join(map(str, widths)))
"""


class Tmux:
    """A private tmux server for one test."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return result.stdout

    def run(self, command: str, width: int, height: int = 80, timeout: float = 30) -> str:
        """Run a shell command in a new window of ``width`` columns; return the screen."""
        name = f"w{time.monotonic_ns()}"
        marker = "__POSTKIT_TEST_DONE__"
        self(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(width),
            "-y",
            str(height),
            f"{command}; echo {marker}; sleep 60",
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self("capture-pane", "-p", "-t", name)
            if marker in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out; the screen was:\n{screen}")

    def widths(self, lines: list[str], folder: Path) -> list[int]:
        """The display width of each line, as the terminal itself lays it out."""
        source, result = folder / "lines.txt", folder / "widths.txt"
        script = folder / "measure.py"
        source.write_text("\n".join(lines), encoding="utf-8")
        script.write_text(MEASURE, encoding="utf-8")
        self.run(f"{shlex.quote(sys.executable)} {script} {source} {result}", width=300, height=5)
        return [int(value) for value in result.read_text().split()]


def postkit_command(*args: str, env: dict[str, str] | None = None) -> str:
    """``python -m postkit ARGS`` as one shell command, with the test's settings passed on."""
    passed = ("POSTKIT_CACHE_DIR", "POSTKIT_CONFIG", "POSTKIT_HOME", "PYTHONPATH")
    settings = {key: os.environ[key] for key in passed if key in os.environ}
    settings.update(env or {})
    assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in settings.items())
    words = " ".join(shlex.quote(arg) for arg in (sys.executable, "-m", "postkit", *args))
    return f"env -u COLUMNS -u LINES {assignments} {words}"
