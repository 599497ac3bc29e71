"""Putting an export together: which session(s), what they share, which format.

Renderers are found by the format's name: ``render_<format>.py`` with a ``render(document)``
function. A new format is a new file and one entry in ``FORMATS``. Every renderer receives a
``SharedSession`` built here, once, by ``build.build`` under the rules of ``selection``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from trustcoach.errors import UsageError
from trustcoach.export.selection import Selection

if TYPE_CHECKING:
    from trustcoach.export.document import SharedSession
    from trustcoach.export.selection import Kept
    from trustcoach.journal.model import Journal, Review
    from trustcoach.journal.store import JournalStore
    from trustcoach.packs.model import Pack

FORMATS = ("md", "json", "html")
REPORT_FORMATS = ("md", "html")
REVIEWS_ITEM = ":reviews"  # the reviews' item in --share: no question can have this id


class ShareItem(NamedTuple):
    """One thing the client may share: its id, the question as shown, the answer as words,
    and whether the pack suggests sharing it."""

    id: str
    prompt: str
    answer: str
    suggested: bool


class ShareChooser(Protocol):
    """Asks the client, item by item, what goes into an export (the CLI implements it)."""

    def choose_shared(self, items: list[ShareItem]) -> set[str]:
        """The ids of the items to include."""


def check_format(fmt: str) -> None:
    """Refuse formats that have no renderer."""
    if fmt not in FORMATS:
        raise UsageError("bad_format", value=fmt)


def renderer(fmt: str) -> Callable[[SharedSession], str]:
    """The function that renders one session in ``fmt``."""
    import importlib

    check_format(fmt)
    module = importlib.import_module(f"trustcoach.export.render_{fmt}")
    render: Callable[[SharedSession], str] = module.render
    return render


def load_session(store: JournalStore, ref: str) -> tuple[Journal, Pack | None]:
    """The journal of a session, and its pack when the journal needs it to be read."""
    from trustcoach.export.build import find_pack_for

    journal = store.load(store.resolve(ref))
    return journal, find_pack_for(journal, store.home)


def own_document(journal: Journal, pack: Pack | None) -> SharedSession:
    """Everything of a session, for the person who wrote it (``show``)."""
    from trustcoach.export.build import build
    from trustcoach.export.selection import everything

    return build(journal, pack, everything(journal))


class Origins:
    """Whether an earlier commitment is shared under a selection, decided in the session that
    made it (read once per session). A session that cannot be read any more (forgotten,
    damaged) shares none of its commitments: nothing can say they were not withheld."""

    def __init__(self, store: JournalStore, selection: Selection) -> None:
        self.store = store
        self.selection = selection
        self._shared: dict[str, frozenset[str]] = {}

    def add(self, journal: Journal, pack: Pack | None) -> None:
        """A session already read: its commitments that the selection does not withhold."""
        from trustcoach.export.selection import withheld

        held = withheld(journal, pack, self.selection)
        shared = frozenset(c.id for c in journal.commitments if c.question not in held)
        self._shared[journal.id] = shared

    def shares(self, review: Review) -> bool:
        """Whether the commitment a review looks back on is shared in its own session."""
        if review.session not in self._shared:
            from trustcoach.export.build import find_pack_for
            from trustcoach.journal.store import Unreadable

            found = self.store.read(review.session, fast=True)  # only read, never kept
            if isinstance(found, Unreadable):
                self._shared[review.session] = frozenset()
            else:
                self.add(found, find_pack_for(found, self.store.home))
        return review.commitment in self._shared[review.session]


def session_document(
    store: JournalStore,
    journal: Journal,
    pack: Pack | None,
    selection: Selection,
    chooser: ShareChooser | None = None,
) -> SharedSession:
    """The document of one session with what the client shares.

    Without names, what the pack shares by default. With a ``chooser``, the client is asked
    about every answer, starting from that; reviews whose commitment is withheld in its own
    session are not offered."""
    from trustcoach.export.build import build
    from trustcoach.export.selection import check_names, kept

    check_names(selection, [journal])
    origins = Origins(store, selection)
    chosen = kept(journal, pack, selection)
    if chooser is not None:
        offered = [r for r in journal.reviews if origins.shares(r)]
        answer = chooser.choose_shared(_share_items(journal, pack, chosen, offered))
        chosen = chosen._replace(
            questions=frozenset(answer - {REVIEWS_ITEM}), reviews=REVIEWS_ITEM in answer
        )
    return build(journal, pack, chosen, origins.shares)


def _share_items(
    journal: Journal, pack: Pack | None, suggested: Kept, reviews: list[Review]
) -> list[ShareItem]:
    from trustcoach.catalog.say import say
    from trustcoach.export.build import answer_text, review_line

    items = []
    lang = journal.lang
    if reviews:
        lines = "\n".join(review_line(review, lang) for review in reviews)
        title = say(lang, "share_reviews", count=len(reviews))
        items.append(ShareItem(REVIEWS_ITEM, title, lines, suggested.reviews))
    for answer in journal.answers:
        text = answer_text(answer, pack, lang)
        shared = answer.question in suggested.questions
        items.append(ShareItem(answer.question, answer.prompt, text, shared))
    return items


def report_text(
    store: JournalStore,
    since: str,
    fmt: str,
    *,
    selection: Selection,
    today: date,
    lang: str,
) -> str:
    """The progress report over every session started on or after ``since``, in the language
    of the newest of them (``lang`` when there is none)."""
    from trustcoach.export import report
    from trustcoach.export.build import build
    from trustcoach.export.selection import check_names, kept, shares_reviews
    from trustcoach.journal.index import history

    try:
        start = date.fromisoformat(since)
    except ValueError:
        raise UsageError("since_bad_date", value=since) from None
    if fmt not in REPORT_FORMATS:
        raise UsageError("report_formats")
    loaded = [
        load_session(store, row.id)
        for row in history(store).sessions
        if row.started_on >= start.isoformat()
    ]
    if loaded:
        check_names(selection, [journal for journal, _ in loaded], since=start.isoformat())
    origins = Origins(store, selection)
    for journal, pack in loaded:
        origins.add(journal, pack)
    docs = [build(j, p, kept(j, p, selection), origins.shares) for j, p in loaded]
    lang = docs[-1].lang if docs else lang
    reviews = shares_reviews(selection)
    made = report.Report(lang, start.isoformat(), today.isoformat(), docs, reviews)
    return report.to_html(made) if fmt == "html" else report.to_markdown(made)


def default_output(session_id: str, fmt: str) -> Path:
    """Where a shared export goes when no --output is given: the current folder."""
    return Path(f"trustcoach-{session_id}.{fmt}")
