"""What the engine writes into a journal: answers that describe themselves, and the program's
own questions about earlier commitments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from trustcoach.catalog.say import say
from trustcoach.errors import InvalidAnswer
from trustcoach.journal.model import Answer
from trustcoach.names import PLACEHOLDER_RE
from trustcoach.packs.model import Choice, Question, Step
from trustcoach.packs.render import answer_words
from trustcoach.session.answers import AnswerValue

DEFAULT_DUE_DAYS = 7
REVIEW_NOTE_LIMIT = 2000


def make_answer(
    step: Step,
    question: Question,
    prompt: str,
    value: AnswerValue | None,
    moment: datetime,
    lang: str,
) -> Answer:
    """An answer that describes itself: the step's title, the question's label, the value
    in words and whether it is shared by default, so a journal reads well without its pack."""
    return Answer(
        step=step.id,
        step_title=step.title,
        question=question.id,
        label=question.label or "",
        kind=question.kind,
        prompt=prompt,
        value=empty_value(question) if value is None else value,
        shown=_shown(question, value, lang),
        template=_template(question),
        share=question.share,
        answered_at=moment,
        skipped=value is None,
    )


def _shown(question: Question, value: AnswerValue | None, lang: str) -> str:
    """The value in words, for kinds whose stored value is not what the user saw (a rating
    with its scale: "3 / 10")."""
    if value is None:
        return ""
    if question.kind == "rating" and question.max is not None:
        return say(lang, "rating_value", value=value, top=question.max)
    if question.kind not in ("choice", "multi", "confirm"):
        return ""
    return answer_words(value, lang, question)


def _template(question: Question) -> str:
    """The prompt before earlier answers were filled in, when it uses any."""
    from trustcoach.text import reflow

    return reflow(question.prompt) if PLACEHOLDER_RE.search(question.prompt) else ""


def due_days(question: Question) -> int:
    """How many days from today a commitment of this question is due by default."""
    return question.due_days if question.due_days is not None else DEFAULT_DUE_DAYS


def empty_value(question: Question) -> AnswerValue:
    """The value stored for a skipped question."""
    return [] if question.kind in ("multi", "list") else ""


def review_questions(lang: str) -> tuple[Question, Question]:
    """The two questions asked about each earlier commitment: how it went, and why."""
    outcome = Question(
        id="review_outcome",
        kind="choice",
        prompt=say(lang, "review_outcome"),
        choices=[
            Choice(value="kept", label=say(lang, "outcome_kept")),
            Choice(value="partly", label=say(lang, "outcome_partly")),
            Choice(value="not_kept", label=say(lang, "outcome_not_kept")),
        ],
    )
    note = Question(
        id="review_note",
        kind="text",
        prompt=say(lang, "review_note"),
        required=False,
        max_length=REVIEW_NOTE_LIMIT,
    )
    return outcome, note


def commitment_item(item: Any, index: int) -> tuple[str, str | date]:
    """The text and due date of one commitment in an answers file (a string or a table)."""
    if isinstance(item, str):
        return item, ""
    if (
        not isinstance(item, dict)
        or set(item) - {"text", "due"}
        or not isinstance(item.get("text"), str)
    ):
        raise InvalidAnswer("commitment_item_shape", index=index)
    due = item.get("due", "")
    if isinstance(due, datetime) or not isinstance(due, str | date):
        raise InvalidAnswer("commitment_item_due", index=index)
    return item["text"], due
