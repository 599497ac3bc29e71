"""The rows of every journal, kept in a derived SQLite index so looking back stays fast.

The journals are the only source of truth. The index (``<home>/index.sqlite3``; in a locked
home ``index.locked``, sealed whole: ``index_file.py``) caches the rows of each journal file,
keyed on the file's name, size and modification time; a file that changed, appeared or
vanished is re-read or dropped on the next scan. A missing, stale or
corrupt index is rebuilt automatically, and when it cannot be written at all (a read-only
home, another process holding it) the rows are computed from the journals instead.

The totals over all sessions (commitments made and kept, first-review outcomes, commitments
still open) are computed by ``history.build_history`` when rows change and kept as one JSON
summary, so that reading them costs the same after 10 or 10,000 sessions.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from trustcoach.catalog.say import Message, message_from_json, message_json
from trustcoach.errors import TrustcoachError
from trustcoach.journal.history import CommitmentRow, History, ReviewRow, SessionRow, build_history
from trustcoach.journal.index_file import INDEX_FILE, open_index
from trustcoach.journal.store import Unreadable
from trustcoach.journal.summary import all_rows, read_summary, store_summary, totals_of

if TYPE_CHECKING:
    import sqlite3

    from trustcoach.journal.store import JournalStore

Progress = Callable[[int, int], None]  # (journals read, journals to read)

__all__ = ["INDEX_FILE", "history", "later_reviews", "scan"]

# 6: a journal whose id is not its file name is unreadable; 7: toward, the beliefs, left;
# 8: journals of schema version 2 are read (an index kept by an earlier trustcoach holds them
# as unreadable, "written by a newer trustcoach", under the same name, size and time);
# 9: a commitment's schedule
INDEX_VERSION = 9
PROGRESS_AFTER = 0.5  # seconds of re-reading before a progress bar appears

_SCHEMA = f"""
DROP TABLE IF EXISTS files;
DROP TABLE IF EXISTS sessions;
DROP TABLE IF EXISTS commitments;
DROP TABLE IF EXISTS reviews;
DROP TABLE IF EXISTS journals;
DROP TABLE IF EXISTS meta;
CREATE TABLE files (id TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, problem TEXT);
CREATE TABLE sessions (id TEXT PRIMARY KEY, started_on TEXT, status TEXT, lang TEXT,
    pack TEXT, self_trust INTEGER, partner_trust INTEGER, never_start INTEGER,
    never_end INTEGER, words_start INTEGER, words_end INTEGER, others_start INTEGER,
    others_end INTEGER, left INTEGER);
CREATE TABLE commitments (session TEXT, id TEXT, text TEXT, due TEXT, toward TEXT,
    schedule TEXT);
CREATE TABLE reviews (reviewed_in TEXT, session TEXT, commitment TEXT, outcome TEXT,
    reviewed_on TEXT, toward TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE INDEX commitments_by_session ON commitments (session);
CREATE INDEX reviews_by_session ON reviews (reviewed_in);
CREATE INDEX reviews_by_commitment ON reviews (session, commitment);
PRAGMA user_version = {INDEX_VERSION};
"""


class _Parsed(NamedTuple):
    size: int
    mtime_ns: int
    problem: Message | None
    session: SessionRow | None
    commitments: list[CommitmentRow]
    reviews: list[ReviewRow]


def scan(
    store: JournalStore, progress: Progress | None = None, others: list[str] | None = None
) -> tuple[History, list[Unreadable]]:
    """The rows of every readable journal (oldest first), and the files that cannot be read.

    Re-reading many journals calls ``progress(done, total)`` now and then, after the first
    half second, so that the caller can show how far it got. The names in the journals folder
    that are not journals are appended to ``others`` when it is given (from the same pass).
    """
    current = _stat_journals(store, others)
    index = open_index(store, _SCHEMA, INDEX_VERSION, _bytes_of(current))
    if index is None:
        return _from_parsed(store, _read_journals(store, sorted(current), current, progress))
    db = index.db
    try:
        signature = _signature(current)
        if _stored_signature(db) != signature:
            known = {
                row[0]: (row[1], row[2])
                for row in db.execute("SELECT id, size, mtime_ns FROM files").fetchall()
            }
            stale = sorted(sid for sid, key in current.items() if known.get(sid) != key)
            gone = [sid for sid in known if sid not in current]
            _update(db, _read_journals(store, stale, current, progress), gone, signature)
            index.keep()
        return _load(store, db)
    except TrustcoachError:  # the passphrase was not given, or the key file is damaged
        raise
    except Exception:  # a busy, read-only or damaged index: read the journals themselves
        return _from_parsed(store, _read_journals(store, sorted(current), current, progress))
    finally:
        index.close()


def _bytes_of(current: dict[str, tuple[int, int]]) -> tuple[int, int]:
    """How many journal files there are, and their size in all."""
    return len(current), sum(size for size, _ in current.values())


def _signature(current: dict[str, tuple[int, int]]) -> str:
    """One value that changes whenever a journal file appears, vanishes, is renamed or changes:
    the count, and sums of the names' checksums, the sizes and the modification times."""
    from zlib import crc32

    names = sum(crc32(session_id.encode()) for session_id in current)
    sizes = sum(size for size, _ in current.values())
    times = sum(mtime_ns for _, mtime_ns in current.values())
    return f"{len(current)}:{names}:{sizes}:{times}"


def _stored_signature(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
    return None if row is None else str(row[0])


def history(store: JournalStore, progress: Progress | None = None) -> History:
    """The rows of every readable journal, oldest first."""
    return scan(store, progress)[0]


def _stat_journals(
    store: JournalStore, others: list[str] | None = None
) -> dict[str, tuple[int, int]]:
    """Size and modification time of every journal file, by session id (one directory pass);
    the other names go to ``others`` when it is given."""
    from trustcoach.names import SESSION_ID_RE

    found: dict[str, tuple[int, int]] = {}
    try:
        entries = os.scandir(store.folder)
    except OSError:
        return found
    with entries:
        for entry in entries:
            name = entry.name
            if not name.endswith(".toml") or not SESSION_ID_RE.fullmatch(name[:-5]):
                if others is not None:
                    others.append(name)
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            found[name[:-5]] = (info.st_size, info.st_mtime_ns)
    return found


def _read_journals(
    store: JournalStore,
    session_ids: list[str],
    keys: dict[str, tuple[int, int]],
    progress: Progress | None,
) -> dict[str, _Parsed]:
    """Parse journals into rows, telling ``progress`` how far it got when this takes a while."""
    from trustcoach.journal.history import journal_rows
    from trustcoach.journal.store import Unreadable

    started = time.monotonic()
    parsed: dict[str, _Parsed] = {}
    for done, session_id in enumerate(session_ids, start=1):
        size, mtime_ns = keys[session_id]
        found = store.read(session_id, fast=True)
        if isinstance(found, Unreadable):
            parsed[session_id] = _Parsed(size, mtime_ns, found.problem, None, [], [])
        else:
            session, commitments, reviews = journal_rows(found)
            parsed[session_id] = _Parsed(size, mtime_ns, None, session, commitments, reviews)
        if progress is not None and time.monotonic() - started > PROGRESS_AFTER:
            progress(done, len(session_ids))
    return parsed


def _from_parsed(
    store: JournalStore, parsed: dict[str, _Parsed]
) -> tuple[History, list[Unreadable]]:
    sessions: list[SessionRow] = []
    commitments: list[CommitmentRow] = []
    reviews: list[ReviewRow] = []
    unreadable = []
    for session_id in sorted(parsed):
        item = parsed[session_id]
        if item.session is None:
            problem = item.problem or Message("journal_unreadable_cached")
            unreadable.append(Unreadable(store.folder / f"{session_id}.toml", problem))
            continue
        sessions.append(item.session)
        commitments.extend(item.commitments)
        reviews.extend(item.reviews)
    return build_history(sessions, commitments, reviews), unreadable


def _update(
    db: sqlite3.Connection, parsed: dict[str, _Parsed], gone: list[str], signature: str
) -> None:
    """Replace the rows of changed journals and drop vanished ones, in one transaction."""
    changed = [(sid,) for sid in [*parsed, *gone]]
    with db:
        for table, column in (
            ("files", "id"),
            ("sessions", "id"),
            ("commitments", "session"),
            ("reviews", "reviewed_in"),
        ):
            db.executemany(f"DELETE FROM {table} WHERE {column} = ?", changed)
        db.executemany(
            "INSERT INTO files VALUES (?, ?, ?, ?)",
            [
                (sid, p.size, p.mtime_ns, p.problem and message_json(p.problem))
                for sid, p in parsed.items()
            ],
        )
        db.executemany(
            f"INSERT INTO sessions VALUES ({', '.join('?' * len(SessionRow._fields))})",
            [p.session for p in parsed.values() if p.session is not None],
        )
        db.executemany(
            "INSERT INTO commitments VALUES (?, ?, ?, ?, ?, ?)",
            [c for p in parsed.values() for c in p.commitments],
        )
        db.executemany(
            "INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?)",
            [r for p in parsed.values() for r in p.reviews],
        )
        db.execute("INSERT OR REPLACE INTO meta VALUES ('signature', ?)", (signature,))
        store_summary(db)


def _load(store: JournalStore, db: sqlite3.Connection) -> tuple[History, list[Unreadable]]:
    """Sessions and files from their tables, and the totals from the stored summary."""
    sessions = list(map(SessionRow._make, db.execute("SELECT * FROM sessions ORDER BY id")))
    totals = read_summary(db) or totals_of(all_rows(db))
    unreadable = [
        Unreadable(
            store.folder / f"{sid}.toml",
            message_from_json(problem) or Message("journal_unreadable_cached"),
        )
        for sid, problem in db.execute(
            "SELECT id, problem FROM files WHERE problem IS NOT NULL ORDER BY id"
        )
    ]
    return History(sessions, *totals), unreadable


def later_reviews(store: JournalStore, ids: list[str]) -> dict[str, int] | None:
    """How many reviews of these sessions' commitments each other session holds, from the
    index (brought up to date by ``scan`` just before; None when there is no index to ask)."""
    index = open_index(store, _SCHEMA, INDEX_VERSION, _bytes_of(_stat_journals(store)))
    if index is None:
        return None
    try:
        return reviews_by_session(index.db, ids)
    finally:
        index.close()


def reviews_by_session(db: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
    """The sessions other than ``ids`` that reviewed commitments of ``ids``, with how many."""
    marks = ",".join("?" * len(ids))
    query = (
        f"SELECT reviewed_in, count(*) FROM reviews WHERE session IN ({marks})"
        f" AND reviewed_in NOT IN ({marks}) GROUP BY reviewed_in ORDER BY reviewed_in"
    )
    return {str(row[0]): int(row[1]) for row in db.execute(query, [*ids, *ids])}
