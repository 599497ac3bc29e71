"""``trustcoach checkin`` through a pipe, day after day, and what the check-ins become: the
review's "done on N of M days" before the outcome is asked, ``progress --json``'s
``open_commitments``, and the home screen's next check-in and review."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli

from tests.support.answers import EN_ANSWERS, EN_LINES_BEFORE_COMMITMENTS, JA_ANSWERS, feed
from tests.support.runner import ok, one_sentence_error, run_cli
from tests.support.sessions import start_unattended

FIRST = "2026-12-01T21:00:00+09:00"  # the first session; its commitments are due 12-08


@pytest.fixture
def week(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """One English session on 12-01: a promise to oneself (c1, Drink water daily) and two
    commitments to the partner (c2 Call at 7pm, c3 Walk after dinner), all due 12-08."""
    return start_unattended(tmp_path, monkeypatch, FIRST, EN_ANSWERS, "--lang", "en")


def on(monkeypatch: pytest.MonkeyPatch, day: int, time: str = "21:30") -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", f"2026-12-{day:02d}T{time}:00+09:00")


def checkin(monkeypatch: pytest.MonkeyPatch, day: int, *lines: str, time: str = "21:30") -> str:
    on(monkeypatch, day, time)
    return ok(run_cli("checkin", input=feed(list(lines))))


def day_file(home: Path, day: int) -> dict[str, Any]:
    return tomli.loads((home / "checkins" / f"2026-12-{day:02d}.toml").read_text("utf-8"))


def test_one_line_per_commitment_in_the_order_shown(
    week: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = checkin(monkeypatch, 2, "y", "", "y")
    lines = out.splitlines()
    assert lines[0] == "Check-in for 2026-12-02: 3 commitments are for this day."
    assert lines[1] == "y: done today    n: not today    Enter: skip"
    items = [
        "1/3  “Drink water daily” (a promise to yourself, due 2026-12-08)",
        "2/3  “Call at 7pm” (due 2026-12-08)",
        "3/3  “Walk after dinner” (due 2026-12-08)",
    ]
    assert [line for line in lines if line[:4] in ("1/3 ", "2/3 ", "3/3 ")] == items
    assert "Saved for 2026-12-02." in lines
    assert lines[-1] == "Next review from 2026-12-08: trustcoach start"
    marks = day_file(isolated_home, 2)["marks"]
    assert [(m["session"], m["commitment"], m["done"]) for m in marks] == [
        (week, "c1", True),
        (week, "c3", True),
    ]


def test_a_wrong_line_is_explained_and_the_next_line_answers(
    week: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = checkin(monkeypatch, 2, "yes please", "n", "y", "")
    said = "→ Please type y (done) or n (not done); Enter skips, and s clears a mark made earlier."
    assert said in out
    marks = day_file(isolated_home, 2)["marks"]
    assert [(m["commitment"], m["done"]) for m in marks] == [("c1", False), ("c2", True)]


def test_nothing_marked_changes_nothing(
    week: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = checkin(monkeypatch, 2, "", "", "")
    assert "Nothing was changed for 2026-12-02." in out
    assert not (isolated_home / "checkins" / "2026-12-02.toml").exists()


def test_end_of_input_midway_keeps_the_first_answer_and_exits_130(
    week: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, 2)
    result = run_cli("checkin", input="y\n")
    assert result.exit_code == 130
    assert result.stderr.strip() == "What you marked so far is saved; the rest was skipped."
    marks = day_file(isolated_home, 2)["marks"]
    assert [(m["commitment"], m["done"]) for m in marks] == [("c1", True)]


def test_end_of_input_before_any_answer_changes_nothing(
    week: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, 2)
    result = run_cli("checkin", input="")
    assert result.exit_code == 130
    assert result.stderr.strip() == "Nothing was changed."
    assert not (isolated_home / "checkins" / "2026-12-02.toml").exists()


def test_yesterday_and_the_hours_after_midnight(
    week: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    late = checkin(monkeypatch, 3, "y", "y", "y", time="00:40")
    assert "It is after midnight, so this counts for 2026-12-03." in late
    assert "trustcoach checkin --yesterday" in late
    on(monkeypatch, 3, "00:45")
    out = ok(run_cli("checkin", "--yesterday", input="n\ny\n\n"))
    assert out.startswith("Check-in for 2026-12-02:")
    assert "y: done that day    n: not that day    Enter: skip" in out
    assert [m["done"] for m in day_file(isolated_home, 2)["marks"]] == [False, True]
    assert [m["done"] for m in day_file(isolated_home, 3)["marks"]] == [True, True, True]


def test_nothing_to_check_in_is_said_calmly(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, 2)
    out = ok(run_cli("checkin"))
    assert out.startswith("There are no open commitments to check in on.")
    start_unattended(tmp_path, monkeypatch, FIRST, EN_ANSWERS, "--lang", "en")
    past_due = checkin(monkeypatch, 9)  # all were due on 12-08: the review is next
    assert past_due.startswith("None of your open commitments runs through 2026-12-09.")
    assert "trustcoach start" in past_due
    assert not (isolated_home / "checkins").exists()


def test_a_damaged_day_is_one_sentence_and_left_as_it_is(
    week: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkin(monkeypatch, 2, "y", "y", "y")
    path = isolated_home / "checkins" / "2026-12-02.toml"
    damaged = path.read_bytes().replace(b"done = true", b"done = maybe", 1)
    path.write_bytes(damaged)
    checkin(monkeypatch, 3, "", "y", "n")
    home = ok(run_cli())
    assert "      check-ins: done on 1 of the 1 scheduled day checked" in home.splitlines()  # 12-03
    assert "  1 check-in file cannot be read and is not counted: trustcoach doctor" in home
    data = json.loads(ok(run_cli("progress", "--json")))
    assert [u["day"] for u in data["unreadable_checkins"]] == ["2026-12-02"]
    on(monkeypatch, 2)
    result = run_cli("checkin", input="n\nn\nn\n")
    assert result.exit_code == 1
    line = one_sentence_error(result.stderr)
    assert str(path) in line and "not valid TOML" in line and "left unchanged" in line
    assert path.read_bytes() == damaged


def test_in_japanese(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    start_unattended(tmp_path, monkeypatch, FIRST, JA_ANSWERS, "--lang", "ja")
    monkeypatch.setenv("TRUSTCOACH_LANG", "ja")
    out = checkin(monkeypatch, 2, "はい", "x", "", "")
    # 「週末に料理する」 is for Saturdays and Sundays: not asked on a Wednesday
    assert out.splitlines()[0] == "2026-12-02のチェックイン：この日にやる約束が2件あります。"
    assert "1/2  「毎朝水を飲む」（自分との約束、期日 2026-12-08）" in out
    assert "2/2  「毎晩十時に帰る」（期日 2026-12-08）" in out
    assert "週末に料理する" not in out
    assert "→ y（できた）か n（できなかった）を入力してください。" in out
    assert "Enterで飛ばし、sで前の記録を消します。" in out
    assert "次のチェックイン：2026-12-03（木）" in out
    assert "2026-12-02の分を保存しました。" in out
    assert [m["done"] for m in day_file(isolated_home, 2)["marks"]] == [True]


# ---------------------------------------------------------------------------------------------
# What the check-ins become
# ---------------------------------------------------------------------------------------------


def a_week_of_check_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check-ins on six of the seven days after the session (none on 12-05): the promise to
    oneself done on all 6, c2 (Call at 7pm) on 4 of them, c3 on 1 of the 2 days it was answered
    for."""
    for day, lines in {
        2: ("y", "y", ""),
        3: ("y", "y", "n"),
        4: ("y", "n", ""),
        6: ("y", "y", ""),
        7: ("y", "y", "y"),
        8: ("y", "n", ""),
    }.items():
        checkin(monkeypatch, day, *lines)


def test_the_review_shows_the_check_ins_and_still_asks_the_outcome(
    week: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_week_of_check_ins(monkeypatch)
    on(monkeypatch, 8, "22:00")
    answers = [
        "1",  # the promise to oneself: kept
        "Every morning",
        "1",  # Call at 7pm: kept
        "Most evenings",
        "3",  # Walk after dinner: not kept
        "",
        "3",  # what next: let it go
        *EN_LINES_BEFORE_COMMITMENTS,
        "Read on Sundays",
        "",
        "",
        "",
        "8",
    ]
    out = ok(run_cli("start", "--lang", "en", input=feed(answers)))
    heading = out.index("Your commitment: “Call at 7pm” (due 2026-12-08)")
    said = out.index("Your check-ins: done on 4 of the 6 scheduled days you checked in.")
    asked = out.index("How did it go?", said)
    assert heading < said < asked
    assert "Your check-ins: done on 1 of the 2 scheduled days you checked in." in out
    assert "Your check-ins: done on 6 of the 6 scheduled days you checked in." in out  # to self
    # the days without a check-in (12-05) are not counted against anything; no streaks
    assert "streak" not in out.lower() and "of the 7 days" not in out
    journal = tomli.loads(sorted((isolated_home / "journals").glob("*.toml"))[-1].read_text())
    assert [r["outcome"] for r in journal["reviews"]] == ["kept", "kept", "not_kept"]
    # what the check-ins said is kept with each review, for the reports
    counted = [(r["done_days"], r["checked_days"]) for r in journal["reviews"]]
    assert counted == [(6, 6), (4, 6), (1, 2)]


def test_a_review_without_check_ins_says_nothing_about_them(
    week: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, 8, "22:00")
    lines = ["Read on Sundays", "", "", "", "8"]
    answers = ["1", "", "1", "", "1", "", *EN_LINES_BEFORE_COMMITMENTS, *lines]
    out = ok(run_cli("start", "--lang", "en", input=feed(answers)))
    assert "your check-ins" not in out.lower()  # the closing still says how to check in


def test_progress_json_lists_open_commitments_with_their_days(
    week: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_week_of_check_ins(monkeypatch)
    data = json.loads(ok(run_cli("progress", "--json")))
    assert data["open_commitments"] == [
        {
            "session": week,
            "id": "c1",
            "toward": "self",
            "text": "Drink water daily",
            "due": "2026-12-08",
            "schedule": "daily",
            "done_days": 6,
            "checked_days": 6,
        },
        {
            "session": week,
            "id": "c2",
            "toward": "partner",
            "text": "Call at 7pm",
            "due": "2026-12-08",
            "schedule": "daily",
            "done_days": 4,
            "checked_days": 6,
        },
        {
            "session": week,
            "id": "c3",
            "toward": "partner",
            "text": "Walk after dinner",
            "due": "2026-12-08",
            "schedule": "daily",
            "done_days": 1,
            "checked_days": 2,
        },
    ]
    text = ok(run_cli("progress"))
    assert "Open commitments and your check-ins" in text
    assert "      check-ins: done on 4 of the 6 scheduled days checked" in text.splitlines()


def test_the_home_screen_says_when_the_next_check_in_and_review_are(
    week: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, 2, "08:00")
    lines = ok(run_cli()).splitlines()
    # with the next steps, where a command is never broken across lines
    assert "Today's check-in:     trustcoach checkin" in lines
    assert "Next review: 2026-12-08, in 6 days, in your next session." in lines
    checkin(monkeypatch, 2, "", "y", "")
    lines = ok(run_cli()).splitlines()
    assert "You checked in today. Next check-in: Thu 2026-12-03." in lines
    assert "      check-ins: done on 1 of the 1 scheduled day checked" in lines
    on(monkeypatch, 7)
    assert "Next review: 2026-12-08, in 1 day, in your next session." in ok(run_cli())
    checkin(monkeypatch, 8, "", "", "y")
    last_day = ok(run_cli()).splitlines()
    assert "You checked in today." in last_day  # nothing runs past today: no next check-in
    assert not any("Next check-in" in line for line in last_day)
    on(monkeypatch, 9)
    home = ok(run_cli())
    assert "Due for review now: 3 commitments (trustcoach start)." in home
    assert "checkin" not in home  # nothing runs through 12-09 any more


def two_sessions_with_check_ins(week: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """``week``'s session, a second one on 12-03 (a promise to oneself and one commitment), and
    check-ins on 12-02 (the first session's only) and 12-04 (both); the second session's id."""
    checkin(monkeypatch, 2, "y", "y", "y")
    second = start_unattended(
        tmp_path, monkeypatch, "2026-12-03T08:00:00+09:00", {**EN_ANSWERS, "commitments": ["Cook"]}
    )
    checkin(monkeypatch, 4, "y", "n", "y", "n", "y")  # promises to oneself first, then by due
    return second


def test_forgetting_a_session_deletes_its_check_ins_and_keeps_the_others(
    week: str, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = two_sessions_with_check_ins(week, tmp_path, monkeypatch)
    ok(run_cli("forget", week, "--yes"))
    folder = isolated_home / "checkins"
    assert [p.name for p in folder.iterdir()] == ["2026-12-04.toml"]  # 12-02 held only week's
    marks = day_file(isolated_home, 4)["marks"]
    assert [(m["session"], m["commitment"], m["done"]) for m in marks] == [
        (second, "c1", False),
        (second, "c2", True),
    ]
    assert week not in (folder / "2026-12-04.toml").read_text("utf-8")


def test_forget_leaves_a_damaged_day_and_says_so(
    week: str, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_sessions_with_check_ins(week, tmp_path, monkeypatch)
    damaged = isolated_home / "checkins" / "2026-12-02.toml"
    damaged.write_bytes(b"schema_version = 1\nday = [\n")
    out = ok(run_cli("forget", week, "--yes"))
    assert "1 check-in file could not be read, so it was left as it is" in out
    assert damaged.read_bytes() == b"schema_version = 1\nday = [\n"


def test_forget_all_deletes_every_check_in(
    week: str, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_sessions_with_check_ins(week, tmp_path, monkeypatch)
    folder = isolated_home / "checkins"
    (folder / "2026-12-02.toml").write_bytes(b"damaged = [")
    (folder / "2026-12-04.sync-conflict-20261205-101010-ABC.toml").write_text("x", "utf-8")
    ok(run_cli("forget", "--all", "--yes"))
    assert list(folder.iterdir()) == []
    data = json.loads(ok(run_cli("progress", "--json")))
    assert data["open_commitments"] == [] and date(2026, 12, 8).isoformat() not in str(data)


def test_after_a_checkin_a_commitment_already_due_is_due_for_review_now(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The promise to oneself is due 12-03 and not reviewed; on 12-05 the check-in asks only
    about the two commitments due 12-08, yet the next review is now, as the home screen says."""
    soon = {**EN_ANSWERS, "self_promise_small": [{"text": "Drink water daily", "due": "+2"}]}
    start_unattended(tmp_path, monkeypatch, FIRST, soon, "--lang", "en")
    out = checkin(monkeypatch, 5, "y", "y")
    assert "Check-in for 2026-12-05: 2 commitments are for this day." in out
    review_now = "Due for review now: 1 commitment (trustcoach start)."
    assert out.splitlines()[-1] == review_now
    assert review_now in ok(run_cli())  # the home screen says the same


def test_after_a_checkin_the_next_review_is_the_earliest_due_of_all_open_commitments(
    week: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session on 12-05 made a commitment due 12-06; checking in for 12-04 (the day before
    it was made) asks about the first session's only, and still names 12-06."""
    soon = {**EN_ANSWERS, "commitments": [{"text": "Call at 7pm on Sunday", "due": "+1"}]}
    start_unattended(tmp_path, monkeypatch, "2026-12-05T21:00:00+09:00", soon, "--lang", "en")
    on(monkeypatch, 5)
    out = ok(run_cli("checkin", "--yesterday", input=feed(["y", "y", "y"])))
    assert "Check-in for 2026-12-04: 3 commitments are for this day." in out
    assert out.splitlines()[-1] == "Next review from 2026-12-06: trustcoach start"
