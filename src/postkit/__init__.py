"""postkit: draft social media posts with emoji that are always correctly encoded.

The library API is what the CLI uses::

    from postkit import draft_post
    post = draft_post("generative ai")
    print(post.text)

Importing postkit does not import Typer or rich.
"""

from __future__ import annotations

from postkit.drafting import DraftOptions, Post, draft_from_page, draft_post, render_post
from postkit.errors import PostkitError
from postkit.mojibake import fix_text
from postkit.topics import Topic, load_topic

__all__ = [
    "DraftOptions",
    "Post",
    "PostkitError",
    "Topic",
    "draft_from_page",
    "draft_post",
    "fix_text",
    "load_topic",
    "render_post",
]
