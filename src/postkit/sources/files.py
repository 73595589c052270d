"""Reading text input: files and stdin, as UTF-8 (or UTF-16 with a BOM).

Every command reads its input through here, so every command gives the same
one-line answer for a missing file, a folder, a file too large or bytes that
are not text.
"""

from __future__ import annotations

import codecs
import itertools
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from postkit.errors import InputError, quote_name

DEFAULT_LIMIT = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(data: bytes, origin: str) -> str:
    """Bytes to text: UTF-8 (BOM optional) or UTF-16 with a BOM; line ends made LF."""
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], name
            break
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{origin}:{line}: not valid {encoding.upper()} (byte {exc.start}); "
            "save the file as UTF-8"
        ) from None
    if "\x00" in text:
        raise InputError(f"{origin}: contains NUL bytes; this looks like a binary file, not text")
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


STDIN = "<stdin>"  # how messages name standard input
STDIN_ARGUMENT = "-"  # how the user names it, in place of a file


def is_stdin(path: Path | str) -> bool:
    """True when ``path`` is ``-``: standard input rather than a file."""
    return str(path) == STDIN_ARGUMENT


def origin_of(path: Path | str) -> str:
    """How messages name an input: its path (quoted if it does not print on one
    line, see :func:`postkit.errors.quote_name`), or ``<stdin>``."""
    return STDIN if is_stdin(path) else quote_name(path)


def open_file(path: Path | str, *, regular: bool = False) -> BinaryIO:
    """Open a file for reading bytes, with one-line errors naming it.

    With ``regular``, anything but a regular file (a pipe, a device such as
    /dev/zero, a socket) is refused, and opening never waits: a FIFO nobody
    writes to would block ``open`` forever. Without it, a pipe the user names
    (``<(cmd)``) is read as it comes.
    """
    origin = quote_name(path)
    try:
        return _open_regular(path, origin) if regular else Path(path).open("rb")
    except FileNotFoundError:
        raise InputError(f"{origin}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{origin}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read it ({exc.strerror or exc})") from None
    except ValueError:  # a NUL in the name (quoted: it does not print)
        raise InputError(f"{origin}: not a usable file name") from None


# O_NONBLOCK (POSIX): opening a FIFO returns at once instead of waiting for a writer.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0)


def _open_regular(path: Path | str, origin: str) -> BinaryIO:
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):
            raise InputError(f"{origin}: {_kind(mode)}, not a regular file; give a file")
        if _NONBLOCK:
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def stdin_bytes() -> BinaryIO:
    """Standard input as bytes; one line, not an internal error, when the process
    was started without one (``<&-``: Python then has no ``sys.stdin``)."""
    stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(f"{STDIN} is closed; give a file, or pipe the text in")
    return stream


def open_input(path: Path | str, *, regular: bool = False) -> tuple[BinaryIO, str]:
    """A file, or stdin for ``-``, opened for bytes, and the name to show for it."""
    if is_stdin(path):
        return stdin_bytes(), STDIN
    return open_file(path, regular=regular), quote_name(path)


def size_text(limit: int) -> str:
    """A byte count as a person says it: ``2 MiB``, ``256 KiB``."""
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MiB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KiB"
    return f"{limit:,} bytes"


def read_bytes(
    path: Path | str, *, limit: int = DEFAULT_LIMIT, regular: bool = False
) -> tuple[bytes, str]:
    """The bytes of a file, or of stdin for ``-``, and the name to show for it.

    At most ``limit`` bytes are ever read: a larger (or endless) input is an
    InputError, however it arrives.
    """
    handle, origin = open_input(path, regular=regular)
    return _read_limited(handle, origin, limit), origin


def read_regular_file(path: Path | str, *, limit: int = DEFAULT_LIMIT) -> bytes:
    """The bytes of a regular file by its name (``-`` too is a name here, never stdin)."""
    return _read_limited(open_file(path, regular=True), quote_name(path), limit)


def _read_limited(handle: BinaryIO, origin: str, limit: int) -> bytes:
    try:
        data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{origin}: cannot read it ({exc.strerror or exc})") from None
    finally:
        if handle is not getattr(sys.stdin, "buffer", None):  # None: stdin closed (<&-)
            handle.close()
    if len(data) > limit:
        raise InputError(f"{origin}: larger than {size_text(limit)}; give a smaller file")
    return data


def read_text_file(path: Path | str, *, limit: int = DEFAULT_LIMIT, regular: bool = False) -> str:
    """A file (or ``-`` for stdin) as text, with one-line errors for what goes wrong."""
    data, origin = read_bytes(path, limit=limit, regular=regular)
    return decode_text(data, origin)


def read_lines(path: Path | str) -> Iterator[tuple[int, str, str]]:
    """Yield (line number, text, line break) for each line of a file or ``-``."""
    raw, origin = open_input(path)
    try:
        yield from _lines(raw, origin)
    except OSError as exc:
        raise InputError(f"{origin}: cannot read it ({exc.strerror or exc})") from None
    finally:
        if not is_stdin(path):
            raw.close()


# The longest line read: one line is held, decoded and repaired at a time, so
# this bounds memory (under 300 MB for any input, /dev/zero included).
MAX_LINE_BYTES = 4 * 1024 * 1024
# UTF-16 (rare: Windows exports) is decoded whole, so the whole file is bounded.
MAX_UTF16_BYTES = 16 * 1024 * 1024


def _lines(raw: BinaryIO, origin: str) -> Iterator[tuple[int, str, str]]:
    first = raw.readline(MAX_LINE_BYTES + 1)
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        rest = raw.read(MAX_UTF16_BYTES + 1 - len(first))
        if len(first) + len(rest) > MAX_UTF16_BYTES:
            raise InputError(
                f"{origin}: a UTF-16 file larger than {size_text(MAX_UTF16_BYTES)}; "
                "save it as UTF-8"
            )
        yield from _utf16_lines(first + rest, origin)
        return
    if first.startswith(codecs.BOM_UTF8):
        first = first[len(codecs.BOM_UTF8) :]
    number = 0
    lines = itertools.chain([first], iter(lambda: raw.readline(MAX_LINE_BYTES + 1), b""))
    for number, data in enumerate(lines, start=1):
        if not data:
            break
        if len(data) > MAX_LINE_BYTES and not data.endswith(b"\n"):
            raise _too_long(origin, number, data)
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{origin}:{number}: not valid UTF-8 (byte {exc.start + 1} of the line); "
                "save the file as UTF-8"
            ) from None
        yield _split(line, number, origin)


def _too_long(origin: str, number: int, start: bytes) -> InputError:
    """The error for a line longer than :data:`MAX_LINE_BYTES` (``start``: its first bytes)."""
    if b"\x00" in start:
        return InputError(
            f"{origin}:{number}: contains NUL bytes; this looks like a binary file, not text"
        )
    return InputError(
        f"{origin}:{number}: a line longer than {size_text(MAX_LINE_BYTES)}; "
        "break it into shorter lines"
    )


def _utf16_lines(data: bytes, origin: str) -> Iterator[tuple[int, str, str]]:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        raise InputError(f"{origin}: not valid UTF-16; save the file as UTF-8") from None
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        yield _split(line, number, origin)


def _split(line: str, number: int, origin: str) -> tuple[int, str, str]:
    body = line[:-2] if line.endswith("\r\n") else line.rstrip("\n")
    if "\x00" in body:
        raise InputError(
            f"{origin}:{number}: contains NUL bytes; this looks like a binary file, not text"
        )
    return number, body, line[len(body) :]
