"""`postkit templates show` reads a user's templates as drafting loads them.

A link in a user's template folder that leads outside it (to /etc/passwd, a
linked folder, a linked set) is refused with one line and exit 2, and the
file it leads to is never printed; links that stay inside still show.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import run_postkit
from postkit.render.catalogue import builtin_template_dir

SECRET = "the-secret-outside-the-template-folder\n"


def user_set(folder: Path) -> Path:
    """A copy of the built-in linkedin set in ``folder``; its directory."""
    shutil.copytree(builtin_template_dir() / "linkedin", folder / "linkedin")
    return folder / "linkedin"


def leading_out(folder: Path, outside: Path, how: str) -> tuple[str, Path]:
    """A link in ``folder`` that leads to ``outside``: the name to show, the path that leads out."""
    sets = user_set(folder)
    if how == "linked-file-in-a-set":
        (sets / "pw.j2").symlink_to(outside / "secret.j2")
        return "linkedin", sets / "pw.j2"
    if how == "linked-file":
        (sets / "pw.j2").symlink_to(outside / "secret.j2")
        return "linkedin/pw.j2", sets / "pw.j2"
    if how == "linked-intro":
        (sets / "intro.j2").unlink()
        (sets / "intro.j2").symlink_to(outside / "secret.j2")
        return "linkedin", sets / "intro.j2"
    if how == "linked-voice":
        (folder / "voices").mkdir()
        (folder / "voices" / "friendly.j2").symlink_to(outside / "secret.j2")
        return "friendly", folder / "voices" / "friendly.j2"
    if how == "linked-language":
        (folder / "voices").mkdir()
        (folder / "voices" / "it").symlink_to(outside)
        return "it/secret", folder / "voices" / "it" / "secret.j2"
    if how == "linked-set":
        elsewhere = outside / "linkedin"
        shutil.move(sets, elsewhere)
        sets.symlink_to(elsewhere)
        return "linkedin", sets / "cta.j2"  # the first file shown
    if how == "linked-folder-by-name":
        (sets / "etc").symlink_to(outside)
        return "linkedin/etc/secret.j2", sets / "etc" / "secret.j2"
    raise AssertionError(how)


HOW = [
    "linked-file-in-a-set",
    "linked-file",
    "linked-intro",
    "linked-voice",
    "linked-language",
    "linked-set",
    "linked-folder-by-name",
]


@pytest.mark.parametrize("how", HOW)
def test_templates_show_refuses_a_link_out_of_the_folder(tmp_path: Path, how: str) -> None:
    folder, outside = tmp_path / "T", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (outside / "secret.j2").write_text(SECRET, encoding="utf-8")
    name, path = leading_out(folder, outside, how)
    result = run_postkit("templates", "show", name, "--template-dir", str(folder))
    err = result.stderr.decode("utf-8")
    assert SECRET.strip() not in result.stdout.decode("utf-8")
    assert result.stdout == b""
    assert result.returncode == 2, err
    assert err.count("\n") == 1, err
    assert err.startswith(f"postkit: error: {path}: refused: it leads outside"), err


def test_templates_show_refuses_etc_passwd_by_a_link(tmp_path: Path) -> None:
    sets = user_set(tmp_path)
    (sets / "pw.j2").symlink_to("/etc/passwd")
    result = run_postkit("templates", "show", "linkedin", "--template-dir", str(tmp_path))
    assert result.returncode == 2 and b"root:" not in result.stdout + result.stderr
    assert result.stderr.decode("utf-8").startswith(
        f"postkit: error: {sets / 'pw.j2'}: refused: it leads outside its template folder"
    )


def test_links_inside_the_folder_and_a_linked_folder_still_show(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    sets = user_set(real)
    (real / "common").mkdir()
    (real / "common" / "opening.j2").write_text("Opening for {{ title }}\n", encoding="utf-8")
    (sets / "shared.j2").symlink_to(real / "common" / "opening.j2")  # stays inside
    (tmp_path / "link").symlink_to(real)  # the folder itself given as a link
    folder = str(tmp_path / "link")
    shown = run_postkit("templates", "show", "linkedin", "--template-dir", folder)
    assert shown.returncode == 0, shown.stderr
    assert "{# ── linkedin/shared.j2 ── #}\nOpening for {{ title }}\n" in shown.stdout.decode()
    one = run_postkit("templates", "show", "linkedin/shared.j2", "--template-dir", folder)
    assert (one.returncode, one.stdout) == (0, b"Opening for {{ title }}\n")
