"""The repair is linear in the length of a line (issue 22, severe 5).

One line of random characters from "ÃğŸâ€Å¸š °ï¿½" took 2.9 s at 10,000
characters, 38 s at 40,000 and minutes at 100,000 (200 KB): the full reading
weighs a line as a whole. Long lines are now read in pieces, with a budget for
the full reading per line (:mod:`postkit.mojibake.long_lines`). The commands
that repair text (fix, check, draft --from, topics new --from) run as real
processes on 200 KB of it; the library keeps its answers on long lines whole.
"""

from __future__ import annotations

import itertools
import json
import random
import time
from pathlib import Path

import pytest

from helpers import DATA, garble, run_postkit
from postkit import fix_text
from postkit.mojibake.long_lines import INPUT_BUDGET, PIECE, Budget, pieces
from postkit.mojibake.repair import fix_line, repair_page_text
from postkit.mojibake.stream import fix_lines, fixed_text

ISSUE_CHARS = "ÃğŸâ€Å¸š °ï¿½"


def _random_line(length: int, chars: str = ISSUE_CHARS, seed: int = 22) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(chars) for _ in range(length))


@pytest.fixture(scope="module")
def garbled_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 KB on one line: 100,000 of the issue's characters (most take two bytes)."""
    path = tmp_path_factory.mktemp("linear") / "garbled.md"
    path.write_text(_random_line(100_000) + "\n", encoding="utf-8")
    assert path.stat().st_size >= 190_000
    return path


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["fix", "{file}"], {0}),
        (["fix", "--explain", "{file}"], {0}),
        (["check", "{file}"], {0, 1}),
        (["draft", "--from", "{file}"], {0}),
        (["topics", "new", "garbled", "--from", "{file}"], {0}),
    ],
    ids=["fix", "fix-explain", "check", "draft-from", "topics-new-from"],
)
def test_a_200_kb_garbled_line_takes_seconds(
    garbled_file: Path, args: list[str], codes: set[int]
) -> None:
    started = time.monotonic()
    result = run_postkit(*(a.format(file=garbled_file) for a in args), timeout=60)
    elapsed = time.monotonic() - started
    assert result.returncode in codes, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    assert elapsed < 20, f"{' '.join(args)} took {elapsed:.1f} s"


def test_time_grows_linearly_with_the_line() -> None:
    """Four times the line, at most about four times the time (it was thirteen:
    2.8 s, then 36 s)."""
    short, long = _random_line(10_000, seed=1), _random_line(40_000, seed=2)
    times = []
    for line in (short, long):
        started = time.perf_counter()
        fix_line(line)
        times.append(time.perf_counter() - started)
    assert times[1] < 10
    assert times[1] < 8 * max(times[0], 0.25)  # linear, with room for a busy machine


def test_every_reading_of_a_long_line_agrees_and_spans_index_the_input() -> None:
    line = _random_line(30_000, seed=3)
    fixed, repairs = fix_line(line)
    assert fix_text(line) == fixed
    assert repair_page_text(line) == (fixed, repairs)
    assert repairs, "the full reading still repairs the start of the line"
    for repair in repairs:
        assert line[repair.start : repair.end] == repair.garbled
    rebuilt, last = [], 0
    for repair in repairs:
        assert repair.start >= last
        rebuilt += [line[last : repair.start], repair.result]
        last = repair.end
    assert "".join([*rebuilt, line[last:]]) == fixed


def test_pieces_cover_the_line_and_cut_after_spaces() -> None:
    words = " ".join(f"word{n} cafÃ©" for n in range(2_000))
    found = pieces(words)
    assert found[0][0] == 0 and found[-1][1] == len(words)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(found))
    assert all(0 < end - start <= PIECE for start, end in found)
    assert all(words[end - 1] == " " for _, end in found[:-1])


def test_pieces_without_spaces_never_cut_a_garbled_sequence() -> None:
    """No space: the cut falls before a lead character, so each emoji stays whole."""
    line = garble("🚀🎉✅" * 2_000, "cp1252", lost="kept")
    found = pieces(line)
    assert len(found) > 1
    assert all(line[start] in "ðâ" for start, _ in found)
    assert fix_text(line) == "🚀🎉✅" * 2_000


def test_a_line_of_ordinary_length_is_one_piece() -> None:
    line = "x" * PIECE
    assert pieces(line) == [(0, PIECE)]


def test_past_the_budget_the_quick_reading_still_repairs() -> None:
    """A line that spends the full reading's budget on junk still gets its plain
    garbled emoji (the quick reading's work) repaired further on."""
    junk = _random_line(3 * INPUT_BUDGET, seed=4)
    tail = " ".join(garble("We ship 🚀 today, thanks 🙏", "cp1252") for _ in range(200))
    line = junk + " " + tail
    budget = Budget()
    fixed = fix_text(line, budget)
    assert budget.left <= 0, "the junk spent the budget"
    # (The piece where the junk ends holds the first sentences: the quick reading
    # declines it as a whole.)
    assert fixed.endswith(" ".join("We ship 🚀 today, thanks 🙏" for _ in range(150)))
    assert fix_line(line)[0] == fixed


def test_a_long_line_of_real_garbled_sentences_is_repaired_as_they_are() -> None:
    """The corpus's sentences on one line (22,000 characters) read almost as well as
    each alone: the pieces lose only the context of sentences of other languages."""
    rows = [
        json.loads(line)
        for line in (DATA / "fix" / "garbled.jsonl").read_text(encoding="utf-8").split("\n")
        if line
    ]
    line = "\t".join(row["garbled"] for row in rows)
    assert len(line) > 2 * PIECE
    fixed = fix_text(line).split("\t")
    assert len(fixed) == len(rows)
    right = sum(got == row["original"] for got, row in zip(fixed, rows, strict=True))
    alone = sum(fix_text(row["garbled"]) == row["original"] for row in rows)
    assert right >= alone - 30


def _junk_lines(count: int) -> list[tuple[int, str, str]]:
    return [(n, _random_line(999, seed=n), "\n") for n in range(1, count + 1)]


def test_the_lines_of_one_input_share_the_budget() -> None:
    """A megabyte of junk in lines of 1,000 characters took 43 s: each line had
    a budget of its own. Now the lines of a stream share one; what the quick
    readings read is still read after it is spent."""
    lines = _junk_lines(500)
    last = garble("Launch day 🚀 and a café", "cp1252")
    lines.append((501, last, ""))
    started = time.perf_counter()
    fixed = list(fixed_text(lines))
    elapsed = time.perf_counter() - started
    assert elapsed < 20, f"{elapsed:.1f} s"
    assert fixed[-1] == "Launch day 🚀 and a café"
    with_repairs = list(fix_lines(lines))
    assert [f"{line.text}{line.ending}" for line in with_repairs] == fixed


def test_a_megabyte_of_junk_lines_takes_seconds(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_text("".join(text + end for _, text, end in _junk_lines(500)), encoding="utf-8")
    assert path.stat().st_size > 900_000
    for args in (["fix", str(path)], ["fix", "--check", str(path)]):
        started = time.monotonic()
        result = run_postkit(*args, timeout=60)
        assert result.returncode in (0, 1), result.stderr.decode()
        assert time.monotonic() - started < 20
