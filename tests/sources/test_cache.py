"""The on-disk cache keeps only what the installed code can read again."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run_postkit


def _cache(home: Path) -> Path:
    return home / "cache"


def test_templates_compiled_by_other_versions_are_removed(isolated_user: Path) -> None:
    jinja = _cache(isolated_user) / "jinja"
    stale_folder = jinja / "1700000000000000000"  # compose.py of an older install
    stale_folder.mkdir(parents=True)
    (stale_folder / "__jinja2_old.cache").write_bytes(b"x" * 1000)
    stray = jinja / "__jinja2_from_an_older_layout.cache"
    stray.write_bytes(b"x" * 1000)

    first = run_postkit("draft", "generative ai", "--seed", "7")
    assert first.returncode == 0, first.stderr

    assert not stale_folder.exists()
    assert not stray.exists()
    (current,) = jinja.iterdir()
    assert any(current.glob("__jinja2_*.cache"))  # this version's templates, compiled
    again = run_postkit("draft", "generative ai", "--seed", "7")
    assert again.stdout == first.stdout
    assert [path.name for path in jinja.iterdir()] == [current.name]  # kept, not rebuilt


def test_topic_entries_of_other_versions_are_dropped(isolated_user: Path) -> None:
    topics = _cache(isolated_user) / "topics.json"
    topics.parent.mkdir(parents=True)
    stale = "1|1-2-3-4|/old/checkout/generative-ai.md|100|200"
    topics.write_text(json.dumps({stale: {"topic": {}, "names": ["x"]}}), encoding="utf-8")

    first = run_postkit("draft", "generative ai", "--seed", "7")
    assert first.returncode == 0, first.stderr
    stored = json.loads(topics.read_text(encoding="utf-8"))
    assert stale not in stored
    assert len(stored) == 1  # the page just drafted
    (key,) = stored
    assert Path(key.split("|")[2]).is_file()  # the library page it was parsed from

    # Read from the cache the second time: same post.
    assert run_postkit("draft", "generative ai", "--seed", "7").stdout == first.stdout
    assert json.loads(topics.read_text(encoding="utf-8")) == stored


def test_a_topic_found_by_alias_needs_no_page_parsing_the_second_time(isolated_user: Path) -> None:
    """Looking up ``genai`` reads the names of every page before generative-ai;
    they are cached, so a later draft by alias loads no YAML or page parser."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.argv = ['postkit', 'draft', 'genai', '--seed', '3']\n"
        "from postkit.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('yaml', 'pydantic', 'markdown_it') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.strip()
    assert runs[1].stderr.strip() == "[]", runs[1].stderr
