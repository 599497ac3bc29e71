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
    from trustcoach.export.document import SharedReview, SharedSession

SELF, PARTNER = "self", "partner"


def toward(review: SharedReview) -> str:
    """Whom the reviewed commitment was made toward. Until commitments say so (a ``toward``
    field), every one counts toward the partner."""
    found = getattr(review, "toward", PARTNER)
    return SELF if found == SELF else PARTNER


def keeping(sessions: list[SharedSession]) -> tuple[Strength, Strength]:
    """The strengths and tallies of the reviews these documents share: toward oneself, then
    toward the partner."""
    rows: dict[str, list[ReviewRow]] = {SELF: [], PARTNER: []}
    for doc in sessions:
        for review in doc.reviews:
            row = ReviewRow(
                doc.info.id,
                review.session,
                review.commitment,
                review.outcome,
                review.reviewed_at.date().isoformat(),
            )
            rows[toward(review)].append(row)
    return _strength(SELF, rows[SELF]), _strength(PARTNER, rows[PARTNER])


def _strength(side: str, rows: list[ReviewRow]) -> Strength:
    found = ledger(build_history([], [], rows))
    return Strength(
        toward=side,
        percent=found.strength_percent,
        kept=found.kept,
        partly=found.partly,
        not_kept=found.not_kept,
    )
