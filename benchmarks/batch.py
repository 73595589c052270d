"""How fast is ``postkit batch``? One run measures, on this machine:

1. one ``postkit draft`` (the cost a shell loop pays per post; median of a few runs),
2. N rows with ``postkit batch rows.csv --format jsonl`` (target: ≤ 10x one draft),
   with its default ``--jobs`` (the CPU cores), and again with ``--jobs 1``,
3. N rows with ``postkit batch rows.csv -o DIR`` (atomic, fsynced files + manifest),
4. the floor: a bare Jinja loop rendering the same templates with the same data
   in one process (no emoji finishing, no measuring, no output),
5. optionally (``--rss-rows 100000``) the memory of a very large JSONL batch: the
   peak RSS of its largest process, and the peak of all its processes together
   (proportional set size, so pages the workers share with the parent count once).

Wall times of real subprocesses; peak RSS from ``os.wait4``. Run::

    python benchmarks/batch.py                 # 10,000 rows
    python benchmarks/batch.py --rss-rows 100000
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_RATIO = 10.0


def write_rows(path: Path, count: int, topics: list[str], platforms: list[str]) -> None:
    """A month-of-posts style CSV: topics and platforms in turn, a seed per row."""
    combos = itertools.cycle(itertools.product(topics, platforms))
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("topic,platform,seed\n")
        for seed, (topic, platform) in zip(range(count), combos, strict=False):
            handle.write(f"{topic},{platform},{seed}\n")


def run(args: list[str]) -> tuple[float, int, int]:
    """Wall seconds, exit code and peak RSS (KiB) of ``python -m postkit ARGS``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "postkit", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, process.returncode, usage.ru_maxrss


def tree_memory(pid: int) -> tuple[int, int]:
    """RSS and PSS (KiB) of a process and its children, summed; (0, 0) if unreadable."""
    pids = [pid, *children(pid)]
    rss = pss = 0
    for each in pids:
        try:
            rollup = Path(f"/proc/{each}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            name, _, value = line.partition(":")
            if name in ("Rss", "Pss"):
                kib = int(value.split()[0])
                rss, pss = (rss + kib, pss) if name == "Rss" else (rss, pss + kib)
    return rss, pss


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run_sampled(args: list[str]) -> tuple[float, int, int, int]:
    """``run`` for the memory check: wall, exit, peak RSS (KiB) and peak summed PSS (KiB).

    Sampling /proc costs CPU, so the timed runs do without it.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "postkit", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak_pss = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak_pss = max(peak_pss, tree_memory(process.pid)[1])
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, process.returncode, usage.ru_maxrss, peak_pss


def one_draft(topic: str, repeat: int) -> float:
    times = []
    for _ in range(repeat + 1):
        wall, code, _ = run(["draft", topic, "--seed", "1", "--plain"])
        if code != 0:
            raise SystemExit(f"postkit draft {topic!r} failed with exit {code}")
        times.append(wall)
    return statistics.median(times[1:])  # the first run warms the disk cache


def bare_jinja(count: int, topics: list[str], platforms: list[str]) -> float:
    """Posts per second of plain Jinja: the same templates and data, nothing else."""
    import jinja2

    from postkit.drafting import template_context
    from postkit.model import DraftOptions
    from postkit.platforms.rules import get_platform
    from postkit.render.catalogue import builtin_template_dir
    from postkit.render.compose import SECTIONS, TEMPLATE_OPTIONS, environment, picker
    from postkit.sources.topics import load_topic

    env = jinja2.Environment(  # no sandbox: the floor
        loader=jinja2.FileSystemLoader(str(builtin_template_dir()), encoding="utf-8"),
        **TEMPLATE_OPTIONS,
    )
    # The filters, tests and globals postkit's templates use (heading, kind_phrase…).
    postkit_env = environment()
    env.filters.update(postkit_env.filters)
    env.tests.update(postkit_env.tests)
    env.globals.update(postkit_env.globals)
    loaded = {name: load_topic(name) for name in topics}
    jobs: list[tuple[str, dict[str, Any], int]] = []
    combos = itertools.cycle(itertools.product(topics, platforms))
    for seed, (topic, platform) in zip(range(count), combos, strict=False):
        options = DraftOptions(platform=platform, seed=seed)
        context = template_context(loaded[topic], options, get_platform(platform), 4)
        jobs.append((platform, context, seed))
    start = time.perf_counter()
    for platform, context, seed in jobs:
        sections = {}
        for section in SECTIONS:
            name = f"{platform}/{section}.j2"
            try:
                template = env.get_template(name)
            except jinja2.TemplateNotFound:
                continue
            sections[section] = template.render({**context, "pick": picker(seed, section)})
        env.get_template(f"{platform}/post.j2").render({**context, "sections": sections})
    return count / (time.perf_counter() - start)


def library_rate(count: int, topics: list[str], platforms: list[str]) -> float:
    """Posts per second of render_post in one process (drafting without the CLI)."""
    from postkit.drafting import render_post
    from postkit.model import DraftOptions
    from postkit.sources.topics import load_topic

    loaded = {name: load_topic(name) for name in topics}
    combos = itertools.cycle(itertools.product(topics, platforms))
    start = time.perf_counter()
    for seed, (topic, platform) in zip(range(count), combos, strict=False):
        render_post(loaded[topic], DraftOptions(platform=platform, seed=seed))
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rss-rows", type=int, default=0, help="also run this many rows for RSS")
    parser.add_argument("--platforms", default="linkedin", help="comma-separated, used in turn")
    parser.add_argument("--topics", default="", help="comma-separated (default: all built-in)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of one draft (median)")
    options = parser.parse_args()

    from postkit.batch.run import worker_count
    from postkit.sources.topics import library as topic_library

    topics = options.topics.split(",") if options.topics else sorted(topic_library())
    platforms = options.platforms.split(",")
    count = options.rows
    work = Path(tempfile.mkdtemp(prefix="postkit-bench-"))
    try:
        rows = work / "rows.csv"
        write_rows(rows, count, topics, platforms)
        draft = one_draft(topics[0], options.repeat)
        jsonl, code, jsonl_rss = run(["batch", str(rows), "--format", "jsonl"])
        single, code1, single_rss = run(["batch", str(rows), "--format", "jsonl", "--jobs", "1"])
        files, code2, files_rss = run(["batch", str(rows), "-o", str(work / "out")])
        if code or code1 or code2:
            raise SystemExit(f"batch failed (exit {code} / {code1} / {code2})")
        written = sum(1 for _ in (work / "out").glob("*.txt"))
        floor = bare_jinja(count, topics, platforms)
        library = library_rate(min(count, 2000), topics, platforms)

        ratio = jsonl / draft
        jobs = worker_count()
        print(f"postkit batch benchmark: {count:,} rows, {len(topics)} topics, {platforms}, "
              f"{jobs} CPU cores (the default --jobs)")  # fmt: skip
        print(f"  one `postkit draft`            {draft:8.3f} s")
        print(f"  batch --format jsonl           {jsonl:8.3f} s  {count / jsonl:8,.0f} posts/s"
              f"  peak RSS {jsonl_rss / 1024:.0f} MiB (largest process)")  # fmt: skip
        print(f"  batch --format jsonl --jobs 1  {single:8.3f} s  {count / single:8,.0f} posts/s"
              f"  peak RSS {single_rss / 1024:.0f} MiB")  # fmt: skip
        print(f"  batch -o DIR ({written:,} files)   {files:8.3f} s  {count / files:8,.0f} posts/s"
              f"  peak RSS {files_rss / 1024:.0f} MiB")  # fmt: skip
        print(f"  render_post in-process                    {library:8,.0f} posts/s")
        print(f"  bare Jinja loop (the floor)               {floor:8,.0f} posts/s")
        verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
        print(f"  ratio jsonl batch / one draft: {ratio:.1f}x ({verdict} the 10x target)")
        print(f"  batch jsonl posts/s against the bare Jinja floor (one process): "
              f"{count / jsonl / floor:.2f}x")  # fmt: skip

        if options.rss_rows:
            big = work / "big.csv"
            write_rows(big, options.rss_rows, topics, platforms)
            wall, code, rss, pss = run_sampled(["batch", str(big), "--format", "jsonl"])
            print(f"  {options.rss_rows:,} rows --format jsonl: {wall:.1f} s, exit {code}, "
                  f"peak RSS {rss / 1024:.1f} MiB (largest process), all processes together "
                  f"{pss / 1024:.1f} MiB (PSS; limit 100 MiB)")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
