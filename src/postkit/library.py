"""The user's library: topic pages and template sets they list, read, add and eject.

The logic behind ``postkit topics`` and ``postkit templates``; the CLI only
prints. Nothing here overwrites a user's file unless asked to (``force``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from postkit.errors import (
    AlreadyExistsError,
    InputError,
    PostkitError,
    TemplateNotFoundError,
    quote_name,
)
from postkit.model import Topic, placeholder
from postkit.render.catalogue import (
    LAYOUT,
    VOICES,
    builtin_template_dir,
    language_voices,
    template_sets,
    voices,
)
from postkit.settings import write_new_file
from postkit.sources.topics import TopicEntry, find_topic, library, slugify, topic_key

# ---------------------------------------------------------------- topics


@dataclass(frozen=True)
class TopicRow:
    """One line of ``postkit topics list``."""

    name: str
    title: str
    source: str  # "built-in" or "user"
    path: Path
    aliases: tuple[str, ...] = ()  # other names `postkit draft` takes for it


def topic_rows(user_dirs: Iterable[Path] = ()) -> list[TopicRow]:
    """Every topic in the library, by name; a page that cannot be read says why."""
    rows = []
    for name, entry in sorted(library(user_dirs).items()):
        try:
            topic = entry.load()
        except PostkitError as exc:
            rows.append(TopicRow(name, f"(cannot read: {exc.message})", entry.source, entry.path))
            continue
        rows.append(TopicRow(name, topic.title, entry.source, entry.path, topic.aliases))
    return rows


def topic_entry(name: str, user_dirs: Iterable[Path] = ()) -> TopicEntry:
    """The library entry of a topic by name or alias (TopicNotFoundError if none)."""
    return find_topic(name, user_dirs)


def _yaml_scalar(value: str) -> str:
    import json

    # A JSON string is a YAML double-quoted scalar: safe for any text.
    return json.dumps(value, ensure_ascii=False)


def _yaml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_yaml_scalar(value) for value in values) + "]"


def topic_page(topic: Topic) -> str:
    """A topic as a Markdown page with front matter, the way the library stores them."""
    front = [f"title: {_yaml_scalar(topic.title)}"]
    if topic.aliases:
        front.append(f"aliases: {_yaml_list(topic.aliases)}")
    if topic.hashtags:
        front.append(f"hashtags: {_yaml_list(topic.hashtags)}")
    if topic.cta:
        front.append(f"cta: {_yaml_scalar(topic.cta)}")
    if topic.sources:
        front.append("sources:")
        front.extend(f"  - {_yaml_scalar(source)}" for source in topic.sources)
    body = [f"# {topic.title}", "", topic.summary]
    sections: list[tuple[str, Iterable[str]]] = [
        ("How it works", topic.explanation),
        ("Examples", (_example_item(e.name, e.text) for e in topic.examples)),
        ("Benefits", topic.benefits),
        ("Tips", topic.tips),
        ("Pitfalls", topic.pitfalls),
    ]
    for heading, items in sections:
        lines = [f"- {item}" for item in items]
        if lines:
            body += ["", f"## {heading}", "", *lines]
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n".join(body) + "\n"


def _example_item(name: str, text: str) -> str:
    return f"**{name}**: {text}" if text else name


def starter_topic(name: str) -> str:
    """A new topic page to fill in: every section, each placeholder saying what goes there.

    Every placeholder carries the one mark (:data:`postkit.sources.topics.PLACEHOLDER`)
    that drafting and ``postkit check`` look for, so a page that is not filled
    in yet never becomes a post.
    """
    title = name.strip()
    title = title[:1].upper() + title[1:]
    tag = "#" + "".join(word[:1].upper() + word[1:] for word in title.split())
    fill = placeholder
    return f"""---
title: {_yaml_scalar(title)}
aliases: []
hashtags: [{_yaml_scalar(tag)}]
---

# {title}

{title} is {fill("what it is, in one or two sentences for someone new to it")}.

## How it works

- {fill("the first idea a reader needs")}
- {fill("the second idea, or delete this line")}

## Examples

- **{fill("a place you meet it")}**: {fill("one sentence about it")}
- **{fill("another place")}**: {fill("one sentence about it")}

## Tips

- {fill("something a beginner can do this week")}

## Pitfalls

- {fill("a mistake that is easy to make, or delete this section")}
"""


# The page is named after the topic, and file names end at 255 bytes (a
# temporary name while it is written is longer): a name is a title, not a text.
MAX_TOPIC_NAME = 100


def new_topic(
    name: str, folder: Path, *, from_page: Path | None = None, force: bool = False
) -> Path:
    """Write a topic page named ``name`` into ``folder`` (never over a page, unless ``force``).

    With ``from_page`` the page is drafted from any Markdown page; otherwise
    it is a starter page to fill in.
    """
    if not topic_key(name):
        raise InputError("give the new topic a name, e.g. kubernetes")
    if len(name) > MAX_TOPIC_NAME:
        raise InputError(
            f"a topic name of {len(name)} characters is too long for a file name; "
            f"give at most {MAX_TOPIC_NAME}"
        )
    if from_page is not None:
        from postkit.sources.pages import load_topic_page

        text = topic_page(load_topic_page(from_page, strict=False))
    else:
        text = starter_topic(name)
    path = folder.expanduser() / f"{slugify(name)}.md"
    return write_new_file(path, text, force=force, what="topic page")


# ---------------------------------------------------------------- templates


@dataclass(frozen=True)
class TemplateRow:
    """One line of ``postkit templates list``."""

    name: str
    kind: str  # "set" (a platform's sections) or "voice" (a tone)
    source: str  # "built-in" or "user"
    path: Path


def _source(path: Path) -> str:
    return "built-in" if path.is_relative_to(builtin_template_dir()) else "user"


def template_rows(template_dirs: tuple[Path, ...] = ()) -> list[TemplateRow]:
    """Every template set and voice; a user folder's set or voice hides a built-in one."""

    rows = [
        TemplateRow(name, "set", _source(path), path)
        for name, path in sorted(template_sets(template_dirs).items())
    ]
    return rows + [
        TemplateRow(name, "voice", _source(path), path)
        for name, path in [
            *sorted(voices(template_dirs).items()),
            *sorted(language_voices(template_dirs).items()),  # es/friendly: in a language
        ]
    ]


def template_text(name: str, template_dirs: tuple[Path, ...] = ()) -> str:
    """The source of a template set (each file under a comment), a voice, or one file.

    ``name`` is a set (``linkedin``), a voice (``punchy``, ``voices/punchy`` or,
    in a language, ``es/punchy``) or one file (``linkedin/intro.j2``). A set
    shows its page kinds' files too (``linkedin/howto/steps.j2``). Every file
    is read as drafting loads it: one that leads out of its template folder (a
    link to ``/etc/passwd``, a linked folder) is refused with a TemplateError.
    """

    sets = template_sets(template_dirs)
    tones = {**voices(template_dirs), **language_voices(template_dirs)}
    key = name.strip().strip("/").removesuffix(".j2")
    if key in sets:
        files = sorted(sets[key].rglob("*.j2"), key=lambda path: _layout_last(path, sets[key]))
        return "\n".join(
            f"{{# ── {key}/{path.relative_to(sets[key]).as_posix()} ── #}}\n"
            f"{_read(path, _folder_of(path, template_dirs))}"
            for path in files
        )
    voice = key.removeprefix(f"{VOICES}/")
    if voice in tones:
        return _read(tones[voice], _folder_of(tones[voice], template_dirs))
    if "/" in key:
        # The loader's order: the user's folders first, the first that holds the name wins.
        for folder in (*template_dirs, builtin_template_dir()):
            path = folder / f"{key}.j2"
            if os.path.lexists(path):  # a link too: it is refused, not passed over
                return _read(path, folder)
    raise TemplateNotFoundError(name, [*sets, *tones])


def _layout_last(path: Path, folder: Path) -> tuple[bool, str]:
    """The set's own files first, then each kind's folder; its layout last."""
    inside = path.relative_to(folder)
    return inside == Path(LAYOUT), f"{len(inside.parts)}{inside.as_posix()}"


def _folder_of(path: Path, template_dirs: tuple[Path, ...]) -> Path:
    """The template folder ``path`` was found in: the innermost user folder that
    holds it by name (before any link is followed), else the built-in one."""
    holding = [folder for folder in template_dirs if path.is_relative_to(folder)]
    return max(holding, key=lambda folder: len(folder.parts), default=builtin_template_dir())


def _read(path: Path, folder: Path) -> str:
    """A template's text, confined to its folder as the loader confines it."""
    from postkit.render.loader import read_template_file  # Jinja: only when a file is shown

    return read_template_file(path, folder)


def eject(folder: Path, template_dirs: tuple[Path, ...] = (), *, force: bool = False) -> list[Path]:
    """Copy the built-in template sets and voices into ``folder`` for editing.

    Refuses, before copying anything, when a file to be written exists (unless
    ``force``), so an earlier ejection that was edited is never lost; and, even
    with ``force``, when a link in the folder leads out of it (a linked file or
    a linked set), so nothing is ever written outside ``folder``. Such a link
    is the user's own: it is refused, not replaced.
    """
    source = builtin_template_dir()
    files = sorted(path for path in source.rglob("*.j2") if path.is_file())
    targets = [(path, folder / path.relative_to(source)) for path in files]
    root = os.path.realpath(folder)  # the folder itself may be a link
    for _, target in targets:
        _refuse_a_link_out(folder, target, root)
    # A link counts as a file in the way, even one that leads nowhere yet.
    clashes = [target for _, target in targets if os.path.lexists(target)]
    if clashes and not force:
        raise AlreadyExistsError(
            clashes[0],
            f"{quote_name(clashes[0])}: already exists "
            f"({len(clashes)} of the files would be replaced)",
            alternative="eject into a new folder",
            several=True,
        )
    written = []
    try:
        for path, target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    except OSError as exc:
        from postkit.errors import OutputError

        raise OutputError(
            f"{quote_name(folder)}: cannot copy the templates ({exc.strerror or exc})"
        ) from None
    return written


def _refuse_a_link_out(folder: Path, target: Path, root: str) -> None:
    """Refuse (an InputError naming the link) when writing ``target`` would leave ``folder``."""
    from postkit.render.loader import resolve_in  # the loader's one confinement check

    if resolve_in(target, root)[1]:
        return
    link = target
    step = folder
    for part in target.relative_to(folder).parts:  # the first link on the way that leads out
        step = step / part
        if step.is_symlink() and not resolve_in(step, root)[1]:
            link = step
            break
    real, _ = resolve_in(link, root)
    raise InputError(
        f"{quote_name(link)}: refused: a link that leads outside {quote_name(folder)} "
        f"(to {quote_name(real)}); eject writes only inside the folder: remove the link, "
        "or eject into a new folder"
    )


def describe(rows: Iterable[Any]) -> list[dict[str, str | list[str]]]:
    """Rows as plain dicts (for JSON output): lists stay lists, the rest are strings."""
    return [
        {
            key: [str(item) for item in value] if isinstance(value, tuple) else str(value)
            for key, value in vars(row).items()
        }
        for row in rows
    ]
