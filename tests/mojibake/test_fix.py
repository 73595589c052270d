"""The mojibake repair library: the example post, table cases, the corpus, safety rules."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import emoji
import ftfy
import pytest

from helpers import DATA, EXAMPLES, garble
from postkit import fix_text
from postkit.emoji_forms import is_fully_qualified
from postkit.mojibake.repair import (
    Repair,
    find_repairs,
    fix_line,
    read_with_every_code_page,
    repair_page_text,
)
from postkit.mojibake.score import EMOJI_PARTS, find_emoji

FIX_DATA = DATA / "fix"
EXAMPLE = EXAMPLES / "linkedin-post-mojibake.txt"


def _rows() -> list[dict[str, str]]:
    text = (FIX_DATA / "garbled.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def _legit() -> list[str]:
    text = (FIX_DATA / "legit.txt").read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line]


def _problems(text: str) -> list[str]:
    """Unassigned code points, surrogates, C1 controls and broken emoji parts in ``text``."""
    found = []
    covered = [False] * len(text)
    for start, end, sequence in find_emoji(text):
        if not (len(sequence) == 1 and sequence in EMOJI_PARTS):
            covered[start:end] = [True] * (end - start)
    for i, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cs" or (category == "Cn" and char not in emoji.EMOJI_DATA):
            found.append(f"unassigned {char!r}")
        if "\x80" <= char <= "\x9f":
            found.append(f"C1 control {char!r}")
        if char in EMOJI_PARTS and not covered[i]:
            found.append(f"broken emoji part {char!r}")
    return found


# ---------------------------------------------------------------- the example post


@pytest.fixture(scope="module")
def example() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def test_example_post_every_garbled_emoji_repaired(example: str) -> None:
    repairs = find_repairs(example)
    assert len(repairs) == 13
    for repair in repairs:
        assert example[repair.start : repair.end] == repair.garbled
        assert is_fully_qualified(repair.result), repair
    fixed = fix_text(example)
    assert "ğŸ" not in fixed and "â˜" not in fixed
    assert find_repairs(fixed) == []
    assert _problems(fixed) == []


def test_example_post_agrees_with_ftfy_where_ftfy_succeeds(example: str) -> None:
    agreed = 0
    for repair in find_repairs(example):
        theirs = ftfy.fix_text(repair.garbled)
        if emoji.is_emoji(theirs):
            assert repair.result == theirs
            agreed += 1
    assert agreed == 7  # 6 distinct emoji, 📊 twice


def test_example_post_lost_bytes_fit_their_sentence(example: str) -> None:
    fixed = fix_text(example)
    assert "composing music 🎵" in fixed
    assert "computational power ☁️" in fixed
    assert "product recommendations 🛍️" in fixed
    guessed = [r for r in find_repairs(example) if r.restored]
    assert len(guessed) == 6
    assert all(r.alternatives for r in guessed)


# ---------------------------------------------------------------- table of cases

CASES = [
    # (garbled, expected) written for these tests
    ("Ship it ðŸš€ today", "Ship it 🚀 today"),  # Windows-1252, nothing lost
    ("Ship it ğŸš€ today", "Ship it 🚀 today"),  # Windows-1254
    ("Ship it đźš€ today", "Ship it 🚀 today"),  # Windows-1250
    ("Ship it \u00f0\u009f\u009a\u0080 today", "Ship it 🚀 today"),  # Latin-1, C1 kept
    ("Ship it \uf8ffüöÄ today", "Ship it 🚀 today"),  # Mac Roman
    ("Ship it Ã°Å¸Å¡â‚¬ today", "Ship it 🚀 today"),  # garbled twice
    ("Late night composing music ğŸµ.", "Late night composing music 🎵."),  # 0x8E lost
    ("Afternoon green tea break ğŸµ", "Afternoon green tea break 🍵"),
    ("He said â€œhelloâ€ and left.", "He said “hello” and left."),  # 0x9D lost: pairing
    ("It’s fine", "It’s fine"),
    ("Itâ€™s fine", "It’s fine"),
    ("cafÃ© crÃ¨me Ã\xa0 emporter", "café crème à emporter"),
    ("Ã‡a marche, Ã©tÃ© 2026", "Ça marche, été 2026"),
    ("Cloud migration done ğŸ‘¨â€ğŸ’» ", "Cloud migration done 👨\u200d💻 "),  # ZWJ lost
    ("Great job ğŸ‘ğŸ½", "Great job 👍🏽"),  # skin tone: 0x8F lost twice
    ("Paris ðŸ‡«ðŸ‡·", "Paris 🇫🇷"),
    ("Step 1ï¸âƒ£ first", "Step 1️⃣ first"),  # keycap with U+FE0F's last byte lost
    ("Ð¡Ð¿Ð°ÑÐ¸Ð±Ð¾ Ð·Ð° Ð¿Ð¾Ð¼Ð¾Ñ‰ÑŒ", "Спасибо за помощь"),
    ("MÃ¼nchen Ã¶ffnet", "München öffnet"),
    ("DziÄ™kujÄ™ za wspÃ³Å‚pracÄ™", "Dziękuję za współpracę"),
    # 0x8F lost twice; 🌍 followed by a variation selector 2 or a vertical comma
    # would fit the bytes left, but is no emoji sequence a post holds.
    ("Thanks everyone ðŸŒï¸", "Thanks everyone 🏌️"),
]


@pytest.mark.parametrize(("garbled", "expected"), CASES)
def test_repairs(garbled: str, expected: str) -> None:
    assert fix_text(garbled) == expected


LEGIT = [
    "MÃE, PAI E IRMÃ",
    "Doğru söze ne denir? Ağaç, İğne, ŞEHİR.",
    "“Curly” ‘quotes’ — and dashes – stay…",
    "Prices €5 and £3, 2 × 3 ≤ 7, √x ± ∞",
    "Family 👨‍👩‍👧‍👦, flag 🇹🇷, skin 👍🏾, keycap 2️⃣, text ☺",
    "IL Y MARQUÉ… et PÅ” et CAFÉ”",
    "Привет, Київ! Ευχαριστώ. 今日は。안녕하세요",
    "Tiếng Việt: người, ơn, được",
    "ＡＢＣ ﬁ ﬂ stay as written",
    "",
    "plain ascii",
]


@pytest.mark.parametrize("text", LEGIT)
def test_legitimate_text_unchanged(text: str) -> None:
    assert fix_text(text) == text
    assert find_repairs(text) == []


@pytest.mark.parametrize(
    "words",
    ["MÃE, PAI E IRMÃ ESTÃO EM CASA.", "IL Y MARQUÉ… et PÅ” sont des cas limites."],
)
@pytest.mark.parametrize("codec", ["cp1252", "cp1254"])
@pytest.mark.parametrize("twice", [False, True])
def test_legitimate_words_beside_an_emoji_that_lost_a_byte(
    words: str, codec: str, twice: bool
) -> None:
    # "â¤ï¸" is ❤️ with two bytes lost: the repair is certain to be garbling, but
    # it does not vouch for "Ã" or "Å”" elsewhere on the line, which a lost byte
    # would explain just as well ("Á", "Ŕ") and which are legitimate here.
    garbled = garble("❤️", codec, "dropped")
    if twice:
        garbled = garble(garbled, codec, "kept")
    line = f"{words} {garbled}"
    assert fix_text(line) == f"{words} ❤️"
    assert read_with_every_code_page(line)[0] == f"{words} ❤️"


@pytest.mark.parametrize(
    "text",
    [
        "„Київ” — столиця України.",  # "в”" is ☔ in Windows-1251 with a byte guessed
        "Ela disse “OLÁ, IRMÃ” e saiu.",  # "Ã”" is Ô in Windows-1252
        "A «IRMÃ» chegou.",  # "Ã»" is û
        "«Não há» — disse ele.",  # "á»" is ề with a byte guessed
        "” “OLÁ, IRMÃ”",  # a stray closing quote before does not close the opening one
    ],
)
def test_a_word_in_quotes_keeps_its_closing_quote(text: str) -> None:
    # The last letters of the word and its closing quote read as a character,
    # but the opening quote before them waits for that quote.
    assert fix_text(text) == text
    assert read_with_every_code_page(text)[0] == text


def test_without_an_opening_quote_the_same_bytes_are_read() -> None:
    # Vietnamese "hề" garbled in Windows-1252 lost its last byte: "há»".
    garbled = garble("Cảm ơn, tôi là hề", "cp1252", "dropped")
    assert garbled.endswith("há»")
    assert fix_text(garbled) == "Cảm ơn, tôi là hề"


@pytest.mark.parametrize(
    ("garbled", "expected"),
    [
        ("„Musik ğŸµ” sagt er", "„Musik 🎵” sagt er"),
        ("«Merci ğŸµ» dit-il", "«Merci 🎵» dit-il"),
    ],
)
def test_an_emoji_garbled_inside_quotes_is_read_without_the_quote(
    garbled: str, expected: str
) -> None:
    # "ğŸµ”" would read as 🎵 with the quote as its lost byte's neighbour; the
    # quote closes "„" and stands apart, and 🎵 is read from the rest.
    assert fix_text(garbled) == expected


@pytest.mark.parametrize("codec", ["cp1250", "cp1251", "cp1252"])
def test_words_in_quotes_garbled_whole_come_back(codec: str) -> None:
    original = "„Київ” — столиця України 🇺🇦, «Não há» 🎵"
    assert fix_text(garble(original, codec, "kept")) == original


@pytest.mark.parametrize("text", ["Menu: café€3 — 東京店", "Meet at Málaga† — 大阪"])
def test_a_word_with_a_symbol_glued_to_it_stays_beside_cjk(text: str) -> None:
    # "é€" with a guessed byte is 遀, and the Han of the line makes it fit; but a
    # guess does not turn the accented letter that goes on a Latin word into Han.
    assert fix_text(text) == text


@pytest.mark.parametrize(
    ("garbled", "expected"),
    [
        ("Er sagte „HÃ”TEL“ und ging.", "Er sagte „HÔTEL“ und ging."),
        ("“CÃ”TE”", "“CÔTE”"),
        ("«sÃ»r»", "«sûr»"),
    ],
)
def test_a_quote_before_a_letter_is_a_garbled_byte(garbled: str, expected: str) -> None:
    # "Ã”" in "HÃ”TEL" is Ô: a closing quote ends a word only where no letter follows.
    assert fix_text(garbled) == expected


@pytest.mark.parametrize("text", ["The sign read “HÔTEL” 🏨", "Tak: „NÓS”, „NÓS”! 🎉"])
def test_quoted_words_garbled_twice_come_back(text: str) -> None:
    # The first round puts the quotes back; the second must still read "Ã”" inside the word.
    assert fix_text(garble(garble(text, "cp1252", "kept"), "cp1252", "kept")) == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [("おはよう☀️", "cp1252"), ("おめでとう🎂", "cp1252"), ("行ってきます✈️", "cp1250")],
)
def test_a_short_post_in_kana_that_lost_bytes_comes_back(text: str, codec: str) -> None:
    # Every Hiragana from U+3041 to U+307F loses its middle byte in these code
    # pages, and the line shows no script but the garbled Latin: the kana read
    # from their first bytes and a guess are not foreign letters.
    assert fix_text(garble(text, codec, "dropped")) == text


def test_an_emoji_does_not_vouch_for_a_guess_that_breaks_a_word() -> None:
    # In Windows-1251 "Київ•" reads "ʘ蘿☕": a byte guessed in each of three
    # pieces of a Cyrillic word, to make an IPA letter, a Han character and ☕.
    text = "Київ•Львів•Одеса: маршрут на тиждень."
    assert fix_text(text) == text
    assert read_with_every_code_page(text)[0] == text


@pytest.mark.parametrize("text", ["☁\ufe0e", "☁\ufe0f", "🛍\ufe0f"])
def test_a_lost_selector_byte_comes_back_as_the_emoji_style(text: str) -> None:
    # Windows-1254 has no character for 0x8E or 0x8F, so U+FE0E (text style,
    # EF B8 8E) and U+FE0F (emoji style, EF B8 8F) both garble to "ï¸". The
    # guess is always U+FE0F, which makes the fully-qualified emoji; U+FE0E is
    # not even weighed (it would only double the readings of every such emoji).
    from postkit.mojibake.search import code_pages, units

    index = next(
        i for i, code_page in enumerate(code_pages()) if code_page.definition.name == "windows-1254"
    )
    (unit,) = units(index, "ï¸")
    assert [char for char, _ in unit.candidates] == ["\ufe0f"]
    garbled = garble(text, "cp1254", "dropped")
    (repair,) = find_repairs(f"Weekend plans {garbled} with friends")
    assert repair.result == text[0] + "\ufe0f"
    assert is_fully_qualified(repair.result)
    assert not any("\ufe0e" in alternative for alternative in repair.alternatives)


def test_no_reading_holds_a_stray_selector() -> None:
    # "â˜ï¸" is ☁️ with two bytes lost: the first may be any of 14 characters,
    # but U+FE0F after one that no emoji holds ("⁘️") is broken, so the beam
    # does not make those readings (it used to weigh all 14). The run is wholly
    # a garbled emoji, which is read without the beam: the beam is asked here.
    from postkit.mojibake.code_pages import emoji_components
    from postkit.mojibake.search import Where, beam_search, code_pages, unchain, units

    index = next(
        i for i, code_page in enumerate(code_pages()) if code_page.definition.name == "windows-1254"
    )
    run = "â˜ï¸"
    where = Where(units(index, run), run, " ", (0, 0), frozenset({"LATIN"}), False)
    texts = [unchain(chain) for _, chain, _, _ in beam_search(where)]
    assert {"☁️", "☎️", "☝️"} <= set(texts)
    for text in texts:
        at = text.index("\ufe0f")
        assert text[at - 1] in emoji_components()
    # As a whole emoji, the run reads as one of the three that garble to it.
    (repair,) = find_repairs(f"computational power {run}. The process")
    assert repair.result == "☁️"
    assert repair.alternatives and set(repair.alternatives) <= {"☎️", "☝️"}


def test_code_pages_that_read_a_line_alike_are_planned_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Windows-1252 and -1254 both lack 0x8F, which "♻️" lost; the other bytes only
    # -1254 lacks make nothing a reading may hold there, so the two plan alike
    # and the full reading plans one. Beside "â•" (☕ or ❕), 0x8E makes more.
    from postkit.mojibake import repair
    from postkit.mojibake.repair import signature
    from postkit.mojibake.search import Fix, code_pages, plan

    names = [code_page.definition.name for code_page in code_pages()]
    cp1252, cp1254 = names.index("windows-1252"), names.index("windows-1254")
    alike = "Happy birthday to our product " + garble("♻️", "cp1252")
    assert signature(cp1252, alike) == signature(cp1254, alike)
    assert plan(cp1252, alike) == plan(cp1254, alike)
    planned: list[int] = []

    def counted(index: int, line: str) -> tuple[Fix, ...]:
        planned.append(index)
        return plan(index, line)

    monkeypatch.setattr(repair, "plan", counted)
    repair._passes(alike, 0)
    assert cp1252 in planned and cp1254 not in planned
    unlike = "Time for a green tea break " + garble("☕", "cp1250")
    assert signature(cp1252, unlike) != signature(cp1254, unlike)
    # Wherever two code pages share a signature, their plans are the same.
    for line in [row["garbled"] for row in _rows()] + _legit():
        signatures: dict[object, int] = {}
        for index in range(len(code_pages())):
            first = signatures.setdefault(signature(index, line), index)
            assert plan(index, line) == plan(first, line), (line, names[index])


# ---------------------------------------------------------------- the corpus


def test_corpus_is_big_and_varied() -> None:
    rows = _rows()
    assert len(rows) >= 300
    assert len({row["kind"] for row in rows}) >= 8
    assert len(_legit()) >= 100


def test_corpus_legitimate_lines_all_unchanged() -> None:
    for line in _legit() + sorted({row["original"] for row in _rows()}):
        assert fix_text(line) == line


def test_corpus_recovery_beats_ftfy() -> None:
    rows = _rows()
    ours = sum(1 for row in rows if fix_text(row["garbled"]) == row["original"])
    theirs = sum(1 for row in rows if ftfy.fix_text(row["garbled"]) == row["original"])
    assert ours / len(rows) >= 0.9
    assert ours > theirs


def test_corpus_output_never_broken() -> None:
    for row in _rows():
        assert _problems(fix_text(row["garbled"])) == [], row["garbled"]


def test_corpus_file_is_reproducible(tmp_path: Path) -> None:
    import runpy

    module = runpy.run_path(str(FIX_DATA / "make_corpus.py"))
    garbled, legit = module["build"]()
    assert garbled == _rows()
    assert legit == _legit()


# ---------------------------------------------------------------- the API


def test_find_repairs_spans_rebuild_the_fixed_text() -> None:
    text = "first ðŸš€ line\nsecond line Ã©tÃ© ğŸµ composing music\nclean ✅\n"
    repairs = find_repairs(text)
    rebuilt, last = [], 0
    for repair in repairs:
        assert text[repair.start : repair.end] == repair.garbled
        rebuilt += [text[last : repair.start], repair.result]
        last = repair.end
    rebuilt.append(text[last:])
    assert "".join(rebuilt) == fix_text(text)
    assert repair_page_text(text) == (fix_text(text), repairs)


def test_fix_text_gives_the_text_its_repairs_make_on_the_whole_corpus() -> None:
    # fix_text takes a shorter way (it makes no repairs): the same text.
    lines = [row["garbled"] for row in _rows()]
    text = "\n".join(lines)
    assert fix_text(text) == repair_page_text(text)[0]
    assert [fix_text(line) for line in lines] == [fix_line(line)[0] for line in lines]


def test_repair_reports_code_page_and_alternatives() -> None:
    (repair,) = find_repairs("composing music ğŸµ")
    assert repair == Repair(16, 19, "ğŸµ", "🎵", "windows-1254", repair.alternatives, restored=1)
    assert repair.guessed
    assert "🍵" in repair.alternatives


def test_letters_a_second_round_reads_keep_the_first_rounds_repairs_as_they_were() -> None:
    # The emoji lost bytes and are guessed in the first round; the letters beside
    # them are read in a second round. The emoji repairs keep their code page and
    # alternatives, and no repair is named as if the line was garbled twice.
    original = "starř 🧗🏼\u200d♀️ thanksř 👍"
    line = garble(original, "cp1254", "dropped")
    repairs = find_repairs(line)
    assert fix_text(line) == original
    assert [r.result for r in repairs] == ["ř", "🧗🏼\u200d♀️", "ř", "👍"]
    assert [line[r.start : r.end] for r in repairs] == [r.garbled for r in repairs]
    emoji_repairs = [r for r in repairs if r.restored]
    assert [r.codepage for r in emoji_repairs] == ["windows-1254", "windows-1254"]
    assert "👏" in emoji_repairs[-1].alternatives  # 👍 lost a byte: 👏 garbles alike
    assert not any(" then " in r.codepage for r in repairs)


def test_fix_line_keeps_text_without_breaks() -> None:
    assert fix_line("a ðŸš€") == ("a 🚀", find_repairs("a ðŸš€"))


def test_import_postkit_exports_fix_text() -> None:
    import postkit

    assert "fix_text" in postkit.__all__
    assert postkit.fix_text("ðŸŽ‰") == "🎉"


def test_garbled_pair_only_in_other_line_leaves_clean_lines_alone() -> None:
    text = "MÃE\nðŸš€\nIrmã"
    assert fix_text(text) == "MÃE\n🚀\nIrmã"


def test_garble_helper_matches_corpus_kinds() -> None:
    assert garble("🎵", "cp1254") == "ğŸµ"
    assert garble("🎵", "cp1254", "kept") == "ğŸ\x8eµ"


def test_long_garbled_line_is_repaired_whole() -> None:
    line = "cafÃ© ğŸµ music, Ð¿Ñ€Ð¸Ð²ÐµÑ‚ " * 300
    assert fix_text(line) == "café 🎵 music, привет " * 300
