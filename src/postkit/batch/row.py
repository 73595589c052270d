"""One row's drafting: validate it, name its file, draft it, and what became of it.

Used alike by the batch's own process (:mod:`postkit.batch.run`) and by its
worker processes (:mod:`postkit.batch.workers`), so a row gives the same result
wherever it is drafted.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from postkit.batch.files import OutputFolder, post_stem
from postkit.batch.inputs import PageFolder, RawRow
from postkit.batch.rows import BatchRow, validate_row
from postkit.drafting import render_post
from postkit.errors import InputError, PostkitError, quote_name
from postkit.model import DraftOptions, Post, Topic
from postkit.sources.cache import SizedCache, size_of
from postkit.sources.topics import topic_key

Status = Literal["ok", "failed", "skipped"]


@dataclass(frozen=True)
class RowResult:
    """What became of one row."""

    row: int
    line: int
    status: Status
    post: Post | None = None
    file: str | None = None
    error: str | None = None
    id: str | None = None
    date: datetime.date | None = None

    @property
    def problems(self) -> list[str]:
        if self.error is not None:
            return [self.error]
        if self.post is not None and not self.post.fits and not self.post.is_thread:
            return [f"longer than the {self.post.platform} limit of {self.post.limit}"]
        return []

    def manifest_entry(self) -> dict[str, Any]:
        """The row's line in manifest.jsonl."""
        entry: dict[str, Any] = {"row": self.row, "line": self.line, "status": self.status}
        entry["id"] = self.id
        entry["date"] = self.date.isoformat() if self.date else None
        entry["file"] = self.file
        entry["topic"] = self.post.topic if self.post else None
        entry["platform"] = self.post.platform if self.post else None
        # Lengths as threads.measure defines them, as `postkit check FILE` reports them.
        entry["length"] = self.post.length if self.post else None
        entry["limit"] = self.post.limit if self.post else None
        entry["parts"] = (len(self.post.parts) or 1) if self.post else None
        entry["part_lengths"] = list(self.post.part_lengths) if self.post else None
        entry["problems"] = self.problems
        return entry

    def json_line(self) -> dict[str, Any]:
        """The post as one object of ``--format jsonl`` (ok rows only)."""
        assert self.post is not None
        extra = {
            "row": self.row,
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
        }
        return {**extra, **self.post.to_dict()}

    @functools.cached_property
    def json_text(self) -> str:
        """:meth:`json_line` as one line of JSON, UTF-8 as written, without the newline."""
        return json.dumps(self.json_line(), ensure_ascii=False)


MAX_NAMES = 4096  # topic names (and their failures) a TopicCache keeps
MAX_NAMED_BYTES = 8 * 1024 * 1024  # and the most they may hold: a library page can be long


class TopicCache:
    """Topics by name and pages by path, each parsed once per process.

    Failures are remembered too (as type and message), so ten thousand rows
    naming the same missing topic search the library once. Pages are kept in an
    LRU bounded by count and by their files' total size (a topic holds a few
    times its page's size), so a batch of many different pages, or of many
    2 MiB ones, stays flat in memory; topics by name are bounded by count and
    by their own size.
    """

    def __init__(
        self,
        topic_dirs: tuple[Path, ...] = (),
        *,
        max_pages: int = 256,
        max_page_bytes: int = 8 * 1024 * 1024,
        report: Callable[[str], None] | None = None,
    ) -> None:
        self.topic_dirs = topic_dirs
        self.report = report
        # Names too are bounded: a million rows of different unknown names must
        # not keep a million messages.
        self._named: SizedCache[str, Topic | tuple[type[PostkitError], str]] = SizedCache(
            MAX_NAMES, MAX_NAMED_BYTES
        )
        # Weighed by their files' sizes (a page over 2 MiB is refused, far below the budget).
        self._pages: SizedCache[tuple[Path, int], Topic | tuple[type[PostkitError], str]] = (
            SizedCache(max_pages, max_page_bytes)
        )

    def by_name(self, name: str) -> Topic:
        key = topic_key(name)
        found = self._named.get(key)
        if found is None:
            from postkit.sources.topics import load_topic

            found = self._attempt(lambda: load_topic(name, self.topic_dirs))
            self._named.put(key, found, size_of(key) + size_of(found))
        return self._unwrap(found)

    def from_page(self, path: Path) -> Topic:
        try:
            status = path.stat()
            key = (path.resolve(), status.st_mtime_ns)
        except OSError as exc:
            raise InputError(f"{quote_name(path)}: cannot read the page ({exc.strerror})") from None
        except ValueError:  # a NUL in the path
            raise InputError(f"{quote_name(path)}: not a usable file name") from None
        found = self._pages.get(key)
        if found is None:
            found = self._attempt(lambda: self._load_page(path))
            # A failure keeps only its message, whatever the file's size.
            held = status.st_size if isinstance(found, Topic) else size_of(found)
            self._pages.put(key, found, held)
        return self._unwrap(found)

    def _load_page(self, path: Path) -> Topic:
        from postkit.sources.pages import load_page

        return load_page(path, report=self.report)

    @staticmethod
    def _attempt(load: Any) -> Topic | tuple[type[PostkitError], str]:
        try:
            topic: Topic = load()
        except PostkitError as exc:
            return (type(exc), exc.message)
        return topic

    @staticmethod
    def _unwrap(found: Topic | tuple[type[PostkitError], str]) -> Topic:
        if isinstance(found, Topic):
            return found
        kind, message = found
        raise kind(message)  # a new error each time: no traceback piles up


# Workers pay for themselves only on a batch long enough to outlast their start.


def commit_result(result: RowResult, folder: OutputFolder | None) -> None:
    """Write the row's post (if any) and manifest line, when there is a folder."""
    if folder is not None:
        text = result.post.published_text() if result.post is not None else None
        folder.commit(result.manifest_entry(), result.file, text)


@dataclass(frozen=True)
class Prepared:
    """A valid row and its draft options, not drafted yet."""

    raw: RawRow
    row: BatchRow
    options: DraftOptions

    def result(self, status: Status, **fields: Any) -> RowResult:
        raw, row = self.raw, self.row
        return RowResult(raw.number, raw.line, status, id=row.id, date=row.date, **fields)

    def stem(self) -> str:
        row = self.row
        return post_stem(
            post_id=row.id, topic=row.topic, page=row.from_, platform=self.options.platform
        )


def prepare_row(raw: RawRow, defaults: DraftOptions) -> Prepared | RowResult:
    """The row validated, or its failed result."""
    try:
        row = _validate(raw)
    except InputError as exc:
        return RowResult(raw.number, raw.line, "failed", error=exc.message)
    return Prepared(raw, row, row.options(defaults))


def draft_prepared(
    prepared: Prepared, topics: TopicCache, pages: PageFolder, file: str | None = None
) -> RowResult:
    """The row drafted: ``ok`` with its post, or ``failed`` with the reason."""
    try:
        post = _draft(prepared.row, prepared.options, topics, pages)
    except PostkitError as exc:
        return prepared.result("failed", error=exc.message)
    except (RecursionError, MemoryError) as exc:
        return prepared.result("failed", error=f"too costly to draft ({type(exc).__name__})")
    except Exception as exc:  # a bug must not cost the other rows their posts
        return prepared.result("failed", error=f"internal error: {type(exc).__name__}: {exc}")
    return prepared.result("ok", post=post, file=file)


def _draft(row: BatchRow, options: DraftOptions, topics: TopicCache, pages: PageFolder) -> Post:
    if row.from_ is not None:
        topic = topics.from_page(pages.locate(row.from_))
    else:
        topic = topics.by_name(row.topic or "")
    return render_post(topic, options)


def _validate(raw: RawRow) -> BatchRow:
    if raw.problem is not None:
        raise InputError(raw.problem)
    return validate_row(raw.data)


def run_row(
    raw: RawRow,
    defaults: DraftOptions,
    folder: OutputFolder | None,
    topics: TopicCache,
    pages: PageFolder,
) -> RowResult:
    """One row in this process: named first, so a post already written is not drafted."""
    prepared = prepare_row(raw, defaults)
    if isinstance(prepared, RowResult):
        return prepared
    name = None
    if folder is not None:
        name = folder.name_for(prepared.stem())
        if folder.skip_existing and folder.exists(name):
            return prepared.result("skipped", file=name)
    return draft_prepared(prepared, topics, pages, file=name)
