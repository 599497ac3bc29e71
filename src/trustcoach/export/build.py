"""Building the one document of a session from its source (the journal, and its pack when
the journal needs it), keeping only what is shared. Every export, the report and ``show`` are
rendered from what this module returns, so a rule applied here holds in every format.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, cast, get_args, get_origin

from msgspec import Struct

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
from trustcoach.export.source import PackFound, PackNotNeeded
from trustcoach.names import PLACEHOLDER_RE, REVIEWS
from trustcoach.packs.render import answer_words, fill_placeholders

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.export.selection import Kept
    from trustcoach.export.source import SessionSource
    from trustcoach.journal.model import Answer, Commitment, Journal, Review
    from trustcoach.packs.model import Question

STATUS_WORDS: dict[str, Key] = {"in_progress": "doc_in_progress", "complete": "doc_complete"}
OUTCOME_WORDS: dict[str, Key] = {
    "kept": "doc_kept",
    "partly": "doc_partly",
    "not_kept": "doc_not_kept",
}
LEFT_OUT_MARK = "…"  # in place of an answer that another question quotes and is not shared

ReviewFilter = Callable[["Review"], bool]
_Part = TypeVar("_Part", bound=Struct)


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
    text = review.text or say(lang, "doc_review_forgotten")  # its words went with its session
    if review.note:
        line = say(lang, "doc_review_note", text=text, outcome=outcome, note=review.note)
    else:
        line = say(lang, "doc_review", text=text, outcome=outcome)
    line = with_checkins(line, review, lang)
    if review.follow == "smaller" and review.follow_text:
        return say(lang, "doc_follow_smaller", line=line, text=review.follow_text)
    if review.follow is not None:
        return say(lang, FOLLOW_WORDS[review.follow], line=line)
    return line


def answer_text(answer: Answer, lang: str, question: Question | None = None) -> str:
    """An answer as the reader should see it: labels for choices (``question``: the pack's,
    for a journal that does not keep what it showed), the items of a list one per line, a
    rating with its scale (as the journal keeps it shown: "3 / 10")."""
    if answer.skipped:
        return say(lang, "doc_skipped")
    if answer.shown:
        return answer.shown
    if answer.kind == "list" and isinstance(answer.value, list):
        return "\n".join(str(item) for item in answer.value)
    return answer_words(answer.value, lang, question)


def build(
    source: SessionSource,
    kept: Kept,
    shares_review: ReviewFilter | None = None,
    *,
    client: str | None = None,
    counselor: str | None = None,
) -> SharedSession:
    """The document of a session with only what ``kept`` keeps; a review also needs
    ``shares_review`` to say that its commitment is shared (None: every review, for ``show``).
    An export names the client's label and the pack's counselor when it has them."""
    journal, lang = source.journal, source.lang
    pack = source.pack.pack if isinstance(source.pack, PackFound) else None
    titles = {step.id: step.title for step in pack.steps} if pack else {}
    sections: dict[str, list[Item]] = {}
    section_titles: dict[str, str] = {}
    left_out = 0
    for answer in journal.answers:
        if answer.question not in kept.questions:
            left_out += 1
            continue
        section_titles.setdefault(answer.step, answer.step_title or titles.get(answer.step, ""))
        sections.setdefault(answer.step, []).append(_item(answer, source, kept))
    reviews = [
        review
        for review in journal.reviews
        if kept.reviews and (shares_review is None or shares_review(review))
    ]
    left_out += len(journal.reviews) - len(reviews)
    shared_refs = {f"{r.session}/{r.commitment}" for r in reviews}
    plan = tuple(ref for ref in journal.review_plan if ref in shared_refs)
    info = copied(journal, SessionInfo, review_plan=plan, client=client, counselor=counselor)
    return SharedSession(
        info=info,
        title=say(lang, "doc_title", id=journal.id),
        meta=_meta(info),
        sections=tuple(
            Section(id=step, title=section_titles[step] or step, items=tuple(items))
            for step, items in sections.items()
        ),
        commitments=tuple(
            copied(c, SharedCommitment, line=commitment_line(c, lang))
            for c in journal.commitments
            if (c.origin in shared_refs if c.question == REVIEWS else c.question in kept.questions)
        ),
        reviews=tuple(copied(r, SharedReview, line=review_line(r, lang)) for r in reviews),
        ratings=tuple(
            (a.question, a.value)
            for a in journal.answers
            if a.question in kept.questions and a.kind == "rating" and not a.skipped
            if isinstance(a.value, int) and not isinstance(a.value, bool)
        ),
        left_out=left_out,
    )


def copied(record: Struct, into: type[_Part], **made: object) -> _Part:
    """A part of the document made from a part of the journal: every field of ``into`` that
    ``record`` has by the same name, copied (lists as tuples), and the others given in
    ``made``. Only what the document's types name can reach a document; a field they name
    that nothing fills is an error here, never a silent default."""
    return cast("_Part", _copier(type(record), into, tuple(made))(record, **made))


@cache
def _copier(
    record: type[Struct], into: type[Struct], made: tuple[str, ...]
) -> Callable[..., Struct]:
    """The copy from a ``record`` into an ``into``, written once per pair as the code one
    would write by hand (``into(step=record.step, ...)``), so that it costs the same: made of
    a dict of values, each copy cost several times as much."""
    import msgspec

    every = set(into.__struct_fields__)
    missing = every - set(record.__struct_fields__) - set(made)
    if missing:
        raise TypeError(f"nothing fills {into.__name__}.{', '.join(sorted(missing))}")
    fields = [f for f in msgspec.structs.fields(record) if f.name in every - set(made)]
    values = [
        f"{f.name}=_frozen(r.{f.name})" if _listed(f.type) else f"{f.name}=r.{f.name}"
        for f in fields
    ] + [f"{name}={name}" for name in made]
    namespace: dict[str, Any] = {"into": into, "_frozen": _frozen}
    code = f"def copy(r, *, {', '.join(made)}):\n    return into({', '.join(values)})\n"
    exec(code if made else code.replace(", *, ", ""), namespace)
    copy: Callable[..., Struct] = namespace["copy"]
    return copy


def _listed(kind: object) -> bool:
    """Whether a field of this type may hold a list."""
    return kind is list or get_origin(kind) is list or any(_listed(k) for k in get_args(kind))


def _frozen(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _item(answer: Answer, source: SessionSource, kept: Kept) -> Item:
    question = source.fitting_question(answer)
    return copied(
        answer,
        Item,
        prompt=_prompt(answer, source, kept),
        words=answer_text(answer, source.lang, question),
        codes=_codes(answer, question),
    )


def _codes(answer: Answer, question: Question | None) -> tuple[tuple[str, str], ...]:
    """A choice's values with the labels the user saw: from the pack when the journal needs it
    and it still fits, else as the journal keeps them (the values themselves when it does not
    know them: a journal of version 1 whose shown value could not tell)."""
    if answer.kind not in ("choice", "multi") or answer.skipped:
        return ()
    chosen = answer.value if isinstance(answer.value, list) else [answer.value]
    values = [str(value) for value in chosen]
    if question is not None:
        labels = [question.choice_label(value) for value in values]
    else:
        labels = answer.labels or values  # the journal holds as many labels as values, or none
    return tuple(zip(values, labels, strict=True))


def _prompt(answer: Answer, source: SessionSource, kept: Kept) -> str:
    """The prompt as shown, unless it quotes an answer that is not shared: then it is filled
    again with a neutral mark in that answer's place.

    Journals written before answers kept their prompt's template take it from the pack; when
    the pack is gone too, the words of every typed answer that is not shared are taken out."""
    journal, template = source.journal, answer.template
    if not template and not isinstance(source.pack, PackNotNeeded):
        question = source.question(answer.question)
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
        return answer_text(quoted_answer, source.lang, source.fitting_question(quoted_answer))

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
