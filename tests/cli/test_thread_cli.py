"""``postkit thread``: the user's own text as a thread, split as drafting splits it."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import require_tool, run_postkit
from postkit.platforms.rules import PLATFORMS
from postkit.platforms.threads import measure, split_thread, thread_from_text, unnumber

SEPARATOR = "\n\n---\n\n"

LONG = (
    "Threads carry long thoughts on short-form platforms. This text needs several parts "
    "on X, so the splitter cuts it at paragraphs first and then at sentences.\n\n"
    "Every part gets a number, counted inside the limit with the platform's own counting. "
    "Emoji like 👩‍💻 and 🇺🇦 stay whole, and so do links such as "
    "https://example.com/a/very/long/path?with=query and @alice@mastodon.social.\n\n"
    "A third paragraph adds more words, so that there are at least three parts. It says "
    "nothing in particular, sentence after sentence, until the limit is well behind us.\n"
)


def thread_json(*args: str, input: str) -> dict[str, object]:
    result = run_postkit("thread", "-", *args, "--format", "json", input=input)
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_piped_output_is_the_drafting_splitter_with_draft_separators(tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    source.write_text(LONG, encoding="utf-8")
    result = run_postkit("thread", str(source), "--platform", "x")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    out = result.stdout.decode("utf-8")
    assert out.endswith("\n") and "\x1b" not in out
    parts = tuple(out.removesuffix("\n").split(SEPARATOR))
    assert parts == split_thread(LONG, "x")
    assert len(parts) == 3
    assert [part[-4:] for part in parts] == [" 1/3", " 2/3", " 3/3"]
    assert all(PLATFORMS["x"].count(part) <= 280 for part in parts)
    assert "👩‍💻" in parts[1] and "https://example.com/a/very/long/path?with=query" in parts[1]


def test_json_gives_each_part_and_its_length() -> None:
    data = thread_json("--platform", "x", input=LONG)
    assert list(data) == ["platform", "limit", "length", "parts", "part_lengths"]
    parts = data["parts"]
    assert isinstance(parts, list)
    assert data["platform"] == "x" and data["limit"] == 280
    assert data["part_lengths"] == list(measure(parts, "x").parts)
    assert data["length"] == sum(measure(parts, "x").parts)
    assert all(size <= 280 for size in measure(parts, "x").parts)


@pytest.mark.parametrize("numbering", ["prefix", "none"])
def test_numbering_and_limit(numbering: str) -> None:
    data = thread_json(
        "--platform", "mastodon", "--limit", "120", "--numbering", numbering, input=LONG
    )
    parts = data["parts"]
    assert isinstance(parts, list) and len(parts) > 3
    assert data["limit"] == 120
    assert all(size <= 120 for size in measure(parts, "mastodon").parts)
    total = len(parts)
    if numbering == "prefix":
        marks = [f"{index}/{total} " for index in range(1, total + 1)]
        assert all(part.startswith(mark) for part, mark in zip(parts, marks, strict=True))
        parts = [part.removeprefix(mark) for part, mark in zip(parts, marks, strict=True)]
    # Nothing is lost or added: the words, in order, are the text's.
    assert " ".join(parts).split() == LONG.split()


def test_dashed_lines_stay_breaks() -> None:
    text = "A short opening.\n---\nA second thought.\n\n---\n\nAnd a last one.\n"
    data = thread_json("--platform", "bluesky", input=text)
    assert data["parts"] == ["A short opening. 1/3", "A second thought. 2/3", "And a last one. 3/3"]


def test_a_thread_split_again_stays_the_same() -> None:
    drafted = run_postkit("draft", "generative ai", "--seed", "1", "--platform", "x")
    again = run_postkit("thread", "-", "--platform", "x", input=drafted.stdout)
    assert again.returncode == 0, again.stderr
    assert again.stdout == drafted.stdout  # no second " 1/2"
    parts = json.loads(
        run_postkit(
            "draft", "generative ai", "--seed", "1", "--platform", "x", "--format", "json"
        ).stdout
    )["parts"]
    total = len(parts)
    bare = [part.removesuffix(f" {index}/{total}") for index, part in enumerate(parts, 1)]
    renumbered = thread_from_text(SEPARATOR.join(parts), "x", numbering="prefix").parts
    assert renumbered == tuple(f"{index}/{total} {part}" for index, part in enumerate(bare, 1))


def test_platform_comes_from_the_settings_like_draft() -> None:
    result = run_postkit(
        "thread", "-", "--format", "json", input=LONG, env={"POSTKIT_PLATFORM": "threads"}
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["platform"] == "threads"


def test_a_text_that_fits_comes_back_whole_with_a_note() -> None:
    result = run_postkit("thread", "-", "-p", "x", input="Short and sweet 🍬\n")
    assert result.returncode == 0
    assert result.stdout.decode() == "Short and sweet 🍬\n"
    assert result.stderr.decode() == "postkit: the text fits in one x post; nothing to split\n"


@pytest.mark.parametrize(
    ("args", "text", "message"),
    [
        (["-p", "x"], "", "nothing to split: the text is empty"),
        (["-p", "x"], " \n\n  \n", "nothing to split: the text is empty"),
        ([], LONG, "linkedin has no threads"),  # the default platform
        (["-p", "x", "--numbering", "roman"], LONG, "--numbering"),
        (["-p", "x", "--limit", "5"], LONG, "--limit must be between"),
        (["-p", "x"], "word " * 1200, "more than a thread of 20 parts"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], text: str, message: str) -> None:
    result = run_postkit("thread", "-", *args, input=text)
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("postkit: error: ") and message in lines[0]


def test_check_points_at_thread_and_thread_does_what_it_says(tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    source.write_text(LONG, encoding="utf-8")
    checked = run_postkit("check", str(source), "--platform", "x")
    assert checked.returncode == 1
    report = checked.stdout.decode()
    assert "post it as a thread of 3 parts: postkit thread FILE --platform x" in report
    split = run_postkit("thread", str(source), "--platform", "x")
    again = run_postkit("check", "-", "--platform", "x", input=split.stdout)
    assert again.returncode == 0, again.stdout
    assert again.stdout.decode().startswith("x: a thread of 3 parts (")


def test_terminal_shows_one_card_per_part(tmp_path: Path) -> None:
    require_tool("tmux")
    source = tmp_path / "long.txt"
    source.write_text(LONG, encoding="utf-8")
    passed = ("POSTKIT_CACHE_DIR", "POSTKIT_CONFIG", "POSTKIT_HOME", "PYTHONPATH")
    env = " ".join(f"{key}={shlex.quote(os.environ[key])}" for key in passed if key in os.environ)
    command = f"env -u COLUMNS {env} {shlex.quote(sys.executable)} -m postkit thread {source} -p x"
    socket = f"postkit-thread-{os.getpid()}"
    marker = "__DONE__"
    tmux = ["tmux", "-L", socket]
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "90", "-y", "70", f"{command}; echo {marker}; sleep 30"],
        check=True,
    )
    try:
        deadline = time.monotonic() + 30
        screen = ""
        while marker not in screen and time.monotonic() < deadline:
            time.sleep(0.1)
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p"], capture_output=True, text=True, check=True
            ).stdout
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False)
    assert marker in screen, screen
    assert screen.count("╭") == 3, screen
    assert "part 1 of 3" in screen and "part 3 of 3" in screen
    sizes = measure(split_thread(LONG, "x"), "x").parts
    for size in sizes:
        assert f"{size} / 280" in screen
    assert "---" not in screen


def test_only_numbers_postkit_gives_are_taken_off() -> None:
    assert unnumber(["a 1/2", "b 2/2"]) == ("a", "b")
    assert unnumber(["1/2 a", "2/2 b"]) == ("a", "b")
    assert unnumber(["a 1/3", "b 2/3"]) is None  # not 1/N to N/N
    assert unnumber(["a 1/2", "b"]) is None
    assert unnumber(["1/2", "2/2"]) is None  # nothing left but the numbers
    assert unnumber(["a 1/1"]) is None


def test_the_plain_path_does_not_import_rich(tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    source.write_text(LONG, encoding="utf-8")
    code = (
        "import sys\n"
        f"sys.argv = ['postkit', 'thread', {str(source)!r}, '--platform', 'x']\n"
        "from postkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('rich loaded' if 'rich' in sys.modules else 'no rich')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stderr.decode().endswith("no rich")
    assert result.stdout.decode("utf-8").count(SEPARATOR) == 2
