"""The check-in files: one per day under <home>/checkins, private, atomic, counted only between a
commitment's session and its due date, never rewritten when damaged, and deletable by session."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path

import pytest
import tomli

from tests.support.clocks import JST
from trustcoach.errors import JournalError
from trustcoach.journal.checkins.book import CheckinBook, DaysCount, session_day
from trustcoach.journal.history import CommitmentRow
from trustcoach.journal.store import JournalStore, Unreadable

S1 = "20261201-210000-aaaa"
S2 = "20261203-080000-bbbb"
C1 = CommitmentRow(S1, "c1", "Phone in the drawer at 10", "2026-12-08")
C2 = CommitmentRow(S1, "c2", "Walk on Saturday", "2026-12-08")
D1 = CommitmentRow(S2, "c1", "Cook on Sunday", "2026-12-10")


def at(day: int, hour: int = 21) -> datetime:
    return datetime(2026, 12, day, hour, 0, tzinfo=JST)


@pytest.fixture
def book(isolated_home: Path) -> CheckinBook:
    return CheckinBook(JournalStore(isolated_home))


def test_a_day_is_one_private_toml_file_outside_the_journals(
    book: CheckinBook, isolated_home: Path
) -> None:
    book.record(date(2026, 12, 2), C1, True, at(2))
    book.record(date(2026, 12, 2), C2, False, at(2))
    path = isolated_home / "checkins" / "2026-12-02.toml"
    assert [p.name for p in (isolated_home / "checkins").iterdir()] == ["2026-12-02.toml"]
    assert not (isolated_home / "journals").exists()  # doctor's journals stay journals only
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    data = tomli.loads(path.read_text("utf-8"))
    assert data["schema_version"] == 1 and data["day"] == date(2026, 12, 2)
    assert [(m["session"], m["commitment"], m["done"]) for m in data["marks"]] == [
        (S1, "c1", True),
        (S1, "c2", False),
    ]
    assert data["marks"][0]["checked_at"] == at(2)
    assert "Phone" not in path.read_text("utf-8")  # ids only, never the commitment's words


def test_a_second_answer_the_same_day_replaces_the_first_and_keeps_the_others(
    book: CheckinBook,
) -> None:
    day = date(2026, 12, 2)
    book.record(day, C1, False, at(2, 20))
    book.record(day, C2, True, at(2, 20))
    book.record(day, C1, True, at(2, 23))
    found = book.read_day(day)
    assert not isinstance(found, Unreadable) and found is not None
    assert found.refs() == {C1.ref: True, C2.ref: True}


def test_tallies_count_only_the_days_from_the_session_to_the_due_date(
    book: CheckinBook,
) -> None:
    marks = {
        date(2026, 11, 30): [(C1, True)],  # before S1 started: not C1's days
        date(2026, 12, 1): [(C1, True)],  # the session's own day counts
        date(2026, 12, 2): [(C1, False), (C2, True)],
        date(2026, 12, 4): [(C1, True), (D1, True)],
        date(2026, 12, 8): [(C1, True)],  # the due date counts
        date(2026, 12, 9): [(C1, True), (D1, False)],  # after C1's due date: not counted
    }
    for day, pairs in marks.items():
        for commitment, done in pairs:
            book.record(day, commitment, done, at(day.day))
    days, unreadable = book.tallies([C1, C2, D1])
    assert unreadable == []
    assert days == {
        C1.ref: DaysCount(done=3, checked=4),
        C2.ref: DaysCount(done=1, checked=1),
        D1.ref: DaysCount(done=1, checked=2),
    }


def test_a_commitment_without_check_ins_counts_zero_days(book: CheckinBook) -> None:
    assert book.tallies([C1]) == ({C1.ref: DaysCount(0, 0)}, [])
    assert book.days() == []


def test_a_damaged_day_is_reported_not_counted_and_never_rewritten(
    book: CheckinBook, isolated_home: Path
) -> None:
    book.record(date(2026, 12, 2), C1, True, at(2))
    book.record(date(2026, 12, 3), C1, True, at(3))
    damaged = isolated_home / "checkins" / "2026-12-03.toml"
    raw = b'schema_version = 1\nday = 2026-12-03\n[[marks]]\nsession = "x\n'
    damaged.write_bytes(raw)
    days, unreadable = book.tallies([C1])
    assert days[C1.ref] == DaysCount(1, 1)
    assert [u.path for u in unreadable] == [damaged]
    with pytest.raises(JournalError) as refused:
        book.record(date(2026, 12, 3), C1, False, at(3, 22))
    assert refused.value.message.key == "checkin_unreadable"
    assert "not valid TOML" in str(refused.value)
    assert damaged.read_bytes() == raw


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("schema_version = 2\nday = 2026-12-03\n", "schema_version 2"),
        ("schema_version = 1\nday = 2026-12-04\n", "not of the day in its name"),
        ("schema_version = 1\nday = 2026-12-03\ncolour = 1\n", "unknown key"),
        (
            'schema_version = 1\nday = 2026-12-03\n[[marks]]\nsession = "../x"\n'
            'commitment = "c1"\ndone = true\nchecked_at = 2026-12-03T21:00:00+09:00\n',
            "marks[0].session",
        ),
        (
            'schema_version = 1\nday = 2026-12-03\n[[marks]]\nsession = "20261201-210000-aaaa"\n'
            'commitment = "c1"\ndone = "yes"\nchecked_at = 2026-12-03T21:00:00+09:00\n',
            "marks[0].done",
        ),
        (
            "schema_version = 1\nday = 2026-12-03\n"
            + '[[marks]]\nsession = "20261201-210000-aaaa"\ncommitment = "c1"\ndone = true\n'
            "checked_at = 2026-12-03T21:00:00+09:00\n" * 2,
            "same commitment twice",
        ),
    ],
)
def test_a_hand_edit_that_does_not_fit_is_unreadable_with_its_reason(
    book: CheckinBook, isolated_home: Path, text: str, reason: str
) -> None:
    folder = isolated_home / "checkins"
    folder.mkdir(parents=True)
    (folder / "2026-12-03.toml").write_text(text, "utf-8")
    found = book.read_day(date(2026, 12, 3))
    assert isinstance(found, Unreadable)
    from trustcoach.catalog.say import tell

    assert reason in tell("en", found.problem)


def test_deleting_a_session_removes_its_marks_and_empty_days_only(
    book: CheckinBook, isolated_home: Path
) -> None:
    book.record(date(2026, 12, 2), C1, True, at(2))
    book.record(date(2026, 12, 4), C1, True, at(4))
    book.record(date(2026, 12, 4), D1, False, at(4))
    damaged = isolated_home / "checkins" / "2026-12-05.toml"
    damaged.write_bytes(b"not toml at all = = =")
    unreadable = book.delete_session(S1)
    assert [u.path for u in unreadable] == [damaged]
    assert sorted(p.name for p in (isolated_home / "checkins").iterdir()) == [
        "2026-12-04.toml",
        "2026-12-05.toml",
    ]
    found = book.read_day(date(2026, 12, 4))
    assert not isinstance(found, Unreadable) and found is not None
    assert found.refs() == {D1.ref: False}
    assert damaged.read_bytes() == b"not toml at all = = ="


def test_files_that_are_not_days_are_ignored(book: CheckinBook, isolated_home: Path) -> None:
    book.record(date(2026, 12, 2), C1, True, at(2))
    folder = isolated_home / "checkins"
    names = ("notes.txt", "2026-13-40.toml", "x.toml", "2026-W49-3.toml", "20261203.toml")
    for name in (*names, ".tmp-2026-12-02.toml.1", "2026-12-02.sync-conflict-x.toml"):
        (folder / name).write_text("x", "utf-8")
    assert book.days() == [date(2026, 12, 2)]
    others = {p.name for p in book.others()}
    assert others == {*names, "2026-12-02.sync-conflict-x.toml"}  # never the temporary file


def test_a_day_that_is_a_link_is_not_followed(book: CheckinBook, isolated_home: Path) -> None:
    book.record(date(2026, 12, 2), C1, True, at(2))
    elsewhere = isolated_home.parent / "elsewhere.toml"
    elsewhere.write_bytes((isolated_home / "checkins" / "2026-12-02.toml").read_bytes())
    (isolated_home / "checkins" / "2026-12-03.toml").symlink_to(elsewhere)
    found = book.read_day(date(2026, 12, 3))
    assert isinstance(found, Unreadable)
    with pytest.raises(JournalError):
        book.record(date(2026, 12, 3), C1, False, at(3))
    assert (isolated_home / "checkins" / "2026-12-03.toml").is_symlink()


def test_the_day_of_a_session_is_read_from_its_id() -> None:
    assert session_day("20261201-235959-abcd") == date(2026, 12, 1)
