"""Batch input: CSV, JSON Lines, YAML or plain lines, read as a stream of rows.

A file is read twice: a first pass checks that it can be read and parsed at all
(so a malformed file stops the batch before anything is written, and the
progress bar knows the total), the second pass yields the rows one at a time.
Neither pass holds more than one row in memory, and a row is at most
``MAX_ROW_CHARS`` characters: a longer line is a failed row (CSV and YAML,
where a row may span lines, stop with an error instead). Standard input (``-``),
or a pipe named as the input, is first copied to a temporary file, at most
``MAX_SPOOL_BYTES`` of it, so it can be read twice too.

Escaped UTF-16 surrogate pairs in JSON and YAML (``"\\ud83d\\ude80"``) become the
character they spell; a lone surrogate, which no file can hold, fails its row.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Literal

from postkit.errors import InputError, OutputError, SettingError, SettingNeededError, quote_name
from postkit.patterns import surrogate
from postkit.sources.files import is_stdin, open_file, origin_of, size_text, stdin_bytes

if TYPE_CHECKING:
    import yaml

InputFormat = Literal["csv", "jsonl", "yaml", "lines"]
INPUT_FORMATS: tuple[InputFormat, ...] = ("csv", "jsonl", "yaml", "lines")

# The keys a row may have, in the order the docs list them.
ROW_KEYS = ("topic", "from", "id", "platform", "tone", "emoji", "seed", "cta", "hashtags", "date")

_EXTENSIONS: dict[str, InputFormat] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".txt": "lines",
    ".lines": "lines",
    "": "lines",
}


# The longest row: a topic and a few settings need a few hundred characters.
# Reading one row at a time, a row at this bound parses in about 100 MB; the
# caps on each value (postkit.batch.rows) keep what drafting remembers small.
MAX_ROW_CHARS = 256 * 1024
# Standard input is kept in a temporary file to be read twice; this much at most.
MAX_SPOOL_BYTES = 128 * 1024 * 1024
_SPOOL_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class PageFolder:
    """Where a row's ``from`` page is found, and the folder it must be in.

    ``base`` is the input's folder (the current one for stdin): relative names
    are found there. ``root`` is that folder resolved; a page whose real path
    (links followed) is not under it is refused, so a batch input from
    elsewhere cannot make postkit read, say, ``~/.ssh/id_rsa`` into a post.
    Without a ``root``, any readable file may be named.
    """

    base: Path
    root: Path | None

    @classmethod
    def of(cls, base: Path, *, confined: bool = True) -> PageFolder:
        return cls(base, base.resolve() if confined else None)

    def locate(self, name: Path) -> Path:
        """The page a row names, or an InputError if it lies outside the folder."""
        path = name if name.is_absolute() else self.base / name
        if self.root is None:
            return path
        try:
            real = path.resolve()
        except ValueError:  # a NUL in the name
            raise InputError(f"{quote_name(path)}: not a usable file name") from None
        except (OSError, RuntimeError) as exc:  # a loop of links
            raise InputError(f"{quote_name(path)}: cannot read the page ({exc})") from None
        if not real.is_relative_to(self.root):
            raise InputError(
                f"from: {quote_name(name)}: not under {quote_name(self.root)} (links "
                "followed), the folder this batch may read pages from; move the page "
                "there, or allow any path"
            )
        return real


@dataclass(frozen=True)
class RawRow:
    """One row as read: its number, the line it starts on, and its mapping.

    ``problem`` is set instead of ``data`` when the row itself is unusable (a
    JSON value that is not an object, more CSV cells than columns); the other
    rows still run.
    """

    number: int
    line: int
    data: dict[str, Any]
    problem: str | None = None


def guess_format(path: str, given: str | None) -> InputFormat:
    """The input format: ``--input-format`` if given, else from the file extension."""
    if given is not None:
        wanted = given.lower()
        if wanted not in INPUT_FORMATS:
            raise SettingError(
                "input_format", f"{given!r} is not one of {', '.join(INPUT_FORMATS)}"
            )
        return wanted
    if is_stdin(path):
        return "lines"
    suffix = Path(path).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    raise SettingNeededError(
        "input_format", f"{quote_name(path)}: cannot tell the format from {suffix!r}", INPUT_FORMATS
    )


class BatchInput:
    """An input file (or stdin) that can be checked, then streamed as rows.

    Use as a context manager; :meth:`check` runs the first pass and returns the
    number of rows, :meth:`rows` streams them.
    """

    def __init__(
        self, path: str | Path, input_format: str | None = None, *, allow_any_path: bool = False
    ) -> None:
        self.path = str(path)
        self.format = guess_format(self.path, input_format)
        self.origin = origin_of(self.path)
        # Relative ``from`` pages are found next to the input file, and must be
        # under its folder unless ``allow_any_path``.
        self.base_dir = Path.cwd() if is_stdin(self.path) else Path(self.path).parent
        self.pages = PageFolder.of(self.base_dir, confined=not allow_any_path)
        self._binary: IO[bytes] | None = None

    def __enter__(self) -> BatchInput:
        self._binary = self._open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._binary is not None:
            self._binary.close()
            self._binary = None

    def _open(self) -> IO[bytes]:
        if is_stdin(self.path):
            return _spool(stdin_bytes(), self.origin)
        handle = open_file(self.path)
        if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return handle
        with handle:  # a pipe (<(cmd)) or a device (/dev/zero): it can be read once only
            return _spool(handle, self.origin)

    def check(self) -> int:
        """Read the whole input once; the number of rows, or an InputError."""
        return sum(1 for _ in self.rows())

    def rows(self) -> Iterator[RawRow]:
        """The rows, one at a time, from the start of the input."""
        if self._binary is None:
            raise RuntimeError("BatchInput is used outside its `with` block")
        self._binary.seek(0)
        encoding = _encoding(self._binary.read(4))
        self._binary.seek(0)
        text = io.TextIOWrapper(
            self._binary,
            encoding=encoding,
            errors="strict",
            newline="" if self.format == "csv" else None,
        )
        reader = {"csv": _csv_rows, "jsonl": _jsonl_rows, "yaml": _yaml_rows, "lines": _line_rows}
        # A line is a row in JSON Lines and plain lines: one too long fails alone.
        lines = _Lines(text, self.origin, skip_long=self.format in ("jsonl", "lines"))
        try:
            yield from reader[self.format](lines, self.origin)
        except UnicodeDecodeError as exc:
            name = "UTF-16" if encoding == "utf-16" else "UTF-8"
            where = _first_bad_line(self._binary) if name == "UTF-8" else None
            raise InputError(
                f"{self.origin}{f':{where}' if where else ''}: not valid {name} "
                f"({exc.reason}); save the file as UTF-8"
            ) from None
        finally:
            with contextlib.suppress(ValueError):  # the input was closed first
                text.detach()  # leave the binary file open for the next pass


def _spool(stream: IO[bytes], origin: str) -> IO[bytes]:
    """A temporary file holding what ``stream`` gives, up to ``MAX_SPOOL_BYTES``."""
    try:
        spool = tempfile.TemporaryFile()  # noqa: SIM115  returned open, closed by the caller
    except OSError as exc:
        raise _spool_error(origin, exc) from None
    try:
        size = 0
        while chunk := _read_chunk(stream, origin):
            size += len(chunk)
            if size > MAX_SPOOL_BYTES:
                raise InputError(
                    f"{origin}: more than {size_text(MAX_SPOOL_BYTES)} of rows; "
                    "save them to a file and give its name"
                )
            try:
                spool.write(chunk)
            except OSError as exc:
                raise _spool_error(origin, exc) from None
    except BaseException:
        spool.close()
        raise
    return spool


def _read_chunk(stream: IO[bytes], origin: str) -> bytes:
    try:
        return stream.read(_SPOOL_CHUNK)
    except OSError as exc:
        raise InputError(f"{origin}: cannot read it ({exc.strerror or exc})") from None


def _spool_error(origin: str, exc: OSError) -> OutputError:
    return OutputError(
        f"{origin}: cannot keep the input in a temporary file ({exc.strerror or exc}); "
        "set TMPDIR to a folder with room"
    )


def _first_bad_line(binary: IO[bytes]) -> int | None:
    """The line of the first byte that is not UTF-8 (decoding runs in chunks)."""
    binary.seek(0)
    for number, raw in enumerate(binary, start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return None


def _encoding(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"  # a UTF-8 BOM is optional


TOO_LONG = f"longer than {MAX_ROW_CHARS:,} characters; a row is a topic and a few settings"


class _Lines:
    """Lines of the text with a running line number, a NUL check and bounds.

    No line is read whole if it is longer than ``MAX_ROW_CHARS``: with
    ``skip_long`` it is skipped (yielded as ``""`` with :attr:`too_long` set,
    for its row to fail), otherwise it is an InputError. A row spanning lines
    (CSV, YAML) may not be longer either: the reader calls :meth:`row_done`
    after each row.
    """

    def __init__(self, text: IO[str], origin: str, *, skip_long: bool = False) -> None:
        self.text = text
        self.origin = origin
        self.skip_long = skip_long
        self.number = 0
        self.too_long = False
        self._row_chars = 0

    def row_done(self) -> None:
        self._row_chars = 0

    def __iter__(self) -> Iterator[str]:
        while line := self.text.readline(MAX_ROW_CHARS + 1):
            self.number += 1
            self.too_long = len(line) > MAX_ROW_CHARS and not line.endswith("\n")
            if self.too_long:
                if not self.skip_long:
                    raise self._error(f"a line {TOO_LONG}")
                while line and not line.endswith("\n"):  # the rest of it, piece by piece
                    line = self.text.readline(MAX_ROW_CHARS)
                yield ""
                continue
            self._row_chars += len(line)
            if self._row_chars > MAX_ROW_CHARS:
                raise self._error(f"a row {TOO_LONG}")
            if "\x00" in line:
                raise self._error("contains NUL bytes; this looks like a binary file, not text")
            yield line

    def _error(self, problem: str) -> InputError:
        return InputError(f"{self.origin}:{self.number}: {problem}")


def _csv_rows(lines: _Lines, origin: str) -> Iterator[RawRow]:
    reader = csv.reader(lines, strict=True)  # a stray quote is an error, not a guess
    try:
        header = next(reader, None)
        if header is None:
            return
        columns = _csv_header(header, origin)
        number = 0
        start = reader.line_num + 1
        for cells in reader:
            lines.row_done()
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            number += 1
            if len(cells) > len(columns):
                problem = f"{len(cells)} cells, but the header has {len(columns)} columns"
                yield RawRow(number, line, {}, problem)
                continue
            data = {name: cell for name, cell in zip(columns, cells, strict=False) if cell.strip()}
            yield RawRow(number, line, data)
    except csv.Error as exc:
        raise InputError(f"{origin}:{reader.line_num}: not valid CSV ({exc})") from None


def _csv_header(header: list[str], origin: str) -> list[str]:
    columns = [cell.strip().lower() for cell in header]
    unknown = [name for name in columns if name not in ROW_KEYS]
    if unknown:
        raise InputError(
            f"{origin}:1: unknown column {unknown[0]!r}; the columns are {', '.join(ROW_KEYS)}"
        )
    repeated = [name for name in columns if columns.count(name) > 1]
    if repeated:
        raise InputError(f"{origin}:1: column {repeated[0]!r} appears twice")
    if "topic" not in columns and "from" not in columns:
        raise InputError(
            f"{origin}:1: the header needs a 'topic' or a 'from' column (e.g. topic,platform)"
        )
    return columns


def _jsonl_rows(lines: _Lines, origin: str) -> Iterator[RawRow]:
    number = 0
    for line in lines:
        lines.row_done()
        if lines.too_long:
            number += 1
            yield RawRow(number, lines.number, {}, TOO_LONG)
            continue
        if not line.strip():
            continue
        number += 1
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{origin}:{lines.number}: not valid JSON ({exc.msg}); "
                "each line must be one JSON object"
            ) from None
        except (RecursionError, ValueError) as exc:  # [[[[… deep, or a 5,000-digit number
            problem = "nested too deeply" if isinstance(exc, RecursionError) else "a huge number"
            raise InputError(f"{origin}:{lines.number}: not valid JSON ({problem})") from None
        if isinstance(data, dict):
            yield _checked_row(number, lines.number, data, escapes="\\u" in line)
        else:
            yield RawRow(number, lines.number, {}, 'expected a JSON object like {"topic": "..."}')


def _line_rows(lines: _Lines, origin: str) -> Iterator[RawRow]:
    number = 0
    for line in lines:
        lines.row_done()
        if lines.too_long:
            number += 1
            yield RawRow(number, lines.number, {}, TOO_LONG)
            continue
        topic = line.strip()
        if not topic or topic.startswith("#"):
            continue
        number += 1
        yield RawRow(number, lines.number, {"topic": topic})


@cache
def _row_loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader, aliases refused (no anchor bombs), one item at a time.

    Made on first use: only a YAML batch pays for importing PyYAML.
    """
    import yaml

    class RowLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.MarkedYAMLError(
                    "while reading rows", None, "aliases (*name) are not allowed", event.start_mark
                )
            return super().compose_node(parent, index)

    return RowLoader


def _yaml_rows(lines: _Lines, origin: str) -> Iterator[RawRow]:
    import yaml

    loader = _row_loader()(_Reader(lines))
    try:
        yield from _yaml_items(loader, lines, origin)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}" if mark is not None else ""
        raise InputError(f"{origin}{where}: not valid YAML ({exc.problem}); fix the file") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{origin}: not valid YAML ({exc})") from None
    except RecursionError:  # [[[[… thousands deep: PyYAML's composer recurses
        raise InputError(f"{origin}: not valid YAML (nested too deeply); fix the file") from None
    except ValueError as exc:  # a 5,000-digit number, a 13th month: PyYAML's int()/date()
        problem = str(exc).split(";")[0][:80]
        raise InputError(f"{origin}: not valid YAML (a value: {problem}); fix the file") from None
    finally:
        loader.dispose()


def _yaml_items(loader: Any, lines: _Lines, origin: str) -> Iterator[RawRow]:
    """Compose and construct each item of the top-level list on its own.

    This is what ``compose_sequence_node`` does, one item at a time, so a long
    list never sits in memory whole.
    """
    import yaml

    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        return
    loader.get_event()  # DocumentStart
    if not loader.check_event(yaml.SequenceStartEvent):
        node = loader.compose_node(None, None)
        if loader.construct_document(node) is None:
            return
        raise InputError(
            f"{origin}:{node.start_mark.line + 1}: expected a list of rows "
            "(each item a mapping like `- topic: generative ai`)"
        )
    loader.get_event()  # SequenceStart
    number = 0
    while not loader.check_event(yaml.SequenceEndEvent):
        node = loader.compose_node(None, None)
        data = loader.construct_document(node)
        loader.anchors = {}
        lines.row_done()
        number += 1
        line = node.start_mark.line + 1
        if isinstance(data, dict):
            row = {str(key): value for key, value in data.items()}
            yield _checked_row(number, line, row, escapes=True)
        else:
            yield RawRow(number, line, {}, "expected a mapping like `topic: generative ai`")
    loader.get_event()  # SequenceEnd
    loader.get_event()  # DocumentEnd
    if not loader.check_event(yaml.StreamEndEvent):
        raise InputError(f"{origin}: holds more than one YAML document; give one list of rows")


class _Reader(io.TextIOBase):
    """A read()-able view of the counted lines, for PyYAML's streaming reader."""

    def __init__(self, lines: _Lines) -> None:
        self._lines = iter(lines)
        self._buffer = ""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            return self._buffer + "".join(self._lines)
        while len(self._buffer) < size:
            line = next(self._lines, None)
            if line is None:
                break
            self._buffer += line
        chunk, self._buffer = self._buffer[:size], self._buffer[size:]
        return chunk


LONE_SURROGATE = (
    "holds a lone surrogate (an escape such as \\ud800 without its pair), which is "
    "not a character; write the character itself, or both escapes of its pair"
)


def _checked_row(number: int, line: int, data: dict[str, Any], *, escapes: bool) -> RawRow:
    """The row, its escaped surrogate pairs joined; a lone surrogate fails the row.

    PyYAML reads ``"\\ud83d\\ude80"`` as two surrogates where JSON joins them into
    🚀; joined here, both read alike. Left alone, a lone one would fail only
    when the post or the manifest is written, after its file exists.
    """
    if not escapes:
        return RawRow(number, line, data)
    joined: dict[str, Any] = {}
    for key, value in data.items():
        try:
            joined[_joined(key)] = _joined(value)
        except UnicodeError:
            where = key if surrogate().search(key) is None else ascii(key)
            return RawRow(number, line, {}, f"{where}: {LONE_SURROGATE}")
        except RecursionError:
            return RawRow(number, line, {}, f"{key!a}: nested too deeply")
    return RawRow(number, line, joined)


def _joined(value: Any) -> Any:
    """``value`` with surrogate pairs made characters (UnicodeError if one is alone)."""
    if isinstance(value, str):
        if surrogate().search(value) is None:
            return value
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    if isinstance(value, list):
        return [_joined(item) for item in value]
    if isinstance(value, dict):
        return {_joined(key): _joined(item) for key, item in value.items()}
    return value
