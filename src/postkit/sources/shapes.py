"""Each kind of page read into the fields of a Topic, with where each came from.

A concept page gives a definition, how it works, examples, tips, pitfalls and
benefits (recognised by the words of their headings); an article its key
takeaways; a how-to its steps; a listicle its numbered items; release notes
the newest released version's added, changed and fixed lists; a README what
the project is, its features and how to start; a resource list a few named
picks from its groups. Every shape records in the page's
:class:`~postkit.sources.provenance.Provenance` which lines it drew on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from postkit.sources.choosing import (
    flat_items,
    informative,
    meta_section,
    navigation,
    note_to_reader,
    prerequisites,
    toc_heading,
    toc_list,
    usable,
)
from postkit.sources.frontmatter import PageMeta
from postkit.sources.headings import (
    about_heading,
    change_bucket,
    change_verb,
    features_heading,
    field_named_by,
    lessons_heading,
    start_heading,
    steps_heading,
)
from postkit.sources.kinds import NUMBERED_HEADING, UNRELEASED, plain_sections, version_of
from postkit.sources.markup import Aside
from postkit.sources.outline import Block, Item, Outline, Section, outline
from postkit.sources.prose import sentences
from postkit.sources.provenance import Provenance

SHORT_SENTENCE = 100  # characters; a definition this short takes the next sentence too
MAX_POINTS = 5  # explanation points, takeaways
MAX_ITEMS = 8  # steps, items, picks, changes

_STEP_PREFIX = re.compile(
    r"^\W*(?:(?:step|schritt|paso|étape|etapa|passo|fase|stap)\s*\d+|\d{1,2}[.)])\s*[:.–—-]?\s*",
    re.IGNORECASE,
)
_ISSUE_REF = re.compile(r"\((?:#\d+|[a-f0-9]{7,40})(?:,[ ]?#\d+)*\)|(?<![\w&/])#\d+\b")
_PULL_URL = re.compile(r"/(?:pull|issues|commit|compare)/")
# "feat(api): add retries" — Conventional Commits, and the list each type belongs to.
_CONVENTIONAL = re.compile(r"^(\w+)(?:\([^()]{0,40}\))?!?:\s+(?=\S)")
_COMMIT_TYPES = {
    "feat": "added", "feature": "added", "fix": "fixed", "bugfix": "fixed", "security": "fixed",
    "perf": "changed", "refactor": "changed", "revert": "changed", "breaking": "changed",
    "docs": "skip", "chore": "skip", "build": "skip", "ci": "skip", "test": "skip",
    "tests": "skip", "style": "skip", "deps": "skip",
}  # fmt: skip
_REMOVED = re.compile(
    r"\b(?:removed|deprecated|eliminado|obsoleto|supprimé|obsolète|entfernt|veraltet|removido|"
    r"rimosso|deprecato)\b",
    re.IGNORECASE,
)
_COMPARED = re.compile(r"/compare/[^\s/]{0,80}?\.\.\.?(v?\d+(?:\.\d+)+(?:-[\w.]+)?)")
_REPOSITORY = re.compile(r"\b(?:github|gitlab|codeberg)\.(?:com|org)/[\w.-]+/([\w.-]+)/")
_COMMAND = re.compile(r"^\s*(?:\$|>|PS>)\s*")
_SHELL = frozenset({"", "sh", "bash", "shell", "console", "zsh", "powershell", "ps", "cmd", "fish"})
_BOILERPLATE_PROJECT = re.compile(
    r"\b(?:changes|cambios|modifications|änderungen|alterações|mudanças|modifiche)"
    r"(?:\s+\w+)?\s+(?:to|of|in|for|de|an|von|em|di)\s+(?:the\s+)?([\w][\w.-]*)",
    re.IGNORECASE,
)
_NOT_A_NAME = frozenset(
    {"this", "ce", "este", "esta", "dieses", "diesem", "questo", "the", "our", "my"}
)
_RELEASE_WORDS = re.compile(
    r"\b(?:change\s*log|release\s+notes?|releases?|release\s+history|what'?s\s+new|"
    r"registro\s+de\s+cambios|notas\s+de\s+(?:la\s+)?versi[oó]n|novedades|änderungsprotokoll|"
    r"versionshinweise|journal\s+des\s+modifications|notes\s+de\s+version|nouveautés|"
    r"notas\s+de\s+vers[aã]o|note\s+di\s+rilascio)\b",
    re.IGNORECASE,
)


@dataclass
class Reading:
    """A page on its way to a Topic: what the earlier steps found."""

    origin: str
    meta: PageMeta
    outline: Outline
    asides: list[Aside]
    provenance: Provenance
    own_summary: str | None = None  # the front matter's description, cleaned


# -- shared helpers ---------------------------------------------------------------


def paragraph_sentences(reading: Reading, block: Block) -> list[str]:
    """The sentences of a paragraph a post may use; [] (and why, recorded) for none."""
    why = navigation(block)
    if why is None and block.emphasis_only:
        why = "note to the reader (in italics)"
    if why is None:
        first = sentences(block.text)[:1]
        why = note_to_reader(first[0]) if first else "empty"
    if why is not None:
        reading.provenance.skip(block.line, block.end, why)
        return []
    found = usable(block.text)
    if not found:
        reading.provenance.skip(block.line, block.end, "filler")
    return found


def _prose(sentences_: list[str]) -> list[str]:
    """Sentences without a closing lead-in ("Its uses include:")."""
    return [s for s in sentences_ if not s.endswith(":")]


def cut_summary(found: list[str]) -> tuple[str, list[str]]:
    """The first sentence (two when the first is short) and the rest."""
    cut = 2 if len(found[0]) < SHORT_SENTENCE else 1
    return " ".join(found[:cut]), found[cut:]


def _first_sentence(text: str) -> str:
    found = sentences(text)
    return found[0] if found else text


def _entry(name: str | None, text: str) -> str:
    """``Name: first sentence`` (or whichever of the two there is)."""
    text = _first_sentence(text).strip() if text else ""
    if name and text:
        if text.casefold().startswith(name.casefold()):
            return text
        return f"{name}: {text}"
    return name or text


def content_sections(reading: Reading) -> list[Section]:
    """Every section but contents, licence, sponsors…; skipped ones are recorded."""
    kept = []
    for section in reading.outline.sections:
        if section.title is not None and meta_section(section.title):
            end = section.blocks[-1].end if section.blocks else section.line
            reading.provenance.skip(section.line, end, f"section {section.title!r}")
            continue
        if section.title is not None and toc_heading(section.title):
            # The contents go; a paragraph after them may be the introduction.
            reading.provenance.skip(section.line, section.line, "table of contents")
            blocks = [b for b in section.blocks if b.kind == "paragraph"]
            for block in section.blocks:
                if block.kind != "paragraph":
                    reading.provenance.skip(block.line, block.end, "table of contents")
            section = Section(None, section.level, section.line, blocks)
        kept.append(section)
    return kept


def opening(
    reading: Reading, sections: list[Section] | None = None, fields_too: bool = False
) -> tuple[list[str], list[int]]:
    """The first paragraph that introduces the subject: its usable sentences and lines.

    Navigation, badges, notes to the reader, tables of contents and filler are
    skipped (and recorded); sections named for a field (tips, pitfalls…) are
    passed over unless ``fields_too``; a page without a paragraph lends its
    first list item.
    """
    for section in sections if sections is not None else content_sections(reading):
        named = field_named_by(section.title) if section.title and section.level > 1 else None
        if named not in (None, "explanation") and not fields_too:
            continue
        for block in section.blocks:
            if block.kind == "list" and toc_list(block):
                reading.provenance.skip(block.line, block.end, "table of contents")
            elif block.kind == "html":
                for text in block.html_paragraphs:
                    found = _prose(usable(text))
                    if found:
                        return found, [block.line]
            elif block.kind == "paragraph":
                found = _prose(paragraph_sentences(reading, block))
                if found:
                    return found, list(range(block.line, block.end + 1))
    return [], []


def opening_from_list(reading: Reading) -> tuple[list[str], list[int]]:
    """A notes page with no paragraph: its first list item that is a sentence."""
    for section in content_sections(reading):
        for block in section.blocks:
            if block.kind != "list" or toc_list(block):
                continue
            for item in flat_items(block):
                found = _prose(usable(item.text))
                if found and len(found[0].split()) >= 6:
                    return found, [item.line]
    return [], []


@cache
def _aside_texts(body: str) -> tuple[str, ...]:
    """The paragraphs and list items of an aside's body, as plain text."""
    texts: list[str] = []
    for _, block in outline(body).blocks():
        if block.kind == "paragraph" and block.has_prose:
            texts.append(block.text)
        elif block.kind == "list":
            texts.extend(item.text for item in block.items)
    return tuple(texts)


def aside_points(reading: Reading, kinds: tuple[str, ...]) -> list[tuple[str, int]]:
    """The first usable sentence(s) of each aside of these kinds, with its line."""
    points: list[tuple[str, int]] = []
    for aside in reading.asides:
        if aside.kind not in kinds:
            continue
        for text in _aside_texts(aside.body):
            found = usable(
                re.sub(
                    r"^(?:note|tip|warning|caution|important)\s*:\s*", "", text, flags=re.IGNORECASE
                )
            )
            if found:
                points.append((" ".join(found[:2]), aside.line))
            else:
                reading.provenance.skip(aside.line, aside.end, f"{aside.syntax.strip()} aside")
            break
    return points


def _dedupe(points: list[str], *also: str) -> list[str]:
    seen = {" ".join(text.casefold().split()) for text in also if text}
    out = []
    for point in points:
        key = " ".join(point.casefold().split())
        if key and key not in seen and not any(key in other for other in seen):
            seen.add(key)
            out.append(point)
    return out


def _summary_and_rest(
    reading: Reading, found: list[str], lines: list[int], *, prefer_own: bool = True
) -> tuple[str | None, list[str]]:
    """The summary (the front matter's description, else the opening) and the
    opening sentences left for the body."""
    if prefer_own and reading.own_summary:
        return reading.own_summary, found[:2]
    if not found:
        return None, []
    summary, rest = cut_summary(found)
    reading.provenance.lines("summary", lines)
    return summary, rest


def _field_lists(
    reading: Reading, sections: list[Section], kinds: tuple[str, ...]
) -> dict[str, list[tuple[Item, int]]]:
    """The items of lists under headings (or lead-ins) naming these fields."""
    found: dict[str, list[tuple[Item, int]]] = {}
    for section in sections:
        current = field_named_by(section.title) if section.title and section.level > 1 else None
        pending: str | None = None
        for block in section.blocks:
            if block.kind == "paragraph":
                lead_in = block.text.endswith(":")
                pending = field_named_by(sentences(block.text)[-1]) if lead_in else None
            elif block.kind == "list" and not toc_list(block):
                named = pending or current
                pending = None
                if named in kinds:
                    found.setdefault(named, []).extend(
                        (item, item.line) for item in flat_items(block)
                    )
    return found


def _tips_and_pitfalls(reading: Reading, sections: list[Section]) -> dict[str, list[str]]:
    """Tips and pitfalls from lists under such headings and from tip/warning asides."""
    lists = _field_lists(reading, sections, ("tips", "pitfalls"))
    data: dict[str, list[str]] = {}
    for name, asides in (("tips", ("tip",)), ("pitfalls", ("warning", "important"))):
        entries = [
            (
                _entry(
                    item.name or (item.pick or (None, ""))[0],
                    item.rest if item.name else (item.pick[1] if item.pick else item.text),
                ),
                line,
            )
            for item, line in lists.get(name, [])
        ]
        entries += aside_points(reading, asides)
        if entries:
            data[name] = [text for text, _ in entries][:MAX_ITEMS]
            reading.provenance.lines(name, [line for _, line in entries])
    return data


# -- concept ----------------------------------------------------------------------


def concept(reading: Reading) -> dict[str, Any]:
    """An explainer: a definition, how it works, examples, tips, pitfalls, benefits."""
    fields: dict[str, list[tuple[str | None, str, int]]] = {}
    definition: tuple[list[str], list[int]] | None = None
    explanation: list[tuple[str, int]] = []
    explained: list[tuple[str, int]] = []  # first sentences of paragraphs under "How it works"
    first_h1 = True
    titled: str | None = None
    for section in content_sections(reading):
        current: str | None = None
        if section.title is not None:
            if section.level == 1 and first_h1:
                first_h1 = False
                titled = field_named_by(section.title)  # "# 7 tips for …": its lists are tips
            else:
                titled = None
                current = field_named_by(section.title)
        pending: str | None = None
        for block in section.blocks:
            if block.kind == "paragraph":
                found = paragraph_sentences(reading, block)
                pending = None
                if block.text.endswith(":") and found:
                    pending = field_named_by(sentences(block.text)[-1])
                found = _prose(found)
                if not found:
                    continue
                if definition is None and current in (None, "explanation"):
                    definition = (found, list(range(block.line, block.end + 1)))
                elif (current == "explanation" or not fields) and len(explanation) < 6:
                    explanation.extend((sentence, block.line) for sentence in found[:2])
                    if current == "explanation":
                        explained.append((found[0], block.line))
            elif block.kind == "html" and definition is None:
                for text in block.html_paragraphs:
                    found = _prose(usable(text))
                    if found:
                        definition = (found, [block.line])
                        break
            elif block.kind == "list":
                if toc_list(block):
                    reading.provenance.skip(block.line, block.end, "table of contents")
                    continue
                named = pending or current or titled
                pending = None
                if named is None:
                    continue
                for item in flat_items(block):
                    fields.setdefault(named, []).append((item.name, item.rest, item.line))
    if definition is None:
        definition = opening_from_list(reading) or None
        if definition == ([], []):
            definition = None
    data: dict[str, Any] = {}
    rest: list[str] = []
    if definition is not None:
        summary, rest = _summary_and_rest(reading, *definition)
        data["summary"] = summary
        if reading.own_summary:
            rest = definition[0][:2]
            reading.provenance.lines("explanation", definition[1])
        elif rest:
            reading.provenance.lines("explanation", definition[1])
    elif reading.own_summary:
        data["summary"] = reading.own_summary
    listed = fields.pop("explanation", [])
    if listed:
        # "How it works" with a list: its paragraphs' first sentences, then the list.
        points = [text for text, _ in explained]
        points += [_entry(name, text) if name else text for name, text, _ in listed]
        lines = [line for _, line in explained] + [line for *_, line in listed]
        reading.provenance.lines("explanation", lines)
    else:
        points = [*rest[:2], *(text for text, _ in explanation)]
        reading.provenance.lines("explanation", [line for _, line in explanation])
    notes = aside_points(reading, ("note", "summary"))
    points += [text for text, _ in notes]
    data["explanation"] = _dedupe(points, data.get("summary") or "")[:MAX_POINTS]
    for name, entries in fields.items():
        reading.provenance.lines(name, [line for *_, line in entries])
        if name == "examples":
            data["examples"] = [{"name": n or t, "text": t if n else ""} for n, t, _ in entries]
        else:
            data[name] = [f"{n}: {t}" if n and t else (n or t) for n, t, _ in entries]
    for name, asides in (("tips", ("tip",)), ("pitfalls", ("warning", "important"))):
        extra = aside_points(reading, asides)
        if extra:
            data[name] = [*data.get(name, []), *(text for text, _ in extra)]
            reading.provenance.lines(name, [line for _, line in extra])
    return data


# -- article ----------------------------------------------------------------------


def article(reading: Reading) -> dict[str, Any]:
    """A blog post: its summary and key takeaways (plus what went wrong, and tips)."""
    sections = content_sections(reading)
    found, lines = opening(reading, sections)
    summary, _ = _summary_and_rest(reading, found, lines)
    data: dict[str, Any] = {"summary": summary}
    takeaways = _takeaway_list(reading, sections) or _takeaway_headings(reading, sections)
    if not takeaways:
        takeaways = _paragraph_points(reading, sections, skip=lines)
    data["explanation"] = _dedupe([text for text, _ in takeaways], summary or "")[:MAX_POINTS]
    reading.provenance.lines("explanation", [line for _, line in takeaways], "key takeaways")
    data.update(_tips_and_pitfalls(reading, sections))
    return data


def _takeaway_list(reading: Reading, sections: list[Section]) -> list[tuple[str, int]]:
    """The page's list of lessons: named items ("**Weigh everything.** Cups lie…")."""
    candidates: list[tuple[bool, Block]] = []
    for section in sections:
        named_field = field_named_by(section.title) if section.title else None
        if named_field in ("pitfalls", "tips") or (section.title and prerequisites(section.title)):
            continue
        for block in section.blocks:
            if block.kind != "list" or toc_list(block):
                continue
            named = [item for item in flat_items(block) if item.name or item.pick]
            if len(named) >= 2 and len(named) * 2 >= len(block.items):
                candidates.append((lessons_heading(section.title or ""), block))
    if not candidates:
        return []
    block = max(candidates, key=lambda pair: (pair[0], len(pair[1].items)))[1]
    points = []
    for item in flat_items(block):
        name, text = (item.name, item.rest) if item.name else (item.pick or (None, item.text))
        points.append((_entry(name, text), item.line))
    return points


def _takeaway_headings(reading: Reading, sections: list[Section]) -> list[tuple[str, int]]:
    """A post in sections of prose: each section's heading and first sentence."""
    points: list[tuple[str, int]] = []
    for section in sections:
        if section.title is None or section.level < 2 or field_named_by(section.title):
            continue
        for block in section.blocks:
            if block.kind == "paragraph":
                sentences_ = paragraph_sentences(reading, block)
            elif block.kind == "list" and not toc_list(block):
                # A section of bullets ("## What went well" then "- …"): its first point.
                sentences_ = [item.text for item in flat_items(block)[:1]]
            else:
                continue
            found = [s for s in _prose(sentences_) if informative(s)]  # no "Subscribe…"
            if found:
                title = section.title.rstrip(" ?!.:")
                points.append((f"{title}: {found[0]}", section.line))
                break
    return points if len(points) >= 2 else []


def _paragraph_points(
    reading: Reading, sections: list[Section], skip: list[int]
) -> list[tuple[str, int]]:
    points = []
    for section in sections:
        for block in section.blocks:
            if block.kind == "paragraph" and block.line not in skip:
                found = [s for s in _prose(paragraph_sentences(reading, block)) if informative(s)]
                if found:
                    points.append((found[0], block.line))
    return points


# -- how-to -----------------------------------------------------------------------


def howto(reading: Reading) -> dict[str, Any]:
    """A tutorial: what it gets done, its steps in order, and tips and warnings."""
    sections = content_sections(reading)
    found, lines = opening(reading, sections)
    summary, rest = _summary_and_rest(reading, found, lines)
    data: dict[str, Any] = {"summary": summary}
    steps = _steps(reading, sections)
    data["steps"] = [text for text, _ in steps][:MAX_ITEMS]
    points = [*rest[:2], *(text for text, _ in _paragraph_points(reading, sections, lines))]
    data["explanation"] = _dedupe(points, summary or "", *data["steps"])[:MAX_POINTS]
    data.update(_tips_and_pitfalls(reading, sections))
    return data


def _task_sections(sections: list[Section]) -> list[Section]:
    return [
        s
        for s in sections
        if s.title
        and s.level >= 2
        and not prerequisites(s.title)
        and not about_heading(s.title)
        and field_named_by(s.title) is None
        and not re.match(
            r"^\W*(?:testing|troubleshooting|next|summary|conclusion)", s.title, re.IGNORECASE
        )
    ]


def _steps(reading: Reading, sections: list[Section]) -> list[tuple[str, int]]:
    """A how-to's steps: step or numbered headings, else its ordered list of steps,
    else the headings of its task sections."""
    numbered = [
        s
        for s in sections
        if s.title
        and s.level >= 2
        and _STEP_PREFIX.match(s.title)
        and (NUMBERED_HEADING.match(s.title) or re.match(r"^\W*[^\W\d]+\s*\d", s.title))
    ]
    if len(numbered) >= 2:
        steps = [(_capital(_STEP_PREFIX.sub("", s.title or "")), s.line) for s in numbered]
        reading.provenance.lines("steps", [line for _, line in steps], "numbered headings")
        return steps
    lists = [
        (section, block)
        for section in sections
        if not (section.title and (prerequisites(section.title) or field_named_by(section.title)))
        for block in section.blocks
        if block.kind == "list" and block.ordered and len(block.items) >= 2
    ]
    tasks = _task_sections(sections)
    named = [pair for pair in lists if pair[0].title and steps_heading(pair[0].title)]
    if named or (lists and len(tasks) < 3):
        _, block = (named or sorted(lists, key=lambda pair: -len(pair[1].items)))[0]
        steps = [(_step_text(item), item.line) for item in flat_items(block)]
        reading.provenance.lines("steps", [line for _, line in steps], "an ordered list")
        return steps
    if len(tasks) >= 2:
        steps = [(_capital(s.title or ""), s.line) for s in tasks]
        reading.provenance.lines("steps", [line for _, line in steps], "section headings")
        return steps
    # Read as a how-to on request: its longest ordered list, wherever it is.
    anywhere = [b for _, b in reading.outline.blocks() if b.kind == "list" and b.ordered]
    if anywhere:
        block = max(anywhere, key=lambda b: len(b.items))
        steps = [(_step_text(item), item.line) for item in flat_items(block)]
        reading.provenance.lines("steps", [line for _, line in steps], "an ordered list")
        return steps
    return []


def _capital(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def _step_text(item: Item) -> str:
    """A step: its first two sentences, a trailing "…:" (before a code block) closed."""
    found = sentences(item.text)[:2]
    text = " ".join(found) if found else item.text
    return re.sub(r"\s*:$", ".", text)


# -- listicle ---------------------------------------------------------------------


def listicle(reading: Reading) -> dict[str, Any]:
    """ "7 habits for calmer code reviews": its items, each with its first sentence.

    The items are its numbered headings, else its list of named items, else its
    plain sections ("Top 5 habits…" written as five sections), else its longest list.
    """
    sections = content_sections(reading)
    numbered = [s for s in sections if s.title and s.level >= 2 and NUMBERED_HEADING.match(s.title)]
    plain = plain_sections(reading.outline)
    main = _named_list(sections)
    items: list[tuple[dict[str, str], int]] = []
    headed: list[Section] = []
    if len(numbered) >= 2 or (len(plain) >= 3 and (main is None or _named(main) < 3)):
        headed = numbered if len(numbered) >= 2 else plain
        for section in headed:
            name = _STEP_PREFIX.sub("", section.title or "").strip()
            items.append(
                ({"name": name, "text": _section_sentence(reading, section)}, section.line)
            )
        how = "numbered headings" if headed is numbered else "section headings"
        reading.provenance.lines("items", [line for _, line in items], how)
        intro_sections = [s for s in sections if s.line < headed[0].line]
    else:
        if main is not None:
            for item in flat_items(main):
                name, text = (item.name, item.rest) if item.name else (item.pick or (item.text, ""))
                items.append(
                    ({"name": name, "text": _first_sentence(text) if text else ""}, item.line)
                )
            reading.provenance.lines("items", [line for _, line in items], "a list")
        intro_sections = sections
    found, lines = opening(reading, intro_sections or sections)
    summary, rest = _summary_and_rest(reading, found, lines)
    data: dict[str, Any] = {"summary": summary, "items": [item for item, _ in items][:12]}
    later = [s for s in sections if s not in headed and s not in intro_sections]
    points = [*rest[:2], *(text for text, _ in _paragraph_points(reading, later, lines))]
    data["explanation"] = _dedupe(points, summary or "")[:MAX_POINTS]
    data.update(_tips_and_pitfalls(reading, sections))
    return data


def _section_sentence(reading: Reading, section: Section) -> str:
    """The first usable sentence of a section's first paragraph."""
    for block in section.blocks:
        if block.kind == "paragraph":
            found = _prose(paragraph_sentences(reading, block))
            if found:
                return found[0]
    return ""


def _named(block: Block) -> int:
    return sum(1 for item in block.items if item.name or item.pick)


def _named_list(sections: list[Section]) -> Block | None:
    """The page's main list: the longest list of named items (else the longest list)."""
    lists = [
        block
        for section in sections
        for block in section.blocks
        if block.kind == "list" and not toc_list(block) and len(block.items) >= 2
    ]
    if not lists:
        return None
    return max(lists, key=lambda b: (_named(b), len(b.items)))


# -- changelog --------------------------------------------------------------------


def changelog(reading: Reading, title: str | None) -> dict[str, Any]:
    """Release notes: the newest released version and what it added, changed, fixed."""
    sections = reading.outline.sections
    release, version_heading = _release(sections)
    version = version_of(version_heading.title or "") if version_heading else None
    if version is None:
        for candidate in (title or "", *(s.title or "" for s in sections if s.level == 1)):
            version = version_of(candidate)
            if version:
                break
    if version is None:
        version = _compared_version(reading)
    if version_heading is not None:
        reading.provenance.part("version", f"line {version_heading.line}")
        for section in sections:
            if section.line < version_heading.line and section.title and version_of(section.title):
                end = version_heading.line - 1
                reading.provenance.skip(section.line, end, "unreleased changes")
                break
    changes: dict[str, list[tuple[str, int]]] = {"added": [], "changed": [], "fixed": []}
    paragraphs: list[tuple[list[str], int]] = []
    _collect_changes(reading, release, version_heading, changes, paragraphs)
    for aside in reading.asides:
        inside = release and release[0].line <= aside.line <= _end_line(release)
        if aside.kind in ("warning", "important") and inside:
            for text in _aside_texts(aside.body)[:1]:
                label = f"{aside.title}: " if aside.title else ""
                changes["changed"].insert(0, (label + " ".join(usable(text)[:2]), aside.line))
    data: dict[str, Any] = {"version": version}
    if paragraphs:
        summary, rest = cut_summary(paragraphs[0][0])
        reading.provenance.part("summary", f"line {paragraphs[0][1]}")
        data["explanation"] = _dedupe(
            [*rest, *(s for found, _ in paragraphs[1:] for s in found[:1])], summary
        )[:MAX_POINTS]
    else:
        summary = ""
        for bucket in ("added", "changed", "fixed"):
            if changes[bucket]:
                summary, line = changes[bucket].pop(0)
                reading.provenance.part("summary", f"line {line} (the first change)")
                break
    data["summary"] = summary or reading.own_summary
    for bucket, entries in changes.items():
        data[bucket] = [text for text, _ in entries][:MAX_ITEMS]
        reading.provenance.lines(bucket, [line for _, line in entries])
    data["title"] = _release_title(reading, title, version)
    return data


def _release(sections: list[Section]) -> tuple[list[Section], Section | None]:
    """The sections of the newest released version, and its heading."""
    for index, section in enumerate(sections):
        title = section.title or ""
        if section.level >= 2 and version_of(title) and not UNRELEASED.search(title):
            end = index + 1
            while end < len(sections) and sections[end].level > section.level:
                end += 1
            return sections[index:end], section
    return sections, None


def _end_line(release: list[Section]) -> int:
    last = release[-1]
    return last.blocks[-1].end if last.blocks else last.line


def _collect_changes(
    reading: Reading,
    release: list[Section],
    heading: Section | None,
    changes: dict[str, list[tuple[str, int]]],
    paragraphs: list[tuple[list[str], int]],
) -> None:
    """Sort a release's lists into added, changed and fixed, by their headings (or
    by each line's first word under the version heading itself)."""
    above: list[tuple[int, str | None]] = []  # (level, bucket) of the headings above
    for section in release:
        own: str | None = None
        bucket: str | None = None
        if section is not heading and section.title is not None:
            while above and above[-1][0] >= section.level:
                above.pop()
            own = change_bucket(section.title)
            bucket = own or (above[-1][1] if above else None)
            above.append((section.level, bucket))
        # "### Removed" lines say what went away only with the heading's word in front.
        named = (section.title or "").strip()
        label = f"{named}: " if own and _REMOVED.search(named) else ""
        if bucket == "skip":
            end = section.blocks[-1].end if section.blocks else section.line
            reading.provenance.skip(section.line, end, f"section {section.title!r}")
            continue
        if bucket is not None and own is None and section.title:
            # "### Multi-currency ledgers" under "## Highlights": a change of its own.
            said = next(
                (
                    found
                    for b in section.blocks
                    if b.kind == "paragraph" and (found := _prose(paragraph_sentences(reading, b)))
                ),
                [],
            )
            changes[bucket].append((_entry(section.title, said[0] if said else ""), section.line))
            continue
        for block in section.blocks:
            if block.kind == "list":
                for item in flat_items(block):
                    text = _clean_change(item.text)
                    commit = _CONVENTIONAL.match(text)
                    kind = _COMMIT_TYPES.get(commit.group(1).casefold()) if commit else None
                    if commit and kind:
                        if kind == "skip":  # "chore(deps): bump …" is not news
                            reading.provenance.skip(item.line, item.line, "maintenance change")
                            continue
                        text = _capital(text[commit.end() :])
                    if text:
                        entry = label + text if label and not kind else text
                        changes[kind or bucket or change_verb(text)].append((entry, item.line))
            elif block.kind == "paragraph":
                found = _prose(paragraph_sentences(reading, block))
                if not found:
                    continue
                if bucket in ("added", "changed", "fixed"):
                    changes[bucket].append((" ".join(found[:2]), block.line))
                else:
                    paragraphs.append((found, block.line))


def _clean_change(text: str) -> str:
    """A release-notes line without "by @someone in https://…/pull/12" or "(#212)"."""
    words: list[str] = []
    for word in text.split():
        if word.startswith(("http://", "https://")) and _PULL_URL.search(word):
            if words and words[-1] == "in":
                words.pop()
            continue
        if word.startswith("@") and words and words[-1] == "by":
            words.pop()
            continue
        words.append(word)
    text = _ISSUE_REF.sub("", " ".join(words))
    return re.sub(r" +([:,.;])", r"\1", " ".join(text.split())).strip()


def _release_title(reading: Reading, title: str | None, version: str | None) -> str | None:
    """ "trailmix 2.4.0": the product's name and the version."""
    names = [
        title or "",
        *(s.title or "" for s in reading.outline.sections if s.level == 1),
    ]
    product = ""
    for candidate in names:
        product = _product_name(candidate)
        if product:
            break
    if not product:
        for _, block in reading.outline.blocks():
            if block.kind == "paragraph":
                found = _BOILERPLATE_PROJECT.search(block.text)
                if found and found.group(1).casefold() not in _NOT_A_NAME:
                    product = found.group(1)
                    reading.provenance.part("title", f"line {block.line} (the project's name)")
                    break
    if not product:
        for text in _texts(reading):
            found = _REPOSITORY.search(text)
            if found:
                product = found.group(1)
                reading.provenance.part("title", "the repository its links point to")
                break
    if not version:
        return product or None
    bare = version.lstrip("vV")
    if product and bare in product:
        return product
    return f"{product} {version}".strip() if product else None


def _texts(reading: Reading) -> list[str]:
    """Every link and paragraph of the page, for names and versions said in passing."""
    texts = list(reading.outline.links)
    for _, block in reading.outline.blocks():
        texts.append(block.text)
        texts.extend(item.text for item in block.items)
    return texts


def _compared_version(reading: Reading) -> str | None:
    """The newer version of a "Full Changelog: …/compare/v1.4.0...v1.5.0" link."""
    for text in _texts(reading):
        found = _COMPARED.search(text)
        if found:
            reading.provenance.part("version", "the full-changelog link")
            return found.group(1)
    return None


def _product_name(title: str) -> str:
    """ "Journal des modifications de carnet" → "carnet"; "Changelog" → ""."""
    name = _RELEASE_WORDS.sub(" ", title)
    name = re.sub(r"\s+", " ", name).strip(" \t-–—:|·•,.")
    name = re.sub(r"^(?:for|of|de|des|du|von|für|do|da|di|del)\s+", "", name, flags=re.IGNORECASE)
    return re.sub(r"\s+(?:for|of|de|des|du|von|für|do|da)$", "", name, flags=re.IGNORECASE)


# -- README -----------------------------------------------------------------------


def readme(reading: Reading) -> dict[str, Any]:
    """A project's README: what it is, its key features, how to start."""
    sections = content_sections(reading)
    found, lines = opening(reading, sections)
    data: dict[str, Any] = {}
    if found:
        summary, rest = cut_summary(found)
        if not rest and len(summary) < SHORT_SENTENCE:
            # A tagline: the sentence that says what the project is comes next.
            about = [s for s in sections if s.level <= 1 or (s.title and about_heading(s.title))]
            more, more_lines = opening(reading, [_after(s, lines) for s in about], fields_too=True)
            if more:
                summary = f"{summary} {more[0]}"
                rest = more[1:]
                lines = lines + more_lines
        reading.provenance.lines("summary", lines)
        data["summary"] = summary
        data["explanation"] = rest[:2]
    elif reading.own_summary:
        data["summary"] = reading.own_summary
    features: list[tuple[dict[str, str], int]] = []
    for index, section in enumerate(sections):
        if section.title and features_heading(section.title):
            for block in section.blocks:
                if block.kind == "list":
                    for item in flat_items(block):
                        name, text = (
                            (item.name, item.rest) if item.name else (item.pick or (item.text, ""))
                        )
                        features.append(({"name": _strip_symbols(name), "text": text}, item.line))
            # "### Fast" / "### Simple" under "## Features": each heading is a feature.
            listed = bool(features)
            for sub in sections[index + 1 :]:
                if listed or sub.level <= section.level:
                    break
                name = _strip_symbols(sub.title or "")
                text = _section_sentence(reading, sub)
                if name:
                    features.append(({"name": name, "text": text}, sub.line))
            break
    data["items"] = [feature for feature, _ in features][:MAX_ITEMS]
    reading.provenance.lines("items", [line for _, line in features], "key features")
    steps = _start(reading, sections)
    data["steps"] = [text for text, _ in steps][:3]
    reading.provenance.lines("steps", [line for _, line in steps], "how to start")
    return data


def _after(section: Section, lines: list[int]) -> Section:
    """A section without the blocks already used."""
    kept = [b for b in section.blocks if b.line > max(lines, default=0)]
    return Section(section.title, section.level, section.line, kept)


def _strip_symbols(text: str) -> str:
    return re.sub(r"^[^\w(]+", "", text).strip()


def _start(reading: Reading, sections: list[Section]) -> list[tuple[str, int]]:
    """How to start: the ordered list under "Usage"/"Como usar", else the first command
    of the install section's code."""
    for section in sections:
        if not (section.title and start_heading(section.title)):
            continue
        for block in section.blocks:
            if block.kind == "list" and block.ordered:
                return [(_step_text(item), item.line) for item in flat_items(block)]
    for section in sections:
        if not (section.title and start_heading(section.title)):
            continue
        for block in section.blocks:
            if block.kind == "code" and block.info.split(" ")[0].casefold() in _SHELL:
                for offset, line in enumerate(block.code.splitlines()):
                    command = _COMMAND.sub("", line).strip()
                    if command and not command.startswith("#"):
                        return [(command, block.line + 1 + offset)]
    return []


# -- resources --------------------------------------------------------------------


def resources(reading: Reading) -> dict[str, Any]:
    """A resource list: a few named picks, each with its one line, across its groups."""
    sections = content_sections(reading)
    found, lines = opening(reading, sections)
    summary, rest = _summary_and_rest(reading, found, lines)
    groups: list[list[tuple[dict[str, str], int]]] = []
    for section in sections:
        if section.level < 2 or field_named_by(section.title or "") in ("tips", "pitfalls"):
            continue
        picks = []
        for block in section.blocks:
            if block.kind != "list" or toc_list(block):
                continue
            for item in flat_items(block):
                pick = (item.name, item.rest) if item.name else item.pick
                if pick is not None:
                    name, text = pick
                    picks.append(
                        ({"name": name, "text": _first_sentence(text) if text else ""}, item.line)
                    )
        if picks:
            groups.append(picks)
    # One from each group in turn: the best of every kind before the second of any.
    chosen: list[tuple[dict[str, str], int]] = []
    for rank in range(max((len(g) for g in groups), default=0)):
        chosen.extend(group[rank] for group in groups if rank < len(group))
    data: dict[str, Any] = {"summary": summary, "items": [pick for pick, _ in chosen][:MAX_ITEMS]}
    reading.provenance.lines(
        "items", [line for _, line in chosen[:MAX_ITEMS]], f"picks from {len(groups)} groups"
    )
    data["explanation"] = _dedupe(rest[:2], summary or "")
    data.update(_tips_and_pitfalls(reading, sections))
    return data
