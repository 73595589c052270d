"""Data for choosing among repair candidates: code pages, common emoji, keywords.

When a code page had no character for a byte and the byte was lost, several
characters fit what is left ("ğŸµ" may be 🎵 🍵 🏵 or 🐵). These tables let
:mod:`postkit.mojibake.repair` rank them: which emoji people actually write in posts,
and which words around an emoji suggest it. Emoji names and aliases come from the
emoji package; the keywords below add the everyday words that the names lack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import emoji


@dataclass(frozen=True)
class CodePage:
    """A single-byte code page that UTF-8 bytes were wrongly decoded with."""

    name: str
    codec: str
    # Bytes the code page has no character for: a tool either dropped them or
    # kept them as the C1 control character with the same number.
    undefined: tuple[int, ...] = field(default=())

    @property
    def decode_table(self) -> dict[int, str]:
        return _decode_table(self.codec)


@cache
def _decode_table(codec: str) -> dict[int, str]:
    table: dict[int, str] = {}
    for byte in range(0x80, 0x100):
        try:
            table[byte] = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            continue
    return table


def _undefined(codec: str) -> tuple[int, ...]:
    table = _decode_table(codec)
    return tuple(b for b in range(0x80, 0x100) if b not in table)


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Order matters only for ties: the most common culprits first.
CODE_PAGES: tuple[CodePage, ...] = tuple(
    CodePage(name, codec, _undefined(codec))
    for name, codec in (
        ("windows-1252", "cp1252"),
        ("windows-1254", "cp1254"),
        ("windows-1250", "cp1250"),
        ("latin-1", "latin-1"),
        ("windows-1251", "cp1251"),
        ("windows-1253", "cp1253"),
        ("windows-1257", "cp1257"),
        ("mac-roman", "mac_roman"),
    )
)

# Emoji that people put in posts, most used first (a short, hand-kept list in the
# spirit of Unicode's emoji frequency data). Anything not listed ranks below.
COMMON_EMOJI: tuple[str, ...] = _split(
    "😂 ❤️ 🤣 👍 😭 🙏 😘 🥰 😍 😊 🎉 😁 💕 🥺 😅 🔥 ☺️ 🤦 ♥️ 🤷 🙄 "
    "😆 🤗 😉 🎂 🤔 👏 🙂 😳 🥳 😎 👌 💜 😔 💪 ✨ 💖 👀 😋 😏 😢 👉 💗 "
    "😩 💯 🌹 💞 🎈 💙 😃 😡 💐 😜 🙈 😄 🤩 🤞 🚀 ✅ 👇 💡 📈 📌 🎯 📝 "
    "🌍 🌎 🌏 🌐 📊 🤖 💼 🔗 📍 📣 📢 🙌 👋 ⭐ 🌟 ⚡ 🏆 🎁 ☀️ ☁️ 🌈 "
    "🌸 🍀 🎶 🎵 🍵 ☕ 🍕 🎄 💻 📱 📷 📹 🎥 🎬 📚 📖 ✍️ 🛍️ 🛒 💰 💸 "
    "💵 📅 ⏰ ⌛ ⏳ 🔔 🔑 🔒 🔍 🔎 🧠 👨‍💻 👩‍💻 🧑‍💻 📞 ☎️ 📧 ✉️ "
    "📩 🏠 🏡 🚗 ✈️ 🌊 🌱 🌿 🍃 🐶 🐱 🐵 🦄 ❄️ ☔ ⚠️ 🚨 ❌ ❗ ❓ "
    "➡️ 🔴 🟢 🔵 ⚪ ⚫ 🇺🇸 🇬🇧 🇫🇷 🇩🇪 🇹🇷 🇯🇵 😀 🙃 😇 🤓 🧐 😴 🤯 "
    "🥲 😬 🤝 ✌️ 🤘 👊 ✊ 💥 💫 🎊 🏅 🥇 🛠️ ⚙️ 🧩 🔧 🗓️ 🗂️ 📁 📂 "
    "📎 🖇️ ✏️ 📏 📐 👁️ 👑 🏵️"
)

# Everyday words for emoji whose names do not say what posts use them for.
KEYWORDS: dict[str, str] = {
    "🎵": "music song songs melody sing singing tune compose composing composer audio",
    "🎶": "music song songs melody sing singing tune compose composing audio",
    "🍵": "tea matcha green cup drink break relax",
    "☕": "coffee tea morning break cafe",
    "🐵": "monkey ape zoo funny animal",
    "🏵️": "rosette flower decoration award",
    "☁️": "cloud clouds computing compute computational server servers storage weather aws",
    "☎️": "phone telephone call calls ring contact",
    "📞": "phone telephone call calls contact support",
    "☝️": "point pointing one first attention note",
    "🛍️": "shopping shop buy buying product products retail store ecommerce purchase "
    "recommendations sale",
    "🛎️": "bell service hotel reception concierge",
    "🛏️": "bed sleep sleeping hotel bedroom rest",
    "🛒": "cart shopping buy groceries ecommerce",
    "📝": "note notes write writing memo plan planning goals list checklist draft",
    "📍": "location pin place map address here",
    "📌": "pin pinned important note remember reminder",
    "📎": "attach attachment paperclip document",
    "📏": "measure ruler length size",
    "📐": "design geometry angle ruler measure",
    "📁": "folder files file documents organize",
    "🌍": "world global globe earth planet international content everyone",
    "🌎": "world global globe earth planet americas",
    "🌏": "world global globe earth planet asia",
    "🌐": "web internet online global world network website",
    "👍": "like good great agree yes ok approve follow thumbs",
    "👎": "dislike bad disagree no",
    "👏": "applause clap congratulations congrats well done bravo",
    "👐": "open hands hug welcome",
    "👁️": "eye see look vision watch",
    "🤖": "robot ai bot automation machine learning artificial intelligence",
    "🚀": "launch rocket ship shipped growth fast start",
    "📊": "chart data stats statistics analytics results report",
    "📈": "growth increase chart trend up progress",
    "💡": "idea ideas tip tips insight innovation",
    "🔗": "link links url share",
    "🚨": "alert warning risk risks urgent attention",
    "📹": "video videos camera recording record",
    "🎥": "video film movie camera",
    "🏆": "win winner winners award trophy champion",
    "🥇": "first winner winners gold medal",
    "🙏": "thanks thank grateful please pray",
    "🎉": "celebrate celebration party congrats congratulations launch",
    "❤️": "love heart thanks",
    "💪": "strong strength workout gym effort",
    "🔥": "fire hot trending lit",
    "✨": "sparkle new magic shiny",
    "🧠": "brain think thinking learning mind smart",
    "💻": "computer laptop code coding developer work",
    "📱": "phone mobile app smartphone",
    "🎯": "goal goals target focus aim",
    "👉": "here see check point",
    "👇": "below comment comments down",
}

# Kana and kanji in rough order of frequency in Japanese prose: breaks ties
# between kana that fit the same garbled bytes.
COMMON_KANA = (
    "のにはをたがでてとしいかるなれすっもまらりくきけこさそちつねへほみむめやよわんあうえお"
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンー"
)

STOPWORDS = frozenset(
    _split(
        "all also and any are but can for from had has have how into its just more not "
        "our some such than that the their them then there these they this those very was "
        "well were what when which who why will with you your "
    )
)


@cache
def emoji_rank() -> dict[str, int]:
    """Position of each common emoji (without U+FE0F) in :data:`COMMON_EMOJI`."""
    return {e.replace("\ufe0f", ""): i for i, e in enumerate(COMMON_EMOJI)}


@cache
def emoji_words(sequence: str) -> frozenset[str]:
    """Words that describe an emoji: its CLDR name, aliases and postkit's keywords."""
    bare = sequence.replace("\ufe0f", "")
    words: set[str] = set()
    data = emoji.EMOJI_DATA.get(sequence) or emoji.EMOJI_DATA.get(bare) or {}
    names = [str(data.get("en", ""))] + [str(a) for a in data.get("alias", [])]
    for name in names:
        words.update(w for w in name.strip(":").lower().replace("-", "_").split("_") if w)
    for key, text in KEYWORDS.items():
        # A skin-tone or ZWJ sequence shares the words of the emoji it starts with.
        if key.replace("\ufe0f", "") in (bare, bare[:1]):
            words.update(text.split())
    return frozenset(w for w in words if len(w) >= 3 and w not in STOPWORDS)


@cache
def emoji_components() -> frozenset[str]:
    """Every code point that occurs in an emoji sequence of the emoji package."""
    return frozenset("".join(emoji.EMOJI_DATA))
