"""What a tone and an emoji level promise about the finished text.

The templates choose the words; these rules make the promises hold whatever a
topic page or a flag brings in: the professional tone never exclaims, ``none``
leaves not one emoji, ``light`` at most one per section.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from postkit.patterns import lazy_regex, spaces_before_break
from postkit.render import finishing

# Tones whose text must not exclaim, whatever the topic page or --cta says.
CALM_TONES = frozenset({"professional"})

# Each pattern starts only where its run starts: from every position of a long run
# of "!" or spaces the match would rescan the run (quadratic time).
_question_bang = lazy_regex(r"(?<![!?])(?:\?[!?]*!+[!?]*|![!?]*\?[!?]*)")
_bang_space = lazy_regex(r"(?<!!)!+(?=\s|$)")
_bang = lazy_regex(r"!+")


def calm(text: str) -> str:
    """No exclamation marks: ``Great!`` → ``Great.``, ``Really?!`` → ``Really?``."""
    if "!" not in text:
        return text
    text = _question_bang().sub("?", text)
    text = _bang_space().sub(".", text)
    text = _bang().sub("", text)
    return text.replace("..", ".").replace(":.", ":")


def keep_first_emoji(text: str) -> str:
    """Keep the first emoji of a text and remove the others (the ``light`` level).

    A removed emoji takes the space after it along when it starts a line or
    follows a space, so ``✨ Why it matters`` becomes ``Why it matters``.
    """
    import emoji

    found = emoji.emoji_list(text)
    if len(found) < 2:
        return text
    pieces: list[str] = []
    last = 0
    for match in found[1:]:
        start, end = match["match_start"], match["match_end"]
        if start < last:
            continue
        pieces.append(text[last:start])
        at_word_start = start == 0 or text[start - 1] in " \n"
        if at_word_start and text[end : end + 1] == " ":
            end += 1
        last = end
    pieces.append(text[last:])
    return spaces_before_break().sub("", "".join(pieces))


# Sections up to this many characters are kept once finished. The built-in
# topics make sections of at most ~700; a longer one comes from a page's long
# items and is finished anew each time, so that the 2,048 kept (text and result,
# up to 4 bytes a character) stay under 16 MiB however large a batch's pages are.
MAX_KEPT_SECTION = 1024


def section_finisher(level: str, tone: str) -> Callable[[str], str]:
    """The last step for each section: real emoji, the emoji level, the tone's rules."""

    def finish(text: str) -> str:
        return finish_section(text, level, tone)

    return finish


def finish_section(text: str, level: str, tone: str) -> str:
    """A section's last step. A pure function of its arguments, so the results
    of short sections are kept: a batch finishes the same text many times (a
    topic has a few hooks and calls to action, and the same topic comes back
    row after row)."""
    if len(text) > MAX_KEPT_SECTION:
        return _finish(text, level, tone)
    return _finish_kept(text, level, tone)


def _finish(text: str, level: str, tone: str) -> str:
    text = finishing.finalise(text)
    if level == "none":
        text = finishing.strip_emoji(text)
    elif level == "light":
        text = keep_first_emoji(text)
    if tone in CALM_TONES:
        text = calm(text)
    return text


_finish_kept = lru_cache(maxsize=2048)(_finish)
