"""The quick readings of a garbled line: linear, in the codecs, where only one reading exists.

Two readers live here (see the table in :mod:`postkit.mojibake.repair`):
:func:`read_lossless` for lines where every byte survived, and
:func:`read_lost_without_letters` for lines whose lost bytes are all in runs
that read as emoji or punctuation; :func:`quick_text_and_spans` is the text
alone of the two. :func:`peel_outer_layer` and :func:`holding_code_pages` serve
the shortcuts that come after them.

Most garbled emoji lost nothing: "ðŸš€" is all four bytes of 🚀, and reading them
back needs no guess. When every garbled run of a line maps back to bytes that
decode as UTF-8, when all the code pages that can hold the run agree on what it
decodes to, and when the result is whole emoji or punctuation that real posts
are full of, the answer is the one the full reading (:mod:`postkit.mojibake.repair`)
would reach. Those lines are read here with the codecs, in C, and anything else
(a lost byte, a choice, an accented letter that might be legitimate) is left to
the full reading. A line whose every accented run reads back as common letters
("TrÃ¨s fiÃ¨re") is taken too, letters and all, where the full reading may
doubt a lone "Ã¨". A line whose lost bytes are all in runs with no letter
among their readings (emoji, a closing quote) is read here as well
(:func:`read_lost_without_letters`), each such run as the full reading reads
it. The tests check that both readings agree wherever this one answers, or that this one
comes closer to the text before it was garbled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import product
from unicodedata import category

from postkit.mojibake.lost_bytes import whole_emoji
from postkit.mojibake.score import (
    COMMON_LATIN,
    COMMON_PUNCT,
    EMOJI_PARTS,
    VS16,
    broken_parts,
    emoji_window,
    find_emoji,
    open_quotes,
    rare_letter,
    script,
)
from postkit.mojibake.search import (
    REACH,
    Fix,
    add_quotes,
    char_class,
    code_pages,
    only_meetings,
    qualify_emoji,
    quoted_end,
    read_lost_run,
    still_garbled,
    suspect,
    units,
    utf8,
)

_LEVELS = 3  # as deep as the full reading goes (text garbled up to three times)


@cache
def _tables() -> tuple[tuple[str, dict[int, str]], ...]:
    """Per code page: its name and the map from each character it holds to its byte.

    A byte is written as the Latin-1 character of that number, so that the
    translated run encodes as Latin-1 to the bytes.
    """
    return tuple(
        (code_page.definition.name, {ord(c): chr(b) for c, b in code_page.encode.items() if b >= 0})
        for code_page in code_pages()
    )


@cache
def _holding() -> dict[str, int]:
    """Per character, the code pages that map it back to a byte, as bits (code page i: bit i)."""
    held: dict[str, int] = {}
    for index, (_, table) in enumerate(_tables()):
        for point in table:
            held[chr(point)] = held.get(chr(point), 0) | 1 << index
    return held


@cache
def _run_chars() -> str:
    """Every character that some code page maps back to a byte."""
    return "".join(sorted(_holding()))


@cache
def _runs() -> re.Pattern[str]:
    """Stretches of characters that some code page maps back to bytes."""
    return re.compile(f"[{char_class(_run_chars())}]+")


@lru_cache(maxsize=4096)
def _encodings(run: str) -> tuple[bytes | None, ...]:
    """Per code page, the bytes its characters in ``run`` stand for; None if it lacks one."""
    held = _holding()
    common = -1  # the code pages that hold every character so far
    for char in run:
        common &= held.get(char, 0)
    return tuple(
        run.translate(table).encode("latin-1") if common >> index & 1 else None
        for index, (_, table) in enumerate(_tables())
    )


@lru_cache(maxsize=4096)
def _decode(run: str) -> tuple[str, tuple[str, ...]] | None:
    """What ``run`` decodes to, and the code pages that read it so; None unless all agree."""
    found: str | None = None
    names: list[str] = []
    read: dict[bytes, str | None] = {}  # code pages often map a run to the same bytes
    for (name, _), raw in zip(_tables(), _encodings(run), strict=True):
        if raw is None:
            continue  # this code page cannot hold the run
        if raw in read:
            text = read[raw]
        else:
            text = read[raw] = _reading_of(raw)
        if text is None:
            continue
        if found is None:
            found = text
        elif text != found:
            return None  # code pages disagree: a choice for the full reading
        names.append(name)
    return None if found is None else (found, tuple(names))


def _reading_of(raw: bytes) -> str | None:
    """``raw`` decoded as UTF-8, unless it is not UTF-8 or holds a stray combining
    mark ("Ã©" in Mac Roman), which is no reading at all."""
    text = utf8(raw)
    if text is None or any(category(c)[0] == "M" and c not in EMOJI_PARTS for c in text):
        return None
    return text


def _settled(line: str, start: int, end: int, text: str, letters: bool) -> bool:
    """Whether ``text``, standing for ``line[start:end]``, is plainly what was meant.

    That is whole emoji and common punctuation of three bytes or more: one
    character of two bytes ("é", "£", and "Ʌ" read from "É…") may be legitimate
    text, which the full reading judges. With ``letters``, the whole line was
    found garbled, and letters of two bytes count too.
    """
    left, right = line[max(0, start - REACH) : start], line[end : end + REACH]
    return _settled_in(*emoji_window(left, text, right), letters)


@lru_cache(maxsize=4096)  # bounded: its keys come from the lines read
def _settled_in(whole: str, low: int, high: int, letters: bool) -> bool:
    """:func:`_settled` for ``whole[low:high]``, where ``whole`` holds the emoji
    context around it (:func:`postkit.mojibake.score.emoji_window`); the same
    emoji come back line after line."""
    text = whole[low:high]
    if any(ord(c) < 0x800 and not (letters and _letter(c)) for c in text):
        return False
    covered = [c in COMMON_PUNCT or (letters and _letter(c)) for c in text]
    for a, b, _ in find_emoji(whole):
        for i in range(max(a, low), min(b, high)):
            covered[i - low] = True
    return all(covered) and not broken_parts(whole[:low], text, whole[high:], strict=True)


# Latin letters of Romanian, Croatian and Vietnamese beyond COMMON_LATIN.
_MORE_LATIN = frozenset("ășțâîĂȘȚđĐơưƠƯ" + "".join(map(chr, range(0x1EA0, 0x1EFA))))


def _accented(char: str) -> bool:
    """A Latin letter that posts in some language use often: garbled text that
    reads back as these stood for them."""
    return char in COMMON_LATIN or char in _MORE_LATIN


def _letter(char: str) -> bool:
    """A letter that garbled text plainly stood for: a common accented Latin one, or another script.

    Rarer Latin letters ("Ŕ" from "Å”", "Ʌ" from "É…") and letters of rare blocks
    ("ꜗ" from "ęś—") are where legitimate text can look garbled: the full reading
    weighs those.
    """
    if _accented(char) or char in COMMON_PUNCT:
        return True
    return (
        char.isalpha() and not char.isascii() and script(char) != "LATIN" and not rare_letter(char)
    )


_Decoded = tuple[str, tuple[str, ...]]  # what a run decodes to, and the code pages that read it
_Run = tuple[re.Match[str], _Decoded | None]  # a garbled run and its reading (None: no one reading)


@lru_cache(maxsize=256)  # a line the quick reading declines is read again by the shortcuts
def _readings(line: str) -> tuple[tuple[_Run, ...], bool]:
    """The garbled runs of ``line`` with their readings, and whether every stretch
    of accented text in ``line`` looks garbled."""
    runs: list[_Run] = []
    every = True
    pair = suspect().search
    for match in _runs().finditer(line):
        run = match.group()
        if pair(run) is None:
            every = False  # accented text that does not look garbled
            continue
        runs.append((match, _decode(run)))
    return tuple(runs), every


def _all_garbled(runs: tuple[_Run, ...], every: bool) -> bool:
    """Whether the whole line is garbled, for the quick reading to take its letters
    (``every``: every stretch of accented text looks garbled).

    Legitimate text almost never is: a lone "é", "“" or "ğ" is not the start of
    a UTF-8 sequence, so not every run reads back. One of them must also read
    as a character of three bytes or more (an emoji, a curly quote), which
    legitimate words ("PÅ”") do not, or two runs or more must read as common
    accented letters and nothing else ("TrÃ¨s fiÃ¨re"): legitimate words that
    look garbled read as rare letters ("Ŕ" from "Å”"), as symbols, or as small
    letters inside words in capitals ("CĂŞTI" in Windows-1250 reads "CêTI").
    """
    if not every:
        return False
    chars = "".join(decoded[0] for _, decoded in runs if decoded is not None)
    if any(ord(c) >= 0x800 for c in chars):
        return True
    return (
        len(runs) >= 2
        and all(_accented(c) for c in chars)
        and all(_cased_like_its_word(match, decoded[0]) for match, decoded in runs if decoded)
    )


def _cased_like_its_word(match: re.Match[str], text: str) -> bool:
    """False for small letters read from a run inside a word whose other letters are
    capitals: garbled capitals read back as capitals ("MÃœNCHEN", "MÜNCHEN")."""
    if not text.islower():
        return True
    line = match.string
    start, end = match.span()
    while start and line[start - 1].isascii() and line[start - 1].isalpha():
        start -= 1
    while end < len(line) and line[end].isascii() and line[end].isalpha():
        end += 1
    around = line[start : match.start()] + line[match.end() : end]
    return len(around) < 2 or not around.isupper()


# start, end, result, and per layer of garbling (outer first) the code pages that read it
_Span = tuple[int, int, str, list[frozenset[str]]]


def _read(
    line: str, runs: tuple[_Run, ...], level: int, letters: bool
) -> tuple[str, list[_Span]] | None:
    """``line`` with each garbled run read back, or None when a run needs the full reading."""
    pieces: list[str] = []
    spans: list[_Span] = []
    last = 0
    for match, decoded in runs:
        if decoded is None:
            return None
        text, names = decoded
        start, end = match.span()
        layers = [frozenset(names)]
        if still_garbled(text):
            if level + 1 >= _LEVELS:
                return None
            # Garbled twice: read the reading again, for emoji only ("É…" reads as
            # "Ʌ", but a reading that is itself plausible text is for the full reading).
            again = _read(text, _readings(text)[0], level + 1, False)
            if again is not None and again[1]:
                text = again[0]
                depth = max(len(inner) for *_, inner in again[1])
                layers += [
                    frozenset.intersection(*(inner[k] for *_, inner in again[1] if len(inner) > k))
                    for k in range(depth)
                ]
            elif not letters:
                return None  # not readable, or only C1 controls left: the full reading
            # In a line of garbled letters, repaired letters may meet in a pair that
            # looks garbled ("íš"): read_lossless takes the line if that is all there is.
        if not _settled(line, start, end, text, letters):
            return None
        pieces += [line[last:start], qualify_emoji(line[max(0, start - 1) : start], text)]
        spans.append((start, end, pieces[-1], layers))
        last = end
    pieces.append(line[last:])
    return "".join(pieces), spans


def _names(spans: list[_Span]) -> list[str]:
    """The code pages to name for each span: per layer, the first that reads every run.

    The line was garbled with one code page (per layer), which the full reading names too.
    """
    return list(_layer_names(tuple(tuple(layers) for *_, layers in spans)))


@lru_cache(maxsize=1024)  # the same few sets of code pages come back line after line
def _layer_names(spans: tuple[tuple[frozenset[str], ...], ...]) -> tuple[str, ...]:
    """:func:`_names`, given per span the code pages that read each layer."""
    order = _order()
    depth = max(len(layers) for layers in spans)
    shared = [
        _first(order, frozenset.intersection(*(ls[k] for ls in spans if len(ls) > k)))
        for k in range(depth)
    ]
    named = []
    for layers in spans:
        code_page_names = [
            shared[k] or _first(order, layer) or "?" for k, layer in enumerate(layers)
        ]
        named.append(" then ".join(dict.fromkeys(code_page_names)))
    return tuple(named)


@cache
def _order() -> tuple[str, ...]:
    return tuple(name for name, _ in _tables())


def _first(order: tuple[str, ...], names: frozenset[str]) -> str:
    """The first code page of ``order`` among ``names`` ('' if none)."""
    return next((name for name in order if name in names), "")


def read_lossless(line: str) -> tuple[str, list[tuple[int, int, str, str]]] | None:
    """Read ``line`` when no byte was lost and each garbled run decodes as UTF-8
    alike in every code page that holds it, to plain emoji, punctuation or (when
    the whole line is garbled) common letters.

    The repaired line and its repairs (start, end, result, code page), or None:
    a byte was lost, code pages disagree, or what the bytes decode to might be
    legitimate text, all for the readers after this one.
    """
    read = _lossless_spans(line)
    return None if read is None else _named(*read)


def quick_text_and_spans(line: str) -> tuple[str, list[tuple[int, int]]] | None:
    """The two quick readings as text alone: what :func:`read_lossless`, else
    :func:`read_lost_without_letters`, makes of ``line``, and where its repairs
    lie, with no code page named and no alternative weighed; None when neither
    answers."""
    read = _lossless_spans(line)
    if read is None:
        lost = _lost_without_letters_spans(line, alternatives=False)
        read = None if lost is None else lost[0]
    return None if read is None else (read[0], [(a, b) for a, b, *_ in read[1]])


def _lossless_spans(line: str) -> tuple[str, list[_Span]] | None:
    """:func:`read_lossless`, its spans not yet named."""
    runs, every = _readings(line)
    if any(decoded is None for _, decoded in runs):
        return None  # a run with no one reading (the usual case): skip judging the others
    return _read_line(line, runs, every)


def _named(fixed: str, spans: list[_Span]) -> tuple[str, list[tuple[int, int, str, str]]]:
    """A reading's spans as repairs (start, end, result, code page)."""
    names = _names(spans)
    return fixed, [(a, b, text, name) for (a, b, text, _), name in zip(spans, names, strict=True)]


def _read_line(line: str, runs: tuple[_Run, ...], every: bool) -> tuple[str, list[_Span]] | None:
    """:func:`read_lossless` of ``line`` whose garbled runs each have one reading."""
    if _quoted(runs):
        return None
    letters = _all_garbled(runs, every)
    read = _read(line, runs, 0, letters)
    if read is None or not read[1]:
        return None
    fixed, spans = read
    if still_garbled(fixed) and not (letters and only_meetings(fixed)):
        return None  # something is still garbled
    return fixed, spans


@lru_cache(maxsize=4096)  # the same garbled emoji come back line after line
def _lost_emoji(run: str) -> tuple[str, tuple[str, ...], int] | None:
    """The one emoji sequence that ``run`` is, with bytes dropped, in every code
    page that holds it: the sequence, those code pages, and how many bytes were
    lost; None when none or several are.

    A single symbol of three bytes does not count: the same run may be
    punctuation that lost a byte ("â€" is ” or ☀).
    """
    found: str | None = None
    names: list[str] = []
    lost = 0
    for index, raw in enumerate(_encodings(run)):
        if raw is None:
            continue
        wholes = whole_emoji(index, run)
        for sequence, dropped in wholes:
            if found is None:
                found, lost = sequence, sum(dropped)
            elif sequence != found:
                return None
        if wholes:
            names.append(_tables()[index][0])
    if found is None or _lone_symbol(found):
        return None
    return found, tuple(names), lost


def _lone_symbol(sequence: str) -> bool:
    """An emoji of one character of three bytes: the same run may be punctuation
    that lost a byte ("â€" is ☀ with a byte lost in Windows-1250, or ”)."""
    return len(sequence) == 1 and sequence < "\U00010000"


def read_lost_without_letters(
    line: str,
) -> tuple[str, list[tuple[int, int, str, str, int, tuple[str, ...]]]] | None:
    """Read ``line`` where bytes were lost, but only in runs with no letter among
    their readings (emoji, punctuation): the repaired line and its repairs
    (start, end, result, code page, bytes restored, alternatives), or None.

    A run that only one emoji sequence fits (see :func:`_lost_emoji`) reads best
    as that emoji in the full reading too: any other reading leaves stray parts
    of it. Other runs ("ğŸµ": 🎵 🍵 🏵 🐵; "â€": ” or ‐) are read as the full
    reading reads them (see :func:`_ranked_run`). Either counts as a character of
    three bytes or more when the quick reading judges whether the whole line is
    garbled (and so takes its letters).
    """
    found = _lost_without_letters_spans(line, alternatives=True)
    if found is None:
        return None
    (fixed, spans), lost = found
    repairs = []
    for a, b, text, name in _named(fixed, spans)[1]:
        restored, others = lost.get(a, (0, {}))
        repairs.append((a, b, text, name, restored, others.get(name, ())))
    return fixed, repairs


_Lost = dict[int, tuple[int, dict[str, tuple[str, ...]]]]  # per run: bytes restored, alternatives


def _lost_without_letters_spans(
    line: str, alternatives: bool
) -> tuple[tuple[str, list[_Span]], _Lost] | None:
    """:func:`read_lost_without_letters`, its spans not yet named, with per run that lost bytes
    (by where it starts) the bytes restored and the alternatives per code page
    (none unless ``alternatives``)."""
    runs, every = _readings(line)
    read: list[_Run] = []
    lost: _Lost = {}
    quotes: tuple[int, int] | None = (0, 0)  # unmatched “ and ‘ before the run, repairs made
    last = 0
    held: frozenset[int] | None = None
    for match, decoded in runs:
        start, end = match.span()
        quotes = _add_quotes(quotes, line[last:start])
        last = end
        if decoded is None:
            if _beside_replacement(match):
                return None
            whole = _lost_emoji(match.group())
            if whole is None:
                if held is None:
                    held = holding_code_pages(line)
                ranked = _ranked_run(match, quotes, held, alternatives)
                if ranked is None:
                    return None
                text, restored, others = ranked
                names = tuple(others)
            else:
                text, names, restored = whole
                others = {}
            decoded, lost[start] = (text, names), (restored, others)
        read.append((match, decoded))
        quotes = _add_quotes(quotes, _as_counted(match.group(), decoded[0]))
    if not lost:
        return None  # the quick reading's lines
    answer = _read_line(line, tuple(read), every)
    return None if answer is None else (answer, lost)


def _add_quotes(quotes: tuple[int, int] | None, text: str | None) -> tuple[int, int] | None:
    """:func:`postkit.mojibake.search.add_quotes`, where either may not be known (None)."""
    return None if quotes is None or text is None else add_quotes(quotes, text)


def _as_counted(run: str, text: str) -> str | None:
    """What the full reading counts the quotes of, for a run the quick reading reads
    as ``text``; None when that is not known.

    It counts the repair, or the run as it stands when it leaves it. Letters it
    may leave ("Î“" is Γ, and holds “), and text garbled twice, which it reads
    again, count as known only when both hold the same quotes.
    """
    if not still_garbled(text) and not any(c.isalpha() for c in text):
        return text  # emoji and punctuation: repaired in the full reading too
    return text if open_quotes(text) == open_quotes(run) else None


def _beside_replacement(match: re.Match[str]) -> bool:
    """Whether U+FFFD stands right before or after a run.

    A decoder put U+FFFD where it met a byte it could not read: the full reading
    takes it into the run beside it as a lost byte (so "рџ«" + "\ufffd" is 🫘),
    where these runs, made of characters that map back to a byte, stop short of it.
    """
    line = match.string
    start, end = match.span()
    return line[start - 1 : start] == "\ufffd" or line[end : end + 1] == "\ufffd"


def _ranked_run(
    match: re.Match[str],
    quotes: tuple[int, int] | None,
    held: frozenset[int],
    alternatives: bool = True,
) -> tuple[str, int, dict[str, tuple[str, ...]]] | None:
    """The full reading's choice for a run that lost bytes and has no letter among
    its readings (see :func:`postkit.mojibake.search.read_lost_run`): the result,
    the bytes restored, and per code page that reads it so, the alternatives it
    weighed; None unless every code page that can read the run chooses alike.

    Those are the code pages in ``held``, which hold every garbled run of the
    line (the full reading then reads it with them), or when none does, those
    that garble an emoji sequence to the run (see :func:`_emoji_code_pages`).

    Code pages that drop different bytes weigh different alternatives ("â˜ï¸" is
    ☁️ or ☝️ in Windows-1252, and also ☎️ in Windows-1254): the repair shows
    those of the code page it is named for, as the full reading does (none
    without ``alternatives``).
    """
    start, end = match.span()
    found: Fix | None = None
    others: dict[str, tuple[str, ...]] = {}
    run = match.group()
    for index in sorted(held) or _emoji_code_pages(run):
        if not all(unit.candidates for unit in units(index, run)):
            # No reading of the whole run with this code page ("â˜ï¸", "ï¸âƒ£" in
            # Mac Roman): what it reads leaves the rest looking garbled, which
            # loses to a code page that reads it all (none does: None below).
            continue
        fix = read_lost_run(index, match.string, start, end, quotes, alternatives)
        if fix is None:
            return None
        if found is None:
            found = fix
        elif (fix.result, fix.restored) != (found.result, found.restored):
            return None
        others[_tables()[index][0]] = fix.alternatives
    if found is None:
        return None
    return found.result, found.restored, others


def _emoji_code_pages(run: str) -> list[int]:
    """The code pages that garble an emoji sequence to ``run``, other than a lone
    symbol (see :func:`_lone_symbol`)."""
    return [
        index
        for index, raw in enumerate(_encodings(run))
        if raw is not None
        and any(not _lone_symbol(sequence) for sequence, _ in whole_emoji(index, run))
    ]


def _quoted(runs: tuple[_Run, ...]) -> bool:
    """Whether a run ends in a word's closing quote (see :func:`quoted_end`), which
    the full reading reads apart from the word."""
    return any(quoted_end(match.string, *match.span()) < match.end() for match, _ in runs)


def code_page_reading_all(repairs: Iterable[tuple[str, str]]) -> str:
    """The code page the quick reading names for these repairs of one line (garbled
    text, result): the first that reads each garbled text as its result, with no
    byte lost and text garbled once; '' if none does."""
    shared: frozenset[str] | None = None
    for garbled, result in repairs:
        decoded = _decode(garbled)
        if decoded is None or decoded[0].replace(VS16, "") != result.replace(VS16, ""):
            return ""
        shared = frozenset(decoded[1]) if shared is None else shared & frozenset(decoded[1])
    return _first(_order(), shared) if shared else ""


def holding_code_pages(line: str) -> frozenset[int]:
    """The code pages that hold every garbled run of ``line``, by index: the only
    ones that can have garbled it.

    When only one code page can have garbled the line, reading it with that code page
    alone is the full reading's answer, without trying the others; when several
    can, the best of them.
    """
    found: frozenset[int] | None = None
    for match, _ in _readings(line)[0]:
        held = frozenset(i for i, raw in enumerate(_encodings(match.group())) if raw is not None)
        found = held if found is None else found & held
        if not found:
            break
    return found or frozenset()


def peel_outer_layer(line: str) -> tuple[str, list[tuple[int, int, str, str, int]]] | None:
    """Read back only the outer layer of text garbled twice, when that layer reads
    one way: the peeled text (still garbled), and per run (start, end, reading,
    code page, bytes restored).

    Text garbled twice, with a byte lost the first time, reads back cleanly once
    ("Ã°Å¸â€¦" is "ðŸ…" in every code page that holds it) and needs weighing only
    the second time. A run whose outer layer lost a byte is certain when only
    one way of putting it back reads as garbled emoji (see :func:`_outer_lost`).
    None unless every garbled run reads back and some are still garbled.
    """
    runs = _readings(line)[0]
    if _quoted(runs):
        return None
    pieces: list[str] = []
    spans: list[_Span] = []
    restored: dict[int, int] = {}
    last = 0
    for match, decoded in runs:
        if decoded is None:
            outer = None if _beside_replacement(match) else _outer_lost(match.group())
            if outer is None:
                return None
            decoded, restored[match.start()] = outer[:2], outer[2]
        start, end = match.span()
        reading = decoded[0]
        if not still_garbled(reading) and not _settled(line, start, end, reading, False):
            return None  # a run that may be legitimate ("É…"): for the full reading
        pieces += [line[last:start], reading]
        spans.append((start, end, reading, [frozenset(decoded[1])]))
        last = end
    pieces.append(line[last:])
    peeled = "".join(pieces)
    if not spans or not still_garbled(peeled):
        return None
    names = _names(spans)
    return peeled, [
        (a, b, text, name, restored.get(a, 0))
        for (a, b, text, _), name in zip(spans, names, strict=True)
    ]


_COMBINATIONS = 64  # readings of a run worth trying one by one


@lru_cache(maxsize=1024)  # peeling is tried for the fast route, then by read_outer_layer_first
def _outer_lost(run: str) -> tuple[str, tuple[str, ...], int] | None:
    """The outer reading of a run garbled twice whose outer layer lost a byte,
    when exactly one reading, over the code pages that read the whole run, is
    itself garbled text that reads back whole as emoji or punctuation: that
    reading, those code pages, and the bytes put back; None otherwise.

    "Ã°Å¸â€Â¥" is 🔥 garbled with Windows-1252 twice, the second time dropping
    the byte 0x9D of "”": of the characters "â€" and a byte can make, only "”"
    gives "ðŸ”¥", which reads back as 🔥.
    """
    found: dict[str, int] = {}
    names: dict[str, list[str]] = {}
    for index, raw in enumerate(_encodings(run)):
        if raw is None:
            continue
        pieces = units(index, run)
        if len(pieces) < 2 or any(not unit.candidates or unit.weak for unit in pieces):
            continue  # no garbled pair in one character; or not read whole
        count = 1
        for unit in pieces:
            count *= len(unit.candidates)
        if count > _COMBINATIONS:
            return None
        for choice in product(*(unit.candidates for unit in pieces)):
            text = "".join(char for char, _ in choice)
            guessed = sum(lost for _, lost in choice)
            if guessed and _reads_whole(text):
                found[text] = min(guessed, found.get(text, guessed))
                names.setdefault(text, []).append(_tables()[index][0])
    if len(found) != 1:
        return None
    ((text, guessed),) = found.items()
    return text, tuple(dict.fromkeys(names[text])), guessed


def _reads_whole(text: str) -> bool:
    """Whether ``text`` is one garbled run that reads back, with no byte lost,
    as whole emoji or punctuation of three bytes or more."""
    if _runs().fullmatch(text) is None or suspect().search(text) is None:
        return False
    decoded = _decode(text)
    return decoded is not None and _settled(decoded[0], 0, len(decoded[0]), decoded[0], False)


def quick_caches_clear() -> None:
    """Forget the runs read before (for benchmarks that time cold work)."""
    _decode.cache_clear()
    _encodings.cache_clear()
    _readings.cache_clear()
    _lost_emoji.cache_clear()
    _outer_lost.cache_clear()
    _layer_names.cache_clear()
    _settled_in.cache_clear()
