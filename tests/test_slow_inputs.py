"""No catastrophic slowdown: the worst inputs we can build finish in seconds.

Two layers. First every compiled regular expression in postkit (found by
walking the package, so a new pattern is covered the day it is added) runs over
long runs of the characters that make patterns backtrack; a quadratic pattern
takes seconds on 20,000 characters where a linear one takes milliseconds.
Then each command runs on the worst whole inputs for its parser: Markdown that
makes markdown-it's inline rules rescan, posts that are one long run of one
character, garbled text, deep YAML and JSON.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeAlias

import pytest
import regex
from typer.testing import CliRunner

import postkit
import postkit.cli
from helpers import run_postkit
from postkit.cli import app

runner = CliRunner()
Pattern: TypeAlias = Any  # re.Pattern[str] or regex.Pattern (the regex module is untyped)

# Characters that patterns in postkit care about, alone and in the pairs that
# open a construct without closing it.
UNITS = [
    "{", "{{", "{%", "{#", "}", "*", "* ", "*a", "**a", "_", "__a", "[", "[a](", "![", "](",
    "`", "`a", ":", ":a", "a:", "#", "# ", "#a ", "＃", "@", "@a@", "a.", "a-", "http://",
    "https://a.", "www.", " ", "\t", " \n", "a ", "\u00a0", "!", "?!", "!?", ".", ". ", "-",
    "--", "---", "é", "Ã", "ðŸ", "â€", "𝐀 ", "🇺", "🇺🇸", "\u0301", "\u200d", "👩\u200d",
    "\ufe0f", "a", "1", "\\", "'", '"', "(", ")", "—", "\n", "\n\n", "-\n", "%}", "a/", "//",
    "…", "。",
]  # fmt: skip
LENGTH = 12_000  # a quadratic pattern takes seconds here, a linear one milliseconds
PER_RUN = 0.25  # seconds; the slowest linear pattern takes ~0.03 s on a loaded machine


def _walk(value: Any, depth: int = 0) -> Iterator[Pattern]:
    if isinstance(value, re.Pattern | regex.Pattern):
        yield value
    elif depth > 3 or isinstance(value, str | bytes):
        return
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item, depth + 1)
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _walk(item, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _walk(getattr(value, field.name), depth + 1)


def _compiled_on_first_use(value: Any) -> bool:
    """A pattern made by postkit.patterns.lazy_regex (defined there, kept where it is used)."""
    return getattr(value, "__qualname__", "").startswith("lazy_regex.")


def all_patterns() -> dict[str, Pattern]:
    """Every pattern at module level, returned by a cached no-argument function or
    made by ``lazy_regex``; each pattern once."""
    found: dict[str, Pattern] = {}
    seen: set[int] = set()
    for module_info in pkgutil.walk_packages(postkit.__path__, "postkit."):
        if module_info.name.endswith("__main__"):
            continue  # importing it runs the command line
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if callable(value) and hasattr(value, "cache_info"):
                here = getattr(value, "__module__", None) == module.__name__
                if not (here or _compiled_on_first_use(value)):
                    continue  # imported from elsewhere: walked where it is defined
                if inspect.signature(value).parameters:
                    continue
                value = value()
            for number, pattern in enumerate(_walk(value)):
                if id(pattern) not in seen:
                    seen.add(id(pattern))
                    found[f"{module.__name__}.{name}[{number}]"] = pattern
    return found


PATTERNS = all_patterns()


def test_the_walk_finds_the_patterns() -> None:
    assert len(PATTERNS) >= 40
    sources = {pattern.pattern for pattern in PATTERNS.values()}
    assert r"[^\w]+" in sources  # hashtags, a module-level pattern
    assert any("Regional_Indicator" in source for source in sources)  # platforms, cached
    assert r"(?<!!)!+(?=\s|$)" in sources  # voices, compiled on first use (lazy_regex)
    assert r"urn:li:(?:person|organization):[A-Za-z0-9_-]+" in sources  # linkedin_api, too


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_long_runs(name: str) -> None:
    pattern = PATTERNS[name]
    worst, worst_unit = 0.0, ""
    for unit in UNITS:
        run = (unit * (LENGTH // len(unit) + 1))[:LENGTH]
        for text in (run + "!", "x" + run):
            start = time.perf_counter()
            for _ in pattern.finditer(text):
                pass
            elapsed = time.perf_counter() - start
            if elapsed > worst:
                worst, worst_unit = elapsed, unit
    assert worst < PER_RUN, f"{pattern.pattern!r} took {worst:.2f} s on {worst_unit!r}"


def _page(body: str) -> str:
    return f"# Worst case\n\nWorst case is an input built to be slow.\n\n{body}\n"


MARKS = 19_000  # just under pages.MAX_INLINE_MARKS: the most a page may carry
PAGES = {
    "brackets": _page("[" * MARKS),
    "images": _page("![a](b" * (MARKS // 4)),
    "nested-images": _page("[![" * (MARKS // 3)),
    "emphasis": _page("*_" * (MARKS // 2)),
    "links-unclosed": _page("[a](" * (MARKS // 2)),
    "backticks": _page("`a" * MARKS),
    "lines": _page("y\n" * 100_000),
    "list-items": _page("## Tips\n\n" + "- tip\n" * 20_000),
    "nested-bullets": _page("- " * 5_000 + "x"),
    "quotes": _page(">" * 100_000),
    "prose-2mib": _page("Plain words and more words. " * 70_000),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_draft_from_the_worst_pages(name: str, tmp_path: Path) -> None:
    page = tmp_path / f"{name}.md"
    page.write_text(PAGES[name], encoding="utf-8")
    start = time.perf_counter()
    result = runner.invoke(app, ["draft", "--from", str(page), "--seed", "1"])
    elapsed = time.perf_counter() - start
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "internal error" not in result.stderr
    assert elapsed < 10, f"{name}: {elapsed:.1f} s"


def test_a_page_with_too_many_marks_is_refused_before_parsing(tmp_path: Path) -> None:
    page = tmp_path / "marks.md"
    page.write_text(_page("![a](b" * 200_000), encoding="utf-8")  # 1.2 MB: minutes to parse
    start = time.perf_counter()
    result = runner.invoke(app, ["draft", "--from", str(page)])
    assert time.perf_counter() - start < 5
    assert result.exit_code == 2
    assert "Markdown marks" in result.stderr and result.stderr.count("\n") == 1


POST_SIZE = 100_000  # characters: 200 Mastodon posts' worth
POSTS = {
    unit: (unit * (POST_SIZE // len(unit) + 1))[:POST_SIZE]
    for unit in ["{", "[a](", "\t", "!", "@a@", "https://a.", "🇺", "👩\u200d", "é", "𝐀 ", "-\n"]
}


@pytest.mark.parametrize("unit", sorted(POSTS))
def test_check_a_post_that_is_one_long_run(unit: str, tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text(POSTS[unit] + "\n", encoding="utf-8")
    start = time.perf_counter()
    result = runner.invoke(app, ["check", str(post), "--platform", "mastodon"])
    elapsed = time.perf_counter() - start
    assert result.exit_code in (0, 1), result.stderr
    assert elapsed < 10, f"{unit!r}: {elapsed:.1f} s"


@pytest.mark.parametrize(
    "text",
    [
        "Ã" * 50_000,
        "ðŸ˜€" * 10_000,
        "ðŸ" * 5_000 + "â€" * 5_000,
        "CafÃ© " * 10_000,
        "â€" * 20_000,
        "\x81\x8d" * 20_000,
    ],
    ids=["a-tilde", "emoji", "mixed", "words", "quotes", "cp1252-holes"],
)
def test_fix_long_garbled_runs(text: str, tmp_path: Path) -> None:
    source = tmp_path / "garbled.txt"
    source.write_text(text + "\n", encoding="utf-8")
    start = time.perf_counter()
    result = runner.invoke(app, ["fix", str(source)])
    elapsed = time.perf_counter() - start
    assert result.exit_code in (0, 1), result.stderr
    assert elapsed < 10, f"{elapsed:.1f} s for {len(text):,} characters"


@pytest.mark.parametrize(
    ("suffix", "data"),
    [
        (".jsonl", "[" * 200_000 + "\n"),
        (".jsonl", '{"a":' * 100_000 + "\n"),
        (".yaml", "- " * 50_000 + "x\n"),
        (".yaml", "[" * 50_000 + "\n"),
        (".csv", "topic\n" + '"' * 100_001 + "\n"),
        (".csv", "topic," * 50_000 + "\n" + "genai," * 50_000 + "\n"),
        (".txt", "genai\n" * 200 + "x" * 500_000 + "\n"),
    ],
    ids=["jsonl-array", "jsonl-object", "yaml-seq", "yaml-flow", "csv-quotes", "csv-wide", "lines"],
)
def test_batch_worst_inputs_in_a_real_process(suffix: str, data: str, tmp_path: Path) -> None:
    rows = tmp_path / f"rows{suffix}"
    rows.write_text(data, encoding="utf-8")
    start = time.perf_counter()
    result = run_postkit("batch", str(rows), "-o", str(tmp_path / "out"), timeout=60)
    elapsed = time.perf_counter() - start
    err = result.stderr.decode("utf-8")
    assert result.returncode in (0, 1, 2) and "Traceback" not in err
    assert "internal error" not in err, err
    if result.returncode == 2:
        assert err.count("\n") == 1, err
    assert elapsed < 20, f"{elapsed:.1f} s"
