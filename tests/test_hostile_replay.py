"""The hostile corpus replay stays alive and finds nothing: ``benchmarks/hostile.py --quick``.

The whole corpus (over 2,000 cases, minutes on two cores) is run by hand before a
release; CI runs its stratified sample of about 100 cases, every family included,
so that the script keeps working as postkit changes and a regression in any
family (a traceback, a wrong exit code, a hang, memory, a write outside the output
folder, a lost post) fails here. The script's own judges are tested too: a replay
that could not see a traceback or a lost post would report zero for nothing.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from helpers import REPO

SCRIPT = REPO / "benchmarks" / "hostile.py"
KINDS = (
    "tracebacks", "wrong_exit", "hangs", "memory", "outside", "lost", "leaks", "cache", "harness",
)  # fmt: skip
FAMILIES = {
    "arguments", "batch", "concurrency", "config", "environment", "help", "inputs",
    "interrupts", "library", "streams", "templates",
}  # fmt: skip


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile"] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_quick_replay_finds_nothing(tmp_path: Path) -> None:
    report = tmp_path / "hostile.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--report", str(report)],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert report.exists(), done.stderr[-3000:]
    data = json.loads(report.read_text("utf-8"))
    totals = data["totals"]
    failing = [case for case in data["cases"] if case["problems"]]
    assert {kind: totals[kind] for kind in KINDS} == dict.fromkeys(KINDS, 0), json.dumps(
        failing[:10], indent=1
    )[:8000]
    assert done.returncode == 0, done.stdout[-3000:]
    assert 90 <= totals["cases"] <= 120
    assert {case["family"] for case in data["cases"]} == FAMILIES  # a stratified sample


def test_the_corpus_is_large_and_reproducible() -> None:
    hostile = load_script()
    cases = hostile.corpus(22)
    assert len(cases) >= 1000
    assert [case.name for case in cases] == [case.name for case in hostile.corpus(22)]
    assert {case.family for case in cases} == FAMILIES
    commands = Counter(case.command for case in cases)
    for command in ("draft", "check", "thread", "batch", "fix", "topics", "templates", "config"):
        assert commands[command] >= 10, commands


@pytest.mark.parametrize(
    ("code", "stderr", "broken"),
    [
        (2, "postkit: error: genai: no such topic\n", False),
        (2, "postkit: error: no such option: --x\npostkit: try 'postkit draft --help'\n", False),
        (1, "postkit: rows.csv:2: row 1: bad\npostkit: 1 posts, 1 failed, 0 skipped\n", False),
        (0, "", False),
        (2, "Traceback (most recent call last):\n  File 'x'\nOSError: boom\n", True),
        (2, "postkit: internal error: RecursionError: deep\n", True),
        (2, "postkit: error: gone\nfile.md: no such file\n", True),  # a name's newline
        (2, "postkit: error: one\npostkit: error: two\n", True),
        (2, "", True),
        (0, "postkit: error: but exit 0\n", True),
        (120, "Exception ignored in: <_io.TextIOWrapper name='<stdout>'>\n", True),
    ],
)
def test_the_replay_sees_a_broken_stderr_contract(code: int, stderr: str, broken: bool) -> None:
    hostile = load_script()
    assert (hostile.stderr_problem(code, stderr, free=False) is not None) is broken


def test_the_replay_sees_each_broken_promise(monkeypatch: pytest.MonkeyPatch) -> None:
    """Misbehaving commands run through the replay's own machinery are each counted."""
    hostile = load_script()
    monkeypatch.setattr(hostile, "HANG_SECONDS", 2.0)
    root = Path(tempfile.mkdtemp(prefix="hostile-judges-"))
    try:
        folders = hostile.Folders(root, root / "fixtures", False)
        (root / "fixtures").mkdir()
        one = hostile.one
        cases = {
            "hangs": one("t", "slow", shell="sleep 5"),
            "memory": one("t", "big", shell=f"{sys.executable} -c 'b = bytearray(400 << 20)'"),
            "outside": one("t", "stray", shell="echo x > ../../sentinel/new; touch ../home/x"),
            "leaks": one("t", "leak", shell="cat ../../sentinel/secret.md"),
            "wrong_exit": one("t", "exit", shell="exit 3"),
            "tracebacks": one("t", "trace", shell="echo 'Traceback (most recent call last)' >&2"),
            "lost": one(
                "t",
                "lost",
                shell="mkdir out && echo post > out/a.txt",
                out="out",
                allowed=["work/out/"],
                posts=["row:1"],
            ),
        }
        left = one("t", "left", shell="sleep 30 & exit 0")
        for kind, case in cases.items():
            result = hostile.run_case(case, folders)
            assert result.count(kind) >= 1, (kind, result.problems)
        assert hostile.run_case(left, folders).count("hangs") == 1
    finally:
        hostile.remove_tree(root)


def test_the_replay_sees_a_lost_post(tmp_path: Path) -> None:
    hostile = load_script()
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text("post a\n", "utf-8")
    (out / "orphan.txt").write_text("a post the manifest forgot\n", "utf-8")
    lines = [
        {"row": 1, "id": "a", "status": "ok", "file": "a.txt"},
        {"row": 2, "id": "b", "status": "ok", "file": "b.txt"},  # listed, never written
    ]
    (out / "manifest.jsonl").write_text("".join(json.dumps(e) + "\n" for e in lines), "utf-8")
    case = hostile.Case("t/t", "t", (), ((hostile.Run(),),))
    result = hostile.CaseResult(case)
    owed = hostile.check_folder(out, Counter(["row:1", "row:2", "row:3"]), result)
    assert owed == Counter(["row:2", "row:3"])
    details = [detail for kind, detail in result.problems if kind == "lost"]
    assert any("'b.txt'" in d for d in details) and any("'orphan.txt'" in d for d in details)
