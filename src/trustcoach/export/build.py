"""Building the one document of a session: from its journal (and its pack, when the journal
needs it), keeping only what is shared. Every export, the report and ``show`` are rendered from
what this module returns, so a rule applied here holds in every format.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from trustcoach.catalog.say import say
from trustcoach.export.days import with_checkins, with_days
from trustcoach.export.document import (
    Item,
    Section,
    SessionInfo,
    SharedCommitment,
    SharedReview,
    SharedSession,
)
from trustcoach.journal.model import Answer, Commitment, Journal, Review
from trustcoach.names import PLACEHOLDER_RE, REVIEWS
from trustcoach.packs.render import answer_words, fill_placeholders

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.export.selection import Kept
    from trustcoach.packs.model import Pack

STATUS_WORDS: dict[str, Key] = {"in_progress": "doc_in_progress", "complete": "doc_complete"}
OUTCOME_WORDS: dict[str, Key] = dict(kept="doc_kept", partly="doc_partly", not_kept="doc_not_kept")
LEFT_OUT_MARK = "…"  # in place of an answer that another question quotes and is not shared

ReviewFilter = Callable[[Review], bool]


FOLLOW_WORDS: dict[str, Key] = {
    "smaller": "doc_follow_smaller_pending",
    "carry": "doc_follow_carry",
    "let_go": "doc_follow_let_go",
}


def commitment_line(commitment: Commitment, lang: str) -> str:
    """A commitment as one line: its text and due date, whether it is a promise to oneself,
    the wording it was made smaller from, and the misconception checks the user saw and chose
    to keep it through (a counselor may want to talk about those)."""
    due = commitment.due.isoformat()
    if not commitment.flags:
        line = say(lang, "doc_commitment", text=commitment.text, due=due)
    else:
        checks = commitment.flags
        line = say(lang, "doc_commitment_checked", text=commitment.text, due=due, checks=checks)
    line = with_days(line, commitment.schedule, lang)
    if commitment.smaller_from:
        line = say(lang, "doc_smaller_from", line=line, text=commitment.smaller_from)
    return say(lang, "doc_to_self", line=line) if commitment.toward == "self" else line


def review_line(review: Review, lang: str) -> str:
    """An earlier commitment's review as one line: its text, how it went, the note, the
    check-ins, and what the user chose to do next when it was not kept."""
    outcome = say(lang, OUTCOME_WORDS[review.outcome])
    if review.note:
        line = say(lang, "doc_review_note", text=review.text, outcome=outcome, note=review.note)
    else:
        line = say(lang, "doc_review", text=review.text, outcome=outcome)
    line = with_checkins(line, review, lang)
    if review.follow == "smaller" and review.follow_text:
        return say(lang, "doc_follow_smaller", line=line, text=review.follow_text)
    if review.follow is not None:
        return say(lang, FOLLOW_WORDS[review.follow], line=line)
    return line


def answer_text(answer: Answer, pack: Pack | None, lang: str) -> str:
    """An answer as the reader should see it: labels for choices, the items of a list one per
    line, a rating with its scale (as the journal keeps it shown: "3 / 10")."""
    if answer.skipped:
        return say(lang, "doc_skipped")
    if answer.shown:
        return answer.shown
    if answer.kind == "list" and isinstance(answer.value, list):
        return "\n".join(str(item) for item in answer.value)
    question = pack.question(answer.question) if pack else None
    if question is not None and question.kind != answer.kind:
        question = None  # the pack changed since: its labels may not fit this answer
    return answer_words(answer.value, lang, question)


def build(
    journal: Journal,
    pack: Pack | None,
    kept: Kept,
    shares_review: ReviewFilter | None = None,
    *,
    client: str | None = None,
    counselor: str | None = None,
) -> SharedSession:
    """The document of a session with only what ``kept`` keeps; a review also needs
    ``shares_review`` to say that its commitment is shared (None: every review, for ``show``).
    An export names the client's label and the pack's counselor when it has them."""
    lang = journal.lang
    titles = {step.id: step.title for step in pack.steps} if pack else {}
    sections: dict[str, list[Item]] = {}
    section_titles: dict[str, str] = {}
    left_out = 0
    for answer in journal.answers:
        if answer.question not in kept.questions:
            left_out += 1
            continue
        section_titles.setdefault(answer.step, answer.step_title or titles.get(answer.step, ""))
        sections.setdefault(answer.step, []).append(_item(answer, journal, pack, kept))
    reviews = [
        review
        for review in journal.reviews
        if kept.reviews and (shares_review is None or shares_review(review))
    ]
    left_out += len(journal.reviews) - len(reviews)
    shared_refs = {f"{r.session}/{r.commitment}" for r in reviews}
    info = SessionInfo(
        id=journal.id,
        lang=lang,
        status=journal.status,
        pack=journal.pack,
        pack_version=journal.pack_version,
        pack_sha256=journal.pack_sha256,
        started_at=journal.started_at,
        finished_at=journal.finished_at,
        review_plan=tuple(ref for ref in journal.review_plan if ref in shared_refs),
        client=client,
        counselor=counselor,
    )
    return SharedSession(
        info=info,
        title=say(lang, "doc_title", id=journal.id),
        meta=_meta(info),
        sections=tuple(
            Section(id=step, title=section_titles[step] or step, items=tuple(items))
            for step, items in sections.items()
        ),
        commitments=tuple(
            _commitment(c, lang)
            for c in journal.commitments
            if (c.origin in shared_refs if c.question == REVIEWS else c.question in kept.questions)
        ),
        reviews=tuple(_review(r, lang) for r in reviews),
        ratings=tuple(
            (a.question, a.value)
            for a in journal.answers
            if a.question in kept.questions and a.kind == "rating" and not a.skipped
            if isinstance(a.value, int) and not isinstance(a.value, bool)
        ),
        left_out=left_out,
    )


def _item(answer: Answer, journal: Journal, pack: Pack | None, kept: Kept) -> Item:
    value = tuple(answer.value) if isinstance(answer.value, list) else answer.value
    return Item(
        step=answer.step,
        question=answer.question,
        kind=answer.kind,
        prompt=_prompt(answer, journal, pack, kept),
        value=value,
        answered_at=answer.answered_at,
        skipped=answer.skipped,
        step_title=answer.step_title,
        label=answer.label,
        shown=answer.shown,
        share=answer.share,
        template=answer.template,
        words=answer_text(answer, pack, journal.lang),
        codes=_codes(answer, pack, journal.lang),
    )


def _codes(answer: Answer, pack: Pack | None, lang: str) -> tuple[tuple[str, str], ...]:
    """A choice's values with the labels the user saw: from the pack when it is at hand and
    still fits, else from what the journal shows (the value itself when that cannot tell)."""
    if answer.kind not in ("choice", "multi") or answer.skipped:
        return ()
    values = [str(v) for v in answer.value] if isinstance(answer.value, list) else [answer.value]
    question = pack.question(answer.question) if pack else None
    if question is not None and question.kind == answer.kind:
        return tuple((str(v), question.choice_label(str(v))) for v in values)
    if answer.kind == "choice":
        labels = [answer.shown or str(answer.value)]
    else:
        labels = answer.shown.split(say(lang, "list_separator")) if answer.shown else []
    if len(labels) != len(values):
        labels = [str(v) for v in values]
    return tuple((str(v), label) for v, label in zip(values, labels, strict=True))


def _prompt(answer: Answer, journal: Journal, pack: Pack | None, kept: Kept) -> str:
    """The prompt as shown, unless it quotes an answer that is not shared: then it is filled
    again with a neutral mark in that answer's place.

    Journals written before answers kept their prompt's template take it from the pack; when
    the pack is gone too, the words of every typed answer that is not shared are taken out."""
    template = answer.template
    if not template and needs_pack(journal):
        question = pack.question(answer.question) if pack else None
        if question is None:
            return _scrubbed(answer.prompt, journal, kept)
        if PLACEHOLDER_RE.search(question.prompt):
            from trustcoach.text import reflow

            template = reflow(question.prompt)
    if not template:
        return answer.prompt
    quoted = [name for name in PLACEHOLDER_RE.findall(template) if journal.answer(name)]
    if all(name in kept.questions for name in quoted):
        return answer.prompt

    def words(question_id: str) -> str:
        quoted_answer = journal.answer(question_id)
        if quoted_answer is None or question_id not in kept.questions or quoted_answer.skipped:
            return LEFT_OUT_MARK
        if quoted_answer.kind == "rating":  # as the prompt showed it: "at 3 out of 10"
            return str(quoted_answer.value)
        return answer_text(quoted_answer, pack, journal.lang)

    return fill_placeholders(template, words)


def _scrubbed(prompt: str, journal: Journal, kept: Kept) -> str:
    """A prompt with the words of every typed answer that is not shared taken out."""
    for other in journal.answers:
        if other.question in kept.questions or other.kind not in ("text", "list"):
            continue
        values = other.value if isinstance(other.value, list) else [other.value]
        for words in values:
            if isinstance(words, str) and len(words.strip()) > 1:
                prompt = prompt.replace(words, LEFT_OUT_MARK)
    return prompt


def _commitment(commitment: Commitment, lang: str) -> SharedCommitment:
    return SharedCommitment(
        id=commitment.id,
        question=commitment.question,
        text=commitment.text,
        due=commitment.due,
        flags=tuple(commitment.flags),
        toward=commitment.toward,
        origin=commitment.origin,
        smaller_from=commitment.smaller_from,
        line=commitment_line(commitment, lang),
        schedule=commitment.schedule,
    )


def _review(review: Review, lang: str) -> SharedReview:
    return SharedReview(
        session=review.session,
        commitment=review.commitment,
        text=review.text,
        outcome=review.outcome,
        note=review.note,
        note_pending=review.note_pending,
        reviewed_at=review.reviewed_at,
        toward=review.toward,
        follow=review.follow,
        follow_text=review.follow_text,
        line=review_line(review, lang),
        done_days=review.done_days, checked_days=review.checked_days,
    )


def _meta(info: SessionInfo) -> tuple[tuple[str, str], ...]:
    """Labelled lines about the session: when, its state, and the pack by id and version."""
    lang = info.lang
    fingerprint = f" ({info.pack_sha256[:12]})" if info.pack_sha256 else ""
    meta = [
        (say(lang, "doc_started"), f"{info.started_at:%Y-%m-%d %H:%M}"),
        (say(lang, "doc_status"), say(lang, STATUS_WORDS[info.status])),
        (say(lang, "doc_pack"), f"{info.pack} {info.pack_version}{fingerprint}"),
    ]
    if info.finished_at is not None:
        meta.insert(1, (say(lang, "doc_finished"), f"{info.finished_at:%Y-%m-%d %H:%M}"))
    if info.counselor:
        meta.insert(0, (say(lang, "doc_counselor"), info.counselor))
    if info.client:
        meta.insert(0, (say(lang, "doc_client"), info.client))
    return tuple(meta)


def needs_pack(journal: Journal) -> bool:
    """Whether a journal lacks what its answers need to be read without the pack
    (journals written before answers carried their step titles and shown values)."""
    return any(not answer.step_title for answer in journal.answers)


def find_pack_for(journal: Journal, home: Path) -> Pack | None:
    """The pack a session was made with, when the journal needs it and it can still be read."""
    if not needs_pack(journal):
        return None
    from trustcoach.errors import TrustcoachError
    from trustcoach.packs.loading import find_session_pack

    try:
        return find_session_pack(journal.pack, journal.pack_source, journal.lang, home).pack
    except TrustcoachError:
        return None


def pack_names(journal: Journal, home: Path) -> set[str]:
    """The step and question ids of the pack a session was made with (none when it cannot be
    read any more)."""
    from trustcoach.errors import TrustcoachError
    from trustcoach.packs.loading import find_session_pack

    try:
        pack = find_session_pack(journal.pack, journal.pack_source, journal.lang, home).pack
    except TrustcoachError:
        return set()
    return {step.id for step in pack.steps} | {question.id for _, question in pack.questions()}
