"""What changed from one session to the next: the ratings, the beliefs and the reviews' tally.

Read from the journals themselves (the summary at the end of a session and the home screen
compare two sessions, so two files are read), by question id, so that any pack whose sessions
share ids can be compared. A value that one of the two sessions does not have is simply not
compared: "not measured" is never shown as a zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from trustcoach.default_pack import BELIEFS, FIRST_VERSION_BELIEFS
from trustcoach.journal.store import Unreadable

if TYPE_CHECKING:
    from trustcoach.journal.model import Journal
    from trustcoach.journal.store import JournalStore


class Belief(NamedTuple):
    """How much a session believed one misconception (by its step id): ``value`` is (start,
    end) on the 0-100 scale, or the words of a first-version answer; ``shown`` says it."""

    step: str
    value: tuple[int, int] | str
    shown: str


class Reading(NamedTuple):
    """One rating or choice as answered: its question, label, value, and value in words."""

    question: str
    label: str
    value: int | str
    shown: str


class Tally(NamedTuple):
    """How the commitments looked back at in one session went."""

    kept: int
    partly: int
    not_kept: int

    @property
    def total(self) -> int:
        """How many commitments were looked back at."""
        return self.kept + self.partly + self.not_kept


def readings(journal: Journal) -> dict[str, Reading]:
    """The ratings and choices a session answered (skipped ones left out), by question id."""
    found = {}
    for answer in journal.answers:
        if answer.skipped or answer.kind not in ("rating", "choice"):
            continue
        value = answer.value
        if isinstance(value, bool) or not isinstance(value, int | str):
            continue
        shown = answer.shown or str(value)
        found[answer.question] = Reading(answer.question, answer.label, value, shown)
    return found


def beliefs(journal: Journal) -> list[Belief]:
    """The beliefs about trust a session measured, in the order of the pack's steps: 0 to 100
    at the start and the end of each step, or, in a journal of the first version of the
    default pack, its one answer yes / partly / no. Both are read, so older journals show."""
    found = readings(journal)
    out = []
    for (step, start, end), older in zip(BELIEFS, FIRST_VERSION_BELIEFS, strict=True):
        first, last = found.get(start), found.get(end)
        if first and last and isinstance(first.value, int) and isinstance(last.value, int):
            pair = (first.value, last.value)
            out.append(Belief(step, pair, f"{pair[0]} → {pair[1]}"))
        elif older in found:
            out.append(Belief(step, str(found[older].value), found[older].shown))
    return out


def tally(journal: Journal) -> Tally | None:
    """The outcomes of the reviews made in a session; None when it looked back at nothing."""
    if not journal.reviews:
        return None
    outcomes = [review.outcome for review in journal.reviews]
    return Tally(outcomes.count("kept"), outcomes.count("partly"), outcomes.count("not_kept"))


def previous_complete(store: JournalStore, session_id: str) -> Journal | None:
    """The newest complete session that started before ``session_id`` and can be read."""
    for earlier in reversed(store.session_ids()):
        if earlier >= session_id:
            continue
        found = store.read(earlier)
        if not isinstance(found, Unreadable) and found.status == "complete":
            return found
    return None


def read_sessions(store: JournalStore, session_ids: list[str]) -> list[Journal]:
    """The journals of ``session_ids`` that can be read, in the same order."""
    found = [store.read(session_id) for session_id in session_ids]
    return [journal for journal in found if not isinstance(journal, Unreadable)]
