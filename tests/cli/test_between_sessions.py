"""Between sessions, through the commands: the promise to oneself as a commitment, what follows a
commitment not kept in an answers file, an unfinished session at ``start`` (continue it, or
leave it: then it shows as left unfinished), the partner's term remembered, and journals
written before all this still read, show and count."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import EN_ANSWERS, EN_LINES_BEFORE_COMMITMENTS, feed, write_answers
from tests.support.checkout import REPO
from tests.support.journals import journal_paths, only_journal, read_journal
from tests.support.runner import ok, run_cli
from tests.support.sessions import start_unattended

FIRST = "2026-12-01T21:00:00+09:00"
WEEK_LATER = "2026-12-08T21:00:00+09:00"
WEEK_LATER_DAY = date(2026, 12, 8)


def first_session(tmp_path: Path, mp: pytest.MonkeyPatch, **changes: Any) -> str:
    return start_unattended(tmp_path, mp, FIRST, {**EN_ANSWERS, **changes}, "--lang", "en")


# ---------------------------------------------------------------------------------------------
# Answers files: what follows "not kept"
# ---------------------------------------------------------------------------------------------


def test_answers_file_makes_smaller_carries_over_and_lets_go(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = first_session(tmp_path, monkeypatch)
    reviews = {
        f"{first}/c1": {"outcome": "not_kept", "follow": "smaller", "text": "Water at lunch daily"},
        f"{first}/c2": {"outcome": "not_kept", "note": "busy", "follow": "carry", "due": "+3"},
        f"{first}/c3": {"outcome": "not_kept", "follow": "let_go"},
    }
    second = start_unattended(
        tmp_path, monkeypatch, WEEK_LATER, EN_ANSWERS, "--lang", "en", reviews=reviews
    )
    journal = read_journal(journal_paths(isolated_home)[-1])
    assert journal["id"] == second
    assert [(r["commitment"], r.get("toward", "partner")) for r in journal["reviews"]] == [
        ("c1", "self"),
        ("c2", "partner"),
        ("c3", "partner"),
    ]
    assert [r["follow"] for r in journal["reviews"]] == ["smaller", "carry", "let_go"]
    carried = [c for c in journal["commitments"] if c.get("origin")]
    assert [(c["id"], c["text"], c["origin"], c.get("toward", "partner")) for c in carried] == [
        ("c1", "Water at lunch daily", f"{first}/c1", "self"),
        ("c2", EN_ANSWERS["commitments"][0], f"{first}/c2", "partner"),
    ]
    assert carried[0]["due"] == WEEK_LATER_DAY + timedelta(days=7)
    assert carried[1]["due"] == WEEK_LATER_DAY + timedelta(days=3)
    # this session's own commitments follow: the promise to oneself, then the partner's
    assert [c["id"] for c in journal["commitments"]] == ["c1", "c2", "c3", "c4", "c5"]
    shown = ok(run_cli("show", second))
    assert "made smaller: “Water at lunch daily”" in shown
    assert "carried over with a new date" in shown and "let go for now" in shown


@pytest.mark.parametrize(
    ("review", "problem"),
    [
        ({"outcome": "kept", "follow": "carry"}, "'follow' is for a commitment not kept"),
        ({"outcome": "not_kept", "follow": "later"}, "'follow' is for a commitment not kept"),
        ({"outcome": "not_kept", "follow": "smaller"}, "needs the smaller version in 'text'"),
        ({"outcome": "not_kept", "text": "x"}, "'text' and 'due' go with 'follow'"),
        ({"outcome": "not_kept", "follow": "let_go", "due": "+3"}, "'due' not with let_go"),
    ],
)
def test_answers_file_follow_through_mistakes_are_named(
    review: dict[str, Any],
    problem: str,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = first_session(tmp_path, monkeypatch)
    reviews = {f"{first}/c1": "kept", f"{first}/c2": review, f"{first}/c3": "kept"}
    monkeypatch.setenv("TRUSTCOACH_NOW", WEEK_LATER)
    path = write_answers(tmp_path, EN_ANSWERS, reviews, name="second.toml")
    result = run_cli("start", "--lang", "en", "--answers", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    head, line = result.stderr.strip().splitlines()
    assert "1 answer is missing or invalid" in head
    assert f"reviews.{first}/c2: " in line and problem in line
    assert len(journal_paths(isolated_home)) == 1


# ---------------------------------------------------------------------------------------------
# An unfinished session at start
# ---------------------------------------------------------------------------------------------


def stopped_session(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRUSTCOACH_NOW", FIRST)
    result = run_cli("start", "--lang", "en", input="Sam\nI try.\n")
    assert result.exit_code == 130
    return json.loads(ok(run_cli("list", "--json")))[0]["id"]


def test_start_with_an_unfinished_session_can_continue_it(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped = stopped_session(monkeypatch)
    lines = ["1", "6", *EN_LINES_BEFORE_COMMITMENTS[3:], "Call at 7pm", "", "", "", "8"]
    out = ok(run_cli("start", "--lang", "en", input=feed(lines)))
    assert "Your session of 2026-12-01 is not finished yet (2 answers saved)." in out
    assert "Welcome back." in out
    assert [p.stem for p in journal_paths(isolated_home)] == [stopped]  # no new session
    journal = only_journal(isolated_home)
    assert journal["status"] == "complete" and "left_at" not in journal


def test_the_offer_to_continue_names_the_unfinished_sessions_id(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped = stopped_session(monkeypatch)
    out = run_cli("start", "--lang", "en", input="").stdout
    assert f"'trustcoach resume {stopped}' can still continue it" in out
    assert "resume ID" not in out
    ja = run_cli("start", "--lang", "ja", input="").stdout
    assert f"trustcoach resume {stopped} で再開することもできます" in ja


def test_start_with_an_unfinished_session_can_leave_it(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped = stopped_session(monkeypatch)
    before = read_journal(journal_paths(isolated_home)[0])
    monkeypatch.setenv("TRUSTCOACH_NOW", WEEK_LATER)
    result = run_cli("start", "--lang", "en", input="2\nAlex\n")
    assert result.exit_code == 130
    assert f"Session {stopped} was left unfinished; 'trustcoach resume {stopped}'" in result.stdout
    old = read_journal(journal_paths(isolated_home)[0])
    assert old["answers"] == before["answers"] and old["status"] == "in_progress"
    assert str(old["left_at"]).startswith("2026-12-08")
    listing = ok(run_cli("list"))
    row = next(line for line in listing.splitlines() if stopped in line)
    assert row.split() == ["2026-12-01", "left", "unfinished", stopped] and "0/0" not in row
    assert len(row) <= 60
    rows = json.loads(ok(run_cli("list", "--json")))
    assert [r["left"] for r in rows] == [False, True]
    # the newer unfinished one is offered next time, not the one that was left
    again = run_cli("start", "--lang", "en", input="")
    assert "Your session of 2026-12-08" in again.stdout
    # and a left session can still be resumed by its id
    resumed = run_cli("resume", stopped, input="6\n")
    assert "Welcome back." in resumed.stdout
    assert "left_at" not in read_journal(journal_paths(isolated_home)[0])


def test_an_unattended_start_leaves_an_unfinished_session_and_says_so(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped = stopped_session(monkeypatch)
    monkeypatch.setenv("TRUSTCOACH_NOW", WEEK_LATER)
    out = ok(run_cli("start", "--answers", str(write_answers(tmp_path, EN_ANSWERS))))
    assert f"Session {stopped} was left unfinished" in out
    assert f"2026-12-01  left unfinished         {stopped}" in ok(run_cli("list"))
    progress = ok(run_cli("progress"))
    assert "2026-12-01  left unfinished" in progress


@pytest.mark.parametrize("bad", ["invalid", "missing"])
def test_an_unattended_start_with_a_bad_file_leaves_nothing_behind(
    bad: str, isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is written unless every answer is valid: the unfinished session is not even
    marked as left (it is still offered to continue, and not listed as left)."""
    stopped = stopped_session(monkeypatch)
    before = journal_paths(isolated_home)[0].read_bytes()
    monkeypatch.setenv("TRUSTCOACH_NOW", WEEK_LATER)
    answers = write_answers(tmp_path, {**EN_ANSWERS, "self_trust": 11})
    result = run_cli("start", "--answers", str(answers if bad == "invalid" else tmp_path / "no"))
    assert result.exit_code == 1
    assert "left unfinished" not in result.stdout + result.stderr
    assert [p.stem for p in journal_paths(isolated_home)] == [stopped]
    assert journal_paths(isolated_home)[0].read_bytes() == before
    assert [r["left"] for r in json.loads(ok(run_cli("list", "--json")))] == [False]


# ---------------------------------------------------------------------------------------------
# Remembering, and journals written before
# ---------------------------------------------------------------------------------------------


def test_the_partners_term_defaults_to_the_last_sessions(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_session(tmp_path, monkeypatch, partner="Robin")
    answers = {key: value for key, value in EN_ANSWERS.items() if key != "partner"}
    reviews = {
        f"{json.loads(ok(run_cli('list', '--json')))[0]['id']}/c{n}": "kept" for n in (1, 2, 3)
    }
    second = start_unattended(tmp_path, monkeypatch, WEEK_LATER, answers, reviews=reviews)
    journal = read_journal(next(p for p in journal_paths(isolated_home) if p.stem == second))
    assert journal["answers"][0]["value"] == "Robin"
    assert "Robin" in next(
        a["prompt"] for a in journal["answers"] if a["question"] == "partner_trust"
    )


def test_journals_written_before_still_read_show_and_count(isolated_home: Path) -> None:
    folder = isolated_home / "journals"
    folder.mkdir(parents=True)
    for path in sorted((REPO / "tests" / "data" / "journals-279af0b").glob("*.toml")):
        shutil.copy(path, folder / path.name)
    for path in journal_paths(isolated_home):
        assert ok(run_cli("show", path.stem))
    data = json.loads(ok(run_cli("progress", "--json")))
    assert data["commitments"]["made"] > 0  # the old commitments count as made to the partner
    assert data["self_commitments"]["made"] == 0
    assert all(s["beliefs"]["myth-never"] == {"start": None, "end": None} for s in data["sessions"])
    assert "Strength of keeping your word to your partner" in ok(run_cli("progress"))
