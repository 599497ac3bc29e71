"""At the keyboard, turning a list of commitments into commitments: each checked against the
misconceptions (the user may rewrite it), given its days and a due date, and saved as soon as
it is complete (``records.new_commitment`` makes it, as for an answers file)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from msgspec import structs

from trustcoach.catalog.say import say, tell
from trustcoach.errors import InvalidAnswer
from trustcoach.journal.model import Answer
from trustcoach.packs.checks import matching_checks
from trustcoach.packs.model import Question
from trustcoach.packs.render import render
from trustcoach.session.answers import parse_due
from trustcoach.session.records import default_due, new_commitment, partner_words
from trustcoach.text import clean_input

if TYPE_CHECKING:
    from trustcoach.session.protocol import SessionState, SessionUI


def make_commitments(session: SessionState, ui: SessionUI, question: Question) -> None:
    """Check and date each committed item, saving each one as soon as it is complete.

    The list itself is already saved, so an interruption here loses nothing: resuming
    continues with the next item. A rewritten item replaces the typed one in the answer.
    """
    assert session.journal is not None
    answer = session.journal.answer(question.id)
    assert answer is not None and isinstance(answer.value, list)
    items = list(answer.value)
    done = sum(c.question == question.id for c in session.journal.commitments)
    today = session.clock().date()
    default = default_due(question, today)
    for number, typed in enumerate(items, start=1):
        if number <= done:  # made before the session stopped
            continue
        item = check_commitment(session, ui, question, typed)
        schedule = ask_schedule(session, ui, item)
        due = ask_due(session, ui, item, today, default)
        if item != typed:
            items[number - 1] = item
            answer = replace_value(session, answer, list(items))
        made = session.journal.commitments
        commitment = new_commitment(session, question, item, due, made, schedule=schedule)
        session.save(session.clock(), commitments=[commitment])


def replace_value(session: SessionState, answer: Answer, value: list[str]) -> Answer:
    """A recorded answer with a new value, in its place (saved with the next save)."""
    assert session.journal is not None
    index = session.journal.answers.index(answer)
    session.journal.answers[index] = replaced = structs.replace(answer, value=value)
    return replaced


def check_commitment(session: SessionState, ui: SessionUI, question: Question, typed: str) -> str:
    """Offer a rewrite when a commitment matches a misconception check; the user decides.

    Returns the final wording (the checks it still matches are kept with the commitment).
    """
    values = session.text_values()
    item, problem = typed, None
    partner = partner_words(values)
    while hits := matching_checks(item, session.pack.checks, partner, question.direction):
        notes = [render(check.message, session.pack, values) for check in hits]
        raw = clean_input(ui.ask_rewrite(item, notes, problem)).strip()
        if not raw:
            break
        if len(raw) > question.text_limit:
            problem = say(session.lang, "too_long", length=len(raw), limit=question.text_limit)
            continue
        if not any(char.isalpha() for char in raw):  # "+4", "2026-12-12": a due date
            problem = say(session.lang, "rewrite_needs_words")
            continue
        item, problem = raw, None
    return item


def ask_schedule(session: SessionState, ui: SessionUI, item: str, earlier: str = "") -> str:
    """Ask on which days a commitment is, until the answer can be read; returns the word the
    journal keeps. What its words say (or, for one carried on or made smaller, ``earlier``:
    its days before) is shown and kept by Enter; else the question is asked, Enter being
    every day."""
    from trustcoach.schedule import Schedule, describe, schedule_of
    from trustcoach.session.schedule_words import parse_schedule_answer, read_schedule

    lang = session.lang
    read = read_schedule(item)
    if read is not None:
        default, prompt = read, say(lang, "schedule_read", schedule=describe(read, lang))
    elif earlier:
        default = schedule_of(earlier)
        prompt = say(lang, "schedule_kept", schedule=describe(default, lang))
    else:
        default = Schedule("daily")
        prompt = say(lang, "schedule_prompt", default=describe(default, lang))
    problem: str | None = None
    while True:
        raw = ui.ask_schedule(item, prompt, problem)
        try:
            return (parse_schedule_answer(raw) or default).word
        except InvalidAnswer as exc:
            problem = tell(lang, exc.message)


def ask_due(session: SessionState, ui: SessionUI, item: str, today: date, default: date) -> date:
    """Ask by when a commitment is due until the answer is a date trustcoach accepts."""
    problem: str | None = None
    while True:
        raw = ui.ask_due(item, default, problem, session.lang)
        try:
            return parse_due(raw, today, default)
        except InvalidAnswer as exc:
            problem = tell(session.lang, exc.message)
