"""Reading a schedule from a commitment's words and from the answer to "on which days?"
(session/schedule_words.py): tables of phrasings in both languages that must be read, and of
phrasings that must not (a kanji that is not a day there, a month, "except", a conjunction)."""

from __future__ import annotations

import pytest

from trustcoach.catalog.say import say, tell
from trustcoach.errors import InvalidAnswer
from trustcoach.session.schedule_words import parse_schedule_answer, read_schedule

# The commitment's own words -> the schedule's word in the journal.
JA_READ = [
    ("毎週土曜に子どもを公園に連れて行く", "sat"),
    ("土曜の午前、子どもを公園に連れて行き、妻に一人の時間をつくる", "sat"),
    ("月・水・金は、帰る時間をLINEで送り、その時間に帰る", "mon,wed,fri"),
    ("月水金は夕食を作る", "mon,wed,fri"),
    ("土日は朝ごはんを作る", "sat,sun"),
    ("週末に料理する", "sat,sun"),
    ("平日は19時までに帰る", "mon,tue,wed,thu,fri"),
    ("月曜から金曜まで、弁当を作る", "mon,tue,wed,thu,fri"),
    ("月〜金は21時にスマホを置く", "mon,tue,wed,thu,fri"),
    ("毎晩22時以降はスマホを別の部屋に置く", "daily"),
    ("毎朝水を飲む", "daily"),
    ("毎日、帰る前に連絡する", "daily"),
    ("1日1回、感謝を伝える", "daily"),
    ("週2回、一緒に散歩する", "2/week"),
    ("週に3日はジムに行く", "3/week"),
    ("週に一度、家計簿を見せる", "1/week"),
    ("毎週、部屋を片付ける", "1/week"),
    ("日曜の朝に一緒に散歩に行く", "sun"),
    ("毎週日曜日に洗車する", "sun"),
    ("火曜と木曜はゴミを出す", "tue,thu"),
    ("週7回、皿を洗う", "daily"),
    ("今週中に一度、母に電話する", "once"),
    ("一度だけ、正直に話す時間をつくる", "once"),
]
JA_NOT_READ = [
    "帰宅時間を守る",
    "水を飲む",  # 水 is water here
    "日記を書く",  # 日 is a day of the month, not Sunday
    "金額を正直に見せる",  # 金 is money
    "火を使う料理を手伝う",
    "土を耕す",
    "月に一度、外食する",  # a month, not Monday
    "水木しげるの本を読む",  # a name, not Wednesday and Thursday
    "二日に一度、料理する",  # every other day: not said as a schedule here
    "日曜以外は早く寝る",  # except
    "隔週で話し合う",
    "毎日、そして土曜は長く散歩する",  # two schedules at once: asked
    "今日から日記をつける",
    "一度に全部言わない",
]
EN_READ = [
    ("Every Saturday, take the kids to the park", "sat"),
    ("On Saturdays I cook dinner", "sat"),
    ("Saturday morning: a walk together", "sat"),
    ("Walk on Sunday", "sun"),
    ("Mon/Wed/Fri: text when I leave work", "mon,wed,fri"),
    ("Monday, Wednesday and Friday, cook", "mon,wed,fri"),
    ("Tue and Thu: take the bins out", "tue,thu"),
    ("Breakfast together at weekends", "sat,sun"),
    ("On weekdays, home by 7", "mon,tue,wed,thu,fri"),
    ("Monday to Friday, pack lunch", "mon,tue,wed,thu,fri"),
    ("Every evening, phone in the drawer", "daily"),
    ("Every night at 10, lights out", "daily"),
    ("Drink water daily", "daily"),
    ("Each morning, say good morning first", "daily"),
    ("Twice a week, a walk after dinner", "2/week"),
    ("3 times a week to the gym", "3/week"),
    ("Three days a week, cook", "3/week"),
    ("Once a week, show the bank statement", "1/week"),
    ("Weekly budget talk", "1/week"),
    ("Call my mother just once before Sunday", "sun"),
    ("Tell her the whole story, only once", "once"),
    ("Every Sat: clean the car", "sat"),
    ("Cook 7 times a week", "daily"),
]
EN_NOT_READ = [
    "Call at 7pm",
    "Walk after dinner",
    "Sat down with her and listened",  # sat is not Saturday
    "Read in the sun",
    "Make fried rice",
    "Once I get home, phone away",  # a conjunction
    "Tell her at once when I am late",
    "Once a month, a dinner out",
    "Every other day, a walk",
    "Every day except Sunday, cook",
    "Every day, and on Saturday a long walk",  # two schedules at once
    "Biweekly check-in with her",
    "Mark the wedding date",
    "Be on time today",
]


@pytest.mark.parametrize(("text", "word"), JA_READ + EN_READ)
def test_a_commitment_that_says_its_days_is_read(text: str, word: str) -> None:
    found = read_schedule(text)
    assert found is not None and found.word == word


@pytest.mark.parametrize("text", JA_NOT_READ + EN_NOT_READ)
def test_words_that_say_no_days_are_read_as_nothing(text: str) -> None:
    assert read_schedule(text) is None


def test_the_tables_are_long_enough() -> None:
    assert len(JA_READ) >= 20 and len(EN_READ) >= 20
    assert len(JA_NOT_READ) >= 10 and len(EN_NOT_READ) >= 10


# The answer to "on which days?" -> the schedule's word.
TYPED = [
    ("土", "sat"),
    ("土曜", "sat"),
    ("土曜日", "sat"),
    ("毎週土曜", "sat"),
    ("土日", "sat,sun"),
    ("月水金", "mon,wed,fri"),
    ("月・水・金", "mon,wed,fri"),
    ("月、水、金", "mon,wed,fri"),
    ("月曜と金曜", "mon,fri"),
    ("平日", "mon,tue,wed,thu,fri"),
    ("週末", "sat,sun"),
    ("月〜金", "mon,tue,wed,thu,fri"),
    ("毎日", "daily"),
    ("一度だけ", "once"),
    ("2", "2/week"),
    ("２", "2/week"),
    ("週2回", "2/week"),
    ("週に３日", "3/week"),
    ("7", "daily"),
    ("sat", "sat"),
    ("Saturdays", "sat"),
    ("mon wed fri", "mon,wed,fri"),
    ("Mon/Wed/Fri", "mon,wed,fri"),
    ("mon,wed,fri", "mon,wed,fri"),
    ("tue and thu", "tue,thu"),
    ("mon-fri", "mon,tue,wed,thu,fri"),
    ("weekdays", "mon,tue,wed,thu,fri"),
    ("weekends", "sat,sun"),
    ("every day", "daily"),
    ("daily", "daily"),
    ("once", "once"),
    ("2/week", "2/week"),
    ("twice a week", "2/week"),
    ("3 times a week", "3/week"),
    ("土曜の朝", "sat"),
]


@pytest.mark.parametrize(("typed", "word"), TYPED)
def test_an_answer_names_its_days(typed: str, word: str) -> None:
    found = parse_schedule_answer(typed)
    assert found is not None and found.word == word


def test_an_empty_answer_is_none() -> None:
    assert parse_schedule_answer("  ") is None


BAD = [
    ("月曜と金曜と八曜", "ja", "schedule_bad_day", {"day": "八曜"}),
    ("mon and funday", "en", "schedule_bad_day", {"day": "funday"}),
    ("0", "ja", "schedule_bad_count", {"count": 0}),
    ("8", "en", "schedule_bad_count", {"count": 8}),
    ("週8回", "ja", "schedule_bad_count", {"count": 8}),
    ("eight times a week", "en", "schedule_bad_count", {"count": 8}),
    ("曜日", "ja", "schedule_unknown", {}),
    ("sometimes", "en", "schedule_unknown", {}),
    ("よく分からない", "ja", "schedule_unknown", {}),
    ("on", "en", "schedule_unknown", {}),
]


@pytest.mark.parametrize(("typed", "lang", "key", "values"), BAD)
def test_a_bad_answer_says_what_would_do(
    typed: str, lang: str, key: str, values: dict[str, object]
) -> None:
    with pytest.raises(InvalidAnswer) as raised:
        parse_schedule_answer(typed)
    assert raised.value.message.key == key
    assert dict(raised.value.message.values) == values
    said = tell(lang, raised.value.message)
    assert said == say(lang, key, **values)  # type: ignore[arg-type]
