"""A session at the keyboard and the same session from an answers file write the same journal:
the same answers, commitments (ids, due dates, whom they are toward, the checks kept, links to
what they carry on) and reviews (outcomes, notes, what was chosen after "not kept"). Only where
the answers come from differs, so a rule changed for one way holds for the other."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.clocks import NOW_DT
from tests.support.journals import journal_path
from tests.unit.session.test_engine import (
    DUE_DAY_EVENING,
    PACK,
    WORDS_ONLY,
    Reply,
    ScriptedUI,
    clock_at,
    earlier_rows,
    keyboard,
)
from trustcoach.journal.model import Journal
from trustcoach.journal.store import JournalStore
from trustcoach.session.engine import Session
from trustcoach.session.unattended import run_unattended

SMALLER = "One glass of water at breakfast"
# This session's own commitments: one kept through its check, one due in three days.
ANSWERS: dict[str, Any] = {**EN_ANSWERS, "commitments": [WORDS_ONLY, "Walk after dinner"]}
FILE_ANSWERS = {**ANSWERS, "commitments": [{"text": WORDS_ONLY, "due": "+3"}, "Walk after dinner"]}


def file_reviews(earlier: str) -> dict[str, Any]:
    """The reviews of the earlier session's three commitments, as an answers file gives them:
    the promise to oneself not kept and made smaller (due in two days), one kept with a note,
    one not kept and carried over as it was (due a week later, the default)."""
    return {
        f"{earlier}/c1": {
            "outcome": "not_kept",
            "note": "Forgot",
            "follow": "smaller",
            "text": SMALLER,
            "due": "+2",
        },
        f"{earlier}/c2": {"outcome": "kept", "note": "Rain, but I went"},
        f"{earlier}/c3": {"outcome": "not_kept", "follow": "carry"},
    }


# The same, typed: the promise to oneself is reviewed first, then the others in their order.
TYPED: dict[str, list[Reply]] = {
    **keyboard(ANSWERS),
    "review_outcome": ["not_kept", "kept", "not_kept"],
    "review_note": ["Forgot", "Rain, but I went", ""],
    "review_follow": ["smaller", "carry"],
    "follow_text": [SMALLER],
}
# Due dates in the order they are asked: the smaller promise, the one carried over, this
# session's promise to oneself, then its two commitments; rewrite offers: keep as typed.
DUES = ("+2", "", "", "+3", "")
REWRITES = ("",)


def without_id(journal: Journal) -> dict[str, Any]:
    data: dict[str, Any] = msgspec.to_builtins(journal)
    data.pop("id")
    return data


@pytest.fixture
def homes(isolated_home: Path, tmp_path: Path) -> tuple[JournalStore, JournalStore, Journal]:
    """Two homes that hold the same earlier session (made at the keyboard), and that session."""
    first = JournalStore(tmp_path / "keyboard")
    earlier = Session(PACK, first, clock_at(NOW_DT)).run(ScriptedUI(keyboard(EN_ANSWERS)))
    first.release_all()
    second = tmp_path / "file"
    (second / "journals").mkdir(parents=True)
    shutil.copy2(journal_path(first.home, earlier.id), journal_path(second, earlier.id))
    return JournalStore(first.home), JournalStore(second), earlier


def test_a_session_typed_and_the_same_session_from_a_file_write_the_same_journal(
    homes: tuple[JournalStore, JournalStore, Journal],
) -> None:
    typed_store, file_store, earlier = homes
    rows = earlier_rows(earlier)
    clock = clock_at(DUE_DAY_EVENING)

    ui = ScriptedUI(TYPED, rewrites=REWRITES, dues=DUES)
    typed = Session(PACK, typed_store, clock, open_commitments=rows).run(ui)
    from_file = run_unattended(
        Session(PACK, file_store, clock, open_commitments=rows),
        FILE_ANSWERS,
        file_reviews(earlier.id),
    )
    assert not ui.dues and not ui.rewrites  # every scripted reply was asked for

    # What the session holds is what both ways wrote (so that the comparison compares)
    assert [(r.commitment, r.outcome, r.note, r.follow, r.follow_text) for r in typed.reviews] == [
        ("c1", "not_kept", "Forgot", "smaller", SMALLER),
        ("c2", "kept", "Rain, but I went", None, ""),
        ("c3", "not_kept", "", "carry", ""),
    ]
    made = [(c.id, c.question, c.text, c.toward, c.flags, c.origin) for c in typed.commitments]
    assert made == [
        ("c1", "reviews", SMALLER, "self", [], rows[0].ref),
        ("c2", "reviews", rows[2].text, "partner", [], rows[2].ref),
        ("c3", "self_promise_small", EN_ANSWERS["self_promise_small"][0], "self", [], ""),
        ("c4", "commitments", WORDS_ONLY, "partner", ["only-words"], ""),
        ("c5", "commitments", "Walk after dinner", "partner", [], ""),
    ]
    day = DUE_DAY_EVENING.date()
    assert [(c.due - day).days for c in typed.commitments] == [2, 7, 7, 3, 7]

    # Field by field, then byte for byte on disk (the session ids aside)
    expected, got = without_id(typed), without_id(from_file)
    assert got.keys() == expected.keys()
    for field in expected:
        assert got[field] == expected[field], field
    typed_text = journal_path(typed_store.home, typed.id).read_text("utf-8")
    file_text = journal_path(file_store.home, from_file.id).read_text("utf-8")
    assert file_text.replace(from_file.id, typed.id) == typed_text
