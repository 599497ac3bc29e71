"""Terminal views over the journals: one session (show), all sessions (list), progress, home.

The functions that build rows and charts are pure and return text or data; printing is left to
the CLI. Every user text passes through ``visible()``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from trustcoach.history import History, Ledger, kept_counts, ledger, made_counts
from trustcoach.index import Unreadable
from trustcoach.text import visible

if TYPE_CHECKING:
    from trustcoach.document import SessionDocument

BLOCKS = "▁▂▃▄▅▆▇█"
RECENT_ROWS = 20
PRIVATE = "Nothing you write leaves this computer."
HOME_COMMITMENTS = 5  # open commitments listed on the home screen, soonest due first


def show_text(doc: SessionDocument) -> str:
    """One session for reading in the terminal."""
    from trustcoach.document import label

    lang = doc.lang
    out = [doc.title, "=" * min(len(doc.title), 60)]
    out += [f"{key}: {value}" for key, value in doc.meta]
    if doc.reviews:
        out += ["", f"## {label(lang, 'reviews')}"]
        out += [f"  - {line}" for line in doc.reviews]
    for section in doc.sections:
        out += ["", f"## {section.title}"]
        for item in section.items:
            out += ["", f"{item.prompt}"]
            out += [f"  {line}" for line in item.answer.split("\n")]
    if doc.commitments:
        out += ["", f"## {label(lang, 'commitments')}"]
        out += [f"  {n}. {line}" for n, line in enumerate(doc.commitments, start=1)]
    if doc.left_out:
        out += ["", label(lang, "left_out", count=doc.left_out)]
    return visible("\n".join(out))


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)


def list_rows(history: History, unreadable: list[Unreadable]) -> list[dict[str, Any]]:
    """The rows of ``list --json``, newest first; unreadable files are rows too."""
    kept, made = kept_counts(history), made_counts(history)
    rows: list[dict[str, Any]] = [
        {
            "id": s.id,
            "date": s.started_on,
            "status": s.status,
            "self_trust": s.self_trust,
            "partner_trust": s.partner_trust,
            "commitments_made": made.get(s.id, 0),
            "commitments_kept": kept.get(s.id, 0),
        }
        for s in history.sessions
    ]
    rows += [{"id": u.path.stem, "status": "unreadable", "problem": u.problem} for u in unreadable]
    return sorted(rows, key=lambda row: str(row["id"]), reverse=True)


def list_text(history: History, unreadable: list[Unreadable]) -> str:
    """One line per session, newest first, in 60 columns; unfinished sessions are starred."""
    if not history.sessions and not unreadable:
        return "No sessions yet. Begin with: trustcoach start"
    kept, made = kept_counts(history), made_counts(history)
    lines = {
        s.id: f"{s.started_on:<10}  {_num(s.self_trust):>4}  {_num(s.partner_trust):>7}  "
        f"{f'{kept.get(s.id, 0)}/{made.get(s.id, 0)}':>5}  {s.id}"
        f"{'' if s.status == 'complete' else ' *'}"
        for s in history.sessions
    }
    for u in unreadable:
        lines[u.path.stem] = (
            f"{'?':<10}  {'':>4}  {'':>7}  {'':>5}  {u.path.stem}  unreadable: {u.problem}"
        )
    out = [f"{'date':<10}  {'self':>4}  {'partner':>7}  {'kept':>5}  session"]
    out += [lines[key] for key in sorted(lines, reverse=True)]
    if any(s.status != "complete" for s in history.sessions):
        out += ["", "* unfinished: continue with 'trustcoach resume ID'"]
    return visible("\n".join(out))


def sparkline(values: list[float], low: float, high: float, width: int = 60) -> str:
    """Values as a line of block characters, averaged into at most ``width`` columns."""
    if not values:
        return ""
    if len(values) > width:
        size = len(values) / width
        values = [
            sum(chunk) / len(chunk)
            for i in range(width)
            if (chunk := values[int(i * size) : int((i + 1) * size)] or values[-1:])
        ]
    span = (high - low) or 1
    return "".join(
        BLOCKS[min(len(BLOCKS) - 1, max(0, round((v - low) / span * (len(BLOCKS) - 1))))]
        for v in values
    )


def bar(value: int | None, top: int = 10) -> str:
    """A rating as a bar of ``top`` cells."""
    if value is None:
        return "·" * top + "   -"
    filled = max(0, min(top, value))
    return "█" * filled + "·" * (top - filled) + f" {value:>3}"


def progress_data(history: History, unreadable: list[Unreadable]) -> dict[str, Any]:
    """Ratings per session and the ledger, for ``progress --json``."""
    kept, made = kept_counts(history), made_counts(history)
    book = ledger(history)
    return {
        "sessions": [
            {
                "id": s.id,
                "date": s.started_on,
                "self_trust": s.self_trust,
                "partner_trust": s.partner_trust,
                "commitments_made": made.get(s.id, 0),
                "commitments_kept": kept.get(s.id, 0),
            }
            for s in history.sessions
        ],
        "commitments": {
            "made": book.made,
            "kept": book.kept,
            "partly": book.partly,
            "not_kept": book.not_kept,
            "open": book.made - book.kept - book.partly - book.not_kept,
        },
        "strength": book.strength_percent,
        "strength_history": [round(v * 100) for v in book.history],
        "unreadable": [{"id": u.path.stem, "problem": u.problem} for u in unreadable],
    }


def progress_text(history: History, unreadable: list[Unreadable], show_all: bool = False) -> str:
    """Both ratings per session as bars, their trend over all sessions, and the ledger."""
    sessions = history.sessions
    note = (
        [
            f"{len(unreadable)} journal file(s) cannot be read and are not counted here; "
            "'trustcoach list' shows them, 'trustcoach doctor' says what to do."
        ]
        if unreadable
        else []
    )
    if not sessions:
        if note:
            return "\n".join(["No session could be read, so there is no progress to show.", *note])
        return "No sessions yet, so there is no progress to show. Begin with: trustcoach start"
    out = ["Ratings per session (1 to 10)", ""]
    rows = sessions if show_all else sessions[-RECENT_ROWS:]
    out.append(f"{'date':<10}  {'self-trust':<14}  {'partner trust (your estimate)'}")
    out += [f"{s.started_on:<10}  {bar(s.self_trust)}  {bar(s.partner_trust)}" for s in rows]
    if len(rows) < len(sessions):
        hidden = len(sessions) - len(rows)
        out.append(f"({hidden} earlier session(s) not shown; --all shows every one)")
    if len(sessions) > 1:
        out += ["", f"Trend over {len(sessions)} sessions, oldest to newest"]
        out.append(f"  self-trust     {sparkline(_ratings(history, 'self'), 1, 10)}")
        out.append(f"  partner trust  {sparkline(_ratings(history, 'partner'), 1, 10)}")
    out += ["", *ledger_lines(ledger(history))]
    if note:
        out += ["", *note]
    return visible("\n".join(out))


def _ratings(history: History, which: str) -> list[float]:
    values = (s.self_trust if which == "self" else s.partner_trust for s in history.sessions)
    return [float(v) for v in values if v is not None]


def ledger_lines(book: Ledger) -> list[str]:
    """Commitments made and kept, and the strength of keeping one's word."""
    reviewed = book.kept + book.partly + book.not_kept
    lines = [
        f"Commitments: {book.made} made, {reviewed} reviewed:",
        f"  {book.kept} kept, {book.partly} partly kept, {book.not_kept} not kept",
        f"Strength of keeping your word: {book.strength_percent} / 100",
    ]
    if len(book.history) > 1:
        lines.append(f"  {sparkline(book.history, 0, 1)}")
    return lines


def home_text(history: History, today: date, unreadable: int = 0) -> str:
    """The home screen: the last session, the trend, commitments due, and what to do next."""
    from trustcoach.history import open_commitments

    out = ["trustcoach: reflection for rebuilding trust.", PRIVATE]
    if unreadable:
        out += [
            "",
            f"{unreadable} journal file(s) cannot be read and were left as they are;",
            "'trustcoach doctor' says which and what to do.",
        ]
    if not history.sessions:
        out += ["", "No sessions yet. Begin with:  trustcoach start   (Japanese: --lang ja)"]
        return "\n".join(out)
    last = history.sessions[-1]
    state = "complete" if last.status == "complete" else "unfinished"
    out += ["", f"Last session: {last.started_on} ({state}), {last.id}"]
    out.append(
        f"  self-trust {_num(last.self_trust)}/10, partner trust {_num(last.partner_trust)}/10"
    )
    if len(history.sessions) > 1:
        selfs = sparkline(_ratings(history, "self"), 1, 10, 30)
        partners = sparkline(_ratings(history, "partner"), 1, 10, 30)
        out.append(f"  trend: self {selfs}  partner {partners}")
    waiting = open_commitments(history)
    due = [c for c in waiting if c.due <= today.isoformat()]
    if waiting:
        out += ["", f"Open commitments: {len(waiting)}, {len(due)} due for review"]
        shown = sorted(waiting, key=lambda c: (c.due, c.session, c.id))[:HOME_COMMITMENTS]
        out += [
            f"  - {c.text} ({'due' if c.due <= today.isoformat() else 'by'} {c.due})" for c in shown
        ]
        if len(waiting) > len(shown):
            out.append(f"  and {len(waiting) - len(shown)} more; the next session reviews them")
    out.append("")
    if last.status != "complete":
        out.append("Continue the last session:  trustcoach resume")
    out.append("Start a new session:        trustcoach start")
    out.append("See all sessions:           trustcoach list")
    out.append("See your progress:          trustcoach progress")
    return visible("\n".join(out))
