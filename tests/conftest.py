"""Fixtures for every test: an isolated user environment (helpers live in ``helpers``)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import require_tool
from helpers.terminal import Tmux


@pytest.fixture(autouse=True)
def isolated_user(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point postkit's config and user folders at an empty temporary home."""
    home = tmp_path_factory.mktemp("postkit-home")
    monkeypatch.setenv("POSTKIT_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("POSTKIT_HOME", str(home))
    for name in list(os.environ):
        if name.startswith("POSTKIT_") and name not in ("POSTKIT_CONFIG", "POSTKIT_HOME"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POSTKIT_CACHE_DIR", str(home / "cache"))
    yield home


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server for one test, ended after it."""
    require_tool("tmux")
    server = Tmux(f"postkit-test-{os.getpid()}-{tmp_path.name}")
    yield server
    subprocess.run(["tmux", "-L", server.socket, "kill-server"], capture_output=True, check=False)
