"""Forgetting sessions: each journal, and everything trustcoach derived from it, gone for good.

What goes with a session: its journal file, the copies and half-synced files of it that a sync
tool left beside it (they hold the same words), any temporary file a crash left for it, its lock
file, the check-ins of its commitments (``journal/checkins/book.py``; a day file that cannot be read
is left as it is and named), and its rows in the index (deleted with SQLite's ``secure_delete``,
then the index is vacuumed in memory, so that no free page of the file keeps an old copy of a
commitment). With ``--all`` the index file itself goes, and every check-in. Reviews of a
forgotten session's commitments written in a later session are that session's record: how each
went and its note stay in it, but the words of the forgotten commitment are taken out (the
review's copy of them, and a wording it was made smaller from); the plan counts them, so the
person is told before saying yes. What interrupted writes left anywhere in the home is
overwritten before it is removed.

In a locked home the index is ``index.locked``, sealed whole: it is written again without the
forgotten rows (the old file is replaced, never edited in place), or removed with ``--all``.
``forget --all`` in a locked home destroys the key file first (``keyfile.destroy_key_file``):
from that moment nothing sealed with it can be opened again, neither the journals about to be
deleted nor what an SSD or a backup without the key file keeps of them. The home is then no
longer locked; ``trustcoach lock`` locks it again with a new key.

The order makes it safe. Every session is claimed first, the later ones whose reviews change
too: one open in another terminal refuses the whole forget before anything is deleted. Then the
later sessions' reviews lose the words (one atomic save each), then each journal goes (one
unlink each, so a session is whole or gone, never half), then what was derived from it. A
forget stopped midway leaves the sessions not reached whole; running it again finishes it, and
the index drops the rows of vanished journals by itself in the meantime.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from trustcoach.catalog.say import Message
from trustcoach.errors import JournalError
from trustcoach.files import TEMP_PREFIX, fsync_dir
from trustcoach.journal.folder import forget_file

if TYPE_CHECKING:
    from trustcoach.journal.store import JournalStore, Unreadable

# The index's tables and the column that names the session each row came from.
_INDEX_ROWS = (("files", "id"), ("sessions", "id"), ("commitments", "session"))
_INDEX_SIDE_FILES = ("-journal", "-wal", "-shm")


class Forgetting(NamedTuple):
    """Which sessions go (oldest first), whether that is every one, how many reviews of their
    commitments stay in later sessions (without their words), and the sync tools' copies of
    them that go too."""

    ids: list[str]
    everything: bool
    later_reviews: int
    copies: list[Path]
    locked: bool = False  # the home is locked (with everything: its key goes first)
    reviewers: tuple[str, ...] = ()  # the later sessions holding those reviews
    unreadable: tuple[Path, ...] = ()  # other journals that cannot be read (nor changed)

    def days(self) -> list[str]:
        """When each session started, read from its id (``2026-11-26 21:43``): a journal that
        cannot be read any more can still be named."""
        return [f"{i[:4]}-{i[4:6]}-{i[6:8]} {i[9:11]}:{i[11:13]}" for i in self.ids]


class Forgotten(NamedTuple):
    """What ``forget`` could not do, and whether it destroyed a key: the check-in files and
    the later sessions it could not read (a mark, or the words of a forgotten commitment, may
    still be in them)."""

    checkins_unreadable: list[Unreadable]
    reviews_unreadable: list[Unreadable]
    key_destroyed: bool


def plan_forgetting(store: JournalStore, ids: list[str] | None) -> Forgetting:
    """What forgetting ``ids`` (every session when None) means."""
    from trustcoach.journal.folder import others

    everything = ids is None
    ids = store.session_ids() if ids is None else sorted(set(ids))
    copies = [
        entry.path
        for entry in others(store.folder)
        if entry.kind != "other" and (everything or entry.session in ids)
    ]
    locked = store.vault.locked
    if locked:  # a key file that is a link would be destroyed as a link only: refused first
        from trustcoach.lock.keyfile import refuse_link

        refuse_link(store.home)
    later, unread = ({}, ()) if everything else _later_reviews(store, ids)
    reviewers = tuple(later)
    return Forgetting(ids, everything, sum(later.values()), copies, locked, reviewers, unread)


def claim(store: JournalStore, plan: Forgetting) -> None:
    """Hold every session of the plan; UsageError, with nothing deleted, when another
    terminal has one open."""
    store.ensure()  # what interrupted writes left in the home: overwritten and removed
    for session_id in [*plan.ids, *plan.reviewers]:
        store.hold(session_id)


def forget(store: JournalStore, plan: Forgetting) -> Forgotten:
    """Delete the sessions of a plan and everything derived from them. The check-in files and
    later sessions that could not be read, and so may still hold a mark or a word of them,
    are left as they are (like every file trustcoach cannot read) and returned.

    ``forget --all`` on a locked home destroys the wrapped data key here, first, before any
    file: without it nothing sealed can be read again, even from blocks an SSD keeps.
    """
    claim(store, plan)
    destroyed = False
    if plan.everything and plan.locked:
        from trustcoach.lock.keyfile import destroy_key_file

        try:
            destroyed = destroy_key_file(store.home)
        except OSError as exc:
            raise JournalError("forget_failed", path=store.home, reason=exc.strerror) from None
    unread_reviews = _without_their_words(store, plan)
    for session_id in plan.ids:
        forget_file(store.path_for(session_id))
        for temporary in store.folder.glob(f"{TEMP_PREFIX}{session_id}.toml.*"):
            _destroy(temporary)
    for copy in plan.copies:
        forget_file(copy)
    fsync_dir(store.folder)
    _forget_index_rows(store, plan)
    unreadable = _forget_checkins(store, plan)
    locks = store.home / "locks"
    for session_id in plan.ids:
        forget_file(locks / f"{session_id}.lock")
    store.release_all()
    return Forgotten(unreadable, unread_reviews, destroyed)


def _destroy(path: Path) -> None:
    from trustcoach.files import destroy_file

    try:
        destroy_file(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise JournalError("forget_failed", path=path, reason=exc.strerror) from None


def _without_their_words(store: JournalStore, plan: Forgetting) -> list[Unreadable]:
    """Take the forgotten commitments' words out of the later sessions' reviews of them (how
    each went and its note stay); the later sessions that could not be read."""
    from trustcoach.journal.store import Unreadable

    forgotten = set(plan.ids)
    unread = [Unreadable(path, Message("journal_unreadable_cached")) for path in plan.unreadable]
    for session_id in plan.reviewers:
        found = store.read(session_id)
        if isinstance(found, Unreadable):
            unread.append(found)
            continue
        changed = False
        for review in found.reviews:
            if review.session in forgotten and (review.text or review.note_pending):
                review.text, review.note_pending = "", False  # no note asked of words gone
                changed = True
        for commitment in found.commitments:
            if commitment.origin.split("/")[0] in forgotten and commitment.smaller_from:
                commitment.smaller_from = ""  # the forgotten wording it was made smaller from
                changed = True
        if changed:
            store.save(found)
    return unread


def _forget_checkins(store: JournalStore, plan: Forgetting) -> list[Unreadable]:
    """The days' marks of the forgotten sessions' commitments (every check-in with --all)."""
    from trustcoach.journal.checkins.book import CheckinBook

    book = CheckinBook(store)
    if not book.folder.is_dir() or book.folder.is_symlink():
        return []
    if plan.everything:
        book.delete_all()
        return []
    return book.delete_sessions(set(plan.ids))


def _forget_index_rows(store: JournalStore, plan: Forgetting) -> None:
    """The index without any row of these sessions, and without free pages that kept them;
    when it cannot be changed (busy, damaged), it goes: it is rebuilt from the journals."""
    import sqlite3

    from trustcoach.journal.index import INDEX_FILE
    from trustcoach.journal.index_file import LOCKED_INDEX_FILE

    if plan.everything:
        forget_file(store.home / LOCKED_INDEX_FILE)
    elif plan.locked:  # sealed whole: written again without the rows of vanished journals
        from trustcoach.journal.index import scan

        scan(store)
        return
    path = store.home / INDEX_FILE
    if plan.everything or path.is_symlink() or not path.is_file():
        _remove_index(path)
        return
    try:
        db = sqlite3.connect(path, timeout=5)
        try:
            db.execute("PRAGMA secure_delete = ON")
            db.execute("PRAGMA temp_store = MEMORY")  # VACUUM's copy stays out of /tmp
            rows = [(session_id,) for session_id in plan.ids]
            with db:
                for table, column in _INDEX_ROWS:
                    db.executemany(f"DELETE FROM {table} WHERE {column} = ?", rows)
                db.executemany("DELETE FROM reviews WHERE reviewed_in = ?", rows)
                db.execute("DELETE FROM meta")  # the totals: computed again at the next look
            db.execute("VACUUM")
        finally:
            db.close()
    except sqlite3.Error:
        _remove_index(path)


def _remove_index(path: Path) -> None:
    for name in (path.name, *(path.name + suffix for suffix in _INDEX_SIDE_FILES)):
        forget_file(path.with_name(name))


def _later_reviews(
    store: JournalStore, ids: list[str]
) -> tuple[dict[str, int], tuple[Path, ...]]:
    """The later sessions holding reviews of these sessions' commitments, with how many each
    (from the index, brought up to date first; from the journals when it cannot be read),
    and the other journals that cannot be read (whatever they hold of these sessions stays)."""
    import sqlite3

    from trustcoach.journal.index import INDEX_FILE, later_reviews, reviews_by_session, scan

    forgotten = set(ids)
    unread = tuple(u.path for u in scan(store)[1] if u.path.stem not in forgotten)
    if store.vault.locked:
        counted = later_reviews(store, ids)
        if counted is not None:
            return counted, unread
    path = store.home / INDEX_FILE
    with contextlib.suppress(sqlite3.Error):
        if path.is_file() and not path.is_symlink():
            db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
            try:
                return reviews_by_session(db, ids), unread
            finally:
                db.close()
    from trustcoach.journal.store import Unreadable

    found_in: dict[str, int] = {}
    for found in store.scan():
        if not isinstance(found, Unreadable) and found.id not in forgotten:
            count = sum(review.session in forgotten for review in found.reviews)
            if count:
                found_in[found.id] = count
    return found_in, unread
