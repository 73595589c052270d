"""How the program starts: ``python -m postkit`` and the ``postkit`` script.

Loading the command line takes most of a command's start-up. Ctrl-C in that
time ends the command quietly with exit 130, as Ctrl-C while it runs does,
instead of a KeyboardInterrupt traceback from an import.
"""

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from postkit.errors import ExitCode


def main() -> None:
    """The ``postkit`` console script."""
    with interrupts_end_quietly():
        from postkit.cli import prepare

        app = prepare()
    hook = sys.excepthook
    try:
        app()
    finally:
        # Running a Typer app puts Typer's hook in sys.excepthook (postkit's app has
        # pretty exceptions off, so it would only call the hook before it). Left
        # there, its module keeps every module it reaches alive through the
        # interpreter's collections at exit, and they are all walked once more:
        # 3.5 ms of every command's 100.
        sys.excepthook = hook


@contextmanager
def interrupts_end_quietly() -> Iterator[None]:
    """Within the block, Ctrl-C exits with 130 and no traceback.

    Left alone when Ctrl-C is not Python's default (ignored, as in a shell's
    background job, or handled by a program that runs postkit in a thread).
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return

    interrupted = False

    def end_quietly(signum: int, frame: object) -> None:
        nonlocal interrupted
        interrupted = True
        raise SystemExit(ExitCode.INTERRUPTED)

    def report_unraisable(unraisable: Any) -> None:
        # Ctrl-C can land in a callback Python runs while it frees an object (an
        # import lock's weakref callback): an exception cannot leave such a
        # callback, and Python reports it as "Exception ignored". Said here,
        # it ends the command once loading is over, without that report.
        if not (interrupted and isinstance(unraisable.exc_value, SystemExit)):
            previous_report(unraisable)

    previous_report = sys.unraisablehook
    signal.signal(signal.SIGINT, end_quietly)
    sys.unraisablehook = report_unraisable
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.unraisablehook = previous_report
    if interrupted:
        raise SystemExit(ExitCode.INTERRUPTED)


if __name__ == "__main__":
    main()
