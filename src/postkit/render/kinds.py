"""Page kinds: which sections each kind of page drafts, and what its templates are told.

A concept page drafts as it always did (intro, explanation, examples, tips); an
article leads with its key takeaways, a how-to with numbered steps, a listicle
with its items numbered, release notes with what was added, changed and fixed,
a project README with its key features and how to start, a resource list with a
few named picks. Every kind ends with the same sign-off: the link to the page
(when its URL is known), the call to action and the hashtags.

Each kind's sections are template files of their own. A template set looks for
``SET/KIND/SECTION.j2`` first and ``SET/SECTION.j2`` after (a concept uses the
set's top-level files only), so the sections the kinds share live once at the
top of a set, and a user's folder overrides any of them file by file.
"""

from __future__ import annotations

import re
from typing import Any

from postkit.model import Topic
from postkit.patterns import lazy_regex

KINDS = ("concept", "article", "howto", "listicle", "changelog", "readme", "resources")
DEFAULT_KIND = "concept"

# The sign-off every kind ends with, in order; thread layouts keep it together
# with the last section that has content.
SIGN_OFF = ("link", "cta", "hashtags")

# The sections each kind renders before the sign-off, in order. "takeaways" (the
# page's key points, from ``Topic.explanation``) is an article's body; the other
# kinds show it only when the page gave none of their own material.
BODIES: dict[str, tuple[str, ...]] = {
    "concept": ("intro", "explanation", "examples", "tips"),
    "article": ("intro", "takeaways"),
    "howto": ("intro", "steps", "takeaways", "tips"),
    "listicle": ("intro", "items", "takeaways"),
    "changelog": ("intro", "changes", "takeaways"),
    "readme": ("intro", "features", "start", "takeaways"),
    "resources": ("intro", "picks", "takeaways"),
}

# The signpost emoji and bullets of the sections a concept does not have.
SIGNS = {
    "link": ":link:",
    "takeaways": ":key:",
    "steps": ":hammer_and_wrench:",
    "added": ":sparkles:",
    "changed": ":wrench:",
    "fixed": ":bug:",
    "features": ":puzzle_piece:",
    "start": ":chequered_flag:",
    "picks": ":books:",
}
BULLETS = {
    "takeaways": ":small_blue_diamond:",
    "features": ":small_blue_diamond:",
    "changes": ":small_blue_diamond:",
    "picks": ":backhand_index_pointing_right:",
}


# Words that name a page of release notes rather than the product it is about:
# "Acme Changelog" announces Acme, "Changelog" alone names nothing. These patterns
# are compiled on first use: only a changelog needs them, and compiling them
# costs every draft's start-up about a millisecond.
_release_words = lazy_regex(
    r"\b(?:change\s*log|changes|release\s+notes|releases|release\s+history|history|news"
    r"|what'?s\s+new|registro\s+de\s+cambios|notas\s+de\s+(?:la\s+)?versi[oó]n"
    r"|novedades|änderungsprotokoll|änderungen|versionshinweise|neuigkeiten"
    r"|journal\s+des\s+modifications|notes\s+de\s+version|nouveautés"
    r"|notas\s+de\s+vers[aã]o|registro\s+de\s+altera[cç][oõ]es)\b",
    re.IGNORECASE,
)
_linking_words = lazy_regex(
    r"^(?:for|of|in|to|de|del|des|du|en|von|für|zu|do|da|em|no|na)\s+"
    # One space: the name's spaces are folded first, and "\s+" before "$" would try
    # every run of spaces to its end (quadratic on a line of spaces).
    r"|\s(?:for|of|in|de|del|des|du|en|von|für|do|da)$",
    re.IGNORECASE,
)


def kind_of(topic: Topic) -> str:
    """The topic's kind, or concept for a kind postkit has no sections for."""
    return topic.kind if topic.kind in BODIES else DEFAULT_KIND


def sections_of(kind: str) -> tuple[str, ...]:
    """Every section a kind renders, in order: its body, then the sign-off."""
    return (*BODIES.get(kind, BODIES[DEFAULT_KIND]), *SIGN_OFF)


def template_names(template_set: str, kind: str, name: str) -> tuple[str, ...]:
    """Where a section (or the layout, ``post``) of a kind is looked for, first first."""
    if kind == DEFAULT_KIND:
        return (f"{template_set}/{name}.j2",)
    return (f"{template_set}/{kind}/{name}.j2", f"{template_set}/{name}.j2")


def own_material(topic: Topic, kind: str) -> bool:
    """Whether the page gave what its kind is drafted from (steps for a how-to…)."""
    if kind == "howto":
        return bool(topic.steps)
    if kind in ("listicle", "resources"):
        return bool(topic.items)
    if kind == "changelog":
        return bool(topic.added or topic.changed or topic.fixed)
    if kind == "readme":
        return bool(topic.items or topic.steps)
    return True


def product_name(title: str) -> str:
    """What a page of release notes is about: "Acme Changelog" → "Acme"; "Changelog" → ""."""
    name = _release_words().sub(" ", title)
    name = re.sub(r"\s+", " ", name).strip(" \t-–—:|·•,.")
    # What joined the words to the name: "Release notes for Widget", "Acme's changes of".
    return _linking_words().sub("", name).strip(" \t-–—:|·•,.")


def plain_version(version: str | None) -> str:
    """``v2.3.0`` → ``2.3.0`` (the voices write "version 2.3.0"); empty when none."""
    version = (version or "").strip()
    return version[1:] if version[:1] in ("v", "V") and version[1:2].isdecimal() else version


def list_budget(items: int) -> int:
    """How many steps or items a post shows when other lists show ``items``.

    A how-to's steps and a listicle's items are the post itself (and the title may
    promise five of them), so they are shortened last.
    """
    return 2 * items + 2


def kind_context(topic: Topic, items: int) -> dict[str, Any]:
    """What a kind's templates are told besides the topic itself."""
    kind = kind_of(topic)
    version = plain_version(topic.version)
    product = product_name(topic.title) if kind == "changelog" else topic.title
    if version:  # "Acme 2.3.0" with version 2.3.0 names the product "Acme"
        product = re.sub(rf"\s*\b[vV]?{re.escape(version)}\b", "", product).strip(" -–—:")
    elif not product:  # no product and no version: the page's own title says what it is
        product = topic.title
    return {
        "kind": kind,
        "max_list": list_budget(items),
        "show_takeaways": kind == "article" or not own_material(topic, kind),
        "product": product,
        "version": version,
    }


def tag_subject(topic: Topic) -> str:
    """What a post's hashtag is made from when the page has no tags: the subject
    a concept or a README is about, the product of release notes; nothing for a
    headline (an article's title makes a poor tag)."""
    kind = kind_of(topic)
    if kind in ("concept", "readme"):
        return topic.title
    if kind == "changelog":
        return product_name(topic.title)
    return ""


_CLAUSE_ENDS = (".", "!", "?", ":", ";", "…")


def item_line(item: Any, colon: str = ": ") -> str:
    """One listed item as a line: ``Name: its first sentence``.

    ``{{ item | item_line(colon) }}`` in templates. The name alone when there is
    no text; the text alone when it starts with the name already ("Flask: Flask
    is…" says it twice); a name that ends a sentence ("Don't guess.") is followed
    by a space, not a colon. ``colon`` is the voice's (French writes `` : ``).
    """
    from postkit.sources.prose import sentences

    name = str(_field(item, "name")).strip()
    text = str(_field(item, "text") or "").strip()
    if text:
        found = sentences(text)
        text = found[0] if found else text
    if not text:
        return name
    if not name or re.match(rf"{re.escape(name)}(?!\w)", text, re.IGNORECASE):
        return text
    if name.endswith(_CLAUSE_ENDS):
        return f"{name} {text}"
    return f"{name}{colon}{text}"


def _field(item: Any, name: str) -> Any:
    return item.get(name, "") if isinstance(item, dict) else getattr(item, name, "")
