"""Start-up cost of ``postkit draft`` against bare Python, measured in one run.

Run: ``python benchmarks/startup.py [--runs N]``. It times, as wall clock and
as the median of N runs each, with stdout sent to /dev/null:

1. ``postkit draft "generative ai"`` (the plain, piped path),
2. ``python -c pass`` (the floor: the interpreter alone),
3. ``python -c "import typer, rich, jinja2, emoji, pydantic"`` (the libraries),

and prints each ratio to bare Python. Target: draft ≤ 6× bare Python.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "postkit draft": [sys.executable, "-m", "postkit", "draft", "generative ai"],
    "python -c pass": [sys.executable, "-c", "pass"],
    "import libraries": [sys.executable, "-c", "import typer, rich, jinja2, emoji, pydantic"],
}
TARGET = 6.0


def median_seconds(command: list[str], runs: int) -> float:
    """The median wall time of ``command`` over ``runs`` runs, output discarded."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per case (default 21)")
    args = parser.parse_args()
    for command in CASES.values():  # warm the file cache and bytecode once
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    # Interleave the cases so that machine noise falls on all of them alike.
    samples: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.runs):
        for name, command in CASES.items():
            samples[name].append(median_seconds(command, 1))
    medians = {name: statistics.median(times) for name, times in samples.items()}
    floor = medians["python -c pass"]
    print(f"{'case':<20} {'median':>10} {'× bare python':>14}")
    for name, seconds in medians.items():
        print(f"{name:<20} {seconds * 1000:>8.1f}ms {seconds / floor:>13.2f}×")
    ratio = medians["postkit draft"] / floor
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"draft / bare python = {ratio:.2f}× ({verdict} the target of ≤ {TARGET:.0f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
