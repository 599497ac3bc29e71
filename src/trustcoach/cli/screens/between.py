"""What the home screen and ``progress`` show of the life between sessions: what changed since
the session before, what the check-ins of each open commitment said, and when the next check-in
or review is due. The functions return text or data; printing is left to the commands.

Nothing here shows a value that was never measured as a zero: a commitment not reviewed yet is
"not reviewed yet", a session without a rating shows no rating, and a belief or tally that one
of two sessions lacks is simply not compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import say
from trustcoach.cli.screens.numbers import number
from trustcoach.default_pack import MYTH_NEVER, MYTH_OTHERS, MYTH_WORDS
from trustcoach.journal.checkins.book import DaysCount, toward

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.journal.history import CommitmentRow, History
    from trustcoach.session.between import Between

TREND_POINTS = 8  # ratings shown as numbers in a trend; older ones are summed up by "…"
BELIEF_LABELS: Mapping[str, Key] = MappingProxyType(
    {  # the default pack's three misconceptions, by step id
        MYTH_NEVER: "home_belief_never",
        MYTH_WORDS: "home_belief_words",
        MYTH_OTHERS: "home_belief_others",
    }
)


def trend(values: list[int | None]) -> str:
    """Ratings as numbers, oldest to newest (``3 → 4 → 6``): every point of change shows."""
    known = [str(value) for value in values if value is not None]
    if len(known) > TREND_POINTS:
        known = ["…", *known[-TREND_POINTS:]]
    return " → ".join(known)


def change_lines(between: Between, lang: str) -> list[str]:
    """Under the last session: the session before's ratings, the beliefs then and now, and
    how the last session's reviews went (beside the session before's)."""
    from trustcoach.journal.compare import beliefs, tally

    lines = []
    row = between.before_row
    if row is not None:
        values = {"self": number(row.self_trust), "partner": number(row.partner_trust)}
        lines.append(say(lang, "home_before", day=row.started_on, **values))
    now = beliefs(between.last) if between.last else []
    then = {b.step: b for b in beliefs(between.before)} if between.before else {}
    if now:  # the 0-100 scale is explained when the last session measured on it
        scale = any(isinstance(b.value, tuple) for b in now)
        lines.append(say(lang, "home_beliefs_scale" if scale else "home_beliefs"))
    for belief in now:
        label = say(lang, BELIEF_LABELS.get(belief.step, "home_belief_other"))
        earlier = then.get(belief.step)
        if earlier is None or type(earlier.value) is not type(belief.value):
            lines.append(say(lang, "home_belief", label=label, now=belief.shown))
        elif earlier.value == belief.value:
            lines.append(say(lang, "home_belief_same", label=label, now=belief.shown))
        else:
            values = {"before": earlier.shown, "now": belief.shown}
            lines.append(say(lang, "home_belief_change", label=label, **values))
    counts = tally(between.last) if between.last else None
    if counts is not None:
        lines.append(say(lang, "home_tally", tally=say(lang, "tally", **counts._asdict())))
        earlier_counts = tally(between.before) if between.before else None
        if earlier_counts is not None:
            said = say(lang, "tally", **earlier_counts._asdict())
            lines.append(say(lang, "home_tally_before", tally=said))
    return lines


def days_line(between: Between, commitment: CommitmentRow, lang: str) -> list[str]:
    """What the check-ins said of one open commitment (nothing when none were made)."""
    count = between.days.get(commitment.ref)
    if count is None or not count.checked:
        return []
    return [say(lang, "home_item_checkins", done=count.done, count=count.checked)]


def checkin_today(history: History, between: Between, today: date) -> bool:
    """Whether today's check-in is still to do (the home screen offers it with the next
    steps, where a command is never broken across lines)."""
    from trustcoach.session.checkin import to_check

    return bool(to_check(history.open, today, between.marks)) and not between.checked_today


def next_lines(
    history: History, between: Between, today: date, lang: str, program: str
) -> list[str]:
    """When the next check-in (once today's is done) and the next review are (the hint names
    ``program``)."""
    from trustcoach.schedule import day_words
    from trustcoach.session.checkin import next_checkin, next_review, to_check

    lines = []
    running = to_check(history.open, today, between.marks)
    coming_day = next_checkin(history.open, today, between.marks)
    when = day_words(coming_day, lang) if coming_day else ""
    if running and between.checked_today:
        key: Key = "home_checked_today" if coming_day else "home_checked_last_day"
        lines.append(say(lang, key, when=when) if coming_day else say(lang, key))
    elif not running and coming_day:
        lines.append(say(lang, "checkin_next", when=when))
    coming = next_review(history.open, today)
    if coming.due_now:
        lines.append(say(lang, "home_review_now", count=coming.due_now, program=program))
    elif coming.first is not None:
        days = (coming.first - today).days
        lines.append(say(lang, "home_next_review", day=coming.first.isoformat(), count=days))
    return lines


def when_line(commitment: CommitmentRow, when: str, lang: str) -> str:
    """When an open commitment is due, with its days when they are not every day."""
    from trustcoach.schedule import describe

    if commitment.rule.kind == "daily":
        return when
    return say(lang, "home_when_schedule", schedule=describe(commitment.rule, lang), when=when)


def unreadable_lines(between: Between, lang: str, program: str) -> list[str]:
    """A word on check-in files that cannot be read and so are not counted (``program``'s
    doctor names them)."""
    count = len(between.unreadable_days)
    return [say(lang, "checkins_unreadable", count=count, program=program)] if count else []


def open_data(
    commitments: list[CommitmentRow], days: dict[str, DaysCount]
) -> list[dict[str, Any]]:
    """The open commitments of ``progress --json``, in the order the check-in asks them."""
    from trustcoach.session.checkin import checkin_order

    return [
        {
            "session": c.session,
            "id": c.id,
            "toward": toward(c),
            "text": c.text,
            "due": c.due,
            "schedule": c.schedule,
            "done_days": days.get(c.ref, DaysCount(0, 0)).done,
            "checked_days": days.get(c.ref, DaysCount(0, 0)).checked,
        }
        for c in sorted(commitments, key=checkin_order)
    ]

