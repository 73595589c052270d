"""``postkit fix``: repair mojibake and broken emoji, line by line."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from postkit.cli.common import GivenPath, examples, handle_errors
from postkit.cli.output import output_failed, quiet_broken_pipe, say
from postkit.errors import ExitCode

if TYPE_CHECKING:
    from postkit.mojibake.repair import Repair  # the repair tables load only when fix runs


def describe(origin: str, number: int, repair: Repair) -> str:
    """One line for --explain: where, what was garbled, what it became, and why."""
    how = repair.codepage
    if repair.restored:
        lost = "byte" if repair.restored == 1 else "bytes"
        how += f", {repair.restored} lost {lost} restored"
    line = f"{origin}:{number}:{repair.start + 1}: {repair.garbled!r} → {repair.result} ({how})"
    if repair.alternatives:
        line += "; also possible: " + " ".join(repair.alternatives)
    return line


EPILOG = examples(
    "postkit fix post.txt > fixed.txt",
    "pbpaste | postkit fix - | pbcopy",
    "postkit fix --explain post.txt",
    "postkit fix --check post.txt",
)


@handle_errors
def fix(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            click_type=GivenPath("file (or - for stdin)", text=True),
            help="Text file to repair, or - for stdin.",
        ),
    ] = "-",
    explain: Annotated[
        bool, typer.Option("--explain", help="List each repair and its alternatives on stderr.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Print nothing; exit 1 if anything would be repaired."),
    ] = False,
) -> None:
    """Repair mojibake (emoji and accents read with the wrong code page); print the text."""
    from postkit.mojibake.stream import fix_lines, fixed_text
    from postkit.sources.files import origin_of, read_lines

    origin = origin_of(file)
    changed_lines = repairs = 0
    out = sys.stdout
    try:
        if not (explain or check):  # the text alone: no repair needs making
            out.writelines(fixed_text(read_lines(file)))
            out.flush()
            return
        for line in fix_lines(read_lines(file)):
            if line.changed:
                changed_lines += 1
                repairs += len(line.repairs)
                if explain:
                    for repair in line.repairs:
                        say(describe(origin, line.number, repair))
            if not check:
                out.write(line.text + line.ending)
        if not check:
            out.flush()
    except BrokenPipeError:
        quiet_broken_pipe()
    except OSError as exc:  # > /dev/full, a full disk
        output_failed(exc)
    if check:
        if repairs:
            say(f"postkit: {origin}: {repairs} garbled spans on {changed_lines} lines need repair")
            raise typer.Exit(int(ExitCode.PROBLEMS))
        say(f"postkit: {origin}: no mojibake found")
