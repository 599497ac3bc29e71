"""Putting an export together: which session(s), which answers, which format.

Renderers are found by the format's name: ``render_<format>.py`` with a ``render(document)``
function. A new format is a new file and one entry in ``FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from trustcoach.errors import UsageError

if TYPE_CHECKING:
    from trustcoach.export.document import SessionDocument
    from trustcoach.journal.model import Journal
    from trustcoach.journal.store import JournalStore
    from trustcoach.packs.model import Pack

FORMATS = ("md", "json", "html")
REPORT_FORMATS = ("md", "html")


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


def renderer(fmt: str) -> Callable[[SessionDocument], str]:
    """The function that renders one session in ``fmt``."""
    import importlib

    check_format(fmt)
    module = importlib.import_module(f"trustcoach.export.render_{fmt}")
    render: Callable[[SessionDocument], str] = module.render
    return render


def load_session(store: JournalStore, ref: str) -> tuple[Journal, Pack | None]:
    """The journal of a session, and its pack when the journal needs it to be read."""
    from trustcoach.export.document import find_pack_for

    journal = store.load(store.resolve(ref))
    return journal, find_pack_for(journal, store.home)


def session_document(
    journal: Journal,
    pack: Pack | None,
    only: list[str],
    exclude: list[str],
    chooser: ShareChooser | None = None,
) -> SessionDocument:
    """The document of one session with the answers the client keeps.

    Without ``only`` or ``exclude``, the answers the pack shares by default are kept. With a
    ``chooser``, the client is asked about every answer, starting from that choice.
    """
    from trustcoach.export.document import build
    from trustcoach.export.selection import default_shared, select

    keep = select(journal, only, exclude)
    if keep is None:  # nothing chosen: what the pack shares by default
        keep = default_shared(journal, pack)
    if chooser is not None:
        keep = chooser.choose_shared(_share_items(journal, pack, keep))
    return build(journal, pack, keep)


def _share_items(journal: Journal, pack: Pack | None, suggested: set[str]) -> list[ShareItem]:
    from trustcoach.catalog.say import say
    from trustcoach.export.document import OUTCOME_WORDS, answer_text
    from trustcoach.export.selection import REVIEWS

    items = []
    lang = journal.lang
    if journal.reviews:
        lines = [
            say(lang, "doc_review", text=r.text, outcome=say(lang, OUTCOME_WORDS[r.outcome]))
            for r in journal.reviews
        ]
        title = say(journal.lang, "share_reviews", count=len(journal.reviews))
        items.append(ShareItem(REVIEWS, title, "\n".join(lines), REVIEWS in suggested))
    for answer in journal.answers:
        text = answer_text(answer, pack, journal.lang)
        items.append(ShareItem(answer.question, answer.prompt, text, answer.question in suggested))
    return items


def report_text(
    store: JournalStore,
    since: str,
    fmt: str,
    *,
    only: list[str],
    exclude: list[str],
    today: date,
    lang: str,
) -> str:
    """The progress report over every session started on or after ``since``, in the language
    of the newest of them (``lang`` when there is none)."""
    from trustcoach.export import report
    from trustcoach.journal.index import history

    try:
        start = date.fromisoformat(since)
    except ValueError:
        raise UsageError("since_bad_date", value=since) from None
    if fmt not in REPORT_FORMATS:
        raise UsageError("report_formats")
    rows = history(store)
    docs = []
    for row in rows.sessions:
        if row.started_on < start.isoformat():
            continue
        journal, pack = load_session(store, row.id)
        docs.append(session_document(journal, pack, only, exclude))
    lang = docs[-1].lang if docs else lang
    made = report.Report(lang, start.isoformat(), today.isoformat(), docs, rows.kept)
    return report.to_html(made) if fmt == "html" else report.to_markdown(made)


def default_output(session_id: str, fmt: str) -> Path:
    """Where a shared export goes when no --output is given: the current folder."""
    return Path(f"trustcoach-{session_id}.{fmt}")
