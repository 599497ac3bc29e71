"""Matching a commitment against the pack's misconception checks (plain data, not code)."""

from __future__ import annotations

import re

from trustcoach.packs import Check
from trustcoach.text import normalize


def _pattern(word: str) -> re.Pattern[str]:
    """A word matches whole where it starts or ends with a Latin letter or digit, else anywhere."""
    folded = re.escape(normalize(word))
    start = r"\b" if re.match(r"[a-z0-9]", normalize(word)) else ""
    end = r"\b" if re.search(r"[a-z0-9]$", normalize(word)) else ""
    return re.compile(start + folded + end)


def matching_checks(text: str, checks: list[Check]) -> list[Check]:
    """The checks whose words appear in ``text``."""
    folded = normalize(text)
    return [check for check in checks if any(_pattern(w).search(folded) for w in check.words)]
