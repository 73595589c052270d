"""Markdown pages of many shapes become topics, and posts without Markdown syntax.

Each case is a page under tests/data/pages/ and what postkit should find in
it. The same table is checked through the library (topic_from_markdown) and
through a real ``postkit draft --from PAGE`` process.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import emoji
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import DATA, EXAMPLES, run_postkit
from postkit import emoji_forms
from postkit.errors import ExitCode, PageError
from postkit.model import Topic
from postkit.sources.language import detect_language
from postkit.sources.markup import clean_markup
from postkit.sources.pages import (
    field_named_by,
    load_topic_page,
    read_markdown,
    topic_from_markdown,
)
from postkit.sources.prose import sentences

PAGES = DATA / "pages"

# Markdown syntax that must never reach a post.
MARKDOWN_LEAKS = {
    "bold": re.compile(r"\*\*|__"),
    "heading": re.compile(r"^#{1,6}\s", re.MULTILINE),
    "link": re.compile(r"\]\(|\[[^\]\n]*\]\([^)\n]*\)"),
    "image": re.compile(r"!\["),
    "backtick": re.compile(r"`"),
    "html": re.compile(r"</?[a-zA-Z][^>\n]*>"),
    "table": re.compile(r"\|"),
    "fence": re.compile(r"~~~|```"),
    "strikethrough": re.compile(r"~~"),
    "footnote": re.compile(r"\[\^"),
    "task": re.compile(r"\[[ xX]\]"),
    "url": re.compile(r"https?://"),
}


@dataclass(frozen=True)
class Page:
    """A fixture page and what must (and must not) come out of it."""

    file: str
    title: str
    summary: str  # the definition starts with this
    examples: tuple[str, ...] = ()  # example names, in order
    example_text: str | None = None  # the text of the first example, if it has a lead-in
    explanation: tuple[str, ...] = ()  # each is the start of one explanation point
    benefits: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    cta: str | None = None
    absent: tuple[str, ...] = ()  # text that must not reach the post
    kind: str = "concept"
    items: tuple[str, ...] = ()  # item names (a listicle's, a README's features…)
    thin: bool = False  # only an opening paragraph: drafting warns that the post is thin

    @property
    def path(self) -> Path:
        return PAGES / self.file


CASES = [
    Page(
        "notes-no-front-matter.md",
        title="Composting",
        summary="Composting turns kitchen scraps",
        explanation=("A well-kept heap", "Bacteria and fungi feed", "They need air"),
        benefits=("Less waste: a third", "Better soil: finished compost"),
        tips=("Balance wet greens", "Turn the heap"),
    ),
    Page(
        "jekyll-blog-post.md",
        title="Rust",
        summary="Rust is a systems programming language",
        examples=("Command-line tools", "Web services", "Embedded devices"),
        example_text="fast single binaries that are easy to ship.",
        pitfalls=("The borrow checker", "Compile times grow"),
        # The page's tags become its hashtags; a dated front-matter title
        # ("2025-03-01 Weekend notes", a note's file name) yields to the H1.
        hashtags=("#Rust", "#Programming"),
        absent=("Weekend notes", "2025-03-01", "layout", "permalink", "programming]"),
    ),
    Page(
        "serverless.md",
        title="Serverless computing",  # no heading or front matter: the definition's subject
        summary="Serverless computing lets developers run code",
        examples=("Image thumbnails", "Webhooks", "Scheduled tasks"),
        example_text="resize each photo as soon as it is uploaded.",
        explanation=("The platform starts, scales",),
        tips=("Keep each function small", "Store state in a database"),
        pitfalls=("Cold starts add latency", "Costs are hard to predict"),
        absent=("include:", "Best practices:", "Risks to keep in mind"),
    ),
    Page(
        "applications-risks-components.md",
        title="Digital twins",
        summary="A digital twin is a live software model",
        examples=("Wind farms", "Factories", "Cities"),
        explanation=("Sensors that stream", "A simulation model", "A data platform"),
        pitfalls=("A model that drifts", "Streaming sensor data"),
    ),
    Page(
        "practices-challenges-usecases.md",
        title="Feature stores",
        summary="A feature store is a shared catalogue",
        examples=(
            "Fraud scoring that needs the same customer features online and offline.",
            "Personalised search ranking fed by fresh behaviour signals.",
        ),
        explanation=("It stops every team",),
        tips=("Give every feature an owner", "Version features"),
        pitfalls=("Keeping online and offline values", "A central platform"),
    ),
    Page(
        "markdown-syntax.md",
        title="WebAssembly",
        summary="WebAssembly (often shortened to Wasm) is a compact binary format that lets "
        "code written in languages like Rust or C++ run in the browser",
        examples=("Figma", "Games", "Plugins"),
        example_text="the design editor moved its rendering engine to Wasm.",
        explanation=("Compilers emit a .wasm module", "The host loads the module"),
        pitfalls=(
            "Debugging a compiled module is harder than debugging plain JavaScript.",
            "Access to the page (DOM)",
        ),
        absent=(
            "do not publish",
            "Wasm logo",
            "HTML block",
            "nested detail",
            "second nested item",
            "instantiateStreaming",
            "indented code",
            "Quoted warnings",
            "rust-lang.org",
            "no risk at all",
        ),
    ),
    Page(
        "question-heading.md",
        title="Service mesh",  # "## What is a service mesh?" → "Service mesh"
        summary="A service mesh is a layer of small network proxies",
        explanation=("A data plane of sidecar proxies", "A control plane"),
        absent=("What is", "What's a", "a service mesh?"),
    ),
    Page(
        "bold-variants.md",
        title="Password managers",
        summary="A password manager is an app",
        examples=(
            "Browser built-ins",
            "Standalone apps",
            "Hardware keys",
            "Open-source vaults kept on your own server.",
        ),
        example_text="the manager that comes with Chrome, Firefox or Safari.",
        explanation=("You only remember one master password.",),
        tips=("Never reuse the master password anywhere else.", "Turn on two-factor login: it"),
        absent=("Never:", "built-ins::", "– a physical"),
    ),
    Page(
        "own-front-matter.md",
        title="Observability",  # an own topic page: its title wins over the heading
        summary="Observability is how well a team can understand",
        explanation=("It rests on logs, metrics and traces.",),
        tips=("Add a trace ID", "Alert on symptoms"),
        hashtags=("#Observability", "#SRE"),
        cta="Which signal do you look at first when something breaks?",
        absent=("Monitoring and more",),
    ),
    Page(
        "empty-front-matter.md",
        title="Infrastructure as code",
        summary="Infrastructure as code describes servers",
        explanation=("Environments become repeatable",),
    ),
    Page(
        "edge-computing.md",
        title="Edge computing",  # only a paragraph: the definition's subject
        summary="Edge computing moves data processing closer",
        thin=True,
    ),
    Page(
        "overview-first.md",
        title="Chaos engineering",  # no title heading: the subject of the definition
        summary="Chaos engineering is the practice of deliberately injecting failures",
        explanation=("Teams run small, controlled experiments",),
        tips=("Start with a hypothesis", "Keep the blast radius small"),
        absent=("Overview",),
    ),
    Page(
        "readme-badges.md",
        title="fastqueue",  # a heading keeps its case: a project's name
        summary="fastqueue is a small Python library",
        explanation=("It needs no separate broker process.",),
        benefits=("Retries: failed jobs", "Timeouts: a job that runs too long"),
        absent=("build", "pypi", "pip install", "shields"),
    ),
    Page(
        "table-and-html.md",
        title="Vector databases",
        summary="A vector database stores embeddings",
        explanation=("It powers semantic search",),
        examples=("Semantic search", "Recommendations", "Deduplication"),
        absent=("pgvector", "Pinecone", "Licence", "---"),
    ),
    Page(
        "gfm-notes.md",
        title="Event sourcing",  # a setext heading
        summary="Event sourcing stores every change to an application's state as an immutable "
        "event, instead of keeping only the latest value.",
        explanation=("The current state is rebuilt",),
        tips=("Think of a bank statement",),  # a "> [!TIP]" alert is a tip
        benefits=("Audit trail: every change", "Time travel: rebuild the state"),
        pitfalls=("Event schemas are hard to change once events are stored.", "Replaying"),
        absent=("[^", "fowler", "well-known article", "Versioned event", "[x]", "[ ]", "[!", "TIP"),
    ),
    Page(
        "obsidian-note.md",
        title="GitOps",
        summary="GitOps is a way of running infrastructure where a Git repository holds",
        explanation=("Changes go through pull requests like any other code.",),
        benefits=("Audit trail: the Git history", "Easy rollback: reverting"),
        examples=("Argo CD", "Flux"),
        example_text="syncs Kubernetes clusters from a repository.",
        hashtags=("#Devops",),  # its tags; "notes" files notes, it says nothing
        absent=("[[", "]]", "gitops-diagram", "Pull requests|", "created"),
    ),
    Page(
        "listicle.md",
        title="7 tips for better code reviews",  # the front matter's title wins
        kind="listicle",  # a title that counts, and a numbered list of named items
        summary="A code review is a check of a change by someone other than its author",
        items=("Keep changes small", "Explain the why", "Automate the nitpicks"),
        pitfalls=("Approving without running the code.", "Leaving vague comments"),
        absent=("2023", "layout"),
    ),
    Page(
        "strict-unknown-key.md",
        title="Green Software",  # foreign front matter: ignored, the heading wins
        summary="Green software is software designed and run to use less energy",
        hashtags=("#GreenSoftware",),
        thin=True,
        absent=("sustainability",),
    ),
]


def assert_no_markdown(text: str) -> None:
    """No Markdown, HTML, shortcode or template syntax; NFC; fully-qualified emoji."""
    for what, pattern in MARKDOWN_LEAKS.items():
        found = pattern.search(text)
        assert found is None, f"{what} syntax leaked: {found.group(0)!r} in {text!r}"
    assert emoji_forms.leftover_shortcodes(text) == []
    assert unicodedata.is_normalized("NFC", text)
    for match in emoji.emoji_list(text):
        assert emoji_forms.is_fully_qualified(match["emoji"]), ascii(match["emoji"])


def _topic_text(topic: Topic) -> str:
    parts = [
        topic.title,
        topic.summary,
        *topic.explanation,
        *topic.benefits,
        *topic.tips,
        *topic.pitfalls,
        *(f"{example.name} {example.text}" for example in topic.examples),
    ]
    return "\n".join(parts)


def _starts(points: tuple[str, ...], starts: tuple[str, ...]) -> None:
    assert len(points) == len(starts), points
    for point, start in zip(points, starts, strict=True):
        assert point.startswith(start), (point, start)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.file)
def test_page_to_topic(case: Page) -> None:
    topic = topic_from_markdown(case.path.read_text("utf-8"), str(case.path))
    assert topic.title == case.title
    assert topic.summary.startswith(case.summary)
    assert [example.name for example in topic.examples] == list(case.examples)
    if case.example_text is not None:
        assert topic.examples[0].text == case.example_text
    assert topic.kind == case.kind
    assert [item.name for item in topic.items] == list(case.items)
    _starts(topic.explanation, case.explanation)
    _starts(topic.benefits, case.benefits)
    _starts(topic.tips, case.tips)
    _starts(topic.pitfalls, case.pitfalls)
    assert topic.hashtags == case.hashtags
    assert topic.cta == case.cta
    text = _topic_text(topic)
    assert_no_markdown(text)
    for unwanted in case.absent:
        assert unwanted not in text


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.file)
def test_draft_from_page_cli(case: Page) -> None:
    done = run_postkit("draft", "--from", str(case.path), "--plain", "--seed", "1")
    errors = done.stderr.decode("utf-8")
    assert done.returncode == 0, errors
    if case.thin:  # one honest line: the page gives little to draft from
        assert errors.count("\n") == 1 and "warning:" in errors and "thin post" in errors
    else:
        assert errors == ""
    post = done.stdout.decode("utf-8")
    assert_no_markdown(post)
    assert len(post) <= 3000
    hook, definition = post.split("\n\n")[:2]
    assert case.title in hook
    assert definition.startswith(case.summary)
    for name in (*case.examples[:3], *case.items[:3]):
        assert name in post
    if case.kind == "concept":  # other kinds draft their own sections
        for point in (*case.tips[:1], *case.pitfalls[:1], *case.benefits[:1]):
            assert point in post
    if case.cta:
        assert case.cta in post
    for unwanted in case.absent:
        assert unwanted not in post, unwanted
    hashtags = post.rstrip("\n").rsplit("\n", 1)[-1].split()
    if case.kind in ("concept", "readme"):  # a headline's title makes no hashtag
        assert hashtags and all(tag.startswith("#") for tag in hashtags)
    if case.hashtags:
        assert tuple(hashtags) == case.hashtags


# --- the real example page --------------------------------------------------

EXAMPLE_PAGE = EXAMPLES / "generative-ai-page.md"


def test_example_page_to_topic() -> None:
    topic = load_topic_page(EXAMPLE_PAGE, strict=False)
    assert topic.title == "Generative AI"
    assert topic.summary.startswith("Generative AI refers to a type of artificial intelligence")
    names = [example.name for example in topic.examples]
    assert names[:5] == [
        "Art and Design",
        "Music and Audio",
        "Writing and Content",
        "Video and Film",
        "Chatbots and Conversational AI",
    ]
    assert "Generative Adversarial Networks (GANs)" in names
    assert topic.examples[0].text.startswith("Generative AI can be used to create new art")
    assert [point.split(":")[0] for point in topic.benefits] == [
        "Increased creativity",
        "Improved efficiency",
        "Enhanced personalization",
    ]
    assert [point.split(":")[0] for point in topic.pitfalls] == [
        "Job displacement",
        "Content authenticity",
        "Biases and fairness",
    ]
    assert not topic.tips
    assert_no_markdown(_topic_text(topic))


def test_example_page_cli() -> None:
    done = run_postkit("draft", "--from", str(EXAMPLE_PAGE), "--plain", "--seed", "2")
    assert done.returncode == 0, done.stderr
    post = done.stdout.decode("utf-8")
    assert_no_markdown(post)
    assert len(post) <= 3000
    assert "Generative AI" in post.split("\n", 1)[0]
    for expected in ("Art and Design: ", "Increased creativity", "Job displacement"):
        assert expected in post
    for unwanted in ("First page", "2024-10-27", "nav_order", "What is generative AI", "Overall"):
        assert unwanted not in post


# --- pages that cannot be drafted --------------------------------------------


@dataclass(frozen=True)
class BadPage:
    file: str
    says: tuple[str, ...]  # fragments of the one-line message
    strict: bool = False


BAD_PAGES = [
    BadPage("heading-only.md", ("heading-only.md", "no paragraph", "start it with a paragraph")),
    BadPage("yaml-python-tag.md", ("yaml-python-tag.md:2", "front matter", "python/object")),
    BadPage("yaml-alias-bomb.md", ("yaml-alias-bomb.md:3", "front matter", "aliases")),
    BadPage(
        "strict-unknown-key.md", ("strict-unknown-key.md", "categories", "not a topic field"), True
    ),
]


@pytest.mark.parametrize("bad", BAD_PAGES, ids=lambda bad: bad.file)
def test_bad_page_is_one_clear_error(bad: BadPage) -> None:
    path = PAGES / bad.file
    with pytest.raises(PageError) as caught:
        topic_from_markdown(path.read_text("utf-8"), str(path), strict=bad.strict)
    message = caught.value.message
    assert "\n" not in message
    assert caught.value.exit_code == ExitCode.USAGE
    for fragment in bad.says:
        assert fragment in message


@pytest.mark.parametrize("bad", [b for b in BAD_PAGES if not b.strict], ids=lambda b: b.file)
def test_bad_page_cli_exits_2_with_one_line(bad: BadPage) -> None:
    done = run_postkit("draft", "--from", str(PAGES / bad.file))
    assert done.returncode == 2
    assert done.stdout == b""
    errors = done.stderr.decode("utf-8")
    assert errors.count("\n") == 1 and "Traceback" not in errors, errors
    for fragment in bad.says:
        assert fragment in errors


def test_strict_library_page_rejects_unknown_key_by_name(isolated_user: Path) -> None:
    """A page in the user's topic folder is a topic page: unknown keys are errors."""
    folder = isolated_user / "topics"
    folder.mkdir()
    (folder / "green-software.md").write_bytes((PAGES / "strict-unknown-key.md").read_bytes())
    done = run_postkit("draft", "green software")
    assert done.returncode == 2
    errors = done.stderr.decode("utf-8")
    assert errors.count("\n") == 1 and "Traceback" not in errors, errors
    assert "categories" in errors and "green-software.md" in errors


def test_foreign_front_matter_is_ignored_not_rejected() -> None:
    path = PAGES / "strict-unknown-key.md"
    topic = topic_from_markdown(path.read_text("utf-8"), str(path), strict=False)
    assert topic.title == "Green Software"


def test_python_tag_is_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    page = tmp_path / "page.md"
    page.write_text(
        f"---\ntitle: !!python/object/apply:pathlib.Path.touch [{str(marker)!r}]\n---\n\n"
        "Some text that says what the page is about.\n",
        encoding="utf-8",
    )
    done = run_postkit("draft", "--from", str(page))
    assert done.returncode == 2
    assert not marker.exists()


# --- shapes built in a temporary folder ---------------------------------------


@pytest.mark.parametrize(
    ("raw", "title", "summary"),
    [
        pytest.param(
            b"\xef\xbb\xbf# Caf\xc3\xa9s\r\n\r\nA caf\xc3\xa9 is a small place that serves "
            b"coffee and light meals to people who stop by.\r\n",
            "Cafés",
            "A café is a small place",
            id="bom-crlf",
        ),
        pytest.param(
            "# Naïve Bayes\n\nNaïve Bayes is a simple classifier that treats every "
            "feature as independent of the others.\n".encode("utf-16"),
            "Naïve Bayes",
            "Naïve Bayes is a simple classifier",
            id="utf16",
        ),
        pytest.param(
            unicodedata.normalize(
                "NFD", "# Résumés\n\nA résumé is a short document that lists your experience.\n"
            ).encode("utf-8"),
            "Résumés",
            "A résumé is a short document",
            id="nfd",
        ),
    ],
)
def test_encodings_and_line_endings(raw: bytes, title: str, summary: str, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(raw)
    done = run_postkit("draft", "--from", str(page), "--plain")
    assert done.returncode == 0, done.stderr
    post = done.stdout.decode("utf-8")
    assert "\r" not in post and "\ufeff" not in post
    assert unicodedata.is_normalized("NFC", post)
    assert title in post.split("\n", 1)[0]
    assert summary in post


def test_page_text_is_never_run_as_a_template(tmp_path: Path) -> None:
    page = tmp_path / "jinja.md"
    page.write_text(
        "# Templates\n\nTemplates fill in {{ 7 * 7 }} placeholders and {% raw %} blocks "
        "with data from elsewhere.\n",
        encoding="utf-8",
    )
    done = run_postkit("draft", "--from", str(page), "--plain")
    assert done.returncode == 0, done.stderr
    post = done.stdout.decode("utf-8")
    assert "{{ 7 * 7 }}" in post and "49" not in post


def test_bare_emoji_in_a_page_come_out_fully_qualified() -> None:
    text = "# Clouds\n\nThe cloud \u2601 is someone else's computer, rented by the hour.\n"
    topic = topic_from_markdown(text, "clouds.md")
    from postkit.drafting import render_post

    post = render_post(topic).text
    assert "\u2601\ufe0f" in post
    assert_no_markdown(post)


def test_missing_page_is_one_line(tmp_path: Path) -> None:
    done = run_postkit("draft", "--from", str(tmp_path / "nope.md"))
    assert done.returncode == 2
    errors = done.stderr.decode("utf-8")
    assert errors.count("\n") == 1 and "nope.md" in errors and "Traceback" not in errors


@pytest.mark.parametrize(
    ("words", "section"),
    [
        ("Applications", "examples"),
        ("Use cases", "examples"),
        ("Real-world examples", "examples"),
        ("Best practices", "tips"),
        ("Tips and tricks", "tips"),
        ("Risks", "pitfalls"),
        ("Challenges", "pitfalls"),
        ("Some concerns, such as:", "pitfalls"),
        ("Benefits", "benefits"),
        ("Key features", "benefits"),
        ("How it works", "explanation"),
        ("Key components", "explanation"),
        ("Do's and Don'ts", "tips"),
        ("Dos and don'ts", "tips"),
        ("Lessons learned", "tips"),
        ("Pros", "benefits"),
        ("Cons", "pitfalls"),
        ("Trade-offs", "pitfalls"),
        ("Case studies", "examples"),
        ("🚀 Use cases", "examples"),
        ("The basics", "explanation"),
        ("Installation", None),
        ("Consulting", None),
        ("Risky business?", None),
        ("History", None),
    ],
)
def test_section_words(words: str, section: str | None) -> None:
    assert field_named_by(words) == section


# --- front matter and page shapes written inline --------------------------------


@pytest.mark.parametrize(
    ("text", "strict", "says"),
    [
        pytest.param("", False, ("empty.md", "no paragraph"), id="empty"),
        pytest.param("  \n\n\t\n", False, ("no paragraph",), id="blank"),
        pytest.param("---\ntitle: Only Meta\n---\n", True, ("no paragraph",), id="front-only"),
        pytest.param("# Lists\n\n## Tips\n\n- one\n- two\n", False, ("no paragraph",), id="lists"),
        pytest.param("```\nprint(1)\n```\n", False, ("no paragraph",), id="code-only"),
        pytest.param("![diagram](d.png)\n", False, ("no paragraph",), id="image-only"),
        pytest.param("<div>\nhtml only\n</div>\n", False, ("no paragraph",), id="html-only"),
        pytest.param("---\n- a\n- b\n---\n\nText.\n", False, ("mapping",), id="list-front"),
        pytest.param(
            "---\ntitle: [unclosed\n---\n\nText.\n", False, ("empty.md:", "fix the YAML"), id="yaml"
        ),
        pytest.param(
            "---\ntitle: X\nhashtags: 5\n---\n\nX is a thing.\n", True, ("hashtags",), id="type"
        ),
        pytest.param(
            "---\ntitle: X\nemoji: {intro: ':rocket:', bogus: x}\n---\n\nX is a thing.\n",
            True,
            ("emoji", "bogus"),
            id="emoji-key",
        ),
        pytest.param(
            "---\ntitle: X\nemoji: true\n---\n\nX is a thing.\n", False, ("emoji",), id="own-emoji"
        ),
        pytest.param(
            "---\ntitle: X\nlayout: post\n---\n\nX is a thing.\n", True, ("layout",), id="strict"
        ),
        pytest.param(
            "---\n!!binary aGk=: x\n---\n\nX is a thing.\n", True, ("not a topic field",), id="bin"
        ),
        pytest.param(
            "---\nx: !!python/name:os.system\n---\n\nX is a thing.\n",
            False,
            ("front matter", "python/name"),
            id="python-name",
        ),
    ],
)
def test_inline_bad_pages(text: str, strict: bool, says: tuple[str, ...]) -> None:
    with pytest.raises(PageError) as caught:
        topic_from_markdown(text, "empty.md", strict=strict)
    message = caught.value.message
    assert "\n" not in message and message.startswith("empty.md")
    for fragment in says:
        assert fragment in message, message


def test_summary_from_own_front_matter_needs_no_paragraph() -> None:
    text = (
        "---\ntitle: Pair programming\nsummary: Pair programming is two people writing code "
        "together at one machine, one typing and one reviewing.\n---\n\n"
        "## Tips\n\n- Swap roles every half hour.\n- Agree on the goal first.\n"
    )
    topic = topic_from_markdown(text, "pair.md", strict=True)
    assert topic.title == "Pair programming"
    assert topic.summary.startswith("Pair programming is two people")
    assert topic.tips == ("Swap roles every half hour.", "Agree on the goal first.")


def test_foreign_keys_named_like_topic_fields_do_not_break_a_blog_post() -> None:
    text = (
        "---\nlayout: post\nemoji: true\naliases: [/2019/old-url/]\ndate: 2020-01-01\n---\n\n"
        "# Static sites\n\nA static site is a set of prebuilt HTML files served as they are.\n"
    )
    topic = topic_from_markdown(text, "blog.md")
    assert topic.title == "Static sites"
    assert topic.summary.startswith("A static site is")


def test_definition_subject_titles_a_page_without_headings() -> None:
    text = "The Internet of Things (IoT) is a network of everyday devices that share data.\n"
    assert topic_from_markdown(text, "notes.md").title == "Internet of Things (IoT)"
    text = "It is a thing that nobody can name.\n"
    assert topic_from_markdown(text, "2024-05-01_misc-notes.md").title == "2024 05 01 misc notes"


def test_page_from_stdin() -> None:
    page = (PAGES / "serverless.md").read_bytes()
    done = run_postkit("draft", "--from", "-", "--plain", input=page)
    assert done.returncode == 0, done.stderr
    post = done.stdout.decode("utf-8")
    assert "Serverless computing" in post.split("\n", 1)[0]
    assert "Image thumbnails" in post


def test_page_from_stdin_without_any_title_says_so() -> None:
    done = run_postkit("draft", "--from", "-", input="It is a thing that nobody names.\n")
    assert done.returncode == 2
    errors = done.stderr.decode("utf-8")
    assert errors.count("\n") == 1 and "Traceback" not in errors
    assert "<stdin>" in errors and "no title" in errors and "# Title" in errors


# --- any mix of Markdown constructs: a Topic without syntax, or one clear error ----

_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_PROSE = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)
_INLINE = st.one_of(
    _PROSE,
    _PROSE.map(lambda t: f"**{t}**"),
    _PROSE.map(lambda t: f"_{t}_"),
    _PROSE.map(lambda t: f"`{t}`"),
    _PROSE.map(lambda t: f"[{t}](https://example.org/{len(t)})"),
    _PROSE.map(lambda t: f"![{t}](pic.png)"),
    _PROSE.map(lambda t: f"[[{t}]]"),
    _PROSE.map(lambda t: f"~~{t}~~"),
    _PROSE.map(lambda t: f"<b>{t}</b>"),
    st.just("[^1]"),
)
_LINE = st.lists(_INLINE, min_size=1, max_size=5).map(" ".join)
_BLOCK = st.one_of(
    _LINE.map(lambda t: f"{t}.\n"),
    _LINE.map(lambda t: f"{t}:\n"),
    st.sampled_from(["#", "##", "###"]).flatmap(lambda h: _LINE.map(lambda t: f"{h} {t}\n")),
    st.sampled_from(["Examples", "Tips", "Risks", "Benefits", "How it works", "Use cases"]).map(
        lambda h: f"## {h}\n"
    ),
    st.lists(_LINE, min_size=1, max_size=4).map(lambda items: "".join(f"- {i}\n" for i in items)),
    st.lists(st.tuples(_PROSE, _LINE), min_size=1, max_size=3).map(
        lambda items: "".join(f"1. **{name}**: {text}\n  - nested {text}\n" for name, text in items)
    ),
    _LINE.map(lambda t: f"```\n{t}\n```\n"),
    _LINE.map(lambda t: f"> {t}\n"),
    _LINE.map(lambda t: f"| {t} | x |\n|---|---|\n| a | b |\n"),
    _LINE.map(lambda t: f"[^1]: {t}\n"),
    st.just("---\n"),
)
# Every page defines footnote 1: an undefined "[^1]" is literal text in Markdown.
_PAGE = st.lists(_BLOCK, min_size=0, max_size=8).map(lambda b: "\n".join([*b, "[^1]: A note.\n"]))
_FRONT = st.sampled_from(["", "---\ntitle: Some Page\n---\n", "---\nlayout: post\n---\n"])


@settings(max_examples=100, deadline=None)
@given(front=_FRONT, body=_PAGE)
def test_any_page_gives_a_clean_topic_or_one_clear_error(front: str, body: str) -> None:
    try:
        topic = topic_from_markdown(front + body, "fuzz.md")
    except PageError as exc:
        assert "\n" not in exc.message and exc.message.startswith("fuzz.md")
        return
    text = _topic_text(topic)
    for marker in ("**", "`", "](", "[[", "]]", "![", "~~", "<b>", "[^", "|", "```"):
        assert marker not in text, (marker, text)
    assert not re.search(r"^#", text, re.MULTILINE), text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}!&*?|>'\"#%@`,\n 0123456789.")), max_size=60))
def test_any_front_matter_gives_a_topic_or_one_clear_error(front: str) -> None:
    try:
        topic_from_markdown(f"---\n{front}\n---\n\n# T\n\nT is a thing.\n", "meta.md")
    except PageError as exc:
        assert "\n" not in exc.message and exc.message.startswith("meta.md")


def test_definition_followed_by_a_lead_in_sentence() -> None:
    text = (
        "# Kubernetes\n\nKubernetes is a container orchestrator that runs applications on many "
        "machines at once. Common use cases include:\n\n"
        "- **Web apps**: scale out when traffic grows.\n- **Batch jobs**: run reports at night.\n"
    )
    topic = topic_from_markdown(text, "k8s.md")
    assert topic.summary.startswith("Kubernetes is a container orchestrator")
    assert "include" not in topic.summary and not topic.explanation
    assert [example.name for example in topic.examples] == ["Web apps", "Batch jobs"]


# --- pages written for site generators, not for postkit (issue 20) ----------------


def test_markup_cleaning_keeps_every_line_and_lifts_asides_out() -> None:
    body = (
        "{{< toc >}}\n"
        'Intro with {{< glossary_tooltip text="kubelet" term_id="kubelet" >}} here.\n'
        "{{< note >}}\nA note in Hugo.\n{{< /note >}}\n"
        "{% include toc.html %}\n"
        "Some {{ site.baseurl }} text {: .class}\n"
        "## Title {#anchor}\n"
        '!!! tip "Try it"\n'
        "    Feed it daily.\n"
        ":::caution Careful\nDo not.\n:::\n"
        "> [!warning] Heads up\n> It bites.\n"
        "import Tabs from '@theme/Tabs';\n"
        "<Tabs>\n"
        "%% hidden %%\n"
        "```\n{{< kept in code >}}\n```\n"
    )
    cleaned = clean_markup(body)
    assert cleaned.text.count("\n") == body.count("\n")  # line numbers hold
    lines = cleaned.text.split("\n")
    assert lines[1] == "Intro with kubelet here."
    assert lines[6].rstrip() == "Some  text"
    assert lines[7].rstrip() == "## Title"
    assert "{{< kept in code >}}" in cleaned.text
    for gone in ("{{<", "{%", "!!!", ":::", "[!warning]", "import Tabs", "<Tabs>", "%%"):
        assert gone not in cleaned.text.replace("{{< kept in code >}}", ""), gone
    kinds = [(aside.kind, aside.title, aside.line) for aside in cleaned.asides]
    assert ("note", "", 3) in kinds
    assert ("tip", "Try it", 9) in kinds
    assert ("warning", "Careful", 11) in kinds
    assert ("warning", "Heads up", 14) in kinds
    assert {skipped.what for skipped in cleaned.skipped} >= {
        "shortcode toc",
        "Liquid include",
        "MDX import/export",
        "JSX component",
        "Obsidian comment",
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The water cycle is the path that water takes between the sea and the sky.", "en"),
        ("El ciclo del agua es el camino que sigue el agua entre el mar y el cielo.", "es"),
        ("Der Wasserkreislauf ist der Weg, den das Wasser zwischen dem Meer und dem Himmel "
         "nimmt.", "de"),
        ("Le cycle de l'eau est le chemin que suit l'eau entre la mer et le ciel.", "fr"),
        ("O ciclo da água é o caminho que a água faz entre o mar e o céu, e não para.", "pt"),
        ("Il ciclo dell'acqua è il percorso che fa l'acqua tra il mare e il cielo, e non si "
         "ferma mai.", "it"),
        ("Kubernetes.", None),  # too short to tell
    ],
)  # fmt: skip
def test_language_from_small_words(text: str, language: str | None) -> None:
    assert detect_language(text)[0] == language


def test_sentences_in_other_languages_and_after_abbreviations() -> None:
    assert sentences("Hola. ¿Y ahora? ¡Vamos allá! Sigue.") == [
        "Hola.",
        "¿Y ahora?",
        "¡Vamos allá!",
        "Sigue.",
    ]
    assert sentences("Use tools, e.g. Anki. It works.") == ["Use tools, e.g. Anki.", "It works."]
    assert sentences('He said "Stop." Then left.') == ['He said "Stop."', "Then left."]


def test_front_matter_title_description_tags_language_and_url_come_first() -> None:
    text = (
        "---\nlayout: post\ntitle: Ten years of Python\nauthor: x\n"
        "description: What a decade of one language taught our team.\n"
        "tags: python, team work\nlang: pt-BR\ncanonical_url: https://example.com/p\n---\n\n"
        "## Introduction\n\nNo início, escrevemos tudo em Python e não nos arrependemos.\n"
    )
    reading = read_markdown(text, "post.md")
    topic = reading.topic
    assert topic.title == "Ten years of Python"  # not the "Introduction" heading
    assert topic.summary == "What a decade of one language taught our team."
    assert topic.hashtags == ("#Python", "#TeamWork")
    assert (topic.language, topic.url) == ("pt", "https://example.com/p")
    report = "\n".join(reading.provenance.report())
    for said in (
        "title: front matter `title`",
        "summary: front matter `description`",
        "language: pt (front matter `lang`)",
        "url: front matter `canonical_url`",
    ):
        assert said in report, report  # fmt: skip


def test_toml_front_matter_and_a_relative_permalink_joined_to_the_site() -> None:
    text = (
        '+++\ntitle = "On-call"\npermalink = "/posts/on-call/"\ntags = ["sre"]\n'
        "[params]\n  toc = true\n+++\n\nWe cut our alerts in half last year, and slept.\n"
    )
    assert read_markdown(text, "a.md").topic.url is None
    topic = read_markdown(text, "a.md", site_url="https://blog.example.org/").topic
    assert (topic.title, topic.url) == ("On-call", "https://blog.example.org/posts/on-call/")
    assert read_markdown(text, "a.md", link="https://x.example/y").topic.url == (
        "https://x.example/y"
    )
    with pytest.raises(PageError) as caught:
        read_markdown('+++\ntitle = "x\n+++\n\nText.\n', "bad.md")
    assert caught.value.message.startswith("bad.md:") and "TOML" in caught.value.message


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
        ("{a = " * 5000 + "}" * 5000, "nested too deeply"),
        ("1" * 5000, "a huge number"),  # past Python's 4,300 digits for int()
    ],
    ids=["array", "inline-table", "number"],
)
def test_toml_front_matter_too_deep_or_too_long_is_one_line(
    tmp_path: Path, value: str, problem: str
) -> None:
    """issue 22: a 5,000-digit number in TOML front matter was an "internal error"
    (Python's int() refuses it); 5,000 levels deep stays a page error too."""
    page = tmp_path / "deep.md"
    page.write_text(
        f'+++\ntitle = "Deep"\nextra = {value}\n+++\n\nDeep is a page.\n', encoding="utf-8"
    )
    result = run_postkit("draft", "--from", str(page))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"postkit: error: {page}: front matter: {problem}; fix the TOML\n"
    )


def test_the_opening_skips_navigation_translations_badges_and_notes() -> None:
    text = (
        "⬅️ [[Memory]] | [[Recall]] ➡️\n\n"
        "English | [Español](README.es.md) | [Deutsch](README.de.md)\n\n"
        "[![build](https://img.shields.io/b.svg)](https://ci.example.org)\n\n"
        "> **Translator's note:** this page was translated from Spanish.\n\n"
        "*This post contains affiliate links.*\n\n"
        "Without further ado, let's get started.\n\n"
        "# Spaced repetition\n\n"
        "Spaced repetition is a way of reviewing cards just before you forget them.\n"
    )
    reading = read_markdown(text, "note.md")
    assert reading.topic.summary.startswith("Spaced repetition is a way")
    skipped = {line: what for line, _, what in reading.provenance.skipped}
    assert skipped[1] == "navigation"
    assert skipped[3] == "translation links"
    assert skipped[5] == "badges or images"
    assert skipped[7] == "note to the reader"
    assert skipped[9] == "note to the reader (in italics)"
    assert skipped[11] == "filler"


def test_a_notes_page_without_a_paragraph_lends_its_first_list_item() -> None:
    text = "# Zettelkasten\n\n- A Zettelkasten is a set of small linked notes, one idea each.\n"
    assert read_markdown(text, "z.md").topic.summary.startswith("A Zettelkasten is a set")


def test_release_notes_take_the_newest_released_version() -> None:
    text = (
        "# Changelog\n\nAll notable changes to `acme` will be documented in this file.\n\n"
        "## [Unreleased]\n\n### Added\n- Not out yet.\n\n"
        "## [2.0.0] - 2025-01-02\n\n### Added\n- Dark mode.\n- Export to PDF.\n\n"
        "### Fixed\n- A crash on start ([#12](https://x.example/issues/12)).\n\n"
        "## [1.9.0] - 2024-12-01\n\n### Added\n- Older feature.\n"
    )
    topic = read_markdown(text, "CHANGELOG.md").topic
    assert (topic.kind, topic.title, topic.version) == ("changelog", "acme 2.0.0", "2.0.0")
    assert topic.summary == "Dark mode."  # no prose: the first change leads
    assert topic.added == ("Export to PDF.",)
    assert topic.fixed == ("A crash on start.",)
    assert "Not out yet" not in str(topic.to_dict()) and "Older" not in str(topic.to_dict())


def test_group_labels_are_never_items() -> None:
    text = (
        "---\ntitle: Awesome debugging\n---\n\n> Tools for finding bugs.\n\n"
        "## Tools\n\n- Debugging Tools\n  - [gdb](https://x.example/gdb) - The GNU debugger.\n"
        "  - [rr](https://x.example/rr) - Record and replay.\n\n"
        "## Reading\n\n- [Debugging](https://x.example/book) - A book about it.\n"
        "- [Why programs fail](https://x.example/why) - Another one.\n"
    )
    topic = read_markdown(text, "awesome.md").topic
    assert topic.kind == "resources"
    names = [item.name for item in topic.items]
    assert "Debugging Tools" not in names
    assert names[:2] == ["gdb", "Debugging"]  # one pick from each group in turn


@pytest.mark.parametrize(
    ("kind", "field"),
    [("listicle", "items"), ("howto", "steps"), ("concept", "tips")],
)
def test_kind_can_be_chosen(kind: str, field: str) -> None:
    text = (
        "# Better sleep\n\nSleep is when the body repairs itself overnight.\n\n"
        "## Tips\n\n1. **Keep a schedule**: same time every day.\n"
        "2. **Keep it cool**: about 18 degrees.\n3. **No screens**: an hour before bed.\n"
    )
    reading = read_markdown(text, "sleep.md", kind=kind)
    assert reading.topic.kind == kind and getattr(reading.topic, field)
    assert reading.provenance.kind_reason == "chosen with --kind"


def test_explain_says_where_each_part_came_from() -> None:
    page = DATA / "pages" / "corpus" / "hugo-houseplants.md"
    done = run_postkit("draft", "--from", str(page), "--plain", "--explain", "--seed", "1")
    assert done.returncode == 0, done.stderr
    errors = done.stderr.decode("utf-8").splitlines()
    assert all(line.startswith("postkit: explain: ") for line in errors), errors
    said = "\n".join(errors)
    assert "kind: listicle (10 numbered headings under a title that counts them)" in said
    assert "title: front matter `title`" in said
    assert "items: lines 16, 22, 26, 30, 34, 38, 42, 46, 50, 54 (numbered headings)" in said
    assert "note to the reader (in italics) at line 10" in said
    assert "shortcode figure at line 18" in said
    assert done.stdout.decode("utf-8").startswith("🚀")  # the post itself is untouched


def test_kind_and_link_flags_through_the_command(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Sleep\n\nSleep is when the body repairs itself and memories settle overnight.\n\n"
        "1. **Keep a schedule**: the same time every day.\n2. **Keep it cool**: 18 degrees.\n",
        encoding="utf-8",
    )
    done = run_postkit(
        "draft", "--from", str(page), "--plain", "--kind", "listicle",
        "--link", "https://example.org/sleep",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    post = done.stdout.decode("utf-8")
    assert "https://example.org/sleep" in post and "Keep a schedule" in post
    bad = run_postkit("draft", "--from", str(page), "--kind", "poem")
    assert bad.returncode == 2
    assert bad.stderr.decode("utf-8") == (
        "postkit: error: --kind: 'poem' is not a page kind; choose one of: concept, article, "
        "howto, listicle, changelog, readme, resources\n"
    )
    alone = run_postkit("draft", "genai", "--explain")
    assert alone.returncode == 2 and b"--from" in alone.stderr


def test_site_url_from_the_config_links_a_relative_permalink(tmp_path: Path) -> None:
    page = tmp_path / "post.md"
    page.write_text(
        "---\ntitle: Balcony tomatoes\npermalink: /2024/tomatoes/\ndate: 2024-05-01\n---\n\n"
        "Last summer I grew tomatoes in six pots on a north-facing balcony.\n",
        encoding="utf-8",
    )
    done = run_postkit(
        "draft", "--from", str(page), "--plain", env={"POSTKIT_SITE_URL": "https://me.example"}
    )
    assert done.returncode == 0, done.stderr
    assert "https://me.example/2024/tomatoes/" in done.stdout.decode("utf-8")


def test_github_release_notes_without_a_title() -> None:
    text = (
        "## What's Changed\n"
        "* feat(api): add retry backoff by @ana in https://github.com/acme/relay/pull/31\n"
        "* fix: handle empty payloads by @bo in https://github.com/acme/relay/pull/33\n"
        "* chore(deps): bump lodash by @dependabot in https://github.com/acme/relay/pull/34\n\n"
        "## New Contributors\n* @bo made their first contribution in "
        "https://github.com/acme/relay/pull/33\n\n"
        "**Full Changelog**: https://github.com/acme/relay/compare/v1.4.0...v1.5.0\n"
    )
    topic = read_markdown(text, "notes.md").topic
    assert (topic.kind, topic.title, topic.version) == ("changelog", "relay v1.5.0", "v1.5.0")
    assert topic.summary == "Add retry backoff"
    assert topic.fixed == ("Handle empty payloads",)
    assert "lodash" not in str(topic.to_dict()) and "@" not in str(topic.to_dict())


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Top 5 habits of calm engineers", "listicle"),  # counts its sections
        ("Three years of calm engineering", "article"),  # "three years" counts no items
    ],
)
def test_a_title_that_counts_makes_sections_items(title: str, kind: str) -> None:
    text = (
        f"---\ntitle: {title}\ndate: 2024-03-03\n---\n\n"
        "I have worked with calm engineers for a decade, and they share a few habits.\n\n"
        "## Write things down\n\nNotes free your head for the problem in front of you.\n\n"
        "## Sleep on big decisions\n\nA night's sleep catches what a long meeting misses.\n\n"
        "## Say no early\n\nA late no costs everyone more than an early one.\n"
    )
    topic = read_markdown(text, "calm.md").topic
    assert topic.kind == kind
    if kind == "listicle":
        assert [item.name for item in topic.items][:2] == [
            "Write things down",
            "Sleep on big decisions",
        ]
    else:
        assert topic.explanation[0].startswith("Write things down: Notes free your head")


def test_a_readme_with_feature_headings_and_an_html_header() -> None:
    text = (
        '<p align="center"><img src="logo.png"></p>\n<h1 align="center">Quill</h1>\n'
        '<p align="center">A tiny static site generator that gets out of your way.</p>\n\n'
        "## Features\n\n### Fast\nBuilds a thousand pages in under a second.\n\n"
        "### Simple\nOne config file, no plugins to learn.\n\n"
        "## Installation\n\n```\ngo install example.com/quill@latest\n```\n\n## License\n\nMIT\n"
    )
    topic = read_markdown(text, "README.md").topic
    assert (topic.kind, topic.title) == ("readme", "Quill")
    assert topic.summary == "A tiny static site generator that gets out of your way."
    assert [item.name for item in topic.items] == ["Fast", "Simple"]
    assert topic.steps == ("go install example.com/quill@latest",)


def test_an_article_of_bullet_sections_takes_a_point_from_each_and_no_sign_off(
    tmp_path: Path,
) -> None:
    page = tmp_path / "post.md"
    page.write_text(
        "---\ntitle: Moving our builds to a new CI\ndate: 2025-03-02\ntags: [ci]\n"
        "description: Six weeks, forty pipelines, one lesson per week.\n---\n"
        "## Why we moved\n\nThe old build server was one machine that nobody wanted to patch.\n\n"
        "## What went well\n\n- Shared workflows halved the pipeline code.\n"
        "- Caching cut the median build from 14 to 6 minutes.\n\n"
        "## What hurt\n\n- Every repository needed its secrets entered again by hand.\n\n"
        "Thanks for reading! Subscribe for more.\n",
        encoding="utf-8",
    )
    from postkit import DraftOptions, draft_from_page

    text = draft_from_page(page, DraftOptions(seed=1)).text
    assert "What went well: Shared workflows halved the pipeline code." in text
    assert "What hurt: Every repository needed its secrets entered again by hand." in text
    assert "Subscribe" not in text and "Thanks for reading" not in text
