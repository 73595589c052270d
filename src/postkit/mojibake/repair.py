"""Repair mojibake: UTF-8 text that was read with a single-byte code page.

"🚀" is the bytes F0 9F 9A 80; read as Windows-1254 they show as "ğŸš€". Reading
the garbled characters back as those bytes and decoding them as UTF-8 restores
the emoji. ftfy does this well when every byte survived. Often one did not: a
code page with no character for a byte (0x8E in Windows-1254) drops it, so
"ğŸµ" holds only three of 🎵's four bytes. postkit puts each possible lost byte
back, keeps the readings that make valid, assigned characters and whole RGI
emoji, and ranks them by how well they fit the line (:mod:`postkit.mojibake.search`
reads, :mod:`postkit.mojibake.score` judges). This module runs the passes (text
may be garbled twice), keeps emoji sequences whole and reports each repair.

Lines without a garbled-looking pair of characters take a fast path and come
back unchanged, which is also what keeps legitimate text (Turkish, Polish,
Greek, CJK, curly quotes, emoji…) safe. Long lines are read in pieces, and what
the quick readings decline is read further only while the input's budget lasts
(:mod:`postkit.mojibake.long_lines`): junk costs linear time.

The readers of a garbled line, in the order the repair tries them (the first
that answers wins; the later ones weigh more and cost more)::

    quick.read_lossless               no byte lost, and each garbled run reads one way
    quick.read_lost_without_letters   bytes lost only in runs that read as emoji or punctuation
    (past here, only while the input's budget lasts)
    read_outer_layer_first            garbled twice: peel the certain outer layer, read the rest
    read_with_holding_code_pages      one pass of a code page that holds every garbled run
    read_with_every_code_page         the full reading: beam search over every code page,
                                      lost byte and pass, round after round

:func:`read_shortcut` is the middle two; :func:`fix_text`, which wants the text
alone, asks ``quick.quick_text_and_spans`` for the first two.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import accumulate

from postkit.mojibake.long_lines import PIECE, Budget, garbled_pieces
from postkit.mojibake.lost_bytes import whole_emoji
from postkit.mojibake.quick import (
    code_page_reading_all,
    holding_code_pages,
    peel_outer_layer,
    quick_caches_clear,
    quick_text_and_spans,
    read_lossless,
    read_lost_without_letters,
)
from postkit.mojibake.score import EMOJI_PARTS, broken_parts, clear_score_caches
from postkit.mojibake.search import (
    C1,
    REACH,
    Fix,
    clear_units_cache,
    code_page_text,
    code_pages,
    garbled_lines,
    looks_garbled,
    only_meetings,
    plan,
    qualify_emoji,
    runs_of_code_page,
    suspect,
    units,
)

__all__ = ["Repair", "find_repairs", "fix_line", "fix_text", "repair_page_text"]

_MAX_LEVELS = 3  # text garbled up to three times over
_PER_CHAR = 1.0  # credit for each garbled character a code page explains
_PASS_COST = 4.0  # each extra decoding pass must explain more than it costs


@dataclass(frozen=True, slots=True)  # slots: a long line can make a million of them
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


@dataclass
class _Piece:
    start: int  # in the original line
    end: int
    text: str
    repair: Repair | None


def _apply(pieces: list[_Piece], fixes: tuple[Fix, ...], code_page: str) -> list[_Piece]:
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
        code_page_names = [r.codepage for r in earlier] + [code_page]
        repair = Repair(
            orig_start,
            orig_end,
            "",
            prefix + fix.result + suffix,
            " then ".join(dict.fromkeys(code_page_names)),
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
    if text.isascii():
        return 0
    return len(suspect().findall(code_page_text(text))) + len(C1.findall(text))


def _has_c1(text: str) -> bool:
    return C1.search(text) is not None


def signature(index: int, text: str) -> tuple[object, ...]:
    """What a code page makes of ``text``: code pages that agree give the same repairs.

    A plan depends on the code page only through where its runs lie and what
    each of their would-be UTF-8 sequences can be read as: the bytes a code page
    lacks matter only where a byte was lost, and only through the characters
    they make (which also decide the whole emoji a run can be). Code pages alike
    in those plan alike.
    """
    return tuple(
        (start, end, units(index, text[start:end])) for start, end in runs_of_code_page(index, text)
    )


def _passes(
    text: str, depth: int, only: frozenset[int] | None = None
) -> list[tuple[float, int, tuple[Fix, ...]]]:
    """The plans of every code page (of ``only``, if given) that finds something to
    repair, best first."""
    tried = []
    seen: set[object] = set()
    runs = code_page_text(text)
    counts = [len(code_page.pair.findall(runs)) for code_page in code_pages()]
    enough = max(1, max(counts) // 2)
    # Code pages that explain far fewer garbled pairs than the best one are not
    # worth a full reading (C1 controls left by an earlier pass are).
    c1 = bool(depth) and _has_c1(text)
    # Of code pages that read alike, the one named is the one that explains the
    # most garbled pairs of the line, then one that holds every garbled run: the
    # code page the line was garbled with ("Ä‚Â©" reads alike in Windows-1252 and
    # -1250, but only Windows-1250 holds "Ä‚Ĺ" beside it).
    chosen = [
        index
        for index in range(len(counts))
        if (counts[index] >= enough or c1) and (only is None or index in only)
    ]
    if len(chosen) > 1:
        held = holding_code_pages(text)
        chosen.sort(key=lambda index: (-counts[index], index not in held))
    for index in chosen:
        if len(chosen) > 1:  # one code page alone has no twin to be told apart from
            alike = signature(index, text)
            if alike in seen:
                continue  # reads exactly like a code page already tried (first one named)
            seen.add(alike)
        fixes = plan(index, text)
        outcome = tuple((f.start, f.end, f.result) for f in fixes)
        if fixes and outcome not in seen:
            seen.add(outcome)  # two code pages, same repairs: the first one is named
            tried.append((sum(f.score for f in fixes), index, fixes))
    tried.sort(key=lambda t: -t[0])
    return tried


def _solve(
    pieces: list[_Piece], depth: int, only: frozenset[int] | None = None
) -> tuple[float, list[_Piece]]:
    """The best sequence of per-code-page passes (text may be garbled more than once).

    Each pass is scored by its repairs; what is left looking garbled at the end
    costs, so a reading that leaves "£ï¸" behind loses to one that explains it.
    With ``only``, the first pass is one of those code pages.
    """
    current = "".join(p.text for p in pieces)
    baseline = -5.0 * _leftovers(current)
    best_score, best_rank = baseline, baseline
    best = pieces
    if depth >= _MAX_LEVELS or baseline == 0 or (depth and only_meetings(current)):
        return best_score, best  # nothing left that another pass could read
    passes = _passes(current, depth, only)[:2]
    covered = [sum(f.end - f.start for f in fixes) for _, _, fixes in passes]
    for rank, (score, index, fixes) in enumerate(passes):
        copied = [_Piece(p.start, p.end, p.text, p.repair) for p in pieces]
        applied = _apply(copied, fixes, code_pages()[index].definition.name)
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
    if EMOJI_PARTS.isdisjoint(text):
        return False
    before = after = ""
    for piece in reversed(pieces[max(0, index - REACH) : index]):
        before = piece.text + before
    for piece in pieces[index + 1 : index + 1 + REACH]:
        after += piece.text
    return broken_parts(before[-REACH:], text, after[:REACH], strict=True) > 0


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


def _repair_line(line: str, budget: Budget) -> tuple[str, list[Repair]]:
    """Repair a line: the first reader that answers (see the table above)."""
    if not looks_garbled(line):
        return line, []  # the fast path: most lines of a post are clean
    return _repair_garbled(line, budget)


def _repair_garbled(line: str, budget: Budget) -> tuple[str, list[Repair]]:
    """:func:`_repair_line` for a line known to look garbled: the quick readings,
    else, while the budget lasts, the other shortcuts or the full reading (see
    :mod:`postkit.mojibake.long_lines`)."""
    if len(line) > PIECE:
        return _repair_in_pieces(line, budget)
    first = _lossless_as_repairs(line) or _lost_without_letters_as_repairs(line)
    if first is None:
        if not budget.take(line):
            return line, []
        first = read_shortcut(line) or read_with_every_code_page(line)
    return _finish(line, first)


def _repair_in_pieces(line: str, budget: Budget) -> tuple[str, list[Repair]]:
    """:func:`_repair_garbled` for a long line, piece by piece (see
    :mod:`postkit.mojibake.long_lines`)."""
    out: list[str] = []
    repairs: list[Repair] = []
    last = 0
    for start, end in garbled_pieces(line):
        fixed, found = _repair_garbled(line[start:end], budget)
        out += [line[last:start], fixed]
        repairs.extend(r.shifted(start) for r in found)
        last = end
    out.append(line[last:])
    return "".join(out), repairs


def _finish(line: str, first: tuple[str, list[Repair]]) -> tuple[str, list[Repair]]:
    """What the first reading left, a shortcut may finish (so that fixing twice is
    fixing once: the second time, the shortcut would answer)."""
    return _more_rounds(line, first, _read_short_of_full, _MAX_LEVELS)


def _read_short_of_full(line: str) -> tuple[str, list[Repair]] | None:
    """Every reader but the full one, in the order of the table above; None: the
    full reading."""
    return (
        _lossless_as_repairs(line) or _lost_without_letters_as_repairs(line) or read_shortcut(line)
    )


def _lost_without_letters_as_repairs(line: str) -> tuple[str, list[Repair]] | None:
    """:func:`postkit.mojibake.quick.read_lost_without_letters` as repairs: the
    answer for a line whose runs that lost bytes have no letter among their
    readings, or None."""
    read = read_lost_without_letters(line)
    if read is None:
        return None
    fixed, spans = read
    return fixed, [
        Repair(a, b, line[a:b], text, code_page, others, lost)
        for a, b, text, code_page, lost, others in spans
    ]


def _more_rounds(
    line: str,
    first: tuple[str, list[Repair]],
    read: Callable[[str], tuple[str, list[Repair]] | None],
    rounds: int,
) -> tuple[str, list[Repair]]:
    """Read what the first round left with ``read``, while it repairs and looks garbled."""
    fixed, repairs = first
    for _ in range(rounds):
        if not repairs or _finished(fixed):
            break
        again = read(fixed)
        if again is None or not again[1]:
            break
        repairs = _merge_rounds(line, again[0], repairs, again[1])
        fixed = again[0]
    return fixed, repairs


def _finished(fixed: str) -> bool:
    """Whether nothing in a repaired line is left to read: nothing looks garbled,
    or only where repaired letters meet (see :func:`postkit.mojibake.search.only_meetings`)."""
    return not looks_garbled(fixed) or only_meetings(fixed)


def _lossless_as_repairs(line: str) -> tuple[str, list[Repair]] | None:
    """:func:`postkit.mojibake.quick.read_lossless` as repairs: the answer for a
    line that lost no byte and whose runs each read one way, or None."""
    quick = read_lossless(line)
    if quick is None:
        return None
    fixed, spans = quick
    return fixed, [Repair(a, b, line[a:b], text, code_page) for a, b, text, code_page in spans]


def read_shortcut(line: str) -> tuple[str, list[Repair]] | None:
    """The full reading's answer by one of the two shortcuts that follow the quick
    readings: :func:`read_outer_layer_first`, else :func:`read_with_holding_code_pages`.

    Peeling goes first: it costs little when it does not apply (a run that lost
    a byte stops it at once), while planning a line garbled twice with the code
    pages that hold it would read the whole line only to find it still garbled.
    """
    return read_outer_layer_first(line) or read_with_holding_code_pages(line)


def _put(text: str, start: int, end: int, replacement: str) -> str:
    return text[:start] + replacement + text[end:]


def read_outer_layer_first(line: str) -> tuple[str, list[Repair]] | None:
    """Read text garbled twice by peeling its outer layer when that layer reads one
    way (:func:`postkit.mojibake.quick.peel_outer_layer`), then reading what is left
    with the quick readings or :func:`read_with_holding_code_pages`: the full
    reading's answer, or None."""
    peeled = peel_outer_layer(line)
    if peeled is None:
        return None
    text, spans = peeled
    read = (
        _lossless_as_repairs(text)
        or _lost_without_letters_as_repairs(text)
        or read_with_holding_code_pages(text)
    )
    if read is None:
        return None
    inner = read[1]
    ranges = _outer_ranges(spans)
    if not _within(ranges, [(r.start, r.end) for r in inner]):
        return None  # a repair across runs: not the simple case this reads
    # Each inner repair lies inside the reading of one outer run: compose them.
    pieces: list[str] = []
    repairs: list[Repair] = []
    last = 0
    for (start, end, reading, code_page, outer), (at, stop) in zip(spans, ranges, strict=True):
        inside = [r for r in inner if at <= r.start and r.end <= stop]

        result = reading
        for repair in reversed(inside):  # right to left: offsets on the left stay true
            result = _put(result, repair.start - at, repair.end - at, repair.result)
        alternatives: tuple[str, ...] = ()
        if len(inside) == 1:
            one = inside[0]
            alternatives = tuple(
                _put(reading, one.start - at, one.end - at, alt) for alt in one.alternatives
            )
        code_page_names = " then ".join(dict.fromkeys([code_page, *(r.codepage for r in inside)]))
        restored = outer + sum(r.restored for r in inside)
        pieces += [line[last:start], result]
        repairs.append(
            Repair(start, end, line[start:end], result, code_page_names, alternatives, restored)
        )
        last = end
    pieces.append(line[last:])
    return "".join(pieces), repairs


def read_with_holding_code_pages(line: str) -> tuple[str, list[Repair]] | None:
    """Read ``line`` with only the code pages that hold every garbled run (see
    :func:`postkit.mojibake.quick.holding_code_pages`), when one pass of one of
    them reads it all: the full reading's answer, or None."""
    held = holding_code_pages(line)
    if not held:
        return None
    _, pieces = _solve([_Piece(0, len(line), line, None)], 0, held)
    if any(p.repair is not None and " then " in p.repair.codepage for p in pieces):
        return None  # read in two passes: the full reading weighs every way there
    current, repairs = _collect(line, _no_broken_emoji(line, pieces))
    if not repairs:
        return None
    if any(_leftovers(p.text) for p in pieces if p.repair is None):
        return None  # text the pass left alone looks garbled: another code page may read it
    # What still looks garbled lies in or beside the repairs (where repaired letters
    # meet, "íš" in Czech), and _solve found no further pass worth taking there (the
    # full reading would not either), even when a byte was lost in the line.
    return current, repairs


def read_with_every_code_page(line: str) -> tuple[str, list[Repair]]:
    """The full reading: a beam search over every code page, every lost byte and
    up to three passes, repeated until nothing more changes (so that fixing
    twice is fixing once).

    The readers before it (see the table above) reach the same answer for the
    lines they take.
    """
    return _more_rounds(line, _repair_once(line), _repair_once, _MAX_LEVELS - 1)


def _merge_rounds(line: str, final: str, first: list[Repair], later: list[Repair]) -> list[Repair]:
    """Repairs of ``line`` into ``final`` when a second round repaired the first's output."""
    beside = _beside(first, later)
    if beside is not None:
        return beside
    from difflib import SequenceMatcher

    code_page_names = " then ".join(dict.fromkeys(r.codepage for r in [*first, *later]))
    merged = []
    matcher = SequenceMatcher(None, line, final, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        restored = sum(r.restored for r in first if r.start < i2 and r.end > i1)
        merged.append(Repair(i1, i2, line[i1:i2], final[j1:j2], code_page_names, (), restored))
    return merged


def _beside(first: list[Repair], later: list[Repair]) -> list[Repair] | None:
    """Both rounds' repairs, each as it was made, when the later round repaired only
    text the first left as it stood (a letter the first round doubted, say); None
    when it read a first repair's result again (text garbled twice)."""
    spans = []  # where each first repair's result lies in the text the later round read
    shift = 0
    for repair in first:
        start = repair.start + shift
        shift += len(repair.result) - (repair.end - repair.start)
        spans.append((start, start + len(repair.result), shift))
    merged = list(first)
    for repair in later:
        shift = 0
        for start, end, after in spans:
            if repair.end <= start:
                break
            if repair.start < end:
                return None
            shift = after
        merged.append(repair.shifted(-shift))
    return sorted(merged, key=lambda r: r.start)


def _repair_once(line: str) -> tuple[str, list[Repair]]:
    if not looks_garbled(line):
        return line, []
    _, pieces = _solve([_Piece(0, len(line), line, None)], 0)
    return _collect(line, _no_broken_emoji(line, pieces))


def _collect(line: str, pieces: list[_Piece]) -> tuple[str, list[Repair]]:
    """The text the pieces make, and the repairs among them (``line`` unchanged if none)."""
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
    # Code pages that read every repair alike are named as the quick reading names
    # them ("Ãª" is ê in Windows-1252 and -1254 alike: a line whose emoji only
    # Windows-1252 reads was garbled with Windows-1252, whichever pass read "ê").
    if len({r.codepage for r in repairs}) > 1 and not any(r.restored for r in repairs):
        code_page = code_page_reading_all((r.garbled, r.result) for r in repairs)
        if code_page:
            repairs = [replace(r, codepage=code_page) for r in repairs]
    return current, repairs


def clear_caches() -> None:
    """Forget the readings of lines seen before (for benchmarks that time cold work)."""
    plan.cache_clear()
    clear_units_cache()
    whole_emoji.cache_clear()
    only_meetings.cache_clear()
    qualify_emoji.cache_clear()
    clear_score_caches()
    quick_caches_clear()


def fix_line(line: str, budget: Budget | None = None) -> tuple[str, list[Repair]]:
    """Repair one line (no line break inside); spans index the line.

    ``budget``: shared by the lines of one input (a stream); by default, the line's own.
    """
    return _repair_line(line, budget if budget is not None else Budget())


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
    budget = Budget()
    for start, end in garbled_lines(text):  # each looks garbled: no need to ask again
        fixed, found = _repair_garbled(text[start:end], budget)
        out.append(text[last:start])
        out.append(fixed)
        repairs.extend(r.shifted(start) for r in found)
        last = end
    if not repairs:
        return text, []
    out.append(text[last:])
    return "".join(out), repairs


def fix_text(text: str, budget: Budget | None = None) -> str:
    """Repair mojibake in ``text``; text that is not garbled comes back unchanged.

    The same text as :func:`repair_page_text`, without making the repairs.
    ``budget``: shared by the texts of one input (the lines of a stream); by
    default, the text's own.
    """
    if text.isascii():
        return text
    budget = budget if budget is not None else Budget()
    out: list[str] = []
    last = 0
    for start, end in garbled_lines(text):
        out += [text[last:start], _fixed_line(text[start:end], budget)]
        last = end
    out.append(text[last:])
    return "".join(out)


def _fixed_line(line: str, budget: Budget) -> str:
    """:func:`_repair_garbled`'s text for a line that looks garbled.

    The quick readings answer most lines; what they answer is finished (they
    decline a reading that leaves anything to read), so no round follows, and
    they need not name code pages, weigh alternatives or make repairs.
    """
    if len(line) > PIECE:
        return _fixed_in_pieces(line, budget)
    read = quick_text_and_spans(line)
    if read is None:
        if not budget.take(line):  # spent as _repair_garbled spends it
            return line
        read = _peeled_quickly(line)
        if read is None:  # the other shortcuts, or the full reading, as _repair_garbled
            return _finish(line, read_shortcut(line) or read_with_every_code_page(line))[0]
    if _finished(read[0]):
        return read[0]
    return _repair_garbled(line, budget)[0]


def _fixed_in_pieces(line: str, budget: Budget) -> str:
    """:func:`_repair_in_pieces`'s text, as :func:`_fixed_line` makes it."""
    out: list[str] = []
    last = 0
    for start, end in garbled_pieces(line):
        out += [line[last:start], _fixed_line(line[start:end], budget)]
        last = end
    out.append(line[last:])
    return "".join(out)


def _peeled_quickly(line: str) -> tuple[str, list[tuple[int, int]]] | None:
    """:func:`read_outer_layer_first`'s text where the quick readings read the peeled line, and
    where the repairs of that line lie; None otherwise."""
    peeled = peel_outer_layer(line)
    if peeled is None:
        return None
    read = quick_text_and_spans(peeled[0])
    return read if read is not None and _within(_outer_ranges(peeled[1]), read[1]) else None


def _outer_ranges(outer: list[tuple[int, int, str, str, int]]) -> list[tuple[int, int]]:
    """Where the reading of each outer run (as
    :func:`postkit.mojibake.quick.peel_outer_layer` gives them) lies in the peeled line."""
    ranges = []
    at = last = 0
    for start, end, reading, *_ in outer:
        at += start - last  # the peeled text keeps what lies between runs as it was
        ranges.append((at, at + len(reading)))
        at += len(reading)
        last = end
    return ranges


def _within(ranges: list[tuple[int, int]], inner: list[tuple[int, int]]) -> bool:
    """Whether each repair of a peeled line (``inner``, by where it lies in it) lies
    inside the reading of one outer run (``ranges``, see :func:`_outer_ranges`)."""
    return all(any(a <= i and j <= b for a, b in ranges) for i, j in inner)
