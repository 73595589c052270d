"""Where templates are read from: a user's folders, confined, then the built-in sets.

Jinja's ``FileSystemLoader`` refuses ``..`` in a template name but follows
links: ``ln -s /etc/passwd T/linkedin/pw.j2`` and ``{% include 'linkedin/pw.j2' %}``
would print the password file in a post. Here every file in a user's folder is
resolved first, and one that leads outside the folder (a linked file, a linked
folder on the way, a linked ``intro.j2``) is refused, as is anything but a
regular file of at most :data:`~postkit.render.bounds.MAX_TEMPLATE_BYTES`
(a FIFO would hang the read, ``/dev/zero`` would never end). A link that stays
inside the folder is fine, and so is a folder given as a link. The same check
reads the files ``postkit templates show`` prints (:func:`read_template_file`)
and keeps ``templates eject`` from writing through a link out of its folder
(:func:`resolve_in`).

Loading a template from a user's folder, compiling it included, runs under the
same budget as rendering it: Jinja folds constant expressions while it compiles.
A compile that runs out of the budget's memory lets go of what it built before
it says so, naming the file.
The built-in sets are ours and load as Jinja loads them.
"""

from __future__ import annotations

import gc
import os
import posixpath
import stat
from collections.abc import Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path

from postkit.errors import TemplateError, quote_name
from postkit.render.bounds import MAX_TEMPLATE_BYTES, budget


class ConfinedLoader(jinja2.FileSystemLoader):
    """The user's template folders (each one confined), then the built-in folder."""

    def __init__(self, user_folders: Sequence[Path], builtin: Path) -> None:
        super().__init__([*map(str, user_folders), str(builtin)], encoding="utf-8")
        self._roots = [os.path.realpath(folder) for folder in user_folders]
        self._builtin = jinja2.FileSystemLoader(str(builtin), encoding="utf-8")

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        """Read, compile and load a template; within a budget when user folders are searched."""
        if not self._roots:
            return super().load(environment, name, globals)
        with budget():
            try:
                return super().load(environment, name, globals)
            except MemoryError as exc:
                # The frames of a compile that ran out of memory hold what it built
                # (a parse tree of half a million nodes): they go first, or even
                # the message could not be made within the same limit. Each
                # MemoryError raised while the compile unwound holds frames too.
                _let_go(exc)
                found = self._user_file(name)
                where = quote_name(found[0]) if found else name
                raise TemplateError(
                    f"{where}: template too costly to compile (MemoryError)"
                ) from None

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        found = self._user_file(template)
        if found is not None:
            return _read_confined(*found)
        return self._builtin.get_source(environment, template)

    def _user_file(self, template: str) -> tuple[str, str] | None:
        """The file a template name stands for in a user folder, and that folder's
        real path; None when it is not in any (the built-in folder comes last)."""
        pieces = split_template_path(template)
        for searchpath, root in zip(self.searchpath, self._roots, strict=False):
            # posixpath, as Jinja does: no drive or UNC part can leave the folder.
            filename = posixpath.join(searchpath, *pieces)
            if os.path.lexists(filename):
                return os.path.normpath(filename), root
        return None


def _let_go(exc: BaseException) -> None:
    """Drop the frames an exception and those it was raised during hold, and
    with them what those frames built; the frames that refer to their own
    exception are freed by a collection."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__context__
    gc.collect()


def read_template_file(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> str:
    """The text of ``path``, a template file in the template folder ``folder``.

    Read as the loader reads a user's template: refused (:class:`TemplateError`)
    when it leads outside the folder, is not a regular file, is too big or is
    not UTF-8. What ``postkit templates show`` prints is read here, so it
    never shows a file that drafting would refuse to load.
    """
    text, _, _ = _read_confined(os.path.normpath(path), os.path.realpath(folder))
    return text


def resolve_in(path: str | os.PathLike[str], root: str) -> tuple[str, bool]:
    """Where ``path`` really leads, and whether that stays inside the real folder ``root``.

    The one confinement check, for reading a template and for ejecting the
    built-in ones into a folder: every link on the way is followed, a dangling
    one to where it points. ``root`` is a real path (``os.path.realpath``).
    The path is resolved once: what is checked is what the caller opens.
    """
    real = os.path.realpath(path)
    return real, os.path.commonpath([real, root]) == root


def _read_confined(filename: str, root: str) -> tuple[str, str, Callable[[], bool]]:
    """A template file that must stay inside ``root``: whole, regular and small."""
    real, inside = resolve_in(filename, root)
    if not inside:
        raise TemplateError(
            f"{quote_name(filename)}: refused: it leads outside its template folder "
            f"{quote_name(root)} (to {quote_name(real)}); "
            "copy the file into the folder instead of linking it"
        )
    try:
        # Non-blocking, so a FIFO cannot hang the open; fstat then refuses it.
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise TemplateError(
            f"{quote_name(filename)}: cannot read the template ({exc.strerror})"
        ) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # before fdopen, which refuses a folder with an OSError
        os.close(fd)
        raise TemplateError(f"{quote_name(filename)}: refused: a template must be a regular file")
    with os.fdopen(fd, "rb") as file:
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(_too_big(filename))
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(_too_big(filename))
    mtime = info.st_mtime

    def uptodate() -> bool:
        try:
            return Path(filename).stat().st_mtime == mtime
        except OSError:
            return False

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(
            f"{quote_name(filename)}: the template is not UTF-8 "
            f"(byte {data[exc.start]:#04x} at {exc.start})"
        ) from None
    return text, filename, uptodate


def _too_big(filename: str) -> str:
    return (
        f"{quote_name(filename)}: refused: the template is over {MAX_TEMPLATE_BYTES // 1024:,} KB "
        "(a post's template is a few KB)"
    )
