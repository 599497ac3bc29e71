"""``trustcoach remind --ics FILE``: a calendar file that any calendar can import, re-read here
with the ``icalendar`` parser: all-day events on the due dates, stable UIDs, neutral words unless
--detailed, Japanese folded correctly, an optional daily check-in, and no overwriting."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from tests.support.answers import EN_ANSWERS, JA_ANSWERS
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import start_unattended

FIRST = "2026-12-01T21:00:00+09:00"
SECOND = "2026-12-03T08:00:00+09:00"
LONG_JA = (
    "毎晩二十二時になったら、スマートフォンを居間の引き出しにしまい、"
    "夫と今日あったことを十分だけ話す; 約束\\メモ, 「本当に」"
)


@pytest.fixture
def two_sessions(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """An English session on 12-01 (a promise to oneself and two commitments, due 12-08) and a
    Japanese one on 12-03 (a promise to oneself due 12-10, and one long commitment due 12-06);
    the clock then at 12-03 21:00."""
    first = start_unattended(tmp_path, monkeypatch, FIRST, EN_ANSWERS, "--lang", "en")
    ja = {**JA_ANSWERS, "commitments": [{"text": LONG_JA, "due": date(2026, 12, 6)}]}
    second = start_unattended(tmp_path, monkeypatch, SECOND, ja, "--lang", "ja")
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-03T21:00:00+09:00")
    return first, second


def read_calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def events(calendar: Calendar) -> list[Any]:
    return list(calendar.walk("VEVENT"))


def test_an_all_day_event_on_each_due_date_read_back_by_a_calendar_parser(
    two_sessions: Any, tmp_path: Path
) -> None:
    path = tmp_path / "trustcoach.ics"
    out = ok(run_cli("remind", "--ics", str(path)))
    assert f"Wrote {path}: the due dates of 5 open commitments." in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and b"\r\nEND:VCALENDAR\r\n" in raw
    calendar = read_calendar(path)
    assert str(calendar["VERSION"]) == "2.0"
    found = events(calendar)
    assert [e.decoded("DTSTART") for e in found] == [
        date(2026, 12, 6),
        date(2026, 12, 8),
        date(2026, 12, 8),
        date(2026, 12, 8),
        date(2026, 12, 10),
    ]
    for event in found:
        start = event.decoded("DTSTART")
        assert type(start) is date  # an all-day event: DTSTART;VALUE=DATE
        assert event.decoded("DTEND") == start + timedelta(days=1)
        stamp = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)  # 21:00 in Tokyo
        assert event.decoded("DTSTAMP") == stamp
        assert [a["ACTION"] for a in event.walk("VALARM")] == ["DISPLAY"]
    assert b"DTSTART;VALUE=DATE:20261206" in raw


def test_neutral_by_default_none_of_the_users_words(two_sessions: Any, tmp_path: Path) -> None:
    path = tmp_path / "neutral.ics"
    ok(run_cli("remind", "--ics", str(path), "--checkin"))
    calendar = read_calendar(path)
    for event in events(calendar):
        assert str(event["SUMMARY"]) == "trustcoach"
        assert "DESCRIPTION" not in event
        assert [str(a["DESCRIPTION"]) for a in event.walk("VALARM")] == ["trustcoach"]
    unfolded = path.read_bytes().replace(b"\r\n ", b"").decode("utf-8")
    words = [*EN_ANSWERS["commitments"], LONG_JA[:6], "Alex", "夫", "Call", "Walk", "7pm"]
    words += ["Drink", "water", "水を飲む"]  # the promises to oneself
    for word in words:
        assert word not in unfolded, word


def test_detailed_puts_the_words_in_and_japanese_folds_and_round_trips(
    two_sessions: Any, tmp_path: Path
) -> None:
    path = tmp_path / "detailed.ics"
    out = ok(run_cli("remind", "--ics", str(path), "--detailed"))
    assert "anyone who can see your calendar can read them" in out
    raw = path.read_bytes()
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75  # octets, as RFC 5545 asks
    assert any(line.startswith(b" ") for line in lines)  # the long one was folded
    raw.decode("utf-8")  # folding never splits a character
    summaries = {str(e["SUMMARY"]) for e in events(read_calendar(path))}
    assert summaries == {
        "trustcoach: Drink water daily",
        "trustcoach: Call at 7pm",
        "trustcoach: Walk after dinner",
        f"trustcoach: {LONG_JA}",
        "trustcoach: 毎朝水を飲む",
    }
    described = [str(e["DESCRIPTION"]) for e in events(read_calendar(path))]
    assert f"Due today: “{LONG_JA}” (2026-12-06)." in described[0]


def test_the_uids_stay_the_same_so_a_new_file_updates_the_calendar(
    two_sessions: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = two_sessions
    one, two = tmp_path / "one.ics", tmp_path / "two.ics"
    ok(run_cli("remind", "--ics", str(one)))
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-04T07:00:00+09:00")
    ok(run_cli("remind", "--ics", str(two), "--detailed"))
    uids_one = [str(e["UID"]) for e in events(read_calendar(one))]
    uids_two = [str(e["UID"]) for e in events(read_calendar(two))]
    assert uids_one == uids_two
    assert len(set(uids_one)) == 5
    for uid in uids_one:  # saying nothing of the session or the commitment
        assert first not in uid and second not in uid and uid.endswith("@trustcoach.invalid")
    stamps = [e.decoded("DTSTAMP") for e in events(read_calendar(two))]
    assert stamps == [datetime(2026, 12, 3, 22, 0, tzinfo=UTC)] * 5


def test_a_daily_check_in_until_the_last_due_date(two_sessions: Any, tmp_path: Path) -> None:
    path = tmp_path / "daily.ics"
    ok(run_cli("remind", "--ics", str(path), "--checkin", "--at", "21:30", "--detailed"))
    (daily,) = [e for e in events(read_calendar(path)) if "RRULE" in e]
    assert daily.decoded("DTSTART") == datetime(2026, 12, 3, 21, 30)  # floating: local time
    rule = daily["RRULE"]
    assert rule["FREQ"] == ["DAILY"]
    assert rule["UNTIL"] == [datetime(2026, 12, 10, 21, 30)]  # the last due date
    assert str(daily["SUMMARY"]) == "trustcoach: check-in"
    assert "trustcoach checkin" in str(daily["DESCRIPTION"])
    no_daily = tmp_path / "plain.ics"
    ok(run_cli("remind", "--ics", str(no_daily)))
    assert all("RRULE" not in e for e in events(read_calendar(no_daily)))


def test_never_overwrites_without_force(two_sessions: Any, tmp_path: Path) -> None:
    path = tmp_path / "mine.ics"
    path.write_text("my own calendar", "utf-8")
    line = refused(run_cli("remind", "--ics", str(path)))
    assert line == f"trustcoach: {path} already exists; use --force to replace it"
    assert path.read_text("utf-8") == "my own calendar"
    ok(run_cli("remind", "--ics", str(path), "--force"))
    assert read_calendar(path)["VERSION"] == "2.0"


@pytest.mark.parametrize("value", ["9pm", "25:00", "21:5", "", "21:00:00"])
def test_a_time_that_is_not_one_is_refused(two_sessions: Any, tmp_path: Path, value: str) -> None:
    line = refused(run_cli("remind", "--ics", str(tmp_path / "x.ics"), "--checkin", "--at", value))
    assert "--at needs a time of day like 21:00" in line
    assert not (tmp_path / "x.ics").exists()


def test_nothing_to_remind_of_writes_nothing(isolated_home: Path, tmp_path: Path) -> None:
    line = refused(run_cli("remind", "--ics", str(tmp_path / "x.ics")))
    assert "there are no open commitments" in line
    assert not (tmp_path / "x.ics").exists()


def test_in_japanese(two_sessions: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTCOACH_LANG", "ja")
    path = tmp_path / "ja.ics"
    out = ok(run_cli("remind", "--ics", str(path), "--checkin", "--detailed"))
    assert f"振り返り前の約束5件の期日を、{path} に書き出しました。" in out
    found = events(read_calendar(path))
    daily = next(e for e in found if "RRULE" in e)
    assert str(daily["SUMMARY"]) == "trustcoach：チェックイン"
    assert daily.decoded("DTSTART").time() == time(21, 0)
