"""Page kinds: each kind drafts its own shape on every platform, in every tone.

A concept is what postkit always drafted; an article leads with its key
takeaways, a how-to with numbered steps, a listicle with its items numbered,
release notes with what was added, changed and fixed, a README with its key
features and how to start, a resource list with a few named picks. Each check
is an editor's complaint about a draft: leftover syntax, a thread part that is
only a sign-off, a heading that disagrees with its list, the title said twice,
no link to the page the post is about.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from postkit.drafting import render_post
from postkit.errors import TemplateError
from postkit.library import eject
from postkit.model import TONES, DraftOptions, EmojiLevel, Example, Post, Topic
from postkit.platforms.check import check_post
from postkit.render.catalogue import builtin_template_dir
from postkit.render.hashtags import normalise_hashtag, title_hashtag
from postkit.render.kinds import (
    KINDS,
    item_line,
    kind_of,
    list_budget,
    plain_version,
    product_name,
    sections_of,
    template_names,
)
from postkit.sources.prose import sentences

PLATFORMS = ("linkedin", "x", "bluesky", "mastodon", "threads")
THREAD_PLATFORMS = PLATFORMS[1:]
SEEDS = (0, 1, 2)
LEVELS: tuple[EmojiLevel, ...] = ("rich", "none")
URL = "https://example.com/blog/2024/why-we-moved"
RELEASE_URL = "https://github.com/acme/acme/releases/tag/v2.3.0"
MIN_WORDS = 6  # of content in every part of a thread, besides the sign-off and headings

ARTICLE = Topic(
    title="Why we moved our monolith to Kubernetes",
    summary="After three years on a single VM, our deploys took an hour and every release "
    "was a gamble. This is what changed when we split the monolith.",
    kind="article",
    url=URL,
    explanation=(
        "Deploys went from an hour to six minutes once each service shipped on its own.",
        "The hardest part was the database, not the containers.",
        "We kept the monolith running beside the new services for four months.",
        "Observability had to come first: without traces we were blind.",
    ),
    hashtags=("kubernetes", "devops", "platform-engineering"),
)
HOWTO = Topic(
    title="How to deploy a Hugo site to Netlify",
    summary="Netlify builds and hosts a Hugo site straight from your Git repository.",
    kind="howto",
    url=URL,
    steps=(
        "Push your Hugo site to a GitHub repository.",
        "In Netlify, choose Add new site and pick the repository.",
        "Set the build command to hugo and the publish folder to public.",
        "Add a HUGO_VERSION variable that matches your local version. Check it with hugo version.",
        "Deploy, then point your domain at the Netlify site.",
    ),
    tips=("Pin the Hugo version, or a theme update can break the build.",),
    hashtags=("hugo", "netlify"),
)
LISTICLE = Topic(
    title="5 tips for better code reviews",
    summary="Code review is where teams share knowledge, not just catch bugs.",
    kind="listicle",
    url=URL,
    items=(
        Example("Keep changes small", "Reviews under 400 lines find more defects. Big ones don't."),
        Example("Review the tests first", "They tell you what the author meant the code to do."),
        Example("Ask, don't order", "A question invites the author to explain their choice."),
        Example("Automate the nitpicks", "Let the formatter and the linter argue about commas."),
        Example("Approve with comments", "Trust the author to fix small things without a round."),
    ),
    hashtags=("code review",),
)
CHANGELOG = Topic(
    title="Acme Changelog",
    summary="Acme is a small HTTP client for Python with retries built in.",
    kind="changelog",
    version="v2.3.0",
    url=RELEASE_URL,
    added=("Timeouts can now be set per request.", "A retry_on option takes status codes."),
    changed=("Requests follow at most 10 redirects by default.",),
    fixed=(
        "Cookies with an empty value are no longer dropped.",
        "Streaming downloads close their connection on error.",
        "The command line prints its errors to stderr.",
        "Proxies from the environment are honoured again.",
    ),
)
README_PAGE = Topic(
    title="fastjson",
    summary="fastjson is a JSON parser for Python written in Rust, about five times faster "
    "than the standard library.",
    kind="readme",
    url="https://github.com/example/fastjson",
    items=(
        Example("Drop-in API", "It offers the same loads and dumps as the json module."),
        Example("Fast", "Parsing is about five times faster on large documents."),
        Example("Strict", "Invalid documents fail with the line and column."),
    ),
    steps=("pip install fastjson", "Import fastjson where you imported json."),
)
RESOURCES = Topic(
    title="Awesome Static Sites",
    summary="A curated list of static site generators, themes and hosting services.",
    kind="resources",
    url=URL,
    items=(
        Example("Hugo", "A fast generator written in Go."),
        Example("Eleventy", "A simpler generator in JavaScript."),
        Example("Jekyll", "The generator behind GitHub Pages."),
        Example("Astro", "Ships zero JavaScript by default."),
        Example("Zola", "A single binary with everything built in."),
        Example("Netlify", "Hosting with builds from Git."),
        Example("Cloudflare Pages", "Hosting on a global network."),
    ),
)
CONCEPT = Topic(
    title="Sourdough",
    summary="Sourdough is bread raised by wild yeast and bacteria instead of packaged yeast.",
    url=URL,
    explanation=("A starter of flour and water ferments for days before it raises a loaf.",),
    examples=(Example("San Francisco", "The city's sourdough is famous for its tang."),),
    tips=("Feed the starter at the same time every day.",),
    hashtags=("#Sourdough",),
)
TOPICS = {
    "concept": CONCEPT,
    "article": ARTICLE,
    "howto": HOWTO,
    "listicle": LISTICLE,
    "changelog": CHANGELOG,
    "readme": README_PAGE,
    "resources": RESOURCES,
}

# Words that make a heading plural or singular ("The key takeaways", "One step").
PLURAL = {
    "tips",
    "pitfalls",
    "risks",
    "recommendations",
    "examples",
    "benefits",
    "takeaways",
    "steps",
    "features",
    "picks",
    "highlights",
    "few",
    "some",
}
# ("step" is not here: "step by step" heads any number of steps.)
SINGULAR = {"one", "tip", "takeaway", "feature", "pick", "highlight", "recommendation"}


@cache
def draft(kind: str, platform: str, tone: str, seed: int, level: EmojiLevel = "rich") -> Post:
    options = DraftOptions(platform=platform, tone=tone, seed=seed, emoji=level)
    return render_post(TOPICS[kind], options)


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’-]*", text)


def content_words(part: str, post: Post) -> list[str]:
    """The words of a part that are not the sign-off (link, call to action,
    hashtags), a heading or the part's number."""
    for sentence in sentences(post.sections.get("cta", "")):
        part = part.replace(sentence, " ")
    part = part.replace(post.sections.get("link", "") or "\0", " ")
    part = re.sub(r"(?<!\w)#\w+", " ", part)
    part = re.sub(r"(?<!\S)\d+/\d+(?!\S)", " ", part)
    lines = [line for line in part.splitlines() if not line.rstrip().endswith(":")]
    return words(" ".join(lines))


def title_count(text: str, title: str) -> int:
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, title.split())) + r"(?!\w)"
    return len(re.findall(pattern, text, re.IGNORECASE))


def numbers(text: str) -> list[int]:
    """The numbers of the numbered lines, in order ("1. Push…" → 1)."""
    return [int(found) for found in re.findall(r"(?m)^(\d+)\. ", text)]


# ---------------------------------------------------------------- every kind, everywhere


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_drafts_clean_text_that_fits(kind: str, platform: str, tone: str) -> None:
    for seed in SEEDS:
        for level in LEVELS:
            post = draft(kind, platform, tone, seed, level)
            text = post.published_text()
            leftovers = [
                problem.message
                for problem in check_post(text, platform).problems
                if problem.code in ("template-syntax", "shortcode", "markdown", "placeholder")
            ]
            assert not leftovers, (seed, level, leftovers)
            assert "None" not in text and "Undefined" not in text
            assert "  " not in text.replace("\n", " \n"), text  # no double spaces inside lines
            assert all(length <= post.limit for length in post.part_lengths), post.part_lengths


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", THREAD_PLATFORMS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_part_of_a_thread_carries_content(kind: str, platform: str, tone: str) -> None:
    threads = 0
    for seed in SEEDS:
        for level in LEVELS:
            post = draft(kind, platform, tone, seed, level)
            for index, part in enumerate(post.parts, 1):
                found = content_words(part, post)
                assert len(found) >= MIN_WORDS, (seed, level, index, part)
            if len(post.parts) > 1:  # the sign-off stays whole, with the last content
                threads += 1
                for name in ("link", "cta", "hashtags"):
                    assert post.sections[name] in post.parts[-1], name
    assert kind == "concept" or platform != "x" or threads  # the check looked at threads


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_sentence_names_the_title_twice(kind: str, platform: str, tone: str) -> None:
    title = TOPICS[kind].title
    for seed in SEEDS:
        post = draft(kind, platform, tone, seed)
        for line in post.text.splitlines():
            if line.lstrip().startswith("#"):
                continue
            for sentence in sentences(line):
                assert title_count(sentence, title) <= 1, (seed, sentence)


# ---------------------------------------------------------------- headings agree in number


def heading_problems(post: Post) -> tuple[list[str], int]:
    """Headings whose number disagrees with their items, and how many headed one item."""
    problems, single = [], 0
    for name, section in post.sections.items():
        if name in ("intro", "link", "cta", "hashtags"):
            continue
        for block in section.split("\n\n"):
            lines = [line for line in block.splitlines() if line.strip()]
            if len(lines) < 2 or not lines[0].endswith(":"):
                continue
            items = [line for line in lines[1:] if not line.startswith(("…", "+"))]
            found = {word.lower() for word in words(lines[0])}
            single += len(items) == 1
            wrong = PLURAL if len(items) == 1 else SINGULAR
            if found & wrong:
                problems.append(f"{lines[0]!r} heads {len(items)} item(s)")
    return problems, single


# One item in every list of every kind.
SINGLES = {
    "article": replace(ARTICLE, explanation=ARTICLE.explanation[:1]),
    "howto": replace(HOWTO, steps=HOWTO.steps[:1]),
    "readme": replace(README_PAGE, items=README_PAGE.items[:1], steps=README_PAGE.steps[:1]),
    "resources": replace(RESOURCES, items=RESOURCES.items[:1]),
    "changelog": replace(CHANGELOG, added=CHANGELOG.added[:1], fixed=CHANGELOG.fixed[:1]),
}


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("kind", KINDS)
def test_headings_agree_in_number_with_their_items(kind: str, platform: str, tone: str) -> None:
    for seed in SEEDS:
        problems, _ = heading_problems(draft(kind, platform, tone, seed))
        assert not problems, (seed, problems)


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("kind", sorted(SINGLES))
def test_a_single_item_gets_a_singular_heading(kind: str, platform: str, tone: str) -> None:
    post = render_post(SINGLES[kind], DraftOptions(platform=platform, tone=tone, seed=1))
    problems, single = heading_problems(post)
    assert not problems
    assert single >= 1  # the check above looked at one-item lists


def test_the_singular_headings_read_as_written() -> None:
    text = render_post(SINGLES["howto"], DraftOptions(seed=1, emoji="none")).text
    assert "Here's how:\nPush your Hugo site" in text  # one step is not numbered "1."
    text = render_post(SINGLES["article"], DraftOptions(seed=1, emoji="none")).text
    assert "The key takeaway:\n• Deploys went" in text
    text = render_post(SINGLES["resources"], DraftOptions(seed=1, tone="professional")).text
    assert "One highlight:" in text


# ---------------------------------------------------------------- a post links to its page


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_post_about_a_page_links_to_it(kind: str, platform: str, tone: str) -> None:
    url = TOPICS[kind].url
    assert url
    for seed in SEEDS:
        post = draft(kind, platform, tone, seed)
        text = post.published_text()
        assert text.count(url) == 1, text
        line = next(line for line in text.splitlines() if url in line)
        assert re.fullmatch(rf"(🔗 )?\w[^\n]*: {re.escape(url)}( \d+/\d+)?", line), line
        assert sum(url in part for part in post.parts) == 1  # never cut between two parts
    bare = render_post(replace(TOPICS[kind], url=None), DraftOptions(platform=platform, tone=tone))
    assert "https://" not in bare.text and not bare.sections["link"]


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("concept", "Full post:"),
        ("article", "Full post:"),
        ("listicle", "Full post:"),
        ("howto", "Full guide:"),
        ("changelog", "Full changelog:"),
        ("readme", "Check it out:"),
        ("resources", "Full list:"),
    ],
)
def test_the_link_line_says_what_it_links_to(kind: str, label: str) -> None:
    post = draft(kind, "linkedin", "friendly", 1, "none")
    assert f"\n{label} {TOPICS[kind].url}\n" in post.text


# ---------------------------------------------------------------- each kind's own shape


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_howto_numbers_its_steps_in_order(platform: str) -> None:
    post = draft("howto", platform, "friendly", 1, "none")
    text = post.published_text()
    assert numbers(text) == [1, 2, 3, 4, 5]
    assert "4. Add a HUGO_VERSION variable that matches your local version." in text
    assert "Check it with hugo version" not in text  # each step is its first sentence
    assert "Pin the Hugo version" in text


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_listicle_numbers_all_its_items_with_their_names(platform: str) -> None:
    text = draft("listicle", platform, "friendly", 2, "none").published_text()
    assert numbers(text) == [1, 2, 3, 4, 5]  # the title promised five
    for item in LISTICLE.items:
        assert f". {item.name}: {sentences(item.text)[0]}" in text


def test_a_long_listicle_counts_what_it_leaves_out() -> None:
    many = tuple(Example(f"Habit {n}", f"Do thing number {n} every day.") for n in range(1, 16))
    long = replace(LISTICLE, title="15 habits of calm teams", items=many)
    text = render_post(long, DraftOptions(seed=1, emoji="none")).text
    assert numbers(text) == list(range(1, 11))
    assert "…and 5 more." in text


@pytest.mark.parametrize("tone", TONES)
def test_a_release_announcement_names_the_version_and_what_changed(tone: str) -> None:
    post = draft("changelog", "linkedin", tone, 1, "none")
    assert "Acme 2.3.0" in post.sections["intro"]
    assert "v2.3.0" not in post.sections["intro"] and "Changelog" not in post.sections["intro"]
    changes = post.sections["changes"]
    positions = [changes.index(entry) for entry in (CHANGELOG.added[0], CHANGELOG.changed[0])]
    assert positions == sorted(positions)  # added, then changed, then fixed
    assert all(entry in changes for entry in CHANGELOG.fixed)  # room for all four
    short = draft("changelog", "x", tone, 1, "none").published_text()
    assert CHANGELOG.fixed[2] in short and CHANGELOG.fixed[3] not in short  # three at most
    assert ("…and one more." if tone != "punchy" else "+1 more.") in short
    assert post.hashtags == ("#Acme",)  # the product, not "#AcmeChangelog"


@pytest.mark.parametrize(
    ("title", "version", "named"),
    [
        ("Changelog", "2.0.0", "version 2.0.0"),
        ("Release notes", None, "Release notes"),
        ("Widget 4.1 release notes", "4.1", "Widget 4.1"),
    ],
)
def test_a_release_without_a_product_name_says_version(
    title: str, version: str | None, named: str
) -> None:
    topic = replace(CHANGELOG, title=title, version=version)
    for seed in SEEDS:
        intro = render_post(topic, DraftOptions(seed=seed, emoji="none")).sections["intro"]
        assert named.casefold() in intro.casefold(), intro
        assert not intro.startswith("version")  # a sentence starts with a capital


def test_a_readme_says_what_it_is_its_features_and_how_to_start() -> None:
    post = draft("readme", "linkedin", "friendly", 1, "none")
    assert README_PAGE.summary in post.sections["intro"]
    assert "Key features:\n• Drop-in API: It offers the same loads" in post.sections["features"]
    assert post.sections["start"] == (
        "Getting started:\n1. pip install fastjson\n2. Import fastjson where you imported json."
    )


def test_a_resource_list_shows_a_few_named_picks() -> None:
    post = draft("resources", "linkedin", "friendly", 1, "none")
    picks = post.sections["picks"].splitlines()
    assert picks[0] == "A few of my picks:"
    assert picks[1:6] == [f"• {item.name}: {item.text}" for item in RESOURCES.items[:5]]
    assert picks[6] == "…and 2 more."
    short = draft("resources", "x", "friendly", 1, "none").published_text()
    assert "• Hugo: A fast generator written in Go." in short and "…and 4 more." in short


def test_an_article_leads_with_its_key_takeaways() -> None:
    post = draft("article", "linkedin", "professional", 1, "none")
    assert post.sections["takeaways"].startswith("Key takeaways:\n• Deploys went from an hour")
    assert ARTICLE.title in post.sections["intro"]
    assert post.hashtags == ("#kubernetes", "#devops", "#PlatformEngineering")


@pytest.mark.parametrize("kind", ["howto", "listicle", "changelog", "readme", "resources"])
def test_a_kind_without_its_own_material_shows_the_pages_points(kind: str) -> None:
    bare = Topic(
        title="Notes on shipping",
        summary="Shipping small changes often keeps releases boring.",
        kind=kind,
        explanation=("Small batches make a failed deploy cheap to undo.",),
    )
    post = render_post(bare, DraftOptions(seed=1, emoji="none"))
    assert "The key takeaway:\n• Small batches make a failed deploy" in post.text
    with_own = draft(kind, "linkedin", "friendly", 1)
    assert not with_own.sections["takeaways"]  # shown only when the kind's own are missing


def test_an_unknown_kind_drafts_as_a_concept() -> None:
    odd = replace(CONCEPT, kind="recipe")
    assert kind_of(odd) == "concept"
    assert (
        render_post(odd, DraftOptions(seed=3)).text
        == draft("concept", "linkedin", "friendly", 3).text
    )


# ---------------------------------------------------------------- hashtags


def test_page_tags_become_camel_case_hashtags_cut_to_the_platforms_count() -> None:
    tagged = replace(ARTICLE, hashtags=tuple(f"tag-{n} word" for n in range(1, 9)))
    post = render_post(tagged, DraftOptions(seed=1))
    assert post.text.splitlines()[-1] == "#Tag1Word #Tag2Word #Tag3Word #Tag4Word #Tag5Word"
    flagged = render_post(tagged, DraftOptions(seed=1, extra_hashtags=("#Mine",)))
    assert (*post.hashtags, "#Mine") == flagged.hashtags  # a flag is the user's choice: kept
    assert render_post(tagged, DraftOptions(seed=1, platform="x")).hashtags == (
        "#Tag1Word",
        "#Tag2Word",
    )


def test_a_headline_makes_no_hashtag_but_a_subject_does() -> None:
    untagged = replace(LISTICLE, hashtags=())
    assert render_post(untagged, DraftOptions(seed=1)).hashtags == ()
    assert render_post(replace(README_PAGE), DraftOptions(seed=1)).hashtags == ("#fastjson",)


@pytest.mark.parametrize(
    ("tag", "made"),
    [
        ("machine-learning", "#MachineLearning"),
        ("platform engineering", "#PlatformEngineering"),
        ("#Gen AI", "#GenAI"),
        ("elasticsearch", "#elasticsearch"),
        ("machineLearning", "#machineLearning"),
        ("don't panic", "#DontPanic"),
        ("künstliche-intelligenz", "#KünstlicheIntelligenz"),
        ("C++", "#cpp"),
        ("c#", "#csharp"),
        (".NET", "#dotnet"),
        ("🚀", ""),
    ],
)
def test_normalise_hashtag(tag: str, made: str) -> None:
    assert normalise_hashtag(tag) == made


@pytest.mark.parametrize(
    ("title", "tag"),
    [
        ("Generative AI", "#GenerativeAI"),
        ("fastjson", "#fastjson"),
        ("1. Don't roll your own security", None),
        ("5 tips for better sleep", None),
        ("", None),
    ],
)
def test_title_hashtag(title: str, tag: str | None) -> None:
    assert title_hashtag(title) == tag


# ---------------------------------------------------------------- templates users override


def test_each_kind_looks_in_its_own_folder_first() -> None:
    assert template_names("x", "howto", "steps") == ("x/howto/steps.j2", "x/steps.j2")
    assert template_names("x", "concept", "intro") == ("x/intro.j2",)
    assert sections_of("howto")[-3:] == ("link", "cta", "hashtags")
    for kind in KINDS:
        for platform in PLATFORMS:
            folder = builtin_template_dir() / platform
            for section in sections_of(kind):
                names = template_names(platform, kind, section)
                found = [name for name in names if (builtin_template_dir() / name).is_file()]
                if section in ("intro", "link", "cta", "hashtags"):
                    assert found, (platform, kind, section)  # every kind says these
            assert (folder / "post.j2").is_file()


def test_a_users_kind_section_overrides_the_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "linkedin" / "howto").mkdir(parents=True)
    (tmp_path / "linkedin" / "howto" / "steps.j2").write_text(
        "My {{ topic.steps | length }} steps.\n", encoding="utf-8"
    )
    options = DraftOptions(seed=1, template_dirs=(tmp_path,))
    post = render_post(HOWTO, options)
    assert post.sections["steps"] == "My 5 steps."
    assert post.sections["intro"] == draft("howto", "linkedin", "friendly", 1).sections["intro"]


def test_a_kind_may_have_its_own_layout(tmp_path: Path) -> None:
    (tmp_path / "linkedin" / "listicle").mkdir(parents=True)
    (tmp_path / "linkedin" / "listicle" / "post.j2").write_text(
        "{{ sections['items'] }}\n", encoding="utf-8"
    )
    post = render_post(LISTICLE, DraftOptions(seed=1, template_dirs=(tmp_path,), emoji="none"))
    assert post.text.startswith("1. Keep changes small:") and "Full post" not in post.text


def test_a_users_own_set_without_kind_folders_drafts_every_kind(tmp_path: Path) -> None:
    (tmp_path / "newsletter").mkdir()
    (tmp_path / "newsletter" / "intro.j2").write_text("{{ title }}\n", encoding="utf-8")
    (tmp_path / "newsletter" / "post.j2").write_text(
        "{{ sections.values() | select | join('\\n\\n') }}\n", encoding="utf-8"
    )
    for kind, topic in TOPICS.items():
        options = DraftOptions(seed=1, template_set="newsletter", template_dirs=(tmp_path,))
        assert render_post(topic, options).text == f"{topic.title}\n", kind


def test_eject_copies_every_kind_and_language(tmp_path: Path) -> None:
    written = {path.relative_to(tmp_path).as_posix() for path in eject(tmp_path / "mine")}
    assert {"linkedin/howto/steps.j2", "x/changelog/changes.j2", "voices/es/friendly.j2"} <= {
        name.removeprefix("mine/") for name in written
    }
    for kind, topic in TOPICS.items():
        for platform in ("linkedin", "x"):
            options = DraftOptions(platform=platform, seed=2)
            ejected = replace(options, template_dirs=(tmp_path / "mine",))
            assert render_post(topic, ejected).text == render_post(topic, options).text, kind


def test_a_voice_without_a_kinds_heading_says_what_to_add(tmp_path: Path) -> None:
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices" / "terse.j2").write_text(
        '{% set hooks = [title] %}{% set ctas = ["Bye."] %}{% set link_label = "Read:" %}\n'
        '{% set tips_heading = "Tips:" %}\n',
        encoding="utf-8",
    )
    options = DraftOptions(tone="terse", template_dirs=(tmp_path,), seed=1, emoji="none")
    with pytest.raises(TemplateError) as caught:
        render_post(HOWTO, options)
    assert "voices/terse.j2 has no steps_heading" in caught.value.message
    # Its plain hooks and calls to action serve every kind that needs no more.
    text = render_post(replace(HOWTO, steps=(), explanation=()), options).text
    assert text.startswith(f"{HOWTO.title}\n\n") and "Bye." in text and "Read: " in text


def test_a_user_template_folder_copy_of_a_voice_keeps_working(tmp_path: Path) -> None:
    (tmp_path / "voices").mkdir()
    shutil.copy(builtin_template_dir() / "voices" / "punchy.j2", tmp_path / "voices" / "loud.j2")
    options = DraftOptions(tone="loud", template_dirs=(tmp_path,), seed=4)
    for topic in TOPICS.values():
        assert (
            render_post(topic, options).text
            == render_post(topic, replace(options, tone="punchy")).text
        )


# ---------------------------------------------------------------- the pieces


@pytest.mark.parametrize(
    ("title", "product"),
    [
        ("Acme Changelog", "Acme"),
        ("Changelog", ""),
        ("Release notes for Widget", "Widget"),
        ("What's new in Frobnicator", "Frobnicator"),
        ("Registro de cambios de Acme", "Acme"),
        ("Acme", "Acme"),
        ("Acme – Release Notes", "Acme"),
    ],
)
def test_product_name(title: str, product: str) -> None:
    assert product_name(title) == product


def test_plain_version() -> None:
    assert [plain_version(v) for v in ("v2.3.0", "2.3.0", " V1 ", None, "vnext")] == [
        "2.3.0",
        "2.3.0",
        "1",
        "",
        "vnext",
    ]


@pytest.mark.parametrize(
    ("item", "line"),
    [
        (Example("Hugo", "A fast generator. Written in Go."), "Hugo: A fast generator."),
        (Example("Hugo"), "Hugo"),
        (Example("Flask", "Flask is a small web framework."), "Flask is a small web framework."),
        (Example("Go", "Google made it."), "Go: Google made it."),
        (Example("Don't guess.", "Measure first."), "Don't guess. Measure first."),
        ({"name": "Zola", "text": "One binary."}, "Zola: One binary."),
    ],
)
def test_item_line(item: object, line: str) -> None:
    assert item_line(item) == line


def test_item_line_takes_the_voices_colon() -> None:
    assert item_line(Example("Hugo", "Rapide."), " : ") == "Hugo : Rapide."


def test_the_body_lists_shorten_last() -> None:
    assert [list_budget(items) for items in (4, 3, 2, 1)] == [10, 8, 6, 4]
