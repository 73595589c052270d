"""Caches that only ever save time, never change results: on disk, and in memory by size.

Parsed topic pages and compiled templates are kept in the user's cache folder
(``POSTKIT_CACHE_DIR``, else the platform's cache dir), keyed by file path,
size and modification time and by the parsing code's own change time. A missing, corrupt,
read-only or full cache is ignored: postkit then parses again.
``POSTKIT_NO_CACHE=1`` turns it off.

In memory, what a process keeps of the topics it drafted (and of what is made
from them) is a :class:`SizedCache`, bounded by its total size as well as by
its number of entries: a topic read from a long page can hold megabytes, so a
count alone bounds nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
from collections import OrderedDict
from collections.abc import Hashable
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from postkit.atomic import write_atomically

FORMAT = 1  # bump when what is stored changes shape


@cache
def cache_dir() -> Path | None:
    """The folder for cached data, or None when caching is off."""
    if os.environ.get("POSTKIT_NO_CACHE"):
        return None
    override = os.environ.get("POSTKIT_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("postkit", appauthor=False))


# The modules whose code decides what a cached topic holds; their change times
# are part of every key, so an upgrade (or an edit in a checkout) re-parses.
# (model.py defines the Topic a cached page becomes.)
_PARSER_MODULES = (
    "pages.py", "frontmatter.py", "markup.py", "outline.py", "kinds.py", "headings.py",
    "choosing.py", "shapes.py", "language.py", "topics.py", "prose.py", "cache.py",
    "../model.py",
)  # fmt: skip


@cache
def code_stamp() -> str:
    """A stamp of the parsing code (cheaper than reading package metadata)."""
    here = Path(__file__).resolve().parent
    stamps = []
    for name in _PARSER_MODULES:
        try:
            stamps.append(str((here / name).stat().st_mtime_ns))
        except OSError:
            stamps.append("0")
    return "-".join(stamps)


def file_key(path: Path) -> str | None:
    """A key that changes whenever the file does; None if it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return f"{FORMAT}|{code_stamp()}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


# postkit writes far smaller files (topics.json keeps at most 1 MiB: see
# sources/topics.py); a larger one is not postkit's, or from an older version,
# and reading it would cost every run its time and memory.
MAX_FILE_BYTES = 4 * 1024 * 1024


def load(name: str) -> dict[str, Any]:
    """A cached JSON mapping, or an empty one (also for a file over MAX_FILE_BYTES)."""
    folder = cache_dir()
    if folder is None:
        return {}
    try:
        with (folder / name).open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            return {}
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def store(name: str, data: dict[str, Any]) -> None:
    """Write a JSON mapping atomically; any failure is ignored (it is only a cache)."""
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError, TypeError, ValueError):
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / name, json.dumps(data, ensure_ascii=False))


def template_folder() -> Path | None:
    """Where Jinja keeps compiled templates, or None when caching is off."""
    folder = cache_dir()
    if folder is None:
        return None
    # Jinja keys each entry by template source and its own version, not by how the
    # environment compiles it: code compiled before a sandbox fix (compose.py's
    # intercepted operators, bounds.py's filters) must not outlive the fix, so the
    # newer of the two stamps the folder.
    render = Path(__file__).resolve().parents[1] / "render"
    try:
        stamp = max((render / name).stat().st_mtime_ns for name in ("compose.py", "bounds.py"))
    except OSError:
        stamp = 0
    target = folder / "jinja" / str(stamp)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    _prune(target)
    return target if os.access(target, os.W_OK) else None


def _prune(keep: Path) -> None:
    """Remove what other versions of compose.py compiled beside ``keep``: it is never
    read again, and a user's cache would otherwise grow with every upgrade."""
    import shutil

    with contextlib.suppress(OSError):
        for entry in keep.parent.iterdir():
            if entry == keep:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    entry.unlink()


def current(key: str) -> bool:
    """Whether a key made by :func:`file_key` comes from this version of the code."""
    return key.startswith(f"{FORMAT}|{code_stamp()}|")


_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")

_OBJECT_BYTES = 64  # what a tuple, dict or object costs besides what it holds, roughly


def size_of(value: object) -> int:
    """About how many bytes ``value`` keeps alive: its strings (what a topic is
    mostly made of) at their real size, in tuples, lists, dicts and dataclasses,
    plus a little for each container and any other object."""
    if isinstance(value, str):
        return sys.getsizeof(value)
    if isinstance(value, tuple | list | set | frozenset):
        return _OBJECT_BYTES + sum(map(size_of, value))
    if isinstance(value, dict):
        return _OBJECT_BYTES + sum(size_of(key) + size_of(item) for key, item in value.items())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = [getattr(value, field.name) for field in dataclasses.fields(value)]
        return _OBJECT_BYTES + sum(map(size_of, parts))
    return _OBJECT_BYTES


class SizedCache(Generic[_K, _V]):
    """Values by key, at most ``entries`` of them and ``size`` bytes in all; the
    least recently used go first, and a value larger than the whole budget is
    never kept.

    The caller gives each entry's size when it puts it (:func:`size_of` of the
    key and value, usually), on a miss only: a hit costs one dict lookup, as
    much as ``functools.lru_cache``.
    """

    def __init__(self, entries: int, size: int) -> None:
        self.entries = entries
        self.size = size
        self._values: OrderedDict[_K, tuple[_V, int]] = OrderedDict()
        self._total = 0

    def get(self, key: _K) -> _V | None:
        """The value kept for ``key``, or None; a hit makes it the most recent."""
        found = self._values.get(key)
        if found is None:
            return None
        self._values.move_to_end(key)
        return found[0]

    def put(self, key: _K, value: _V, size: int) -> _V:
        """Keep ``value`` for ``key`` (``size``: the bytes it keeps alive); return it."""
        if size > self.size:
            return value
        old = self._values.pop(key, None)
        if old is not None:
            self._total -= old[1]
        self._values[key] = (value, size)
        self._total += size
        while len(self._values) > self.entries or self._total > self.size:
            _, (_, dropped) = self._values.popitem(last=False)
            self._total -= dropped
        return value

    @property
    def total(self) -> int:
        """The bytes kept now, as the sizes given to :meth:`put` add up."""
        return self._total

    def __len__(self) -> int:
        return len(self._values)

    def clear(self) -> None:
        """Forget everything."""
        self._values.clear()
        self._total = 0
