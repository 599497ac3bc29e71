"""What a session writes into a journal: answers that describe themselves, commitments and
reviews, and the program's own questions about earlier commitments.

A session at the keyboard (``committing``, ``following``, ``reviewing``) and one from an answers
file (``unattended``) make their commitments and reviews here, so both record the same fields
by the same rules (ids, due dates, whom it is toward, the checks kept, links); they differ only
in where the answers come from.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from trustcoach.catalog.say import say
from trustcoach.default_pack import PARTNER
from trustcoach.errors import InvalidAnswer
from trustcoach.journal.model import Answer, Commitment, Review
from trustcoach.names import PLACEHOLDER_RE, REVIEWS
from trustcoach.packs.checks import matching_checks
from trustcoach.packs.model import Choice, Question, Step
from trustcoach.packs.render import answer_words
from trustcoach.schedule import DAILY
from trustcoach.session.answers import AnswerValue

if TYPE_CHECKING:
    from trustcoach.journal.history import CommitmentRow
    from trustcoach.journal.model import Outcome
    from trustcoach.names import Toward
    from trustcoach.session.protocol import SessionState

DEFAULT_DUE_DAYS = 7
REVIEW_NOTE_LIMIT = 2000
FOLLOW_TEXT_LIMIT = 300  # the smaller wording of a commitment that was not kept


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
        labels=_labels(question, value),
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


def _labels(question: Question, value: AnswerValue | None) -> list[str]:
    """The labels of a choice's chosen values, in their order, as the user saw them."""
    if value is None or question.kind not in ("choice", "multi"):
        return []
    values = value if isinstance(value, list) else [value]
    return [question.choice_label(str(item)) for item in values]


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


def commitment_item(item: Any, index: int) -> tuple[str, str | date, str]:
    """The text, due date and days of one commitment in an answers file (a string or a
    table; the days as words, "" when not given)."""
    if isinstance(item, str):
        return item, "", ""
    if (
        not isinstance(item, dict)
        or set(item) - {"text", "due", "schedule"}
        or not isinstance(item.get("text"), str)
    ):
        raise InvalidAnswer("commitment_item_shape", index=index)
    due = item.get("due", "")
    if isinstance(due, datetime) or not isinstance(due, str | date):
        raise InvalidAnswer("commitment_item_due", index=index)
    schedule = item.get("schedule", "")
    if not isinstance(schedule, str):
        raise InvalidAnswer("commitment_item_schedule", index=index)
    return item["text"], due, schedule


def schedule_for(text: str, given: str, earlier: str = DAILY) -> str:
    """The days of a commitment made without asking (an answers file): ``given`` when it says
    them (InvalidAnswer if it cannot be read), else what the commitment's words say, else
    ``earlier`` (every day, or the days of the commitment it carries on)."""
    from trustcoach.session.schedule_words import parse_schedule_answer, read_schedule

    found = parse_schedule_answer(given) or read_schedule(text)
    return found.word if found is not None else earlier


# ---------------------------------------------------------------------------------------------
# Commitments and reviews
# ---------------------------------------------------------------------------------------------


def new_commitment(
    session: SessionState,
    question: Question,
    text: str,
    due: date,
    made: list[Commitment],
    *,
    origin: str = "",
    schedule: str = DAILY,
) -> Commitment:
    """A commitment of this session, in the words it keeps, on its days (``schedule``): the
    next id after ``made`` (all the session's commitments so far), the pack's checks those
    words still match (the user saw them and kept it), made toward whom its list is. One
    carried on from a review (``origin``: the ``<session>/<id>`` it carries on) is recorded
    under "reviews"."""
    return Commitment(
        id=next_commitment_id(made),
        question=REVIEWS if origin else question.id,
        text=text,
        due=due,
        flags=checks_kept(session, question, text),
        toward=question.direction,
        origin=origin,
        schedule=schedule,
    )


def next_commitment_id(made: list[Commitment]) -> str:
    """The id of the next commitment of a session: ``c1``, ``c2``... over all its lists (and
    the commitments carried on from a review), in the order they were made."""
    return f"c{max((int(c.id[1:]) for c in made), default=0) + 1}"


def checks_kept(session: SessionState, question: Question, text: str) -> list[str]:
    """The ids of the pack's checks a commitment of ``question`` matches in these words."""
    partner = partner_words(session.text_values())
    hits = matching_checks(text, session.pack.checks, partner, question.direction)
    return [check.id for check in hits]


def partner_words(values: dict[str, object]) -> str:
    """How the user refers to their partner (the answer to ``partner``), for the checks."""
    named = values.get(PARTNER)
    return named if isinstance(named, str) else ""


def default_due(question: Question, today: date) -> date:
    """The due date of a commitment of ``question`` when none is given."""
    return today + timedelta(days=due_days(question))


def carried_list(toward: Toward) -> Question:
    """The list a commitment carried on from a review belongs to: checked as a list toward the
    same person, worded in at most FOLLOW_TEXT_LIMIT characters, due a week later by default.
    It is recorded under the selector word "reviews": no pack question may have that id, and an
    export shares such commitments exactly when it shares the reviews."""
    return Question(id="carried", kind="list", prompt=REVIEWS, commitments=True,
                    toward=toward, max_length=FOLLOW_TEXT_LIMIT)  # fmt: skip


def carried_wording(review: Review) -> str:
    """What a commitment not kept is carried on as: its smaller version, or its own words."""
    return review.follow_text if review.follow == "smaller" else review.text


def carried_commitment(
    session: SessionState,
    review: Review,
    text: str,
    due: date,
    made: list[Commitment],
    schedule: str = DAILY,
) -> Commitment:
    """The commitment a review carries on after "not kept", linked to the one reviewed."""
    listed = carried_list(review.toward)
    origin = reviewed_ref(review)
    return new_commitment(session, listed, text, due, made, origin=origin, schedule=schedule)


def reviewed_row(session: SessionState, review: Review) -> CommitmentRow | None:
    """The earlier commitment a review of this session looks back at, as the history has it."""
    ref = reviewed_ref(review)
    return next((c for c in session.review_plan if c.ref == ref), None)


def reviewed_ref(review: Review) -> str:
    """The ``<session>/<id>`` of the commitment a review looks back at."""
    return f"{review.session}/{review.commitment}"


def new_review(
    commitment: CommitmentRow,
    outcome: Outcome,
    moment: datetime,
    note: str | None = None,
    checkins: tuple[int, int] = (0, 0),
) -> Review:
    """A review of an earlier commitment at ``moment``: the commitment's session, id, words
    and whom it was made to, with how it went and what its check-ins said (scheduled days
    done, and checked); without its note yet (None), it waits for it."""
    return Review(
        session=commitment.session,
        commitment=commitment.id,
        text=commitment.text,
        outcome=outcome,
        note=note or "",
        note_pending=note is None,
        reviewed_at=moment,
        toward=cast("Toward", commitment.toward),
        done_days=checkins[0],
        checked_days=checkins[1],
    )
