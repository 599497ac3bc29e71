"""Looking back at earlier commitments at the start of a session: which ones, how each went
(saved before its note is asked, so a session stopped in between asks the note on resume)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from trustcoach.catalog.say import Message, say
from trustcoach.journal.history import CommitmentRow
from trustcoach.journal.model import Outcome, Review
from trustcoach.packs.model import Question
from trustcoach.session.following import follow_through
from trustcoach.session.records import new_review, review_questions

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.session.protocol import SessionState, SessionUI


def plan_reviews(session: SessionState, ui: SessionUI) -> list[CommitmentRow]:
    """Open commitments that are due, and the others too if the user wants."""
    today = session.clock().date()
    waiting = self_first(session.open_commitments)
    due = [c for c in waiting if c.due_date <= today]
    later = [c for c in waiting if c.due_date > today]
    if later:
        later_words = Message("review_scope_later", {"count": len(later)})
        prompt = (
            say(session.lang, "review_scope", count=len(due), later=later_words)
            if due
            else say(session.lang, "review_scope_early", count=len(later))
        )
        scope = Question(id="review_scope", kind="confirm", prompt=prompt, default=False)
        if session.ask(ui, session.plain_view(scope, scope.prompt)):
            return self_first(due + later)
    return due


def self_first(commitments: list[CommitmentRow]) -> list[CommitmentRow]:
    """Promises to oneself first, then the others, each in the order they were made."""
    return sorted(commitments, key=lambda c: c.toward != "self")


def unreviewed(session: SessionState) -> list[CommitmentRow]:
    done = {
        f"{r.session}/{r.commitment}" for r in (session.journal.reviews if session.journal else [])
    }
    return [c for c in session.review_plan if c.ref not in done]


def review(session: SessionState, ui: SessionUI, commitment: CommitmentRow) -> None:
    """Ask how one earlier commitment went; the outcome is saved before the note is asked,
    marked as waiting for its note, so that a session stopped in between asks it on resume."""
    outcome_question, _ = review_questions(session.lang)
    key: Key = "review_heading_self" if commitment.toward == "self" else "review_heading"
    lines = [say(session.lang, key, text=commitment.text, due=commitment.due)]
    done, checked = checkin_tally(session, commitment)
    if checked:  # what the check-ins said, before the outcome is asked; silent without any
        lines.append(say(session.lang, "review_checkins", done=done, count=checked))
    lines.append(outcome_question.prompt)
    outcome = session.ask(ui, session.plain_view(outcome_question, "\n".join(lines)))
    moment = session.clock()
    counted = (done, checked)
    made = new_review(commitment, cast(Outcome, outcome), moment, None, counted)  # note next
    session.save(moment, reviews=[made])
    ask_note(session, ui, made)
    if made.outcome == "not_kept":
        follow_through(session, ui, made)


def checkin_tally(session: SessionState, commitment: CommitmentRow) -> tuple[int, int]:
    """Scheduled days marked done, and scheduled days marked at all, from the commitment's
    session to its due date (a check-in file that cannot be read is not counted; doctor
    names it)."""
    from trustcoach.journal.checkins.book import CheckinBook

    tallies, _ = CheckinBook(session.store).tallies([commitment])
    return tallies[commitment.ref]


def ask_note(
    session: SessionState, ui: SessionUI, review: Review, heading: str | None = None
) -> None:
    """Ask the one-line note of a review and save it (an empty note is an answer too)."""
    _, note_question = review_questions(session.lang)
    prompt = f"{heading}\n{note_question.prompt}" if heading else note_question.prompt
    note = session.ask(ui, session.plain_view(note_question, prompt))
    review.note = note if isinstance(note, str) else ""
    review.note_pending = False
    session.save(session.clock())
