"""Patterns compiled on first use (postkit.patterns), and the template budget that
compiles them before it limits memory."""

from __future__ import annotations

import re

import pytest

from postkit.patterns import lazy_regex, spaces_before_break, surrogate
from postkit.render.bounds import budget


def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every pattern re.compile is asked for from now on (cached or not)."""
    asked: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        asked.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    return asked


def test_a_lazy_pattern_is_compiled_on_its_first_use_and_only_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = compiles(monkeypatch)
    digits = lazy_regex(r"lazy-test-(\d+)", re.IGNORECASE)
    assert asked == []  # making it compiles nothing
    match = digits().fullmatch("LAZY-TEST-42")
    assert match is not None and match.group(1) == "42"  # the flags are kept
    assert digits() is digits()
    assert asked == [r"lazy-test-(\d+)"]  # once


def test_a_budget_compiles_the_waiting_patterns_before_it_limits_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a template ran out of memory, the process may be close to the next
    budget's limit: a pattern's first use (compiling allocates) inside that budget
    failed the next post in one batch run out of two."""
    asked = compiles(monkeypatch)
    waiting = lazy_regex(r"budget-test-\d+")
    with budget():
        compiled_before_the_block = list(asked)
        assert waiting().fullmatch("budget-test-7")
    assert r"budget-test-\d+" in compiled_before_the_block
    assert asked == compiled_before_the_block  # nothing compiled inside the block


def test_the_shared_patterns() -> None:
    assert surrogate().search("ok \ud83d here") is not None
    assert surrogate().search("ok 🚀 here") is None
    assert spaces_before_break().sub("", "a  \t\nb \nc  ") == "a\nb\nc"
    assert spaces_before_break().sub("", "a b\n") == "a b\n"  # inner spaces stay
