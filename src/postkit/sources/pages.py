"""Markdown pages to topics: front matter, kinds, site-generator syntax, sentences.

A page can be a postkit topic page (front matter whose keys are all topic
fields), or any Markdown note, README, changelog or blog post. Reading one
goes step by step, each in its own module:

1. :mod:`~postkit.sources.frontmatter`: YAML or TOML front matter, and what it
   says (title, description, tags, language, address, kind);
2. :mod:`~postkit.sources.markup`: Hugo, Liquid, kramdown, MkDocs, Docusaurus,
   MDX and Obsidian syntax taken out, admonitions lifted out as asides;
3. :mod:`~postkit.sources.outline`: the Markdown parsed (markdown-it-py) into
   sections, paragraphs and lists of plain text;
4. :mod:`~postkit.sources.kinds`: the page's kind (concept, article, howto,
   listicle, changelog, readme, resources) and why;
5. :mod:`~postkit.sources.shapes`: that kind's fields, with sentences chosen by
   :mod:`~postkit.sources.choosing` (no navigation, boilerplate or filler);
6. :mod:`~postkit.sources.language`: the page's language, when it does not say.

:func:`read_page` returns the Topic and a
:class:`~postkit.sources.provenance.Provenance` saying where each part came from
(``postkit draft --explain``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from postkit.errors import PageError
from postkit.model import TOPIC_FIELDS, Topic, refuse_placeholders, validate_topic
from postkit.sources import shapes
from postkit.sources.choosing import meta_section
from postkit.sources.files import STDIN, origin_of, read_text_file
from postkit.sources.frontmatter import (
    PageMeta,
    camel_hashtag,
    join_url,
    page_meta,
    split_front_matter,
)
from postkit.sources.headings import FIELD_WORDS, field_named_by
from postkit.sources.kinds import KINDS, KindFound, detect_kind, kind_name
from postkit.sources.language import detect_language
from postkit.sources.markup import clean_markup
from postkit.sources.outline import Outline, inline_text, outline, parser
from postkit.sources.provenance import Provenance

__all__ = [
    "FIELD_WORDS",
    "MAX_PAGE_BYTES",
    "PageReading",
    "field_named_by",
    "field_names",
    "load_page",
    "load_topic_page",
    "read_front_matter_names",
    "read_page",
    "split_front_matter",
    "topic_from_markdown",
]

MAX_PAGE_BYTES = 2 * 1024 * 1024  # notes and blog posts are far smaller; bounds parse time
MAX_INLINE_MARKS = 20_000  # a long blog post has a few thousand; bounds inline parse time
_INLINE_MARKS = "[]*_`~"
MAX_HASHTAGS = 8  # from a page's tags; each platform's cap is applied when drafting

_QUESTION_TITLE = re.compile(
    r"^(?:what|who)\s+(?:is|are)\s+(?:an?\s+|the\s+)?|^(?:was ist|qu'est-ce que|qué es|"
    r"o que é|cos'è)\s+(?:(?:ein|eine|der|die|das|le|la|l'|un|une|el|la|o|a|um|uma|il|lo|un)"
    r"\s*)?",
    re.IGNORECASE,
)
# "Chaos engineering is …" → "Chaos engineering": the subject of a definition.
_SUBJECT = re.compile(
    r"^(?:(?:an?|the)\s+)?(?P<subject>(?!(?:it|its|this|that|these|those|there|here|they|we|"
    r"i|you|he|she|my|our|your|their|what|how|why|when|if|in|on|at|today|most|many|some)\b)"
    r"[\w][\w'’+#./-]*(?:\s+[\w'’+#./()-]+){0,3}?)\s+(?:is|are|refers\s+to|means|lets|"
    r"allows|enables|helps|turns|moves|describes|uses|makes|provides|gives|runs|keeps|stores|"
    r"combines|brings|offers|creates|builds)\s",
    re.IGNORECASE,
)


def read_front_matter_names(path: Path) -> tuple[str, ...]:
    """The title and aliases named in a page's front matter (for topic lookup)."""
    try:
        text = read_text_file(path, limit=MAX_PAGE_BYTES, regular=True)
        data, _, _ = split_front_matter(text, str(path))
    except PageError:
        return ()
    names = [data.get("title")]
    aliases = data.get("aliases")
    if isinstance(aliases, list):
        names.extend(aliases)
    return tuple(str(name) for name in names if isinstance(name, str | int | float))


def _subject_of(summary: str) -> str | None:
    """The subject a definition starts with, for pages with no title or heading."""
    match = _SUBJECT.match(summary)
    if match is None:
        return None
    subject = match.group("subject")
    return subject[:1].upper() + subject[1:]


def _title_from_file(origin: str) -> str:
    """``notes/edge-computing.md`` → ``Edge computing`` (a page with no title or heading)."""
    words = " ".join(Path(origin).stem.replace("_", " ").replace("-", " ").split())
    if not words or origin == STDIN:  # standard input has no file name to fall back on
        raise PageError(
            f"{origin}: the page has no title; start it with a '# Title' heading "
            "or give it a title: in front matter"
        )
    return words[:1].upper() + words[1:]


def _title_from_heading(heading: str) -> str:
    """``What is a service mesh?`` → ``Service mesh``; other headings as they are
    (``tidepool`` is a project's name)."""
    title = _QUESTION_TITLE.sub("", heading).strip()
    if title == heading.strip():
        return title
    title = title.rstrip("?").strip()
    return title[:1].upper() + title[1:] if title else heading


def _lowercase_keys(data: dict[str, Any]) -> dict[str, Any]:
    return {str(key).strip().lower(): value for key, value in data.items()}


@dataclass(frozen=True)
class PageReading:
    """A page read: its Topic, and where each part of it came from (never cached)."""

    topic: Topic
    provenance: Provenance


def topic_from_markdown(text: str, origin: str, *, strict: bool = False) -> Topic:
    """Parse one Markdown page into a Topic.

    ``strict`` pages (the topic library) must use only topic fields in their
    front matter. Other pages (``--from``) may carry any front matter; keys that
    are not topic fields are read for what they say (title, description, tags,
    language, address, kind) and otherwise ignored.
    """
    return read_markdown(text, origin, strict=strict).topic


def read_markdown(
    text: str,
    origin: str,
    *,
    strict: bool = False,
    kind: str | None = None,
    link: str | None = None,
    site_url: str | None = None,
) -> PageReading:
    """Read one Markdown page into a Topic and the record of where its parts came from.

    ``kind`` overrides the kind the page is taken for; ``link`` is the page's
    address (else its front matter's, joined to ``site_url`` when relative).
    """
    raw, body, body_line = split_front_matter(text, origin)
    raw = _lowercase_keys(raw)
    unknown = sorted(set(raw) - TOPIC_FIELDS)
    if strict and unknown:
        raise PageError(
            f"{origin}: front matter: {unknown[0]}: not a topic field "
            f"(known: {', '.join(sorted(TOPIC_FIELDS))})"
        )
    own = not unknown
    marks = sum(body.count(mark) for mark in _INLINE_MARKS)
    if marks > MAX_INLINE_MARKS:
        # markdown-it's inline rules cost time per mark, and more than linear for
        # brackets in one paragraph: "![a](b" * 20_000 takes minutes.
        raise PageError(
            f"{origin}: {marks:,} Markdown marks ({' '.join(_INLINE_MARKS)}); over "
            f"{MAX_INLINE_MARKS:,} would take too long to read; is this really a page?"
        )
    meta = page_meta(raw)
    provenance = Provenance(origin)
    cleaned = clean_markup(body, body_line)
    for skipped in cleaned.skipped:
        provenance.skip(skipped.line, skipped.end, skipped.what)
    page = outline(cleaned.text, body_line)
    reading = shapes.Reading(origin, meta, page, cleaned.asides, provenance)
    if not own:
        reading.own_summary = _own_summary(meta, provenance)
    heading = _heading(page)
    title_from_meta = meta.title.value if meta.title else None
    if title_from_meta is None and heading is None and meta.dated_title is not None:
        title_from_meta = meta.dated_title.value
    opening_text = " ".join(shapes.opening(reading)[0][:2])
    found = _kind(kind, meta, page, title_from_meta or heading or "", opening_text, origin, strict)
    provenance.kind, provenance.kind_reason = found.kind, found.reason
    data = _shape(reading, found.kind, title_from_meta)
    _note_skipped(reading)
    if not data.get("summary") and not (own and isinstance(raw.get("summary"), str)):
        raise PageError(
            f"{origin}: the page has no paragraph to draft from; "
            "start it with a paragraph that says what the topic is"
        )
    data["kind"] = found.kind
    data["title"] = _title(data, meta, heading, found.kind, own, origin, provenance)
    data["language"] = _language(meta, page, provenance)
    tags = [*meta.tags, *cleaned.tags]
    if tags:
        data["hashtags"] = list(dict.fromkeys(filter(None, map(camel_hashtag, tags))))
        data["hashtags"] = data["hashtags"][:MAX_HASHTAGS]
        where = ", ".join(f"`{key}`" for key in meta.tag_keys) or "tag lines"
        provenance.part("hashtags", f"front matter {where}" if meta.tag_keys else where)
    data["url"] = _url(link, meta, site_url, provenance)
    data["sources"] = page.links
    topic = _validate({key: value for key, value in _tidy(data).items()}, raw, own, origin)
    _warn_if_thin(topic, provenance)
    return PageReading(topic, provenance)


def _kind(
    kind: str | None,
    meta: PageMeta,
    page: Outline,
    title: str,
    opening_text: str,
    origin: str,
    strict: bool,
) -> KindFound:
    if kind is not None:
        chosen = kind_name(kind)
        if chosen is None:
            from postkit.errors import SettingError

            raise SettingError(
                "kind", f"{kind!r} is not a page kind; choose one of: {', '.join(KINDS)}"
            )
        return KindFound(chosen, "chosen with --kind")
    if strict and not any(hint.key == "kind" for hint in meta.kind_hints):
        return KindFound("concept", "a topic page")
    return detect_kind(meta, page, title, opening_text, origin)


def _note_skipped(reading: shapes.Reading) -> None:
    """Record every paragraph a post never uses (navigation, notes, filler), so that
    --explain names them all, not only those the chosen shape passed over."""
    for _, block in reading.outline.blocks():
        if block.kind == "paragraph":
            shapes.paragraph_sentences(reading, block)


def _shape(reading: shapes.Reading, kind: str, title: str | None) -> dict[str, Any]:
    if kind == "changelog":
        return shapes.changelog(reading, title)
    shape: Callable[[shapes.Reading], dict[str, Any]] = getattr(shapes, kind, shapes.concept)
    return shape(reading)


def _plain(markdown: str) -> str:
    """A front-matter text (Markdown, perhaps Liquid) as plain words."""
    cleaned = clean_markup(markdown).text
    for token in parser().parse(cleaned):
        if token.type == "inline":
            return inline_text(token).text
    return ""


def _own_summary(meta: PageMeta, provenance: Provenance) -> str | None:
    """The page's own one-line summary (description, summary, excerpt…), if it has one."""
    if meta.summary is None:
        return None
    text = _plain(meta.summary.value)
    # A subtitle is often a tagline ("Flour, water, salt and patience"), not a summary.
    if meta.summary.key == "subtitle" and not text.endswith((".", "!", "?")):
        return None
    if text:
        provenance.part("summary", f"front matter `{meta.summary.key}`")
    return text or None


_GENERIC_HEADING = re.compile(
    r"^\W*(?:introduction|intro|background|summary|tl;?dr|conclusion|einleitung|einführung|"
    r"introducción|introdução|introduzione|resumen|zusammenfassung|résumé|resumo|sommario|"
    r"fazit)\W*$",
    re.IGNORECASE,
)


def _heading(page: Outline) -> str | None:
    """The page's own heading: its first H1 (Markdown or HTML), else its first heading
    that does not name a field ("## What is a service mesh?")."""
    for section in page.sections:
        if section.level == 0:
            for block in section.blocks:
                if block.kind == "html" and block.html_headings:
                    return block.html_headings[0]
        elif section.level == 1 and section.title:
            return section.title
    for section in page.sections:
        title = section.title
        generic = title is None or _GENERIC_HEADING.match(title) is not None
        if title and not (generic or field_named_by(title) or meta_section(title)):
            return title
    return None


def _trim(title: str) -> str:
    """A title without the emoji or symbols around it ("🍺 brewlog" → "brewlog")."""
    import unicodedata

    chars = list(title.strip())
    decoration = ("So", "Sk", "Cf", "Mn", "Zs", "Pd")
    while chars and (unicodedata.category(chars[0]) in decoration or chars[0] in "|•·"):
        chars.pop(0)
    while chars and (unicodedata.category(chars[-1]) in decoration or chars[-1] in "|•·"):
        chars.pop()
    return "".join(chars).strip() or title.strip()


def _title(
    data: dict[str, Any],
    meta: PageMeta,
    heading: str | None,
    kind: str,
    own: bool,
    origin: str,
    provenance: Provenance,
) -> str:
    """Front matter first, then the first H1, then the subject of the definition."""
    if kind == "changelog" and data.get("title"):
        provenance.part("title", "the product's name and the newest released version")
        return str(data["title"])
    if meta.title is not None:
        provenance.part("title", f"front matter `{meta.title.key}`")
        return _trim(meta.title.value)
    subject = _subject_of(str(data.get("summary") or ""))
    if heading:
        title = _title_from_heading(_trim(heading))
        if meta.dated_title is not None:
            provenance.skip(
                1,
                1,
                f"front matter `title` ({meta.dated_title.value!r}, a dated "
                "note name; the page's own heading wins)",
            )
        if subject and field_named_by(title) and kind == "concept":
            provenance.part("title", "the subject of the definition")
            return subject  # "7 Tips for Better Code Reviews" is about "Code review"
        provenance.part("title", "the first heading")
        return title
    if meta.dated_title is not None:
        provenance.part("title", f"front matter `{meta.dated_title.key}`, without its date")
        return _trim(meta.dated_title.value)
    if subject:
        provenance.part("title", "the subject of the definition")
        return subject
    provenance.part("title", "the file name")
    return _title_from_file(origin)


def _language(meta: PageMeta, page: Outline, provenance: Provenance) -> str:
    if meta.language is not None:
        provenance.language_reason = f"front matter `{meta.language.key}`"
        provenance.language = meta.language.value
        return meta.language.value
    words: list[str] = []
    for _, block in page.blocks():
        if block.kind == "paragraph":
            words.append(block.text)
        elif block.kind == "list":
            words.extend(item.text for item in block.items)
        if sum(map(len, words)) > 20_000:
            break
    language, evidence = detect_language(" ".join(words))
    if language is None:
        provenance.language_reason = "too little text to tell; English"
        return "en"
    provenance.language = language
    provenance.language_reason = f"detected: {evidence} of its small words are {language}"
    return language


def _url(
    link: str | None, meta: PageMeta, site_url: str | None, provenance: Provenance
) -> str | None:
    if link:
        provenance.part("url", "--link")
        return link
    if meta.url is None:
        return None
    url = join_url(meta.url.value, site_url)
    if url is None:
        provenance.part(
            "url",
            f"none: front matter `{meta.url.key}: {meta.url.value}` is relative; set site_url "
            "in the config (or give --link) to link the post to the page",
        )
        return None
    joined = " joined to site_url" if url != meta.url.value else ""
    provenance.part("url", f"front matter `{meta.url.key}`{joined}")
    return url


def _tidy(data: dict[str, Any]) -> dict[str, Any]:
    """No empty entries, no unnamed items, no None where a Topic wants a value."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, list):
            if key in ("examples", "items"):
                value = [v for v in value if str(v.get("name") or "").strip()]
            else:
                value = [v for v in value if str(v).strip()]
        if value is not None:
            out[key] = value
    return out


def _validate(data: dict[str, Any], raw: dict[str, Any], own: bool, origin: str) -> Topic:
    known = {key: value for key, value in raw.items() if key in TOPIC_FIELDS}
    if not own:
        known.pop("title", None)
    try:
        return validate_topic({**data, **known})
    except ValidationError as exc:
        if own:
            raise PageError(f"{origin}: {_first_problem(exc)}") from None
    # A blog's own keys that happen to share a topic field's name (Hugo's
    # ``aliases`` or a ``summary`` that is not text) are not ours to check.
    try:
        return validate_topic(data)
    except ValidationError as exc:
        raise PageError(f"{origin}: {_first_problem(exc)}") from None


# What a page of each kind lacks when its post comes out thin.
_LACKS = {
    "concept": "no sections, lists or paragraphs beyond its first",
    "article": "no list of lessons, no sections of prose beyond its opening",
    "howto": "no steps (step headings, numbered headings or an ordered list)",
    "listicle": "no numbered items (numbered headings or a list of named items)",
    "changelog": "no Added/Changed/Fixed lists under its newest released version",
    "readme": "no feature list and no install or usage steps",
    "resources": "no named picks in its lists",
}


def _warn_if_thin(topic: Topic, provenance: Provenance) -> None:
    lists = (
        topic.explanation, topic.examples, topic.tips, topic.pitfalls, topic.benefits,
        topic.items, topic.steps, topic.added, topic.changed, topic.fixed,
    )  # fmt: skip
    if not any(lists):
        provenance.warn(
            f"{provenance.origin}: a thin post: the page has {_LACKS[topic.kind]}; "
            "the draft says little more than its opening"
        )


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg'].lower()}" if where else error["msg"].lower()


def load_page(
    path: Path,
    *,
    strict: bool = False,
    report: Callable[[str], None] | None = None,
    kind: str | None = None,
    link: str | None = None,
    site_url: str | None = None,
) -> Topic:
    """Read a page (``-`` is stdin), repair garbled text in it, and parse it, for drafting.

    Pages pasted from other tools often carry mojibake ("ğŸš€" for 🚀); it is
    repaired before parsing, and ``report`` hears of it in one line, as it
    hears of a thin post. A starter page whose placeholders are not filled in
    yet is refused (PageError naming the line).
    """
    reading = read_page(path, strict=strict, report=report, kind=kind, link=link, site_url=site_url)
    if report is not None:
        for warning in reading.provenance.warnings:
            report(f"warning: {warning}")
    return reading.topic


def read_page(
    path: Path,
    *,
    strict: bool = False,
    report: Callable[[str], None] | None = None,
    kind: str | None = None,
    link: str | None = None,
    site_url: str | None = None,
) -> PageReading:
    """Like :func:`load_page`, with the record of where each part came from
    (``--explain``); its warnings are the caller's to show."""
    origin, text = _read_page(path, report)
    refuse_placeholders(text, origin)
    return read_markdown(text, origin, strict=strict, kind=kind, link=link, site_url=site_url)


def _read_page(path: Path, report: Callable[[str], None] | None) -> tuple[str, str]:
    """A page's origin (its path, or stdin) and its text, garbled stretches repaired."""
    from postkit.mojibake.repair import repair_page_text

    origin = origin_of(path)
    text, repairs = repair_page_text(read_text_file(path, limit=MAX_PAGE_BYTES, regular=True))
    if repairs and report is not None:
        count = len(repairs)
        report(
            f"{origin}: repaired {count} garbled stretch{'es' if count > 1 else ''} of text "
            f"(mojibake) before drafting; `postkit fix --explain` shows them"
        )
    return origin, text


def load_topic_page(path: Path, *, strict: bool = True) -> Topic:
    """Read, repair and parse a topic page from a file (placeholders and all: the
    library lists a starter page; :func:`postkit.sources.topics.load_topic` refuses to draft it)."""
    origin, text = _read_page(path, None)
    return topic_from_markdown(text, origin, strict=strict)


def field_names() -> Iterator[str]:
    """The topic fields that headings can map to, for help texts."""
    return (name for name, _ in FIELD_WORDS)
