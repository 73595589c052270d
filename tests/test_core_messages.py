"""Core errors speak of the domain; the CLI's one handler names the flags and commands.

A library caller (``from postkit import ...``) gets a message with no ``--flag``
and no ``postkit`` command line in it; the same error through the real CLI
still tells the user which flag or command takes the way out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import run_postkit
from postkit import PostkitError, load_topic
from postkit.cli.common import user_message
from postkit.errors import AlreadyExistsError, TemplateNotFoundError, TopicNotFoundError
from postkit.library import eject, new_topic, template_text
from postkit.settings import init_config, write_new_file

FLAG = re.compile(r"(?<![\w-])--[a-z]")
COMMAND_LINE = re.compile(r"\bpostkit [a-z]")


def raised(call: Callable[[], object]) -> PostkitError:
    with pytest.raises(PostkitError) as caught:
        call()
    return caught.value


def assert_speaks_of_the_domain(error: PostkitError) -> None:
    assert not FLAG.search(error.message), error.message
    assert not COMMAND_LINE.search(error.message), error.message
    assert str(error) == error.message


# --------------------------------------------------------------- the library


def test_a_file_in_the_way_asks_for_force_in_the_librarys_words(tmp_path: Path) -> None:
    path = write_new_file(tmp_path / "page.md", "one\n", what="topic page")
    error = raised(lambda: write_new_file(path, "two\n", what="topic page"))
    assert isinstance(error, AlreadyExistsError) and error.path == path
    assert error.message == f"{path}: the topic page already exists; pass force=True to replace it"
    assert_speaks_of_the_domain(error)
    assert path.read_text(encoding="utf-8") == "one\n"


def test_config_init_twice_asks_for_force_in_the_librarys_words(tmp_path: Path) -> None:
    config = init_config(tmp_path / "config.toml")
    error = raised(lambda: init_config(config))
    assert isinstance(error, AlreadyExistsError) and "force=True" in error.message
    assert_speaks_of_the_domain(error)


def test_eject_over_an_ejection_asks_for_force_in_the_librarys_words(tmp_path: Path) -> None:
    eject(tmp_path / "mine")
    error = raised(lambda: eject(tmp_path / "mine"))
    assert isinstance(error, AlreadyExistsError) and error.several
    assert error.message.endswith("eject into a new folder, or pass force=True to replace them"), (
        error.message
    )
    assert_speaks_of_the_domain(error)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "generativ ai",
            "unknown topic 'generativ ai' (closest: generative-ai; pick one from the "
            "topic library, or draft from your own page)",
        ),
        (" - ", "the topic name is empty: give a topic, or draft from your own page"),
    ],
)
def test_an_unknown_topic_points_to_a_page_of_your_own(name: str, expected: str) -> None:
    error = raised(lambda: load_topic(name))
    assert isinstance(error, TopicNotFoundError)
    assert error.message == expected
    assert_speaks_of_the_domain(error)


def test_an_unknown_template_and_a_nameless_topic_name_no_command(tmp_path: Path) -> None:
    error = raised(lambda: template_text("nope"))
    assert isinstance(error, TemplateNotFoundError) and "linkedin" in error.known
    assert_speaks_of_the_domain(error)
    assert_speaks_of_the_domain(raised(lambda: new_topic(" ", tmp_path)))


def test_an_error_made_again_from_its_message_keeps_it() -> None:
    # A batch makes a topic's error again from its message for each row naming it.
    first = raised(lambda: load_topic("generativ ai"))
    again = type(first)(first.message)
    assert again.message == first.message
    assert user_message(again) == first.message  # no facts: the handler words nothing


# --------------------------------------------------------------- the command line


def stderr_of(*args: str) -> tuple[int, str]:
    result = run_postkit(*args)
    assert result.stdout == b""
    return result.returncode, result.stderr.decode("utf-8")


def test_the_cli_names_force_for_a_file_in_the_way(isolated_user: Path) -> None:
    assert run_postkit("config", "init").returncode == 0
    code, err = stderr_of("config", "init")
    config = isolated_user / "config.toml"
    assert (code, err) == (
        2,
        f"postkit: error: {config}: the config file already exists; use --force to replace it\n",
    )
    assert run_postkit("topics", "new", "edge").returncode == 0
    code, err = stderr_of("topics", "new", "edge")
    page = isolated_user / "topics" / "edge.md"
    assert (code, err) == (
        2,
        f"postkit: error: {page}: the topic page already exists; use --force to replace it\n",
    )


def test_the_cli_names_force_when_eject_would_replace_files(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    assert run_postkit("templates", "eject", str(target)).returncode == 0
    code, err = stderr_of("templates", "eject", str(target))
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"postkit: error: {target}/")
    assert err.endswith("eject into a new folder, or use --force to replace them\n")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("draft", "generativ ai"),
            "unknown topic 'generativ ai' (closest: generative-ai; see `postkit topics list`, "
            "or draft from your own page with `postkit draft --from PAGE.md`)",
        ),
        (
            ("topics", "show", "quantum knitting"),
            "unknown topic 'quantum knitting' (see `postkit topics list`, "
            "or draft from your own page with `postkit draft --from PAGE.md`)",
        ),
        (("draft", " - "), "the topic name is empty: give a topic, or use --from PAGE.md"),
    ],
)
def test_the_cli_names_its_commands_for_an_unknown_topic(
    args: tuple[str, ...], expected: str
) -> None:
    assert stderr_of(*args) == (2, f"postkit: error: {expected}\n")


def test_the_cli_names_templates_list_for_an_unknown_template() -> None:
    code, err = stderr_of("templates", "show", "nope")
    assert code == 2 and err.startswith("postkit: error: no template 'nope' (known: bluesky, ")
    assert err.endswith("; see `postkit templates list`)\n")
