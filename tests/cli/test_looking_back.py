"""Looking back over many sessions: list, show, progress and the home screen, and how they stay
right when journals or the index change behind their back.

A history of four weekly sessions (en, ja, en, ja) is made once through ``start --answers`` with
a simulated clock, reviews of every due commitment included (the ``history`` fixture of
tests/cli/conftest.py), and copied into each test's home. Every view is then compared, field by
field, with what was entered.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.support.clocks import JST
from tests.support.histories import (
    ESC,
    OUTCOME_LABELS,
    Planned,
    expected_reviews,
    planned_history,
    promise_to_self,
    review_text,
    run_planned,
    shown,
    text_answers,
)
from tests.support.journals import journal_path, list_json, read_journal, to_partner
from tests.support.packs import PACKS, STEP_TITLES
from tests.support.runner import ok, run_cli

# Counts by hand from the plan (histories.planned_history).
# S1 (2 made): c1 kept, c2 partly.  S2 (3 made): c1 not kept, c2 kept, c3 partly.
# S3 (2 made): c1 kept, c2 open (due 12-17).  S4 (1 made): c1 open (due 12-03).
# Each session also makes a promise to oneself (c1, due after the history ends).
EXPECTED_KEPT = [1, 1, 1, 0]
EXPECTED_MADE = [3, 4, 3, 2]
EXPECTED_REVIEWED = [2, 3, 1, 0]
# The "kept" cells of `list`: kept/reviewed, +N not reviewed yet (each session's promise to
# oneself is due after the history ends), and never a zero for S4, whose commitments have not
# been looked back at.
EXPECTED_KEPT_CELLS = ["1/2 +1", "1/3 +1", "1/1 +2", "not yet"]


def strength_by_hand() -> tuple[float, list[float]]:
    """journal/history.py's rule, applied by hand to the reviews in the order they were recorded."""
    s = 0.0
    steps = []
    s = s + 0.25 * (1 - s)  # S2 reviews S1/c1: kept            -> 0.25
    steps.append(s)
    s = s + 0.125 * (1 - s)  # S2 reviews S1/c2: partly        -> 0.34375
    steps.append(s)
    s = s * 0.9  # S3 reviews S2/c1: not kept                   -> 0.309375
    steps.append(s)
    s = s + 0.25 * (1 - s)  # S3 reviews S2/c2: kept            -> 0.48203125
    steps.append(s)
    s = s + 0.125 * (1 - s)  # S3 reviews S2/c3: partly        -> 0.54677734375
    steps.append(s)
    s = s + 0.25 * (1 - s)  # S4 reviews S3/c1: kept            -> 0.6600830078125
    steps.append(s)
    assert s == pytest.approx(0.6600830078125)
    return s, steps


# ---------------------------------------------------------------------------------------------
# The history as stored
# ---------------------------------------------------------------------------------------------


def test_each_journal_holds_what_was_entered_and_its_reviews(
    history: list[Planned], isolated_home: Path
) -> None:
    for plan in history:
        journal = read_journal(journal_path(isolated_home, plan.id))
        assert journal["lang"] == plan.lang
        assert journal["started_at"] == plan.when
        values = {a["question"]: a["value"] for a in journal["answers"]}
        for question, value in plan.answers.items():
            if question not in ("commitments", "self_promise_small"):
                assert values[question] == value, question
        assert values["commitments"] == plan.texts
        assert values["self_promise_small"] == [promise_to_self(plan.lang, plan.tag)]
        assert [(c["text"], c["due"]) for c in to_partner(journal["commitments"])] == list(
            zip(plan.texts, plan.dues, strict=True)
        )
        stored = [
            (r["session"], r["commitment"], r["outcome"], r["note"])
            for r in journal.get("reviews", [])
        ]
        assert stored == expected_reviews(plan, history)
        for review in journal.get("reviews", []):
            number = next(i for i, p in enumerate(history) if p.id == review["session"])
            assert review["text"] == review_text(plan, history, number, review["commitment"])
            assert review["reviewed_at"] == plan.when


# ---------------------------------------------------------------------------------------------
# list
# ---------------------------------------------------------------------------------------------


def expected_list_rows(sessions: list[Planned]) -> list[dict[str, Any]]:
    rows = [
        {
            "id": plan.id,
            "date": plan.day.isoformat(),
            "status": "complete",
            "self_trust": plan.self_trust,
            "partner_trust": plan.partner_trust,
            "commitments_made": made,
            "commitments_kept": kept,
            "commitments_reviewed": reviewed,
            "left": False,
        }
        for plan, made, kept, reviewed in zip(
            sessions, EXPECTED_MADE, EXPECTED_KEPT, EXPECTED_REVIEWED, strict=True
        )
    ]
    return rows[::-1]


def test_list_json_rows_newest_first_field_by_field(history: list[Planned]) -> None:
    rows = json.loads(ok(run_cli("list", "--json")))
    assert rows == expected_list_rows(history)


def test_list_text_rows_newest_first_field_by_field(history: list[Planned]) -> None:
    lines = ok(run_cli("list")).splitlines()
    assert lines[0].split() == ["date", "self", "partner", "kept", "session"]
    assert all(len(line) <= 60 for line in lines)
    body = [line.split() for line in lines[1 : lines.index("")]]
    expected = [
        [row["date"], str(row["self_trust"]), str(row["partner_trust"]), *cell.split(), row["id"]]
        for row, cell in zip(
            expected_list_rows(history), EXPECTED_KEPT_CELLS[::-1], strict=True
        )
    ]
    assert body == expected
    assert lines[-1] == "kept: kept/reviewed; +N or 'not yet': not reviewed yet"


def test_list_with_no_sessions_says_how_to_begin(isolated_home: Path) -> None:
    out = ok(run_cli("list"))
    assert "No sessions yet" in out and "trustcoach start" in out
    assert json.loads(ok(run_cli("list", "--json"))) == []


# ---------------------------------------------------------------------------------------------
# show
# ---------------------------------------------------------------------------------------------


def assert_show(out: str, plan: Planned, sessions: list[Planned]) -> None:
    lang = plan.lang
    assert ESC not in out
    assert plan.id in out.splitlines()[0]
    for question, value in text_answers(lang, plan.tag).items():
        for line in shown(value).split("\n"):
            assert out.count(line) == 1, (question, line)
    for title in STEP_TITLES[lang]:
        assert f"## {title}" in out
    assert f"  1. {shown(promise_to_self(lang, plan.tag))}" in out
    for number, text in enumerate(plan.texts, start=2):
        due = plan.dues[number - 2].isoformat()
        suffix = f"（期日 {due}" if lang == "ja" else f" (due {due}"  # a check may follow
        assert f"  {number}. {shown(text)}{suffix}" in out
    labels = OUTCOME_LABELS[lang]
    for session_id, cid, outcome, note in expected_reviews(plan, sessions):
        number = next(i for i, p in enumerate(sessions) if p.id == session_id)
        text = review_text(plan, sessions, number, cid)
        if lang == "ja":
            line = f"  - {text}：{labels[outcome]}" + (f"（{shown(note)}）" if note else "")
        else:
            line = f"  - {text} — {labels[outcome]}" + (f": {shown(note)}" if note else "")
        assert line in out.split("\n")
    if lang == "ja":
        for heading in ("開始：", "終了：", "状態：完了", "## 約束"):
            assert heading in out
        if plan.reviews:
            assert "## 前回までの約束の振り返り" in out
        for english in ("Started", "Status", "Commitments", "Looking back", "partly kept", "due "):
            assert english not in out
        assert PACK_CHOICE["ja"] in out
    else:
        for heading in ("Started:", "Finished:", "Status: complete", "## Commitments"):
            assert heading in out
        if plan.reviews:
            assert "## Looking back at earlier commitments" in out
        assert PACK_CHOICE["en"] in out
        for japanese in ("開始", "約束", "完了"):
            assert japanese not in out


# The label of the "gifts" choice of gestures in each pack: a choice is shown by its label.
PACK_CHOICE = {
    lang: next(
        c["label"]
        for step in pack["steps"]
        for q in step["questions"]
        if q["id"] == "gestures"
        for c in q["choices"]
        if c["value"] == "gifts"
    )
    for lang, pack in PACKS.items()
}


def test_show_each_session_by_id_in_its_language(history: list[Planned]) -> None:
    for plan in history:
        assert_show(ok(run_cli("show", plan.id)), plan, history)


def test_show_by_unique_prefix_and_latest(history: list[Planned]) -> None:
    s2 = history[1]
    by_prefix = ok(run_cli("show", s2.id[:8]))  # the date alone is unique here
    assert by_prefix == ok(run_cli("show", s2.id))
    assert_show(by_prefix, s2, history)
    latest = ok(run_cli("show", "latest"))
    assert_show(latest, history[-1], history)
    ambiguous = run_cli("show", "2026")
    assert ambiguous.exit_code != 0
    assert "matches 4 sessions" in ambiguous.stderr
    assert len(ambiguous.stderr.strip().splitlines()) == 1


def test_latest_passes_over_files_that_are_not_sessions(
    history: list[Planned], isolated_home: Path
) -> None:
    """Names that sort after every session id (notes, a bad id, leftovers) are not 'latest',
    even when there are more of them than the quick look at the largest names covers."""
    folder = isolated_home / "journals"
    strays = ["notes.toml", "zzz.toml", "99991231-235959-zzzz.toml", "99991231-235959-abcd.txt"]
    strays += [f"~draft-{n}.toml" for n in range(12)]
    for name in strays:
        (folder / name).write_text('id = "not a session"\n', "utf-8")
    assert_show(ok(run_cli("show", "latest")), history[-1], history)
    for name in strays:
        (folder / name).unlink()
    (folder / f"{history[-1].id}.toml").unlink()
    assert_show(ok(run_cli("show", "latest")), history[-2], history)


# ---------------------------------------------------------------------------------------------
# progress
# ---------------------------------------------------------------------------------------------


def bar(value: int) -> str:
    return "█" * value + "·" * (10 - value) + f" {value:>3}"


def test_progress_json_counts_and_strength_by_hand(history: list[Planned]) -> None:
    data = json.loads(ok(run_cli("progress", "--json")))
    beliefs = {  # as histories.history_answers gives them
        "myth-never": {"start": 60, "end": 40},
        "myth-words": {"start": 80, "end": 70},
        "myth-others": {"start": 20, "end": 10},
    }
    expected = [
        {**{key: value for key, value in row.items() if key != "status"}, "beliefs": beliefs}
        for row in expected_list_rows(history)[::-1]  # oldest first
    ]
    assert data["sessions"] == expected
    assert data["commitments"] == {"made": 8, "kept": 3, "partly": 2, "not_kept": 1, "open": 2}
    # the promises to oneself are counted apart, by the same rule (none is reviewed yet)
    assert data["self_commitments"] == {"made": 4, "kept": 0, "partly": 0, "not_kept": 0, "open": 4}
    # not reviewed yet: not measured, which is not a zero
    assert data["self_strength"] is None and data["self_strength_history"] == []
    strength, steps = strength_by_hand()
    assert data["strength"] == round(strength * 100) == 66
    assert data["strength_history"] == [round(s * 100) for s in steps] == [25, 34, 31, 48, 55, 66]


def test_progress_text_rows_ledger_and_trend(history: list[Planned]) -> None:
    out = ok(run_cli("progress"))
    lines = out.splitlines()
    for plan in history:
        row = f"{plan.day.isoformat()}  {bar(plan.self_trust)}  {bar(plan.partner_trust)}"
        assert row in lines, row
    rows = [line for line in lines if re.match(r"\d{4}-\d\d-\d\d  [█·]", line)]
    assert [r[:10] for r in rows] == [p.day.isoformat() for p in history]  # oldest first
    assert "Commitments to your partner: 8 made, 6 reviewed:" in lines
    assert "  3 kept, 2 partly kept, 1 not kept" in lines
    assert "Strength of keeping your word to your partner: 66 / 100" in lines
    assert "Promises to yourself: 4 made, none reviewed yet" in lines
    assert "Strength of keeping your word to yourself: not measured yet" in lines
    beliefs = lines.index("Beliefs, 0 to 100 (at the start → at the end of each step)")
    assert lines[beliefs + 3].split() == [
        history[0].day.isoformat(),
        *["60", "→", "40", "80", "→", "70", "20", "→", "10"],
    ]
    assert "Trend over 4 sessions, oldest to newest" in lines
    assert "not shown" not in out
    # The trend shows every rating as a number, so that one point of change is visible.
    # (beside names as wide as the longer of them: "partner" is said in full under the table)
    assert "  self-trust 3 → 4 → 5 → 6" in lines
    assert "  partner    2 → 3 → 4 → 5" in lines
    assert "The partner column is your own estimate of your partner's trust." in lines
    assert "  after each review: 25 → 34 → 31 → 48 → 55 → 66" in lines


def test_progress_with_no_sessions_is_a_friendly_sentence(isolated_home: Path) -> None:
    out = ok(run_cli("progress")).strip()
    assert len(out.splitlines()) == 1
    assert out.startswith("No sessions yet") and "trustcoach start" in out
    data = json.loads(ok(run_cli("progress", "--json")))
    assert data["sessions"] == []
    # nothing reviewed yet: the strength is not measured, which is not a zero
    assert data["commitments"]["made"] == 0 and data["strength"] is None


def test_progress_with_one_session(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = planned_history()[0]
    with pytest.MonkeyPatch.context() as mp:
        plan.id = run_planned(plan, [plan], tmp_path, mp)
    out = ok(run_cli("progress"))
    assert f"{plan.day.isoformat()}  {bar(3)}  {bar(2)}" in out.splitlines()
    assert "Trend over" not in out  # one point is not a trend
    # Nothing is reviewed yet: said as such, never as zeros.
    assert "Commitments to your partner: 2 made, none reviewed yet" in out
    assert "Promises to yourself: 1 made, none reviewed yet" in out
    assert "0 kept" not in out and "0 / 100" not in out
    assert "Strength of keeping your word to your partner: not measured yet" in out
    assert "Strength of keeping your word to yourself: not measured yet" in out
    data = json.loads(ok(run_cli("progress", "--json")))
    assert [s["id"] for s in data["sessions"]] == [plan.id]
    assert data["commitments"]["open"] == 2
    assert data["strength"] is None


JOURNAL_TEMPLATE = """schema_version = 1
id = "{id}"
pack = "trust-repair"
pack_version = "1.0.0"
lang = "{lang}"
status = "complete"
started_at = {at}
updated_at = {at}
finished_at = {at}

[[answers]]
step = "self"
question = "self_trust"
kind = "rating"
prompt = "How much do you trust your own word today?"
value = {self_trust}
answered_at = {at}

[[answers]]
step = "myth-never"
question = "partner_trust"
kind = "rating"
prompt = "How much do you think your partner trusts you today?"
value = {partner_trust}
answered_at = {at}

[[commitments]]
id = "c1"
question = "commitments"
text = "Commitment {number}"
due = {due}
"""


def write_many_journals(home: Path, count: int) -> list[tuple[str, str, int, int]]:
    """``count`` journals written directly, a day apart: (id, date, self, partner)."""
    folder = home / "journals"
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    start = datetime(2026, 1, 1, 9, 0, tzinfo=JST)
    for number in range(count):
        moment = start + timedelta(days=number)
        session_id = f"{moment:%Y%m%d-%H%M%S}-{number:04x}"
        self_trust, partner_trust = 1 + number % 10, 1 + (number * 3) % 10
        text = JOURNAL_TEMPLATE.format(
            id=session_id,
            lang="ja" if number % 2 else "en",
            at=moment.isoformat(),
            self_trust=self_trust,
            partner_trust=partner_trust,
            number=number,
            due=(moment + timedelta(days=7)).date().isoformat(),
        )
        (folder / f"{session_id}.toml").write_text(text, "utf-8")
        made.append((session_id, moment.date().isoformat(), self_trust, partner_trust))
    return made


def test_progress_with_150_sessions_stays_bounded(isolated_home: Path) -> None:
    made = write_many_journals(isolated_home, 150)
    out = ok(run_cli("progress"))
    rows = [line for line in out.splitlines() if re.match(r"\d{4}-\d\d-\d\d  ", line)]
    assert len(rows) == 20
    assert rows == [f"{day}  {bar(s)}  {bar(p)}" for _, day, s, p in made[-20:]]
    assert "(130 earlier sessions not shown; --all shows every one)" in out
    assert len(out.splitlines()) < 45  # with at most 5 open commitments, then "and N more"
    assert "and 145 more" in out
    assert "Trend over 150 sessions, oldest to newest" in out
    assert "Commitments to your partner: 150 made, none reviewed yet" in out
    # The sparklines stay within the width of a terminal.
    assert max(len(line) for line in out.splitlines()) <= 80

    everything = ok(run_cli("progress", "--all"))
    rows_all = [line for line in everything.splitlines() if re.match(r"\d{4}-\d\d-\d\d  ", line)]
    assert rows_all == [f"{day}  {bar(s)}  {bar(p)}" for _, day, s, p in made]
    assert "not shown" not in everything

    data = json.loads(ok(run_cli("progress", "--json")))
    assert [s["id"] for s in data["sessions"]] == [m[0] for m in made]
    listed = json.loads(ok(run_cli("list", "--json")))
    assert [row["id"] for row in listed] == [m[0] for m in reversed(made)]


# ---------------------------------------------------------------------------------------------
# The home screen
# ---------------------------------------------------------------------------------------------


def test_home_screen_with_no_sessions(isolated_home: Path) -> None:
    out = ok(run_cli())
    assert "No sessions yet" in out and "trustcoach start" in out
    assert "--lang ja" in out


def test_home_screen_shows_last_session_and_open_commitments(history: list[Planned]) -> None:
    out = ok(run_cli())
    lines = out.splitlines()
    last = history[-1]
    assert f"Last session: {last.day.isoformat()} (complete, {last.id})" in lines
    ratings = f"  self-trust {last.self_trust} / 10, partner's trust {last.partner_trust} / 10"
    assert ratings in lines
    # Open: S3/c2 (due 12-17, not yet due), S4/c1 (due 12-03, today), and the four promises
    # to oneself (due 2027-03-01).
    assert "Open commitments: 6, of which 1 due for review" in lines
    assert f"  - {history[2].texts[1]} (by 2026-12-17)" in lines
    assert f"  - {history[3].texts[0]} (due 2026-12-03, time to review)" in lines
    reviewed = [text for plan in history[:2] for text in plan.texts] + [history[2].texts[0]]
    for text in reviewed:
        assert text not in out
    assert "trustcoach start" in out
    assert "trustcoach resume" not in out  # nothing unfinished


def test_home_screen_offers_resume_of_an_unfinished_session(
    history: list[Planned], isolated_home: Path
) -> None:
    # A new session: decline the not-yet-due review, review S4/c1, answer one question, stop.
    stopped = run_cli("start", "--lang", "en", input="\n1\nall good\nRobin\n")
    assert stopped.exit_code == 130
    assert "trustcoach resume" in stopped.stderr + stopped.stdout
    out = ok(run_cli())
    assert "(unfinished, " in out
    assert "Continue the last session:  trustcoach resume" in out
    # The review given in the unfinished session already counts.
    assert "Open commitments: 5, of which 0 due for review" in out
    assert history[3].texts[0] not in out


def test_home_screen_never_hides_a_due_commitment_silently(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Planned(
        "H1",
        "en",
        datetime(2026, 11, 1, 10, 0, tzinfo=JST),
        3,
        2,
        [("H1 first due", None), ("H1 second due", None), ("H1 third due", None)],
    )
    second = Planned(
        "H2",
        "en",
        datetime(2026, 11, 2, 10, 0, tzinfo=JST),
        4,
        3,
        [(f"H2 later {n}", date(2026, 12, 1)) for n in (1, 2, 3)],
    )
    with pytest.MonkeyPatch.context() as mp:
        for plan in (first, second):  # on 11-02 nothing of the first is due yet
            plan.id = run_planned(plan, [first, second], tmp_path, mp)
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-11-10T09:00:00+09:00")
    out = ok(run_cli())
    assert "Open commitments: 8, of which 3 due for review" in out  # with two promises to oneself
    hidden = [text for text in first.texts if text not in out]
    assert not hidden or re.search(r"\b\d+ more\b", out), hidden
    # Eight open, at most five listed: the soonest due first, and the rest counted.
    assert hidden == []
    assert re.search(r"\b3 more\b", out)


# ---------------------------------------------------------------------------------------------
# Unreadable journals and the index
# ---------------------------------------------------------------------------------------------

BROKEN_ID = "20261101-100000-abcd"
BROKEN = b'schema_version = 1\nid = "20261101-100000-abcd\nstatus = complete\n'


def test_unreadable_journal_is_listed_with_its_reason_and_left_alone(
    history: list[Planned], isolated_home: Path
) -> None:
    broken = journal_path(isolated_home, BROKEN_ID)
    broken.write_bytes(BROKEN)
    os.utime(broken, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    stamp = broken.stat().st_mtime_ns

    lines = ok(run_cli("list")).splitlines()
    number = next(n for n, line in enumerate(lines) if BROKEN_ID in line)
    row, reason = lines[number : number + 2]
    assert row.split() == ["?", BROKEN_ID]
    assert reason.startswith("  unreadable: ")  # the reason, on the line below
    assert "not valid TOML" in reason and "line 2" in reason
    assert lines[lines.index("") - 1] == reason  # the oldest id sorts last (before the legend)
    rows = json.loads(ok(run_cli("list", "--json")))
    assert rows[:4] == expected_list_rows(history)
    assert rows[4]["id"] == BROKEN_ID and rows[4]["status"] == "unreadable"
    assert "not valid TOML" in rows[4]["problem"]

    data = json.loads(ok(run_cli("progress", "--json")))
    assert data["strength"] == 66 and len(data["sessions"]) == 4
    assert "Strength of keeping your word to your partner: 66 / 100" in ok(run_cli("progress"))
    assert history[-1].id in ok(run_cli())
    assert_show(ok(run_cli("show", "latest")), history[-1], history)

    shown_broken = run_cli("show", BROKEN_ID)
    assert shown_broken.exit_code != 0
    assert BROKEN_ID in shown_broken.stderr and "left unchanged" in shown_broken.stderr
    assert "Traceback" not in shown_broken.stderr
    assert broken.read_bytes() == BROKEN
    assert broken.stat().st_mtime_ns == stamp


def test_journal_with_wrong_fields_is_unreadable_with_the_field_named(
    history: list[Planned], isolated_home: Path
) -> None:
    good = journal_path(isolated_home, history[0].id).read_text("utf-8")
    bad = good.replace(history[0].id, BROKEN_ID).replace('status = "complete"', "status = 7")
    journal_path(isolated_home, BROKEN_ID).write_text(bad, "utf-8")
    rows = json.loads(ok(run_cli("list", "--json")))
    problem = next(row["problem"] for row in rows if row["id"] == BROKEN_ID)
    assert "status" in problem
    assert len(json.loads(ok(run_cli("progress", "--json")))["sessions"]) == 4


def test_list_is_right_after_the_index_is_deleted(
    history: list[Planned], isolated_home: Path
) -> None:
    index = isolated_home / "index.sqlite3"
    assert index.exists()  # the copied history came with its index
    index.unlink()
    assert list_json() == expected_list_rows(history)
    assert index.read_bytes().startswith(b"SQLite format 3\x00")


def test_list_is_right_after_the_index_is_garbage(
    history: list[Planned], isolated_home: Path
) -> None:
    index = isolated_home / "index.sqlite3"
    index.write_bytes(b"this is not a database\x00" * 500)
    assert list_json() == expected_list_rows(history)
    assert json.loads(ok(run_cli("progress", "--json")))["strength"] == 66
    assert index.read_bytes().startswith(b"SQLite format 3\x00")  # rebuilt


OPEN_AS_TEXT = "the real summary, each open commitment replaced by four characters"


@pytest.mark.parametrize(
    "summary",
    [
        None,
        "not json at all",
        '{"made": [], "kept": {}, "outcomes": [], "open": []}',
        "[]",
        OPEN_AS_TEXT,
    ],
    ids=["removed", "garbage", "wrong-shape", "a-list", "open-as-text"],
)
def test_looking_back_is_right_when_the_index_summary_is_missing_or_damaged(
    history: list[Planned], isolated_home: Path, summary: str | None
) -> None:
    """The index keeps its totals as one JSON summary; without a usable one, the totals are
    added up again from the rows, never shown wrong."""
    import sqlite3

    before = ok(run_cli("progress", "--json"))
    home_screen = ok(run_cli())
    assert list_json() == expected_list_rows(history)
    with contextlib.closing(sqlite3.connect(isolated_home / "index.sqlite3")) as db, db:
        if summary is None:
            db.execute("DELETE FROM meta WHERE key = 'summary'")
        else:
            if summary == OPEN_AS_TEXT:
                (stored,) = db.execute("SELECT value FROM meta WHERE key = 'summary'").fetchone()
                data = json.loads(stored)
                assert data["open"]  # the last session's commitments are still open
                # four characters unpack like four fields: a check by length alone would pass
                summary = json.dumps({**data, "open": [f"{c[1]:.<4}"[:4] for c in data["open"]]})
            db.execute("UPDATE meta SET value = ? WHERE key = 'summary'", (summary,))
        assert db.total_changes == 1  # the summary was there to damage
    assert ok(run_cli("progress", "--json")) == before
    assert json.loads(before)["strength"] == 66
    assert ok(run_cli()) == home_screen
    assert list_json() == expected_list_rows(history)


def edit_rating(path: Path, question: str, new: int) -> None:
    text = path.read_text("utf-8")
    pattern = re.compile(rf'(question = "{question}"\nkind = "rating"\nprompt = .*\nvalue = )\d+')
    edited, count = pattern.subn(rf"\g<1>{new}", text)
    assert count == 1
    path.write_text(edited, "utf-8")


def test_list_follows_a_journal_edited_behind_the_index(
    history: list[Planned], isolated_home: Path
) -> None:
    assert list_json() == expected_list_rows(history)  # the index is now warm
    path = journal_path(isolated_home, history[1].id)
    stamp = path.stat().st_mtime_ns
    edit_rating(path, "self_trust", 9)  # 4 -> 9: the same size, only the time differs
    if path.stat().st_mtime_ns == stamp:  # a file system with coarse times: a moment later
        os.utime(path, ns=(stamp + 2_000_000_000, stamp + 2_000_000_000))
    expected = expected_list_rows(history)
    expected[2]["self_trust"] = 9  # newest first: S2 is the third row
    assert list_json() == expected
    edit_rating(path, "partner_trust", 10)  # 3 -> 10: the size changes
    expected[2]["partner_trust"] = 10
    assert list_json() == expected
    assert f"{history[1].day.isoformat()}  {bar(9)}  {bar(10)}" in ok(run_cli("progress"))


def test_journal_removed_behind_the_index_disappears_from_list(
    history: list[Planned], isolated_home: Path
) -> None:
    assert len(list_json()) == 4
    journal_path(isolated_home, history[0].id).unlink()
    rows = list_json()
    assert [row["id"] for row in rows] == [p.id for p in reversed(history[1:])]
    # S1's commitments are gone with it; S2's reviews of them no longer count.
    data = json.loads(ok(run_cli("progress", "--json")))
    assert data["commitments"]["made"] == 6


def test_journal_broken_and_mended_behind_the_index(
    history: list[Planned], isolated_home: Path
) -> None:
    assert list_json() == expected_list_rows(history)
    path = journal_path(isolated_home, history[2].id)
    good = path.read_bytes()
    path.write_bytes(good.replace(b"schema_version = 2", b"schema_version = 99"))
    rows = list_json()
    broken = next(row for row in rows if row["id"] == history[2].id)
    assert broken["status"] == "unreadable"
    assert "newer trustcoach" in broken["problem"]
    # Its commitments are gone from the ledger while it cannot be read.
    assert json.loads(ok(run_cli("progress", "--json")))["commitments"]["made"] == 6
    path.write_bytes(good)
    assert list_json() == expected_list_rows(history)
    assert json.loads(ok(run_cli("progress", "--json")))["strength"] == 66


def test_an_index_kept_by_a_trustcoach_that_read_only_version_1_is_built_again(
    history: list[Planned], isolated_home: Path
) -> None:
    """That trustcoach held a journal of version 2 as written by a newer one, keyed on the
    file's name, size and time, which do not change when trustcoach is updated."""
    import sqlite3

    from trustcoach.catalog.say import Message, message_json

    assert list_json() == expected_list_rows(history)
    newer = message_json(Message("journal_newer_schema", {"version": 2}))
    with contextlib.closing(sqlite3.connect(isolated_home / "index.sqlite3")) as db, db:
        db.execute("UPDATE files SET problem = ? WHERE id = ?", (newer, history[2].id))
        db.execute("DELETE FROM sessions WHERE id = ?", (history[2].id,))
        db.execute("PRAGMA user_version = 7")
    assert list_json() == expected_list_rows(history)


# ---------------------------------------------------------------------------------------------
# The strength rule respects the order of outcomes
# ---------------------------------------------------------------------------------------------


def write_journal(
    home: Path,
    session_id: str,
    at: datetime,
    commitments: list[dict[str, Any]],
    reviews: list[dict[str, Any]],
) -> None:
    folder = home / "journals"
    folder.mkdir(parents=True, exist_ok=True)
    rating = {"step": "self", "kind": "rating", "answered_at": at, "skipped": False}
    data = {
        "schema_version": 1,
        "id": session_id,
        "pack": "trust-repair",
        "pack_version": "1.0.0",
        "lang": "en",
        "status": "complete",
        "started_at": at,
        "updated_at": at,
        "finished_at": at,
        "answers": [
            {**rating, "question": "self_trust", "prompt": "Self?", "value": 5},
            {**rating, "question": "partner_trust", "prompt": "Partner?", "value": 5},
        ],
        "commitments": commitments,
        "reviews": reviews,
    }
    (folder / f"{session_id}.toml").write_text(tomli_w.dumps(data), "utf-8")


def strength_after(home: Path, last_outcome: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Seven commitments kept, then the eighth with ``last_outcome``: the strength shown."""
    first, second = "20260101-100000-aaaa", "20260108-100000-bbbb"
    made_at = datetime(2026, 1, 1, 10, 0, tzinfo=JST)
    reviewed_at = made_at + timedelta(days=7)
    commitments = [
        {"id": f"c{n}", "question": "commitments", "text": f"Do {n}", "due": date(2026, 1, 8)}
        for n in range(1, 9)
    ]
    reviews = [
        {
            "session": first,
            "commitment": f"c{n}",
            "text": f"Do {n}",
            "outcome": "kept" if n < 8 else last_outcome,
            "note": "",
            "reviewed_at": reviewed_at,
        }
        for n in range(1, 9)
    ]
    write_journal(home, first, made_at, commitments, [])
    write_journal(home, second, reviewed_at, [], reviews)
    monkeypatch.setenv("TRUSTCOACH_HOME", str(home))
    data = json.loads(ok(run_cli("progress", "--json")))
    assert data["commitments"]["kept"] == 7
    return int(data["strength"])


def test_partly_kept_never_scores_below_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    partly = strength_after(tmp_path / "partly", "partly", monkeypatch)
    not_kept = strength_after(tmp_path / "not-kept", "not_kept", monkeypatch)
    assert partly >= not_kept, (partly, not_kept)
