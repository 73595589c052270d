"""Two batches into one folder at once: one writes, the other stops with one line.

Real ``postkit batch`` processes started together on the same output folder.
Before the folder lock, both exited 0 and reported every post written while
they overwrote each other's posts and manifest lines. Now the second stops at
once (exit 2, one line naming the folder and what to do) and nothing is lost:
the folder holds exactly the posts its manifest lists.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import run_postkit
from postkit.batch.files import MANIFEST, OutputFolder
from postkit.batch.lock import LOCK_NAME
from postkit.errors import OutputError

ROWS = 1000


def write_rows(folder: Path, count: int = ROWS, prefix: str = "p") -> Path:
    rows = folder / f"rows-{prefix}.csv"
    lines = ["topic,id,seed"] + [f"generative ai,{prefix}{n},{n}" for n in range(count)]
    rows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


def start(rows: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "postkit", "batch", str(rows), "-o", str(out), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr.decode("utf-8")


def posts_in(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name != MANIFEST)


def manifest_of(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / MANIFEST).read_text("utf-8").splitlines()]


def wait_for_a_line(out: Path, process: subprocess.Popen[bytes]) -> None:
    """Until the batch has written a post: it holds the folder now."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        manifest = out / MANIFEST
        if manifest.exists() and manifest.read_bytes().count(b"\n") >= 1:
            return
        time.sleep(0.005)
    pytest.fail(f"the first batch wrote nothing (exit {process.poll()})")


def assert_refused(code: int, stderr: str, out: Path) -> None:
    assert code == 2, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"postkit: error: {out}: another postkit batch"), stderr
    assert "wait for it to finish, or give another -o" in lines[0]


def assert_nothing_lost(out: Path, rows: int) -> None:
    """Every post once, each listed once in the manifest, nothing else left behind."""
    entries = manifest_of(out)
    assert [e["row"] for e in entries] == list(range(1, rows + 1))
    assert sorted(str(e["file"]) for e in entries) == posts_in(out)
    assert len(posts_in(out)) == rows


@pytest.mark.parametrize("ids", ["same", "different"])
def test_a_second_batch_into_a_busy_folder_stops_with_one_line(tmp_path: Path, ids: str) -> None:
    first_rows = write_rows(tmp_path)
    second_rows = first_rows if ids == "same" else write_rows(tmp_path, prefix="q")
    out = tmp_path / "out"
    first = start(first_rows, out)
    wait_for_a_line(out, first)
    code, stderr = finish(start(second_rows, out))
    assert first.poll() is None, "the first batch ended before the second tried"
    assert_refused(code, stderr, out)
    first_code, first_err = finish(first)
    assert first_code == 0, first_err
    assert f"{ROWS} posts written" in first_err
    assert_nothing_lost(out, ROWS)
    assert not (out / LOCK_NAME).exists()  # released, and removed, at the end


def test_two_batches_started_together_lose_no_post(tmp_path: Path) -> None:
    """Started at the same instant: whichever locks first writes, the other stops."""
    rows = write_rows(tmp_path)
    out = tmp_path / "out"
    both = [start(rows, out), start(rows, out)]
    results = [finish(process) for process in both]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    loser = next(stderr for code, stderr in results if code == 2)
    assert_refused(2, loser, out)
    assert_nothing_lost(out, ROWS)


def test_two_resumes_at_once_keep_every_manifest_line(tmp_path: Path) -> None:
    rows = write_rows(tmp_path)
    out = tmp_path / "out"
    killed = start(rows, out, "--skip-existing")
    wait_for_a_line(out, killed)
    killed.kill()  # kill -9: the lock goes with the process, its file stays
    killed.communicate(timeout=10)
    both = [start(rows, out, "--skip-existing"), start(rows, out, "--skip-existing")]
    results = [finish(process) for process in both]
    assert sorted(code for code, _ in results) == [0, 2], results
    assert_nothing_lost(out, ROWS)
    assert all(e["status"] in ("ok", "skipped") for e in manifest_of(out))


def test_a_lock_left_by_kill_9_does_not_stop_the_next_batch(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).write_text("999999\n", encoding="utf-8")  # its process is gone
    rows = write_rows(tmp_path, 3)
    result = run_postkit("batch", str(rows), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert_nothing_lost(out, 3)
    assert not (out / LOCK_NAME).exists()


def test_the_library_refuses_a_second_output_folder_on_the_same_path(tmp_path: Path) -> None:
    with OutputFolder(tmp_path) as folder:
        folder.commit({"row": 1}, "a.txt", "a post\n")
        with pytest.raises(OutputError, match="another postkit batch"), OutputFolder(tmp_path):
            pass
        assert (tmp_path / "a.txt").exists()  # the refused one removed and truncated nothing
        assert (tmp_path / MANIFEST).read_text("utf-8") == '{"row": 1}\n'
    with OutputFolder(tmp_path):  # free again
        pass


def test_each_manifest_line_is_one_append(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """O_APPEND and one write() per whole line: lines never interleave or tear."""
    writes: list[tuple[int, bytes]] = []
    real_write = os.write

    def recording_write(descriptor: int, data: bytes | memoryview) -> int:
        writes.append((descriptor, bytes(data)))
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", recording_write)  # the one os module, files.py too
    with OutputFolder(tmp_path) as folder:
        for row in range(1, 4):
            folder.record({"row": row, "topic": "🚀" * row})
        manifest = (tmp_path / MANIFEST).stat()
        into_manifest = {d for d, _ in writes if os.path.samestat(os.fstat(d), manifest)}
        assert len(into_manifest) == 1  # one descriptor, opened for appending
        (descriptor,) = into_manifest
        assert fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_APPEND
    manifest_writes = [data for d, data in writes if d == descriptor]
    assert len(manifest_writes) == 3
    assert all(data.endswith(b"\n") and data.count(b"\n") == 1 for data in manifest_writes)
    assert b"".join(manifest_writes) == (tmp_path / MANIFEST).read_bytes()
