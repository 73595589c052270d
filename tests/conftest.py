"""Fixtures for every test: an isolated user environment (helpers live in ``helpers``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# TEMPORARY while other branches land: old imports keep working. Removed below.
from helpers import DATA, EXAMPLES, REPO, garble, require_tool, run_postkit  # noqa: F401


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
