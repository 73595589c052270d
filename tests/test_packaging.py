"""The wheel: templates and topic pages ship inside it, and the installed tool works."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from helpers import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = out.glob("postkit-*.whl")
    return found


def test_wheel_contains_templates_and_topics(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("post.j2", "intro.j2", "explanation.j2", "examples.j2", "tips.j2", "cta.j2"):
        assert f"postkit/templates/linkedin/{name}" in names
    assert "postkit/templates/voices/friendly.j2" in names
    assert "postkit/topics/generative-ai.md" in names
    topics = [n for n in names if n.startswith("postkit/topics/") and n.endswith(".md")]
    assert len(topics) >= 8
    assert "postkit/py.typed" in names
    assert "postkit/platforms/tlds.txt" in names  # the TLD lists links are found with


def test_installed_wheel_drafts_a_post(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    # postkit comes from the wheel; its dependencies from the environment running the
    # tests, whatever it is (a venv, a system or a pyenv Python). system_site_packages
    # would see the base interpreter instead of an active venv, so a .pth file names
    # this environment's site folders after the new venv's own.
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = sysconfig.get_paths()
    (Path(site) / "outer-deps.pth").write_text(
        "\n".join(dict.fromkeys([ours["purelib"], ours["platlib"]])) + "\n", encoding="utf-8"
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    where = subprocess.run(
        [str(python), "-c", "import postkit; print(postkit.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert where.startswith(site)  # the wheel's copy, not the source checkout
    run = subprocess.run(
        [str(env_dir / "bin" / "postkit"), "draft", "generative ai"],
        capture_output=True,
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    post = run.stdout.decode("utf-8")
    assert "Generative AI" in post and "#GenerativeAI" in post
