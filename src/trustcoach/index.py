"""Summaries of every journal, kept in a derived SQLite index so looking back stays fast.

The journals are the only source of truth. The index (``<home>/index.sqlite3``) caches one
summary per journal file, keyed on the file's name, size and modification time; a file that
changed, appeared or vanished is re-read or dropped on the next scan. A missing, stale or
corrupt index is rebuilt automatically, and when the index cannot be written at all (a
read-only home) the summaries are simply computed from the journals.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trustcoach.history import SessionSummary

if TYPE_CHECKING:
    import sqlite3

    from trustcoach.store import JournalStore

INDEX_FILE = "index.sqlite3"
INDEX_VERSION = 1
PROGRESS_AFTER = 0.5  # seconds of re-reading before a progress bar appears


@dataclass(frozen=True)
class Unreadable:
    """A journal file that could not be read, with the reason."""

    path: Path
    problem: str


@dataclass(frozen=True)
class _Entry:
    size: int
    mtime_ns: int
    summary: str | None  # JSON of SessionSummary.to_dict(), or None when unreadable
    problem: str


def scan(store: JournalStore) -> tuple[list[SessionSummary], list[Unreadable]]:
    """Summaries of the readable journals (oldest first) and the unreadable files."""
    current = _stat_journals(store)
    db = _open_index(store)
    cached = _load_entries(db) if db is not None else {}
    fresh: dict[str, _Entry] = {}
    stale = [sid for sid, key in current.items() if _key(cached.get(sid)) != key]
    if stale:
        fresh = _read_journals(store, stale, current)
    summaries: list[SessionSummary] = []
    unreadable: list[Unreadable] = []
    for session_id in sorted(current):
        entry = fresh.get(session_id) or cached[session_id]
        if entry.summary is None:
            unreadable.append(Unreadable(store.folder / f"{session_id}.toml", entry.problem))
        else:
            summaries.append(SessionSummary.from_dict(json.loads(entry.summary)))
    gone = [sid for sid in cached if sid not in current]
    if db is not None:
        if fresh or gone:
            _save_entries(db, fresh, gone)
        db.close()
    return summaries, unreadable


def summaries(store: JournalStore) -> list[SessionSummary]:
    """Summaries of the readable journals, oldest first."""
    return scan(store)[0]


def _key(entry: _Entry | None) -> tuple[int, int] | None:
    return None if entry is None else (entry.size, entry.mtime_ns)


def _stat_journals(store: JournalStore) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for session_id in store.session_ids():
        try:
            info = os.stat(store.folder / f"{session_id}.toml")
        except OSError:
            continue
        found[session_id] = (info.st_size, info.st_mtime_ns)
    return found


def _read_journals(
    store: JournalStore, session_ids: list[str], keys: dict[str, tuple[int, int]]
) -> dict[str, _Entry]:
    """Parse the journals whose cached summary is missing or out of date."""
    from trustcoach.errors import JournalError
    from trustcoach.history import summarize
    from trustcoach.journal import parse_journal

    started = time.monotonic()
    bar = _ProgressBar(len(session_ids))
    entries: dict[str, _Entry] = {}
    for done, session_id in enumerate(session_ids, start=1):
        size, mtime_ns = keys[session_id]
        path = store.folder / f"{session_id}.toml"
        try:
            summary = summarize(parse_journal(path.read_bytes()))
            entry = _Entry(size, mtime_ns, json.dumps(summary.to_dict(), ensure_ascii=False), "")
        except JournalError as exc:
            entry = _Entry(size, mtime_ns, None, exc.message)
        except OSError as exc:
            entry = _Entry(size, mtime_ns, None, f"cannot be read: {exc.strerror}")
        entries[session_id] = entry
        if time.monotonic() - started > PROGRESS_AFTER:
            bar.show(done)
    bar.close()
    return entries


class _ProgressBar:
    """A one-line progress bar on standard error, only at a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.visible = False
        self.enabled = sys.stderr.isatty()

    def show(self, done: int) -> None:
        if not self.enabled or (done % 50 and done != self.total):
            return
        width = 30
        filled = width * done // self.total
        sys.stderr.write(
            f"\rReading journals [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}"
        )
        sys.stderr.flush()
        self.visible = True

    def close(self) -> None:
        if self.visible:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()


def _open_index(store: JournalStore) -> sqlite3.Connection | None:
    """The index database, created or rebuilt as needed; None when it cannot be used."""
    import sqlite3

    path = store.home / INDEX_FILE
    if not store.home.is_dir() or path.is_symlink():
        return None
    for _ in range(2):
        try:
            db = sqlite3.connect(path, timeout=5)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != INDEX_VERSION:
                db.executescript(
                    "DROP TABLE IF EXISTS journals;"
                    "CREATE TABLE journals (id TEXT PRIMARY KEY, size INTEGER, "
                    "mtime_ns INTEGER, summary TEXT, problem TEXT);"
                    f"PRAGMA user_version = {INDEX_VERSION};"
                )
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
            return db
        except sqlite3.DatabaseError:  # corrupt or not a database: start again
            with contextlib.suppress(Exception):
                db.close()
            with contextlib.suppress(OSError):
                path.unlink()
        except (sqlite3.Error, OSError):
            return None
    return None


def _load_entries(db: sqlite3.Connection) -> dict[str, _Entry]:
    import sqlite3

    try:
        rows = db.execute("SELECT id, size, mtime_ns, summary, problem FROM journals").fetchall()
    except sqlite3.Error:
        return {}
    return {row[0]: _Entry(row[1], row[2], row[3], row[4] or "") for row in rows}


def _save_entries(db: sqlite3.Connection, fresh: dict[str, _Entry], gone: list[str]) -> None:
    """Write changes in one transaction; a busy or read-only index is left for next time."""
    import sqlite3

    rows: list[tuple[Any, ...]] = [
        (sid, e.size, e.mtime_ns, e.summary, e.problem) for sid, e in fresh.items()
    ]
    try:
        with db:
            db.executemany("INSERT OR REPLACE INTO journals VALUES (?, ?, ?, ?, ?)", rows)
            db.executemany("DELETE FROM journals WHERE id = ?", [(sid,) for sid in gone])
    except sqlite3.Error:
        pass
