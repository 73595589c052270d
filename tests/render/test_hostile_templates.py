"""Hostile user templates (``draft --template-dir``): blocked, fast, one line, exit 2.

tests/test_sandbox.py covers the classic attribute walks (``__class__``,
``__mro__``, ``__globals__`` through cycler/joiner/namespace/lipsum), a
``str.format`` on a template string, ``range(10**9)`` and a self-calling macro.
This table adds the escape routes it does not: other dunder spellings
(subscripts, ``attr`` and ``map`` filters, ``format_map``, ``%``-formatting),
memory and time bombs that are not a plain ``range``, and templates that
include or extend themselves. Each must end within seconds with exit 2, one
line on stderr naming the file, and nothing on stdout.

The second half runs real processes for what Jinja does before a render starts:
constant folding while it compiles (``'a'|center(10**9)`` used to run inside
``get_template``, outside the budget, and be saved in the bytecode cache), a
template too big or too deep to compile, and files reached through links out
of the folder. Those tests also bound the child's memory and the cache files,
and memory bombs no size check sees (a string doubled with ``~``) must end
under the README's 300 MB ceiling in ``draft`` and in every batch worker.
"""

from __future__ import annotations

import gc
import os
import resource
import shutil
import subprocess
import tempfile
import time
import weakref
from pathlib import Path
from typing import IO

import jinja2
import pytest
from jinja2.sandbox import ImmutableSandboxedEnvironment
from typer.testing import CliRunner

from helpers import run_postkit
from helpers.memory import peak_rss
from postkit.cli import app
from postkit.errors import RenderTooCostly, TemplateError
from postkit.render.bounds import MAX_BYTECODE_BYTES, MAX_TEMPLATE_BYTES, budget
from postkit.render.catalogue import builtin_template_dir
from postkit.render.compose import environment

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
    "percent-star": "{{ '%*d' % (10**9, 1) }}",
    "percent-precision": "{{ '%.999999999f' % 1.0 }}",
    "nested-format-width": "{{ '{:>{w}}'.format('x', w=10**9) }}",
    "ljust-bomb": "{{ 'a'.ljust(10**9) }}",
    "zfill-bomb": "{{ '1'.zfill(999999999) }}",
    "replace-empty": "{{ ('x' * 100000) | replace('', 'y' * 100000) | length }}",
    "join-wide": "{{ range(100000) | join('x' * 100000) | length }}",
    "batch-fill": "{{ [1] | batch(10**9, 'x') | list | length }}",
    "slice-many": "{{ [1] | slice(10**9) | list | length }}",
    "wordwrap-wrapstring": "{{ ('ab ' * 30000) | wordwrap(1, wrapstring='-' * 90000) }}",
    # one C call the timer cannot stop: 100,000 one-item lists added (11 s)
    "sum-lists": "{{ ([[0]] * 100000) | sum(start=[]) | length }}",
    # what one template renders is bounded too
    "huge-output": "{% for i in range(3000) %}{{ 'x' * 100 }}{% endfor %}",
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


# --- before the render: compiling, caching and reading templates -------------

PEAK_MB = 300  # the memory ceiling the README promises for any input
CHILD_SECONDS = 15.0

# Jinja folded these into constants while compiling (inside get_template, with
# no budget): gigabytes and no end, or a 400 MB file in the bytecode cache.
COMPILE_TIME_BOMBS = {
    "center": "{{ 'a'|center(1000000000) }}",
    "format-zero-width": "{{ '%0999999999d'|format(1) }}",
    "format-precision": "{{ '%.999999999f'|format(1.0) }}",
    "format-star": "{{ '%*d'|format(999999999,1) }}",
    "indent": "{{ 'a\\nb'|indent(1000000000) }}",
    "indent-first": "{{ 'a'|indent(1000000000, true) }}",
    "center-cached": "{{ 'a'|center(400000000) }}",
}


def child_peak_mb() -> float:
    """The largest peak RSS of any child this process has waited for, in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cache_files() -> list[Path]:
    return [path for path in Path(os.environ["POSTKIT_CACHE_DIR"]).rglob("*") if path.is_file()]


def draft_in_a_process(
    folder: Path, timeout: float = 60, *, fails: bool = True
) -> tuple[int, str, float, float]:
    """``draft genai --template-dir folder``: exit code, stderr, seconds, child peak MB.

    A run that ``fails`` must print nothing on stdout.

    The peak is RUSAGE_CHILDREN's high-water mark after the run: it says how
    much this child took only when that is more than any child before it, so
    the assertion is ``peak <= max(before, bound)``.
    """
    before = child_peak_mb()
    start = time.perf_counter()
    result = run_postkit(
        "draft", "genai", "--seed", "1", "--template-dir", str(folder), timeout=timeout
    )
    elapsed = time.perf_counter() - start
    assert (result.stdout == b"") == fails, result.stdout[:200]
    peak = child_peak_mb()
    return result.returncode, result.stderr.decode("utf-8"), elapsed, max(peak, before)


def assert_one_line_naming(err: str, path: Path) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith(
        (f"postkit: error: {path}", f"postkit: error: {path.parent.name}/{path.name}")
    ), err
    assert "internal error" not in err and "Traceback" not in err


@pytest.mark.parametrize("name", list(COMPILE_TIME_BOMBS))
def test_compile_time_bomb_is_refused_fast_small_and_uncached(tmp_path: Path, name: str) -> None:
    before = child_peak_mb()
    path = user_set(tmp_path, COMPILE_TIME_BOMBS[name])
    code, err, elapsed, _ = draft_in_a_process(tmp_path, timeout=CHILD_SECONDS * 2)
    assert code == 2, err
    assert_one_line_naming(err, path)
    assert "blocked by the template sandbox" in err, err  # refused before it ran
    assert elapsed < CHILD_SECONDS, f"{name} took {elapsed:.1f} s"
    assert child_peak_mb() <= max(before, PEAK_MB), f"{name}: {child_peak_mb():.0f} MB"
    sizes = {path.name: path.stat().st_size for path in cache_files()}
    assert all(size <= MAX_BYTECODE_BYTES for size in sizes.values()), sizes


class _Built:
    """Stands for what a compile built before it ran out of memory."""


def test_a_compile_out_of_memory_lets_go_of_every_frame_before_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A compile that runs out of memory often raises MemoryError again while it
    unwinds, and each of those holds the frames of what it was building: all of
    them go before the message is made, or the message itself can run out of
    memory and lose the file's name (it did in one run out of ten)."""
    path = user_set(tmp_path, "{{ 1 }}")
    built: list[weakref.ref[_Built]] = []

    def compile_out_of_memory(*args: object, **kwargs: object) -> jinja2.Template:
        tree = _Built()
        built.append(weakref.ref(tree))
        try:
            raise MemoryError
        except MemoryError:
            raise MemoryError from None  # raised again while handling the first

    monkeypatch.setattr(jinja2.FileSystemLoader, "load", compile_out_of_memory)
    env = environment((tmp_path,))
    with pytest.raises(TemplateError, match="template too costly to compile") as raised:
        env.get_template("linkedin/intro.j2")
    assert str(path) in str(raised.value)
    assert built and built[0]() is None  # nothing still holds it


def test_a_template_slow_to_compile_ends_within_the_budget(tmp_path: Path) -> None:
    """A megabyte of ``a+a+…`` takes Jinja a minute to compile: the budget stops it."""
    path = user_set(tmp_path, "{{ " + "+".join(["a"] * 500_000) + " }}")
    assert path.stat().st_size < MAX_TEMPLATE_BYTES
    code, err, elapsed, _ = draft_in_a_process(tmp_path)
    assert code == 2, err
    assert_one_line_naming(err, path)
    # Which bound ends it first depends on the machine's speed: the 5 s budget
    # ("took over 5 s"), its memory (the parse tree alone is ~100 MB) or
    # Python's recursion limit in Jinja's compiler.
    assert "too costly to compile" in err, err
    assert any(why in err for why in ("took over", "MemoryError", "RecursionError")), err
    assert elapsed < 20, f"took {elapsed:.1f} s"


def test_a_template_included_while_rendering_is_compiled_under_the_same_budget(
    tmp_path: Path,
) -> None:
    """The include compiles inside intro.j2's render: the outer budget must hold."""
    path = user_set(tmp_path, "{% include 'linkedin/slow.j2' %}")
    (path.parent / "slow.j2").write_text("{{ " + "+".join(["a"] * 500_000) + " }}")
    code, err, elapsed, _ = draft_in_a_process(tmp_path)
    assert code == 2, err
    assert err.count("\n") == 1 and "too costly" in err, err
    assert elapsed < 20, f"took {elapsed:.1f} s"


def test_a_big_compiled_template_is_not_cached(tmp_path: Path) -> None:
    """900 KB of text compiles to 900 KB of code: it is not kept in the cache."""
    user_set(tmp_path, "{% if false %}" + "some text. " * 80_000 + "{% endif %}{{ title }}")
    code, err, _, _ = draft_in_a_process(tmp_path, fails=False)
    assert code == 0, err
    sizes = sorted(path.stat().st_size for path in cache_files())
    assert sizes and sizes[-1] <= MAX_BYTECODE_BYTES, sizes[-3:]


def test_ordinary_user_templates_are_still_cached(tmp_path: Path) -> None:
    user_set(tmp_path, "{{ title|center(30) }} {{ '%05d'|format(42) }}")
    first = run_postkit("draft", "genai", "--seed", "1", "--template-dir", str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Generative AI".center(30).encode() + b" 00042")
    cached = {path: path.stat().st_mtime_ns for path in cache_files() if "bounded" in path.name}
    assert len(cached) >= 7  # the set's files and the voice
    again = run_postkit("draft", "genai", "--seed", "1", "--template-dir", str(tmp_path))
    assert again.stdout == first.stdout
    assert {path: path.stat().st_mtime_ns for path in cached} == cached  # read, not rewritten


@pytest.mark.parametrize(
    ("name", "intro"),
    [
        ("for-25-deep", "{% for x in [1] %}" * 25 + "x" + "{% endfor %}" * 25),
        ("if-150-deep", "{% if true %}" * 150 + "x" + "{% endif %}" * 150),
        ("truncate-negative", "{{ 'abc'|truncate(-5) }}"),
        ("truncate-leeway", "{{ 'abc'|truncate(5, leeway=-1) }}"),
        ("lone-surrogate", "{{ '\\ud800' }}"),
        ("lone-surrogate-joined", "{{ title ~ '\\udc80' }}"),
    ],
)
def test_what_python_refuses_is_an_ordinary_template_error(
    tmp_path: Path, name: str, intro: str
) -> None:
    path = user_set(tmp_path, intro)
    code, err, elapsed, _ = draft_in_a_process(tmp_path)
    assert code == 2, err
    assert_one_line_naming(err, path)
    assert elapsed < CHILD_SECONDS


def test_the_deep_nesting_error_says_what_to_do(tmp_path: Path) -> None:
    path = user_set(tmp_path, "{% for x in [1] %}" * 25 + "x" + "{% endfor %}" * 25)
    _, err, _, _ = draft_in_a_process(tmp_path)
    assert err == (
        f"postkit: error: {path}: template nested too deeply to compile "
        "(too many statically nested blocks); flatten it\n"
    )


# --- memory: what a template builds stays under the README's ceiling ---------

CEILING = 300 * 1024 * 1024  # the README's memory ceiling, per process

# Allocations no size check sees, each ended by the budget's memory limit only.
# A draft peaked at 420 MiB with `~` (the budget was 512 MB more), and a batch
# worker grew by a budget at every failed row (2 GB, the launcher's limit,
# within 20 rows): the next row's budget was measured from the size the failed
# one left, and that memory is freed late and not always given back.
MEMORY_BOMBS = {
    # Jinja compiles `~` to a join of its operands, not to a binop the sandbox sees.
    "concat-doubling": (
        "{% set ns = namespace(s='ab') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
    ),
    # Nor is `+` intercepted, for lists as for strings.
    "list-doubling": (
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}"
        "{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l|length }}"
    ),
    # Memory filled 100 KB at a time, up to whatever limit there is.
    "filling": (
        "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
        "{% set ns.l = ns.l + [('x' * 99999) ~ i] %}{% endfor %}{{ ns.l|length }}"
    ),
}


def peak_of(args: list[str], stdin: IO[bytes] | int = subprocess.DEVNULL) -> tuple[int, str, int]:
    """``postkit ARGS`` in a real process: exit code, stderr, peak RSS in bytes."""
    with tempfile.TemporaryFile() as err:
        code, peak = peak_rss(args, stdin, err)
        err.seek(0)
        return code, err.read().decode("utf-8"), peak


@pytest.mark.parametrize("name", list(MEMORY_BOMBS))
def test_a_memory_bomb_in_a_draft_ends_under_the_ceiling(tmp_path: Path, name: str) -> None:
    path = user_set(tmp_path, MEMORY_BOMBS[name])
    code, err, peak = peak_of(["draft", "genai", "--template-dir", str(tmp_path)])
    assert code == 2, err
    assert_one_line_naming(err, path)
    assert "too costly to compile or render (MemoryError)" in err, err
    assert peak < CEILING, f"{name}: peak RSS {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("name", ["concat-doubling", "filling"])
def test_a_memory_bomb_in_every_row_of_a_batch_ends_under_the_ceiling(
    tmp_path: Path, isolated_user: Path, name: str, jobs: str
) -> None:
    """Workers are processes of their own: each stays under the ceiling, row after row."""
    path = user_set(tmp_path / "T", MEMORY_BOMBS[name])
    (isolated_user / "config.toml").write_text(
        f"template_dirs = [{str(tmp_path / 'T')!r}]\n", encoding="utf-8"
    )
    rows = tmp_path / "rows.txt"
    rows.write_text("genai\nkubernetes\n" * 10, encoding="utf-8")
    with rows.open("rb") as stdin:
        code, err, peak = peak_of(["batch", "-", "--input-format", "lines", "--jobs", jobs], stdin)
    assert code == 1, err
    lines = err.splitlines()
    assert lines[-1] == "postkit: 0 posts, 20 failed, 0 skipped", err[-2000:]
    assert len(lines) == 21 and "Traceback" not in err and "internal error" not in err
    assert all(f"{path}:1: template too costly" in line for line in lines[:-1]), err[-2000:]
    assert peak < CEILING, f"{name}, --jobs {jobs}: peak RSS {peak / 2**20:.0f} MiB"


class _Cycle:
    """What a failed template leaves: data held in a reference cycle."""

    def __init__(self) -> None:
        self.me = self
        self.data = bytearray(8 * 2**20)


def test_a_budget_after_a_failure_first_collects_what_the_failure_left() -> None:
    """What a failed template built is held in cycles by its exception's frames
    until a collection; the next budget measures the process after one, or that
    memory could fill the room it sets (the next row then failed to compile)."""
    left: list[weakref.ref[_Cycle]] = []
    gc.disable()  # only the budget may collect here
    try:
        with pytest.raises(RenderTooCostly), budget():
            cycle = _Cycle()
            left.append(weakref.ref(cycle))
            del cycle
            raise RenderTooCostly("failed")
        assert left[0]() is not None  # still held by its cycle
        with budget():
            assert left[0]() is None  # collected before this budget measured
    finally:
        gc.enable()


def test_rows_after_a_memory_bomb_still_draft(tmp_path: Path, isolated_user: Path) -> None:
    """After a template ran out of memory, the next rows' templates still have their room
    (budgets count from the size before that failure, and what it built is freed)."""
    (tmp_path / "T" / "x").mkdir(parents=True)
    (tmp_path / "T" / "x" / "cta.j2").write_text(MEMORY_BOMBS["filling"], encoding="utf-8")
    (isolated_user / "config.toml").write_text(
        f"template_dirs = [{str(tmp_path / 'T')!r}]\n", encoding="utf-8"
    )
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        '{"topic": "genai", "platform": "x"}\n{"topic": "genai", "platform": "linkedin"}\n' * 8,
        encoding="utf-8",
    )
    result = run_postkit("batch", str(rows), "--jobs", "1", "-f", "jsonl", timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stderr.decode().endswith("postkit: 8 posts, 8 failed, 0 skipped\n")
    assert result.stdout.count(b'"platform": "linkedin"') == 8


# --- links and files that are not templates ----------------------------------


def linked(folder: Path, how: str) -> Path:
    """A user set whose intro.j2 reaches /etc/passwd one way; the path that leads out."""
    intro = user_set(folder, "{% include 'linkedin/pw.j2' %}")
    sets = intro.parent
    if how == "linked-file":
        (sets / "pw.j2").symlink_to("/etc/passwd")
        return sets / "pw.j2"
    if how == "linked-folder":
        (sets / "etc").symlink_to("/etc")
        intro.write_text("{% include 'linkedin/etc/passwd' %}\n")
        return sets / "etc" / "passwd"
    if how == "linked-intro":
        intro.unlink()
        intro.symlink_to("/etc/passwd")
        return intro
    if how == "linked-voice":
        intro.write_text("{{ title }}\n")
        (folder / "voices").mkdir()
        (folder / "voices" / "friendly.j2").symlink_to("/etc/passwd")  # the default tone
        return folder / "voices" / "friendly.j2"
    if how == "linked-set":
        outside = folder.parent / f"{folder.name}-elsewhere"
        shutil.move(sets, outside)
        (outside / "intro.j2").write_text("{{ title }}\n")
        sets.symlink_to(outside)
        return sets / "intro.j2"
    raise AssertionError(how)


@pytest.mark.parametrize(
    "how", ["linked-file", "linked-folder", "linked-intro", "linked-voice", "linked-set"]
)
def test_a_link_out_of_the_template_folder_is_refused(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "T"
    folder.mkdir()
    leads_out = linked(folder, how)
    code, err, elapsed, _ = draft_in_a_process(folder)
    assert code == 2, err
    assert err.count("\n") == 1, err
    assert err.startswith(f"postkit: error: {leads_out}: refused: it leads outside"), err
    assert "root:" not in err
    assert elapsed < CHILD_SECONDS


def test_links_inside_the_folder_and_a_linked_folder_are_fine(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    intro = user_set(real, "{% include 'linkedin/shared/opening.j2' %}")
    (real / "common").mkdir()
    (real / "common" / "opening.j2").write_text("Opening for {{ title }}\n")
    (intro.parent / "shared").symlink_to(real / "common")  # a link that stays inside
    (tmp_path / "link").symlink_to(real)  # the folder itself given as a link
    result = run_postkit("draft", "genai", "--template-dir", str(tmp_path / "link"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"Opening for Generative AI")


def test_a_folder_where_a_template_should_be_is_refused_in_one_line(tmp_path: Path) -> None:
    intro = user_set(tmp_path, "")
    intro.unlink()
    intro.mkdir()  # opening a folder succeeds; reading it does not
    for args in (("draft", "genai"), ("templates", "show", "linkedin/intro.j2")):
        result = run_postkit(*args, "--template-dir", str(tmp_path))
        assert result.returncode == 2, result.stderr
        assert result.stderr.decode() == (
            f"postkit: error: {intro}: refused: a template must be a regular file\n"
        )


def test_a_fifo_or_a_huge_file_as_a_template_is_refused_at_once(tmp_path: Path) -> None:
    intro = user_set(tmp_path, "")
    intro.unlink()
    os.mkfifo(intro)  # reading it would wait for a writer forever
    code, err, elapsed, _ = draft_in_a_process(tmp_path, timeout=30)
    assert code == 2 and elapsed < CHILD_SECONDS, err
    assert err == f"postkit: error: {intro}: refused: a template must be a regular file\n"
    intro.unlink()
    intro.write_text("x" * (MAX_TEMPLATE_BYTES + 1))
    code, err, _, _ = draft_in_a_process(tmp_path)
    assert code == 2 and err.startswith(f"postkit: error: {intro}: refused: the template is over")


# --- the bounded filters still do what Jinja's do ----------------------------

ORDINARY = [
    "{{ 'ab'|center(9) }}|{{ 'a\\nb\\n\\nc'|indent(3) }}|{{ 'a\\nb'|indent('> ', true, true) }}",
    "{{ '%05d, %-4s, %.2f, %*d, %%'|format(42, 'ab', 1.5, 4, 7) }}",
    "{{ '%(a)s=%(b)03d'|format(a='x', b=5) }}",
    "{{ 'Hello world, this is long'|truncate(12) }}|{{ 'abc'|truncate(3, end='') }}",
    "{{ 'one two three four five'|wordwrap(9) }}|{{ 'a b c d'|wordwrap(3, wrapstring='/') }}",
    "{{ 'aaa'|replace('a', 'bb') }}|{{ 'aaa'|replace('a', 'b', 2) }}|{{ 'ab'|replace('', '-') }}",
    "{{ [1, 2, 3]|join(', ') }}|{{ range(4)|select('odd')|join('+') }}|{{ 'abc'|join('.') }}",
    "{{ range(7)|batch(3, 0)|list }}|{{ range(7)|slice(3, 'x')|list }}",
    "{{ [1, 2, 3]|sum }}|{{ [[1], [2]]|sum(start=[]) }}|{{ [(1,), (2,)]|sum(start=()) }}",
    "{{ [{'n': 2}, {'n': 3}]|sum(attribute='n') }}|{{ [{'l': [1]}, {'l': [2]}]|sum('l', []) }}",
    "{{ 'x'.center(5, '*') }}|{{ 'x'.ljust(3) }}|{{ '7'.zfill(3) }}|{{ 'a\\tb'.expandtabs(4) }}",
    "{{ '{:>6}|{:{w}}'.format('ab', 'c', w=3) }}|{{ '{0}{0}'.format(1) }}|{{ '%s-%d' % ('a', 3) }}",
]


@pytest.mark.parametrize("source", ORDINARY)
def test_bounded_filters_give_what_jinja_gives(tmp_path: Path, source: str) -> None:
    plain = ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined)
    expected = plain.from_string(source).render()
    assert environment((tmp_path,)).from_string(source).render() == expected
