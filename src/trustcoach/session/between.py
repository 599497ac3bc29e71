"""What the home screen and ``progress`` need to read beyond the index: the last session and the
complete one before it (their journals), and the check-ins of the open commitments. The screens
are given what ``gather`` read, and read nothing themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trustcoach.journal.checkins.book import DaysCount
    from trustcoach.journal.history import History, SessionRow
    from trustcoach.journal.model import Journal
    from trustcoach.journal.store import JournalStore, Unreadable


@dataclass
class Between:
    """What the screens need beyond the index: the last session and the complete one before it
    (read from their journals), and the check-ins of the open commitments."""

    last: Journal | None = None
    before: Journal | None = None
    before_row: SessionRow | None = None
    days: dict[str, DaysCount] = field(default_factory=dict)  # by commitment ref
    marks: dict[str, dict[date, bool]] = field(default_factory=dict)  # by ref, then day
    checked_today: bool = False
    unreadable_days: list[Unreadable] = field(default_factory=list)  # not counted in ``days``


def gather(store: JournalStore, history: History, today: date, compare: bool = True) -> Between:
    """Read the check-ins of the open commitments and, with ``compare``, the two journals the
    home screen sets side by side."""
    from trustcoach.journal.checkins.book import CheckinBook, count_days
    from trustcoach.journal.store import Unreadable
    from trustcoach.session.checkin import to_check

    found = Between()
    if compare and history.sessions:
        from trustcoach.journal.compare import read_sessions  # the home screen's, not progress's

        last = history.sessions[-1]
        earlier = [s for s in history.sessions[:-1] if s.status == "complete"]
        found.before_row = earlier[-1] if earlier else None
        ids = [last.id] + ([found.before_row.id] if found.before_row else [])
        journals = {j.id: j for j in read_sessions(store, ids)}
        found.last = journals.get(last.id)
        found.before = journals.get(found.before_row.id) if found.before_row else None
    book = CheckinBook(store)
    found.marks, found.unreadable_days = book.marks(history.open)
    found.days = count_days(history.open, found.marks)
    running = {c.ref for c in to_check(history.open, today, found.marks)}
    marks = book.read_day(today)
    marked = set() if marks is None or isinstance(marks, Unreadable) else set(marks.refs())
    found.checked_today = bool(running & marked)
    return found
