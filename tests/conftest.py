"""Shared test helpers: an isolated user environment and a real-subprocess runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO.parent / "shared" / "examples"
DATA = Path(__file__).resolve().parent / "data"


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


def require_tool(name: str) -> str:
    """The path of a system tool; missing in CI is a failure, elsewhere a skip."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (.ci/run installs it: apt-get install {name})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_postkit(
    *args: str,
    input: str | bytes | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m postkit`` as a real process with pipes; output stays bytes."""
    full_env = {**os.environ, **(env or {})}
    data = input.encode("utf-8") if isinstance(input, str) else input
    return subprocess.run(
        [sys.executable, "-m", "postkit", *args],
        input=data,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


def garble(text: str, codec: str, lost: str = "dropped") -> str:
    """Text as a wrong code page shows its UTF-8 bytes (mojibake).

    A byte the code page has no character for is dropped, with ``lost="kept"``
    kept as the control character of the same number, or with
    ``lost="replaced"`` replaced by U+FFFD (a decoder's ``errors="replace"``).
    """
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            if lost == "kept":
                out.append(chr(byte))
            elif lost == "replaced":
                out.append("\ufffd")
    return "".join(out)
