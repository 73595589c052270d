"""`postkit draft`: the main job, through CliRunner and as a real process."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import emoji
import pytest
from typer.testing import CliRunner

from helpers import EXAMPLES, run_postkit
from postkit.cli import app
from postkit.emoji_forms import is_fully_qualified

runner = CliRunner()


def assert_clean_post(text: str) -> None:
    """What every post promises: no markup, no shortcodes, only fully-qualified emoji."""
    for leftover in ("**", "{{", "{%", "](", "`", "\x1b"):
        assert leftover not in text
    headings = [line for line in text.splitlines() if re.match(r"#{1,6} ", line)]
    assert not headings
    for found in emoji.emoji_list(text):
        assert is_fully_qualified(found["emoji"]) or found["emoji"] in "©®™"


def test_draft_prints_the_post_when_piped() -> None:
    result = runner.invoke(app, ["draft", "generative ai", "--seed", "3"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Generative AI" in text
    assert "#GenerativeAI" in text.splitlines()[-1]
    assert "╭" not in text and "see more" not in text  # no card when not a terminal
    assert_clean_post(text)


@pytest.mark.parametrize(
    "name", ["generative ai", "Generative-AI", "genai", "GENERATIVE_AI", "gen ai"]
)
def test_topic_lookup_ignores_case_spaces_hyphens_and_accepts_aliases(name: str) -> None:
    result = runner.invoke(app, ["draft", name, "--seed", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["topic"] == "Generative AI"


def test_seed_makes_the_post_repeatable() -> None:
    first = runner.invoke(app, ["draft", "genai", "--seed", "7"]).stdout
    second = runner.invoke(app, ["draft", "genai", "--seed", "7"]).stdout
    assert first == second


def test_json_has_the_documented_fields() -> None:
    result = runner.invoke(app, ["draft", "genai", "--format", "json", "--seed", "1"])
    data = json.loads(result.stdout)
    for key in ("topic", "platform", "text", "length", "limit", "sections"):
        assert key in data
    assert data["platform"] == "linkedin"
    assert data["limit"] == 3000
    assert data["length"] <= data["limit"]
    # The text as published: the newline printed after it is not counted.
    assert data["length"] == len(data["text"].rstrip("\n").encode("utf-16-le")) // 2
    assert data["part_lengths"] == [data["length"]]
    for section in ("intro", "explanation", "examples", "tips", "cta", "hashtags"):
        assert data["sections"][section].strip(), section
        assert data["sections"][section] in data["text"]


def test_markdown_format_starts_with_the_title() -> None:
    result = runner.invoke(app, ["draft", "genai", "--format", "markdown", "--seed", "1"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Generative AI\n\n")


def test_draft_from_the_example_page() -> None:
    page = EXAMPLES / "generative-ai-page.md"
    result = runner.invoke(app, ["draft", "--from", str(page), "--format", "json", "--seed", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["topic"] == "Generative AI"  # the heading, not the blog's page title
    assert "Art and Design: " in data["text"]  # bold lead-in became name + text
    assert "2024-10-27" not in data["text"]
    assert_clean_post(data["text"])


def test_templates_emoji_become_real_emoji() -> None:
    text = runner.invoke(app, ["draft", "genai", "--seed", "1"]).stdout
    assert ":rocket:" not in text
    assert emoji.emoji_count(text) >= 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["draft", "no-such-topic-xyz"], "unknown topic"),
        (["draft", "generativ ai"], "closest: generative-ai"),
        (["draft"], "give a TOPIC or --from"),
        (["draft", "genai", "--from", "x.md"], "give a TOPIC or --from"),
        (["draft", "--from", "missing-page.md"], "missing-page.md: no such file"),
        (["draft", "genai", "--platform", "myspace"], "choose one of: linkedin"),
    ],
)
def test_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = run_postkit(*args)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr
    assert result.stdout == b""


def test_unknown_topic_mentions_from() -> None:
    stderr = run_postkit("draft", "quantum knitting").stderr.decode()
    assert "--from" in stderr


def test_version_comes_from_package_metadata() -> None:
    from importlib.metadata import version

    result = run_postkit("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"postkit {version('postkit')}"


def test_python_dash_m_and_help_work() -> None:
    result = run_postkit("--help")
    assert result.returncode == 0
    assert b"draft" in result.stdout


@pytest.mark.parametrize(
    "env",
    [
        {"LANG": "C", "LC_ALL": "C"},
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "cp1252"},
        {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0"},
    ],
)
def test_output_is_utf8_whatever_the_locale(env: dict[str, str]) -> None:
    result = run_postkit("draft", "genai", "--seed", "4", env=env)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")  # strict: fails on anything but UTF-8
    assert "🚀" in text
    assert "?" * 2 not in text


def test_piped_output_matches_the_library() -> None:
    from postkit import DraftOptions, draft_post

    result = run_postkit("draft", "genai", "--seed", "5")
    assert result.stdout.decode("utf-8") == draft_post("genai", DraftOptions(seed=5)).text


def test_head_closes_the_pipe_quietly() -> None:
    command = f'"{sys.executable}" -m postkit draft "generative ai" --seed 1 | head -1'
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, timeout=60, check=False
    )
    assert result.stderr == b""
    assert result.returncode == 0
    assert len(result.stdout.decode("utf-8").splitlines()) == 1


def test_import_postkit_does_not_import_typer_or_rich() -> None:
    code = "import sys, postkit; print(sorted(m for m in ('typer', 'rich') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stdout.strip() == b"[]"


def test_the_plain_path_does_not_import_rich() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['postkit', 'draft', 'generative ai']\n"
        "from postkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('rich loaded' if 'rich' in sys.modules else 'no rich')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stderr.decode().endswith("no rich")
    assert "Generative AI" in result.stdout.decode("utf-8")


def test_draft_from_a_garbled_page_repairs_it_and_says_so() -> None:
    page = EXAMPLES / "linkedin-post-mojibake.txt"
    result = run_postkit("draft", "--from", str(page), "--seed", "1", "--format", "json")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert "repaired 13 garbled stretches" in stderr
    text = json.loads(result.stdout)["text"]
    assert "ğŸ" not in text and "â˜" not in text
    assert "🚀" in text
    assert_clean_post(text)


def test_draft_start_up_skips_the_heavy_modules() -> None:
    """Start-up is the cost scripts pay per post: none of these may load for a draft."""
    heavy = [
        "rich",
        "pydantic",
        "yaml",
        "markdown_it",
        "ftfy",
        "postkit.mojibake.repair",
        "postkit.batch.run",
        "postkit.sources.pages",
        "emoji",  # its data: finishing reads what it needs from the cache (emoji_cache)
        "annotated_types",  # only when pydantic validates a page (model.NonEmpty)
        "typing_extensions",
        "regex",
        "secrets",
    ]
    code = (
        "import sys\n"
        "sys.argv = ['postkit', 'draft', 'generative ai']\n"
        "from postkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"sys.stderr.write(repr(sorted(m for m in {heavy!r} if m in sys.modules)))\n"
    )
    run_postkit("draft", "generative ai")  # fills the topic cache, as any earlier run would
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stderr.decode().endswith("[]"), result.stderr


def test_an_unseeded_draft_shows_the_seed_that_makes_it_again() -> None:
    first = json.loads(run_postkit("draft", "genai", "--format", "json").stdout)
    assert isinstance(first["seed"], int) and 0 <= first["seed"] < 10**6
    again = run_postkit("draft", "genai", "--format", "json", "--seed", str(first["seed"]))
    assert json.loads(again.stdout) == first
    plain = run_postkit("draft", "genai", "--seed", str(first["seed"]))
    assert plain.stdout.decode("utf-8") == first["text"]  # byte for byte


def test_a_given_seed_is_the_one_shown() -> None:
    result = runner.invoke(app, ["draft", "genai", "--format", "json", "--seed", "42"])
    assert json.loads(result.stdout)["seed"] == 42


def test_each_variant_shows_the_seed_that_drafts_it() -> None:
    result = run_postkit("draft", "genai", "--variants", "3", "--format", "json")
    variants = json.loads(result.stdout)
    assert len({variant["seed"] for variant in variants}) == 3
    for variant in variants:
        alone = run_postkit("draft", "genai", "--seed", str(variant["seed"]), "--format", "json")
        assert json.loads(alone.stdout)["text"] == variant["text"]
    seeded = json.loads(
        run_postkit("draft", "genai", "--variants", "2", "--seed", "7", "--format", "json").stdout
    )
    assert seeded[0]["seed"] == 7  # variant 1 is what --seed 7 prints
