"""Between sessions: ``trustcoach checkin`` (a half-minute daily look at the open commitments)
and ``trustcoach remind`` (an iCalendar file of due dates, so any calendar can remind)."""

import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustcoach.cli.common import ProgressBar, command_lang, help_text, open_store
from trustcoach.cli.output import echo, echo_after

if TYPE_CHECKING:
    from trustcoach.journal.history import CommitmentRow
    from trustcoach.journal.store import JournalStore
    from trustcoach.session.checkin import CheckinResult

LATE_HOURS = 4  # before 04:00 a check-in is probably about the evening before


def checkin(
    yesterday: Annotated[
        bool, typer.Option("--yesterday", help=help_text("help_checkin_yesterday"))
    ] = False,
) -> None:
    """A half-minute look at your open commitments: done today, not today, or skip."""
    from trustcoach.clock import now
    from trustcoach.errors import SessionInterrupted
    from trustcoach.journal.checkins import CheckinBook
    from trustcoach.session.checkin import CheckinResult, run_checkin, to_check

    lang = command_lang()
    store = open_store()
    moment = now()
    day = moment.date() - timedelta(days=1 if yesterday else 0)
    waiting = _open_commitments(store, lang)
    commitments = to_check(waiting, day)
    if not commitments:
        echo(_nothing_to_check(lang, waiting, day))
        return
    echo(_checkin_intro(lang, day, len(commitments), yesterday, moment.hour < LATE_HOURS))
    ui, result = CheckinTerminal(lang, yesterday), CheckinResult()
    try:
        run_checkin(CheckinBook(store), commitments, day, now, ui, lang, result)
    except (KeyboardInterrupt, EOFError):
        echo("")
        if result.marked:
            raise SessionInterrupted("checkin_interrupted") from None
        raise SessionInterrupted("checkin_interrupted_nothing") from None
    echo(_checkin_closing(lang, day, result, waiting, moment.date()))


def remind(
    ics: Annotated[Path, typer.Option("--ics", help=help_text("help_remind_ics"))],
    detailed: Annotated[
        bool, typer.Option("--detailed", help=help_text("help_remind_detailed"))
    ] = False,
    with_checkin: Annotated[
        bool, typer.Option("--checkin", help=help_text("help_remind_checkin"))
    ] = False,
    at: Annotated[str, typer.Option("--at", help=help_text("help_remind_at"))] = "21:00",
    force: Annotated[bool, typer.Option("--force", help=help_text("help_remind_force"))] = False,
) -> None:
    """Write an iCalendar file with the due date of each open commitment."""
    from trustcoach.catalog.say import say
    from trustcoach.clock import now
    from trustcoach.errors import UsageError
    from trustcoach.export.calendar import CalendarRequest, calendar_bytes, parse_time
    from trustcoach.files import check_output, write_new_file

    lang = command_lang()
    checkin_at = parse_time(at) if with_checkin else None
    check_output(ics, force=force)
    commitments = _open_commitments(open_store(), lang)
    if not commitments:
        raise UsageError("remind_nothing")
    request = CalendarRequest(commitments, now(), lang, detailed, checkin_at)
    write_new_file(ics, calendar_bytes(request).decode("utf-8"), force=force)
    echo(say(lang, "remind_wrote", path=ics, count=len(commitments)))
    echo(say(lang, "remind_detailed" if detailed else "remind_neutral"))


def _open_commitments(store: "JournalStore", lang: str) -> list["CommitmentRow"]:
    from trustcoach.journal.history import open_commitments
    from trustcoach.journal.index import history

    return open_commitments(history(store, ProgressBar(lang)))


def _nothing_to_check(lang: str, waiting: list["CommitmentRow"], day: date) -> str:
    from trustcoach.catalog.say import say

    if not waiting:
        return say(lang, "checkin_none")
    return say(lang, "checkin_none_that_day", day=day.isoformat())


def _checkin_intro(lang: str, day: date, count: int, yesterday: bool, late: bool) -> str:
    from trustcoach.catalog.say import say

    lines = [say(lang, "checkin_title", day=day.isoformat(), count=count)]
    lines.append(say(lang, "checkin_hint_yesterday" if yesterday else "checkin_hint"))
    if late and not yesterday:
        lines.append(say(lang, "checkin_late", day=day.isoformat()))
    return "\n".join(lines)


def _checkin_closing(
    lang: str, day: date, result: "CheckinResult", waiting: list["CommitmentRow"], today: date
) -> str:
    """What was saved, and when the next review is, as the home screen says it: now, when a
    commitment (checked today or not) is already due; else the earliest due date."""
    from trustcoach.catalog.say import say
    from trustcoach.session.checkin import next_review

    day_text = day.isoformat()
    lines = ["", say(lang, "checkin_saved" if result.marked else "checkin_unchanged", day=day_text)]
    coming = next_review(waiting, today)
    if coming.due_now:
        lines.append(say(lang, "home_review_now", count=coming.due_now))
    elif coming.first is not None:
        lines.append(say(lang, "checkin_next_review", due=coming.first.isoformat()))
    return "\n".join(lines)


class CheckinTerminal:
    """Asks the check-in's questions at a terminal or through a pipe, one line each."""

    def __init__(self, lang: str, yesterday: bool = False) -> None:
        self.lang = lang
        self.yesterday = yesterday
        from trustcoach.cli.typed_input import prepare_stdin

        self.interactive = prepare_stdin()

    def ask_mark(
        self,
        number: int,
        total: int,
        commitment: "CommitmentRow",
        earlier: bool | None,
        problem: str | None,
    ) -> str:
        """Show one commitment (or why the last answer was not taken) and read a line."""
        from trustcoach.catalog.say import say
        from trustcoach.journal.checkins import toward
        from trustcoach.text import visible

        if problem:
            echo(visible(f"→ {problem}"))
        else:
            item = say(
                self.lang,
                "checkin_item_self" if toward(commitment) == "self" else "checkin_item",
                number=number,
                total=total,
                text=commitment.text,
                due=commitment.due,
            )
            echo("")
            echo(visible(item))
            if earlier is not None:
                echo(say(self.lang, "checkin_earlier_done" if earlier else "checkin_earlier_not"))
        sys.stdout.flush()
        line = input("> ")
        if not self.interactive:  # show piped answers, so the transcript reads like a dialogue
            echo_after("> ", visible(line))
        return line
