"""Many posts from one input: rows in, posts (or row errors) out, as a stream.

Each row is validated (:mod:`postkit.batch.rows`: pydantic's rules, unknown
keys refused), merged over the defaults the caller gives, and drafted with
:func:`postkit.drafting.render_post`, here or in worker processes
(:mod:`postkit.batch.workers`). A bad row becomes a failed :class:`RowResult`
naming the row and the reason; the other rows go on. Topics and pages are
parsed once per process and kept in a small cache; templates are compiled once
by :func:`postkit.render.compose.environment`.

Library use::

    from postkit.batch.inputs import BatchInput
    from postkit.batch.run import run_batch

    with BatchInput("month.csv") as rows:
        rows.check()
        for result in run_batch(rows):
            print(result.row, result.status)
"""

from __future__ import annotations

from collections.abc import Generator
from itertools import chain, islice

from postkit.batch.files import OutputFolder
from postkit.batch.inputs import BatchInput, RawRow
from postkit.batch.row import RowResult, TopicCache, commit_result, run_row
from postkit.errors import SettingError
from postkit.model import DraftOptions

MIN_ROWS_FOR_WORKERS = 200


def worker_count(jobs: int | None = None) -> int:
    """The number of processes to draft in: ``jobs``, or by default the CPU cores."""
    if jobs is None:
        from postkit.batch.pool import available_cores

        return available_cores()
    if jobs < 1:
        raise SettingError("jobs", f"give 1 or more processes, not {jobs}")
    return jobs


def run_batch(
    source: BatchInput,
    defaults: DraftOptions | None = None,
    *,
    folder: OutputFolder | None = None,
    topics: TopicCache | None = None,
    jobs: int = 1,
    lean: bool = False,
) -> Generator[RowResult, None, None]:
    """Draft every row of ``source``; with a ``folder``, write each post and the manifest.

    Results come one row at a time, in input order. A row that fails yields a
    ``failed`` result and the batch goes on; only output errors (a full disk, a
    read-only folder) stop it, as :class:`~postkit.errors.OutputError`.

    With ``jobs`` > 1 and at least ``MIN_ROWS_FOR_WORKERS`` rows, rows are drafted
    in that many forked worker processes (see :mod:`postkit.batch.workers`);
    this process still reads the input and writes every file, in input order.
    With ``lean`` (and no ``folder``), a row drafted in a worker comes back with
    its JSON line (:attr:`RowResult.json_text`) but without its post, which then
    need not cross between processes: for callers that only print JSON lines.
    """
    defaults = defaults or DraftOptions()
    topics = topics or TopicCache(defaults.topic_dirs)
    rows = source.rows()
    head: list[RawRow] = []
    if jobs > 1:
        from postkit.batch.pool import can_fork

        if can_fork():
            head = list(islice(rows, MIN_ROWS_FOR_WORKERS))
    if len(head) < MIN_ROWS_FOR_WORKERS:
        for raw in chain(head, rows):
            result = run_row(raw, defaults, folder, topics, source.pages)
            commit_result(result, folder)
            yield result
        return
    from postkit.batch.workers import run_in_workers

    everything = chain(head, rows)
    yield from run_in_workers(
        everything, defaults, folder, topics, source.pages, jobs, lean and folder is None
    )
