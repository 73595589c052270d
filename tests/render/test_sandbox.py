"""User templates run in Jinja's sandbox: escapes, typos and syntax errors are one line.

Each case is a user template folder passed with --template-dir (or the config
file); the error must name the file and the line, exit 2 and show no traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import run_postkit
from postkit.cli import app
from postkit.render.catalogue import builtin_template_dir

runner = CliRunner()

# (template line, what the one-line error must say)
ESCAPES = [
    ("{{ ''.__class__.__mro__ }}", "'__class__' of 'str' object is unsafe"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "'__class__' of 'str' object is unsafe"),
    ("{{ cycler.__init__.__globals__ }}", "'__init__'"),
    ("{{ joiner.__init__.__globals__.os }}", "'__init__'"),
    ("{{ namespace.__init__.__globals__ }}", "'__init__'"),
    ("{{ lipsum.__globals__['os'].popen('id').read() }}", "'__globals__'"),
    ("{{ pick.__globals__ }}", "has no attribute '__globals__'"),
    ("{{ pick.__call__.__globals__ }}", "'__call__' of 'Picker' object is unsafe"),
    ("{{ topic.__class__ }}", "'__class__'"),
    ("{{ ().__class__.__base__.__subclasses__() }}", "'__class__' of 'tuple' object"),
    ('{{ "{0.__class__.__mro__}".format(title) }}', "'__class__' of 'str' object is unsafe"),
    ("{{ self._TemplateReference__context }}", "'_TemplateReference__context'"),
    ("{{ title.__len__() }}", "'__len__'"),
    ("{{ request.application.__globals__ }}", "'request' is undefined"),
    ("{{ config.items() }}", "'config' is undefined"),
]


def user_set(folder: Path, intro: str) -> Path:
    """A copy of the built-in linkedin set whose intro.j2 has ``intro`` on line 3."""
    shutil.copytree(builtin_template_dir() / "linkedin", folder / "linkedin")
    path = folder / "linkedin" / "intro.j2"
    path.write_text(f"{{# line 1 #}}\nline two\n{intro}\n", encoding="utf-8")
    return path


def run_draft(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["draft", "genai", "--seed", "1", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("line", "says"), ESCAPES)
def test_escapes_are_blocked_with_one_line_naming_file_and_line(
    tmp_path: Path, line: str, says: str
) -> None:
    path = user_set(tmp_path, line)
    code, out, err = run_draft("--template-dir", str(tmp_path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"postkit: error: {path}:3: ")
    assert says in err
    assert "Traceback" not in err


def test_sandbox_blocks_are_said_to_be_the_sandbox(tmp_path: Path) -> None:
    user_set(tmp_path, "{{ ''.__class__ }}")
    _, _, err = run_draft("--template-dir", str(tmp_path))
    assert "blocked by the template sandbox" in err


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("{{ nosuchvariable }}", "'nosuchvariable' is undefined"),
        ("{{ topic.nosuchfield }}", "no attribute 'nosuchfield'"),
        ("{{ tittle | upper }}", "'tittle' is undefined"),
        ("{% for x in missing_list %}{{ x }}{% endfor %}", "'missing_list' is undefined"),
    ],
)
def test_undefined_variables_are_named(tmp_path: Path, line: str, says: str) -> None:
    path = user_set(tmp_path, line)
    code, _, err = run_draft("--template-dir", str(tmp_path))
    assert code == 2
    assert err.startswith(f"postkit: error: {path}:3: undefined: ")
    assert says in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "line",
    [
        "{% if %}",
        "{{ title ",
        "{% for x in topic.tips %}",
        "{% endif %}",
        "{{ title | nosuchfilter }}",
    ],
)
def test_syntax_errors_name_file_and_line(tmp_path: Path, line: str) -> None:
    path = user_set(tmp_path, line)
    code, _, err = run_draft("--template-dir", str(tmp_path))
    assert code == 2
    assert err.startswith(f"postkit: error: {path}:")
    assert "template syntax error" in err and err.count("\n") == 1
    line_number = int(err.split(f"{path}:", 1)[1].split(":", 1)[0])
    assert line_number in (3, 4)  # an unclosed block is reported where the file ends


def test_syntax_error_in_a_user_voice(tmp_path: Path) -> None:
    (tmp_path / "voices").mkdir()
    voice = tmp_path / "voices" / "broken.j2"
    voice.write_text('{% set hooks = ["a", "b", "c"] %}\n{% set ctas = [ %}\n', encoding="utf-8")
    code, _, err = run_draft("--template-dir", str(tmp_path), "--tone", "broken")
    assert code == 2
    assert err.startswith(f"postkit: error: {voice}:2: template syntax error")


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("{% for i in range(10**9) %}{% endfor %}", "too costly"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "too costly"),
        ("{{ 1 // 0 }}", "ZeroDivisionError"),
        ("{{ topic.tips[99] }}", "has no element 99"),
    ],
)
def test_costly_or_failing_templates_are_one_line(tmp_path: Path, line: str, says: str) -> None:
    path = user_set(tmp_path, line)
    code, _, err = run_draft("--template-dir", str(tmp_path))
    assert code == 2
    assert err.startswith(f"postkit: error: {path}:3: ")
    assert says in err and err.count("\n") == 1


def test_include_cannot_leave_the_template_folders(tmp_path: Path) -> None:
    user_set(tmp_path, "{% include '../../../../../../etc/passwd' %}")
    code, out, err = run_draft("--template-dir", str(tmp_path))
    assert code == 2
    assert "root:" not in out
    assert "not found" in err and err.count("\n") == 1


def test_templates_from_the_config_file_are_sandboxed_too(
    tmp_path: Path, isolated_user: Path
) -> None:
    path = user_set(tmp_path / "tpl", "{{ cycler.__init__.__globals__ }}")
    (isolated_user / "config.toml").write_text(
        f"template_dirs = [{str(tmp_path / 'tpl')!r}]\n", encoding="utf-8"
    )
    code, _, err = run_draft()
    assert code == 2
    assert err.startswith(f"postkit: error: {path}:3: blocked by the template sandbox")


@pytest.mark.parametrize("line", ["{{ ''.__class__.__mro__ }}", "{{ nosuchvariable }}", "{% if %}"])
def test_a_real_process_exits_2_without_a_traceback(tmp_path: Path, line: str) -> None:
    path = user_set(tmp_path, line)
    result = run_postkit("draft", "genai", "--template-dir", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode("utf-8")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"postkit: error: {path}:3")


def test_a_good_user_template_set_is_used(tmp_path: Path) -> None:
    user_set(tmp_path, "Custom opening about {{ title }}.")
    code, out, _ = run_draft("--template-dir", str(tmp_path))
    assert code == 0
    assert out.startswith("line two\nCustom opening about Generative AI.")
