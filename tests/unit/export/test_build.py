"""The document of a session (``export/build.py``): what a reader sees of each commitment, and
how answers read in it: a list one item per line, a rating with its scale."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from trustcoach.export.build import answer_text, commitment_line
from trustcoach.journal.model import Answer, Commitment

WHEN = datetime(2026, 3, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "plain", "checked"),
    [
        ("en", "Call at 7 (due 2026-12-03)", "kept as written after the check only-words"),
        ("ja", "Call at 7（期日 2026-12-03）", "この書き方のままにしました：only-words"),
    ],
)
def test_a_commitment_kept_through_a_check_says_so(lang: str, plain: str, checked: str) -> None:
    """The flags recorded when a user keeps a commitment through a misconception check are
    shown where a counselor reads it, and a commitment without flags reads plainly."""
    due = date(2026, 12, 3)
    bare = Commitment(id="c1", question="commitments", text="Call at 7", due=due)
    flagged = Commitment(
        id="c2", question="commitments", text="Call at 7", due=due, flags=["only-words"]
    )
    assert commitment_line(bare, lang) == plain
    line = commitment_line(flagged, lang)
    assert checked in line and "Call at 7" in line and "2026-12-03" in line


def answer(kind: str, value: object, shown: str = "") -> Answer:
    return Answer(
        step="commitments",
        question="commitments",
        kind=kind,
        prompt="Write one to three actions.",
        value=value,  # type: ignore[arg-type]
        answered_at=WHEN,
        shown=shown,
    )


def test_a_list_answer_is_one_item_per_line() -> None:
    items = ["Walk after dinner.", "Cook on Sunday."]
    assert answer_text(answer("list", items), None, "en") == "Walk after dinner.\nCook on Sunday."


def test_a_rating_reads_with_its_scale_as_it_was_shown() -> None:
    assert answer_text(answer("rating", 3, "3 / 10"), None, "en") == "3 / 10"
