"""Terminal views over all the journals: list, progress and the home screen.

The functions that build rows and charts are pure and return text or data; printing is left to
the CLI. Every user text passes through ``visible()``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import PROGRAM, say, tell
from trustcoach.journal.history import BELIEFS, History, Ledger, SessionRow, ledger
from trustcoach.journal.store import Unreadable
from trustcoach.text import columns, pad, visible

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

LIST_HEADS: tuple[Key, ...] = (
    "list_h_date",
    "list_h_self",
    "list_h_partner",
    "list_h_kept",
    "list_h_session",
)
BLOCKS = "▁▂▃▄▅▆▇█"
RECENT_ROWS = 20
SCREEN_COLUMNS = 60  # every screen is laid out to fit this many columns
HOME_COMMITMENTS = 5  # open commitments listed on the home screen, soonest due first
# Trend lines are at most this many cells wide, so that every screen fits 60 columns.
TREND_CELLS = 40
HOME_TREND_CELLS = 16


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)


def list_rows(history: History, unreadable: list[Unreadable]) -> list[dict[str, Any]]:
    """The rows of ``list --json``, newest first; unreadable files are rows too."""
    kept, made = history.kept, history.made
    rows: list[dict[str, Any]] = [
        {
            "id": s.id,
            "date": s.started_on,
            "status": s.status,
            "self_trust": s.self_trust,
            "partner_trust": s.partner_trust,
            "commitments_made": made.get(s.id, 0),
            "commitments_kept": kept.get(s.id, 0),
            "left": bool(s.left),
        }
        for s in history.sessions
    ]
    rows += [
        {"id": u.path.stem, "status": "unreadable", "problem": tell("en", u.problem)}
        for u in unreadable
    ]
    return sorted(rows, key=lambda row: str(row["id"]), reverse=True)


def list_text(
    history: History, unreadable: list[Unreadable], lang: str = "en", leftovers: int = 0
) -> str:
    """One line per session, newest first, in columns as wide as their headings; unfinished
    sessions are starred, and why a file cannot be read is said on the line below it; then how
    many files a sync tool left in the journals folder (``doctor`` names them)."""
    note = ["", say(lang, "list_sync_leftovers", count=leftovers)] if leftovers else []
    if not history.sessions and not unreadable:
        return "\n".join([say(lang, "list_empty"), *note])
    kept, made = history.kept, history.made
    head = [say(lang, key) for key in LIST_HEADS]
    wide = [max(columns(head[0]), 10), max(columns(head[1]), 2), max(columns(head[2]), 2)]
    wide.append(max(columns(head[3]), 5))

    def row(cells: list[str], session: str) -> str:
        padded = [pad(cells[0], wide[0])] + [
            pad(cell, width, right=True) for cell, width in zip(cells[1:], wide[1:], strict=True)
        ]
        return "  ".join([*padded, session])

    lines = {
        s.id: _left_row(s, wide, lang)
        if s.left
        else row(
            [s.started_on, _num(s.self_trust), _num(s.partner_trust), _kept(s.id, kept, made)],
            s.id if s.status == "complete" else f"{s.id} *",
        )
        for s in history.sessions
    }
    for u in unreadable:
        problem = say(lang, "list_unreadable", problem=u.problem)
        lines[u.path.stem] = row(["?", "", "", ""], u.path.stem) + "\n" + problem
    out = [row(head[:4], head[4])]
    out += [lines[key] for key in sorted(lines, reverse=True)]
    if any(s.status != "complete" and not s.left for s in history.sessions):
        out += ["", say(lang, "list_legend")]
    return visible("\n".join([*out, *note]))


def _kept(session: str, kept: dict[str, int], made: dict[str, int]) -> str:
    return f"{kept.get(session, 0)}/{made.get(session, 0)}"


def _left_row(s: SessionRow, wide: list[int], lang: str) -> str:
    """A session left unfinished: its date, then "left unfinished" across the rating columns."""
    across = sum(wide[1:]) + 2 * (len(wide) - 2)
    return "  ".join([pad(s.started_on, wide[0]), pad(say(lang, "list_left"), across), s.id])


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
    kept, made = history.kept, history.made
    book, own = ledger(history, "partner"), ledger(history, "self")
    return {
        "sessions": [
            {
                "id": s.id,
                "date": s.started_on,
                "self_trust": s.self_trust,
                "partner_trust": s.partner_trust,
                "commitments_made": made.get(s.id, 0),
                "commitments_kept": kept.get(s.id, 0),
                "beliefs": {
                    step: {"start": start, "end": end}
                    for (step, _, _), (start, end) in zip(BELIEFS, s.beliefs(), strict=True)
                },
                "left": bool(s.left),
            }
            for s in history.sessions
        ],
        "commitments": _counts(book),
        "self_commitments": _counts(own),
        "strength": book.strength_percent,
        "strength_history": [round(v * 100) for v in book.history],
        "self_strength": own.strength_percent,
        "self_strength_history": [round(v * 100) for v in own.history],
        "unreadable": [{"id": u.path.stem, "problem": tell("en", u.problem)} for u in unreadable],
    }


def _counts(book: Ledger) -> dict[str, int]:
    return {
        "made": book.made,
        "kept": book.kept,
        "partly": book.partly,
        "not_kept": book.not_kept,
        "open": book.made - book.kept - book.partly - book.not_kept,
    }


def progress_text(
    history: History, unreadable: list[Unreadable], show_all: bool = False, lang: str = "en"
) -> str:
    """Both ratings per session as bars, their trend over all sessions, and the ledger."""
    sessions = history.sessions
    note = [say(lang, "progress_unreadable", count=len(unreadable))] if unreadable else []
    if not sessions:
        if note:
            return "\n".join([say(lang, "progress_none_readable"), *note])
        return say(lang, "progress_none")
    out = [say(lang, "progress_title"), ""]
    rows = sessions if show_all else sessions[-RECENT_ROWS:]
    head = [pad(say(lang, "list_h_date"), 10), pad(say(lang, "progress_self"), 14)]
    out.append("  ".join([*head, say(lang, "progress_partner_short")]))
    out += [
        f"{s.started_on:<10}  {say(lang, 'list_left')}"
        if s.left and s.self_trust is None and s.partner_trust is None
        else f"{s.started_on:<10}  {bar(s.self_trust)}  {bar(s.partner_trust)}"
        for s in rows
    ]
    if len(rows) < len(sessions):
        out.append(say(lang, "progress_hidden", count=len(sessions) - len(rows)))
    out.append(say(lang, "progress_partner"))
    if len(sessions) > 1:
        out += ["", say(lang, "progress_trend", count=len(sessions))]
        names = [say(lang, "progress_self"), say(lang, "progress_partner_short")]
        width = max(columns(name) for name in names) + 1
        selfs = sparkline(_ratings(history, "self"), 1, 10, TREND_CELLS)
        out.append(f"  {pad(names[0], width)}{selfs}")
        partner = sparkline(_ratings(history, "partner"), 1, 10, TREND_CELLS)
        out.append(f"  {pad(names[1], width)}{partner}")
    out += belief_lines(rows, lang)
    out += ["", *ledger_lines(ledger(history, "self"), lang, "self")]
    out += ["", *ledger_lines(ledger(history, "partner"), lang, "partner")]
    if note:
        out += ["", *note]
    return visible("\n".join(out))


def _ratings(history: History, which: str) -> list[float]:
    values = (s.self_trust if which == "self" else s.partner_trust for s in history.sessions)
    return [float(v) for v in values if v is not None]


def belief_lines(rows: list[SessionRow], lang: str) -> list[str]:
    """The three beliefs (0 to 100) at the start and the end of their steps, per session;
    nothing when no session measured them."""
    measured = [s for s in rows if any(v is not None for pair in s.beliefs() for v in pair)]
    if not measured:
        return []
    heads = [pad(say(lang, key), 14) for key in ("belief_never", "belief_words", "belief_others")]
    head = "  ".join([pad(say(lang, "list_h_date"), 10), *heads])
    out = ["", say(lang, "progress_beliefs"), "", head.rstrip()]
    for s in measured:
        cells = [pad(f"{_num(a)} → {_num(b)}", 14) for a, b in s.beliefs()]
        out.append("  ".join([f"{s.started_on:<10}", *cells]).rstrip())
    return out


def ledger_lines(book: Ledger, lang: str = "en", toward: str = "partner") -> list[str]:
    """Commitments made (to the partner, or promises to oneself) and how they went, and the
    strength of keeping one's word to them."""
    reviewed = book.kept + book.partly + book.not_kept
    own = toward == "self"
    lines = [
        say(lang, "ledger_self_made" if own else "ledger_made", made=book.made, reviewed=reviewed),
        say(lang, "ledger_outcomes", kept=book.kept, partly=book.partly, not_kept=book.not_kept),
        say(
            lang,
            "ledger_self_strength" if own else "ledger_strength",
            strength=book.strength_percent,
        ),
    ]
    if len(book.history) > 1:
        lines.append(f"  {sparkline(book.history, 0, 1, TREND_CELLS)}")
    return lines


def home_text(history: History, today: date, unreadable: int = 0, lang: str = "en") -> str:
    """The home screen: the last session, the trend, commitments due, and what to do next."""
    from trustcoach.journal.history import open_commitments

    out = [say(lang, "home_title"), say(lang, "home_private")]
    if unreadable:
        out += ["", say(lang, "home_unreadable", count=unreadable)]
    if not history.sessions:
        out += ["", say(lang, "home_begin")]
        return "\n".join(out)
    last = history.sessions[-1]
    done = last.status == "complete"
    state = say(lang, "home_complete" if done else "home_left" if last.left else "home_unfinished")
    out += ["", say(lang, "home_last", day=last.started_on, state=state, id=last.id)]
    out.append(
        say(lang, "home_last_ratings", self=_num(last.self_trust), partner=_num(last.partner_trust))
    )
    if len(history.sessions) > 1:
        selfs = sparkline(_ratings(history, "self"), 1, 10, HOME_TREND_CELLS)
        partners = sparkline(_ratings(history, "partner"), 1, 10, HOME_TREND_CELLS)
        out.append(say(lang, "home_trend", self=selfs, partner=partners))
    waiting = open_commitments(history)
    due = [c for c in waiting if c.due <= today.isoformat()]
    if waiting:
        out += ["", say(lang, "home_open", count=len(waiting), due=len(due))]
        shown = sorted(waiting, key=lambda c: (c.due, c.session, c.id))[:HOME_COMMITMENTS]
        out += [
            say(
                lang,
                "home_item",
                text=c.text,
                when=say(lang, "home_due" if c.due <= today.isoformat() else "home_by", day=c.due),
            )
            for c in shown
        ]
        if len(waiting) > len(shown):
            out.append(say(lang, "home_more", count=len(waiting) - len(shown)))
    out.append("")
    steps: list[tuple[Key, str]] = [("home_start", "start"), ("home_list", "list")]
    steps.append(("home_progress", "progress"))
    if not done and not last.left:
        steps.insert(0, ("home_resume", "resume"))
    out += next_steps([(say(lang, key), f"{PROGRAM[0]} {command}") for key, command in steps])
    return visible("\n".join(out))


def next_steps(rows: list[tuple[str, str]]) -> list[str]:
    """What to do next, each a label and the command that does it: in two columns when they
    fit 60 columns, else each command on its own line under its label (a long path to the
    program is never broken in the middle of a command)."""
    width = max(columns(label) for label, _ in rows) + 2
    if width + max(columns(command) for _, command in rows) <= SCREEN_COLUMNS:
        return [pad(label, width) + command for label, command in rows]
    return [line for label, command in rows for line in (label, f"  {command}")]
