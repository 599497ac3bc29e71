"""The health of the home: permissions, leftovers of crashes and journals that cannot be read.

``trustcoach doctor`` shows these findings, with the problems of the user's own packs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from trustcoach.journal.store import JournalStore, Unreadable


@dataclass(frozen=True)
class Finding:
    """One thing doctor noticed: a problem, or a check that passed."""

    ok: bool
    text: str


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _other_files(home: Path) -> list[Path]:
    """Files besides the journals that hold the user's words: the index (packs are a
    counselor's questions, meant to be shared, and are not checked)."""
    index = home / "index.sqlite3"
    return [index] if index.is_file() and not index.is_symlink() else []


def examine(store: JournalStore) -> list[Finding]:
    """Check permissions, leftover temporary files and unreadable journals."""
    findings: list[Finding] = []
    if not store.home.exists():
        return [
            Finding(True, f"{store.home} does not exist yet; it is created at the first session")
        ]
    for folder in (store.home, store.folder):
        if folder.is_symlink():
            findings.append(Finding(False, f"{folder} is a symbolic link; make it a real folder"))
        elif folder.is_dir() and _mode(folder) != 0o700:
            findings.append(
                Finding(False, f"{folder} has mode {_mode(folder):o}; run: chmod 700 '{folder}'")
            )
    for folder in (store.home, store.folder):
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            findings.append(
                Finding(
                    False,
                    f"{folder} is read-only, so answers cannot be saved; run: chmod u+w '{folder}'",
                )
            )
    loose = store.loose_files() if store.folder.is_dir() else []
    loose += [path for path in _other_files(store.home) if _mode(path) & 0o077]
    for path in loose:
        findings.append(Finding(False, f"{path} can be read by others; run: chmod 600 '{path}'"))
    stale = store.stale_temporaries() if store.folder.is_dir() else []
    for path in stale:
        findings.append(
            Finding(False, f"{path} was left by an interrupted save; it is safe to delete")
        )
    scanned = store.scan()
    bad = [found for found in scanned if isinstance(found, Unreadable)]
    for found in bad:
        findings.append(
            Finding(False, f"{found.path} {found.problem}; trustcoach will not change it")
        )
    findings.append(Finding(True, f"{len(scanned) - len(bad)} journal(s) read without problems"))
    return findings
