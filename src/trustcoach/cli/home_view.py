"""The home screen: the last session beside the one before, the trend, the open commitments
with what their check-ins said, when the next check-in and review are, and what to do next.
Pure: it returns text; every user text passes through ``visible()``."""

from __future__ import annotations

from datetime import date

from trustcoach.catalog.say import say
from trustcoach.cli.between_view import (
    Between,
    change_lines,
    days_line,
    next_lines,
    trend,
    unreadable_lines,
)
from trustcoach.journal.history import History
from trustcoach.text import visible

HOME_COMMITMENTS = 5  # open commitments listed on the home screen, soonest due first


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)


def home_text(
    history: History,
    today: date,
    unreadable: int = 0,
    lang: str = "en",
    between: Between | None = None,
) -> str:
    """The home screen (``between`` holds what the journals and check-ins add to the index)."""
    from trustcoach.journal.history import open_commitments

    between = between or Between()
    out = [say(lang, "home_title"), say(lang, "home_private")]
    if unreadable:
        out += ["", *say(lang, "home_unreadable", count=unreadable).split("\n")]
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
    out += change_lines(between, lang)
    rated = [s for s in history.sessions if s.self_trust is not None]
    if len(rated) > 2:
        selfs = trend([s.self_trust for s in rated])
        partners = trend([s.partner_trust for s in rated])
        out.append(say(lang, "home_trend", self=selfs, partner=partners))
    waiting = open_commitments(history)
    due = [c for c in waiting if c.due <= today.isoformat()]
    if waiting:
        out += ["", say(lang, "home_open", count=len(waiting), due=len(due))]
        shown = sorted(waiting, key=lambda c: (c.due, c.session, c.id))[:HOME_COMMITMENTS]
        for c in shown:
            when = say(lang, "home_due" if c.due <= today.isoformat() else "home_by")
            out.append(say(lang, "home_item", text=c.text, when=when, day=c.due))
            out += days_line(between, c, lang)
        if len(waiting) > len(shown):
            out.append(say(lang, "home_more", count=len(waiting) - len(shown)))
        out += unreadable_lines(between, lang)
    out += next_lines(history, between, today, lang)
    out.append("")
    if not done and not last.left:
        out.append(say(lang, "home_resume"))
    out += [say(lang, "home_start"), say(lang, "home_list"), say(lang, "home_progress")]
    return visible("\n".join(out))
