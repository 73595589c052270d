"""Start-up cost of ``postkit draft`` against its floor, measured in one run.

Run: ``python benchmarks/startup.py [--runs N] [--venv DIR] [--no-install]``.

It measures in a clean virtual environment, because a crowded interpreter
(editable installs, test tools, their site ``.pth`` files) slows bare Python
and so flatters every ratio to it. By default the venv is created in a
temporary folder and removed afterwards; ``--venv DIR`` creates it there, or
reuses it if it exists. The repository is installed into it non-editable
(``pip install .``, which needs PyPI for the build backend and the
dependencies; setuptools, which ensurepip adds before Python 3.12, is removed,
so that no site ``.pth`` file runs at start-up); ``--no-install`` reuses what
the venv already holds.

In that venv it times, as wall clock, interleaved round by round (so machine
noise falls on all cases alike), the median of N runs each, stdout to
/dev/null:

1. ``postkit draft "generative ai"`` (the console script; the plain, piped path),
2. ``python -c pass`` (bare Python),
3. ``python -c "import typer, jinja2"`` (the floor: the two libraries no
   draft can do without).

The draft is measured warm: its first run fills postkit's disk cache (the
parsed topic, the compiled templates, the emoji shortcodes it used), and that
run and one more of each case are discarded, as a user's second draft finds
it. Every run sees a temporary ``POSTKIT_HOME``, ``POSTKIT_CACHE_DIR`` and
``POSTKIT_CONFIG``, so the user's own config, topics and cache play no part.

Target: draft ≤ 1.3× the typer+jinja2 floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = 1.3
DRAFT = "postkit draft"
BARE = "python -c pass"
FLOOR = "import typer, jinja2"


def venv_bin(env_dir: Path, name: str) -> Path:
    """The path of an executable (``python``, ``postkit``) inside the venv."""
    if os.name == "nt":  # pragma: no cover - the benchmark is run on POSIX
        return env_dir / "Scripts" / f"{name}.exe"
    return env_dir / "bin" / name


def prepare_venv(env_dir: Path, install: bool) -> None:
    """Create the venv unless it exists, then install the repository into it."""
    python = venv_bin(env_dir, "python")
    if not python.exists():
        print(f"creating a clean venv in {env_dir}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    if not install:
        return
    print(f"installing {REPO} into it (pip install ., non-editable)", file=sys.stderr)
    # pip rebuilds and reinstalls a local folder even at the same version, so the
    # working tree's code is what gets measured. Its output is shown only on failure.
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"pip install failed with exit code {result.returncode}")
    # ensurepip adds setuptools before Python 3.12; its distutils-precedence.pth
    # runs at every start-up of the venv's Python, which postkit does not need.
    subprocess.run(
        [str(python), "-m", "pip", "uninstall", "--quiet", "--yes", "setuptools"],
        capture_output=True,
        check=False,
    )


def site_hooks(env_dir: Path) -> list[str]:
    """The ``.pth`` files in the venv: code that runs at every start-up of its Python."""
    return sorted(path.name for path in env_dir.glob("lib/python*/site-packages/*.pth"))


def clean_environment(scratch: Path) -> dict[str, str]:
    """The environment for every timed run: no PYTHON*/VIRTUAL_ENV/POSTKIT_*
    settings of the caller's, and postkit's files in a scratch folder."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "POSTKIT_")) and key != "VIRTUAL_ENV"
    }
    env["POSTKIT_HOME"] = str(scratch / "home")
    env["POSTKIT_CACHE_DIR"] = str(scratch / "cache")
    env["POSTKIT_CONFIG"] = str(scratch / "config.toml")  # absent: the built-in defaults
    return env


def time_once(command: list[str], env: dict[str, str]) -> float:
    """The wall time of one run of ``command``, its output discarded."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def measure(env_dir: Path, runs: int) -> dict[str, float]:
    """The median seconds of each case over ``runs`` interleaved rounds."""
    python = str(venv_bin(env_dir, "python"))
    cases = {
        DRAFT: [str(venv_bin(env_dir, "postkit")), "draft", "generative ai"],
        BARE: [python, "-c", "pass"],
        FLOOR: [python, "-c", "import typer, jinja2"],
    }
    with tempfile.TemporaryDirectory(prefix="postkit-startup-") as scratch:
        env = clean_environment(Path(scratch))
        # Warm-up, not timed: the first draft fills the topic and template cache;
        # the second run of each case finds the file cache and bytecode warm.
        for _ in range(2):
            for command in cases.values():
                time_once(command, env)
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, command in cases.items():
                samples[name].append(time_once(command, env))
    return {name: statistics.median(times) for name, times in samples.items()}


def report(medians: dict[str, float], runs: int) -> bool:
    """Print the medians and ratios; whether the target is met."""
    floor, bare = medians[FLOOR], medians[BARE]
    print(f"median of {runs} interleaved runs each, in a clean venv; the draft warm (cache filled)")
    print(f"{'case':<22} {'median':>9} {'× bare python':>14} {'× floor':>8}")
    for name, seconds in medians.items():
        print(
            f"{name:<22} {seconds * 1000:>7.1f}ms {seconds / bare:>13.2f}× {seconds / floor:>7.2f}×"
        )
    ratio = medians[DRAFT] / floor
    met = ratio <= TARGET
    print(f"draft / bare python = {medians[DRAFT] / bare:.2f}×")
    print(
        f"draft / floor (import typer, jinja2) = {ratio:.2f}× "
        f"(target ≤ {TARGET}×: {'met' if met else 'not met'})"
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per case (default 21)")
    parser.add_argument(
        "--venv", type=Path, help="create the venv here, or reuse it (default: a temporary one)"
    )
    parser.add_argument(
        "--no-install", action="store_true", help="reuse the venv's postkit; do not pip install"
    )
    args = parser.parse_args()
    if args.no_install and (args.venv is None or not venv_bin(args.venv, "postkit").exists()):
        parser.error("--no-install needs --venv DIR with postkit installed in it")
    if args.venv is not None:
        env_dir = args.venv.resolve()
        prepare_venv(env_dir, install=not args.no_install)
        print(f"site .pth files in the venv: {', '.join(site_hooks(env_dir)) or 'none'}")
        medians = measure(env_dir, args.runs)
    else:
        with tempfile.TemporaryDirectory(prefix="postkit-venv-") as temporary:
            prepare_venv(Path(temporary), install=True)
            print(
                f"site .pth files in the venv: {', '.join(site_hooks(Path(temporary))) or 'none'}"
            )
            medians = measure(Path(temporary), args.runs)
    report(medians, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
