"""Property-based fuzzing of draft --from, check, fix and batch (hypothesis, bounded).

Inputs are built from the pieces that break text tools: invalid bytes, BOMs,
CR and CRLF, NULs, surrogate bytes, combining marks, emoji sequences, Markdown
and YAML syntax, template syntax. The promise is the same as the corpus's:
exit 0, 1 or 2; one line on stderr for 2; never a traceback; output that is
UTF-8. Most examples run in-process (CliRunner) so the suite stays fast; one
property drives real processes through stdin and pipes.

Examples are derandomized: CI sees the same inputs on every run, and a failure
found once is found again.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import run_postkit
from postkit.cli import app

runner = CliRunner()
FAST = settings(
    max_examples=40,
    deadline=5000,  # ms per example; the slowest takes ~0.3 s
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

NASTY_PIECES = [
    "\ufeff", "\r\n", "\r", "\n", "\n\n", "\x00", "\t", " ", "\u00a0", "\u200b", "\u200d",
    "\u202e", "\u0301" * 50, "🇺🇸", "🇺", "👩🏽\u200d🍳", "❤", "\ufe0f", "🏴\U000e0067\U000e0062",
    "é", "Ã©", "ðŸš€", "â€™", "# ", "## Tips\n", "- ", "1. ", "> ", "**", "*", "_", "`", "```\n",
    "[", "](", ")", "![", "<div>", "&amp;", "---\n", "title: x\n", "&a [1]\n", "*a\n",
    "!!python/object/apply:os.system ['true']\n", "{{ 7*7 }}", "{% if %}", "{#", "}}",
    ":rocket:", "#AI", "@user@host", "https://example.com/a_(b)", "is a thing.", "Tips:",
    "\x1b[31m", "\U0010ffff", "\ufffd",
]  # fmt: skip
pieces = st.lists(st.one_of(st.sampled_from(NASTY_PIECES), st.text(max_size=20)), max_size=40).map(
    "".join
)


def _assert_kept(code: int, out: bytes, err: str) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("postkit: error: "), err
    out.decode("utf-8")


def _raw(text: str, encoding: str) -> bytes:
    """The text as a file might hold it, surrogates and all."""
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if encoding == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    return text.encode("utf-8", "surrogatepass")


encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])


@FAST
@given(body=pieces, encoding=encodings, front=st.booleans())
def test_draft_from_any_page(body: str, encoding: str, front: bool) -> None:
    text = ("---\n" + body[:40] + "\n---\n" if front else "") + "# Title\n\nA title is x.\n" + body
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.md"
        page.write_bytes(_raw(text, encoding))
        result = runner.invoke(app, ["draft", "--from", str(page), "--seed", "1", "--plain"])
    _assert_kept(result.exit_code, result.stdout_bytes, result.stderr)
    if result.exit_code == 0:
        assert "49" not in result.stdout or "49" in text  # page text is never a template


@FAST
@given(post=pieces, platform=st.sampled_from(["linkedin", "x", "bluesky", "mastodon", "threads"]))
def test_check_any_post(post: str, platform: str) -> None:
    data = post.encode("utf-8", "surrogatepass")
    result = runner.invoke(app, ["check", "-", "--platform", platform], input=data)
    _assert_kept(result.exit_code, result.stdout_bytes, result.stderr)
    valid = not any("\ud800" <= c <= "\udfff" for c in post) and "\x00" not in post
    if valid and post.strip():  # text that is text is always checked, never refused
        assert result.exit_code in (0, 1), result.stderr


@FAST
@given(post=pieces)
def test_check_json_is_json(post: str) -> None:
    result = runner.invoke(
        app, ["check", "-", "--format", "json"], input=post.encode("utf-8", "surrogatepass")
    )
    _assert_kept(result.exit_code, result.stdout_bytes, result.stderr)
    if result.exit_code in (0, 1):
        report = json.loads(result.stdout)
        assert isinstance(report, dict)


@FAST
@given(data=st.binary(max_size=400) | pieces.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_fix_any_bytes(data: bytes) -> None:
    result = runner.invoke(app, ["fix", "-"], input=data)
    _assert_kept(result.exit_code, result.stdout_bytes, result.stderr)


@FAST
@given(text=st.text(alphabet=st.characters(codec="ascii", exclude_characters="\x00"), max_size=200))
def test_fix_leaves_ascii_alone(text: str) -> None:
    result = runner.invoke(app, ["fix", "-"], input=text.encode("ascii"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == text.encode("ascii")  # line ends too: fix keeps them


cells = st.one_of(
    st.sampled_from(["genai", "kubernetes", "x", "mastodon", "7", "-1", "", "professional"]),
    pieces,
)


@FAST
@given(rows=st.lists(st.lists(cells, max_size=6), max_size=6), header=st.lists(
    st.sampled_from(["topic", "platform", "seed", "id", "tone", "cta", "nope", ""]),
    min_size=1, max_size=5))  # fmt: skip
def test_batch_any_csv(rows: list[list[str]], header: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)  # ragged on purpose: rows have any number of cells
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "rows.csv"
        source.write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
        out = Path(folder) / "out"
        result = runner.invoke(app, ["batch", str(source), "-o", str(out)])
        _assert_kept(result.exit_code, result.stdout_bytes, result.stderr)
        if out.is_dir():
            for file in out.iterdir():
                assert not file.name.startswith("."), file.name
                file.read_bytes().decode("utf-8")


@FAST
@given(lines=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["topic", "platform", "seed", "cta", "x"]),
                    st.one_of(cells, st.integers(), st.none(), st.lists(st.integers()))),
    pieces,
), max_size=6))  # fmt: skip
def test_batch_any_jsonl(lines: list[dict[str, object] | str]) -> None:
    text = "".join(
        (json.dumps(line) if isinstance(line, dict) else line.replace("\n", " ")) + "\n"
        for line in lines
    )
    result = runner.invoke(app, ["batch", "-", "--input-format", "jsonl", "--format", "jsonl"],
                           input=text.encode("utf-8", "surrogatepass"))  # fmt: skip
    _assert_kept(result.exit_code, result.stdout_bytes, result.stderr)
    for line in result.stdout.splitlines():
        json.loads(line)


@settings(max_examples=4, deadline=None, derandomize=True, database=None)
@given(
    data=st.binary(min_size=1, max_size=300)
    | pieces.map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_real_processes_through_stdin(data: bytes) -> None:
    """Pipes, not CliRunner: the interpreter's own stdin, stdout and exit code."""
    for args in (["check", "-"], ["fix", "-"], ["draft", "--from", "-"]):
        result = run_postkit(*args, input=data, timeout=60)
        _assert_kept(result.returncode, result.stdout, result.stderr.decode("utf-8"))
