"""The journals folder besides its journals: temporary files of saves, loose file modes, and
whatever else lies there, such as the copies and half-synced files that sync tools leave.

People keep their home in Syncthing, Dropbox, iCloud Drive, Nextcloud or OneDrive. When two
machines change a session before they have synced, those tools keep both versions: one under
the journal's name, the other renamed (``<id>.sync-conflict-20261122-101010-ABCDEF1.toml``,
``<id> (Someone's conflicted copy 2026-11-22).toml``, ``<id> 2.toml``...). While a file is
still on its way they leave a temporary or a placeholder (``.syncthing.<id>.toml.tmp``,
``.<id>.toml.icloud``). trustcoach reads neither as a journal (only ``<id>.toml`` is one), never
deletes them, and ``doctor`` says what each one is and what to do.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path
from typing import Literal, NamedTuple

from trustcoach.errors import JournalError
from trustcoach.files import PRIVATE_FILE, TEMP_PREFIX, destroy_file
from trustcoach.names import SESSION_ID_RE

_ID = r"(?P<id>[0-9]{8}-[0-9]{6}-[0-9a-f]{4})"

# Copies of a journal kept beside it after a conflict, by the tool that makes them. The patterns
# are compiled when first used (by re's cache): list and progress import this module, and a
# folder with nothing but journals never needs them.
_COPIES: tuple[tuple[str, str], ...] = (
    # <name>.sync-conflict-<date>-<time>-<short device id>.<ext>
    ("Syncthing", rf"{_ID}\.sync-conflict-[0-9]{{8}}-[0-9]{{6}}(-[A-Z0-9]+)?\.toml"),
    # <name> (conflicted copy <date> <hhmmss>).<ext>
    ("Nextcloud", rf"{_ID} \(conflicted copy [0-9-]{{10}} [0-9]{{6}}\)\.toml"),
    # <name> (<someone>'s conflicted copy <date>).<ext>, (Case Conflict), (... Conflict)
    ("Dropbox", rf"{_ID} \([^()]*([Cc]onflicted copy|Conflict)[^()]*\)( \(\d+\))?\.toml"),
    # <name>_conflict-<date>-<time>.<ext> (ownCloud before 2.5)
    ("ownCloud", rf"{_ID}_conflict-[0-9]{{8}}-[0-9]{{6}}\.toml"),
    # <name> 2.<ext>
    ("iCloud Drive", rf"{_ID} [0-9]+\.toml"),
    # <name>-<computer name>.<ext>
    ("OneDrive", rf"{_ID}-[A-Za-z0-9][A-Za-z0-9_-]*\.toml"),
)

# Files of a session that a tool has not finished bringing to this machine.
_PARTIAL: tuple[tuple[str, str], ...] = (
    ("Syncthing", rf"(\.syncthing\.|~syncthing~){_ID}\.toml\.tmp"),
    ("iCloud Drive", rf"\.{_ID}\.toml\.icloud"),
    ("Nextcloud", rf"\.{_ID}\.toml\.~[0-9a-f]+"),
)

Kind = Literal["copy", "partial", "other"]


class Entry(NamedTuple):
    """Something in the journals folder that is not a journal: a sync tool's ``copy`` of a
    session, a ``partial`` file of one still being synced, or any ``other`` file or folder."""

    path: Path
    kind: Kind
    session: str = ""  # the session it belongs to (copies and partial files)
    tool: str = ""  # the sync tool whose naming it follows

    @property
    def journal(self) -> Path:
        """The journal file of the session it belongs to."""
        return self.path.parent / f"{self.session}.toml"


_KNOWN: tuple[tuple[Kind, tuple[tuple[str, str], ...]], ...] = (
    ("copy", _COPIES),
    ("partial", _PARTIAL),
)


def classify(path: Path) -> Entry:
    """What a name in the journals folder that is not ``<id>.toml`` is."""
    for kind, patterns in _KNOWN:
        for tool, pattern in patterns:
            found = re.fullmatch(pattern, path.name)
            if found:
                return Entry(path, kind, found.group("id"), tool)
    return Entry(path, "other")


def is_journal_name(name: str) -> bool:
    """Whether a file name is a journal's: ``<session id>.toml``."""
    return name.endswith(".toml") and SESSION_ID_RE.fullmatch(name[:-5]) is not None


def others(folder: Path, names: list[str] | None = None) -> list[Entry]:
    """Everything in ``folder`` (or of its ``names``, when the caller has listed it already)
    that is neither a journal nor a temporary file of a save, said what it is; none when the
    folder cannot be listed."""
    if names is None:
        try:
            names = os.listdir(folder)
        except OSError:
            return []
    return [
        classify(folder / name)
        for name in sorted(names)
        if not (name.startswith(TEMP_PREFIX) or is_journal_name(name))
    ]


def count_sync_leftovers(folder: Path, names: list[str] | None = None) -> int:
    """How many files in ``folder`` (or of its ``names``) a sync tool left: copies and
    partial files."""
    return sum(entry.kind != "other" for entry in others(folder, names))


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files left by a process that no longer runs (a crash mid-save): in the
    journals and check-ins folders, and in the home itself (the key file's and the sealed
    index's, which hold a key or the user's words as much as what they were to replace)."""
    stale = []
    for path in folder.glob(f"{TEMP_PREFIX}*"):
        pid = path.name.rsplit(".", 1)[-1]
        if not (pid.isdigit() and _process_alive(int(pid))):
            stale.append(path)
    return stale


def remove_stale_temporaries(folder: Path) -> int:
    """Overwrite and delete stale temporary files (``files.destroy_file``); the files they were
    meant for are intact."""
    removed = 0
    for path in stale_temporaries(folder):
        with contextlib.suppress(OSError):
            removed += destroy_file(path)
    return removed


def loose_files(folder: Path) -> list[Path]:
    """Journal files that someone other than the owner could read or write (regular files
    named as journals only: a named pipe or a link is reported by the reader, and what is not
    a journal is left as it is)."""
    loose = []
    for path in folder.glob("*.toml"):
        if not is_journal_name(path.name):
            continue
        with contextlib.suppress(OSError):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
                loose.append(path)
    return loose


def repair_file_modes(folder: Path) -> int:
    """Make every journal file readable by the owner only; returns how many were changed."""
    repaired = 0
    for path in loose_files(folder):
        with contextlib.suppress(OSError):
            path.chmod(PRIVATE_FILE)
            repaired += 1
    return repaired


def forget_file(path: Path) -> None:
    """Remove one file for ``forget`` (a journal, a day of check-ins, a lock, the index); one
    already gone is fine, a failure is one sentence (``forget`` can be run again)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise JournalError("forget_failed", path=path, reason=exc.strerror) from None
