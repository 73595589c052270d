"""Repair mojibake: UTF-8 text that was read with a single-byte code page.

"🚀" is the bytes F0 9F 9A 80; read as Windows-1254 they show as "ğŸš€". Reading
the garbled characters back as those bytes and decoding them as UTF-8 restores
the emoji. ftfy does this well when every byte survived. Often one did not: a
code page with no character for a byte (0x8E in Windows-1254) drops it, so
"ğŸµ" holds only three of 🎵's four bytes. postkit puts each possible lost byte
back, keeps the readings that make valid, assigned characters and whole RGI
emoji, and ranks them by how well they fit the line (:mod:`postkit.mojibake_score`).

Lines without a garbled-looking pair of characters take a fast path and come
back unchanged, which is also what keeps legitimate text (Turkish, Polish,
Greek, CJK, curly quotes, emoji…) safe.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, combinations, product

from postkit.mojibake_data import CODE_PAGES, CodePage
from postkit.mojibake_score import (
    COMMON_LATIN,
    EMOJI_PARTS,
    VS16,
    broken_parts,
    char_score,
    context_scripts,
    find_emoji,
    has_emoji,
    is_assigned,
    nearby_words,
    open_quotes,
    pairing_score,
    script,
    structure_score,
)

__all__ = ["Repair", "find_repairs", "fix_line", "fix_text", "repair_page_text"]

WILDCARD = -1  # a byte that became U+FFFD: any byte the code page lacks
_MAX_LEVELS = 3  # text garbled up to three times over
_BEAM = 32
_PER_CHAR = 1.0  # credit for each garbled character a code page explains
_OPTIONS = 16  # readings of one unit worth carrying into the beam
_REACH = 12  # characters of context either side when judging emoji sequences
_PASS_COST = 4.0  # each extra decoding pass must explain more than it costs
_ALTERNATIVES = 4


@dataclass(frozen=True)
class Repair:
    """One repaired stretch of text.

    ``start``/``end`` index the garbled text in the input; ``restored`` counts the
    bytes that were lost and had to be guessed, and ``alternatives`` lists the
    other readings considered, best first.
    """

    start: int
    end: int
    garbled: str
    result: str
    codepage: str
    alternatives: tuple[str, ...] = ()
    restored: int = 0

    @property
    def guessed(self) -> bool:
        """True when a lost byte was chosen among several candidates."""
        return self.restored > 0 and bool(self.alternatives)

    def shifted(self, offset: int) -> Repair:
        return Repair(
            self.start + offset,
            self.end + offset,
            self.garbled,
            self.result,
            self.codepage,
            self.alternatives,
            self.restored,
        )


@dataclass(frozen=True)
class _Page:
    """A code page prepared for repair: which characters map back to which bytes."""

    page: CodePage
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


def _char_class(chars: str) -> str:
    return "".join(f"\\u{ord(c):04x}" if ord(c) > 0x7F else re.escape(c) for c in chars)


@cache
def _pages() -> tuple[_Page, ...]:
    pages = []
    for page in CODE_PAGES:
        encode = {char: byte for byte, char in page.decode_table.items()}
        for byte in range(0x80, 0xA0):  # bytes kept as C1 control characters
            encode.setdefault(chr(byte), byte)
        encode["\ufffd"] = WILDCARD
        short = _char_class("".join(c for c, b in encode.items() if 1 <= _lead_length(b) <= 2))
        long = _char_class("".join(c for c, b in encode.items() if _lead_length(b) == 3))
        conts = _char_class("".join(c for c, b in encode.items() if _is_continuation(b)))
        pages.append(
            _Page(
                page,
                encode,
                re.compile(f"[{_char_class(''.join(encode))}]+"),
                # At most one byte of a sequence is lost, so a four-byte lead needs
                # two continuation bytes after it to look garbled.
                re.compile(f"[{short}][{conts}]|[{long}][{conts}]{{2}}"),
                page.undefined or tuple(range(0x80, 0xC0)),
            )
        )
    return tuple(pages)


@cache
def _suspect() -> re.Pattern[str]:
    """A garbled-looking pair under some code page: a UTF-8 lead byte, then continuations."""
    return re.compile("|".join(f"(?:{page.pair.pattern})" for page in _pages()))


@cache
def _rough() -> re.Pattern[str]:
    """A quick superset of :func:`_suspect`: any lead character, then any continuation."""
    leads: set[str] = set()
    conts: set[str] = set()
    for page in _pages():
        leads.update(c for c, b in page.encode.items() if _lead_length(b))
        conts.update(c for c, b in page.encode.items() if _is_continuation(b))
    return re.compile(
        f"[{_char_class(''.join(sorted(leads)))}][{_char_class(''.join(sorted(conts)))}]"
    )


def _looks_garbled(text: str) -> bool:
    return (
        not text.isascii()
        and _rough().search(text) is not None
        and (_suspect().search(text) is not None)
    )


def _garbled_lines(text: str) -> list[tuple[int, int]]:
    """Start and end of each line of ``text`` that looks garbled (the fast path skips the rest)."""
    spans: list[tuple[int, int]] = []
    done = 0
    for match in _rough().finditer(text):
        if match.start() < done:
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        if _suspect().search(text, start, end):
            spans.append((start, end))
        done = end
    return spans


@dataclass(frozen=True)
class _Unit:
    """One would-be UTF-8 sequence inside a run: a lead byte and its continuation bytes."""

    start: int
    end: int
    candidates: tuple[tuple[str, int], ...]  # (character, bytes guessed)
    weak: bool  # a two-byte lead whose only continuation byte was lost


@cache
def _candidates(page_index: int, lead: int, conts: tuple[int, ...]) -> tuple[tuple[str, int], ...]:
    """Every valid, assigned character these bytes can be, with lost bytes put back."""
    need = _lead_length(lead)
    missing = need - len(conts)
    if missing < 0 or missing > 1:
        return ()
    page = _pages()[page_index]
    if missing and not page.page.undefined:
        return ()
    found: dict[str, int] = {}
    for positions in combinations(range(need), missing):
        for inserted in product(page.page.undefined, repeat=missing):
            sequence = list(conts)
            for position, byte in zip(positions, inserted, strict=True):
                sequence.insert(position, byte)
            wild = [i for i, b in enumerate(sequence) if b == WILDCARD]
            for filling in product(page.fill, repeat=len(wild)):
                for i, byte in zip(wild, filling, strict=True):
                    sequence[i] = byte
                try:
                    char = bytes([lead, *sequence]).decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if is_assigned(char) or "\x80" <= char <= "\x9f":
                    guessed = missing + len(wild)
                    found[char] = min(found.get(char, guessed), guessed)
    return tuple(found.items())


@lru_cache(maxsize=4096)
def _units(page_index: int, run: str) -> tuple[_Unit, ...]:
    page = _pages()[page_index]
    codes = [page.encode[c] for c in run]
    units: list[_Unit] = []
    i = 0
    while i < len(codes):
        need = _lead_length(codes[i])
        j = i + 1
        while need and j < len(codes) and j - i - 1 < need and _is_continuation(codes[j]):
            j += 1
        found = _candidates(page_index, codes[i], tuple(codes[i + 1 : j])) if need else ()
        units.append(_Unit(i, j, found, need == 1 and j == i + 1))
        i = j
    return tuple(units)


@dataclass
class _Reading:
    text: str
    score: float
    restored: int
    decoded: int  # how many units were read as UTF-8 (the rest kept as they were)


_Chain = tuple[str, "_Chain"] | None


def _first(entry: tuple[float, _Chain, int, int]) -> float:
    return entry[0]


def _unchain(chain: _Chain) -> str:
    pieces: list[str] = []
    while chain is not None:
        pieces.append(chain[0])
        chain = chain[1]
    return "".join(reversed(pieces))


def _read_run(
    units: tuple[_Unit, ...],
    run: str,
    line: str,
    start: int,
    quotes: tuple[int, int],
    scripts: frozenset[str],
    allow_weak: bool,
) -> list[_Reading]:
    """The best readings of one run, best first (beam search over its units)."""
    # Each reading is a linked list (char, previous) so extending it costs O(1).
    beam: list[tuple[float, _Chain, int, int]] = [(0.0, None, 0, 0)]
    # Emoji sequences are short: a long run (a paragraph of garbled Cyrillic, say)
    # needs only a narrow beam, which keeps the work linear in the run.
    width = _BEAM if len(units) <= 24 else 4
    for unit in units:
        original = run[unit.start : unit.end]
        options: list[tuple[str, int]] = list(unit.candidates)
        if not options or (unit.weak and not allow_weak):
            options = [(original, -1)]
        elif len(options) > _OPTIONS:
            # Many readings (a byte lost to U+FFFD, say): keep the likeliest on their own.
            options.sort(key=lambda o: -char_score(o[0], scripts, ""))
            options = options[:_OPTIONS]
        grown: list[tuple[float, _Chain, int, int]] = []
        for score, chain, restored, decoded in beam:
            left = chain[0][-1:] if chain else line[start - 1 : start]
            for char, guessed in options:
                if guessed < 0:
                    grown.append((score, (char, chain), restored, decoded))
                    continue
                value = char_score(char, scripts, left) + pairing_score(char, *quotes)
                value -= 1.0 * guessed
                grown.append((score + value, (char, chain), restored + guessed, decoded + 1))
        beam = heapq.nlargest(width, grown, key=_first) if len(grown) > width else grown
    end = start + len(run)
    left, right = line[max(0, start - _REACH) : start], line[end : end + _REACH]
    words = nearby_words(line[max(0, start - 120) : end + 120])
    readings = [
        _Reading(text, score + structure_score(left, text, right, words), restored, decoded)
        for score, chain, restored, decoded in beam
        for text in [_unchain(chain)]
    ]
    readings.sort(key=lambda r: -r.score)
    return readings


def _plausible(
    reading: _Reading, line: str, start: int, end: int, units: int, vouched: bool = False
) -> bool:
    """Whether to trust a reading over the text as it stands."""
    if not reading.decoded or reading.score <= 0:
        return False
    left, right = line[max(0, start - _REACH) : start], line[end : end + _REACH]
    if broken_parts(left, reading.text, right):
        return False
    if has_emoji(left, reading.text, right):
        return True
    if not reading.restored and _suspect().search(reading.text):
        return True  # garbled twice: this reading is itself garbled text
    if reading.score < 1.0 * units:
        return False
    if vouched or reading.restored or reading.decoded > 1:
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


@dataclass(frozen=True)
class _Fix:
    start: int
    end: int
    result: str
    alternatives: tuple[str, ...]
    restored: int
    score: float
    strong: bool


def _qualify_emoji(left: str, text: str) -> str:
    """Make the emoji a repair produced fully qualified, keeping bare text symbols."""
    if not any(c in EMOJI_PARTS or ord(c) >= 0x2000 for c in text):
        return text
    from postkit.encoding import _qualified_forms

    forms = _qualified_forms()
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
def _plan(page_index: int, line: str) -> tuple[_Fix, ...]:
    """The repairs of one line under one code page."""
    page = _pages()[page_index]
    runs = [(m.start(), m.end()) for m in page.run.finditer(line)]
    if not runs:
        return ()
    unit_lists = [_units(page_index, line[a:b]) for a, b in runs]
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
    fixes = _plan_runs(runs, unit_lists, line, scripts, allow_weak=False)
    weak = any(u.weak and u.candidates for units in unit_lists for u in units)
    if any(f.strong for f in fixes) and (
        weak or len(fixes) < sum(1 for units in unit_lists if any(u.candidates for u in units))
    ):
        # Other runs of this line are surely garbled with this code page: trust it
        # for the short, weak-looking runs too ("Ã" for "Á", "Ã\xa0" for "à").
        fixes = _plan_runs(runs, unit_lists, line, scripts, allow_weak=True)
    return tuple(fixes)


def _add_quotes(quotes: tuple[int, int], text: str) -> tuple[int, int]:
    double, single = open_quotes(text)
    return quotes[0] + double, quotes[1] + single


def _plan_runs(
    runs: list[tuple[int, int]],
    unit_lists: list[tuple[_Unit, ...]],
    line: str,
    scripts: frozenset[str],
    allow_weak: bool,
) -> list[_Fix]:
    fixes: list[_Fix] = []
    quotes = (0, 0)  # unmatched “ and ‘ before the current run, repairs included
    last = 0
    for (start, end), units in zip(runs, unit_lists, strict=True):
        quotes = _add_quotes(quotes, line[last:start])
        last = start
        if not any(u.candidates for u in units):
            continue
        run = line[start:end]
        readings = _read_run(units, run, line, start, quotes, scripts, allow_weak)
        best = readings[0]
        decodable = sum(1 for u in units if u.candidates and (allow_weak or not u.weak))
        if not _plausible(best, line, start, end, decodable, allow_weak):
            continue
        left = line[max(0, start - 1) : start]
        result = _qualify_emoji(left, best.text)
        others: list[str] = []
        for reading in readings[1:]:
            if not _plausible(reading, line, start, end, decodable, allow_weak):
                continue
            other = _qualify_emoji(left, reading.text)
            if other != result and other not in others and other != run:
                others.append(other)
        strong = any(u.candidates and not u.weak for u in units)
        fixes.append(
            _Fix(
                start,
                end,
                result,
                tuple(others[:_ALTERNATIVES]),
                best.restored,
                best.score,
                strong,
            )
        )
        quotes = _add_quotes(quotes, result)
        last = end
    return fixes


@dataclass
class _Piece:
    start: int  # in the original line
    end: int
    text: str
    repair: Repair | None


def _apply(pieces: list[_Piece], fixes: tuple[_Fix, ...], page: str) -> list[_Piece]:
    """Replace spans of the current text (the pieces joined) with their repairs."""
    # Where each piece starts; fixes go right to left, so the starts of the
    # pieces before the one being replaced stay true.
    starts = list(accumulate((len(p.text) for p in pieces[:-1]), initial=0))
    for fix in reversed(fixes):
        first = bisect_right(starts, fix.start) - 1
        last = bisect_left(starts, fix.end) - 1
        offset_first, offset_last = starts[first], starts[last]
        a, z = pieces[first], pieces[last]
        cut_a, cut_z = fix.start - offset_first, fix.end - offset_last
        head: list[_Piece] = []
        tail: list[_Piece] = []
        prefix = suffix = ""
        orig_start, orig_end = a.start, z.end
        if a.repair is None and cut_a:
            head = [_Piece(a.start, a.start + cut_a, a.text[:cut_a], None)]
            orig_start = a.start + cut_a
        else:
            prefix = a.text[:cut_a]
        if z.repair is None and cut_z < len(z.text):
            tail = [_Piece(z.start + cut_z, z.end, z.text[cut_z:], None)]
            orig_end = z.start + cut_z
        else:
            suffix = z.text[cut_z:]
        earlier = [p.repair for p in pieces[first : last + 1] if p.repair is not None]
        pages = [r.codepage for r in earlier] + [page]
        repair = Repair(
            orig_start,
            orig_end,
            "",
            prefix + fix.result + suffix,
            " then ".join(dict.fromkeys(pages)),
            tuple(prefix + alt + suffix for alt in fix.alternatives),
            fix.restored + sum(r.restored for r in earlier),
        )
        pieces[first : last + 1] = [
            *head,
            _Piece(orig_start, orig_end, repair.result, repair),
            *tail,
        ]
    return pieces


def _leftovers(text: str) -> int:
    """Garbled-looking pairs and C1 controls still in ``text``."""
    return len(_suspect().findall(text)) + sum(1 for c in text if "\x80" <= c <= "\x9f")


def _has_c1(text: str) -> bool:
    return any("\x80" <= c <= "\x9f" for c in text)


def _signature(index: int, text: str) -> tuple[object, ...]:
    """What a code page makes of ``text``: pages that agree give the same repairs."""
    page = _pages()[index]
    runs = tuple(
        (m.start(), tuple(page.encode[c] for c in m.group())) for m in page.run.finditer(text)
    )
    return page.page.undefined, runs


def _passes(text: str, depth: int) -> list[tuple[float, int, tuple[_Fix, ...]]]:
    """The plans of every code page that finds something to repair, best first."""
    tried = []
    seen: set[object] = set()
    counts = [len(page.pair.findall(text)) for page in _pages()]
    enough = max(1, max(counts) // 2)
    for index, _page in enumerate(_pages()):
        # Code pages that explain far fewer garbled pairs than the best one are
        # not worth a full reading (C1 controls left by an earlier pass are).
        if counts[index] < enough and not (depth and _has_c1(text)):
            continue
        signature = _signature(index, text)
        if signature in seen:
            continue  # reads exactly like a code page already tried (first one named)
        seen.add(signature)
        fixes = _plan(index, text)
        outcome = tuple((f.start, f.end, f.result) for f in fixes)
        if fixes and outcome not in seen:
            seen.add(outcome)  # two code pages, same repairs: the first one is named
            tried.append((sum(f.score for f in fixes), index, fixes))
    tried.sort(key=lambda t: -t[0])
    return tried


def _solve(pieces: list[_Piece], depth: int) -> tuple[float, list[_Piece]]:
    """The best sequence of per-code-page passes (text may be garbled more than once).

    Each pass is scored by its repairs; what is left looking garbled at the end
    costs, so a reading that leaves "£ï¸" behind loses to one that explains it.
    """
    current = "".join(p.text for p in pieces)
    baseline = -5.0 * _leftovers(current)
    best_score, best_rank = baseline, baseline
    best = pieces
    if depth >= _MAX_LEVELS or baseline == 0:
        return best_score, best
    passes = _passes(current, depth)[:2]
    covered = [sum(f.end - f.start for f in fixes) for _, _, fixes in passes]
    for rank, (score, index, fixes) in enumerate(passes):
        copied = [_Piece(p.start, p.end, p.text, p.repair) for p in pieces]
        applied = _apply(copied, fixes, _pages()[index].page.name)
        rest, final = _solve(applied, depth + 1)
        total = score + rest - _PASS_COST
        # Between code pages that both beat leaving the text alone, the one that
        # explains more garbled characters wins ("â—˝" is ◽ in Windows-1250, not
        # ❗ and a stray ˝ in Windows-1252).
        ranked = total + _PER_CHAR * covered[rank]
        if total > baseline and ranked > best_rank:
            best_score, best_rank, best = total, ranked, final
        if rank == 0 and rest == 0 and covered[0] >= max(covered):
            break  # the best pass explains the most and leaves nothing garbled
    return best_score, best


def _broken_at(pieces: list[_Piece], index: int, text: str) -> bool:
    if not any(c in EMOJI_PARTS for c in text):
        return False
    before = after = ""
    for piece in reversed(pieces[max(0, index - _REACH) : index]):
        before = piece.text + before
    for piece in pieces[index + 1 : index + 1 + _REACH]:
        after += piece.text
    return broken_parts(before[-_REACH:], text, after[:_REACH], strict=True) > 0


def _no_broken_emoji(line: str, pieces: list[_Piece]) -> list[_Piece]:
    """Never hand back a broken emoji sequence: take the next reading, or leave the text."""
    for index, piece in enumerate(pieces):
        repair = piece.repair
        if repair is None or not _broken_at(pieces, index, piece.text):
            continue
        for other in repair.alternatives:
            if not _broken_at(pieces, index, other):
                pieces[index] = _Piece(
                    piece.start,
                    piece.end,
                    other,
                    Repair(
                        repair.start,
                        repair.end,
                        repair.garbled,
                        other,
                        repair.codepage,
                        tuple(a for a in repair.alternatives if a != other),
                        repair.restored,
                    ),
                )
                break
        else:
            original = line[piece.start : piece.end]
            pieces[index] = _Piece(piece.start, piece.end, original, None)
    return pieces


def _repair_line(line: str) -> tuple[str, list[Repair]]:
    """Repair a line until nothing more changes, so that fixing twice is fixing once."""
    current, repairs = _repair_once(line)
    for _ in range(_MAX_LEVELS - 1):
        if not repairs or not _looks_garbled(current):
            break
        again, more = _repair_once(current)
        if not more:
            break
        repairs = _merge_rounds(line, again, repairs, more)
        current = again
    return current, repairs


def _merge_rounds(line: str, final: str, first: list[Repair], later: list[Repair]) -> list[Repair]:
    """Repairs of ``line`` into ``final`` when a second round repaired the first's output."""
    from difflib import SequenceMatcher

    pages = " then ".join(dict.fromkeys(r.codepage for r in [*first, *later]))
    merged = []
    matcher = SequenceMatcher(None, line, final, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        restored = sum(r.restored for r in first if r.start < i2 and r.end > i1)
        merged.append(Repair(i1, i2, line[i1:i2], final[j1:j2], pages, (), restored))
    return merged


def _repair_once(line: str) -> tuple[str, list[Repair]]:
    if not _looks_garbled(line):
        return line, []
    _, pieces = _solve([_Piece(0, len(line), line, None)], 0)
    pieces = _no_broken_emoji(line, pieces)
    current = "".join(p.text for p in pieces)
    repairs = [
        Repair(
            p.repair.start,
            p.repair.end,
            line[p.repair.start : p.repair.end],
            p.repair.result,
            p.repair.codepage,
            p.repair.alternatives,
            p.repair.restored,
        )
        for p in pieces
        if p.repair is not None and p.repair.result != line[p.repair.start : p.repair.end]
    ]
    if not repairs:
        return line, []
    return current, repairs


def clear_caches() -> None:
    """Forget the readings of lines seen before (for benchmarks that time cold work)."""
    _plan.cache_clear()
    _units.cache_clear()
    find_emoji.cache_clear()


def fix_line(line: str) -> tuple[str, list[Repair]]:
    """Repair one line (no line break inside); spans index the line."""
    return _repair_line(line)


def find_repairs(text: str) -> list[Repair]:
    """Every repair :func:`fix_text` would make, with spans into ``text``."""
    return repair_page_text(text)[1]


def repair_page_text(text: str) -> tuple[str, list[Repair]]:
    """The repaired text and the repairs made, for callers that report them."""
    if text.isascii():
        return text, []
    out: list[str] = []
    repairs: list[Repair] = []
    last = 0
    for start, end in _garbled_lines(text):
        fixed, found = _repair_line(text[start:end])
        out.append(text[last:start])
        out.append(fixed)
        repairs.extend(r.shifted(start) for r in found)
        last = end
    if not repairs:
        return text, []
    out.append(text[last:])
    return "".join(out), repairs


def fix_text(text: str) -> str:
    """Repair mojibake in ``text``; text that is not garbled comes back unchanged."""
    return repair_page_text(text)[0]
