"""``forget ID`` takes the forgotten commitments' words out of the later sessions that reviewed
them (issue #25, item 3): how each went and the note written about it stay, as that later
session's own record; the words of the commitment go, from its journal, its index rows and
everything else under the home. The confirmation says so before anything is deleted."""

from __future__ import annotations

import json

import pytest

from tests.cli import test_forget
from tests.cli.test_forget import files_holding
from tests.support.journals import journal_path
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import SessionsHome
from tests.support.terminal import Terminal
from tests.support.vaults import read_any_journal

COMMITMENTS = ["S1commitone", "S1committwo"]
made, sessions = test_forget.made, test_forget.sessions  # S1, S2 reviewing S1, S3 reviewing S2


@pytest.fixture
def later_reviewed(sessions: SessionsHome) -> SessionsHome:
    """The three sessions of test_forget.py, copied into this test's home."""
    return sessions


def test_a_later_review_keeps_its_outcome_and_note_without_the_commitments_words(
    later_reviewed: SessionsHome,
) -> None:
    s1, s2, _ = later_reviewed.ids
    later = journal_path(later_reviewed.home, s2)
    before = {r["commitment"]: r for r in read_any_journal(later_reviewed.home, later)["reviews"]}
    ok(run_cli("forget", s1, "--yes"))
    assert files_holding(later_reviewed.home, COMMITMENTS) == {}
    reviews = read_any_journal(later_reviewed.home, later)["reviews"]
    assert [r["commitment"] for r in reviews] == list(before)
    for review in reviews:
        kept = before[review["commitment"]]
        assert review["outcome"] == kept["outcome"]
        assert review.get("note", "") == kept.get("note", "")
        assert review["text"] == ""
    shown = ok(run_cli("show", s2))
    assert "S2notekeptq" in shown and "a commitment of a forgotten session" in shown
    progress = json.loads(ok(run_cli("progress", "--json")))
    assert [row["id"] for row in progress["sessions"]] == later_reviewed.ids[1:]


def test_the_words_go_in_a_locked_home_too(later_reviewed: SessionsHome, passphrase: str) -> None:
    s1, s2, _ = later_reviewed.ids
    ok(run_cli("lock"))
    ok(run_cli("forget", s1, "--yes"))
    later = read_any_journal(later_reviewed.home, journal_path(later_reviewed.home, s2))
    assert [review["text"] for review in later["reviews"]] == ["", ""]
    assert "S1commit" not in json.dumps(later, default=str)
    assert "S2notekeptq" in ok(run_cli("show", s2))


def test_a_later_session_open_elsewhere_stops_the_forget_before_anything_goes(
    later_reviewed: SessionsHome,
) -> None:
    from trustcoach.journal.store import JournalStore

    s1, s2, _ = later_reviewed.ids
    other = JournalStore(later_reviewed.home)
    other.hold(s2)
    try:
        assert s2 in refused(run_cli("forget", s1, "--yes"))
    finally:
        other.release_all()
    assert journal_path(later_reviewed.home, s1).exists()
    assert "S1commitone" in journal_path(later_reviewed.home, s2).read_text("utf-8")


@pytest.mark.slow
def test_the_confirmation_says_what_stays_and_what_goes(
    later_reviewed: SessionsHome, terminals: object
) -> None:
    spawn = terminals
    terminal: Terminal = spawn(later_reviewed.home, "forget", later_reviewed.ids[0])  # type: ignore[operator]
    terminal.child.expect_exact("Delete for good?")
    before = terminal.child.before.replace("\r\n", " ")
    assert "its note stay" in " ".join(before.split()), before
    terminal.child.sendline("n")
    terminal.finish()
