"""Replay a hostile corpus against every postkit command and count the promises it breaks.

The README promises that postkit, whatever it is given, ends with exit 0, 1, 2
or 130 and (on failure) one ``postkit: error:`` line, never a traceback, never
hangs, stays under 300 MB, writes nowhere but where it was asked to, and never
loses a batch's finished post. This script generates about 2,500 hostile cases
from its own seeded patterns (issue 22's families: template bombs and links out
of the template folder, huge and endless inputs, FIFOs, lone surrogates, file
names with newlines, closed and full stdout and stderr, deep config files,
garbled lines, bad flags and values, hostile batch rows in every input format,
concurrent batches, Ctrl-C and ``kill -9``; crossed with commands, platforms
and formats), runs each one as real processes and counts, per case and in
total:

- tracebacks: a Python traceback or "internal error" on stderr, or stderr that
  breaks the one-line contract (exit 2: exactly one ``postkit: error:`` line,
  every line ``postkit: …``);
- wrong exit codes: each case records the codes the README allows for it;
- hangs: a run over 10 s (killed with its process group), or processes it left
  running;
- memory: a process whose peak RSS passed the 300 MB ceiling (measured through
  a launcher, so this script's own size never shows, under an address-space
  limit so that a runaway fails fast);
- outside: a file written, changed or removed anywhere but the case's allowed
  output paths (each case runs in a fresh scratch folder with HOME,
  POSTKIT_HOME, POSTKIT_CONFIG, POSTKIT_CACHE_DIR and TMPDIR inside it; a
  sentinel tree next to it and the shared fixtures are snapshotted too);
- lost: a batch's valid row without its post in the folder and the manifest
  (or on stdout), a manifest line whose file is missing, a post the manifest
  does not list; for concurrent batches, the posts of every batch that exited
  0 or 1;
- leaks: the sentinel's secret marker in a post or an output file (a template
  or a row read a file outside its folder);
- cache: a cache file over 1 MiB (compiled templates are bounded at 256 KB);
- harness: the replay itself failed on a case (its set-up, the launcher, a judge).

Run::

    python benchmarks/hostile.py                 # the whole corpus, 2 at a time
    python benchmarks/hostile.py --quick         # a stratified sample of about 100
    python benchmarks/hostile.py --jobs 4 --report hostile.json
    python benchmarks/hostile.py --family template --keep   # one family; keep the folders
    python benchmarks/hostile.py --case 'batch/jsonl-lone-surrogate-id/file-jsonl' --keep
    python benchmarks/hostile.py --list           # the case names

It prints a table per family and in total, then each failing case with a
command line that reproduces it, and exits 1 if any count is not zero. The
same seed always makes the same corpus. NUL bytes reach postkit in files and on
stdin only (an argument cannot hold one). As root, the read-only-folder cases
are left out: root writes into them all the same.
"""

from __future__ import annotations

import argparse
import codecs
import concurrent.futures
import hashlib
import io
import itertools
import json
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

HANG_SECONDS = 10.0
CEILING_BYTES = 300 * 1024 * 1024  # the README's memory ceiling, per process
ADDRESS_LIMIT = 2 * 1024**3  # RLIMIT_AS for every run: a runaway fails fast
CACHE_FILE_LIMIT = 1024 * 1024
LEFT_GRACE_SECONDS = 3.0  # a batch's workers end with it; after this they are "left running"
QUICK_CASES = 100
SEED = 22

PLATFORMS = ("linkedin", "x", "bluesky", "mastodon", "threads")
THREADING = PLATFORMS[1:]
DRAFT_FORMATS = ("text", "markdown", "json", "linkedin-api")
TOPICS = ("generative ai", "genai", "k8s", "kubernetes", "devops", "wfh", "oss", "a11y", "agile")
SECRET = "sentinel-7f3a9c2e5b1d"  # in every sentinel file: a post holding it read outside

COUNTS = (
    "tracebacks", "wrong_exit", "hangs", "memory", "outside", "lost", "leaks", "cache", "harness",
)  # fmt: skip
HEADINGS = {
    "tracebacks": "tracebacks",
    "wrong_exit": "wrong exit",
    "hangs": "hangs",
    "memory": "memory",
    "outside": "outside",
    "lost": "posts lost",
    "leaks": "leaks",
    "cache": "cache",
    "harness": "harness",  # the replay itself failed on a case: set up, launch or judge
}

Codes = frozenset[int]


def codes(spec: str) -> Codes:
    """``"01"`` → {0, 1}; ``"2"`` → {2}; ``"130"`` → {130}."""
    if spec == "130":
        return frozenset({130})
    return frozenset(int(c) for c in spec)


# --- the corpus: what a case is -----------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    """One thing put in place before a case runs; ``path`` is relative to the scratch folder.

    ``@SCRATCH@``, ``@SENTINEL@`` and ``@FIXTURES@`` in paths, targets, data,
    arguments and shell lines are replaced by the case's real folders.
    """

    kind: Literal["file", "sparse", "fifo", "symlink", "dir", "copy"]
    path: str
    data: bytes = b""
    size: int = 0
    target: str = ""


@dataclass(frozen=True)
class Interrupt:
    """A signal sent to a run: SIGINT to its process group (Ctrl-C) or SIGKILL to it."""

    signal: Literal["INT", "KILL"]
    when: str  # "reading" (blocked on stdin), "file:REL" (a line in a file), "after:SECONDS"


@dataclass(frozen=True)
class Run:
    """One postkit process (or one bash line running postkit as ``$POSTKIT``)."""

    args: tuple[str, ...] = ()
    shell: str = ""
    stdin: str = ""  # "" /dev/null; "pipe" a pipe left open; "closed"; else a path
    stdout: Literal["file", "full", "closed"] = "file"
    env: tuple[tuple[str, str | None], ...] = ()
    expect: Codes = frozenset({0})
    interrupt: Interrupt | None = None
    free_stderr: bool = False  # --explain and bare help print lines of their own
    posts: tuple[str, ...] = ()  # a batch: "row:N" / "id:X" that must land if it exits 0 or 1


@dataclass(frozen=True)
class Case:
    """A hostile input: what to set up, the runs (stages run in turn, a stage's runs at once)."""

    name: str
    family: str
    setup: tuple[Setup, ...]
    stages: tuple[tuple[Run, ...], ...]
    allowed: tuple[str, ...] = ()  # scratch-relative prefixes postkit may write under
    out: str = ""  # a batch's output folder (work-relative); "" = posts on stdout
    may_read_outside: bool = False  # --allow-any-path: reading the sentinel is asked for

    @property
    def command(self) -> str:
        first = self.stages[0][0]
        words = first.args or tuple(first.shell.replace("$POSTKIT", "").split())
        for word in words:
            if not word.startswith("-") and word.isidentifier():
                return word
        return "postkit"


def one(
    family: str,
    name: str,
    args: Sequence[str] = (),
    *,
    expect: str | Codes = "0",
    setup: Iterable[Setup] = (),
    stdin: str = "",
    stdout: Literal["file", "full", "closed"] = "file",
    env: Iterable[tuple[str, str | None]] = (),
    allowed: Iterable[str] = (),
    shell: str = "",
    free_stderr: bool = False,
    interrupt: Interrupt | None = None,
    posts: Iterable[str] = (),
    out: str = "",
    may_read_outside: bool = False,
) -> Case:
    """A case of one run."""
    run = Run(
        args=tuple(args),
        shell=shell,
        stdin=stdin,
        stdout=stdout,
        env=tuple(env),
        expect=codes(expect) if isinstance(expect, str) else expect,
        interrupt=interrupt,
        free_stderr=free_stderr,
        posts=tuple(posts),
    )
    return Case(
        name=f"{family}/{name}",
        family=family,
        setup=tuple(setup),
        stages=((run,),),
        allowed=tuple(allowed),
        out=out,
        may_read_outside=may_read_outside,
    )


def twice_then_force(
    name: str, args: tuple[str, ...], allowed: str, *, then: Run | None = None
) -> Case:
    """A command that writes a file, run again (refused: exit 2), then with --force."""
    stages: tuple[tuple[Run, ...], ...] = (
        (Run(args),),
        (Run(args, expect=codes("2")),),
        (Run((*args, "--force")),),
    )
    return Case(
        f"library/{name}-twice", "library", (), stages + (((then,),) if then else ()),
        allowed=(allowed,),
    )  # fmt: skip


def text_file(path: str, text: str) -> Setup:
    return Setup("file", path, text.encode("utf-8"))


def raw_file(path: str, data: bytes) -> Setup:
    return Setup("file", path, data)


# --- generated text: words, prose, garbling -------------------------------------------------

WORDS = (
    (
        "ship small changes often and review each diff before it merges; keep the tests quick, "
        "write notes for the next reader, measure before tuning, name things plainly, delete "
        "dead code, pair on the hard parts, automate the boring steps, sleep on big decisions, "
        "ask why twice, prefer boring tools, log what matters, rotate secrets, back up the data"
    )
    .replace(",", "")
    .replace(";", "")
    .split()
)
EMOJI = ("🚀", "✨", "🧪", "📦", "🔐", "👩🏽‍💻", "🏳️‍🌈", "🇵🇹", "❤️", "☁️", "1️⃣", "🧑‍🤝‍🧑")
CODE_PAGES = ("cp1252", "cp1254", "cp1250", "cp1251", "latin-1", "mac-roman")


def sentence(rng: random.Random, words: int = 9) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + rng.choice(".!?")


def prose(rng: random.Random, sentences: int = 3, emoji: bool = True) -> str:
    parts = [sentence(rng) for _ in range(sentences)]
    if emoji:
        parts.insert(1, rng.choice(EMOJI))
    return " ".join(parts)


def garble(text: str, codec: str) -> str:
    """``text`` as a wrong code page shows its UTF-8 bytes; bytes it lacks are dropped."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            continue
    return "".join(out)


def garbled_alphabet() -> str:
    """Every character garbling the emoji above makes, and a space."""
    chars = {c for e in EMOJI for codec in CODE_PAGES for c in garble(e, codec)}
    return "".join(sorted(c for c in chars if c.isprintable())) + " "


def garbled_line(rng: random.Random, length: int) -> str:
    alphabet = garbled_alphabet()
    return "".join(rng.choice(alphabet) for _ in range(length))


def random_unicode(rng: random.Random, length: int) -> str:
    """Valid UTF-8 from many planes: letters, marks, unassigned, private use, noncharacters."""
    ranges = [
        (0x20, 0x7E),
        (0xA0, 0x24F),
        (0x300, 0x36F),
        (0x590, 0x6FF),
        (0x900, 0x97F),
        (0x1F300, 0x1FAFF),
        (0x4E00, 0x4FFF),
        (0xE000, 0xE0FF),
        (0xFFF0, 0xFFFF),
        (0x2FFF0, 0x30010),
        (0xE0000, 0xE007F),
        (0x10FF00, 0x10FFFF),
    ]
    out = []
    for _ in range(length):
        low, high = rng.choice(ranges)
        out.append(chr(rng.randint(low, high)))
    return "".join(out)


def page(rng: random.Random, title: str) -> str:
    """A small Markdown page postkit can draft from."""
    tips = "\n".join(f"- {sentence(rng, 6)}" for _ in range(3))
    return (
        f"# {title}\n\n{title} is {sentence(rng, 10).lower()}\n\n"
        f"## Tips\n\n{tips}\n\n## Examples\n\n- **First**: {sentence(rng, 7)}\n"
    )


# --- payloads: text inputs for check, thread, fix and pages --------------------------------


@dataclass(frozen=True)
class Payload:
    """A text input and, per consumer, the exit codes the README allows for it.

    ``verdicts`` holds them in the order check, thread (on a platform with
    threads; LinkedIn has none and always refuses), fix, fix --check and the
    page readers (draft --from, topics new --from): "1 2 0 0 2".
    """

    name: str
    data: bytes | None  # written to the scratch folder
    verdicts: str = "0 0 0 0 0"
    path: str = ""  # or an existing path used as it is (a fixture, a device)
    stdin: bool = True  # can also be given on stdin
    file_name: str = "input.txt"
    fifo: bool = False  # a FIFO with a writer (shell) for check/thread/fix

    @property
    def check(self) -> str:
        return self.verdicts.split()[0]

    @property
    def thread(self) -> str:
        return self.verdicts.split()[1]

    @property
    def fix(self) -> str:
        return self.verdicts.split()[2]

    @property
    def fix_check(self) -> str:
        return self.verdicts.split()[3]

    @property
    def page(self) -> str:
        return self.verdicts.split()[4]


BAD = "2 2 2 2 2"  # refused: every consumer exits 2
JUNK = "01 02 0 01 02"  # text of no use: checked, perhaps split, kept by fix, perhaps no page
PAGE = "01 0 0 0 0"  # a page: fine to check, split and repair, and drafted from


def payloads(rng: random.Random) -> list[Payload]:
    """Text inputs, from empty to endless, and the exit codes each consumer owes them."""
    short = prose(rng, 2)
    lines = "\n".join(prose(rng, 1) for _ in range(4))
    garbled_short = garble(f"Launch day {EMOJI[0]} is here {EMOJI[8]} thanks all", "cp1252")
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n"
    tag = "title: !!python/object/apply:os.system ['touch @SENTINEL@/pwned']\n"
    emoji = " ".join(EMOJI) + " 🇦 lone\u200dzwj \ufe0f stray 👍🏿 #️⃣ 🫠\n"
    controls = "\x1b[31mred\x1b[0m \u202eevil\u202c \u2066iso\u2069 bell\x07 \x1b]52;c;aGk=\x07\n"
    jinja = "{{ 7 * 7 }} and {% if x %}y{% endif %} {{ ''.__class__ }}\n"
    scripts = "مرحبا بالعالم، هذا نص تجريبي. שלום עולם. 你好，世界。これはテストです。\n"
    deep_list = "".join("  " * d + "- item\n" for d in range(600))
    starter = (
        "# Starter\n\n[fill in: what it is, in one sentence]\n\n## Tips\n\n- [fill in: a tip]\n"
    )

    def fm(front: str, title: str) -> bytes:
        return (front + page(rng, title)).encode()

    return [
        Payload("empty", b"", "1 2 0 0 2"),
        Payload("blank-lines", b"\n \n\t\n\n", "1 2 0 0 2"),
        Payload("short-prose", short.encode()),
        Payload("utf8-bom", codecs.BOM_UTF8 + short.encode()),
        Payload("utf16le-bom", codecs.BOM_UTF16_LE + short.encode("utf-16-le")),
        Payload("utf16be-bom", codecs.BOM_UTF16_BE + short.encode("utf-16-be")),
        Payload("utf16-no-bom", short.encode("utf-16-le"), BAD),
        Payload("crlf", lines.replace("\n", "\r\n").encode()),
        Payload("lone-cr", lines.replace("\n", "\r").encode(), "0 0 0 01 0"),
        Payload("nul-inside", b"first line\nsecond \x00 line\n", BAD),
        Payload("latin1-bytes", "café au lait, naïve\n".encode("latin-1"), BAD),
        Payload("truncated-utf8", b"ends mid emoji " + EMOJI[0].encode()[:3], BAD),
        Payload("overlong-utf8", b"slash \xc0\xaf here\n", BAD),
        Payload("cesu-surrogate", b"lone \xed\xa0\x80 surrogate\n", BAD),
        Payload("random-bytes", b"\x80" + rng.randbytes(4095), BAD),
        Payload("random-unicode", random_unicode(rng, 1500).encode(), JUNK),
        Payload("combining-10k", ("a" + "\u0301" * 10_000 + " done\n").encode(), JUNK),
        Payload("emoji-stress", emoji.encode(), "1 0 0 01 02"),
        Payload("controls-bidi", controls.encode(), JUNK),
        Payload("jinja-text", jinja.encode(), "1 0 0 0 02"),
        Payload("garbled-short", garbled_short.encode(), "1 0 0 1 0"),
        Payload("garbled-40k", garbled_line(rng, 40_000).encode(), "1 2 0 1 02"),
        Payload("garbled-200k", None, "1 2 0 1 02", path="@FIXTURES@/garbled-200k.txt"),
        Payload("twenty-thousand-lines", None, "1 2 0 0 02", path="@FIXTURES@/lines-20k.txt"),
        Payload("deep-blockquote", ("> " * 5000 + "deep\n").encode(), JUNK),
        Payload("deep-list", deep_list.encode(), JUNK),
        Payload("stars-50k", ("*" * 50_000 + "\n").encode(), JUNK),
        Payload("brackets-30k", ("[" * 30_000 + "\n").encode(), JUNK),
        Payload("html-divs", ("<div>" * 20_000 + "x\n").encode(), JUNK),
        Payload("long-word-100k", ("x" * 100_000 + "\n").encode(), JUNK),
        Payload("hashtags-500", " ".join(f"#tag{n}" for n in range(500)).encode(), JUNK),
        Payload("rtl-cjk", scripts.encode(), JUNK),
        Payload("big-line-3m", None, "2 2 0 0 2", path="@FIXTURES@/line-3m.txt"),
        Payload("big-line-5m", None, BAD, path="@FIXTURES@/line-5m.txt"),
        Payload("sparse-4g", None, BAD, path="@FIXTURES@/sparse-4g.txt"),
        Payload("dev-zero", None, BAD, path="/dev/zero"),
        Payload("dev-null", None, "12 2 02 02 2", path="/dev/null"),
        Payload("directory", None, BAD, path="@SCRATCH@/work", stdin=False),
        Payload("missing", None, BAD, path="no-such-file.txt", stdin=False),
        Payload("newline-in-name", page(rng, "Tea").encode(), PAGE, file_name="tea\nnotes.md"),
        Payload("missing-newline-name", None, BAD, path="gone\nfile.md", stdin=False),
        Payload("missing-escape-name", None, BAD, path="\x1b[2Jgone.md", stdin=False),
        Payload("fifo-with-writer", short.encode(), "0 0 0 0 2", fifo=True, stdin=False),
        Payload("page-good", page(rng, "Boring Tools").encode(), PAGE),
        Payload("page-yaml-alias-bomb", fm("---\n" + bomb + "---\n", "Bomb"), "01 0 0 0 2"),
        Payload("page-python-tag", fm("---\n" + tag + "---\n", "Tag"), "01 0 0 0 2"),
        Payload("page-unclosed-front-matter", fm("---\ntitle: Open\n", "Open"), "01 0 0 0 02"),
        Payload(
            "page-deep-yaml",
            fm("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n", "Deep"),
            "01 02 0 0 02",
        ),
        Payload("page-bad-toml", fm("+++\ntitle = [[[\n+++\n", "Toml"), "01 0 0 0 02"),
        Payload(
            "page-huge-title", fm("---\ntitle: " + "T" * 100_000 + "\n---\n", "Huge"), "1 02 0 0 02"
        ),
        Payload("page-placeholder", starter.encode(), "1 0 0 0 02"),
    ]


def payload_runs(p: Payload, rng: random.Random) -> list[tuple[str, list[str], str, str]]:
    """(label, arguments, exit codes, stdin) of each command a payload goes through."""
    name = p.path or p.file_name
    stdin = name if p.stdin else ""
    runs = [(f"check-{where}", ["check", name, "-p", where], p.check, "") for where in PLATFORMS]
    runs.append(
        ("check-json", ["check", name, "-f", "json", "-p", rng.choice(PLATFORMS)], p.check, "")
    )
    runs += [
        (f"thread-{where}", ["thread", name, "-p", where], p.thread, "") for where in THREADING
    ]
    runs.append(("thread-linkedin", ["thread", name, "-p", "linkedin"], "2", ""))
    runs.append(("fix", ["fix", name], p.fix, ""))
    runs.append(("fix-explain", ["fix", "--explain", name], p.fix, ""))
    runs.append(("fix-check", ["fix", "--check", name], p.fix_check, ""))
    # linkedin-api is LinkedIn's own format: other platforms refuse it (an argument case).
    pairs = [
        (where, fmt)
        for where, fmt in itertools.product(PLATFORMS, DRAFT_FORMATS)
        if fmt != "linkedin-api" or where == "linkedin"
    ]
    for where, fmt in rng.sample(pairs, 2):
        args = ["draft", "--from", name, "-p", where, "-f", fmt, "-s", "7"]
        runs.append((f"draft-from-{where}-{fmt}", args, p.page, ""))
    runs.append(
        ("draft-from-explain", ["draft", "--from", name, "--explain", "-s", "3"], p.page, "")
    )
    runs.append(
        ("topics-new-from", ["topics", "new", f"probe {p.name}", "--from", name], p.page, "")
    )
    if stdin:
        # stdin has no file name to lend a page its title: a page without one is refused.
        titled = "# " in (p.data or b"").decode("utf-8", "replace")
        from_stdin = p.page if titled or p.page == "2" else "02"
        runs += [
            ("check-stdin", ["check", "-", "-p", rng.choice(PLATFORMS)], p.check, stdin),
            ("thread-stdin-json", ["thread", "-", "-p", "x", "-f", "json"], p.thread, stdin),
            ("fix-stdin", ["fix", "-"], p.fix, stdin),
            ("draft-from-stdin", ["draft", "--from", "-", "-s", "5"], from_stdin, stdin),
        ]
    return runs


def payload_cases(rng: random.Random) -> list[Case]:
    """Each payload through check, thread, fix and the page readers, from a file and stdin."""
    cases: list[Case] = []
    for p in payloads(rng):
        setup: list[Setup] = []
        if p.fifo:  # a writer feeds the FIFO, in the background, for whoever opens it
            setup += [
                Setup("fifo", f"work/{p.file_name}"),
                raw_file("work/fifo-data", p.data or b""),
            ]
        elif p.data is not None:
            setup.append(raw_file(f"work/{p.file_name}", p.data))
        for label, args, expect, stdin in payload_runs(p, rng):
            shell = ""
            if p.fifo and args[0] != "topics" and "--from" not in args:
                shell = f"cat fifo-data > {shlex.quote(p.file_name)} & $POSTKIT {shlex.join(args)}"
            cases.append(
                one(
                    "inputs",
                    f"{p.name}/{label}",
                    () if shell else args,
                    shell=shell,
                    expect=expect,
                    setup=setup,
                    stdin=stdin,
                    free_stderr="--explain" in args,
                    allowed=["home/postkit/topics/"] if args[0] == "topics" else [],
                )
            )
    return cases


# --- templates: compile-time and render-time bombs, links out of the folder -----------------

TEMPLATE_BOMBS: tuple[tuple[str, str, str], ...] = (
    # (name, template source, exit codes)
    ("center-1e9", "{{ 'a'|center(1000000000) }}", "2"),
    ("center-4e8", "{{ 'a'|center(400000000) }}", "2"),
    ("format-width", "{{ '%0999999999d'|format(1) }}", "2"),
    ("format-precision", "{{ '%.999999999f'|format(1.0) }}", "2"),
    ("format-star", "{{ '%*d'|format(999999999, 1) }}", "2"),
    ("percent-width", "{{ '%0999999999d' % 1 }}", "2"),
    ("indent-1e9", "{{ 'a\\nb'|indent(1000000000) }}", "2"),
    ("indent-first", "{{ 'a'|indent(1000000000, first=true) }}", "2"),
    ("truncate-negative", "{{ 'abc'|truncate(-5) }}", "2"),
    ("string-times", "{{ 'x' * 1000000000 }}", "2"),
    ("list-times", "{{ ([1] * 100000) * 100000 }}", "2"),
    ("power", "{{ 9 ** 99999999 }}", "2"),
    ("range-list", "{{ range(1000000000)|list|length }}", "2"),
    ("replace-blowup", "{{ ('x' * 90000)|replace('x', 'x' * 90000) }}", "2"),
    ("join-blowup", "{{ ['x' * 90000] * 90000|join('y') }}", "2"),
    ("wordwrap-blowup", "{{ ('a ' * 60000)|wordwrap(1, true, '\\n' * 90000) }}", "2"),
    ("ljust", "{{ 'a'.ljust(1000000000) }}", "2"),
    (
        "concat-doubling",
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        "2",
    ),
    ("sum-lists", "{{ ([[1] * 1000] * 100000)|sum(start=[]) }}", "2"),
    ("lone-surrogate", "{{ '\\ud800' }}", "2"),
    ("lone-surrogate-literal", "\udcff", "2"),
    (
        "nested-for-25",
        "".join(f"{{% for a{n} in [1] %}}" for n in range(25)) + "x" + "{% endfor %}" * 25,
        "2",
    ),
    ("nested-if-150", "{% if true %}" * 150 + "x" + "{% endif %}" * 150, "2"),
    ("parens-2000", "{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}", "2"),
    ("filters-5000", "{{ 'a'" + "|lower" * 5000 + " }}", "02"),
    ("recursive-macro", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "2"),
    ("self-include", "{% include '@PLATFORM@/cta.j2' %}", "2"),
    ("dunder-class", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "2"),
    ("globals-os", "{{ cycler.__init__.__globals__.os.system('touch @SENTINEL@/pwned') }}", "2"),
    ("attr-escape", "{{ (lipsum|attr('__globals__'))['os'].popen('id').read() }}", "2"),
    ("format-attr", "{{ '{0.__class__.__mro__}'.format('') }}", "2"),
    ("undefined", "{{ no_such_variable }}", "2"),
    ("syntax-error", "{% for %}", "2"),
    ("zero-division", "{{ 1 / 0 }}", "2"),
    ("huge-float", "{{ (10 ** 300) * 1.0e300 }}", "02"),
    ("include-dotdot", "{% include '../../sentinel/secret.txt' %}", "2"),
    ("include-absolute", "{% include '@SENTINEL@/secret.txt' %}", "2"),
    ("import-missing", "{% import 'nope.j2' as n %}{{ n.x }}", "2"),
    ("near-bound", "{{ 'a'|center(90000) }}", "02"),
    ("plain-ok", "What would you try first?\n", "0"),
    ("crlf-ok", "What would you\r\ntry first?\r\n", "0"),
    ("empty-ok", "", "02"),
)


def template_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    for name, source, expect in TEMPLATE_BOMBS:
        for platform in PLATFORMS:
            data = source.replace("@PLATFORM@", platform).encode("utf-8", "surrogatepass")
            section = rng.choice(("cta.j2", "intro.j2", "post.j2", "hashtags.j2"))
            if name == "self-include":
                section = "cta.j2"
            setup = [raw_file(f"work/T/{platform}/{section}", data)]
            cases.append(
                one(
                    "templates",
                    f"{name}/draft-{platform}-{section}",
                    ("draft", "genai", "--template-dir", "T", "-p", platform, "-s", "1"),
                    expect=expect,
                    setup=setup,
                )
            )
        data = source.replace("@PLATFORM@", "linkedin").encode("utf-8", "surrogatepass")
        setup = [raw_file("work/T/voices/evil.j2", data)]
        cases.append(
            one(
                "templates",
                f"{name}/voice",
                ("draft", "genai", "--template-dir", "T", "-t", "evil"),
                expect="2" if expect != "0" else "02",
                setup=setup,
            )
        )
        setup = [raw_file("work/T/linkedin/cta.j2", data)]
        shown = "02" if name == "lone-surrogate-literal" else "0"
        cases.append(
            one(
                "templates",
                f"{name}/show",
                ("templates", "show", "linkedin/cta.j2", "--template-dir", "T"),
                expect=shown,
                setup=setup,
            )
        )
        in_batch = {"0": "0", "2": "12", "02": "012"}[expect]
        config = 'template_dirs = ["@SCRATCH@/work/T"]\n'
        cases.append(
            one(
                "templates",
                f"{name}/batch-config",
                ("batch", "-", "--input-format", "lines", "-f", "jsonl"),
                stdin="rows.txt",
                expect=in_batch,
                setup=[
                    *setup,
                    text_file("home/config.toml", config),
                    text_file("work/rows.txt", "genai\nk8s\n"),
                ],
            )
        )
    # Links and special files in a template folder.
    secret = "@SENTINEL@/secret.txt"
    links: list[tuple[str, list[Setup], str, str]] = [
        # (name, setup, draft's exit codes, `templates show linkedin/cta.j2`'s)
        ("link-file-out", [Setup("symlink", "work/T/linkedin/cta.j2", target=secret)], "2", "2"),
        (
            "link-folder-out",
            [Setup("symlink", "work/T/linkedin", target="@SENTINEL@/tpl/linkedin")],
            "2",
            "2",
        ),
        (
            "link-include-out",
            [
                Setup("symlink", "work/T/linkedin/pw.j2", target=secret),
                text_file("work/T/linkedin/cta.j2", "{% include 'linkedin/pw.j2' %}"),
            ],
            "2",
            "0",
        ),
        (
            "link-inside-ok",
            [
                text_file("work/T/shared/cta.j2", "Tell me what you think.\n"),
                Setup("symlink", "work/T/linkedin/cta.j2", target="@SCRATCH@/work/T/shared/cta.j2"),
            ],
            "0",
            "0",
        ),
        (
            "folder-is-link-ok",
            [
                text_file("work/real/linkedin/cta.j2", "Tell me what you think.\n"),
                Setup("symlink", "work/T", target="@SCRATCH@/work/real"),
            ],
            "0",
            "0",
        ),
        ("fifo-template", [Setup("fifo", "work/T/linkedin/cta.j2")], "2", "2"),
        (
            "device-template",
            [Setup("symlink", "work/T/linkedin/cta.j2", target="/dev/zero")],
            "2",
            "2",
        ),
        (
            "huge-template",
            [Setup("sparse", "work/T/linkedin/cta.j2", size=1024 * 1024 + 1)],
            "2",
            "2",
        ),
        (
            "invalid-utf8-template",
            [raw_file("work/T/linkedin/cta.j2", b"caf\xe9 {{ 1 }}\n")],
            "2",
            "02",
        ),
        (
            "bom-template",
            [raw_file("work/T/linkedin/cta.j2", codecs.BOM_UTF8 + b"Hi there\n")],
            "02",
            "0",
        ),
        ("directory-template", [Setup("dir", "work/T/linkedin/cta.j2")], "02", "02"),
        (
            "dangling-link",
            [Setup("symlink", "work/T/linkedin/cta.j2", target="@SCRATCH@/none")],
            "02",
            "02",
        ),
        (
            "extends-loop",
            [
                text_file("work/T/linkedin/cta.j2", "{% extends 'linkedin/a.j2' %}"),
                text_file("work/T/linkedin/a.j2", "{% extends 'linkedin/cta.j2' %}"),
            ],
            "2",
            "0",
        ),
    ]
    for name, setup, expect, shown in links:
        cases.append(
            one(
                "templates",
                f"{name}/draft",
                ("draft", "genai", "--template-dir", "T"),
                expect=expect,
                setup=setup,
            )
        )
        cases.append(
            one(
                "templates",
                f"{name}/draft-x",
                ("draft", "genai", "--template-dir", "T", "-p", "x"),
                expect="0" if expect == "0" else "02",
                setup=setup,
            )
        )
        cases.append(
            one(
                "templates",
                f"{name}/show",
                ("templates", "show", "linkedin/cta.j2", "--template-dir", "T"),
                expect=shown,
                setup=setup,
            )
        )
        cases.append(
            one(
                "templates",
                f"{name}/list",
                ("templates", "list", "--template-dir", "T", "--json"),
                expect="02",
                setup=setup,
            )
        )
    return cases


# --- arguments: flags, values, names ---------------------------------------------------------

BIG = "1" + "0" * 30


def argument_cases(rng: random.Random) -> list[Case]:
    page_setup = [text_file("work/page.md", page(rng, "Queues"))]
    post_setup = [text_file("work/post.txt", prose(rng, 2) + "\n")]
    long_name = "n" * 300
    invalid = os.fsdecode(b"caf\xe9 \xff\xfe")  # not UTF-8: reaches postkit as surrogates
    specs: list[tuple[str, tuple[str, ...], str, list[Setup]]] = [
        # draft
        ("draft-typo", ("draft", "genai", "--pltform", "x"), "2", []),
        ("draft-bad-platform", ("draft", "genai", "-p", "facebook"), "2", []),
        ("draft-empty-platform", ("draft", "genai", "-p", ""), "2", []),
        ("draft-upper-platform", ("draft", "genai", "-p", "LINKEDIN"), "0", []),
        ("draft-bad-format", ("draft", "genai", "-f", "xml"), "2", []),
        ("draft-bad-emoji", ("draft", "genai", "-e", "lots"), "2", []),
        ("draft-empty-tone", ("draft", "genai", "-t", ""), "2", []),
        ("draft-long-tone", ("draft", "genai", "-t", "t" * 300), "2", []),
        ("draft-path-tone", ("draft", "genai", "-t", "../../etc/passwd"), "2", []),
        ("draft-variants-0", ("draft", "genai", "-n", "0"), "2", []),
        ("draft-variants-neg", ("draft", "genai", "-n", "-1"), "2", []),
        ("draft-variants-21", ("draft", "genai", "-n", "21"), "2", []),
        ("draft-variants-huge", ("draft", "genai", "-n", BIG), "2", []),
        ("draft-variants-text", ("draft", "genai", "-n", "abc"), "2", []),
        ("draft-variants-20", ("draft", "genai", "-n", "20", "-f", "json"), "0", []),
        ("draft-seed-neg", ("draft", "genai", "-s", "-1"), "02", []),
        ("draft-seed-huge", ("draft", "genai", "-s", BIG), "02", []),
        ("draft-seed-text", ("draft", "genai", "-s", "abc"), "2", []),
        ("draft-seed-empty", ("draft", "genai", "-s", ""), "2", []),
        ("draft-limit-0", ("draft", "genai", "-p", "x", "--limit", "0"), "2", []),
        ("draft-limit-neg", ("draft", "genai", "-p", "x", "--limit", "-5"), "2", []),
        ("draft-limit-1", ("draft", "genai", "-p", "x", "--limit", "1"), "02", []),
        ("draft-limit-huge", ("draft", "genai", "-p", "x", "--limit", BIG), "02", []),
        ("draft-cw-huge", ("draft", "genai", "-p", "mastodon", "--cw", "w" * 10_000), "02", []),
        ("draft-hashtags-junk", ("draft", "genai", "--hashtags", "#" * 1000), "02", []),
        ("draft-add-empty-hashtag", ("draft", "genai", "--add-hashtag", ""), "02", []),
        ("draft-cta-escape", ("draft", "genai", "--cta", "\x1b[2J\x1b]52;c;aGk=\x07"), "0", []),
        ("draft-author-huge", ("draft", "genai", "--author", "a" * 10_000), "0", []),
        ("draft-api-not-linkedin", ("draft", "genai", "-p", "x", "-f", "linkedin-api"), "2", []),
        (
            "draft-author-urn-bad",
            ("draft", "genai", "-f", "linkedin-api", "--author-urn", "x"),
            "2",
            [],
        ),
        ("draft-kind-bad", ("draft", "--from", "page.md", "--kind", "poem"), "2", page_setup),
        (
            "draft-link-js",
            ("draft", "--from", "page.md", "--link", "javascript:alert(1)"),
            "02",
            page_setup,
        ),
        ("draft-numbering-bad", ("draft", "genai", "-p", "x", "--numbering", "roman"), "2", []),
        ("draft-empty-topic", ("draft", ""), "2", []),
        ("draft-300-topic", ("draft", long_name), "2", []),
        ("draft-path-topic", ("draft", "../../etc/passwd"), "2", []),
        ("draft-invalid-utf8-topic", ("draft", invalid), "2", []),
        ("draft-escape-topic", ("draft", "\x1b[31mgenai"), "2", []),
        ("draft-newline-topic", ("draft", "gen\nai"), "02", []),
        ("draft-spaced-topic", ("draft", "  Generative-AI  "), "0", []),
        ("draft-dash-topic", ("draft", "--", "-p"), "2", []),
        ("draft-no-topic", ("draft",), "2", []),
        ("draft-topic-and-from", ("draft", "genai", "--from", "page.md"), "02", page_setup),
        ("draft-from-empty", ("draft", "--from", ""), "2", []),
        ("draft-template-dir-missing", ("draft", "genai", "--template-dir", "nope"), "2", []),
        ("draft-template-dir-devnull", ("draft", "genai", "--template-dir", "/dev/null"), "2", []),
        ("draft-template-dir-empty", ("draft", "genai", "--template-dir", ""), "2", []),
        ("draft-explain-no-from", ("draft", "genai", "--explain"), "02", []),
        ("draft-unknown-flag", ("draft", "genai", "--yolo"), "2", []),
        ("draft-copy-no-display", ("draft", "genai", "--copy"), "2", []),
        ("draft-copy-json", ("draft", "genai", "--copy", "-f", "json", "-p", "x"), "2", []),
        # check and thread
        ("check-bad-platform", ("check", "post.txt", "-p", "myspace"), "2", post_setup),
        ("check-limit-neg", ("check", "post.txt", "--limit", "-1"), "2", post_setup),
        ("check-limit-0", ("check", "post.txt", "--limit", "0"), "12", post_setup),
        ("check-limit-huge", ("check", "post.txt", "--limit", BIG), "02", post_setup),
        ("check-format-bad", ("check", "post.txt", "-f", "jsonl"), "2", post_setup),
        ("check-empty-name", ("check", ""), "2", []),
        ("check-two-files", ("check", "post.txt", "post.txt"), "2", post_setup),
        (
            "check-cw-huge",
            ("check", "post.txt", "-p", "mastodon", "--cw", "c" * 10_000),
            "1",
            post_setup,
        ),
        (
            "thread-numbering-bad",
            ("thread", "post.txt", "-p", "x", "--numbering", "x"),
            "2",
            post_setup,
        ),
        ("thread-limit-neg", ("thread", "post.txt", "-p", "x", "--limit", "-3"), "2", post_setup),
        ("thread-limit-1", ("thread", "post.txt", "-p", "x", "--limit", "1"), "02", post_setup),
        ("thread-limit-huge", ("thread", "post.txt", "-p", "x", "--limit", BIG), "02", post_setup),
        ("thread-format-bad", ("thread", "post.txt", "-f", "markdown"), "2", post_setup),
        # fix
        ("fix-explain-check", ("fix", "--explain", "--check", "post.txt"), "01", post_setup),
        ("fix-two-files", ("fix", "post.txt", "post.txt"), "2", post_setup),
        ("fix-unknown-flag", ("fix", "--repair-harder", "post.txt"), "2", post_setup),
        # batch
        ("batch-jobs-0", ("batch", "rows.txt", "-j", "0", "-f", "jsonl"), "2", []),
        ("batch-jobs-neg", ("batch", "rows.txt", "-j", "-1", "-f", "jsonl"), "2", []),
        ("batch-jobs-huge", ("batch", "rows.txt", "-j", BIG, "-f", "jsonl"), "02", []),
        ("batch-jobs-text", ("batch", "rows.txt", "-j", "many", "-f", "jsonl"), "2", []),
        ("batch-input-format-bad", ("batch", "rows.txt", "--input-format", "xml"), "2", []),
        ("batch-format-bad", ("batch", "rows.txt", "-f", "json"), "2", []),
        ("batch-output-empty", ("batch", "rows.txt", "-o", ""), "2", []),
        ("batch-output-file", ("batch", "rows.txt", "-o", "rows.txt"), "2", []),
        ("batch-output-proc", ("batch", "rows.txt", "-o", "/proc/self/nope"), "2", []),
        ("batch-seed-neg", ("batch", "rows.txt", "-s", "-5", "-f", "jsonl"), "02", []),
        ("batch-no-input", ("batch",), "2", []),
        ("batch-skip-no-output", ("batch", "rows.txt", "--skip-existing", "-f", "jsonl"), "02", []),
        ("batch-missing-input", ("batch", "nope.csv", "-f", "jsonl"), "2", []),
        (
            "batch-unknown-ext",
            ("batch", "rows.docx", "-f", "jsonl"),
            "2",
            [text_file("work/rows.docx", "genai\n")],
        ),
        # topics, templates, config
        ("topics-show-empty", ("topics", "show", ""), "2", []),
        ("topics-show-300", ("topics", "show", long_name), "2", []),
        ("topics-show-path", ("topics", "show", "../../../../etc/passwd"), "2", []),
        ("topics-show-invalid", ("topics", "show", invalid), "2", []),
        ("topics-new-empty", ("topics", "new", ""), "2", []),
        ("topics-new-dot", ("topics", "new", "."), "202", []),
        ("topics-new-dotdot", ("topics", "new", ".."), "202", []),
        ("topics-new-slash", ("topics", "new", "/"), "202", []),
        ("topics-list-extra", ("topics", "list", "extra"), "2", []),
        ("templates-show-empty", ("templates", "show", ""), "2", []),
        ("templates-show-missing", ("templates", "show", "nope"), "2", []),
        ("templates-show-passwd", ("templates", "show", "../../../../../../etc/passwd"), "2", []),
        ("templates-show-absolute", ("templates", "show", "/etc/passwd"), "2", []),
        ("templates-show-dotdot", ("templates", "show", "linkedin/../../pyproject.toml"), "2", []),
        ("templates-show-300", ("templates", "show", long_name), "2", []),
        ("templates-eject-empty", ("templates", "eject", ""), "2", []),
        ("templates-eject-file", ("templates", "eject", "post.txt"), "2", post_setup),
        ("config-unknown", ("config", "get", "tone"), "2", []),
        ("config-extra-arg", ("config", "show", "tone"), "2", []),
        ("unknown-command", ("publish", "genai"), "2", []),
        ("root-unknown-flag", ("--verbose",), "2", []),
    ]
    rows = text_file("work/rows.txt", "genai\nk8s\n")
    cases = []
    for name, args, expect, setup in specs:
        allowed = ["work/T/"] if args[:2] == ("templates", "eject") else []
        if args[:2] == ("topics", "new"):
            allowed = ["home/postkit/topics/"]
        cases.append(
            one("arguments", name, (*args,), expect=expect, setup=[*setup, rows], allowed=allowed)
        )
    return cases


# --- the library: topic names, ejecting, config files ----------------------------------------


def library_cases(rng: random.Random) -> list[Case]:
    topics = "home/postkit/topics/"
    names = [
        ("300-chars", "t" * 300, "02"),
        ("255-chars", "t" * 255, "02"),
        ("escape-out", "../../../sentinel/evil", "02"),
        ("absolute", "@SENTINEL@/evil", "02"),
        ("con", "CON", "02"),
        ("newline", "edge\ncomputing", "02"),
        ("escape-seq", "\x1b[2Jclear", "02"),
        ("emoji", "🚀 launch", "02"),
        ("rtl-override", "abc\u202edcba", "02"),
        ("builtin-name", "genai", "02"),
        ("dots", "...", "02"),
        ("ok", "edge computing", "0"),
    ]
    cases = []
    for label, name, expect in names:
        cases.append(
            one(
                "library",
                f"topics-new-{label}",
                ("topics", "new", name),
                expect=expect,
                allowed=[topics],
            )
        )
        cases.append(
            one(
                "library",
                f"topics-new-show-{label}",
                shell=f"$POSTKIT topics new {shlex.quote(name)} && "
                f"$POSTKIT topics show {shlex.quote(name)} > /dev/null",
                expect=expect,
                allowed=[topics],
            )
        )
    cases.append(twice_then_force("topics-new", ("topics", "new", "edge computing"), topics))
    cases.append(
        one(
            "library",
            "topics-list-fifo",
            ("topics", "list", "--json"),
            setup=[Setup("fifo", "home/postkit/topics/stuck.md")],
        )
    )
    cases.append(
        one(
            "library",
            "topics-list-bad-page",
            ("topics", "list"),
            expect="02",
            setup=[raw_file("home/postkit/topics/bad.md", b"---\nnope: [\n---\n# Bad\n")],
        )
    )
    cases.append(
        one(
            "library",
            "topics-list-link-out",
            ("topics", "list", "--json"),
            expect="02",
            may_read_outside=True,
            setup=[Setup("symlink", "home/postkit/topics/s.md", target="@SENTINEL@/secret.md")],
        )
    )
    cases.append(
        one(
            "library",
            "topics-show-dir",
            ("topics", "show", "folder"),
            expect="2",
            setup=[Setup("dir", "home/postkit/topics/folder.md")],
        )
    )
    # Ejecting templates.
    eject = "work/E/"
    cases.append(twice_then_force("templates-eject", ("templates", "eject", "E"), eject))
    cases.append(
        one(
            "library",
            "templates-eject-newline",
            ("templates", "eject", "E\nnew"),
            allowed=["work/E\nnew/"],
        )
    )
    cases.append(
        one(
            "library",
            "templates-eject-link-inside",
            ("templates", "eject", "E", "--force"),
            expect="02",
            allowed=[eject],
            setup=[Setup("symlink", "work/E/linkedin/cta.j2", target="@SENTINEL@/secret.txt")],
        )
    )
    cases.append(
        one(
            "library",
            "templates-eject-folder-link",
            ("templates", "eject", "E", "--force"),
            expect="02",
            allowed=[eject],
            setup=[Setup("symlink", "work/E/linkedin", target="@SENTINEL@/tpl/linkedin")],
        )
    )
    if os.geteuid() != 0:  # root writes into a read-only folder all the same
        cases.append(
            one(
                "library",
                "templates-eject-readonly",
                shell="mkdir RO && chmod 555 RO && $POSTKIT templates eject RO/E; code=$?; "
                "chmod 755 RO; exit $code",
                expect="2",
                allowed=["work/RO"],
            )
        )
    cases.append(one("library", "templates-list-json", ("templates", "list", "--json")))
    for name in ("linkedin", "punchy", "es/punchy", "linkedin/intro.j2", "x/howto/steps.j2"):
        cases.append(
            one(
                "library",
                f"templates-show-{name}",
                ("templates", "show", name),
                expect="02" if "/" in name and name.count("/") > 1 else "0",
            )
        )
    # config init and path.
    config = "home/config.toml"
    cases.append(
        twice_then_force("config-init", ("config", "init"), config, then=Run(("config", "show")))
    )
    deep = "home/deep/a/b/c/config.toml"
    cases.append(
        one(
            "library",
            "config-init-deep",
            ("config", "init"),
            allowed=["home/deep"],
            env=[("POSTKIT_CONFIG", f"@SCRATCH@/{deep}")],
        )
    )
    cases.append(
        one(
            "library",
            "config-init-dir",
            ("config", "init"),
            expect="2",
            env=[("POSTKIT_CONFIG", "@SCRATCH@/work")],
        )
    )
    cases.append(
        one(
            "library",
            "config-init-file-as-folder",
            ("config", "init"),
            expect="2",
            env=[("POSTKIT_CONFIG", "@SCRATCH@/work/post.txt/config.toml")],
            setup=[text_file("work/post.txt", "a post\n")],
        )
    )
    cases.append(one("library", "config-path", ("config", "path")))
    cases.append(
        one("library", "config-path-unset", ("config", "path"), env=[("POSTKIT_CONFIG", None)])
    )
    return cases


def config_texts() -> list[tuple[str, Setup | None, str | None, str]]:
    """(name, file, POSTKIT_CONFIG, verdict): configs that work, that are refused, either."""
    path = "home/config.toml"
    deep_array = "author = " + "[" * 5000 + "]" * 5000 + "\n"
    deep_inline = "author = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n"
    deep_tables = "[" + ".".join(["a"] * 5000) + "]\nx = 1\n"
    good = 'author = "Ada"\nplatform = "x"\ntone = "punchy"\nemoji = "light"\n'
    hashtags = "hashtags = [" + ", ".join(f'"#t{n}"' for n in range(10_000)) + "]\n"
    return [
        ("missing", None, None, "good"),
        ("empty", text_file(path, ""), None, "good"),
        ("good", text_file(path, good), None, "good"),
        ("good-crlf", text_file(path, good.replace("\n", "\r\n")), None, "good"),
        ("good-link", text_file("home/real.toml", good), None, "good"),
        ("bom", raw_file(path, codecs.BOM_UTF8 + good.encode()), None, "either"),
        ("unknown-key", text_file(path, 'colour = "red"\n'), None, "bad"),
        ("bad-tone", text_file(path, 'tone = "loud"\n'), None, "bad"),
        ("bad-type", text_file(path, "author = 5\n"), None, "bad"),
        ("bad-platform", text_file(path, 'platform = "myspace"\n'), None, "bad"),
        ("deep-array", text_file(path, deep_array), None, "bad"),
        ("deep-inline", text_file(path, deep_inline), None, "bad"),
        ("deep-tables", text_file(path, deep_tables), None, "bad"),
        ("invalid-toml", text_file(path, "author = \n[[[\n"), None, "bad"),
        ("invalid-utf8", raw_file(path, b'author = "caf\xe9"\n'), None, "bad"),
        ("nul", raw_file(path, b'author = "a\x00b"\n'), None, "bad"),
        ("over-256k", text_file(path, "# " + "c" * 300_000 + "\n"), None, "bad"),
        ("sparse-4g", Setup("sparse", path, size=4 * 1024**3), None, "bad"),
        ("dev-zero", None, "/dev/zero", "bad"),
        ("dev-null", None, "/dev/null", "bad"),
        ("fifo", Setup("fifo", path), None, "bad"),
        ("directory", Setup("dir", path), None, "bad"),
        ("topic-dirs-dev", text_file(path, 'topic_dirs = ["/dev"]\n'), None, "either"),
        ("author-100k", text_file(path, f'author = "{"a" * 100_000}"\n'), None, "either"),
        ("hashtags-10k", text_file(path, hashtags), None, "either"),
    ]


def config_cases(rng: random.Random) -> list[Case]:
    """Each config under the commands that read it (2 when bad), and those that need not."""
    commands: list[tuple[str, tuple[str, ...], str, str, str]] = [
        # (label, args, stdin, expect when the config is good, when it is bad)
        ("draft", ("draft", "genai", "-s", "1"), "", "0", "2"),
        ("draft-json-x", ("draft", "k8s", "-p", "x", "-f", "json"), "", "0", "2"),
        ("config-show", ("config", "show"), "", "0", "2"),
        ("config-path", ("config", "path"), "", "0", "0"),
        ("topics-list", ("topics", "list"), "", "0", "2"),
        ("templates-list", ("templates", "list"), "", "0", "2"),
        (
            "batch-stdin",
            ("batch", "-", "--input-format", "lines", "-f", "jsonl"),
            "rows.txt",
            "0",
            "2",
        ),
        ("thread", ("thread", "post.txt", "-p", "x"), "", "0", "02"),
        ("check", ("check", "post.txt", "-p", "x"), "", "0", "02"),
        ("fix", ("fix", "post.txt"), "", "0", "02"),
    ]
    cases = []
    post = text_file("work/post.txt", prose(rng, 2) + "\n")
    rows = text_file("work/rows.txt", "genai\nk8s\n")
    for name, setup, env_path, verdict in config_texts():
        chosen = commands if name in ("dev-zero", "deep-array", "good") else rng.sample(commands, 5)
        for label, args, stdin, if_good, if_bad in chosen:
            extra = [post, rows] + ([setup] if setup else [])
            env: list[tuple[str, str | None]] = []
            if env_path:
                env.append(("POSTKIT_CONFIG", env_path))
            if name == "good-link":
                extra.append(
                    Setup("symlink", "home/config.toml", target="@SCRATCH@/home/real.toml")
                )
            expect = {"good": if_good, "bad": if_bad}.get(
                verdict, "".join(sorted(set(if_good + if_bad)))
            )
            cases.append(
                one(
                    "config",
                    f"{name}/{label}",
                    (*args,),
                    expect=expect,
                    setup=extra,
                    stdin=stdin,
                    env=env,
                )
            )
    return cases


# --- the environment: variables, locales, odd homes ------------------------------------------


def environment_cases(rng: random.Random) -> list[Case]:
    ro_cache = [Setup("dir", "ro-cache", size=0o555)]
    variables: list[tuple[str, list[tuple[str, str | None]], str, str, list[Setup]]] = [
        # (label, env, expect for draft, expect for batch, setup)
        ("platform-bad", [("POSTKIT_PLATFORM", "facebook")], "2", "2", []),
        ("tone-bad", [("POSTKIT_TONE", "loud")], "2", "2", []),
        ("emoji-bad", [("POSTKIT_EMOJI", "lots")], "2", "2", []),
        ("tone-empty", [("POSTKIT_TONE", "")], "02", "02", []),
        ("author-100k", [("POSTKIT_AUTHOR", "a" * 100_000)], "02", "02", []),
        ("hashtags-junk", [("POSTKIT_HASHTAGS", "#" * 5000)], "02", "02", []),
        ("cta-escapes", [("POSTKIT_CTA", "\x1b]52;c;aGk=\x07 go")], "0", "0", []),
        ("home-devnull", [("POSTKIT_HOME", "/dev/null")], "0", "0", []),
        ("home-empty", [("POSTKIT_HOME", "")], "02", "02", []),
        ("cache-devnull", [("POSTKIT_CACHE_DIR", "/dev/null")], "0", "0", []),
        ("cache-readonly", [("POSTKIT_CACHE_DIR", "@SCRATCH@/ro-cache/c")], "0", "0", ro_cache),
        ("no-cache", [("POSTKIT_NO_CACHE", "1")], "0", "0", []),
        ("lang-c", [("LANG", "C"), ("LC_ALL", "C")], "0", "0", []),
        ("turkish", [("LC_ALL", "tr_TR.UTF-8")], "0", "0", []),
        ("io-ascii", [("PYTHONIOENCODING", "ascii")], "0", "0", []),
        ("io-cp1252", [("PYTHONIOENCODING", "cp1252:strict")], "0", "0", []),
        ("io-utf16", [("PYTHONIOENCODING", "utf-16")], "0", "0", []),
        ("term-dumb", [("TERM", "dumb"), ("NO_COLOR", "1")], "0", "0", []),
        ("columns-0", [("COLUMNS", "0"), ("LINES", "-1")], "0", "0", []),
        ("columns-huge", [("COLUMNS", "99999999999")], "0", "0", []),
        ("home-unset", [("HOME", None), ("POSTKIT_HOME", None)], "0", "0", []),
        ("config-empty-name", [("POSTKIT_CONFIG", "")], "02", "02", []),
        ("config-deep-missing", [("POSTKIT_CONFIG", "@SCRATCH@/no/such/dir/c.toml")], "0", "0", []),
        ("tmpdir-missing", [("TMPDIR", "@SCRATCH@/no-such-tmp")], "0", "02", []),
        ("tmpdir-devnull", [("TMPDIR", "/dev/null")], "0", "02", []),
    ]
    commands: list[tuple[str, tuple[str, ...], str, bool]] = [
        ("draft", ("draft", "genai", "-s", "2"), "", False),
        ("draft-x-json", ("draft", "devops", "-p", "x", "-f", "json"), "", False),
        ("batch-stdin", ("batch", "-", "--input-format", "lines", "-f", "jsonl"), "rows.txt", True),
        ("fix", ("fix", "-"), "garbled.txt", False),
        ("check", ("check", "post.txt", "-p", "bluesky"), "", False),
        ("topics-list", ("topics", "list"), "", False),
    ]
    garbled = garble(f"Ready {EMOJI[0]} set {EMOJI[1]}", "cp1252") + "\n"
    base = [
        text_file("work/rows.txt", "genai\nk8s\n"),
        text_file("work/garbled.txt", garbled),
        text_file("work/post.txt", prose(rng, 2) + "\n"),
    ]
    cases = []
    for label, env, if_draft, if_batch, setup in variables:
        for cmd, args, stdin, is_batch in commands:
            expect = if_batch if is_batch else if_draft
            if cmd in ("fix", "check", "topics-list") and label in (
                "platform-bad",
                "tone-bad",
                "emoji-bad",
                "hashtags-junk",
                "author-100k",
                "tone-empty",
            ):
                expect = "02"
            if cmd == "topics-list" and label == "home-devnull":
                expect = "02"
            if label.startswith("cache-") or label == "no-cache":
                expect = "0"
            allowed = {"home-unset": ["home/"], "cache-readonly": ["ro-cache/"]}.get(label, [])
            cases.append(
                one(
                    "environment",
                    f"{label}/{cmd}",
                    (*args,),
                    expect=expect,
                    setup=[*base, *setup],
                    stdin=stdin,
                    env=env,
                    allowed=allowed,
                )
            )
    return cases


# --- output streams: closed, full, a reader that goes away ------------------------------------


def help_cases() -> list[Case]:
    commands = [
        (),
        ("draft",),
        ("check",),
        ("thread",),
        ("batch",),
        ("fix",),
        ("config",),
        ("config", "path"),
        ("config", "show"),
        ("config", "init"),
        ("topics",),
        ("topics", "list"),
        ("topics", "show"),
        ("topics", "new"),
        ("templates",),
        ("templates", "list"),
        ("templates", "show"),
        ("templates", "eject"),
    ]
    cases = []
    for words in commands:
        label = "-".join(words) or "root"
        for flag in ("--help", "-h"):
            args = (*words, flag)
            cases.extend(stream_variants("help", f"{label}{flag}", args, "0"))
    cases.extend(stream_variants("help", "version", ("--version",), "0"))
    cases.append(one("help", "bare-root", expect="2", free_stderr=True))
    for group in ("topics", "templates", "config"):
        cases.append(one("help", f"bare-{group}", (group,), expect="02", free_stderr=True))
    cases.append(
        one(
            "help",
            "show-completion",
            ("--show-completion",),
            expect="02",
            env=[("SHELL", "/bin/bash")],
        )
    )
    return cases


def stream_variants(
    family: str, label: str, args: tuple[str, ...], ok: str, setup: Sequence[Setup] = ()
) -> list[Case]:
    """One command's output to a file, to /dev/full, to a closed stdout, into ``head -c 10``."""
    line = "$POSTKIT " + shlex.join(args)
    return [
        one(family, f"{label}/file", (*args,), expect=ok, setup=setup),
        one(family, f"{label}/dev-full", (*args,), stdout="full", expect="2", setup=setup),
        one(family, f"{label}/closed", (*args,), stdout="closed", expect="2", setup=setup),
        one(
            family,
            f"{label}/head-c-10",
            shell=f"{line} | head -c 10 > /dev/null",
            expect=ok,
            setup=setup,
        ),
        one(family, f"{label}/head-c-0", shell=f"{line} | head -c 0", expect=ok, setup=setup),
    ]


def output_cases(rng: random.Random) -> list[Case]:
    post = text_file("work/post.txt", prose(rng, 2) + "\n")
    long_post = text_file("work/long.txt", "\n\n".join(prose(rng, 4) for _ in range(8)) + "\n")
    garbled = text_file("work/garbled.txt", garble("Go " + " ".join(EMOJI), "cp1252") * 200 + "\n")
    rows = text_file(
        "work/rows.jsonl",
        "".join(json.dumps({"topic": t, "id": f"r{n}"}) + "\n" for n, t in enumerate(TOPICS)),
    )
    commands: list[tuple[str, tuple[str, ...]]] = [
        ("draft", ("draft", "genai", "-s", "4")),
        ("draft-json", ("draft", "genai", "-f", "json", "-s", "4")),
        ("draft-variants", ("draft", "k8s", "-n", "5", "-f", "markdown")),
        ("draft-thread", ("draft", "devops", "-p", "x", "-s", "9")),
        ("batch-jsonl", ("batch", "rows.jsonl", "-f", "jsonl")),
        ("fix", ("fix", "garbled.txt")),
        ("check", ("check", "post.txt", "-p", "linkedin")),
        ("check-json", ("check", "post.txt", "-f", "json")),
        ("thread", ("thread", "long.txt", "-p", "x")),
        ("topics-list", ("topics", "list")),
        ("topics-show", ("topics", "show", "genai")),
        ("templates-list", ("templates", "list")),
        ("templates-show", ("templates", "show", "linkedin")),
        ("config-show", ("config", "show")),
        ("config-path", ("config", "path")),
    ]
    setup = [post, long_post, garbled, rows]
    cases = []
    for label, args in commands:
        cases.extend(stream_variants("streams", label, args, "0", setup))
        cases.append(
            one(
                "streams",
                f"{label}/stderr-closed",
                shell="$POSTKIT " + shlex.join(args) + " 2>&-",
                setup=setup,
                free_stderr=True,
            )
        )
    errors = [
        ("draft-unknown", ("draft", "no such topic here")),
        ("check-missing", ("check", "missing.txt")),
        ("batch-bad", ("batch", "missing.csv", "-f", "jsonl")),
    ]
    for label, args in errors:
        # stderr goes nowhere: only the exit code can tell.
        for what, redirect in (
            ("stderr-closed", " 2>&-"),
            ("stderr-full", " 2>/dev/full"),
            ("all-closed", " >&- 2>&-"),
        ):
            cases.append(
                one(
                    "streams",
                    f"{label}/{what}",
                    shell="$POSTKIT " + shlex.join(args) + redirect,
                    expect="2",
                    free_stderr=True,
                )
            )
    stdin_closed = [
        ("fix", ("fix", "-"), "2"),
        ("check", ("check", "-"), "2"),
        ("thread", ("thread", "-", "-p", "x"), "2"),
        ("draft-from", ("draft", "--from", "-"), "2"),
        ("batch", ("batch", "-", "--input-format", "lines", "-f", "jsonl"), "2"),
        ("draft-topic", ("draft", "genai"), "0"),
    ]
    for label, args, expect in stdin_closed:
        cases.append(
            one("streams", f"{label}/stdin-closed", (*args,), stdin="closed", expect=expect)
        )
    return cases


# --- batch: rows of every kind in every format -----------------------------------------------


@dataclass(frozen=True)
class Row:
    """A batch row and what must become of it: drafted, failed alone, or the input refused."""

    name: str
    value: Any  # a mapping for JSONL and YAML; YAML text if a str starting with "yaml:"
    verdict: Literal["ok", "fail", "either", "input"]
    jsonl: str | None = None  # the raw JSON line, when json.dumps cannot make it


def hostile_rows() -> list[Row]:
    deep = "[" * 5000 + "]" * 5000
    return [
        Row("lone-surrogate-id", None, "fail", '{"topic": "genai", "id": "a\\ud800b"}'),
        Row("lone-low-surrogate-topic", None, "fail", '{"topic": "gen\\udc00ai"}'),
        Row(
            "surrogate-pair-cta",
            None,
            "ok",
            '{"topic": "k8s", "cta": "\\ud83d\\ude80 launch", "id": "pair"}',
        ),
        Row("reversed-pair", None, "fail", '{"topic": "k8s", "cta": "\\ude80\\ud83d"}'),
        Row("escape-id", {"topic": "genai", "id": "../../../sentinel/x"}, "ok"),
        Row("absolute-id", {"topic": "genai", "id": "/etc/passwd"}, "ok"),
        Row("device-id", {"topic": "genai", "id": "CON"}, "ok"),
        Row("newline-id", {"topic": "genai", "id": "a\nb"}, "ok"),
        Row("nul-id", {"topic": "genai", "id": "a\u0000b"}, "either"),
        Row("long-id", {"topic": "genai", "id": "i" * 300}, "ok"),
        Row("dot-id", {"topic": "genai", "id": ".."}, "ok"),
        Row("empty-id", {"topic": "genai", "id": ""}, "either"),
        Row("duplicate-id", {"topic": "k8s", "id": "v1"}, "ok"),
        Row("unknown-key", {"topic": "genai", "evil": 1}, "fail"),
        Row("bad-platform", {"topic": "genai", "platform": "facebook"}, "fail"),
        Row("long-tone", {"topic": "genai", "tone": "t" * 101}, "fail"),
        Row("unknown-tone", {"topic": "genai", "tone": "loud"}, "fail"),
        Row("bad-emoji", {"topic": "genai", "emoji": "lots"}, "fail"),
        Row("negative-seed", {"topic": "genai", "seed": -1}, "either"),
        Row("huge-seed", {"topic": "genai", "seed": 10**30}, "either"),
        Row("text-seed", {"topic": "genai", "seed": "abc"}, "fail"),
        Row("bad-date", {"topic": "genai", "date": "2024-13-45"}, "fail"),
        Row("word-date", {"topic": "genai", "date": "yesterday"}, "fail"),
        Row("31-hashtags", {"topic": "genai", "hashtags": [f"#h{n}" for n in range(31)]}, "fail"),
        Row("long-hashtag", {"topic": "genai", "hashtags": ["#" + "h" * 101]}, "fail"),
        Row("long-cta", {"topic": "genai", "cta": "c" * 3001}, "fail"),
        Row("empty-cta", {"topic": "genai", "cta": ""}, "either"),
        Row("unknown-topic", {"topic": "zz no such topic"}, "fail"),
        Row("empty-topic", {"topic": ""}, "fail"),
        Row("long-topic", {"topic": "t" * 501}, "fail"),
        Row("escape-topic", {"topic": "\u001b[2Jgenai"}, "fail"),
        Row("topic-and-from", {"topic": "genai", "from": "notes/tea.md"}, "either"),
        Row("neither", {"id": "nothing"}, "fail"),
        Row("nested-value", {"topic": {"a": [1, [2, [3]]]}}, "fail"),
        Row("from-ok", {"from": "notes/tea.md"}, "ok"),
        Row("from-newline-name", {"from": "notes/tea\nnotes.md"}, "ok"),
        Row("from-fifo", {"from": "pipe.md"}, "fail"),
        Row("from-dev-zero", {"from": "/dev/zero"}, "fail"),
        Row("from-dotdot", {"from": "../../sentinel/secret.md"}, "fail"),
        Row("from-link-out", {"from": "link.md"}, "fail"),
        Row("from-linked-folder", {"from": "linked/secret.md"}, "fail"),
        Row("from-absolute", {"from": "@SENTINEL@/secret.md"}, "fail"),
        Row("from-missing", {"from": "missing.md"}, "fail"),
        Row("from-folder", {"from": "notes"}, "fail"),
        Row("from-sparse", {"from": "sparse.md"}, "fail"),
        Row("from-python-tag", {"from": "tagged.md"}, "fail"),
        Row("array-row", None, "fail", "[1, 2, 3]"),
        Row("number-row", None, "fail", "42"),
        Row("null-row", None, "fail", "null"),
        Row("deep-row", None, "input", deep),
        Row("huge-number", None, "input", "1" * 5000),
        Row("broken-json", None, "input", '{"topic": "genai"'),
        Row("long-line", None, "fail", json.dumps({"topic": "genai", "cta": "z" * 300_000})),
    ]


def batch_files(rng: random.Random) -> list[Setup]:
    """The pages rows name: inside the input's folder, and ways out of it."""
    python_tag = "---\ntitle: !!python/object/apply:os.system ['touch @SENTINEL@/pwned']\n---\n"
    return [
        text_file("work/notes/tea.md", page(rng, "Tea")),
        text_file("work/notes/tea\nnotes.md", page(rng, "Kettles")),
        Setup("fifo", "work/pipe.md"),
        Setup("symlink", "work/link.md", target="@SENTINEL@/secret.md"),
        Setup("symlink", "work/linked", target="@SENTINEL@"),
        Setup("sparse", "work/sparse.md", size=4 * 1024**3),
        text_file("work/tagged.md", python_tag + page(rng, "Tag")),
    ]


def valid_rows(rng: random.Random, count: int, prefix: str = "v") -> list[dict[str, Any]]:
    rows = []
    for n in range(1, count + 1):
        row: dict[str, Any] = {"topic": rng.choice(TOPICS), "id": f"{prefix}{n}", "seed": n}
        if rng.random() < 0.5:
            row["platform"] = rng.choice(PLATFORMS)
        rows.append(row)
    return rows


def jsonl_text(rows: Sequence[dict[str, Any] | str]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def yaml_scalar(value: Any) -> str:
    """A YAML flow value: JSON is YAML (escapes included)."""
    return json.dumps(value)


def yaml_text(rows: Sequence[dict[str, Any] | str]) -> str:
    out = []
    for row in rows:
        if isinstance(row, str):
            out.append(row)
            continue
        items = list(row.items())
        if not items:
            out.append("- {}\n")
            continue
        key, value = items[0]
        out.append(f"- {key}: {yaml_scalar(value)}\n")
        out.extend(f"  {k}: {yaml_scalar(v)}\n" for k, v in items[1:])
    return "".join(out)


def verdict_codes(verdicts: Iterable[str]) -> str:
    kinds = set(verdicts)
    if "input" in kinds:
        return "2"
    if "fail" in kinds:
        return "1"
    if "either" in kinds:
        return "01"
    return "0"


def batch_case(
    name: str,
    text: str | bytes,
    ext: str,
    verdicts: Sequence[str],
    rng: random.Random,
    *,
    mode: str,
    extra_setup: Sequence[Setup] = (),
    extra_args: Sequence[str] = (),
    expect: str | None = None,
    may_read_outside: bool = False,
) -> Case:
    """A batch over ``text``: from a file or stdin, into a folder or as JSON lines.

    ``verdicts[i]`` is what must become of row i + 1; rows marked "ok" must land.
    """
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    input_name = f"rows.{ext}"
    fmt = {"csv": "csv", "jsonl": "jsonl", "yaml": "yaml", "txt": "lines"}[ext]
    setup = [*batch_files(rng), *extra_setup, raw_file(f"work/{input_name}", data)]
    must = tuple(f"row:{n}" for n, v in enumerate(verdicts, start=1) if v == "ok")
    expect = expect or verdict_codes(verdicts)
    stdin = ""
    if mode.startswith("stdin"):
        args = ["batch", "-", "--input-format", fmt]
        stdin = input_name
    else:
        args = ["batch", input_name]
    out = ""
    allowed: list[str] = []
    if mode.endswith("-o"):
        args += ["-o", "out"]
        out = "out"
        allowed = ["work/out/"]
    else:
        args += ["-f", "jsonl"]
    args += list(extra_args)
    return one(
        "batch",
        f"{name}/{mode}",
        (*args,),
        expect=expect,
        setup=setup,
        stdin=stdin,
        posts=must,
        out=out,
        allowed=allowed,
        may_read_outside=may_read_outside,
    )


def batch_cases(rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    modes = ("file-o", "file-jsonl", "stdin-o", "stdin-jsonl")
    for row in hostile_rows():
        good = valid_rows(rng, 3)
        at = rng.randint(0, 3)
        raw: str | dict[str, Any] = row.jsonl if row.jsonl is not None else row.value
        rows: list[dict[str, Any] | str] = [*good[:at], raw, *good[at:]]
        verdicts = ["ok"] * at + [row.verdict] + ["ok"] * (3 - at)
        for mode in rng.sample(modes, 2):
            cases.append(
                batch_case(f"jsonl-{row.name}", jsonl_text(rows), "jsonl", verdicts, rng, mode=mode)
            )
        if row.value is not None or "surrogate" in row.name or "pair" in row.name:
            yaml_rows: list[dict[str, Any] | str] = []
            for r in rows:
                if isinstance(r, str):
                    # The same escapes, in a double-quoted YAML scalar.
                    yaml_rows.append("- " + r.strip("{}").replace(", ", "\n  ") + "\n")
                else:
                    yaml_rows.append(r)
            mode = rng.choice(modes)
            cases.append(
                batch_case(
                    f"yaml-{row.name}", yaml_text(yaml_rows), "yaml", verdicts, rng, mode=mode
                )
            )
    # YAML and CSV specific inputs.
    good = valid_rows(rng, 3)
    yaml_good = yaml_text(list(good))
    yaml_inputs: list[tuple[str, str, list[str]]] = [
        ("yaml-alias-bomb", "- &a {topic: genai}\n- *a\n", ["input"]),
        ("yaml-billion-laughs", "a: &a [x, x]\nb: &b [*a, *a]\n", ["input"]),
        (
            "yaml-python-tag",
            "- topic: !!python/object/apply:os.system ['touch @SENTINEL@/pwned']\n",
            ["input"],
        ),
        ("yaml-not-a-list", "topic: genai\n", ["input"]),
        ("yaml-two-documents", yaml_good + "---\n" + yaml_good, ["input"]),
        ("yaml-deep", "- topic: " + "[" * 5000 + "]" * 5000 + "\n", ["input"]),
        ("yaml-tabs", "-\ttopic: genai\n\t\tid: x\n", ["input"]),
        ("yaml-string-row", yaml_good + "- just a string\n", ["ok", "ok", "ok", "fail"]),
        ("yaml-norway", "- topic: no\n", ["fail"]),
        ("yaml-bom", "\ufeff" + yaml_good, ["ok", "ok", "ok"]),
        ("yaml-crlf", yaml_good.replace("\n", "\r\n"), ["ok", "ok", "ok"]),
        ("yaml-empty", "", []),
    ]
    for name, text, verdicts in yaml_inputs:
        for mode in rng.sample(modes, 2):
            expect = "02" if name == "yaml-empty" else None
            cases.append(batch_case(name, text, "yaml", verdicts, rng, mode=mode, expect=expect))
    header = "topic,id,seed\n"
    body = "".join(f"{r['topic']},{r['id']},{r['seed']}\n" for r in good)
    csv_inputs: list[tuple[str, bytes, list[str], str | None]] = [
        ("csv-good", (header + body).encode(), ["ok"] * 3, None),
        ("csv-bom", codecs.BOM_UTF8 + (header + body).encode(), ["ok"] * 3, None),
        ("csv-crlf", (header + body).replace("\n", "\r\n").encode(), ["ok"] * 3, None),
        (
            "csv-ragged",
            (header + body + "genai,x,1,extra,cells\n").encode(),
            ["ok"] * 3 + ["fail"],
            "12",
        ),
        ("csv-short-row", (header + body + "genai\n").encode(), ["ok"] * 4, "01"),
        ("csv-open-quote", (header + '"genai,x,1\n' + body).encode(), [], "2"),
        ("csv-duplicate-column", ("topic,topic\n" + "genai,k8s\n").encode(), [], "2"),
        ("csv-unknown-column", ("topic,colour\n" + "genai,red\n").encode(), ["fail"], "12"),
        ("csv-nul", (header + "gen\x00ai,x,1\n" + body).encode(), [], "2"),
        ("csv-latin1", (header + body).encode() + "café,x,1\n".encode("latin-1"), [], "2"),
        ("csv-header-only", header.encode(), [], "0"),
        ("csv-no-header-cells", b"\n\n\n", [], "02"),
        (
            "csv-multiline-cell",
            (header + '"gen\nai",x,1\n' + body).encode(),
            ["either", "ok", "ok", "ok"],
            None,
        ),
        (
            "csv-surrogate-text",
            (header + "gen\\ud800ai,x,1\n" + body).encode(),
            ["fail", "ok", "ok", "ok"],
            None,
        ),
        ("csv-huge-record", (header + '"' + "y\n" * 200_000 + '",x,1\n').encode(), [], "2"),
        ("csv-utf16", codecs.BOM_UTF16_LE + (header + body).encode("utf-16-le"), ["ok"] * 3, None),
    ]
    for name, data, verdicts, expect in csv_inputs:
        for mode in rng.sample(modes, 2):
            cases.append(batch_case(name, data, "csv", verdicts, rng, mode=mode, expect=expect))
    lines_inputs: list[tuple[str, bytes, list[str], str | None]] = [
        ("lines-comments", b"# a comment\n\ngenai\n   \n#k8s\ndevops\n", ["ok", "ok"], None),
        ("lines-cr", b"genai\rk8s\rdevops\r", ["ok", "ok", "ok"], "01"),
        ("lines-unknown", b"genai\nno such topic\n", ["ok", "fail"], None),
        ("lines-nul", b"genai\nk\x008s\n", [], "2"),
        ("lines-invalid-utf8", b"genai\nk8s \xff\n", [], "2"),
        ("lines-long-line", b"genai\n" + b"a" * 300_000 + b"\nk8s\n", ["ok", "fail", "ok"], None),
        ("lines-only-blank", b"\n\n   \n", [], "0"),
        ("lines-bom", codecs.BOM_UTF8 + b"genai\nk8s\n", ["ok", "ok"], None),
        (
            "lines-utf16",
            codecs.BOM_UTF16_LE + "genai\nk8s\n".encode("utf-16-le"),
            ["ok", "ok"],
            None,
        ),
    ]
    for name, data, verdicts, expect in lines_inputs:
        for mode in rng.sample(modes, 2):
            cases.append(batch_case(name, data, "txt", verdicts, rng, mode=mode, expect=expect))
    # Rows that may read anywhere, because the user said so.
    any_path = jsonl_text([{"from": "@SENTINEL@/secret.md", "id": "s"}, *valid_rows(rng, 2)])
    cases.append(
        batch_case(
            "allow-any-path",
            any_path,
            "jsonl",
            ["ok", "ok", "ok"],
            rng,
            mode="file-o",
            extra_args=["--allow-any-path"],
            may_read_outside=True,
        )
    )
    # Big inputs: a huge line among rows, endless stdin, a device as INPUT.
    cases.append(
        one(
            "batch",
            "big-line-3m/lines",
            ("batch", "@FIXTURES@/line-3m.txt", "--input-format", "lines", "-f", "jsonl"),
            expect="1",
        )
    )
    cases.append(
        one(
            "batch",
            "big-line-3m-plus-rows/lines-o",
            shell="cat @FIXTURES@/line-3m.txt rows.txt | "
            "$POSTKIT batch - --input-format lines -o out",
            expect="1",
            setup=[text_file("work/rows.txt", "\ngenai\nk8s\n")],
            posts=["row:2", "row:3"],
            out="out",
            allowed=["work/out/"],
        )
    )
    cases.append(
        one(
            "batch",
            "endless-stdin/jsonl",
            shell="head -c 150M /dev/zero | $POSTKIT batch - --input-format jsonl -f jsonl",
            expect="2",
        )
    )
    cases.append(
        one(
            "batch",
            "endless-stdin-newlines/lines",
            shell="head -c 150M /dev/zero | tr '\\0' '\\n' | "
            "$POSTKIT batch - --input-format lines -o out",
            expect="2",
            allowed=["work/out/"],
            out="out",
        )
    )
    cases.append(
        one(
            "batch",
            "dev-zero-input/lines",
            ("batch", "/dev/zero", "--input-format", "lines", "-f", "jsonl"),
            expect="2",
        )
    )
    cases.append(
        one(
            "batch",
            "dev-urandom-input/csv",
            shell="head -c 2M /dev/urandom | $POSTKIT batch - --input-format csv -f jsonl",
            expect="2",
        )
    )
    cases.append(
        one(
            "batch",
            "fifo-input/lines",
            shell="printf 'genai\\nk8s\\n' > fifo & "
            "$POSTKIT batch fifo --input-format lines -f jsonl",
            setup=[Setup("fifo", "work/fifo")],
            posts=["row:1", "row:2"],
        )
    )
    cases.append(
        one(
            "batch",
            "process-substitution/csv",
            shell="$POSTKIT batch <(printf 'topic,id\\ngenai,a\\nk8s,b\\n') "
            "--input-format csv -f jsonl",
            posts=["row:1", "row:2"],
        )
    )
    # Many rows: worker processes, with hostile rows among them.
    for jobs in ("1", "2"):
        many: list[dict[str, Any] | str] = list(valid_rows(rng, 240))
        verdicts = ["ok"] * 240
        by_name = {row.name: row for row in hostile_rows()}
        for at, name in ((17, "lone-surrogate-id"), (120, "from-fifo"), (200, "reversed-pair")):
            row = by_name[name]
            many.insert(at, row.jsonl if row.jsonl is not None else row.value)
            verdicts.insert(at, row.verdict)
        for mode in ("file-o", "stdin-jsonl"):
            cases.append(
                batch_case(
                    f"many-rows-j{jobs}",
                    jsonl_text(many),
                    "jsonl",
                    verdicts,
                    rng,
                    mode=mode,
                    extra_args=["-j", jobs],
                )
            )
    # A full disk and an unwritable folder: refused with one line, nothing half written.
    rows_file = text_file("work/rows.txt", "genai\nk8s\n")
    if os.geteuid() != 0:  # root writes into a read-only folder all the same
        cases.append(
            one(
                "batch",
                "output-readonly/lines",
                shell="mkdir -p out && chmod 555 out && $POSTKIT batch rows.txt -o out; code=$?; "
                "chmod 755 out; exit $code",
                expect="2",
                setup=[rows_file],
                allowed=["work/out/"],
                out="out",
            )
        )
    cases.append(
        one(
            "batch",
            "jsonl-to-dev-full/lines",
            ("batch", "rows.txt", "-f", "jsonl"),
            stdout="full",
            expect="2",
            setup=[rows_file],
        )
    )
    return cases


# --- concurrency and interrupts -------------------------------------------------------------


def concurrency_cases(rng: random.Random) -> list[Case]:
    def rows(prefix: str, count: int) -> str:
        lines = ["topic,id,seed"] + [f"{rng.choice(TOPICS)},{prefix}{n},{n}" for n in range(count)]
        return "\n".join(lines) + "\n"

    def batch(name: str, count: int, prefix: str, *extra: str, **kw: Any) -> Run:
        posts = tuple(f"id:{prefix}{n}" for n in range(count))
        return Run(("batch", name, "-o", "out", *extra), expect=codes("02"), posts=posts, **kw)

    cases = []
    for count, jobs in ((250, "1"), (250, "2"), (60, "1")):
        a = text_file("work/a.csv", rows("a", count))
        b = text_file("work/b.csv", rows("b", count))
        label = f"{count}-rows-j{jobs}"
        cases.append(
            Case(
                f"concurrency/same-input-{label}",
                "concurrency",
                (a,),
                ((batch("a.csv", count, "a", "-j", jobs), batch("a.csv", count, "a", "-j", jobs)),),
                allowed=("work/out/",),
                out="out",
            )
        )
        cases.append(
            Case(
                f"concurrency/two-inputs-{label}",
                "concurrency",
                (a, b),
                ((batch("a.csv", count, "a", "-j", jobs), batch("b.csv", count, "b", "-j", jobs)),),
                allowed=("work/out/",),
                out="out",
            )
        )
        cases.append(
            Case(
                f"concurrency/three-{label}",
                "concurrency",
                (a, b),
                (
                    (
                        batch("a.csv", count, "a", "-j", jobs),
                        batch("b.csv", count, "b", "-j", jobs),
                        batch("a.csv", count, "a", "-j", jobs, "--skip-existing"),
                    ),
                ),
                allowed=("work/out/",),
                out="out",
            )
        )
        killed = Run(
            ("batch", "a.csv", "-o", "out", "--skip-existing", "-j", jobs),
            expect=frozenset({-9}),
            interrupt=Interrupt("KILL", "file:out/manifest.jsonl"),
        )
        cases.append(
            Case(
                f"concurrency/kill-9-then-two-resumes-{label}",
                "concurrency",
                (a,),
                (
                    (killed,),
                    (
                        batch("a.csv", count, "a", "--skip-existing", "-j", jobs),
                        batch("a.csv", count, "a", "--skip-existing", "-j", jobs),
                    ),
                ),
                allowed=("work/out/",),
                out="out",
            )
        )
        interrupted = Run(
            ("batch", "a.csv", "-o", "out", "-j", jobs),
            expect=codes("130"),
            interrupt=Interrupt("INT", "file:out/manifest.jsonl"),
        )
        resume = Run(
            ("batch", "a.csv", "-o", "out", "--skip-existing", "-j", jobs),
            posts=tuple(f"id:a{n}" for n in range(count)),
        )
        cases.append(
            Case(
                f"concurrency/ctrl-c-then-resume-{label}",
                "concurrency",
                (a,),
                ((interrupted,), (resume,)),
                allowed=("work/out/",),
                out="out",
            )
        )
        both_jsonl = tuple(
            Run(
                ("batch", name, "-f", "jsonl", "-j", jobs),
                posts=tuple(f"id:{prefix}{n}" for n in range(count)),
            )
            for name, prefix in (("a.csv", "a"), ("b.csv", "b"))
        )
        cases.append(Case(f"concurrency/two-jsonl-{label}", "concurrency", (a, b), (both_jsonl,)))
    return cases


def interrupt_cases(rng: random.Random) -> list[Case]:
    ctrl_c = Interrupt("INT", "reading")
    waiting: list[tuple[str, tuple[str, ...]]] = [
        ("fix-stdin", ("fix", "-")),
        ("fix-explain-stdin", ("fix", "--explain", "-")),
        ("check-stdin", ("check", "-")),
        ("thread-stdin", ("thread", "-", "-p", "x")),
        ("draft-from-stdin", ("draft", "--from", "-")),
        ("batch-stdin-jsonl", ("batch", "-", "--input-format", "lines", "-f", "jsonl")),
        ("batch-stdin-o", ("batch", "-", "--input-format", "csv", "-o", "out")),
    ]
    cases = []
    for label, args in waiting:
        cases.append(
            one(
                "interrupts",
                f"{label}/ctrl-c-while-reading",
                (*args,),
                stdin="pipe",
                expect="130",
                interrupt=ctrl_c,
                allowed=["work/out/"],
                free_stderr="--explain" in args,
            )
        )
    rows = text_file(
        "work/rows.csv", "topic,id\n" + "".join(f"{rng.choice(TOPICS)},r{n}\n" for n in range(400))
    )
    for jobs in ("1", "2"):
        cases.append(
            one(
                "interrupts",
                f"batch-o-j{jobs}/ctrl-c-after-first-post",
                ("batch", "rows.csv", "-o", "out", "-j", jobs),
                setup=[rows],
                expect="130",
                interrupt=Interrupt("INT", "file:out/manifest.jsonl"),
                out="out",
                allowed=["work/out/"],
            )
        )
        cases.append(
            one(
                "interrupts",
                f"batch-jsonl-j{jobs}/ctrl-c-after-0.6s",
                ("batch", "rows.csv", "-f", "jsonl", "-j", jobs),
                setup=[rows],
                expect="130",
                interrupt=Interrupt("INT", "after:0.6"),
            )
        )
    for delay in ("0.02", "0.1", "0.25", "0.5"):
        cases.append(
            one(
                "interrupts",
                f"draft/ctrl-c-after-{delay}s",
                ("draft", "genai"),
                expect="130",
                interrupt=Interrupt("INT", f"after:{delay}"),
            )
        )
        cases.append(
            one(
                "interrupts",
                f"fix-200k/ctrl-c-after-{delay}s",
                ("fix", "@FIXTURES@/garbled-200k.txt"),
                expect="130",
                interrupt=Interrupt("INT", f"after:{delay}"),
            )
        )
    return cases


# --- the whole corpus --------------------------------------------------------------------------


def corpus(seed: int) -> list[Case]:
    """Every case, in a fixed order; the same seed gives the same corpus."""
    builders: list[Callable[[random.Random], list[Case]]] = [
        payload_cases,
        template_cases,
        argument_cases,
        library_cases,
        config_cases,
        environment_cases,
        output_cases,
        batch_cases,
        concurrency_cases,
        interrupt_cases,
    ]
    cases = [
        case for build in builders for case in build(random.Random(f"{seed}-{build.__name__}"))
    ]
    cases.extend(help_cases())
    names = Counter(case.name for case in cases)
    if duplicated := [name for name, n in names.items() if n > 1]:
        raise SystemExit(f"duplicate case names: {duplicated[:5]}")
    return cases


def stratified(cases: Sequence[Case], total: int, seed: int) -> list[Case]:
    """About ``total`` cases, each family in proportion and at least one of each."""
    rng = random.Random(f"{seed}-quick")
    families: dict[str, list[Case]] = {}
    for case in cases:
        families.setdefault(case.family, []).append(case)
    chosen: list[Case] = []
    for members in families.values():
        share = max(1, round(total * len(members) / len(cases)))
        chosen.extend(rng.sample(members, min(share, len(members))))
    order = {case.name: n for n, case in enumerate(cases)}
    return sorted(chosen, key=lambda case: order[case.name])


# --- fixtures shared by every case ------------------------------------------------------------


def make_fixtures(folder: Path, seed: int) -> None:
    """Big inputs, made once per run: most are read-only inputs for many cases."""
    rng = random.Random(f"{seed}-fixtures")
    folder.mkdir(parents=True)
    (folder / "garbled-200k.txt").write_text(garbled_line(rng, 200_000) + "\n", "utf-8")
    with (folder / "line-3m.txt").open("wb") as handle:
        handle.write(b"a" * (3 * 1024 * 1024) + b"\n")
    with (folder / "line-5m.txt").open("wb") as handle:
        handle.write(b"word " * (1024 * 1024) + b"\n")
    with (folder / "sparse-4g.txt").open("wb") as handle:
        handle.truncate(4 * 1024**3)
    lines = "".join(sentence(rng, 4) + "\n" for _ in range(20_000))
    (folder / "lines-20k.txt").write_text(lines, "utf-8")


# --- running a case --------------------------------------------------------------------------

# The launcher starts every run of a stage (each in its own process group, under an
# address-space limit), sends interrupts, kills a run over the hang limit, and reports
# each run's exit code, peak RSS (os.wait4: the run and its waited-for children, never
# this script's size) and time, and processes it left running.
LAUNCHER = r"""
import json, os, resource, signal, subprocess, sys, time
spec = json.load(open(sys.argv[1], encoding="utf-8"))
limit, hang, grace = spec["limit"], spec["hang"], spec["grace"]

def prepare(close_stdout, close_stdin):
    def inner():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if close_stdout:
            os.close(1)
        if close_stdin:
            os.close(0)
    return inner

def group_members(pgid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != b"Z":
            found.append(int(entry))
    return found

def reading_stdin(pid):
    try:
        with open(f"/proc/{pid}/syscall") as f:
            words = f.read().split()
    except OSError:
        return False
    return words[:2] == ["0", "0x0"]

runs = []
for run in spec["runs"]:
    stdin = run["stdin"]
    keep = None
    if stdin == "pipe":
        stdin_arg = subprocess.PIPE
    elif stdin in ("", "closed"):
        stdin_arg = subprocess.DEVNULL
    else:
        stdin_arg = open(stdin, "rb")
    stdout = run["stdout"]
    stdout_arg = {"full": "/dev/full", "closed": os.devnull}.get(stdout, stdout)
    started = time.monotonic()
    process = subprocess.Popen(
        run["argv"], cwd=run["cwd"], env=run["env"], stdin=stdin_arg,
        stdout=open(stdout_arg, "wb"), stderr=open(run["stderr"], "wb"),
        preexec_fn=prepare(stdout == "closed", stdin == "closed"), process_group=0,
    )
    runs.append({"process": process, "spec": run, "started": started, "result": None,
                 "signalled": False, "hung": False})

def interrupt_due(entry):
    when = entry["spec"]["interrupt"]["when"]
    pid = entry["process"].pid
    elapsed = time.monotonic() - entry["started"]
    if when == "reading":
        return reading_stdin(pid) or elapsed > 6
    if when.startswith("after:"):
        return elapsed >= float(when[6:])
    path = os.path.join(entry["spec"]["cwd"], when[5:])
    try:
        with open(path, "rb") as f:
            return b"\n" in f.read(65536)
    except OSError:
        return elapsed > 6

while any(entry["result"] is None for entry in runs):
    for entry in runs:
        if entry["result"] is not None:
            continue
        process = entry["process"]
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            entry["result"] = {"code": process.returncode, "peak_kib": usage.ru_maxrss,
                               "seconds": time.monotonic() - entry["started"]}
            continue
        interrupt = entry["spec"]["interrupt"]
        if interrupt and not entry["signalled"] and interrupt_due(entry):
            entry["signalled"] = True
            if interrupt["signal"] == "INT":
                os.killpg(process.pid, signal.SIGINT)
            else:
                os.kill(process.pid, signal.SIGKILL)
        if time.monotonic() - entry["started"] > hang and not entry["hung"]:
            entry["hung"] = True
            os.killpg(process.pid, signal.SIGKILL)
    time.sleep(0.005)

report = []
for entry in runs:
    left = []
    deadline = time.monotonic() + grace
    while True:
        left = group_members(entry["process"].pid)
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    report.append({**entry["result"], "signalled": entry["signalled"], "hung": entry["hung"],
                   "left": len(left)})
print(json.dumps(report))
"""


@dataclass
class RunResult:
    """What one run did."""

    argv: list[str]
    code: int | None
    peak_kib: int
    seconds: float
    signalled: bool
    hung: bool
    left: int
    stderr: str
    stdout_head: str


@dataclass
class CaseResult:
    """A case's runs and the problems found, by count."""

    case: Case
    runs: list[RunResult] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, kind: str) -> int:
        return sum(1 for k, _ in self.problems if k == kind)


@dataclass(frozen=True)
class Folders:
    root: Path
    fixtures: Path
    keep: bool


def substitute(text: str, scratch: Path, sentinel: Path, fixtures: Path) -> str:
    return (
        text.replace("@SCRATCH@", str(scratch))
        .replace("@SENTINEL@", str(sentinel))
        .replace("@FIXTURES@", str(fixtures))
    )


def make_sentinel(sentinel: Path) -> None:
    """Files a hostile input may try to read, overwrite or reach through a link."""
    (sentinel / "tpl" / "linkedin").mkdir(parents=True)
    for name in ("secret.txt", "secret.md", "config.toml", "tpl/linkedin/cta.j2"):
        (sentinel / name).write_text(f"# {SECRET}\n\n{SECRET} is private. Keep out.\n", "utf-8")
    (sentinel / "tpl" / "linkedin" / "intro.j2").write_text(f"{SECRET}\n", "utf-8")


def apply_setup(item: Setup, scratch: Path, sentinel: Path, fixtures: Path) -> None:
    path = scratch / substitute(item.path, scratch, sentinel, fixtures)
    path.parent.mkdir(parents=True, exist_ok=True)
    if item.kind == "file":
        path.write_bytes(substitute_bytes(item.data, scratch, sentinel, fixtures))
    elif item.kind == "sparse":
        with path.open("wb") as handle:
            handle.truncate(item.size)
    elif item.kind == "fifo":
        os.mkfifo(path)
    elif item.kind == "symlink":
        path.symlink_to(substitute(item.target, scratch, sentinel, fixtures))
    elif item.kind == "dir":
        path.mkdir(parents=True, exist_ok=True)
        if item.size:
            path.chmod(item.size)  # a mode: a read-only folder
    elif item.kind == "copy":
        shutil.copyfile(substitute(item.target, scratch, sentinel, fixtures), path)


def substitute_bytes(data: bytes, scratch: Path, sentinel: Path, fixtures: Path) -> bytes:
    if b"@" not in data:
        return data
    for token, value in (
        (b"@SCRATCH@", scratch),
        (b"@SENTINEL@", sentinel),
        (b"@FIXTURES@", fixtures),
    ):
        data = data.replace(token, os.fsencode(value))
    return data


Snapshot = dict[str, tuple[str, int, int, str]]


def snapshot(folder: Path, *, digest: bool = False) -> Snapshot:
    """Every entry under ``folder``: kind, size, mtime and (small files) a digest."""
    entries: Snapshot = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath, name)
            try:
                info = path.lstat()
            except OSError:
                continue
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                entries[rel] = ("link", 0, 0, str(path.readlink()))
            elif path.is_dir():
                entries[rel] = ("dir", 0, 0, "")
            elif path.is_file():
                sha = ""
                if digest and info.st_size < 1024 * 1024:
                    sha = hashlib.sha256(path.read_bytes()).hexdigest()
                entries[rel] = ("file", info.st_size, info.st_mtime_ns, sha)
            else:
                entries[rel] = ("special", 0, 0, "")
    return entries


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """Paths created, changed or removed (a folder's own times do not count)."""
    changed = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        if old is not None and new is not None and old[0] == new[0] == "dir":
            continue
        changed.append(path)
    return changed


def environment(
    scratch: Path, overrides: Sequence[tuple[str, str | None]], fixtures: Path, sentinel: Path
) -> dict[str, str]:
    """A clean environment pointing every postkit folder into the scratch folder."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(scratch / "home"),
        "POSTKIT_HOME": str(scratch / "home" / "postkit"),
        "POSTKIT_CONFIG": str(scratch / "home" / "config.toml"),
        "POSTKIT_CACHE_DIR": str(scratch / "cache"),
        "TMPDIR": str(scratch / "tmp"),
        "POSTKIT": shlex.join([sys.executable, "-m", "postkit"]),
    }
    if "VIRTUAL_ENV" in os.environ:
        env["VIRTUAL_ENV"] = os.environ["VIRTUAL_ENV"]
    for key, value in overrides:
        if value is None:
            env.pop(key, None)
        else:
            env[key] = substitute(value, scratch, sentinel, fixtures)
    return env


def argv_of(run: Run, scratch: Path, sentinel: Path, fixtures: Path) -> list[str]:
    if run.shell:
        line = substitute(run.shell, scratch, sentinel, fixtures)
        return ["bash", "-c", "set -o pipefail\n" + line]
    args = [substitute(a, scratch, sentinel, fixtures) for a in run.args]
    return [sys.executable, "-m", "postkit", *args]


def run_case(case: Case, folders: Folders) -> CaseResult:
    """Set up, run every stage, then look for each kind of broken promise."""
    start = time.monotonic()
    result = CaseResult(case)
    base = Path(tempfile.mkdtemp(prefix="case-", dir=folders.root))
    scratch, sentinel, capture = base / "scratch", base / "sentinel", base / "capture"
    fixtures = folders.fixtures
    for folder in (scratch / "work", scratch / "home" / "postkit", scratch / "tmp", capture):
        folder.mkdir(parents=True)
    make_sentinel(sentinel)
    for item in case.setup:
        apply_setup(item, scratch, sentinel, fixtures)
    before = snapshot(scratch)
    sentinel_before = snapshot(sentinel, digest=True)
    fixtures_before = snapshot(fixtures)
    work = scratch / "work"
    number = 0
    for stage in case.stages:
        specs = []
        for run in stage:
            number += 1
            stdin = run.stdin
            if stdin not in ("", "pipe", "closed"):
                stdin = str(work / substitute(stdin, scratch, sentinel, fixtures))
            specs.append(
                {
                    "argv": argv_of(run, scratch, sentinel, fixtures),
                    "cwd": str(work),
                    "env": environment(scratch, run.env, fixtures, sentinel),
                    "stdin": stdin,
                    "stdout": str(capture / f"out{number}") if run.stdout == "file" else run.stdout,
                    "stderr": str(capture / f"err{number}"),
                    "interrupt": (
                        None
                        if run.interrupt is None
                        else {"signal": run.interrupt.signal, "when": run.interrupt.when}
                    ),
                }
            )
        reports = launch(specs, capture / f"stage{number}.json")
        for run, spec, report in zip(stage, specs, reports, strict=True):
            result.runs.append(judge_run(run, spec, report, result))
    judge_files(case, result, scratch, sentinel, fixtures, before, sentinel_before, fixtures_before)
    judge_posts(case, result, work)
    result.seconds = time.monotonic() - start
    if not folders.keep:
        remove_tree(base)
    else:
        result.problems.append(("note", f"kept in {base}"))
    return result


def launch(specs: list[dict[str, Any]], spec_file: Path) -> list[dict[str, Any]]:
    """Run one stage through the launcher; a launcher that itself hangs is killed."""
    spec_file.write_text(
        json.dumps(
            {
                "runs": specs,
                "limit": ADDRESS_LIMIT,
                "hang": HANG_SECONDS,
                "grace": LEFT_GRACE_SECONDS,
            }
        ),
        "utf-8",
    )
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(spec_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=HANG_SECONDS + LEFT_GRACE_SECONDS + 30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return [
            {
                "code": None,
                "peak_kib": 0,
                "seconds": HANG_SECONDS,
                "signalled": False,
                "hung": True,
                "left": 0,
            }
            for _ in specs
        ]
    try:
        reports: list[dict[str, Any]] = json.loads(stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"the launcher failed: {stderr.decode(errors='replace')}") from None
    return reports


TRACEBACK_SIGNS = (
    "Traceback (most recent call last)",
    "internal error",
    "Exception ignored",
    "Fatal Python error",
)


def judge_run(
    run: Run, spec: dict[str, Any], report: dict[str, Any], result: CaseResult
) -> RunResult:
    """Exit code, stderr contract, time, leftovers and memory of one run."""
    stderr = Path(spec["stderr"]).read_bytes().decode("utf-8", "replace")
    head = ""
    if run.stdout == "file":
        with Path(spec["stdout"]).open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    code = report["code"]
    outcome = RunResult(
        spec["argv"],
        code,
        int(report["peak_kib"]),
        float(report["seconds"]),
        bool(report["signalled"]),
        bool(report["hung"]),
        int(report["left"]),
        stderr,
        head,
    )
    if spec["argv"][0] == sys.executable:
        label = shlex.join(spec["argv"][3:])
    else:  # bash -c "set -o pipefail\nLINE"
        label = (
            spec["argv"][2]
            .split("\n", 1)[1]
            .replace(shlex.join([sys.executable, "-m", "postkit"]), "postkit")
        )
    if outcome.hung:
        result.problems.append(("hangs", f"{label}: still running after {HANG_SECONDS:g} s"))
        return outcome
    if outcome.seconds > HANG_SECONDS:
        result.problems.append(("hangs", f"{label}: took {outcome.seconds:.1f} s"))
    if outcome.left:
        result.problems.append(("hangs", f"{label}: left {outcome.left} processes running"))
    if outcome.peak_kib * 1024 > CEILING_BYTES:
        result.problems.append(("memory", f"{label}: peak RSS {outcome.peak_kib // 1024} MiB"))
    expected = run.expect
    if run.interrupt is not None and not outcome.signalled:
        expected = frozenset({0, 1, 2})  # it ended before the signal: judged as a plain run
    elif run.interrupt is not None and run.interrupt.signal == "INT":
        # Ended by SIGINT itself: a shell reports that as 130 too (128 + 2).
        expected = expected | {-int(signal.SIGINT)}
    if code not in expected:
        result.problems.append(
            (
                "wrong_exit",
                f"{label}: exit {code}, expected " + "/".join(str(c) for c in sorted(expected)),
            )
        )
    if problem := stderr_problem(code, stderr, free=run.free_stderr):
        result.problems.append(("tracebacks", f"{label}: {problem}"))
    return outcome


def stderr_problem(code: int | None, stderr: str, *, free: bool) -> str | None:
    """What breaks the contract: a traceback, or (on failure) not one ``postkit:`` line."""
    for sign in TRACEBACK_SIGNS:
        if sign in stderr:
            return f"{sign!r} on stderr: {first_lines(stderr)}"
    lines = stderr.splitlines()
    errors = [line for line in lines if line.startswith("postkit: error: ")]
    if code == 0 and errors:
        return f"exit 0 with an error line: {first_lines(stderr)}"
    if code in (1, 2, 130) and not free:
        stray = [line for line in lines if not line.startswith("postkit: ")]
        if stray:
            return f"a line not from postkit: {stray[0][:200]!r}"
    if code == 2 and not free and len(errors) != 1:
        return f"exit 2 with {len(errors)} error lines: {first_lines(stderr)}"
    if code == 2 and free and len(errors) > 1:
        return f"exit 2 with {len(errors)} error lines: {first_lines(stderr)}"
    return None


def first_lines(text: str, count: int = 3) -> str:
    lines = text.splitlines()
    shown = " | ".join(line[:240] for line in lines[-count:])
    return f"{len(lines)} lines: {shown}" if len(lines) > count else shown


def judge_files(
    case: Case,
    result: CaseResult,
    scratch: Path,
    sentinel: Path,
    fixtures: Path,
    before: Snapshot,
    sentinel_before: Snapshot,
    fixtures_before: Snapshot,
) -> None:
    """Writes outside the allowed paths, the sentinel read into a post, oversized cache files."""
    allowed = ["cache/", *(substitute(a, scratch, sentinel, fixtures) for a in case.allowed)]
    after = snapshot(scratch)
    for path in changes(before, after):
        if not any(path == a.rstrip("/") or path.startswith(a) for a in allowed):
            what = "removed" if path not in after else "written"
            result.problems.append(("outside", f"{what}: {scratch / path}"))
    for path in changes(sentinel_before, snapshot(sentinel, digest=True)):
        result.problems.append(("outside", f"sentinel touched: {sentinel / path}"))
    for path in changes(fixtures_before, snapshot(fixtures)):
        result.problems.append(("outside", f"fixture touched: {fixtures / path}"))
    if not case.may_read_outside:
        for run in result.runs:
            if SECRET in run.stdout_head:
                result.problems.append(("leaks", "the sentinel's secret is in the output"))
        for path in changes(before, after):
            full = scratch / path
            small = full.is_file() and not full.is_symlink() and full.stat().st_size < 4 * 1024**2
            if small and SECRET.encode() in full.read_bytes():
                result.problems.append(("leaks", f"the sentinel's secret is in {full}"))
    cache = scratch / "cache"
    if cache.is_dir():
        for dirpath, _, filenames in os.walk(cache):
            for name in filenames:
                full = Path(dirpath, name)
                if not full.is_symlink() and full.stat().st_size > CACHE_FILE_LIMIT:
                    size = full.stat().st_size // 1024
                    result.problems.append(("cache", f"{full}: {size} KiB in the cache"))


def judge_posts(case: Case, result: CaseResult, work: Path) -> None:
    """Every post a finished batch owes is in the folder and its manifest (or on stdout)."""
    last = case.stages[-1]
    last_results = result.runs[-len(last) :]
    owed: Counter[str] = Counter()
    for run, outcome in zip(last, last_results, strict=True):
        if run.posts and outcome.code in (0, 1):
            owed.update(run.posts)
    if case.out:
        owed_missing = check_folder(work / case.out, owed, result)
    else:
        have: Counter[str] = Counter()
        for run, outcome, number in zip(last, last_results, itertools.count(), strict=False):
            if not (run.posts and outcome.code in (0, 1)):
                continue
            index = len(result.runs) - len(last) + number + 1
            stdout = (work.parent.parent / "capture" / f"out{index}").read_bytes()
            for line in stdout.splitlines():
                try:
                    entry = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    result.problems.append(("lost", f"a torn JSON line: {line[:80]!r}"))
                    continue
                have.update(keys_of(entry))
        owed_missing = owed - have
    for key, count in sorted(owed_missing.items()):
        result.problems.append(("lost", f"{key}: {count} post(s) owed but not written"))


def keys_of(entry: dict[str, Any]) -> list[str]:
    keys = []
    if "row" in entry:
        keys.append(f"row:{entry['row']}")
    if entry.get("id") is not None:
        keys.append(f"id:{entry['id']}")
    return keys


def check_folder(folder: Path, owed: Counter[str], result: CaseResult) -> Counter[str]:
    """Manifest against files: each listed post exists, each post is listed; what is owed."""
    manifest = folder / "manifest.jsonl"
    have: Counter[str] = Counter()
    listed: set[str] = set()
    if manifest.exists():
        for line in manifest.read_bytes().splitlines():
            try:
                entry = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                result.problems.append(("lost", f"a torn manifest line: {line[:80]!r}"))
                continue
            if entry.get("status") not in ("ok", "skipped"):
                continue
            name = str(entry.get("file") or "")
            if not name or not (folder / name).is_file():
                result.problems.append(("lost", f"manifest lists {name!r}: no such post"))
                continue
            listed.add(name)
            have.update(keys_of(entry))
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name.startswith(".") or path.name == "manifest.jsonl" or not path.is_file():
                continue
            if path.name not in listed:
                result.problems.append(("lost", f"{path.name!r} is not in the manifest"))
    return owed - have


def remove_tree(folder: Path) -> None:
    """Remove a case folder, read-only parts and FIFOs included."""
    for dirpath, dirnames, _ in os.walk(folder):
        for name in dirnames:
            path = Path(dirpath, name)
            if not path.is_symlink():
                path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


# --- reporting -------------------------------------------------------------------------------


def reproduction(result: CaseResult) -> str:
    """How to replay a case: the script rebuilds its folder; then each run as a shell line."""
    lines = [f"python benchmarks/hostile.py --case {shlex.quote(result.case.name)} --keep"]
    runs = [run for stage in result.case.stages for run in stage]
    for run, outcome in zip(runs, result.runs, strict=False):
        if run.shell:
            words = f"POSTKIT='python -m postkit' bash -c {shlex.quote(run.shell)}"
        else:
            words = "python -m postkit " + shlex.join(outcome.argv[3:])
        env = " ".join(f"{k}={shlex.quote(v or '')}"[:80] for k, v in run.env)
        stdin = {"": "", "pipe": " < (a pipe left open)", "closed": " <&-"}.get(
            run.stdin, f" < {shlex.quote(run.stdin)}"
        )
        stdout = {"file": "", "full": " > /dev/full", "closed": " >&-"}[run.stdout]
        signalled = (
            f"  # then SIG{run.interrupt.signal} ({run.interrupt.when})" if run.interrupt else ""
        )
        lines.append(
            f"  in scratch/work: {env + ' ' if env else ''}{words}{stdin}{stdout}{signalled}"
        )
    return "\n".join(line[:600] for line in lines)


def summarise(results: Sequence[CaseResult], wall: float) -> tuple[str, dict[str, int]]:
    """The table per family and in total."""
    families = sorted({r.case.family for r in results})
    header = ["family", "cases", "runs", *(HEADINGS[k] for k in COUNTS)]
    rows = []
    totals: dict[str, int] = dict.fromkeys(["cases", "runs", *COUNTS], 0)
    for family in [*families, "total"]:
        members = [r for r in results if family in ("total", r.case.family)]
        row = {"cases": len(members), "runs": sum(len(r.runs) for r in members)}
        for kind in COUNTS:
            row[kind] = sum(r.count(kind) for r in members)
        if family == "total":
            totals = row
        rows.append([family, *(str(row[k]) for k in ["cases", "runs", *COUNTS])])
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    table = [
        fmt(header),
        fmt(["-" * w for w in widths]),
        *map(fmt, rows[:-1]),
        fmt(["-" * w for w in widths]),
        fmt(rows[-1]),
    ]
    table.append(f"wall time {wall:.0f} s")
    return "\n".join(table), totals


def write_report(
    path: Path, results: Sequence[CaseResult], totals: dict[str, int], wall: float, seed: int
) -> None:
    data = {
        "seed": seed,
        "wall_seconds": round(wall, 1),
        "totals": totals,
        "cases": [
            {
                "name": r.case.name,
                "family": r.case.family,
                "command": r.case.command,
                "seconds": round(r.seconds, 2),
                "problems": [{"kind": k, "detail": d} for k, d in r.problems],
                "runs": [
                    {
                        "argv": run.argv,
                        "code": run.code,
                        "peak_mib": round(run.peak_kib / 1024, 1),
                        "seconds": round(run.seconds, 2),
                        "signalled": run.signalled,
                        "stderr": run.stderr[-2000:],
                    }
                    for run in r.runs
                ],
            }
            for r in results
        ],
    }
    # ASCII: arguments that are not UTF-8 reach here as lone surrogates.
    path.write_text(json.dumps(data, indent=1) + "\n", "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help=f"about {QUICK_CASES} cases")
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once (default 2)")
    parser.add_argument("--report", type=Path, help="write every case's result as JSON")
    parser.add_argument("--seed", type=int, default=SEED, help="the corpus's seed")
    parser.add_argument("--family", help="only the families whose name contains this")
    parser.add_argument("--case", action="append", default=[], help="only this case (repeat)")
    parser.add_argument("--keep", action="store_true", help="keep each case's folder")
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    options = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # case names and stderr may hold lone surrogates
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    cases = corpus(options.seed)
    if options.quick:
        cases = stratified(cases, QUICK_CASES, options.seed)
    if options.family:
        cases = [c for c in cases if options.family in c.family]
    if options.case:
        cases = [c for c in cases if c.name in options.case]
    if options.list:
        for case in cases:
            print(case.name)
        print(f"{len(cases)} cases", file=sys.stderr)
        return 0
    if not cases:
        print("no case matches", file=sys.stderr)
        return 2
    root = Path(tempfile.mkdtemp(prefix="postkit-hostile-"))
    folders = Folders(root, root / "fixtures", options.keep)
    make_fixtures(folders.fixtures, options.seed)
    print(f"{len(cases)} cases, {options.jobs} at a time, in {root}", file=sys.stderr)
    started = time.monotonic()
    results: list[CaseResult] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        futures = {pool.submit(run_case, case, folders): case for case in cases}
        for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
            try:
                result = future.result()
            except Exception as exc:  # a bug of this script: counted, and the rest goes on
                result = CaseResult(futures[future], problems=[("harness", repr(exc))])
            results.append(result)
            bad = [k for k, _ in result.problems if k in COUNTS]
            if bad or done % 50 == 0 or options.keep:
                mark = f"  {', '.join(sorted(set(bad)))}" if bad else ""
                kept = [d for k, d in result.problems if k == "note"] if options.keep else []
                print(
                    f"[{done}/{len(cases)}] {result.case.name}{mark} {' '.join(kept)}".rstrip(),
                    file=sys.stderr,
                )
    wall = time.monotonic() - started
    if not options.keep:
        remove_tree(root)
    order = {case.name: n for n, case in enumerate(cases)}
    results.sort(key=lambda r: order[r.case.name])
    table, totals = summarise(results, wall)
    failing = [r for r in results if any(k in COUNTS for k, _ in r.problems)]
    for r in failing:
        print(f"\nFAIL {r.case.name}")
        for kind, detail in r.problems:
            print(f"  {kind}: {detail}")
        print("  " + reproduction(r).replace("\n", "\n  "))
    print()
    print(table)
    if options.report:
        write_report(options.report, results, totals, wall, options.seed)
    return 1 if any(totals[k] for k in COUNTS) else 0


if __name__ == "__main__":
    sys.exit(main())
