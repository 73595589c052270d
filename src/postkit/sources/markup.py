"""Site-generator syntax taken out of a page before it is read as Markdown.

Pages written for Hugo, Jekyll, GitHub Docs, MkDocs, Docusaurus and Obsidian
carry syntax that is not Markdown: shortcodes ``{{< … >}}``, Liquid
``{% … %}``, kramdown attribute lists ``{:.info}``, heading anchors
``{#id}``, admonitions (``!!! tip``, ``:::note``, ``> [!tip]``), content tabs,
MDX imports and JSX components, Obsidian comments and tags. None of it may
reach a post.

:func:`clean_markup` takes it out line for line: every line keeps its number
(a removed line becomes an empty one), so the Markdown parser's line numbers
still name the page's own lines in ``--explain``. Admonitions and paired
shortcodes whose body is prose ("note", "tip", "warning"…) are lifted out as
:class:`Aside` records, to be used as prose of their kind; figures, tweets,
includes, TOC markers and the like are dropped and recorded as skipped.
Fenced code blocks and inline code are left exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Aside kinds, by the names that generators give them.
ASIDE_KINDS: dict[str, str] = {
    **dict.fromkeys(("tip", "tips", "hint", "success", "check", "done", "bonus"), "tip"),
    **dict.fromkeys(
        ("warning", "caution", "danger", "attention", "error", "failure", "fail", "bug"),
        "warning",
    ),
    **dict.fromkeys(("important",), "important"),
    **dict.fromkeys(
        ("note", "notice", "info", "information", "todo", "aside", "hinweis", "remarque", "nota"),
        "note",
    ),
    **dict.fromkeys(("abstract", "summary", "tldr", "tl;dr", "lead"), "summary"),
    **dict.fromkeys(("example", "question", "faq", "quote", "cite", "details", "help"), "aside"),
    **dict.fromkeys(("alert", "callout", "admonition", "message", "box", "panel"), "note"),
}
# Hugo shortcodes and Liquid tags whose whole body is dropped (code, conditional text).
_DROP_BODY = frozenset(
    {"highlight", "code", "mermaid", "chart", "comment", "ifversion", "if", "unless", "capture"}
)
# Liquid blocks closed by another name's end tag ({% ifversion %} … {% endif %}).
_LIQUID_CLOSERS = {"ifversion": "if", "elsif": "if"}
# Hugo shortcode arguments that hold the words a shortcode shows in running text.
_TEXT_ARGUMENT = re.compile(r"""\b(?:text|title|name|label)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Hugo docs' {{% heading "whatsnext" %}}: the heading's words.
_HEADING_WORDS = {
    "whatsnext": "What's next",
    "prerequisites": "Before you begin",
    "objectives": "Objectives",
    "cleanup": "Clean up",
    "synopsis": "Synopsis",
    "options": "Options",
    "seealso": "See also",
}
# GitHub Docs' product names ({% data variables.product.prodname_actions %}).
_GITHUB_PRODUCTS = {
    "prodname_dotcom": "GitHub",
    "prodname_actions": "GitHub Actions",
    "prodname_ghe_server": "GitHub Enterprise Server",
    "prodname_ghe_cloud": "GitHub Enterprise Cloud",
    "prodname_codespaces": "GitHub Codespaces",
    "prodname_copilot": "GitHub Copilot",
    "prodname_cli": "GitHub CLI",
    "prodname_pages": "GitHub Pages",
    "prodname_registry": "GitHub Packages",
    "prodname_desktop": "GitHub Desktop",
    "prodname_mobile": "GitHub Mobile",
    "prodname_dependabot": "Dependabot",
    "prodname_codeql": "CodeQL",
}

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
# Bounded bodies: an unclosed "{{<" must not make every later one scan to the end.
_SHORTCODE = re.compile(r"\{\{([<%])-?[ \t]*(/?)[ \t]*([\w.-]+)([^{}]{0,2000}?)/?-?([>%])\}\}")
_LIQUID_TAG = re.compile(r"\{%-?[ \t]*(\w+)([^{}]{0,2000}?)-?%\}")
_LIQUID_OUTPUT = re.compile(r"\{\{-?\s*[\w.\[\]'\"-]+(?:\s*\|[^{}\n]*)?\s*-?\}\}")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_OBSIDIAN_COMMENT = re.compile(r"%%.*?%%", re.DOTALL)
_IAL_LINE = re.compile(r"^\s*\{:?\s*[:.#][^}\n]*\}\s*$|^\s*\{:\s*\w[^}\n]*\}\s*$")
_IAL_INLINE = re.compile(r"\{:[^{}\n]*\}")
_HEADING_ANCHOR = re.compile(r"\{[ \t]*[#.][^{}\n]*\}[ \t]*$")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_MKDOCS_ADMONITION = re.compile(r"^(!!!|\?\?\?\+?)\s*([\w-]+)?(?:\s+\"([^\"]*)\")?\s*$")
_MKDOCS_TAB = re.compile(r"^===\+?\s+\"[^\"]*\"\s*$")
_DOCUSAURUS_OPEN = re.compile(r"^ {0,3}(:{3,})\s*([\w-]+)(?:\[([^\]]*)\])?\s*(.*?)\s*$")
_DOCUSAURUS_CLOSE = re.compile(r"^ {0,3}(:{3,})\s*$")
_CALLOUT = re.compile(r"^ {0,3}>\s*\[!([\w-]+)\][+-]?\s*(.*?)\s*$")
_MDX_IMPORT = re.compile(
    r"""^(?:import\s+.+?\s+from\s+['"].+?['"]|import\s+['"].+?['"]|"""
    r"""export\s+(?:const|default|function|let)\b.*);?\s*$"""
)
_JSX_LINE = re.compile(r"^\s*(?:</?[A-Z][\w.]*(?:\s[^<>]*)?/?>\s*)+$")
_SNIPPET = re.compile(r"^\s*(?:-{1,2}8<-{1,2}|;--8<--)")
_ABBREVIATION = re.compile(r"^\*\[[^\]\n]+\]:")
_TOC_MARKER = re.compile(r"^\s*(?:\[TOC\]|\[\[_TOC_\]\]|\$\{toc\}|\[\[toc\]\])\s*$", re.IGNORECASE)
_TAG_LINE = re.compile(r"^\s*#[^\W\d][\w/-]*(?:\s+#[^\W\d][\w/-]*)*\s*$")
_ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[\w-]+:(?:\{[^}\n]*\})?")
_HIGHLIGHT = re.compile(r"==(?=\S)([^=\n]+?)(?<=\S)==")
_ANNOTATION_MARK = re.compile(r" ?\(\d+\)(?=[\s.,;:!?]|$)")
_SPONSOR_CLASS = re.compile(r"sponsor|advert|\bad\b|affiliate|promo", re.IGNORECASE)


@dataclass(frozen=True)
class Aside:
    """An admonition, callout or paired shortcode whose body is prose of its kind."""

    kind: str  # tip, warning, important, note, summary or aside
    title: str
    body: str  # Markdown
    line: int  # the page's line numbers
    end: int
    syntax: str  # what it was written as, for --explain


@dataclass(frozen=True)
class Skipped:
    """A stretch of the page left out, and why (for --explain)."""

    line: int
    end: int
    what: str


@dataclass
class Cleaned:
    """A page body without site-generator syntax, line for line."""

    text: str
    asides: list[Aside] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # Obsidian "#tag" lines


def clean_markup(body: str, first_line: int = 1) -> Cleaned:
    """The body with site-generator syntax taken out; each line keeps its number.

    ``first_line`` is the page's number of the body's first line (after front
    matter), so that asides and skipped stretches name the page's lines.
    """
    cleaner = _Cleaner(body.split("\n"), first_line)
    cleaner.run()
    cleaner.skipped.sort(key=lambda skipped: skipped.line)
    return Cleaned("\n".join(cleaner.lines), cleaner.asides, cleaner.skipped, cleaner.tags)


class _Cleaner:
    def __init__(self, lines: list[str], first_line: int) -> None:
        self.lines = lines
        self.first = first_line
        self.asides: list[Aside] = []
        self.skipped: list[Skipped] = []
        self.tags: list[str] = []
        self.code = self._code_lines()

    # -- helpers ----------------------------------------------------------------

    def _code_lines(self) -> set[int]:
        """Indexes of lines inside fenced code blocks (fences included)."""
        inside: set[int] = set()
        fence: str | None = None
        for index, line in enumerate(self.lines):
            stripped = line.strip()
            if fence is None:
                opened = _FENCE.match(stripped)
                # A backtick fence's info string has no backtick (else it is inline code).
                if opened and not (opened.group(2)[0] == "`" and "`" in stripped.lstrip("`")):
                    fence = opened.group(2)
                    inside.add(index)
            else:
                inside.add(index)
                if stripped.startswith(fence) and not stripped.strip(fence[0]):
                    fence = None
        return inside

    def skip(self, start: int, end: int, what: str) -> None:
        self.skipped.append(Skipped(start + self.first, end + self.first, what))

    def blank(self, start: int, end: int) -> None:
        for index in range(start, end + 1):
            self.lines[index] = ""

    def aside(
        self, kind: str, title: str, body: list[str], start: int, end: int, syntax: str
    ) -> None:
        name = kind.casefold()
        self.asides.append(
            Aside(
                ASIDE_KINDS.get(name, "note"),
                title.strip().strip('"'),
                "\n".join(body),
                start + self.first,
                end + self.first,
                syntax,
            )
        )
        self.blank(start, end)

    # -- the passes -------------------------------------------------------------

    def run(self) -> None:
        self._comments()
        self._shortcodes_and_liquid()
        self._blocks()
        self._lines()

    def _prose_text(self) -> tuple[str, list[int]]:
        """The text outside fenced code, with code spans masked, and line starts."""
        masked = [
            "\x00" * len(line) if index in self.code else _mask_spans(line)
            for index, line in enumerate(self.lines)
        ]
        text = "\n".join(masked)
        starts = [0]
        for line in masked[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        return text, starts

    def _replace(
        self, pattern: re.Pattern[str], replace: Callable[[re.Match[str], int, int], str]
    ) -> None:
        """Replace matches outside code, keeping every line break (so line numbers hold)."""
        masked, starts = self._prose_text()
        text = "\n".join(self.lines)
        pieces: list[str] = []
        last = 0
        for match in pattern.finditer(masked):
            start_line = _line_of(starts, match.start())
            end_line = _line_of(starts, match.end() - 1)
            new = replace(match, start_line, end_line)
            lost = text.count("\n", match.start(), match.end()) - new.count("\n")
            pieces.append(text[last : match.start()])
            pieces.append(new + "\n" * max(lost, 0))
            last = match.end()
        if not pieces:
            return
        pieces.append(text[last:])
        self.lines = "".join(pieces).split("\n")

    def _comments(self) -> None:
        def drop(match: re.Match[str], start: int, end: int) -> str:
            inner = match.group(0)[4:-3].strip().casefold()
            if inner not in ("more", "truncate"):
                self.skip(start, end, "comment")
            return ""

        self._replace(_HTML_COMMENT, drop)

        def obsidian(match: re.Match[str], start: int, end: int) -> str:
            self.skip(start, end, "Obsidian comment")
            return ""

        self._replace(_OBSIDIAN_COMMENT, obsidian)

    def _shortcodes_and_liquid(self) -> None:
        self._paired()
        self._replace(_SHORTCODE, self._single_shortcode)
        self._replace(_LIQUID_TAG, self._single_liquid)

        def output(match: re.Match[str], start: int, end: int) -> str:
            self.skip(start, end, "Liquid output")
            return ""

        self._replace(_LIQUID_OUTPUT, output)

    def _paired(self) -> None:
        """Paired shortcodes and Liquid blocks: asides lifted out, code and conditional
        text dropped, the rest (tabs, columns, raw…) keeps the words inside."""
        for _ in range(200):  # one pair at a time, outermost first; bounded
            masked, starts = self._prose_text()
            pair = _find_pair(masked)
            if pair is None:
                return
            name, args, (open_start, open_end), (close_start, close_end), syntax = pair
            text = "\n".join(self.lines)
            first, last = _line_of(starts, open_start), _line_of(starts, close_end - 1)
            breaks = text.count("\n", open_start, close_end)
            kind = _aside_kind(name, args)
            if name.casefold() in _DROP_BODY:
                self.skip(first, last, f"{syntax} {name}")
                new = "\n" * breaks
            elif kind is not None:
                title = _first_quoted(args) or ""
                inner = text[open_end:close_start].strip("\n").split("\n")
                self.asides.append(
                    Aside(
                        ASIDE_KINDS[kind],
                        "" if title.casefold() in (kind, name.casefold()) else title,
                        "\n".join(line.strip() for line in inner),
                        first + self.first,
                        last + self.first,
                        f"{syntax} {name}",
                    )
                )
                new = "\n" * breaks
            else:
                inner_text = text[open_end:close_start]
                new = inner_text + "\n" * (breaks - inner_text.count("\n"))
            joined = text[:open_start] + new + text[close_end:]
            self.lines = joined.split("\n")

    def _single_shortcode(self, match: re.Match[str], start: int, end: int) -> str:
        name, args = match.group(3), match.group(4)
        if name == "heading":
            word = (_first_quoted(args) or "").casefold()
            return _HEADING_WORDS.get(word, word.replace("_", " ").capitalize())
        text = _TEXT_ARGUMENT.search(args)
        if text and name not in ("figure", "img", "image", "youtube", "tweet", "gist"):
            return text.group(1) or text.group(2) or ""
        self.skip(start, end, f"shortcode {name}")
        return ""

    def _single_liquid(self, match: re.Match[str], start: int, end: int) -> str:
        name, args = match.group(1), match.group(2).strip()
        if name == "data":
            product = _GITHUB_PRODUCTS.get(args.rsplit(".", 1)[-1])
            if product:
                return product
        self.skip(start, end, f"Liquid {name}")
        return ""

    def _blocks(self) -> None:
        """Admonitions, callouts, Docusaurus containers and tabs: several lines each."""
        index = 0
        while index < len(self.lines):
            if index in self.code:
                index += 1
                continue
            line = self.lines[index]
            for handler in (self._mkdocs, self._docusaurus, self._callout, self._tab):
                taken = handler(index, line)
                if taken:
                    index = taken
                    break
            else:
                index += 1

    def _indented_body(self, index: int) -> int:
        """The last line of an indented body starting after ``index``."""
        end = index
        probe = index + 1
        while probe < len(self.lines):
            text = self.lines[probe]
            if text.startswith(("    ", "\t")):
                end = probe
            elif text.strip():
                break
            probe += 1
        return end

    def _mkdocs(self, index: int, line: str) -> int:
        match = _MKDOCS_ADMONITION.match(line)
        if not match:
            return 0
        end = self._indented_body(index)
        body = [_dedent(text) for text in self.lines[index + 1 : end + 1]]
        kind = match.group(2) or "note"
        collapsed = match.group(1).startswith("???")
        self.aside(kind, match.group(3) or "", body, index, end, "??? " if collapsed else "!!! ")
        self.code -= set(range(index, end + 1))
        return end + 1

    def _docusaurus(self, index: int, line: str) -> int:
        match = _DOCUSAURUS_OPEN.match(line)
        if not match:
            return 0
        colons = len(match.group(1))
        end = index + 1
        while end < len(self.lines):
            closing = _DOCUSAURUS_CLOSE.match(self.lines[end])
            if closing and len(closing.group(1)) == colons and end not in self.code:
                break
            end += 1
        if end >= len(self.lines):
            return 0  # never closed: not a container
        title = match.group(3) or match.group(4) or ""
        self.aside(match.group(2), title, self.lines[index + 1 : end], index, end, ":::")
        return end + 1

    def _callout(self, index: int, line: str) -> int:
        match = _CALLOUT.match(line)
        if not match:
            return 0
        end = index
        while end + 1 < len(self.lines) and self.lines[end + 1].lstrip().startswith(">"):
            end += 1
        body = [re.sub(r"^\s*>\s?", "", text) for text in self.lines[index + 1 : end + 1]]
        self.aside(match.group(1), match.group(2), body, index, end, "> [!]")
        return end + 1

    def _tab(self, index: int, line: str) -> int:
        if not _MKDOCS_TAB.match(line):
            return 0
        end = self._indented_body(index)
        self.skip(index, index, "content tab")
        self.lines[index] = ""
        # The tab's body, dedented, is read like the rest of the page (mostly code).
        for probe in range(index + 1, end + 1):
            self.lines[probe] = _dedent(self.lines[probe])
        self.code = self._code_lines()
        return end + 1

    def _lines(self) -> None:
        for index, line in enumerate(self.lines):
            if index in self.code or not line.strip():
                continue
            self._line(index, line)

    def _line(self, index: int, line: str) -> None:
        stripped = line.strip()
        if _IAL_LINE.match(line):
            self._attribute_line(index, stripped)
        elif _MDX_IMPORT.match(stripped) and not line.startswith((" ", "\t")):
            self.skip(index, index, "MDX import/export")
            self.lines[index] = ""
        elif _JSX_LINE.match(line):
            self.skip(index, index, "JSX component")
            self.lines[index] = ""
        elif _SNIPPET.match(line) or _ABBREVIATION.match(line) or _TOC_MARKER.match(line):
            self.skip(index, index, "table of contents" if "toc" in line.casefold() else "include")
            self.lines[index] = ""
        elif _TAG_LINE.match(line) and not _ATX.match(line):
            self.tags.extend(tag.lstrip("#") for tag in stripped.split())
            self.skip(index, index, "tag line")
            self.lines[index] = ""
        else:
            new = _IAL_INLINE.sub("", line)
            if _ATX.match(new):
                new = _HEADING_ANCHOR.sub("", new)
            new = _HIGHLIGHT.sub(r"\1", _ICON.sub("", new))
            self.lines[index] = new

    def _attribute_line(self, index: int, stripped: str) -> None:
        """``{:toc}``, ``{: .notice}``, ``{ .annotate }``: what they say about the line above."""
        self.lines[index] = ""
        above = _block_above(self.lines, index)
        if "toc" in stripped.casefold():
            self.skip(above, index, "table of contents")
            self.blank(above, index)
        elif _SPONSOR_CLASS.search(stripped):
            self.skip(above, index, "sponsored text")
            self.blank(above, index)
        elif "annotate" in stripped:
            for probe in range(above, index):
                self.lines[probe] = _ANNOTATION_MARK.sub("", self.lines[probe])
            self._drop_annotations(index)
        else:
            self.skip(index, index, "attribute list")

    def _drop_annotations(self, index: int) -> None:
        """MkDocs' ``{ .annotate }`` notes: the numbered list right after is not content."""
        probe = index + 1
        while probe < len(self.lines) and not self.lines[probe].strip():
            probe += 1
        start = probe
        while probe < len(self.lines) and (
            re.match(r"^\d+\.\s", self.lines[probe]) or self.lines[probe].startswith("    ")
        ):
            probe += 1
        if probe > start:
            self.skip(start, probe - 1, "annotations")
            self.blank(start, probe - 1)


def _mask_spans(line: str) -> str:
    """Inline code spans hidden (same length) so that no syntax inside them is touched."""
    if "`" not in line:
        return line
    out: list[str] = []
    position = 0
    while True:
        start = line.find("`", position)
        if start < 0:
            break
        run = start
        while run < len(line) and line[run] == "`":
            run += 1
        ticks = line[start:run]
        close = line.find(ticks, run)
        while close >= 0 and close + len(ticks) < len(line) and line[close + len(ticks)] == "`":
            close = line.find(ticks, close + len(ticks) + 1)
        if close < 0:
            out.append(line[position:run])
            position = run
            continue
        out.append(line[position:start])
        out.append("\x00" * (close + len(ticks) - start))
        position = close + len(ticks)
    out.append(line[position:])
    return "".join(out)


def _line_of(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _dedent(line: str) -> str:
    if line.startswith("\t"):
        return line[1:]
    return line[4:] if line.startswith("    ") else line.lstrip(" ")


def _block_above(lines: list[str], index: int) -> int:
    """The first line of the block of non-blank lines that ends just above ``index``."""
    start = index
    while start > 0 and lines[start - 1].strip():
        start -= 1
    return start


def _first_quoted(args: str) -> str | None:
    found = re.search(r"\"([^\"]*)\"|'([^']*)'", args)
    if found:
        return found.group(1) if found.group(1) is not None else found.group(2)
    bare = args.strip().split()
    return bare[0] if bare and "=" not in bare[0] else None


def _aside_kind(name: str, args: str) -> str | None:
    """The aside kind of a paired shortcode or Liquid block, or None if not an aside."""
    name = name.casefold()
    if name not in ASIDE_KINDS:
        return None
    # {{< notice tip >}}, {{< alert "info" >}}, {{% alert color="warning" %}}
    words: list[str] = re.findall(r"[\w-]+", args.casefold())
    for word in words:
        if word in ASIDE_KINDS and word not in ("alert", "callout", "admonition"):
            return word
    return name


def _find_pair(
    masked: str,
) -> tuple[str, str, tuple[int, int], tuple[int, int], str] | None:
    """The first paired shortcode or Liquid block: name, arguments, opening span,
    closing span, and the syntax it was written in."""
    shortcodes = list(_SHORTCODE.finditer(masked))
    closings: dict[str, list[re.Match[str]]] = {}
    for match in shortcodes:
        if match.group(2):
            closings.setdefault(match.group(3), []).append(match)
    for match in shortcodes:
        name = match.group(3)
        if match.group(2) or name not in closings:
            continue
        closing = next((c for c in closings[name] if c.start() >= match.end()), None)
        if closing is not None:
            return name, match.group(4), match.span(), closing.span(), "shortcode"
    tags = list(_LIQUID_TAG.finditer(masked))
    ends: dict[str, list[re.Match[str]]] = {}
    for match in tags:
        if match.group(1).startswith("end"):
            ends.setdefault(match.group(1)[3:], []).append(match)
    for match in tags:
        name = match.group(1)
        closer = _LIQUID_CLOSERS.get(name, name)
        if name.startswith("end") or closer not in ends:
            continue
        closing = next((c for c in ends[closer] if c.start() >= match.end()), None)
        if closing is not None:
            return name, match.group(2), match.span(), closing.span(), "Liquid"
    return None
