"""One step of a user template that outruns its budget inside C still ends the command.

The budget's timer (render/bounds.py) acts between two steps of the
interpreter. Lists built from shared references (``p2 = [p1] * 100000`` is
100,000 references to one list, within the size checks) make a single C call
of 10**15 comparisons, or one hash of 10**15 items: ``p3 == q3``, ``|sort``,
``in``, ``|unique``, ``.count()``. Before the watchdog each ran for hours; now
the command's supervisor (render/watchdog.py) ends it once the budget and its
grace are over, with one ``postkit: error:`` line naming the template and
exit 2, in ``draft`` and in ``batch`` (one process or workers), keeping the
posts already written and leaving no process behind.

The other half shows that a normal run is as it was: the same post, the same
exit codes and signals, nothing forked without user templates, and a library
caller's process never forked (its last resort is a CPU limit).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.terminal import Tmux, postkit_command
from postkit.batch.files import MANIFEST
from postkit.render.bounds import BUDGET_SECONDS
from postkit.render.watchdog import CPU_SLACK_SECONDS, GRACE_SECONDS

# The budget, its grace, and a few seconds to start, notice and stop.
LIMIT = BUDGET_SECONDS + GRACE_SECONDS + 3
WAIT = 40.0  # how long a test waits before it calls the command hung

# Three levels of lists sharing references: p3 and q3 are equal and distinct all
# the way down, so comparing them compares 10**15 zeros in one call.
LISTS = (
    "{% set p1 = [0] * 100000 %}{% set q1 = [0] * 100000 %}"
    "{% set p2 = [p1] * 100000 %}{% set q2 = [q1] * 100000 %}"
    "{% set p3 = [p2] * 100000 %}{% set q3 = [q2] * 100000 %}"
)
TUPLES = "{% set t1 = (0,) * 100000 %}{% set t2 = (t1,) * 100000 %}{% set t3 = (t2,) * 100000 %}"
STUCK = {
    "compare": LISTS + "{{ p3 == q3 }}",
    "sort": LISTS + "{{ [p3, q3] | sort | length }}",
    "contains": LISTS + "{{ p3 in [q3] }}",
    "unique-hash": TUPLES + "{{ [t3] | unique | list | length }}",
    "count-method": LISTS + "{{ p3.count(q2) }}",
}


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    left: list[int]  # processes of the command still alive after it ended


def run_command(*args: str) -> Run:
    """``python -m postkit ARGS`` in its own process group: how it ended, and what it left."""
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "postkit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        process_group=0,
    )
    try:
        out, err = process.communicate(timeout=WAIT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"postkit {' '.join(args[:2])} was still running after {WAIT:g} s")
    seconds = time.monotonic() - start
    left = group_members(process.pid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return Run(process.returncode, out.decode(), err.decode(), seconds, left)


def group_members(group: int) -> list[int]:
    """Live processes in a process group (zombies are dead already)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_bytes()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        if int(fields[2]) == group and fields[0] != b"Z":
            found.append(int(entry.name))
    return found


def intro(folder: Path, source: str) -> Path:
    """A template folder whose linkedin intro.j2 is ``source`` (the rest is built in)."""
    path = folder / "linkedin" / "intro.j2"
    path.parent.mkdir(parents=True)
    path.write_text(source + "\n", encoding="utf-8")
    return path


def assert_stopped(run: Run, template: Path) -> None:
    assert run.seconds <= LIMIT, f"took {run.seconds:.1f} s"
    assert run.code == 2, (run.code, run.stderr[-500:])
    assert run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith(f"postkit: error: {template}: template too costly"), run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert run.left == []


@pytest.mark.slow
@pytest.mark.parametrize("name", list(STUCK))
def test_a_step_stuck_in_c_ends_the_draft_in_one_line(tmp_path: Path, name: str) -> None:
    template = intro(tmp_path / "T", STUCK[name])
    run = run_command("draft", "generative ai", "--template-dir", str(tmp_path / "T"))
    assert_stopped(run, template)
    assert run.stdout == ""


def batch_setup(home: Path, tmp_path: Path, topics: list[str], stuck: str) -> tuple[Path, Path]:
    """Rows of topics; the config's template folder sticks on the topic titled ``stuck``."""
    source = f"{{% if topic.title == {stuck!r} %}}{STUCK['compare']}{{% endif %}}"
    template = intro(tmp_path / "T", source + "{{ topic.summary }}")
    (home / "config.toml").write_text(
        f"template_dirs = [{json.dumps(str(tmp_path / 'T'))}]\n", encoding="utf-8"
    )
    rows = tmp_path / "rows.csv"
    lines = ["topic,id", *(f"{topic},r{number}" for number, topic in enumerate(topics, 1))]
    rows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows, template


def written(out: Path) -> list[dict[str, object]]:
    """The manifest's entries, each of whose files must be there, whole."""
    entries = [json.loads(line) for line in (out / MANIFEST).read_text("utf-8").splitlines()]
    for entry in entries:
        assert entry["status"] == "ok"
        assert (out / str(entry["file"])).read_text("utf-8").strip()
    return entries


@pytest.mark.slow
def test_a_stuck_row_ends_a_one_process_batch_keeping_the_posts_before_it(
    isolated_user: Path, tmp_path: Path
) -> None:
    topics = ["agile", "devops", "kubernetes", "blockchain"]
    rows, template = batch_setup(isolated_user, tmp_path, topics, "Kubernetes")
    out = tmp_path / "out"
    run = run_command("batch", str(rows), "-o", str(out), "--jobs", "1")
    assert_stopped(run, template)
    assert [entry["row"] for entry in written(out)] == [1, 2]
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".txt") == ["r1.txt", "r2.txt"]


@pytest.mark.slow
def test_a_stuck_worker_ends_the_batch_in_one_line_keeping_the_posts_before_it(
    isolated_user: Path, tmp_path: Path
) -> None:
    """In a worker: the supervisor stops that worker, the batch names the template."""
    ordinary = ["agile", "devops", "blockchain", "cloud computing"]
    topics = [ordinary[number % 4] for number in range(240)]
    topics[39] = "kubernetes"  # row 40: the second chunk, in a worker
    rows, template = batch_setup(isolated_user, tmp_path, topics, "Kubernetes")
    out = tmp_path / "out"
    run = run_command("batch", str(rows), "-o", str(out), "--jobs", "2")
    assert_stopped(run, template)
    assert "the batch stopped there, keeping the posts it wrote" in run.stderr
    numbers = [entry["row"] for entry in written(out)]
    assert numbers == list(range(1, len(numbers) + 1))  # in order, none lost
    assert 1 <= len(numbers) < 40
    posts = [p for p in out.iterdir() if p.suffix == ".txt"]
    assert len(posts) == len(numbers)


# --- a normal run is as it was ----------------------------------------------------------


def test_the_progress_bar_moves_with_user_templates(
    isolated_user: Path, tmp_path: Path, tmux: Tmux
) -> None:
    """The supervisor forks before the bar: a fork later would leave the bar's thread behind."""
    total = 60
    slow = "{% for i in range(100000) %}{% endfor %}"  # a few rows a second
    rows, _ = batch_setup(isolated_user, tmp_path, ["agile"] * total, "none")
    intro_j2 = tmp_path / "T" / "linkedin" / "intro.j2"
    intro_j2.write_text(slow + "{{ pick([topic.summary, topic.title]) }}\n", encoding="utf-8")
    lines = ["topic,id,seed", *(f"agile,r{number},{number}" for number in range(total))]
    rows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = postkit_command("batch", str(rows), "-o", str(tmp_path / "out"), "--jobs", "1")
    tmux("new-session", "-d", "-s", "bar", "-x", "120", "-y", "20", f"{command}; sleep 60")
    seen: set[int] = set()
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and total not in seen:
        for line in tmux("capture-pane", "-p", "-t", "bar").splitlines():
            found = re.search(rf"drafting\D*?(\d+)/{total}", line)
            if found:
                seen.add(int(found[1]))
        time.sleep(0.1)
    assert total in seen, seen
    assert seen - {0, total}, f"the bar only showed {sorted(seen)}"


def test_user_templates_draft_the_same_post_through_the_supervisor(tmp_path: Path) -> None:
    ejected = subprocess.run(
        [sys.executable, "-m", "postkit", "templates", "eject", str(tmp_path / "T")],
        capture_output=True,
        check=True,
    )
    assert ejected.returncode == 0
    builtin = run_command("draft", "generative ai", "--seed", "3")
    user = run_command(
        "draft", "generative ai", "--seed", "3", "--template-dir", str(tmp_path / "T")
    )
    assert (user.code, user.stderr, user.left) == (0, "", [])
    assert user.stdout == builtin.stdout
    assert user.stdout.count("\n") > 5


def test_an_ordinary_template_error_keeps_its_line_and_exit_code(tmp_path: Path) -> None:
    template = intro(tmp_path / "T", "{{ nosuch }}")
    run = run_command("draft", "generative ai", "--template-dir", str(tmp_path / "T"))
    assert (run.code, run.stdout, run.left) == (2, "", [])
    assert run.stderr == f"postkit: error: {template}:1: undefined: 'nosuch' is undefined\n"


def test_a_signal_to_the_command_reaches_the_copy_that_drafts(tmp_path: Path) -> None:
    """SIGTERM to the process started ends the draft, which dies of it; nothing is left."""
    intro(
        tmp_path / "T",
        "{% for i in range(100000) %}{% for j in range(400) %}{% endfor %}{% endfor %}",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "postkit", "draft", "genai", "--template-dir", str(tmp_path / "T")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        process_group=0,
    )
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not children.read_text().split():
        time.sleep(0.02)  # the supervisor forks at the first budget
    assert children.read_text().split(), "no copy was forked to draft"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=20)
    assert process.returncode == -signal.SIGTERM, err
    assert group_members(process.pid) == []


def test_built_in_templates_never_load_the_watchdog() -> None:
    """Without user templates there is no budget: nothing to import, nothing forked."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "postkit", "draft", "generative ai"],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    imported = result.stderr.decode()
    assert "postkit.render.compose" in imported  # the log is the one wanted
    assert "postkit.render.watchdog" not in imported


LIBRARY = """
import os, sys
from pathlib import Path
from postkit import draft_post
from postkit.model import DraftOptions
pid = os.getpid()
options = DraftOptions(template_dirs=(Path(sys.argv[1]),))
try:
    draft_post("generative ai", options)
except Exception as exc:
    print(type(exc).__name__)
print(pid == os.getpid(), len(os.listdir(f"/proc/{pid}/task")))
"""


def test_a_library_caller_is_never_forked(tmp_path: Path) -> None:
    intro(tmp_path / "T", "{{ nosuch }}")
    result = subprocess.run(
        [sys.executable, "-c", LIBRARY, str(tmp_path / "T")],
        capture_output=True,
        check=False,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().split() == ["TemplateError", "True", "1"]


@pytest.mark.slow
def test_a_library_caller_stuck_in_c_is_ended_by_its_cpu_limit(tmp_path: Path) -> None:
    """The last resort, where nothing supervises: RLIMIT_CPU and SIGXCPU's default action."""
    intro(tmp_path / "T", STUCK["compare"])
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", LIBRARY, str(tmp_path / "T")],
        capture_output=True,
        check=False,
        timeout=90,  # CPU seconds come slower than wall seconds on a busy machine
        cwd=tmp_path,  # a core file, if the system keeps them, lands here
    )
    assert result.returncode == -signal.SIGXCPU, result.stderr[-500:]
    cpu_limit = BUDGET_SECONDS + GRACE_SECONDS + 1 + CPU_SLACK_SECONDS
    assert time.monotonic() - start >= cpu_limit - 1  # not before its time either


def slow_section(repeats: int) -> str:
    """A section that loops 100,000 × ``repeats`` steps, none of them long."""
    return (
        "{% set ns = namespace(n=0) %}{% for i in range(100000) %}"
        f"{{% for j in range({repeats}) %}}{{% set ns.n = ns.n + j %}}{{% endfor %}}"
        "{% endfor %}{{ ns.n % 10 }}"
    )


@pytest.mark.slow
def test_slow_sections_share_one_budget_for_the_post(tmp_path: Path) -> None:
    # Calibrated on this machine: one such section alone ends well inside the
    # budget, so only their sum can outrun it.
    repeats, alone = 1, 0.0
    while True:
        intro(tmp_path / f"one-{repeats}", slow_section(repeats))
        run = run_command(
            "draft", "genai", "-s", "1", "--template-dir", str(tmp_path / f"one-{repeats}")
        )
        assert run.code == 0, run.stderr
        alone = run.seconds
        if alone >= BUDGET_SECONDS / 4 or repeats >= 64:
            break
        repeats *= 2
    assert alone < BUDGET_SECONDS, f"one section alone took {alone:.1f} s"
    folder = tmp_path / "T" / "linkedin"
    folder.mkdir(parents=True)
    sections = ("intro", "explanation", "examples", "tips", "link", "cta", "hashtags")
    for name in sections:  # seven sections of at least a quarter of the budget each
        (folder / f"{name}.j2").write_text(slow_section(repeats) + "\n", encoding="utf-8")
    run = run_command("draft", "genai", "-s", "1", "--template-dir", str(tmp_path / "T"))
    assert run.code == 2, (run.code, run.stderr[-500:])
    assert "template too costly" in run.stderr and f"took over {BUDGET_SECONDS:g} s" in run.stderr
    assert run.stderr.count("\n") == 1, run.stderr
    assert run.seconds <= LIMIT, f"took {run.seconds:.1f} s"  # not 7 × a section
