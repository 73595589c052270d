"""`--copy` against a real X clipboard (Xvfb + xclip), and the fallbacks without one."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import require_tool, run_postkit
from test_terminal import Tmux, postkit_command


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A private Xvfb server; its DISPLAY name."""
    require_tool("Xvfb")
    require_tool("xclip")
    number = 50 + os.getpid() % 400
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail("Xvfb did not start")
        time.sleep(0.05)
    yield display
    server.terminate()
    server.wait(timeout=10)


def read_clipboard(display: str) -> str:
    result = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        timeout=10,
        check=True,
    )
    return result.stdout.decode("utf-8")


def test_copy_puts_the_post_on_the_x_clipboard(x_display: str) -> None:
    env = {"DISPLAY": x_display, "WAYLAND_DISPLAY": ""}
    result = run_postkit("draft", "generative ai", "--copy", "--seed", "3", env=env)
    assert result.returncode == 0, result.stderr
    post = result.stdout.decode("utf-8")
    assert "copied" in result.stderr.decode()
    assert read_clipboard(x_display) == post  # emoji intact, byte for byte
    assert "🚀" in read_clipboard(x_display)


def test_copy_does_not_hold_the_pipe_open(x_display: str) -> None:
    """xclip stays running to own the selection; the pipe must still close."""
    command = f"{shlex.quote(sys.executable)} -m postkit draft genai --copy --seed 1 | wc -l"
    result = subprocess.run(
        ["bash", "-c", command],
        env={**os.environ, "DISPLAY": x_display},
        capture_output=True,
        timeout=30,
        check=True,
    )
    assert int(result.stdout) > 5


def test_copy_without_any_clipboard_says_what_to_install() -> None:
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "PATH": "/nonexistent"}
    result = run_postkit("draft", "genai", "--copy", env=env)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "xclip" in stderr and "wl-clipboard" in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_copy_falls_back_to_osc52_on_a_terminal(tmp_path: Path) -> None:
    require_tool("tmux")
    server = Tmux(f"postkit-osc52-{os.getpid()}")
    try:
        server("new-session", "-d", "-s", "keep", "sleep 120")  # keeps the server and option
        server("set-option", "-g", "set-clipboard", "on")
        command = postkit_command(
            "draft",
            "genai",
            "--copy",
            "--plain",
            "--seed",
            "1",
            env={"DISPLAY": "", "WAYLAND_DISPLAY": ""},
        )
        screen = server.run(command, width=120)
        assert "copied the post to the terminal (OSC 52)" in screen
        buffer = server("show-buffer")
        assert buffer.startswith("🚀")
        assert "#GenerativeAI" in buffer
    finally:
        subprocess.run(
            ["tmux", "-L", server.socket, "kill-server"], capture_output=True, check=False
        )
