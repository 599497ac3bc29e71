"""Sessions over time: flat rows of sessions, commitments and reviews, and what follows from them.

The rows come from the journals (through the index) and are plain tuples, so thousands of
sessions load quickly. Everything here is computed, never printed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from trustcoach.journal.model import Journal

# Ratings that are followed over time, by question id.
SELF_TRUST = "self_trust"
PARTNER_TRUST = "partner_trust"

# The ledger: how much one review moves the strength of keeping one's word (0 to 1).
LEDGER_RATE = 0.25  # kept: a quarter of the way toward 1; partly kept: half of that
LEDGER_FADE = 0.10  # not kept: a tenth of the strength fades


class SessionRow(NamedTuple):
    """One session as list, progress and the home screen see it (dates as ISO text)."""

    id: str
    started_on: str
    status: str
    lang: str
    pack: str
    self_trust: int | None
    partner_trust: int | None


class CommitmentRow(NamedTuple):
    """A commitment made in one session."""

    session: str
    id: str
    text: str
    due: str

    @property
    def ref(self) -> str:
        """The reference used in answers files: ``<session id>/<commitment id>``."""
        return f"{self.session}/{self.id}"

    @property
    def due_date(self) -> date:
        """The due date as a date."""
        return date.fromisoformat(self.due)


class ReviewRow(NamedTuple):
    """How an earlier commitment went, as recorded in a later session."""

    reviewed_in: str
    session: str
    commitment: str
    outcome: str
    reviewed_on: str


class History(NamedTuple):
    """What looking back needs of every readable session, oldest first: the sessions, how many
    commitments each made and how many of them were kept, the outcome of each reviewed
    commitment in the order of the reviews, and the commitments not reviewed yet.

    A commitment reviewed twice (in two unfinished sessions) counts by its first review."""

    sessions: list[SessionRow]
    made: dict[str, int]
    kept: dict[str, int]
    outcomes: list[str]
    open: list[CommitmentRow]


def build_history(
    sessions: list[SessionRow], commitments: list[CommitmentRow], reviews: list[ReviewRow]
) -> History:
    """A History from every row: the one place where the totals are computed (the index keeps
    its result as a cache)."""
    made: dict[str, int] = {}
    for commitment in commitments:
        made[commitment.session] = made.get(commitment.session, 0) + 1
    first: dict[tuple[str, str], ReviewRow] = {}
    for review in sorted(reviews, key=lambda r: (r.reviewed_on, r.reviewed_in)):
        first.setdefault((review.session, review.commitment), review)
    kept: dict[str, int] = {}
    for (session, _), review in first.items():
        if review.outcome == "kept":
            kept[session] = kept.get(session, 0) + 1
    still_open = [c for c in commitments if (c.session, c.id) not in first]
    return History(sessions, made, kept, [r.outcome for r in first.values()], still_open)


def _rating(journal: Journal, question_id: str) -> int | None:
    answer = journal.answer(question_id)
    if answer is None or answer.skipped or answer.kind != "rating":
        return None
    return answer.value if isinstance(answer.value, int) else None


def journal_rows(journal: Journal) -> tuple[SessionRow, list[CommitmentRow], list[ReviewRow]]:
    """The rows of one journal."""
    session = SessionRow(
        journal.id,
        journal.started_at.date().isoformat(),
        journal.status,
        journal.lang,
        journal.pack,
        _rating(journal, SELF_TRUST),
        _rating(journal, PARTNER_TRUST),
    )
    commitments = [
        CommitmentRow(journal.id, c.id, c.text, c.due.isoformat()) for c in journal.commitments
    ]
    reviews = [
        ReviewRow(journal.id, r.session, r.commitment, r.outcome, r.reviewed_at.date().isoformat())
        for r in journal.reviews
    ]
    return session, commitments, reviews


def open_commitments(history: History, exclude_session: str | None = None) -> list[CommitmentRow]:
    """Commitments not reviewed yet, oldest first."""
    return [c for c in history.open if c.session != exclude_session]


class Ledger(NamedTuple):
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
    """The ledger's rule: kept moves a quarter of the way to 1, partly kept an eighth of the
    way, and not kept lets a tenth of the strength fade. One miss never resets it, and partly
    keeping a promise never scores below missing it."""
    if outcome == "kept":
        return strength + LEDGER_RATE * (1 - strength)
    if outcome == "partly":
        return strength + LEDGER_RATE / 2 * (1 - strength)
    return strength * (1 - LEDGER_FADE)


def ledger(history: History) -> Ledger:
    """Count commitments and outcomes and run the strength rule over every review in order."""
    strength, steps = 0.0, []
    counts = {"kept": 0, "partly": 0, "not_kept": 0}
    for outcome in history.outcomes:  # in the order of the reviews
        if outcome not in counts:
            continue
        counts[outcome] += 1
        strength = next_strength(strength, outcome)
        steps.append(strength)
    return Ledger(
        sum(history.made.values()),
        counts["kept"],
        counts["partly"],
        counts["not_kept"],
        strength,
        steps,
    )
