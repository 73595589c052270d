"""Bounded reads: endless, huge and special files end in one line, in seconds, in little memory.

Every case runs the real command in a fresh process and measures its peak
memory (the largest process, workers included) against the ceiling the README
promises. Before these bounds, ``POSTKIT_CONFIG=/dev/zero`` took 9-21 GB,
``batch - < /dev/zero`` spooled without end, a FIFO named by a row hung the
batch for ever, and a 65 MB one-line input took 2.9 GB.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from postkit.batch.inputs import MAX_ROW_CHARS, MAX_SPOOL_BYTES

CEILING_KIB = 300 * 1024  # the README's memory ceiling, per process
SECONDS = 20  # each case ends well within this; a hang is killed at HANG_SECONDS
HANG_SECONDS = 60

# Runs a shell command and reports its exit code, stderr, time and the peak RSS
# of its largest process. A small process must start it: Linux carries a parent's
# high-water mark into a forked child's ru_maxrss, so pytest's own size would show.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(["bash", "-c", sys.argv[1]], stdout=subprocess.DEVNULL,
                      stderr=subprocess.PIPE)
print(json.dumps({"code": done.returncode, "stderr": done.stderr.decode("utf-8", "replace"),
                  "seconds": time.monotonic() - start,
                  "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


@dataclass
class Run:
    code: int
    stderr: str
    seconds: float
    peak_kib: int

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def measured(command: str, *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """``command`` (a shell line; ``$POSTKIT`` runs postkit) run and measured."""
    full_env = {**os.environ, "POSTKIT": f"{sys.executable} -m postkit", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-c", MEASURE, command],
        cwd=cwd, env=full_env, stdout=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        stdout, _ = process.communicate(timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the whole group: bash, postkit, its workers
        process.communicate()
        pytest.fail(f"{command!r} still ran after {HANG_SECONDS} s")
    return Run(**json.loads(stdout))


def assert_bounded(run: Run) -> None:
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert run.seconds < SECONDS, f"{run.seconds:.1f} s"
    assert 0 < run.peak_kib < CEILING_KIB, f"peak RSS {run.peak_kib // 1024} MiB"
    assert all(len(line) < 500 for line in run.lines), run.stderr[:1000]


def assert_one_error(run: Run, *says: str) -> None:
    assert run.code == 2, run.stderr
    assert len(run.lines) == 1 and run.lines[0].startswith("postkit: error: "), run.stderr
    for words in says:
        assert words in run.lines[0], run.stderr
    assert_bounded(run)


# --- the config file -------------------------------------------------------------------

COMMANDS = [
    "$POSTKIT draft 'generative ai'",
    "$POSTKIT topics list",
    "printf 'genai\\n' | $POSTKIT batch - --format jsonl",
    "$POSTKIT config show",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_config_from_dev_zero_is_refused_at_once(command: str, tmp_path: Path) -> None:
    run = measured(command, cwd=tmp_path, env={"POSTKIT_CONFIG": "/dev/zero"})
    assert_one_error(run, "/dev/zero: a device, not a regular file")


def test_a_huge_config_file_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "config.toml"
    with huge.open("wb") as file:
        file.truncate(4 * 1024**3)  # 4 GiB, sparse: reading it whole would take 4 GiB
    run = measured(COMMANDS[0], cwd=tmp_path, env={"POSTKIT_CONFIG": str(huge)})
    assert_one_error(run, f"{huge}: larger than 256 KiB")


def test_a_fifo_as_config_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)  # nobody writes to it: opening it to read would wait for ever
    run = measured(COMMANDS[0], cwd=tmp_path, env={"POSTKIT_CONFIG": str(fifo)})
    assert_one_error(run, "a pipe (FIFO), not a regular file")


# --- batch input ---------------------------------------------------------------------------


def test_an_endless_stdin_is_refused_at_the_spool_bound(tmp_path: Path) -> None:
    # head -c keeps the test finite even if the bound were gone.
    size = MAX_SPOOL_BYTES + 64 * 1024 * 1024
    run = measured(f"head -c {size} /dev/zero | $POSTKIT batch - --format jsonl", cwd=tmp_path)
    assert_one_error(run, "<stdin>: more than 128 MiB of rows", "save them to a file")


def test_a_device_named_as_input_is_bounded_too(tmp_path: Path) -> None:
    run = measured("$POSTKIT batch /dev/zero --input-format lines --format jsonl", cwd=tmp_path)
    assert_one_error(run, "/dev/zero: more than 128 MiB of rows")


def test_a_pipe_named_as_input_is_read_once(tmp_path: Path) -> None:
    run = measured(
        "$POSTKIT batch <(printf 'topic\\ngenai\\nkubernetes\\n') --input-format csv -f jsonl",
        cwd=tmp_path,
    )
    assert run.code == 0, run.stderr
    assert run.lines == ["postkit: 2 posts, 0 failed, 0 skipped"]
    assert_bounded(run)


def test_a_65_mb_line_fails_its_row_in_little_memory(tmp_path: Path) -> None:
    big = tmp_path / "topics.txt"
    with big.open("w", encoding="utf-8") as file:
        file.write("a" * (65 * 1024 * 1024) + "\nkubernetes\n")
    run = measured(f"$POSTKIT batch {big} --input-format lines -f jsonl", cwd=tmp_path)
    assert run.code == 1, run.stderr
    assert run.lines == [
        f"postkit: {big}:1: row 1: longer than {MAX_ROW_CHARS:,} characters; "
        "a row is a topic and a few settings",
        "postkit: 1 posts, 1 failed, 0 skipped",  # the row after it is drafted
    ]
    assert_bounded(run)


def test_a_huge_json_line_fails_its_row_and_the_batch_goes_on(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        json.dumps({"topic": "genai", "cta": "z" * 20_000_000})
        + "\n"
        + json.dumps({"topic": "genai", "cta": "z" * (MAX_ROW_CHARS - 100)})  # fits the row
        + '\n{"topic": "kubernetes"}\n',
        encoding="utf-8",
    )
    run = measured(f"$POSTKIT batch {rows} -o {tmp_path / 'out'}", cwd=tmp_path)
    assert run.code == 1, run.stderr
    assert run.lines[0].startswith(f"postkit: {rows}:1: row 1: longer than")
    assert run.lines[1].startswith(f"postkit: {rows}:2: row 2: cta: String should have at most")
    assert run.lines[2] == f"postkit: 1 posts written to {tmp_path / 'out'}, 2 failed, 0 skipped"
    assert_bounded(run)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # Quoted CSV cells may span lines (each under csv's own 128 KiB limit):
        # a record past the bound stops the batch.
        ("rows.csv", "topic,cta\ngenai," + ",".join(['"' + "y\n" * 50_000 + '"'] * 3) + "\n"),
        ("rows.yaml", "- topic: genai\n  cta: >\n" + "    word word\n" * (MAX_ROW_CHARS // 10)),
    ],
)
def test_a_row_spanning_lines_past_the_bound_stops_the_batch(
    name: str, text: str, tmp_path: Path
) -> None:
    rows = tmp_path / name
    rows.write_text(text, encoding="utf-8")
    run = measured(f"$POSTKIT batch {rows} -o {tmp_path / 'out'}", cwd=tmp_path)
    assert_one_error(run, f"{rows}:", f"a row longer than {MAX_ROW_CHARS:,} characters")
    assert not (tmp_path / "out").exists()  # refused before anything is written


# --- what a row may read ---------------------------------------------------------------


def test_a_fifo_named_by_a_row_fails_that_row_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "page.md")
    (tmp_path / "rows.csv").write_text("topic,from\n,page.md\ngenai,\n", encoding="utf-8")
    run = measured("$POSTKIT batch rows.csv -f jsonl", cwd=tmp_path)
    assert run.code == 1, run.stderr
    assert run.lines == [
        f"postkit: rows.csv:2: row 1: {tmp_path / 'page.md'}: a pipe (FIFO), not a regular "
        "file; give a file",
        "postkit: 1 posts, 1 failed, 0 skipped",
    ]
    assert_bounded(run)


def test_a_fifo_in_the_topic_folder_does_not_hang_the_library(tmp_path: Path) -> None:
    topics = Path(os.environ["POSTKIT_HOME"]) / "topics"
    topics.mkdir(parents=True, exist_ok=True)
    os.mkfifo(topics / "stuck.md")
    run = measured("$POSTKIT topics list && $POSTKIT draft 'generative ai'", cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert_bounded(run)


PAGE = (
    "# {title}\n\n{title} is a word to keep. 🍵\n\n"
    "## Tips\n\n- Say it softly.\n- Write it down.\n- Keep it safe.\n"
)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """An input folder with a page, next to a folder it must not read, reached by links too."""
    folder = tmp_path / "plan"
    (folder / "notes").mkdir(parents=True)
    (tmp_path / "private").mkdir()
    (folder / "notes" / "tea.md").write_text(PAGE.format(title="Tea"), encoding="utf-8")
    secret = tmp_path / "private" / "secret.md"
    secret.write_text(PAGE.format(title="Swordfish"), encoding="utf-8")
    (folder / "link.md").symlink_to(secret)
    (folder / "linked").symlink_to(tmp_path / "private", target_is_directory=True)
    return folder


OUTSIDE = ["../private/secret.md", "link.md", "linked/secret.md", "{secret}", "/etc/passwd"]


def write_plan_rows(plan: Path) -> Path:
    secret = plan.parent / "private" / "secret.md"
    names = ["notes/tea.md", *(name.format(secret=secret) for name in OUTSIDE)]
    rows = plan / "rows.jsonl"
    rows.write_text("".join(json.dumps({"from": name}) + "\n" for name in names), "utf-8")
    return rows


def test_rows_read_pages_only_under_the_inputs_folder(plan: Path, tmp_path: Path) -> None:
    rows = write_plan_rows(plan)
    result = subprocess.run(
        [sys.executable, "-m", "postkit", "batch", str(rows), "-f", "jsonl"],
        capture_output=True, cwd=tmp_path, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert b"Swordfish" not in result.stdout and b"root:" not in result.stdout
    assert [json.loads(line)["topic"] for line in result.stdout.splitlines()] == ["Tea"]
    errors = result.stderr.decode("utf-8").splitlines()
    assert len(errors) == len(OUTSIDE) + 1
    for number, line in enumerate(errors[:-1], start=2):
        assert line.startswith(f"postkit: {rows}:{number}: row {number}: from: "), line
        assert f"not under {plan.resolve()} (links followed)" in line, line
        assert line.endswith("move the page there, or allow any path"), line


def test_allow_any_path_reads_any_file(plan: Path, tmp_path: Path) -> None:
    rows = write_plan_rows(plan)
    result = subprocess.run(
        [sys.executable, "-m", "postkit", "batch", str(rows), "-f", "jsonl", "--allow-any-path"],
        capture_output=True, cwd=tmp_path, timeout=60, check=False,
    )  # fmt: skip
    assert b"not under" not in result.stderr
    topics = [json.loads(line)["topic"] for line in result.stdout.splitlines()]
    assert topics[:5] == ["Tea", *["Swordfish"] * 4]  # links, .., absolute; then /etc/passwd


def test_rows_from_stdin_read_under_the_current_folder(plan: Path) -> None:
    rows = '{"from": "notes/tea.md"}\n{"from": "../private/secret.md"}\n'
    result = subprocess.run(
        [sys.executable, "-m", "postkit", "batch", "-", "--input-format", "jsonl", "-f", "jsonl"],
        input=rows.encode(), capture_output=True, cwd=plan, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert b'"topic": "Tea"' in result.stdout and b"Swordfish" not in result.stdout
    assert f"not under {plan.resolve()}".encode() in result.stderr


def test_long_row_values_are_row_errors(tmp_path: Path) -> None:
    """Caps on each text keep the drafting caches (thousands of entries) small."""
    rows = tmp_path / "rows.jsonl"
    long_rows = [
        {"topic": "t" * 501},
        {"topic": "genai", "cta": "c" * 3001},
        {"topic": "genai", "tone": "x" * 101},
        {"topic": "genai", "hashtags": " ".join(f"#t{n}" for n in range(31))},
        {"topic": "genai", "hashtags": ["#" + "h" * 100]},
        {"topic": "genai", "cta": "c" * 3000, "hashtags": [f"#{n}" for n in range(30)]},
    ]
    rows.write_text("".join(json.dumps(row) + "\n" for row in long_rows), encoding="utf-8")
    run = measured(f"$POSTKIT batch {rows} -f jsonl", cwd=tmp_path)
    assert run.code == 1
    assert [line.split(": row ", 1)[-1] for line in run.lines] == [
        "1: topic: String should have at most 500 characters",
        "2: cta: String should have at most 3000 characters",
        "3: tone: String should have at most 100 characters",
        "4: hashtags: Tuple should have at most 30 items after validation, not 31",
        "5: hashtags.0: String should have at most 100 characters",
        "postkit: 1 posts, 5 failed, 0 skipped",  # the last row is at the caps: drafted
    ]
    assert_bounded(run)
