"""The one Jinja environment (sandboxed, bounded, cached) and section rendering.

One factory builds the environment: sandboxed, immutable (user template sets run
untrusted), StrictUndefined (a typo fails instead of printing nothing),
autoescape off (posts are plain text, not HTML). Every Jinja failure becomes a
:class:`~postkit.errors.TemplateError` that names the template file and line.
"""

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext, suppress
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from postkit.errors import RenderTooCostly, TemplateError
from postkit.render.catalogue import LAYOUT, builtin_template_dir

# The sections of a post, in the order they are rendered. A template set may
# leave any of them out; ``post.j2`` lays out the ones it has.
SECTIONS = ("intro", "explanation", "examples", "tips", "cta", "hashtags")
MAX_BUILT = 100_000  # items or characters a template may build with * (a post is ~3,000)
MAX_EXPONENT = 1_000
RENDER_SECONDS = 5.0
RENDER_MEMORY = 512 * 1024 * 1024  # bytes of address space a render may add


class _BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, plus bounds on what Jinja's own sandbox lets through.

    ``'x' * 10**9`` and ``9**9**9`` run inside one C call, where neither the
    time limit nor a signal can stop them, so they are checked before they run.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def make_globals(self, d: Any = None) -> dict[str, Any]:
        """A template's globals as a plain dict, not Jinja's ``ChainMap``.

        Every render and every ``{% import %}`` copies the globals into a new
        context; a ChainMap is iterated in Python, which made that copy most of
        the cost of a short section (16 µs against 2 µs). postkit never changes
        ``env.globals`` after a template is loaded, so a snapshot sees the same.
        """
        return {**self.globals, **(d or {})}

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        huge_power = isinstance(right, int) and abs(right) > MAX_EXPONENT
        if operator == "**" and huge_power and isinstance(left, int | float) and abs(left) > 1:
            raise jinja2.exceptions.SecurityError(f"a power of {right} is too large")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
                if sized and len(seq) * times > MAX_BUILT:
                    raise jinja2.exceptions.SecurityError(
                        f"repeating a {type(seq).__name__} {times:,} times is too large"
                    )
        if operator == "%" and isinstance(left, str):
            _check_widths(left, r"%[-#0 +]*(\d{6,})|%[-#0 +]*\d*\.(\d{6,})")
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and isinstance(getattr(value, "__self__", None), str):
            _check_widths(value.__self__, r"\{[^{}]*:[^{}]*?(\d{6,})")  # "{:>1000000000}"
        return wrapped


def _check_widths(template: str, field: str) -> None:
    """A format string may not ask for a field wider than a post could ever be."""
    import re

    for groups in re.findall(field, template):
        digits = next(g for g in (groups if isinstance(groups, tuple) else (groups,)) if g)
        if int(digits) > MAX_BUILT:
            raise jinja2.exceptions.SecurityError(f"a field {int(digits):,} wide is too large")


@contextmanager
def render_limits() -> Iterator[None]:
    """At most RENDER_SECONDS and RENDER_MEMORY more for the render (Linux, main thread).

    Loops the sandbox allows (``range`` is capped at 100,000, but two nested are
    10**10 steps) and filters that build huge strings (``center(10**9)``) end in
    :class:`RenderTooCostly` or :class:`MemoryError` instead of hanging the machine.
    """
    import resource
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def too_slow(signum: int, frame: Any) -> None:
        raise RenderTooCostly(f"took over {RENDER_SECONDS:g} s")

    old_handler = signal.signal(signal.SIGALRM, too_slow)
    old_limit = resource.getrlimit(resource.RLIMIT_AS)
    try:
        with Path("/proc/self/statm").open() as statm:
            used = int(statm.read().split()[0]) * resource.getpagesize()
        wanted = used + RENDER_MEMORY
        if old_limit[0] == resource.RLIM_INFINITY or old_limit[0] > wanted:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, old_limit[1]))
    except (OSError, ValueError):
        old_limit = None  # type: ignore[assignment]
    signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_limit is not None:
            with suppress(OSError, ValueError):
                resource.setrlimit(resource.RLIMIT_AS, old_limit)


# How postkit's templates are read: plain text (no HTML escaping), a typo is an
# error, and block tags leave no blank lines behind. Loaded templates are kept in
# a plain dict (cache_size -1): a post loads five or more, and Jinja's default
# LRU moves each one along a deque under a lock on every load. The templates a
# process can load are the files in its template folders, so the dict is bounded.
TEMPLATE_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": False,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
    "cache_size": -1,
}


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache, but a full disk only skips the cache: the post still drafts."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def environment(template_dirs: tuple[Path, ...] = ()) -> ImmutableSandboxedEnvironment:
    """The one Jinja environment for these template folders (user folders first)."""
    from postkit.sources import cache

    search = [str(path) for path in (*template_dirs, builtin_template_dir())]
    compiled = cache.template_folder()
    env = _BoundedEnvironment(
        bytecode_cache=_QuietBytecodeCache(str(compiled)) if compiled else None,
        loader=jinja2.FileSystemLoader(search, encoding="utf-8"),
        **TEMPLATE_OPTIONS,
    )
    env.filters["first_sentence"] = first_sentence
    env.filters["random"] = _seeded_random
    env.tests["mentioning"] = mentioning
    env.globals["heading"] = heading
    env.globals["fits"] = _fits
    return env


def first_sentence(text: str) -> str:
    """The first sentence of a text (used by templates to keep items short)."""
    from postkit.sources.prose import sentences

    parts = sentences(text)
    return parts[0] if parts else text


def mentioning(text: str, name: str) -> bool:
    """``text is mentioning(title)``: the text names it as a whole word, in any case.

    The short intros lead with the title only when the definition does not name
    it already ("Kubernetes: Kubernetes is …" says it twice); a plain substring
    test would find "AI" in "said".
    """
    import re

    words = str(name).split()
    if not words:
        return False
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
    return re.search(pattern, str(text), re.IGNORECASE) is not None


def heading(voice: Any, section: str, count: int) -> str:
    """``heading(voice, "tips", n)``: a section's heading that agrees with its n items.

    A voice names each heading ``SECTION_heading``; one that counts ("A few tips
    to get started:") has a ``SECTION_heading_one`` for a single item ("One tip
    to get started:"). Voices without it (a user's older copy) keep one heading.
    """
    if count == 1:
        one = getattr(voice, f"{section}_heading_one", None)
        if isinstance(one, str):
            return one
    many = getattr(voice, f"{section}_heading", None)
    if not isinstance(many, str):
        raise jinja2.UndefinedError(f"the voice has no {section}_heading")
    return many


@jinja2.pass_context
def _fits(context: jinja2.runtime.Context, text: str) -> bool:
    """``fits(text)``: whether the text fits one post of the platform being drafted for.

    Layouts use it to shape a thread themselves. It measures as drafting does
    (:func:`postkit.platforms.threads.measure`), so a layout and drafting agree on what
    is too long.
    """
    from postkit.platforms.rules import get_platform
    from postkit.platforms.threads import measure

    platform = get_platform(str(context.get("platform") or "linkedin"))
    limit = context.get("limit") or platform.limit
    return measure(str(text).strip("\n"), platform).total <= int(limit)


def _template_location(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost template file and line in a traceback Jinja rewrote."""
    where = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "/templates/" in filename:
            where = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def _describe(name: str, location: tuple[str, int] | None) -> str:
    if location is None:
        return name
    return f"{location[0]}:{location[1]}"


@contextmanager
def template_errors(name: str) -> Iterator[None]:
    """Turn any Jinja failure inside the block into a one-line TemplateError."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        raise TemplateError(f"{where}: template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        where = _describe(name, _template_location(exc.__traceback__))
        raise TemplateError(f"{where}: undefined: {exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        where = _describe(name, _template_location(exc.__traceback__))
        raise TemplateError(f"{where}: blocked by the template sandbox: {exc}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"template {exc.name!r} not found (see `postkit templates list`)"
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{name}: template error: {exc.message or exc}") from None
    except (RecursionError, MemoryError, OverflowError, RenderTooCostly) as exc:
        where = _describe(name, _template_location(exc.__traceback__))
        raise TemplateError(
            f"{where}: template too costly to render ({type(exc).__name__})"
        ) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
        where = _describe(name, _template_location(exc.__traceback__))
        raise TemplateError(f"{where}: template error: {type(exc).__name__}: {exc}") from None


class Picker:
    """``pick(options)`` for templates: seeded per section, so choices are repeatable.

    It remembers whether it was called: a section that made no choice is a
    pure function of its context, and :func:`render_sections` may reuse it.
    """

    def __init__(self, seed: int | str | None, section: str) -> None:
        self._rng = random.Random(f"{seed}:{section}") if seed is not None else random.Random()
        self.used = False

    def __call__(self, options: Sequence[Any]) -> Any:
        self.used = True
        if isinstance(options, str) or not options:
            return options
        return options[self._rng.randrange(len(options))]


def picker(seed: int | str | None, section: str) -> Picker:
    """A seeded ``pick`` for one section."""
    return Picker(seed, section)


@jinja2.pass_context
def _seeded_random(context: jinja2.runtime.Context, options: Sequence[Any]) -> Any:
    """Jinja's ``random`` filter, drawn from the section's seeded ``pick``.

    The stock filter ignores ``--seed``; this one keeps posts repeatable and
    lets the section cache know that a choice was made.
    """
    pick = context.get("pick")
    return pick(options) if callable(pick) else options


class SectionKey:
    """A cache key that hashes its parts once (a Topic hashes all its fields)."""

    __slots__ = ("_hash", "parts")

    def __init__(self, *parts: Hashable) -> None:
        self.parts = parts
        self._hash = hash(parts)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, SectionKey)
            and self._hash == other._hash
            and self.parts == other.parts
        )


# Sections that made no random choice, by everything their context is made of
# (see drafting), then by section name (None: the set has no such section): a
# batch renders the same topic's explanation, examples and tips many times, and
# templates are pure in the sandbox. One lookup of the context's key serves all
# of a post's sections; the oldest context goes first.
_SECTION_CACHE: OrderedDict[Hashable, dict[str, str | None]] = OrderedDict()
SECTION_CACHE_SIZE = 1024  # contexts, each with up to len(SECTIONS) sections


def _cached_sections(key: Hashable) -> dict[str, str | None]:
    found = _SECTION_CACHE.get(key)
    if found is None:
        found = _SECTION_CACHE[key] = {}
        if len(_SECTION_CACHE) > SECTION_CACHE_SIZE:
            _SECTION_CACHE.popitem(last=False)
    return found


def render_sections(
    template_set: str,
    context: Mapping[str, Any],
    *,
    seed: int | str | None = None,
    template_dirs: tuple[Path, ...] = (),
    finish: Callable[[str], str] | None = None,
    cache_key: Hashable | None = None,
) -> tuple[dict[str, str], str]:
    """Render each section of a template set, then the layout; return both.

    ``finish`` post-processes each section before the layout joins them (the
    emoji level and the tone's rules apply per section). ``cache_key``, when
    given, must stand for everything in ``context`` and ``finish``: sections
    that made no random choice are then reused for the same key.
    """
    env = environment(template_dirs)
    # Time and memory bounds guard against user templates; the built-in ones are
    # ours, and the bounds' system calls would cost a batch a third of its speed.
    limits = render_limits if template_dirs else nullcontext
    sections: dict[str, str] = {}
    cached = None
    if cache_key is not None:
        cached = _cached_sections((cache_key, template_dirs, template_set))
    for section in SECTIONS:
        if cached is not None and section in cached:
            known = cached[section]
            if known is not None:
                sections[section] = known
            continue
        name = f"{template_set}/{section}.j2"
        pick = picker(seed, section)
        with template_errors(name):
            try:
                template = env.get_template(name)
            except jinja2.TemplateNotFound as exc:
                if exc.name != name:
                    raise
                if cached is not None:
                    cached[section] = None
                continue
            with limits():
                text = template.render({**context, "pick": pick})
        text = text.strip("\n")
        sections[section] = finish(text).strip("\n") if finish else text
        if cached is not None and not pick.used:
            cached[section] = sections[section]
    layout = f"{template_set}/{LAYOUT}"
    with template_errors(layout):
        template = env.get_template(layout)
        with limits():
            body = template.render({**context, "sections": sections})
    return sections, body
