"""The one way postkit writes a file: whole or not at all.

Config files, topic pages, cache entries and batch posts are all written
through :func:`write_atomically`: a new temporary file beside the target
(created exclusively, never through a symlink), flushed, then renamed over the
target (``os.replace`` is atomic on POSIX and Windows). A crash or Ctrl-C
leaves the old file or the new one, never half of either.
"""

from __future__ import annotations

import os
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def write_atomically(
    path: Path, text: str, *, temp: Path | None = None, durable: bool = False
) -> None:
    """Write ``text`` (UTF-8, LF line ends) to ``path`` whole or not at all.

    ``temp`` names the temporary file (it must be in ``path``'s folder; by
    default a hidden name with this process's id); ``durable`` also waits for
    the disk (fsync) before the rename, for work that must survive a power cut.
    Raises :class:`OSError`; the caller words it for the user.
    """
    temp = temp or path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temp, _FLAGS, 0o666)
    except FileExistsError:  # left by an earlier process with the same id
        temp.unlink()
        descriptor = os.open(temp, _FLAGS, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
