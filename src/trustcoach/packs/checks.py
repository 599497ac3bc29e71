"""Matching a commitment against the pack's misconception checks (plain data, not code)."""

from __future__ import annotations

import re

from trustcoach.packs.model import Check
from trustcoach.text import normalize


def _pattern(word: str) -> re.Pattern[str]:
    """A word that starts or ends with a Latin letter or digit must not touch another one there
    ("tell" is not found in "hotel"); Japanese text around it does not count ("LINEを送る")."""
    folded = normalize(word)
    start = r"(?<![a-z0-9])" if re.match(r"[a-z0-9]", folded) else ""
    end = r"(?![a-z0-9])" if re.search(r"[a-z0-9]$", folded) else ""
    return re.compile(start + re.escape(folded) + end)


def matching_checks(text: str, checks: list[Check]) -> list[Check]:
    """The checks whose words appear in ``text``."""
    folded = normalize(text)
    return [check for check in checks if any(_pattern(w).search(folded) for w in check.words)]
