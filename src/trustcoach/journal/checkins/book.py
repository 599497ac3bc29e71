"""Daily check-ins: for each open commitment, "done today", "not today" or nothing (skipped).

One small file per day, ``<home>/checkins/YYYY-MM-DD.toml``, outside ``journals/`` (they are
not sessions). A day is the unit a person checks in for, so each check-in writes one small file,
atomically, and a file damaged by hand costs at most that one day: it is reported and never
rewritten, and every other day still counts. A commitment's days are found by name, without
reading the rest. Files are read and written only through the store's ``read_bytes`` and
``write_bytes``, like journals: in a locked home they are sealed, bound to their own name, and a
day that does not open is unreadable like a damaged one.

A skipped commitment leaves no mark: it is neither done nor missed, and nothing here counts
streaks or missed days. A mark records only the session and commitment ids, never the text.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from trustcoach.catalog.say import Message
from trustcoach.errors import JournalError
from trustcoach.files import PRIVATE_FILE, TEMP_PREFIX, NotRegularFile, ensure_private_dir
from trustcoach.journal.folder import (
    forget_file,
    remove_stale_temporaries,
    stale_temporaries,
)
from trustcoach.journal.store import JournalStore, Unreadable
from trustcoach.lock.vault import LockedFileError

if TYPE_CHECKING:
    from trustcoach.journal.checkins.day_file import CheckinDay
    from trustcoach.journal.history import CommitmentRow

FOLDER = "checkins"
DAY_NAME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\.toml")
LOCK = "checkins.lock"


class DaysCount(NamedTuple):
    """What the check-ins said about one commitment between its session and its due date, on
    its scheduled days (``schedule.tally``)."""

    done: int  # scheduled days marked "done"
    checked: int  # scheduled days marked at all ("done" or "not today")


def session_day(session_id: str) -> date:
    """The day a session started, read from its id (``20261126-140512-a3f9``)."""
    return date(int(session_id[:4]), int(session_id[4:6]), int(session_id[6:8]))


def toward(commitment: CommitmentRow) -> str:
    """Whom a commitment was made toward: ``self`` or ``partner``."""
    return commitment.toward


def first_day(commitment: CommitmentRow) -> date:
    """The first day a commitment can be checked in: the day its session started."""
    return session_day(commitment.session)


def count_days(
    commitments: list[CommitmentRow], marks: Mapping[str, Mapping[date, bool]]
) -> dict[str, DaysCount]:
    """Each commitment's scheduled days done and checked (by ``ref``), from its marks."""
    from trustcoach.schedule import tally

    return {
        c.ref: DaysCount(*tally(c.rule, first_day(c), c.due_date, marks.get(c.ref, {})))
        for c in commitments
    }


def _day_of(name: str) -> date | None:
    """The day a file name stands for (``2026-12-02.toml``), or None for any other name."""
    if not DAY_NAME.fullmatch(name):
        return None
    try:
        return date.fromisoformat(name[:-5])
    except ValueError:
        return None


class CheckinBook:
    """The check-in files of a home, read and written through its journal store."""

    def __init__(self, store: JournalStore) -> None:
        self.store = store
        self.folder = store.home / FOLDER

    def path_for(self, day: date) -> Path:
        """The file of one day."""
        return self.folder / f"{day.isoformat()}.toml"

    def days(self) -> list[date]:
        """Every day that has a check-in file, oldest first."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise JournalError("cannot_list", folder=self.folder, reason=exc.strerror) from None
        return sorted(day for day in map(_day_of, names) if day is not None)

    def others(self) -> list[Path]:
        """Files in the check-ins folder that are neither a day nor a save's temporary file
        (a sync tool's copy, for example): never read, never deleted; doctor names them."""
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return []
        return [
            self.folder / name
            for name in names
            if not (_day_of(name) or name.startswith(TEMP_PREFIX))
        ]

    def read_day(self, day: date) -> CheckinDay | Unreadable | None:
        """One day's check-in, why its file cannot be read, or None when there is none."""
        path = self.path_for(day)
        try:
            raw = self.store.read_bytes(path)
        except FileNotFoundError:
            return None
        except (NotRegularFile, LockedFileError) as exc:  # a pipe, far too large, does not open
            return Unreadable(path, exc.message)
        except IsADirectoryError:
            return Unreadable(path, Message("journal_is_folder"))
        except OSError as exc:
            return Unreadable(path, Message("journal_os_error", {"reason": exc.strerror}))
        try:
            from trustcoach.journal.checkins.day_file import parse_day  # msgspec: only with a file

            return parse_day(raw, day)
        except JournalError as exc:
            return Unreadable(path, exc.message)

    def marks(
        self, commitments: list[CommitmentRow], through: date | None = None
    ) -> tuple[dict[str, dict[date, bool]], list[Unreadable]]:
        """For each commitment (by ``ref``), its marks by day from its session's day to its due
        date (or ``through``, if that is earlier); and the files of those days that cannot be
        read (whose marks are not known). Only the days in those spans are read."""
        wanted = {c.ref: (first_day(c), c.due_date) for c in commitments}
        found: dict[str, dict[date, bool]] = {ref: {} for ref in wanted}
        unreadable = []
        for day in self.days():
            if through is not None and day > through:
                break
            refs = [ref for ref, (start, end) in wanted.items() if start <= day <= end]
            if not refs:
                continue
            read = self.read_day(day)
            if isinstance(read, Unreadable):
                unreadable.append(read)
                continue
            marks = read.refs() if read else {}
            for ref in refs:
                if ref in marks:
                    found[ref][day] = marks[ref]
        return found, unreadable

    def tallies(
        self, commitments: list[CommitmentRow]
    ) -> tuple[dict[str, DaysCount], list[Unreadable]]:
        """For each commitment (by ``ref``), its scheduled days done and checked from its
        session's day to its due date (``schedule.tally``); and the files of those days that
        cannot be read (not counted)."""
        marks, unreadable = self.marks(commitments)
        return count_days(commitments, marks), unreadable

    def record(
        self, day: date, commitment: CommitmentRow, done: bool | None, moment: datetime
    ) -> None:
        """Mark one commitment done (or not today) on ``day``, replacing an earlier mark of the
        same day, or (``done`` None) clear its mark back to skipped; the day's file is
        rewritten atomically (removed when no mark is left), never when it cannot be read."""
        self.ensure()
        from trustcoach.journal.checkins.day_file import (
            SCHEMA_VERSION,
            CheckinDay,
            CheckinMark,
            ref_of,
        )

        mark = CheckinMark(
            session=commitment.session,
            commitment=commitment.id,
            done=bool(done),
            checked_at=moment,
        )
        with self._locked():
            found = self.read_day(day)
            if isinstance(found, Unreadable):
                raise JournalError("checkin_unreadable", path=found.path, problem=found.problem)
            marks = [m for m in (found.marks if found else []) if ref_of(m) != ref_of(mark)]
            if done is not None:
                marks.append(mark)
            elif not marks:
                if found is not None:
                    forget_file(self.path_for(day))
                return
            self._write(day, CheckinDay(schema_version=SCHEMA_VERSION, day=day, marks=marks))

    def delete_sessions(self, session_ids: set[str]) -> list[Unreadable]:
        """Delete every check-in of these sessions' commitments (when they are forgotten), in
        one pass over the days; a day left with no marks loses its file. Files that cannot be
        read are left as they are and returned, so the caller can say so."""
        from msgspec import structs

        unreadable = []
        with self._locked():
            for day in self.days():
                found = self.read_day(day)
                if isinstance(found, Unreadable):
                    unreadable.append(found)
                    continue
                if found is None or all(m.session not in session_ids for m in found.marks):
                    continue
                kept = [m for m in found.marks if m.session not in session_ids]
                if kept:
                    self._write(day, structs.replace(found, marks=kept))
                else:
                    forget_file(self.path_for(day))
        return unreadable

    def delete_session(self, session_id: str) -> list[Unreadable]:
        """Delete every check-in of one session's commitments (see ``delete_sessions``)."""
        return self.delete_sessions({session_id})

    def delete_all(self) -> None:
        """Delete every file in the check-ins folder, readable or not (every session is
        forgotten), and its lock; the empty folder stays."""
        with self._locked():
            for path in [*map(self.path_for, self.days()), *self.others()]:
                forget_file(path)
            for path in self.stale_temporaries():
                forget_file(path)
        forget_file(self.store.home / "locks" / LOCK)

    def _write(self, day: date, checkin: CheckinDay) -> None:
        try:
            from trustcoach.journal.checkins.day_file import encode_day

            self.store.write_bytes(self.path_for(day), encode_day(checkin))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise JournalError("checkin_save_failed", folder=self.folder, reason=reason) from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the check-ins for this process while a day is read and rewritten, so that two
        terminals checking in at once never drop each other's marks."""
        try:
            import fcntl
        except ImportError:  # no advisory locks on this platform
            yield
            return
        locks = ensure_private_dir(self.store.home / "locks")
        path = locks / LOCK
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, PRIVATE_FILE)
        except OSError as exc:
            raise JournalError("lock_failed", path=path, reason=exc.strerror) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def ensure(self) -> None:
        """Create the folder, private to the owner; tidy what a crash left and loose modes."""
        ensure_private_dir(self.store.home)
        ensure_private_dir(self.folder)
        remove_stale_temporaries(self.folder)
        for path in self.loose_files():
            with contextlib.suppress(OSError):
                path.chmod(PRIVATE_FILE)

    def stale_temporaries(self) -> list[Path]:
        """Temporary files left by a process that no longer runs (a crash mid-save)."""
        return stale_temporaries(self.folder) if self.folder.is_dir() else []

    def loose_files(self) -> list[Path]:
        """Check-in files that someone other than the owner could read or write."""
        if not self.folder.is_dir():
            return []
        loose = []
        for path in map(self.path_for, self.days()):  # days only: other files are left alone
            with contextlib.suppress(OSError):
                info = path.lstat()
                if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
                    loose.append(path)
        return loose

    def unreadable(self) -> tuple[int, list[Unreadable]]:
        """How many days read well, and the files that cannot be read (for doctor)."""
        results = [self.read_day(day) for day in self.days()]
        bad = [found for found in results if isinstance(found, Unreadable)]
        return len(results) - len(bad), bad
