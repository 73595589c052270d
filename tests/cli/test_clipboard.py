"""`--copy` against a real X clipboard (Xvfb + xclip), and the fallbacks without one."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import require_tool, run_postkit
from helpers.terminal import Tmux, postkit_command


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
    assert result.stderr.decode() == (
        "postkit: copied the post to the clipboard (xclip); --seed 3 drafts it again\n"
    )
    assert read_clipboard(x_display) == post  # emoji intact, byte for byte
    assert "🚀" in read_clipboard(x_display)


def test_an_unseeded_copy_names_the_seed_that_drafts_it_again(x_display: str) -> None:
    env = {"DISPLAY": x_display, "WAYLAND_DISPLAY": ""}
    result = run_postkit("draft", "generative ai", "--copy", env=env)
    assert result.returncode == 0, result.stderr
    seed = seed_named_in(result.stderr.decode())
    again = run_postkit("draft", "generative ai", "--seed", str(seed))
    assert again.stdout == result.stdout
    assert read_clipboard(x_display) == again.stdout.decode("utf-8")


def test_copying_variants_copies_the_first_and_names_its_seed(x_display: str) -> None:
    env = {"DISPLAY": x_display, "WAYLAND_DISPLAY": ""}
    result = run_postkit("draft", "genai", "--variants", "3", "--copy", env=env)
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert stderr.startswith("postkit: copied variant 1 to the clipboard (xclip); --seed ")
    again = run_postkit("draft", "genai", "--seed", str(seed_named_in(stderr)))
    assert read_clipboard(x_display) == again.stdout.decode("utf-8")
    assert result.stdout.decode("utf-8").startswith(again.stdout.decode("utf-8"))


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


def seed_named_in(stderr: str) -> int:
    found = re.search(r"--seed (\d+) drafts it again", stderr)
    assert found, stderr
    return int(found[1])


def free_display() -> str:
    """A DISPLAY name that no X server answers on."""
    number = next(n for n in range(42, 1000) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    return f":{number}"


def assert_failed_copy_kept_the_post(result: subprocess.CompletedProcess[bytes], *args: str) -> str:
    """Exit 2 with one error line; the post still on stdout, as ``--seed`` drafts it."""
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("postkit: error: could not copy: ")
    assert "copied" not in stderr
    again = run_postkit(*args, "--seed", str(seed_named_in(stderr)))
    assert result.stdout == again.stdout
    assert b"#GenerativeAI" in result.stdout
    return stderr


def test_copy_to_a_display_without_a_server_fails_with_xclips_message() -> None:
    require_tool("xclip")
    display = free_display()
    env = {"DISPLAY": display, "WAYLAND_DISPLAY": ""}
    result = run_postkit("draft", "genai", "--copy", env=env)
    stderr = assert_failed_copy_kept_the_post(result, "draft", "genai")
    assert f"could not copy: xclip failed: Error: Can't open display: {display}" in stderr


def test_copy_without_a_display_says_so_not_what_to_install() -> None:
    require_tool("xclip")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [sys.executable, "-m", "postkit", "draft", "genai", "--copy"],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    stderr = assert_failed_copy_kept_the_post(result, "draft", "genai")
    assert "no display (DISPLAY/WAYLAND_DISPLAY unset): nothing to copy to" in stderr
    assert "install" not in stderr


def test_json_still_goes_to_stdout_when_the_copy_fails() -> None:
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = run_postkit("draft", "genai", "--copy", "--format", "json", env=env)
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert f"--seed {data['seed']} drafts it again" in result.stderr.decode()


@pytest.mark.parametrize(
    ("display", "wayland", "install"),
    [
        (":0", "", "install xclip or xsel"),
        ("", "wayland-0", "install wl-clipboard"),
        (":0", "wayland-0", "install wl-clipboard, xclip or xsel"),
    ],
)
def test_copy_with_a_display_but_no_tool_says_what_to_install(
    display: str, wayland: str, install: str
) -> None:
    env = {"DISPLAY": display, "WAYLAND_DISPLAY": wayland, "PATH": "/nonexistent"}
    result = run_postkit("draft", "genai", "--copy", env=env)
    stderr = assert_failed_copy_kept_the_post(result, "draft", "genai")
    assert f"could not copy: no clipboard tool found: {install};" in stderr


def test_a_failing_tool_is_reported_in_one_line_with_its_own_words(tmp_path: Path) -> None:
    """Any tool's exit status counts, and its message (of any length) fits one line."""
    tool = tmp_path / "xclip"
    tool.write_text("#!/bin/sh\necho 'it broke' >&2\necho 'badly' >&2\nexit 3\n", "utf-8")
    tool.chmod(0o755)
    env = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "", "PATH": str(tmp_path)}
    result = run_postkit("draft", "genai", "--copy", env=env)
    stderr = assert_failed_copy_kept_the_post(result, "draft", "genai")
    assert "could not copy: xclip failed: it broke badly;" in stderr


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
        assert "sent the post to the terminal's clipboard (OSC 52; some terminals ignore it)" in (
            " ".join(screen.split())
        )
        buffer = server("show-buffer")
        assert buffer.startswith("🚀")
        assert "#GenerativeAI" in buffer
    finally:
        subprocess.run(
            ["tmux", "-L", server.socket, "kill-server"], capture_output=True, check=False
        )
