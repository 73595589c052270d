"""Write the nasty-input corpus: files that real users and real tools produce by accident.

Run ``python tests/data/nasty/make_nasty_corpus.py`` to (re)write the files next to this
script; ``python tests/data/nasty/make_nasty_corpus.py DIR`` writes them elsewhere. The
output is deterministic (seeded), and tests/test_nasty_corpus.py checks that the
checked-in files are exactly what this script writes, so edit the script, never
the files. The 20 MB file is not here: the tests build it in a temporary folder.

Each file's name starts with its family (``bytes-``, ``yaml-`` …) and ends with
the extension that tells ``postkit batch`` how to read it, so one corpus feeds
``draft --from``, ``check``, ``fix`` and ``batch`` alike.
"""

from __future__ import annotations

import codecs
import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUFFIXES = (".md", ".txt", ".csv", ".jsonl", ".yaml")

# A small, neutral page and post to garble; written for this corpus.
PAGE = (
    "# Sourdough\n\n"
    "Sourdough is bread raised by wild yeast and lactic bacteria instead of baker's yeast. 🍞\n\n"
    "## Tips\n\n"
    "- Feed the starter the night before.\n"
    "- Keep the dough warm, around 25 °C.\n"
    "- Bake in a covered pot for a crisp crust.\n\n"
    "## Examples\n\n"
    "- **Pain au levain**: the French country loaf.\n"
    "- **San Francisco sourdough**: a sharper, tangier crumb.\n"
)
POST = (
    "Why does sourdough taste sour? 🍞\n\n"
    "Lactic bacteria make acid while the yeast makes gas. Café owners love it. 👩🏽‍🍳\n\n"
    "#Baking #Sourdough\n"
)
CSV = "topic,platform,seed\nsourdough,x,1\ngenai,linkedin,2\n"
JSONL = '{"topic": "sourdough", "seed": 1}\n{"topic": "genai", "platform": "x"}\n'
YAML = "- topic: sourdough\n  seed: 1\n- topic: genai\n  platform: mastodon\n"
TEXTS = {".md": PAGE, ".txt": POST, ".csv": CSV, ".jsonl": JSONL, ".yaml": YAML}

Corpus = dict[str, bytes]


def random_bytes(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """Noise of every size, some of it almost text."""
    for n in range(30):
        size = rng.choice([1, 2, 3, 7, 64, 512, 4096, 20000])
        data = rng.randbytes(size)
        if n % 3 == 1:  # printable ASCII with a few high bytes: looks like text until it is not
            data = bytes(rng.choice(range(32, 127)) if b < 0xF0 else b for b in data)
        yield f"bytes-{n:02d}{SUFFIXES[n % 5]}", data


def invalid_utf8(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """Valid text with one bad sequence put somewhere in it."""
    bad = [
        b"\x80",  # lone continuation byte
        b"\xbf\xbf",
        b"\xc0\xaf",  # overlong '/'
        b"\xe0\x80\xaf",  # overlong, three bytes
        b"\xc3",  # truncated two-byte
        b"\xe2\x82",  # truncated euro sign
        b"\xf0\x9f\x98",  # truncated emoji
        b"\xf5\x80\x80\x80",  # beyond U+10FFFF
        b"\xff\xfe",  # a UTF-16 BOM in the middle
        b"\xf8\x88\x80\x80\x80",  # five-byte form
        b"\xe9t\xe9",  # Latin-1 "été"
        b"caf\xe9",
    ]
    n = 0
    for suffix, text in TEXTS.items():
        raw = text.encode("utf-8")
        for seq in bad:
            if n % 2 == 0 or suffix in (".md", ".txt"):
                where = rng.choice([0, len(raw) // 2, len(raw)])
                while 0 < where < len(raw) and (raw[where] & 0xC0) == 0x80:
                    where += 1  # do not split a valid character: the bad bytes are the point
                yield f"badutf8-{n:02d}{suffix}", raw[:where] + seq + raw[where:]
            n += 1


def boms() -> Iterator[tuple[str, bytes]]:
    """UTF-8 with BOM, UTF-16 LE/BE with BOM, and UTF-16 that lies about itself."""
    for suffix, text in TEXTS.items():
        stem = suffix[1:]
        yield f"bom-utf8-{stem}{suffix}", codecs.BOM_UTF8 + text.encode("utf-8")
        yield (
            f"bom-utf8-crlf-{stem}{suffix}",
            codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
        )
        yield f"bom-utf16le-{stem}{suffix}", codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        yield f"bom-utf16be-{stem}{suffix}", codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        yield (
            f"bom-utf16le-crlf-{stem}{suffix}",
            codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"),
        )
        yield f"bom-utf16-nobom-{stem}{suffix}", text.encode("utf-16-le")
        odd = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        yield f"bom-utf16-odd-{stem}{suffix}", odd[:-1]  # cut in half a code unit
        yield f"bom-utf16-lonesurrogate-{stem}{suffix}", odd + b"\x3d\xd8"  # high, no low
        yield f"bom-double-{stem}{suffix}", codecs.BOM_UTF8 * 2 + text.encode("utf-8")
        yield f"bom-utf32-{stem}{suffix}", text.encode("utf-32")


def line_ends() -> Iterator[tuple[str, bytes]]:
    """CRLF, lone CR (classic Mac), mixed, and CR where a CSV quote is open."""
    for suffix, text in TEXTS.items():
        stem = suffix[1:]
        yield f"eol-crlf-{stem}{suffix}", text.replace("\n", "\r\n").encode()
        yield f"eol-cr-{stem}{suffix}", text.replace("\n", "\r").encode()
        mixed = "".join(
            line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(text.splitlines())
        )
        yield f"eol-mixed-{stem}{suffix}", mixed.encode()
        yield f"eol-none-{stem}{suffix}", text.rstrip("\n").encode()
        yield f"eol-crcrlf-{stem}{suffix}", text.replace("\n", "\r\r\n").encode()
    yield "eol-quoted-cr.csv", b'topic,cta\r"sourdough","line one\rline two"\r'
    yield "eol-u2028.txt", "Line one\u2028line two\u2029line three\x85end\x0b\x0c\n".encode()
    yield "eol-u2028.md", ("# Title\u2028Split\n\nA thing is a\u2029thing.\n").encode()


def nul_bytes() -> Iterator[tuple[str, bytes]]:
    for suffix, text in TEXTS.items():
        raw = text.encode()
        stem = suffix[1:]
        yield f"nul-middle-{stem}{suffix}", raw[:20] + b"\x00" + raw[20:]
        yield f"nul-end-{stem}{suffix}", raw + b"\x00"
        yield f"nul-only-{stem}{suffix}", b"\x00" * 1000
    yield (
        "nul-escaped.jsonl",
        b'{"topic": "sour\\u0000dough"}\n{"topic": "genai", "cta": "\\u0000"}\n',
    )


def empties() -> Iterator[tuple[str, bytes]]:
    bodies = {
        "empty": b"",
        "newline": b"\n",
        "crlf": b"\r\n",
        "spaces": b"   \t  \n\n   \n",
        "bom": codecs.BOM_UTF8,
        "bom16": codecs.BOM_UTF16_LE,
        "nbsp": "\u00a0\u200b\ufeff\u2060\n".encode(),
    }
    for name, body in bodies.items():
        for suffix in SUFFIXES:
            yield f"empty-{name}{suffix}", body
    yield "empty-fm.md", b"---\n---\n"
    yield "empty-fm-unclosed.md", b"---\n"
    yield "empty-heading.md", b"#\n"
    yield "empty-csv-header.csv", b"topic\n"
    yield "empty-csv-commas.csv", b",,,\n,,,\n"
    yield "empty-yaml-list.yaml", b"[]\n"
    yield "empty-yaml-doc.yaml", b"---\n...\n"
    yield "empty-jsonl-blank.jsonl", b"\n\n\n"


def surrogates() -> Iterator[tuple[str, bytes]]:
    """Surrogates written as UTF-8 bytes (CESU-8, WTF-8): invalid UTF-8 that tools do write."""
    high = "\ud83d".encode("utf-8", "surrogatepass")  # ED A0 BD
    low = "\ude00".encode("utf-8", "surrogatepass")
    cesu_emoji = high + low  # 😀 as CESU-8
    for suffix, text in TEXTS.items():
        raw = text.encode()
        stem = suffix[1:]
        yield f"surrogate-high-{stem}{suffix}", raw + high
        yield f"surrogate-low-{stem}{suffix}", low + raw
        yield f"surrogate-cesu-{stem}{suffix}", raw.replace("🍞".encode(), cesu_emoji)
    yield "surrogate-json-escape.jsonl", b'{"topic": "sourdough", "cta": "\\ud83d"}\n'
    yield "surrogate-json-pair.jsonl", b'{"topic": "sourdough", "cta": "\\ud83d\\ude00"}\n'
    yield "surrogate-yaml-escape.yaml", b'- topic: sourdough\n  cta: "\\ud83d"\n'
    yield "surrogate-fm-escape.md", b'---\ntitle: "Bad \\udc80 title"\n---\n' + PAGE.encode()


def combining() -> Iterator[tuple[str, bytes]]:
    """A letter under 10,000 combining marks, in each place a post can hold it."""
    zalgo = "a" + "\u0301" * 10_000
    mixed = "e" + "".join(chr(0x0300 + i % 0x70) for i in range(10_000))
    yield "combining-title.md", f"# {zalgo}\n\nA {zalgo} is a letter with marks.\n".encode()
    yield "combining-body.md", (PAGE + f"\n- {mixed}\n").encode()
    yield "combining-post.txt", f"{zalgo} {mixed}\n#Tag{zalgo}\n".encode()
    yield "combining-cell.csv", f"topic,cta\nsourdough,{zalgo}\n".encode()
    yield "combining-json.jsonl", json.dumps({"topic": "sourdough", "cta": mixed}).encode()
    yield "combining-yaml.yaml", f"- topic: sourdough\n  cta: '{zalgo}'\n".encode()
    yield "combining-alone.txt", ("\u0301" * 10_000).encode()
    yield "combining-emoji.txt", ("👍" + "\U0001f3fd" * 5000 + "\u200d" * 5000).encode()
    yield "combining-zwj-chain.txt", ("👩" + "\u200d👩" * 3000 + "\n").encode()
    yield "combining-flags.txt", ("🇺" * 9999 + "\n").encode()
    yield "combining-vs16.txt", ("❤" + "\ufe0f" * 10_000 + "\n").encode()
    yield (
        "combining-tags.txt",
        ("🏴" + "".join(chr(0xE0061 + i % 26) for i in range(5000))).encode(),
    )


def nested_markdown() -> Iterator[tuple[str, bytes]]:
    """Deep lists, quotes, emphasis and brackets: parsers that recurse fall over here."""
    for depth in (50, 300):  # indentation grows with depth: the file grows with its square
        items = "".join("  " * i + "- item\n" for i in range(depth))
        yield f"nest-list-{depth}.md", f"# Deep\n\nDeep is a list.\n\n## Tips\n\n{items}".encode()
        yield (
            f"nest-ordered-{depth}.md",
            "".join("   " * i + "1. step\n" for i in range(depth)).encode(),
        )
    for depth in (50, 500, 5000):
        yield f"nest-bullets-{depth}.md", ("# Deep\n\n## Tips\n\n" + "- " * depth + "x\n").encode()
        yield (
            f"nest-quote-{depth}.md",
            ("# Quote\n\n" + ">" * depth + " A quote is text.\n").encode(),
        )
        yield f"nest-mixed-{depth}.md", ("# Mix\n\n" + "> - " * depth + "x\n").encode()
        yield f"nest-emph-{depth}.md", ("# E\n\n" + "*_" * depth + "x" + "_*" * depth).encode()
        yield f"nest-brackets-{depth}.md", ("# B\n\n" + "[" * depth + "x" + "](y)" * depth).encode()
        yield f"nest-unclosed-{depth}.md", ("# U\n\n" + "[![" * depth + "\n").encode()
    yield "nest-quote-100000.md", (">" * 100_000 + "\n").encode()
    yield "nest-list-flat-5000.md", ("# Many\n\n## Tips\n\n" + "- tip\n" * 5_000).encode()
    yield (
        "nest-headings-10000.md",
        "".join(f"{'#' * (1 + i % 6)} H{i}\n" for i in range(10_000)).encode(),
    )
    yield "nest-backticks.md", ("# Code\n\n" + "`" * 50_000 + "\n").encode()
    yield "nest-fence-unclosed.md", ("# Code\n\nA fence is code.\n\n```\n" + "x\n" * 5000).encode()
    yield "nest-html.md", ("# Html\n\n" + "<div>" * 10_000 + "text" + "</div>" * 10_000).encode()
    yield "nest-table.md", ("# T\n\n|a|b|\n|-|-|\n" + "|x|y|\n" * 5000).encode()
    yield "nest-entities.md", ("# &amp;\n\nAn entity is " + "&#x1F600;&#0;&#xD800;" * 1000).encode()
    yield (
        "nest-links-refs.md",
        ("# R\n\n" + "".join(f"[l{i}]: /u{i}\n" for i in range(5000))).encode(),
    )


BILLION_LAUGHS = "\n".join(
    ["a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']"]
    + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]"
        for i in range(8)
    ]
)
HOSTILE_YAML = {
    "laughs": BILLION_LAUGHS,
    "alias-title": "base: &t Sourdough\ntitle: *t",
    "merge-key": "base: &b {title: Sourdough}\n<<: *b",
    "self-ref": "a: &a [*a]",
    "system": "title: !!python/object/apply:os.system ['echo pwned > /tmp/postkit-pwned']",
    "popen": "title: !!python/object/apply:subprocess.Popen [['touch', '/tmp/postkit-pwned']]",
    "new": "title: !!python/object/new:os.system ['true']",
    "name": "title: !!python/name:os.system",
    "module": "title: !!python/module:os",
    "object": "title: !!python/object:builtins.dict {}",
    "tuple": "title: !!python/tuple [1, 2]",
    "local-tag": "title: !mytag value",
    "binary": "title: !!binary aGVsbG8=",
    "set": "tags: !!set {a, b}",
    "timestamp": "title: 2001-12-14t21:59:43.10-05:00",
    "huge-int": "title: " + "9" * 5000,
    "huge-float": "title: 1e99999",
    "deep-flow": "title: " + "[" * 1000 + "]" * 1000,
    "deep-map": "title: " + "{a: " * 1000 + "1" + "}" * 1000,
    "deep-block": "".join("  " * i + "a:\n" for i in range(200)) + "  " * 200 + "b: 1",
    "unclosed-quote": 'title: "Sourdough',
    "tab-indent": "title: Sourdough\n\tsummary: x",
    "dup-keys": "title: One\ntitle: Two",
    "list": "- title\n- summary",
    "scalar": "just a string",
    "null": "~",
    "bool-keys": "true: yes\n1: 2\nnull: 3",
    "non-str-title": "title: [1, 2, {a: b}]",
    "long-key": "? " + "k" * 70_000 + "\n: v",
    "directive": "%YAML 1.1\n%TAG ! tag:evil,2024:\n---\ntitle: !x y",
    "multi-doc": "title: A\n---\ntitle: B",
    "control-chars": 'title: "\\x07\\x1b[31mred\\x1b[0m\\u202e"',
    "emoji-key": "🍞: bread\ntitle: Sourdough",
}


def yaml_front_matter() -> Iterator[tuple[str, bytes]]:
    """Hostile and broken front matter on an otherwise good page."""
    for name, block in HOSTILE_YAML.items():
        yield f"yaml-fm-{name}.md", f"---\n{block}\n---\n{PAGE}".encode()
    yield "yaml-fm-unclosed.md", f"---\ntitle: Sourdough\n{PAGE}".encode()
    yield "yaml-fm-dots.md", f"---\ntitle: Sourdough\n...\n{PAGE}".encode()
    yield "yaml-fm-toml.md", f"+++\ntitle = 'Sourdough'\n+++\n{PAGE}".encode()
    yield "yaml-fm-bigger-than-limit.md", ("---\nx: '" + "y" * 70_000 + "'\n---\n" + PAGE).encode()


def yaml_batch() -> Iterator[tuple[str, bytes]]:
    """The same hostile YAML as a batch input file."""
    for name, block in HOSTILE_YAML.items():
        yield f"yaml-batch-{name}.yaml", f"- {block.replace(chr(10), chr(10) + '  ')}\n".encode()
        yield f"yaml-batch-top-{name}.yaml", f"{block}\n".encode()


def csv_files(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """Ragged rows, embedded newlines, broken quoting, odd headers."""
    cases = {
        "ragged-long": "topic,seed\nsourdough,1,extra,cells\ngenai\n",
        "ragged-short": "topic,platform,seed\nsourdough\n,\ngenai,x\n",
        "newline-in-cell": 'topic,cta\nsourdough,"line one\nline two\n\nline four"\n',
        "crlf-in-cell": 'topic,cta\r\nsourdough,"line one\r\nline two"\r\n',
        "unclosed-quote": 'topic,cta\nsourdough,"never closed\ngenai,x\n',
        "quote-in-middle": 'topic,cta\nsour"dough,a"b"c\n',
        "huge-cell": "topic,cta\nsourdough," + "x" * 200_000 + "\n",
        "huge-quoted-cell": 'topic,cta\nsourdough,"' + "y\n" * 30_000 + '"\n',
        "many-columns": ",".join(f"c{i}" for i in range(5000)) + "\n" + ",".join("v" * 5000) + "\n",
        "dup-header": "topic,topic\nsourdough,genai\n",
        "empty-header": ",,\nsourdough,x,1\n",
        "unknown-header": "subject,platfrom\nsourdough,x\n",
        "semicolons": "topic;platform\nsourdough;x\n",
        "tabs": "topic\tplatform\nsourdough\tx\n",
        "header-only-crlf": "topic,platform\r\n",
        "bad-seed": "topic,seed\nsourdough,not-a-number\ngenai,99999999999999999999999\n",
        "negative-seed": "topic,seed\nsourdough,-1\n",
        "bad-platform": "topic,platform\nsourdough,myspace\n",
        "from-escape": "from\n../../../../etc/passwd\n/etc/hostname\n/dev/zero\n/proc/self/mem\n",
        "from-dir": "from\n.\n/\n",
        "id-escape": "id,topic\n../../evil,genai\n/abs/evil,genai\n.,genai\n..,genai\nCON,genai\n",
        "id-unicode": "id,topic\n🍞/💥,genai\n\u202eevil,genai\n" + "é" * 300 + ",genai\n",
        "many-rows": "topic\n" + "genai\n" * 300,
        "formula": "topic,cta\ngenai,\"=cmd|' /C calc'!A0\"\n",
        "blank-lines": "\n\n\ntopic\n\n\ngenai\n\n\n",
    }
    for name, text in cases.items():
        yield f"csv-{name}.csv", text.encode()
    for n in range(5):  # random ragged tables from a fixed alphabet
        alphabet = ["a", '"', ",", "\n", "\r", "é", "🍞", " ", "topic", "seed", "x", "\\"]
        yield f"csv-random-{n}.csv", "".join(rng.choice(alphabet) for _ in range(400)).encode()


def jsonl_files() -> Iterator[tuple[str, bytes]]:
    """Broken lines next to good ones, and values that are not objects."""
    cases = {
        "broken-line": '{"topic": "sourdough"}\n{"topic": \n{"topic": "genai"}\n',
        "trailing-comma": '{"topic": "sourdough",}\n',
        "not-object": '"sourdough"\n[1, 2]\n42\nnull\ntrue\n',
        "deep-array": "[" * 100_000 + "]" * 100_000 + "\n",
        "deep-object": '{"a":' * 50_000 + "1" + "}" * 50_000 + "\n",
        "huge-number": '{"topic": "sourdough", "seed": ' + "9" * 5000 + "}\n",
        "nan": '{"topic": "sourdough", "seed": NaN}\n{"topic": "genai", "seed": Infinity}\n',
        "float-seed": '{"topic": "sourdough", "seed": 1.5}\n',
        "dup-keys": '{"topic": "sourdough", "topic": "genai"}\n',
        "wrong-types": '{"topic": 1, "platform": [], "seed": "x", "hashtags": {"a": 1}}\n',
        "bad-escape": '{"topic": "sour\\qdough"}\n',
        "single-quotes": "{'topic': 'sourdough'}\n",
        "concatenated": '{"topic": "sourdough"}{"topic": "genai"}\n',
        "unknown-key": '{"topik": "sourdough"}\n',
        "huge-line": '{"topic": "sourdough", "cta": "' + "z" * 300_000 + '"}\n',
        "whole-array": '[{"topic": "sourdough"}, {"topic": "genai"}]\n',
        "crlf": '{"topic": "sourdough"}\r\n{"topic": "genai"}\r\n',
        "comments": '// rows\n{"topic": "sourdough"}\n# more\n',
        "from-escape": '{"from": "../../../../etc/passwd"}\n{"from": "/dev/urandom"}\n',
        "id-escape": '{"id": "../../x", "topic": "genai"}\n{"id": "", "topic": "genai"}\n',
    }
    for name, text in cases.items():
        yield f"jsonl-{name}.jsonl", text.encode()


def huge_lines() -> Iterator[tuple[str, bytes]]:
    """Long single lines of the characters the parsers and regexes care about."""
    size = 100_000
    runs = {
        "letters": "a" * size,
        "hashes": "#" * size,
        "stars": "*" * size,
        "underscores": "_" * size,
        "colons": ":" * size,
        "braces": "{" * size,
        "brackets": "[](" * (size // 3),
        "backticks": "`" * size,
        "spaces": " " * size + "x",
        "hashtags": " ".join(f"#tag{i}" for i in range(size // 8)),
        "urls": "https://" + "a." * (size // 2) + "com",
        "mentions": "@" + "@a" * (size // 2),
        "emoji": "😀" * (size // 4),
        "shortcodes": ":smile" * (size // 6),
        "bangs": "!?" * (size // 2),
    }
    for name, line in runs.items():
        yield f"huge-{name}.txt", line.encode()
    yield "huge-paragraph.md", ("# Long\n\n" + "Long is a word. " * 20_000 + "\n").encode()
    yield "huge-title.md", ("# " + "Title " * 30_000 + "\n\nA title is long.\n").encode()


def odd_text() -> Iterator[tuple[str, bytes]]:
    """Text that is valid UTF-8 but hostile: controls, bidi, private use, noncharacters."""
    cases = {
        "controls": "".join(chr(c) for c in range(1, 32))
        + "\x7f"
        + "".join(chr(c) for c in range(0x80, 0xA0)),
        "ansi": "\x1b[2J\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]52;c;cHduZWQ=\x07",
        "bidi": "\u202eevil\u202c \u2066isolate\u2069 \u200f\u200e",
        "zero-width": "a\u200bb\u200cc\u200dd\u2060e\ufeff" * 1000,
        "private-use": "\ue000\U000f0000\U0010fffd" * 100,
        "noncharacters": "\ufffe\uffff\U0001fffe\U0010ffff" * 100,
        "replacement": "\ufffd" * 1000,
        "mojibake-latin1": "CafÃ© â€” naÃ¯ve ðŸ˜€ ðŸ‘©ðŸ½â€ðŸ³",
        "mojibake-double": "CafÃƒÂ© Ã¢â‚¬â€ ÃƒÂ°Ã…Â¸Ã‹Å“Ã¢â€šÂ¬",
        "mojibake-runs": "Ã" * 50_000,
        "mojibake-mix": "ðŸ" * 2_500 + "â€" * 2_500,
        "cp1252-holes": "\x81\x8d\x8f\x90\x9d" * 2000,
        "template-syntax": "{{ 7*7 }} {% for x in range(10**9) %}{% endfor %} {# c #}" * 100,
        "format-syntax": "{0.__class__} %s %(x)s %n ${HOME} $(id) `id`" * 100,
    }
    for name, text in cases.items():
        yield f"odd-{name}.txt", text.encode()
        yield f"odd-{name}.md", f"# Odd {name}\n\n{text} is odd text.\n".encode()


def families(rng: random.Random) -> list[Callable[[], Iterator[tuple[str, bytes]]]]:
    return [
        lambda: random_bytes(rng),
        lambda: invalid_utf8(rng),
        boms,
        line_ends,
        nul_bytes,
        empties,
        surrogates,
        combining,
        nested_markdown,
        yaml_front_matter,
        yaml_batch,
        lambda: csv_files(rng),
        jsonl_files,
        huge_lines,
        odd_text,
    ]


def corpus() -> Corpus:
    """Every file name and its bytes; the same on every run and every machine."""
    rng = random.Random(20261122)
    files: Corpus = {}
    for family in families(rng):
        for name, data in family():
            if name in files:
                raise ValueError(f"two files are named {name}")
            files[name] = data
    return files


def write(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    files = corpus()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return len(files)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    print(f"wrote {write(target)} files to {target}")
