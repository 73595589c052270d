"""Regular expressions compiled on first use, not at import.

Python compiles a pattern in Python code: 20 to 400 µs each, and a draft's
start-up imports a few dozen patterns that only some texts need (a template's
``%`` formatting, a lone surrogate, a changelog's title, an error message).
``lazy_regex`` gives a pattern that is compiled the first time it is asked
for, once per process::

    _SURROGATE = lazy_regex("[\\ud800-\\udfff]")
    ...
    _SURROGATE().search(text)

Rendering a user's template runs within a memory budget; :func:`compile_all`
compiles the patterns first, so that none is compiled within one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

_MADE: list[Callable[[], re.Pattern[str]]] = []


def lazy_regex(pattern: str, flags: int | re.RegexFlag = 0) -> Callable[[], re.Pattern[str]]:
    """A function that returns ``re.compile(pattern, flags)``, compiling it on its first call."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    _MADE.append(compiled)
    return compiled


def compile_all() -> None:
    """Compile now every pattern made so far that is still waiting for its first use.

    Called before a template budget limits memory: after a template that ran out
    of it, the process may be close to its limit, and the first use of a pattern
    (compiling one allocates) must not be what fails the next post.
    """
    for compiled in _MADE:
        compiled()


# Patterns more than one module needs.

# A UTF-16 surrogate on its own: JSON, YAML and Python can spell one (\ud800), but it
# is not a character, and no UTF encoder writes it.
surrogate = lazy_regex("[\ud800-\udfff]")
# Spaces and tabs before a line break or the end of the text. The match starts only
# where a run starts: from every position of a long run it would rescan the run.
spaces_before_break = lazy_regex(r"(?<![ \t])[ \t]+(?=\n|$)")
