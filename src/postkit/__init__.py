"""postkit: draft social media posts with emoji that are always correctly encoded.

The library API is what the CLI uses::

    from postkit import draft_post
    post = draft_post("generative ai")
    print(post.text)

Importing postkit does not import Typer or rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from postkit.drafting import draft_from_page, draft_post, render_post
    from postkit.errors import PostkitError
    from postkit.model import DraftOptions, Post, Topic
    from postkit.mojibake.repair import find_repairs, fix_text
    from postkit.platforms.check import CheckResult, check_post
    from postkit.sources.pages import load_page
    from postkit.sources.topics import load_topic

    __version__: str

# Every public name is imported on first use (PEP 562): ``import postkit.errors``
# (which the command line does first) must not pay for drafting, and drafting
# must not pay for the mojibake tables or the linter.
_LAZY = {
    "draft_post": "postkit.drafting",
    "draft_from_page": "postkit.drafting",
    "render_post": "postkit.drafting",
    "PostkitError": "postkit.errors",
    "DraftOptions": "postkit.model",
    "Post": "postkit.model",
    "Topic": "postkit.model",
    "load_topic": "postkit.sources.topics",
    "load_page": "postkit.sources.pages",
    "fix_text": "postkit.mojibake.repair",
    "find_repairs": "postkit.mojibake.repair",
    "check_post": "postkit.platforms.check",
    "CheckResult": "postkit.platforms.check",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("postkit")
        except PackageNotFoundError:  # run from a source tree that was never installed
            value = "0+unknown"
    else:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'postkit' has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "CheckResult",
    "DraftOptions",
    "Post",
    "PostkitError",
    "Topic",
    "__version__",
    "check_post",
    "draft_from_page",
    "draft_post",
    "find_repairs",
    "fix_text",
    "load_page",
    "load_topic",
    "render_post",
]
