"""A small on-disk cache that only ever saves time, never changes results.

Parsed topic pages and compiled templates are kept in the user's cache folder
(``POSTKIT_CACHE_DIR``, else the platform's cache dir), keyed by file path,
size and modification time and by the parsing code's own change time. A missing, corrupt,
read-only or full cache is ignored: postkit then parses again.
``POSTKIT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

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


def load(name: str) -> dict[str, Any]:
    """A cached JSON mapping, or an empty one."""
    folder = cache_dir()
    if folder is None:
        return {}
    try:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
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
