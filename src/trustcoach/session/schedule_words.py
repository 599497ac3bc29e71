"""Reading a schedule from words: from what a commitment says (毎週土曜, 月・水・金, 平日, 毎晩,
週2回; every Saturday, Mon/Wed/Fri, on weekdays, every evening, twice a week), and from the
answer to "on which days?" (the same words, and short ones: 土, sat, 2, 毎日, once).

The rules are small and written out, both languages at once (a Japanese user may write a
commitment in English). A commitment's words give a schedule only when they say one thing: a
day and "every day" together, a month, "except" or "every other day" read as nothing, and the
question is asked. A single kanji is a day only as 土曜, 土曜日, or in a run of days
(土日, 月・水・金), so that 水を飲む, 毎日, 金額 and 月に一度 name no day; an English abbreviation
only in a list (Mon/Wed/Fri) or after "every", so that "sat down" and "in the sun" name none.
"""

from __future__ import annotations

import re

from trustcoach.errors import InvalidAnswer
from trustcoach.schedule import (
    MOST_PER_WEEK,
    WEEKDAYS,
    Schedule,
    on_days,
    schedule_of,
    times_a_week,
)
from trustcoach.text import clean_input, normalize

KANJI_DAYS = "月火水木金土日"
_KANJI = f"[{KANJI_DAYS}]"
_RUN_GAP = r"[・･/／、,]?"
_LONG = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
_ABBREV = "|".join(sorted(_SHORT, key=len, reverse=True))
_EN_DAY = rf"(?:{'|'.join(_LONG)})s?"
_NUMBERS = {
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "零": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "once": 1, "twice": 2, "thrice": 3, "zero": 0,
}  # fmt: skip
_COUNT = r"(\d+|[一二三四五六七八九零])"
_EN_COUNT = r"(\d+|one|two|three|four|five|six|seven|eight|zero)"

# Words after which a commitment's words say nothing sure about its days.
_UNSURE = re.compile(
    r"毎月|月に|[ヶかヵカ箇]月|以外|除[いくけ]|隔週|隔日|おき|置き|[二三四五六七2-7]日に|"
    r"\b(months?|monthly|except|but not|other day|every other|alternate|fortnight\w*|biweekly)\b"
)
_DAILY = re.compile(
    r"毎日(?!曜)|毎晩|毎朝|毎夜|毎夕|毎食|(?<![曜二三四五六七2-7])日に[1一]度|[1一]日[1一]回|"
    r"\b(every ?day|daily|nightly|each day|every single day|"
    r"(every|each) (morning|evening|night|afternoon)|(once|twice) a day)\b"
)
_WEEKDAYS = re.compile(
    r"平日|\b(on |every )?weekdays?\b|\bmon(day)?\s*(-|–|to|through|thru)\s*fri(day)?\b"
)
_WEEKEND = re.compile(r"週末|土日(?!祝)|\bweekends?\b")
_JA_TIMES = re.compile(rf"週に?{_COUNT}[回日度]")
_EN_TIMES = re.compile(
    rf"\b{_EN_COUNT}\s*(times?|x|days?)\s*(a|per|each|every)\s*week\b|"
    rf"\b(once|twice|thrice)\s*(a|per|each|every)\s*week\b|\b(once|twice)\s*weekly\b"
)
_EVERY_WEEK = re.compile(r"毎週|\bweekly\b|\bevery week\b|\bonce a week\b")
_ONCE = re.compile(
    r"(?<![週日月])(?<!週に)(?<!日に)(?<!月に)(一度|一回|1回)(?!に)|"
    r"\b(just once|only once|once this week|once before|one time)\b|\bonce$"
)
_JA_DAY = re.compile(rf"({_KANJI})曜")
_JA_RUN = re.compile(rf"(?<!毎)({_KANJI}(?:{_RUN_GAP}{_KANJI})+)(?=曜|は|に|の|も|、|,|\s|$)")
_JA_RANGE = re.compile(
    rf"({_KANJI})(?:曜日?)?[〜～~\-]({_KANJI})(?:曜日?)?|({_KANJI})曜日?から({_KANJI})曜日?"
)
_EN_NAMED = re.compile(rf"\b({_EN_DAY})\b")
_EN_LIST = re.compile(
    rf"\b({_ABBREV}|{_EN_DAY})\b(?:\s*(?:/|,|&|and|or)\s*({_ABBREV}|{_EN_DAY})\b)+"
)
_EN_EVERY = re.compile(rf"\bevery ({_ABBREV})\b")


def _day_number(name: str) -> int:
    """The weekday of a day's name in either language (土, sat, saturday, saturdays)."""
    if name in KANJI_DAYS:
        return KANJI_DAYS.index(name)
    name = name.removesuffix("s") if name.endswith("days") else name
    if name in _LONG:
        return _LONG.index(name)
    return _SHORT[name]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _named_days(text: str) -> set[int]:
    """Every day of the week the words name (as the module's docstring says)."""
    days: set[int] = set()
    for match in _JA_RANGE.finditer(text):
        first, last = (name for name in match.groups() if name)
        start, end = KANJI_DAYS.index(first), KANJI_DAYS.index(last)
        days.update(range(start, end + 1) if start <= end else ())
    for match in _JA_DAY.finditer(text):
        days.add(KANJI_DAYS.index(match.group(1)))
    for run in _JA_RUN.findall(text):
        days.update(KANJI_DAYS.index(char) for char in run if char in KANJI_DAYS)
    for name in _EN_NAMED.findall(text):
        days.add(_day_number(name))
    for match in _EN_LIST.finditer(text):
        for word in re.findall(rf"{_ABBREV}|{_EN_DAY}", match.group(0)):
            days.add(_day_number(word))
    for name in _EN_EVERY.findall(text):
        days.add(_SHORT[name])
    if _WEEKDAYS.search(text):
        days.update(range(5))
    if _WEEKEND.search(text):
        days.update((5, 6))
    return days


def _times(text: str) -> int | None:
    """How many times a week the words say, if they do."""
    found = _JA_TIMES.search(text)
    if found:
        return _count(found.group(1))
    found = _EN_TIMES.search(text)
    if found:
        word = found.group(1) or found.group(4) or found.group(6)
        return _count(word)
    return None


def read_schedule(text: str) -> Schedule | None:
    """The schedule a commitment's words say, or None when they say none (or two)."""
    words = normalize(clean_input(text))
    if _UNSURE.search(words):
        return None
    days = _named_days(words)
    times = _times(words)
    daily = bool(_DAILY.search(words))
    if sum((bool(days), times is not None, daily)) > 1:
        return None
    if days:
        return on_days(days)
    if times is not None:
        return times_a_week(times) if 1 <= times <= MOST_PER_WEEK else None
    if daily:
        return Schedule("daily")
    if _EVERY_WEEK.search(words):
        return times_a_week(1)
    if _ONCE.search(words):
        return Schedule("once")
    return None


# ---------------------------------------------------------------------------------------------
# The answer to "on which days?"
# ---------------------------------------------------------------------------------------------

_TYPED_DAILY = {"d", "daily", "every day", "everyday", "毎日", "まいにち", "日々"}
_TYPED_ONCE = {
    "o",
    "once",
    "one time",
    "just once",
    "一度",
    "一度だけ",
    "一回だけ",
    "1回だけ",
    "いちど",
}
_FILLERS = {
    "on",
    "every",
    "each",
    "and",
    "or",
    "&",
    "と",
    "毎週",
    "曜日",
    "曜",
    "に",
    "は",
    "の",
    "",
}
_TYPED_COUNT = re.compile(
    rf"(?:週に?)?{_COUNT}\s*(?:回|日|度|/week|/w|x|times?)?(?:\s*(?:a|per)\s*week)?(?:/週)?"
)
_SPLIT = re.compile(r"[\s,、，・･/／&]+|(?<=[曜日])と|\band\b|\bor\b")
_NOT_A_DAY = re.compile(r"(\S)曜|\b([a-z]+day)s?\b")
_NOT_DAYS = ("everyday", "weekday", "today", "yesterday", "birthday", "holiday", "day")


def parse_schedule_answer(raw: str) -> Schedule | None:
    """A schedule typed at the question, or one of the journal's words (an answers file may
    hold either); None for an empty answer. InvalidAnswer says what would do: a day that does
    not exist (八曜), a count that is not 1 to 7 times a week, or words that name no day."""
    text = normalize(clean_input(raw))
    if not text:
        return None
    if text in _TYPED_DAILY:
        return Schedule("daily")
    if text in _TYPED_ONCE:
        return Schedule("once")
    if re.fullmatch(r"[1-6]/week", text):
        return schedule_of(text)
    counted = _TYPED_COUNT.fullmatch(text)
    if counted:
        times = _count(counted.group(1))
        if not 1 <= times <= MOST_PER_WEEK:
            raise InvalidAnswer("schedule_bad_count", count=times)
        return times_a_week(times)
    _check_days(text)
    days = _typed_days(text)
    if days:
        return on_days(days)
    read = read_schedule(text)
    if read is not None:
        return read
    said = _times(text)
    if said is not None:
        raise InvalidAnswer("schedule_bad_count", count=said)
    raise InvalidAnswer("schedule_unknown")


def _check_days(text: str) -> None:
    """Refuse a word that looks like a day and is none (八曜, funday)."""
    for kanji, english in _NOT_A_DAY.findall(text):
        if kanji and kanji not in KANJI_DAYS:
            raise InvalidAnswer("schedule_bad_day", day=f"{kanji}曜")
        if english and english not in (*_LONG, *_NOT_DAYS):
            raise InvalidAnswer("schedule_bad_day", day=english)


def _typed_days(text: str) -> set[int]:
    """The days of an answer that is only days (土, 月水金, sat sun, mon/wed/fri, 平日, 週末),
    or nothing when any word of it is something else."""
    days: set[int] = set()
    for piece in _SPLIT.split(text):
        token = piece.removeprefix("毎週").removesuffix("曜日").removesuffix("曜")
        if token in _FILLERS:
            continue
        if token in ("平日", "weekdays", "weekday"):
            days.update(range(5))
        elif token in ("週末", "weekend", "weekends"):
            days.update((5, 6))
        elif all(char in KANJI_DAYS for char in token):
            days.update(KANJI_DAYS.index(char) for char in token)
        elif token in _SHORT or token.removesuffix("s") in _LONG or token in _LONG:
            days.add(_day_number(token))
        else:
            ranged = _JA_RANGE.fullmatch(token) or re.fullmatch(
                rf"({_ABBREV}|{_EN_DAY})\s*[-–~〜]\s*({_ABBREV}|{_EN_DAY})", token
            )
            if not ranged:
                return set()
            start, end = (_day_number(name) for name in ranged.groups() if name)
            days.update(range(start, end + 1))
    return days


__all__ = ["WEEKDAYS", "parse_schedule_answer", "read_schedule"]
