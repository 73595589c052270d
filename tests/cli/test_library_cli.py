"""`postkit topics list|show|new` and `postkit templates list|show|eject`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import run_postkit
from postkit.cli import app
from postkit.library import starter_topic, topic_page
from postkit.render.catalogue import builtin_template_dir
from postkit.settings import ENV_VARS
from postkit.sources.pages import load_topic_page
from postkit.sources.topics import builtin_topic_dir, library

runner = CliRunner()

NOTES = """---
layout: post
---

# What is WebAssembly?

WebAssembly is a compact binary format that browsers run at near-native speed.
It lets code written in Rust, C or Go run next to JavaScript.

## Use cases

- **Games**: engines compiled to run in a browser tab.
- **Plugins**: sandboxed extensions for servers and editors.

## Tips

- Start with a small, hot function rather than a whole application.
"""


@pytest.fixture(autouse=True)
def no_postkit_variables(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in ENV_VARS.values():
        monkeypatch.delenv(variable, raising=False)
    yield


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def on_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import postkit.cli.library as library_module

    monkeypatch.setattr(library_module, "stdout_is_terminal", lambda: True)


# ---------------------------------------------------------------- topics list / show


def test_topics_list_piped_is_one_tab_separated_line_per_topic() -> None:
    code, out, _ = invoke("topics", "list")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert [row[0] for row in rows] == sorted(
        path.stem for path in builtin_topic_dir().glob("*.md")
    )
    assert [
        "generative-ai",
        "Generative AI",
        "built-in",
        "genai, gen ai, generative artificial intelligence",
    ] in rows
    assert all(len(row) == 4 for row in rows)


def test_topics_list_on_a_terminal_is_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    on_terminal(monkeypatch)
    code, out, _ = invoke("topics", "list")
    assert code == 0
    header = out.splitlines()[0].split()
    assert header == ["name", "title", "source", "aliases"]
    assert "k8s, kube" in out
    assert "\t" not in out


def test_topics_list_json() -> None:
    code, out, _ = invoke("topics", "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and {"name", "title", "source", "path", "aliases"} <= set(rows[0])
    by_name = {row["name"]: row for row in rows}
    assert by_name["kubernetes"]["aliases"] == ["k8s", "kube", "container orchestration"]


def test_user_topics_are_listed_and_override_built_in_ones(isolated_user: Path) -> None:
    folder = isolated_user / "topics"
    folder.mkdir()
    (folder / "generative-ai.md").write_text(
        "---\ntitle: My GenAI\n---\n\nMy GenAI is my own take on it.\n", encoding="utf-8"
    )
    (folder / "wasm.md").write_text(NOTES, encoding="utf-8")
    _, out, _ = invoke("topics", "list")
    rows = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()}
    assert rows["generative-ai"] == ["generative-ai", "My GenAI", "user", ""]
    assert rows["wasm"][2] == "user"
    code, draft, _ = invoke("draft", "generative ai", "--seed", "1")
    assert code == 0 and "My GenAI is my own take on it." in draft


def test_a_broken_user_page_is_listed_with_its_problem(isolated_user: Path) -> None:
    folder = isolated_user / "topics"
    folder.mkdir()
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    code, out, _ = invoke("topics", "list")
    assert code == 0
    broken = next(line for line in out.splitlines() if line.startswith("broken\t"))
    assert "cannot read" in broken and "broken.md" in broken


def test_topics_show_prints_the_page_and_names_the_file() -> None:
    code, out, err = invoke("topics", "show", "GenAI")
    assert code == 0
    assert out == (builtin_topic_dir() / "generative-ai.md").read_text(encoding="utf-8")
    assert "generative-ai.md" in err and "built-in" in err


def test_topics_show_unknown_is_one_line() -> None:
    code, out, err = invoke("topics", "show", "generativ ai")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "unknown topic" in err


# ---------------------------------------------------------------- topics new


def test_topics_new_writes_a_starter_page_to_fill_in(isolated_user: Path) -> None:
    code, _, err = invoke("topics", "new", "Edge Computing")
    page = isolated_user / "topics" / "edge-computing.md"
    assert code == 0 and str(page) in err
    topic = load_topic_page(page)  # a strict library page
    assert topic.title == "Edge Computing" and topic.hashtags == ("#EdgeComputing",)
    code, _, err = invoke("draft", "edge computing", "--seed", "1")
    assert code == 2 and "placeholder" in err  # tests/test_topic_stubs.py says more


def test_topics_new_never_overwrites_silently(isolated_user: Path) -> None:
    assert invoke("topics", "new", "edge")[0] == 0
    page = isolated_user / "topics" / "edge.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMy edits.\n", encoding="utf-8")
    code, _, err = invoke("topics", "new", "Edge")
    assert code == 2
    assert "already exists" in err and "--force" in err and err.count("\n") == 1
    assert page.read_text(encoding="utf-8").endswith("My edits.\n")
    assert invoke("topics", "new", "edge", "--force")[0] == 0
    assert page.read_text(encoding="utf-8") == starter_topic("edge")


def test_topics_new_from_a_page(isolated_user: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    code, _, _ = invoke("topics", "new", "wasm", "--from", str(notes))
    assert code == 0
    page = isolated_user / "topics" / "wasm.md"
    written = load_topic_page(page)
    original = load_topic_page(notes, strict=False)
    assert written == original
    assert written.title == "WebAssembly"
    assert [example.name for example in written.examples] == ["Games", "Plugins"]
    _, out, _ = invoke("draft", "wasm", "--seed", "2")
    assert "WebAssembly is a compact binary format" in out


def test_topics_new_with_a_name_of_a_built_in_topic_says_it_overrides(isolated_user: Path) -> None:
    code, _, err = invoke("topics", "new", "kubernetes")
    assert code == 0 and "overrides the built-in topic" in err


def test_topics_new_writes_into_the_first_configured_folder(
    isolated_user: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (isolated_user / "config.toml").write_text(
        f"topic_dirs = [{str(first)!r}, {str(second)!r}]\n", encoding="utf-8"
    )
    assert invoke("topics", "new", "zig")[0] == 0
    assert (first / "zig.md").is_file()
    second.mkdir()
    (second / "zig.md").write_text(
        "---\ntitle: Second Zig\n---\n\nZig, second.\n", encoding="utf-8"
    )
    _, out, _ = invoke("topics", "list")
    assert "zig\tZig\tuser\t" in out.splitlines()


def test_topics_new_missing_page_is_one_line() -> None:
    code, _, err = invoke("topics", "new", "x", "--from", "no-such-page.md")
    assert code == 2 and err.count("\n") == 1 and "no-such-page.md" in err


@pytest.mark.parametrize("name", sorted(library()))
def test_every_built_in_topic_survives_a_round_trip(name: str) -> None:
    topic = library()[name].load()
    from postkit.sources.pages import topic_from_markdown

    again = topic_from_markdown(topic_page(topic), "round-trip.md", strict=True)
    assert (again.title, again.summary, again.tips, again.pitfalls) == (
        topic.title,
        topic.summary,
        topic.tips,
        topic.pitfalls,
    )
    assert again.examples == topic.examples and again.hashtags == topic.hashtags


# ---------------------------------------------------------------- templates


def test_templates_list_shows_sets_and_voices() -> None:
    code, out, _ = invoke("templates", "list")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0
    assert ["linkedin", "set", "built-in"] in [row[:3] for row in rows]
    kinds = [row[1] for row in rows]
    assert kinds == sorted(kinds, key=["set", "voice"].index)  # sets first, then voices
    voices = {row[0] for row in rows if row[1] == "voice"}
    assert {"friendly", "professional", "punchy"} <= voices


def test_templates_list_shows_user_sets(tmp_path: Path) -> None:
    (tmp_path / "newsletter").mkdir()
    (tmp_path / "newsletter" / "post.j2").write_text("{{ title }}\n", encoding="utf-8")
    _, out, _ = invoke("templates", "list", "--template-dir", str(tmp_path))
    assert f"newsletter\tset\tuser\t{tmp_path / 'newsletter'}" in out.splitlines()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("punchy", (builtin_template_dir() / "voices" / "punchy.j2")),
        ("voices/professional", (builtin_template_dir() / "voices" / "professional.j2")),
        ("linkedin/cta.j2", (builtin_template_dir() / "linkedin" / "cta.j2")),
    ],
)
def test_templates_show_one_file(name: str, expected: Path) -> None:
    code, out, _ = invoke("templates", "show", name)
    assert code == 0 and out == expected.read_text(encoding="utf-8")


def test_templates_show_a_set_labels_each_file() -> None:
    code, out, _ = invoke("templates", "show", "linkedin")
    assert code == 0
    for path in (builtin_template_dir() / "linkedin").glob("*.j2"):
        assert f"{{# ── linkedin/{path.name} ── #}}" in out
        assert path.read_text(encoding="utf-8") in out


@pytest.mark.parametrize("name", ["nope", "linkedin/nope.j2", "../../etc/passwd"])
def test_templates_show_unknown_is_one_line(name: str) -> None:
    code, out, err = invoke("templates", "show", name)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "templates list" in err


def test_eject_copies_everything_and_drafts_the_same(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    code, _, err = invoke("templates", "eject", str(target))
    assert code == 0 and "--template-dir" in err
    builtin = sorted(
        p.relative_to(builtin_template_dir()) for p in builtin_template_dir().rglob("*.j2")
    )
    assert sorted(p.relative_to(target) for p in target.rglob("*.j2")) == builtin
    for tone in ("friendly", "professional", "punchy"):
        plain = invoke("draft", "genai", "--seed", "3", "--tone", tone)[1]
        ejected = invoke(
            "draft", "genai", "--seed", "3", "--tone", tone, "--template-dir", str(target)
        )[1]
        assert plain == ejected


def test_edited_ejected_templates_are_used(tmp_path: Path, isolated_user: Path) -> None:
    target = tmp_path / "mine"
    invoke("templates", "eject", str(target))
    (target / "linkedin" / "cta.j2").write_text(
        "My own ending for {{ title }}.\n", encoding="utf-8"
    )
    out = invoke("draft", "genai", "--seed", "1", "--template-dir", str(target))[1]
    assert "My own ending for Generative AI." in out
    (isolated_user / "config.toml").write_text(
        f"template_dirs = [{str(target)!r}]\n", encoding="utf-8"
    )
    assert "My own ending for Generative AI." in invoke("draft", "genai", "--seed", "1")[1]
    _, listing, _ = invoke("templates", "list")
    assert f"linkedin\tset\tuser\t{target / 'linkedin'}" in listing.splitlines()


def test_eject_never_overwrites_silently(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    invoke("templates", "eject", str(target))
    cta = target / "linkedin" / "cta.j2"
    cta.write_text("edited\n", encoding="utf-8")
    code, _, err = invoke("templates", "eject", str(target))
    assert code == 2 and "already exists" in err and "--force" in err
    assert cta.read_text(encoding="utf-8") == "edited\n"
    assert invoke("templates", "eject", str(target), "--force")[0] == 0
    assert cta.read_text(encoding="utf-8") == (
        builtin_template_dir() / "linkedin" / "cta.j2"
    ).read_text(encoding="utf-8")


def test_eject_into_a_file_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = invoke("templates", "eject", str(blocker))
    assert code == 2 and err.count("\n") == 1 and "cannot copy" in err


def test_eject_into_an_empty_name_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """issue 22: ``templates eject ''`` copied 141 files into the current folder."""
    monkeypatch.chdir(tmp_path)
    result = run_postkit("templates", "eject", "")
    assert result.returncode == 2
    assert result.stderr == b"postkit: error: FOLDER: give a folder, not an empty string\n"
    assert list(tmp_path.iterdir()) == []


TEMPLATE_DIR_COMMANDS = [
    ["draft", "genai", "--seed", "1"],
    ["templates", "list"],
    ["templates", "show", "linkedin"],
]
NOT_A_TEMPLATE_DIR = [
    ("nope", "no such folder: 'nope'"),
    ("/dev/null", "not a folder: '/dev/null'"),
    ("", "give a folder, not an empty string"),
]


@pytest.mark.parametrize("args", TEMPLATE_DIR_COMMANDS, ids=" ".join)
@pytest.mark.parametrize(
    ("folder", "problem"), NOT_A_TEMPLATE_DIR, ids=["missing", "file", "empty"]
)
def test_a_template_dir_that_is_no_folder_is_a_usage_error(
    args: list[str], folder: str, problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """issue 22: a --template-dir that is not there, a file, or '' was skipped
    in silence: the built-in templates drafted, exit 0."""
    monkeypatch.chdir(tmp_path)
    result = run_postkit(*args, "--template-dir", folder)
    assert result.returncode == 2
    assert result.stderr.decode() == f"postkit: error: --template-dir: {problem}\n"
    assert result.stdout == b""
