"""``trustcoach remind --ics FILE``: a calendar file that any calendar can import, read back here
by three parsers (``icalendar``; ``recurring-ical-events``, which expands the repeats as a
calendar does; ``vobject``, with dateutil's rules): events on each commitment's days and on its
due date, ids unique to the home and the same in every file, a higher SEQUENCE for a changed
event, withdrawals (STATUS:CANCELLED) once a commitment is looked back at, neutral words
(numbered when several fall on a day) unless --detailed, Japanese folded correctly, an optional
check-in on the days it asks, and no overwriting."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import recurring_ical_events
import vobject
from icalendar import Calendar

from tests.support.answers import EN_ANSWERS, JA_ANSWERS
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import start_unattended

FIRST = "2026-12-01T21:00:00+09:00"  # a Tuesday
SECOND = "2026-12-03T08:00:00+09:00"
LONG_JA = (
    "毎晩二十二時になったら、スマートフォンを居間の引き出しにしまい、"
    "夫と今日あったことを十分だけ話す; 約束\\メモ, 「本当に」"
)
SATURDAY = "Take the kids to the park on Saturday morning"
MON_WED_FRI = "Mon/Wed/Fri: text when I leave work"
TWICE = "Twice a week, a walk after dinner"
DAYS_ANSWERS = {
    **EN_ANSWERS,
    "self_promise_small": ["Drink water daily"],
    "commitments": [
        {"text": SATURDAY, "due": date(2026, 12, 15)},
        {"text": MON_WED_FRI, "due": date(2026, 12, 15)},
        {"text": TWICE, "due": date(2026, 12, 15)},
    ],
}


@pytest.fixture
def two_sessions(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """An English session on 12-01 (a promise to oneself and two commitments, every day, due
    12-08) and a Japanese one on 12-03 (a promise to oneself due 12-10, and one long commitment
    due 12-06); the clock then at 12-03 21:00."""
    first = start_unattended(tmp_path, monkeypatch, FIRST, EN_ANSWERS, "--lang", "en")
    ja = {**JA_ANSWERS, "commitments": [{"text": LONG_JA, "due": date(2026, 12, 6)}]}
    second = start_unattended(tmp_path, monkeypatch, SECOND, ja, "--lang", "ja")
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-03T21:00:00+09:00")
    return first, second


@pytest.fixture
def days_session(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """One English session on 12-01: water every day (due 12-08), and, due 12-15, the park on
    Saturdays, a text on Mon/Wed/Fri and a walk twice a week."""
    return start_unattended(tmp_path, monkeypatch, FIRST, DAYS_ANSWERS, "--lang", "en")


def read_calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def events(calendar: Calendar) -> list[Any]:
    return list(calendar.walk("VEVENT"))


def days_of(path: Path, start: date, end: date) -> dict[str, list[date]]:
    """Every event's days between ``start`` and ``end``, by id, as a calendar expands them."""
    found: dict[str, list[date]] = {}
    for event in recurring_ical_events.of(read_calendar(path)).between(start, end):
        when = event.decoded("DTSTART")
        day = when.date() if isinstance(when, datetime) else when
        found.setdefault(str(event["UID"]), []).append(day)
    return {uid: sorted(days) for uid, days in found.items()}


def by_summary(path: Path) -> dict[str, str]:
    return {str(e["SUMMARY"]): str(e["UID"]) for e in events(read_calendar(path))}


def imported(*paths: Path) -> Calendar:
    """What a calendar holds after importing the files in order: per id, the event of the
    highest SEQUENCE (a later file wins a tie), as RFC 5546 says an update replaces."""
    kept: dict[str, Any] = {}
    for path in paths:
        for event in events(read_calendar(path)):
            uid, sequence = str(event["UID"]), int(event.get("SEQUENCE", 0))
            if uid not in kept or sequence >= int(kept[uid].get("SEQUENCE", 0)):
                kept[uid] = event
    calendar = Calendar()
    for event in kept.values():
        if str(event.get("STATUS", "")) != "CANCELLED":
            calendar.add_component(event)
    return calendar


def test_events_on_the_scheduled_days_read_back_by_two_more_parsers(
    days_session: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-01T22:00:00+09:00")
    path = tmp_path / "days.ics"
    out = ok(run_cli("remind", "--ics", str(path), "--detailed", "--checkin"))
    assert f"Wrote {path}: the days of 4 open commitments" in out
    uid = by_summary(path)
    days = days_of(path, date(2026, 11, 30), date(2026, 12, 17))
    dec = [date(2026, 12, day) for day in range(1, 32)]
    assert days[uid["trustcoach: Drink water daily"]] == dec[0:8]  # 12-01 to 12-08
    assert days[uid[f"trustcoach: {SATURDAY}"]] == [dec[4], dec[11]]  # Saturdays 12-05, 12-12
    mon_wed_fri = [d for d in dec[0:15] if d.weekday() in (0, 2, 4)]
    assert days[uid[f"trustcoach: {MON_WED_FRI}"]] == mon_wed_fri  # 12-02 ... 12-14
    assert days[uid[f"trustcoach: {TWICE}"]] == [dec[0], dec[7], dec[14]]  # each week's start
    reviews = [str(e["UID"]) for e in events(read_calendar(path)) if "review" in e["SUMMARY"]]
    assert sorted(d for uid in reviews for d in days[uid]) == [dec[7], dec[14]]
    assert days[uid["trustcoach: check-in"]] == dec[0:15]  # the walk may be any day
    (saturday,) = [e for e in events(read_calendar(path)) if SATURDAY in str(e["SUMMARY"])]
    assert saturday["RRULE"]["BYDAY"] == ["SA"]
    # vobject reads the same days with dateutil's rules
    parsed = vobject.readOne(path.read_text("utf-8"))
    by_words = {v.summary.value: v for v in parsed.vevent_list}
    rule = by_words[f"trustcoach: {MON_WED_FRI}"].getrruleset()
    assert [d.date() for d in rule] == mon_wed_fri
    assert type(parsed.vevent_list[0].dtstart.value) is date  # all-day events


def test_the_check_in_event_falls_only_on_the_days_it_asks(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = {
        **EN_ANSWERS,
        "self_promise_small": [{"text": "Stretch on Saturdays", "due": date(2026, 12, 15)}],
        "commitments": [{"text": MON_WED_FRI, "due": date(2026, 12, 15)}],
    }
    start_unattended(tmp_path, monkeypatch, FIRST, answers, "--lang", "en")
    path = tmp_path / "weekly.ics"
    ok(run_cli("remind", "--ics", str(path), "--checkin", "--detailed"))
    (checkin,) = [e for e in events(read_calendar(path)) if "check-in" in str(e["SUMMARY"])]
    assert checkin["RRULE"]["FREQ"] == ["WEEKLY"]
    assert checkin["RRULE"]["BYDAY"] == ["MO", "WE", "FR", "SA"]
    days = days_of(path, date(2026, 12, 1), date(2026, 12, 16))[str(checkin["UID"])]
    assert [d.weekday() for d in days] == [2, 4, 5, 0, 2, 4, 5, 0]  # Wed 12-02 to Mon 12-14
    assert "DTSTART:20261202T210000" in path.read_text("utf-8")  # floating: local time


def test_an_all_day_event_on_each_due_date(two_sessions: Any, tmp_path: Path) -> None:
    path = tmp_path / "trustcoach.ics"
    out = ok(run_cli("remind", "--ics", str(path)))
    assert f"Wrote {path}: the days of 5 open commitments, and the days they are" in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and b"\r\nEND:VCALENDAR\r\n" in raw
    calendar = read_calendar(path)
    assert str(calendar["VERSION"]) == "2.0"
    found = events(calendar)
    reviews = [e for e in found if "RRULE" not in e]
    assert [e.decoded("DTSTART") for e in reviews] == [
        date(2026, 12, 6),
        date(2026, 12, 8),
        date(2026, 12, 10),
    ]
    for event in found:
        start = event.decoded("DTSTART")
        assert type(start) is date  # an all-day event: DTSTART;VALUE=DATE
        assert event.decoded("DTEND") == start + timedelta(days=1)
        assert event.decoded("DTSTAMP") == datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
        assert [a["ACTION"] for a in event.walk("VALARM")] == ["DISPLAY"]
        assert event["SEQUENCE"] == 0
    daily = [e for e in found if "RRULE" in e]
    assert [e["RRULE"]["FREQ"] for e in daily] == [["DAILY"]] * 5


def test_neutral_by_default_numbered_when_several_fall_on_one_day(
    two_sessions: Any, tmp_path: Path
) -> None:
    path = tmp_path / "neutral.ics"
    ok(run_cli("remind", "--ics", str(path), "--checkin"))
    calendar = read_calendar(path)
    titles = [str(e["SUMMARY"]) for e in events(calendar)]
    assert titles == [f"trustcoach ({n})" for n in range(1, len(titles) + 1)]
    for event in events(calendar):
        assert "DESCRIPTION" not in event
        assert [str(a["DESCRIPTION"]) for a in event.walk("VALARM")] == [str(event["SUMMARY"])]
    for day in (date(2026, 12, 6), date(2026, 12, 8)):  # several events: all told apart
        on_day = recurring_ical_events.of(calendar).at(day)
        shown = [str(e["SUMMARY"]) for e in on_day]
        assert len(shown) > 2 and len(set(shown)) == len(shown)
    unfolded = path.read_bytes().replace(b"\r\n ", b"").decode("utf-8")
    words = [*EN_ANSWERS["commitments"], LONG_JA[:6], "Alex", "夫", "Call", "Walk", "7pm"]
    words += ["Drink", "water", "水を飲む"]  # the promises to oneself
    for word in words:
        assert word not in unfolded, word


def test_an_event_alone_on_its_days_keeps_the_plain_title(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = {**EN_ANSWERS, "commitments": ["Walk on Saturday"]}  # self: every day, due 12-08
    start_unattended(tmp_path, monkeypatch, FIRST, {**answers, "self_promise_small": [
        {"text": "Stretch on Sundays", "due": date(2026, 12, 13)}]}, "--lang", "en")  # fmt: skip
    path = tmp_path / "alone.ics"
    ok(run_cli("remind", "--ics", str(path)))
    titles = sorted(str(e["SUMMARY"]) for e in events(read_calendar(path)))
    # the walk (Sat 12-05) and the stretch (Sundays 12-06, 12-13: its review day too) are
    # each alone on their days but for the stretch's last day; the review of 12-08 is alone
    assert titles == ["trustcoach", "trustcoach", "trustcoach (1)", "trustcoach (2)"]


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
        "trustcoach: review",
    }
    described = " ".join(str(e["DESCRIPTION"]) for e in events(read_calendar(path)))
    assert f"Due today (2026-12-06): “{LONG_JA}”." in described
    assert f"“{LONG_JA}”: every day, until 2026-12-06." in described


def test_the_ids_stay_the_same_so_a_new_file_updates_the_calendar(
    two_sessions: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    first, second = two_sessions
    one, two = tmp_path / "one.ics", tmp_path / "two.ics"
    ok(run_cli("remind", "--ics", str(one)))
    record = (isolated_home / "calendar.toml").read_text("utf-8")
    assert stat.S_IMODE((isolated_home / "calendar.toml").stat().st_mode) == 0o600
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-04T07:00:00+09:00")
    ok(run_cli("remind", "--ics", str(two), "--detailed"))
    uids_one = [str(e["UID"]) for e in events(read_calendar(one))]
    uids_two = [str(e["UID"]) for e in events(read_calendar(two))]
    assert uids_one == uids_two
    assert len(set(uids_one)) == 8  # five commitments, three due dates
    for uid in uids_one:  # saying nothing of the session or the commitment
        assert first not in uid and second not in uid and uid.endswith("@trustcoach.invalid")
    home_id = record.split('home = "')[1][:16]
    assert home_id in (isolated_home / "calendar.toml").read_text("utf-8")  # made once
    for word in (first, second, "Call", "水"):  # the record holds no words and no session ids
        assert word not in record
    stamps = [e.decoded("DTSTAMP") for e in events(read_calendar(two))]
    assert stamps == [datetime(2026, 12, 3, 22, 0, tzinfo=UTC)] * 8
    # the words changed (--detailed): every event says so with a higher SEQUENCE
    assert [e["SEQUENCE"] for e in events(read_calendar(two))] == [1] * 8


def test_three_homes_keep_every_event_in_one_calendar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for number in range(3):
        home = tmp_path / f"home{number}"
        monkeypatch.setenv("TRUSTCOACH_HOME", str(home))
        start_unattended(tmp_path, monkeypatch, FIRST, EN_ANSWERS, "--lang", "en")
        files.append(tmp_path / f"home{number}.ics")
        ok(run_cli("remind", "--ics", str(files[-1]), "--checkin"))
    uids = [{str(e["UID"]) for e in events(read_calendar(path))} for path in files]
    assert all(len(found) == 5 for found in uids)  # three commitments, a due date, a check-in
    assert not (uids[0] & uids[1] or uids[0] & uids[2] or uids[1] & uids[2])
    calendar = imported(*files)
    assert len(events(calendar)) == 15
    on_day = recurring_ical_events.of(calendar).at(date(2026, 12, 4))
    assert len(list(on_day)) == 12  # each home's three commitments and its check-in


def test_a_commitment_looked_back_at_is_withdrawn_in_the_next_file(
    days_session: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-12-01T22:00:00+09:00")
    before = tmp_path / "before.ics"
    ok(run_cli("remind", "--ics", str(before), "--detailed"))
    water = by_summary(before)["trustcoach: Drink water daily"]
    park = by_summary(before)[f"trustcoach: {SATURDAY}"]
    reviews = {f"{days_session}/c1": "kept"}  # the promise to oneself, due 12-08
    start_unattended(tmp_path, monkeypatch, "2026-12-08T21:00:00+09:00",
                     {**EN_ANSWERS, "commitments": ["Call at 7pm"]}, "--lang", "en",
                     reviews=reviews)  # fmt: skip
    after = tmp_path / "after.ics"
    out = ok(run_cli("remind", "--ics", str(after), "--detailed"))
    # the water, and its due date 12-08, where nothing is due any more
    assert "2 events of commitments already looked back at are withdrawn in it." in out
    found = {str(e["UID"]): e for e in events(read_calendar(after))}
    assert str(found[water]["STATUS"]) == "CANCELLED"
    assert found[water]["SEQUENCE"] == 1  # above the 0 of the file before
    assert found[park]["SEQUENCE"] == 0  # unchanged: the same event as before
    calendar = imported(before, after)
    assert water not in {str(e["UID"]) for e in events(calendar)}
    assert park in days_of_calendar(calendar)
    # a later file withdraws it again, unchanged, for a calendar that missed this one
    again = tmp_path / "again.ics"
    out = ok(run_cli("remind", "--ics", str(again), "--detailed"))
    assert "withdrawn" not in out
    found = {str(e["UID"]): e for e in events(read_calendar(again))}
    assert str(found[water]["STATUS"]) == "CANCELLED" and found[water]["SEQUENCE"] == 1


def days_of_calendar(calendar: Calendar) -> set[str]:
    between = recurring_ical_events.of(calendar).between(date(2026, 12, 1), date(2026, 12, 16))
    return {str(e["UID"]) for e in between}


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
    assert not (isolated_home / "calendar.toml").exists()


def test_a_damaged_record_is_one_sentence_and_left_as_it_is(
    two_sessions: Any, tmp_path: Path, isolated_home: Path
) -> None:
    record = isolated_home / "calendar.toml"
    record.write_text("schema_version = 1\nhome = 'nothex'\n", "utf-8")
    line = refused(run_cli("remind", "--ics", str(tmp_path / "x.ics")))
    assert str(record) in line and "move it aside" in line
    assert record.read_text("utf-8") == "schema_version = 1\nhome = 'nothex'\n"
    assert not (tmp_path / "x.ics").exists()


def test_in_japanese(two_sessions: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTCOACH_LANG", "ja")
    path = tmp_path / "ja.ics"
    out = ok(run_cli("remind", "--ics", str(path), "--checkin", "--detailed"))
    assert f"振り返り前の約束5件のやる日と期日を、{path} に書き出しました。" in out
    found = events(read_calendar(path))
    daily = next(e for e in found if "チェックイン" in str(e["SUMMARY"]))
    assert str(daily["SUMMARY"]) == "trustcoach：チェックイン"
    assert daily.decoded("DTSTART").time() == time(21, 0)
    summaries = {str(e["SUMMARY"]) for e in found}
    assert "trustcoach：振り返り" in summaries
    described = " ".join(str(e.get("DESCRIPTION", "")) for e in found)
    assert "「毎朝水を飲む」：毎日、期日 2026-12-10 まで。" in described
