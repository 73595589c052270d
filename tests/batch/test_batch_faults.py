"""`postkit batch` under faults: kill -9 and Ctrl-C mid-run, then resume.

These run the real command as a subprocess and kill it while it writes, so
they prove what the README promises: never half a post, no temporary files
left after the rerun, every post exactly once, and a manifest that agrees.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import run_postkit
from postkit.batch.files import MANIFEST, OutputFolder

ROWS = 300

# Our own pages, so other changes to the built-in topics cannot move the posts.
PAGES = {
    "tea": "# Green tea\n\nGreen tea is tea whose leaves were not oxidised. 🍵\n\n"
    "## Tips\n\n- Brew it below boiling.\n- Steep it for two minutes.\n- Try it cold.\n",
    "bikes": "# Cargo bikes\n\nA cargo bike is a bicycle built to carry loads. 🚲\n\n"
    "## Examples\n\n- **Longtail**: a long rear rack.\n- **Bakfiets**: a box in front.\n",
    "ferns": "# Ferns\n\nFerns are plants that spread by spores, not seeds. 🌿\n\n"
    "## Tips\n\n- Keep the soil damp.\n- Give them indirect light.\n",
}


def write_rows(folder: Path, count: int = ROWS) -> Path:
    """Rows that repeat pages, so names collide and get suffixes."""
    for name, text in PAGES.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    names = itertools.cycle(PAGES)
    lines = ["from,seed"] + [f"{next(names)}.md,{seed}" for seed in range(count)]
    rows = folder / "rows.csv"
    rows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


def start_batch(rows: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "postkit", "batch", str(rows), "-o", str(out), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for_lines(manifest: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and manifest.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.005)
    pytest.fail(f"the batch did not reach {count} rows (exit {process.poll()})")


def posts_in(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name != MANIFEST}


def assert_agrees(out: Path, reference: dict[str, str], rows: int = ROWS) -> None:
    """Every post exactly once, whole, no temporary files; the manifest lists each file once."""
    found = posts_in(out)
    assert sorted(found) == sorted(reference)  # no temp files, no duplicates, none missing
    for name, text in found.items():
        assert text == reference[name], name
    entries = [json.loads(line) for line in (out / MANIFEST).read_text("utf-8").splitlines()]
    assert [e["row"] for e in entries] == list(range(1, rows + 1))
    assert all(e["status"] in ("ok", "skipped") for e in entries)
    assert sorted(e["file"] for e in entries) == sorted(found)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The rows and the posts an uninterrupted batch writes for them."""
    folder = tmp_path_factory.mktemp("reference")
    rows = write_rows(folder)
    result = run_postkit("batch", str(rows), "-o", str(folder / "out"))
    assert result.returncode == 0, result.stderr
    posts = posts_in(folder / "out")
    assert len(posts) == ROWS
    return rows, posts


def test_kill_9_twice_then_resume(tmp_path: Path, reference: tuple[Path, dict[str, str]]) -> None:
    rows, posts = reference
    out = tmp_path / "out"
    for stop_after in (30, 120):
        process = start_batch(rows, out, "--skip-existing")
        wait_for_lines(out / MANIFEST, stop_after, process)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=10)
        assert process.returncode == -signal.SIGKILL
        partial = posts_in(out)
        whole = {name: text for name, text in partial.items() if not name.startswith(".")}
        assert stop_after <= len(whole) < ROWS
        for name, text in whole.items():  # never half a post
            assert text == posts[name], name
    result = run_postkit("batch", str(rows), "-o", str(out), "--skip-existing")
    assert result.returncode == 0, result.stderr
    assert b"0 failed" in result.stderr and b"skipped" in result.stderr
    assert_agrees(out, posts)


def test_ctrl_c_stops_cleanly_and_resumes(
    tmp_path: Path, reference: tuple[Path, dict[str, str]]
) -> None:
    rows, posts = reference
    out = tmp_path / "out"
    process = start_batch(rows, out)
    wait_for_lines(out / MANIFEST, 100, process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 130
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert not [name for name in posts_in(out) if name.startswith(".")]
    entries = (out / MANIFEST).read_text("utf-8").splitlines()
    assert len(entries) == len(posts_in(out))  # the manifest was flushed up to the stop
    result = run_postkit("batch", str(rows), "-o", str(out), "--skip-existing")
    assert result.returncode == 0, result.stderr
    assert_agrees(out, posts)


def test_stale_temporary_files_of_dead_runs_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    stale = tmp_path / f".a.txt.{int(dead.stdout)}.postkit-tmp"
    live = tmp_path / f".b.txt.{os.getpid()}.postkit-tmp"  # a run still going
    other = tmp_path / ".notes.txt"  # not ours
    for path in (stale, live, other):
        path.write_text("half a po", encoding="utf-8")
    with OutputFolder(tmp_path):
        pass
    assert not stale.exists() and live.exists() and other.exists()


# Runs the batch and prints its peak RSS (its largest process, workers included)
# and the peak of the proportional set sizes of all its processes together
# (pages the forked workers share with the parent count once). A small process
# must start it: Linux carries the parent's high-water mark into a forked
# child's ru_maxrss across exec, so a child of pytest would report pytest's size.
MEASURE_RSS = """
import os, subprocess, sys, time
def pss(pid):
    try:
        rollup = open(f"/proc/{pid}/smaps_rollup").read()
        kids = open(f"/proc/{pid}/task/{pid}/children").read().split()
    except OSError:
        return 0
    own = sum(int(l.split()[1]) for l in rollup.splitlines() if l.startswith("Pss:"))
    return own + sum(pss(int(kid)) for kid in kids)
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = 0
while True:
    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    if pid:
        break
    peak = max(peak, pss(process.pid))
    time.sleep(0.02)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss, peak)
"""


def test_peak_memory_stays_small(tmp_path: Path) -> None:
    rows = write_rows(tmp_path, 1000)
    command = [sys.executable, "-m", "postkit", "batch", str(rows), "--format", "jsonl"]
    result = subprocess.run(
        [sys.executable, "-c", MEASURE_RSS, *command, "--jobs", "2"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    code, peak_kib, together_kib = map(int, result.stdout.split())
    assert code == 0
    assert 0 < peak_kib < 100 * 1024, f"peak RSS {peak_kib} KiB"
    if Path("/proc/self/smaps_rollup").exists():  # Linux: the batch and its workers together
        assert 0 < together_kib < 100 * 1024, f"peak PSS of all processes {together_kib} KiB"


BIG = 2000


def test_kill_9_at_random_points_of_a_2000_row_batch(tmp_path: Path) -> None:
    """Several kill -9 at random rows, then --skip-existing: each post once, whole."""
    import random

    rows = write_rows(tmp_path, BIG)
    reference = run_postkit("batch", str(rows), "-o", str(tmp_path / "reference"), timeout=300)
    assert reference.returncode == 0, reference.stderr
    posts = posts_in(tmp_path / "reference")
    assert len(posts) == BIG
    out = tmp_path / "out"
    stops = sorted(random.Random(2000).sample(range(50, BIG - 50), 4))  # seeded: repeatable
    for stop_after in stops:
        process = start_batch(rows, out, "--skip-existing")
        wait_for_lines(out / MANIFEST, stop_after, process)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=10)
        assert process.returncode == -signal.SIGKILL
        whole = {n: t for n, t in posts_in(out).items() if not n.startswith(".")}
        assert all(text == posts[name] for name, text in whole.items())  # never half a post
    result = run_postkit("batch", str(rows), "-o", str(out), "--skip-existing", timeout=300)
    assert result.returncode == 0, result.stderr
    assert_agrees(out, posts, BIG)


# --- worker processes ------------------------------------------------------------------

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (the batch's workers)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")  # a zombie has exited; only its parent's wait is missing


def start_workers(rows: Path, *args: str) -> tuple[subprocess.Popen[bytes], list[int]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "postkit", "batch", str(rows), *args, "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    for _ in range(100):  # the workers exist once posts come back from them
        process.stdout.readline()
    workers = children_of(process.pid)
    assert len(workers) == 2, workers
    return process, workers


@linux_only
def test_kill_9_of_the_batch_ends_its_workers(tmp_path: Path) -> None:
    process, workers = start_workers(write_rows(tmp_path, 3000), "--format", "jsonl")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=10)  # and closes the pipes
    deadline = time.monotonic() + 10
    while not all(gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert all(gone(pid) for pid in workers), "workers outlived the batch"


@linux_only
def test_ctrl_c_with_workers_stops_cleanly(tmp_path: Path) -> None:
    process, workers = start_workers(write_rows(tmp_path, 3000), "--format", "jsonl")
    process.send_signal(signal.SIGINT)
    with process:  # closes the pipes
        assert process.stdout is not None and process.stderr is not None
        stdout = process.stdout.read()  # what readline() had read ahead, then the rest
        stderr = process.stderr.read()
        assert process.wait(timeout=20) == 130
    assert stderr.decode().splitlines() == ["postkit: interrupted"]
    rows = [json.loads(line)["row"] for line in stdout.splitlines()]  # whole lines only
    assert rows == list(range(101, 101 + len(rows)))  # in order, none lost before the stop
    assert all(gone(pid) for pid in workers)


@linux_only
def test_a_worker_that_dies_stops_the_batch_with_one_line(tmp_path: Path) -> None:
    rows = write_rows(tmp_path, 3000)
    out = tmp_path / "out"
    process = start_batch(rows, out, "--jobs", "2")
    wait_for_lines(out / MANIFEST, 100, process)
    workers = children_of(process.pid)
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 2
    lines = stderr.decode().splitlines()
    assert lines[-1].startswith("postkit: error: a worker process died"), lines
    assert "Traceback" not in stderr.decode()
    entries = (out / MANIFEST).read_text("utf-8").splitlines()
    assert len(entries) == len(posts_in(out)) >= 100  # every post listed, nothing half-written
    assert all(gone(pid) for pid in workers)


def test_a_reader_that_goes_away_ends_the_batch_quietly(tmp_path: Path) -> None:
    rows = write_rows(tmp_path, 3000)
    batch = subprocess.Popen(
        [sys.executable, "-m", "postkit", "batch", str(rows), "--format", "jsonl", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert batch.stdout is not None
    first = batch.stdout.readline()  # `| head -1`
    batch.stdout.close()
    _, stderr = batch.communicate(timeout=20)
    assert json.loads(first)["row"] == 1
    assert batch.returncode == 0
    assert stderr == b""


# --- lone surrogates: a row error, never a batch stopped half-way --------------------------
# JSON and YAML can spell a UTF-16 surrogate (\ud800); alone it is no character,
# and once failed only when the post or manifest line was written, after its file.

LONE = "holds a lone surrogate (an escape such as \\ud800 without its pair)"


def jsonl_rows(count: int) -> str:
    """Good rows, with two lone surrogates and an escaped pair among them."""
    rows = [f'{{"topic": "generative ai", "id": "p{n}", "seed": {n}}}' for n in range(count)]
    rows[1] = '{"id": "a\\ud800b", "topic": "generative ai"}'
    rows[2] = '{"topic": "generative ai", "id": "pair", "cta": "\\ud83d\\ude80 launch day"}'
    rows[3] = '{"topic": "generative ai", "hashtags": ["#ok", "#x\\udc00"]}'
    return "\n".join(rows) + "\n"


YAML_ROWS = """\
- topic: generative ai
  id: pair
  cta: "\\ud83d\\ude80 launch"
- topic: generative ai
  id: alone
  cta: "\\ud83d launch"
- {topic: kubernetes, id: "\\udc00x"}
- topic: kubernetes
  id: after
"""


def assert_lone_rows_failed(out: Path, stderr: str, failed: dict[int, str], rows: int) -> None:
    entries = [json.loads(line) for line in (out / MANIFEST).read_text("utf-8").splitlines()]
    assert [e["row"] for e in entries] == list(range(1, rows + 1))  # every row has its line
    assert {e["row"]: e["problems"][0] for e in entries if e["status"] == "failed"} == {
        row: f"{key}: {LONE}, which is not a character; write the character itself, "
        "or both escapes of its pair"
        for row, key in failed.items()
    }
    assert sorted(e["file"] for e in entries if e["status"] == "ok") == sorted(posts_in(out))
    assert len(posts_in(out)) == rows - len(failed)
    assert "internal error" not in stderr and "Traceback" not in stderr
    for row in failed:
        assert f": row {row}: " in stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_lone_surrogates_in_json_lines_fail_their_rows_only(tmp_path: Path, jobs: str) -> None:
    rows = 250 if jobs == "2" else 6  # workers start at 200 rows
    (tmp_path / "rows.jsonl").write_text(jsonl_rows(rows), encoding="utf-8")
    out = tmp_path / "out"
    result = run_postkit("batch", str(tmp_path / "rows.jsonl"), "-o", str(out), "--jobs", jobs)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1, stderr
    assert_lone_rows_failed(out, stderr, {2: "id", 4: "hashtags"}, rows)
    assert "🚀 launch day" in (out / "pair.txt").read_text("utf-8")  # the pair, joined


def test_lone_surrogates_in_yaml_fail_their_rows_and_pairs_join(tmp_path: Path) -> None:
    (tmp_path / "rows.yaml").write_text(YAML_ROWS, encoding="utf-8")
    out = tmp_path / "out"
    result = run_postkit("batch", str(tmp_path / "rows.yaml"), "-o", str(out))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1, stderr
    assert_lone_rows_failed(out, stderr, {2: "cta", 3: "id"}, 4)
    assert "🚀 launch" in (out / "pair.txt").read_text("utf-8")  # PyYAML alone gave two halves
    assert (out / "after.txt").exists()  # the rows after them are drafted
