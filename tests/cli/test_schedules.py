"""A commitment's days, end to end (#21): read from its words and confirmed at the keyboard (or
asked, with a bad answer explained), taken from an answers file, followed by ``checkin`` (asked
only on its days, a mark cleared through a pipe), and counted as scheduled days at the review,
on the home screen and in ``progress``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import (
    EN_ANSWERS,
    EN_LINES_BEFORE_COMMITMENTS,
    JA_ANSWERS,
    JA_LINES_BEFORE_COMMITMENTS,
    feed,
    write_answers,
)
from tests.support.journals import only_journal
from tests.support.runner import ok, run_cli
from tests.support.sessions import start_unattended

FIRST = "2026-12-01T21:00:00+09:00"  # a Tuesday; commitments due 12-08, a Tuesday
JA_PARK = "土曜の午前、子どもを公園に連れて行き、妻に一人の時間をつくる"
JA_LINE = "月・水・金は、帰る時間をLINEで送り、その時間に帰る"
EN_PARK = "Every Saturday morning, take the kids to the park"
EN_WALK = "After dinner, a walk together at 8"


def schedules(journal: dict[str, Any]) -> list[str]:
    return [c.get("schedule", "daily") for c in journal["commitments"]]


def test_japanese_days_are_read_confirmed_and_asked(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", FIRST)
    lines = [
        *JA_LINES_BEFORE_COMMITMENTS,
        JA_PARK,
        "夜8時に皿を洗う",
        "",  # the end of the list
        "",  # the park: its days as read (every Saturday)
        "",  # its due date
        "月曜と金曜と八曜",  # the dishes: no day in its words, so asked; 八曜 is no day
        "週8回",  # nor is 8 times a week
        "週2回",
        "",
        "8",
    ]
    out = ok(run_cli("start", "--lang", "ja", input=feed(lines)))
    assert "やる日：毎週土曜（約束の言葉から読み取りました）。よければEnter" in out
    assert "やる日：毎日（約束の言葉から読み取りました）" in out  # 毎朝水を飲む, to oneself
    assert "どの日にやりますか。" in out
    assert "→ 「八曜」という曜日はありません。" in out
    assert "→ 週8回にはできません。1から7までの数を入力してください。" in out
    assert schedules(only_journal(isolated_home)) == ["daily", "sat", "2/week"]


def test_english_days_are_read_confirmed_and_asked(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", FIRST)
    lines = [*EN_LINES_BEFORE_COMMITMENTS, EN_PARK, EN_WALK, ""]
    lines += ["sat", ""]  # the park: typing the day read is fine too
    lines += ["sometimes", "0", "Mon/Wed/Fri", "", "8"]
    out = ok(run_cli("start", "--lang", "en", input=feed(lines)))
    assert "Days: every Saturday (read from your words). Press Enter if that is right" in out
    assert "On which days? Type every day, once, days such as Sat" in out
    assert "→ Please type every day, once, days such as Sat or Mon Wed Fri" in out
    assert "→ 0 times a week does not fit: please type a number from 1 to 7." in out
    journal = only_journal(isolated_home)
    assert schedules(journal) == ["daily", "sat", "mon,wed,fri"]
    shown = ok(run_cli("show", "latest"))
    assert f"{EN_WALK} (due 2026-12-08), on Mon, Wed, Fri" in shown


def test_an_answers_file_gives_the_days_or_its_words_do(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", FIRST)
    answers = {
        **JA_ANSWERS,
        "commitments": [JA_PARK, {"text": "帰る時間を連絡する", "schedule": "月水金"}, "皿を洗う"],
    }
    ok(run_cli("start", "--answers", str(write_answers(tmp_path, answers))))
    assert schedules(only_journal(isolated_home)) == ["daily", "sat", "mon,wed,fri", "daily"]
    bad = {**EN_ANSWERS, "commitments": [{"text": "Call", "schedule": "mon and funday"}]}
    result = run_cli("start", "--answers", str(write_answers(tmp_path, bad, name="bad.toml")))
    assert result.exit_code != 0
    assert "answers.commitments: “funday” is not a day of the week." in result.stderr


@pytest.fixture
def ja_week(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The issue's week in Japanese: water every morning (to oneself), the park on Saturday,
    a LINE message on Mon/Wed/Fri, and twice a week a walk; all due 12-08."""
    answers = {**JA_ANSWERS, "commitments": [JA_PARK, JA_LINE, "週2回、夕食のあとに散歩する"]}
    session = start_unattended(tmp_path, monkeypatch, FIRST, answers, "--lang", "ja")
    monkeypatch.setenv("TRUSTCOACH_LANG", "ja")
    return session


def checkin(monkeypatch: pytest.MonkeyPatch, day: int, *lines: str) -> str:
    monkeypatch.setenv("TRUSTCOACH_NOW", f"2026-12-{day:02d}T21:30:00+09:00")
    return ok(run_cli("checkin", input=feed(list(lines))))


def test_check_ins_follow_the_days_and_the_counts_are_of_scheduled_days(
    ja_week: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    wednesday = checkin(monkeypatch, 2, "y", "y", "n")  # water, LINE, walk
    assert "この日にやる約束が3件あります。" in wednesday
    assert JA_PARK not in wednesday
    assert "次のチェックイン：2026-12-03（木）" in wednesday
    thursday = checkin(monkeypatch, 3, "y", "y")  # water, walk: the first of two
    assert JA_LINE not in thursday and "2件" in thursday
    checkin(monkeypatch, 4, "y", "y", "y")  # Friday: water, LINE, walk: two of two
    saturday = checkin(monkeypatch, 5, "y", "y")  # water, park; the walk has its two
    assert "1/2  「毎朝水を飲む」" in saturday and f"2/2  「{JA_PARK}」" in saturday
    assert "散歩" not in saturday
    checkin(monkeypatch, 6, "y")  # Sunday: water only
    checkin(monkeypatch, 7, "y", "n")  # Monday: water, LINE
    home = ok(run_cli())
    assert "チェックイン：予定の日に記録した1日のうち、できた日は1日" in home  # the park
    assert "毎週土曜、期日 2026-12-08" in home
    data = json.loads(ok(run_cli("progress", "--json")))
    counted = {c["text"]: (c["schedule"], c["done_days"], c["checked_days"]) for c in
               data["open_commitments"]}  # fmt: skip
    assert counted == {
        "毎朝水を飲む": ("daily", 6, 6),
        JA_PARK: ("sat", 1, 1),
        JA_LINE: ("mon,wed,fri", 2, 3),
        "週2回、夕食のあとに散歩する": ("2/week", 2, 2),  # "not today" on Wednesday aside
    }
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-08T21:00:00+09:00")
    reviews = ["1", "", "1", "", "2", "", "1", "", *JA_LINES_BEFORE_COMMITMENTS]
    out = ok(run_cli("start", input=feed([*reviews, "日曜に本を読む", "", "", "", "8"])))
    assert "チェックインの記録：予定の日に記録した1日のうち、できた日は1日でした。" in out
    assert "チェックインの記録：予定の日に記録した3日のうち、できた日は2日でした。" in out
    assert "チェックインの記録：予定の日に記録した2日のうち、できた日は2日でした。" in out
    shown = ok(run_cli("show", "latest"))
    assert "（チェックイン：予定の日に記録した1日のうち、できた日は1日）" in shown


def test_nothing_today_says_when_each_one_is_next(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = {
        **EN_ANSWERS,
        "self_promise_small": ["Stretch on Sundays"],
        "commitments": [EN_PARK, {"text": "Call my mother", "schedule": "once"}],
    }
    start_unattended(tmp_path, monkeypatch, FIRST, answers, "--lang", "en")
    checkin(monkeypatch, 2, "y")  # Wednesday: only the call, done
    out = checkin(monkeypatch, 3)  # Thursday: nothing is for today
    assert out.splitlines() == [
        "Nothing to check in on for Thu 2026-12-03: your open commitments are for other days.",
        "  “Stretch on Sundays”: every Sunday; next Sun 2026-12-06",
        f"  “{EN_PARK}”: every Saturday; next Sat 2026-12-05",
        "  “Call my mother”: once, on any day until it is due; done",
    ]
    home = ok(run_cli())
    assert "Next check-in: Sat 2026-12-05." in home.splitlines()
    assert "checkin" not in home  # nothing to check in on today
    monkeypatch.setenv("TRUSTCOACH_LANG", "ja")
    assert checkin(monkeypatch, 3).splitlines() == [
        "2026-12-03（木）にチェックインする約束はありません。振り返り前の約束は、"
        "ほかの日にやる約束です。",
        "  「Stretch on Sundays」：毎週日曜。次は2026-12-06（日）",
        f"  「{EN_PARK}」：毎週土曜。次は2026-12-05（土）",
        "  「Call my mother」：期日までに一度。もう済んでいます",
    ]
    assert "次のチェックイン：2026-12-05（土）" in ok(run_cli()).splitlines()


def test_a_mark_is_cleared_through_a_pipe(
    ja_week: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkin(monkeypatch, 2, "y", "y", "y")
    again = checkin(monkeypatch, 2, "", "s", "飛ばす")  # keep, clear, clear
    assert again.count("sで記録を消します") == 3
    assert "2026-12-02の分を保存しました。" in again
    data = json.loads(ok(run_cli("progress", "--json")))
    counted = {c["text"]: c["checked_days"] for c in data["open_commitments"]}
    assert counted[JA_LINE] == 0 and counted["毎朝水を飲む"] == 1
    changed = checkin(monkeypatch, 2, "n", "", "")  # and changed, the same day
    assert "できた」と記録済みです" in changed
    data = json.loads(ok(run_cli("progress", "--json")))
    water = next(c for c in data["open_commitments"] if c["text"] == "毎朝水を飲む")
    assert (water["done_days"], water["checked_days"]) == (0, 1)
