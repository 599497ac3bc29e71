"""The health of the home: permissions, leftovers of crashes, journals that cannot be read,
copies left by sync tools, and files in the journals folder that are not journals.

``trustcoach doctor`` shows these findings, with the problems of the user's own packs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trustcoach.catalog.say import Message
from trustcoach.journal.folder import Entry, loose_files, others, stale_temporaries
from trustcoach.journal.store import JournalStore, Unreadable

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key


@dataclass(frozen=True)
class Finding:
    """One thing doctor noticed: a problem, a check that passed, or (``note``) something
    harmless worth knowing (words for the CLI to say)."""

    ok: bool
    message: Message
    note: bool = False


def _problem(key: Key, /, **values: object) -> Finding:
    return Finding(False, Message(key, values))


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
        return [Finding(True, Message("doctor_no_home", {"home": store.home}))]
    for folder in (store.home, store.folder):
        if folder.is_symlink():
            findings.append(_problem("doctor_symlink", folder=folder))
        elif folder.is_dir() and _mode(folder) != 0o700:
            findings.append(_problem("doctor_mode", folder=folder, mode=f"{_mode(folder):o}"))
    for folder in (store.home, store.folder):
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            findings.append(_problem("doctor_read_only", folder=folder))
    loose = loose_files(store.folder) if store.folder.is_dir() else []
    loose += [path for path in _other_files(store.home) if _mode(path) & 0o077]
    findings += [_problem("doctor_loose", path=path) for path in loose]
    stale = stale_temporaries(store.folder) if store.folder.is_dir() else []
    findings += [_problem("doctor_stale", path=path) for path in stale]
    findings += [_entry_finding(entry) for entry in others(store.folder)]
    scanned = store.scan()
    bad = [found for found in scanned if isinstance(found, Unreadable)]
    findings += [
        _problem("doctor_unreadable", path=found.path, problem=found.problem) for found in bad
    ]
    read = len(scanned) - len(bad)
    findings.append(Finding(True, Message("doctor_read_ok", {"count": read})))
    return findings + _checkin_findings(store)


def _checkin_findings(store: JournalStore) -> list[Finding]:
    """The check-ins folder: its mode, loose or leftover files, and days that cannot be read."""
    from trustcoach.journal.checkins import CheckinBook

    book = CheckinBook(store)
    folder = book.folder
    if folder.is_symlink():
        return [_problem("doctor_symlink", folder=folder)]
    if not folder.is_dir():
        return []
    findings = []
    if _mode(folder) != 0o700:
        findings.append(_problem("doctor_mode", folder=folder, mode=f"{_mode(folder):o}"))
    findings += [_problem("doctor_loose", path=path) for path in book.loose_files()]
    findings += [_problem("doctor_stale", path=path) for path in book.stale_temporaries()]
    read, bad = book.unreadable()
    findings += [_problem("doctor_unreadable", path=u.path, problem=u.problem) for u in bad]
    findings += [
        Finding(True, Message("doctor_not_checkin", {"path": path}), note=True)
        for path in book.others()
    ]
    findings.append(Finding(True, Message("doctor_checkins_ok", {"count": read})))
    return findings


def _entry_finding(entry: Entry) -> Finding:
    """What doctor says about something in the journals folder that is not a journal."""
    values = {"path": entry.path, "id": entry.session, "tool": entry.tool}
    if entry.kind == "copy":
        values["journal"] = entry.journal
        if os.path.lexists(entry.journal):
            return Finding(False, Message("doctor_sync_copy", values))
        return Finding(False, Message("doctor_sync_copy_alone", values))
    if entry.kind == "partial":
        return Finding(True, Message("doctor_sync_partial", values), note=True)
    return Finding(True, Message("doctor_not_journal", {"path": entry.path}), note=True)
