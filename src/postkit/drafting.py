"""The main job: a topic in, a finished post out.

source (topic name, Markdown page) → Topic → sections rendered with the
platform's template set → text finalised (emoji, NFC) → measured against the
platform's limit. Each step is a plain function over plain data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from postkit.model import DraftOptions, EmojiLevel, Post, SectionEmoji, Topic
from postkit.platforms.rules import Platform, fold_index, get_platform
from postkit.platforms.threads import measure
from postkit.render import finishing
from postkit.render.catalogue import voice_for
from postkit.render.compose import SectionKey, render_sections
from postkit.render.hashtags import merge_hashtags, title_hashtag
from postkit.render.kinds import BULLETS, SIGNS, kind_context, kind_of, tag_subject
from postkit.render.voices import CALM_TONES, MAX_KEPT_SECTION, calm, section_finisher
from postkit.sources.cache import SizedCache, size_of
from postkit.sources.topics import load_topic

# Lists are shortened until the post fits its platform: most items first.
ITEM_BUDGETS = (4, 3, 2, 1)

_RICH_BULLETS = {
    "explanation": ":small_blue_diamond:",
    "examples": ":backhand_index_pointing_right:",
    "benefits": ":sparkles:",
    "tips": ":check_mark_button:",
    "pitfalls": ":warning:",
}


# What drafting keeps per topic and per page's tags and signs is bounded by size
# as well as by count: a page's front matter and lists can hold megabytes, and a
# batch of many such pages must stay within the memory the README promises.
_MIB = 1024 * 1024
_SIGNS: SizedCache[tuple[SectionEmoji, EmojiLevel], dict[str, str]] = SizedCache(256, _MIB)
_HASHTAGS: SizedCache[tuple[Any, ...], tuple[str, ...]] = SizedCache(1024, _MIB)
_TOPIC_DATA: SizedCache[Topic, dict[str, Any]] = SizedCache(1024, 8 * _MIB)


def _signs(emoji: SectionEmoji, level: EmojiLevel) -> dict[str, str]:
    key = (emoji, level)
    found = _SIGNS.get(key)
    if found is not None:
        return found
    signs = {**SIGNS, **asdict(emoji)}  # the page kinds' sections, then the topic's own
    if level == "none":
        made = dict.fromkeys(signs, "")
    else:
        made = {name: f"{code} " for name, code in signs.items()}
    return _SIGNS.put(key, made, size_of(emoji) + size_of(made))


@lru_cache(maxsize=8)
def _bullets(level: EmojiLevel) -> dict[str, str]:
    bullets = {**_RICH_BULLETS, **BULLETS}
    if level == "rich":
        return {name: f"{code} " for name, code in bullets.items()}
    return dict.fromkeys(bullets, "• ")


def post_hashtags(topic: Topic, options: DraftOptions) -> tuple[str, ...]:
    """The hashtags a post ends with: flag > topic > one made from a short title.

    A page's own tags (a blog post's ``tags:``) are cut to as many as the
    platform rewards; tags given as flags are the user's choice, and kept.
    """
    if options.hashtags is not None:
        return _hashtags(options.hashtags, options.extra_hashtags, tag_subject(topic), None)
    most = get_platform(options.platform).max_hashtags
    return _hashtags(topic.hashtags, options.extra_hashtags, tag_subject(topic), most)


def _hashtags(
    base: tuple[str, ...], extra: tuple[str, ...], subject: str, most: int | None
) -> tuple[str, ...]:
    key = (base, extra, subject, most)
    found = _HASHTAGS.get(key)
    if found is not None:
        return found
    tags = merge_hashtags(merge_hashtags(base)[:most], extra)
    if not tags:
        from_title = title_hashtag(subject)
        tags = (from_title,) if from_title else ()
    return _HASHTAGS.put(key, tags, size_of(key) + size_of(tags))


_SEEDLESS_FIELDS = tuple(f.name for f in fields(DraftOptions) if f.name != "seed")


def _options_key(options: DraftOptions) -> tuple[Any, ...]:
    """Every option but the seed: what a section that made no choice depends on."""
    return tuple(getattr(options, name) for name in _SEEDLESS_FIELDS)


def _topic_data(topic: Topic) -> dict[str, Any]:
    """A topic as plain data for templates, made once per topic (batch renders many).

    Sharing it is safe: templates run in Jinja's immutable sandbox, which
    refuses to change lists and dicts. Its size counts the topic's texts, which
    the key keeps alive.
    """
    found = _TOPIC_DATA.get(topic)
    if found is not None:
        return found
    data = topic.to_dict()
    return _TOPIC_DATA.put(topic, data, size_of(data))


def template_context(
    topic: Topic, options: DraftOptions, platform: Platform, items: int
) -> dict[str, Any]:
    """What every template sees: the topic, the platform, the options, at most ``items``.

    Besides: the page kind's (render/kinds.py), and the voice to import
    (``voice_template``), which speaks the topic's language when one does.
    """
    voice = voice_for(options.tone, topic.language, options.template_dirs)
    return {
        **kind_context(topic, items),
        "voice_template": voice.template,
        "language": voice.language,
        "topic": _topic_data(topic),
        "title": topic.title,
        "tone": options.tone,
        "emoji_level": options.emoji,
        "platform": platform.name,
        "limit": options.limit or platform.limit,
        "max_items": items,
        "sign": _signs(topic.emoji, options.emoji),
        "bullet": _bullets(options.emoji),
        "hashtags": post_hashtags(topic, options),
        "cta": options.cta or topic.cta,
    }


def _finish(text: str, level: EmojiLevel, sections: dict[str, str]) -> str:
    if not _joins_final(text, sections):
        text = finishing.finalise(text)
    if level == "none":
        text = finishing.strip_emoji(text)
    return text.strip("\n") + "\n"


def _joins_final(body: str, sections: dict[str, str]) -> bool:
    """True when ``body`` is final sections joined by blank lines (what the built-in
    layouts make), so finalising it would change nothing: finalising is the
    largest step of a post after Jinja, and the sections are finalised already.

    No shortcode, emoji or composing character reaches across a line break, so
    finalising text made of final pieces (:func:`finishing.is_final`) and line
    breaks leaves it as it is.
    """
    pieces = [text for text in sections.values() if text]
    return body.strip("\n") == "\n\n".join(pieces) and all(map(_final, pieces))


def _final(text: str) -> bool:
    # Only short sections are kept, as in finish_section: a long one comes from a
    # page's long items, so 4,096 of them could hold a lot of memory.
    if len(text) > MAX_KEPT_SECTION:
        return finishing.is_final(text)
    return _is_final(text)


@lru_cache(maxsize=4096)
def _is_final(text: str) -> bool:
    return finishing.is_final(text)


def _hashtags_in(text: str, tags: Iterable[str]) -> tuple[str, ...]:
    """The tags that the text really carries (``#AI`` is not in ``#AIEthics``)."""
    return tuple(tag for tag in tags if _carries(text, tag))


def _carries(text: str, tag: str) -> bool:
    """``tag`` occurs in ``text`` with no word character after it (a regular
    expression per tag would cost every draft a compile per hashtag)."""
    start = text.find(tag)
    while start != -1:
        after = text[start + len(tag) : start + len(tag) + 1]
        if not after or not (after.isalnum() or after == "_"):  # what \w matches
            return True
        start = text.find(tag, start + 1)
    return False


SEEDS = 10**6  # chosen seeds are below this: short enough to type back


def new_seed() -> int:
    """A random seed for a draft that was given none (a number people can type)."""
    # The OS's randomness, as secrets.randbelow uses; without importing secrets,
    # whose base64 and hmac a draft does not need.
    from random import SystemRandom

    return SystemRandom().randrange(SEEDS)


def render_post(topic: Topic, options: DraftOptions | None = None) -> Post:
    """Render a Topic into a Post, shortening lists until it fits the platform.

    Without a seed one is chosen here and kept on the Post, so a draft that
    was liked can be made again with that seed.
    """
    options = options or DraftOptions()
    if options.seed is None:
        options = replace(options, seed=new_seed())
    platform = get_platform(options.platform).with_cw(options.cw)
    limit = options.limit or platform.limit
    fits = platform.fits(limit)  # every limit that can refuse it (Bluesky: bytes too)
    template_set = options.template_set or platform.name
    for items in ITEM_BUDGETS:
        sections, body = render_sections(
            template_set,
            template_context(topic, options, platform, items),
            seed=options.seed,
            template_dirs=options.template_dirs,
            finish=section_finisher(options.emoji, options.tone),
            cache_key=SectionKey(topic, _options_key(options), items),
            kind=kind_of(topic),
        )
        text = _finish(body, options.emoji, sections)
        if options.tone in CALM_TONES:
            text = calm(text)
        length = measure(text, platform).total
        if fits(text) <= limit:
            break
    parts: tuple[str, ...] = (text.strip(),)
    measured: tuple[int, ...] = ()
    if fits(text) > limit or "---" in text:
        from postkit.platforms.threads import split_thread

        parts = split_thread(text, platform, limit=limit, numbering=options.numbering)
        if len(parts) > 1:  # published part by part: each counted with its number
            counted = measure(parts, platform)
            length, measured = counted.total, counted.parts
    return Post(
        topic.title,
        platform.name,
        text,
        length,
        limit,
        dict(sections),  # each section went through section_finisher already
        fold_index(text, platform),
        hashtags=_hashtags_in(text, post_hashtags(topic, options)),
        parts=parts,
        seed=options.seed,
        measured=measured,
        warnings=_language_warnings(topic, options),
        cw=options.cw,
    )


def _language_warnings(topic: Topic, options: DraftOptions) -> tuple[str, ...]:
    """A warning when no voice speaks the topic's language, so its phrases are English."""
    voice = voice_for(options.tone, topic.language, options.template_dirs)
    if voice.fallback is None:
        return ()
    english = "the post's own phrases (hook, headings, call to action) are in English"
    return (f"{english}: {voice.fallback}",)


def draft_post(topic: str | Topic, options: DraftOptions | None = None) -> Post:
    """Draft a post about a library topic (by name or alias) or a Topic object."""
    options = options or DraftOptions()
    if isinstance(topic, str):
        topic = load_topic(topic, options.topic_dirs)
    return render_post(topic, options)


def draft_from_page(
    path: Path | str,
    options: DraftOptions | None = None,
    report: Callable[[str], None] | None = None,
) -> Post:
    """Draft a post from any Markdown page (front matter optional).

    Garbled text in the page is repaired first; ``report`` hears of it.
    """
    from postkit.sources.pages import load_page

    return render_post(load_page(Path(path), report=report), options)


MAX_VARIANTS = 20
_VARIANT_TRIES = 8  # seeds tried per wanted variant before giving up on more


def draft_variants(
    topic: str | Path | Topic, options: DraftOptions | None = None, count: int = 3
) -> list[Post]:
    """Up to ``count`` different drafts of one topic (a name, a Markdown page or a Topic).

    Variant ``i`` uses seed ``options.seed + i`` (skipping seeds that repeat an
    earlier draft), so the first variant is the post ``--seed N`` gives and the
    list is the same on every run. Fewer come back only when the templates
    cannot say it more ways.
    """
    from postkit.errors import SettingError

    if not 1 <= count <= MAX_VARIANTS:
        raise SettingError("variants", f"give a number from 1 to {MAX_VARIANTS}, not {count}")
    options = options or DraftOptions()
    if isinstance(topic, Path):
        from postkit.sources.pages import load_page

        topic = load_page(topic)
    elif isinstance(topic, str):
        topic = load_topic(topic, options.topic_dirs)
    base = options.seed if options.seed is not None else new_seed()
    posts: dict[str, Post] = {}
    for offset in range(count * _VARIANT_TRIES):
        post = render_post(topic, replace(options, seed=base + offset))
        posts.setdefault(post.text, post)
        if len(posts) == count:
            break
    return list(posts.values())


def hashtag_warning(post: Post, choose: str = "the hashtags option") -> str | None:
    """A warning when a post carries more hashtags than its platform rewards.

    ``choose`` names the way to choose them: the library's option by default,
    the CLI's ``--hashtags`` flag from the CLI.
    """
    most = get_platform(post.platform).max_hashtags
    if most is None or len(post.hashtags) <= most:
        return None
    return (
        f"{len(post.hashtags)} hashtags; {post.platform} posts do best with at most {most} "
        f"(choose them with {choose})"
    )
