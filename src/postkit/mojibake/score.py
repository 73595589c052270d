"""How plausible a repaired character or emoji is where it stands.

A garbled run can often be read several ways, above all when a code page lost a
byte. These functions score one reading: a character in the script of its
neighbours beats one from another script, a complete RGI emoji beats stray
emoji parts, an emoji whose name fits the nearby words ("music" → 🎵) beats one
that does not, an opening “ wants a closing ”, and common beats rare.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

import emoji

from postkit.mojibake.code_pages import (
    COMMON_KANA,
    STOPWORDS,
    emoji_components,
    emoji_rank,
    emoji_words,
)

ZWJ = "\u200d"
VS16 = "\ufe0f"

# Punctuation and symbols that real text is full of; a repair to one of these is
# as plausible as a repair can be.
COMMON_PUNCT = frozenset("’‘“”„‚–—…•€£¥¢©®™°±·×÷«»¡¿§¶‰‹›†‡¤¦¨ª¬¯²³´µ¸¹º¼½¾\u00a0′″")

# Accented letters ordered by how often they occur in European text.
COMMON_LATIN = "éáíóúàèçãõâêôñüöäëïîûœßşğıİìòùåøæčšžřěůýłśćźżńąęőűÁÉÍÓÚÀÇÃÕÂÊÔÑÜÖÄŞĞČŠŽŘŁŚŻ"

# Pieces of emoji sequences that are broken when they stand alone.
EMOJI_PARTS = frozenset(
    [ZWJ, VS16, "\ufe0e", "\u20e3"]
    + [chr(c) for c in range(0x1F3FB, 0x1F400)]
    + [chr(c) for c in range(0x1F1E6, 0x1F200)]
    + [chr(c) for c in range(0xE0020, 0xE0080)]
    + [chr(c) for c in range(0x1F9B0, 0x1F9B4)]  # hair components
)

_CJK_GROUP = frozenset({"HAN", "HIRAGANA", "KATAKANA"})
_WORD = re.compile(r"[a-z]{3,}")


@cache
def _emoji_lengths() -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """All emoji sequences, and for each first character the lengths they come in."""
    sequences = frozenset(emoji.EMOJI_DATA)
    lengths: dict[str, set[int]] = {}
    for sequence in sequences:
        lengths.setdefault(sequence[0], set()).add(len(sequence))
    return sequences, {c: tuple(sorted(n, reverse=True)) for c, n in lengths.items()}


@cache
def _emoji_longer() -> dict[str, tuple[tuple[int, ...], frozenset[str]]]:
    """For each character that starts a sequence of two or more: their lengths
    (longest first) and the characters that can come second."""
    sequences, lengths = _emoji_lengths()
    seconds: dict[str, set[str]] = {}
    for sequence in sequences:
        if len(sequence) > 1:
            seconds.setdefault(sequence[0], set()).add(sequence[1])
    return {
        c: (tuple(n for n in lengths[c] if n > 1), frozenset(after)) for c, after in seconds.items()
    }


@cache
def _emoji_starts() -> re.Pattern[str]:
    """Characters an emoji sequence may start with, as ranges (the scan jumps between them).

    A superset: below U+2000 the exact few, above it everything, sorted out by
    the lookup that follows. A class of a thousand single characters would be
    slower to search than the text is to walk.
    """
    firsts = sorted(c for c in _emoji_lengths()[1] if ord(c) < 0x2000)
    return re.compile("[" + "".join(re.escape(c) for c in firsts) + "\u2000-\U0010ffff]")


@lru_cache(maxsize=8192)
def find_emoji(text: str) -> tuple[tuple[int, int, str], ...]:
    """Emoji sequences in ``text``, longest first at each position: (start, end, sequence)."""
    sequences = _emoji_lengths()[0]
    if len(text) == 1:  # most readings of a lost byte are one character
        return ((0, 1, text),) if text in sequences else ()
    longer = _emoji_longer()
    starts = _emoji_starts()
    found: list[tuple[int, int, str]] = []
    size = len(text)
    match = starts.search(text)
    while match is not None:
        i = match.start()
        char = text[i]
        entry = longer.get(char)
        # The longer sequences are tried only when the next character can follow.
        if entry is not None and i + 1 < size and text[i + 1] in entry[1]:
            for length in entry[0]:
                piece = text[i : i + length]
                if len(piece) == length and piece in sequences:
                    found.append((i, i + length, piece))
                    i += length
                    break
            else:
                i = _single(found, char, i)
        else:
            i = _single(found, char, i)
        match = starts.search(text, i)
    return tuple(found)


def _single(found: list[tuple[int, int, str]], char: str, at: int) -> int:
    """Note ``char`` at ``at`` if it is an emoji on its own; where the scan goes on."""
    if char in _emoji_lengths()[0]:
        found.append((at, at + 1, char))
    return at + 1


def is_assigned(char: str) -> bool:
    """True for a character Unicode assigns (or one the emoji data knows) and allows in text."""
    category = unicodedata.category(char)
    if category == "Cn":
        return char in emoji_components()
    return category not in ("Cc", "Co", "Cs")


@cache
def script(char: str) -> str:
    """A coarse script name for a letter ('' for anything that is not a letter)."""
    if not char.isalpha():
        return ""
    if char.isascii():
        return "LATIN"
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return "HAN" if first == "CJK" else first


def script_group(name: str) -> str:
    return "CJK" if name in _CJK_GROUP else name


# Letters only one language of the Latin script uses (in this list), and all the
# accented letters of that language: a line with "ę" prefers "Ł" to "Ř".
LANGUAGES = {
    "pl": ("ąęłńśźżĄĘŁŃŚŹŻ", "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"),
    "cs": ("ěřůĚŘŮ", "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ"),
    "tr": ("ğışİĞŞ", "çğıöşüÇĞİÖŞÜ"),
    "hu": ("őűŐŰ", "áéíóöőúüűÁÉÍÓÖŐÚÜŰ"),
    "ro": ("șțăȘȚĂ", "ăâîșțĂÂÎȘȚ"),
    "pt": ("ãõÃÕ", "ãõçáéíóúâêôàÃÕÇÁÉÍÓÚÂÊÔÀ"),
    "es": ("ñÑ¿¡", "ñáéíóúüÑÁÉÍÓÚÜ"),
    "de": ("ßẞ", "äöüßÄÖÜ"),
}


_LANGUAGE_LETTERS = {code: frozenset(own) for code, (own, _) in LANGUAGES.items()}


def context_scripts(chars: Iterable[str]) -> frozenset[str]:
    """The scripts of the letters in ``chars``, and "lang:xx" for languages they show."""
    present = set("".join(chars))
    found = {s for s in map(script, present) if s}
    found.update(f"lang:{code}" for code, own in _LANGUAGE_LETTERS.items() if own & present)
    return frozenset(found)


def rare_letter(char: str) -> bool:
    """A letter of a block that posts hardly use (IPA, modifier letters, Yi, CJK
    extensions): legitimate text that looks garbled reads as these ("gęś—" as "gꜗ")."""
    point = ord(char)
    return (
        (0x0180 <= point < 0x0370 and char not in "șțȘȚơƠưƯ")  # Latin Extended-B, IPA
        or 0x0700 <= point < 0x0900  # Syriac, Thaana, NKo, Samaritan, Mandaic
        or 0x1C80 <= point < 0x1E00
        or 0x2C00 <= point < 0x2E00
        or 0x3100 <= point < 0x3400  # Bopomofo, compatibility jamo, squared Latin
        or 0x3400 <= point < 0x4E00  # CJK Extension A
        or 0xA000 <= point < 0xAC00
        or 0xF900 <= point < 0xFB00
        or point >= 0x10000
    )


def char_score(char: str, scripts: frozenset[str], left: str) -> float:
    """How plausible ``char`` is as the repair of garbled bytes, in a line of ``scripts``,
    after the character ``left`` ('' at the start)."""
    return kind_score(char, scripts, left_kind(left))


# What a score needs to know of the character on the left: whether it is an emoji
# (not ASCII), whether it is a skin tone, and its script (None at the start).
LeftKind = tuple[bool, bool, str | None]


@lru_cache(maxsize=4096)
def left_kind(left: str) -> LeftKind:
    """The character on the left as :func:`kind_score` sees it (many characters look alike)."""
    after_emoji = bool(left) and not left.isascii() and left in emoji_components()
    return after_emoji, left in _SKIN_TONES, script(left) if left else None


@lru_cache(maxsize=8192)  # bounded: its keys come from the lines read
def kind_score(char: str, scripts: frozenset[str], left: LeftKind) -> float:
    """:func:`char_score`, with the character on the left given by :func:`left_kind`."""
    if char in COMMON_PUNCT:
        # Right after an emoji, a lost byte is far more often a ZWJ or U+FE0F.
        return 0.5 if left[0] else 2.0
    category = unicodedata.category(char)
    if category.startswith("L"):
        return _letter_score(char, scripts, left[2])
    if char in EMOJI_PARTS or char in emoji_components():
        return _emoji_char_score(char, left)
    if category in ("Mn", "Mc", "Me", "Zs", "Zl", "Zp"):
        return -3.0
    if category == "Cf":
        return -4.0
    if category == "Cc":
        return -0.5  # a C1 control: only useful as a step in text garbled twice
    if 0x2000 <= ord(char) < 0x2C00:
        return 0.5  # general punctuation, arrows, math, technical symbols
    if 0xFE00 <= ord(char) < 0xFE70:
        return -3.0  # vertical and small forms, half marks: never what a post held
    return -1.0


_QUALIFIED = emoji.STATUS["fully_qualified"]
_SKIN_TONES = frozenset(chr(c) for c in range(0x1F3FB, 0x1F400))


def _emoji_char_score(char: str, left: LeftKind) -> float:
    """A first guess at an emoji character before its whole sequence is judged."""
    after_emoji, after_tone, _ = left
    if char in (ZWJ, VS16):
        return 2.0 if after_emoji else -2.0  # joins or qualifies the emoji before it
    if char in _SKIN_TONES:
        return 2.5 if after_emoji and not after_tone else -3.0
    if char in emoji.EMOJI_DATA or char + VS16 in emoji.EMOJI_DATA:
        rank = emoji_rank().get(char)
        return 1.0 + (2.0 * (1 - rank / len(emoji_rank())) if rank is not None else 0.0)
    return 0.5  # judged with its neighbours by structure_score


def _letter_score(char: str, scripts: frozenset[str], left_script: str | None) -> float:
    own = script(char)
    if own in scripts:
        value = 2.0
    elif script_group(own) in {script_group(s) for s in scripts}:
        value = 1.5
    elif not scripts:
        value = 0.5
    else:
        value = -2.5
    if left_script == own:
        value += 0.5
    if rare_letter(char):
        value -= 2.0
    rank = COMMON_KANA.find(char)
    if rank >= 0:
        value += 0.8 * (1 - rank / len(COMMON_KANA))
    if any(char in LANGUAGES[s[5:]][1] for s in scripts if s.startswith("lang:")):
        value += 1.0
    rank = COMMON_LATIN.find(char)
    if rank >= 0:
        value += 0.5 * (1 - rank / len(COMMON_LATIN))
    return value


def open_quotes(text: str) -> tuple[int, int]:
    """How many “ and ‘ in ``text`` are still waiting for their closing quote."""
    return text.count("“") - text.count("”"), text.count("‘") - text.count("’")


PAIRED = frozenset("”“’")  # the characters pairing_score weighs


def pairing_score(char: str, open_double: int, open_single: int) -> float:
    """An opening quote before wants a closing one; a closing one wants an opener."""
    if char == "”":
        return 2.0 if open_double > 0 else -0.5
    if char == "“":
        return -1.0 if open_double > 0 else 0.5
    if char == "’" and open_single > 0:
        return 1.0
    return 0.0


# What stands before a word: a quote there opens one. Not U+00A0, a byte of
# garbled text ("Ã\xa0" is "à"); and in garbled text the quotes themselves stand
# for bytes inside a run ("ŕĄ‹ŕ¤"), so only a quote after one of these counts.
BEFORE_WORD = " \t\n([{"

# Per closing quote: the opening quotes it answers where a word starts, or the
# closing quote itself.
_QUOTES = {
    closer: re.compile(rf"(?:^|(?<=[{re.escape(BEFORE_WORD)}]))[{openers}]|{closer}")
    for closer, openers in {"”": "“„", "»": "«", "“": "„", "›": "‹"}.items()
}


def closes_quote(before: str, char: str) -> bool:
    """Whether ``char`` closes a quote that ``before`` opened and left open (a
    closing quote with none open before it closes nothing: '” “OLÁ, IRMÃ”')."""
    quotes = _QUOTES.get(char)
    if quotes is None:
        return False
    open_ = 0
    for match in quotes.finditer(before):
        if match.group() != char:
            open_ += 1
        elif open_:
            open_ -= 1
    return open_ > 0


@lru_cache(maxsize=4096)
def nearby_words(text: str) -> frozenset[str]:
    """Lower-case words of three letters or more, for matching emoji names."""
    return frozenset(_WORD.findall(text.lower())) - STOPWORDS


@lru_cache(maxsize=1024)  # bounded: its keys come from the lines read
def _words_by_start(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Nearby words by their first three letters: every way a word matches an
    emoji's key (see :func:`_matches`) shares those."""
    index: dict[str, list[str]] = {}
    for word in words:
        index.setdefault(word[:3], []).append(word)
    return {start: tuple(found) for start, found in index.items()}


def _matches(word: str, key: str) -> bool:
    if word == key:
        return True
    short, long = (word, key) if len(word) <= len(key) else (key, word)
    if len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 4:
        return True
    return len(short) >= 5 and word[:5] == key[:5]


@lru_cache(maxsize=8192)  # bounded: its keys come from the lines read
def emoji_score(sequence: str, words: frozenset[str]) -> float:
    """A complete emoji: more for each code point it explains, for being common, for fit.

    A sequence (ZWJ, skin tone, flag, keycap) earns a bonus over the same code
    points read as separate emoji, and a lone skin tone or hair part counts as broken.
    """
    bare = sequence.replace(VS16, "")
    data = emoji.EMOJI_DATA.get(sequence) or emoji.EMOJI_DATA.get(bare) or {}
    if data.get("status") == emoji.STATUS["component"] and len(bare) == 1:
        return -8.0
    if sequence == bare and emoji.EMOJI_DATA.get(bare + VS16, {}).get("status") == _QUALIFIED:
        return 0.5  # a text-style symbol (☀ without U+FE0F): no evidence of an emoji
    value = 3.0 * len(bare) - 1.0 + 4.0 * (len(bare) - 1)
    rank = emoji_rank().get(bare)
    if rank is not None:
        value += 2.0 * (1 - rank / len(emoji_rank()))
    else:
        version = float(data.get("E", 1.0))
        value -= min(1.0, max(0.0, version - 1.0) * 0.1)
    index = _words_by_start(words)
    hits = len({w for k in emoji_words(sequence) for w in index.get(k[:3], ()) if _matches(w, k)})
    return value + 3.0 * min(hits, 2)


@cache
def _emoji_chars() -> frozenset[str]:
    """Every character an emoji sequence or a stray emoji part can hold."""
    return emoji_components() | EMOJI_PARTS


def _holds_emoji_char(text: str) -> bool:
    """Whether ``text`` holds a character that an emoji sequence or a stray emoji part can hold."""
    return not text.isascii() and not _emoji_chars().isdisjoint(text)


@lru_cache(maxsize=8192)  # bounded: its keys come from the lines read
def structure_score(left: str, decoded: str, right: str, words: frozenset[str]) -> float:
    """Score the emoji in ``decoded``: complete sequences gain, stray emoji parts lose."""
    if not _holds_emoji_char(decoded):
        return 0.0  # every emoji it could score holds a character of ``decoded``
    text, low, high = emoji_window(left, decoded, right)
    # Emoji parts of ``decoded`` that no whole emoji covers are judged alone.
    parts = (
        {i for i in range(low, high) if text[i] in EMOJI_PARTS}
        if not EMOJI_PARTS.isdisjoint(decoded)
        else set()
    )
    value = 0.0
    for start, end, sequence in find_emoji(text):
        if end <= low or start >= high:
            continue
        value += emoji_score(sequence, words)
        if parts:
            parts.difference_update(range(start, end))
    for i in sorted(parts):
        value += 1.0 if _joins_emoji(text, i) else -8.0
    return value


def emoji_window(left: str, decoded: str, right: str) -> tuple[str, int, int]:
    """``decoded`` with the context that can share an emoji sequence with it, and
    where ``decoded`` starts and ends in that text.

    A sequence is made of emoji characters only, so none reaches across a
    character that is not one ("users 10"): the context is cut there. The scan
    of :func:`find_emoji` finds the same sequences next to the text, in less time.
    """
    parts = emoji_components()
    start = len(left)
    while start and left[start - 1] in parts:
        start -= 1
    end = 0
    while end < len(right) and right[end] in parts:
        end += 1
    near = left[start:]
    return near + decoded + right[:end], len(near), len(near) + len(decoded)


def _joins_emoji(text: str, index: int) -> bool:
    """A ZWJ between two emoji: part of a sequence another repair may complete."""
    if text[index] != ZWJ or index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    return all(not c.isascii() and c in emoji_components() for c in (before, after))


def broken_parts(left: str, decoded: str, right: str, strict: bool = False) -> int:
    """How many emoji parts in ``decoded`` belong to no complete emoji.

    Unless ``strict``, a ZWJ between two emoji is let through: a repair of the
    next run may complete the sequence.
    """
    if EMOJI_PARTS.isdisjoint(decoded):
        return 0
    text, low, high = emoji_window(left, decoded, right)
    covered = [False] * len(text)
    for start, end, sequence in find_emoji(text):
        if len(sequence) == 1 and sequence in EMOJI_PARTS:
            continue
        for i in range(start, end):
            covered[i] = True
    return sum(
        1
        for i in range(low, high)
        if not covered[i] and text[i] in EMOJI_PARTS and (strict or not _joins_emoji(text, i))
    )


def has_emoji(left: str, decoded: str, right: str) -> bool:
    """Whether an emoji (not ©, ®, ™ nor a stray part) holds a character of ``decoded``."""
    if not _holds_emoji_char(decoded):
        return False  # every such emoji holds an emoji character of ``decoded``
    text, low, high = emoji_window(left, decoded, right)
    return any(
        end > low and start < high
        for start, end, sequence in find_emoji(text)
        if sequence not in "©®™" and not (len(sequence) == 1 and sequence in EMOJI_PARTS)
    )


def clear_score_caches() -> None:
    """Forget the scores of lines seen before (for benchmarks that time cold work)."""
    for cached in (
        find_emoji,
        kind_score,
        emoji_score,
        structure_score,
        nearby_words,
        _words_by_start,
    ):
        cached.cache_clear()
