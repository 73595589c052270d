"""Ctrl-C while the command line is still loading ends it as Ctrl-C later does.

Loading Typer, Jinja and the command's modules is most of a command's start-up;
a Ctrl-C in that time used to print a KeyboardInterrupt traceback from an
import. The signal is sent once the process has loaded a library the command
line loads (Jinja's ``markupsafe`` extension), so it lands while the imports
are still running, whatever the machine's speed.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from postkit.__main__ import interrupts_end_quietly

LOADING = "_datetime"  # mapped while typer is being imported


def loaded(pid: int, library: str) -> bool:
    try:
        return library in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.parametrize("command", [["draft", "genai"], ["check", "-"], ["--help"]])
def test_ctrl_c_while_loading_ends_quietly_with_130(command: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "postkit", *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not loaded(process.pid, LOADING) and process.poll() is None:
        assert time.monotonic() < deadline, "the command never loaded typer"
        time.sleep(0.0005)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(b"a post\n", timeout=30)
    assert process.returncode == 130, (process.returncode, err.decode()[-600:])
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()[-600:]


class _FreedOnInterrupt:
    """An object whose finaliser receives Ctrl-C, as an import lock's weakref
    callback can: an exception cannot leave a finaliser."""

    def __del__(self) -> None:
        signal.raise_signal(signal.SIGINT)


def test_ctrl_c_that_lands_in_a_finaliser_still_ends_loading_with_130_and_no_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    finished = []
    with pytest.raises(SystemExit) as ended, interrupts_end_quietly():
        _FreedOnInterrupt()  # freed at once; its __del__ gets the interrupt
        finished.append("the rest of loading")  # the interrupt could not stop it here
    assert ended.value.code == 130
    assert finished == ["the rest of loading"]
    assert "Exception ignored" not in capsys.readouterr().err
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
