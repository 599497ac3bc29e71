"""Locking a whole home with a passphrase, unlocking it, and changing the passphrase.

Every step can be cut short by a crash (``kill -9``, a power cut, a full disk) and leave every
file readable, because of the order:

- ``lock`` writes the key file first (atomically, synced). From then on the home is locked: new
  writes are sealed, and readers take a file as sealed or plain by its first bytes. Then the
  plain index goes (it holds commitment texts), then temporary files a crash left (they may hold
  plain words), then each file of the user's words is replaced, atomically, by its sealed bytes:
  each file is plain or sealed, never half. ``lock`` again finishes what was cut short.
- ``unlock`` does the reverse: the sealed index goes, each sealed file is replaced by its plain
  bytes (exactly the bytes that were locked), and the key file goes last. Until then the home is
  locked and every command reads both kinds. A sealed file that does not open (damaged, or moved
  from another name) is left as it is, and then so is the key file, so nothing becomes lost.
- a new passphrase (``rekeying.py``) locks every file again with a new data key, in the same way.

All of them hold the home's lock alone (``Vault.hold_alone``), so no session is written meanwhile.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from trustcoach.catalog.say import Message
from trustcoach.errors import JournalError, UsageError
from trustcoach.files import TEMP_PREFIX, NotRegularFile, read_regular, write_atomic
from trustcoach.journal.folder import classify, is_journal_name, remove_stale_temporaries
from trustcoach.journal.store import JOURNAL_LIMIT, Unreadable
from trustcoach.lock import crypto
from trustcoach.lock.vault import Vault

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

Progress = Callable[[int, int], None]  # (files done, files in all)
NewPassphrase = Callable[[], str]

# Folders of the home whose files hold the user's words, besides the journals: check-ins, one
# small file per day (what else lies there, a sync tool's copy for example, is left alone, as
# the check-ins themselves leave it).
WORD_FOLDERS = ("checkins",)


class Outcome(NamedTuple):
    """What ``lock`` or ``unlock`` did: files changed, files that were already as wanted, files
    left as they were (with why), and files in the journals folder that are not trustcoach's."""

    changed: int
    already: int
    skipped: list[Unreadable]
    others: int


class WordFile(NamedTuple):
    """A file that holds the user's words, and what its sealed bytes are bound to."""

    path: Path
    identity: str
    limit: int


def word_files(home: Path) -> tuple[list[WordFile], int]:
    """Every file of the home that holds the user's words (journals, the copies sync tools
    made of them, the days of check-ins), and how many other files the journals folder holds.

    A sync tool's copy of a journal is bound to that journal's name, so that renaming the copy
    to it (what ``doctor`` says to do) gives a session that opens.
    """
    found: list[WordFile] = []
    others = 0
    folder = home / "journals"
    for name in _names(folder):
        path = folder / name
        if name.startswith(TEMP_PREFIX):
            continue
        if is_journal_name(name):
            found.append(WordFile(path, f"journals/{name}", JOURNAL_LIMIT))
            continue
        entry = classify(path)
        if entry.kind == "copy":
            found.append(WordFile(path, f"journals/{entry.session}.toml", JOURNAL_LIMIT))
        else:
            others += 1
    from trustcoach.journal.checkins.book import DAY_NAME

    for sub in WORD_FOLDERS:
        for name in _names(home / sub):
            if DAY_NAME.fullmatch(name):
                found.append(WordFile(home / sub / name, f"{sub}/{name}", JOURNAL_LIMIT))
    return found, others


def _names(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise JournalError("cannot_list", folder=folder, reason=exc.strerror) from None


def plain_files(home: Path) -> list[Path]:
    """The files of the user's words that are not sealed (in a locked home: not locked yet)."""
    plain = []
    for item in word_files(home)[0]:
        raw = first_bytes(item.path, len(crypto.MAGIC))
        if raw is not None and not crypto.is_sealed(raw):
            plain.append(item.path)
    return plain


def first_bytes(path: Path, count: int) -> bytes | None:
    """The first ``count`` bytes of a regular file (None for anything else), without reading
    the rest."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        return os.read(fd, count) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    except OSError:
        return None
    finally:
        os.close(fd)


def lock(
    vault: Vault,
    new_passphrase: NewPassphrase,
    params: crypto.KdfParams | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """Lock the home (or finish locking it): the passphrase is asked for only when there is
    something to do; a home already locked through and through is left as it is."""
    from trustcoach.files import ensure_private_dir
    from trustcoach.journal.index_file import remove_plain_index
    from trustcoach.lock.keyfile import make, write_key_file

    home = vault.home
    ensure_private_dir(home)
    vault.hold_alone()
    if vault.locked:
        from trustcoach.lock.keyfile import refuse_link

        refuse_link(home)
    if vault.locked and not plain_files(home):  # locked through and through
        remove_plain_index(home)
        remove_temporaries(home)
        items, others = word_files(home)
        return Outcome(0, len(items), [], others)
    if vault.locked:
        vault.key()  # finishing a lock that was cut short: the passphrase it was begun with
    else:
        data_key = crypto.new_key()
        cost = params or crypto.DEFAULT_PARAMS
        key_file = make(data_key, crypto.new_key_id(), new_passphrase(), cost)
        try:
            write_key_file(home, key_file)  # first: from now on every file written is sealed
        except OSError as exc:
            raise JournalError("locking_failed", path=home, reason=exc.strerror) from None
        vault.adopt(data_key, key_file)
    remove_plain_index(home)
    remove_temporaries(home)
    items = word_files(home)[0]
    return convert_files(vault, items, seal_one, "locking_failed", progress)


def remove_temporaries(home: Path) -> None:
    """Overwrite and remove what interrupted writes left: in the home itself (a key file's
    leftover, the sealed index's), the journals and the other folders of the user's words."""
    for folder in [home, home / "journals", *(home / sub for sub in WORD_FOLDERS)]:
        if folder.is_dir() and not folder.is_symlink():
            remove_stale_temporaries(folder)


def unlock(vault: Vault, progress: Progress | None = None) -> Outcome:
    """Turn a locked home back into plain files; the key file goes last, and only when every
    file opened. UsageError when the home is not locked."""
    from trustcoach.journal.index_file import remove_locked_index
    from trustcoach.lock.keyfile import destroy_key_file

    vault.hold_alone()
    if not vault.locked:
        raise UsageError("not_locked")
    vault.key()
    remove_locked_index(vault.home)
    remove_temporaries(vault.home)
    items = word_files(vault.home)[0]
    outcome = convert_files(vault, items, _open_one, "unlocking_failed", progress)
    if not outcome.skipped:
        try:
            destroy_key_file(vault.home)
        except OSError as exc:
            raise JournalError("unlocking_failed", path=vault.home, reason=exc.strerror) from None
    return outcome


# One file: its new bytes, or None when it is already as wanted; SealError when it cannot be.
Convert = Callable[[Vault, WordFile, bytes], bytes | None]


def seal_one(vault: Vault, item: WordFile, raw: bytes) -> bytes | None:
    """A plain file's bytes sealed (None when it is sealed already)."""
    if crypto.is_sealed(raw):
        return None
    if len(raw) > item.limit:
        raise NotRegularFile("file_too_large", size=_mb(len(raw)), limit=_mb(item.limit))
    return crypto.seal(vault.key(), vault.key_file.key_id, item.identity, raw)


def _open_one(vault: Vault, item: WordFile, raw: bytes) -> bytes | None:
    if not crypto.is_sealed(raw):
        return None
    return vault.unseal(raw, item.identity)  # the old key too, after a change cut short


def convert_files(
    vault: Vault,
    items: list[WordFile],
    convert: Convert,
    failed: Key,
    progress: Progress | None,
) -> Outcome:
    """Replace each file of ``items`` by its converted bytes, one atomic write each."""
    others = word_files(vault.home)[1]
    changed = already = 0
    skipped: list[Unreadable] = []
    for done, item in enumerate(items, start=1):
        try:
            new = convert(vault, item, read_regular(item.path, item.limit + crypto.OVERHEAD))
        except (NotRegularFile, crypto.SealError) as exc:
            problem = exc.message if isinstance(exc, NotRegularFile) else Message(exc.reason)
            skipped.append(Unreadable(item.path, problem))
            continue
        except FileNotFoundError:
            continue
        except OSError as exc:
            why = {"reason": exc.strerror}
            skipped.append(Unreadable(item.path, Message("journal_os_error", why)))
            continue
        if new is None:
            already += 1
        else:
            try:
                write_atomic(item.path, new)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise JournalError(failed, path=item.path, reason=reason) from None
            changed += 1
        if progress is not None:
            progress(done, len(items))
    return Outcome(changed, already, skipped, others)


def _mb(size: int) -> str:
    from trustcoach.files import megabytes

    return megabytes(size)
