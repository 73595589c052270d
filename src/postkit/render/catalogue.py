"""The template catalogue: every template set and voice, built-in or the user's.

One place answers "which sets, which voices, which tones are there, and where
is each file": the Jinja environment (``compose``), ``postkit templates``, the
tone checks of the settings and shell completion all ask here. A user's folder
overrides a built-in set or voice of the same name.

A voice speaks one language. ``voices/NAME.j2`` is the tone NAME in English
(and the fallback); ``voices/LANG/NAME.j2`` is the same tone in the language
LANG (an ISO 639-1 code: ``voices/es/friendly.j2``). :func:`voice_for` picks the
one a post's language asks for.
"""
# No "from __future__ import annotations": the fields of a NamedTuple written as
# strings become ForwardRefs, each compiled when the module is imported.

from functools import cache
from pathlib import Path
from typing import NamedTuple

from postkit.model import TONES

LAYOUT = "post.j2"  # the file that makes a folder a template set
VOICES = "voices"  # the folder of voices: voices/NAME.j2 is the tone NAME
FALLBACK_LANGUAGE = "en"  # the language of voices/NAME.j2


def builtin_template_dir() -> Path:
    """The built-in template sets: inside the wheel, or the repo's ``templates/``."""
    packaged = Path(__file__).resolve().parents[1] / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def template_sets(template_dirs: tuple[Path, ...] = ()) -> dict[str, Path]:
    """Every template set by name: user folders override built-in ones."""
    found: dict[str, Path] = {}
    for folder in (builtin_template_dir(), *reversed(template_dirs)):
        if folder.is_dir():
            for child in sorted(folder.iterdir()):
                if (child / LAYOUT).is_file():
                    found[child.name] = child
    return found


def voices(template_dirs: tuple[Path, ...] = ()) -> dict[str, Path]:
    """Every voice (tone) by name: ``voices/NAME.j2``, user folders first."""
    found: dict[str, Path] = {}
    for folder in (builtin_template_dir(), *reversed(template_dirs)):
        if (folder / VOICES).is_dir():
            for path in sorted((folder / VOICES).glob("*.j2")):
                found[path.stem] = path
    return found


def available_tones(template_dirs: tuple[Path, ...] = ()) -> list[str]:
    """Every tone: the built-in voices first, then the user's own, by name."""
    return sorted(voices(template_dirs), key=lambda name: (name not in TONES, name))


def language_code(language: str | None) -> str:
    """``pt-BR`` → ``pt-br``; ``es_ES`` → ``es-es``; empty or None → English."""
    code = (language or "").strip().lower().replace("_", "-")
    return code or FALLBACK_LANGUAGE


def language_voices(template_dirs: tuple[Path, ...] = ()) -> dict[str, Path]:
    """Every voice in a language other than English, as ``LANG/NAME`` (``es/friendly``)."""
    found: dict[str, Path] = {}
    for folder in (builtin_template_dir(), *reversed(template_dirs)):
        if (folder / VOICES).is_dir():
            for path in sorted((folder / VOICES).glob("*/*.j2")):
                found[f"{path.parent.name}/{path.stem}"] = path
    return found


def languages(template_dirs: tuple[Path, ...] = ()) -> dict[str, list[str]]:
    """Every language a voice speaks, with its tones: English first, then by code."""
    found: dict[str, set[str]] = {FALLBACK_LANGUAGE: set(voices(template_dirs))}
    for name in language_voices(template_dirs):
        code, tone = name.split("/")
        found.setdefault(code, set()).add(tone)
    ordered = sorted(found, key=lambda code: (code != FALLBACK_LANGUAGE, code))
    return {code: sorted(found[code]) for code in ordered}


# A NamedTuple for start-up time (see postkit.platforms.threads.Length).
class Voice(NamedTuple):
    """The voice a post speaks with: its template, its language, and why it fell back."""

    template: str  # a name for the Jinja loader: voices/friendly.j2, voices/es/friendly.j2
    language: str  # the language it speaks (the fallback's when it fell back)
    # When the post's language has no voice: what is missing and which file would add it.
    fallback: str | None = None


@cache
def voice_for(tone: str, language: str | None, template_dirs: tuple[Path, ...] = ()) -> Voice:
    """The voice of ``tone`` in ``language``: ``pt-br``, then ``pt``, then English.

    Each folder is searched (the user's first), so a user adds a language by
    writing ``voices/it/friendly.j2``, or changes one by copying it.
    """
    english = Voice(f"{VOICES}/{tone}.j2", FALLBACK_LANGUAGE)
    code = language_code(language)
    wanted = [code] if "-" not in code else [code, code.split("-")[0]]
    if FALLBACK_LANGUAGE in wanted:
        return english
    for candidate in wanted:
        for folder in (*template_dirs, builtin_template_dir()):
            if (folder / VOICES / candidate / f"{tone}.j2").is_file():
                return Voice(f"{VOICES}/{candidate}/{tone}.j2", candidate)
    spoken = [lang for lang in wanted if lang in languages(template_dirs)]
    missing = (
        f"the tone {tone!r} has no {spoken[0]!r} voice"
        if spoken
        else f"no voice speaks {code!r} (voices speak {', '.join(languages(template_dirs))})"
    )
    path = f"{VOICES}/{(spoken or wanted)[-1]}/{tone}.j2"
    return Voice(english.template, FALLBACK_LANGUAGE, f"{missing}; add {path} to a template folder")
