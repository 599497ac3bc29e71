"""Reviews of earlier commitments at the start of a session: asked first, saved in the new journal
(the old one is left alone), counted by progress and the home screen, and resumed where a
session stopped, between two reviews or between an outcome and its note."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import (
    EN_LINES_BEFORE_COMMITMENTS,
    JA_LINES_BEFORE_COMMITMENTS,
    feed,
    write_answers,
)
from tests.support.clocks import JST
from tests.support.histories import Planned, history_answers, run_planned
from tests.support.journals import journal_path, journal_paths, list_json, read_journal
from tests.support.runner import ok, run_cli

# ---------------------------------------------------------------------------------------------
# At the keyboard
# ---------------------------------------------------------------------------------------------

EN_LINES = [
    *EN_LINES_BEFORE_COMMITMENTS,
    "Read together on Sundays",  # commitments: one item
    "",  # end of the list
    "",  # its days: what its words say (every Sunday)
    "",  # its due date: the default
    "8",  # commitment_confidence
]
JA_LINES = [
    *JA_LINES_BEFORE_COMMITMENTS,
    "日曜に一緒に本を読む",
    "",
    "",
    "",
    "8",
]


@pytest.fixture
def one_earlier_session(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Planned:
    """An en session on 11-05: c1 due 11-12, c2 due 11-20; the clock is then set to 11-12."""
    plan = Planned(
        "E1",
        "en",
        datetime(2026, 11, 5, 10, 0, tzinfo=JST),
        3,
        2,
        [("Walk after dinner [/]", None), ("Cook on Sunday", date(2026, 11, 20))],
    )
    with pytest.MonkeyPatch.context() as mp:
        plan.id = run_planned(plan, [plan], tmp_path, mp)
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-11-12T20:00:00+09:00")
    return plan


def new_journal(home: Path, old: str) -> dict[str, Any]:
    others = [p for p in journal_paths(home) if p.stem != old]
    assert len(others) == 1, others
    return read_journal(others[0])


NOTE_TYPED = "Rain [/] got in the way \\ :smile: [bold]x[/bold]"


def test_keyboard_review_comes_first_and_leaves_the_old_journal_alone(
    one_earlier_session: Planned, isolated_home: Path
) -> None:
    old = journal_path(isolated_home, one_earlier_session.id)
    before, stamp = old.read_bytes(), old.stat().st_mtime_ns
    # Enter declines the not-yet-due review; c1 is partly kept (2) with a note.
    result = run_cli("start", "--lang", "en", input=feed(["", "2", NOTE_TYPED, *EN_LINES]))
    out = ok(result)
    scope = out.index("1 commitment is due for review, and 2 more are not due yet.")
    step1 = out.index("Step 1 of 5")
    heading = out.index("Your commitment: “Walk after dinner [/]” (due 2026-11-12)")
    outcome = out.index("How did it go?")
    note = out.index("In one line: what helped, or what got in the way?")
    partner = out.index("How should the questions that follow refer to your partner?")
    assert scope < step1 < heading < outcome < note < partner
    assert "Enter alone means no." in out[scope:step1]
    for number, label in enumerate(("Kept", "Partly kept", "Not kept"), start=1):
        assert f"  {number}) {label}" in out[outcome:note]
    assert "Cook on Sunday" not in out[step1:]  # not reviewed: the user declined
    assert NOTE_TYPED in out  # the piped note is echoed literally

    journal = new_journal(isolated_home, one_earlier_session.id)
    assert journal["status"] == "complete"
    assert journal["review_plan"] == [f"{one_earlier_session.id}/c2"]
    assert journal["reviews"] == [
        {
            "session": one_earlier_session.id,
            "commitment": "c2",
            "text": "Walk after dinner [/]",
            "outcome": "partly",
            "note": NOTE_TYPED,
            "note_pending": False,
            "reviewed_at": datetime(2026, 11, 12, 20, 0, tzinfo=JST),
        }
    ]
    assert old.read_bytes() == before
    assert old.stat().st_mtime_ns == stamp

    # c2 is still open and listed; progress counts the partly kept one.
    data = json.loads(ok(run_cli("progress", "--json")))
    assert data["commitments"] == {"made": 3, "kept": 0, "partly": 1, "not_kept": 0, "open": 2}
    assert data["strength"] == round(0.125 * 100)  # one partly: an eighth of the way to 1
    home = ok(run_cli())
    assert "  - Cook on Sunday (every Sunday, by 2026-11-20)" in home  # its days, read


def test_keyboard_review_of_not_yet_due_commitments_when_asked(
    one_earlier_session: Planned, isolated_home: Path
) -> None:
    old = journal_path(isolated_home, one_earlier_session.id)
    before = old.read_bytes()
    # y: review those not due yet too; the promise to oneself comes first; "3" after "not
    # kept" lets the commitment go
    lines = ["y", "1", "", "1", "", "3", "Forgot \\ again", "3", *EN_LINES]
    out = ok(run_cli("start", "--lang", "en", input=feed(lines)))
    first = out.index("Your commitment: “Walk after dinner [/]” (due 2026-11-12)")
    second = out.index("Your commitment: “Cook on Sunday” (due 2026-11-20)")
    own = out.index("Your promise to yourself: “E1 small")
    assert out.index("Step 1 of 5") < own < first < second < out.index("refer to your partner?")
    assert "What would you like to do with it now?" in out[second:]
    journal = new_journal(isolated_home, one_earlier_session.id)
    assert [(r["commitment"], r["outcome"], r["note"]) for r in journal["reviews"]] == [
        ("c1", "kept", ""),
        ("c2", "kept", ""),
        ("c3", "not_kept", "Forgot \\ again"),
    ]
    assert [r.get("follow") for r in journal["reviews"]] == [None, None, "let_go"]
    assert old.read_bytes() == before
    rows = json.loads(ok(run_cli("list", "--json")))
    assert rows[-1]["id"] == one_earlier_session.id
    assert rows[-1]["commitments_kept"] == 2
    assert "Open commitments: 2, of which 0 due" in ok(run_cli())  # the new session's own


def test_keyboard_review_in_japanese(
    one_earlier_session: Planned, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-11-21T08:00:00+09:00")  # both are due now
    # Enter: the promise to oneself is not due yet; "2" carries the one not kept over a week
    # (the English words carried over name no time the Japanese check knows: Enter keeps them;
    # Enter keeps its days and due date too)
    lines = ["", "3", "雨で[/]できなかった", "2", "", "", "", "１", "", *JA_LINES]
    out = ok(run_cli("start", "--lang", "ja", input=feed(lines)))
    assert "期日前のものも今" in out  # the promise to oneself is not due yet
    step1 = re.search(r"ステップ\s*1\s*／\s*5", out)
    assert step1 is not None
    assert step1.start() < out.index("前回の約束：「Walk after dinner [/]」")
    assert out.count("どうでしたか。") == 2
    journal = new_journal(isolated_home, one_earlier_session.id)
    assert journal["lang"] == "ja"
    assert [(r["commitment"], r["outcome"], r["note"]) for r in journal["reviews"]] == [
        ("c2", "not_kept", "雨で[/]できなかった"),
        ("c3", "kept", ""),
    ]
    shown_ja = ok(run_cli("show", "latest"))
    assert (
        "  - Walk after dinner [/]：守れなかった（雨で[/]できなかった）。期日を決め直して続ける"
        in shown_ja
    )
    assert "  1. Walk after dinner [/]（期日 2026-11-28。" in shown_ja  # carried over
    assert "  - Cook on Sunday：守れた" in shown_ja


def test_session_stopped_between_reviews_resumes_with_the_next_review(
    one_earlier_session: Planned, isolated_home: Path
) -> None:
    old = journal_path(isolated_home, one_earlier_session.id)
    before = old.read_bytes()
    # Review both; stop (end of input) right after the first review's note.
    stopped = run_cli("start", "--lang", "en", input=feed(["y", "1", "", "1", "Went well"]))
    assert stopped.exit_code == 130
    journal = new_journal(isolated_home, one_earlier_session.id)
    assert journal["status"] == "in_progress"
    assert [(r["commitment"], r["outcome"], r["note"]) for r in journal["reviews"]] == [
        ("c1", "kept", ""),
        ("c2", "kept", "Went well"),
    ]
    listed = list_json()
    assert listed[0]["status"] == "in_progress" and listed[0]["self_trust"] is None
    listing = ok(run_cli("list")).splitlines()
    assert listing[1].endswith(f"{listed[0]['id']} *")
    assert "* unfinished" in listing[listing.index("") + 1]

    resumed = ok(run_cli("resume", input=feed(["2", "", *EN_LINES])))
    assert "Walk after dinner" not in resumed  # reviewed already: not asked again
    heading = resumed.index("Your commitment: “Cook on Sunday” (due 2026-11-20)")
    assert heading < resumed.index("refer to your partner?")
    journal = new_journal(isolated_home, one_earlier_session.id)
    assert journal["status"] == "complete"
    assert [(r["commitment"], r["outcome"], r["note"]) for r in journal["reviews"]] == [
        ("c1", "kept", ""),
        ("c2", "kept", "Went well"),
        ("c3", "partly", ""),
    ]
    assert old.read_bytes() == before
    data = json.loads(ok(run_cli("progress", "--json")))
    assert data["commitments"]["kept"] == 1 and data["commitments"]["partly"] == 1


def test_a_review_stopped_before_its_note_asks_the_note_on_resume(
    one_earlier_session: Planned, isolated_home: Path
) -> None:
    # Review both; the input ends right after the first outcome, at its note.
    stopped = run_cli("start", "--lang", "en", input=feed(["y", "1", "", "1"]))
    assert stopped.exit_code == 130
    journal = new_journal(isolated_home, one_earlier_session.id)
    assert [
        (r["commitment"], r["outcome"], r["note"], r["note_pending"]) for r in journal["reviews"]
    ] == [("c1", "kept", "", False), ("c2", "kept", "", True)]
    resumed = ok(run_cli("resume", input=feed(["Rain, but I went", "2", "", *EN_LINES])))
    asked_again = resumed.index("You had started looking back at “Walk after dinner [/]”.")
    assert asked_again < resumed.index("Your commitment: “Cook on Sunday” (due 2026-11-20)")
    assert resumed.count("How did it go?") == 1  # the first outcome is not asked again
    journal = new_journal(isolated_home, one_earlier_session.id)
    assert journal["status"] == "complete"
    assert [
        (r["commitment"], r["outcome"], r["note"], r["note_pending"]) for r in journal["reviews"]
    ] == [
        ("c1", "kept", "", False),
        ("c2", "kept", "Rain, but I went", False),
        ("c3", "partly", "", False),
    ]


# ---------------------------------------------------------------------------------------------
# From an answers file
# ---------------------------------------------------------------------------------------------


def test_a_due_commitment_without_review_is_refused_by_answers_file(
    history: list[Planned], isolated_home: Path, tmp_path: Path
) -> None:
    before = journal_paths(isolated_home)
    path = write_answers(tmp_path, history_answers("en", "S5", 5, 5, ["x"]))
    result = run_cli("start", "--lang", "en", "--answers", str(path))
    assert result.exit_code != 0
    assert f"reviews.{history[3].id}/c2: missing; this commitment is due" in result.stderr
    # S3/c2 is not due until 12-17, so it is not demanded.
    assert f"{history[2].id}/c3" not in result.stderr
    assert journal_paths(isolated_home) == before


def test_when_nothing_is_due_the_offer_to_review_early_counts_no_zero(
    one_earlier_session: Planned, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-11-06T20:00:00+09:00")  # neither is due yet
    out = ok(run_cli("start", "--lang", "en", input=feed(["", *EN_LINES])))
    assert "3 commitments are not due for review yet. Review them now anyway?" in out
    assert "0 commitments" not in out
    japanese = ok(run_cli("start", "--lang", "ja", input=feed(["", *JA_LINES])))
    # the three of the earlier session (the promise to oneself too), and the two just made
    assert "まだ期日前の約束が5件あります。今振り返りますか。" in japanese
    assert "0件" not in japanese
