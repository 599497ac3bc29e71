"""A locked home from the inside: the home's lock, its data key, and the user's files sealed
and opened.

Journals and the day files of check-ins (through ``JournalStore.read_bytes`` and
``write_bytes``) and the sealed index of a locked home (``journal/index_file.py``) are read and
written through the vault; ``lock`` and ``unlock`` (``home/locking.py``) convert each file with
its key themselves. A home is locked when its key file (``lock.toml``) exists. Then every file
written through the vault is sealed (``crypto.seal``) before it reaches the disk, so the
temporary file of an atomic write holds sealed bytes too, and every file read is opened with the
data key. A file read is sealed or plain by its own first bytes, never by the home's state: a
home that ``lock`` or ``unlock`` was interrupted in the middle of holds both kinds, and every
command reads both.

The passphrase is asked for once per process, the first time the data key is needed, through
the ``ask`` function the command line gives (the vault never prints): ``ask(attempt)`` returns
a passphrase to try, or raises when there are no more tries.

Every process that may write holds the home's lock (``locks/home.lock``) shared from its first
look at whether the home is locked; ``lock``, ``unlock`` and ``lock --change`` hold it alone.
So the home cannot be locked or unlocked under a running session: what it writes is sealed or
plain as the home is, from its first write to its last.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from trustcoach.catalog.say import Message
from trustcoach.errors import TrustcoachError, UsageError
from trustcoach.files import NotRegularFile, ensure_private_dir, read_regular, write_atomic
from trustcoach.lock import crypto
from trustcoach.lock.keyfile import KeyFile, key_file_path, read_key_file

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

Ask = Callable[[int], str]  # attempt 0, 1, 2... -> a passphrase to try; raises to give up

HOME_LOCK = "home.lock"  # in <home>/locks/


class LockedFileError(ValueError):
    """A sealed file that cannot be opened; ``message`` says why (the file is never rewritten)."""

    def __init__(self, reason: Key) -> None:
        super().__init__(reason)
        self.message = Message(reason)


class Vault:
    """The lock of one home: whether it is locked, its data key once opened, and the bytes of
    the user's files, sealed and opened."""

    def __init__(self, home: Path, ask: Ask | None = None) -> None:
        self.home = home
        self.ask = ask
        self._key: bytes | None = None
        self._key_file: KeyFile | None = None
        self._retired: bytes | None = None  # the old data key, while a new passphrase is set
        self._locked = False
        self._fd: int | None = None  # the home's lock, once held

    # -- the home's lock ---------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        """Whether the home is locked (its key file exists). Read again until the home's lock
        is held, then fixed: nobody can lock or unlock the home while this process holds it."""
        if self._fd is None:
            self._share()
            self._locked = os.path.lexists(key_file_path(self.home))
        return self._locked

    def _share(self) -> None:
        """Hold the home's lock shared; nothing to hold where nothing can be written (no home
        yet, a read-only home, a home that is a symbolic link, which is never written)."""
        home = self.home
        if not home.is_dir() or home.is_symlink() or not os.access(home, os.W_OK | os.X_OK):
            return
        fd = self._open_lock()
        if fd is None:
            return
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise UsageError("home_being_locked") from None
        self._fd = fd

    def _open_lock(self) -> int | None:
        try:
            import fcntl  # noqa: F401  (no advisory locks on this platform: nothing to hold)
        except ImportError:
            return None
        try:
            locks = ensure_private_dir(self.home / "locks")
            return os.open(
                locks / HOME_LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600
            )
        except (OSError, TrustcoachError):  # a lock that cannot be made guards nothing
            return None

    def hold_alone(self, wait: float = 3.0) -> None:
        """Hold the home's lock alone (lock, unlock, a new passphrase), waiting a moment for
        commands that are about to finish; UsageError when trustcoach stays open elsewhere."""
        ensure_private_dir(self.home)
        fd = self._fd if self._fd is not None else self._open_lock()
        if fd is None:
            self._locked = os.path.lexists(key_file_path(self.home))
            return
        self._fd = fd
        import fcntl

        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UsageError("home_in_use") from None
                time.sleep(0.1)
        self._locked = os.path.lexists(key_file_path(self.home))

    def release(self) -> None:
        """Let go of the home's lock (the key stays known to this process)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    # -- the data key ------------------------------------------------------------------------

    def key(self) -> bytes:
        """The data key, opened with the passphrase the first time it is needed."""
        if self._key is None:
            if self.ask is None:
                raise UsageError("passphrase_needed")
            key_file = read_key_file(self.home)
            attempt = 0
            while True:
                key = key_file.open(self.ask(attempt))
                if key is not None:
                    break
                attempt += 1
            self.adopt(key, key_file)
            return key
        return self._key

    @property
    def key_file(self) -> KeyFile:
        """The key file the data key came from (after ``key()``)."""
        self.key()
        assert self._key_file is not None
        return self._key_file

    def adopt(self, key: bytes, key_file: KeyFile) -> None:
        """Take the data key of a key file (opened, or just written by ``lock`` or a new
        passphrase): the home is locked with it from now on. The old data key a passphrase
        change still holds is opened with it too (UsageError when it does not open)."""
        retired = key_file.retired(key)
        if key_file.retired_id and retired is None:
            reason = Message("key_file_field", {"field": "retired_key"})
            path = key_file_path(self.home)
            raise UsageError("key_file_damaged", path=path, reason=reason)
        self._key, self._key_file, self._retired = key, key_file, retired
        self._locked = True

    def unseal(self, raw: bytes, identity: str) -> bytes:
        """Sealed bytes opened with the data key, or with the old one while a new passphrase
        is set and the file is not locked again yet; SealError when neither can."""
        key = self.key()
        key_file = self.key_file
        if self._retired is not None and crypto.sealed_key_id(raw) == key_file.retired_id:
            return crypto.unseal(self._retired, key_file.retired_id, identity, raw)
        return crypto.unseal(key, key_file.key_id, identity, raw)

    # -- the user's files --------------------------------------------------------------------

    def identity(self, path: Path) -> str:
        """What a file's sealed bytes are bound to: its path inside the home."""
        return path.relative_to(self.home).as_posix()

    def open(self, raw: bytes, path: Path, identity: str | None = None) -> bytes:
        """The plain bytes of a file read from ``path``: as they are when not sealed; opened
        with the data key when sealed (LockedFileError when they cannot be)."""
        if not crypto.is_sealed(raw):
            return raw
        try:
            crypto.sealed_key_id(raw)
        except crypto.SealError as exc:
            raise LockedFileError(exc.reason) from None
        if self._key is None and not os.path.lexists(key_file_path(self.home)):
            raise LockedFileError("sealed_no_key")
        try:
            return self.unseal(raw, identity or self.identity(path))
        except crypto.SealError as exc:
            raise LockedFileError(exc.reason) from None

    def read(self, path: Path, limit: int, identity: str | None = None) -> bytes:
        """A file of the user's (a regular file of at most ``limit`` plain bytes), opened."""
        try:
            raw = read_regular(path, limit + crypto.OVERHEAD)
        except NotRegularFile as exc:
            if exc.message.key != "file_too_large":
                raise
            size = exc.message.values["size"]
            raise NotRegularFile("file_too_large", size=size, limit=_mb(limit)) from None
        sealed = crypto.is_sealed(raw)
        if len(raw) - (crypto.OVERHEAD if sealed else 0) > limit:
            raise NotRegularFile("file_too_large", size=_mb(len(raw)), limit=_mb(limit))
        return self.open(raw, path, identity)

    def seal(self, data: bytes, path: Path, identity: str | None = None) -> bytes:
        """The bytes to write to ``path``: sealed when the home is locked."""
        if not self.locked:
            return data
        key = self.key()
        assert self._key_file is not None
        return crypto.seal(key, self._key_file.key_id, identity or self.identity(path), data)

    def write(self, path: Path, data: bytes, *, exclusive: bool = False) -> None:
        """Write a file of the user's atomically, sealed when the home is locked."""
        write_atomic(path, self.seal(data, path), exclusive=exclusive)


def _mb(size: int) -> str:
    from trustcoach.files import megabytes

    return megabytes(size)

