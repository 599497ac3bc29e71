"""Sessions over time: per-session summaries, open commitments, and the self-trust ledger.

Everything here is computed from journals (or from their cached summaries) and never prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trustcoach.journal import Journal

# Ratings that are followed over time, by question id.
SELF_TRUST = "self_trust"
PARTNER_TRUST = "partner_trust"

# The ledger: how much one review moves the strength of keeping one's word (0 to 1).
LEDGER_RATE = 0.25  # kept or partly kept: a quarter of the way toward 1 (or toward 0.5)
LEDGER_FADE = 0.10  # not kept: a tenth of the strength fades


@dataclass(frozen=True)
class CommitmentRef:
    """A commitment made in one session, as later sessions review it."""

    session: str
    id: str
    text: str
    due: date

    @property
    def ref(self) -> str:
        """The reference used in answers files: ``<session id>/<commitment id>``."""
        return f"{self.session}/{self.id}"


@dataclass(frozen=True)
class ReviewRef:
    """How one earlier commitment went, as recorded in a later session."""

    session: str
    commitment: str
    outcome: str
    note: str
    reviewed_in: str
    reviewed_on: date


@dataclass(frozen=True)
class SessionSummary:
    """What list, progress and the home screen need of one journal."""

    id: str
    started_on: date
    status: str
    lang: str
    pack: str
    self_trust: int | None
    partner_trust: int | None
    commitments: list[CommitmentRef] = field(default_factory=list)
    reviews: list[ReviewRef] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary, as cached in the index and printed by ``--json``."""
        return {
            "id": self.id,
            "started_on": self.started_on.isoformat(),
            "status": self.status,
            "lang": self.lang,
            "pack": self.pack,
            "self_trust": self.self_trust,
            "partner_trust": self.partner_trust,
            "commitments": [
                {"id": c.id, "text": c.text, "due": c.due.isoformat()} for c in self.commitments
            ],
            "reviews": [
                {
                    "session": r.session,
                    "commitment": r.commitment,
                    "outcome": r.outcome,
                    "note": r.note,
                    "reviewed_on": r.reviewed_on.isoformat(),
                }
                for r in self.reviews
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionSummary:
        """The inverse of ``to_dict``."""
        session_id = data["id"]
        return cls(
            id=session_id,
            started_on=date.fromisoformat(data["started_on"]),
            status=data["status"],
            lang=data["lang"],
            pack=data["pack"],
            self_trust=data["self_trust"],
            partner_trust=data["partner_trust"],
            commitments=[
                CommitmentRef(session_id, c["id"], c["text"], date.fromisoformat(c["due"]))
                for c in data["commitments"]
            ],
            reviews=[
                ReviewRef(
                    r["session"],
                    r["commitment"],
                    r["outcome"],
                    r["note"],
                    session_id,
                    date.fromisoformat(r["reviewed_on"]),
                )
                for r in data["reviews"]
            ],
        )


def _rating(journal: Journal, question_id: str) -> int | None:
    answer = journal.answer(question_id)
    if answer is None or answer.skipped or answer.kind != "rating":
        return None
    return answer.value if isinstance(answer.value, int) else None


def summarize(journal: Journal) -> SessionSummary:
    """The summary of one journal."""
    return SessionSummary(
        id=journal.id,
        started_on=journal.started_at.date(),
        status=journal.status,
        lang=journal.lang,
        pack=journal.pack,
        self_trust=_rating(journal, SELF_TRUST),
        partner_trust=_rating(journal, PARTNER_TRUST),
        commitments=[CommitmentRef(journal.id, c.id, c.text, c.due) for c in journal.commitments],
        reviews=[
            ReviewRef(r.session, r.commitment, r.outcome, r.note, journal.id, r.reviewed_at.date())
            for r in journal.reviews
        ],
    )


def all_reviews(summaries: list[SessionSummary]) -> dict[str, ReviewRef]:
    """The review of each commitment by its reference (the first one, if reviewed twice)."""
    found: dict[str, ReviewRef] = {}
    for summary in summaries:
        for review in summary.reviews:
            found.setdefault(f"{review.session}/{review.commitment}", review)
    return found


def open_commitments(
    summaries: list[SessionSummary], exclude_session: str | None = None
) -> list[CommitmentRef]:
    """Commitments not reviewed yet, oldest first."""
    reviewed = all_reviews(summaries)
    return [
        commitment
        for summary in summaries
        if summary.id != exclude_session
        for commitment in summary.commitments
        if commitment.ref not in reviewed
    ]


@dataclass(frozen=True)
class Ledger:
    """Commitments made and how they went, with the strength of keeping one's word."""

    made: int
    kept: int
    partly: int
    not_kept: int
    strength: float  # from 0 to 1
    history: list[float]  # the strength after each review, in order

    @property
    def strength_percent(self) -> int:
        """The strength on a scale of 0 to 100."""
        return round(self.strength * 100)


def next_strength(strength: float, outcome: str) -> float:
    """The ledger's rule: kept moves a quarter of the way to 1, partly a quarter of the way
    to 0.5, and not kept lets a tenth of the strength fade. One miss never resets it."""
    if outcome == "kept":
        return strength + LEDGER_RATE * (1 - strength)
    if outcome == "partly":
        return strength + LEDGER_RATE * (0.5 - strength)
    return strength * (1 - LEDGER_FADE)


def ledger(summaries: list[SessionSummary]) -> Ledger:
    """Count commitments and outcomes and run the strength rule over every review in order."""
    reviews = sorted(
        (r for s in summaries for r in s.reviews), key=lambda r: (r.reviewed_on, r.reviewed_in)
    )
    strength, history = 0.0, []
    counts = {"kept": 0, "partly": 0, "not_kept": 0}
    seen: set[tuple[str, str]] = set()
    for review in reviews:
        key = (review.session, review.commitment)
        if key in seen or review.outcome not in counts:
            continue
        seen.add(key)
        counts[review.outcome] += 1
        strength = next_strength(strength, review.outcome)
        history.append(strength)
    made = sum(len(s.commitments) for s in summaries)
    return Ledger(made, counts["kept"], counts["partly"], counts["not_kept"], strength, history)


def kept_count(summary: SessionSummary, reviewed: dict[str, ReviewRef]) -> int:
    """How many of one session's commitments were later reviewed as kept."""
    return sum(
        1
        for c in summary.commitments
        if (review := reviewed.get(c.ref)) is not None and review.outcome == "kept"
    )
