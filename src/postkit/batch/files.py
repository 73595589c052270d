"""Batch output: safe file names, atomic writes, the manifest, resuming.

No row can write outside the output folder: a name is one path component made
of letters, digits, ``-``, ``_`` and ``.``, never hidden, never ``..``, never a
Windows device name. Every post is written to a temporary file in the same
folder, flushed to disk and renamed over its name (``os.replace`` is atomic),
so after Ctrl-C, ``kill -9`` or a power cut there is either the whole post or
none. Temporary files left by a killed run are removed by the next run.
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import Any

from postkit.atomic import write_atomically
from postkit.batch.lock import FolderLock
from postkit.errors import OutputError, quote_name

MANIFEST = "manifest.jsonl"
SUFFIX = ".txt"
MAX_STEM_BYTES = 150  # leaves room for "-12345.txt" and the temporary prefix under 255
_TEMP_TAG = ".postkit-tmp"
_TEMP = re.compile(r"^\..*\.(\d+)" + re.escape(_TEMP_TAG) + r"$", re.DOTALL)
# One line, one write: O_APPEND puts each whole line at the end. A link planted
# at the manifest's name is not followed (a batch writes inside DIR only).
_MANIFEST_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND
for _flag in ("O_NOFOLLOW", "O_CLOEXEC", "O_BINARY"):  # POSIX, and Windows' O_BINARY
    _MANIFEST_FLAGS |= getattr(os, _flag, 0)
_UNSAFE = re.compile(r"[^\w.\-]+")
_DASHES = re.compile(r"-{2,}")
_SPACES = re.compile(r"\s+")

# Device names Windows reserves in any folder and with any extension
# (https://learn.microsoft.com/windows/win32/fileio/naming-a-file#naming-conventions),
# including the superscript-digit forms.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{port}{digit}" for port in ("com", "lpt") for digit in "0123456789¹²³"}
)


def safe_stem(raw: str) -> str:
    """One harmless file-name stem from any text (an id, a topic, a page name)."""
    text = unicodedata.normalize("NFKC", raw)  # fullwidth ／ becomes / and is then replaced
    text = _DASHES.sub("-", _UNSAFE.sub("-", text)).strip(".-_ ")
    encoded = text.encode("utf-8")[:MAX_STEM_BYTES]
    text = encoded.decode("utf-8", errors="ignore").rstrip(".-_ ")
    if not text:
        return "post"
    if text.split(".", 1)[0].casefold() in _RESERVED:
        return f"_{text}"
    return text


def slug(name: str) -> str:
    """``Generative AI`` → ``generative-ai`` (letters of any script are kept)."""
    return safe_stem(_SPACES.sub("-", name.strip().casefold()))


def post_stem(*, post_id: str | None, topic: str | None, page: Path | None, platform: str) -> str:
    """A row's file stem: its id, else the topic (or page) slug plus the platform."""
    if post_id:
        return safe_stem(post_id)
    base = page.stem if page is not None else (topic or "")
    return f"{slug(base)}.{safe_stem(platform)}"


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT until the block is done, then raise KeyboardInterrupt as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputFolder:
    """The folder a batch writes into: names, atomic post files and the manifest."""

    def __init__(self, path: Path, *, skip_existing: bool = False) -> None:
        self.path = path
        self.skip_existing = skip_existing
        self._used: set[str] = set()
        self._manifest: int | None = None  # a descriptor opened with O_APPEND
        self._lock = FolderLock(path)

    def __enter__(self) -> OutputFolder:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise OutputError(
                f"{quote_name(self.path)}: exists and is not a folder; give another -o"
            ) from None
        except OSError as exc:
            raise OutputError(
                f"{quote_name(self.path)}: cannot create the folder ({exc.strerror})"
            ) from None
        self._lock.acquire()  # before anything in the folder is removed or truncated
        try:
            self.remove_stale_temps()
            self._manifest = os.open(self.path / MANIFEST, _MANIFEST_FLAGS, 0o666)
        except OSError as exc:
            self._lock.release()
            raise OutputError(
                f"{self.path / MANIFEST}: cannot write ({exc.strerror}); check the folder"
            ) from None
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._manifest is not None:
                manifest, self._manifest = self._manifest, None
                try:
                    os.fsync(manifest)
                except OSError as error:  # a full disk; an error already on its way says more
                    if exc is None:
                        raise OutputError(
                            f"{self.path / MANIFEST}: cannot write ({error.strerror}); "
                            "check the folder"
                        ) from None
                finally:
                    with suppress(OSError):
                        os.close(manifest)
            self._sync_folder()
        finally:
            self._lock.release()

    def remove_stale_temps(self) -> list[str]:
        """Delete temporary files left by runs that were killed; their names."""
        removed: list[str] = []
        with os.scandir(self.path) as entries:
            for entry in entries:
                match = _TEMP.match(entry.name)
                if match and not _pid_alive(int(match.group(1))):
                    Path(entry.path).unlink(missing_ok=True)
                    removed.append(entry.name)
        return removed

    def name_for(self, stem: str) -> str:
        """The file name for a post: ``stem.txt``, or ``stem-2.txt``… on a collision.

        Names already given in this run always collide (compared case-insensitively,
        as macOS and Windows do). Files from earlier runs collide too, unless
        ``skip_existing``: then the same input gives the same names, so a rerun
        finds the posts it already wrote.
        """
        number = 1
        name = f"{stem}{SUFFIX}"
        while self._taken(name):
            number += 1
            name = f"{stem}-{number}{SUFFIX}"
        self._used.add(name.casefold())
        return name

    def _taken(self, name: str) -> bool:
        if name.casefold() in self._used:
            return True
        if not self.skip_existing and (self.path / name).exists():
            self._used.add(name.casefold())  # so "A.txt" collides with an old "a.txt" too
            return True
        return False

    def exists(self, name: str) -> bool:
        return (self.path / name).is_file()

    def write(self, name: str, text: str) -> None:
        """Write a post atomically: a temporary file, fsync, then rename over ``name``."""
        target = self.path / name
        temp = self.path / f".{name}.{os.getpid()}{_TEMP_TAG}"
        try:
            write_atomically(target, text, temp=temp, durable=True)
        except OSError as exc:
            problem = exc.strerror or exc
            raise OutputError(
                f"{quote_name(target)}: cannot write ({problem}); check the folder"
            ) from None

    def commit(self, entry: dict[str, Any], name: str | None, text: str | None) -> None:
        """Write a post (if any) and its manifest line, with Ctrl-C held off in between.

        So an interrupted batch never leaves a post that its manifest does not list.
        """
        with interrupts_deferred():
            if name is not None and text is not None:
                self.write(name, text)
            self.record(entry)

    def record(self, entry: dict[str, Any]) -> None:
        """Add one row's line to manifest.jsonl: one ``write`` of the whole line.

        The manifest is opened with O_APPEND, so each line lands whole at the
        end, never interleaved with another writer's; it is in the system's
        hands at once, so it survives a kill. (A text that could not be UTF-8,
        a lone surrogate, is written escaped rather than lose the line.)
        """
        assert self._manifest is not None
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")
        view = memoryview(line)
        try:
            while view:  # a regular file takes it all, unless the disk is full
                view = view[os.write(self._manifest, view) :]
        except OSError as exc:
            raise OutputError(f"{self.path / MANIFEST}: cannot write ({exc.strerror})") from None

    def _sync_folder(self) -> None:
        """Make the renames durable (POSIX; Windows cannot open a folder)."""
        if os.name == "nt":
            return
        try:
            descriptor = os.open(self.path, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(descriptor)
        except OSError:
            pass
        finally:
            os.close(descriptor)
