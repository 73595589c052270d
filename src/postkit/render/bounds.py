"""Bounds on what an untrusted template may cost: time, memory, and what it builds.

Jinja's sandbox keeps a template away from Python's internals; it does not stop
one from exhausting the machine. User templates (``--template-dir``) get:

- a budget of time and address space around loading, compiling and rendering
  (:func:`budget`): a loop or a recursion ends in :class:`RenderTooCostly`, and
  one C call that outruns the timer is ended by :mod:`postkit.render.watchdog`;
- size checks before a single C call could build a huge string or list
  (``'x' * 10**9``, ``center(10**9)``, ``'%0999999999d'``): such a call cannot be
  interrupted, so it is refused before it runs;
- filters that can build much more than they are given are never folded into
  constants when Jinja compiles a template (:func:`bounded_filters`). Folding runs
  a filter inside ``get_template``, and its result would be saved in the bytecode
  cache;
- a bound on what one template may render (:func:`check_output`), so the
  finishing steps never see a megabyte section, and on the bytecode kept per
  template (:data:`MAX_BYTECODE_BYTES`).

Built-in templates are ours and render without these checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import FilterArgumentError, SecurityError

from postkit.errors import RenderTooCostly, TemplateError
from postkit.patterns import compile_all, lazy_regex, surrogate

MAX_BUILT = 100_000  # characters or items one operation may add (a post is ~3,000)
MAX_COPIED = 100 * MAX_BUILT  # items one sum of lists may copy along the way
MAX_EXPONENT = 1_000
MAX_OUTPUT = 100_000  # characters one template may render
MAX_TEMPLATE_BYTES = 1024 * 1024  # a template file (the built-in ones are under 10 KB)
MAX_BYTECODE_BYTES = 256 * 1024  # compiled code kept on disk per template (built-in: ~7 KB)
BUDGET_SECONDS = 5.0
# Memory: RLIMIT_AS bounds the address space, and resident memory never exceeds
# it. A draft starts its templates near 40 MB of address space, a batch's
# worker near 125 MB (mostly reserved, never touched), so with this much more no
# process passes the README's 300 MB, whatever a template builds.
BUDGET_MEMORY = 64 * 1024 * 1024  # bytes of address space a template may add
SPENT_AFTER = 16 * 1024 * 1024  # a failed template that grew the process this much spent it


class _Budget:
    """Whether a budget is running: a template compiled while another renders
    (``{% include %}``) is covered by the outer budget, which must keep its timer."""

    active = False
    # (process id, its address space when a template first failed after growing
    # it by SPENT_AFTER). What a failed template built is freed late (it is held
    # in reference cycles by its exception's frames, and Jinja's rewritten
    # traceback), and freed memory is not always given back to the system (the
    # allocator keeps its heap): a budget measured from the size a failed
    # template left let every failed batch row grow the worker by another
    # budget (20 rows: 2 GB). From then on, the process's budgets start at most
    # from that size.
    spent: tuple[int, int] = (0, 0)
    # A template failed since the last budget: the next one collects those
    # cycles before it measures the process, or what the failed template built
    # may still fill the room it sets (the next post's templates then could not
    # compile: one batch run in ten).
    collect = False


def _address_space() -> int:
    """The process's address space in bytes (what RLIMIT_AS limits); OSError without /proc."""
    import resource

    with Path("/proc/self/statm").open() as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _memory_limit(used: int) -> int:
    """The address space a template may take a process using ``used`` bytes to."""
    import os

    pid, size = _Budget.spent
    start = min(used, size) if pid == os.getpid() else used
    return start + BUDGET_MEMORY


def _note_failure(used: int) -> None:
    """A template failed in a budget opened at ``used`` bytes (see :attr:`_Budget.spent`)."""
    import os

    if _Budget.spent[0] != os.getpid() and _address_space() > used + SPENT_AFTER:
        _Budget.spent = (os.getpid(), used)


@contextmanager
def budget() -> Iterator[None]:
    """At most BUDGET_SECONDS and BUDGET_MEMORY more for the block (Linux, main thread).

    Loops the sandbox allows (``range`` is capped at 100,000, but two nested are
    10**10 steps) and allocations that slip past the size checks end in
    :class:`RenderTooCostly` or :class:`MemoryError` instead of hanging the
    machine. RenderTooCostly is a BaseException: Jinja's compiler catches every
    Exception while it folds constants, and would swallow a plain one.
    After a template that failed for its size, the process's templates are
    measured from the size it had then (:func:`_memory_limit`).

    The timer only acts between two steps of the interpreter; a single C call
    that outruns it (``p3 == q3`` on lists of shared lists) is ended by
    :mod:`postkit.render.watchdog` once the budget and its grace are over.
    """
    import gc
    import resource
    import signal
    import threading

    if (
        _Budget.active
        or threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "setitimer")
    ):
        yield
        return

    def too_slow(signum: int, frame: Any) -> None:
        raise RenderTooCostly(f"took over {BUDGET_SECONDS:g} s")

    from postkit.render import watchdog

    # First: the command's first budget forks its supervisor, which must not
    # inherit the timer or the memory limit set below.
    watchdog.prepare()
    compile_all()  # no pattern's first use may fail for the limit a failure left
    old_handler = signal.signal(signal.SIGALRM, too_slow)
    old_limit = resource.getrlimit(resource.RLIMIT_AS)
    limited = False
    used: int | None = None
    try:
        if _Budget.collect:
            _Budget.collect = False
            gc.collect()
        used = _address_space()
        wanted = _memory_limit(used)
        if old_limit[0] == resource.RLIM_INFINITY or old_limit[0] > wanted:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, old_limit[1]))
            limited = True
    except (OSError, ValueError):
        pass  # no /proc (or no such limit): the time bound still holds
    _Budget.active = True
    end_watch = watchdog.watch(BUDGET_SECONDS)
    signal.setitimer(signal.ITIMER_REAL, BUDGET_SECONDS)
    failed = False
    try:
        yield
    except BaseException:
        failed = True
        raise
    finally:
        try:
            # The memory limit first: what the template built may still be held
            # (by the exception on its way up), so any step that allocates (a
            # ``suppress`` is an object) could fail here and skip the restoring:
            # the 1 MiB template of ``a+a+…`` then ended in a cascade of MemoryErrors.
            if limited:
                try:  # noqa: SIM105  (see above: no object is made on this path)
                    resource.setrlimit(resource.RLIMIT_AS, old_limit)
                except (OSError, ValueError):
                    pass
        finally:
            try:
                # An alarm due as the block ends is handled once the call returns:
                # here it must not skip the restoring below (the block is over either way).
                with suppress(RenderTooCostly):
                    signal.setitimer(signal.ITIMER_REAL, 0)
                _Budget.active = False
                signal.signal(signal.SIGALRM, old_handler)
                if failed:
                    _Budget.collect = True
                    if used is not None:
                        with suppress(OSError, ValueError):
                            _note_failure(used)
            finally:
                end_watch()


def _too_large(size: object) -> bool:
    return isinstance(size, int) and abs(size) > MAX_BUILT


def check_binop(operator: str, left: Any, right: Any) -> None:
    """``*``, ``**`` and ``%`` run in one C call each: refuse the huge ones first."""
    if operator == "**":
        huge_power = isinstance(right, int) and abs(right) > MAX_EXPONENT
        if huge_power and isinstance(left, int | float) and abs(left) > 1:
            raise SecurityError(f"a power of {right} is too large")
    elif operator == "*":
        for seq, times in ((left, right), (right, left)):
            sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
            if sized and len(seq) * times > MAX_BUILT:
                raise SecurityError(
                    f"repeating a {type(seq).__name__} {times:,} times is too large"
                )
    elif operator == "%" and isinstance(left, str):
        check_percent(left, right)


# One %-conversion: an optional (key), flags, width and precision (digits or *).
_conversion = lazy_regex(
    r"%(?:\((?P<key>[^)]*)\))?[-#0 +]*(?P<width>\*|\d+)?"
    r"(?:\.(?P<precision>\*|\d*))?[hlL]?(?P<kind>.)?",
    re.DOTALL,
)


def check_percent(template: str, values: Any) -> None:
    """``template % values`` may not ask for a field wider or more precise than a post.

    A ``*`` takes its width or precision from the next value, so the values are
    walked as ``%`` would walk them.
    """
    if "%" not in template:
        return
    positional = values if isinstance(values, tuple) else (values,)
    index = 0
    for match in _conversion().finditer(template):
        if match["kind"] == "%" and not match["width"] and match["precision"] is None:
            continue  # "%%"
        for part in (match["width"], match["precision"]):
            if part == "*":
                size: object = positional[index] if index < len(positional) else None
                index += 1
            elif part:
                size = int(part) if len(part) < 30 else 10**30  # int() refuses 4,300 digits
            else:
                continue
            if _too_large(size):
                raise SecurityError(f"a field {_describe_size(size)} wide is too large")
        if match["key"] is None:
            index += 1


def _describe_size(size: object) -> str:
    return f"{size:,}" if isinstance(size, int) and abs(size) < 10**30 else "that"


_format_width = lazy_regex(r"\{[^{}]*:[^{}]*?(\d{6,})")  # "{:>1000000000}"


def check_format(template: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """``template.format(...)`` may not ask for a field wider than a post.

    A width from a nested field (``'{:>{w}}'.format('x', w=10**9)``) comes from
    the arguments, so a template with nested fields may not pass huge numbers.
    """
    for digits in _format_width().findall(template):
        size = int(digits) if len(digits) < 30 else 10**30
        if _too_large(size):
            raise SecurityError(f"a field {_describe_size(size)} wide is too large")
    if re.search(r"\{[^{}]*:[^{}]*\{", template):
        values = [*args, *kwargs.values()]
        values += [v for a in args if isinstance(a, Mapping) for v in a.values()]
        if any(_too_large(value) for value in values):
            raise SecurityError("a nested field width that large is too large")


_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})


def check_method(obj: Any, args: tuple[Any, ...]) -> None:
    """``'x'.ljust(10**9)`` and its kind: a str method padding past any post."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if not isinstance(owner, str) or not args:
        return
    if name in _WIDTH_METHODS and _too_large(args[0]):
        raise SecurityError(f"{name}({_describe_size(args[0])}) is too wide")
    if name == "expandtabs" and isinstance(args[0], int):
        _check_growth(name, owner.count("\t") * args[0])


def _check_growth(what: str, added: int) -> None:
    if added > MAX_BUILT:
        raise SecurityError(f"{what} would add {_describe_size(added)} characters, too many")


# The filters a template could grow a post (or a compile) with. Each wrapper
# takes the context, which keeps Jinja from folding it into a constant at
# compile time (outside the budget, and into the bytecode cache); then it checks
# what the call would build before the original filter runs.


def bounded_filters() -> dict[str, Callable[..., Any]]:
    """Replacements for Jinja's filters that can build far more than they are given.

    Each calls Jinja's own (synchronous) filter once its arguments pass.
    """
    from jinja2 import filters

    center, indent, fmt = filters.do_center, filters.do_indent, filters.do_format
    truncate, wordwrap, replace = filters.do_truncate, filters.do_wordwrap, filters.do_replace
    join, batch, slice_ = filters.sync_do_join, filters.do_batch, filters.sync_do_slice
    sum_ = filters.sync_do_sum

    @jinja2.pass_context
    def bounded_center(context: Any, value: Any, width: int = 80) -> Any:
        if isinstance(width, int):
            _check_growth("center", width - len(str(value)))
        return center(value, width)

    @jinja2.pass_context
    def bounded_indent(context: Any, s: Any, width: Any = 4, *args: Any, **kwargs: Any) -> Any:
        step = len(width) if isinstance(width, str) else width
        if isinstance(step, int):
            _check_growth("indent", step * (str(s).count("\n") + 1))
        return indent(s, width, *args, **kwargs)

    @jinja2.pass_context
    def bounded_format(context: Any, value: Any, *args: Any, **kwargs: Any) -> Any:
        check_percent(str(value), kwargs or args)
        return fmt(value, *args, **kwargs)

    @jinja2.pass_context
    def bounded_truncate(
        context: Any,
        s: Any,
        length: int = 255,
        killwords: bool = False,
        end: str = "...",
        leeway: int | None = None,
    ) -> Any:
        # Jinja asserts these; an assertion is not a message for a template's author.
        if isinstance(length, int) and length < len(end):
            raise FilterArgumentError(
                f"truncate({length}) is shorter than its end {end!r} ({len(end)} characters)"
            )
        if isinstance(leeway, int) and leeway < 0:
            raise FilterArgumentError(f"truncate's leeway may not be negative ({leeway})")
        return truncate(context.environment, s, length, killwords, end, leeway)

    @jinja2.pass_context
    def bounded_wordwrap(
        context: Any,
        s: Any,
        width: int = 79,
        break_long_words: bool = True,
        wrapstring: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if isinstance(width, int) and width > 0:
            wrap = len(wrapstring) if isinstance(wrapstring, str) else 1
            text = str(s)
            _check_growth("wordwrap", (len(text) // width + text.count("\n") + 1) * wrap)
        return wordwrap(
            context.environment, s, width, break_long_words, wrapstring, *args, **kwargs
        )

    @jinja2.pass_context
    def bounded_replace(context: Any, s: Any, old: Any, new: Any, count: int | None = None) -> Any:
        text, old_text, new_text = str(s), str(old), str(new)
        found = text.count(old_text) if old_text else len(text) + 1
        if isinstance(count, int) and count >= 0:
            found = min(found, count)
        _check_growth("replace", found * (len(new_text) - len(old_text)))
        return replace(context.eval_ctx, s, old, new, count)

    @jinja2.pass_context
    def bounded_join(context: Any, value: Any, d: Any = "", attribute: Any = None) -> Any:
        if d != "":
            if not hasattr(value, "__len__"):
                value = list(value)
            _check_growth("join", max(len(value) - 1, 0) * len(str(d)))
        return join(context.eval_ctx, value, d, attribute)

    @jinja2.pass_context
    def bounded_batch(context: Any, value: Any, linecount: int, fill_with: Any = None) -> Any:
        if fill_with is not None and _too_large(linecount):
            raise SecurityError(f"batches of {_describe_size(linecount)} are too large")
        return batch(value, linecount, fill_with)

    @jinja2.pass_context
    def bounded_slice(context: Any, value: Any, slices: int, fill_with: Any = None) -> Any:
        if _too_large(slices):
            raise SecurityError(f"{_describe_size(slices)} slices are too many")
        return slice_(value, slices, fill_with)

    @jinja2.pass_context
    def bounded_sum(context: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        if not isinstance(start, list | tuple):
            return sum_(context.environment, iterable, attribute, start)
        # Adding lists copies the total at every step, inside one C call that no
        # budget can stop (50,000 one-item lists: 10**9 copies). A loop here counts
        # the copies and stops at a bound, so the refusal does not hang on the
        # machine's speed (a fast one finished 100,000 lists inside the time budget).
        if attribute is not None:
            iterable = map(filters.make_attrgetter(context.environment, attribute), iterable)
        total = start
        copied = 0
        for item in iterable:
            total = total + item
            copied += len(total) if isinstance(total, list | tuple) else 0
            if copied > MAX_COPIED:
                raise SecurityError(f"sum copies more than {MAX_COPIED:,} items adding these lists")
        return total

    return {
        "center": bounded_center,
        "indent": bounded_indent,
        "format": bounded_format,
        "truncate": bounded_truncate,
        "wordwrap": bounded_wordwrap,
        "replace": bounded_replace,
        "join": bounded_join,
        "batch": bounded_batch,
        "slice": bounded_slice,
        "sum": bounded_sum,
    }


def check_output(text: str, filename: str) -> None:
    """What one template rendered: at most MAX_OUTPUT characters, all of them encodable."""
    if len(text) > MAX_OUTPUT:
        raise TemplateError(
            f"{filename}: the template rendered {len(text):,} characters; "
            f"a post holds far fewer (the bound is {MAX_OUTPUT:,})"
        )
    if not text.isascii():
        found = surrogate().search(text)
        if found is not None:
            raise TemplateError(
                f"{filename}: the template rendered a lone surrogate "
                f"(\\u{ord(found.group()):04x}), which is not a character and cannot be written"
            )
