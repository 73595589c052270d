"""`postkit templates show` reads a user's templates as drafting loads them.

A link in a user's template folder that leads outside it (to /etc/passwd, a
linked folder, a linked set) is refused with one line and exit 2, and the
file it leads to is never printed; links that stay inside still show.
`postkit templates eject`, even with --force, never writes through such a
link: it refuses with one line naming the link before writing anything.
"""

from __future__ import annotations

import os
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


# ------------------------------------------------------------ templates eject

EDITED = "{# edited by its owner #}\n"


def edit_every_file(folder: Path) -> list[Path]:
    """Mark each regular template file under ``folder`` (links not followed) as edited."""
    files = []
    for directory, _, names in os.walk(folder):  # does not descend into linked folders
        for name in names:
            path = Path(directory) / name
            if path.suffix == ".j2" and not path.is_symlink():
                path.write_text(EDITED, encoding="utf-8")
                files.append(path)
    return files


@pytest.mark.parametrize("how", ["linked-file", "linked-set", "dangling-link"])
def test_eject_force_never_writes_through_a_link_out_of_the_folder(
    tmp_path: Path, how: str
) -> None:
    folder, outside = tmp_path / "T", tmp_path / "outside"
    outside.mkdir()
    assert run_postkit("templates", "eject", str(folder)).returncode == 0
    (outside / "secret.j2").write_text(SECRET, encoding="utf-8")
    sets = folder / "linkedin"
    if how == "linked-file":
        (sets / "cta.j2").unlink()
        (sets / "cta.j2").symlink_to(outside / "secret.j2")
        link, leads_to = sets / "cta.j2", outside / "secret.j2"
    elif how == "linked-set":
        shutil.move(sets, outside / "linkedin")
        sets.symlink_to(outside / "linkedin")
        link, leads_to = sets, outside / "linkedin"
    else:  # a link to a file that is not there yet: writing through it would create it
        (sets / "cta.j2").unlink()
        (sets / "cta.j2").symlink_to(outside / "new.j2")
        link, leads_to = sets / "cta.j2", outside / "new.j2"
    edited = edit_every_file(folder) + edit_every_file(outside / "linkedin")
    result = run_postkit("templates", "eject", str(folder), "--force")
    err = result.stderr.decode("utf-8")
    assert (result.returncode, result.stdout) == (2, b""), err
    assert err == (
        f"postkit: error: {link}: refused: a link that leads outside {folder} "
        f"(to {os.path.realpath(leads_to)}); eject writes only inside the folder: "
        "remove the link, or eject into a new folder\n"
    )
    assert (outside / "secret.j2").read_text(encoding="utf-8") == SECRET
    assert not (outside / "new.j2").exists()
    assert link.is_symlink()  # the user's link is left as it was
    # Refused before anything was written: inside the folder and out of it.
    assert [path for path in edited if path.read_text(encoding="utf-8") != EDITED] == []


def test_eject_into_a_folder_holding_only_a_linked_set_writes_nothing(tmp_path: Path) -> None:
    folder, outside = tmp_path / "T", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "linkedin").symlink_to(outside)
    result = run_postkit("templates", "eject", str(folder))  # no file in the way: no --force
    assert result.returncode == 2
    assert result.stderr.decode("utf-8").startswith(
        f"postkit: error: {folder / 'linkedin'}: refused: a link that leads outside {folder} "
    )
    assert list(outside.iterdir()) == []
    assert list(folder.iterdir()) == [folder / "linkedin"]


def test_eject_follows_links_that_stay_inside_and_a_linked_folder(tmp_path: Path) -> None:
    real = tmp_path / "real"
    assert run_postkit("templates", "eject", str(real)).returncode == 0
    (real / "linkedin" / "cta.j2").unlink()
    (real / "linkedin" / "cta.j2").symlink_to(real / "x" / "cta.j2")  # stays inside
    (tmp_path / "link").symlink_to(real)  # the folder itself given as a link
    (real / "linkedin" / "intro.j2").write_text(EDITED, encoding="utf-8")
    result = run_postkit("templates", "eject", str(tmp_path / "link"), "--force")
    assert result.returncode == 0, result.stderr
    assert (real / "linkedin" / "cta.j2").is_symlink()
    builtin = builtin_template_dir() / "linkedin" / "intro.j2"
    assert (real / "linkedin" / "intro.j2").read_bytes() == builtin.read_bytes()
