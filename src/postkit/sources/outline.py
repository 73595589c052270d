"""A Markdown page as an outline: sections, and the paragraphs, lists and code in each.

The body (site-generator syntax already taken out by :mod:`postkit.sources.markup`)
is parsed with markdown-it-py. Only text reaches the outline: emphasis, code,
links, images, HTML, tables, footnotes, task boxes and wiki links leave their
words or nothing. Each block keeps the page's line numbers, and what a later
step needs to judge it: how much of a paragraph is links, whether a list item
leads with a name (``**Name**: text``, ``[Name](url) - text``), whether every
link in a list points into the page itself (a table of contents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from typing import Any

_SEPARATOR = re.compile(r"^\s*(?::|[-–—](?=\s)|\|)\s*")
_PARENTHETICAL = re.compile(r"^\s*(\([^()]{1,40}\))\s*(?::|[-–—](?=\s))\s*")
_BY_LINE = re.compile(r"^\s*((?:by|von|de|par|di|por)\s[^:]{1,60}?):\s+", re.IGNORECASE)
_PLAIN_NAME = re.compile(r"^([^:.!?;]{2,60}?)\s*(?::|\s[-–—])\s+(\S.*)$", re.DOTALL)
_UNRESOLVED_REFERENCE = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_SYMBOLS_ONLY = re.compile(r"^[\W\d_]*$")
# Keys whose character is Markdown syntax, named as keyboards name them ("Ctrl+`").
_KEY_NAMES = {"`": "Backtick", "|": "Pipe", "*": "Asterisk", "_": "Underscore", "~": "Tilde"}


@dataclass
class Item:
    """One list item: its text, and its name when it leads with one."""

    text: str  # all of its first paragraph, as plain text
    line: int
    name: str | None = None  # "**Name**: text" or "**Name** – text": a strict lead-in
    rest: str = ""  # the text after a strict lead-in
    pick: tuple[str, str] | None = None  # a looser lead-in: bold sentence, link, "Name: text"
    link_led: bool = False  # it starts with a link: a resource pick
    anchors_only: bool = False  # its only words are links into the page: a TOC entry
    more: list[str] = field(default_factory=list)  # later paragraphs of the item
    children: list[Item] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph, list, code block, HTML block or table, with its lines."""

    kind: str  # "paragraph", "list", "code", "html" or "table"
    line: int
    end: int
    text: str = ""
    quoted: bool = False  # inside a blockquote
    items: list[Item] = field(default_factory=list)
    ordered: bool = False
    info: str = ""  # a code block's language
    code: str = ""
    words: int = 0
    link_words: int = 0  # words inside links
    links: int = 0
    anchors: int = 0  # links to "#…" in the page itself
    has_prose: bool = True  # words, not only images or HTML
    strong_only: bool = False  # the whole paragraph is bold
    emphasis_only: bool = False  # the whole paragraph is italic
    html_headings: list[str] = field(default_factory=list)
    html_paragraphs: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A heading (None before the first one) and the blocks under it."""

    title: str | None
    level: int  # 0 before the first heading
    line: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Outline:
    """A page's sections in order; the first holds what comes before any heading."""

    sections: list[Section]
    links: list[str]  # http(s) links, in order

    def blocks(self) -> list[tuple[Section, Block]]:
        return [(section, block) for section in self.sections for block in section.blocks]


@cache
def parser() -> Any:
    """CommonMark plus what notes and blog posts use, so none of its syntax leaks."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    # Tables and ~~strikethrough~~ are parsed so that their pipes and tildes
    # never reach a post; table cells are not prose and are skipped below.
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)
    md.options["tasklists"] = True  # "- [ ] item" → "item"
    md.options["alerts"] = True  # "> [!NOTE]" → an alert block, not "[!NOTE]" text
    md.inline.ruler.before("link", "wikilink", _wikilink)
    return md


def _wikilink(state: Any, silent: bool) -> bool:
    """Notes apps' ``[[Page]]`` / ``[[Page|label]]`` links become links with their words;
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
        words = (label or target.split("#", 1)[0] or target.lstrip("#")).strip()
        state.push("link_open", "a", 1).attrs = {"href": f"wiki:{target}"}
        state.push("text", "", 0).content = words
        state.push("link_close", "a", -1)
    state.pos = end + 2
    return True


@dataclass
class _Inline:
    """Plain text of an inline token, and what the links in it were."""

    text: str
    words: int
    link_words: int
    links: int
    anchors: int
    urls: list[str]


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _autotitle(href: str) -> str:
    """GitHub Docs' ``[AUTOTITLE](/a/events-that-trigger-workflows#schedule)``: the
    page it names, in words ("events that trigger workflows")."""
    path = href.split("#", 1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")


def inline_text(token: Any) -> _Inline:
    """Plain text of an inline token: no emphasis markers, backticks, images or link targets."""
    parts: list[str] = []
    struck = 0  # ~~struck-out~~ words are deleted text, not part of the sentence
    link: str | None = None
    link_parts: list[str] = []
    link_words = links = anchors = 0
    urls: list[str] = []
    key = False  # inside <kbd>…</kbd>: a key's name
    for child in token.children or ():
        kind = child.type
        if kind == "html_inline" and re.match(r"</?kbd\b", child.content, re.IGNORECASE):
            key = not child.content.startswith("</")
        elif kind == "text" and key and child.content.strip() in _KEY_NAMES:
            parts.append(_KEY_NAMES[child.content.strip()])
        elif kind in ("s_open", "s_close"):
            struck += 1 if kind == "s_open" else -1
        elif struck:
            continue
        elif kind in ("text", "code_inline"):
            content = child.content
            if link is not None:
                link_parts.append(content)
                continue
            parts.append(content)
        elif kind in ("softbreak", "hardbreak"):
            (link_parts if link is not None else parts).append(" ")
        elif kind == "link_open":
            href = child.attrs.get("href")
            link = href if isinstance(href, str) else ""
            link_parts = []
        elif kind == "link_close" and link is not None:
            words = "".join(link_parts)
            if words.strip() == "AUTOTITLE":
                words = _autotitle(link)
            parts.append(words)
            links += 1
            link_words += _words(words)
            if link.startswith("#"):
                anchors += 1
            if link.startswith(("http://", "https://")):
                urls.append(link)
            link = None
    if link is not None:  # an unclosed link: its words are still words
        parts.extend(link_parts)
    text = _UNRESOLVED_REFERENCE.sub(r"\1", " ".join("".join(parts).split()))
    return _Inline(text, _words(text), link_words, links, anchors, urls)


def _has_prose(token: Any) -> bool:
    """True when an inline token holds words, not only images, links of images or HTML."""
    return any(
        child.type in ("text", "code_inline") and child.content.strip()
        for child in token.children or ()
    )


def _wrapped_by(token: Any, opening: str) -> bool:
    """True when the whole inline token is one ``strong`` (or ``em``) run."""
    children = [c for c in token.children or () if not (c.type == "text" and not c.content.strip())]
    return (
        len(children) >= 3
        and children[0].type == f"{opening}_open"
        and children[-1].type == f"{opening}_close"
        and sum(1 for c in children if c.type == f"{opening}_open") == 1
    )


def _sub_inline(token: Any, children: list[Any]) -> Any:
    return type(token)(type="inline", tag="", nesting=0, children=children)


def _lead_ins(token: Any) -> tuple[tuple[str, str] | None, tuple[str, str] | None, bool]:
    """(strict lead-in, loose lead-in, starts with a link) of a list item's text.

    Strict: ``**Name**: text``, ``**Name:** text``, ``**Name** – text`` (what a
    concept page's lists use). Loose adds a bold sentence (``**Do this.** Why``),
    a bold name with a parenthesis (``**Quick Open** (Ctrl+P): …``), a link
    (``[Name](url) - text``, ``[[Name]] by Author: text``) and ``Name: text``.
    """
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content)]
    # A leading emoji ("📒 **Batch log**: …") is decoration, not part of the name.
    while children and children[0].type == "text" and _SYMBOLS_ONLY.match(children[0].content):
        if children[0].content.strip() and any(ch.isdigit() for ch in children[0].content):
            break
        children = children[1:]
    if not children:
        return None, None, False
    first = children[0].type
    opening = first.removesuffix("_open")
    if first in ("strong_open", "link_open"):
        closing = next((i for i, c in enumerate(children) if c.type == f"{opening}_close"), None)
        if closing is not None:
            name = inline_text(_sub_inline(token, children[: closing + 1])).text.strip()
            rest = inline_text(_sub_inline(token, children[closing + 1 :])).text
            return _judge_lead_in(name, rest, first == "link_open")
    whole = inline_text(_sub_inline(token, children)).text
    plain = _PLAIN_NAME.match(whole)
    loose = None
    if plain and len(plain.group(1).split()) <= 6:
        loose = (plain.group(1).strip(), plain.group(2).strip())
    return None, loose, False


def _judge_lead_in(
    name: str, rest: str, link: bool
) -> tuple[tuple[str, str] | None, tuple[str, str] | None, bool]:
    strict = None
    if not link and (name.endswith(":") or _SEPARATOR.match(rest) or not rest.strip()):
        bare = name.rstrip(":").strip()
        if bare:
            strict = (bare, _SEPARATOR.sub("", rest, count=1).strip())
    if strict is not None:
        return strict, strict, link
    if link and (_SEPARATOR.match(rest) or not rest.strip()):
        return None, (name, _SEPARATOR.sub("", rest, count=1).strip()), True
    parenthetical = _PARENTHETICAL.match(rest)
    if parenthetical:
        return None, (f"{name} {parenthetical.group(1)}", rest[parenthetical.end() :].strip()), link
    by_line = _BY_LINE.match(rest)
    if link and by_line:
        return None, (f"{name} {by_line.group(1)}", rest[by_line.end() :].strip()), True
    if not link and name[-1:] in ".!?" and len(name.split()) >= 2:
        return None, (name.rstrip("."), rest.strip()), False
    return None, None, link


class _HtmlText(HTMLParser):
    """The words of an HTML block: its headings and its paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.paragraphs: list[str] = []
        self._open: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "p"):
            self._open, self._buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            text = " ".join("".join(self._buffer).split())
            if text:
                (self.paragraphs if tag == "p" else self.headings).append(text)
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._buffer.append(data)


def _html_block(block: Block, content: str) -> None:
    reader = _HtmlText()
    try:
        reader.feed(content)
        reader.close()
    except (ValueError, AssertionError):  # malformed HTML: no words from it
        return
    block.html_headings = reader.headings
    block.html_paragraphs = reader.paragraphs


def outline(text: str, first_line: int = 1) -> Outline:
    """Parse a page body into its outline (``first_line``: the page's number of the
    body's first line)."""
    tokens = parser().parse(text)
    return _Walk(tokens, first_line).run()


class _Walk:
    def __init__(self, tokens: list[Any], first_line: int) -> None:
        self.tokens = tokens
        self.offset = first_line
        self.sections = [Section(None, 0, first_line)]
        self.links: list[str] = []
        self.lists: list[tuple[Block, list[Item]]] = []  # open lists, outermost first
        self.item_open: list[Item | None] = []
        self.quotes = 0

    def line(self, token: Any) -> tuple[int, int]:
        if token.map:
            return token.map[0] + self.offset, token.map[1] - 1 + self.offset
        return self.offset, self.offset

    def add(self, block: Block) -> None:
        self.sections[-1].blocks.append(block)

    def run(self) -> Outline:
        in_footnotes = False
        for index, token in enumerate(self.tokens):
            kind = token.type
            if kind in ("footnote_block_open", "footnote_block_close"):
                in_footnotes = kind == "footnote_block_open"
            elif in_footnotes:
                continue  # footnotes are asides, not the definition or a field
            elif kind == "heading_open":
                words = inline_text(self.tokens[index + 1])
                self.links.extend(words.urls)
                start, _ = self.line(token)
                self.sections.append(Section(words.text, int(token.tag[1:]), start))
            elif kind in ("blockquote_open", "alert_open"):
                self.quotes += 1
            elif kind in ("blockquote_close", "alert_close"):
                self.quotes -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self._open_list(token)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                self.item_open.pop()
            elif kind == "list_item_open" and self.lists:
                self.item_open[-1] = None
            elif kind == "inline" and self.tokens[index - 1].type == "paragraph_open":
                self._paragraph(token, self.tokens[index - 1])
            elif kind in ("fence", "code_block") and not self.lists:
                start, end = self.line(token)
                self.add(Block("code", start, end, info=token.info.strip(), code=token.content))
            elif kind == "html_block" and not self.lists:
                start, end = self.line(token)
                block = Block("html", start, end, has_prose=False)
                _html_block(block, token.content)
                self.add(block)
            elif kind == "table_open" and not self.lists:
                start, end = self.line(token)
                self.add(Block("table", start, end, has_prose=False))
        return Outline(self.sections, list(dict.fromkeys(self.links)))

    def _open_list(self, token: Any) -> None:
        start, end = self.line(token)
        ordered = token.type == "ordered_list_open"
        if not self.lists:
            block = Block("list", start, end, ordered=ordered, quoted=self.quotes > 0)
            self.add(block)
            self.lists.append((block, block.items))
        else:
            parent = self.item_open[-1]
            holder = parent.children if parent is not None else []
            self.lists.append((self.lists[-1][0], holder))
        self.item_open.append(None)

    def _paragraph(self, token: Any, opening: Any) -> None:
        words = inline_text(token)
        self.links.extend(words.urls)
        start, end = self.line(opening)
        if self.lists:
            self._item_paragraph(token, words, start)
            return
        block = Block(
            "paragraph",
            start,
            end,
            text=words.text,
            quoted=self.quotes > 0,
            words=words.words,
            link_words=words.link_words,
            links=words.links,
            anchors=words.anchors,
            has_prose=_has_prose(token),
            strong_only=_wrapped_by(token, "strong"),
            emphasis_only=_wrapped_by(token, "em"),
        )
        self.add(block)

    def _item_paragraph(self, token: Any, words: _Inline, start: int) -> None:
        current = self.item_open[-1]
        if current is not None:
            current.more.append(words.text)
            return
        strict, loose, link_led = _lead_ins(token)
        item = Item(
            words.text,
            start,
            name=strict[0] if strict else None,
            rest=strict[1] if strict else words.text,
            pick=loose,
            link_led=link_led,
            anchors_only=words.links > 0
            and words.anchors == words.links
            and words.link_words >= words.words - 2,
        )
        self.lists[-1][1].append(item)
        self.item_open[-1] = item
