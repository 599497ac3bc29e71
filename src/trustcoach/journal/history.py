"""Sessions over time: flat rows of sessions, commitments and reviews, and what follows from them.

The rows come from the journals (through the index) and are plain tuples, so thousands of
sessions load quickly. Everything here is computed, never printed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from trustcoach.default_pack import BELIEFS, PARTNER_TRUST, SELF_TRUST
from trustcoach.schedule import Schedule, schedule_of

if TYPE_CHECKING:
    from trustcoach.journal.model import Journal

TOWARD = ("partner", "self")  # whom a commitment is made to; "partner" in older journals

# The ledger: how much one review moves the strength of keeping one's word (0 to 1).
LEDGER_RATE = 0.25  # kept: a quarter of the way toward 1; partly kept: half of that
LEDGER_FADE = 0.10  # not kept: a tenth of the strength fades


class SessionRow(NamedTuple):
    """One session as list, progress and the home screen see it (dates as ISO text).

    The beliefs are those of ``default_pack.BELIEFS``, at the start and the end of their step
    (None when not measured: older journals asked yes / partly / no). ``left`` is 1 when the
    user chose to leave the session unfinished (``status`` stays ``in_progress``), else 0."""

    id: str
    started_on: str
    status: str
    lang: str
    pack: str
    self_trust: int | None
    partner_trust: int | None
    never_start: int | None = None
    never_end: int | None = None
    words_start: int | None = None
    words_end: int | None = None
    others_start: int | None = None
    others_end: int | None = None
    left: int = 0

    def beliefs(self) -> list[tuple[int | None, int | None]]:
        """The three beliefs as (start, end), in the order of ``default_pack.BELIEFS``."""
        return [
            (self.never_start, self.never_end),
            (self.words_start, self.words_end),
            (self.others_start, self.others_end),
        ]


class CommitmentRow(NamedTuple):
    """A commitment made in one session; ``toward`` is ``"self"`` or ``"partner"``, and
    ``schedule`` its days as the journal keeps them (``trustcoach.schedule``)."""

    session: str
    id: str
    text: str
    due: str
    toward: str = "partner"
    schedule: str = "daily"

    @property
    def ref(self) -> str:
        """The reference used in answers files: ``<session id>/<commitment id>``."""
        return f"{self.session}/{self.id}"

    @property
    def due_date(self) -> date:
        """The due date as a date."""
        return date.fromisoformat(self.due)

    @property
    def first_day(self) -> date:
        """The first day of its days: the day its session started (from the session's id)."""
        session = self.session
        return date(int(session[:4]), int(session[4:6]), int(session[6:8]))

    @property
    def rule(self) -> Schedule:
        """Its days, for the check-ins and the calendar."""
        return schedule_of(self.schedule)


class ReviewRow(NamedTuple):
    """How an earlier commitment went, as recorded in a later session."""

    reviewed_in: str
    session: str
    commitment: str
    outcome: str
    reviewed_on: str
    toward: str = "partner"


class History(NamedTuple):
    """What looking back needs of every readable session, oldest first: the sessions, how many
    commitments each made and how many of them were kept, the outcome of each reviewed
    commitment in the order of the reviews, by whom it was made to (``outcomes["self"]``,
    ``outcomes["partner"]``), the commitments not reviewed yet, and how many commitments were
    made to each (``made_toward``).

    A commitment reviewed twice (in two unfinished sessions) counts by its first review."""

    sessions: list[SessionRow]
    made: dict[str, int]
    kept: dict[str, int]
    outcomes: dict[str, list[str]]
    open: list[CommitmentRow]
    made_toward: dict[str, int]


def build_history(
    sessions: list[SessionRow], commitments: list[CommitmentRow], reviews: list[ReviewRow]
) -> History:
    """A History from every row: the one place where the totals are computed (the index keeps
    its result as a cache)."""
    made: dict[str, int] = {}
    made_toward: dict[str, int] = {}
    for commitment in commitments:
        made[commitment.session] = made.get(commitment.session, 0) + 1
        made_toward[commitment.toward] = made_toward.get(commitment.toward, 0) + 1
    first: dict[tuple[str, str], ReviewRow] = {}
    for review in sorted(reviews, key=lambda r: (r.reviewed_on, r.reviewed_in)):
        first.setdefault((review.session, review.commitment), review)
    kept: dict[str, int] = {}
    for (session, _), review in first.items():
        if review.outcome == "kept":
            kept[session] = kept.get(session, 0) + 1
    still_open = [c for c in commitments if (c.session, c.id) not in first]
    outcomes: dict[str, list[str]] = {}
    for review in first.values():
        outcomes.setdefault(review.toward, []).append(review.outcome)
    return History(sessions, made, kept, outcomes, still_open, made_toward)


def _rating(journal: Journal, question_id: str) -> int | None:
    answer = journal.answer(question_id)
    if answer is None or answer.skipped or answer.kind != "rating":
        return None
    return answer.value if isinstance(answer.value, int) else None


def journal_rows(journal: Journal) -> tuple[SessionRow, list[CommitmentRow], list[ReviewRow]]:
    """The rows of one journal."""
    never, words, others = [(_rating(journal, s), _rating(journal, e)) for _, s, e in BELIEFS]
    session = SessionRow(
        journal.id,
        journal.started_at.date().isoformat(),
        journal.status,
        journal.lang,
        journal.pack,
        _rating(journal, SELF_TRUST),
        _rating(journal, PARTNER_TRUST),
        *never,
        *words,
        *others,
        int(journal.left_at is not None and journal.status != "complete"),
    )
    commitments = [
        CommitmentRow(journal.id, c.id, c.text, c.due.isoformat(), c.toward, c.schedule)
        for c in journal.commitments
    ]
    reviews = [
        ReviewRow(
            journal.id,
            r.session,
            r.commitment,
            r.outcome,
            r.reviewed_at.date().isoformat(),
            r.toward,
        )
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


def ledger(history: History, toward: str = "partner") -> Ledger:
    """Count the commitments made to ``toward`` (the partner, or oneself) and their outcomes,
    and run the strength rule over their reviews in order: the same rule for both."""
    strength, steps = 0.0, []
    counts = {"kept": 0, "partly": 0, "not_kept": 0}
    for outcome in history.outcomes.get(toward, []):  # in the order of the reviews
        if outcome not in counts:
            continue
        counts[outcome] += 1
        strength = next_strength(strength, outcome)
        steps.append(strength)
    return Ledger(
        history.made_toward.get(toward, 0),
        counts["kept"],
        counts["partly"],
        counts["not_kept"],
        strength,
        steps,
    )
