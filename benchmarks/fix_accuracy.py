"""Recovery report for `postkit fix` against ftfy on the labelled corpus.

Run: ``python benchmarks/fix_accuracy.py [--failures N]``. Reads
tests/data/fix/garbled.jsonl and legit.txt (built by tests/data/fix/make_corpus.py)
and prints, per kind of garbling, how many lines each tool restores exactly, then
how many legitimate lines each leaves unchanged.

ftfy is measured twice: with its defaults, and configured for posts the way a
careful user would (keep curly quotes, full-width characters and ligatures; no
0xA0 guessing for spaces; no normalisation), so the comparison is fair to it.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import ftfy

from postkit.mojibake.repair import fix_text

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "fix"

FTFY_FOR_POSTS = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    restore_byte_a0=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def _ftfy_default(text: str) -> str:
    return str(ftfy.fix_text(text))


def _ftfy_posts(text: str) -> str:
    return str(ftfy.fix_text(text, FTFY_FOR_POSTS))


TOOLS: dict[str, Callable[[str], str]] = {
    "postkit": fix_text,
    "ftfy (defaults)": _ftfy_default,
    "ftfy (for posts)": _ftfy_posts,
}


def load() -> tuple[list[dict[str, str]], list[str]]:
    rows = [
        json.loads(line)
        for line in (DATA / "garbled.jsonl").read_text(encoding="utf-8").split("\n")
        if line
    ]
    legit = [line for line in (DATA / "legit.txt").read_text(encoding="utf-8").split("\n") if line]
    return rows, legit


def report(show_failures: int = 0) -> dict[str, dict[str, int]]:
    rows, legit = load()
    per_kind: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    failures: list[tuple[str, str, str, str]] = []
    for row in rows:
        counts = per_kind[row["kind"]]
        counts["lines"] += 1
        for name, tool in TOOLS.items():
            result = tool(row["garbled"])
            if result == row["original"]:
                counts[name] += 1
            elif name == "postkit":
                failures.append((row["kind"], row["garbled"], result, row["original"]))
    names = list(TOOLS)
    width = max(len(k) for k in per_kind) + 2
    print(f"{'garbling':<{width}}{'lines':>6}" + "".join(f"{n:>19}" for n in names))
    total: dict[str, int] = defaultdict(int)
    for kind in sorted(per_kind):
        counts = per_kind[kind]
        total["lines"] += counts["lines"]
        cells = []
        for name in names:
            total[name] += counts[name]
            cells.append(f"{counts[name]:>19}")
        print(f"{kind:<{width}}{counts['lines']:>6}" + "".join(cells))
    lines = total["lines"]
    print(
        f"{'all':<{width}}{lines:>6}"
        + "".join(f"{f'{total[n]} ({100 * total[n] / lines:.1f}%)':>19}" for n in names)
    )
    print()
    print(f"legitimate lines left unchanged (of {len(legit)}):")
    unchanged: dict[str, int] = {}
    for name, tool in TOOLS.items():
        kept = sum(1 for line in legit if tool(line) == line)
        unchanged[name] = kept
        changed = [line for line in legit if tool(line) != line]
        print(f"  {name:<18}{kept:>5}" + (f"   e.g. {changed[0]!r}" if changed else ""))
    originals = {row["original"] for row in rows}
    kept = sum(1 for line in originals if fix_text(line) == line)
    print(f"  postkit on the {len(originals)} clean originals of the corpus: {kept} unchanged")
    _held_out()
    for kind, garbled, got, want in failures[:show_failures]:
        print(f"\n[{kind}]\n  garbled {garbled!r}\n  got     {got!r}\n  want    {want!r}")
    return {"total": dict(total), "unchanged": unchanged}


def _held_out(seeds: tuple[int, ...] = (1, 2, 3)) -> None:
    """The same generator with other seeds: emoji drawn afresh, never used for tuning."""
    import runpy

    build = runpy.run_path(str(DATA / "make_corpus.py"))["build"]
    print()
    for seed in seeds:
        rows = [row for row in build(seed)[0] if row["kind"]]
        counts = {name: 0 for name in TOOLS}
        for row in rows:
            for name, tool in TOOLS.items():
                counts[name] += tool(row["garbled"]) == row["original"]
        cells = "  ".join(
            f"{name} {counts[name]} ({100 * counts[name] / len(rows):.1f}%)" for name in TOOLS
        )
        print(f"held-out corpus, seed {seed}: {len(rows)} lines: {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", type=int, default=0, help="show this many postkit misses")
    report(parser.parse_args().failures)


if __name__ == "__main__":
    main()
