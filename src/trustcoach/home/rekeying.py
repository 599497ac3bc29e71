"""A new passphrase for a locked home, and a new data key with it: every file locked again.

Wrapping the same data key with the new passphrase would leave every older copy of
``lock.toml`` (a backup, a sync tool's history, the free blocks of a disk) able to open every
journal with the old passphrase, the sessions written after the change included. So ``change``
makes a new data key and locks every file again with it, in an order that a crash at any moment
(``kill -9``, a power cut, a full disk) cannot break:

1. The current and the new passphrase are asked for, and what interrupted writes left in the
   home is overwritten and removed (a key file's leftover holds a key).
2. The key file is replaced, atomically, by one holding the new data key wrapped by the new
   passphrase, and the old data key wrapped by the new one (``KeyFile.retiring``); the old key
   file is overwritten where it lay. From then on only the new passphrase opens the home, every
   file written is locked with the new key, and the files not reached yet still open.
3. Each file locked with the old key (journals, sync tools' copies, check-ins, the sealed
   index) is replaced, atomically, by the same bytes locked with the new key.
4. Once no file is locked with the old key any more, the key file is replaced by one without
   it (overwriting the one it replaces, too).

Cut short before 2, the old passphrase opens the home as before; after it, the new one does,
and ``trustcoach lock`` (or ``lock --change`` again) finishes 3 and 4 (``resume``). At no
moment do both passphrases open it, and no older key file opens a file written since 2.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from trustcoach.errors import JournalError, UsageError
from trustcoach.home.locking import (
    Outcome,
    Progress,
    WordFile,
    convert_files,
    first_bytes,
    remove_temporaries,
    seal_one,
    word_files,
)
from trustcoach.lock import crypto

if TYPE_CHECKING:
    from trustcoach.lock.vault import Vault

NewPassphrase = Callable[[], str]


def change(
    vault: Vault,
    new_passphrase: NewPassphrase,
    params: crypto.KdfParams | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """A new passphrase and a new data key; every file locked again with it (see above)."""
    from trustcoach.lock.keyfile import make, write_key_file

    vault.hold_alone()
    if not vault.locked:
        raise UsageError("not_locked")
    old_key, old_file = vault.key(), vault.key_file
    passphrase = new_passphrase()
    if old_file.retired_id:  # a change cut short: its old key goes first
        finish(vault, progress)
        old_key, old_file = vault.key(), vault.key_file
        if old_file.retired_id:  # a file locked with it could not be read: it must stay
            raise UsageError("change_unfinished")
    remove_temporaries(vault.home)
    new_key, new_id = crypto.new_key(), crypto.new_key_id()
    fresh = make(new_key, new_id, passphrase, params or crypto.DEFAULT_PARAMS)
    fresh = fresh.retiring(new_key, old_file.key_id, old_key)
    try:
        write_key_file(vault.home, fresh)
    except OSError as exc:
        raise JournalError("change_failed", path=vault.home, reason=exc.strerror) from None
    vault.adopt(new_key, fresh)
    return finish(vault, progress)


def resume(vault: Vault, progress: Progress | None = None) -> Outcome | None:
    """Finish a passphrase change that was cut short (None when there is none), with the
    passphrase it set."""
    from trustcoach.lock.keyfile import read_key_file

    vault.hold_alone()
    if not vault.locked or not read_key_file(vault.home).retired_id:
        return None
    vault.key()
    return finish(vault, progress)


def finish(vault: Vault, progress: Progress | None = None) -> Outcome:
    """Lock every file still locked with the old key again with the new one; then the old key
    leaves the key file, unless a file locked with it could not be read."""
    from trustcoach.lock.keyfile import write_key_file

    remove_temporaries(vault.home)
    items = _locked_files(vault)
    outcome = convert_files(vault, items, _lock_again, "change_failed", progress)
    index = vault.home / _INDEX
    skipped = [item for item in outcome.skipped if item.path != index]
    if len(skipped) < len(outcome.skipped):  # a cache: rebuilt from the journals
        index.unlink(missing_ok=True)
    retired_id = vault.key_file.retired_id
    if not any(_sealed_with(item, retired_id) for item in items):
        done = vault.key_file._replace(retired_id=b"", retired_key=b"")
        try:
            write_key_file(vault.home, done)
        except OSError as exc:
            raise JournalError("change_failed", path=vault.home, reason=exc.strerror) from None
        vault.adopt(vault.key(), done)
    return outcome._replace(skipped=skipped)


_INDEX = "index.locked"


def _locked_files(vault: Vault) -> list[WordFile]:
    """Every file of the user's words, and the sealed index (a cache, but of their words)."""
    from trustcoach.journal.index_file import LOCKED_INDEX_LIMIT

    items = word_files(vault.home)[0]
    return [*items, WordFile(vault.home / _INDEX, _INDEX, LOCKED_INDEX_LIMIT)]


def _lock_again(vault: Vault, item: WordFile, raw: bytes) -> bytes | None:
    """A file's bytes locked with the data key: opened with the old key first, when that is
    the one it was locked with; None when it is locked with the data key already."""
    if not crypto.is_sealed(raw):
        return seal_one(vault, item, raw)  # left plain by a lock cut short: locked now
    if crypto.sealed_key_id(raw) == vault.key_file.key_id:
        return None
    plain = vault.unseal(raw, item.identity)
    return crypto.seal(vault.key(), vault.key_file.key_id, item.identity, plain)


def _sealed_with(item: WordFile, key_id: bytes) -> bool:
    head = first_bytes(item.path, crypto.HEADER)
    return head is not None and crypto.is_sealed(head) and head[len(crypto.MAGIC) + 1 :] == key_id
