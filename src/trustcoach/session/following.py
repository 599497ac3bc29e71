"""Following through: after a commitment was not kept, what to do with it now (make it
smaller, carry it over with a new date, or let it go); and, when confidence in this session's
commitments is low, an offer to make them smaller at once.

Every choice and every wording is saved as soon as it is given, so a session stopped in the
middle asks only what is still missing when it is resumed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from msgspec import structs

from trustcoach.catalog.say import say
from trustcoach.journal.model import Commitment, FollowUp, Review
from trustcoach.packs.model import Choice, Question
from trustcoach.session.committing import ask_due, ask_schedule, check_commitment, replace_value
from trustcoach.session.records import (
    FOLLOW_TEXT_LIMIT,
    carried_commitment,
    carried_list,
    carried_wording,
    checks_kept,
    default_due,
    reviewed_ref,
    reviewed_row,
)

if TYPE_CHECKING:
    from trustcoach.packs.model import Step
    from trustcoach.session.protocol import SessionState, SessionUI

FOLLOW_QUESTION = "review_follow"


def follow_question(lang: str, heading: str) -> Question:
    """What to do with a commitment that was not kept."""
    return Question(
        id=FOLLOW_QUESTION,
        kind="choice",
        prompt=f"{heading}\n{say(lang, 'follow_prompt')}",
        help=say(lang, "follow_help"),
        choices=[
            Choice(value="smaller", label=say(lang, "follow_smaller")),
            Choice(value="carry", label=say(lang, "follow_carry")),
            Choice(value="let_go", label=say(lang, "follow_let_go")),
        ],
    )


def _wording_question(lang: str) -> Question:
    """The smaller version of a commitment that was not kept."""
    return Question(
        id="follow_text",
        kind="text",
        prompt=say(lang, "follow_smaller_prompt"),
        help=say(lang, "follow_smaller_help"),
        max_length=FOLLOW_TEXT_LIMIT,
    )


def pending_follow_ups(session: SessionState) -> list[Review]:
    """Reviews of this session whose "not kept" still waits for its next step (none for a
    commitment of a forgotten session: its words were taken out of the review)."""
    if session.journal is None:
        return []
    carried = {c.origin for c in session.journal.commitments if c.origin}
    return [
        r
        for r in session.journal.reviews
        if r.outcome == "not_kept"
        and r.text
        and not r.note_pending
        and (r.follow is None or (r.follow != "let_go" and reviewed_ref(r) not in carried))
    ]


def follow_through(session: SessionState, ui: SessionUI, review: Review) -> None:
    """Ask what to do with a commitment that was not kept, and carry it on if so chosen."""
    lang = session.lang
    if review.follow is None:
        heading = say(lang, "follow_heading", text=review.text)
        question = follow_question(lang, heading)
        chosen = session.ask(ui, session.plain_view(question, question.prompt))
        review.follow = cast(FollowUp, chosen)
        session.save(session.clock())
    if review.follow == "let_go":
        return
    if review.follow == "smaller" and not review.follow_text:
        asked = _wording_question(lang)
        typed = session.ask(ui, session.plain_view(asked, asked.prompt))
        review.follow_text = typed if isinstance(typed, str) else review.text
        session.save(session.clock())
    listed = carried_list(review.toward)
    item = check_commitment(session, ui, listed, carried_wording(review))
    row = reviewed_row(session, review)
    schedule = ask_schedule(session, ui, item, row.schedule if row else "")
    today = session.clock().date()
    due = ask_due(session, ui, item, today, default_due(listed, today))
    assert session.journal is not None
    made = session.journal.commitments
    commitment = carried_commitment(session, review, item, due, made, schedule)
    session.save(session.clock(), commitments=[commitment])


def offer_smaller(session: SessionState, ui: SessionUI, step: Step, rating: int, top: int) -> None:
    """Confidence below the pack's mark (``rating`` out of ``top``): offer to make this step's
    commitments smaller now. Each new wording replaces the old one (kept as ``smaller_from``) as
    soon as it is given."""
    assert session.journal is not None
    lists = {q.id: q for q in step.questions if q.commitments}
    mine = [c for c in session.journal.commitments if c.question in lists]
    if not mine:
        return
    lang = session.lang
    listed = "\n".join(say(lang, "shrink_item", text=c.text) for c in mine)
    shown = say(lang, "rating_value", value=rating, top=top)  # a rating with its scale
    offer = Question(
        id="shrink_offer",
        kind="confirm",
        prompt=f"{say(lang, 'shrink_offer', rating=shown)}\n{listed}",
        default=True,
    )
    if not session.ask(ui, session.plain_view(offer, offer.prompt)):
        return
    for commitment in mine:
        question = lists[commitment.question]
        asked = Question(
            id="shrink_text",
            kind="text",
            prompt=say(lang, "shrink_prompt", text=commitment.text),
            required=False,
            max_length=question.text_limit,
        )
        typed = session.ask(ui, session.plain_view(asked, asked.prompt))
        if not isinstance(typed, str) or not typed.strip():
            continue
        item = check_commitment(session, ui, question, typed)
        schedule = ask_schedule(session, ui, item, commitment.schedule)
        _replace(session, commitment, item, checks_kept(session, question, item), schedule)


def _replace(
    session: SessionState, commitment: Commitment, item: str, flags: list[str], schedule: str
) -> None:
    """A commitment made smaller: its new wording (and days) in the commitment and in its list
    answer."""
    assert session.journal is not None
    answer = session.journal.answer(commitment.question)
    if answer is not None and isinstance(answer.value, list):
        number = [c.id for c in session.journal.commitments if c.question == answer.question]
        items = list(answer.value)
        items[number.index(commitment.id)] = item
        replace_value(session, answer, items)
    index = session.journal.commitments.index(commitment)
    session.journal.commitments[index] = structs.replace(
        commitment,
        text=item,
        flags=flags,
        smaller_from=commitment.smaller_from or commitment.text,
        schedule=schedule,
    )
    session.save(session.clock())
