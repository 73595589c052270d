"""Core errors speak of the domain; the CLI's one handler names the flags and commands.

A library caller (``from postkit import ...``) gets a message with no ``--flag``
and no ``postkit`` command line in it; the same error through the real CLI
still tells the user which flag or command takes the way out.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import run_postkit
from postkit import DraftOptions, PostkitError, draft_post, load_topic
from postkit.batch.inputs import guess_format
from postkit.cli.common import user_message
from postkit.drafting import hashtag_warning
from postkit.errors import (
    AlreadyExistsError,
    NoThreadsError,
    SettingError,
    SettingNeededError,
    TemplateNotFoundError,
    TopicNotFoundError,
    WorkerDiedError,
)
from postkit.library import eject, new_topic, template_text
from postkit.platforms.linkedin_api import check_author
from postkit.platforms.rules import get_platform
from postkit.platforms.threads import thread_from_text
from postkit.render.catalogue import builtin_template_dir
from postkit.settings import init_config, write_new_file

FLAG = re.compile(r"(?<![\w-])--[a-z]")
COMMAND_LINE = re.compile(r"\bpostkit [a-z]")
LONG = "A sentence that goes on and on. " * 200  # over LinkedIn's 3,000
SIX_HASHTAGS = ("#a", "#b", "#c", "#d", "#e", "#f")  # LinkedIn posts do best with 5 at most


def including_a_missing_file(folder: Path) -> Path:
    """A user copy of the linkedin set whose intro includes a file that is not there."""
    shutil.copytree(builtin_template_dir() / "linkedin", folder / "linkedin")
    (folder / "linkedin" / "intro.j2").write_text(
        "{% include 'linkedin/nope.j2' %}\n", encoding="utf-8"
    )
    return folder


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


@pytest.mark.parametrize(
    ("call", "kind", "expected"),
    [
        (
            lambda: check_author("me"),
            SettingError,
            "author_urn: must look like urn:li:person:ID or urn:li:organization:ID, not 'me'",
        ),
        (
            lambda: get_platform("x").with_cw("Spoilers"),
            SettingError,
            "a content warning (cw) is a Mastodon field; x has none",
        ),
        (
            lambda: guess_format("posts.bin", None),
            SettingNeededError,
            "posts.bin: cannot tell the format from '.bin'; give input_format "
            "(csv, jsonl, yaml, lines)",
        ),
        (
            lambda: thread_from_text(LONG, "linkedin"),
            NoThreadsError,
            "linkedin has no threads: shorten the post instead (checking it for linkedin "
            "says by how much), or choose a platform with threads: x, bluesky, mastodon or "
            "threads",
        ),
    ],
    ids=["author-urn", "cw", "input-format", "no-threads"],
)
def test_a_setting_is_named_as_the_library_takes_it(
    call: Callable[[], object], kind: type[PostkitError], expected: str
) -> None:
    error = raised(call)
    assert type(error) is kind
    assert error.message == expected
    assert_speaks_of_the_domain(error)


def test_a_template_a_template_asks_for_is_not_found_without_a_command(tmp_path: Path) -> None:
    options = DraftOptions(template_dirs=(including_a_missing_file(tmp_path),))
    error = raised(lambda: draft_post("generative ai", options))
    assert isinstance(error, TemplateNotFoundError) and error.known == ()
    assert error.message == "template 'linkedin/nope.j2' not found"
    assert_speaks_of_the_domain(error)


def test_a_dead_worker_asks_for_one_process_in_the_librarys_words() -> None:
    error = WorkerDiedError()
    assert error.message.endswith("the rows before it are done; rerun with jobs=1 to find the row")
    assert_speaks_of_the_domain(error)
    assert user_message(error) == (  # as the CLI has always said it
        "a worker process died (killed, or out of memory); the rows before it are done; "
        "rerun with --jobs 1 to find the row"
    )


def test_too_many_hashtags_name_the_option_not_the_flag() -> None:
    post = draft_post("generative ai", DraftOptions(hashtags=SIX_HASHTAGS, seed=1))
    warning = hashtag_warning(post)
    assert warning == (
        "6 hashtags; linkedin posts do best with at most 5 (choose them with the hashtags option)"
    )
    assert not FLAG.search(warning) and not COMMAND_LINE.search(warning)


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


@pytest.mark.parametrize(
    ("args", "text", "expected"),
    [
        (
            ("draft", "generative ai", "-f", "linkedin-api", "--author-urn", "me"),
            None,
            "--author-urn must look like urn:li:person:ID or urn:li:organization:ID, not 'me'",
        ),
        (
            ("check", "-", "-p", "x", "--cw", "Spoilers"),
            "hello\n",
            "a content warning (--cw) is a Mastodon field; x has none",
        ),
        (
            ("draft", "generative ai", "-p", "bluesky", "--cw", "Spoilers"),
            None,
            "a content warning (--cw) is a Mastodon field; bluesky has none",
        ),
        (
            ("thread", "-"),
            LONG,
            "linkedin has no threads: shorten the post instead (postkit check --platform "
            "linkedin says by how much), or choose --platform x, bluesky, mastodon or threads",
        ),
    ],
    ids=["author-urn", "cw-check", "cw-draft", "no-threads"],
)
def test_the_cli_names_the_flag_of_a_setting(
    args: tuple[str, ...], text: str | None, expected: str
) -> None:
    result = run_postkit(*args, input=text)
    assert result.stdout == b""
    assert (result.returncode, result.stderr.decode("utf-8")) == (
        2,
        f"postkit: error: {expected}\n",
    )


def test_the_cli_names_input_format_for_an_input_it_cannot_tell(tmp_path: Path) -> None:
    source = tmp_path / "posts.bin"
    source.write_text("generative ai\n", encoding="utf-8")
    code, err = stderr_of("batch", str(source), "-o", str(tmp_path / "out"))
    assert (code, err) == (
        2,
        f"postkit: error: {source}: cannot tell the format from '.bin'; "
        "give --input-format (csv, jsonl, yaml, lines)\n",
    )
    assert not (tmp_path / "out").exists()


def test_the_cli_names_templates_list_for_a_missing_included_template(tmp_path: Path) -> None:
    folder = including_a_missing_file(tmp_path)
    code, err = stderr_of("draft", "generative ai", "--template-dir", str(folder))
    assert (code, err) == (
        2,
        "postkit: error: template 'linkedin/nope.j2' not found (see `postkit templates list`)\n",
    )


def test_the_cli_names_hashtags_for_too_many_hashtags() -> None:
    result = run_postkit("draft", "generative ai", "--hashtags", ",".join(SIX_HASHTAGS))
    assert result.returncode == 0
    assert result.stderr.decode("utf-8") == (
        "postkit: warning: 6 hashtags; linkedin posts do best with at most 5 "
        "(choose them with --hashtags)\n"
    )
