"""The one Jinja environment (sandboxed, bounded, cached) and section rendering.

One factory builds the environment: sandboxed, immutable (user template sets run
untrusted), StrictUndefined (a typo fails instead of printing nothing),
autoescape off (posts are plain text, not HTML). Every Jinja failure becomes a
:class:`~postkit.errors.TemplateError` that names the template file and line.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext, suppress
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from postkit.errors import RenderTooCostly, TemplateError, TemplateNotFoundError
from postkit.render import bounds
from postkit.render.catalogue import LAYOUT, builtin_template_dir
from postkit.render.kinds import DEFAULT_KIND, item_line, sections_of, template_names
from postkit.render.loader import ConfinedLoader
from postkit.sources.cache import SizedCache, size_of

# The sections of a post about a concept, in the order they are rendered (the
# other page kinds have their own: render/kinds.py). A template set may leave
# any of them out; ``post.j2`` lays out the ones it has.
SECTIONS = sections_of(DEFAULT_KIND)


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
        bounds.check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(
        __self,  # Jinja's own spelling: a template may pass an argument named "self"
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        bounds.check_method(__obj, args)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        template = getattr(value, "__self__", None)
        if wrapped is None or not isinstance(template, str):
            return wrapped
        call = wrapped

        def checked(*args: Any, **kwargs: Any) -> str:
            bounds.check_format(template, args, kwargs)
            return call(*args, **kwargs)

        return checked


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
    """Jinja's bytecode cache, but a full disk only skips the cache: the post still drafts.

    A template's code is kept only up to MAX_BYTECODE_BYTES (a built-in one is
    ~7 KB): constants Jinja folded while compiling are part of it, and a cache
    must not grow by what one template can make.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as file:  # noqa: PTH123
                # Read by the file's size: a read of MAX_BYTECODE_BYTES allocates that
                # much first, for a file of a few KB. The cache replaces its files
                # whole (write, then rename), so an open file keeps its size.
                size = os.fstat(file.fileno()).st_size
                if size > bounds.MAX_BYTECODE_BYTES:
                    return
                data = file.read(size + 1)
        except OSError:
            return
        if len(data) == size:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if len(bucket.bytecode_to_string()) > bounds.MAX_BYTECODE_BYTES:
            return
        with suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def environment(template_dirs: tuple[Path, ...] = ()) -> ImmutableSandboxedEnvironment:
    """The one Jinja environment for these template folders (user folders first)."""
    from postkit.sources import cache

    compiled = cache.template_folder()
    # Code compiled with the bounded filters calls them differently (they take
    # the context), so it is kept apart from the built-in environment's code.
    pattern = "__jinja2_bounded_%s.cache" if template_dirs else "__jinja2_%s.cache"
    env = _BoundedEnvironment(
        bytecode_cache=_QuietBytecodeCache(str(compiled), pattern) if compiled else None,
        loader=ConfinedLoader(template_dirs, builtin_template_dir()),
        **TEMPLATE_OPTIONS,
    )
    if template_dirs:
        env.filters.update(bounds.bounded_filters())
    env.filters["first_sentence"] = first_sentence
    env.filters["random"] = _seeded_random
    env.filters["upper_first"] = upper_first
    env.filters["item_line"] = item_line
    env.tests["mentioning"] = mentioning
    env.globals["heading"] = heading
    env.globals["counted"] = counted
    env.globals["kind_phrase"] = kind_phrase
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
        raise jinja2.UndefinedError(f"{_voice_name(voice)} has no {section}_heading")
    return many


def counted(voice: Any, name: str, count: int) -> str:
    """``counted(voice, "more", 3)``: a voice's phrase about ``count`` things, in the
    form that agrees with it (``more_one`` for one, else ``more``), ``{n}`` filled in."""
    phrase = getattr(voice, f"{name}_one", None) if count == 1 else None
    if not isinstance(phrase, str):
        phrase = getattr(voice, name, None)
    if not isinstance(phrase, str):
        raise jinja2.UndefinedError(f"{_voice_name(voice)} has no {name}")
    return phrase.replace("{n}", str(count))


def _voice_name(voice: Any) -> str:
    return str(getattr(voice, "__name__", None) or "the voice")


@jinja2.pass_context
def kind_phrase(context: jinja2.runtime.Context, voice: Any, name: str) -> Any:
    """``kind_phrase(voice, "hooks")``: the voice's phrases for the page's kind.

    A voice names a kind's own phrases ``KIND_NAME`` (``howto_hooks``,
    ``changelog_link_label``); a kind without them, and a voice that predates
    kinds, uses the plain ``NAME``.
    """
    kind = context.get("kind")
    for attribute in (f"{kind}_{name}", name) if kind else (name,):
        value = getattr(voice, attribute, None)
        if value is not None and not isinstance(value, jinja2.Undefined):
            return value
    raise jinja2.UndefinedError(f"{_voice_name(voice)} has no {name}")


def upper_first(text: str) -> str:
    """``"version 2.0 is out"`` → ``"Version 2.0 is out"`` (unlike ``capitalize``,
    the rest keeps its case: ``iOS`` and ``FastAPI`` stay as written)."""
    text = str(text)
    return text[:1].upper() + text[1:]


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
    """The innermost template file and line in a traceback.

    Jinja rewrites the traceback of an Exception to template lines; the end of
    a budget (a BaseException) passes by unrewritten, so a frame of compiled
    template code has its line mapped here, as Jinja would.
    """
    where = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "/templates/" in filename:
            line = tb.tb_lineno
            template = tb.tb_frame.f_globals.get("__jinja_template__")
            if isinstance(template, jinja2.Template):
                line = template.get_corresponding_lineno(line)
            where = (filename, line)
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
        raise TemplateNotFoundError(str(exc.name)) from None
    except jinja2.TemplateError as exc:
        where = _describe(name, _template_location(exc.__traceback__))
        raise TemplateError(f"{where}: template error: {exc.message or exc}") from None
    except (RecursionError, MemoryError, OverflowError, RenderTooCostly) as exc:
        where = _describe(name, _template_location(exc.__traceback__))
        why = str(exc) if isinstance(exc, RenderTooCostly) else type(exc).__name__
        raise TemplateError(f"{where}: template too costly to compile or render ({why})") from None
    except SyntaxError as exc:
        # Python's own compiler refuses what Jinja generated: blocks nested too
        # deeply (25 nested for, 100 nested if). Its line is one of the code's.
        where = exc.filename if exc.filename and exc.filename != "<template>" else name
        raise TemplateError(
            f"{where}: template nested too deeply to compile ({exc.msg}); flatten it"
        ) from None
    except AssertionError as exc:
        # A Jinja filter asserting on its arguments (the bounded truncate checks
        # first; any other one is still the template's error, not postkit's).
        where = _describe(name, _template_location(exc.__traceback__))
        raise TemplateError(f"{where}: template error: {exc}") from None
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
# of a post's sections; the oldest context goes first. The key holds the topic,
# so the cache is bounded by size too: a batch of many long pages must not keep
# every page's topic (1,024 contexts of built-in topics count about 8 MiB).
SECTION_CACHE_SIZE = 1024  # contexts, each with up to len(SECTIONS) sections
SECTION_CACHE_BYTES = 16 * 1024 * 1024
_SECTION_CACHE: SizedCache[Hashable, dict[str, str | None]] = SizedCache(
    SECTION_CACHE_SIZE, SECTION_CACHE_BYTES
)


def _keep_sections(key: Hashable, cache_key: Hashable, sections: dict[str, str | None]) -> None:
    """Keep a context's sections, weighed with what its key holds (topic, options)."""
    held = cache_key.parts if isinstance(cache_key, SectionKey) else cache_key
    _SECTION_CACHE.put(key, sections, size_of(held) + size_of(sections))


# Section files a template set does not have, by folders and name: a page kind
# looks in its own folder first (render/kinds.py), and Jinja does not remember
# a miss, so each draft would search every folder again.
_MISSING: set[tuple[tuple[Path, ...], str]] = set()


def _first_template(
    env: jinja2.Environment, template_dirs: tuple[Path, ...], names: Sequence[str]
) -> jinja2.Template | None:
    """The first of ``names`` that exists, or None when none does."""
    for name in names:
        if (template_dirs, name) in _MISSING:
            continue
        try:
            return env.get_template(name)
        except jinja2.TemplateNotFound as exc:
            if exc.name != name:
                raise
            _MISSING.add((template_dirs, name))
    return None


def render_sections(
    template_set: str,
    context: Mapping[str, Any],
    *,
    seed: int | str | None = None,
    template_dirs: tuple[Path, ...] = (),
    finish: Callable[[str], str] | None = None,
    cache_key: Hashable | None = None,
    kind: str = DEFAULT_KIND,
) -> tuple[dict[str, str], str]:
    """Render each section of a template set, then the layout; return both.

    ``kind`` names the page kind: its sections (:func:`postkit.render.kinds.sections_of`)
    are looked for in the set's folder for the kind first. ``finish``
    post-processes each section before the layout joins them (the emoji level
    and the tone's rules apply per section). ``cache_key``, when given, must
    stand for everything in ``context`` and ``finish``: sections that made no
    random choice are then reused for the same key.
    """
    env = environment(template_dirs)
    # Time and memory bounds guard against user templates (the built-in ones are
    # ours, and the bounds' system calls would cost a batch a third of its speed):
    # one budget for the whole post, every section and the layout compiled and
    # rendered within it, so that many slow sections cannot add up to minutes.
    limits = bounds.budget if template_dirs else nullcontext
    with template_errors(template_set) if template_dirs else nullcontext(), limits():
        sections: dict[str, str] = {}
        cached: dict[str, str | None] = {}
        fresh: dict[str, str | None] | None = None  # what this render adds to the cache
        if cache_key is not None:
            # Whether a section picks depends on its context alone: a context is kept
            # once, when first rendered; a section that picked then is never kept.
            key = (cache_key, template_dirs, template_set)
            found = _SECTION_CACHE.get(key)
            if found is None:
                fresh = {}
            else:
                cached = found
        for section in sections_of(kind):
            if section in cached:
                known = cached[section]
                if known is not None:
                    sections[section] = known
                continue
            names = template_names(template_set, kind, section)
            pick = picker(seed, section)
            with template_errors(names[-1]):
                template = _first_template(env, template_dirs, names)
                if template is None:
                    if fresh is not None:
                        fresh[section] = None
                    continue
                text = template.render({**context, "pick": pick})
                if template_dirs:
                    bounds.check_output(text, template.filename or names[-1])
            text = text.strip("\n")
            sections[section] = finish(text).strip("\n") if finish else text
            if fresh is not None and not pick.used:
                fresh[section] = sections[section]
        if fresh is not None:
            _keep_sections(key, cache_key, fresh)
        layout = f"{template_set}/{LAYOUT}"
        with template_errors(layout):
            names = template_names(template_set, kind, LAYOUT.removesuffix(".j2"))
            template = _first_template(env, template_dirs, names[:-1]) or env.get_template(layout)
            body = template.render({**context, "sections": sections})
            if template_dirs:
                bounds.check_output(body, template.filename or layout)
    return sections, body
