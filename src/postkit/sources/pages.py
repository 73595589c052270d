"""Markdown pages to topics: front matter, headings, paragraphs and lists.

A page can be a postkit topic page (front matter whose keys are all topic
fields), or any Markdown note or blog post. The body is parsed with
markdown-it-py: the title comes from the front matter or the first heading
(else the subject of the definition, else the file name), the definition
from the first paragraph, and topic fields are recognised by the words of their
heading or of the paragraph that introduces a list. Only text reaches a
topic: emphasis, code, links, images, HTML, tables, footnotes, task boxes and
wiki links leave their words or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from postkit.errors import PageError
from postkit.model import TOPIC_FIELDS, Topic, refuse_placeholders, validate_topic
from postkit.sources.files import STDIN, origin_of, read_text_file
from postkit.sources.prose import sentences

MAX_PAGE_BYTES = 2 * 1024 * 1024  # notes and blog posts are far smaller; bounds parse time
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_INLINE_MARKS = 20_000  # a long blog post has a few thousand; bounds inline parse time
_INLINE_MARKS = "[]*_`~"

SHORT_SENTENCE = 100  # characters; a definition this short takes the next sentence too

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_QUESTION_TITLE = re.compile(r"^(?:what|who)\s+(?:is|are)\s+(?:an?\s+|the\s+)?", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
# "Chaos engineering is …" → "Chaos engineering": the subject of a definition.
_SUBJECT = re.compile(
    r"^(?:(?:an?|the)\s+)?(?P<subject>(?!(?:it|its|this|that|these|those|there|here|they|we|"
    r"i|you|he|she|my|our|your|their|what|how|why|when|if|in|on|at|today|most|many|some)\b)"
    r"[\w][\w'’+#./-]*(?:\s+[\w'’+#./()-]+){0,3}?)\s+(?:is|are|refers\s+to|means|lets|"
    r"allows|enables|helps|turns|moves|describes|uses|makes|provides|gives|runs|keeps|stores|"
    r"combines|brings|offers|creates|builds)\s",
    re.IGNORECASE,
)
_LEAD_IN_SEPARATOR = re.compile(r"^\s*(?::|[-–—](?=\s))\s*")

# Heading or lead-in words that name a topic field (a list the post draws on), in this order.
# ("Section" is kept for the parts of a post: intro, explanation, examples, tips, cta.)
FIELD_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "pitfalls",
        (
            "pitfall",
            "pitfalls",
            "concern",
            "concerns",
            "risk",
            "risks",
            "challenge",
            "challenges",
            "limitation",
            "limitations",
            "drawback",
            "drawbacks",
            "downside",
            "downsides",
            "mistake",
            "mistakes",
            "caveat",
            "caveats",
            "dangers",
            "cons",
            "disadvantage",
            "disadvantages",
            "gotchas",
            "trade-offs",
            "tradeoffs",
            "pain points",
            "what can go wrong",
        ),
    ),
    (
        "tips",
        (
            "tip",
            "tips",
            "best practice",
            "best practices",
            "advice",
            "recommendation",
            "recommendations",
            "getting started",
            "how to start",
            "dos and don'ts",
            "do's and don'ts",
            "lessons learned",
            "checklist",
        ),
    ),
    (
        "benefits",
        (
            "benefit",
            "benefits",
            "advantage",
            "advantages",
            "why it matters",
            "pros",
            "value",
            "gains",
            "features",
            "key features",
        ),
    ),
    (
        "examples",
        (
            "example",
            "examples",
            "application",
            "applications",
            "use case",
            "use cases",
            "uses",
            "in practice",
            "in action",
            "real world",
            "real-world",
            "case study",
            "case studies",
            "tools",
        ),
    ),
    (
        "explanation",
        (
            "how it works",
            "how does it work",
            "how do they work",
            "component",
            "components",
            "key concepts",
            "concepts",
            "overview",
            "architecture",
            "building blocks",
            "under the hood",
            "fundamentals",
            "how they work",
            "basics",
        ),
    ),
)


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
    """The front matter mapping, the body, and the line the body starts on."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    raw = match.group(1) or ""
    if len(raw) > MAX_FRONT_MATTER_CHARS:
        raise PageError(f"{origin}: front matter is over {MAX_FRONT_MATTER_CHARS // 1024} KiB")
    try:
        data = yaml.load(raw, Loader=_SafeLoader)
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
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PageError(f"{origin}: front matter must be a mapping of keys to values")
    body_line = match.group(0).count("\n") + 1
    return data, text[match.end() :], body_line


def read_front_matter_names(path: Path) -> tuple[str, ...]:
    """The title and aliases named in a page's front matter (for topic lookup)."""
    try:
        data, _, _ = split_front_matter(read_text_file(path), str(path))
    except PageError:
        return ()
    names = [data.get("title")]
    aliases = data.get("aliases")
    if isinstance(aliases, list):
        names.extend(aliases)
    return tuple(str(name) for name in names if isinstance(name, str | int | float))


@dataclass
class _Found:
    """What the body walk collects, before it becomes a Topic."""

    heading: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    items: dict[str, list[tuple[str | None, str]]] = field(default_factory=dict)
    explanation: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def _plain_words(text: str) -> str:
    """``Do's and Don'ts!`` → ``do s and don ts``: headings and keys compared alike."""
    return " ".join(_WORD.findall(text.casefold().replace("-", " ")))


@cache
def _field_keys() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        (name, tuple(f" {_plain_words(key)} " for key in keys)) for name, keys in FIELD_WORDS
    )


def field_named_by(words: str) -> str | None:
    """The topic field that a heading or lead-in sentence names, if any."""
    padded = f" {_plain_words(words)} "
    for name, keys in _field_keys():
        if any(key in padded for key in keys):
            return name
    return None


def _inline_text(token: Any, links: list[str]) -> str:
    """Plain text of an inline token: no emphasis markers, backticks, images or link targets."""
    parts: list[str] = []
    struck = 0  # ~~struck-out~~ words are deleted text, not part of the sentence
    for child in token.children or ():
        kind = child.type
        if kind in ("s_open", "s_close"):
            struck += 1 if kind == "s_open" else -1
        elif struck:
            continue
        elif kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "link_open":
            href = child.attrs.get("href")
            if isinstance(href, str) and href.startswith(("http://", "https://")):
                links.append(href)
    return " ".join("".join(parts).split())


def _has_prose(token: Any) -> bool:
    """True when an inline token holds words, not only images, links of images or HTML."""
    return any(
        child.type in ("text", "code_inline") and child.content.strip()
        for child in token.children or ()
    )


def _lead_in(token: Any, links: list[str]) -> tuple[str | None, str]:
    """Split ``**Name**: text`` into (name, text); other items have no name."""
    # markdown-it starts the children with an empty text token before ``**``.
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content)]
    if len(children) >= 3 and children[0].type == "strong_open":
        closing = next((i for i, c in enumerate(children) if c.type == "strong_close"), None)
        if closing is not None:
            head = type(token)(type="inline", tag="", nesting=0, children=children[1:closing])
            rest = type(token)(type="inline", tag="", nesting=0, children=children[closing + 1 :])
            raw_name = _inline_text(head, links).strip()
            raw_text = _inline_text(rest, links)
            # Only "**Name**: text" (or "**Name:** text", "**Name** – text") is a
            # lead-in; "**Never** share passwords" is a sentence with emphasis.
            if raw_name.endswith(":") or _LEAD_IN_SEPARATOR.match(raw_text) or not raw_text:
                name = raw_name.rstrip(":").strip()
                if name:
                    return name, _LEAD_IN_SEPARATOR.sub("", raw_text, count=1).strip()
    return None, _inline_text(token, links)


def _parser() -> Any:
    """CommonMark plus what notes and blog posts use, so none of its syntax leaks."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    # Tables and ~~strikethrough~~ are parsed so that their pipes and tildes
    # never reach a post; table cells are not prose and are skipped below.
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)
    parser.options["tasklists"] = True  # "- [ ] item" → "item"
    parser.options["alerts"] = True  # "> [!NOTE]" → an alert block, not "[!NOTE]" text
    parser.inline.ruler.before("link", "wikilink", _wikilink)
    return parser


def _wikilink(state: Any, silent: bool) -> bool:
    """Notes apps' ``[[Page]]`` / ``[[Page|label]]`` links become their words;
    ``![[picture.png]]`` embeds disappear (an inline rule of the parser)."""
    src, start = state.src, state.pos
    embed = src.startswith("![[", start)
    if not (embed or src.startswith("[[", start)):
        return False
    opening = start + (3 if embed else 2)
    end = src.find("]]", opening)
    inner = src[opening:end] if end >= 0 else ""
    if not inner.strip() or any(mark in inner for mark in "[]\n"):
        return False
    if not silent and not embed:
        target, _, label = inner.partition("|")
        token = state.push("text", "", 0)
        token.content = (label or target.split("#", 1)[0] or target.lstrip("#")).strip()
    state.pos = end + 2
    return True


def _walk(body: str) -> _Found:
    tokens = _parser().parse(body)
    found = _Found()
    current: str | None = None  # the field the text below belongs to
    pending: str | None = None  # a field named by a lead-in paragraph ending in ":"
    list_depth = 0
    item_open = False
    in_footnotes = False
    titled: str | None = None  # the field a page's title names ("Tips for …")
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("footnote_block_open", "footnote_block_close"):
            in_footnotes = kind == "footnote_block_open"
        elif in_footnotes:
            continue  # footnotes are asides, not the definition or a field
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if list_depth == 0:
                pending = None
        elif kind == "list_item_open" and list_depth == 1:
            item_open = True
        elif kind == "heading_open":
            text = _inline_text(tokens[index + 1], found.links)
            if found.heading is None and token.tag == "h1":
                found.heading = text
                # "# 7 tips for better prompts": its lists are tips until the next heading
                titled = field_named_by(text)
            else:
                titled = None
                current = field_named_by(text)
                if current is None and found.heading is None:
                    found.heading = text
            pending = None
        elif kind == "inline" and tokens[index - 1].type == "paragraph_open":
            if list_depth == 0:
                if not _has_prose(token):  # a row of badges or an image on its own
                    continue
                text = _inline_text(token, found.links)
                pending = None
                if text.endswith(":"):
                    # "X is … . Its uses include:" — prose, then a lead-in to a list
                    *prose, lead_in = sentences(text)
                    pending = field_named_by(lead_in)
                    text = " ".join(prose)
                _take_paragraph(found, text, current)
            elif item_open:
                item_open = False
                named = pending or current or titled
                if named is not None:
                    found.items.setdefault(named, []).append(_lead_in(token, found.links))
    return found


def _take_paragraph(found: _Found, text: str, current: str | None) -> None:
    if not text or text.endswith(":"):
        return
    # The definition is the first paragraph outside the named fields; an
    # "Overview" or "How it works" heading may come before it.
    if current in (None, "explanation") and not found.paragraphs:
        found.paragraphs.append(text)
    elif (current == "explanation" or not found.items) and len(found.explanation) < 6:
        found.explanation.extend(sentences(text)[:2])


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
    title = _QUESTION_TITLE.sub("", heading).strip().rstrip("?").strip()
    return title[:1].upper() + title[1:] if title else heading


def _fields_from_body(found: _Found, origin: str, summary: Any = None) -> dict[str, Any]:
    if not found.paragraphs and not (isinstance(summary, str) and summary.strip()):
        raise PageError(
            f"{origin}: the page has no paragraph to draft from; "
            "start it with a paragraph that says what the topic is"
        )
    first = sentences(found.paragraphs[0]) if found.paragraphs else [summary]
    # The definition is the first sentence (two when the first is short); the
    # rest of the first paragraph starts the explanation.
    cut = 2 if len(first[0]) < SHORT_SENTENCE else 1
    data: dict[str, Any] = {"summary": " ".join(first[:cut])}
    data["explanation"] = [*first[cut : cut + 2], *found.explanation][:5]
    for name, entries in found.items.items():
        if name == "examples":
            data["examples"] = [{"name": n or t, "text": t if n else ""} for n, t in entries]
        else:
            data[name] = [f"{n}: {t}" if n and t else (n or t) for n, t in entries]
    if found.links:
        data["sources"] = list(dict.fromkeys(found.links))
    return data


def _lowercase_keys(data: dict[str, Any]) -> dict[str, Any]:
    return {str(key).strip().lower(): value for key, value in data.items()}


def topic_from_markdown(text: str, origin: str, *, strict: bool = False) -> Topic:
    """Parse one Markdown page into a Topic.

    ``strict`` pages (the topic library) must use only topic fields in their
    front matter. Other pages (``--from``) may carry any front matter; keys that
    are not topic fields are ignored, and a foreign ``title`` (a blog's page
    title) yields to the first heading.
    """
    meta, body, _ = split_front_matter(text, origin)
    meta = _lowercase_keys(meta)
    unknown = sorted(set(meta) - TOPIC_FIELDS)
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
    found = _walk(body)
    known = {key: value for key, value in meta.items() if key in TOPIC_FIELDS}
    data = _fields_from_body(found, origin, known.get("summary"))
    page_title = known.pop("title", None)
    title = page_title if own else None
    foreign_title = None if own else page_title
    heading = _title_from_heading(found.heading) if found.heading else None
    subject = _subject_of(data["summary"])
    if heading and subject and field_named_by(heading):
        heading = subject  # "7 Tips for Better Code Reviews" is about "Code review"
    data["title"] = title or heading or subject or foreign_title or _title_from_file(origin)
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


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg'].lower()}" if where else error["msg"].lower()


def load_page(
    path: Path, *, strict: bool = False, report: Callable[[str], None] | None = None
) -> Topic:
    """Read a page (``-`` is stdin), repair garbled text in it, and parse it, for drafting.

    Pages pasted from other tools often carry mojibake ("ğŸš€" for 🚀); it is
    repaired before parsing, and ``report`` hears of it in one line. A starter
    page whose placeholders are not filled in yet is refused (PageError naming
    the line).
    """
    origin, text = _read_page(path, report)
    refuse_placeholders(text, origin)
    return topic_from_markdown(text, origin, strict=strict)


def _read_page(path: Path, report: Callable[[str], None] | None) -> tuple[str, str]:
    """A page's origin (its path, or stdin) and its text, garbled stretches repaired."""
    from postkit.mojibake.repair import repair_page_text

    origin = origin_of(path)
    text, repairs = repair_page_text(read_text_file(path, limit=MAX_PAGE_BYTES))
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
