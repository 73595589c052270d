"""The backstop under a user template's time budget: a process that ends a stuck step.

:func:`postkit.render.bounds.budget` stops a template with a timer, but a
signal reaches Python only between two steps of the interpreter. One C call on
a huge structure built of shared references never returns to it: with
``p3 = [[[0] * 10**5] * 10**5] * 10**5`` and ``q3`` built alike, ``p3 == q3``,
``[p3, q3] | sort``, ``p3 in [q3]`` or hashing a tuple built so compares or
hashes 10**15 items in one call. No thread of the process can run meanwhile
(the call never lets go of the interpreter lock), so only another process can
end it, and only the process the caller started can give the exit code.

So the first time the ``postkit`` command itself (the console script or
``python -m postkit``) opens a budget, it forks. The process the caller waits
on becomes a small supervisor, and its forked copy carries on with the command,
telling the supervisor through a pipe when each budget opens and closes (two
small writes per template rendered). A budget still open :data:`GRACE_SECONDS`
after its end is stuck: the supervisor asks that process for its Python stack
(:mod:`faulthandler` writes it without the lock) to name the template, kills it
and ends with the usual one ``postkit: error:`` line and exit 2. Otherwise it
exits as the command exited, with its code (or dies of its signal), as soon as
it has. A batch worker forked later reports through the same pipe; when one is
stuck, the supervisor kills that worker only, after leaving the batch its
verdict (:func:`verdict`): the batch stops with that line and keeps every post
it wrote.

Library callers are never forked: their process is theirs. For them, and for
a child whose supervisor was killed, the last resort is a CPU time limit
(``RLIMIT_CPU``) while a budget is open: the system ends the process a few
seconds of CPU after the budget and grace are over. Nothing of this runs for
the built-in templates, which render without budgets.
"""

from __future__ import annotations

import gc
import os
import select
import signal
import struct
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import NoReturn

from postkit.errors import ExitCode

GRACE_SECONDS = 2.0  # past the budget: a step that has not returned by then never will
CPU_SLACK_SECONDS = 3  # the CPU limit comes after the supervisor, which acts on wall time
# (pid, deadline on the monotonic clock or 0.0 when the budget closed, seconds allowed)
_MESSAGE = struct.Struct("=qdd")
_NAP = 0.02  # after a burst of messages: a batch sends two per template rendered
_ASK_SECONDS = 1.0  # how long a stuck process may take to write its stack
_PASS_INT_SECONDS = 1.0  # a SIGINT the command did not get too: passed on after this


@dataclass(frozen=True)
class _Link:
    """The command's ends of the pipes to its supervisor."""

    messages: int  # budgets opened and closed
    alive: int  # never written: the supervisor reads end-of-file when the command is gone
    verdicts: int  # what the supervisor said about a worker it stopped (non-blocking)


class _State:
    link: _Link | None = None
    tried = False
    origin = os.getpid()  # the process that first imported this module may fork


def watch(seconds: float) -> Callable[[], None]:
    """Watch a budget of ``seconds`` that opens now; return the function that closes it.

    The supervisor (started by :func:`prepare`) is told; the CPU time of the
    process is limited too, as a last resort.
    """
    link = _State.link
    allowed = seconds + GRACE_SECONDS
    if link is not None and not _send(link, time.monotonic() + allowed, allowed):
        link = None
    release = _limit_cpu(seconds)

    def close() -> None:
        if link is not None:
            _send(link, 0.0, allowed)
        release()

    return close


def prepare() -> None:
    """Start the supervisor, if this process is the postkit command and has none.

    Called before a budget sets its timer and memory limit (the supervisor must
    not inherit them), and by a batch before it forks its workers, so that they
    report to the command's supervisor instead of each starting one of their own.
    """
    if _State.link is None:
        _start()


def verdict() -> str | None:
    """What the supervisor said about the last worker it stopped, if it stopped one."""
    link = _State.link
    if link is None:
        return None
    data = b""
    with suppress(OSError):  # BlockingIOError: nothing was said
        while chunk := os.read(link.verdicts, 4096):
            data += chunk
    lines = data.decode("utf-8", "replace").splitlines()
    return lines[-1] if lines else None


def _send(link: _Link, deadline: float, allowed: float) -> bool:
    try:
        os.write(link.messages, _MESSAGE.pack(os.getpid(), deadline, allowed))
    except OSError:  # the supervisor is gone (killed): the CPU limit is what is left
        _State.link = None
        return False
    return True


def _limit_cpu(seconds: float) -> Callable[[], None]:
    """At most ``seconds`` + grace + slack more CPU time, then SIGXCPU ends the process.

    SIGXCPU keeps its default action on purpose: a Python handler would run
    only after the stuck call returns, and the system would then only warn.
    """
    try:
        import resource
    except ImportError:  # Windows
        return _nothing
    old = resource.getrlimit(resource.RLIMIT_CPU)
    used = time.process_time()
    wanted = int(used + seconds + GRACE_SECONDS) + 1 + CPU_SLACK_SECONDS
    soft, hard = old
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        return _nothing  # the user's own limit comes first
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (wanted, hard))
    except (OSError, ValueError):
        return _nothing

    def release() -> None:
        with suppress(OSError, ValueError):
            resource.setrlimit(resource.RLIMIT_CPU, old)

    return release


def _nothing() -> None:
    pass


# --- starting the supervisor, in the command -------------------------------------------


def _is_the_command() -> bool:
    """Whether this process runs the ``postkit`` command (and may be forked for it).

    ``python -m postkit`` runs ``postkit.__main__`` as the main module; the
    console script imports its ``main`` from there (an older script may hold
    ``postkit.cli.main``). A library caller's program, or a test runner calling
    the CLI in its own process, does neither, and is never forked.
    """
    main_module = sys.modules.get("__main__")
    spec = getattr(main_module, "__spec__", None)
    main = getattr(main_module, "main", None)
    return os.getpid() == _State.origin and (
        getattr(spec, "name", None) == "postkit.__main__"
        or (
            getattr(main, "__module__", None) in ("postkit.__main__", "postkit.cli")
            and getattr(main, "__qualname__", None) == "main"
        )
    )


def _start() -> _Link | None:
    if _State.tried:
        return None
    _State.tried = True  # once: a library caller is never forked, a failed fork not retried
    if not hasattr(os, "fork") or not _is_the_command():
        return None
    import faulthandler
    import warnings

    ours, theirs = _pipes()
    with warnings.catch_warnings():  # 3.12 warns of fork with threads: none go on here
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            child = os.fork()
        except OSError:
            for fd in (*ours, *theirs):
                os.close(fd)
            return None
    if child:  # the process the caller waits on: from now on, the supervisor
        for fd in ours:
            os.close(fd)
        _Supervisor(child, *theirs, int(ExitCode.USAGE)).run()
    for fd in theirs:
        os.close(fd)
    messages_w, alive_w, verdicts_r, dumps_w = ours
    os.set_blocking(verdicts_r, False)
    os.set_blocking(dumps_w, False)  # a stack is small; never block in a signal handler
    faulthandler.register(signal.SIGUSR1, file=dumps_w, all_threads=True, chain=False)
    _State.link = _Link(messages_w, alive_w, verdicts_r)
    return _State.link


def _pipes() -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
    """Four pipes: the command's ends, then the supervisor's."""
    messages_r, messages_w = map(_above_stdio, os.pipe())
    alive_r, alive_w = map(_above_stdio, os.pipe())
    verdicts_r, verdicts_w = map(_above_stdio, os.pipe())
    dumps_r, dumps_w = map(_above_stdio, os.pipe())
    return (messages_w, alive_w, verdicts_r, dumps_w), (messages_r, alive_r, verdicts_w, dumps_r)


def _above_stdio(fd: int) -> int:
    """The descriptor moved past 0-2: with stdout closed (``>&-``) a pipe would take
    its number, and the supervisor points 0-2 at /dev/null."""
    if fd > 2:
        return fd
    import fcntl

    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3)
    os.close(fd)
    return moved


# --- the supervisor ---------------------------------------------------------------------


class _Supervisor:
    def __init__(
        self, child: int, messages: int, alive: int, verdicts: int, dumps: int, exit_code: int
    ) -> None:
        self.child = child
        self.messages = messages
        self.alive = alive
        self.verdicts = verdicts
        self.dumps = dumps
        self.exit_code = exit_code
        self.deadlines: dict[int, float] = {}
        self.allowed: dict[int, float] = {}
        self.pending = b""
        self.stderr = -1
        self.interrupted: float | None = None  # when to pass a SIGINT on

    def run(self) -> NoReturn:
        """Watch until the command ends, then end as it ended; never return to the caller."""
        try:
            self._detach()
            self._watch()
        finally:  # even if the watch broke, this copy never returns into the command
            self._end_as_the_child_ended()

    def _watch(self) -> None:
        while True:
            try:
                if self._step():
                    return
            except _Wake:  # a signal handler cut the step short: the next one sees to it
                pass

    def _step(self) -> bool:
        """Wait for news, act on it; True once the command (and all it forked) is gone."""
        due = [*self.deadlines.values(), *([self.interrupted] if self.interrupted else [])]
        timeout = max(0.0, min(due) - time.monotonic()) if due else None
        readable = _select([self.alive, self.messages], timeout)
        if self.alive in readable or (self.messages in readable and not self._drain()):
            return True
        if self.messages in readable and _select([self.alive], _NAP):
            return True
        now = time.monotonic()
        if self.interrupted and self.interrupted <= now:
            self.interrupted = 0.0  # passed on once
            self._pass_on(signal.SIGINT, None)
        for pid in [pid for pid, deadline in self.deadlines.items() if deadline <= now]:
            self._stop(pid)
        return False

    def _detach(self) -> None:
        """Leave the command its streams and signals; nothing of this copy may run on.

        This process is a copy of the command at the fork. Its other threads
        (rich's progress bar in a batch) go on: they now write to /dev/null.
        The garbage collector stays off, so no finalizer of the copy (a
        temporary file's) acts on what the command still uses.
        """
        gc.disable()
        with suppress(OSError):  # no stderr (closed): the exit code still says it
            self.stderr = _above_stdio(os.dup(2))
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            with suppress(OSError):
                os.dup2(null, fd)
        os.close(null)
        os.set_blocking(self.messages, False)
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._pass_on)
        signal.signal(signal.SIGINT, self._interrupted)

    def _pass_on(self, signum: int, frame: object) -> None:
        with suppress(OSError):
            os.kill(self.child, signum)

    def _interrupted(self, signum: int, frame: object) -> None:
        """Ctrl-C: the command has it too, unless it was sent to this process alone.

        A terminal sends it to its whole foreground group, and so may a script
        (``kill -INT -PGID``); a second one would break into the command's own
        handling of the first. So it is passed on only to a command still
        running a moment later.
        """
        if self.interrupted is None and not _in_foreground():
            self.interrupted = time.monotonic() + _PASS_INT_SECONDS
            raise _Wake  # out of the select, whose timeout did not count on it

    def _drain(self) -> bool:
        """Read what the command said; False at end-of-file."""
        try:
            data = os.read(self.messages, 1 << 16)
        except BlockingIOError:
            return True
        if not data:
            return False
        data = self.pending + data
        whole = len(data) - len(data) % _MESSAGE.size
        self.pending = data[whole:]
        for pid, deadline, allowed in _MESSAGE.iter_unpack(data[:whole]):
            if deadline:
                self.deadlines[pid] = deadline
                self.allowed[pid] = allowed
            else:
                self.deadlines.pop(pid, None)
        return True

    def _stop(self, pid: int) -> None:
        """End a process whose budget is long over; end everything if it is the command."""
        try:
            os.kill(pid, 0)
        except OSError:  # a worker gone already (ended by its parent): nothing to say
            del self.deadlines[pid]
            return
        message = _verdict(_template_of(self._stack_of(pid)), self.allowed.get(pid, 0.0))
        if pid != self.child:  # a batch worker: the command reads why, then stops
            with suppress(OSError):
                os.write(self.verdicts, message.encode("utf-8", "backslashreplace") + b"\n")
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            del self.deadlines[pid]
            return
        # The end: no handler may cut it short now.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
        for other in (*self.deadlines, self.child):
            with suppress(OSError):
                os.kill(other, signal.SIGKILL)
        with suppress(ChildProcessError):
            os.waitpid(self.child, 0)
        line = f"postkit: error: {message}\n"
        with suppress(OSError):
            os.write(self.stderr, line.encode("utf-8", "backslashreplace"))
        os._exit(self.exit_code)

    def _stack_of(self, pid: int) -> str:
        """The Python stack of a stuck process, as faulthandler writes it on SIGUSR1."""
        os.set_blocking(self.dumps, False)
        with suppress(OSError):
            while os.read(self.dumps, 1 << 16):  # anything older
                pass
        try:
            os.kill(pid, signal.SIGUSR1)
        except OSError:
            return ""
        data = b""
        end = time.monotonic() + _ASK_SECONDS
        while (left := end - time.monotonic()) > 0 and _select([self.dumps], left):
            try:
                chunk = os.read(self.dumps, 1 << 16)
            except BlockingIOError:
                continue
            data += chunk
            if not _select([self.dumps], 0.05):  # written in one go: a pause is the end
                break
        return data.decode("ascii", "replace")

    def _end_as_the_child_ended(self) -> NoReturn:
        """Exit with the command's exit code, or die of the signal it died of."""
        code = int(self.exit_code)
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command is ending: it has its own
            _, status = os.waitpid(self.child, 0)
            if os.WIFSIGNALED(status):
                signum = os.WTERMSIG(status)
                code = 128 + signum
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
            else:
                code = os.waitstatus_to_exitcode(status)
        finally:
            os._exit(code)


class _Wake(Exception):
    """Raised by a signal handler to end the supervisor's wait early."""


def _select(fds: list[int], timeout: float | None) -> list[int]:
    try:
        readable, _, _ = select.select(fds, [], [], timeout)
    except _Wake:
        return []
    return readable


def _in_foreground() -> bool:
    try:
        tty = os.open("/dev/tty", os.O_RDONLY | os.O_NOCTTY)
    except OSError:
        return False
    try:
        return os.tcgetpgrp(tty) == os.getpgrp()
    except OSError:
        return False
    finally:
        os.close(tty)


def _template_of(stack: str) -> str | None:
    """The innermost template in a faulthandler stack: its code's file name is the template's."""
    for line in stack.splitlines():
        line = line.strip()
        if not line.startswith('File "'):
            continue
        name = line[len('File "') :].rsplit('", line ', 1)[0]
        if not name.endswith(".py") and not name.startswith("<"):
            return name
    return None


def _verdict(template: str | None, seconds: float) -> str:
    why = f"took over {seconds:g} s in one step that cannot be interrupted, and was stopped"
    if template is None:
        return f"a user template is too costly to compile or render ({why})"
    shown = template if template.isprintable() else repr(template)
    return f"{shown}: template too costly to compile or render ({why})"
