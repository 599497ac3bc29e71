"""The home screen: the last session beside the one before, the trend, the open commitments
with what their check-ins said, when the next check-in and review are, and what to do next.
Pure: it returns text; every user text passes through ``visible()``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from trustcoach.catalog.say import say
from trustcoach.cli.screens.between import (
    change_lines,
    checkin_today,
    days_line,
    next_lines,
    trend,
    unreadable_lines,
    when_line,
)
from trustcoach.cli.screens.numbers import number
from trustcoach.journal.history import History
from trustcoach.session.between import Between
from trustcoach.text import columns, pad, visible

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

HOME_COMMITMENTS = 5  # open commitments listed on the home screen, soonest due first
SCREEN_COLUMNS = 60  # the next steps are laid out to fit this many columns



def home_text(
    history: History,
    today: date,
    unreadable: int = 0,
    lang: str = "en",
    between: Between | None = None,
    *,
    program: str,
) -> str:
    """The home screen (``between`` holds what the journals and check-ins add to the index);
    its hints and next steps name ``program``, the command that runs trustcoach."""
    from trustcoach.journal.history import open_commitments

    between = between or Between()
    out = [say(lang, "home_title"), say(lang, "home_private")]
    if unreadable:
        out += ["", say(lang, "home_unreadable", count=unreadable, program=program)]
    if not history.sessions:
        out += ["", say(lang, "home_begin", program=program)]
        return "\n".join(out)
    last = history.sessions[-1]
    done = last.status == "complete"
    state = say(lang, "home_complete" if done else "home_left" if last.left else "home_unfinished")
    out += ["", say(lang, "home_last", day=last.started_on, state=state, id=last.id)]
    ratings = {"self": number(last.self_trust), "partner": number(last.partner_trust)}
    out.append(say(lang, "home_last_ratings", **ratings))
    out += change_lines(between, lang)
    out += trend_lines(history, lang)
    waiting = open_commitments(history)
    due = [c for c in waiting if c.due <= today.isoformat()]
    if waiting:
        out += ["", say(lang, "home_open", count=len(waiting), due=len(due))]
        shown = sorted(waiting, key=lambda c: (c.due, c.session, c.id))[:HOME_COMMITMENTS]
        for c in shown:
            when = say(lang, "home_due" if c.due <= today.isoformat() else "home_by", day=c.due)
            out.append(say(lang, "home_item", text=c.text, when=when_line(c, when, lang)))
            out += days_line(between, c, lang)
        if len(waiting) > len(shown):
            out.append(say(lang, "home_more", count=len(waiting) - len(shown)))
        out += unreadable_lines(between, lang, program)
    out += next_lines(history, between, today, lang, program)
    out.append("")
    steps: list[tuple[Key, str]] = [("home_start", "start"), ("home_list", "list")]
    steps.append(("home_progress", "progress"))
    if checkin_today(history, between, today):
        steps.insert(0, ("home_checkin_today", "checkin"))
    if not done and not last.left:
        steps.insert(0, ("home_resume", "resume"))
    out += next_steps([(say(lang, key), f"{program} {command}") for key, command in steps])
    return visible("\n".join(out))


def trend_lines(history: History, lang: str) -> list[str]:
    """Both ratings over the sessions (from three on; two are compared above): on one line
    when it fits 60 columns, else a line each, so that each trend stays beside its name."""
    rated = [s for s in history.sessions if s.self_trust is not None]
    if len(rated) <= 2:
        return []
    selfs = trend([s.self_trust for s in rated])
    partners = trend([s.partner_trust for s in rated])
    line = say(lang, "home_trend", self=selfs, partner=partners)
    if columns(line) <= SCREEN_COLUMNS:
        return [line]
    return [
        say(lang, "home_trend_self", trend=selfs),
        say(lang, "home_trend_partner", trend=partners),
    ]


def next_steps(rows: list[tuple[str, str]]) -> list[str]:
    """What to do next, each a label and the command that does it: in two columns when they
    fit 60 columns, else each command on its own line under its label (a long path to the
    program is never broken in the middle of a command)."""
    width = max(columns(label) for label, _ in rows) + 2
    if width + max(columns(command) for _, command in rows) <= SCREEN_COLUMNS:
        return [pad(label, width) + command for label, command in rows]
    return [line for label, command in rows for line in (label, f"  {command}")]
