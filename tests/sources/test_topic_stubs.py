"""A starter topic page never drafts silently: its placeholders stop drafting and fail `check`.

`postkit topics new NAME` writes a page to fill in. Until every ``[fill in: …]``
placeholder is replaced, drafting it exits 2 naming the file and line, and
``postkit check`` reports the mark in a post as a ``placeholder`` error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import REPO, run_postkit
from postkit import check_post
from postkit.drafting import draft_post
from postkit.errors import PageError
from postkit.library import starter_topic
from postkit.model import PLACEHOLDER, DraftOptions, holds_placeholder
from postkit.platforms.check import CODES
from postkit.sources.pages import load_topic_page
from postkit.sources.topics import load_topic

LEFT = "still holds the starter's placeholder text; edit it, then draft again"

FILLED = {
    "what it is, in one or two sentences for someone new to it": (
        "a way of computing with qubits, which can hold many states at once"
    ),
    "the first idea a reader needs": "Qubits can be 0 and 1 at the same time.",
    "the second idea, or delete this line": "Measuring a qubit settles it on one value.",
    "a place you meet it": "Chemistry",
    "another place": "Cryptography",
    "one sentence about it": "Simulating molecules is a natural fit.",
    "something a beginner can do this week": "Run a two-qubit circuit on a free simulator.",
    "a mistake that is easy to make, or delete this section": (
        "Expecting a speed-up on every problem."
    ),
}


def fill(text: str, keep: int = 0) -> str:
    """The starter page with its placeholders replaced, except the last ``keep``."""
    marks = list(re.finditer(r"\[fill in: ([^\]]*)\]", text))
    for match in reversed(marks[: len(marks) - keep]):
        text = text[: match.start()] + FILLED[match.group(1)] + text[match.end() :]
    return text


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture
def stub(isolated_user: Path) -> Path:
    """``postkit topics new "quantum computing"``, run for real."""
    done = run_postkit("topics", "new", "quantum computing")
    assert done.returncode == 0, done.stderr
    page = isolated_user / "topics" / "quantum-computing.md"
    assert page.is_file()
    return page


# ---------------------------------------------------------------- the starter page


def test_every_place_to_write_in_carries_the_mark() -> None:
    page = starter_topic("quantum computing")
    body = page.split("\n---\n", 1)[1]
    written = [line for line in body.splitlines() if line and not line.startswith("#")]
    assert written and all(PLACEHOLDER in line for line in written)
    assert page.count(PLACEHOLDER) == 9
    assert not holds_placeholder(fill(page))


def test_a_starter_page_is_still_a_valid_library_page(stub: Path) -> None:
    topic = load_topic_page(stub)
    assert topic.title == "Quantum computing" and topic.hashtags == ("#QuantumComputing",)
    listed = run_postkit("topics", "list")
    assert listed.returncode == 0
    assert re.search(rb"^quantum-computing\tQuantum computing\tuser", listed.stdout, re.M)
    shown = run_postkit("topics", "show", "quantum computing")
    assert shown.returncode == 0 and PLACEHOLDER.encode() in shown.stdout


# ---------------------------------------------------------------- drafting refuses it


def test_drafting_a_starter_page_exits_2_naming_the_file_and_line(stub: Path) -> None:
    line = line_of(stub.read_text(encoding="utf-8"), PLACEHOLDER)
    for _ in range(2):  # the second run reads the topic from the disk cache
        done = run_postkit("draft", "quantum computing")
        assert done.returncode == 2
        assert done.stdout == b""
        assert done.stderr.decode("utf-8") == f"postkit: error: {stub}:{line}: {LEFT}\n"


def test_drafting_the_page_itself_exits_2_too(stub: Path) -> None:
    line = line_of(stub.read_text(encoding="utf-8"), PLACEHOLDER)
    done = run_postkit("draft", "--from", str(stub), "--platform", "x")
    assert done.returncode == 2
    assert done.stderr.decode("utf-8") == f"postkit: error: {stub}:{line}: {LEFT}\n"


def test_a_batch_row_of_a_starter_page_fails_and_the_others_are_written(
    stub: Path, tmp_path: Path
) -> None:
    rows = tmp_path / "rows.txt"
    rows.write_text("quantum computing\nkubernetes\n", encoding="utf-8")
    done = run_postkit("batch", str(rows), "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    assert f"{stub}:{line_of(stub.read_text(encoding='utf-8'), PLACEHOLDER)}: {LEFT}" in (
        done.stderr.decode("utf-8")
    )
    assert [path.name for path in (tmp_path / "out").glob("*.txt")] == ["kubernetes.linkedin.txt"]


def test_the_first_placeholder_left_is_the_line_named(stub: Path) -> None:
    text = fill(stub.read_text(encoding="utf-8"), keep=1)  # all but the pitfall
    stub.write_text(text, encoding="utf-8")
    with pytest.raises(PageError) as caught:
        load_topic("quantum computing", [stub.parent])
    assert caught.value.message == f"{stub}:{line_of(text, PLACEHOLDER)}: {LEFT}"
    assert line_of(text, PLACEHOLDER) == len(text.splitlines())  # the page's last line


def test_a_page_filled_in_drafts(stub: Path) -> None:
    stub.write_text(fill(stub.read_text(encoding="utf-8")), encoding="utf-8")
    done = run_postkit("draft", "quantum computing", "--seed", "1")
    assert done.returncode == 0, done.stderr
    post = done.stdout.decode("utf-8")
    assert "Quantum computing is a way of computing with qubits" in post
    assert "fill in" not in post.casefold()


def test_the_mark_is_found_in_any_case_and_through_the_parsed_topic(stub: Path) -> None:
    text = fill(stub.read_text(encoding="utf-8"), keep=1)
    stub.write_text(text.replace("[fill in:", "[Fill In:"), encoding="utf-8")
    with pytest.raises(PageError, match=re.escape(LEFT)):
        draft_post("quantum computing", DraftOptions(topic_dirs=(stub.parent,)))
    # An entity for "[" is not the mark in the file, but it is in the topic.
    stub.write_text(text.replace("[fill in:", "&#91;fill in:"), encoding="utf-8")
    with pytest.raises(PageError) as caught:
        load_topic("quantum computing", [stub.parent])
    assert caught.value.message == f"{stub}: {LEFT}"


# ---------------------------------------------------------------- check flags it


def test_check_flags_placeholder_text_as_an_error() -> None:
    text = "Quantum computing is [fill in: what it is].\n\nAnd [FILL IN: an unclosed one\n"
    result = check_post(text, "x")
    found = [problem for problem in result.problems if problem.code == "placeholder"]
    assert [text[p.start : p.end] for p in found] == [
        "[fill in: what it is]",
        "[FILL IN: an unclosed one",
    ]
    assert all(problem.severity == "error" for problem in found)
    assert not result.ok
    assert CODES["placeholder"] == "error"
    assert not [p for p in check_post("Fill in the form [here].", "x").problems]


def test_check_cli_fails_on_a_draft_that_kept_a_placeholder() -> None:
    post = "🚀 Quantum computing is [fill in: what it is].\n\n#QuantumComputing\n"
    done = run_postkit("check", "-", "--platform", "x", input=post)
    assert done.returncode == 1
    assert b"[placeholder]" in done.stdout + done.stderr
    data = json.loads(run_postkit("check", "-", "--format", "json", input=post).stdout)
    assert [p["code"] for p in data["problems"]] == ["placeholder"]


def test_the_readme_lists_the_placeholder_check() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "| `placeholder` | error |" in readme
