"""What the tests share: the repository's folders, real tools, a real postkit process, garbling."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO.parent / "shared" / "examples"
DATA = REPO / "tests" / "data"


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
