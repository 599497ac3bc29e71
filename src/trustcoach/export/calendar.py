"""Reminders without a background process: an iCalendar file that any calendar can import.

Each open commitment is one all-day event on its days (from its session's day to its due date:
every day, given weekdays with ``BYDAY``, once a week from its first day for "times a week",
and one span for "once"); each due date is one all-day event, the day the next session looks
back; and, if asked, a check-in event at a time of day repeats on the days a check-in may ask
something. Titles and descriptions say only "trustcoach" (numbered when several fall on one
day) unless ``detailed`` is asked for, since a calendar is often seen by others.

Every event id is derived from the home's own random id (``calendar_record.py``), so the files
of several homes never share one, and stays the same for the same commitment in every file.
An event whose contents changed since the last file gets a higher ``SEQUENCE``; one that is no
longer there (its commitment was looked back at, let go or forgotten) is withdrawn with
``STATUS:CANCELLED`` and a higher ``SEQUENCE``, and stays withdrawn in later files for a while,
so importing any newer file updates the calendar. Escaping and line folding are the
``icalendar`` package's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from trustcoach.catalog.say import DEFAULT_PROGRAM, say
from trustcoach.schedule import describe, possible_days
from trustcoach.text import visible

if TYPE_CHECKING:
    from pathlib import Path

    from icalendar import Alarm, Event

    from trustcoach.export.calendar_record import CalendarRecord, Written
    from trustcoach.journal.history import CommitmentRow

UID_DOMAIN = "trustcoach.invalid"  # a domain that can never belong to anyone (RFC 2606)
DUE_ALARM = timedelta(hours=9)  # all-day events remind at 09:00 on the day
CHECKIN_MINUTES = 10
WITHDRAWN_DAYS = 90  # a withdrawal stays in the files until this long after the event's end
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class CalendarRequest:
    """What goes into the file: which commitments, in which words, and the daily check-in."""

    commitments: list[CommitmentRow]
    stamp: datetime  # the clock when the file is made (DTSTAMP)
    lang: str
    detailed: bool = False
    checkin_at: time | None = None  # the time of the check-in, or no check-in
    today: date | None = None  # the first day of the check-in (default: the stamp's day)
    program: str = DEFAULT_PROGRAM  # how the detailed descriptions name trustcoach
    home: str = ""  # the home's random id, from which every event id is derived


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


def event_uid(home: str, name: str) -> str:
    """An id unique to the home, the same in every file, that says nothing about the event."""
    digest = hashlib.sha256(f"trustcoach/{home}/{name}".encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def commitment_uid(commitment: CommitmentRow, home: str) -> str:
    """The id of a commitment's event: from the home's id and the commitment's reference."""
    return event_uid(home, commitment.ref)


@dataclass
class _Planned:
    """One event before it is numbered, fingerprinted and stamped."""

    uid: str
    event: Event
    days: list[date]  # the days it falls on, for numbering neutral titles


def calendar_bytes(
    request: CalendarRequest, record: CalendarRecord | None = None
) -> tuple[bytes, list[Written]]:
    """The iCalendar file (RFC 5545) as bytes, and what it wrote (for the home's record):
    ``record`` is what the files before it wrote, whose events this one keeps, numbers higher
    or withdraws."""
    from icalendar import Calendar

    from trustcoach import __version__

    made = [_commitment_event(request, c) for c in _ordered(request.commitments)]
    planned = [item for item in made if item is not None]
    planned += _review_events(request)
    checkin = _checkin_event(request)
    planned += [checkin] if checkin else []
    if not request.detailed:
        _number(planned, request.lang)
    calendar = Calendar()
    calendar.add("prodid", f"-//trustcoach//trustcoach {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    before = record.by_uid() if record else {}
    written = []
    for item in planned:
        written.append(_stamped(request, item, before.get(item.uid)))
        calendar.add_component(item.event)
    now = {item.uid for item in planned}
    last_kept = (request.today or request.stamp.date()) - timedelta(days=WITHDRAWN_DAYS)
    for uid, earlier in before.items():
        if uid not in now and earlier.last >= last_kept:
            withdrawn, event = _withdrawn(request, earlier)
            written.append(withdrawn)
            calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data, written


def home_calendar(home: Path, request: CalendarRequest) -> tuple[bytes, int]:
    """The calendar file of a home's open commitments, and how many events it withdraws for
    the first time. The home's record (``calendar_record.py``) gives the event ids and is
    saved before the file is written: a file it claims but that was never written only makes
    the next file repeat what it said. UsageError when there is nothing to write at all."""
    from dataclasses import replace

    from trustcoach.errors import UsageError
    from trustcoach.export.calendar_record import (
        SCHEMA_VERSION,
        CalendarRecord,
        read_record,
        write_record,
    )

    record = read_record(home)
    data, written = calendar_bytes(replace(request, home=record.home), record)
    if not written:
        raise UsageError("remind_nothing")
    write_record(home, CalendarRecord(schema_version=SCHEMA_VERSION, home=record.home,
                                      events=written))  # fmt: skip
    before = {uid for uid, earlier in record.by_uid().items() if earlier.cancelled}
    return data, sum(w.cancelled and w.uid not in before for w in written)


def _ordered(commitments: list[CommitmentRow]) -> list[CommitmentRow]:
    return sorted(commitments, key=lambda c: (c.first_day, c.due, c.session, c.id))


def _stamped(request: CalendarRequest, item: _Planned, earlier: Written | None) -> Written:
    """The event with its DTSTAMP and SEQUENCE: the earlier one when nothing changed."""
    from trustcoach.export.calendar_record import Written

    fingerprint = hashlib.sha256(item.event.to_ical()).hexdigest()[:32]
    sequence = 0
    if earlier is not None:
        same = earlier.fingerprint == fingerprint and not earlier.cancelled
        sequence = earlier.sequence if same else earlier.sequence + 1
    item.event.add("dtstamp", request.stamp.astimezone(UTC))
    item.event.add("sequence", sequence)
    start, last = min(item.days), max(item.days)
    return Written(uid=item.uid, sequence=sequence, fingerprint=fingerprint, start=start, last=last)


def _withdrawn(request: CalendarRequest, earlier: Written) -> tuple[Written, Event]:
    """An event of an earlier file withdrawn: the same id, cancelled, numbered higher (once:
    a later file repeats the same withdrawal)."""
    from msgspec import structs

    sequence = earlier.sequence if earlier.cancelled else earlier.sequence + 1
    event = _event(request, earlier.uid, say(request.lang, "ics_neutral"), None)
    event.add("dtstamp", request.stamp.astimezone(UTC))
    event.add("dtstart", earlier.start)
    event.add("status", "CANCELLED")
    event.add("sequence", sequence)
    return structs.replace(earlier, sequence=sequence, cancelled=True), event


def _number(planned: list[_Planned], lang: str) -> None:
    """Neutral titles numbered ("trustcoach (2)") for the events that share a day with another."""
    count: dict[date, int] = {}
    for item in planned:
        for day in item.days:
            count[day] = count.get(day, 0) + 1
    shared = [item for item in planned if any(count[day] > 1 for day in item.days)]
    for number, item in enumerate(shared, start=1):
        title = say(lang, "ics_numbered", number=number)
        item.event["summary"] = title
        for alarm in item.event.subcomponents:
            alarm["description"] = title


def _event(request: CalendarRequest, uid: str, summary: str, description: str | None) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
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


def _commitment_event(request: CalendarRequest, commitment: CommitmentRow) -> _Planned | None:
    """An all-day event on a commitment's days, from its first day to its due date (none when
    no day of its schedule falls between them)."""
    lang, rule = request.lang, commitment.rule
    first, due = commitment.first_day, commitment.due_date
    days = possible_days(rule, first, due)
    if not days:
        return None
    if request.detailed:
        text, schedule = visible(commitment.text), describe(rule, lang)
        summary = say(lang, "ics_due_title", text=text)
        values = {"text": text, "schedule": schedule, "due": due, "program": request.program}
        description = say(lang, "ics_days_detail", **values)
    else:
        summary, description = say(lang, "ics_neutral"), None
    uid = commitment_uid(commitment, request.home)
    event = _event(request, uid, summary, description)
    event.add("dtstart", days[0])
    if rule.kind == "once":
        event.add("dtend", due + timedelta(days=1))
    else:
        event.add("dtend", days[0] + timedelta(days=1))
        if rule.kind == "weekly":
            days = days[::7]
        if len(days) > 1:
            repeat: dict[str, object] = {"freq": "daily" if rule.kind == "daily" else "weekly"}
            if rule.kind == "days":
                repeat["byday"] = [BYDAY[day] for day in sorted(rule.days)]
            repeat["until"] = days[-1]
            event.add("rrule", repeat)
    event.add_component(_alarm(DUE_ALARM, summary))
    return _Planned(uid, event, days)


def _review_events(request: CalendarRequest) -> list[_Planned]:
    """An all-day event on each due date: the next session looks back at what is due then."""
    lang = request.lang
    by_due: dict[date, list[CommitmentRow]] = {}
    for commitment in _ordered(request.commitments):
        by_due.setdefault(commitment.due_date, []).append(commitment)
    planned = []
    for due, commitments in sorted(by_due.items()):
        if request.detailed:
            quoted = [say(lang, "quoted", text=visible(c.text)) for c in commitments]
            summary = say(lang, "ics_review_title")
            values = {"due": due.isoformat(), "texts": quoted, "program": request.program}
            description: str | None = say(lang, "ics_review_detail", **values)
        else:
            summary, description = say(lang, "ics_neutral"), None
        uid = event_uid(request.home, f"review/{due.isoformat()}")
        event = _event(request, uid, summary, description)
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add_component(_alarm(DUE_ALARM, summary))
        planned.append(_Planned(uid, event, [due]))
    return planned


def _checkin_event(request: CalendarRequest) -> _Planned | None:
    """A short event at ``checkin_at`` (floating: the calendar's own time zone) on every day
    from today on that a check-in may ask about a commitment; weekly on the days of the week
    when those are all it needs, else daily with the days it skips left out (EXDATE)."""
    at = request.checkin_at
    first = request.today or request.stamp.date()
    wanted = {
        day
        for c in request.commitments
        for day in possible_days(c.rule, c.first_day, c.due_date)
        if day >= first
    }
    if at is None or not wanted:
        return None
    lang = request.lang
    if request.detailed:
        detail = say(lang, "ics_checkin_detail", program=request.program)
        summary, description = say(lang, "ics_checkin_title"), detail
    else:
        summary, description = say(lang, "ics_neutral"), None
    uid = event_uid(request.home, "checkin")
    event = _event(request, uid, summary, description)
    days = sorted(wanted)
    span = [days[0] + timedelta(days=n) for n in range((days[-1] - days[0]).days + 1)]
    weekdays = {day.weekday() for day in days}
    event.add("dtstart", datetime.combine(days[0], at))
    event.add("duration", timedelta(minutes=CHECKIN_MINUTES))
    repeat: dict[str, object] = {"freq": "daily", "until": datetime.combine(days[-1], at)}
    if len(weekdays) < len(BYDAY) and wanted == {d for d in span if d.weekday() in weekdays}:
        repeat.update(freq="weekly", byday=[BYDAY[day] for day in sorted(weekdays)])
    if len(days) > 1:
        event.add("rrule", repeat)
    skipped = [datetime.combine(day, at) for day in span if day not in wanted]
    if repeat["freq"] == "daily" and skipped:
        event.add("exdate", skipped)
    event.add_component(_alarm(timedelta(0), summary))
    return _Planned(uid, event, days)
