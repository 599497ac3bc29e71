"""Summaries of every journal, for list, progress, the home screen and reviews.

The journals are the only source of truth; this module reads them and derives summaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trustcoach.history import SessionSummary, summarize
from trustcoach.journal import JournalStore


@dataclass(frozen=True)
class Unreadable:
    """A journal file that could not be read, with the reason."""

    path: Path
    problem: str


def scan(store: JournalStore) -> tuple[list[SessionSummary], list[Unreadable]]:
    """Summaries of the readable journals (oldest first) and the unreadable files."""
    readable: list[SessionSummary] = []
    unreadable: list[Unreadable] = []
    for found in store.scan():
        if found.journal is None:
            unreadable.append(Unreadable(found.path, found.problem))
        else:
            readable.append(summarize(found.journal))
    return readable, unreadable


def summaries(store: JournalStore) -> list[SessionSummary]:
    """Summaries of the readable journals, oldest first."""
    return scan(store)[0]
