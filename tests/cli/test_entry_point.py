"""The ``postkit`` console script (``postkit.__main__.main``) and what it leaves behind."""

from __future__ import annotations

import sys

import pytest

from postkit.__main__ import main


@pytest.mark.parametrize("argv", [["--version"], ["draft", "genai", "--seed", "1"]])
def test_the_console_script_leaves_sys_excepthook_as_it_found_it(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Running a Typer app installs Typer's own excepthook. Left in place, it keeps
    the command line's modules alive through the interpreter's first collections
    at exit, which then walk every object once more (3.5 ms of each command)."""
    monkeypatch.setattr(sys, "argv", ["postkit", *argv])
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code in (0, None)
    assert capsys.readouterr().out  # the command ran and printed
    assert sys.excepthook is sys.__excepthook__
