"""All exceptions used by postkit are defined here.

Each error carries a message written for the user: what went wrong, where
(file:line or field) and what to do, in the words of the domain (a page, a
row, a template), not of the command line: the CLI's one handler
(``postkit.cli.common``) turns them into one line on stderr and an exit code;
library users catch :class:`PostkitError`.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


class ExitCode(IntEnum):
    """The process exit codes documented in the README."""

    OK = 0
    PROBLEMS = 1  # the work found problems: check failed, some batch rows failed
    USAGE = 2  # usage or input error
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


class PostkitError(Exception):
    """Base class: a failure with a message meant for the user."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(PostkitError):
    """Input that cannot be read or understood: a file, a page, a row, a flag."""


class SettingError(InputError):
    """A setting given a value it does not take (a number of variants, a limit...).

    ``setting`` names it as the library does (``variants``, ``input_format``);
    the CLI's handler names the flag that set it instead (``--variants``), through
    :meth:`worded`. ``subject`` says what the setting is when the message is
    about it rather than about its value: ``a content warning (cw) is a Mastodon
    field``.
    """

    def __init__(self, setting: str, problem: str, *, subject: str = "") -> None:
        super().__init__(f"{subject} ({setting}) {problem}" if subject else f"{setting}: {problem}")
        self.setting = setting
        self.problem = problem
        self.subject = subject

    def worded(self, name: str) -> str:
        """The message naming the setting ``name`` (a flag: ``--limit must be…``)."""
        if self.subject:
            return f"{self.subject} ({name}) {self.problem}"
        separator = " " if self.problem.startswith("must ") else ": "
        return f"{name}{separator}{self.problem}"


class SettingNeededError(SettingError):
    """A setting postkit cannot work out, so the caller must give it.

    ``fact`` says why (``a.bin: cannot tell the format from '.bin'``) and
    ``choices`` the values the setting takes.
    """

    def __init__(self, setting: str, fact: str, choices: Sequence[str]) -> None:
        self.setting = setting
        self.problem = self.fact = fact
        self.subject = ""
        self.choices = tuple(choices)
        # Its own layout: the fact first, then the setting that settles it.
        InputError.__init__(self, self.worded(setting))

    def worded(self, name: str) -> str:
        """The message naming the setting ``name``."""
        return f"{self.fact}; give {name} ({', '.join(self.choices)})"


class TopicNotFoundError(InputError):
    """No topic matches the name the user gave.

    ``name`` is that name (``""`` when nothing was left of it to look for) and
    ``closest`` the library's nearest topic names. The message names the way
    out in the library's words (a page of your own); the CLI's handler names
    its commands instead (``postkit topics list``, ``draft --from``). Made from
    a message alone (as a batch makes it again for each row naming the topic),
    it has no ``name`` and the message stands as it is.
    """

    def __init__(
        self, message: str, *, name: str | None = None, closest: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.name = name
        self.closest = tuple(closest)


class PageError(InputError):
    """A Markdown page that cannot be turned into a topic."""


class TemplateError(InputError):
    """A template that fails to load, compile or render (names file and line)."""


class TemplateNotFoundError(TemplateError):
    """No template set, voice or file of the name asked for.

    ``name`` is that name and ``known`` the sets and voices there are (none
    when a template asked for a file that is not there: an ``include``); the
    CLI's handler adds the command that lists them (``postkit templates list``),
    through :meth:`worded`.
    """

    def __init__(self, name: str, known: Sequence[str] = ()) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(self.worded(""))

    def worded(self, listing: str) -> str:
        """The message, with ``listing`` saying where the templates are listed (or not)."""
        if self.known:
            more = f"; {listing}" if listing else ""
            return f"no template {self.name!r} (known: {', '.join(self.known)}{more})"
        return f"template {self.name!r} not found" + (f" ({listing})" if listing else "")


class NoThreadsError(InputError):
    """A text to split into a thread on a platform that has no threads (LinkedIn).

    ``platform`` is that platform and ``threaded`` the platforms that have
    threads. The message says what to do in the library's words (check the
    post, choose another platform); the CLI's handler names its commands and
    flags instead (``postkit check --platform``), through :meth:`worded`.
    """

    def __init__(self, platform: str, threaded: Sequence[str]) -> None:
        self.platform = platform
        self.threaded = tuple(threaded)
        super().__init__(
            self.worded(
                f"checking it for {platform}", f"a platform with threads: {self.alternatives()}"
            )
        )

    def worded(self, check: str, choose: str) -> str:
        """The message, with ``check`` saying how to measure the post and ``choose``
        how to pick another platform."""
        return (
            f"{self.platform} has no threads: shorten the post instead "
            f"({check} says by how much), or choose {choose}"
        )

    def alternatives(self) -> str:
        """The platforms with threads, in words: ``x, bluesky, mastodon or threads``."""
        *first, last = self.threaded or ("",)
        return f"{', '.join(first)} or {last}" if first else last


class AlreadyExistsError(InputError):
    """Writing would replace a file that exists: done only when the caller forces it.

    ``path`` is the (first) file in the way, ``fact`` says what exists,
    ``alternative`` another way out if there is one, and ``several`` whether
    more than one file would be replaced. The message asks for ``force=True``,
    as the library takes it; the CLI's handler names its ``--force`` flag
    instead (:meth:`worded`).
    """

    def __init__(
        self, path: Path, fact: str, *, alternative: str = "", several: bool = False
    ) -> None:
        self.path = path
        self.fact = fact
        self.alternative = alternative
        self.several = several
        super().__init__(self.worded("pass force=True"))

    def worded(self, force: str) -> str:
        """The message, with ``force`` saying how to have the file(s) replaced."""
        way = f"{self.alternative}, or {force}" if self.alternative else force
        return f"{self.fact}; {way} to replace {'them' if self.several else 'it'}"


class ConfigError(InputError):
    """A config file or setting that is not valid."""


class ClipboardError(PostkitError):
    """No way to reach the system clipboard."""


class WorkerError(PostkitError):
    """A worker process died (killed, out of memory) or failed; finished rows are kept."""


class WorkerDiedError(WorkerError):
    """A worker process died (killed, out of memory): the row it drafted is unknown.

    Drafting in one process finds that row; the message asks for ``jobs=1``,
    as the library takes it, and the CLI's handler names ``--jobs 1`` instead
    (:meth:`worded`).
    """

    def __init__(self) -> None:
        super().__init__(self.worded("jobs=1"))

    def worded(self, one_process: str) -> str:
        """The message, with ``one_process`` saying how to draft in one process."""
        return (
            "a worker process died (killed, or out of memory); the rows before it "
            f"are done; rerun with {one_process} to find the row"
        )


class RenderTooCostly(BaseException):
    """A user template ran out of its time or memory budget.

    Not a :class:`PostkitError`: rendering turns it into a :class:`TemplateError`
    that names the template. A BaseException, as KeyboardInterrupt is: Jinja's
    compiler catches every Exception while it folds constants, and the end of a
    budget must not be swallowed there.
    """


class OutputError(PostkitError):
    """Output cannot be written (read-only or full directory, closed stream)."""


def quote_name(name: object) -> str:
    """A file name (or any name the user gave) as a message shows it.

    As it is when it prints on one line; otherwise quoted, with escapes: a
    newline in a name must not split the one-line error, nor an escape
    sequence reach the terminal, nor an undecodable byte (a surrogate) stop
    stderr from taking the message.
    """
    text = str(name)
    return text if text.isprintable() else repr(text)
