"""A commitment's days: which days a check-in asks about it, and how its check-ins are counted.

A schedule is kept in the journal as one word: ``daily`` (every day, and what a commitment of
a journal written before schedules is), ``once`` (any one day until it is due), the days of
the week it is for (``sat``, ``mon,wed,fri``), or a number of times a week (``2/week``, 1 to 6;
seven times a week is ``daily``). A commitment's days run from the day of its session (its
first day) to its due date; a "times a week" one counts its weeks from its first day, in blocks
of seven days, the last one cut at the due date.

Counting is "done on X of Y scheduled days you checked in": Y is the scheduled days the user
marked (done or not today), X those marked done. Once and times a week have no fixed days: each
block counts at most its number of days (once: one over the whole span), so a week with two
"done" of two a week says 2 of 2, however many other days were marked "not today".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import NamedTuple

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
DAILY, ONCE = "daily", "once"
MOST_PER_WEEK = 7  # "7 times a week" is daily
_DAY = r"(mon|tue|wed|thu|fri|sat|sun)"
SCHEDULE_PATTERN = rf"^(daily|once|[1-6]/week|{_DAY}(,{_DAY}){{0,6}})$"

Marks = Mapping[date, bool]  # one commitment's marks by day: done (True) or not today (False)


class Schedule(NamedTuple):
    """A schedule as the code uses it: ``kind`` is ``daily``, ``once``, ``days`` (with the
    weekday numbers of ``days``, Monday 0) or ``weekly`` (``times`` a week)."""

    kind: str
    days: frozenset[int] = frozenset()
    times: int = 0

    @property
    def word(self) -> str:
        """The schedule as the journal keeps it."""
        if self.kind == "days":
            return ",".join(WEEKDAYS[day] for day in sorted(self.days))
        if self.kind == "weekly":
            return f"{self.times}/week"
        return self.kind


def on_days(days: set[int] | frozenset[int]) -> Schedule:
    """The schedule of these weekdays (every day of the week is daily)."""
    return Schedule("daily") if len(days) == len(WEEKDAYS) else Schedule("days", frozenset(days))


def times_a_week(times: int) -> Schedule:
    """The schedule of a number of times a week, 1 to 7 (7 is daily)."""
    if not 1 <= times <= MOST_PER_WEEK:
        raise ValueError(times)
    return Schedule("daily") if times == MOST_PER_WEEK else Schedule("weekly", times=times)


def schedule_of(word: str) -> Schedule:
    """A schedule from the word the journal keeps (empty: daily, as older journals are)."""
    if word in ("", DAILY):
        return Schedule("daily")
    if word == ONCE:
        return Schedule("once")
    if word.endswith("/week"):
        return times_a_week(int(word.removesuffix("/week")))
    return on_days({WEEKDAYS.index(name) for name in word.split(",")})


def _block(schedule: Schedule, first: date, due: date, day: date) -> tuple[date, date, int]:
    """The block of days ``day`` counts in (once: the whole span; times a week: its week from
    the first day), and how many days of it count at most."""
    if schedule.kind == "once":
        return first, due, 1
    start = first + timedelta(days=(day - first).days // 7 * 7)
    end = min(start + timedelta(days=6), due)
    return start, end, min(schedule.times, (end - start).days + 1)


def is_scheduled(schedule: Schedule, day: date) -> bool:
    """Whether ``day`` is one of the schedule's days (every day is, but for given weekdays)."""
    return schedule.kind != "days" or day.weekday() in schedule.days


def asked_on(schedule: Schedule, first: date, due: date, day: date, marks: Marks) -> bool:
    """Whether a check-in of ``day`` asks about the commitment: a day of its span and of its
    schedule; once and times a week only until the days before ``day`` are done enough (a
    mark made on ``day`` itself can still be changed)."""
    if not first <= day <= due or not is_scheduled(schedule, day):
        return False
    if schedule.kind in ("daily", "days"):
        return True
    start, _, most = _block(schedule, first, due, day)
    done = sum(1 for marked, was_done in marks.items() if was_done and start <= marked < day)
    return done < most


def next_asked(
    schedule: Schedule, first: date, due: date, after: date, marks: Marks
) -> date | None:
    """The first day after ``after`` on which a check-in will ask about it (None: none)."""
    day = max(after + timedelta(days=1), first)
    while day <= due:
        if asked_on(schedule, first, due, day, marks):
            return day
        day += timedelta(days=1)
    return None


def tally(schedule: Schedule, first: date, due: date, marks: Marks) -> tuple[int, int]:
    """Done and checked scheduled days (see the module's docstring for once and times a week)."""
    counted = {day: done for day, done in marks.items() if first <= day <= due}
    if schedule.kind in ("daily", "days"):
        scheduled = [done for day, done in counted.items() if is_scheduled(schedule, day)]
        return sum(scheduled), len(scheduled)
    blocks: dict[date, list[bool]] = {}
    for day, done in counted.items():
        blocks.setdefault(_block(schedule, first, due, day)[0], []).append(done)
    done_days = checked = 0
    for start, found in blocks.items():
        most = _block(schedule, first, due, start)[2]
        done_days += min(most, sum(found))
        checked += min(most, len(found))
    return done_days, checked


def possible_days(schedule: Schedule, first: date, due: date) -> list[date]:
    """Every day from ``first`` to ``due`` that the schedule may ask about (all of them for
    once and times a week, which leave the day to the user)."""
    span = [first + timedelta(days=n) for n in range((due - first).days + 1)]
    return [day for day in span if is_scheduled(schedule, day)]


def describe(schedule: Schedule, lang: str) -> str:
    """A schedule in words: every day, once, every Saturday, on Mon, Wed, Fri, on weekdays,
    twice a week (毎日, 期日までに一度, 毎週土曜, 毎週月・水・金, 平日, 週2回)."""
    from trustcoach.catalog.say import say

    if schedule.kind == "daily":
        return say(lang, "schedule_daily")
    if schedule.kind == "once":
        return say(lang, "schedule_once")
    if schedule.kind == "weekly":
        if schedule.times == 1:
            return say(lang, "schedule_weekly_once")
        if schedule.times == 2:
            return say(lang, "schedule_weekly_twice")
        return say(lang, "schedule_weekly", count=schedule.times)
    days = sorted(schedule.days)
    if days == [0, 1, 2, 3, 4]:
        return say(lang, "schedule_weekdays")
    if days == [5, 6]:
        return say(lang, "schedule_weekends")
    if len(days) == 1:
        return say(lang, "schedule_one_day", day=say(lang, "weekdays_long").split()[days[0]])
    names = say(lang, "weekdays_short").split()
    shown = say(lang, "weekday_separator").join(names[day] for day in days)
    return say(lang, "schedule_days", days=shown)


def day_words(day: date, lang: str) -> str:
    """A day with its weekday: ``Sat 2026-12-05``, ``2026-12-05（土）``."""
    from trustcoach.catalog.say import say

    weekday = say(lang, "weekdays_short").split()[day.weekday()]
    return say(lang, "checkin_when", weekday=weekday, day=day.isoformat())
