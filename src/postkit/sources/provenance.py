"""Where each part of a topic came from, for ``postkit draft --explain``.

Reading a page records, next to the Topic it makes, which front-matter key or
which lines of the page gave the title, the summary, each list; which kind the
page was taken for and why; which language and why; and what was left out
(navigation at line 3, boilerplate at line 7…). The record is returned beside
the Topic, never stored in it (nor in the cache): it describes one reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def line_ranges(lines: list[int]) -> str:
    """``[3, 4, 5, 9]`` → ``lines 3-5, 9``; ``[7]`` → ``line 7``."""
    numbers = sorted(set(lines))
    if not numbers:
        return "nowhere"
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and number <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    text = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs)
    return f"line {text}" if len(numbers) == 1 else f"lines {text}"


# The order --explain names the parts in: as a post reads.
_ORDER = (
    "title", "summary", "explanation", "version", "steps", "items", "added", "changed",
    "fixed", "examples", "tips", "pitfalls", "benefits", "hashtags", "url",
)  # fmt: skip


@dataclass
class Provenance:
    """One reading of a page: where each part came from, and what was skipped."""

    origin: str
    kind: str = "concept"
    kind_reason: str = ""
    language: str = "en"
    language_reason: str = ""
    parts: dict[str, str] = field(default_factory=dict)
    skipped: list[tuple[int, int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def part(self, name: str, where: str) -> None:
        """Say where a part of the topic came from (the first word wins)."""
        self.parts.setdefault(name, where)

    def lines(self, name: str, lines: list[int], note: str = "") -> None:
        """Say which lines of the page a part of the topic came from."""
        if lines:
            self.part(name, line_ranges(lines) + (f" ({note})" if note else ""))

    def skip(self, line: int, end: int, what: str) -> None:
        """Record a stretch of the page that was left out, once."""
        entry = (line, max(line, end), what)
        if entry not in self.skipped:
            self.skipped.append(entry)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def report(self) -> list[str]:
        """The lines ``--explain`` prints: kind, language, each part, what was skipped."""
        out = [f"kind: {self.kind} ({self.kind_reason})"]
        out.append(f"language: {self.language} ({self.language_reason})")
        order = {name: rank for rank, name in enumerate(_ORDER)}
        parts = sorted(self.parts.items(), key=lambda pair: order.get(pair[0], len(order)))
        out.extend(f"{name}: {where}" for name, where in parts)
        if self.skipped:
            shown = [
                f"{what} at line {line}" if line == end else f"{what} at lines {line}-{end}"
                for line, end, what in sorted(self.skipped)
            ]
            out.append("skipped: " + "; ".join(shown))
        else:
            out.append("skipped: nothing")
        return out
