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
    """Files besides the journals that are the user's: the index (plain or locked), the key
    file and the calendar's record (packs are a counselor's questions, meant to be shared, and
    are not checked)."""
    names = ("index.sqlite3", "index.locked", "lock.toml", "calendar.toml")
    paths = [home / name for name in names]
    return [path for path in paths if path.is_file() and not path.is_symlink()]


def examine(store: JournalStore) -> list[Finding]:
    """Check permissions, leftover temporary files, sync tools' files and the lock: everything
    that needs no passphrase (``examine_journals`` reads the journals)."""
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
    stale = stale_temporaries(store.home)
    stale += stale_temporaries(store.folder) if store.folder.is_dir() else []
    findings += [_problem("doctor_stale", path=path) for path in stale]
    findings += [_entry_finding(entry) for entry in others(store.folder)]
    findings += _checkin_findings(store)
    findings += _lock_findings(store.home)
    return findings


def examine_journals(store: JournalStore) -> list[Finding]:
    """Read every journal: the ones that cannot be read, and how many can."""
    findings: list[Finding] = []
    if not store.home.exists():
        return findings
    scanned = store.scan()
    bad = [found for found in scanned if isinstance(found, Unreadable)]
    findings += [
        _problem("doctor_unreadable", path=found.path, problem=found.problem) for found in bad
    ]
    read = len(scanned) - len(bad)
    findings.append(Finding(True, Message("doctor_read_ok", {"count": read})))
    return findings + _checkin_days(store)


def _checkin_findings(store: JournalStore) -> list[Finding]:
    """The check-ins folder: its mode, loose or leftover files, files that are not days (all
    without the passphrase)."""
    from trustcoach.journal.checkins.book import CheckinBook

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
    return findings + [
        Finding(True, Message("doctor_not_checkin", {"path": path}), note=True)
        for path in book.others()
    ]


def _checkin_days(store: JournalStore) -> list[Finding]:
    """Every day of check-ins read: the ones that cannot be read, and how many can."""
    from trustcoach.journal.checkins.book import CheckinBook

    book = CheckinBook(store)
    if book.folder.is_symlink() or not book.folder.is_dir():
        return []
    read, bad = book.unreadable()
    findings = [_problem("doctor_unreadable", path=u.path, problem=u.problem) for u in bad]
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


def _lock_findings(home: Path) -> list[Finding]:
    """A locked home: whether its key file can be used, and what is still in the clear (a lock
    that was cut short, a plain index). Nothing here needs the passphrase."""
    from trustcoach.errors import UsageError
    from trustcoach.home.locking import plain_files
    from trustcoach.journal.index_file import INDEX_FILE
    from trustcoach.lock.keyfile import key_file_path, read_key_file

    path = key_file_path(home)
    if not os.path.lexists(path):
        return []
    try:
        key_file = read_key_file(home)
    except UsageError as exc:
        return [Finding(False, exc.message)]
    findings = [Finding(True, Message("doctor_locked", {"path": path}))]
    if key_file.retired_id:
        findings.append(_problem("doctor_change_cut_short"))
    findings += [_problem("doctor_not_locked_yet", path=plain) for plain in plain_files(home)]
    if os.path.lexists(home / INDEX_FILE):
        findings.append(_problem("doctor_plain_index", path=home / INDEX_FILE))
    return findings


def sealed_headers(store: JournalStore) -> list[Finding]:
    """What can be told of a locked home's journals without the passphrase: a journal sealed
    with another key, or by a newer trustcoach; and a note that the rest was not opened."""
    from trustcoach.home.locking import first_bytes
    from trustcoach.lock import crypto
    from trustcoach.lock.keyfile import read_key_file

    key_file = read_key_file(store.home)
    key_ids = {key_file.key_id, key_file.retired_id}  # the old key too, while it is retired
    findings = []
    for session_id in store.session_ids():
        path = store.path_for(session_id)
        head = first_bytes(path, crypto.HEADER)
        if head is None or not crypto.is_sealed(head):
            continue
        reason: Key | None = None
        if len(head) < crypto.HEADER or head[len(crypto.MAGIC)] != crypto.VERSION:
            reason = "sealed_newer" if len(head) == crypto.HEADER else "sealed_damaged"
        elif head[len(crypto.MAGIC) + 1 :] not in key_ids:
            reason = "sealed_other_key"
        if reason is not None:
            findings.append(_problem("doctor_unreadable", path=path, problem=Message(reason)))
    findings.append(Finding(True, Message("doctor_not_opened"), note=True))
    return findings
