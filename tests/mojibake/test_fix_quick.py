"""The shortcuts for garbled lines answer exactly as the full reading would."""

from __future__ import annotations

import json
import os
import random
from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import DATA, EXAMPLES, garble
from helpers.garbling import EVERY_GARBLING, LOSSY, clean_text, qualified_emoji, sentences
from postkit import fix_text
from postkit.mojibake.quick import (
    holding_code_pages,
    peel_outer_layer,
    quick_text_and_spans,
    read_lossless,
    read_lost_without_letters,
)
from postkit.mojibake.repair import (
    Repair,
    find_repairs,
    read_shortcut,
    read_with_every_code_page,
    read_with_holding_code_pages,
)
from postkit.mojibake.search import MEETING_LEADS, code_pages, only_meetings, plan

SETTINGS = settings(
    max_examples=int(os.environ.get("POSTKIT_FIX_EXAMPLES", "150")), deadline=None, derandomize=True
)


def _corpus() -> list[dict[str, str]]:
    text = (DATA / "fix" / "garbled.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def _legit() -> list[str]:
    text = (DATA / "fix" / "legit.txt").read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line]


def _spans(repairs: list[Repair]) -> list[tuple[int, int, str, str]]:
    return [(r.start, r.end, r.result, r.codepage) for r in repairs]


def _shortcut(line: str) -> str | None:
    """What the first shortcut that answers makes of ``line`` (None: the full reading)."""
    quick = read_lossless(line)
    if quick is not None:
        return quick[0]
    other = read_shortcut(line)
    return None if other is None else other[0]


def _agrees(line: str, original: str | None = None) -> bool:
    """True when the shortcuts decline ``line`` or give the full reading's answer.

    Where they differ from the full reading, the shortcut's text must be at least
    as close to ``original`` as the full reading's (the full reading misses some
    lines that the shortcuts get right).
    """
    quick = read_lossless(line)
    if quick is None:
        other = read_shortcut(line)  # checked the same way
        quick = None if other is None else (other[0], _spans(other[1]))
    if quick is None:
        return True
    fixed, repairs = read_with_every_code_page(line)
    if quick == (fixed, _spans(repairs)):
        return True
    if original is None or quick[0] == fixed:
        return False
    return _closeness(quick[0], original) >= _closeness(fixed, original)


def _closeness(text: str, original: str) -> float:
    return SequenceMatcher(None, text, original, autojunk=False).ratio()


def test_quick_reading_agrees_with_full_reading_on_corpus() -> None:
    # Where they differ, the shortcut must come closer to the original.
    rows: list[tuple[str, str | None]] = [(row["garbled"], row["original"]) for row in _corpus()]
    example = (EXAMPLES / "linkedin-post-mojibake.txt").read_text(encoding="utf-8").split("\n")
    rows += [(line, None) for line in example]
    assert [line for line, original in rows if not _agrees(line, original)] == []


def test_quick_reading_takes_most_lines_that_lost_nothing() -> None:
    lossless = [row["garbled"] for row in _corpus() if "dropped" not in row["kind"]]
    taken = [line for line in lossless if read_lossless(line) is not None]
    assert len(taken) >= 0.8 * len(lossless)


def test_quick_reading_repairs_whole_emoji_in_place() -> None:
    line = "Launch day " + garble("🚀", "cp1252", "kept") + "!"
    assert read_lossless(line) == ("Launch day 🚀!", [(11, 15, "🚀", "windows-1252")])


def test_text_garbled_twice_is_read_twice() -> None:
    line = "Bugün " + garble(garble("📣 ekibimize", "cp1252", "kept"), "cp1252", "kept")
    assert read_lossless(line) == ("Bugün 📣 ekibimize", [(6, 15, "📣", "windows-1252")])


def test_letters_are_left_to_the_full_reading_even_twice_garbled() -> None:
    # "É…" looks garbled ("Ʌ") but is legitimate; only the full reading can weigh that.
    assert read_lossless(garble("MARQUÉ…", "cp1252", "kept")) is None
    assert read_lossless(garble(garble("teşekkür", "cp1252", "kept"), "cp1252", "kept")) is None


def test_a_line_of_garbled_accented_letters_is_read_quickly() -> None:
    # Two runs or more that read back as common accented letters, and nothing else
    # that looks garbled: legitimate text does not look like that.
    original = "Très fière de présenter notre projet à Montréal."
    read = read_lossless(garble(original, "cp1252", "kept"))
    assert read is not None
    assert read[0] == original
    assert [result for _, _, result, _ in read[1]] == ["è", "è", "é", "à", "é"]
    assert (
        read_lossless(garble("Très", "cp1252", "kept")) is None
    )  # one letter: for the full reading
    # Legitimate words that look garbled read as rare letters ("Ŕ", "Ʌ"): never taken.
    assert read_lossless("PÅ” MARQUÉ…") is None
    # Romanian capitals: in Windows-1250 "ĂŞ" is C3 AA, which reads "ê"; a small
    # letter inside a word in capitals is not what garbled capitals read back as.
    assert read_lossless("CĂŞTI NOI, PĂŞI MICI") is None
    assert fix_text("CĂŞTI NOI, PĂŞI MICI") == "CĂŞTI NOI, PĂŞI MICI"
    capitals = garble("MÜNCHEN UND KÖLN", "cp1252", "kept")
    assert read_lossless(capitals) == (
        "MÜNCHEN UND KÖLN",
        [(1, 3, "Ü", "windows-1252"), (14, 16, "Ö", "windows-1252")],
    )


@pytest.mark.parametrize(
    ("original", "codec"),
    [
        ("Mulțumim pentru încredere, echipa noastră crește.", "cp1252"),
        ("Știința și țara noastră", "latin-1"),
        ("Đakovo i Međugorje su lijepi, hvala svima.", "cp1252"),
        ("Cảm ơn mọi người đã tham gia sự kiện.", "mac_roman"),
        ("Chúc mừng năm mới, được gặp lại các bạn!", "cp1254"),
    ],
)
def test_romanian_croatian_and_vietnamese_letters_are_read_quickly(
    original: str, codec: str
) -> None:
    # Letters beyond the common ones ("ț", "đ", "ơ", "ạ") are taken in a line
    # garbled whole, as the full reading takes them (where it doubts C1 controls,
    # "È\x9b" for "ț", the quick reading comes closer).
    garbled = garble(original, codec, "kept")
    read = read_lossless(garbled)
    assert read is not None
    assert read[0] == fix_text(garbled) == original
    assert _agrees(garbled, original)


def test_lost_bytes_go_to_the_full_reading() -> None:
    line = "Thanks to everyone who came " + garble("🙏", "cp1252", "dropped")
    assert read_lossless(line) is None
    assert read_with_every_code_page(line)[0] == "Thanks to everyone who came 🙏"


def test_single_accented_letter_goes_to_the_full_reading() -> None:
    # "Ã©" may be legitimate text; the full reading weighs it, the quick one never guesses.
    assert read_lossless("Caf" + garble("é", "cp1252", "kept") + " au lait") is None


def test_code_pages_that_disagree_go_to_the_full_reading() -> None:
    # "â—˝": Windows-1252 cannot hold "˝" but Windows-1250 reads all three as ◽.
    assert _agrees("Done â—˝ next")


def test_a_rare_letter_goes_to_the_full_reading() -> None:
    # In Windows-1250 "ęś—" is the three bytes of "ꜗ" (a modifier letter): the
    # quick reading takes letters of a whole garbled line, but not rare ones.
    assert read_lossless("Gęś—to ptak") is None
    assert fix_text("Gęś—to ptak") == "Gęś—to ptak"


def test_a_quote_that_closes_a_word_goes_to_the_full_reading() -> None:
    # "âš”" reads back as ⚔, but its last character closes the quote "„" opened:
    # the full reading reads the quote apart (and then nothing), so the quick one declines.
    line = "„Schwert âš” sagt er"
    assert read_lossless(line) is None
    assert read_with_every_code_page(line)[0] == line


def test_code_pages_that_read_every_repair_alike_are_named_alike() -> None:
    # Windows-1252 reads the emoji; "Ãª" is "ê" in Windows-1254 too, where it is read.
    line = garble("ê, 🗻", "cp1252", "kept")
    code_page_names = {repair.codepage for repair in read_with_every_code_page(line)[1]}
    assert code_page_names == {"windows-1252"}
    assert _agrees(line)


def test_an_emoji_that_lost_bytes_is_read_quickly_when_one_sequence_fits() -> None:
    # "ğŸš€" has no byte lost in Windows-1254, but "â¤ï¸" lost two in Windows-1252
    # (0x9D of ❤, 0x8F of U+FE0F), and only ❤️ garbles to it.
    line = "Thanks everyone " + garble("❤️", "cp1252", "dropped")
    assert read_lossless(line) is None
    read = read_lost_without_letters(line)
    assert read is not None
    assert read[0] == "Thanks everyone ❤️"
    [(_, _, text, code_page, lost, others)] = read[1]
    assert (text, code_page, lost, others) == ("❤️", "windows-1252", 2, ())
    assert fix_text(line) == read[0]
    assert _agrees(line)


def test_a_choice_among_emoji_that_lost_bytes_is_read_quickly_as_the_full_reading_ranks_it() -> (
    None
):
    # "ğŸµ" is 🎵 🍵 🏵 or 🐵 with a byte lost in Windows-1254: the words choose.
    line = "Late night composing music ğŸµ."
    assert read_lossless(line) is None
    read = read_lost_without_letters(line)
    assert read is not None
    fixed, repairs = read_with_every_code_page(line)
    assert read[0] == fixed == "Late night composing music 🎵."
    [(start, end, text, code_page, lost, others)] = read[1]
    [full] = repairs
    assert (start, end, text, code_page, lost) == (full.start, full.end, "🎵", full.codepage, 1)
    assert others == full.alternatives and "🍵" in others
    # The text alone (for fix_text), without naming or weighing: the same.
    assert quick_text_and_spans(line) == (read[0], [(start, end)])
    # Other words, another choice.
    tea = read_lost_without_letters("Time for a green tea break ğŸµ")
    assert tea is not None and tea[0] == "Time for a green tea break 🍵"


def test_a_code_page_that_reads_only_part_of_a_run_does_not_stop_the_quick_reading() -> None:
    # Mac Roman holds every character of "ï¸âƒ£" (2️⃣ with 0x8F dropped by
    # Windows-1252) but reads only "£" of it; the code pages that read it all
    # agree, and the full reading takes theirs.
    line = "Step " + garble("2\ufe0f\u20e3", "cp1252", "dropped") + " define the goal"
    assert line == "Step 2ï¸âƒ£ define the goal"
    read = read_lost_without_letters(line)
    assert read is not None
    assert read[0] == read_with_every_code_page(line)[0] == "Step 2\ufe0f\u20e3 define the goal"
    assert [code_page for *_, code_page, _, _ in read[1]] == [
        read_with_every_code_page(line)[1][0].codepage
    ]


@pytest.mark.parametrize(
    ("original", "codec"),
    [
        ("He said “hello” and left.", "cp1252"),  # ” lost 0x9D
        ("Quotes from the panel: “ship small, ship often” 💬", "cp1254"),
    ],
)
def test_a_closing_quote_that_lost_a_byte_is_read_quickly_after_its_opening_one(
    original: str, codec: str
) -> None:
    line = garble(original, codec, "dropped")
    read = read_lost_without_letters(line)
    assert read is not None and read[0] == original
    fixed, repairs = read_with_every_code_page(line)
    assert fixed == original
    assert [(a, b, text, code_page, others) for a, b, text, code_page, _, others in read[1]] == [
        (r.start, r.end, r.result, r.codepage, r.alternatives) for r in repairs
    ]


@pytest.mark.parametrize(
    ("item", "codec"),
    [("🫘", "cp1251"), ("🉐", "cp1252"), ("🆎", "cp1254"), ("📘", "cp1251")],
)
def test_a_lost_byte_replaced_by_u_fffd_is_read_with_its_run(item: str, codec: str) -> None:
    # A decoder's errors="replace" leaves U+FFFD for the byte it lost ("рџ«" + "\ufffd"
    # is 🫘). The full reading takes it into the run; read without it, the run is
    # another emoji (😫) and the U+FFFD is left over.
    original = f"Great day {item} at the beach"
    line = garble(original, codec, "replaced")
    assert "\ufffd" in line
    assert read_lost_without_letters(line) is None
    assert fix_text(line) == original


@pytest.mark.parametrize(
    ("line", "code_page", "others"),
    [
        # "â˜ï¸" is ☁️ or ☝️ with bytes dropped by Windows-1252, or also ☎️ by
        # Windows-1254, which "ğŸ¤–" (🤖) beside it names.
        ("Computing power " + garble("☁️", "cp1252", "dropped") + ".", "windows-1252", ("☝️",)),
        (
            "Datasets "
            + garble("🤖", "cp1254", "dropped")
            + " and power "
            + garble("☁️", "cp1254", "dropped"),
            "windows-1254",
            ("☎️", "☝️"),
        ),
    ],
)
def test_a_quick_choice_shows_the_alternatives_of_the_code_page_it_names(
    line: str, code_page: str, others: tuple[str, ...]
) -> None:
    read = read_lost_without_letters(line)
    assert read is not None
    *_, (_, _, text, name, _, alternatives) = read[1]
    assert (text, name, alternatives) == ("☁️", code_page, others)
    full = read_with_every_code_page(line)[1][-1]
    assert (full.result, full.codepage, full.alternatives) == (text, name, alternatives)


@pytest.mark.parametrize(
    "line",
    [
        "He said helloâ€ and left.",  # "â€" is ” with no opening quote: the line decides
        # "Ã©" beside accented text that does not look garbled ("è"): the full reading weighs it
        "Très bon cafÃ© " + garble("❤️", "cp1252", "dropped"),
    ],
)
def test_a_choice_goes_to_the_full_reading(line: str) -> None:
    assert read_lost_without_letters(line) is None


def test_legitimate_words_beside_an_emoji_that_lost_bytes_are_kept_quickly() -> None:
    line = "MÃE, PAI E IRMÃ ESTÃO EM CASA. " + garble("❤️", "cp1252", "dropped")
    assert read_lost_without_letters(line) == (
        "MÃE, PAI E IRMÃ ESTÃO EM CASA. ❤️",
        [(31, 35, "❤️", "windows-1252", 2, ())],
    )


def test_a_line_garbled_whole_around_an_emoji_that_lost_bytes_is_read_whole() -> None:
    original = "MÃE, PAI E IRMÃ ESTÃO EM CASA. ❤️"
    line = garble(original, "cp1252", "dropped")
    read = read_lost_without_letters(line)
    assert read is not None and read[0] == original
    assert fix_text(line) == original


def test_text_garbled_twice_names_the_code_page_that_holds_the_line() -> None:
    # "Ä‚Â©" reads alike in Windows-1252 and -1250; only -1250 holds "Ä‚Ĺ" beside it.
    line = garble(garble("#éte amanhã", "cp1250", "dropped"), "cp1250", "dropped")
    assert {repair.codepage for repair in read_with_every_code_page(line)[1]} == {"windows-1250"}
    assert _agrees(line)


def test_legitimate_lines_are_never_taken() -> None:
    assert [line for line in _legit() if read_lossless(line) is not None] == []


@SETTINGS
@given(
    clean_text,
    st.sampled_from(EVERY_GARBLING),
    st.booleans(),
)
def test_quick_reading_agrees_on_any_garbled_text(
    text: str, garbling: tuple[str, str], twice: bool
) -> None:
    garbled = garble(text, *garbling)
    if twice:
        garbled = garble(garbled, *garbling)
    lines = zip(garbled.split("\n"), text.split("\n"), strict=True)
    assert all(_agrees(line, original) for line, original in lines)


def test_text_garbled_twice_whose_outer_layer_lost_a_byte_is_peeled() -> None:
    # The second Windows-1252 pass dropped 0x9D, the last byte of "”" in "ðŸ”¥":
    # of the characters "â€" and a lost byte make, only "”" reads back as 🔥.
    line = "thumbs up " + garble(garble("🔥", "cp1252", "kept"), "cp1252", "dropped")
    assert line == "thumbs up Ã°Å¸â€Â¥"
    peeled = peel_outer_layer(line)
    assert peeled is not None
    assert peeled[0] == "thumbs up ðŸ”¥"
    assert peeled[1] == [(10, 18, "ðŸ”¥", "windows-1252", 1)]
    assert read_shortcut(line) == read_with_every_code_page(line)
    (repair,) = find_repairs(line)
    assert (repair.result, repair.restored) == ("🔥", 1)
    # Letters that lost a byte the first time are not peeled: no reading of
    # "Ã„" and a byte is garbled text.
    assert (
        peel_outer_layer(garble(garble("počet", "cp1252", "dropped"), "cp1252", "dropped")) is None
    )


def test_peeling_an_outer_layer_that_lost_a_byte_agrees_with_the_full_reading() -> None:
    # Emoji garbled twice, every way, the second time with bytes dropped: where
    # the outer layer is peeled across a lost byte, the answer is the full
    # reading's, or closer to the original.
    peeled = 0
    for item in qualified_emoji()[::40]:
        original = f"Big news {item} for the team"
        for inner in EVERY_GARBLING:
            for outer in LOSSY:
                garbled = garble(garble(original, *inner), outer, "dropped")
                found = peel_outer_layer(garbled)
                if found is None or not any(lost for *_, lost in found[1]):
                    continue
                peeled += 1
                assert _agrees(garbled, original), (item, inner, outer)
    assert peeled >= 50


@SETTINGS
@given(
    st.sampled_from(qualified_emoji()),
    st.sampled_from(EVERY_GARBLING),
    sentences,
)
def test_quick_reading_agrees_on_every_emoji(
    item: str, garbling: tuple[str, str], sentence: str
) -> None:
    original = sentence.format(item)
    assert _agrees(garble(original, *garbling), original)


def test_legitimate_text_beside_a_garbled_emoji_is_kept() -> None:
    # A real garbled emoji makes the line look garbled; the quick reading must still
    # leave its legitimate words alone ("MARQUÉ…", "PÅ”" are for the full reading).
    wrong = []
    for line in _legit():
        for item in ("🚀", "❤️", "“ok”"):
            for codec in ("cp1252", "cp1254", "cp1250", "mac_roman"):
                once = garble(item, codec, "kept")
                for garbled in (once, garble(once, codec, "kept"), garble(item, codec)):
                    quick = _shortcut(f"{line} {garbled}")
                    if quick is not None and quick != f"{line} {item}":
                        wrong.append(quick)
    assert wrong == []


def test_reading_with_the_code_pages_that_hold_every_run_agrees_with_full_reading() -> None:
    # A line is read with the code pages that can have garbled all of it, when one
    # pass of one of them reads it all.
    taken = 0
    for row in _corpus():
        line = row["garbled"]
        if read_lossless(line) is not None or not holding_code_pages(line):
            continue
        alone = read_with_holding_code_pages(line)
        if alone is None:
            continue
        taken += 1
        fixed, repairs = read_with_every_code_page(line)
        assert alone[0] in (fixed, row["original"]), line
        if alone[0] == fixed:
            assert _spans(alone[1]) == _spans(repairs), line
    assert taken >= 30  # most lines that lost a byte and were garbled once


def test_holders_hold_every_garbled_run() -> None:
    cp1254 = garble("🎵", "cp1254", "dropped")  # "ğŸµ": only Windows-1254 has "ğ"
    cp1252 = garble("🙏", "cp1252", "dropped")  # "ðŸ™": only Windows-1252 holds all three
    assert holding_code_pages(f"music {cp1254}") == {1}
    assert holding_code_pages(f"thanks {cp1252}") == {0}
    assert holding_code_pages(f"music {cp1254} thanks {cp1252}") == set()
    assert holding_code_pages("no garbling here: Größe, “quotes”") == set()
    # Every Latin code page holds "Ã¨" ("è"): the line is read with the best of them.
    assert {0, 1, 3} <= holding_code_pages(garble("Très fière", "cp1252", "kept"))


def test_letters_that_meet_after_a_lost_byte_are_read_with_the_holders() -> None:
    # Repaired Czech looks garbled where its letters meet ("íš" in "příště"), and the
    # emoji lost bytes that Windows-1254 has no character for: the code page that
    # holds every run still reads the line at once, as the full reading does.
    original = "Děkujeme všem účastníkům 👨🏼‍🤝‍👨🏿 příště se těšíme znovu."
    line = garble(original, "cp1254", "dropped")
    assert garble("🤝", "cp1254", "kept") != garble("🤝", "cp1254", "dropped")  # lost a byte
    alone = read_with_holding_code_pages(line)
    assert alone is not None
    fixed, repairs = read_with_every_code_page(line)
    assert alone[0] == fixed == original
    assert _spans(alone[1]) == _spans(repairs)


def test_letters_that_meet_after_a_clean_reading_are_read_quickly() -> None:
    # Every byte survived, but the repaired Czech still looks garbled where its
    # letters meet ("íš" is ED 9A in Windows-1252: a lead byte and a continuation).
    original = "Děkujeme všem účastníkům 🪛 příště se těšíme znovu."
    line = garble(original, "mac_roman", "kept")
    quick = read_lossless(line)
    assert quick is not None
    fixed, repairs = read_with_every_code_page(line)
    assert quick[0] == fixed == original
    assert quick[1] == _spans(repairs)
    # The full reading trusts such letters as letters: "ęś" vouches for the lone
    # "ą" beside it, and one pass of Windows-1252 reads the line, as it was garbled.
    polish = garble("gęślą gęślą", "cp1252", "kept")
    quick = read_lossless(polish)
    fixed, repairs = read_with_every_code_page(polish)
    assert quick is not None
    assert quick[0] == fixed == "gęślą gęślą"
    assert quick[1] == _spans(repairs)
    assert {repair.codepage for repair in repairs} == {"windows-1252"}


def test_only_pairs_where_repaired_letters_meet_are_left() -> None:
    for text in (
        "Děkujeme všem, příště se těšíme znovu.",
        "gęślą gęślą, pięść",
        "Mulțumim pentru încredere, echipa noastră crește.",
    ):
        assert only_meetings(text)
        assert not any(plan(index, text) for index in range(len(code_pages()))), text
    assert not only_meetings("café Ã© bar")  # "Ã©" reads as "é": a second pass reads it
    assert not only_meetings("příště \x81")  # a byte kept as a control character
    # "áº" may lack a byte of a Vietnamese letter ("ạ" is E1 BA A1): a pass may read it.
    assert not only_meetings("dáºng")
    # Where Hangul is written, a Hangul syllable with a byte put back may be meant.
    assert not only_meetings("příště 한국")
    # A symbol in the run of the pair scores with its reading ("®" as a text-style
    # emoji, "™️" as an emoji): there a pass can read the pair as something.
    for text in ("®®®íš", "©©©©©©©©©íš ok", "íšõ©\ufe0f", "ê©ñ™\ufe0f e", "®™©ė®\ufe0f"):
        assert not only_meetings(text)
        assert any(plan(index, text) for index in range(len(code_pages()))), text


def test_nothing_is_read_again_where_only_letters_meet() -> None:
    # Random mixes of pairs that meet, letters, symbols and emoji: wherever
    # only_meetings() says so, no code page's pass repairs anything.
    leads = [
        (index, char)
        for index, code_page in enumerate(code_pages())
        for char, byte in code_page.encode.items()
        if byte in MEETING_LEADS
    ]
    pairs = sorted(
        {
            lead + char
            for index, lead in leads
            for char, byte in code_pages()[index].encode.items()
            if 0x80 <= byte <= 0xBF and (lead + char).isalpha()
        }
    )
    letters = "ąćęłńóśźżáčďéěíňřšťúůýžăâîșțőűäöüßàçèêëïôœùûÿñ"
    symbols = ["©", "®", "™", "®®", "©©", "…", "—", "’", "”", "€", "\ufe0f", "🙂", "™\ufe0f"]
    symbols += [" ", "ok "]
    rng = random.Random(11)
    taken = 0
    for _ in range(6000):
        text = "".join(
            rng.choice(pairs)
            if draw < 0.3
            else rng.choice(symbols)
            if draw < 0.75
            else rng.choice(letters)
            for draw in (rng.random() for _ in range(rng.randint(2, 9)))
        )
        if only_meetings(text):
            taken += 1
            assert not any(plan(index, text) for index in range(len(code_pages()))), text
    assert taken >= 1000


def test_no_character_that_a_meeting_pair_can_complete_to_is_worth_its_guessed_byte() -> None:
    # only_meetings() rests on this: each completion of such a pair scores at most
    # the byte it guesses, so no reading of the pair is plausible in a Latin line.
    from postkit.mojibake.score import kind_score, left_kind
    from postkit.mojibake.search import MEETING_LEADS

    completions = []
    for lead in MEETING_LEADS:
        for second in range(0x80, 0xC0):
            for third in range(0x80, 0xC0):
                try:
                    completions.append(bytes([lead, second, third]).decode("utf-8"))
                except UnicodeDecodeError:
                    continue
    for scripts in (frozenset(), frozenset({"LATIN"}), frozenset({"LATIN", "lang:cs"})):
        for left in ("", "a", "ě", "🙂", "가", "一", "अ"):
            kind = left_kind(left)
            assert max(kind_score(c, scripts, kind) for c in completions) <= 1.0


def test_a_reading_that_leaves_only_control_characters_goes_to_the_full_reading() -> None:
    # "Â\x81" reads back as the C1 control U+0081, which has no second layer to read.
    assert read_lossless("x Â\x81 y") is None
    assert fix_text("x Â\x81 y") == read_with_every_code_page("x Â\x81 y")[0]


def test_clean_lines_skip_every_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    # Streaming a large clean file stays as fast as before the shortcuts existed.
    import postkit.mojibake.repair as mojibake

    def fail(line: str) -> None:
        raise AssertionError(line)

    monkeypatch.setattr(mojibake, "read_lossless", fail)
    assert mojibake.fix_line("Café owners love it 👩🏽‍🍳 “quoted”") == (
        "Café owners love it 👩🏽‍🍳 “quoted”",
        [],
    )
