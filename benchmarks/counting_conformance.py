"""How often postkit's X count agrees with twitter-text itself, on generated texts.

Run: ``python benchmarks/counting_conformance.py [--twitter-text DIR] [--texts N] [--seed S]``.

It builds N texts (default 5,000) from pieces that exercise link finding and
weighting: links with and without a scheme, every kind of TLD, ports, paths,
queries, t.co links, IP hosts, CJK and Cyrillic text glued to links, accented
domains, emoji, © and ®, punctuation and spaces. Each text is counted by
``postkit.platforms.counting.x_length`` and by twitter-text's ``parseTweet``
run in node, and the benchmark reports how many agree and the first texts that
do not.

It needs node and the twitter-text package, e.g.::

    cd /tmp && mkdir tt && cd tt && npm init -y && npm install twitter-text@3.1.0
    python benchmarks/counting_conformance.py --twitter-text /tmp/tt/node_modules/twitter-text

Without them it says so and exits 0 (it is a measurement, not part of CI).
One difference is deliberate and corrected for: emoji newer than
twitter-text 3.1's list (🐦‍🔥, 🧑‍💻...) weigh 2 in postkit, as X counts them
today, and the sum of their code points in twitter-text.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

NODE_SCRIPT = """
const tt = require(process.argv[1]);
let data = '';
process.stdin.on('data', (chunk) => { data += chunk; });
process.stdin.on('end', () => {
  const texts = JSON.parse(data);
  process.stdout.write(JSON.stringify(texts.map((t) => tt.parseTweet(t).weightedLength)));
});
"""

PIECES = [
    "https://example.com/", "https://example.com/a/b", "http://t.co/abc123", "t.co/abc",
    "example.com", "news.google", "it.so", "file.py", "foo.co.jp", "a.bc", "x.y.z",
    "http://192.168.0.1/x", "https://a.bc/x", "http://_sub.example.com", "sub-.example.org",
    "ELPAÍS.com", "ÉLPAIS.com", "www.example.org:8080/x", "example.com?q=1", "example.com/?q=1",
    "https://example.com/wiki/Foo_(bar)", "(", ")", "https://", "http://", "//", "xn--ls8h.la",
    "http://xn--日本.com", "foo.みんな", "例え.テスト", "twitter.jp", "日本語", "あああ", "Русский",
    "é", "😀", "👨\u200d👩\u200d👧", "🐦\u200d🔥", "©", "®", "©\ufe0f", "™", "1\ufe0f\u20e3",
    " ", " ", "\n", "\r\n", "\u3000", "\u00a0", ".", ",", "!", "?", "'s", "-", "_", "@", "#",
    "$", ":", "/", "。", "、", "「", "」", "\u2066", "\u202a", "a", "b1", "word", "Mastodon",
    "https://example.com/" + "x" * 30, "@user", "#tag", "%20", "&", "=", "~", "|",
    "пример.рф", "РФ", "例え.jp", "Ünïcödé.de", "https://例え.テスト/パス", "ftp://x.com",
    "HTTP://X.COM/A", "user@mail.com", "$TVI.CA", "a.b.c.d.com", "x-y_z.example.com", "...",
    "::", "\U0001d400", "🇯🇵", "é", "z", "0", "3000", "?a=b", "#frag", "'", '"', "`", "*",
]  # fmt: skip
# Sequences newer than twitter-text 3.1's emoji list: X counts each one 2, the
# library its code points. The reference counts an emoji of its time in their
# place, of the same shape (three code points, two outside the BMP).
NEWER = {"\U0001f426\u200d\U0001f525": "\U0001f441\u200d\U0001f5e8"}


def texts(count: int, seed: int) -> list[str]:
    """``count`` texts of 1 to 12 pieces, the same ones for the same seed."""
    chooser = random.Random(seed)
    return ["".join(chooser.choices(PIECES, k=chooser.randint(1, 12))) for _ in range(count)]


def _of_their_time(text: str) -> str:
    for sequence, old in NEWER.items():
        text = text.replace(sequence, old)
    return text


def reference(samples: list[str], package: Path) -> list[int]:
    """twitter-text's weightedLength of each text, from node."""
    result = subprocess.run(
        ["node", "-e", NODE_SCRIPT, str(package)],
        input=json.dumps(samples),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    lengths: list[int] = json.loads(result.stdout)
    return lengths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--twitter-text", type=Path, default=Path("node_modules/twitter-text"))
    parser.add_argument("--texts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    package = args.twitter_text.resolve()
    if shutil.which("node") is None or not (package / "package.json").exists():
        print(f"skipped: needs node and twitter-text (looked in {package})")
        return 0
    from postkit.platforms.counting import x_length

    samples = texts(args.texts, args.seed)
    expected = reference([_of_their_time(text) for text in samples], package)
    agree = newer = 0
    misses: list[tuple[str, int, int]] = []
    for text, want in zip(samples, expected, strict=True):
        newer += _of_their_time(text) != text
        got = x_length(text)
        if got == want:
            agree += 1
        else:
            misses.append((text, got, want))
    print(f"x_length agrees with twitter-text on {agree:,} of {len(samples):,} texts")
    print(f"  ({newer:,} of them hold emoji newer than twitter-text's list: weight 2, as X counts)")
    print(f"  {len(misses):,} differ")
    for text, got, want in misses[:20]:
        print(f"  postkit {got} / twitter-text {want}: {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
