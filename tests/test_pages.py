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
from postkit.sources.pages import field_named_by, load_topic_page, topic_from_markdown

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
        title="Fastqueue",
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
        explanation=("The current state is rebuilt", "Think of a bank statement"),
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
        absent=("[[", "]]", "gitops-diagram", "Pull requests|", "created"),
    ),
    Page(
        "listicle.md",
        title="Code review",  # a listicle: its lists are tips, its topic the definition's
        summary="A code review is a check of a change by someone other than its author",
        tips=("Keep changes small: a few", "Explain the why: the", "Automate the nitpicks: let"),
        pitfalls=("Approving without running the code.", "Leaving vague comments"),
        absent=("2023", "layout"),
    ),
    Page(
        "strict-unknown-key.md",
        title="Green Software",  # foreign front matter: ignored, the heading wins
        summary="Green software is software designed and run to use less energy",
        hashtags=("#GreenSoftware",),
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
    assert errors == ""
    post = done.stdout.decode("utf-8")
    assert_no_markdown(post)
    assert len(post) <= 3000
    hook, definition = post.split("\n\n")[:2]
    assert case.title in hook
    assert definition.startswith(case.summary)
    for name in case.examples[:3]:
        assert name in post
    for point in (*case.tips[:1], *case.pitfalls[:1], *case.benefits[:1]):
        assert point in post
    if case.cta:
        assert case.cta in post
    for unwanted in case.absent:
        assert unwanted not in post, unwanted
    hashtags = post.rstrip("\n").rsplit("\n", 1)[-1].split()
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
