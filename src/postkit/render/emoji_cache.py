"""What finishing looks up about emoji, kept in the disk cache.

Importing the emoji package (its data is a large JSON file) and building the
shortcode table from it cost a draft more time than everything else postkit
does. What finishing looks up is small: the answers for the few shortcodes
that posts use, and the characters written with U+FE0F. So the cache keeps
those, learning each new shortcode once; a draft whose shortcodes are all known
does not import the package (:func:`postkit.emoji_forms.use_tables`). The
entry is keyed by the emoji package's own files and by emoji_forms.py (sizes
and change times), so an upgrade of either starts it afresh; a missing or
damaged entry is rebuilt.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from postkit import emoji_forms

ENTRY = "emoji-tables.json"
FORMAT = 1  # bump when what export_tables returns changes shape
# Posts use a few dozen shortcodes; a page full of ``:word:`` tokens (times,
# Python slices) must not grow the entry without end.
MAX_SHORTCODES = 2000


def package_stamp() -> str | None:
    """A stamp of the installed emoji package and of emoji_forms.py, found without
    importing the package; None when it cannot be found."""
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("emoji")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    stamps = [str(FORMAT)]
    try:
        for folder in (package, package / "unicode_codes"):
            with os.scandir(folder) as entries:
                for entry in sorted(entries, key=lambda entry: entry.name):
                    if entry.name.endswith((".py", ".json")) and entry.is_file():
                        stat = entry.stat()
                        stamps.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
        own = Path(emoji_forms.__file__).stat()
    except OSError:
        return None
    stamps.append(f"emoji_forms:{own.st_size}:{own.st_mtime_ns}")
    return f"{package}|{'|'.join(stamps)}"


@cache
def _stamp() -> str | None:
    return package_stamp()


# The shortcodes the cache entry answers (given to emoji_forms), once it is read;
# "stored" is False until an entry for this emoji package is read or written.
_entry: dict[str, Any] = {}


def _read_entry() -> dict[str, str | None] | None:
    """The shortcodes the entry answers, now given to emoji_forms; None when the
    cache is off or the emoji package cannot be found."""
    if not _entry:
        from postkit.sources import cache as disk

        _entry["names"] = None
        if disk.cache_dir() is not None and _stamp() is not None:
            stored = disk.load(ENTRY)
            given = stored.get("stamp") == _stamp() and emoji_forms.use_tables(stored)
            _entry.update(names=stored["names"] if given else {}, stored=given)
    names: dict[str, str | None] | None = _entry["names"]
    return names


def learn_shortcodes(text: str) -> None:
    """Have emoji_forms answer every shortcode in ``text`` from the cache, adding
    those it does not know yet (at most MAX_SHORTCODES; beyond them the emoji
    package answers). With the cache off, nothing changes."""
    known = _read_entry()
    if known is None:
        return
    new = emoji_forms.shortcodes_in(text).difference(known)
    if _entry["stored"] and not new:
        return  # the usual case: the entry answers everything
    if len(known) + len(new) > MAX_SHORTCODES:
        return
    from postkit.sources import cache as disk

    tables = emoji_forms.export_tables({*known, *new})
    disk.store(ENTRY, {"stamp": _stamp(), **tables})
    emoji_forms.use_tables(tables)
    known.update(tables["names"])
    _entry["stored"] = True
