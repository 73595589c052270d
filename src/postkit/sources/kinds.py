"""What kind of page a page is: concept, article, how-to, listicle, changelog, README
or resource list, and why.

The front matter may say (``kind:``, or a generator's ``type:``,
``content_type:`` or ``layout:``); otherwise the page's shape does: version
headings make release notes, "Install" and "License" sections a README,
"Step 1" headings or a title such as "How to…" a how-to, numbered headings
under a title that counts them a listicle, sections of linked picks a
resource list, a definition in the first paragraph a concept, and a dated
first-person post an article. Each answer comes with the reason ``--explain``
prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from postkit.sources.choosing import changelog_boilerplate, flat_items, meta_section
from postkit.sources.frontmatter import PageMeta
from postkit.sources.headings import field_named_by
from postkit.sources.outline import Outline, Section

KINDS = ("concept", "article", "howto", "listicle", "changelog", "readme", "resources")

# Other names for the kinds (front matter values and ``--kind``).
ALIASES = {
    "explainer": "concept",
    "reference": "concept",
    "glossary": "concept",
    "post": "article",
    "posts": "article",
    "blog": "article",
    "blogpost": "article",
    "essay": "article",
    "tutorial": "howto",
    "how-to": "howto",
    "guide": "howto",
    "task": "howto",
    "recipe": "howto",
    "quickstart": "howto",
    "list": "listicle",
    "release": "changelog",
    "releases": "changelog",
    "release-notes": "changelog",
    "release_notes": "changelog",
    "releasenotes": "changelog",
    "news": "changelog",
    "project": "readme",
    "awesome": "resources",
    "reading-list": "resources",
    "links": "resources",
    "resource": "resources",
}
# Front matter keys whose value names a kind outright, and those that only hint.
_STRONG_KEYS = ("kind", "type", "content_type", "contenttype", "pagetype")
_WEAK_VALUES = {"post": "article", "posts": "article", "single": "article", "blog": "article"}

VERSION = re.compile(r"(?<![\w.])v?(\d+(?:\.\d+){1,3}(?:-[0-9A-Za-z.]+)?)(?![\w.])")
UNRELEASED = re.compile(
    r"\b(?:unreleased|upcoming|sin publicar|no publicado|non publié|non publiée|unveröffentlicht"
    r"|não publicado|não lançado|non rilasciato|in development|next)\b",
    re.IGNORECASE,
)
_CHANGE_HEADINGS = re.compile(
    r"^\W*(?:added|changed|fixed|removed|deprecated|security|features|bug ?fixes|fixes|"
    r"what'?s changed|breaking changes?|improvements|highlights|"
    r"añadido|cambiado|corregido|eliminado|obsoleto|seguridad|"
    r"ajouté|modifié|corrigé|supprimé|sécurité|"
    r"hinzugefügt|geändert|behoben|entfernt|sicherheit|"
    r"adicionado|alterado|corrigido|removido|segurança|"
    r"aggiunto|modificato|corretto|rimosso|sicurezza)\b",
    re.IGNORECASE,
)
_RELEASE_TITLE = re.compile(
    r"\b(?:change\s*log|release notes?|releases?|what'?s new|registro de cambios|"
    r"notas de (?:la )?versi[oó]n|änderungsprotokoll|versionshinweise|journal des modifications|"
    r"notes de version|notas de vers[aã]o|note di rilascio)\b",
    re.IGNORECASE,
)
_STEP_HEADING = re.compile(
    r"^\W*(?:step|schritt|paso|étape|etapa|passo|fase|stap)\s*\d+\b", re.IGNORECASE
)
NUMBERED_HEADING = re.compile(r"^\W*(\d{1,2})[.):]\s+(?=\S)")
_HOWTO_TITLE = re.compile(
    r"^(?:how to|how i|cómo|como|comment|come|wie (?:man|du|sie)|so (?:geht|klappt)|"
    r"getting started|get started|start|set up|setting up|install|build|create|configure|"
    r"running|deploy|empezar|primeros pasos|premiers pas|erste schritte|primeiros passos|"
    r"anleitung|tutorial|guide to)\b|\b(?:step[- ]by[- ]step|paso a paso|pas à pas|"
    r"schritt für schritt|passo a passo|tutorial|anleitung)\b",
    re.IGNORECASE,
)
# "7 habits…", "Top 10 …", "Los 5 mejores…" count their items; "Three years of…" does not.
_COUNTING_TITLE = re.compile(
    r"^\W*(?:(?:the|top|los|las|die|les|os|as|i|gli|le)\s+){0,2}"
    r"(?P<count>\d{1,3}|three|four|five|six|seven|eight|nine|ten|twelve|drei|vier|fünf|sechs|"
    r"sieben|acht|neun|zehn|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|trois|quatre|cinq|"
    r"sept|huit|neuf|dix|três|quatro|sete|oito|nove|dez|tre|quattro|sei|sette|otto|dieci)\s+"
    r"(?!(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|jahre?n?|monate?n?|wochen|"
    r"tage?n?|años|meses|semanas|días|ans|années|mois|semaines|jours|anos|dias|anni|mesi|"
    r"settimane|giorni)\b)",
    re.IGNORECASE,
)
_RESOURCE_TITLE = re.compile(
    r"\b(?:awesome|resources?|recursos|ressources|risorse|reading list|further reading|"
    r"lecturas|leseliste|lektüre|leituras|letture|bookmarks|links|tools for|toolbox|"
    r"my favou?rite)\b",
    re.IGNORECASE,
)
_README_SECTION = re.compile(
    r"^\W*(?:install(?:ation|ing)?|usage|quick ?start|getting started|get started|"
    r"features|how to use|license|licence|contributing|building|requirements|"
    r"instalación|instalación|uso|características|licencia|contribuir|"
    r"funktionen|verwendung|benutzung|lizenz|mitmachen|"
    r"fonctionnalités|utilisation|licence|contribuer|"
    r"instalação|recursos|como usar|licença|contribuindo|"
    r"installazione|utilizzo|funzionalità|licenza)\b",
    re.IGNORECASE,
)
_CONCEPT_TITLE = re.compile(
    r"\b(?:explained|erklärt|explicad[oa]|expliqué|explicad[oa]|spiegat[oa]|what is|was ist|"
    r"qué es|qu'est-ce que|o que é|cos'è|introduction to|einführung|introducción|"
    r"introdução)\b",
    re.IGNORECASE,
)
# "X is …", "X ist …", "Le X est …": a definition opens the page.
_DEFINITION = re.compile(
    r"^[^.!?]{2,80}?\s(?:is|are|refers to|means|describes|ist|sind|bezeichnet|beschreibt|"
    r"es|son|se refiere|est|sont|désigne|é|são|refere-se|è|sono|indica)\s",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i've|my|we|we're|we've|our|ich|wir|unser\w*|mein\w*|yo|nosotros|nuestr\w+|"
    r"mis?|je|j'ai|nous|notre|nos|mon|ma|mes|eu|nós|noss[oa]s?|minha|meu|io|noi|nostr\w+|"
    r"mio|mia)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class KindFound:
    """A page's kind and why."""

    kind: str
    reason: str


def kind_name(value: str) -> str | None:
    """``How-To`` → ``howto``; ``release notes`` → ``changelog``; None for other words."""
    word = value.strip().casefold().replace(" ", "-")
    if word in KINDS:
        return word
    return ALIASES.get(word) or ALIASES.get(word.replace("-", ""))


def detect_kind(meta: PageMeta, page: Outline, title: str, opening: str, origin: str) -> KindFound:
    """The kind of a page, from its front matter first, then its shape."""
    for hint in meta.kind_hints:
        kind = kind_name(hint.value) if hint.key in _STRONG_KEYS else None
        if kind is not None:
            return KindFound(kind, f"front matter `{hint.key}: {hint.value}`")
    for detector in (_changelog, _readme, _howto, _listicle, _resources):
        found = detector(meta, page, title, origin)
        if found is not None:
            return found
    if _DEFINITION.match(opening) or _CONCEPT_TITLE.search(title):
        return KindFound("concept", "the page opens with a definition")
    for hint in meta.kind_hints:
        if hint.value in _WEAK_VALUES:
            return KindFound("article", f"front matter `{hint.key}: {hint.value}`")
    if meta.dated:
        first = " in the first person" if _FIRST_PERSON.search(opening) else ""
        return KindFound("article", f"a dated post{first}, not a definition")
    return KindFound("concept", "no other kind fits: an explainer")


def content_sections(page: Outline) -> list[Section]:
    """Sections with headings that are not contents, licence, sponsors…"""
    return [s for s in page.sections if s.title is not None and not meta_section(s.title)]


def version_of(text: str) -> str | None:
    """The version a heading names ("[2.4.0] - 2025-05-02" → "2.4.0"), if any."""
    found = VERSION.search(text)
    return found.group(0) if found else None


def _changelog(meta: PageMeta, page: Outline, title: str, origin: str) -> KindFound | None:
    headings = [s.title for s in page.sections if s.title and s.level >= 2]
    versions = [h for h in headings if version_of(h) and not UNRELEASED.search(h)]
    changes = [h for h in headings if _CHANGE_HEADINGS.match(h)]
    if len(versions) >= 2:
        shown = ", ".join(version_of(h) or "" for h in versions[:3])
        return KindFound("changelog", f"version headings ({shown}…)")
    named = _RELEASE_TITLE.search(title) or Path(origin).stem.casefold() in (
        "changelog",
        "changes",
        "history",
        "news",
        "release-notes",
        "releases",
    )
    if (versions or version_of(title)) and (changes or named):
        return KindFound("changelog", "a version with Added/Changed/Fixed sections")
    if named and changes:
        return KindFound("changelog", f"a release title and sections such as {changes[0]!r}")
    generated = any(
        block.kind == "paragraph" and changelog_boilerplate(block.text)
        for _, block in page.blocks()
    )
    if changes and generated:
        return KindFound("changelog", f"release notes ({changes[0]!r}, a full changelog link)")
    return None


def _readme(meta: PageMeta, page: Outline, title: str, origin: str) -> KindFound | None:
    sections = [s.title for s in page.sections if s.title and _README_SECTION.match(s.title)]
    stem = Path(origin).stem.casefold()
    if (stem == "readme" or stem.startswith("readme.")) and sections:
        return KindFound("readme", "a README file")
    if meta.dated:
        return None  # a blog post about installing something is not the project's page
    words = {re.sub(r"\W", "", s.casefold())[:5] for s in sections}
    starts = words & {
        "insta",
        "usage",
        "quick",
        "getti",
        "getst",
        "uso",
        "verwe",
        "benut",
        "utili",
        "comou",
        "howto",
    }
    ends = words & {"licen", "lizen", "contr", "mitma"}
    if starts and ends:
        shown = ", ".join(sections[:3])
        return KindFound("readme", f"project sections ({shown})")
    return None


def _howto(meta: PageMeta, page: Outline, title: str, origin: str) -> KindFound | None:
    steps = [s.title for s in page.sections if s.title and _STEP_HEADING.match(s.title)]
    if len(steps) >= 2:
        return KindFound("howto", f"{len(steps)} step headings ({steps[0]!r}…)")
    numbered = _numbered(page)
    ordered = any(b.kind == "list" and b.ordered and len(b.items) >= 2 for _, b in page.blocks())
    if _HOWTO_TITLE.search(title) and not _COUNTING_TITLE.match(title) and (numbered or ordered):
        return KindFound("howto", "a how-to title and numbered steps")
    if len(numbered) >= 3 and not _COUNTING_TITLE.match(title):
        return KindFound(
            "howto", f"{len(numbered)} numbered headings under a title that is not a count"
        )
    return None


def _numbered(page: Outline) -> list[Section]:
    return [
        s for s in page.sections if s.title and s.level >= 2 and NUMBERED_HEADING.match(s.title)
    ]


def _listicle(meta: PageMeta, page: Outline, title: str, origin: str) -> KindFound | None:
    if not _COUNTING_TITLE.match(title):
        return None
    numbered = _numbered(page)
    if len(numbered) >= 3:
        return KindFound(
            "listicle", f"{len(numbered)} numbered headings under a title that counts them"
        )
    counted = _COUNTING_TITLE.match(title)
    count = int(counted.group("count")) if counted and counted.group("count").isdigit() else None
    for section, block in page.blocks():
        if (
            section.title
            and section.level > 1
            and (
                meta_section(section.title)
                or field_named_by(section.title) in ("pitfalls", "tips", "examples")
            )
        ):
            continue
        named = [item for item in block.items if item.pick or item.name]
        if block.kind == "list" and len(named) >= 3 and (block.ordered or count == len(named)):
            return KindFound(
                "listicle",
                f"a title that counts, and a list of {len(named)} named items (line {block.line})",
            )
    plain = plain_sections(page)
    if len(plain) >= 3:
        return KindFound("listicle", f"{len(plain)} sections under a title that counts them")
    return None


def plain_sections(page: Outline) -> list[Section]:
    """Level-2 sections of prose whose headings name no field: a listicle's items when
    they are not numbered."""
    return [
        s
        for s in page.sections
        if s.title
        and s.level == 2
        and not meta_section(s.title)
        and field_named_by(s.title) is None
        and any(b.kind == "paragraph" and b.has_prose for b in s.blocks)
    ]


def _resources(meta: PageMeta, page: Outline, title: str, origin: str) -> KindFound | None:
    groups = 0
    picks = 0
    for section in content_sections(page):
        named = [
            item
            for block in section.blocks
            if block.kind == "list"
            for item in flat_items(block)
            if item.link_led or item.pick
        ]
        if len(named) >= 2:
            groups += 1
            picks += len(named)
    tagged = any(_RESOURCE_TITLE.search(tag) for tag in meta.tags)
    if groups >= 2 and (_RESOURCE_TITLE.search(title) or tagged):
        return KindFound("resources", f"a list title and {picks} named picks in {groups} groups")
    linked = sum(
        1
        for _, block in page.blocks()
        if block.kind == "list"
        for item in flat_items(block)
        if item.link_led and not item.anchors_only
    )
    if groups >= 3 and linked >= 6:
        return KindFound("resources", f"{linked} linked picks in {groups} groups")
    return None
