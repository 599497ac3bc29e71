"""The totals over every row of the index (commitments made and kept, first-review outcomes,
commitments still open), kept as one JSON value beside the rows.

The totals are computed only by ``history.build_history``; this is a cache of its result, so
that looking back over 10,000 sessions reads one value instead of every commitment and review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustcoach.journal.history import CommitmentRow, History, ReviewRow, SessionRow, build_history

if TYPE_CHECKING:
    import sqlite3

_Summary = tuple[
    dict[str, int], dict[str, int], dict[str, list[str]], list[CommitmentRow], dict[str, int]
]


def all_rows(db: sqlite3.Connection) -> History:
    """Every row of the index, with the totals computed from them (by ``build_history``)."""
    return build_history(
        list(map(SessionRow._make, db.execute("SELECT * FROM sessions ORDER BY id"))),
        list(map(CommitmentRow._make, db.execute("SELECT * FROM commitments"))),
        list(map(ReviewRow._make, db.execute("SELECT * FROM reviews"))),
    )


def totals_of(history: History) -> _Summary:
    return history.made, history.kept, history.outcomes, history.open, history.made_toward


def store_summary(db: sqlite3.Connection) -> None:
    """Keep the totals over every row as JSON (inside the caller's transaction).

    The totals are computed only by ``build_history``; this is a cache of its result, so that
    looking back over 10,000 sessions reads one value instead of every commitment and review.
    """
    import json

    made, kept, outcomes, still_open, made_toward = totals_of(all_rows(db))
    summary = {
        "made": made,
        "kept": kept,
        "outcomes": outcomes,
        "open": still_open,
        "made_toward": made_toward,
    }
    db.execute(
        "INSERT OR REPLACE INTO meta VALUES ('summary', ?)",
        (json.dumps(summary, ensure_ascii=False),),
    )


def read_summary(db: sqlite3.Connection) -> _Summary | None:
    """The stored totals, or None when they are missing or not in the expected shape."""
    import json

    row = db.execute("SELECT value FROM meta WHERE key = 'summary'").fetchone()
    if row is None:
        return None
    try:
        data = json.loads(row[0])
        made, kept, outcomes = data["made"], data["kept"], data["outcomes"]
        made_toward = data["made_toward"]
        still_open = [
            CommitmentRow(*item)
            for item in data["open"]
            if type(item) is list
            and len(item) == len(CommitmentRow._fields)
            and all(type(v) is str for v in item)
        ]
        if len(still_open) != len(data["open"]):
            return None
    except (TypeError, ValueError, KeyError):
        return None
    counts_ok = all(
        isinstance(counts, dict) and all(type(n) is int for n in counts.values())
        for counts in (made, kept, made_toward)
    )
    outcomes_ok = isinstance(outcomes, dict) and all(
        isinstance(found, list) and all(type(o) is str for o in found)
        for found in outcomes.values()
    )
    if not counts_ok or not outcomes_ok:
        return None
    return made, kept, outcomes, still_open, made_toward
