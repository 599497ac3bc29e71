"""The daily check-in: a half-minute look at the open commitments, one answer each.

For every open commitment that the day checked is one of its days (from its session's day to
its due date, on its schedule: ``trustcoach.schedule``): done today (``y``), not today (``n``),
or skipped (Enter). Each answer is saved as it is given; a skip changes nothing, and ``s``
clears a mark made earlier that day back to skipped. The same lines work at a terminal and
through a pipe: one line per commitment, in the order shown. Nothing here counts streaks or
missed days.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol

from trustcoach.catalog.say import tell, typed_words
from trustcoach.errors import InvalidAnswer, JournalError
from trustcoach.journal.checkins.book import CheckinBook, first_day, toward
from trustcoach.journal.history import CommitmentRow
from trustcoach.journal.store import Unreadable
from trustcoach.schedule import asked_on, next_asked
from trustcoach.text import clean_input, normalize

Marks = Mapping[str, Mapping[date, bool]]  # each commitment's marks by day, by its ref
CLEAR: Literal["clear"] = "clear"  # the answer that clears a mark back to skipped


class CheckinUI(Protocol):
    """What the check-in asks of a user interface (the CLI implements it)."""

    def ask_mark(
        self,
        number: int,
        total: int,
        commitment: CommitmentRow,
        earlier: bool | None,
        problem: str | None,
    ) -> str:
        """Ask about one commitment; ``earlier`` is today's mark already saved, if any."""


@dataclass
class CheckinResult:
    """What one check-in recorded: done and not-today counts, and what was skipped."""

    done: int = 0
    not_today: int = 0
    skipped: int = 0
    cleared: int = 0
    marked: list[str] = field(default_factory=list)  # refs saved (or cleared) in this check-in


def checkin_order(commitment: CommitmentRow) -> tuple[int, str, str, str]:
    """The order of a check-in (and of ``progress --json``): promises to oneself first, then by
    due date, session and id."""
    return (
        0 if toward(commitment) == "self" else 1,
        commitment.due,
        commitment.session,
        commitment.id,
    )


def to_check(
    open_commitments: list[CommitmentRow], day: date, marks: Marks | None = None
) -> list[CommitmentRow]:
    """The open commitments a check-in of ``day`` asks about, in the order they are asked:
    ``day`` is one of their days, and once or times a week ones are not done enough yet by the
    days before (``marks``, from ``CheckinBook.marks``)."""
    marks = marks or {}
    running = [
        c
        for c in open_commitments
        if asked_on(c.rule, first_day(c), c.due_date, day, marks.get(c.ref, {}))
    ]
    return sorted(running, key=checkin_order)


def next_checkin(
    open_commitments: list[CommitmentRow], day: date, marks: Marks | None = None
) -> date | None:
    """The first day after ``day`` on which a check-in asks about one of them, if any."""
    marks = marks or {}
    coming = [
        next_asked(c.rule, first_day(c), c.due_date, day, marks.get(c.ref, {}))
        for c in open_commitments
    ]
    found = [when for when in coming if when is not None]
    return min(found) if found else None


@dataclass(frozen=True)
class NextReview:
    """When the next review is: ``due_now`` open commitments whose due date has come (the
    next session looks back at them), else the earliest due date of all of them (``first``);
    neither when nothing is open."""

    due_now: int
    first: date | None


def next_review(open_commitments: list[CommitmentRow], today: date) -> NextReview:
    """The next review as of ``today``, over every open commitment (not only those a check-in
    of some day asks about): the home screen and the check-in say the same."""
    due_now = sum(c.due_date <= today for c in open_commitments)
    if due_now or not open_commitments:
        return NextReview(due_now, None)
    return NextReview(0, min(c.due_date for c in open_commitments))


def parse_mark(raw: str) -> bool | Literal["clear"] | None:
    """``y`` (or yes, はい...) is done, ``n`` (no, いいえ...) is not today, empty is a skip,
    and ``s`` (skip, 飛ばす...) clears the day's mark back to skipped."""
    token = normalize(clean_input(raw))
    if not token:
        return None
    if token in typed_words("typed_yes"):
        return True
    if token in typed_words("typed_no"):
        return False
    if token in typed_words("typed_skip"):
        return CLEAR
    raise InvalidAnswer("checkin_need_mark")


def run_checkin(
    book: CheckinBook,
    commitments: list[CommitmentRow],
    day: date,
    clock: Callable[[], datetime],
    ui: CheckinUI,
    lang: str,
    result: CheckinResult | None = None,
) -> CheckinResult:
    """Ask about each commitment in turn and save each answer at once; ``result`` (when given)
    counts them as they are saved, so that a caller stopped by Ctrl-C knows what was kept.

    A day whose file cannot be read is refused before anything is asked: it is never rewritten.
    """
    found = book.read_day(day)
    if isinstance(found, Unreadable):
        raise JournalError("checkin_unreadable", path=found.path, problem=found.problem)
    earlier = found.refs() if found else {}
    result = result if result is not None else CheckinResult()
    for number, commitment in enumerate(commitments, start=1):
        problem: str | None = None
        while True:
            raw = ui.ask_mark(
                number, len(commitments), commitment, earlier.get(commitment.ref), problem
            )
            try:
                mark = parse_mark(raw)
                break
            except InvalidAnswer as exc:
                problem = tell(lang, exc.message)
        if mark == CLEAR and commitment.ref in earlier:
            book.record(day, commitment, None, clock())
            result.marked.append(commitment.ref)
            result.cleared += 1
            continue
        if mark is None or mark == CLEAR:
            result.skipped += 1
            continue
        book.record(day, commitment, mark, clock())
        result.marked.append(commitment.ref)
        if mark:
            result.done += 1
        else:
            result.not_today += 1
    return result
