"""Putting an export together: which session(s), which answers, which format."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trustcoach.errors import UsageError

if TYPE_CHECKING:
    from trustcoach.document import SessionDocument
    from trustcoach.journal import Journal
    from trustcoach.store import JournalStore
    from trustcoach.ui import TerminalUI

FORMATS = ("md", "json", "html")


def check_format(fmt: str) -> None:
    """Refuse formats other than md, json and html."""
    if fmt not in FORMATS:
        raise UsageError(f"--format must be md, json or html, not '{fmt}'")


def render_session(doc: SessionDocument, fmt: str) -> str:
    """One session in the chosen format."""
    from trustcoach import export

    renderers = {"md": export.to_markdown, "json": export.to_json, "html": export.to_html}
    return renderers[fmt](doc)


def session_document(
    store: JournalStore, ref: str, only: list[str], exclude: list[str], ui: TerminalUI | None
) -> tuple[SessionDocument, str]:
    """The document of one session with the answers the client keeps, and its session id.

    Without ``only`` or ``exclude``, the answers the pack shares by default are kept. With
    ``ui``, the client is asked about every answer, starting from that choice.
    """
    from trustcoach.document import build, find_pack_for
    from trustcoach.sharing import default_shared, select

    journal = store.load(store.resolve(ref))
    pack = find_pack_for(journal, store.home)
    keep = select(journal, only, exclude)
    if keep is None:  # nothing chosen: what the pack shares by default
        keep = default_shared(journal, pack)
    if ui is not None:
        keep = ui.choose_shared(_share_items(journal, pack, keep))
    return build(journal, pack, keep), journal.id


def _share_items(
    journal: Journal, pack: Any, suggested: set[str]
) -> list[tuple[str, str, str, bool]]:
    from trustcoach.document import answer_text, label
    from trustcoach.sharing import REVIEWS

    items = []
    if journal.reviews:
        lines = [f"{r.text} — {label(journal.lang, r.outcome)}" for r in journal.reviews]
        title = _review_title(journal)
        items.append((REVIEWS, title, "\n".join(lines), REVIEWS in suggested))
    for answer in journal.answers:
        text = answer_text(answer, pack, journal.lang)
        items.append((answer.question, answer.prompt, text, answer.question in suggested))
    return items


def _review_title(journal: Journal) -> str:
    from trustcoach.messages import say

    return say(journal.lang, "share_reviews", count=len(journal.reviews))


def report_text(
    store: JournalStore,
    since: str,
    fmt: str,
    *,
    only: list[str],
    exclude: list[str],
    today: date,
) -> str:
    """The progress report over every session started on or after ``since``."""
    from trustcoach import report
    from trustcoach.document import build, find_pack_for
    from trustcoach.history import kept_counts
    from trustcoach.index import history
    from trustcoach.sharing import default_shared, select

    try:
        start = date.fromisoformat(since)
    except ValueError:
        raise UsageError(f"--since needs a date like 2026-11-01, not '{since}'") from None
    if fmt == "json":
        raise UsageError("a report over several sessions is written as md or html")
    rows = history(store)
    docs = []
    for row in rows.sessions:
        if row.started_on < start.isoformat():
            continue
        journal = store.load(row.id)
        pack = find_pack_for(journal, store.home)
        keep = select(journal, only, exclude)
        docs.append(
            build(journal, pack, keep if keep is not None else default_shared(journal, pack))
        )
    lang = docs[-1].lang if docs else "en"
    made = report.Report(lang, start.isoformat(), today.isoformat(), docs, kept_counts(rows))
    return report.to_html(made) if fmt == "html" else report.to_markdown(made)


def default_output(session_id: str, fmt: str) -> Path:
    """Where a shared export goes when no --output is given: the current folder."""
    return Path(f"trustcoach-{session_id}.{fmt}")
