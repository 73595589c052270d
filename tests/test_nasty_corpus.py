"""Every command survives every file of the nasty corpus (tests/data/nasty).

The promise under test, for ``draft --from``, ``check``, ``fix`` and ``batch``:
the run ends with exit 0, 1 or 2; exit 2 comes with exactly one line on stderr;
there is never a traceback or an "internal error"; what is written (stdout, and
the files of ``batch -o``) is valid UTF-8; and each run takes seconds, not
minutes. The whole corpus goes through each command in-process (CliRunner);
one file of each family (two commands each), the 20 MB files and a batch of every page also go
through real processes, where pipes and exit codes are the operating system's.
"""

from __future__ import annotations

import concurrent.futures
import functools
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from helpers import DATA, run_postkit
from postkit.cli import app

NASTY = DATA / "nasty"
SECONDS = 10.0  # per run; the slowest file takes well under 2 s on one core
runner = CliRunner()


GENERATOR = "make_nasty_corpus.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_nasty_corpus", NASTY / GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CORPUS = sorted(p for p in NASTY.iterdir() if p.name != "make_nasty_corpus.py" and p.is_file())
FAMILIES = sorted({p.name.split("-")[0] for p in CORPUS})


def args_for(command: str, path: Path, out: Path) -> list[str]:
    return {
        "draft": ["draft", "--from", str(path), "--seed", "1"],
        "check": ["check", str(path)],
        "fix": ["fix", str(path)],
        "batch": ["batch", str(path), "-o", str(out)],
    }[command]


def problems_with(code: int, out: bytes, err: str, elapsed: float, written: Path) -> list[str]:
    """What breaks the promise, in words; empty when the run kept it."""
    found = []
    if code not in (0, 1, 2):
        found.append(f"exit {code}")
    if "Traceback" in err or "internal error" in err:
        found.append(f"crashed: {err[-300:]!r}")
    if code == 2 and (err.count("\n") != 1 or not err.startswith("postkit: error: ")):
        found.append(f"exit 2 without one error line: {err[:300]!r}")
    try:
        out.decode("utf-8")
    except UnicodeDecodeError as exc:
        found.append(f"stdout is not UTF-8: {exc}")
    if elapsed > SECONDS:
        found.append(f"took {elapsed:.1f} s")
    if written.is_dir():
        for file in written.iterdir():
            if file.name.startswith(".") or file.name.endswith(".postkit-tmp"):
                found.append(f"left a temporary file {file.name}")
            try:
                file.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                found.append(f"wrote {file.name}, which is not UTF-8")
    return found


def test_the_corpus_is_big_and_is_what_the_generator_writes() -> None:
    files = _generator().corpus()
    assert len(files) >= 300
    assert sorted(files) == [p.name for p in CORPUS], "run tests/data/nasty/make_nasty_corpus.py"
    changed = [name for name, data in files.items() if (NASTY / name).read_bytes() != data]
    assert not changed, f"stale corpus files {changed[:5]}; run tests/data/nasty/{GENERATOR}"


def test_the_corpus_has_every_kind_of_nasty_input() -> None:
    names = {p.name for p in CORPUS}
    for family in ("bytes", "badutf8", "bom", "eol", "nul", "empty", "surrogate", "combining",
                   "nest", "yaml", "csv", "jsonl", "huge", "odd"):  # fmt: skip
        assert any(n.startswith(family + "-") for n in names), family
    for name in ("bom-utf16le-md.md", "bom-utf16be-md.md", "yaml-fm-laughs.md",
                 "yaml-fm-system.md", "csv-newline-in-cell.csv", "combining-title.md"):  # fmt: skip
        assert name in names, name
    assert "\u0301" * 10_000 in (NASTY / "combining-title.md").read_text("utf-8")


# What each command is given: pages to draft, posts to check, both to fix, rows
# to batch. Every family has files of every suffix, so every kind of nasty input
# reaches every command (and each family reaches two in real processes, below).
SUFFIXES = {
    "draft": {".md"},
    "check": {".txt"},
    "fix": {".md", ".txt"},
    "batch": {".csv", ".jsonl", ".yaml"},
}


@pytest.mark.parametrize("command", ["draft", "check", "fix", "batch"])
def test_every_corpus_file_in_process(command: str, tmp_path: Path) -> None:
    failures = []
    files = [path for path in CORPUS if path.suffix in SUFFIXES[command]]
    assert len(files) > 80
    for number, path in enumerate(files):
        out = tmp_path / f"out{number}"
        start = time.perf_counter()
        result = runner.invoke(app, args_for(command, path, out))
        elapsed = time.perf_counter() - start
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures.append(f"{path.name}: raised {result.exception!r}")
            continue
        found = problems_with(result.exit_code, result.stdout_bytes, result.stderr, elapsed, out)
        failures.extend(f"{path.name}: {problem}" for problem in found)
    assert not failures, "\n".join(failures)


def test_hostile_yaml_is_refused_and_never_run(tmp_path: Path) -> None:
    """Python tags and alias bombs, in front matter and in batch files: exit 2, nothing runs."""
    marker = Path("/tmp/postkit-pwned")  # what the corpus's os.system and Popen would create
    marker.unlink(missing_ok=True)
    hostile = ("system", "popen", "new", "name", "module", "object", "laughs", "self-ref")
    checked = 0
    for path in sorted(NASTY.glob("yaml-*")):
        if path.suffix == ".md":
            args = ["draft", "--from", str(path)]
        else:
            args = ["batch", str(path), "-o", str(tmp_path / path.stem)]
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1, 2), path.name
        if path.stem.rsplit("-", 1)[-1] in hostile:
            checked += 1
            assert result.exit_code == 2, (path.name, result.stdout)
            assert result.stderr.count("\n") == 1, (path.name, result.stderr)
            assert result.stdout == "", path.name
    assert checked >= 3 * 6
    assert not marker.exists()


def _sample() -> list[Path]:
    """One file of each family: the first in name order (deterministic)."""
    return [next(p for p in CORPUS if p.name.startswith(f + "-")) for f in FAMILIES]


def _run_process(command: str, path: Path, out: Path) -> list[str]:
    start = time.perf_counter()
    result = run_postkit(*args_for(command, path, out), timeout=60)
    elapsed = time.perf_counter() - start
    err = result.stderr.decode("utf-8", "replace")
    found = problems_with(result.returncode, result.stdout, err, elapsed, out)
    return [f"{command} {path.name}: {problem}" for problem in found]


def _in_parallel(jobs: list[Callable[[], list[str]]]) -> list[str]:
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return [problem for found in pool.map(lambda job: job(), jobs) for problem in found]


def test_files_of_each_family_in_real_processes(tmp_path: Path) -> None:
    jobs: list[Callable[[], list[str]]] = []
    commands = ("draft", "check", "fix", "batch")
    for number, path in enumerate(_sample()):
        for command in (commands[number % 4], commands[(number + 1) % 4]):  # two each, in turn
            out = tmp_path / f"{command}{number}"
            jobs.append(functools.partial(_run_process, command, path, out))
    assert len(jobs) >= 2 * 14
    failures = _in_parallel(jobs)
    assert not failures, "\n".join(failures)


def test_a_batch_of_every_corpus_page_in_one_process(tmp_path: Path) -> None:
    """Rows whose pages are the corpus: bad pages fail alone (exit 1), files stay UTF-8."""
    pages = [p for p in CORPUS if p.suffix in (".md", ".txt")]
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        "".join(json.dumps({"from": str(p), "id": p.stem}) + "\n" for p in pages),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    start = time.perf_counter()
    # The corpus lies outside the rows' folder: reading it must be allowed.
    result = run_postkit("batch", str(rows), "-o", str(out), "--allow-any-path", timeout=120)
    elapsed = time.perf_counter() - start
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1, err[-500:]  # some pages are bad, many are fine
    assert "Traceback" not in err and "internal error" not in err
    assert elapsed < 60
    written = [p for p in out.iterdir() if p.name != "manifest.jsonl"]
    assert 50 < len(written) < len(pages)
    for file in written:
        file.read_bytes().decode("utf-8")
        assert not file.name.startswith(".")
    manifest = [
        json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()
    ]
    assert len(manifest) == len(pages)
    assert sorted(e["file"] for e in manifest if e["status"] == "ok") == sorted(
        p.name for p in written
    )


@pytest.fixture(scope="module")
def twenty_mb(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """20 MB of a page, of a post, of one CSV cell and of one JSON line."""
    corpus = _generator()
    folder = tmp_path_factory.mktemp("twenty-mb")
    size = 20 * 1000 * 1000
    files = {
        "md": (corpus.PAGE, ".md"),
        "txt": (corpus.POST, ".txt"),
    }
    paths = {}
    for key, (unit, suffix) in files.items():
        path = folder / f"big{suffix}"
        path.write_text(unit * (size // len(unit.encode()) + 1), encoding="utf-8")
        paths[key] = path
    paths["csv"] = folder / "big.csv"
    paths["csv"].write_text('topic,cta\ngenai,"' + "y\n" * (size // 2) + '"\n', encoding="utf-8")
    paths["jsonl"] = folder / "big.jsonl"
    paths["jsonl"].write_text('{"topic": "genai", "cta": "' + "z" * size + '"}\n', encoding="utf-8")
    assert all(p.stat().st_size >= size for p in paths.values())
    return paths


@pytest.mark.parametrize(
    ("command", "key", "says"),
    [
        ("draft", "md", "larger than 2 MiB"),
        ("check", "txt", "larger than 1 MiB"),
        ("fix", "txt", None),  # fix streams: a 20 MB file is repaired, in seconds
        ("batch", "csv", "field larger than field limit"),
        ("batch", "jsonl", None),
    ],
)
def test_twenty_megabytes(
    command: str, key: str, says: str | None, twenty_mb: dict[str, Path], tmp_path: Path
) -> None:
    path = twenty_mb[key]
    out = tmp_path / "out"
    start = time.perf_counter()
    result = run_postkit(*args_for(command, path, out), timeout=120)
    elapsed = time.perf_counter() - start
    err = result.stderr.decode("utf-8")
    assert not problems_with(result.returncode, result.stdout, err, elapsed * 0.5, out)
    assert elapsed < 30, f"{elapsed:.1f} s"
    if says is not None:
        assert result.returncode == 2 and says in err, err
    else:
        assert result.returncode in (0, 1), err
    if command == "fix":
        assert len(result.stdout) >= 20 * 1000 * 1000


# Output that cannot be written. We run as root in CI, and root ignores chmod 555,
# so an unwritable folder is /sys (sysfs refuses new files even to root), a folder
# that cannot be made is one under /sys, and a full disk is RLIMIT_FSIZE (writes
# past the limit fail with EFBIG as they would with ENOSPC; Python ignores
# SIGXFSZ) or /dev/full for stdout.
ROWS = "topic\ngenai\nkubernetes\n"


def _unwritable_folder() -> Path:
    folder = Path("/sys")
    probe = folder / "postkit-probe"
    try:
        probe.write_text("x", encoding="utf-8")
    except OSError:
        return folder
    probe.unlink()
    pytest.fail("/sys accepted a file; this test needs a folder no one may write")


@pytest.mark.parametrize("where", ["existing", "new"])
def test_batch_into_an_unwritable_folder_exits_2(tmp_path: Path, where: str) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(ROWS, encoding="utf-8")
    folder = _unwritable_folder()
    out = folder if where == "existing" else folder / "postkit-out"
    result = run_postkit("batch", str(rows), "-o", str(out))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert err.count("\n") == 1 and err.startswith("postkit: error: ") and str(out) in err
    assert "cannot" in err and "Traceback" not in err


def test_batch_onto_a_full_disk_exits_2_and_leaves_no_partial_file(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(ROWS, encoding="utf-8")
    out = tmp_path / "out"

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300))  # a post is larger

    result = subprocess.run(
        [sys.executable, "-m", "postkit", "batch", str(rows), "-o", str(out)],
        capture_output=True,
        preexec_fn=small_disk,
        # The file-size limit would also cut any .pyc the child wrote for a changed
        # source, leaving every later import to fail with "marshal data too short".
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
        check=False,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert err.count("\n") == 1 and "cannot write" in err and "Traceback" not in err
    left = sorted(p.name for p in out.iterdir())
    assert left in ([], ["manifest.jsonl"]), left  # no half post, no temporary file
    for path in out.iterdir():
        path.read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["draft", "genai"],
        ["draft", "genai", "--format", "json"],
        ["fix", "ROWS"],
        ["check", "ROWS"],
        ["batch", "ROWS", "--format", "jsonl"],
    ],
)
def test_stdout_on_a_full_device_exits_2(tmp_path: Path, args: list[str]) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(ROWS, encoding="utf-8")
    args = [str(rows) if arg == "ROWS" else arg for arg in args]
    with Path("/dev/full").open("wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "postkit", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert err == "postkit: error: cannot write the output (No space left on device); "\
        "is the disk full?\n"  # fmt: skip
