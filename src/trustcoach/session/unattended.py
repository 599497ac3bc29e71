"""A whole session from an ``--answers`` file: every answer checked first, then saved at once,
or nothing saved at all. Its answers, commitments and reviews are made by ``records.py``, as a
session at the keyboard makes them."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import Message
from trustcoach.errors import AnswersFileError, InvalidAnswer
from trustcoach.journal.model import Commitment, Journal, Review
from trustcoach.session.answers import AnswerValue, coerce_value, parse_due, parse_input
from trustcoach.session.records import (
    FOLLOW_TEXT_LIMIT,
    carried_commitment,
    carried_list,
    carried_wording,
    commitment_item,
    default_due,
    make_answer,
    new_commitment,
    new_review,
    review_questions,
    reviewed_row,
    schedule_for,
)
from trustcoach.session.reviewing import checkin_tally, self_first
from trustcoach.text import clean_input

if TYPE_CHECKING:
    from trustcoach.packs.model import Question
    from trustcoach.session.engine import Session

OUTCOMES = ("kept", "partly", "not_kept")
FOLLOW_UPS = ("smaller", "carry", "let_go")
FOLLOW_KEYS = ("follow", "text", "due", "schedule")


def run_unattended(
    session: Session, answers: dict[str, Any], reviews: dict[str, Any] | None = None
) -> Journal:
    """Record a whole session from an answers file, or nothing at all if any answer is bad."""
    return save_unattended(session, check_unattended(session, answers, reviews))


def save_unattended(session: Session, journal: Journal) -> Journal:
    """Save a session that check_unattended made: its journal, as written."""
    session.journal = session.store.create(journal)
    return session.journal


def check_unattended(
    session: Session, answers: dict[str, Any], reviews: dict[str, Any] | None = None
) -> Journal:
    """The complete session of an answers file, every answer checked, but nothing written:
    AnswersFileError lists every problem. Save it with save_unattended.

    ``reviews`` maps ``<session id>/<commitment id>`` to an outcome (``kept``, ``partly``,
    ``not_kept``) or a table ``{outcome, note}``; every open commitment that is due needs one.
    """
    moment = session.clock()
    today = moment.date()
    given, carried, problems = _reviews(session, reviews or {}, today)
    journal = session.new_journal(moment)
    journal.reviews.extend(given)
    journal.commitments.extend(carried)
    session.journal = journal  # so that later prompts are filled with earlier answers
    known = {q.id for _, q in session.pack.questions()}
    problems += [
        _at(f"answers.{key}", Message("answers_unknown_question"))
        for key in answers
        if key not in known
    ]
    for step, question in session.pack.questions():
        prompt = session.view(question).prompt
        try:
            raw, asked = answers.get(question.id), session.effective(question)
            value, commitments = _coerce(session, asked, raw, today, journal.commitments)
        except InvalidAnswer as exc:
            problems.append(_at(f"answers.{question.id}", exc.message))
            continue
        journal.answers.append(make_answer(step, question, prompt, value, moment, session.lang))
        journal.commitments.extend(commitments)
    session.journal = None  # nothing is saved yet
    if problems:
        raise AnswersFileError("answers_invalid", count=len(problems), problems=problems)
    journal.status = "complete"
    journal.finished_at = moment
    return journal


def _at(place: str, problem: Message) -> Message:
    """A problem at a place in the answers file."""
    return Message("at_place", {"place": place, "problem": problem})


def _reviews(
    session: Session, given: dict[str, Any], today: date
) -> tuple[list[Review], list[Commitment], list[Message]]:
    """The reviews of an answers file that are valid (they also become the review plan), the
    commitments carried on from those not kept, and the problems with the others."""
    problems: list[Message] = []
    by_ref = {c.ref: c for c in session.open_commitments}
    valid: list[Review] = []
    carried: list[Commitment] = []
    session.review_plan = []
    for ref in given:
        if ref not in by_ref:
            problems.append(_at(f"reviews.{ref}", Message("review_unknown_ref")))
    for commitment in self_first(session.open_commitments):
        raw = given.get(commitment.ref)
        if raw is None:
            if commitment.due_date <= today:
                problems.append(_at(f"reviews.{commitment.ref}", Message("review_missing")))
            continue
        place = f"reviews.{commitment.ref}"
        outcome, note, table = raw, "", raw if isinstance(raw, dict) else {}
        if isinstance(raw, dict):
            outcome, note = raw.get("outcome"), raw.get("note", "")
            if set(raw) - {"outcome", "note", *FOLLOW_KEYS}:
                problems.append(_at(place, Message("review_keys")))
                continue
        if outcome not in OUTCOMES:
            problems.append(_at(place, Message("review_outcome_value")))
            continue
        try:
            checked = _review_note(session, note)
        except InvalidAnswer as exc:
            problems.append(_at(f"{place}.note", exc.message))
            continue
        counted = checkin_tally(session, commitment)
        made = new_review(commitment, outcome, session.clock(), checked, counted)
        try:
            carried += _follow(session, made, table, today, carried)
        except InvalidAnswer as exc:
            problems.append(_at(f"reviews.{commitment.ref}", exc.message))
            continue
        session.review_plan.append(commitment)
        valid.append(made)
    return valid, carried, problems


def _follow(
    session: Session, review: Review, table: dict[str, Any], today: date, made: list[Commitment]
) -> list[Commitment]:
    """What an answers file chose after "not kept" (``follow``, with ``text`` for a smaller
    version and an optional ``due``): recorded in the review, and the commitment carried on."""
    follow = table.get("follow")
    if follow is None:
        if set(table) & {"text", "due", "schedule"}:
            raise InvalidAnswer("review_follow_missing")
        return []
    if review.outcome != "not_kept" or follow not in FOLLOW_UPS:
        raise InvalidAnswer("review_follow_value")
    review.follow = follow
    text = table.get("text", "")
    if follow == "smaller":
        if not isinstance(text, str) or not text.strip():
            raise InvalidAnswer("review_follow_text")
        review.follow_text = clean_input(text).strip()[:FOLLOW_TEXT_LIMIT]
    elif "text" in table:
        raise InvalidAnswer("review_follow_text_only")
    if follow == "let_go":
        if set(table) & {"due", "schedule"}:
            raise InvalidAnswer("review_follow_text_only")
        return []
    due_raw = table.get("due", "")
    if isinstance(due_raw, datetime) or not isinstance(due_raw, str | date):
        raise InvalidAnswer("commitment_item_due", index=1)
    due = parse_due(due_raw, today, default_due(carried_list(review.toward), today))
    given = table.get("schedule", "")
    if not isinstance(given, str):
        raise InvalidAnswer("commitment_item_schedule", index=1)
    text = carried_wording(review)
    row = reviewed_row(session, review)
    schedule = schedule_for(text, given, row.schedule if row else "daily")
    return [carried_commitment(session, review, text, due, made, schedule)]


def _review_note(session: Session, note: Any) -> str:
    """A review's note from an answers file, checked as the same question is at the keyboard
    (text, at most REVIEW_NOTE_LIMIT characters); InvalidAnswer says what would fit."""
    if not isinstance(note, str):
        raise InvalidAnswer("review_note_text")
    checked = parse_input(review_questions(session.lang)[1], note)
    return checked if isinstance(checked, str) else ""


def _coerce(
    session: Session, question: Question, raw: Any, today: date, made: list[Commitment]
) -> tuple[AnswerValue | None, list[Commitment]]:
    """One answer of the file, checked; for a commitments question, its commitments too."""
    if raw is None:
        if question.required and question.default is None:
            raise InvalidAnswer("answers_missing")
        raw = "" if question.kind != "list" else []
    if question.commitments and isinstance(raw, str | dict):
        raw = [raw]  # one commitment given on its own
    if not (question.commitments and isinstance(raw, list)):
        return coerce_value(question, raw), []
    default = default_due(question, today)
    texts: list[str] = []
    dues: list[date] = []
    given: list[str] = []
    for index, item in enumerate(raw, start=1):
        text, due_raw, schedule = commitment_item(item, index)
        if text.strip():  # blank items are dropped, like empty lines at the keyboard
            texts.append(text)
            dues.append(parse_due(due_raw, today, default))
            given.append(schedule)
    value = coerce_value(question, texts)
    kept = value if isinstance(value, list) else []
    commitments: list[Commitment] = []
    for text, due, words in zip(kept, dues, given, strict=False):
        schedule = schedule_for(text, words)
        so_far = [*made, *commitments]
        commitments.append(new_commitment(session, question, text, due, so_far, schedule=schedule))
    return value, commitments
