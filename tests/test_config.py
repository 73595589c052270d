"""The config file, POSTKIT_* variables and flags: validation and precedence."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import emoji
import pytest
from typer.testing import CliRunner

from helpers import run_postkit
from postkit.cli import app
from postkit.cli.common import user_message
from postkit.errors import ConfigError, SettingError
from postkit.settings import (
    ENV_VARS,
    Settings,
    config_path,
    draft_options,
    load_settings,
    read_config,
    starter_config,
)

runner = CliRunner()


@pytest.fixture(autouse=True)
def no_postkit_variables(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The developer's own POSTKIT_* settings must not leak into these tests."""
    for variable in ENV_VARS.values():
        monkeypatch.delenv(variable, raising=False)
    yield


@pytest.fixture
def config_file(isolated_user: Path) -> Path:
    return isolated_user / "config.toml"


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- where it lives


def test_config_path_follows_postkit_config(config_file: Path) -> None:
    result = runner.invoke(app, ["config", "path"])
    assert result.exit_code == 0
    assert result.stdout.strip() == str(config_file)


def test_config_path_defaults_to_the_platform_config_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_config_dir

    monkeypatch.delenv("POSTKIT_CONFIG")
    assert config_path() == Path(user_config_dir("postkit")) / "config.toml"


def test_no_config_file_means_built_in_defaults(config_file: Path) -> None:
    assert not config_file.exists()
    assert load_settings() == Settings()
    assert Settings().platform == "linkedin"
    assert Settings().tone == "friendly"
    assert Settings().emoji == "rich"


# ---------------------------------------------------------------- valid files

VALID = [
    ('author = "Ada Lovelace"', "author", "Ada Lovelace"),
    ('headline = "Engineer  ·  Writer"', "headline", "Engineer · Writer"),
    ('platform = "Mastodon"', "platform", "mastodon"),
    ('tone = "punchy"', "tone", "punchy"),
    ('emoji = "none"', "emoji", "none"),
    ('emoji = "LIGHT"', "emoji", "light"),
    ('hashtags = ["ai", "#Gen AI", "#AI"]', "hashtags", ("#ai", "#GenAI")),
    ('hashtags = "#AI, #GenAI"', "hashtags", ("#AI", "#GenAI")),
    ('cta = "Tell me what you think."', "cta", "Tell me what you think."),
]


@pytest.mark.parametrize(("text", "key", "expected"), VALID)
def test_valid_config_values(config_file: Path, text: str, key: str, expected: Any) -> None:
    write_config(config_file, text + "\n")
    assert getattr(load_settings(), key) == expected


def test_folders_are_relative_to_the_config_file(
    config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "tpl").mkdir()
    write_config(config_file, 'topic_dirs = ["notes"]\ntemplate_dirs = "~/tpl"\n')
    settings = load_settings()
    assert settings.topic_dirs == (config_file.parent / "notes",)
    assert settings.template_dirs == (tmp_path / "tpl",)


def test_starter_config_is_valid_when_every_line_is_uncommented(
    config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "postkit-templates").mkdir()  # template_dirs must name a folder that is there
    text = starter_config()
    assert read_config(write_config(config_file, text)) == {}  # all commented out
    uncommented = re.sub(r"^# (\w+ = )", r"\1", text, flags=re.MULTILINE)
    settings = read_config(write_config(config_file, uncommented))
    assert set(settings) == set(Settings._fields)


# ---------------------------------------------------------------- invalid files

INVALID = [
    ('colour = "blue"', "colour: unknown key"),
    ('tone = "loud"', "tone: 'loud' is not a tone"),
    ("tone = 3", "tone: give a text in quotes"),
    ('emoji = "lots"', "emoji: 'lots' is not an emoji level"),
    ('platform = "myspace"', "platform: 'myspace' is not a platform"),
    ("hashtags = [1, 2]", "hashtags: give a list of texts"),
    ("author = true", "author: give a text in quotes"),
    ("topic_dirs = 5", "topic_dirs: give a list of texts"),
    ("[tone]\nname = 'x'", "tone: give a text in quotes"),
    ("tone = ", "not valid TOML"),
    ('tone = "friendly"\ntone = "punchy"', "not valid TOML"),
]


@pytest.mark.parametrize(("text", "problem"), INVALID)
def test_invalid_config_is_one_line_naming_file_and_key(
    config_file: Path, text: str, problem: str
) -> None:
    write_config(config_file, text + "\n")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert caught.value.message.startswith(f"{config_file}: ")
    assert problem in caught.value.message
    result = runner.invoke(app, ["draft", "genai"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and problem in lines[0] and "config.toml: " in lines[0]
    assert "Traceback" not in result.output


def test_config_that_is_not_utf8_or_is_a_folder(config_file: Path) -> None:
    config_file.write_bytes(b'author = "\xff\xfe"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings()
    config_file.unlink()
    config_file.mkdir()
    with pytest.raises(ConfigError, match="is a folder"):
        load_settings()


# Every command reads the config file first: each must end with its one line.
EVERY_COMMAND: list[tuple[list[str], str | None]] = [
    (["draft", "genai"], None),
    (["config", "show"], None),
    (["topics", "list"], None),
    (["templates", "list"], None),
    (["batch", "-", "--input-format", "lines", "-f", "jsonl"], "genai\n"),
    (["thread", "-", "-p", "x"], "A post to split.\n"),
]
DEEP = 5000


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("[" * DEEP + "]" * DEEP, "nested too deeply"),
        ("{a = " * DEEP + "}" * DEEP, "nested too deeply"),
        ("1" * DEEP, "a huge number"),  # past Python's 4,300 digits for int()
    ],
    ids=["array", "inline-table", "number"],
)
def test_a_config_nested_5000_deep_is_one_config_error(
    config_file: Path, value: str, problem: str
) -> None:
    """issue 22: tomllib's RecursionError was an "internal error" in every command."""
    write_config(config_file, f"author = {value}\n")
    with pytest.raises(ConfigError):
        read_config(config_file)
    commands = EVERY_COMMAND if problem == "nested too deeply" else EVERY_COMMAND[:1]
    for args, stdin in commands:
        result = run_postkit(*args, input=stdin)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.decode() == (
            f"postkit: error: {config_file}: not valid TOML: {problem}\n"
        ), args
        assert result.stdout == b""


# ---------------------------------------------------------------- folders


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('template_dirs = ["nope"]', "template_dirs: no such folder: '{home}/nope'"),
        ('template_dirs = "/dev/null"', "template_dirs: not a folder: '/dev/null'"),
        ('template_dirs = ["tpl", ""]', "template_dirs: give a folder, not an empty string"),
        ('topic_dirs = ["/dev/null"]', "topic_dirs: not a folder: '/dev/null'"),
        ('topic_dirs = ""', "topic_dirs: give a folder, not an empty string"),
    ],
    ids=["missing", "a-file", "empty", "topics-a-file", "topics-empty"],
)
def test_a_config_folder_that_is_no_folder_is_one_line(
    config_file: Path, line: str, problem: str
) -> None:
    """issue 22: a missing template folder was skipped in silence (the built-in
    templates drafted instead); an empty one meant the folder postkit ran in."""
    (config_file.parent / "tpl").mkdir()
    write_config(config_file, line + "\n")
    for args, stdin in EVERY_COMMAND[:2]:  # draft, and config show that would explain it
        result = run_postkit(*args, input=stdin)
        assert result.returncode == 2, result.stderr
        expected = problem.format(home=config_file.parent)
        assert result.stderr.decode() == f"postkit: error: {config_file}: {expected}\n"
        assert result.stdout == b""


def test_a_missing_topics_folder_is_where_topics_new_writes(config_file: Path) -> None:
    """Unlike a template folder, a topics folder may be missing: `topics new` makes it."""
    write_config(config_file, 'topic_dirs = ["notes"]\n')
    assert run_postkit("draft", "genai").returncode == 0
    assert run_postkit("topics", "new", "zig").returncode == 0
    assert (config_file.parent / "notes" / "zig.md").is_file()


# ---------------------------------------------------------------- environment and flags

BAD_SOURCES = [
    ({"POSTKIT_TONE": "shouty"}, [], "POSTKIT_TONE: 'shouty' is not a tone"),
    ({"POSTKIT_EMOJI": "many"}, [], "POSTKIT_EMOJI: 'many' is not an emoji level"),
    ({"POSTKIT_PLATFORM": "fax"}, [], "POSTKIT_PLATFORM: 'fax' is not a platform"),
    ({}, ["--tone", "shouty"], "--tone: 'shouty' is not a tone"),
    ({}, ["--emoji", "many"], "--emoji: 'many' is not an emoji level"),
    ({}, ["--platform", "fax"], "--platform: 'fax' is not a platform"),
]


@pytest.mark.parametrize(("env", "flags", "problem"), BAD_SOURCES)
def test_bad_values_name_their_source(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], flags: list[str], problem: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["draft", "genai", *flags])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"postkit: error: {problem}; choose one of: ")
    assert len(result.stderr.splitlines()) == 1


# Each row: config file, environment, flags → the value in force.
PRECEDENCE = [
    ("tone", None, None, None, "friendly"),
    ("tone", "punchy", None, None, "punchy"),
    ("tone", "punchy", "professional", None, "professional"),
    ("tone", "punchy", "professional", "friendly", "friendly"),
    ("tone", None, None, "punchy", "punchy"),
    ("tone", "punchy", None, "professional", "professional"),
    ("emoji", "none", None, None, "none"),
    ("emoji", "none", "light", None, "light"),
    ("emoji", "none", "light", "rich", "rich"),
    ("platform", "x", None, None, "x"),
    ("platform", "x", "bluesky", None, "bluesky"),
    ("platform", "x", "bluesky", "mastodon", "mastodon"),
    ("author", "Ada", None, None, "Ada"),
    ("author", "Ada", "Grace", None, "Grace"),
    ("author", "Ada", "Grace", "Alan", "Alan"),
    ("headline", "Writer", "Engineer", "Speaker", "Speaker"),
    ("cta", "From the file.", "From the environment.", None, "From the environment."),
    ("cta", "From the file.", None, "From the flag.", "From the flag."),
    ("hashtags", "#File", "#Env", None, ("#Env",)),
    ("hashtags", "#File", "#Env", "#Flag, #Two", ("#Flag", "#Two")),
    ("hashtags", "#File", None, None, ("#File",)),
]


@pytest.mark.parametrize(("key", "in_file", "in_env", "in_flag", "expected"), PRECEDENCE)
def test_precedence_flag_env_file_default(
    config_file: Path,
    key: str,
    in_file: str | None,
    in_env: str | None,
    in_flag: str | None,
    expected: Any,
) -> None:
    if in_file is not None:
        write_config(config_file, f"{key} = {json.dumps(in_file)}\n")
    environ = {ENV_VARS[key]: in_env} if in_env is not None else {}
    settings = load_settings({key: in_flag}, environ=environ)
    assert getattr(settings, key) == expected


def test_template_folders_from_flags_come_before_the_config_files(
    config_file: Path, tmp_path: Path
) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "flag").mkdir()
    write_config(config_file, f"template_dirs = [{json.dumps(str(tmp_path / 'config'))}]\n")
    settings = load_settings({"template_dirs": [tmp_path / "flag"]})
    assert settings.template_dirs == (tmp_path / "flag", tmp_path / "config")


def test_draft_options_carry_the_settings(config_file: Path) -> None:
    write_config(config_file, 'tone = "punchy"\nemoji = "light"\ncta = "Go."\n')
    options = draft_options(load_settings(), seed=4, extra_hashtags=("#x",))
    assert (options.tone, options.emoji, options.cta, options.seed) == ("punchy", "light", "Go.", 4)
    assert options.extra_hashtags == ("#x",)


def test_flags_that_fail_say_which_setting() -> None:
    # The library names the setting; the command line names its flag (below).
    with pytest.raises(SettingError, match=r"^hashtags: give a list") as caught:
        load_settings({"hashtags": 5})
    assert caught.value.setting == "hashtags"
    assert user_message(caught.value).startswith("--hashtags: give a list")
    with pytest.raises(SettingError) as folder:
        load_settings({"template_dirs": [Path("no-such-folder")]})
    assert user_message(folder.value) == "--template-dir: no such folder: 'no-such-folder'"


# ---------------------------------------------------------------- end to end precedence

END_TO_END = [
    # (config file, environment, flags, expected platform, expected emoji count is zero)
    ("", {}, [], "linkedin", False),
    ('platform = "mastodon"\nemoji = "none"\n', {}, [], "mastodon", True),
    (
        'platform = "mastodon"\nemoji = "none"\n',
        {"POSTKIT_PLATFORM": "bluesky"},
        [],
        "bluesky",
        True,
    ),
    ('emoji = "none"\n', {"POSTKIT_EMOJI": "rich"}, [], "linkedin", False),
    ('emoji = "rich"\n', {"POSTKIT_EMOJI": "rich"}, ["--emoji", "none"], "linkedin", True),
    ("", {"POSTKIT_PLATFORM": "bluesky"}, ["--platform", "linkedin"], "linkedin", False),
]


@pytest.mark.parametrize(("text", "env", "flags", "platform", "no_emoji"), END_TO_END)
def test_precedence_through_the_draft_command(
    config_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    env: dict[str, str],
    flags: list[str],
    platform: str,
    no_emoji: bool,
) -> None:
    write_config(config_file, text)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["draft", "genai", "--seed", "1", "--format", "json", *flags])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["platform"] == platform
    assert (emoji.emoji_count(data["text"]) == 0) is no_emoji


def test_author_and_headline_reach_the_preview(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import postkit.cli.draft as draft_module

    monkeypatch.setattr(draft_module, "stdout_is_terminal", lambda: True)
    write_config(config_file, 'author = "Ada Lovelace"\nheadline = "Analyst"\n')
    result = runner.invoke(app, ["draft", "genai", "--seed", "1", "--headline", "Engineer"])
    assert result.exit_code == 0, result.output
    card = result.stdout.splitlines()
    assert "Ada Lovelace" in card[1] and "Engineer" in card[2]
    assert "Analyst" not in result.stdout


# ---------------------------------------------------------------- config show / init


def test_config_show_prints_what_is_in_force(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(config_file, 'tone = "punchy"\nemoji = "light"\n')
    monkeypatch.setenv("POSTKIT_EMOJI", "none")
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 0
    assert 'tone = "punchy"' in result.stdout
    assert 'emoji = "none"' in result.stdout
    assert str(config_file) in result.stdout.splitlines()[0]
    # What show prints is itself a valid config file.
    write_config(config_file, result.stdout)
    assert load_settings(environ={}).emoji == "none"


def test_config_show_reports_a_bad_file(config_file: Path) -> None:
    write_config(config_file, "tone = 'loud'\n")
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 2
    assert "config.toml: tone:" in result.stderr


def test_config_init_writes_once_and_never_overwrites(config_file: Path) -> None:
    first = runner.invoke(app, ["config", "init"])
    assert first.exit_code == 0
    assert config_file.read_text(encoding="utf-8") == starter_config()
    write_config(config_file, 'tone = "punchy"\n')
    again = runner.invoke(app, ["config", "init"])
    assert again.exit_code == 2
    assert "already exists" in again.stderr and "--force" in again.stderr
    assert config_file.read_text(encoding="utf-8") == 'tone = "punchy"\n'
    forced = runner.invoke(app, ["config", "init", "--force"])
    assert forced.exit_code == 0
    assert config_file.read_text(encoding="utf-8") == starter_config()


def test_config_init_creates_missing_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deep" / "er" / "config.toml"
    monkeypatch.setenv("POSTKIT_CONFIG", str(target))
    assert runner.invoke(app, ["config", "init"]).exit_code == 0
    assert target.is_file()


def test_settings_without_a_config_file_never_import_pydantic() -> None:
    """Start-up time: flags and environment are checked without pydantic."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from postkit.settings import load_settings, draft_options\n"
        "s = load_settings({'tone': 'punchy', 'emoji': 'light', 'hashtags': '#a,#b'})\n"
        "draft_options(s)\n"
        "print(sorted(m for m in ('pydantic', 'typer', 'rich') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
