"""Putting an export together: which session(s), what they share, which format.

Every session is read once into a ``SessionSource``; every renderer (``formats.FORMATS``)
receives a ``SharedSession`` built here from it, once, by ``build.build`` under the rules of
``selection``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, Protocol

from trustcoach.errors import UsageError
from trustcoach.export.selection import Selection

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.export.document import SharedSession
    from trustcoach.export.selection import Kept
    from trustcoach.export.source import SessionSource
    from trustcoach.journal.model import Review
    from trustcoach.journal.store import JournalStore

REVIEWS_ITEM = ":reviews"  # the reviews' item in --share: no question can have this id


class ShareItem(NamedTuple):
    """One thing the client may share: its id, the question as shown, the answer as words,
    whether sharing it is suggested, and why not when it is not (a sentence)."""

    id: str
    prompt: str
    answer: str
    suggested: bool
    why: str = ""


class ShareChooser(Protocol):
    """Asks the client, item by item, what goes into an export (the CLI implements it)."""

    def choose_shared(self, items: list[ShareItem]) -> set[str]:
        """The ids of the items to include."""


def load_session(store: JournalStore, ref: str) -> SessionSource:
    """A session read for export: its journal, and its pack when the journal needs it."""
    from trustcoach.export.source import SessionSource

    return SessionSource.read(store.load(store.resolve(ref)), store.home)


def own_document(source: SessionSource) -> SharedSession:
    """Everything of a session, for the person who wrote it (``show``)."""
    from trustcoach.export.build import build
    from trustcoach.export.selection import everything

    return build(source, everything(source.journal))


class Origins:
    """Whether an earlier commitment is shared under a selection, decided in the session that
    made it (read once per session). A session that cannot be read any more (forgotten,
    damaged) shares none of its commitments: nothing can say they were not withheld."""

    def __init__(self, store: JournalStore, selection: Selection) -> None:
        self.store = store
        self.selection = selection
        self._shared: dict[str, frozenset[str]] = {}

    def add(self, source: SessionSource) -> None:
        """A session already read: its commitments that the selection does not withhold."""
        from trustcoach.export.selection import withheld

        held = withheld(source, self.selection)
        journal = source.journal
        shared = frozenset(c.id for c in journal.commitments if c.question not in held)
        self._shared[journal.id] = shared

    def shares(self, review: Review) -> bool:
        """Whether the commitment a review looks back on is shared in its own session."""
        if review.session not in self._shared:
            from trustcoach.export.source import SessionSource
            from trustcoach.journal.store import Unreadable

            found = self.store.read(review.session, fast=True)  # only read, never kept
            if isinstance(found, Unreadable):
                self._shared[review.session] = frozenset()
            else:
                self.add(SessionSource.read(found, self.store.home))
        return review.commitment in self._shared[review.session]


def session_document(
    store: JournalStore,
    source: SessionSource,
    selection: Selection,
    chooser: ShareChooser | None = None,
    client: str | None = None,
) -> SharedSession:
    """The document of one session with what the client shares.

    Without names, what the pack shares by default. With a ``chooser``, the client is asked
    about every answer, starting from that; reviews whose commitment is withheld in its own
    session are not offered."""
    from trustcoach.export.build import build
    from trustcoach.export.selection import check_names, kept

    check_names(selection, [source.journal], more=_pack_names([source]))
    origins = Origins(store, selection)
    chosen = kept(source, selection)
    if chooser is not None:
        offered = [r for r in source.journal.reviews if origins.shares(r)]
        why = _reasons(source, selection)
        answer = chooser.choose_shared(_share_items(source, chosen, offered, why))
        chosen = chosen._replace(
            questions=frozenset(answer - {REVIEWS_ITEM}), reviews=REVIEWS_ITEM in answer
        )
    return build(source, chosen, origins.shares, client=client, counselor=source.counselor)


def _reasons(source: SessionSource, selection: Selection) -> dict[str, str]:
    """Why each answer (and the reviews) is suggested to stay out, as a sentence."""
    from trustcoach.catalog.say import say
    from trustcoach.export.selection import why_withheld
    from trustcoach.names import REVIEWS

    keys: dict[str, Key] = {
        "excluded": "share_why_excluded",
        "not_chosen": "share_why_not_chosen",
        "private": "share_why_private_counselor" if source.counselor else "share_why_private",
    }
    found = why_withheld(source, selection)
    said = {item: say(source.lang, keys[reason]) for item, reason in found.items()}
    if REVIEWS in said:
        said[REVIEWS_ITEM] = said.pop(REVIEWS)
    return said


def _share_items(
    source: SessionSource, suggested: Kept, reviews: list[Review], why: dict[str, str]
) -> list[ShareItem]:
    from trustcoach.catalog.say import say
    from trustcoach.export.build import answer_text, review_line

    items = []
    lang = source.lang
    if reviews:
        lines = "\n".join(review_line(review, lang) for review in reviews)
        title = say(lang, "share_reviews", count=len(reviews))
        reason = "" if suggested.reviews else why.get(REVIEWS_ITEM, "")
        items.append(ShareItem(REVIEWS_ITEM, title, lines, suggested.reviews, reason))
    for answer in source.journal.answers:
        text = answer_text(answer, lang, source.fitting_question(answer))
        shared = answer.question in suggested.questions
        reason = "" if shared else why.get(answer.question, "")
        items.append(ShareItem(answer.question, answer.prompt, text, shared, reason))
    return items


def report_text(
    store: JournalStore,
    since: str,
    fmt: str,
    *,
    selection: Selection,
    today: date,
    lang: str,
    client: str | None = None,
) -> str:
    """The progress report over every session started on or after ``since``, in the language
    of the newest of them (``lang`` when there is none)."""
    from trustcoach.export import report
    from trustcoach.export.build import build
    from trustcoach.export.formats import report_format, report_renderer
    from trustcoach.export.keeping import keeping
    from trustcoach.export.selection import check_names, kept, shares_reviews
    from trustcoach.journal.index import history

    start = report_start(since, today)
    render = report_renderer(report_format(fmt))
    loaded = [
        load_session(store, row.id)
        for row in history(store).sessions
        if row.started_on >= start.isoformat()
    ]
    if loaded:
        journals = [source.journal for source in loaded]
        check_names(selection, journals, since=start.isoformat(), more=_pack_names(loaded))
    origins = Origins(store, selection)
    for source in loaded:
        origins.add(source)
    docs = [
        build(s, kept(s, selection), origins.shares, counselor=s.counselor) for s in loaded
    ]
    lang = docs[-1].lang if docs else lang
    reviews = shares_reviews(selection)
    strengths = keeping(docs)
    made = report.Report(
        lang, start.isoformat(), today.isoformat(), docs, reviews, client, strengths
    )
    return render(made)


def report_start(since: str, today: date) -> date:
    """The first day of a report: a date, and not one still to come."""
    try:
        start = date.fromisoformat(since)
    except ValueError:
        raise UsageError("since_bad_date", value=since) from None
    if start > today:
        raise UsageError("since_future", since=since, today=today.isoformat())
    return start


def _pack_names(sources: list[SessionSource]) -> Callable[[], set[str]]:
    """The step and question ids of these sessions' packs, read only when a name is not found
    among their answers: an unfinished session has not reached every question yet."""
    return lambda: {name for source in sources for name in source.pack_names()}
