"""One session as a document to read: its steps, questions and answers in the session's language.

The document is built once from a journal (and its pack, when it can still be found, for step
titles and choice labels) and then rendered for the terminal, Markdown or HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from trustcoach.catalog.say import say
from trustcoach.journal.model import Answer, Commitment, Journal, Review
from trustcoach.packs.render import answer_words, fill_placeholders

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.packs.model import Pack

STATUS_WORDS: dict[str, Key] = {"in_progress": "doc_in_progress", "complete": "doc_complete"}
OUTCOME_WORDS: dict[str, Key] = {
    "kept": "doc_kept",
    "partly": "doc_partly",
    "not_kept": "doc_not_kept",
}


def commitment_line(commitment: Commitment, lang: str) -> str:
    """A commitment as one line: its text and due date, and the misconception checks the user
    saw and chose to keep it through (a counselor may want to talk about those)."""
    due = commitment.due.isoformat()
    if not commitment.flags:
        return say(lang, "doc_commitment", text=commitment.text, due=due)
    checks = commitment.flags
    return say(lang, "doc_commitment_checked", text=commitment.text, due=due, checks=checks)


def review_line(review: Review, lang: str) -> str:
    """An earlier commitment's review as one line: its text, how it went, and the note."""
    outcome = say(lang, OUTCOME_WORDS[review.outcome])
    if review.note:
        return say(lang, "doc_review_note", text=review.text, outcome=outcome, note=review.note)
    return say(lang, "doc_review", text=review.text, outcome=outcome)


class Item(NamedTuple):
    """One question as it was shown, and the answer as words."""

    question: str
    prompt: str
    answer: str
    skipped: bool = False


class Section(NamedTuple):
    """A step of the session and its answered questions."""

    id: str
    title: str
    items: list[Item]


class SessionDocument(NamedTuple):
    """Everything a reader sees of one session."""

    journal: Journal
    title: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    reviews: list[str]
    commitments: list[str]
    left_out: int

    @property
    def lang(self) -> str:
        """The session's language."""
        return self.journal.lang


def _pack_line(journal: Journal) -> str:
    """The pack a session used: id, version, and the start of its fingerprint."""
    fingerprint = f" ({journal.pack_sha256[:12]})" if journal.pack_sha256 else ""
    return f"{journal.pack} {journal.pack_version}{fingerprint}"


def answer_text(answer: Answer, pack: Pack | None, lang: str) -> str:
    """An answer as the reader should see it: labels for choices, lists joined."""
    if answer.skipped:
        return say(lang, "doc_skipped")
    if answer.shown:
        return answer.shown
    question = pack.question(answer.question) if pack else None
    if question is not None and question.kind != answer.kind:
        question = None  # the pack changed since: its labels may not fit this answer
    return answer_words(answer.value, lang, question)


def build(journal: Journal, pack: Pack | None, keep: set[str] | None = None) -> SessionDocument:
    """The document of a session; with ``keep``, only those question ids are included."""
    lang = journal.lang
    titles = {step.id: step.title for step in pack.steps} if pack else {}
    sections: dict[str, Section] = {}
    left_out = 0
    for answer in journal.answers:
        if keep is not None and answer.question not in keep:
            left_out += 1
            continue
        title = answer.step_title or titles.get(answer.step, answer.step)
        section = sections.setdefault(answer.step, Section(answer.step, title, []))
        prompt = answer.prompt
        if keep is not None and answer.template:
            prompt = _refill(answer.template, journal, pack, keep)
        section.items.append(
            Item(answer.question, prompt, answer_text(answer, pack, lang), answer.skipped)
        )
    meta = [
        (say(lang, "doc_started"), f"{journal.started_at:%Y-%m-%d %H:%M}"),
        (say(lang, "doc_status"), say(lang, STATUS_WORDS[journal.status])),
        (say(lang, "doc_pack"), _pack_line(journal)),
    ]
    if journal.finished_at is not None:
        meta.insert(1, (say(lang, "doc_finished"), f"{journal.finished_at:%Y-%m-%d %H:%M}"))
    reviews = []
    if keep is None or "reviews" in keep:
        reviews = [review_line(review, lang) for review in journal.reviews]
    else:
        left_out += len(journal.reviews)
    commitments = [
        commitment_line(c, lang) for c in journal.commitments if keep is None or c.question in keep
    ]
    return SessionDocument(
        journal=journal,
        title=say(lang, "doc_title", id=journal.id),
        meta=meta,
        sections=list(sections.values()),
        reviews=reviews,
        commitments=commitments,
        left_out=left_out,
    )


LEFT_OUT_MARK = "…"


def _refill(template: str, journal: Journal, pack: Pack | None, keep: set[str]) -> str:
    """A prompt filled again with only the answers that are kept, so that an answer left out
    (a partner's name, a rating) does not reappear inside another question."""

    def words(question_id: str) -> str:
        answer = journal.answer(question_id)
        if answer is None or answer.question not in keep or answer.skipped:
            return LEFT_OUT_MARK
        return answer_text(answer, pack, journal.lang)

    return fill_placeholders(template, words)


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
