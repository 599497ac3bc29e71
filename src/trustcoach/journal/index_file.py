"""Where the index lives: ``index.sqlite3`` in a plain home, ``index.locked`` in a locked one.

The index holds commitment texts and ratings, so a locked home never has it on disk in the
clear: the whole SQLite database is kept sealed in one file (``index.locked``), read into memory
(``sqlite3.Connection.deserialize``), used with the same queries as the plain one, and written
back whole, sealed and atomically, when it changed (``serialize``). Measured on 10,000 journals:
a database of a few megabytes, opened in a few milliseconds. Nothing of it reaches a temporary
file of SQLite's: the database is in memory and ``temp_store`` is memory too.

A plain ``index.sqlite3`` found in a locked home (left by a crash of ``lock``) is removed, as
is any index that cannot be opened: it is a cache, rebuilt from the journals. So is a sealed
index larger than the journals could make (``locked_index_limit``): it is never read, since
it is read whole into memory (a sparse file of 600 MB takes 4 KB of disk).
"""

from __future__ import annotations

import contextlib
import os
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from trustcoach.journal.store import JournalStore

INDEX_FILE = "index.sqlite3"
LOCKED_INDEX_FILE = "index.locked"
SIDE_FILES = ("-journal", "-wal", "-shm")
LOCKED_INDEX_LIMIT = 1 << 30  # bytes, whatever the journals; 10,000 journals make about 8 MB
# The index holds less than the journals it is made of: a row of numbers per file (with the
# reason when it cannot be read) and each commitment's text twice (its row, and the summary of
# the open ones), in pages of 4 KiB, beside about 50 KiB of empty tables. A mebibyte, 4 KiB a
# journal and eight times the journals' bytes is more than any real index can be (4 journals
# of 43 KB make 48 KB; 10,000 journals, 8 MB).
INDEX_BASE = 1 << 20
INDEX_PER_JOURNAL = 4096
INDEX_PER_JOURNAL_BYTE = 8


def locked_index_limit(journals: int, journal_bytes: int) -> int:
    """The largest sealed index that ``journals`` files of ``journal_bytes`` bytes in all can
    make."""
    allowed = INDEX_BASE + INDEX_PER_JOURNAL * journals + INDEX_PER_JOURNAL_BYTE * journal_bytes
    return min(LOCKED_INDEX_LIMIT, allowed)


class IndexFile:
    """An open index: its database, and how to keep it once changed."""

    def __init__(self, db: sqlite3.Connection, store: JournalStore, sealed: bool) -> None:
        self.db = db
        self.store = store
        self.sealed = sealed

    def keep(self) -> None:
        """Make the changes last: a plain index is a file already; a locked one is written
        whole, sealed."""
        if self.sealed:
            path = self.store.home / LOCKED_INDEX_FILE
            with contextlib.suppress(OSError):  # a full disk: the next look builds it again
                self.store.vault.write(path, self.db.serialize())

    def close(self) -> None:
        self.db.close()


def open_index(
    store: JournalStore, schema: str, version: int, journals: tuple[int, int]
) -> IndexFile | None:
    """The index, created or rebuilt as needed; None when it cannot be used: the home or the
    index is a symbolic link (never written through, as ``start`` refuses to), or the index is
    not a regular file (a named pipe would block). ``journals``, how many journal files there
    are and their bytes in all, bounds the sealed index that is read."""
    if not store.home.is_dir() or store.home.is_symlink():
        return None
    if store.vault.locked:
        remove_plain_index(store.home)
        return _open_sealed(store, schema, version, locked_index_limit(*journals))
    path = store.home / INDEX_FILE
    if not _regular_or_absent(path):
        return None
    return _open_plain(store, path, schema, version)


def _regular_or_absent(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _open_plain(
    store: JournalStore, path: Path, schema: str, version: int
) -> IndexFile | None:
    import sqlite3

    for _ in range(2):
        db = None
        try:
            db = sqlite3.connect(path, timeout=5)
            if db.execute("PRAGMA user_version").fetchone()[0] != version:
                db.executescript(schema)
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
            return IndexFile(db, store, sealed=False)
        except sqlite3.DatabaseError:  # corrupt, not a database, or read-only
            if db is not None:
                db.close()
            if not os.access(store.home, os.W_OK):
                return None
            with contextlib.suppress(OSError):
                path.unlink()
        except (sqlite3.Error, OSError):
            return None
    return None


def _open_sealed(
    store: JournalStore, schema: str, version: int, limit: int
) -> IndexFile | None:
    """The locked index in memory; an empty one when it is missing, larger than ``limit`` or
    cannot be opened (it is rebuilt from the journals and written again)."""
    import sqlite3

    from trustcoach.files import NotRegularFile
    from trustcoach.lock.vault import LockedFileError

    path = store.home / LOCKED_INDEX_FILE
    if not _regular_or_absent(path):
        return None
    store.vault.key()  # ask for the passphrase now, even when there is no index yet
    try:
        raw: bytes | None = store.vault.read(path, limit)
    except (FileNotFoundError, NotRegularFile, LockedFileError, IsADirectoryError):
        raw = None
    except OSError:
        return None
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA temp_store = MEMORY")
    if raw:
        try:
            db.deserialize(raw)
            db.execute("PRAGMA temp_store = MEMORY")
            current = db.execute("PRAGMA user_version").fetchone()[0] == version
        except sqlite3.DatabaseError:
            db.close()
            db = sqlite3.connect(":memory:")
            db.execute("PRAGMA temp_store = MEMORY")
            current = False
    else:
        current = False
    if not current:
        db.executescript(schema)
    return IndexFile(db, store, sealed=True)


def remove_plain_index(home: Path) -> None:
    """Remove ``index.sqlite3`` and SQLite's files beside it (they hold commitment texts)."""
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            os.unlink(home / (INDEX_FILE + suffix))


def remove_locked_index(home: Path) -> None:
    """Remove ``index.locked`` (``unlock`` does, before the key file goes)."""
    with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
        os.unlink(home / LOCKED_INDEX_FILE)
