"""Work spread over worker processes: results in input order, bounded, streaming.

Drafting is CPU work in pure Python, so one process uses one core. Here the
parent reads the items, hands them out in chunks to forked workers and yields
each chunk's result in input order as soon as it and every chunk before it are
back; the parent alone writes the output. At most ``jobs * DEPTH`` chunks are
in flight, so memory stays flat however long the input is
(``multiprocessing.Pool.imap`` would read the whole input ahead).

Each worker has a pipe for its work and one for its results, and nothing else
holds the writing end of a results pipe: a worker that dies (killed, out of
memory) is an end-of-file here, never a wait for the rest of a message, which
is how ``concurrent.futures.ProcessPoolExecutor`` can hang. Work is sent by a
thread, so a huge row never blocks the parent while a worker waits for it to
read a result. Workers are forked, so they start in milliseconds with the
parent's imports, compiled templates and caches; they ignore Ctrl-C (the parent
decides when to stop, and stops them) and exit as soon as the parent is gone,
even after ``kill -9``: each one watches a "lifeline" pipe whose writing end
only the parent holds.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar, cast

from postkit.batch.files import interrupts_deferred
from postkit.errors import WorkerDiedError, WorkerError

T = TypeVar("T")
R = TypeVar("R")

DEPTH = 4  # chunks in flight per worker: enough to keep it busy while the parent writes
PIPE_BYTES = 1 << 20  # results a worker may send ahead of the parent (Linux; else 64 KiB)
_STOP_SECONDS = 5.0


def can_fork() -> bool:
    """True where workers can be forked (Linux, macOS; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def available_cores() -> int:
    """The CPU cores this process may run on (its affinity mask, where there is one)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        with suppress(OSError):
            return max(1, len(affinity(0)))
    return max(1, os.cpu_count() or 1)


def ordered_map(
    work: Callable[[list[T]], R],
    items: Iterable[T],
    *,
    jobs: int,
    chunk_size: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Generator[R, None, None]:
    """``work(chunk)`` for each chunk of ``items`` in ``jobs`` forked processes, in order.

    The workers are forked when the first result is asked for, and run
    ``initializer(*initargs)`` once each. Only the chunks and the results are
    pickled; ``work`` and the initializer's arguments reach the workers by the
    fork. Closing the generator (or leaving a ``for`` over it) stops them.
    """
    pool: _Pool[T, R] = _Pool(jobs, work, initializer, initargs)
    yield from pool.results(items, chunk_size)


@dataclass
class _Worker:
    process: Any  # multiprocessing's ForkProcess
    tasks: Connection
    results: Connection
    chunks: deque[int] = field(default_factory=deque)  # numbers of its chunks in flight


class _Pool(Generic[T, R]):
    def __init__(
        self,
        jobs: int,
        work: Callable[[list[T]], R],
        initializer: Callable[..., None] | None,
        initargs: tuple[Any, ...],
    ) -> None:
        context = multiprocessing.get_context("fork")
        lifeline, self._keep_alive = os.pipe()
        self._workers: list[_Worker] = []
        try:
            with interrupts_deferred():  # a Ctrl-C now waits until every worker exists
                for _ in range(jobs):
                    task_reader, task_writer = context.Pipe(duplex=False)
                    result_reader, result_writer = context.Pipe(duplex=False)
                    _widen(result_writer)
                    ours = [task_writer, result_reader]  # the parent's ends, and earlier ones:
                    ours += [end for old in self._workers for end in (old.tasks, old.results)]
                    process = context.Process(
                        target=_serve,
                        args=(work, task_reader, result_writer, lifeline, self._keep_alive,
                              ours, initializer, initargs),
                        daemon=True,
                    )  # fmt: skip
                    process.start()
                    task_reader.close()  # the worker's ends: only the worker may hold them
                    result_writer.close()
                    self._workers.append(_Worker(process, task_writer, result_reader))
        except BaseException:
            self._stop(finished=False)
            raise
        finally:
            os.close(lifeline)
        self._sender = _Sender()

    def results(self, items: Iterable[T], chunk_size: int) -> Generator[R, None, None]:
        finished = False
        try:
            iterator = iter(items)
            chunks = iter(lambda: list(islice(iterator, chunk_size)), [])
            done: dict[int, R] = {}  # results that came back before an earlier chunk's
            sent = wanted = 0
            for chunk in chunks:
                worker = self._workers[sent % len(self._workers)]
                worker.chunks.append(sent)
                self._sender.send(worker.tasks, chunk)
                sent += 1
                if sent - wanted >= len(self._workers) * DEPTH:
                    yield self._result(wanted, done)
                    wanted += 1
            while wanted < sent:
                yield self._result(wanted, done)
                wanted += 1
            finished = True
        finally:
            self._stop(finished)

    def _result(self, number: int, done: dict[int, R]) -> R:
        """Chunk ``number``'s result; results that come back before it wait in ``done``."""
        while number not in done:
            busy = {worker.results: worker for worker in self._workers if worker.chunks}
            for ready in wait(list(busy)):
                worker = busy[cast(Connection, ready)]
                done[worker.chunks.popleft()] = _receive(worker)
        return done.pop(number)

    def _stop(self, finished: bool) -> None:
        """End the workers: at once when stopped early (their work is not wanted)."""
        sender = getattr(self, "_sender", None)
        if sender is not None:
            sender.close([worker.tasks for worker in self._workers], drop=not finished)
        else:
            for worker in self._workers:
                worker.tasks.close()
        for worker in self._workers:
            if not finished:
                worker.process.terminate()
            worker.process.join(_STOP_SECONDS)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.results.close()
        if sender is not None:
            sender.join(_STOP_SECONDS)
        with suppress(OSError):
            os.close(self._keep_alive)


def _receive(worker: _Worker) -> Any:
    try:
        ok, value = worker.results.recv()
    except (EOFError, OSError):
        raise WorkerDiedError from None
    if not ok:
        raise WorkerError(f"internal error in a worker: {value}")
    return value


def _widen(connection: Connection) -> None:
    """A bigger pipe for results, so a worker rarely waits for the parent to read."""
    try:
        import fcntl
    except ImportError:  # Windows, where there are no workers anyway
        return
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)  # Linux only
    if set_size is not None:
        with suppress(OSError):
            fcntl.fcntl(connection.fileno(), set_size, PIPE_BYTES)


class _Sender(threading.Thread):
    """Sends work to the workers, in order, so the parent never blocks on a full pipe."""

    def __init__(self) -> None:
        super().__init__(name="postkit-batch-sender", daemon=True)
        self._queue: queue.SimpleQueue[tuple[Connection, Any] | None] = queue.SimpleQueue()
        self._drop = False
        self._connections: list[Connection] = []
        self.start()

    def send(self, connection: Connection, chunk: Any) -> None:
        self._queue.put((connection, chunk))

    def close(self, connections: list[Connection], *, drop: bool) -> None:
        """Stop after the queued work (or dropping it); the thread closes ``connections``."""
        self._drop = drop
        self._connections = connections
        self._queue.put(None)

    def run(self) -> None:
        while (item := self._queue.get()) is not None:
            if not self._drop:
                with suppress(OSError):  # a worker that died; its results pipe says so
                    item[0].send(item[1])
        for connection in self._connections:  # closed here: never under a send
            connection.close()  # end of file: the worker is done


def _serve(
    work: Callable[[Any], Any],
    tasks: Connection,
    results: Connection,
    lifeline: int,
    keep_alive: int,
    parents: list[Connection],
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
) -> None:
    """A worker: run ``work`` on each chunk that comes, send back each result."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    os.close(keep_alive)  # only the parent holds it: EOF on the lifeline = parent gone
    for connection in parents:  # the parent's ends of every pipe so far
        connection.close()
    threading.Thread(target=_exit_with_parent, args=(lifeline,), daemon=True).start()
    # A thread of the parent (rich's progress bar) may have held stderr's lock at
    # the fork; a fresh stream on the same descriptor cannot be stuck.
    with suppress(OSError):
        sys.stderr = os.fdopen(
            os.dup(2), "w", encoding="utf-8", errors="backslashreplace", buffering=1
        )
    try:
        if initializer is not None:
            initializer(*initargs)
        while True:
            try:
                chunk = tasks.recv()
            except EOFError:
                break
            try:
                outcome = (True, work(chunk))
            except Exception as exc:  # a bug: the parent says so in one line
                outcome = (False, f"{type(exc).__name__}: {exc}")
            results.send(outcome)
    except BaseException:  # a worker ends quietly; the parent reports
        os._exit(1)
    os._exit(0)


def _exit_with_parent(lifeline: int) -> None:
    with suppress(OSError):
        while os.read(lifeline, 1):
            pass
    os._exit(1)
