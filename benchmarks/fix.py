"""Throughput of postkit's fix_text against ftfy.fix_text on the same text, same run.

Run: ``python benchmarks/fix.py [--repeat N]``. Each text is fixed by both tools
in alternation, best of N rounds, and the ratio ftfy time / postkit time is
printed (above 1.0 means postkit is faster). The texts: the real example post
(``../shared/examples/linkedin-post-mojibake.txt``, when it is there), clean
lines in many scripts with emoji (the fast path), the garbled lines of the
corpus, and a mix of one garbled line in twenty, like a real pile of posts.

The garbled lines are also timed in two halves. Where no byte was lost, both
tools do the same job (postkit's quick reading, in the codecs). Where a code
page dropped bytes, ftfy gives up on most lines at once (see
``benchmarks/fix_accuracy.py``), while postkit puts each lost byte back and
weighs the candidates, which costs more time per line.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

from postkit.mojibake.repair import clear_caches, fix_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "fix"
# The real post with 13 garbled emoji (17 lines), when ../shared is beside the project.
POST = ROOT.parent / "shared" / "examples" / "linkedin-post-mojibake.txt"


def _texts() -> dict[str, str]:
    legit = [line for line in (DATA / "legit.txt").read_text(encoding="utf-8").split("\n") if line]
    rows = [
        json.loads(line)
        for line in (DATA / "garbled.jsonl").read_text(encoding="utf-8").split("\n")
        if line
    ]
    originals = [row["original"] for row in rows]
    garbled = [row["garbled"] for row in rows]
    clean = legit + originals
    mixed = [
        line
        for i, g in enumerate(garbled)
        for line in [g, *(clean[(i * 19 + k) % len(clean)] for k in range(19))]
    ]
    kept = [row["garbled"] for row in rows if "dropped" not in row["kind"]]
    dropped = [row["garbled"] for row in rows if "dropped" in row["kind"]]
    post = {"example post": POST.read_text(encoding="utf-8")} if POST.is_file() else {}
    return {
        **post,
        "clean (many scripts, emoji)": "\n".join(clean * 10),
        "clean ASCII": "\n".join(line.encode("ascii", "ignore").decode() for line in clean * 10),
        "garbled, no byte lost": "\n".join(kept),
        "garbled, bytes dropped": "\n".join(dropped),
        "garbled (whole corpus)": "\n".join(garbled),
        "mixed (1 in 20 garbled)": "\n".join(mixed),
    }


def _best_of_both(text: str, repeat: int) -> tuple[float, float]:
    """Best time of postkit and of ftfy on ``text``, the two taking turns round by round.

    Taking turns matters on a shared machine: a slow spell then costs both tools
    alike, where timing all of one tool's rounds before the other's would pin it
    on one. Within a round, each tool runs twice and the second run is timed: it
    finds the processor's caches as its own work left them, as in a process that
    does only this work, not as the other tool left them.
    """
    ours = theirs = float("inf")
    for _ in range(repeat):
        # Every postkit run does the work afresh: no line is read from a cache.
        ours = min(ours, _timed(fix_text, text, clear_caches))
        theirs = min(theirs, _timed(_ftfy, text, _nothing))
    return ours, theirs


def _timed(function: Callable[[str], str], text: str, fresh: Callable[[], None]) -> float:
    """The time of ``function`` on ``text``, run right after a run of its own;
    ``fresh`` runs before each, outside the timing."""
    fresh()
    function(text)  # the run before: the caches of the processor hold this tool's data
    fresh()
    start = time.perf_counter()
    function(text)
    return time.perf_counter() - start


def _nothing() -> None:
    """ftfy keeps no cache of the lines it read: nothing to clear between its runs."""


def _ftfy(text: str) -> str:
    return str(ftfy.fix_text(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds per tool (best is kept)")
    repeat = parser.parse_args().repeat
    texts = _texts()
    fix_text("ğŸš€")  # load the tables once (emoji data, code pages) before timing
    print(f"{'text':<30}{'chars':>9}{'postkit MB/s':>14}{'ftfy MB/s':>11}{'ratio':>12}")
    for name, text in texts.items():
        ours, theirs = _best_of_both(text, repeat)
        size = len(text.encode("utf-8")) / 1e6
        print(
            f"{name:<30}{len(text):>9}{size / ours:>14.2f}{size / theirs:>11.2f}"
            f"{theirs / ours:>11,.2f}×"
        )


if __name__ == "__main__":
    main()
