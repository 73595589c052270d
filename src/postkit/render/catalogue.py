"""The template catalogue: every template set and voice, built-in or the user's.

One place answers "which sets, which voices, which tones are there, and where
is each file": the Jinja environment (``compose``), ``postkit templates``, the
tone checks of the settings and shell completion all ask here. A user's folder
overrides a built-in set or voice of the same name.
"""

from __future__ import annotations

from pathlib import Path

from postkit.model import TONES

LAYOUT = "post.j2"  # the file that makes a folder a template set
VOICES = "voices"  # the folder of voices: voices/NAME.j2 is the tone NAME


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
