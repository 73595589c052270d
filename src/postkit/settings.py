"""User settings: a TOML config file, environment variables, built-in defaults.

Where a setting comes from, strongest first: a command-line flag, an
environment variable (``POSTKIT_TONE``…), the config file, the built-in
default. The config file lives in the platform's config folder (platformdirs)
unless ``POSTKIT_CONFIG`` names another file; user topics and templates live
under ``POSTKIT_HOME`` (default: the platform's data folder).

The config file is validated by a pydantic model (unknown keys and wrong types
refused); every layer goes through the same value checks, and a bad value is
one line naming where it came from: ``config.toml: tone: …``,
``POSTKIT_EMOJI: …`` or ``--tone: …``.
"""
# No "from __future__ import annotations": the fields of a NamedTuple written as
# strings become ForwardRefs, each compiled when the module is imported.

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from postkit.errors import AlreadyExistsError, ConfigError, InputError, SettingError, quote_name
from postkit.model import EMOJI_LEVELS, TONES, DraftOptions, EmojiLevel
from postkit.patterns import lazy_regex
from postkit.render.catalogue import available_tones

CONFIG_ENV = "POSTKIT_CONFIG"
HOME_ENV = "POSTKIT_HOME"
CONFIG_NAME = "config.toml"
MAX_CONFIG_BYTES = 256 * 1024


# Settings that an environment variable may set, and the variable's name.
ENV_VARS: dict[str, str] = {
    "platform": "POSTKIT_PLATFORM",
    "tone": "POSTKIT_TONE",
    "emoji": "POSTKIT_EMOJI",
    "author": "POSTKIT_AUTHOR",
    "headline": "POSTKIT_HEADLINE",
    "hashtags": "POSTKIT_HASHTAGS",
    "cta": "POSTKIT_CTA",
    "site_url": "POSTKIT_SITE_URL",
}
# Settings that name folders: each must be a folder, and for templates one
# that is there (a missing topics folder is made by ``postkit topics new``).
FOLDER_SETTINGS = ("topic_dirs", "template_dirs")

_voice_name = lazy_regex(r"^[a-z0-9][a-z0-9_-]*$")


class Settings(NamedTuple):
    """What a user can set once instead of passing flags every time.

    A NamedTuple, so that drafting without a config file never imports pydantic
    (start-up time matters to scripts; see postkit.platforms.threads.Length for why
    not a dataclass); the config file itself is validated by the pydantic model
    in :func:`_file_model`.
    """

    author: str | None = None
    headline: str | None = None
    platform: str = "linkedin"
    tone: str = "friendly"
    emoji: EmojiLevel = "rich"
    hashtags: tuple[str, ...] | None = None
    cta: str | None = None
    topic_dirs: tuple[Path, ...] = ()
    template_dirs: tuple[Path, ...] = ()
    # The address a page's relative permalink (/posts/x/) is joined to, for its link.
    site_url: str | None = None


SETTING_NAMES = Settings._fields


def _check_platform(value: Any) -> str:
    from postkit.platforms.rules import PLATFORMS

    name = str(value).strip().lower()
    if name not in PLATFORMS:
        raise ValueError(f"{value!r} is not a platform; choose one of: {', '.join(PLATFORMS)}")
    return name


def _check_tone(value: Any) -> str:
    name = str(value).strip().lower()
    if not _voice_name().match(name):
        raise ValueError(f"{value!r} is not a tone; choose one of: {', '.join(TONES)}")
    return name


def _check_emoji(value: Any) -> str:
    level = str(value).strip().lower()
    if level not in EMOJI_LEVELS:
        raise ValueError(f"{value!r} is not an emoji level; choose one of: none, light, rich")
    return level


def _check_hashtags(value: Any) -> tuple[str, ...]:
    from postkit.render.hashtags import merge_hashtags, split_hashtags

    tags = split_hashtags(value) if isinstance(value, str) else value
    if not isinstance(tags, list | tuple) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError('give a list of hashtags, e.g. ["#AI", "#GenAI"]')
    return merge_hashtags(tags)


def _check_text(value: Any) -> str | None:
    if not isinstance(value, str):
        raise ValueError("give a text in quotes")
    return " ".join(value.split()) or None


def _check_url(value: Any) -> str | None:
    text = _check_text(value)
    if text is not None and not re.match(r"^https?://[^\s/]+", text):
        raise ValueError(f"{text!r} is not a web address; give one like https://example.com")
    return text


def _check_folders(value: Any) -> tuple[Path, ...]:
    folders = [value] if isinstance(value, str | Path) else value
    if not isinstance(folders, list | tuple) or not all(
        isinstance(folder, str | Path) for folder in folders
    ):
        raise ValueError('give a list of folders, e.g. ["~/postkit/templates"]')
    if any(not str(folder) for folder in folders):
        # Path("") is the current folder: an empty entry must not quietly mean it.
        raise ValueError("give a folder, not an empty string")
    return tuple(Path(folder).expanduser() for folder in folders)


def _check_folders_there(
    key: str, folders: tuple[Path, ...], base: Path | None
) -> tuple[Path, ...]:
    """The folders, relative ones taken from ``base``; each one a folder (a file
    or a typo must not be skipped in silence, leaving the built-in templates)."""
    if base is not None:
        folders = tuple(base / folder for folder in folders)
    for folder in folders:
        try:
            there, is_folder = folder.exists(), folder.is_dir()
        except OSError as exc:  # a name too long, a folder on the way not searchable
            raise ValueError(f"cannot use {str(folder)!r} ({exc.strerror or exc})") from None
        if there and not is_folder:
            raise ValueError(f"not a folder: {str(folder)!r}")
        if not there and key == "template_dirs":
            raise ValueError(f"no such folder: {str(folder)!r}")
    return folders


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "author": _check_text,
    "headline": _check_text,
    "platform": _check_platform,
    "tone": _check_tone,
    "emoji": _check_emoji,
    "hashtags": _check_hashtags,
    "cta": _check_text,
    "topic_dirs": _check_folders,
    "template_dirs": _check_folders,
    "site_url": _check_url,
}


@cache
def _file_model() -> Any:
    """The pydantic model of the config file: known keys only, each of the right type."""
    from pydantic import BaseModel, ConfigDict

    class ConfigFile(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)

        author: str | None = None
        headline: str | None = None
        platform: str | None = None
        tone: str | None = None
        emoji: str | None = None
        hashtags: list[str] | str | None = None
        cta: str | None = None
        topic_dirs: list[str] | str | None = None
        template_dirs: list[str] | str | None = None
        site_url: str | None = None

    return ConfigFile


def check_setting(key: str, value: Any, *, base: Path | None = None) -> Any:
    """A setting's value, checked and normalised; ValueError says what is wrong.

    Folders are checked to be folders; a relative one is taken from ``base``
    (the config file's folder), else from where postkit runs.
    """
    checked = _CHECKS[key](value)
    if key in FOLDER_SETTINGS:
        return _check_folders_there(key, checked, base)
    return checked


def config_path() -> Path:
    """The config file: ``$POSTKIT_CONFIG``, else ``config.toml`` in the user config folder."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("postkit")) / CONFIG_NAME


def home_dir() -> Path:
    """Where user topics and templates live: ``$POSTKIT_HOME`` or the user data folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("postkit"))


def _problem(exc: Any) -> tuple[str, str]:
    """The first problem of a pydantic ValidationError as (key, what is wrong)."""
    error = exc.errors()[0]
    key = ".".join(str(part) for part in error["loc"][:1]) or "config"
    if error["type"] == "extra_forbidden":
        return key, f"unknown key (known keys: {', '.join(SETTING_NAMES)})"
    if error["type"] in ("string_type", "list_type") or key not in _CHECKS:
        return key, _expected(key)
    message = str(error["msg"])
    return key, message[:1].lower() + message[1:]


def _expected(key: str) -> str:
    if key in ("hashtags", "topic_dirs", "template_dirs"):
        return f'give a list of texts in quotes, e.g. {key} = ["..."]'
    return f'give a text in quotes, e.g. {key} = "..."'


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The settings a config file sets (a missing file sets none), checked."""
    path = path or config_path()
    from postkit.sources.files import read_regular_file

    if not path.exists():  # a dangling link, too, sets nothing
        return {}
    try:
        # Bounded, and a regular file only: POSTKIT_CONFIG=/dev/zero or a FIFO
        # must not eat the memory, or hang, of every command.
        raw = read_regular_file(path, limit=MAX_CONFIG_BYTES)
    except InputError as exc:
        raise ConfigError(exc.message) from None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(
            f"{quote_name(path)}: not UTF-8 text; save the config file as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{quote_name(path)}: not valid TOML: {exc}") from None
    except RecursionError:  # [[[[… or {a = {a = … hundreds deep: tomllib recurses
        raise ConfigError(f"{quote_name(path)}: not valid TOML: nested too deeply") from None
    except ValueError:  # a 5,000-digit number: Python's int() refuses it
        raise ConfigError(f"{quote_name(path)}: not valid TOML: a huge number") from None
    from pydantic import ValidationError

    try:
        _file_model().model_validate(data)
    except ValidationError as exc:
        key, what = _problem(exc)
        raise ConfigError(f"{quote_name(path)}: {key}: {what}") from None
    found: dict[str, Any] = {}
    for key, value in data.items():
        try:
            # Relative folders are relative to the config file, not to where postkit runs.
            found[key] = check_setting(key, value, base=path.parent)
        except ValueError as exc:
            raise ConfigError(f"{quote_name(path)}: {key}: {exc}") from None
    return found


def read_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings that ``POSTKIT_*`` environment variables set, checked."""
    environ = os.environ if environ is None else environ
    found: dict[str, Any] = {}
    for key, variable in ENV_VARS.items():
        value = environ.get(variable)
        if value is None or not value.strip():
            continue
        try:
            found[key] = check_setting(key, value)
        except ValueError as exc:
            raise ConfigError(f"{variable}: {exc}") from None
    return found


def _read_flags(flags: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in flags.items():
        if value is None:
            continue
        try:
            found[key] = check_setting(key, value)
        except ValueError as exc:
            # In the library's words ("template_dirs: …"); the CLI names its flag.
            raise SettingError(key, str(exc)) from None
    return found


def load_settings(
    flags: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    path: Path | None = None,
) -> Settings:
    """The settings in force: flags > environment > config file > defaults.

    ``flags`` holds command-line values (None where a flag was not given).
    Folders add up instead: flag folders first, then the config file's; all
    are searched before the built-in topics and templates.
    """
    path = path or config_path()
    layers = (
        (f"{path}: tone", read_config(path)),
        (ENV_VARS["tone"], read_environment(environ)),
        ("--tone", _read_flags(flags or {})),
    )
    merged: dict[str, Any] = {}
    tone_from = ""
    for where, layer in layers:
        for key, value in layer.items():
            if key in ("template_dirs", "topic_dirs"):
                value = (*value, *merged.get(key, ()))
            merged[key] = value
        if "tone" in layer:
            tone_from = where
    settings = Settings(**merged)
    if tone_from and settings.tone not in TONES:
        tones = available_tones(settings.template_dirs)
        if settings.tone not in tones:
            raise ConfigError(
                f"{tone_from}: {settings.tone!r} is not a tone; choose one of: {', '.join(tones)}"
            )
    return settings


def user_topic_dirs(settings: Settings) -> tuple[Path, ...]:
    """The user's topic folders, strongest first: the config's, then ``$POSTKIT_HOME/topics``."""
    return (*settings.topic_dirs, home_dir() / "topics")


def new_topic_dir(settings: Settings) -> Path:
    """Where ``postkit topics new`` writes: the first configured folder, or the home one."""
    return user_topic_dirs(settings)[0]


def starter_config() -> str:
    """The text ``postkit config init`` writes: every key, commented out, with its default."""
    return """\
# postkit settings. Flags beat environment variables (POSTKIT_TONE, ...), which
# beat this file, which beats the built-in defaults. Uncomment what you need.

# author = "Your Name"            # the preview's author line
# headline = "What you do"        # the line under it
# platform = "linkedin"           # linkedin, x, bluesky, mastodon, threads
# tone = "friendly"               # friendly, professional, punchy
# emoji = "rich"                  # none, light, rich
# hashtags = ["#AI", "#GenAI"]    # replaces each topic's own hashtags
# cta = "What do you think?"      # replaces the call-to-action
# topic_dirs = ["~/notes/topics"]       # your topic pages (first one: `topics new`)
# template_dirs = ["~/postkit-templates"]  # your template sets (see `templates eject`)
# site_url = "https://example.com"  # joined to a page's relative permalink for its link
"""


def show(settings: Settings) -> str:
    """The settings in force as TOML (what ``postkit config show`` prints)."""
    lines = []
    for key in SETTING_NAMES:
        value = getattr(settings, key)
        if value is None:
            lines.append(f"# {key} is not set")
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    import json

    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, Path):
        value = str(value)
    # A JSON string is a valid TOML basic string for the text a setting holds.
    return json.dumps(value, ensure_ascii=False)


def draft_options(settings: Settings, **overrides: Any) -> DraftOptions:
    """The DraftOptions for these settings (``seed``, ``extra_hashtags``… as overrides)."""
    from postkit.model import DraftOptions

    # The topic library lets later folders win; the user's first folder must win.
    options = DraftOptions(
        platform=settings.platform,
        tone=settings.tone,
        emoji=settings.emoji,
        hashtags=settings.hashtags,
        cta=settings.cta,
        template_dirs=settings.template_dirs,
        topic_dirs=tuple(reversed(user_topic_dirs(settings))),
    )
    return replace(options, **overrides)


def write_new_file(path: Path, text: str, *, force: bool = False, what: str = "file") -> Path:
    """Write a new file whole (via a temporary file); never replace one unless ``force``."""
    from postkit.atomic import write_atomically

    try:  # exists() too can fail (a name too long, a folder not searchable)
        if path.exists() and not force:
            raise AlreadyExistsError(path, f"{quote_name(path)}: the {what} already exists")
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    except OSError as exc:
        from postkit.errors import OutputError

        raise OutputError(
            f"{quote_name(path)}: cannot write the {what} ({exc.strerror or exc})"
        ) from None
    return path


def init_config(path: Path | None = None, *, force: bool = False) -> Path:
    """Write the starter config file (``postkit config init``)."""
    return write_new_file(path or config_path(), starter_config(), force=force, what="config file")
