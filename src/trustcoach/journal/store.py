"""The store of journals under ``<home>/journals``: create, save, load, find and scan them.

The store never prints. It only rewrites a journal it has read successfully (or created), and
always atomically, so a file it cannot understand is left exactly as it was. It imports the
journal model only when a journal is read or written, so commands that use the index start fast.

A session is addressed by its file name, always: ``<id>.toml`` is read, locked and written as
session ``<id>``. A file whose ``id`` says otherwise (a copy made by hand or by a sync tool) is
unreadable, with that reason, so that the lock, the read and the write never name two files.
A journal's bytes are read by ``read_bytes`` and written by ``write_bytes`` (the day files of
check-ins use them too), through the home's vault: in a locked home they are sealed on the way
out and opened on the way in (``lock/vault.py``); a sealed file that cannot be opened is
unreadable, with the reason. The index has its own file (``index_file.py``), also through the
vault when the home is locked.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from trustcoach.catalog.say import Message
from trustcoach.errors import JournalError, UsageError
from trustcoach.files import NotRegularFile, ensure_private_dir, megabytes
from trustcoach.journal.folder import remove_stale_temporaries, repair_file_modes
from trustcoach.lock.vault import LockedFileError, Vault
from trustcoach.names import SESSION_ID_RE, SESSION_PREFIX_RE

if TYPE_CHECKING:
    from trustcoach.journal.encoding import JournalWriter
    from trustcoach.journal.model import Journal

JOURNAL_LIMIT = 10_000_000  # bytes: the largest journal read (or written); real ones are < 1 MB


class Unreadable(NamedTuple):
    """A journal file that could not be read, with the reason (said in the reader's language)."""

    path: Path
    problem: Message


class JournalStore:
    """The journals under ``<home>/journals``, read and written through the home's vault."""

    def __init__(self, home: Path, vault: Vault | None = None) -> None:
        self.home = home
        self.vault = vault if vault is not None else Vault(home)
        self.folder = home / "journals"
        self._held: dict[str, int] = {}  # session id -> open lock file descriptor
        self._writer: JournalWriter | None = None

    def ensure(self) -> None:
        """Create the home and journals folders, private to the owner; tidy what a crash left.

        Temporary files of processes that are gone, in the home itself (a key file's, the
        sealed index's), the journals and the check-ins, are overwritten and removed, and
        journal files that others could read are made private again.
        """
        ensure_private_dir(self.home)
        ensure_private_dir(self.folder)
        if not os.access(self.folder, os.W_OK | os.X_OK):
            raise JournalError("journal_read_only", folder=self.folder)
        for folder in (self.home, self.folder, self.home / "checkins"):
            if folder.is_dir() and not folder.is_symlink():
                remove_stale_temporaries(folder)
        repair_file_modes(self.folder)

    def hold(self, session_id: str) -> None:
        """Claim a session for this process until it exits, so two terminals never write it.

        Raises UsageError when another running trustcoach holds the session.
        """
        if session_id in self._held:
            return
        try:
            import fcntl
        except ImportError:  # no advisory locks on this platform
            return
        locks = ensure_private_dir(self.home / "locks")
        lock_path = locks / f"{self.path_for(session_id).stem}.lock"
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError as exc:
            raise JournalError("lock_failed", path=lock_path, reason=exc.strerror) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise UsageError("session_busy", id=session_id) from None
        self._held[session_id] = fd

    def release(self, session_id: str) -> None:
        """Let go of one session this store holds."""
        fd = self._held.pop(session_id, None)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def release_all(self) -> None:
        """Let go of every session this store holds, and of the home's lock."""
        for fd in self._held.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self._held.clear()
        self.vault.release()

    def path_for(self, session_id: str) -> Path:
        """The file of a session id; ids that could point elsewhere are refused."""
        if not SESSION_ID_RE.fullmatch(session_id):
            raise UsageError("not_session_id", ref=session_id)
        return self.folder / f"{session_id}.toml"

    def create(self, journal: Journal) -> Journal:
        """Write a new journal; its file must not exist yet (a fresh id is drawn if it does)."""
        self.ensure()
        for _ in range(20):
            try:
                path = self.path_for(journal.id)
                self.write_bytes(path, self._encode(journal), exclusive=True)
                self.hold(journal.id)
                return journal
            except FileExistsError:
                journal = _renamed(journal)
            except OSError as exc:
                raise self._write_error(exc) from None
        raise JournalError("no_free_name")

    def save(self, journal: Journal) -> None:
        """Replace a journal's file atomically with the journal's current state.

        The session is held first (a no-op when this store already holds it), so that the file
        written is always the one locked: the journal's id is its file name.
        """
        self.hold(journal.id)
        try:
            self.write_bytes(self.path_for(journal.id), self._encode(journal))
        except OSError as exc:
            raise self._write_error(exc) from None

    def write_bytes(self, path: Path, data: bytes, *, exclusive: bool = False) -> None:
        """The bytes of a journal or of a day's check-in (``journal/checkins/book.py``) to disk:
        atomically, sealed when the home is locked."""
        if len(data) > JOURNAL_LIMIT:  # it could not be read back: keep the last good version
            raise JournalError("journal_too_large", limit=megabytes(JOURNAL_LIMIT))
        self.vault.write(path, data, exclusive=exclusive)

    def read_bytes(self, path: Path) -> bytes:
        """The bytes of a journal or of a day's check-in from disk: a regular file of at most
        JOURNAL_LIMIT plain bytes, opened when it is sealed (``Vault.read``; LockedFileError
        when it does not open)."""
        return self.vault.read(path, JOURNAL_LIMIT)

    def _encode(self, journal: Journal) -> bytes:
        if self._writer is None:
            from trustcoach.journal.encoding import JournalWriter

            self._writer = JournalWriter()
        return self._writer.encode(journal)

    def _write_error(self, exc: OSError) -> JournalError:
        return JournalError("save_failed", folder=self.folder, reason=exc.strerror or str(exc))

    def load(self, session_id: str) -> Journal:
        """Read one journal by id; unreadable files raise JournalError with the reason."""
        if not os.path.lexists(self.path_for(session_id)):
            raise UsageError("no_session", ref=session_id)
        found = self.read(session_id)
        if isinstance(found, Unreadable):
            raise JournalError("journal_unreadable", path=found.path, problem=found.problem)
        return found

    def read(self, session_id: str, *, fast: bool = False) -> Journal | Unreadable:
        """One journal, or why its file cannot be read (every reader of journals uses this).

        ``fast`` is for reading thousands of journals into the index (see ``parse_journal``).
        """
        path = self.folder / f"{session_id}.toml"
        try:
            journal = _parse(self.read_bytes(path), fast=fast)
        except JournalError as exc:
            return Unreadable(path, exc.message)
        except (NotRegularFile, LockedFileError) as exc:
            return Unreadable(path, exc.message)
        except IsADirectoryError:
            return Unreadable(path, Message("journal_is_folder"))
        except OSError as exc:
            return Unreadable(path, Message("journal_os_error", {"reason": exc.strerror}))
        if journal.id != session_id:  # a copy of another session: never read or written as it
            return Unreadable(path, Message("journal_id_mismatch", {"id": journal.id}))
        return journal

    def session_ids(self) -> list[str]:
        """Ids of every journal file, oldest first (ids sort by start time)."""
        return sorted(i for i in self._names() if SESSION_ID_RE.fullmatch(i))

    def _latest_id(self) -> str | None:
        """The newest session id. Ids sort by start time, so the largest file name is almost
        always it; a few other names are passed over before falling back to a full filter."""
        names = self._listdir()
        for _ in range(8):
            if not names:
                return None
            name = max(names)
            if name.endswith(".toml") and SESSION_ID_RE.fullmatch(name[:-5]):
                return name[:-5]
            names.remove(name)
        ids = [n[:-5] for n in names if n.endswith(".toml") and SESSION_ID_RE.fullmatch(n[:-5])]
        return max(ids, default=None)

    def _names(self) -> list[str]:
        """The names (without ``.toml``) of the TOML files in the journals folder."""
        return [name[:-5] for name in self._listdir() if name.endswith(".toml")]

    def _listdir(self) -> list[str]:
        """Every name in the journals folder (none when it does not exist yet)."""
        try:
            return os.listdir(self.folder)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise JournalError("cannot_list", folder=self.folder, reason=exc.strerror) from None

    def scan(self) -> list[Journal | Unreadable]:
        """Every journal, oldest first, each read or marked unreadable with its reason."""
        return [self.read(session_id) for session_id in self.session_ids()]

    def resolve(self, ref: str) -> str:
        """A session id from an id, a unique prefix of one, or ``latest``.

        A whole id that names a file is found without listing the folder, and ``latest`` by
        taking the largest name rather than checking and sorting every one.
        """
        if ref == "latest":
            latest = self._latest_id()
            if latest is None:
                raise UsageError("no_sessions_yet")
            return latest
        if not SESSION_PREFIX_RE.fullmatch(ref):
            raise UsageError("not_session_id", ref=ref)
        if SESSION_ID_RE.fullmatch(ref) and os.path.lexists(self.path_for(ref)):
            return ref
        matches = [i for i in self._names() if i.startswith(ref) and SESSION_ID_RE.fullmatch(i)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UsageError("no_session_listed", ref=ref)
        raise UsageError("ambiguous_session", ref=ref, count=len(matches))

    def latest_unfinished(self) -> str:
        """The newest in-progress session that can be read, one that was not left unfinished
        first; unreadable newer files are named."""
        unreadable: list[Unreadable] = []
        left: list[str] = []
        for session_id in reversed(self.session_ids()):
            found = self.read(session_id)
            if isinstance(found, Unreadable):
                unreadable.append(found)
            elif found.status == "in_progress" and found.left_at is None:
                return session_id
            elif found.status == "in_progress":
                left.append(session_id)
        if left:
            return left[0]
        if unreadable:
            first = unreadable[0]
            raise JournalError("no_unfinished_readable", path=first.path, problem=first.problem)
        raise UsageError("no_unfinished")


def _parse(raw: bytes, *, fast: bool = False) -> Journal:
    from trustcoach.journal.model import parse_journal

    return parse_journal(raw, fast=fast)


def _renamed(journal: Journal) -> Journal:
    """The same journal under a fresh id (its file name was taken)."""
    from msgspec import structs

    from trustcoach.journal.model import new_session_id

    return structs.replace(journal, id=new_session_id(journal.started_at))
