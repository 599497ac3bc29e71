"""Reminders without a background process: an iCalendar file that any calendar can import.

Each open commitment becomes an all-day event on its due date (the day its review is due), and,
if asked, one daily check-in event repeats until the last due date. Titles and descriptions say
only "trustcoach" unless ``detailed`` is asked for, since a calendar is often seen by others.
Each commitment's event has a UID derived from its session and id, so importing a new file
updates the events instead of adding copies. Escaping and line folding (by octets, never
inside a character) are the ``icalendar`` package's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from trustcoach.catalog.say import DEFAULT_PROGRAM, say
from trustcoach.text import visible

if TYPE_CHECKING:
    from icalendar import Alarm, Event

    from trustcoach.journal.history import CommitmentRow

UID_DOMAIN = "trustcoach.invalid"  # a domain that can never belong to anyone (RFC 2606)
CHECKIN_UID = f"daily-checkin@{UID_DOMAIN}"
DUE_ALARM = timedelta(hours=9)  # all-day events remind at 09:00 on the day
CHECKIN_MINUTES = 10


@dataclass(frozen=True)
class CalendarRequest:
    """What goes into the file: which commitments, in which words, and the daily check-in."""

    commitments: list[CommitmentRow]
    stamp: datetime  # the clock when the file is made (DTSTAMP)
    lang: str
    detailed: bool = False
    checkin_at: time | None = None  # the time of the daily check-in, or no check-in
    today: date | None = None  # the first day of the daily check-in (default: the stamp's day)
    program: str = DEFAULT_PROGRAM  # how the detailed descriptions name trustcoach


def parse_time(text: str) -> time:
    """A time of day such as ``21:00`` (full-width digits too)."""
    from trustcoach.errors import UsageError
    from trustcoach.text import normalize

    token = normalize(text)
    try:
        hours, minutes = token.split(":")
        if len(minutes) != 2 or not (hours.isdigit() and minutes.isdigit()):
            raise ValueError(token)
        return time(int(hours), int(minutes))
    except ValueError:
        raise UsageError("remind_bad_time", value=text) from None


def commitment_uid(commitment: CommitmentRow) -> str:
    """A UID that stays the same for a commitment across exports and says nothing about it."""
    digest = hashlib.sha256(f"trustcoach/{commitment.ref}".encode()).hexdigest()[:24]
    return f"{digest}@{UID_DOMAIN}"


def calendar_bytes(request: CalendarRequest) -> bytes:
    """The iCalendar file (RFC 5545) as bytes."""
    from icalendar import Calendar

    from trustcoach import __version__

    calendar = Calendar()
    calendar.add("prodid", f"-//trustcoach//trustcoach {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for commitment in sorted(request.commitments, key=lambda c: (c.due, c.session, c.id)):
        calendar.add_component(_due_event(request, commitment))
    if request.checkin_at is not None and request.commitments:
        calendar.add_component(_checkin_event(request, request.checkin_at))
    data: bytes = calendar.to_ical()
    return data


def _neutral(request: CalendarRequest) -> str:
    return say(request.lang, "ics_neutral")


def _event(request: CalendarRequest, uid: str, summary: str, description: str | None) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", request.stamp.astimezone(UTC))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a reminder, not time that is taken
    return event


def _alarm(trigger: timedelta, text: str) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm


def _due_event(request: CalendarRequest, commitment: CommitmentRow) -> Event:
    """An all-day event on the due date of one commitment."""
    lang = request.lang
    if request.detailed:
        text = visible(commitment.text)
        summary = say(lang, "ics_due_title", text=text)
        description: str | None = say(
            lang, "ics_due_detail", text=text, due=commitment.due, program=request.program
        )
    else:
        summary, description = _neutral(request), None
    event = _event(request, commitment_uid(commitment), summary, description)
    due = commitment.due_date
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add_component(_alarm(DUE_ALARM, summary))
    return event


def _checkin_event(request: CalendarRequest, at: time) -> Event:
    """A short event every day at ``at`` (floating: the calendar's own time zone), from today
    until the last due date."""
    lang = request.lang
    if request.detailed:
        detail = say(lang, "ics_checkin_detail", program=request.program)
        summary, description = say(lang, "ics_checkin_title"), detail
    else:
        summary, description = _neutral(request), None
    event = _event(request, CHECKIN_UID, summary, description)
    first = request.today or request.stamp.date()
    last = max(c.due_date for c in request.commitments)
    start = datetime.combine(first, at)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=CHECKIN_MINUTES))
    until = datetime.combine(max(first, last), at)
    event.add("rrule", {"freq": "daily", "until": until})
    event.add_component(_alarm(timedelta(0), summary))
    return event
