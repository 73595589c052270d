"""Peak memory of a postkit process, measured so that the test runner's size never shows.

Linux carries a process's high-water mark into a forked child's ``ru_maxrss``
across ``exec``, so a child of pytest would report pytest's own size. A small
launcher process therefore starts postkit and reports its child's peak.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import IO

# Starts postkit under an address-space limit (a runaway fails fast instead of
# filling the machine) and prints its exit code and peak RSS in KiB.
_LAUNCHER = """
import json, resource, subprocess, sys
limit = int(sys.argv[1])
def bounded():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
done = subprocess.run([sys.executable, "-m", "postkit", *sys.argv[2:]], preexec_fn=bounded,
                      stdout=subprocess.DEVNULL)
print(json.dumps({"code": done.returncode,
                  "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def peak_rss(
    args: list[str], stdin: IO[bytes] | int, stderr: IO[bytes], *, limit: int = 2 * 1024**3
) -> tuple[int, int]:
    """Run ``postkit ARGS``; its exit code and its peak memory (RSS) in bytes."""
    launcher = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, str(limit), *args],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=stderr,
        timeout=120,
        check=True,
    )
    report = json.loads(launcher.stdout)
    return int(report["code"]), int(report["peak_kib"]) * 1024
