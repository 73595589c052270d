"""Build the labelled mojibake corpus used by tests/test_fix*.py and benchmarks/fix_accuracy.py.

Run from the repository root: ``python tests/data/fix/make_corpus.py``. It writes
``garbled.jsonl`` (one object per line: kind, garbled, original) and
``legit.txt`` (lines that must come back unchanged) beside this script. The output
is deterministic: the same script always writes the same files.

Garbling is done the way tools do it: the UTF-8 bytes of a sentence decoded with a
single-byte code page, where a byte the code page lacks is either dropped or kept
as the C1 control character with the same number, sometimes twice over.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import emoji

HERE = Path(__file__).resolve().parent

# Post sentences written for postkit; {e} is where an emoji goes.
SENTENCES = [
    ("Shipped the new release this morning {e} thanks to everyone who tested it.", "🚀 🙏"),
    ("Our team just hit 10,000 users {e}", "🎉 📈"),
    ("{e} Big news: the workshop is open for registration.", "📣 📢"),
    ("Three lessons from a year of remote work {e}: write things down, meet less.", "🏠 💻"),
    ("We are hiring two backend engineers {e} DM me if you are curious.", "👩‍💻 🧑‍💻"),
    ("Coffee, code and a quiet office {e}. Perfect Friday.", "☕ 💻"),
    ("The slides from my talk are online {e} link in the comments.", "🔗 👇"),
    ("Proud of the winners of this year's hackathon {e}!", "🏆 🥇"),
    ("Reading list for the weekend {e} four books on design.", "📚 📖"),
    ("Composing music with a little help from software {e}.", "🎵 🎶"),
    ("Data beats opinions {e} but only when you ask the right question.", "📊 🤔"),
    ("New blog post on caching strategies {e} https://example.org/caching", "📝 ✍️"),
    ("Thank you for 5 years at this company {e} what a ride.", "🙏 ❤️"),
    ("Don't forget to vote today {e}", "🗳️ ✅"),
    ("Travelling to Lisbon next week for the conference {e} who else is going?", "✈️ 🇵🇹"),
    ("Happy birthday to our product {e} 3 years old today.", "🎂 🎉"),
    ("The rain did not stop the team run {e} well done everyone.", "🏃 👏"),
    ("Weekly tip {e} keep your pull requests small.", "💡 📌"),
    ("Launch day {e}{e2} let's go!", "🚀 🔥"),
    ("Our booth is number 42 {e} come say hi.", "👋 📍"),
    ("Mentoring makes me a better engineer {e}.", "🧠 🤝"),
    ("What a game last night {e} still can't believe that goal.", "⚽ 😱"),
    ("Closing the quarter with a smile {e} {e2}", "😊 📈"),
    ("A reminder that rest is productive too {e}.", "😴 🛏️"),
    ("I asked 200 developers about testing {e} here is what they said.", "🧪 📊"),
    ("Open source maintainers deserve more thanks {e}", "🙏 ❤️"),
    ("First snow of the season in the mountains {e}", "❄️ 🏔️"),
    ("Our podcast episode 12 is out {e} listen on your favourite app.", "🎙️ 🎧"),
    ("Sprint planning done {e} now the real work starts.", "✅ 🗓️"),
    ("Team lunch at the new pizza place {e}", "🍕 😋"),
    ("Global launch in 30 countries {e} thank you all.", "🌍 🌐"),
    ("Great feedback from the community, thumbs up {e}", "👍 👏"),
    ("Moving our servers to the cloud {e} this weekend.", "☁️ 🛠️"),
    ("Call us any time on the support line {e}", "📞 ☎️"),
    ("Our online shop has new products {e}", "🛍️ 🛒"),
    ("Time for a green tea break {e}", "🍵 ☕"),
    ("The video recording is now available {e}", "📹 🎥"),
    ("Risk alert: patch your servers today {e}", "🚨 ⚠️"),
    ("Quotes from the panel: “ship small, ship often” {e}", "💬 🎤"),
    ("Step {e} define the goal, then measure it.", "1️⃣ 2️⃣"),
]

# Sentences in other languages, with accented letters; some hold an emoji too.
ACCENTED = [
    "Merci à toute l'équipe pour cette année incroyable {e}",
    "Très fière de présenter notre nouveau projet à Montréal.",
    "Wir freuen uns über die Auszeichnung {e} Grüße aus München!",
    "Größere Änderungen kommen nächste Woche, bitte prüfen Sie Ihre Einstellungen.",
    "Obrigado a todos pela confiança {e} começamos uma nova fase.",
    "Parabéns à equipe de São Paulo pela ação solidária.",
    "DIA DAS MÃES: uma homenagem a todas as mães {e}",
    "¡Feliz año nuevo a todos! Mañana empezamos con energía {e}",
    "Bugün harika bir gün {e} ekibimize teşekkürler, İstanbul'dan sevgiler.",
    "Yeni ürünümüzü görmek için sabırsızlanıyoruz, çok güzel oldu.",
    "Dziękuję za wspólną pracę {e} to był świetny rok dla zespołu.",
    "Zapraszamy na spotkanie w Łodzi, będzie też kawa i ciasto.",
    "Děkujeme všem účastníkům {e} příště se těšíme znovu.",
    "Nový článek o bezpečnosti je venku, přečtěte si ho.",
    "Köszönjük a részvételt {e} jövőre újra találkozunk!",
    "Gratulálunk a győzteseknek, szép munka volt.",
    "Mulțumim pentru încredere, echipa noastră crește {e}",
    "Cảm ơn mọi người đã tham gia sự kiện {e}",
    "Tack för i år {e} vi ses på mässan i Göteborg.",
    "Naše ekipa je spremna za novi početak, hvala svima.",
]


def _split(text: str) -> list[str]:
    return text.split()


# Emoji of many kinds, fully qualified: single, with U+FE0F, ZWJ, flags, skin tones, keycaps.
CURATED_EMOJI: list[str] = _split(
    "🚀 🎉 👍 👏 🙏 🔥 ✨ 💡 📈 📊 🤖 🎵 🎶 ☕ 🍵 ☁️ ☀️ ❤️ ✅ ⚠️ "
    "🛍️ 🛎️ 🌍 🌐 📝 📍 📌 🔗 🚨 🏆 🥇 👀 😂 😍 🙌 💪 🧠 💻 📱 📷 📹 "
    "🎥 🎬 📚 ✍️ ✈️ ❄️ ⭐ 🌟 ⚡ 🍕 🎂 🎁 🌈 🌸 🍀 🐶 🐱 🐵 🦄 👨‍💻 "
    "👩‍💻 🧑‍💻 👨‍👩‍👧‍👦 👩‍❤️‍👨 🏳️‍🌈 🏴‍☠️ ❤️‍🔥 🧑‍🚀 "
    "👩‍🔬 🇫🇷 🇹🇷 🇯🇵 🇧🇷 🇵🇱 🇩🇪 🇺🇸 🇺🇦 👍🏽 👋🏻 🙏🏿 💪🏾 👏🏼 "
    "🧑🏽‍💻 1️⃣ 2️⃣ #️⃣ 🔟 ☎️ 📞 🎯 🌊 🏔️ 🛠️ ⚙️ 🗓️ 📅 🕒 "
    "♻️ ✔️ ➡️ ↩️"
)

CODECS = {
    "windows-1252": "cp1252",
    "windows-1254": "cp1254",
    "windows-1250": "cp1250",
    "windows-1251": "cp1251",
    "latin-1": "latin-1",
    "mac-roman": "mac_roman",
}


def garble(text: str, codec: str, undefined: str) -> str:
    """Decode the UTF-8 bytes of ``text`` with ``codec``; lost bytes are dropped or kept as C1."""
    out = []
    for byte in text.encode("utf-8"):
        if byte < 0x80:
            out.append(chr(byte))
            continue
        try:
            out.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            if undefined == "kept":
                out.append(chr(byte))
    return "".join(out)


KINDS: dict[str, Callable[[str], str]] = {
    "windows-1252 dropped": lambda t: garble(t, "cp1252", "dropped"),
    "windows-1252 kept": lambda t: garble(t, "cp1252", "kept"),
    "windows-1254 dropped": lambda t: garble(t, "cp1254", "dropped"),
    "windows-1254 kept": lambda t: garble(t, "cp1254", "kept"),
    "windows-1250 dropped": lambda t: garble(t, "cp1250", "dropped"),
    "windows-1250 kept": lambda t: garble(t, "cp1250", "kept"),
    "latin-1": lambda t: garble(t, "latin-1", "kept"),
    "mac-roman": lambda t: garble(t, "mac_roman", "kept"),
    "double windows-1252": lambda t: garble(garble(t, "cp1252", "kept"), "cp1252", "kept"),
    "double windows-1252 dropped": lambda t: garble(
        garble(t, "cp1252", "dropped"), "cp1252", "dropped"
    ),
}

LEGIT = [
    # Turkish
    "Bugün İstanbul'da yağmur yağıyor, şemsiyeni unutma.",
    "Ağaçların gölgesinde çay içip sohbet ettik.",
    "IŞIK, ĞÜNEŞ ve ÇİÇEK büyük harflerle yazıldı.",
    "Öğrenciler sınavdan önce çok çalıştı; başarılar!",
    # French
    "L'été dernier, nous avons visité Besançon et Nîmes.",
    "« Ça va très bien », a-t-elle répondu avec un sourire.",
    "Où est la bibliothèque ? Elle est fermée à cause des travaux.",
    "Noël approche : cœur, sœur, œuvre et Œdipe.",
    # Portuguese
    "MÃE, PAI E IRMÃ ESTÃO EM CASA.",
    "Minha mãe fez pão de queijo para a família.",
    "As ações da empresa subiram após a divulgação dos resultados.",
    "Não há razão para pressa; amanhã é feriado em Belém.",
    "CAMPEÕES DA NAÇÃO: PARABÉNS!",
    # German
    "Die Straße ist nass, aber die Brötchen sind frisch.",
    "Äpfel, Öl und Übungen: ÄÖÜ und äöüß.",
    "Grüß Gott aus dem schönen Österreich!",
    # Spanish / Catalan
    "¿Dónde está el niño? ¡Aquí, en la montaña!",
    "La señora Muñoz llegó a las ocho en punto.",
    "Bon dia a tothom, l'escola és a prop de la plaça.",
    # Polish
    "Zażółć gęślą jaźń – to zdanie ma wszystkie polskie litery.",
    "Łódź i Gdańsk są pięknymi miastami.",
    "Świętujemy razem, bo żyjemy tylko raz.",
    # Czech / Slovak
    "Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "Ďakujem za pomoc, bolo to veľmi milé.",
    "Čeština má háčky a čárky: ř, ě, ů.",
    # Hungarian
    "Árvíztűrő tükörfúrógép – minden magyar ékezet.",
    "Győr és Pécs között öt óra az út.",
    # Romanian, Croatian, Nordic, Baltic
    "Știința și țara noastră au crescut împreună.",
    "Čaša vode i šalica kave, molim.",
    "Blåbærsyltetøy er godt på vafler i Ærø.",
    "Åsa och Örjan åkte till Göteborg.",
    "Ačiū už pagalbą, ąžuolas žaliuoja.",
    # Vietnamese
    "Tiếng Việt có nhiều dấu: ă, â, ê, ô, ơ, ư, đ.",
    "Chúc mừng năm mới, an khang thịnh vượng!",
    "Hà Nội mùa thu đẹp lắm, mời bạn ghé thăm.",
    # Greek
    "Καλημέρα σε όλους! Η ομάδα μας μεγαλώνει.",
    "ΑΘΉΝΑ ΚΑΙ ΘΕΣΣΑΛΟΝΊΚΗ ΣΤΟ ΠΡΌΓΡΑΜΜΑ.",
    "Ευχαριστώ πολύ για τη βοήθεια.",
    # Cyrillic
    "Привет! Как дела? Всё хорошо, спасибо.",
    "Съешь же ещё этих мягких французских булок.",
    "Дякую за підтримку, Київ і Львів чекають.",
    "Ђорђе и Љиљана живе у Београду.",
    "ЁЛКА, ЪЕЗД И ЩИТ — ЗАГЛАВНЫЕ БУКВЫ.",
    # CJK
    "今日はいい天気ですね。散歩に行きましょう。",
    "ありがとうございます！これからもよろしくお願いします。",
    "カタカナのテキスト：コーヒー、チーム、プロジェクト。",
    "我们的团队正在招聘工程师，欢迎投递简历。",
    "謝謝大家的支持，我們下週見。",
    "안녕하세요! 오늘 발표 자료를 공유합니다.",
    "全角文字：ＡＢＣ１２３、（括弧）と「引用」。",
    # Other scripts
    "مرحبا بالجميع، شكرا على المتابعة.",
    "שלום לכולם, תודה על ההשתתפות.",
    "नमस्ते दोस्तों, आज का दिन शानदार है।",
    "สวัสดีครับ ขอบคุณที่ติดตาม",
    "Բարև ձեզ, շնորհակալություն։",
    "გამარჯობა, მადლობა ყველას.",
    # Typography and symbols
    "“Curly quotes” and ‘single ones’ stay as they are.",
    "It’s done — finally… and the dash – stays too.",
    "„Deutsche Anführungszeichen“ und ‚einfache‘.",
    "Prices: €19.99, £15, ¥2000, $25 and ₺300.",
    "Math: x² + y² = z², ∑ aᵢ ≤ ∞, √2 ≈ 1.414, ±5 °C, 3 × 4 ÷ 2.",
    "Arrows → ← ↑ ↓ and bullets • · and the section sign §.",
    "Copyright © 2026 Example™ – all rights reserved®.",
    "Fractions ½ ¼ ¾ and ordinals 1º 2ª are fine.",
    "Ligatures ﬁ ﬂ and full-width ＡＢＣ remain untouched.",
    "Non-breaking\u00a0space and thin\u2009space are kept.",
    "Guillemets «like this» and ‹these›, and a dagger † ‡.",
    "Temperature 21°C, angle 45°, micro µs and per mille ‰.",
    "Ellipsis…at the end… and a prime′ and double prime″.",
    "Legal marks: ¶ paragraph, ¦ broken bar, ¬ not.",
    "IL Y MARQUÉ… et PÅ” sont des cas limites.",
    "São Tomé é Príncipe; Ñandú; Øresund; Þórsmörk.",
    "Smart “quotes” right after accented CAFÉ” should stay.",
    "ÀÉÎÕÜ àéîõü ÇçÑñ ŒœÆæ ßẞ.",
    # Words in quotes whose last letters and closing quote, read as Windows code
    # page bytes, make or nearly make a character ("IRMÃ”" is "IRMÔ" garbled)
    "„Київ” — столиця України, «Львів» — культурна.",
    "Ela disse “OLÁ, IRMÃ” e saiu; a «IRMÃ» sorriu.",
    "«Não há» — disse ele.",
    "Wczoraj „gęś” i „pięść” — dwa trudne słowa.",
    # Symbols glued to words (the last letters and the symbol read as a character)
    "Київ•Львів•Одеса: маршрут на тиждень.",
    "Gęś—to ptak, nie ryba.",
    "Menu à Tokyo : café€3, thé€2 — 東京店。",
    # Emoji of every kind
    "Launch day 🚀🎉 let's go!",
    "Family: 👨‍👩‍👧‍👦 and couple 👩‍❤️‍👨 and developer 👩🏽‍💻.",
    "Flags: 🇫🇷 🇹🇷 🇯🇵 🇧🇷 🇺🇦 🏳️‍🌈 🏴‍☠️ 🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "Skin tones 👍🏻 👍🏼 👍🏽 👍🏾 👍🏿 and 🧑🏿‍🚀.",
    "Keycaps 1️⃣ 2️⃣ 3️⃣ #️⃣ *️⃣ 🔟 count down.",
    "Weather ☀️ ☁️ ❄️ ⛈️ and hearts ❤️ ❤️‍🔥 💔.",
    "Text-style symbols ☺ ♥ ✔ ✈ stay text-style.",
    "Music 🎵🎶 and tea 🍵 and a monkey 🐵 and a rosette 🏵️.",
    "Newer emoji 🫠 🫶 🪿 🫎 🐦‍🔥 are fine too.",
    "Hands 🙌 👏 🤝 ✍️ 👋🏾 and people 🧑‍🦰 🧔‍♀️.",
    "Mixed: naïve café 😊, Zürich 🇨🇭, Kraków 🇵🇱, İzmir 🇹🇷.",
    "Emoji between words:🔥hot🔥 and🎯target.",
    "Tag: #éte #Müller #İstanbul ✅",
    "Die Straße 🚗 führt nach Köln 🏙️ – Grüße!",
    "Ευχαριστώ 🙏 και καλή χρονιά 🎆",
    "Спасибо 🙏 за поддержку ❤️",
    "ありがとう🙏 今日は🍣を食べます",
    "我们成功了🎉🎉🎉",
    "감사합니다 😊 다음 주에 만나요 👋",
    "Bugün çok mutluyum 😄 teşekkürler İzmir!",
    "Dziękuję 💐 za życzenia i prezenty 🎁.",
    "Mãe, obrigado por tudo ❤️ – DIA DAS MÃES 💐",
    "€ and £ next to emoji 💶 💷 💰 work.",
    "Copyright notice ©️ vs ©, trademark ™️ vs ™.",
    "A quote with emoji: “I love this 😍” she said.",
    "Vietnamese with emoji: Chúc mừng 🎊 năm mới 🧧.",
    "Czech emoji: Děkuji 👍 a hezký den ☀️.",
    "Hungarian emoji: Köszönöm 🙂 szép napot 🌞.",
    "Arabic with emoji: شكرا 🌹",
    "Hebrew with emoji: תודה 🕎",
    "Hindi with emoji: धन्यवाद 🪔",
    "Math with emoji: 2 × 🍕 = 😋",
    "Only emoji: 🧑‍🤝‍🧑🫱🏼‍🫲🏿👨🏻‍🦯‍➡️",
]


def emoji_pool(rng: random.Random) -> list[str]:
    """The curated emoji plus a deterministic sample of other fully-qualified emoji."""
    qualified = sorted(
        e
        for e, data in emoji.EMOJI_DATA.items()
        if data["status"] == emoji.STATUS["fully_qualified"] and data["E"] <= 14
    )
    return CURATED_EMOJI + rng.sample(qualified, 120)


SEED = 20261122


def build(seed: int = SEED) -> tuple[list[dict[str, str]], list[str]]:
    """The garbled rows and the legitimate lines; another seed draws other emoji."""
    rng = random.Random(seed)
    pool = emoji_pool(rng)
    originals: list[str] = []
    for sentence, fitting in SENTENCES:
        for chosen in fitting.split():
            originals.append(sentence.format(e=chosen, e2=rng.choice(fitting.split())))
        originals.append(sentence.format(e=rng.choice(pool), e2=rng.choice(pool)))
        originals.append(sentence.format(e=rng.choice(pool), e2=rng.choice(pool)))
    for sentence in ACCENTED * 2:
        originals.append(sentence.format(e=rng.choice(pool)))
    kinds = list(KINDS)
    garbled: list[dict[str, str]] = []
    seen: set[str] = set()
    for index, original in enumerate(originals):
        for kind in (kinds[index % len(kinds)], kinds[(index * 3 + 1) % len(kinds)]):
            text = KINDS[kind](original)
            if text == original or text in seen:
                continue
            seen.add(text)
            garbled.append({"kind": kind, "garbled": text, "original": original})
    return garbled, LEGIT


def main() -> None:
    garbled, legit = build()
    with (HERE / "garbled.jsonl").open("w", encoding="utf-8", newline="\n") as out:
        for row in garbled:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    (HERE / "legit.txt").write_text("\n".join(legit) + "\n", encoding="utf-8", newline="\n")
    print(f"{len(garbled)} garbled lines, {len(legit)} legitimate lines")


if __name__ == "__main__":
    main()
