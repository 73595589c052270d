"""Reading garbled runs: which bytes they were, and which UTF-8 text fits best.

A run is a stretch of characters that one code page maps back to bytes. Its bytes
fall into would-be UTF-8 sequences ("units"); a unit missing one byte gets every
byte the code page lacks put back in turn. A beam search over the units keeps the
readings that score best (:mod:`postkit.mojibake.score`), and :func:`plan` picks,
run by run, the readings worth trusting over the text as it stands.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations, product
from typing import NamedTuple

from postkit.emoji_forms import qualified_forms
from postkit.mojibake.code_pages import CODE_PAGES, CodePage, emoji_components
from postkit.mojibake.lost_bytes import Whole, whole_emoji
from postkit.mojibake.score import (
    BEFORE_WORD,
    COMMON_LATIN,
    PAIRED,
    VS16,
    LeftKind,
    broken_parts,
    char_score,
    closes_quote,
    context_scripts,
    find_emoji,
    has_emoji,
    is_assigned,
    kind_score,
    left_kind,
    nearby_words,
    open_quotes,
    pairing_score,
    rare_letter,
    script,
    script_group,
    structure_score,
)

WILDCARD = -1  # a byte that became U+FFFD: any byte the code page lacks
_BEAM = 32
_CHUNK = 64  # longest stretch of a run read in one go
_OPTIONS = 16  # readings of one unit worth carrying into the beam
REACH = 12  # characters of context either side when judging emoji sequences
_ALTERNATIVES = 4


@dataclass(frozen=True)
class _CodePage:
    """A code page prepared for repair: which characters map back to which bytes."""

    definition: CodePage  # its name, its codec and the bytes it has no character for
    encode: dict[str, int]
    run: re.Pattern[str]
    pair: re.Pattern[str]
    fill: tuple[int, ...]


def _lead_length(byte: int) -> int:
    if 0xC2 <= byte <= 0xDF:
        return 1
    if 0xE0 <= byte <= 0xEF:
        return 2
    if 0xF0 <= byte <= 0xF4:
        return 3
    return 0


def _is_continuation(byte: int) -> bool:
    return 0x80 <= byte <= 0xBF or byte == WILDCARD


def char_class(chars: str) -> str:
    return "".join(f"\\u{ord(c):04x}" if ord(c) > 0x7F else re.escape(c) for c in chars)


@cache
def code_pages() -> tuple[_CodePage, ...]:
    prepared = []
    for code_page in CODE_PAGES:
        encode = {char: byte for byte, char in code_page.decode_table.items()}
        for byte in range(0x80, 0xA0):  # bytes kept as C1 control characters
            encode.setdefault(chr(byte), byte)
        encode["\ufffd"] = WILDCARD
        short = char_class("".join(c for c, b in encode.items() if 1 <= _lead_length(b) <= 2))
        long = char_class("".join(c for c, b in encode.items() if _lead_length(b) == 3))
        conts = char_class("".join(c for c, b in encode.items() if _is_continuation(b)))
        prepared.append(
            _CodePage(
                code_page,
                encode,
                re.compile(f"[{char_class(''.join(encode))}]+"),
                # At most one byte of a sequence is lost, so a four-byte lead needs
                # two continuation bytes after it to look garbled.
                re.compile(f"[{short}][{conts}]|[{long}][{conts}]{{2}}"),
                code_page.undefined or tuple(range(0x80, 0xC0)),
            )
        )
    return tuple(prepared)


def utf8(raw: bytes) -> str | None:
    """``raw`` decoded as UTF-8, or None if it is not UTF-8.

    Garbled runs are decoded by the thousand and most are not UTF-8 (a byte was
    lost): replacing errors and looking for U+FFFD costs less than an exception
    each time. Only bytes that hold a real U+FFFD are decoded strictly.
    """
    text = raw.decode("utf-8", "replace")
    if "\ufffd" not in text:
        return text
    if b"\xef\xbf\xbd" not in raw:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


@cache
def suspect() -> re.Pattern[str]:
    """A garbled-looking pair under some code page: a UTF-8 lead byte, then continuations."""
    return re.compile("|".join(f"(?:{code_page.pair.pattern})" for code_page in code_pages()))


@cache
def rough() -> re.Pattern[str]:
    """A quick superset of :func:`suspect`: any lead character, then any continuation."""
    leads: set[str] = set()
    conts: set[str] = set()
    for code_page in code_pages():
        leads.update(c for c, b in code_page.encode.items() if _lead_length(b))
        conts.update(c for c, b in code_page.encode.items() if _is_continuation(b))
    return re.compile(
        f"[{char_class(''.join(sorted(leads)))}][{char_class(''.join(sorted(conts)))}]"
    )


C1 = re.compile("[\x80-\x9f]")  # bytes a code page lacked, kept as control characters


@cache
def _runs_of_any_code_page() -> re.Pattern[str]:
    """Stretches of characters some code page maps back to a byte (U+FFFD included)."""
    chars = {c for code_page in code_pages() for c in code_page.encode}
    return re.compile(f"[{char_class(''.join(sorted(chars)))}]+")


def code_page_text(text: str) -> str:
    """The stretches of ``text`` that code pages map back to bytes, apart.

    Every garbled-looking pair lies inside one, so counting pairs here counts
    them in ``text``, without scanning its plain words (most of a post).
    """
    return "\x00".join(_runs_of_any_code_page().findall(text))


def has_pair(text: str) -> bool:
    """Whether ``text`` holds a garbled-looking pair (:func:`suspect`).

    The pattern tries every code page at every character: it is tried only
    from the first pair the rough pattern (a superset) finds, and in a long
    text, only in the stretches of code-page characters.
    """
    first = rough().search(text)
    if first is None:
        return False  # no pair of a lead and a continuation character at all
    if len(text) > 32:
        text = code_page_text(text[first.start() :])
        return suspect().search(text) is not None
    return suspect().search(text, first.start()) is not None


def still_garbled(text: str) -> bool:
    """Whether a reading holds a garbled-looking pair or a C1 control: more to read."""
    return C1.search(text) is not None or has_pair(text)


def looks_garbled(text: str) -> bool:
    return not text.isascii() and has_pair(text)


def garbled_lines(text: str) -> list[tuple[int, int]]:
    """Start and end of each line of ``text`` that looks garbled (the fast path skips the rest)."""
    spans: list[tuple[int, int]] = []
    done = 0
    for match in rough().finditer(text):
        if match.start() < done:
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        # No garbled-looking pair starts before the first rough one of the line.
        if suspect().search(text, match.start(), end):
            spans.append((start, end))
        done = end
    return spans


class _Unit(NamedTuple):
    """One would-be UTF-8 sequence inside a run: a lead byte and its continuation bytes.

    (Named tuples here and below: made by the thousand, they cost less to make
    than frozen dataclasses.)"""

    start: int
    end: int
    candidates: tuple[tuple[str, int], ...]  # (character, bytes guessed)
    weak: bool  # a two-byte lead whose only continuation byte was lost


def _never_meant(char: str) -> bool:
    """Characters no guess puts back where an emoji was: variation selectors 1-15
    and the vertical and small forms (U+FE10-U+FE6F). After an emoji they would
    make a sequence that is not RGI. U+FE0E (text style) is real, but when its
    last byte was lost, U+FE0F reads the same bytes and makes the fully-qualified
    emoji that repairs give."""
    return "\ufe00" <= char <= "\ufe0e" or "\ufe10" <= char <= "\ufe6f"


@cache
def _candidates(
    code_page_index: int, lead: int, conts: tuple[int, ...]
) -> tuple[tuple[str, int], ...]:
    """Every valid, assigned character these bytes can be, with lost bytes put back."""
    need = _lead_length(lead)
    missing = need - len(conts)
    if missing < 0 or missing > 1:
        return ()
    code_page = code_pages()[code_page_index]
    if missing and not code_page.definition.undefined:
        return ()
    found: dict[str, int] = {}
    for positions in combinations(range(need), missing):
        for inserted in product(code_page.definition.undefined, repeat=missing):
            sequence = list(conts)
            for position, byte in zip(positions, inserted, strict=True):
                sequence.insert(position, byte)
            wild = [i for i, b in enumerate(sequence) if b == WILDCARD]
            for filling in product(code_page.fill, repeat=len(wild)):
                for i, byte in zip(wild, filling, strict=True):
                    sequence[i] = byte
                try:
                    char = bytes([lead, *sequence]).decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if _never_meant(char):
                    continue
                if is_assigned(char) or "\x80" <= char <= "\x9f":
                    guessed = missing + len(wild)
                    found[char] = min(found.get(char, guessed), guessed)
    return tuple(found.items())


def units(code_page_index: int, run: str) -> tuple[_Unit, ...]:
    """The would-be UTF-8 sequences of ``run`` under code page ``code_page_index``.

    Runs the full reading reads are short (see :func:`_chunks`) and come back
    line after line: those are cached. A long run (the quick reading asks about
    whole runs) is not: 4,096 of them, each a tuple of hundreds of units, took
    hundreds of megabytes.
    """
    if len(run) > 2 * _CHUNK:
        return _units(code_page_index, run)
    return _cached_units(code_page_index, run)


def clear_units_cache() -> None:
    """Forget the units of runs seen before (see :func:`units`)."""
    _cached_units.cache_clear()


@lru_cache(maxsize=4096)
def _cached_units(code_page_index: int, run: str) -> tuple[_Unit, ...]:
    return _units(code_page_index, run)


def _units(code_page_index: int, run: str) -> tuple[_Unit, ...]:
    code_page = code_pages()[code_page_index]
    codes = [code_page.encode[c] for c in run]
    units: list[_Unit] = []
    i = 0
    while i < len(codes):
        need = _lead_length(codes[i])
        j = i + 1
        while need and j < len(codes) and j - i - 1 < need and _is_continuation(codes[j]):
            j += 1
        found = _candidates(code_page_index, codes[i], tuple(codes[i + 1 : j])) if need else ()
        units.append(_Unit(i, j, found, need == 1 and j == i + 1))
        i = j
    return tuple(units)


# Lead bytes of three-byte sequences whose every character lies outside the Latin
# script's common letters and has no emoji: U+0800-U+0FFF and U+4000-U+DFFF.
MEETING_LEADS = frozenset({0xE0, *range(0xE4, 0xEE)})


@lru_cache(maxsize=256)  # bounded: its keys come from the lines read
def only_meetings(text: str) -> bool:
    """Whether all that looks garbled in ``text`` is where repaired Latin letters
    meet, which no further pass reads ("íš" in Czech "příště").

    In every code page, each sequence its bytes start is then a lone lead byte (a
    weak unit, read only beside a trusted repair) or a three-byte lead and one
    continuation byte, in a run of letters, whose every completion lies in
    U+0800-U+0FFF or U+4000-U+DFFF: Indic, CJK, Hangul and rare symbols and
    letters, none an emoji. In a line whose letters are Latin, such a character
    scores at most the byte it guesses (a foreign script, or a rare Latin
    letter), and the letters beside it in its run score nothing, so no reading
    of the run scores above zero and none is plausible (see :func:`_plausible`):
    reading the text again with every code page repairs nothing. (A symbol in
    the run would count: "®" scores as an emoji, "©️" is one.)

    Cached: the reading that repaired a line asks about its result, and so does
    the round after it (:func:`postkit.mojibake.repair._more_rounds`).
    """
    if C1.search(text) or any(
        c.isalpha() and not c.isascii() and script(c) != "LATIN" for c in text
    ):
        return False
    for index, code_page in enumerate(code_pages()):
        for start, end in runs_of_code_page(index, text):
            if end - start < 2:
                continue  # one character: a lone lead byte at most, read only as weak
            run = text[start:end]
            meets = False
            for unit in units(index, run):
                if not unit.candidates or unit.weak:
                    continue
                if (
                    unit.end - unit.start != 2
                    or code_page.encode[run[unit.start]] not in MEETING_LEADS
                ):
                    return False
                meets = True
            if meets and not run.isalpha():
                return False
    return True


class _Reading(NamedTuple):
    text: str
    score: float
    restored: int
    decoded: int  # how many units were read as UTF-8 (the rest kept as they were)


_Chain = tuple[str, "_Chain"] | None


def _first(entry: tuple[float, _Chain, int, int]) -> float:
    return entry[0]


def unchain(chain: _Chain) -> str:
    pieces: list[str] = []
    while chain is not None:
        pieces.append(chain[0])
        chain = chain[1]
    return "".join(reversed(pieces))


def _read_run(where: Where, line: str, start: int, code_page_index: int) -> list[_Reading]:
    """The best readings of one run, best first: its one reading when each unit
    reads one way, else the emoji it can wholly be, else a beam search over its units."""
    single = _single_reading(where)
    if single is not None:
        made = [single]
    else:
        made = _whole_readings(where, whole_emoji(code_page_index, where.run)) or _beamed(where)
    return _in_context(made, line, start, where)


def _beamed(where: Where) -> list[tuple[float, str, int, int]]:
    """The beam's readings of a run (see :func:`beam`), as text."""
    return [
        (score, unchain(chain), restored, decoded)
        for score, chain, restored, decoded in beam_search(where)
    ]


def _in_context(
    made: list[tuple[float, str, int, int]], line: str, start: int, where: Where
) -> list[_Reading]:
    """Readings of the run of ``where`` at ``start`` in ``line`` with their emoji
    judged in context, best first (equal scores in order)."""
    end = start + len(where.run)
    left, right = line[max(0, start - REACH) : start], line[end : end + REACH]
    words = nearby_words(line[max(0, start - 120) : end + 120])
    readings = [
        _Reading(text, score + structure_score(left, text, right, words), restored, decoded)
        for score, text, restored, decoded in made
    ]
    readings.sort(key=lambda r: -r.score)
    return readings


_Entry = tuple[float, _Chain, int, int]  # score, reading, bytes restored, units decoded


class Where(NamedTuple):
    """A run to read, and what its characters are scored against."""

    units: tuple[_Unit, ...]
    run: str
    before: str  # the character before the run ('' at the start of the line)
    quotes: tuple[int, int]  # unmatched “ and ‘ before it
    scripts: frozenset[str]  # of the line
    allow_weak: bool  # whether weak units are read too

    def kept(self, unit: _Unit) -> bool:
        """Whether ``unit`` stays as it stands: nothing to read, or weak and not read."""
        return not unit.candidates or (unit.weak and not self.allow_weak)

    def value(self, char: str, guessed: int, kind: LeftKind) -> float:
        """What reading ``char`` (``guessed`` bytes put back) adds to a reading's score."""
        return kind_score(char, self.scripts, kind) + pairing_score(char, *self.quotes) - guessed


def beam_search(where: Where) -> list[_Entry]:
    """The best partial readings of a run, unit by unit, before emoji are judged.

    Each reading is a linked list (char, previous) so extending it costs O(1).
    A unit's options are scored once per kind of character before them (see
    :func:`postkit.mojibake.score.left_kind`), not once per reading.

    When the beam is in score order, an option ranked ``j`` (from 0) for the
    ``r``-th reading (from 0) after the same kind of character cannot make the
    cut if ``(r + 1) * (j + 1)`` exceeds the width: that many readings at least
    as good come before it. Skipping those keeps the result the same.
    """
    beam: list[_Entry] = [(0.0, None, 0, 0)]
    in_order = True  # the beam is sorted best first (ties in the order they were made)
    # Emoji sequences are short: a long run (a paragraph of garbled Cyrillic, say)
    # needs only a narrow beam, which keeps the work linear in the run.
    width, keep = (_BEAM, _OPTIONS) if len(where.units) <= 24 else (4, 4)
    for unit in where.units:
        if where.kept(unit):
            original = where.run[unit.start : unit.end]
            beam = [(score, (original, chain), r, d) for score, chain, r, d in beam]
            continue
        options: list[tuple[str, int]] = list(unit.candidates)
        if len(options) > keep:
            # Many readings (a byte lost to U+FFFD, say): keep the likeliest on their own.
            options.sort(key=lambda o: -char_score(o[0], where.scripts, ""))
            options = options[:keep]
        # Only a beam that will be cut needs its options in order (the order of
        # equal scores is kept either way).
        prune = in_order and len(beam) * len(options) > width
        valued: dict[tuple[LeftKind, bool], list[tuple[float, str, int]]] = {}
        seen: dict[tuple[LeftKind, bool], int] = {}  # readings so far after each kind
        grown: list[_Entry] = []
        made = 0
        for score, chain, restored, decoded in beam:
            left = chain[0][-1:] if chain else where.before
            # U+FE0F after a character no emoji holds is a stray part: a reading
            # with one is never trusted (see _plausible), so it is not made at all.
            key = (left_kind(left), left in emoji_components())
            values = valued.get(key)
            if values is None:
                values = [
                    (where.value(c, g, key[0]), c, g) for c, g in options if key[1] or c != VS16
                ]
                if prune:
                    values.sort(key=_minus_first)  # stable: equal values keep their order
                valued[key] = values
            made += len(values)
            if prune:
                rank = seen.get(key, 0)
                seen[key] = rank + 1
                values = values[: width // (rank + 1)]
            for value, char, guessed in values:
                grown.append((score + value, (char, chain), restored + guessed, decoded + 1))
        if not grown:
            return []  # every reading would hold a stray U+FE0F: none is worth making
        in_order = made > width
        beam = heapq.nlargest(width, grown, key=_first) if in_order else grown
    return beam


def _minus_first(entry: tuple[float, str, int]) -> float:
    return -entry[0]


def _whole_readings(where: Where, wholes: tuple[Whole, ...]) -> list[tuple[float, str, int, int]]:
    """The readings of a run that lost bytes as each emoji sequence that garbles to
    it, scored as the beam would score them (score, text, bytes restored, units
    decoded), in the order of the units' candidates (which is the beam's order
    while it keeps every reading; readings of equal score may come out in another
    order than once it has cut some).

    A run that is wholly a garbled emoji reads best as one: any other reading
    leaves stray parts or splits the sequence, which :func:`structure_score`
    punishes far more than a character's score can make up. Reading only the
    whole emoji saves weighing every byte that could have been lost.
    """
    units = where.units
    if any(where.kept(unit) for unit in units):
        return []  # a unit read as it stands: no reading is wholly an emoji
    if len(units) == 1 and all(ord(sequence[0]) < 0x10000 for sequence, _ in wholes):
        return []  # one symbol of three bytes ("β‚" may be ☂ or ₐ): weigh every byte
    found = []
    for sequence, lost in wholes:
        if len(sequence) != len(units):
            continue
        score = 0.0
        left = where.before
        order = []
        for unit, char, guessed in zip(units, sequence, lost, strict=True):
            try:
                order.append(unit.candidates.index((char, guessed)))
            except ValueError:
                break  # a reading the units cannot make
            score += where.value(char, guessed, left_kind(left))
            left = char
        else:
            found.append((order, (score, sequence, sum(lost), len(units))))
    found.sort(key=lambda item: item[0])  # equal scores keep this order
    return [reading for _, reading in found]


def _single_reading(where: Where) -> tuple[float, str, int, int] | None:
    """The one reading of a run whose every unit reads one way, scored as the beam
    would score it; None when some unit offers a choice (the beam's work)."""
    pieces: list[str] = []
    score = 0.0
    restored = decoded = 0
    for unit in where.units:
        if where.kept(unit):
            pieces.append(where.run[unit.start : unit.end])
            continue
        if len(unit.candidates) > 1:
            return None
        char, guessed = unit.candidates[0]
        score += where.value(char, guessed, left_kind(pieces[-1][-1:] if pieces else where.before))
        pieces.append(char)
        restored += guessed
        decoded += 1
    return score, "".join(pieces), restored, decoded


def _plausible(
    reading: _Reading, line: str, start: int, end: int, where: Where, units: int
) -> bool:
    """Whether to trust a reading over the text as it stands (``units`` of the run
    decodable; ``where.allow_weak``: the code page vouched for by other runs)."""
    if not reading.decoded or reading.score <= 0:
        return False
    left, right = line[max(0, start - REACH) : start], line[end : end + REACH]
    if broken_parts(left, reading.text, right):
        return False
    if has_emoji(left, reading.text, right):
        # An emoji vouches for the run, unless a guess broke a word to make it.
        return not (reading.restored and _makes_foreign(reading.text, line, where))
    if not reading.restored and suspect().search(reading.text):
        return True  # garbled twice: this reading is itself garbled text
    if reading.score < 1.0 * units:
        return False
    if reading.restored and not where.allow_weak and _breaks_word(reading.text, line, start):
        return False
    if where.allow_weak or reading.restored or reading.decoded > 1:
        return True
    decoded = [c for c in reading.text if c not in line[start:end]]
    if decoded and ord(decoded[0]) >= 0x800:
        return True
    # A single two-byte reading with nothing lost ("Ã©" → "é") is where legitimate
    # text can look garbled ("PÅ”", "”£"): only accented Latin letters are taken
    # on their own, and only when ftfy's heuristic, which does this well, agrees.
    if len(decoded) != 1 or decoded[0] not in COMMON_LATIN:
        return False
    from ftfy.badness import is_bad

    return bool(is_bad(line[max(0, start - 1) : end + 1]))


def _breaks_word(text: str, line: str, start: int) -> bool:
    """Whether a reading turns the accented letter that goes on a word of plain
    Latin letters into a letter of three bytes or more ("café€3" as "caf遀3": "é€"
    and a guessed byte make a Han character)."""
    first = line[start]
    return (
        start > 0
        and line[start - 1].isascii()
        and line[start - 1].isalpha()
        and not first.isascii()
        and script(first) == "LATIN"
        and text[0] >= "\u0800"  # not a Greek or Cyrillic letter: text garbled twice holds those
        and text[0].isalpha()
        and script(text[0]) != "LATIN"  # nor Vietnamese ("Phá»Ÿ" is "Phở")
    )


def _makes_foreign(text: str, line: str, where: Where) -> bool:
    """Whether reading the run as ``text`` guesses a byte that turns letters into a
    rare letter, or a lone letter into one of a script neither the line nor its
    repairs show (Han, Hiragana and Katakana count as one).

    "Київ•" in Windows-1251 reads "ʘ蘿☕" with three bytes guessed: the emoji
    would vouch for the reading, but the word it breaks is a word. A letter read
    from a lead byte and a guess alone ("Д" as "Ę") is as doubtful; one read from
    its first bytes and a guess is what garbled Hiragana looks like ("ãŠ").
    """
    at = 0
    shown: frozenset[str] | None = None
    for unit in where.units:
        original = where.run[unit.start : unit.end]
        if where.kept(unit):
            at += len(original)
            continue
        char = text[at]
        at += 1
        if not (char.isalpha() and original.isalpha() and dict(unit.candidates).get(char)):
            continue
        if rare_letter(char):
            return True
        if not unit.weak:
            continue  # a letter with a byte put back after its others (Hiragana, "ãŠ")
        if shown is None:
            shown = frozenset(map(script_group, where.scripts | context_scripts(line)))
        if script_group(script(char)) not in shown:
            return True
    return False


class Fix(NamedTuple):
    """The repair of one run under one code page, as :func:`plan` makes it."""

    start: int
    end: int
    result: str
    alternatives: tuple[str, ...]
    restored: int
    score: float
    strong: bool


@lru_cache(maxsize=4096)  # bounded: its keys come from the lines read
def qualify_emoji(left: str, text: str) -> str:
    """Make the emoji a repair produced fully qualified, keeping bare text symbols.

    ``left`` is what stands before ``text`` (a character, or nothing).
    """
    if not text or max(text) < "\u2000":
        return text  # no emoji, nor any part of one (all lie above U+2000)
    forms = qualified_forms()
    whole = left + text
    pieces: list[str] = []
    last = 0
    for start, end, sequence in find_emoji(whole):
        if end <= len(left):
            continue
        pieces.append(whole[last:start])
        if len(sequence) > 1 or ord(sequence[0]) >= 0x1F000:
            sequence = forms.get(sequence.replace(VS16, ""), sequence)
        pieces.append(sequence)
        last = end
    pieces.append(whole[last:])
    joined = "".join(pieces)
    return joined[len(left) :] if joined.startswith(left) else text


@lru_cache(maxsize=1024)
def plan(code_page_index: int, line: str) -> tuple[Fix, ...]:
    """The repairs of one line under one code page."""
    runs = runs_of_code_page(code_page_index, line)
    if not runs:
        return ()
    unit_lists = [units(code_page_index, line[a:b]) for a, b in runs]
    outside = []
    last = 0
    for a, b in runs:
        outside.append(line[last:a])
        last = b
    outside.append(line[last:])
    confident = [
        u.candidates[0][0]
        for units in unit_lists
        for u in units
        if len(u.candidates) == 1 and u.candidates[0][1] == 0
    ]
    # Scripts of the text around the runs, and of what the runs surely decode to
    # (counted only when seen twice, so one odd reading cannot vouch for itself).
    decoded = Counter(s for s in map(script, confident) if s)
    scripts = context_scripts("".join(outside)) | {s for s, n in decoded.items() if n >= 2}
    scripts |= {s for s in context_scripts(confident) if s.startswith("lang:")}
    memo: dict[tuple[int, tuple[int, int]], list[_Reading]] = {}
    fixes = _plan_runs(runs, unit_lists, line, scripts, False, memo, code_page_index)
    if fixes is None:
        fixes = _plan_runs(runs, unit_lists, line, scripts, True, memo, code_page_index)
    return tuple(fixes or ())


def runs_of_code_page(code_page_index: int, line: str) -> list[tuple[int, int]]:
    """Where the runs of ``line`` that code page ``code_page_index`` reads lie (without
    the quote of :func:`quoted_end`, long runs in pieces, see :func:`_chunks`)."""
    code_page = code_pages()[code_page_index]
    found = []
    for match in code_page.run.finditer(line):
        start, end = match.span()
        end = quoted_end(line, start, end)
        found += _chunks(code_page, line, start, end)
    return found


_CLOSERS = frozenset("”»“›")


def quoted_end(line: str, start: int, end: int) -> int:
    """Where ``line[start:end]`` ends without the closing quote of a word in quotes.

    The last letters of a word in quotes and the quote can make a character
    ("IRMÃ”" reads "IRMÔ"), or nearly, with a byte guessed ("„Київ”", "«Não há»").
    With its opening quote before it, the quote is far more likely what it looks
    like: it is read as standing apart from the letters. A word starts where a
    space, a bracket or an opening quote that itself starts a word is before it,
    and a quote ends it where no letter follows: garbled text is full of the
    same characters ("рџ‘Њ" holds "‘" and "Њ"; "HÃ”TEL" is "HÔTEL").
    """
    closer = end - 1
    if closer <= start or line[closer] not in _CLOSERS or not line[closer - 1].isalpha():
        return end
    if end < len(line) and line[end].isalpha():
        return end
    first = closer - 1
    while first and line[first - 1].isalpha():
        first -= 1
    if not (
        _starts_word(line, first) or (line[first - 1] in _OPENING and _starts_word(line, first - 1))
    ):
        return end
    return closer if closes_quote(line[:closer], line[closer]) else end


def _starts_word(line: str, at: int) -> bool:
    return not at or line[at - 1] in BEFORE_WORD


_OPENING = frozenset("„“«‹‚‘")


def _has_letter(text: str) -> bool:
    """Whether a repair gave letters (not text that is itself garbled, "ðŸš€" in "Ã°Å¸Å¡â‚¬";
    letters that only look garbled where they meet, "ęś", are letters)."""
    return any(c.isalpha() for c in text) and (not still_garbled(text) or only_meetings(text))


def _chunks(code_page: _CodePage, line: str, start: int, end: int) -> list[tuple[int, int]]:
    """A long run cut into pieces of about :data:`_CHUNK` characters between sequences.

    Each piece is read on its own, which keeps a page-long garbled run linear in time.
    """
    pieces = []
    while end - start > _CHUNK:
        cut = start + _CHUNK
        while cut < min(end, start + _CHUNK + 4) and _is_continuation(code_page.encode[line[cut]]):
            cut += 1
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def add_quotes(quotes: tuple[int, int], text: str) -> tuple[int, int]:
    """``quotes`` (unmatched “ and ‘) with those ``text`` opens and closes."""
    double, single = open_quotes(text)
    return quotes[0] + double, quotes[1] + single


def _plan_runs(
    runs: list[tuple[int, int]],
    unit_lists: list[tuple[_Unit, ...]],
    line: str,
    scripts: frozenset[str],
    allow_weak: bool,
    memo: dict[tuple[int, tuple[int, int]], list[_Reading]],
    code_page_index: int,
) -> list[Fix] | None:
    """The repairs of the runs, in order; ``memo`` keeps the readings of runs without
    weak units, which trusting weak units does not change, for the second call.

    Unless ``allow_weak``, None as soon as weak units are to be trusted: when a
    strong run reads as letters, other runs of the line are surely garbled letters
    with this code page, and the short, weak-looking runs that are left ("Ã" for
    "Á", "Ã\xa0" for "à"), or that did not read, are read again trusting it. A
    garbled emoji alone does not vouch for them: beside it, "MÃE" and "PÅ”" are
    legitimate words whose letters a lost byte would explain just as well.
    """
    fixes: list[Fix] = []
    quotes = (0, 0)  # unmatched “ and ‘ before the current run, repairs included
    last = 0
    trusted = False  # a strong run read as letters
    # Weak units, or a run left unread: what trusting weak units would read again.
    missed = not allow_weak and any(u.weak and u.candidates for units in unit_lists for u in units)
    for (start, end), units in zip(runs, unit_lists, strict=True):
        quotes = add_quotes(quotes, line[last:start])
        last = start
        if not any(u.candidates for u in units):
            continue
        run = line[start:end]
        steady = not any(u.weak and u.candidates for u in units)
        before = line[start - 1 : start] if start else ""
        where = Where(units, run, before, quotes, scripts, allow_weak)
        readings = memo.get((start, quotes)) if steady else None
        if readings is None:
            readings = _read_run(where, line, start, code_page_index)
            if steady:
                memo[start, quotes] = readings
        fix = _fix(readings, line, start, where)
        if fix is None:
            missed = True
        elif not trusted and not allow_weak:
            trusted = fix.strong and _has_letter(fix.result)
        if trusted and missed:
            return None  # the rest would be read again: read it all trusting weak units
        if fix is None:
            continue
        fixes.append(fix)
        quotes = add_quotes(quotes, fix.result)
        last = end
    return fixes


def _fix(
    readings: list[_Reading], line: str, start: int, where: Where, alternatives: bool = True
) -> Fix | None:
    """The repair of the run at ``start`` from its readings (best first): the best,
    with the next plausible ones as alternatives (unless not wanted); None if the
    best is not plausible."""
    if not readings:
        return None  # every reading would hold a stray U+FE0F (see beam): nothing to trust
    units = where.units
    end = start + len(where.run)
    best = readings[0]
    decodable = sum(1 for u in units if u.candidates and (where.allow_weak or not u.weak))
    if not _plausible(best, line, start, end, where, decodable):
        return None
    left = line[max(0, start - 1) : start]
    result = qualify_emoji(left, best.text)
    others: list[str] = []
    for reading in readings[1:] if alternatives else ():
        if not _plausible(reading, line, start, end, where, decodable):
            continue
        other = qualify_emoji(left, reading.text)
        if other != result and other not in others and other != where.run:
            others.append(other)
            if len(others) == _ALTERNATIVES:
                break  # enough to show; the rest are worse
    strong = any(u.candidates and not u.weak for u in units)
    return Fix(start, end, result, tuple(others), best.restored, best.score, strong)


def read_lost_run(
    code_page_index: int,
    line: str,
    start: int,
    end: int,
    quotes: tuple[int, int] | None,
    alternatives: bool = True,
) -> Fix | None:
    """The full reading's repair of ``line[start:end]`` with code page ``code_page_index``,
    when the run lost bytes and no reading of it holds a letter: emoji that
    several sequences fit ("ğŸµ": 🎵 🍵 🏵 🐵), or punctuation ("â€" is ” after
    an opening “); None when the full reading would need more of the line.

    Such a run is read as :func:`plan` reads it, from the same readings, but
    without the rest of the line: with no letter to weigh, the scripts of the
    line do not count, and ``quotes`` are the unmatched “ and ‘ before it, the
    line's other repairs made (None: not known, which only a reading that pairs
    with a quote minds). Runs with a unit read as it stands are left to
    :func:`plan`, which reads them as the rest of the line decides, and so are
    runs it reads in pieces (see :func:`_chunks`). Without ``alternatives``,
    the repair lists none (the same repair, for callers that only want the text).
    """
    run = line[start:end]
    found = units(code_page_index, run)
    if end - start > _CHUNK or any(not u.candidates or u.weak for u in found):
        return None
    if quotes is None:
        if any(c in PAIRED for u in found for c, _ in u.candidates):
            return None
        quotes = (0, 0)  # no reading pairs with a quote: the count does not matter
    where = Where(found, run, line[start - 1 : start], quotes, frozenset(), False)
    if any(c.isalpha() for u in found for c, _ in u.candidates):
        # A letter among the readings would be weighed by the scripts of the line,
        # unless the run is read only as whole emoji, none with a letter (a byte
        # put back before "Ÿ" in "ğŸµ" could make a letter, but no emoji).
        wholes = whole_emoji(code_page_index, run)
        if _single_reading(where) is not None or any(
            c.isalpha() for sequence, _ in wholes for c in sequence
        ):
            return None
        made = _whole_readings(where, wholes)
        if not made:
            return None
        readings = _in_context(made, line, start, where)
    else:
        readings = _read_run(where, line, start, code_page_index)
    return _fix(readings, line, start, where, alternatives)
