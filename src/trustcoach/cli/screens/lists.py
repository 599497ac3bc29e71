"""The screens over all the journals: ``list`` and ``progress`` (the home screen is in
``home.py``).

The functions that build rows and charts are pure and return text or data; printing is left to
the commands. Every user text passes through ``visible()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import say, tell
from trustcoach.cli.screens.numbers import number
from trustcoach.default_pack import BELIEFS
from trustcoach.journal.history import History, Ledger, SessionRow, ledger
from trustcoach.journal.store import Unreadable
from trustcoach.text import columns, pad, visible

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key
    from trustcoach.session.between import Between

LIST_HEADS: tuple[Key, ...] = (
    "list_h_date",
    "list_h_self",
    "list_h_partner",
    "list_h_kept",
    "list_h_session",
)
RECENT_ROWS = 20
PROGRESS_COMMITMENTS = 5  # open commitments listed by progress (all of them in --json)


def not_reviewed(history: History) -> dict[str, int]:
    """How many commitments of each session are not reviewed yet."""
    count: dict[str, int] = {}
    for commitment in history.open:
        count[commitment.session] = count.get(commitment.session, 0) + 1
    return count


def list_rows(
    history: History, unreadable: list[Unreadable], program: str
) -> list[dict[str, Any]]:
    """The rows of ``list --json``, newest first; unreadable files are rows too (why, in
    English, naming ``program`` as the hints do). ``commitments_kept`` counts among
    ``commitments_reviewed``, never the ones still open."""
    kept, made, still_open = history.kept, history.made, not_reviewed(history)
    rows: list[dict[str, Any]] = [
        {
            "id": s.id,
            "date": s.started_on,
            "status": s.status,
            "self_trust": s.self_trust,
            "partner_trust": s.partner_trust,
            "commitments_made": made.get(s.id, 0),
            "commitments_kept": kept.get(s.id, 0),
            "commitments_reviewed": made.get(s.id, 0) - still_open.get(s.id, 0),
            "left": bool(s.left),
        }
        for s in history.sessions
    ]
    rows += [
        {"id": u.path.stem, "status": "unreadable", "problem": tell("en", u.problem, program)}
        for u in unreadable
    ]
    return sorted(rows, key=lambda row: str(row["id"]), reverse=True)


def list_text(
    history: History,
    unreadable: list[Unreadable],
    lang: str = "en",
    leftovers: int = 0,
    *,
    program: str,
) -> str:
    """One line per session, newest first, in columns as wide as their headings; unfinished
    sessions are starred, and why a file cannot be read is said on the line below it; then how
    many files a sync tool left in the journals folder (``doctor`` names them). The hints name
    ``program``."""
    count = leftovers
    note = ["", say(lang, "list_sync_leftovers", count=count, program=program)] if count else []
    if not history.sessions and not unreadable:
        return "\n".join([say(lang, "list_empty", program=program), *note])
    cells = _kept_cells(history, lang)
    head = [say(lang, key) for key in LIST_HEADS]
    wide = [max(columns(head[0]), 10), max(columns(head[1]), 2), max(columns(head[2]), 2)]
    wide.append(max(map(columns, {head[3], *cells.values()})))  # a few distinct cells

    def row(cells: list[str], session: str) -> str:
        padded = [pad(cells[0], wide[0])] + [
            pad(cell, width, right=True) for cell, width in zip(cells[1:], wide[1:], strict=True)
        ]
        return "  ".join([*padded, session])

    # The rows of a session, written out rather than through row(): at 10,000 sessions this
    # loop is a third of what ``list`` does, and dates, ratings and ids are ASCII, so str's own
    # padding counts their cells (the kept cell may be Japanese, and goes through pad()).
    date_w, self_w, partner_w, kept_w = wide
    lines = {}
    for s in history.sessions:
        if s.left:
            lines[s.id] = _left_row(s, wide, lang)
            continue
        lines[s.id] = (
            f"{pad(s.started_on, date_w)}  {number(s.self_trust).rjust(self_w)}  "
            f"{number(s.partner_trust).rjust(partner_w)}  {pad(cells[s.id], kept_w, right=True)}  "
            + (s.id if s.status == "complete" else f"{s.id} *")
        )
    for u in unreadable:
        problem = say(lang, "list_unreadable", problem=u.problem, program=program)
        lines[u.path.stem] = row(["?", "", "", ""], u.path.stem) + "\n" + problem
    out = [row(head[:4], head[4])]
    out += [lines[key] for key in sorted(lines, reverse=True)]
    legends = []
    if any(s.status != "complete" and not s.left for s in history.sessions):
        legends.append(say(lang, "list_legend", program=program))
    if history.open:
        legends.append(say(lang, "list_legend_open"))
    if legends:
        out += ["", *legends]
    return visible("\n".join([*out, *note]))


def _kept_cells(history: History, lang: str) -> dict[str, str]:
    """The "kept" cell of each session: kept/reviewed (``2/3``), with ``+N`` for commitments
    not reviewed yet (``1/2 +1``), or "not yet" when none is: never a zero for a review that
    has not happened."""
    still_open = not_reviewed(history)
    cells = {}
    for s in history.sessions:
        made, waiting = history.made.get(s.id, 0), still_open.get(s.id, 0)
        reviewed = made - waiting
        if not made:
            cells[s.id] = "-"
        elif not reviewed:
            cells[s.id] = say(lang, "list_not_reviewed")
        else:
            cell = f"{history.kept.get(s.id, 0)}/{reviewed}"
            cells[s.id] = f"{cell} +{waiting}" if waiting else cell
    return cells


def _left_row(s: SessionRow, wide: list[int], lang: str) -> str:
    """A session left unfinished: its date, then "left unfinished" across the rating columns."""
    across = sum(wide[1:]) + 2 * (len(wide) - 2)
    return "  ".join([pad(s.started_on, wide[0]), pad(say(lang, "list_left"), across), s.id])


def bar(value: int | None, top: int = 10) -> str:
    """A rating as a bar of ``top`` cells."""
    if value is None:
        return "·" * top + "   -"
    filled = max(0, min(top, value))
    return "█" * filled + "·" * (top - filled) + f" {value:>3}"


def progress_data(
    history: History, unreadable: list[Unreadable], between: Between | None, program: str
) -> dict[str, Any]:
    """Ratings per session, both ledgers and the open commitments with what their check-ins
    said, for ``progress --json`` (why a file cannot be read in English, naming ``program``). A
    strength is null until a first review measures it."""
    from trustcoach.cli.screens.between import open_data

    kept, made, still_open = history.kept, history.made, not_reviewed(history)
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
                "commitments_reviewed": made.get(s.id, 0) - still_open.get(s.id, 0),
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
        "strength": book.strength_percent if book.history else None,
        "strength_history": [round(v * 100) for v in book.history],
        "self_strength": own.strength_percent if own.history else None,
        "self_strength_history": [round(v * 100) for v in own.history],
        "open_commitments": open_data(history.open, between.days if between else {}),
        "unreadable": [
            {"id": u.path.stem, "problem": tell("en", u.problem, program)} for u in unreadable
        ],
        "unreadable_checkins": [
            {"day": u.path.stem, "problem": tell("en", u.problem, program)}
            for u in (between.unreadable_days if between else [])
        ],
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
    history: History,
    unreadable: list[Unreadable],
    show_all: bool = False,
    lang: str = "en",
    between: Between | None = None,
    *,
    program: str,
) -> str:
    """Both ratings per session as bars, their trend as numbers, the beliefs, both ledgers, and
    the open commitments with what their check-ins said; the hints name ``program``."""
    from trustcoach.cli.screens.between import trend, unreadable_lines  # not for list

    sessions = history.sessions
    count = len(unreadable)
    note = [say(lang, "progress_unreadable", count=count, program=program)] if count else []
    if not sessions:
        if note:
            return "\n".join([say(lang, "progress_none_readable"), *note])
        return say(lang, "progress_none", program=program)
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
    out.append(say(lang, "progress_partner"))  # the short heading "partner", said in full
    rated = [s for s in sessions if s.self_trust is not None or s.partner_trust is not None]
    if len(rated) > 1:
        out += ["", say(lang, "progress_trend", count=len(rated))]
        names = [say(lang, "progress_self"), say(lang, "progress_partner_short")]
        width = max(columns(name) for name in names) + 1
        out.append(f"  {pad(names[0], width)}{trend([s.self_trust for s in rated])}")
        out.append(f"  {pad(names[1], width)}{trend([s.partner_trust for s in rated])}")
    out += belief_lines(rows, lang)
    out += ["", *ledger_lines(ledger(history, "self"), lang, "self")]
    out += ["", *ledger_lines(ledger(history, "partner"), lang, "partner")]
    between = between or Between()
    if history.open:
        out += ["", say(lang, "progress_open"), *open_lines(history, between, lang)]
        out += unreadable_lines(between, lang, program)
    if note:
        out += ["", *note]
    return visible("\n".join(out))


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
        cells = [pad(f"{number(a)} → {number(b)}", 14) for a, b in s.beliefs()]
        out.append("  ".join([f"{s.started_on:<10}", *cells]).rstrip())
    return out


def ledger_lines(book: Ledger, lang: str = "en", toward: str = "partner") -> list[str]:
    """Commitments made (to the partner, or promises to oneself) and how they went, and the
    strength of keeping one's word to them."""
    reviewed = book.kept + book.partly + book.not_kept
    own = toward == "self"
    if not book.history:  # nothing reviewed yet: not measured, which is not a zero
        return [
            say(lang, "ledger_self_made_open" if own else "ledger_made_open", made=book.made),
            say(lang, "ledger_self_strength_none" if own else "ledger_strength_none"),
        ]
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
        from trustcoach.cli.screens.between import trend

        steps = trend([round(v * 100) for v in book.history])
        lines.append(say(lang, "ledger_strength_steps", steps=steps))
    return lines


def open_lines(history: History, between: Between, lang: str) -> list[str]:
    """The open commitments, soonest due first, each with what its check-ins said."""
    from trustcoach.cli.screens.between import days_line, when_line

    out = []
    ordered = sorted(history.open, key=lambda c: (c.due, c.session, c.id))
    for c in ordered[:PROGRESS_COMMITMENTS]:
        when = when_line(c, say(lang, "home_by", day=c.due), lang)
        out.append(say(lang, "home_item", text=c.text, when=when))
        out += days_line(between, c, lang)
    if len(ordered) > PROGRESS_COMMITMENTS:
        out.append(say(lang, "home_more", count=len(ordered) - PROGRESS_COMMITMENTS))
    return out
