"""``trustcoach checkin``: a half-minute daily look at the open commitments."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from trustcoach.cli.run import Run
from trustcoach.cli.terminal.help_words import help_text
from trustcoach.cli.terminal.output import echo
from trustcoach.cli.terminal.progress import ProgressBar

if TYPE_CHECKING:
    from trustcoach.journal.history import CommitmentRow
    from trustcoach.journal.store import JournalStore
    from trustcoach.session.checkin import CheckinResult, Marks

LATE_HOURS = 4  # before 04:00 a check-in is probably about the evening before


def checkin(
    ctx: typer.Context,
    yesterday: Annotated[
        bool, typer.Option("--yesterday", help=help_text("help_checkin_yesterday"))
    ] = False,
) -> None:
    """A half-minute look at your open commitments: done today, not today, or skip."""
    from trustcoach.clock import now
    from trustcoach.errors import SessionInterrupted
    from trustcoach.journal.checkins.book import CheckinBook
    from trustcoach.session.checkin import CheckinResult, run_checkin, to_check

    run: Run = ctx.obj
    lang, store, moment = run.choose_lang(), run.open_store(), now()
    day = moment.date() - timedelta(days=1 if yesterday else 0)
    waiting = open_commitments(store, lang)
    book = CheckinBook(store)
    marks = book.marks(waiting, through=day)[0]  # once or times a week: done enough yet?
    commitments = to_check(waiting, day, marks)
    if not commitments:
        echo(_nothing_to_check(run, waiting, day, marks))
        return
    echo(_checkin_intro(run, day, len(commitments), yesterday, moment.hour < LATE_HOURS))
    from trustcoach.cli.dialogues.checkin import CheckinTerminal

    ui, result = CheckinTerminal(lang, yesterday), CheckinResult()
    try:
        run_checkin(book, commitments, day, now, ui, lang, result)
    except (KeyboardInterrupt, EOFError):
        echo("")
        if result.marked:
            raise SessionInterrupted("checkin_interrupted") from None
        raise SessionInterrupted("checkin_interrupted_nothing") from None
    marks = book.marks(waiting, through=day)[0]  # with this check-in's marks
    echo(_checkin_closing(run, day, result, waiting, moment.date(), marks))


def open_commitments(store: "JournalStore", lang: str) -> list["CommitmentRow"]:
    from trustcoach.journal.history import open_commitments
    from trustcoach.journal.index import history

    return open_commitments(history(store, ProgressBar(lang)))


def _nothing_to_check(run: Run, waiting: list["CommitmentRow"], day: date, marks: "Marks") -> str:
    """Why nothing is asked: no open commitment; none whose days run through ``day``; or none
    scheduled that day, each with its days and when it is next (or that it is done)."""
    from trustcoach.schedule import day_words, describe, next_asked
    from trustcoach.session.checkin import checkin_order
    from trustcoach.text import visible

    if not waiting:
        return run.say("checkin_none")
    running = [c for c in waiting if c.first_day <= day <= c.due_date]
    if not running:
        return run.say("checkin_none_that_day", day=day.isoformat())
    lines = [run.say("checkin_none_today", day=day_words(day, run.lang))]
    for c in sorted(running, key=checkin_order):
        after = next_asked(c.rule, c.first_day, c.due_date, day, marks.get(c.ref, {}))
        values = {"text": c.text, "schedule": describe(c.rule, run.lang)}
        if after is None:
            lines.append(run.say("checkin_done_item", **values))
        else:
            when = day_words(after, run.lang)
            lines.append(run.say("checkin_not_today_item", when=when, **values))
    return visible("\n".join(lines))


def _checkin_intro(run: Run, day: date, count: int, yesterday: bool, late: bool) -> str:
    lines = [run.say("checkin_title", day=day.isoformat(), count=count)]
    lines.append(run.say("checkin_hint_yesterday" if yesterday else "checkin_hint"))
    if late and not yesterday:
        lines.append(run.say("checkin_late", day=day.isoformat()))
    return "\n".join(lines)


def _checkin_closing(
    run: Run,
    day: date,
    result: "CheckinResult",
    waiting: list["CommitmentRow"],
    today: date,
    marks: "Marks",
) -> str:
    """What was saved, when the next check-in is (on the commitments' days), and when the next
    review is, as the home screen says it: now, when a commitment (checked today or not) is
    already due; else the earliest due date."""
    from trustcoach.schedule import day_words
    from trustcoach.session.checkin import next_checkin, next_review

    day_text = day.isoformat()
    lines = ["", run.say("checkin_saved" if result.marked else "checkin_unchanged", day=day_text)]
    after = next_checkin(waiting, day, marks)
    if after is not None:
        lines.append(run.say("checkin_next", when=day_words(after, run.lang)))
    coming = next_review(waiting, today)
    if coming.due_now:
        lines.append(run.say("home_review_now", count=coming.due_now))
    elif coming.first is not None:
        lines.append(run.say("checkin_next_review", due=coming.first.isoformat()))
    return "\n".join(lines)
