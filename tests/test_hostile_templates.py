"""Hostile user templates (``draft --template-dir``): blocked, fast, one line, exit 2.

tests/test_sandbox.py covers the classic attribute walks (``__class__``,
``__mro__``, ``__globals__`` through cycler/joiner/namespace/lipsum), a
``str.format`` on a template string, ``range(10**9)`` and a self-calling macro.
This table adds the escape routes it does not: other dunder spellings
(subscripts, ``attr`` and ``map`` filters, ``format_map``, ``%``-formatting),
memory and time bombs that are not a plain ``range``, and templates that
include or extend themselves. Each must end within seconds with exit 2, one
line on stderr naming the file, and nothing on stdout.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import run_postkit
from postkit.cli import app
from postkit.render.catalogue import builtin_template_dir

runner = CliRunner()

ATTACKS = {
    # attribute walks in other spellings
    "subscript-class": "{{ ''['__class__'] }}",
    "attr-filter": "{{ ''|attr('__class__') }}",
    "attr-filter-chain": "{{ (''|attr('__class__')|attr('__base__')|attr('__subclasses__'))() }}",
    "builtins-via-globals": "{{ lipsum['__globals__']['__builtins__']['eval']('1') }}",
    "dict-class": "{{ {}.__class__.__base__.__subclasses__() }}",
    "loop-internals": "{% for x in [1] %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}",
    "range-globals": "{{ range.__self__ }}",
    "dict-builtin": "{{ dict.__init__.__globals__ }}",
    "getattr-mro": "{{ (1).__class__.__mro__[-1].__subclasses__() }}",
    "undefined-class": "{{ nosuch.__class__.__init__.__globals__ }}",
    "namespace-dict": "{% set ns = namespace() %}{{ ns.__dict__ }}",
    "func-code": "{% macro m() %}{% endmacro %}{{ m.__call__.__globals__ }}",
    # str.format and friends reach attributes without the dot
    "format-map": "{{ '{0.__class__.__base__}'.format_map({'0': title}) }}",
    "format-index": "{{ '{0.__class__.__init__.__globals__}'.format(joiner) }}",
    "format-filter": "{{ '%s' | format(title.__class__) }}",
    "percent-attr": "{{ '%(a)s' % {'a': title.__class__} }}",
    "format-on-topic": "{{ '{t.__init__.__globals__}'.format(t=topic) }}",
    # time and memory bombs
    "string-times": "{{ 'x' * 10**9 }}",
    "list-times": "{{ [0] * 10**9 }}",
    "pow-bomb": "{{ 9 ** (9 ** 9) }}",  # Jinja reads 9**9**9 as (9**9)**9, a small number
    "nested-loops": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    ),
    "join-range": "{{ range(10**8) | join }}",
    "sum-range": "{{ range(10**8) | sum }}",
    "batch-bomb": "{{ range(10**7) | batch(1) | list | length }}",
    "wordwrap-bomb": "{{ ('x ' * 10**6) | wordwrap(1) | length }}",
    "center-bomb": "{{ '' | center(10**9) }}",
    "indent-bomb": "{{ ('\\n' * 10**6) | indent(1000) | length }}",
    "replace-bomb": "{{ ('x' * 10**5) | replace('x', 'x' * 10**5) | length }}",
    "format-width": "{{ '{:>1000000000}'.format('x') }}",
    "percent-width": "{{ '%1000000000s' % 'x' }}",
    # recursion through the loader
    "include-self": "{% include 'linkedin/intro.j2' %}",
    "import-self": "{% import 'linkedin/intro.j2' as me %}{{ me }}",
    "extends-self": "{% extends 'linkedin/intro.j2' %}",
    "recursive-loop": ("{% for x in [[1]] recursive %}{{ loop([x]) }}{% endfor %}"),
    "macro-mutual": (
        "{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}{{ a() }}{% endmacro %}{{ a() }}"
    ),
}

SECONDS = 10.0


def user_set(folder: Path, intro: str) -> Path:
    """A copy of the built-in linkedin set whose intro.j2 is ``intro``, on line 1."""
    shutil.copytree(builtin_template_dir() / "linkedin", folder / "linkedin")
    path = folder / "linkedin" / "intro.j2"
    path.write_text(intro + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_is_one_line_exit_2_in_seconds(tmp_path: Path, name: str) -> None:
    path = user_set(tmp_path, ATTACKS[name])
    start = time.perf_counter()
    result = runner.invoke(
        app, ["draft", "genai", "--seed", "1", "--plain", "--template-dir", str(tmp_path)]
    )
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS, f"{name} took {elapsed:.1f} s"
    assert result.exit_code == 2, (name, result.stdout[:200])
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    # the file, or for a MemoryError raised inside C code, the set and template name
    assert result.stderr.startswith(
        (f"postkit: error: {path}", "postkit: error: linkedin/intro.j2")
    ), result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name",
    ["string-times", "format-width", "include-self", "attr-filter", "center-bomb"],
)
def test_attack_in_a_real_process(tmp_path: Path, name: str) -> None:
    """Memory and recursion limits hold in a real interpreter too, and it exits 2."""
    path = user_set(tmp_path, ATTACKS[name])
    start = time.perf_counter()
    result = run_postkit("draft", "genai", "--template-dir", str(tmp_path), timeout=60)
    assert time.perf_counter() - start < 30
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and result.stdout == b""
    assert err.count("\n") == 1, err
    assert err.startswith((f"postkit: error: {path}", "postkit: error: linkedin/intro.j2")), err


def test_map_attribute_gets_an_undefined_not_the_class(tmp_path: Path) -> None:
    """``map(attribute=...)`` goes through the sandbox's getattr: an undefined, no class."""
    user_set(tmp_path, "{{ [''] | map(attribute='__class__') | list }}")
    result = runner.invoke(app, ["draft", "genai", "--plain", "--template-dir", str(tmp_path)])
    assert "<class" not in result.stdout and "str" not in result.stdout.split("\n")[0]
    assert result.exit_code in (0, 2)


def test_big_numbers_in_ordinary_text_are_not_widths(tmp_path: Path) -> None:
    user_set(tmp_path, "{{ '{} has 1500000 fans'.format(title) }} {{ '%s: 2000000' % title }}")
    result = runner.invoke(app, ["draft", "genai", "--plain", "--template-dir", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Generative AI has 1500000 fans Generative AI: 2000000")
