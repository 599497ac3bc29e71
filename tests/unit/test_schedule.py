"""A commitment's days (schedule.py): which days a check-in asks, the next one, and counts of
"done on X of Y scheduled days you checked in" for each kind of schedule, in both languages'
words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from trustcoach.schedule import (
    Schedule,
    asked_on,
    day_words,
    describe,
    next_asked,
    on_days,
    schedule_of,
    tally,
    times_a_week,
)

FIRST = date(2026, 12, 1)  # a Tuesday
DUE = date(2026, 12, 15)


def day(n: int) -> date:
    return date(2026, 12, n)


def asked(schedule: Schedule, marks: dict[date, bool] | None = None) -> list[int]:
    """The days of December a check-in asks about it, given these marks."""
    span = [FIRST + timedelta(days=n) for n in range((DUE - FIRST).days + 1)]
    return [d.day for d in span if asked_on(schedule, FIRST, DUE, d, marks or {})]


def test_the_words_of_the_journal_round_trip() -> None:
    for word in ("daily", "once", "sat", "mon,wed,fri", "2/week", "sat,sun"):
        assert schedule_of(word).word == word
    assert schedule_of("") == Schedule("daily")  # a journal from before schedules
    assert times_a_week(7) == Schedule("daily") == on_days(set(range(7)))
    with pytest.raises(ValueError):
        times_a_week(0)


def test_given_days_are_asked_on_those_days_only() -> None:
    assert asked(schedule_of("sat")) == [5, 12]
    assert asked(schedule_of("mon,wed,fri")) == [2, 4, 7, 9, 11, 14]
    assert asked(schedule_of("daily")) == list(range(1, 16))


def test_once_is_asked_until_a_day_before_is_done() -> None:
    once = schedule_of("once")
    assert asked(once, {day(3): False}) == list(range(1, 16))  # "not today" asks again
    assert asked(once, {day(3): True}) == [1, 2, 3]  # on the day itself it can still change
    assert next_asked(once, FIRST, DUE, day(3), {day(3): True}) is None


def test_times_a_week_is_asked_until_the_week_has_its_count() -> None:
    twice = schedule_of("2/week")  # weeks from the first day: 12-01..07, 12-08..14, 12-15
    marks = {day(1): True, day(2): False, day(3): True, day(9): True}
    assert asked(twice, marks) == [1, 2, 3, *range(8, 16)]
    assert next_asked(twice, FIRST, DUE, day(3), marks) == day(8)


def test_counts_are_of_scheduled_days_checked_in() -> None:
    # the Saturday promise: kept on the only day it was for, marked on two others
    saturday = {day(2): False, day(4): False, day(5): True}
    assert tally(schedule_of("sat"), FIRST, day(8), saturday) == (1, 1)
    assert tally(schedule_of("daily"), FIRST, day(8), saturday) == (1, 3)
    # Mon/Wed/Fri marked on a Thursday too: the Thursday is not one of its days
    assert tally(schedule_of("mon,wed,fri"), FIRST, day(8), {day(2): True, day(3): False}) == (
        1,
        1,
    )
    twice = {day(1): False, day(2): True, day(3): True, day(4): False, day(9): False}
    assert tally(schedule_of("2/week"), FIRST, DUE, twice) == (2, 3)  # 2 of 2, then 0 of 1
    assert tally(schedule_of("once"), FIRST, DUE, {day(2): False, day(6): True}) == (1, 1)
    assert tally(schedule_of("once"), FIRST, DUE, {day(2): False}) == (0, 1)
    assert tally(schedule_of("sat"), FIRST, DUE, {day(20): True}) == (0, 0)  # past its due


@pytest.mark.parametrize(
    ("word", "en", "ja"),
    [
        ("daily", "every day", "毎日"),
        ("once", "once, on any day until it is due", "期日までに一度"),
        ("sat", "every Saturday", "毎週土曜"),
        ("mon,wed,fri", "on Mon, Wed, Fri", "毎週月・水・金"),
        ("mon,tue,wed,thu,fri", "on weekdays", "平日"),
        ("sat,sun", "at weekends", "土日"),
        ("1/week", "once a week", "週1回"),
        ("2/week", "twice a week", "週2回"),
        ("3/week", "3 times a week", "週3回"),
    ],
)
def test_a_schedule_in_words(word: str, en: str, ja: str) -> None:
    assert describe(schedule_of(word), "en") == en
    assert describe(schedule_of(word), "ja") == ja


def test_a_day_with_its_weekday() -> None:
    assert day_words(day(5), "en") == "Sat 2026-12-05"
    assert day_words(day(5), "ja") == "2026-12-05（土）"
