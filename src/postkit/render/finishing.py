"""Emoji and Unicode finishing: shortcodes to emoji, NFC, fully-qualified emoji.

Templates and topic pages write emoji as shortcodes (``:rocket:``); the text a
user gets holds real emoji, each one fully qualified as the Unicode emoji data
lists it (``☁️`` with U+FE0F, never a bare ``☁``; never ``👍`` with a stray
U+FE0F). The emoji package supplies the names and the qualification status;
a draft reads the tables it needs from the disk cache (``emoji_cache``) and
does not import the package unless an emoji needs qualifying or removing.
"""

from __future__ import annotations

import unicodedata

from postkit.emoji_forms import emojize, needs_qualifying, qualify
from postkit.patterns import lazy_regex, spaces_before_break
from postkit.render.emoji_cache import learn_shortcodes

_runs_of_spaces = lazy_regex(r"(?<=\S) {2,}")


def finalise(text: str) -> str:
    """The last step of every post: emoji from shortcodes, NFC, qualified emoji."""
    learn_shortcodes(text)
    return qualify(unicodedata.normalize("NFC", emojize(text)))


def is_final(text: str) -> bool:
    """True when :func:`finalise` leaves ``text`` as it is, checked step by step.

    Unlike ``finalise(text) == text`` this also holds for any text made of such
    pieces and line breaks: no shortcode, emoji sequence or composing character
    reaches across a line break, and each step is seen to change nothing.
    """
    learn_shortcodes(text)
    if emojize(text) != text or not unicodedata.is_normalized("NFC", text):
        return False
    return text.isascii() or not needs_qualifying(text)


def strip_emoji(text: str) -> str:
    """Remove every emoji and tidy the spaces it leaves behind."""
    import emoji

    without = emoji.replace_emoji(text, replace="")
    without = "\n".join(line.lstrip(" ") if line.strip() else "" for line in without.split("\n"))
    without = _runs_of_spaces().sub(" ", without)
    return spaces_before_break().sub("", without)
