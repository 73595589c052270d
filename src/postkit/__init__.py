"""postkit: draft social media posts with emoji that are always correctly encoded.

The library API is what the CLI uses::

    from postkit import draft_post
    post = draft_post("generative ai")
    print(post.text)

Importing postkit does not import Typer or rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from postkit.drafting import draft_from_page, draft_post, render_post
from postkit.errors import PostkitError
from postkit.model import DraftOptions, Post, Topic
from postkit.sources.topics import load_topic

if TYPE_CHECKING:
    from postkit.mojibake.repair import fix_text
    from postkit.platforms.check import CheckResult, check_post

# Imported on first use (PEP 562): drafting should not pay for the mojibake
# tables or the linter at start-up.
_LAZY = {
    "fix_text": "postkit.mojibake.repair",
    "check_post": "postkit.platforms.check",
    "CheckResult": "postkit.platforms.check",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'postkit' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "CheckResult",
    "DraftOptions",
    "Post",
    "PostkitError",
    "Topic",
    "check_post",
    "draft_from_page",
    "draft_post",
    "fix_text",
    "load_topic",
    "render_post",
]
