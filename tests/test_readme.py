"""Guard the docs: the README's quick start is what CI runs, and its commands exist."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from helpers import REPO
from postkit.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")
CI = (REPO / ".ci" / "run").read_text(encoding="utf-8")
COMMANDS = ["draft", "batch", "check", "thread", "fix", "topics", "templates", "config"]


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands() -> None:
    install, tests = quick_start()
    assert install.startswith("pip install ") and 'postkit draft "generative ai"' in install
    assert tests.startswith('pip install -e ".[test]"') and "pytest" in tests


def test_ci_runs_the_readme_commands_in_a_fresh_venv() -> None:
    command_lines = [line for line in CI.splitlines() if line and not line.startswith("#")]
    made = next(i for i, line in enumerate(command_lines) if "-m venv" in line)
    activated = next(i for i, line in enumerate(command_lines) if "/bin/activate" in line)
    runs = [
        next(i for i, line in enumerate(command_lines) if line.startswith(f"{command} || exit"))
        for command in quick_start()
    ]
    # Both commands run, in the README's order, inside the venv CI made.
    assert made < activated < runs[0] < runs[1]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    assert f"postkit {command}" in README
