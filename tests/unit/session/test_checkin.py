"""The check-in flow without a terminal: which commitments are asked and in which order, what
an answer means, a wrong answer asked again, each answer saved as it is given, a skip saved as
nothing at all."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tests.support.clocks import JST
from trustcoach.catalog.say import tell
from trustcoach.errors import InvalidAnswer, JournalError
from trustcoach.journal.checkins.book import CheckinBook
from trustcoach.journal.history import CommitmentRow
from trustcoach.journal.store import JournalStore, Unreadable
from trustcoach.session.checkin import next_checkin, parse_mark, run_checkin, to_check

OLD = CommitmentRow("20261124-090000-aaaa", "c1", "Old, due soon", "2026-12-02")
NEW_1 = CommitmentRow("20261201-210000-bbbb", "c1", "New one", "2026-12-08")
NEW_2 = CommitmentRow("20261201-210000-bbbb", "c2", "New two", "2026-12-08")
PAST = CommitmentRow("20261120-090000-cccc", "c1", "Past its due date", "2026-11-27")
LATER = CommitmentRow("20261205-090000-dddd", "c1", "Made after the day", "2026-12-12")
MOMENT = datetime(2026, 12, 2, 21, 30, tzinfo=JST)


class ScriptedCheckin:
    """Answers from a list; records what it was shown."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, bool | None, str | None]] = []

    def ask_mark(
        self,
        number: int,
        total: int,
        commitment: CommitmentRow,
        earlier: bool | None,
        problem: str | None,
    ) -> str:
        self.asked.append((commitment.ref, earlier, problem))
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


@pytest.fixture
def book(isolated_home: Path) -> CheckinBook:
    return CheckinBook(JournalStore(isolated_home))


def marks(book: CheckinBook, day: date) -> dict[str, bool]:
    found = book.read_day(day)
    assert not isinstance(found, Unreadable)
    return found.refs() if found else {}


def test_only_commitments_whose_days_run_through_the_day_soonest_due_first() -> None:
    running = to_check([NEW_2, PAST, NEW_1, LATER, OLD], date(2026, 12, 2))
    assert running == [OLD, NEW_1, NEW_2]
    assert to_check([NEW_1], date(2026, 12, 1)) == [NEW_1]  # the session's own day
    assert to_check([NEW_1], date(2026, 12, 8)) == [NEW_1]  # the due date
    assert to_check([NEW_1], date(2026, 12, 9)) == []


@pytest.mark.parametrize(
    ("typed", "meaning"),
    [
        ("y", True),
        ("Y ", True),
        ("yes", True),
        ("ｙ", True),
        ("はい", True),
        ("n", False),
        ("No", False),
        ("いいえ", False),
        ("", None),
        ("   ", None),
    ],
)
def test_what_an_answer_means(typed: str, meaning: bool | None) -> None:
    assert parse_mark(typed) is meaning


@pytest.mark.parametrize("typed", ["x", "done", "2", "yn"])
def test_anything_else_is_explained_in_the_language_of_the_command(typed: str) -> None:
    with pytest.raises(InvalidAnswer) as refused:
        parse_mark(typed)
    english = "Please type y (done) or n (not done); Enter skips, and s clears a mark made earlier."
    assert tell("en", refused.value.message) == english
    assert "y（できた）" in tell("ja", refused.value.message)


def test_each_answer_is_saved_and_a_skip_leaves_no_mark(book: CheckinBook) -> None:
    day = date(2026, 12, 2)
    ui = ScriptedCheckin(["y", "", "n"])
    result = run_checkin(book, [OLD, NEW_1, NEW_2], day, lambda: MOMENT, ui, "en")
    assert (result.done, result.not_today, result.skipped) == (1, 1, 1)
    assert marks(book, day) == {OLD.ref: True, NEW_2.ref: False}


def test_a_wrong_answer_is_asked_again_with_the_reason(book: CheckinBook) -> None:
    ui = ScriptedCheckin(["maybe", "y"])
    run_checkin(book, [NEW_1], date(2026, 12, 2), lambda: MOMENT, ui, "en")
    assert [problem is None for _, _, problem in ui.asked] == [True, False]
    assert "Please type y" in str(ui.asked[1][2])
    assert marks(book, date(2026, 12, 2)) == {NEW_1.ref: True}


def test_stopping_midway_keeps_what_was_answered(book: CheckinBook) -> None:
    ui = ScriptedCheckin(["n"])  # then end of input
    with pytest.raises(EOFError):
        run_checkin(book, [OLD, NEW_1, NEW_2], date(2026, 12, 2), lambda: MOMENT, ui, "en")
    assert marks(book, date(2026, 12, 2)) == {OLD.ref: False}


def test_a_second_check_in_shows_the_earlier_marks_and_enter_keeps_them(
    book: CheckinBook,
) -> None:
    day = date(2026, 12, 2)
    run_checkin(book, [NEW_1, NEW_2], day, lambda: MOMENT, ScriptedCheckin(["y", "n"]), "en")
    again = ScriptedCheckin(["", "y"])
    run_checkin(book, [NEW_1, NEW_2], day, lambda: MOMENT, again, "en")
    assert [earlier for _, earlier, _ in again.asked] == [True, False]
    assert marks(book, day) == {NEW_1.ref: True, NEW_2.ref: True}


def test_a_damaged_day_is_refused_before_anything_is_asked(
    book: CheckinBook, isolated_home: Path
) -> None:
    folder = isolated_home / "checkins"
    folder.mkdir(parents=True)
    (folder / "2026-12-02.toml").write_bytes(b"\xef\xbb\xbfschema_version = 1\n")
    ui = ScriptedCheckin(["y"])
    with pytest.raises(JournalError):
        run_checkin(book, [NEW_1], date(2026, 12, 2), lambda: MOMENT, ui, "en")
    assert ui.asked == []
    assert (folder / "2026-12-02.toml").read_bytes() == b"\xef\xbb\xbfschema_version = 1\n"


# ---------------------------------------------------------------------------------------------
# Schedules, and clearing a mark (#21)
# ---------------------------------------------------------------------------------------------

SESSION = "20261201-210000-bbbb"
SATURDAY = CommitmentRow(SESSION, "c3", "Park on Saturday", "2026-12-08", "partner", "sat")
ONCE = CommitmentRow(SESSION, "c4", "Call mum once", "2026-12-08", "partner", "once")


def test_only_the_commitments_of_the_day_are_asked() -> None:
    wednesday, saturday = date(2026, 12, 2), date(2026, 12, 5)
    assert to_check([NEW_1, SATURDAY], wednesday) == [NEW_1]
    assert to_check([NEW_1, SATURDAY], saturday) == [NEW_1, SATURDAY]
    done_before = {ONCE.ref: {date(2026, 12, 3): True}}
    assert to_check([ONCE], date(2026, 12, 3), done_before) == [ONCE]  # still changeable
    assert to_check([ONCE], date(2026, 12, 4), done_before) == []
    assert next_checkin([SATURDAY], wednesday) == saturday


@pytest.mark.parametrize("typed", ["s", "skip", "-", "飛ばす", "スキップ", "ｓ"])
def test_a_mark_is_cleared_back_to_skipped(book: CheckinBook, typed: str) -> None:
    day = date(2026, 12, 2)
    run_checkin(book, [NEW_1, NEW_2], day, lambda: MOMENT, ScriptedCheckin(["y", "n"]), "en")
    clearing = ScriptedCheckin([typed, ""])
    result = run_checkin(book, [NEW_1, NEW_2], day, lambda: MOMENT, clearing, "ja")
    assert (result.cleared, result.skipped, result.marked) == (1, 1, [NEW_1.ref])
    assert marks(book, day) == {NEW_2.ref: False}
    run_checkin(book, [NEW_1, NEW_2], day, lambda: MOMENT, ScriptedCheckin(["", typed]), "en")
    assert not book.path_for(day).exists()  # no mark left: no file


def test_clearing_without_a_mark_is_a_skip(book: CheckinBook) -> None:
    day = date(2026, 12, 2)
    result = run_checkin(book, [NEW_1], day, lambda: MOMENT, ScriptedCheckin(["s"]), "en")
    assert (result.cleared, result.skipped, result.marked) == (0, 1, [])
    assert not book.path_for(day).exists()
