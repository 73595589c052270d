"""Finishing answers shortcodes from the disk cache, and its answers are the emoji package's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import run_postkit
from postkit.render.emoji_cache import ENTRY, package_stamp

CTA = "Try it :thumbs_up: at 10:30: today :red_heart:"


def _entry_path(home: Path) -> Path:
    return home / "cache" / ENTRY


def _entry(home: Path) -> dict[str, object]:
    data = json.loads(_entry_path(home).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _uncached(*args: str) -> bytes:
    """The same draft with the cache off: every answer comes from the emoji package."""
    result = run_postkit(*args, env={"POSTKIT_NO_CACHE": "1"})
    assert result.returncode == 0, result.stderr
    return result.stdout


def _python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (fresh caches); its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=dict(os.environ), check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.decode("utf-8")


def test_the_first_draft_stores_its_shortcodes_and_later_drafts_read_them(
    isolated_user: Path,
) -> None:
    args = ("draft", "generative ai", "--seed", "7", "--cta", CTA)
    first = run_postkit(*args)
    assert first.returncode == 0, first.stderr
    entry = _entry(isolated_user)
    assert entry["stamp"] == package_stamp()
    names = entry["names"]
    assert isinstance(names, dict)
    assert names[":thumbs_up:"] == "👍"
    assert names[":red_heart:"] == "❤️"  # fully qualified
    assert names[":30:"] is None  # looked up once, names no emoji
    assert ":rocket:" in names  # the built-in templates' shortcodes too
    assert "☁" in str(entry["vs16_bases"])

    again = run_postkit(*args)
    assert again.stdout == first.stdout == _uncached(*args)
    assert "👍 at 10:30: today ❤️" in first.stdout.decode("utf-8")
    assert _entry(isolated_user) == entry  # answered everything: not written again


def test_an_entry_made_with_another_emoji_package_is_not_believed(isolated_user: Path) -> None:
    path = _entry_path(isolated_user)
    path.parent.mkdir(parents=True)
    wrong = {"stamp": "1|/old/site-packages/emoji|x", "names": {":rocket:": "X"}, "vs16_bases": ""}
    path.write_text(json.dumps(wrong), encoding="utf-8")

    args = ("draft", "generative ai", "--seed", "7")
    result = run_postkit(*args)
    assert result.stdout == _uncached(*args)
    assert "🚀" in result.stdout.decode("utf-8")
    entry = _entry(isolated_user)
    assert entry["stamp"] == package_stamp()
    assert isinstance(entry["names"], dict)
    assert entry["names"][":rocket:"] == "🚀"


def test_a_damaged_entry_is_rebuilt(isolated_user: Path) -> None:
    path = _entry_path(isolated_user)
    path.parent.mkdir(parents=True)
    args = ("draft", "kubernetes", "--seed", "3")
    for damage in (
        "{not json",
        json.dumps({"stamp": package_stamp(), "names": {":rocket:": 5}, "vs16_bases": ""}),
        json.dumps({"stamp": package_stamp(), "names": [], "vs16_bases": ""}),
    ):
        path.write_text(damage, encoding="utf-8")
        result = run_postkit(*args)
        assert result.returncode == 0, result.stderr
        assert result.stdout == _uncached(*args)
        assert _entry(isolated_user)["stamp"] == package_stamp()


def test_a_shortcode_the_entry_does_not_know_is_looked_up(isolated_user: Path) -> None:
    """emoji_forms answers what it was not given from the emoji package, so a
    partial entry never leaves a known shortcode as text."""
    code = (
        "from postkit import emoji_forms\n"
        "assert emoji_forms.use_tables({'names': {':rocket:': '🚀', ':30:': None},"
        " 'vs16_bases': ''})\n"
        "print(emoji_forms.emojize(':rocket: :thumbs_up: 10:30: :not_an_emoji:'))\n"
    )
    assert _python(code) == "🚀 👍 10:30: :not_an_emoji:\n"


def test_tables_of_the_wrong_shape_are_refused(isolated_user: Path) -> None:
    code = (
        "from postkit import emoji_forms\n"
        "for bad in ({}, {'names': {}, 'vs16_bases': 3}, {'names': {':a:': 1}, 'vs16_bases': ''},"
        " {'names': {1: 'x'}, 'vs16_bases': ''}):\n"
        "    assert not emoji_forms.use_tables(bad), bad\n"
        "print(emoji_forms.emojize(':rocket:'), emoji_forms.needs_qualifying('☁ x'))\n"
    )
    assert _python(code) == "🚀 True\n"


def test_past_the_limit_the_emoji_package_answers_and_the_entry_stops_growing(
    isolated_user: Path,
) -> None:
    code = (
        "from postkit.render import emoji_cache, finishing\n"
        "emoji_cache.MAX_SHORTCODES = 3\n"
        "print(finishing.finalise(':rocket: :fire:'))\n"
        "print(finishing.finalise(':sparkles: :memo: :1: :2:'))\n"
    )
    assert _python(code) == "🚀 🔥\n✨ 📝 :1: :2:\n"
    names = _entry(isolated_user)["names"]
    assert names == {":fire:": "🔥", ":rocket:": "🚀"}


def test_with_the_cache_off_nothing_is_stored(isolated_user: Path) -> None:
    _uncached("draft", "generative ai", "--seed", "7")
    assert not _entry_path(isolated_user).exists()
