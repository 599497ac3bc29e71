"""What a reader of an export sees: its text as plain text, the sentence about what was left
out, and a page that fetches nothing."""

from __future__ import annotations

import html
import json
import re
from typing import Any


def strip_tags(markup: str) -> str:
    """The text of an HTML document, its style sheet left out."""
    markup = re.sub(r"<style>.*?</style>", " ", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def plain_text(fmt: str, text: str) -> str:
    """What a reader of an export sees, as plain text."""
    if fmt == "md":
        from markdown_it import MarkdownIt

        return strip_tags(MarkdownIt("commonmark").enable("table").render(text))
    if fmt == "html":
        return strip_tags(text)

    def strings(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [str(value)]

    return "\n".join(strings(json.loads(text)))


def left_out_sentence(count: int) -> str:
    """What an export says about the answers left out of it."""
    if count == 1:
        return "1 answer was left out of this export."
    return f"{count} answers were left out of this export."


def assert_self_contained(page: str) -> None:
    """Nothing a browser would fetch: no links, scripts, images, imports or URLs."""
    without_namespace = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for needle in ("http", "src=", "<link", "@import", "url(", "<script", "<img", "<iframe"):
        assert needle not in without_namespace, needle
