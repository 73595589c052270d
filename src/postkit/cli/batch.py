"""``postkit batch``: many posts from one CSV, JSONL, YAML or plain-lines file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from postkit.cli.common import (
    EmojiOption,
    GivenPath,
    PlatformOption,
    SeedOption,
    ToneOption,
    examples,
    handle_errors,
    rich_console,
    stdout_is_terminal,
)
from postkit.cli.output import is_terminal, say, write_text
from postkit.errors import ExitCode, InputError

if TYPE_CHECKING:
    # The batch core (pydantic rows, readers) is imported when the command runs:
    # every other command pays nothing for it at start-up.
    from rich.console import Console
    from rich.progress import Progress

    from postkit.batch.files import OutputFolder
    from postkit.batch.inputs import BatchInput
    from postkit.batch.row import RowResult
    from postkit.model import DraftOptions


class BatchFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


class InputFormat(StrEnum):
    """``--input-format`` (``postkit.batch.inputs.INPUT_FORMATS``)."""

    csv = "csv"
    jsonl = "jsonl"
    yaml = "yaml"
    lines = "lines"


@dataclass
class Tally:
    """Counts for the summary (each failure has had its own line already)."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0

    def add(self, result: RowResult) -> None:
        if result.status == "ok":
            self.ok += 1
        elif result.status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1

    def line(self, written: str) -> str:
        return f"{self.ok} {written}, {self.failed} failed, {self.skipped} skipped"


def _failure_line(origin: str, result: RowResult) -> str:
    return f"postkit: {origin}:{result.line}: row {result.row}: {result.error}"


EPILOG = examples(
    "postkit batch month.csv -o posts/",
    "postkit batch month.csv -o posts/ --skip-existing",
    "postkit batch month.csv -f jsonl | jq -r .text",
    "printf 'kubernetes\\ndevops\\n' | postkit batch - -p x",
)


@handle_errors
def batch(
    input_path: Annotated[
        str,
        typer.Argument(
            metavar="INPUT",
            click_type=GivenPath("file (or - for stdin)", text=True),
            help="CSV, JSONL, YAML or one topic per line; - reads stdin.",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            click_type=GivenPath("folder"),
            show_default=False,
            help="Write one file per post into this folder (DIR), and DIR/manifest.jsonl.",
        ),
    ] = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option(
            "--input-format",
            case_sensitive=False,
            show_default="from the file's extension",
            help="How to read INPUT: csv, JSON Lines, a YAML list, or one topic per line.",
        ),
    ] = None,
    fmt: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            show_default=False,
            help="text: one file per post in -o DIR (the default with -o); jsonl: one JSON "
            "object per post on stdout (the default when piped without -o).",
        ),
    ] = None,
    skip_existing: Annotated[
        bool,
        typer.Option("--skip-existing", help="Keep posts already in DIR (resume a batch)."),
    ] = False,
    allow_any_path: Annotated[
        bool,
        typer.Option(
            "--allow-any-path",
            help="Let rows' `from` name any readable file, not only pages under INPUT's "
            "folder (the current folder for -).",
        ),
    ] = False,
    platform: PlatformOption = None,
    tone: ToneOption = None,
    emoji: EmojiOption = None,
    seed: SeedOption = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Processes that draft rows; 1 drafts in this one. Batches under 200 rows "
            "always use one.",
            show_default="the CPU cores",
        ),
    ] = None,
) -> None:
    """Draft many posts from one file: a row per post; the flags are the rows' defaults."""
    if fmt is None and output is None and stdout_is_terminal():
        # Thousands of JSON lines are no use on a screen: ask what was meant.
        raise InputError(
            "give -o DIR to write one file per post, or --format jsonl to print JSON lines"
        )
    fmt = fmt or (BatchFormat.text if output is not None else BatchFormat.jsonl)
    if fmt is BatchFormat.text and output is None:
        raise InputError("give -o DIR to write one file per post, or --format jsonl for stdout")
    if fmt is BatchFormat.jsonl and output is not None:
        raise InputError("--format jsonl writes to stdout; leave out -o DIR")
    if skip_existing and output is None:
        raise InputError("--skip-existing needs -o DIR")
    from postkit.batch.files import OutputFolder
    from postkit.batch.inputs import BatchInput
    from postkit.batch.run import worker_count
    from postkit.settings import draft_options, load_settings

    jobs = worker_count(jobs)

    # The same defaults as `postkit draft`: flags > POSTKIT_* > config file.
    settings = load_settings({"platform": platform, "tone": tone, "emoji": emoji})
    defaults = draft_options(settings, seed=seed)

    with BatchInput(input_path, input_format, allow_any_path=allow_any_path) as source:
        total = source.check()  # a malformed file stops here, before anything is written
        folder = OutputFolder(output, skip_existing=skip_existing) if output else None
        with folder or nullcontext():
            tally = _run(source, defaults, folder, total, jobs)
    written = f"posts written to {output}" if output else "posts"
    if is_terminal(sys.stderr):
        _summary(tally, written)
    else:
        say(f"postkit: {tally.line(written)}")
    if tally.failed:
        raise typer.Exit(int(ExitCode.PROBLEMS))


def _run(
    source: BatchInput,
    defaults: DraftOptions,
    folder: OutputFolder | None,
    total: int,
    jobs: int,
) -> Tally:
    tally = Tally()
    if defaults.template_dirs:  # fork the budget's supervisor before the bar's thread starts
        from postkit.render.watchdog import prepare

        prepare()
    with _progress(total) as advance:
        from postkit.batch.row import TopicCache
        from postkit.batch.run import run_batch

        topics = TopicCache(defaults.topic_dirs, report=advance.note)
        results = run_batch(source, defaults, folder=folder, topics=topics, jobs=jobs, lean=True)
        with closing(results):  # stopped early: the workers stop now, not when collected
            for result in results:
                tally.add(result)
                if result.status == "failed":
                    advance.report(_failure_line(source.origin, result))
                elif result.status == "ok" and folder is None:
                    write_text(result.json_text + "\n")
                advance()
    return tally


class _Advance:
    """Moves the progress bar, if there is one, and reports failed rows."""

    def __init__(self, progress: Progress | None = None, total: int = 0) -> None:
        self.progress = progress
        self.task = progress.add_task("drafting", total=total, rate="") if progress else None

    def __call__(self) -> None:
        if self.progress is None or self.task is None:
            return
        self.progress.advance(self.task)
        speed = self.progress.tasks[0].speed
        self.progress.update(self.task, rate=f"{speed:,.0f} posts/s" if speed else "")

    def report(self, line: str, style: str = "red") -> None:
        if self.progress is None:
            say(line)
        else:
            from rich.text import Text

            self.progress.console.print(Text(line, style=style))

    def note(self, message: str) -> None:
        self.report(f"postkit: {message}", style="")


@contextmanager
def _progress(total: int) -> Iterator[_Advance]:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""
    if not is_terminal(sys.stderr):
        yield _Advance()
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("drafting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=_stderr_console(),
    )
    with progress:
        yield _Advance(progress, total)


def _stderr_console() -> Console:
    return rich_console(sys.stderr)


def _summary(tally: Tally, written: str) -> None:
    """The counts as a table; the failed rows were listed above it as they failed."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=None, show_header=True, header_style="bold")
    table.add_column("ok", justify="right")
    table.add_column("failed", justify="right")
    table.add_column("skipped", justify="right")
    table.add_row(str(tally.ok), str(tally.failed), str(tally.skipped))
    console = _stderr_console()
    console.print(table)
    console.print(Text(f"postkit: {tally.line(written)}"))
