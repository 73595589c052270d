"""Reading text input: files and stdin, as UTF-8 (or UTF-16 with a BOM).

Every command reads its input through here, so every command gives the same
one-line answer for a missing file, a folder, a file too large or bytes that
are not text.
"""

from __future__ import annotations

import codecs
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from postkit.errors import InputError

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


STDIN = "<stdin>"


def open_file(path: Path | str) -> BinaryIO:
    """Open a file for reading bytes, with one-line errors naming it."""
    origin = str(path)
    try:
        return Path(path).open("rb")
    except FileNotFoundError:
        raise InputError(f"{origin}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{origin}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{origin}: cannot read it ({exc.strerror or exc})") from None
    except ValueError:  # a NUL in the name
        raise InputError(f"{origin!r}: not a usable file name") from None


def open_input(path: Path | str) -> tuple[BinaryIO, str]:
    """A file, or stdin for ``-``, opened for bytes, and the name to show for it."""
    if str(path) == "-":
        return sys.stdin.buffer, STDIN
    return open_file(path), str(path)


def read_bytes(path: Path | str, *, limit: int = DEFAULT_LIMIT) -> tuple[bytes, str]:
    """The bytes of a file, or of stdin for ``-``, and the name to show for it."""
    handle, origin = open_input(path)
    try:
        data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{origin}: cannot read it ({exc.strerror or exc})") from None
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
    if len(data) > limit:
        raise InputError(f"{origin}: larger than {limit // (1024 * 1024)} MiB; give a smaller file")
    return data, origin


def read_text_file(path: Path | str, *, limit: int = DEFAULT_LIMIT) -> str:
    """A file (or ``-`` for stdin) as text, with one-line errors for what goes wrong."""
    data, origin = read_bytes(path, limit=limit)
    return decode_text(data, origin)


def read_lines(path: Path | str) -> Iterator[tuple[int, str, str]]:
    """Yield (line number, text, line break) for each line of a file or ``-``."""
    raw, origin = open_input(path)
    try:
        yield from _lines(raw, origin)
    except OSError as exc:
        raise InputError(f"{origin}: cannot read it ({exc.strerror or exc})") from None
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()


def _lines(raw: BinaryIO, origin: str) -> Iterator[tuple[int, str, str]]:
    first = raw.readline()
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield from _utf16_lines(first + raw.read(), origin)
        return
    if first.startswith(codecs.BOM_UTF8):
        first = first[len(codecs.BOM_UTF8) :]
    number = 0
    for number, data in enumerate(itertools.chain([first], raw), start=1):
        if not data:
            break
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{origin}:{number}: not valid UTF-8 (byte {exc.start + 1} of the line); "
                "save the file as UTF-8"
            ) from None
        yield _split(line, number, origin)


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
