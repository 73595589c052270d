"""Front matter: reading it (YAML ``---`` or TOML ``+++``) and what it says about a page.

A page's front matter is its author's own summary of it: a title, a one-line
description, tags, a language, the address it is published at and, sometimes,
what kind of page it is. :func:`page_meta` gathers those under one set of names,
whichever site generator wrote them (Jekyll, Hugo, Docusaurus, MkDocs,
Obsidian, Ghost, GitHub Docs…), and says which key each came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from postkit.errors import PageError

MAX_FRONT_MATTER_CHARS = 64 * 1024

_YAML = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)

# The keys that hold each part, strongest first.
SUMMARY_KEYS = ("description", "summary", "excerpt", "intro", "abstract", "lead", "subtitle")
TAG_KEYS = ("tags", "keywords", "topics", "categories")
LANGUAGE_KEYS = ("lang", "language", "locale", "languagecode", "inlanguage")
URL_KEYS = ("canonical_url", "canonical", "canonicalurl", "url", "permalink", "link")
KIND_KEYS = ("kind", "type", "content_type", "contenttype", "layout", "pagetype")
# Obsidian and note-keeping tags that organise notes rather than say what they are about.
_HOUSEKEEPING_TAGS = frozenset({"moc", "note", "notes", "draft", "todo", "inbox", "evergreen"})
# "2025-03-01 Weekend notes": a date in front of a title is the file's, not the title's.
_DATED_TITLE = re.compile(r"^\d{4}-\d{2}-\d{2}[ _:-]+(?=\S)")
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


class _SafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader with aliases refused: no anchor bombs in front matter."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                "while reading front matter",
                None,
                "aliases (*name) are not allowed",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def split_front_matter(text: str, origin: str) -> tuple[dict[str, Any], str, int]:
    """The front matter mapping, the body, and the line the body starts on.

    YAML between ``---`` lines (Jekyll, Hugo, Docusaurus, MkDocs, Obsidian) or
    TOML between ``+++`` lines (Hugo).
    """
    match = _YAML.match(text)
    toml = match is None and _TOML.match(text)
    if toml:
        match = toml
    if not match:
        return {}, text, 1
    raw = match.group(1) or ""
    if len(raw) > MAX_FRONT_MATTER_CHARS:
        raise PageError(f"{origin}: front matter is over {MAX_FRONT_MATTER_CHARS // 1024} KiB")
    data = _load_toml(raw, origin) if toml else _load_yaml(raw, origin)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PageError(f"{origin}: front matter must be a mapping of keys to values")
    body_line = match.group(0).count("\n") + 1
    return data, text[match.end() :], body_line


def _load_yaml(raw: str, origin: str) -> Any:
    try:
        return yaml.load(raw, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise PageError(f"{origin}{where}: front matter: {problem}; fix the YAML") from None
    except RecursionError:  # [[[[… or {a: {a: … thousands deep
        raise PageError(f"{origin}: front matter: nested too deeply; fix the YAML") from None
    except ValueError as exc:  # a 5,000-digit number, a 13th month: PyYAML's int()/date()
        problem = str(exc).split(";")[0][:80]
        raise PageError(f"{origin}: front matter: a value is not valid ({problem})") from None


def _load_toml(raw: str, origin: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        # "Invalid value (at line 3, column 9)": the line inside the front matter.
        found = re.search(r"line (\d+)", str(exc))
        where = f":{int(found.group(1)) + 1}" if found else ""
        problem = str(exc).split(" (at ")[0].lower()
        raise PageError(f"{origin}{where}: front matter: {problem}; fix the TOML") from None
    except RecursionError:
        raise PageError(f"{origin}: front matter: nested too deeply; fix the TOML") from None
    except ValueError:  # a 5,000-digit number: Python's int() refuses it
        raise PageError(f"{origin}: front matter: a huge number; fix the TOML") from None


@dataclass(frozen=True)
class Found:
    """One value read from the front matter and the key it came from."""

    value: str
    key: str


@dataclass(frozen=True)
class PageMeta:
    """What a page's front matter says about it, whatever generator wrote it."""

    title: Found | None = None
    dated_title: Found | None = None  # "2024-10-27 First page", without its date
    summary: Found | None = None
    language: Found | None = None
    url: Found | None = None
    tags: tuple[str, ...] = ()
    tag_keys: tuple[str, ...] = ()  # where the tags came from
    kind_hints: tuple[Found, ...] = ()  # kind, type, layout, content_type…
    categories: tuple[str, ...] = ()
    dated: bool = False  # a blog post carries a date
    keys: frozenset[str] = field(default_factory=frozenset)


def _lower_keys(data: dict[str, Any]) -> dict[str, Any]:
    return {str(key).strip().lower(): value for key, value in data.items()}


def _text(value: Any) -> str | None:
    """A front-matter value as one line of text, or None when it is not text."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        text = " ".join(str(value).split())
        return text or None
    return None


def _words(value: Any) -> list[str]:
    """``[a, b]``, ``"a, b"`` or ``"a"`` as a list of words."""
    if isinstance(value, str):
        parts = value.split(",") if "," in value else [value]
    elif isinstance(value, list | tuple):
        parts = [str(part) for part in value if isinstance(part, str | int | float)]
    else:
        return []
    return [" ".join(str(part).split()) for part in parts if str(part).strip()]


def page_meta(data: dict[str, Any]) -> PageMeta:
    """Gather the title, summary, tags, language, address and kind hints of a page."""
    meta = _lower_keys(data)
    params = meta.get("params")
    if isinstance(params, dict):  # Hugo's [params] table holds the same keys
        meta = {**_lower_keys(params), **meta}
    title = _first_text(meta, ("title",))
    dated_title = None
    if title is not None and _DATED_TITLE.match(title.value):
        # "2024-10-27 First page": a note's file name, which the page's own H1 beats.
        dated_title = Found(_DATED_TITLE.sub("", title.value), title.key)
        title = None
    tags: list[str] = []
    tag_keys: list[str] = []
    for key in TAG_KEYS[:3]:
        words = [w for w in _words(meta.get(key)) if w.casefold() not in _HOUSEKEEPING_TAGS]
        if words:
            tags.extend(words)
            tag_keys.append(key)
    categories = tuple(_words(meta.get("categories")))
    language = _first_text(meta, LANGUAGE_KEYS)
    if language is not None:
        code = _LANGUAGE.match(language.value)
        language = Found(code.group(1).lower(), language.key) if code else None
    hints = tuple(
        Found(text.casefold(), key)
        for key in KIND_KEYS
        if (text := _text(meta.get(key))) is not None
    )
    return PageMeta(
        title=title,
        dated_title=dated_title,
        summary=_first_text(meta, SUMMARY_KEYS),
        language=language,
        url=_first_text(meta, URL_KEYS),
        tags=tuple(dict.fromkeys(tags)),
        tag_keys=tuple(tag_keys),
        kind_hints=hints,
        categories=categories,
        dated=isinstance(meta.get("date"), date | str),
        keys=frozenset(meta),
    )


def _first_text(meta: dict[str, Any], keys: tuple[str, ...]) -> Found | None:
    for key in keys:
        text = _text(meta.get(key))
        if text:
            return Found(text, key)
    return None


def camel_hashtag(words: str) -> str:
    """``distributed systems`` → ``#DistributedSystems``; ``auto-hébergement`` →
    ``#AutoHébergement``; capitals inside a word are kept (``CI``, ``VSCode``)."""
    parts = re.split(r"[^\w]+|_", words)
    body = "".join(part[:1].upper() + part[1:] for part in parts if part)
    return f"#{body}" if body else ""


def join_url(url: str, site_url: str | None) -> str | None:
    """An absolute address for a page: as it is, or a relative permalink joined to
    the site's address; None when it is relative and no site address is known."""
    if re.match(r"^https?://", url):
        return url
    if not site_url or not re.match(r"^https?://", site_url):
        return None
    return site_url.rstrip("/") + "/" + url.lstrip("/")
