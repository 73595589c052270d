"""Quality of drafts made from real-world Markdown pages (issue 20).

Run: ``python benchmarks/pages_quality.py [--page NAME] [--json] [--show] [--verbose]``.

Every page ``NAME.md`` in tests/data/pages/corpus/ has a ``NAME.expect.yaml``
saying what a good draft from it looks like: its ``title`` (case kept), ``kind``
(concept, article, howto, listicle, changelog, readme, resources),
``language`` (ISO 639-1), ``must_include`` (short strings the LinkedIn draft
must contain), ``must_not_include`` (strings no platform's draft may contain:
site-generator syntax, navigation, boilerplate, filler from the page),
``hashtags`` (what the LinkedIn post must carry, from the page's tags) and,
when the front matter gives one, ``url`` (the LinkedIn draft must carry it).

Each page is drafted with the public API (``draft_from_page``) for every
platform with a fixed seed, and the script prints, per page and in total,
whether each expectation holds, and counts over all platforms:

- leaked syntax: a fixed list of patterns for site-generator syntax (Hugo
  shortcodes, Liquid, kramdown attribute lists, heading anchors, MkDocs and
  Docusaurus admonitions, MDX imports and components, Obsidian wiki links,
  embeds and callouts, reference-style links, tables of contents) and for
  leftover Markdown;
- boilerplate openings: drafts whose opening (the first two paragraphs, at
  most 400 characters) is navigation, a badge row, a translation row, a
  translator's note or changelog boilerplate;
- filler: sentences like "Without further ado" in several languages;
- wrong language: drafts of a non-English page that read as English;
- fit: whether every x/bluesky/mastodon/threads draft fits its platform, or
  splits into parts that each fit and each carry words.

``kind`` and ``language`` are read from the drafted page (the loaded topic
or the post) when the library exposes them, and reported as n/a until then.
A page whose drafting raises counts as failing all its expectations. The
script is a measurement: it exits 0 whatever it finds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from postkit import DraftOptions, Post, draft_from_page

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "pages" / "corpus"
PLATFORMS = ("linkedin", "x", "bluesky", "mastodon", "threads")
SHORT_PLATFORMS = PLATFORMS[1:]
SEED = 20
KINDS = ("concept", "article", "howto", "listicle", "changelog", "readme", "resources")
EXPECTATIONS = ("title", "kind", "language", "must_include", "must_not_include", "hashtags", "url")

# Syntax that must never reach a post. Some overlap (a Hugo shortcode is also
# "{{"), so the counts are comparable from run to run, not a count of mistakes.
LEAKS: dict[str, re.Pattern[str]] = {
    "hugo shortcode": re.compile(r"\{\{[<%]|[>%]\}\}"),
    "liquid tag": re.compile(r"(?<!\{)\{%|%\}(?!\})"),
    "liquid output": re.compile(r"\{\{\s*[\w.-]+(?:\s*\|[^}\n]*)?\s*\}\}"),
    "kramdown attributes": re.compile(r"\{:"),
    "attribute list / heading anchor": re.compile(r"\{\s*[#.][\w.-]+[^}\n]*\}"),
    "mkdocs admonition": re.compile(r"!!!\s*\w|\?\?\?\+?\s*\w"),
    "mkdocs tabs / snippets": re.compile(r'===\s*"|--8<--'),
    "docusaurus admonition": re.compile(r":::"),
    "mdx import/export": re.compile(r"\b(?:import|export)\s+[\w{}*, ]+\s+from\s+['\"]"),
    "jsx component": re.compile(r"</?[A-Z][A-Za-z]*(?:\s[^>\n]*)?/?>"),
    "AUTOTITLE": re.compile(r"AUTOTITLE"),
    "wiki link / embed": re.compile(r"!?\[\[|\]\]"),
    "callout": re.compile(r"\[![A-Za-z]+\]"),
    "reference link": re.compile(r"\]\[[^\]\n]*\]|^\s*\[[^\]\n]+\]:\s*\S", re.MULTILINE),
    "table of contents": re.compile(
        r"\[TOC\]|(?-i:\bTOC\b)|\b(?:table of contents|on this page|inhaltsverzeichnis|"
        r"table des matières|sommaire|sumário)\b",
        re.IGNORECASE,
    ),
    "obsidian comment / highlight": re.compile(r"%%|==[^=\n]+=="),
    "html comment": re.compile(r"<!--|-->"),
    "html tag": re.compile(r"</?[a-z][a-z0-9]*(?:\s[^>\n]*)?/?>"),
    "bold": re.compile(r"\*\*|__"),
    "emphasis": re.compile(r"(?<![\w*])[*_](?=\S)[^*_\n]{1,80}(?<=\S)[*_](?![\w*])"),
    "heading": re.compile(r"^#{1,6}\s", re.MULTILINE),
    "inline link": re.compile(r"\]\("),
    "image": re.compile(r"!\["),
    "backtick / fence": re.compile(r"`|~~~"),
    "strikethrough": re.compile(r"~~"),
    "footnote": re.compile(r"\[\^"),
    "task box": re.compile(r"\[[ xX]\]"),
    "pipe (table, nav row)": re.compile(r"\s\|\s|^\|", re.MULTILINE),
}

# What a draft must not open with: navigation, badges, translation rows,
# translators' notes, tables of contents, changelog and site boilerplate.
BOILERPLATE = re.compile(
    r"|".join(
        (
            r"all notable changes|notable changes to|keep a changelog|semantic versioning",
            r"todos los cambios|alle (?:nennenswerten|wichtigen) änderungen",
            r"toutes les modifications notables|todas as (?:mudanças|alterações)",
            r"versionado semántico|versionnage sémantique|tenez un changelog",
            r"[⬅➡←→«»›]",
            r"\b(?:previous|next|zurück|weiter|anterior|siguiente|précédent|suivant)\s*[|·]",
            r"\bread (?:this )?in \w+|\bleer en\b|\bleia em\b|\blire en\b|\bauf deutsch\b",
            r"english version|also available in|other languages|otros idiomas",
            r"outros idiomas|autres langues|anderen sprachen|english readme",
            r"🇬🇧|🇺🇸|🇪🇸|🇩🇪|🇫🇷|🇧🇷|🇵🇹|🇮🇹",
            r"translator'?s note|nota del tradu|nota do tradutor|note du traducteur",
            r"anmerkung des übersetzers",
            r"build passing|shields\.io|\bbadge\b|npm version|\bcoverage\b|\bdownloads\b",
            # A table of contents that leaked starts a line (after an emoji, perhaps).
            r"(?m:^\W*(?:table of contents|contents|on this page|inhaltsverzeichnis|inhalt|"
            r"sommaire|table des matières|sumário|índice|indice)\b)",
            r"this (?:page|tutorial|guide) (?:describes|shows|explains|walks)",
            r"sponsored|affiliate links|patrocinado|gesponsert",
            r"originally published|publicado originalmente|erschien zuerst|publié initialement",
            r"last updated|\bupdated?:|mise à jour de \w+ \d{4}|actualización:",
            r"release notes generated",
        )
    ),
    re.IGNORECASE,
)

# Filler sentences in the languages of the corpus.
FILLER = re.compile(
    r"|".join(
        (
            r"without further ado|let's (?:get started|dive in|begin)|in today's fast-paced",
            r"hope this helps|thanks for reading|if you (?:enjoyed|liked) this",
            r"stay tuned|don't forget to (?:subscribe|like|share)|buy me a coffee",
            r"\bclap\b|follow for more|happy coding|here's everything (?:i|you)",
            r"in this (?:post|article|tutorial),? (?:i|we)",
            r"sin más preámbulos|empecemos|vamos allá|gracias por leer|si te ha gustado",
            r"suscríbete|en este artículo|aquí va la lista",
            r"ohne umschweife|legen wir los|los geht's|jetzt abonnieren",
            r"in diesem (?:artikel|beitrag)",
            r"sans plus attendre|c'est parti|dans cet article|abonnez-vous",
            r"sem mais delongas|vamos lá|neste (?:artigo|post)|compartilhe com",
            r"obrigad[oa] por ler",
            r"senza ulteriori indugi|iniziamo|in questo articolo|grazie per aver letto",
        )
    ),
    re.IGNORECASE,
)

# English words that no page of the other corpus languages uses: two of them in
# a draft of a Spanish page mean the draft speaks English.
ENGLISH_WORDS = frozenset(
    {"the", "and", "you", "your", "what", "this", "with", "here's", "let's", "why", "how", "ever"}
)
_HASHTAG_OR_URL = re.compile(r"#\w+|https?://\S+")
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_HASHTAG = re.compile(r"#(\w+)")


@dataclass
class Check:
    """One expectation of one page: pass, fail or n/a, and why."""

    status: str  # "pass", "fail" or "n/a"
    detail: str = ""


@dataclass
class PageResult:
    """Everything measured about one page."""

    name: str
    expect: dict[str, Any]
    error: str | None = None
    posts: dict[str, Post] = field(default_factory=dict)
    checks: dict[str, Check] = field(default_factory=dict)
    leaks: Counter[str] = field(default_factory=Counter)
    boilerplate: list[str] = field(default_factory=list)  # "platform: matched text"
    filler: list[str] = field(default_factory=list)
    wrong_language: list[str] = field(default_factory=list)  # platforms
    fits: dict[str, bool] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.name,
            "kind": self.expect.get("kind"),
            "language": self.expect.get("language"),
            "error": self.error,
            "checks": {k: {"status": c.status, "detail": c.detail} for k, c in self.checks.items()},
            "leaks": dict(self.leaks),
            "boilerplate_openings": self.boilerplate,
            "filler": self.filler,
            "wrong_language": self.wrong_language,
            "fits": self.fits,
            "linkedin": self.posts["linkedin"].text if "linkedin" in self.posts else None,
        }


def _norm(text: str, fold: bool = True) -> str:
    """Compare texts alike: NFC, casefolded, one kind of apostrophe, one space."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    return " ".join((text.casefold() if fold else text).split())


def _norm_title(text: str) -> str:
    """Titles compare without the emoji or punctuation around them, but with their
    case: "tidepool" is a project's name, "Tidepool" is not."""
    text = _norm(text, fold=False)
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


# Other names the library may give a kind ("how-to", "release notes").
KIND_ALIASES = {
    "explainer": "concept",
    "blogpost": "article",
    "tutorial": "howto",
    "list": "listicle",
    "releasenotes": "changelog",
    "resourcelist": "resources",
}


def _kind_name(value: str) -> str:
    """``How-To`` → ``howto``, ``release_notes`` → ``changelog``."""
    letters = re.sub(r"[^a-z]", "", value.casefold())
    return KIND_ALIASES.get(letters, letters)


def _exposed(objects: Iterable[Any], names: tuple[str, ...]) -> str | None:
    """An attribute the library may expose later (``kind``, ``language``), as text."""
    for obj in objects:
        for name in names:
            value = getattr(obj, name, None)
            if value is not None:
                return str(getattr(value, "value", value))
    return None


def _load_page(path: Path) -> Any:
    """The page as the CLI reads it (``postkit draft --from`` calls this function)."""
    from postkit.sources.pages import load_page

    return load_page(path)


def _counter(platform: str) -> Callable[[str], int]:
    """How the platform counts characters; plain length if the module moved."""
    try:
        from postkit.platforms.rules import get_platform
    except ImportError:
        return len
    return get_platform(platform).count


def _has_words(part: str) -> bool:
    """A thread part carries content: words left after hashtags, URLs and "1/3"."""
    cleaned = re.sub(r"\(?\b\d+/\d+\b\)?", " ", _HASHTAG_OR_URL.sub(" ", part))
    return len(_WORDS.findall(cleaned)) >= 4


def fits_or_splits(post: Post) -> bool:
    """The draft fits, or every part of its thread fits and carries words."""
    if post.fits:
        return _has_words(post.text)
    parts = post.parts
    if len(parts) < 2:
        return False
    count = _counter(post.platform)
    return all(count(part) <= post.limit and _has_words(part) for part in parts)


def opening(text: str) -> str:
    """The first two paragraphs of a draft, at most 400 characters."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "\n\n".join(paragraphs[:2])[:400]


def speaks_english(text: str) -> bool:
    words = {w.casefold() for w in _WORDS.findall(_HASHTAG_OR_URL.sub(" ", text))}
    return len(words & ENGLISH_WORDS) >= 2


def load_expectations(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping")
    return data


def _fail_all(result: PageResult, why: str) -> None:
    for name in EXPECTATIONS:
        if name == "url" and not result.expect.get("url"):
            continue
        result.checks[name] = Check("fail", why)
    result.fits = dict.fromkeys(SHORT_PLATFORMS, False)


def _draft_all(result: PageResult, path: Path, seed: int) -> Any:
    topic = _load_page(path)
    for platform in PLATFORMS:
        result.posts[platform] = draft_from_page(path, DraftOptions(platform=platform, seed=seed))
    return topic


def _check(result: PageResult, topic: Any) -> None:
    expect = result.expect
    linkedin = result.posts["linkedin"]
    text = _norm(linkedin.text)

    want_title = str(expect.get("title", ""))
    got = linkedin.topic
    same = _norm_title(got) == _norm_title(want_title)
    result.checks["title"] = Check("pass" if same else "fail", f"got {got!r}")

    for name, attributes in (("kind", ("kind",)), ("language", ("language", "lang"))):
        value = _exposed((linkedin, topic), attributes)
        if value is None:
            result.checks[name] = Check("n/a", "not exposed by the library")
            continue
        want = str(expect.get(name, ""))
        # "pt-BR" is Portuguese; "How-To" is the howto kind.
        value = re.split(r"[-_]", value)[0] if name == "language" else _kind_name(value)
        ok = value.casefold() == want.casefold()
        result.checks[name] = Check("pass" if ok else "fail", f"got {value!r}")

    include = _strings(expect.get("must_include"))
    missing = [s for s in include if _norm(s) not in text]
    status = "fail" if missing else "pass"
    result.checks["must_include"] = Check(status, f"missing {missing}" if missing else "")

    exclude = _strings(expect.get("must_not_include"))
    found = [
        f"{s!r} in {platform}"
        for s in exclude
        for platform, post in result.posts.items()
        if _norm(s) in _norm(post.text)
    ]
    result.checks["must_not_include"] = Check("fail" if found else "pass", "; ".join(found))

    tags = {t.casefold() for t in _HASHTAG.findall(linkedin.text)}
    wanted = _strings(expect.get("hashtags"))
    absent = [t for t in wanted if t.lstrip("#").casefold() not in tags]
    if not wanted:  # a README or a changelog without tags: nothing to hold it to
        result.checks["hashtags"] = Check("n/a", "the page gives no tags")
    else:
        result.checks["hashtags"] = Check(
            "fail" if absent else "pass",
            f"missing {absent}; has {sorted(tags)}" if absent else "",
        )

    url = expect.get("url")
    if url:
        ok = str(url) in linkedin.text
        result.checks["url"] = Check("pass" if ok else "fail", "" if ok else f"missing {url}")


def _measure(result: PageResult) -> None:
    foreign = str(result.expect.get("language", "en")) != "en"
    for platform, post in result.posts.items():
        for name, pattern in LEAKS.items():
            result.leaks[name] += len(pattern.findall(post.text))
        match = BOILERPLATE.search(opening(post.text))
        if match:
            result.boilerplate.append(f"{platform}: {match.group(0)!r}")
        result.filler.extend(f"{platform}: {m.group(0)!r}" for m in FILLER.finditer(post.text))
        if foreign and speaks_english(post.text):
            result.wrong_language.append(platform)
        if platform in SHORT_PLATFORMS:
            result.fits[platform] = fits_or_splits(post)


def measure_page(path: Path, seed: int = SEED) -> PageResult:
    """Draft one page for every platform and check it against its expectations."""
    name = path.stem
    result = PageResult(name, {})
    try:
        result.expect = load_expectations(path.with_name(f"{name}.expect.yaml"))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        result.error = f"expectations: {exc}"
        _fail_all(result, result.error)
        return result
    try:
        topic = _draft_all(result, path, seed)
    except Exception as exc:  # a measurement: a page that breaks the drafter is a result
        result.error = f"{type(exc).__name__}: {exc}"
        _fail_all(result, "drafting failed")
        return result
    _check(result, topic)
    _measure(result)
    return result


def pages(only: str | None = None) -> list[Path]:
    found = sorted(CORPUS.glob("*.md"))
    if only is not None:
        stem = Path(only).name.removesuffix(".md")
        found = [path for path in found if path.stem == stem]
    return found


def totals(results: list[PageResult]) -> dict[str, Any]:
    """Pass counts per expectation and the sums of every measurement."""
    checks: dict[str, dict[str, int]] = {}
    for name in EXPECTATIONS:
        counts = Counter(r.checks[name].status for r in results if name in r.checks)
        checks[name] = {"pass": counts["pass"], "fail": counts["fail"], "n/a": counts["n/a"]}
    leaks: Counter[str] = Counter()
    for result in results:
        leaks.update(result.leaks)
    fit_checks = [ok for r in results for ok in r.fits.values()]
    drafts = sum(len(r.posts) for r in results)
    return {
        "pages": len(results),
        "pages_failing_to_draft": sum(1 for r in results if r.error),
        "pages_passing_everything": sum(
            1 for r in results if all(c.status != "fail" for c in r.checks.values())
        ),
        "drafts": drafts,
        "checks": checks,
        "leaked_syntax": sum(leaks.values()),
        "leaks_by_pattern": {name: leaks[name] for name in LEAKS if leaks[name]},
        "boilerplate_openings": sum(len(r.boilerplate) for r in results),
        "filler": sum(len(r.filler) for r in results),
        "wrong_language_drafts": sum(len(r.wrong_language) for r in results),
        "short_platform_drafts_fitting": sum(fit_checks),
        "short_platform_drafts": len(fit_checks),
    }


def _cell(check: Check | None) -> str:
    if check is None:
        return "-"
    return {"pass": "ok", "fail": "FAIL", "n/a": "n/a"}[check.status]


def print_table(results: list[PageResult], verbose: bool) -> None:
    heads = ("title", "kind", "lang", "incl", "excl", "tags", "url", "leaks", "boil", "fill")
    width = max([len(r.name) for r in results] + [4]) + 1
    print(
        f"{'page':<{width}}{'kind/lang':<14}"
        + "".join(f"{h:>6}" for h in heads)
        + f"{'wrong':>6}{'fits':>6}"
    )
    for r in results:
        checks = r.checks
        cells = [
            _cell(checks.get("title")),
            _cell(checks.get("kind")),
            _cell(checks.get("language")),
            _cell(checks.get("must_include")),
            _cell(checks.get("must_not_include")),
            _cell(checks.get("hashtags")),
            _cell(checks.get("url")),
            str(sum(r.leaks.values())),
            str(len(r.boilerplate)),
            str(len(r.filler)),
        ]
        kind = f"{r.expect.get('kind', '?')}/{r.expect.get('language', '?')}"
        print(
            f"{r.name:<{width}}{kind:<14}"
            + "".join(f"{c:>6}" for c in cells)
            + f"{len(r.wrong_language):>6}"
            + f"{sum(r.fits.values())}/{len(r.fits)}".rjust(6)
        )
        if verbose:
            _print_details(r)


def _print_details(r: PageResult) -> None:
    if r.error:
        print(f"    error: {r.error}")
    for name, check in r.checks.items():
        if check.status == "fail" and check.detail:
            print(f"    {name}: {check.detail}")
    if r.leaks:
        leaks = ", ".join(f"{name} {n}" for name, n in r.leaks.items() if n)
        if leaks:
            print(f"    leaks: {leaks}")
    for line in r.boilerplate:
        print(f"    boilerplate opening: {line}")
    for line in r.filler:
        print(f"    filler: {line}")
    if r.wrong_language:
        print(f"    wrong language: {', '.join(r.wrong_language)}")
    unfit = [platform for platform, ok in r.fits.items() if not ok]
    if unfit:
        print(f"    does not fit or split well: {', '.join(unfit)}")


def print_totals(total: dict[str, Any]) -> None:
    pages = total["pages"]
    print()
    print(
        f"pages {pages}, drafts {total['drafts']}, failing to draft "
        f"{total['pages_failing_to_draft']}, passing every expectation "
        f"{total['pages_passing_everything']}"
    )
    for name, counts in total["checks"].items():
        applicable = counts["pass"] + counts["fail"]
        if name in ("kind", "language") and not applicable:
            print(f"  {name:<17} n/a (the library does not expose it yet)")
        else:
            print(f"  {name:<17} {counts['pass']}/{applicable} pass")
    print(f"leaked syntax: {total['leaked_syntax']}")
    for name, count in total["leaks_by_pattern"].items():
        print(f"  {name:<32}{count:>5}")
    print(f"boilerplate openings: {total['boilerplate_openings']}")
    print(f"filler sentences: {total['filler']}")
    print(f"drafts of non-English pages written in English: {total['wrong_language_drafts']}")
    print(
        "x/bluesky/mastodon/threads drafts that fit or split into parts with content: "
        f"{total['short_platform_drafts_fitting']}/{total['short_platform_drafts']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--page", metavar="NAME", help="only this page (file name or stem)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--show", action="store_true", help="print the LinkedIn drafts")
    parser.add_argument("--verbose", "-v", action="store_true", help="say why each check failed")
    parser.add_argument("--seed", type=int, default=SEED, help=f"the drafts' seed ({SEED})")
    args = parser.parse_args(argv)
    paths = pages(args.page)
    if not paths:
        print(f"pages_quality: no page {args.page!r} in {CORPUS}", file=sys.stderr)
        return 2
    results = [measure_page(path, args.seed) for path in paths]
    total = totals(results)
    if args.json:
        json.dump(
            {"seed": args.seed, "pages": [r.to_dict() for r in results], "totals": total},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return 0
    if args.show:
        for r in results:
            print(f"===== {r.name}: {r.posts['linkedin'].topic if r.posts else r.error}")
            if "linkedin" in r.posts:
                print(r.posts["linkedin"].text)
    print_table(results, args.verbose or args.page is not None)
    print_totals(total)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into head: the reader has what it wanted
        # Python flushes stdout at exit, into the closed pipe; point it at /dev/null.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
