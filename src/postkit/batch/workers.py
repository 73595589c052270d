"""Batch rows drafted in worker processes, with the output written here, in order.

:func:`postkit.batch.run.run_batch` comes here for a long batch with ``jobs`` > 1.
The first row is drafted in this process (the workers inherit what it loaded:
templates, emoji tables, topics), the rest go to :func:`postkit.batch.pool.ordered_map`
in chunks. A worker validates and drafts its rows and sends each result back
with its post's JSON line made; this process names the files, in input order
exactly as one process would, and writes posts, manifest lines and JSON lines.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass

from postkit.batch.files import OutputFolder
from postkit.batch.inputs import PageFolder, RawRow
from postkit.batch.pool import ordered_map
from postkit.batch.row import (
    RowResult,
    TopicCache,
    commit_result,
    draft_prepared,
    prepare_row,
    run_row,
)
from postkit.errors import PostkitError, TemplateError, WorkerError
from postkit.model import DraftOptions

CHUNK_ROWS = 32  # rows per piece of work handed to a worker


def run_in_workers(
    rows: Iterator[RawRow],
    defaults: DraftOptions,
    folder: OutputFolder | None,
    topics: TopicCache,
    pages: PageFolder,
    jobs: int,
    lean: bool = False,
) -> Iterator[RowResult]:
    """Draft ``rows`` in ``jobs`` workers; results in input order, files written here."""
    # Each worker loads a page anew and reports its repair anew: say it once.
    relay = topics.report = _NoteRelay(topics.report)
    first = next(rows, None)
    if first is None:
        return
    # The first row is drafted here: the workers inherit the compiled templates,
    # emoji tables and topics it loaded instead of each loading them again.
    result = run_row(first, defaults, folder, topics, pages)
    commit_result(result, folder)
    yield result
    if defaults.template_dirs:
        from postkit.render import watchdog

        # User templates: the command's supervisor must exist before the fork,
        # so that a worker stuck in one step is stopped by it (render/watchdog.py).
        watchdog.prepare()
    setup = (defaults, topics, pages, folder is not None, lean)
    chunks = ordered_map(
        _draft_chunk, rows, jobs=jobs, chunk_size=CHUNK_ROWS, initializer=_start_worker,
        initargs=setup,
    )  # fmt: skip
    with closing(chunks):
        try:
            for notes, drafted in chunks:
                for note in notes:
                    relay(note)
                for result, stem in drafted:
                    placed = _placed(result, stem, folder)
                    commit_result(placed, folder)
                    yield placed
        except WorkerError as exc:
            raise _why_it_died(exc) from None


def _why_it_died(error: WorkerError) -> PostkitError:
    """A dead worker's error, or the template that got it stopped, if that is why.

    A template stuck in one step past its budget cannot be stopped inside the
    worker; the supervisor of the command kills the worker and says which
    template it was (:func:`postkit.render.watchdog.verdict`). The rows whose
    posts were written before it stay written.
    """
    from postkit.render import watchdog

    verdict = watchdog.verdict()
    if verdict is None:
        return error
    return TemplateError(f"{verdict}; the batch stopped there, keeping the posts it wrote")


def _placed(result: RowResult, stem: str | None, folder: OutputFolder | None) -> RowResult:
    """A worker's result given its file name, as :func:`postkit.batch.run.run_row` names it.

    Names are handed out here, in input order, so they are the same as with one
    process; a row whose file exists is skipped (a worker drafted it in vain).
    """
    if folder is None or stem is None:
        return result
    name = folder.name_for(stem)
    if folder.skip_existing and folder.exists(name):
        return RowResult(
            result.row, result.line, "skipped", file=name, id=result.id, date=result.date
        )
    return dataclasses.replace(result, file=name) if result.status == "ok" else result


# --- in a worker process ---------------------------------------------------------------


@dataclass
class _Worker:
    defaults: DraftOptions
    topics: TopicCache
    pages: PageFolder
    stems: bool  # file stems wanted (the parent writes files)
    lean: bool  # send each post's JSON line without the post
    notes: list[str]


_WORKER: _Worker | None = None


def _start_worker(
    defaults: DraftOptions, topics: TopicCache, pages: PageFolder, stems: bool, lean: bool
) -> None:
    """Runs once in each forked worker: its copy of the topic cache keeps its notes."""
    global _WORKER
    notes: list[str] = []
    topics.report = notes.append  # handed to the parent, which prints them
    _WORKER = _Worker(defaults, topics, pages, stems, lean, notes)


def _draft_chunk(rows: list[RawRow]) -> tuple[list[str], list[_Drafted]]:
    """Draft a chunk of rows in a worker: each result ready to send, and any notes."""
    worker = _WORKER
    assert worker is not None, "_draft_chunk runs in a worker started by _start_worker"
    drafted: list[_Drafted] = []
    for raw in rows:
        prepared = prepare_row(raw, worker.defaults)
        if isinstance(prepared, RowResult):
            drafted.append((prepared, None))
            continue
        result = draft_prepared(prepared, worker.topics, worker.pages)
        stem = prepared.stem() if worker.stems else None
        drafted.append(_ready_to_send(result, stem, worker.lean))
    notes = worker.notes[:]
    worker.notes.clear()
    return notes, drafted


def _ready_to_send(result: RowResult, stem: str | None, lean: bool) -> _Drafted:
    """A result as it crosses to the parent: with its JSON line made, here in the worker.

    ``json_text`` is a cached property: it is pickled along with the result, and
    the parent prints it as it is instead of encoding the post again. With
    ``lean``, the post stays here: unpickling it cost the parent more than the
    rest of its work per row.
    """
    if result.post is not None:
        text = result.json_text  # made now, in the worker's time
        if lean:
            result = dataclasses.replace(result, post=None)
            result.__dict__["json_text"] = text  # the cached property, filled in
    return result, stem


_Drafted = tuple[RowResult, str | None]  # a result and its file stem


class _NoteRelay:
    """Passes workers' notes on once: each worker parses a page, and reports it, anew."""

    def __init__(self, report: Callable[[str], None] | None, remember: int = 1024) -> None:
        self.report = report
        self.remember = remember
        self._seen: OrderedDict[str, None] = OrderedDict()

    def __call__(self, note: str) -> None:
        if note in self._seen:
            self._seen.move_to_end(note)
            return
        self._seen[note] = None
        if len(self._seen) > self.remember:
            self._seen.popitem(last=False)
        if self.report is not None:
            self.report(note)
