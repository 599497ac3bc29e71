"""The document of a session: what a reader sees of each commitment."""

from __future__ import annotations

from datetime import date

import pytest

from trustcoach.export.build import commitment_line
from trustcoach.journal.model import Commitment


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
