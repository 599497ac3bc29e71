"""The strength of keeping one's word over what a report shares: the rule of
``journal.history`` (``next_strength`` through ``ledger``) run over the shared reviews only,
toward oneself and toward the partner, with the tally of their outcomes.

A review that is withheld never counts: the documents hold only shared reviews. As in
``progress``, a commitment reviewed twice counts by its first review, in the order of the
reviews (by day, then by the reviewing session).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustcoach.export.document import Strength
from trustcoach.journal.history import ReviewRow, build_history, ledger

if TYPE_CHECKING:
    from trustcoach.export.document import SharedSession

SELF, PARTNER = "self", "partner"


def keeping(sessions: list[SharedSession]) -> tuple[Strength, Strength]:
    """The strengths and tallies of the reviews these documents share: toward oneself, then
    toward the partner."""
    rows: dict[str, list[ReviewRow]] = {SELF: [], PARTNER: []}
    for doc in sessions:
        for review in doc.reviews:
            day = review.reviewed_at.date().isoformat()
            side = SELF if review.toward == SELF else PARTNER  # older journals: the partner
            row = ReviewRow(
                doc.info.id, review.session, review.commitment, review.outcome, day, side
            )
            rows[side].append(row)
    return _strength(SELF, rows[SELF]), _strength(PARTNER, rows[PARTNER])


def _strength(side: str, rows: list[ReviewRow]) -> Strength:
    found = ledger(build_history([], [], rows), side)
    return Strength(
        toward=side,
        percent=found.strength_percent,
        kept=found.kept,
        partly=found.partly,
        not_kept=found.not_kept,
    )
