"""One batch at a time per output folder: a lock held for the whole batch.

Two batches writing into one folder would hand out the same names and
overwrite each other's posts, and both would truncate the manifest. So a batch
locks ``DIR/.postkit.lock`` first (``flock`` on POSIX, ``msvcrt.locking`` on
Windows), without waiting: a second batch stops at once with one line naming
the folder, before it removes, truncates or writes anything. The lock belongs
to the open file, so the system releases it when the process ends in any way
(``kill -9`` included); the file itself is removed by the batch that held it.
"""

from __future__ import annotations

import errno
import os
import sys
from contextlib import suppress
from pathlib import Path
from types import TracebackType

from postkit.errors import OutputError, PostkitError
from postkit.sources.files import read_regular_file

LOCK_NAME = ".postkit.lock"  # hidden: no post is ever given a name starting with "."
# Never follow a link planted at the lock's name, never wait on a FIFO there.
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT
for _flag in ("O_NONBLOCK", "O_NOFOLLOW", "O_CLOEXEC"):  # POSIX only
    _OPEN_FLAGS |= getattr(os, _flag, 0)
_BUSY = {errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK}


class FolderLock:
    """An exclusive lock on a folder for one batch; :class:`OutputError` if another holds it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self._descriptor: int | None = None

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the lock, or raise OutputError at once if another batch holds it."""
        while self._descriptor is None:
            descriptor = self._open()
            try:
                locked = _try_lock(descriptor)
            except OSError as exc:
                os.close(descriptor)
                raise OutputError(
                    f"{self.path}: cannot lock the folder ({exc.strerror}); give another -o"
                ) from None
            if not locked:
                os.close(descriptor)
                raise OutputError(self._busy_message())
            # The holder before us may have removed the file after we opened it: a
            # lock on a removed file guards nothing, so open the new one and retry.
            if self._still_there(descriptor):
                self._descriptor = descriptor
                with suppress(OSError):
                    os.ftruncate(descriptor, 0)
                    os.write(descriptor, f"{os.getpid()}\n".encode())
            else:
                os.close(descriptor)

    def release(self) -> None:
        """Remove the lock file and let go (removed while held, so no one locks a stale file)."""
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is None:
            return
        if sys.platform != "win32":  # Windows cannot remove a file that is open
            with suppress(OSError):
                self.path.unlink()
        _unlock(descriptor)
        os.close(descriptor)
        if sys.platform == "win32":
            with suppress(OSError):  # fails, harmlessly, if another batch has it open
                self.path.unlink()

    def _open(self) -> int:
        try:
            return os.open(self.path, _OPEN_FLAGS, 0o644)
        except OSError as exc:
            raise OutputError(
                f"{self.path}: cannot write ({exc.strerror}); check the folder"
            ) from None

    def _still_there(self, descriptor: int) -> bool:
        if sys.platform == "win32":
            return True
        try:
            return os.path.samestat(os.fstat(descriptor), self.path.stat())
        except OSError:
            return False

    def _busy_message(self) -> str:
        holder = ""
        with suppress(PostkitError, ValueError):
            pid = int(read_regular_file(self.path, limit=32).strip())
            holder = f" (process {pid})"
        return (
            f"{self.folder}: another postkit batch{holder} is writing into this folder; "
            "wait for it to finish, or give another -o"
        )


def _try_lock(descriptor: int) -> bool:
    """Lock without waiting: True if we hold it now, False if another process does."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in _BUSY:
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in _BUSY:
            return False
        raise
    return True


def _unlock(descriptor: int) -> None:
    with suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_UN)
