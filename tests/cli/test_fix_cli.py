"""`postkit fix` as a real process: streaming, line breaks, --explain, --check, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from helpers import DATA, EXAMPLES, run_postkit
from postkit import fix_text
from postkit.cli import app

GARBLED = "Launch day ðŸš€\r\nComposing music ğŸµ\nMÃE e IRMÃ\n\nno newline at the end ðŸŽ‰"
FIXED = "Launch day 🚀\r\nComposing music 🎵\nMÃE e IRMÃ\n\nno newline at the end 🎉"


def test_fix_file_keeps_every_line_break(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes(GARBLED.encode("utf-8"))
    result = run_postkit("fix", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == FIXED.encode("utf-8")
    assert result.stderr == b""


def test_fix_reads_stdin_and_writes_utf8_whatever_the_locale() -> None:
    result = run_postkit("fix", "-", input="ok ðŸ‘ðŸ½\n", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == "ok 👍🏽\n"


def test_fix_without_file_reads_stdin() -> None:
    result = run_postkit("fix", input="Ã©tÃ©\n")
    assert result.stdout.decode("utf-8") == "été\n"


def test_fix_explain_lists_repairs_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text("Composing music ğŸµ today\n", encoding="utf-8")
    result = run_postkit("fix", "--explain", str(path))
    assert result.stdout.decode("utf-8") == "Composing music 🎵 today\n"
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:1:17: 'ğŸµ' → 🎵 (windows-1254, 1 lost byte restored)")
    assert "also possible: 🍵" in lines[0]


def test_fix_check_exits_1_and_prints_no_text(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes(GARBLED.encode("utf-8"))
    result = run_postkit("fix", "--check", str(path))
    assert result.returncode == 1
    assert result.stdout == b""
    assert b"3 garbled spans on 3 lines" in result.stderr


def test_fix_check_clean_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_text(FIXED, encoding="utf-8")
    result = run_postkit("fix", "--check", str(path))
    assert result.returncode == 0
    assert result.stdout == b""


def test_fix_example_post_check_and_explain() -> None:
    example = EXAMPLES / "linkedin-post-mojibake.txt"
    result = run_postkit("fix", "--check", "--explain", str(example))
    assert result.returncode == 1
    assert result.stdout == b""
    explained = [line for line in result.stderr.decode("utf-8").splitlines() if " → " in line]
    assert len(explained) == 13


def test_fix_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run_postkit("fix", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert result.stderr.decode().strip().count("\n") == 0
    assert "no such file" in result.stderr.decode()


def test_fix_invalid_utf8_names_the_line_exit_2() -> None:
    result = run_postkit("fix", "-", input=b"fine\n\xc3(\n")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "postkit: error: <stdin>:2: not valid UTF-8 (byte 1 of the line); save the file as UTF-8"
    )


def test_fix_binary_input_exit_2() -> None:
    result = run_postkit("fix", "--check", "-", input=b"\x00\x01\x02binary")
    assert result.returncode == 2
    assert b"binary" in result.stderr


def test_fix_folder_exit_2(tmp_path: Path) -> None:
    result = run_postkit("fix", str(tmp_path))
    assert result.returncode == 2
    assert b"is a folder" in result.stderr


def test_fix_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes("ðŸš€ go\n".encode("utf-16"))
    result = CliRunner().invoke(app, ["fix", str(path)])
    assert result.exit_code == 0
    assert result.stdout == "🚀 go\n"


def test_fix_large_input_streams(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    line = "Plain line with café, Київ, 今日は and 🚀 that needs nothing.\n"
    path.write_text(line * 5000 + "Ship it ðŸš€\n", encoding="utf-8")
    result = run_postkit("fix", str(path))
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == line * 5000 + "Ship it 🚀\n"


def test_fix_help_mentions_flags() -> None:
    result = CliRunner().invoke(app, ["fix", "--help"])
    assert result.exit_code == 0
    assert "--explain" in result.stdout and "--check" in result.stdout


def test_fix_prints_the_same_text_with_or_without_explain(tmp_path: Path) -> None:
    # Without --explain the text is made without the repairs (a shorter way):
    # the same text, on every line of the labelled corpus.
    rows = (DATA / "fix" / "garbled.jsonl").read_text(encoding="utf-8").split("\n")
    text = "\n".join(json.loads(row)["garbled"] for row in rows if row) + "\n"
    path = tmp_path / "corpus.txt"
    path.write_text(text, encoding="utf-8")
    plain = run_postkit("fix", str(path))
    explained = run_postkit("fix", "--explain", str(path))
    assert plain.returncode == explained.returncode == 0
    assert plain.stdout == explained.stdout
    assert plain.stdout.decode("utf-8") == fix_text(text)
    assert plain.stdout != text.encode("utf-8")
